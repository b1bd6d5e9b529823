import Foundation
import Testing

/// Alliances found by the people in them, through the built binary: `replay`, `export` and
/// `revisit` take a name or title words, `sessions` shows titles and people, `search` finds
/// every word without case or accents.
@Suite("Alliances found by people, end to end", .timeLimit(.minutes(2)), .removingTemporaryDirectories)
struct FindByPeopleCLITests {
    /// Two alliances: Léo's allowance, and Sam joining the team.
    static func home() throws -> (home: TemporaryHome, leo: String, sam: String) {
        let home = try TemporaryHome()
        let leo = try home.run(
            [], ["--with", "Léo", "--title", "Weekly allowance"],
            stdin: Alliance.script(["/ask What would you spend it on?", "Zoë's café on Saturdays", "/quit"]))
        #expect(leo.status == 0, "\(leo)")
        let leoID = try home.singleSessionID()
        let sam = try home.run(
            [], ["--with", "Sam Reyes", "--title", "Sam joins"],
            stdin: Alliance.script(["/note cafe meeting on Monday", "/quit"]))
        #expect(sam.status == 0, "\(sam)")
        let samID = try #require(
            home.sessionLogs().map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent }
                .first { $0 != leoID })
        return (home, leoID, samID)
    }

    @Test("replay, export and revisit take a participant's name or words of the title")
    func aNameOrTitleFindsTheAlliance() throws {
        let (home, leo, sam) = try Self.home()
        defer { home.remove() }
        let replay = try home.run(["replay"], ["leo"])
        #expect(replay.status == 0, "\(replay)")
        #expect(replay.stdout.contains("Zoë's café on Saturdays"), "\(replay.stdout)")
        let export = try home.run(["export"], ["sam reyes", "--format", "json"])
        #expect(export.status == 0, "\(export)")
        #expect(export.stdout.contains(sam), "\(export.stdout.prefix(300))")
        let revisit = try home.run(
            ["revisit"], ["allowance"], stdin: Alliance.script(["/note again", "/quit"]))
        #expect(revisit.status == 0, "\(revisit)")
        let again = try home.run(["replay"], [leo])
        #expect(again.stdout.contains("again"), "\(again.stdout)")
    }

    @Test("several alliances that fit are listed one per line, and nothing opens")
    func severalFitAreListed() throws {
        let (home, leo, sam) = try Self.home()
        defer { home.remove() }
        let none = try home.run(["replay"], ["nobody"])
        #expect(none.status == 1, "\(none)")
        #expect(none.stderr.contains(#"no session "nobody""#), "\(none.stderr)")
        // A second Sam.
        let third = try home.run([], ["--with", "Sam Ortiz"], stdin: Alliance.script(["/note hi", "/quit"]))
        #expect(third.status == 0, "\(third)")
        let several = try home.run(["replay"], ["sam"])
        #expect(several.status == 1, "\(several)")
        let lines = several.stderr.split(separator: "\n").map(String.init)
        #expect(
            lines.first == #"error: "sam" could be 2 alliances: type more of a name or the title, or the id"#)
        #expect(lines.contains("  \(sam)  Sam joins (Sam Reyes)"), "\(several.stderr)")
        #expect(lines.count == 3, "\(several.stderr)")
        #expect(!several.stderr.contains(leo))
    }

    @Test("sessions shows titles and people; search finds every word without case or accents")
    func sessionsAndSearch() throws {
        let (home, leo, sam) = try Self.home()
        defer { home.remove() }
        let sessions = try home.run(["sessions"])
        #expect(sessions.status == 0, "\(sessions)")
        let rows = sessions.stdout.split(separator: "\n").map(String.init)
        #expect(rows.contains { $0.hasPrefix(leo) && $0.hasSuffix("Léo        Weekly allowance") }, "\(rows)")
        #expect(rows.contains { $0.hasPrefix(sam) && $0.hasSuffix("Sam Reyes  Sam joins") }, "\(rows)")

        let search = try home.run(["search"], ["CAFE", "zoe"])
        #expect(search.status == 0, "\(search)")
        #expect(
            search.stdout.split(separator: "\n").map(String.init) == [
                "\(leo)  sitting 1  #3  answer (Léo): Zoë's café on Saturdays",
                "    to question #2: What would you spend it on?",
            ], "\(search.stdout)")
        let cafe = try home.run(["search"], ["café"])
        #expect(cafe.stdout.split(separator: "\n").filter { !$0.hasPrefix(" ") }.count == 2, "\(cafe.stdout)")
    }
}
