import Foundation
import TestSupport
import Testing

@testable import AllianceKit

/// Every input a fuzzer starts from (Fuzz/corpus/TARGET/) or ever found a crash or a hang with
/// (Fuzz/crashers/TARGET/) runs again through what that fuzzer calls, and must give what is
/// written down for it below, within a time limit.
@Suite(.removingTemporaryDirectories) struct FuzzRegressionTests {
    /// libFuzzer's own limit for one input (`script/fuzz` runs it with `-timeout=10`). Every input
    /// here takes milliseconds, so this only catches a hang, even in a debug build on a busy machine.
    static let timeLimit = Duration.seconds(10)

    /// What reading one input gave, compared whole with what is written down for it.
    enum Outcome: Equatable, Sendable {
        /// A log, read as it is and again with every line's checksum made right (as fuzz-log reads
        /// it): the events kept and the problems reported each time, and whether its end is torn.
        case log(kept: Int, problems: Int, tornTail: Bool, keptFixed: Int, problemsFixed: Int)
        /// A pack that loads: its id, its questions and the warnings about it.
        case pack(id: String, questions: Int, warnings: Int)
        /// A plugin that loads: its name, the rules it loads and those it refuses.
        case plugin(name: String, rules: Int, refused: Int)
        /// A pattern (the first line) matched against a text (the rest): its groups, then what
        /// matched and what each group captured, or nil when nothing matched.
        case pattern(groups: Int, match: String?, captured: [String?])
        /// A script run line by line in a session (`/quit` opens a new sitting): the events
        /// recorded, the lines refused with an error, and the sittings.
        case script(recorded: Int, refused: Int, sittings: Int)
        /// An input refused with an error.
        case refused(String)
    }

    /// What each input must give, by its path under Fuzz/. A new input fails
    /// `everyInputHasAnExpectation` until it is written down here.
    static let expected: [String: Outcome] = [
        // Answers with no question open and mistyped commands: nothing is recorded, and `/q`
        // (quit) leaves no alliance behind.
        "corpus/fuzz-command/abbreviations.txt": .script(recorded: 0, refused: 20, sittings: 0),
        "corpus/fuzz-command/basic.txt": .script(recorded: 7, refused: 0, sittings: 1),
        "corpus/fuzz-command/checkin.txt": .script(recorded: 14, refused: 1, sittings: 2),
        "corpus/fuzz-command/command-words-are-answers.txt": .script(recorded: 25, refused: 2, sittings: 2),
        "corpus/fuzz-command/flip-and-probes.txt": .script(recorded: 21, refused: 0, sittings: 1),
        "corpus/fuzz-command/full-sitting.txt": .script(recorded: 25, refused: 2, sittings: 1),
        "corpus/fuzz-command/mute-and-fix.txt": .script(recorded: 12, refused: 1, sittings: 1),
        "corpus/fuzz-log/basic-torn.jsonl": .log(
            kept: 6, problems: 0, tornTail: true, keptFixed: 6, problemsFixed: 0),
        "corpus/fuzz-log/basic.jsonl": .log(
            kept: 7, problems: 0, tornTail: false, keptFixed: 7, problemsFixed: 0),
        "corpus/fuzz-log/checkin-three-sittings.jsonl": .log(
            kept: 18, problems: 0, tornTail: false, keptFixed: 18, problemsFixed: 0),
        "corpus/fuzz-log/flip-and-probes.jsonl": .log(
            kept: 21, problems: 0, tornTail: false, keptFixed: 21, problemsFixed: 0),
        "corpus/fuzz-log/full-sitting.jsonl": .log(
            kept: 25, problems: 0, tornTail: false, keptFixed: 25, problemsFixed: 0),
        "corpus/fuzz-log/mute-and-fix.jsonl": .log(
            kept: 12, problems: 0, tornTail: false, keptFixed: 12, problemsFixed: 0),
        "corpus/fuzz-pack/accountability.md": .pack(id: "accountability", questions: 16, warnings: 0),
        "corpus/fuzz-pack/allowance.md": .pack(id: "allowance", questions: 17, warnings: 0),
        "corpus/fuzz-pack/family-holidays.md": .pack(id: "family-holidays", questions: 16, warnings: 0),
        "corpus/fuzz-pack/feedback.md": .pack(id: "feedback", questions: 15, warnings: 0),
        "corpus/fuzz-pack/first-date.md": .pack(id: "first-date", questions: 15, warnings: 0),
        "corpus/fuzz-pack/markdown-bom-setext-numbered.md": .pack(id: "roommates", questions: 3, warnings: 0),
        "corpus/fuzz-pack/markdown-tricky.md": .pack(id: "markdown-tricky", questions: 3, warnings: 0),
        "corpus/fuzz-pack/new-team-member.md": .pack(id: "new-team-member", questions: 20, warnings: 0),
        "corpus/fuzz-pack/probes.md": .pack(id: "probes", questions: 12, warnings: 0),
        "corpus/fuzz-pack/retrospective.md": .pack(id: "retrospective", questions: 18, warnings: 0),
        "corpus/fuzz-pack/team-alliance.md": .pack(id: "team-alliance", questions: 18, warnings: 0),
        "corpus/fuzz-pack/trip-with-friends.md": .pack(id: "trip-with-friends", questions: 17, warnings: 0),
        "corpus/fuzz-pack/when-things-get-tough.md": .pack(
            id: "when-things-get-tough", questions: 18, warnings: 0),
        "corpus/fuzz-plugin/accountability.yaml": .plugin(name: "accountability", rules: 1, refused: 0),
        "corpus/fuzz-plugin/ask-for-the-ideal.yaml": .plugin(name: "ask-for-the-ideal", rules: 3, refused: 0),
        "corpus/fuzz-plugin/avoidance.yaml": .plugin(name: "avoidance", rules: 5, refused: 0),
        "corpus/fuzz-plugin/open-questions.yaml": .plugin(name: "open-questions", rules: 5, refused: 0),
        "corpus/fuzz-plugin/over-responsibility.yaml": .plugin(
            name: "over-responsibility", rules: 5, refused: 0),
        "corpus/fuzz-plugin/pacing.yaml": .plugin(name: "pacing", rules: 1, refused: 0),
        "corpus/fuzz-plugin/pattern-about-to-ideal-pattern.txt": .pattern(
            groups: 1, match: "What do you like about our Monday meetings?",
            captured: ["our Monday meetings?"]),
        "corpus/fuzz-plugin/pattern-anything-else-to-what-else-pattern.txt": .pattern(
            groups: 1, match: "Is there anything else?", captured: ["?"]),
        "corpus/fuzz-plugin/pattern-are-you-to-how-pattern.txt": .pattern(
            groups: 3, match: "Are you happy with the plan?", captured: ["happy", "with", "the plan?"]),
        "corpus/fuzz-plugin/pattern-closed-question-pattern.txt": .pattern(
            groups: 0, match: "Do you", captured: []),
        "corpus/fuzz-plugin/pattern-do-for-you-to-need-pattern.txt": .pattern(
            groups: 2, match: "What can I do for you?", captured: ["you", "?"]),
        "corpus/fuzz-plugin/pattern-dont-do-that-pattern.txt": .pattern(
            groups: 1, match: "Don't micromanage me", captured: ["micromanage me"]),
        "corpus/fuzz-plugin/pattern-dont-like-pattern.txt": .pattern(
            groups: 1, match: "I don't like being micromanaged", captured: ["being micromanaged"]),
        "corpus/fuzz-plugin/pattern-groups.txt": .pattern(
            groups: 1, match: "what does honesty mean", captured: ["honesty"]),
        "corpus/fuzz-plugin/pattern-hate-pattern.txt": .pattern(
            groups: 1, match: "I hate surprises", captured: ["surprises"]),
        "corpus/fuzz-plugin/pattern-help-to-would-help-pattern.txt": .pattern(
            groups: 2, match: "How do I help you with the launch?", captured: ["you", " with the launch?"]),
        "corpus/fuzz-plugin/pattern-how-can-i-pattern.txt": .pattern(
            groups: 0, match: "How can I support you", captured: []),
        // The `unless` of a nudge: no match is what makes it speak.
        "corpus/fuzz-plugin/pattern-how-will-we-know-unless.txt": .pattern(
            groups: 0, match: nil, captured: []),
        "corpus/fuzz-plugin/pattern-job-to-ideal-pattern.txt": .pattern(
            groups: 0, match: "What do you like about your job?", captured: []),
        "corpus/fuzz-plugin/pattern-like-to-what-pattern.txt": .pattern(
            groups: 1, match: "Do you like feedback in writing?", captured: ["feedback in writing?"]),
        "corpus/fuzz-plugin/pattern-motivate-to-motivates-pattern.txt": .pattern(
            groups: 3, match: "How can I motivate you?", captured: ["motivate", "you", "?"]),
        "corpus/fuzz-plugin/pattern-narrow-question-pattern.txt": .pattern(
            groups: 0, match: "What do you like about", captured: []),
        "corpus/fuzz-plugin/pattern-no-more-pattern.txt": .pattern(
            groups: 1, match: "no more late-night messages", captured: ["late-night messages"]),
        "corpus/fuzz-plugin/pattern-support-to-need-pattern.txt": .pattern(
            groups: 1, match: "how can I support you", captured: [""]),
        "corpus/fuzz-plugin/pattern-syntax.txt": .pattern(groups: 1, match: nil, captured: []),
        "corpus/fuzz-plugin/pattern-tell-me-to-what-pattern.txt": .pattern(
            groups: 1, match: "Can you tell me about your last team?", captured: ["your last team?"]),
        "corpus/fuzz-plugin/pattern-what-they-dont-want-text.txt": .pattern(
            groups: 0, match: "don't", captured: []),
        "corpus/fuzz-plugin/pattern-why-do-you-to-what-leads-pattern.txt": .pattern(
            groups: 1, match: "Why do you work late?", captured: ["work late?"]),
        "corpus/fuzz-plugin/pattern-why-question-pattern.txt": .pattern(
            groups: 0, match: "Why", captured: []),
        "corpus/fuzz-plugin/repair-designed.yaml": .plugin(name: "repair-designed", rules: 1, refused: 0),
        "corpus/fuzz-plugin/two-way-street.yaml": .plugin(name: "two-way-street", rules: 1, refused: 0),
        "corpus/fuzz-plugin/why-questions.yaml": .plugin(name: "why-questions", rules: 2, refused: 0),
        // Mutated logs that once hung the replay: most lines are damaged, and reported.
        "crashers/fuzz-log/timeout-b6e7eed012a9417fc74d54b14b0a5d7ecd0fd6a0": .log(
            kept: 15, problems: 18, tornTail: false, keptFixed: 9, problemsFixed: 24),
        "crashers/fuzz-log/timeout-lastRetractable-huge-seq.jsonl": .log(
            kept: 2, problems: 1, tornTail: false, keptFixed: 2, problemsFixed: 1),
    ]

    /// Every input of every target, as a path under Fuzz/.
    static let inputs: [String] = ["corpus", "crashers"].flatMap { kind in
        ["fuzz-log", "fuzz-pack", "fuzz-plugin", "fuzz-command"].flatMap { target in
            let dir = packageRoot + "/Fuzz/\(kind)/\(target)"
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
            return names.filter { !$0.hasPrefix(".") }.sorted().map { "\(kind)/\(target)/\($0)" }
        }
    }

    @Test func everyInputHasAnExpectation() {
        #expect(Self.inputs.count >= 40, "the corpus is missing: \(Self.inputs)")
        for input in Self.inputs {
            #expect(Self.expected[input] != nil, "no expectation for Fuzz/\(input)")
        }
        for name in Self.expected.keys where !Self.inputs.contains(name) {
            Issue.record("an expectation for Fuzz/\(name), which is not there")
        }
    }

    @Test(arguments: inputs)
    func givesWhatIsExpectedInTime(_ input: String) throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: packageRoot + "/Fuzz/" + input)))
        var outcome: Outcome?
        let elapsed = try ContinuousClock().measure {
            outcome = try Self.run(input, bytes)
        }
        #expect(elapsed < Self.timeLimit, "Fuzz/\(input) took \(elapsed)")
        let expected = try #require(Self.expected[input], "no expectation for Fuzz/\(input)")
        #expect(outcome == expected, "Fuzz/\(input)")
    }

    /// What the input's fuzzer does with it, and what that gave.
    static func run(_ input: String, _ bytes: [UInt8]) throws -> Outcome {
        let target = input.split(separator: "/")[1]
        switch target {
        case "fuzz-log":
            let asIs = replay(bytes, path: input)
            let fixed = replay(withChecksumsMadeRight(bytes), path: input)
            return .log(
                kept: asIs.events.count, problems: asIs.problems.count, tornTail: asIs.tornTail > 0,
                keptFixed: fixed.events.count, problemsFixed: fixed.problems.count)
        case "fuzz-pack":
            do {
                let (pack, warnings) = try Pack.parse(bytes: bytes, path: input)
                _ = PackLibrary(packs: [pack]).ids
                return .pack(id: pack.id, questions: pack.questionCount, warnings: warnings.count)
            } catch {
                return .refused(error.message)
            }
        case "fuzz-plugin" where input.hasSuffix(".txt"):
            let text = String(decoding: bytes, as: UTF8.self)
            let newline = text.firstIndex(of: "\n") ?? text.endIndex
            let subject = newline < text.endIndex ? String(text[text.index(after: newline)...]) : ""
            do {
                let pattern = try Pattern(String(text[..<newline]))
                let found = try pattern.firstMatch(in: subject.trimmingCharacters(in: .newlines))
                return .pattern(groups: pattern.groupCount, match: found?.text, captured: found?.groups ?? [])
            } catch let error as AllianceError {
                return .refused(error.message)
            }
        case "fuzz-plugin":
            do {
                let (plugin, refused) = try Plugin.parse(bytes: bytes, path: input)
                let book = RuleBook(plugins: [plugin])
                _ = book.flags(for: "Why do you work late? How can I support you?")
                _ = book.rewrite("Why do you work late?")
                return .plugin(name: plugin.name, rules: plugin.rules.count, refused: refused.count)
            } catch {
                return .refused(error.message)
            }
        case "fuzz-command":
            return try script(String(decoding: bytes, as: UTF8.self))
        default:
            Issue.record("no fuzzer \(target)")
            return .refused("no fuzzer \(target)")
        }
    }

    /// A log as `alliance replay`, `export`, `search` and the shell read it.
    static func replay(_ bytes: [UInt8], path: String) -> LogContents {
        let contents = LogReader.parse(bytes, path: path)
        let state = AllianceState(replaying: contents.events)
        _ = Transcript.entries(state) + Transcript.summary(state)
        for format in Export.Format.allCases {
            _ = Export(id: "x", state: state, includePrivate: true).render(format)
        }
        _ = SessionSearch.search("a", in: state, session: "x")
        _ = (state.lastRetractable, state.nextAgreementID, state.checkinQueue, state.repairPlan)
        return contents
    }

    /// `bytes` with the checksum of every complete line made right, as fuzz-log reads each input a
    /// second time so that mutations reach the JSON and the fold; a torn last line is left as it is.
    static func withChecksumsMadeRight(_ bytes: [UInt8]) -> [UInt8] {
        let marker = Array(#","crc":""#.utf8)
        let suffixLength = 18  // `,"crc":"` + 8 hex digits + `"}`
        var out: [UInt8] = []
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let torn = lines.removeLast()
        for var line in lines.map(Array.init) {
            let n = line.count
            if n > suffixLength, line[(n - suffixLength)..<(n - 10)].elementsEqual(marker),
                line[n - 2] == UInt8(ascii: "\""), line[n - 1] == UInt8(ascii: "}")
            {
                line.replaceSubrange((n - 10)..<(n - 2), with: CRC32.hex(line[0..<(n - suffixLength)]).utf8)
            } else if n > 1, line[n - 1] == UInt8(ascii: "}") {
                let body = line.dropLast()
                line = Array(body) + Array(#","crc":"\#(CRC32.hex(body))"}"#.utf8)
            }
            out += line + [UInt8(ascii: "\n")]
        }
        return out + torn
    }

    /// Runs a script as fuzz-command does: each line in a session, `/quit` closing the sitting and
    /// the next lines going on in a new sitting; every sitting's log must replay to its state.
    static func script(_ text: String) throws -> Outcome {
        let home = temporaryHome()
        func start() throws -> Session {
            try Session(
                newIn: home, packs: bundledPacks, rules: bundledRules,
                options: StartOptions(participants: ["Zoë", "Sam"], pack: "new-team-member", title: "fuzz"),
                clock: SteppingClock())
        }
        var session = try start()
        var refused = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
            _ = Completer.complete(line, context: session.context)
            let response = session.execute(line)
            if response.error != nil { refused += 1 }
            guard response.effect?.endsSitting == true else { continue }
            _ = session.close(reason: "quit")
            try checkReplay(session)
            // Nothing recorded, nothing to revisit: the next lines start a new alliance.
            session =
                session.isSaved
                ? try Session(
                    revisiting: session.logPath, home: home, packs: bundledPacks, rules: bundledRules,
                    clock: SteppingClock(start: "2026-12-01T09:00:00.000Z"))
                : try start()
        }
        _ = session.close(reason: "eof")
        try checkReplay(session)
        let events = try home.sessionIDs().flatMap { try LogReader.read(path: home.logPath(for: $0)).events }
        let sittings = events.filter { if case .sitting = $0.kind { true } else { false } }.count
        return .script(recorded: events.count, refused: refused, sittings: sittings)
    }

    /// What fuzz-command checks of every sitting it closes.
    static func checkReplay(_ session: Session) throws {
        guard session.isSaved else { return }
        let contents = try LogReader.read(path: session.logPath)
        #expect(contents.isClean, "\(contents.problems)")
        #expect(AllianceState(replaying: contents.events) == session.state)
    }

    @Test func aLogThatJumpsToAHugeSeqCanStillBeUndoneInQuickly() throws {
        let events = [
            Event(seq: 1, at: Timestamp(milliseconds: 0), kind: .sitting(SittingStart(number: 1, app: "t"))),
            Event(seq: 100_000_000_000, at: Timestamp(milliseconds: 1), kind: .note(text: "x")),
        ]
        let state = AllianceState(replaying: events)
        #expect(state.lastRetractable == 100_000_000_000)
        let huge =
            #"{"v":1,"seq":9007199254740993,"at":"2026-01-01T00:00:00.000Z","type":"note","by":"facilitator","text":"x""#
        let line = huge + #","crc":""# + CRC32.hex(Array(huge.utf8)) + #""}"#
        #expect(throws: AllianceError.self) { try EventCodec.decode(line: Array(line.utf8)) }
    }
}
