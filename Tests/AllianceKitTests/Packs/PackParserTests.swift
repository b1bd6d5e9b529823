import Foundation
import TestSupport
import Testing

@testable import AllianceKit

@Suite(.removingTemporaryDirectories) struct PackParserTests {
    static let sample = """
        ---
        id: trip
        title: A trip with friends
        tags: [travel, friends]
        for: Before a week away together.
        version: 2
        ---

        # A trip with friends

        Ask these before you book.

        ## Money

        - How do you like to split costs? {#costs}
          - What does {that} look like on the last day?
        - What would a perfect day cost you?
          It can be as little as you like.

        ## Time together
        <!-- a comment with - a bullet -->
        * What does a good day together look like? {#good-day}
        1. How will we know someone needs time alone? {#alone}
        """

    @Test func readsTheWholeFormat() throws {
        let p = try pack(Self.sample, path: "packs/trip-with-friends.md")
        #expect(p.id == "trip")
        #expect(p.title == "A trip with friends")
        #expect(p.tags == ["travel", "friends"])
        #expect(p.forWhen == "Before a week away together.")
        #expect(p.version == "2")
        #expect(p.intro == "Ask these before you book.")
        #expect(p.sections.map(\.title) == ["Money", "Time together"])
        #expect(p.sections.map(\.slug) == ["money", "time-together"])
        #expect(p.questions.map(\.question.id) == ["costs", "perfect-day-cost", "good-day", "alone"])
        #expect(p.questions[0].question.probes == ["What does {that} look like on the last day?"])
        #expect(
            p.questions[1].question.text
                == "What would a perfect day cost you? It can be as little as you like.")
        #expect(p.questions[2].question.line == 22)
    }

    @Test func theIDDefaultsToTheFileNameAndTheTitleToTheHeading() throws {
        let p = try pack("# Allowance\n\n## Money\n- What is the money for?\n", path: "/x/allowance.md")
        #expect(p.id == "allowance")
        #expect(p.title == "Allowance")
    }

    @Test func generatedIDsStayStableWhenQuestionsAreAdded() throws {
        let before = try pack("# T\n## S\n- What builds trust for you?\n- How do you like feedback?\n")
        let after = try pack(
            "# T\n## S\n- What motivates you?\n- What builds trust for you?\n## New\n- How do you like feedback?\n"
        )
        let ids = { (p: Pack) in
            Dictionary(uniqueKeysWithValues: p.questions.map { ($0.question.text, $0.question.id) })
        }
        for (text, id) in ids(before) { #expect(ids(after)[text] == id) }
    }

    static let bad: [(name: String, text: String, location: String, message: String)] = [
        ("unclosed", "---\ntitle: x\n## S\n- What?\n", "f.md:1", "never closed"),
        ("yaml", "---\ntitle: [unclosed\n---\n## S\n- What?\n", "f.md:", "invalid YAML"),
        ("no title", "---\nid: x\n---\n## S\n- What?\n", "f.md:1", "no title"),
        ("duplicate ids", "# T\n## S\n- What? {#a}\n- How? {#a}\n", "f.md:4", "used twice (first on line 3)"),
        ("empty", "---\ntitle: T\n---\nJust words.\n", "f.md", "no questions"),
        ("bad id", "# T\n## S\n- What? {#Not OK}\n", "f.md:3", "may hold only"),
        ("title list", "---\ntitle: [a, b]\n---\n## S\n- What?\n", "f.md:2", "single value"),
    ]

    @Test(arguments: bad.indices)
    func badPacksGetOneLineNamingFileAndLine(_ index: Int) {
        let bad = Self.bad[index]
        do {
            _ = try Pack.parse(text: bad.text, path: "f.md")
            Issue.record("\(bad.name) parsed")
        } catch {
            #expect(error.location?.hasPrefix(bad.location) == true, "\(bad.name): \(error)")
            #expect(error.message.contains(bad.message), "\(bad.name): \(error)")
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func binaryNonUTF8AndHugeFilesAreRefused() {
        #expect(throws: AllianceError.self) { try Pack.parse(bytes: [0x23, 0x20, 0, 1, 2], path: "bin.md") }
        do {
            _ = try Pack.parse(bytes: Array("# T\n## S\n- caf".utf8) + [0xE9, 0x3F, 10], path: "latin1.md")
            Issue.record("latin-1 parsed")
        } catch {
            #expect(error.description.hasPrefix("latin1.md:3: not valid UTF-8"))
        }
        #expect(throws: AllianceError.self) {
            try Pack.parse(bytes: [UInt8](repeating: 0x61, count: Pack.sizeLimit + 1), path: "huge.md")
        }
    }

    @Test func aRepairKeyNamesTheSectionRepairAsksFrom() throws {
        let (pack, warnings) = try Pack.parse(
            text:
                "---\ntitle: T\nrepair: When We Get Stuck\n---\n## S\n- What? {#what}\n## When we get stuck\n- How? {#how}\n",
            path: "f.md")
        #expect(warnings.isEmpty)
        #expect(pack.repair?.slug == "when-we-get-stuck")
        #expect(pack.isRepairQuestion("how") && !pack.isRepairQuestion("what"))
    }

    @Test func aRepairKeyNamingNoSectionFailsLintWithFileAndLine() throws {
        let dir = temporaryDirectory()
        let path = dir + "/stuck.md"
        try "---\ntitle: Stuck\nrepair: when-it-breaks\n---\n## Signs\n- What do you notice first?\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        let report = PackLint.check([path], against: RuleBook())
        #expect(report.errors == 1)
        let found = report.entries.compactMap { if case .finding(let f) = $0 { f.description } else { nil } }
        #expect(
            found == [
                "\(path):3: error: `repair: when-it-breaks` names no section of this pack (its sections: signs)"
            ])
    }

    @Test func unknownFrontMatterKeysWarn() throws {
        let (_, warnings) = try Pack.parse(
            text: "---\ntitle: T\ncolour: red\n---\n## S\n- What?\n", path: "f.md")
        #expect(
            warnings.map(\.description) == [
                "f.md:3: warning: unknown front matter key `colour` (known: author, for, id, repair, source, tags, title, version)"
            ])
    }
}

@Suite(.removingTemporaryDirectories) struct PackLibraryTests {
    @Test func everyBundledPackLoadsCleanly() {
        #expect(bundledPacks.diagnostics.isEmpty, "\(bundledPacks.diagnostics)")
        for id in ["new-team-member", "when-things-get-tough", "accountability", "probes"] {
            #expect(bundledPacks[id] != nil, "missing bundled pack \(id)")
        }
        for p in bundledPacks.packs {
            #expect(p.hash.count == 64)
            #expect((8...20).contains(p.questionCount), "\(p.id) has \(p.questionCount) questions")
        }
    }

    @Test func bundledQuestionsAreOpenAndAboutThePerson() {
        for p in bundledPacks.packs {
            for (_, q) in p.questions {
                let lower = q.text.lowercased()
                for opener in ["why ", "do you ", "are you ", "is ", "can you ", "how can i ", "would you "] {
                    #expect(!lower.hasPrefix(opener), "\(p.id)#\(q.id): \(q.text)")
                }
            }
        }
    }

    @Test func aBrokenPackIsReportedAndTheOthersStillLoad() throws {
        let dir = temporaryDirectory()
        try "# Good\n## S\n- What?\n".write(toFile: dir + "/good.md", atomically: true, encoding: .utf8)
        try "---\ntitle: [\n---\n".write(toFile: dir + "/broken.md", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: dir + "/folder.md", withIntermediateDirectories: true)
        try "not a pack".write(toFile: dir + "/notes.txt", atomically: true, encoding: .utf8)
        let library = PackLibrary.load(directories: [dir, dir + "/missing"])
        #expect(library.ids == ["good"])
        #expect(library.diagnostics.count == 2)
        #expect(library.diagnostics.allSatisfy { $0.severity == .error })
        #expect(library.diagnostics.contains { $0.description.hasPrefix(dir + "/broken.md:") })
        #expect(
            library.diagnostics.contains { $0.description.contains("folder.md: error: not a regular file") })
    }

    @Test func aLaterPackWithTheSameIDReplacesTheEarlierWithANotice() throws {
        let first = temporaryDirectory()
        let second = temporaryDirectory()
        try "# Mine\n## S\n- What first?\n".write(toFile: first + "/p.md", atomically: true, encoding: .utf8)
        try "# Theirs\n## S\n- What second?\n".write(
            toFile: second + "/p.md", atomically: true, encoding: .utf8)
        let library = PackLibrary.load(directories: [first, second])
        #expect(library["p"]?.title == "Theirs")
        #expect(library.diagnostics.map(\.severity) == [.warning])
        #expect(library.diagnostics.first?.description.contains("replaces the one in \(first)/p.md") == true)
    }
}

@Suite(.removingTemporaryDirectories) struct HostilePackFileTests {
    @Test func fifosDanglingLinksAndHugeFilesAreReportedAndTheShellStillLoads() throws {
        let dir = temporaryDirectory()
        try "# Good\n## S\n- What?\n".write(toFile: dir + "/good.md", atomically: true, encoding: .utf8)
        #expect(mkfifo(dir + "/pipe.md", 0o600) == 0)
        try FileManager.default.createSymbolicLink(
            atPath: dir + "/gone.md", withDestinationPath: dir + "/nowhere.md")
        #expect(FileManager.default.createFile(atPath: dir + "/huge.md", contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: dir + "/huge.md"))
        try handle.truncate(atOffset: 50 << 20)
        try handle.close()
        let library = PackLibrary.load(directories: [dir])
        #expect(library.ids == ["good"])
        let messages = library.diagnostics.map(\.description)
        #expect(messages.contains { $0.contains("pipe.md: error: not a regular file") })
        #expect(messages.contains { $0.contains("gone.md: error: cannot open") })
        #expect(messages.contains { $0.contains("huge.md: error: too large") })
    }

    @Test func everyBundledQuestionPassesTheBundledFlags() {
        for pack in bundledPacks.packs {
            for (_, question) in pack.questions {
                let hits = bundledRules.flags(for: question.text).hits.map(\.rule.qualifiedID)
                #expect(hits.isEmpty, "\(pack.id)#\(question.id) “\(question.text)” is flagged by \(hits)")
            }
        }
    }
}

@Suite(.removingTemporaryDirectories) struct PackEdgeTests {
    @Test func anIDAtTheEndOfAWrappedQuestionIsKept() throws {
        let p = try pack("# T\n## S\n- What would a good day\n  look like for you? {#good-day}\n")
        #expect(p.questions.first?.question.id == "good-day")
        #expect(p.questions.first?.question.text == "What would a good day look like for you?")
    }

    @Test func commentsNeverReachAQuestion() throws {
        let p = try pack(
            "# T\n## S\n- What do you want? {#want} <!-- ask this first -->\n<!-- a\n- hidden\n-->\n- How? {#how}\n"
        )
        #expect(p.questions.map(\.question.id) == ["want", "how"])
        #expect(p.questions.first?.question.text == "What do you want?")
    }

    @Test func generatedIDsArePlainASCII() throws {
        let p = try pack("# T\n## S\n- Qual é o teu dia ideal?\n", path: "/x/Férias em Família.md")
        #expect(p.id == "ferias-em-familia")
        #expect(Pack.isValidID(p.questions[0].question.id))
    }
}
