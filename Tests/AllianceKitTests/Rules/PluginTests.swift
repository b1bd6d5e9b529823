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

/// Plugins are read with no tag rules (every value is text to them); the result must be what
/// Yams' default rules give, repeated keys included.
@Suite(.removingTemporaryDirectories) struct PluginPlainTagsTests {
    static func outcome(_ yaml: String, fastPaths: Bool) -> String {
        do {
            let (plugin, refused) = try Plugin.parse(
                bytes: Array(yaml.utf8), path: "p.yaml", fastPaths: fastPaths)
            return "\(plugin)\n\(refused.map(\.description))"
        } catch {
            return "error \(error.description)"
        }
    }

    static let documents = [
        PluginParserTests.valid,
        "name: x\ndescription: d\nrules: []\n\"1\": a\n1: b\n",
        "name: x\ndescription: d\nrules: []\nname: y\n",
        "name: x\ndescription: d\nrules: []\n!!str 1: a\n1: b\n",
        "name: x\ndescription: d\nversion: 1.0\nrules:\n  - {id: a, kind: flag, message: m, pattern: '~', examples: {match: [\"~\"], ignore: [null, true]}}\n",
        "name: x\ndescription: ~\nrules:\n  - {id: a, kind: flag, case-sensitive: yes, message: m, pattern: x, examples: {match: [x]}}\n",
        "name: x\ndescription: d\nrules:\n  - {id: a, kind: nudge, message: m, on: ask, count: {of: ask, at-least: 0x3}, examples: {match: [\"ask, ask, ask\"]}}\n",
        "<<: {name: x}\ndescription: d\nrules: []\n",
        "name: x\ndescription: d\nrules: []\n=: y\n",
        "description: [\n",
    ]

    @Test(arguments: documents)
    func fastPathsReadAsTheDefaultTagsDo(_ yaml: String) {
        #expect(Self.outcome(yaml, fastPaths: true) == Self.outcome(yaml, fastPaths: false))
    }

    static func bundledTexts() throws -> [(name: String, text: String)] {
        let directory = packageRoot + "/Plugins"
        return try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
            .filter { $0.hasSuffix(".yaml") }
            .map { ($0, try String(contentsOfFile: directory + "/" + $0, encoding: .utf8)) }
    }

    @Test func theBundledPluginsAreReadWithoutYams() throws {
        for (name, text) in try Self.bundledTexts() {
            #expect(PlainYAML.read(text) != nil, "\(name)")
        }
        #expect(PlainYAML.read(PluginParserTests.valid) != nil)
    }

    /// Plain YAML the small reader must read as Yams does, and YAML it must hand over.
    static let variants = [
        "name: x\ndescription: d\nrules: []\n",
        "name: x\ndescription: d\nrules: []",
        "# comment\nname: x\n\ndescription: d # not a comment in Yams' eyes?\nrules: []\n",
        "name: x\ndescription: >\n  Folded\n  text.\nrules: []\n",
        "name: x\ndescription: >\n  Folded\n  text.\n\nrules: []\n",
        "name: x\nrules: []\ndescription: >\n  Folded at the end",
        "name: x\nrules: []\ndescription: >\n  Folded at the end\n",
        "name: x\nrules: []\ndescription: >\n  Folded\n\n  with a blank line\n",
        "name: x\nrules: []\ndescription: >\n  Folded\n    more indented\n",
        "name: x\nrules: []\ndescription: >-\n  Stripped\n",
        "name: x\nrules: []\ndescription: |\n  Literal\n",
        "name: x\nrules: []\ndescription: >\n  # not a comment\n",
        "name: x\nrules: []\ndescription: 'It''s  two  spaces'\n",
        "name: x\nrules: []\ndescription: \"double \\\" escaped\"\n",
        "name: x\nrules: []\ndescription: \"double, plain\"\n",
        "name: x\nrules: []\ndescription: 'unclosed\n",
        "name: x\nrules: []\ndescription: 'multi\n  line'\n",
        "name: x\nrules: []\ndescription: plain\n  continued\n",
        "name: x\nrules: []\ndescription: a: b\n",
        "name: x\nrules: []\ndescription: a #b\n",
        "name: x\nrules: []\ndescription: C#, [sic], {x}\n",
        "name: x\nrules: []\ndescription: 'q' trailing\n",
        "name: x\nrules: []\ndescription:\n",
        "name: x\nrules: []\ndescription: &a d\n",
        "name: x\nrules: []\ndescription: !!str d\n",
        "name: x\nname: y\nrules: []\ndescription: d\n",
        "name: x\ndescription: d\nrules:\n- {id: a}\n",
        "name: x\ndescription: d\nrules:\n- id: a\n  kind: flag\n",
        "name: x\ndescription: d\nrules:\n  - id: a\n    kind: flag\n    message: m\n    pattern: '\\bx'\n    examples:\n      match: [x, \"y, z\", 'w''s']\n      ignore: []\n",
        "name: x\ndescription: d\nrules:\n  - id: a\n    kind: flag\n    message: m\n    pattern: '\\bx'\n    examples:\n      match: [x, ]\n",
        "name: x\ndescription: d\nrules:\n  - id: a\n    kind: flag\n    message: m\n    pattern: '\\bx'\n    examples:\n      match: [x y, -z]\n",
        "name: x\ndescription: d\nrules:\n  - id: a\n    kind: flag\n      message: m\n",
        "name: x\ndescription: d\nrules:\n  - id: a\n   kind: flag\n",
        "name: x\ndescription: d\nrules:\n  - id: a\n  - b\n  -  c\n",
        "name: x\ndescription: d\nrules:\n  - id: a\n  -\n",
        "name: x\ndescription: d\nrules:\n  - id: a\n    count:\n      of: ask\n      at-least: 3\n",
        "name: x\ndescription: d\nrules:\n  - id: a\n    count:\n    of: ask\n",
        "name: x\ndescription: d\nrules:\n\t- id: a\n",
        "name: x\r\ndescription: d\r\nrules: []\r\n",
        "---\nname: x\ndescription: d\nrules: []\n",
        "name: x\ndescription: d\nrules: []\n...\n",
        "  name: x\n  description: d\n  rules: []\n",
        "name: x\ndescription: Zoë’s café\nrules: []\n",
        "name: x\ndescription: a\u{85}b\nrules: []\n",
        "- a\n- b\n",
        "just text\n",
        "",
        "\n\n# only a comment\n",
    ]

    @Test(arguments: variants)
    func theSmallReaderReadsAsYamsDoes(_ yaml: String) {
        #expect(Self.outcome(yaml, fastPaths: true) == Self.outcome(yaml, fastPaths: false))
    }

    /// Every bundled plugin with one line changed at a time (removed, duplicated, indented,
    /// outdented, a comment or `: x` appended): the result must not depend on the reader.
    @Test func editedBundledPluginsReadAsYamsReadsThem() throws {
        var checked = 0
        for (name, text) in try Self.bundledTexts() {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for i in lines.indices {
                var edits: [[String]] = []
                var removed = lines
                removed.remove(at: i)
                edits.append(removed)
                var duplicated = lines
                duplicated.insert(lines[i], at: i)
                edits.append(duplicated)
                for change in [
                    " " + lines[i], String(lines[i].dropFirst()), lines[i] + " # c", lines[i] + ": x",
                    lines[i] + "  ",
                ] {
                    var edited = lines
                    edited[i] = change
                    edits.append(edited)
                }
                for edited in edits {
                    let yaml = edited.joined(separator: "\n")
                    #expect(
                        Self.outcome(yaml, fastPaths: true) == Self.outcome(yaml, fastPaths: false),
                        "\(name) line \(i + 1)")
                    checked += 1
                }
            }
        }
        #expect(checked > 1000)
    }

    @Test func everyBundledPluginReadsTheSameBothWays() throws {
        let directory = packageRoot + "/Plugins"
        for name in try FileManager.default.contentsOfDirectory(atPath: directory)
        where name.hasSuffix(".yaml") {
            let text = try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
            #expect(Self.outcome(text, fastPaths: true) == Self.outcome(text, fastPaths: false), "\(name)")
        }
    }
}
