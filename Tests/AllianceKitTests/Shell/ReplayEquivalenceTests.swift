import Testing

@testable import AllianceKit

/// A small, seedable generator so a failing sequence can be replayed from its seed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct ReplayEquivalenceTests {
    /// Commands, answers, and answers that begin with a command's word.
    static let lines: [String] = [
        "/ask", "/ask", "/ask trust", "/ask feedback", #"/ask "What would a great Monday look like?""#,
        "I don't like being micromanaged", "Being trusted to decide", "café 🌟 and \u{1B}[31m", "@Sam me too",
        "> no idea", "/probe", "/probe honesty", #"/probe "What else?""#, "/flip",
        "/flip how can I support you?",
        "/mine", "/mine My tendency is to rush", "/agree", "/agree We meet on Mondays",
        "/agree Notes after calls",
        "/repair", "/repair A1", "/repair A1 We reset on Tuesday", "/repair A2 a call",
        "/repair Time-out, then talk", "/note something", "/note --private just for me", "/undo", "/undo",
        "/pack feedback", "/pack accountability", "/pack new-team-member", "/log 3", "/agreements", "/packs",
        "/help", "/with", "/me", "/checkin", "/keep", "/skip", "/adjust A1 We meet on Tuesdays", "/drop A2",
        "/reload", "/nonsense words here", "/a", "/u", "/pro", "//etc is where it lives",
        "Agree on goals", "Mine is the pirate ship", "With pleasure", "Quit smoking is my goal", "Help", "no",
        "Undo the damage we did", "Revisit 2026-11-2", "Without doubt", "Me first", "Amend nothing", "undo",
        "with Sam", "quit", "note to self", "Probe all you like", "Flip it around",
    ]

    /// Names as a coach might type them: whole, first names, other capitals, without accents, new.
    static let names = [
        "Zoë", "zoe", "ZOË", "Sam", "sam", "Sam Reyes", "sam okafor", "Léo", "leo", "LEO", "Amara Okafor",
        "amara", "Ana", "Åna", "ana", "Kim", "Dad",
    ]

    static let wordings = ["Fridays, not Mondays", "a better wording", "café ✎ again", "What else matters?"]

    /// Who starts: plain names, accented names and a shared first name; sometimes a facilitator's name.
    static let casts: [[String]] = [
        ["Zoë", "Sam"], ["Amara Okafor", "Zoë", "Léo"], ["Sam Reyes", "Sam Okafor"], [],
    ]

    /// One line a coach might type: a fixed line, or a correction, a name or an `@` answer built
    /// for the alliance as it stands (entry numbers up to a few past the last, so some do not exist).
    static func line(using rng: inout SplitMix64, lastSeq: Int) -> String {
        func entry() -> Int { Int.random(in: 0...(lastSeq + 3), using: &rng) }
        func name() -> String { names.randomElement(using: &rng)! }
        switch Int.random(in: 0..<12, using: &rng) {
        case 0..<6: return lines.randomElement(using: &rng)!
        case 6: return "/undo " + (Bool.random(using: &rng) ? "#" : "") + String(entry())
        case 7: return "/amend \(entry()) \(wordings.randomElement(using: &rng)!)"
        case 8: return "/with \(name())"
        case 9: return "/without \(name())"
        case 10: return "/me \(name())"
        default: return "@\(name()) \(wordings.randomElement(using: &rng)!)"
        }
    }

    @Test(arguments: 0..<100)
    func liveStateEqualsTheStateReplayedFromTheLog(seed: Int) throws {
        var rng = SplitMix64(state: UInt64(seed) &* 7919)
        let session = try Session(
            newIn: DataHome(path: temporaryDirectory() + "/home"), packs: bundledPacks, rules: bundledRules,
            options: StartOptions(
                participants: Self.casts[seed % Self.casts.count], me: seed % 5 == 0 ? "Dad" : nil),
            clock: SteppingClock())
        var typed: [String] = []
        for _ in 0..<Int.random(in: 5...40, using: &rng) {
            let line = Self.line(using: &rng, lastSeq: session.state.lastSeq)
            typed.append(line)
            let before = session.state.lastSeq
            _ = session.execute(line)
            // A line without a leading `/` or `@` is an answer, or nothing, whatever word it starts with.
            if !line.hasPrefix("/") && !line.hasPrefix("@") {
                let recorded = session.state.events.filter { $0.seq > before }.map(\.kind.type.rawValue)
                #expect(
                    recorded.allSatisfy { $0 == "answer" || $0 == "rule" }
                        && recorded.filter { $0 == "answer" }.count <= 1,
                    "seed \(seed): \"\(line)\" recorded \(recorded)")
            }
            // No two people taking part answer to the same name as people type it.
            let folded = session.state.participants.map(\.foldedForNames)
            #expect(
                Set(folded).count == folded.count,
                "seed \(seed) after \(typed): \(session.state.participants)")
            // Nor is the facilitator's own name one of theirs: a transcript must tell them apart.
            if let me = session.state.facilitatorName {
                #expect(!folded.contains(me.foldedForNames), "seed \(seed) after \(typed): \(me)")
            }
            if let current = session.state.current {
                #expect(session.state.participants.contains(current), "seed \(seed) after \(typed)")
            }
            if session.isSaved {
                let replayed = AllianceState(replaying: try session.eventsOnDisk())
                #expect(replayed == session.state, "seed \(seed) after \(typed)")
            }
        }
        _ = session.close(reason: "quit")
        if session.isSaved {
            let contents = try LogReader.read(path: session.logPath)
            #expect(contents.isClean)
            #expect(contents.events.map(\.seq) == Array(1...contents.events.count))
            let replayed = AllianceState(replaying: contents.events)
            #expect(replayed == session.state, "seed \(seed): \(typed)")
            // What a coach reads from it afterwards renders from the replayed state.
            #expect(Transcript.entries(replayed).count >= contents.events.count)
            for format in Export.Format.allCases {
                #expect(!Export(id: "x", state: replayed).render(format).isEmpty)
            }
        }
    }
}
