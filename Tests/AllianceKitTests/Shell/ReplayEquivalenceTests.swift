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
    static let lines: [String] = [
        "ask", "ask", "ask trust", "ask feedback", #"ask "What would a great Monday look like?""#,
        "I don't like being micromanaged", "Being trusted to decide", "café 🌟 and \u{1B}[31m", "@Sam me too",
        "> no idea", "probe", "probe honesty", #"probe "What else?""#, "flip", "flip how can I support you?",
        "mine", "mine My tendency is to rush", "agree", "agree We meet on Mondays", "agree Notes after calls",
        "repair", "repair A1", "repair A1 We reset on Tuesday", "repair A2 a call",
        "repair Time-out, then talk",
        "with Sam", "with Zoë", "with Ana", "note something", "undo", "undo", "pack feedback",
        "pack accountability",
        "pack new-team-member", "log 3", "agreements", "packs", "help", "nonsense words here", "a", "u",
        "pro",
    ]

    @Test(arguments: 0..<40)
    func liveStateEqualsTheStateReplayedFromTheLog(seed: Int) throws {
        var rng = SplitMix64(state: UInt64(seed) &* 7919)
        let session = try newSession(with: ["Zoë", "Sam"])
        var typed: [String] = []
        for _ in 0..<Int.random(in: 5...30, using: &rng) {
            let line = Self.lines.randomElement(using: &rng)!
            typed.append(line)
            _ = session.execute(line)
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
            #expect(AllianceState(replaying: contents.events) == session.state, "seed \(seed): \(typed)")
        }
    }
}
