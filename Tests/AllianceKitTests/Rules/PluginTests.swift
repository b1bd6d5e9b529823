import Foundation
import Testing

@testable import AllianceKit

private func parse(_ yaml: String, path: String = "p.yaml") throws(AllianceError) -> (
    plugin: Plugin, refused: [AllianceError]
) {
    try Plugin.parse(bytes: Array(yaml.utf8), path: path)
}

@Suite(.removingTemporaryDirectories) struct PluginParserTests {
    static let valid = """
        name: my-habits
        description: Flags my own habits.
        version: 2
        rules:
          - id: so-question
            kind: flag
            pattern: '^so\\b'
            message: Starting with "so" sounds rehearsed.
            examples:
              match: ["So what do you want?"]
              ignore: ["Some questions"]
        """

    @Test func readsAPlugin() throws {
        let (plugin, refused) = try parse(Self.valid)
        #expect(refused.isEmpty)
        #expect(plugin.name == "my-habits")
        #expect(plugin.version == "2")
        #expect(plugin.rules.map(\.qualifiedID) == ["my-habits/so-question"])
        #expect(plugin.hash == SHA256.hex(Array(Self.valid.utf8)))
    }

    static let broken: [(name: String, yaml: String, location: String, message: String)] = [
        (
            "unknown key", "name: x\ndescription: d\nrules: []\ncolour: red\n", "p.yaml:4",
            "unknown key `colour`"
        ),
        (
            "unknown kind", "description: d\nrules:\n  - id: a\n    kind: shout\n", "p.yaml:4",
            "needs `kind: flag`"
        ),
        (
            "bad pattern",
            "description: d\nrules:\n  - id: a\n    kind: flag\n    message: m\n    pattern: '(unclosed'\n",
            "p.yaml:6", "pattern: missing )"
        ),
        ("no description", "rules: []\n", "p.yaml:1", "needs a `description:`"),
        ("invalid yaml", "description: [\n", "p.yaml:", "invalid YAML"),
        (
            "rule key",
            "description: d\nrules:\n  - id: a\n    kind: flag\n    message: m\n    pattern: x\n    replace: y\n",
            "p.yaml:7", "`replace` is not used by a flag rule"
        ),
        (
            "unknown event",
            "description: d\nrules:\n  - id: a\n    kind: nudge\n    message: m\n    on: dance\n", "p.yaml:6",
            "unknown event type `dance`"
        ),
        (
            "fix typo",
            "description: d\nrules:\n  - id: a\n    kind: flag\n    message: m\n    pattern: x\n    fix: nope\n    examples: {match: [x]}\n",
            "p.yaml:3", "`fix: nope` names no rewrite"
        ),
        (
            "duplicate ids",
            "description: d\nrules:\n  - {id: a, kind: flag, message: m, pattern: x, examples: {match: [x]}}\n  - {id: a, kind: flag, message: m, pattern: y, examples: {match: [y]}}\n",
            "p.yaml:4", "used twice"
        ),
    ]

    @Test(arguments: broken.indices)
    func brokenPluginsAreRefusedWithFileAndLine(_ index: Int) {
        let broken = Self.broken[index]
        do {
            _ = try parse(broken.yaml)
            Issue.record("\(broken.name) loaded")
        } catch {
            #expect(error.location?.hasPrefix(broken.location) == true, "\(broken.name): \(error)")
            #expect(error.message.contains(broken.message), "\(broken.name): \(error)")
        }
    }

    @Test func aRuleWhoseExamplesFailIsRefusedAndTheRestLoad() throws {
        let yaml = """
            description: d
            rules:
              - id: good
                kind: flag
                pattern: '^why\\b'
                message: m
                examples: {match: ["Why not?"], ignore: ["What now?"]}
              - id: sloppy
                kind: flag
                pattern: 'how'
                message: m
                examples: {match: ["How are you?"], ignore: ["Somehow it works"]}
              - id: untested
                kind: flag
                pattern: 'x'
                message: m
            """
        let (plugin, refused) = try parse(yaml)
        #expect(plugin.rules.map(\.id) == ["good"])
        #expect(
            refused.map(\.description) == [
                "p.yaml:8: error: rule sloppy refused: the example \"Somehow it works\" should not match but does",
                "p.yaml:13: error: rule untested refused: it has no `examples: match:` (each rule needs at least one)",
            ])
    }

    @Test func rewriteExamplesCheckTheResult() throws {
        let yaml = """
            description: d
            rules:
              - id: r
                kind: rewrite
                pattern: '^i want (.+)$'
                replace: 'What would $1 give you?'
                person: second
                examples:
                  match:
                    - {from: "I want my own desk.", to: "What would your own desk give you?"}
                    - {from: "I want more", to: "What would more give them?"}
            """
        let (_, refused) = try parse(yaml)
        #expect(
            refused.first?.message
                == #"rule r refused: "I want more" became "What would more give you?", not "What would more give them?""#
        )
    }

    @Test func badFilesAreRefused() {
        #expect(throws: AllianceError.self) { try Plugin.parse(bytes: [0x61, 0, 0x62], path: "bin.yaml") }
        #expect(throws: AllianceError.self) { try Plugin.parse(bytes: [0xFF, 0xFE], path: "latin.yaml") }
        #expect(throws: AllianceError.self) {
            try Plugin.parse(bytes: [UInt8](repeating: 0x20, count: Plugin.sizeLimit + 1), path: "huge.yaml")
        }
        let deep = String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
        #expect(throws: AllianceError.self) {
            try Plugin.parse(bytes: Array(("description: " + deep).utf8), path: "deep.yaml")
        }
    }

    @Test func aBacktrackingPatternCannotHangTheShell() throws {
        let yaml = """
            description: d
            rules:
              - id: evil
                kind: flag
                pattern: '(a+)+$'
                message: m
                examples: {match: ["aaa"], ignore: ["aaab"]}
            """
        let book = RuleBook(plugins: [try parse(yaml).plugin])
        let clock = ContinuousClock()
        let long = String(repeating: "a", count: 20_000) + "b"
        let elapsed = clock.measure { _ = book.flags(for: long) }
        // Tells linear from exponential matching, with room for a loaded CI machine.
        #expect(elapsed < .seconds(60))
    }
}

@Suite(.removingTemporaryDirectories) struct BundledPluginTests {
    @Test func everyBundledPluginLoadsCleanly() {
        #expect(bundledRules.diagnostics.isEmpty, "\(bundledRules.diagnostics)")
        #expect(
            bundledRules.plugins.map(\.name) == [
                "accountability", "ask-for-the-ideal", "avoidance", "open-questions", "over-responsibility",
                "pacing",
                "repair-designed", "two-way-street", "why-questions",
            ])
    }

    func flagged(_ question: String) -> [String] {
        bundledRules.flags(for: question).hits.map(\.rule.qualifiedID)
    }

    /// The pitfalls in DOMAIN.md, on the examples given there.
    @Test func overResponsibility() {
        let hits = bundledRules.flags(for: "How can I support you?").hits
        #expect(
            hits.map(\.rule.qualifiedID)
                == ["open-questions/closed-question", "over-responsibility/how-can-i"].filter {
                    flagged("How can I support you?").contains($0)
                })
        #expect(
            hits.contains {
                $0.rule.qualifiedID == "over-responsibility/how-can-i"
                    && $0.fix == "What support do you need?"
            })
        #expect(flagged("What supports do you need?").isEmpty)
    }

    @Test func closedAndWhyQuestions() {
        #expect(flagged("Do you like feedback?") == ["open-questions/closed-question"])
        #expect(flagged("Why did you do that?") == ["why-questions/why-question"])
        #expect(flagged("What would help you do your best work?").isEmpty)
    }

    @Test func narrowQuestionsAskForTheIdeal() {
        let hit = bundledRules.flags(for: "What do you like about your job?").hits.first
        #expect(hit?.rule.qualifiedID == "ask-for-the-ideal/narrow-question")
        #expect(hit?.fix == "What would have you jump out of bed to come to work?")
    }

    func nudges(_ items: String...) throws -> [String] {
        bundledRules.nudges(after: try RuleBook.exampleEvents(items)).map(\.qualifiedID)
    }

    @Test func everyEventTypeARuleCanNameHasAnExampleEventAndNoOtherDoes() throws {
        for type in Plugin.eventTypes {
            #expect(try RuleBook.exampleEvents(["\(type.rawValue): words"]).last?.kind.type == type)
        }
        for type in EventType.allCases where !Plugin.eventTypes.contains(type) {
            #expect(throws: AllianceError.self) { try RuleBook.exampleEvents([type.rawValue]) }
        }
        #expect(Plugin.eventTypes.count == 12)
    }

    @Test func oneWayDesign() throws {
        #expect(try nudges("ask", "ask", "ask") == ["two-way-street/no-mine"])
        #expect(try nudges("ask", "ask", "mine", "ask").isEmpty)
    }

    @Test func avoidanceFraming() throws {
        #expect(
            try nudges("ask", "answer: I don't like being micromanaged") == ["avoidance/what-they-dont-want"])
        #expect(try nudges("ask", "answer: A heads-up the day before").isEmpty)
    }

    @Test func askingEverythingAtOnce() throws {
        let eight = Array(repeating: "ask", count: 8)
        #expect(
            bundledRules.nudges(after: try RuleBook.exampleEvents(eight)).map(\.qualifiedID).contains(
                "pacing/too-many-questions"))
    }

    @Test func agreementsWithoutAWayToKnowAndNoRepair() throws {
        #expect(try nudges("agree: We are honest") == ["accountability/how-will-we-know"])
        #expect(try nudges("agree: We check in every Monday at 10").isEmpty)
        #expect(
            try nudges("ask", "agree: Mondays at 10", "close") == ["repair-designed/closing-without-repair"])
        #expect(try nudges("repair: Time-out, then talk", "close").isEmpty)
    }

    @Test func aNudgeFiresOncePerWindowAndForgetsWithdrawnEvents() throws {
        let session = try newSession()
        try session.run(#"/ask "What matters?""#, #"/ask "What else?""#, #"/ask "What helps?""#)
        #expect(session.state.notices.map(\.notice.rule) == ["no-mine"])
        try session.run(#"/ask "What now?""#)
        #expect(session.state.notices.map(\.notice.rule) == ["no-mine"])
        try session.run("/mine Me too", #"/ask "One""#, #"/ask "Two""#, "/undo", #"/ask "Three""#)
        #expect(session.state.notices.map(\.notice.rule) == ["no-mine"])
        try session.run(#"/ask "Four""#)
        #expect(session.state.notices.map(\.notice.rule) == ["no-mine", "no-mine"])
    }

    @Test func noticesAreRecordedWithThePluginHashAndMutingIsRecordedToo() throws {
        let session = try newSession()
        try session.run(#"/ask "Why are you here?""#)
        let notice = try #require(session.state.notices.first?.notice)
        #expect(notice.kind == .flag)
        #expect(notice.hash == bundledRules.plugin("why-questions")?.hash)
        #expect(notice.about == 2)
        try session.run("/rules mute why-question", #"/ask "Why now?""#)
        #expect(session.state.notices.count == 1)
        #expect(session.state.muted == ["why-questions/why-question"])
        let onDisk = try session.eventsOnDisk().map(\.kind.type)
        #expect(onDisk == [.sitting, .ask, .rule, .mute, .ask])
        try session.run("/rules unmute why-questions/why-question", #"/ask "Why again?""#)
        #expect(session.state.notices.filter { $0.notice.kind == .flag }.count == 2)
    }

    @Test func fixAsksTheOfferedRewriteAndWithdrawsTheFlaggedQuestion() throws {
        let session = try newSession()
        try session.run(#"/ask "How can I motivate you?""#, "/fix")
        #expect(session.state.isRetracted(2))
        #expect(session.state.questions.last?.text == "What motivates you?")
        #expect(session.execute("/fix").error?.message == "no flagged question with a fix in this sitting")
    }
}

@Suite(.removingTemporaryDirectories) struct RuleEdgeTests {
    @Test func repeatsOverAHundredAreRefused() {
        #expect(throws: AllianceError.self) { try Pattern("a{200}") }
    }

    @Test func aNudgeCannotFireOnSittingAndSinceTakesAList() throws {
        #expect(throws: AllianceError.self) {
            try Plugin.parse(
                bytes: Array(
                    "description: d\nrules:\n  - {id: a, kind: nudge, message: m, on: sitting}\n".utf8),
                path: "p.yaml")
        }
        let yaml = """
            description: d
            rules:
              - id: a
                kind: nudge
                on: ask
                message: m
                count: {of: ask, since: [mine, agree], at-least: 2}
                examples: {match: ["ask, ask", "mine, ask, ask"], ignore: ["ask, agree, ask"]}
            """
        let (plugin, refused) = try Plugin.parse(bytes: Array(yaml.utf8), path: "p.yaml")
        #expect(refused.isEmpty)
        guard case .nudge(_, let condition)? = plugin.rules.first else {
            Issue.record("not a nudge: \(String(describing: plugin.rules.first))")
            return
        }
        #expect(condition.count?.since == [.mine, .agree])
    }

    @Test func fixOnAFlaggedFollowUpKeepsItAFollowUp() throws {
        let session = try newSession()
        try session.run("/ask trust", "The why", #"/probe "Why does that matter?""#)
        let thread = try #require(session.state.openThread)
        #expect(session.state.notices.last?.notice.fix == nil || true)
        let muteRewrite = session.execute("/rules mute why-do-you-to-what-leads")
        #expect(muteRewrite.error?.message.contains("is a rewrite") == true)
        try session.run(#"/probe "Why do you care about that?""#, "/fix")
        let last = try #require(session.state.questions.last)
        #expect(last.kind == .probe)
        #expect(last.thread == thread)
        #expect(last.text == "What leads you to care about that?")
    }
}

@Suite(.removingTemporaryDirectories) struct GiveUpTests {
    @Test func aRuleThatCannotFinishIsReportedNotHung() throws {
        let session = try newSession()
        try session.run("/ask")
        let huge = String(repeating: "no ", count: 400_000) + "don't"
        let clock = ContinuousClock()
        var lines: [String] = []
        let elapsed = try clock.measure { lines = try session.run(huge) }
        // The give-up is a work budget, not a clock: this bound only catches a hang, with room for
        // a loaded CI machine.
        #expect(elapsed < .seconds(120))
        #expect(lines.contains { $0.contains("rule avoidance/what-they-dont-want gave up on this text") })
        #expect(session.state.answers.last?.text == huge)
    }
}

/// Plugins as libyaml reads them: null is no value, files as coaches save them.
@Suite(.removingTemporaryDirectories) struct PluginYAMLTests {
    static func outcome(_ bytes: [UInt8], path: String = "p.yaml") -> String {
        do {
            let (plugin, refused) = try Plugin.parse(bytes: bytes, path: path)
            // The hash is of the bytes; everything else must not depend on how they were saved.
            return
                "\(plugin.name) \(plugin.description) \(plugin.version ?? "-") \(plugin.rules)\n\(refused.map(\.description))"
        } catch {
            return "error \(error.description)"
        }
    }

    static func bundledTexts() throws -> [(name: String, text: String)] {
        let directory = packageRoot + "/Plugins"
        return try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
            .filter { $0.hasSuffix(".yaml") }
            .map { ($0, try String(contentsOfFile: directory + "/" + $0, encoding: .utf8)) }
    }

    @Test func everyBundledPluginLoadsWholeAndTheSameSavedAsWindowsOrWithABOM() throws {
        let texts = try Self.bundledTexts()
        #expect(texts.count >= 9)
        for (name, text) in texts {
            let (plugin, refused) = try Plugin.parse(bytes: Array(text.utf8), path: name)
            #expect(refused.isEmpty, "\(name): \(refused)")
            #expect(!plugin.rules.isEmpty, "\(name)")
            let plain = Self.outcome(Array(text.utf8), path: name)
            let crlf = Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
            #expect(Self.outcome(crlf, path: name) == plain, "\(name)")
            #expect(Self.outcome([0xEF, 0xBB, 0xBF] + Array(text.utf8), path: name) == plain, "\(name)")
        }
    }

    @Test func aFileSavedAsUTF16IsRefusedSayingHowToSaveIt() {
        for bom: [UInt8] in [[0xFF, 0xFE], [0xFE, 0xFF]] {
            let units = Array(PluginParserTests.valid.utf16)
            let bytes =
                bom
                + units.flatMap {
                    bom[0] == 0xFF ? [UInt8($0 & 0xFF), UInt8($0 >> 8)] : [UInt8($0 >> 8), UInt8($0 & 0xFF)]
                }
            #expect(Self.outcome(bytes) == "error p.yaml: saved as UTF-16: save as UTF-8")
        }
    }

    @Test func aTabIndentingALineIsAnErrorWithItsLine() {
        let yaml = "name: x\ndescription: d\nrules:\n\t- id: a\n"
        #expect(
            Self.outcome(Array(yaml.utf8)).hasPrefix(
                "error p.yaml:4: invalid YAML: found character that cannot start any token"))
    }

    @Test func anOptionalKeyWithNoValueIsAsIfAbsent() throws {
        for empty in ["~", "null", "NULL", ""] {
            let yaml =
                "name: x\ndescription: d\nversion: \(empty)\nrules:\n  - id: a\n    kind: flag\n    level: \(empty)\n    message: m\n    pattern: x\n    examples:\n      match: [x]\n      ignore: \(empty)\n"
            let (plugin, refused) = try Plugin.parse(bytes: Array(yaml.utf8), path: "p.yaml")
            #expect(refused.isEmpty)
            #expect(plugin.version == nil, "version: \(empty)")
            #expect(plugin.rules.first?.level == .warning)
        }
        // Quoted, it is the text.
        let quoted = "name: x\ndescription: d\nversion: '~'\nrules: []\n"
        #expect(try Plugin.parse(bytes: Array(quoted.utf8), path: "p.yaml").plugin.version == "~")
    }

    @Test(arguments: [
        (
            "name: x\ndescription: ~\nrules: []\n",
            "error p.yaml:1: the plugin needs a `description:` saying what it helps with"
        ),
        ("name: x\ndescription: d\nrules: ~\n", "error p.yaml:1: the plugin has no `rules:`"),
        ("~\n", "error p.yaml: the plugin is empty"),
        ("# nothing\n", "error p.yaml: the plugin is empty"),
        (
            "name: x\ndescription: d\nrules:\n  - id: a\n    kind: flag\n    message: m\n    pattern: x\n    examples:\n      match: [x, null]\n",
            "error p.yaml:9: no value here (`~`, `null` and nothing mean none): quote it to mean the text"
        ),
        (
            "name: x\ndescription: d\nrules: []\nname: y\n",
            "error p.yaml:4: invalid YAML: the key `name` is repeated (first on line 1)"
        ),
        (
            "name: x\ndescription: d\nrules: []\n<<: {name: y}\n",
            "error p.yaml:4: unknown key `<<` in a plugin (known: description, name, rules, version)"
        ),
        (
            "name: x\ndescription: d\nrules: []\n---\nname: y\n",
            "error p.yaml:4: invalid YAML: a second document (after `---`): a file holds one"
        ),
    ])
    func noValueWhereOneIsNeededIsAnError(_ yaml: String, _ outcome: String) {
        #expect(Self.outcome(Array(yaml.utf8)) == outcome)
    }

    @Test func valuesInCurlyQuotesGetAHint() throws {
        let yaml = "name: x\ndescription: “Flags things”\nrules: []\n"
        let (plugin, findings) = try Plugin.parse(bytes: Array(yaml.utf8), path: "p.yaml")
        #expect(plugin.description == "“Flags things”")
        #expect(
            findings.map(\.description) == [
                "p.yaml:2: warning: a value in curly quotes keeps them as part of its text: use straight quotes (\" or ') around a value, not curly ones (“ ” ‘ ’)"
            ])
        let broken = "name: x\ndescription: “Flags: things”\nrules: []\n"
        #expect(
            Self.outcome(Array(broken.utf8)).contains(
                "p.yaml:2: invalid YAML: mapping values are not allowed in this context; use straight quotes")
        )
    }

    @Test func aPluginSavedAsYamlTxtIsNamedWithTheFix() throws {
        let directory = temporaryDirectory("alliance-txt")
        try PluginParserTests.valid.write(
            toFile: directory + "/habits.yaml.txt", atomically: true, encoding: .utf8)
        try PluginParserTests.valid.write(
            toFile: directory + "/other.yml.txt", atomically: true, encoding: .utf8)
        let book = RuleBook.load(directories: [directory])
        #expect(book.plugins.isEmpty)
        #expect(
            book.diagnostics.map(\.description).sorted() == [
                "\(directory)/habits.yaml.txt: warning: not read: the name ends in .txt; rename it to habits.yaml to load it",
                "\(directory)/other.yml.txt: warning: not read: the name ends in .txt; rename it to other.yml to load it",
            ])
        let lint = PluginLint.check([directory])
        #expect(lint.errors == 0)
        #expect(lint.entries.count == 2)
    }
}
