import Foundation
import TestSupport
import Testing

@testable import AllianceKit

/// `alliance search`: which words are found, how each hit says what it is, and reading logs
/// from disk, damaged ones included.
@Suite(.removingTemporaryDirectories) struct SessionSearchTests {
    /// Every kind of entry that holds words, each with an `e` in it.
    static func alliance() throws -> Session {
        let session = try newSession(with: ["Zoë", "Sam"])
        try session.run(
            "/ask trust", "Being told the why", "/probe", "Examples", "/mine I over-explain",
            "/flip I don't want meetings", "/agree We meet on Mondays", "/agree Notes after calls",
            "/checkin",
            "/keep fine so far", "/adjust Notes within a day -- faster", "/repair Time-out, then talk",
            "/repair A1", "/repair A1 We reset", "/note --private she seemed tired", "/note Offsite in March",
            "/note withdrawn words", "/undo", "/amend 3 Being told the reasons")
        return session
    }

    @Test func eachHitSaysWhatItIsAndWithdrawnWordsAreNotFound() throws {
        let hits = SessionSearch.search("E", in: try Self.alliance().state, session: "s1")
        #expect(
            hits.map { "#\($0.seq) \($0.what): \($0.text)" } == [
                "#2 question: What builds trust for you with the people you work with?",
                "#3 answer (Zoë) (corrected): Being told the reasons",
                "#4 follow-up: What does that mean to you?",
                "#5 answer (Zoë): Examples",
                "#6 answer (you): I over-explain",
                "#7 flipped question: What would you like instead of meetings?",
                "#8 agreement A1: We meet on Mondays",
                "#9 agreement A2: Notes after calls",
                "#11 A1 keep: fine so far",
                "#12 agreement A2 adjusted: Notes within a day",
                "#13 repair plan: Time-out, then talk",
                "#14 repair question: A1 went off track (“We meet on Mondays”). What happened, and what would help us repair it?",
                "#15 repair of A1: We reset",
                "#16 private note: she seemed tired",
                "#17 note: Offsite in March",
            ])
        #expect(hits.allSatisfy { $0.session == "s1" && $0.sitting == 1 })
    }

    @Test func aCorrectionIsFoundByItsNewWordsNotItsOldOnes() throws {
        let state = try Self.alliance().state
        #expect(SessionSearch.search("the why", in: state, session: "s1").isEmpty)
        #expect(SessionSearch.search("REASONS", in: state, session: "s1").map(\.seq) == [3])
        #expect(SessionSearch.search("withdrawn", in: state, session: "s1").isEmpty)
        #expect(SessionSearch.search("", in: state, session: "s1").isEmpty)
        #expect(SessionSearch.search("zoë", in: state, session: "s1").isEmpty, "names are not searched")
    }

    @Test func hitsAreNumberedBySittingAcrossRevisits() throws {
        let first = try newSession()
        try first.run("/note breakfast first")
        _ = first.close(reason: "quit")
        let second = try Session(
            revisiting: first.logPath, home: first.home, packs: bundledPacks,
            clock: SteppingClock(start: "2026-12-01T09:00:00.000Z"))
        try second.run("/note breakfast again")
        #expect(
            SessionSearch.search("breakfast", in: second.state, session: first.id).map(\.sitting) == [1, 2])
    }

    /// Reading a log from disk gives what folding it in memory gives, whichever way it is read.
    @Test(arguments: ["e", "meet", "Mondays", "tired", "reasons", "café", "nothing-like-this"])
    func aLogOnDiskGivesTheHitsItsStateGives(_ query: String) throws {
        let session = try Self.alliance()
        try session.run("/note café au lait")
        let found = SessionSearch.search(query, session: session.id, path: session.logPath)
        #expect(found.unreadable == nil && found.problems.isEmpty)
        #expect(found.hits == SessionSearch.search(query, in: session.state, session: session.id))
    }

    @Test func aDamagedLogIsSearchedAndItsProblemsReportedAndAMissingOneIsNamed() throws {
        let session = try Self.alliance()
        _ = session.close(reason: "quit")
        var lines = try String(contentsOfFile: session.logPath, encoding: .utf8).split(separator: "\n")
        lines[8] = lines[8].replacingOccurrences(of: "Notes after calls", with: "Notes after lunch")[...]
        let damaged = temporaryDirectory() + "/damaged.jsonl"
        try (lines.joined(separator: "\n") + "\n").write(toFile: damaged, atomically: false, encoding: .utf8)
        let found = SessionSearch.search("notes", session: "d", path: damaged)
        #expect(found.unreadable == nil)
        #expect(found.problems.count == 1 && found.problems.first?.location?.hasSuffix(":9") == true)
        #expect(found.hits.map(\.text) == ["Notes within a day"])

        let results = SessionSearch.search(
            "notes",
            sessions: [("d", damaged), ("gone", damaged + ".missing"), (session.id, session.logPath)])
        #expect(results.map { $0.hits.first?.session } == ["d", nil, session.id])
        #expect(results[1].unreadable != nil && results[1].hits.isEmpty)
        #expect(results[2].hits.map(\.text) == ["Notes after calls", "Notes within a day"])
    }
}
