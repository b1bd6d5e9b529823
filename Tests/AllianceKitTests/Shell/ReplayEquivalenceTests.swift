import TestSupport
import Testing

@testable import AllianceKit

/// Whatever a coach types, the alliance the shell holds is the one its log replays to, sitting
/// after sitting: random sessions drawn from every command, option and kind of answer.
@Suite(.removingTemporaryDirectories) struct ReplayEquivalenceTests {
    /// Lines as a coach types them: every command with each of its options, answers, answers that
    /// begin with a command's word, and lines that are refused.
    static let lines: [String] = [
        "/ask", "/ask", "/ask trust", "/ask feedback", #"/ask "What would a great Monday look like?""#,
        "/ask How can I motivate you?", "/ask Do you like your job?", "/ask at-best",
        "I don't like being micromanaged", "Being trusted to decide", "café 🌟 and \u{1B}[31m", "@Sam me too",
        "> no idea", "/probe", "/probe honesty", #"/probe "What else?""#,
        "/probe How can I help you with that?",
        "/flip", "/flip how can I support you?", "/flip I don't want more meetings",
        "/later", "/later @Sam", "/later @nobody", "/mine", "/mine My tendency is to rush", "/agree",
        "/agree We meet on Mondays",
        "/agree Notes after calls --by 2027-01-15",
        #"/agree Feedback within a day --know "we both say it was useful" --by 2026-12-01"#,
        "/agree --revise A1 We meet on Tuesdays", "/agree Later --by someday", "/agree --know",
        "/agree Water the plants --every week", "/agree Call grandma --every 2w --by friday",
        "/agree Too late --by 2020-01-01", "/agree Never --every year", "/next", "/next friday", "/next +2w",
        "/next 2027-01-15", "/next yesterday", "/adjust A1 Every other week --every fortnight",
        "/repair", "/repair A1", "/repair A1 We reset on Tuesday", "/repair A2 a call",
        "/repair Time-out, then talk", "/note something", "/note --private just for me", "/note --privately",
        "/undo", "/undo", "/checkin", "/keep", "/keep Still works for both of us", "/keep A1 fine",
        "/adjust A1 We meet on Tuesdays", "/adjust Fridays instead --by 2027-02-01 -- made it concrete",
        "/adjust A2 Calls on Thursdays -- fewer clashes", "/drop", "/drop A2 no longer needed", "/skip",
        "/history A1", "/history A3", "/due", "/fix", "/reload", "/rules", "/rules mute nothing-here",
        "/pack", "/pack feedback", "/pack accountability", "/pack new-team-member", "/pack no-such-pack",
        "/pack allow", "/pack f", "/ask when-we-get-stuck",
        "/packs", "/log", "/log 3", "/agreements", "/agreements --history", "/help", "/help agree", "/help a",
        "/with", "/me", "/revisit no-such-session", "/quit",
        "/nonsense words here", "/a", "/u", "/pro", "//etc is where it lives",
        "Agree on goals", "Mine is the pirate ship", "With pleasure", "Quit smoking is my goal", "Help", "no",
        "Undo the damage we did", "Revisit 2026-11-2", "Without doubt", "Me first", "Amend nothing", "undo",
        "with Sam", "quit", "note to self", "Probe all you like", "Flip it around", "Reload the dishwasher",
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

    /// What the lines built for the alliance as it stands draw on.
    struct Situation {
        var lastSeq: Int
        /// How many agreements have been made.
        var agreements: Int
        /// Every rule that can be muted, as `/rules` names it.
        var rules: [String]
        /// The alliances of the data home, oldest first.
        var sessions: [String]
    }

    /// Lines built for the alliance as it stands: entries numbered up to a few past the last (so
    /// some do not exist), people by name, rules by id, alliances by session id.
    static let builders: [@Sendable (inout SplitMix64, Situation) -> String] = [
        { rng, now in "/undo " + (Bool.random(using: &rng) ? "#" : "") + String(entry(&rng, now)) },
        { rng, now in "/amend \(entry(&rng, now)) \(wordings.randomElement(using: &rng)!)" },
        { rng, _ in "/with \(names.randomElement(using: &rng)!)" },
        { rng, _ in "/without \(names.randomElement(using: &rng)!)" },
        { rng, _ in "/me \(names.randomElement(using: &rng)!)" },
        { rng, _ in "@\(names.randomElement(using: &rng)!) \(wordings.randomElement(using: &rng)!)" },
        { rng, now in
            "/rules \(Bool.random(using: &rng) ? "mute" : "unmute") \(now.rules.randomElement(using: &rng)!)"
        },
        { rng, now in "/revisit \(now.sessions.randomElement(using: &rng) ?? "none-yet")" },
        // A living alliance: check-ins and reviews of the agreements so far, what people say about
        // the agreement under review, and new sittings.
        { rng, _ in
            [
                "/checkin", "/keep", "/skip", "/drop", "/adjust \(wordings.randomElement(using: &rng)!)",
                "It worked until the holidays", "@\(names.randomElement(using: &rng)!) Saturdays suit me",
            ]
            .randomElement(using: &rng)!
        },
        { rng, now in
            let id = "A\(Int.random(in: 1...max(now.agreements, 1) + 1, using: &rng))"
            return ["/keep \(id)", "/drop \(id)", "/adjust \(id) \(wordings.randomElement(using: &rng)!)"]
                .randomElement(using: &rng)!
        },
        { _, _ in "/quit" },
    ]

    static func entry(_ rng: inout SplitMix64, _ now: Situation) -> Int {
        Int.random(in: 0...(now.lastSeq + 3), using: &rng)
    }

    /// One line a coach might type: a fixed line, or one built for the alliance as it stands.
    static func line(using rng: inout SplitMix64, _ now: Situation) -> String {
        if Int.random(in: 0..<2, using: &rng) == 0 { return lines.randomElement(using: &rng)! }
        return builders.randomElement(using: &rng)!(&rng, now)
    }

    /// Every rule of the bundled plugins that `/rules mute` takes.
    static let mutableRules = bundledRules.rules.filter { $0.kind != .rewrite }.map(\.qualifiedID)

    /// The pool holds every command the shell declares, with each of its options, so a new
    /// command or option fails here until the property below exercises it.
    @Test func thePoolRunsEveryCommandAndEveryOption() throws {
        var rng = SplitMix64(state: 1)
        let now = Situation(
            lastSeq: 12, agreements: 2, rules: Self.mutableRules, sessions: ["2026-11-25-abcd"])
        let pool = Self.lines + Self.builders.map { $0(&rng, now) }
        var commands: Set<String> = []
        var options: Set<String> = []
        var answers = 0
        var addressed = 0
        for line in pool {
            switch try? ShellCommand.interpret(line) {
            case .command(let command, let arguments)?:
                commands.insert(command.name)
                if let given = try? command.signature.parse(arguments, command: command.name) {
                    for option in given.options.keys { options.insert("/\(command.name) \(option)") }
                }
            case .answer?: answers += 1
            case .addressed?: addressed += 1
            case .empty?, nil: break
            }
        }
        for command in ShellCommand.all {
            #expect(commands.contains(command.name), "no line of the pool runs /\(command.name)")
            for option in command.signature.options {
                #expect(
                    options.contains("/\(command.name) \(option.name)"),
                    "no line of the pool gives /\(command.name) \(option.name)")
            }
        }
        #expect(answers >= 10 && addressed >= 2)
        #expect(Self.mutableRules.count >= 5)
    }

    @Test(arguments: 0..<100)
    func liveStateEqualsTheStateReplayedFromTheLog(seed: Int) throws {
        var rng = SplitMix64(state: UInt64(seed) &* 7919)
        let home = temporaryHome()
        let options = StartOptions(
            participants: Self.casts[seed % Self.casts.count], me: seed % 5 == 0 ? "Dad" : nil)
        func start() throws -> Session {
            let session = try Session(
                newIn: home, packs: bundledPacks, rules: bundledRules, options: options,
                clock: SteppingClock())
            session.reloader = { (bundledPacks, bundledRules) }
            return session
        }
        var session = try start()
        var sessions: [String] = []
        var typed: [String] = []
        for _ in 0..<Int.random(in: 15...60, using: &rng) {
            let now = Situation(
                lastSeq: session.state.lastSeq, agreements: session.state.allAgreements.count,
                rules: Self.mutableRules, sessions: sessions)
            let line = Self.line(using: &rng, now)
            typed.append(line)
            let before = session.state.lastSeq
            let response = session.execute(line)
            // A line without a leading `/` or `@` is an answer (or, during a check-in, a remark on
            // the agreement under review), or nothing, whatever word it starts with.
            if !line.hasPrefix("/") && !line.hasPrefix("@") {
                let recorded = session.state.events.filter { $0.seq > before }.map(\.kind.type.rawValue)
                #expect(
                    recorded.allSatisfy { $0 == "answer" || $0 == "remark" || $0 == "rule" }
                        && recorded.filter { $0 == "answer" || $0 == "remark" }.count <= 1,
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
            guard let effect = response.effect, effect.endsSitting else { continue }
            // `/quit` closes the sitting and `/revisit` opens another: the next lines run in a new
            // sitting of the alliance named, else of this one, else (nothing saved) a new alliance.
            try close(session, "seed \(seed) after \(typed)")
            if session.isSaved, !sessions.contains(session.id) { sessions.append(session.id) }
            let next = try effect.sessionToOpen.map { try home.resolveSession($0) }
            if let path = next ?? (session.isSaved ? session.logPath : nil) {
                session = try Session(
                    revisiting: path, home: home, packs: bundledPacks, rules: bundledRules,
                    clock: SteppingClock(start: "2026-12-01T09:00:00.000Z"))
                session.reloader = { (bundledPacks, bundledRules) }
                #expect(session.state.sittingNumber >= 2)
            } else {
                session = try start()
            }
        }
        try close(session, "seed \(seed): \(typed)")
    }

    /// A check-in followed by free text: what is said is a remark on the agreement under review,
    /// and the log replays to the same alliance, in this sitting and the next.
    @Test func aCheckinFollowedByFreeTextReplays() throws {
        let first = try newSession(with: ["Zoë", "Sam"])
        try first.run("/agree We meet on Mondays", "/agree Notes after calls")
        try close(first, "first sitting")
        let second = try Session(
            revisiting: first.logPath, home: first.home, packs: bundledPacks, rules: bundledRules,
            clock: SteppingClock(start: "2026-12-01T09:00:00.000Z"))
        try second.run(
            "/checkin", "Mondays clash with football", "@sam Tuesdays then", "/adjust We meet on Tuesdays",
            "Notes are useful")
        try second.run("/amend \(second.state.lastSeq) Notes are very useful", "/undo")
        #expect(second.state.events.contains { $0.kind.type == .remark })
        #expect(AllianceState(replaying: try second.eventsOnDisk()) == second.state)
        try close(second, "second sitting")
    }

    /// Closes a sitting and checks its log: clean, numbered without gaps, replaying to the state
    /// the session holds, and rendering as a coach reads it afterwards.
    func close(_ session: Session, _ context: String) throws {
        let closing = session.close(reason: "quit")
        #expect(closing.error == nil, "\(context)")
        guard session.isSaved else { return }
        let contents = try LogReader.read(path: session.logPath)
        #expect(contents.isClean, "\(context)")
        #expect(contents.events.map(\.seq) == Array(1...contents.events.count), "\(context)")
        let replayed = AllianceState(replaying: contents.events)
        #expect(replayed == session.state, "\(context)")
        #expect(Transcript.entries(replayed).count >= contents.events.count)
        for format in Export.Format.allCases {
            #expect(!Export(id: "x", state: replayed).render(format).isEmpty)
        }
    }
}
