import TestSupport
import Testing

@testable import AllianceKit

/// The commands that only show something (agreements, history, packs, pack, log, rules, with, me,
/// mine and agree without words): what they show, and that they record nothing.
@Suite(.removingTemporaryDirectories) struct ListingCommandTests {
    /// An alliance with an answer on each side, an agreement adjusted and gone off track, and
    /// one dropped.
    static func alliance() throws -> Session {
        let session = try newSession(with: ["Zoë", "Sam"])
        try session.run(
            "/ask trust", "Being told the why", "/mine I over-explain",
            #"/agree We meet on Mondays --by 2026-11-30 --know "it is in both calendars""#,
            "/agree Notes after calls", "/adjust A1 We meet on Tuesdays --by 2026-12-01 -- Mondays clash",
            "/drop A2 no longer needed", "/repair A1 We reset on Friday")
        return session
    }

    /// Runs a line that must only show something, and returns what it shows.
    func show(_ session: Session, _ line: String) throws -> [Line] {
        let before = session.state
        let response = session.execute(line)
        #expect(response.error == nil, "\(line): \(response.error!)")
        #expect(session.state == before, "\(line) recorded something")
        return response.lines
    }

    @Test func agreementsListWhatStandsAndHistoryEveryWording() throws {
        let session = try Self.alliance()
        #expect(
            try show(session, "/agreements") == [
                Line("A1  We meet on Tuesdays", .agreement),
                Line("    by 2026-12-01; how we'll know: it is in both calendars", .dim),
                Line("    went off track 1× (see /log)", .dim),
            ])
        let history = try show(session, "/agreements --history").map(\.text)
        #expect(
            history == [
                "A1  We meet on Tuesdays",
                "  #5 sitting 1, 2026-11-25  agreed: We meet on Mondays (by 2026-11-30)",
                "  #7 sitting 1, 2026-11-25  adjusted: We meet on Tuesdays (by 2026-12-01)  — Mondays clash",
                "  #9 2026-11-25  went off track (see /log)",
                "A2 (dropped)  Notes after calls",
                "  #6 sitting 1, 2026-11-25  agreed: Notes after calls",
                "  #8 sitting 1, 2026-11-25  drop  — no longer needed",
            ])
        #expect(try show(session, "/history a2").map(\.text) == Array(history[4...]))
        #expect(try show(session, "/history A1").map(\.text) == Array(history[..<4]))
    }

    @Test func withoutAgreementsTheListSaysHowToMakeOne() throws {
        let session = try newSession()
        #expect(
            try show(session, "/agreements") == [Line("No agreements yet: /agree TEXT records one.", .dim)])
        #expect(try show(session, "/agreements --history") == [Line("No agreements yet.", .dim)])
        // A session starts with its sitting; only an alliance with no event at all has no log.
        #expect(try show(session, "/log").count == 1)
        let empty = CommandContext(state: AllianceState(), packs: bundledPacks)
        #expect(try ShellCommand.log("", empty).lines == [Line("Nothing recorded yet.", .dim)])
    }

    @Test func packsMarkTheActiveOneAndPackDescribesItsSections() throws {
        let session = try Self.alliance()
        let packs = try show(session, "/packs")
        #expect(packs.count == bundledPacks.packs.count)
        #expect(
            packs.filter { $0.text.hasPrefix("* ") } == [
                Line("* new-team-member        A new team member  (20 questions, 1 asked)")
            ])
        #expect(packs.allSatisfy { $0.text.hasPrefix("* ") || $0.style == .dim })
        let pack = try show(session, "/pack").map(\.text)
        #expect(pack.first == "A new team member (new-team-member): 20 questions, 1 asked")
        #expect(pack.contains("  trust                  1/3  Trust"))
        #expect(pack.count == 2 + bundledPacks["new-team-member"]!.sections.count)
        // Naming the active pack shows it again; naming another switches to it.
        #expect(try show(session, "/pack NEW-TEAM-MEMBER").map(\.text) == pack)
        let before = session.state.lastSeq
        let switched = session.execute("/pack feedback")
        #expect(switched.lines.first?.text == "Giving and getting feedback (feedback): 15 questions, 0 asked")
        #expect(session.state.activePack == "feedback" && session.state.lastSeq == before + 1)
    }

    @Test func logShowsTheLastEntries() throws {
        let session = try Self.alliance()
        let last = try show(session, "/log #2")
        #expect(last.count == 2)
        #expect(last.first?.text.hasPrefix("#8 ") == true)
        #expect(last.last == Line("#9    A1 off track, repair: We reset on Friday"))
        for n in 1...20 { try session.run("/note note \(n)") }
        let shown = try show(session, "/log").map(\.text)
        #expect(shown.count == 15)
        #expect(shown.last?.hasSuffix("note 20") == true && shown.first?.hasSuffix("note 6") == true)
    }

    @Test func withListsWhoIsTakingPartAndMeTheNameInUse() throws {
        let session = try Self.alliance()
        #expect(try show(session, "/with") == [Line("* Zoë"), Line("  Sam", .dim)])
        #expect(
            try show(session, "/me") == [Line("You have no name here yet: /me NAME gives you one.", .dim)])
        try session.run("/me Dad")
        #expect(try show(session, "/me") == [Line("You are Dad in this alliance.", .dim)])
        #expect(try show(session, "/me Dad") == [Line("You are already Dad here.", .dim)])
        #expect(
            try show(newSession(with: []), "/with") == [
                Line("No one has joined yet: /with NAME adds someone.", .dim)
            ])
    }

    @Test func mineAndAgreeWithoutWordsShowTheOpenQuestion() throws {
        let session = try newSession(with: ["Zoë"])
        try session.run("/ask trust", "Being told the why")
        let question = "What builds trust for you with the people you work with?"
        #expect(try show(session, "/mine") == [Line("Your turn: \(question)", .question)])
        let sides = try show(session, "/agree")
        #expect(sides.first == Line(question, .question))
        #expect(sides.dropFirst().first?.text.hasSuffix("│ you") == true)
        #expect(sides.contains { $0.text.contains("Zoë: Being told the why") })
        #expect(sides.last == Line("You have not answered yet: /mine TEXT before you agree.", .dim))
        try session.run("/mine I over-explain")
        let both = try show(session, "/agree").map(\.text)
        #expect(
            both.contains { $0.contains("Zoë: Being told the why") && $0.hasSuffix("│ you: I over-explain") })
    }

    @Test func rulesListEveryRuleAndMarkTheMutedOnes() throws {
        let session = try newSession()
        let listed = try show(session, "/rules")
        #expect(listed.count == bundledRules.rules.count)
        #expect(
            listed.contains {
                $0.text.hasPrefix("avoidance/dont-like ")
                    && $0.text.hasSuffix("rewrite            (used by /flip)")
            })
        #expect(
            listed.contains {
                $0.text.hasPrefix("ask-for-the-ideal/narrow-question ")
                    && $0.text.contains("flag (suggestion)")
            })
        let mute = session.execute("/rules mute two-way-street/no-mine")
        #expect(mute.lines == [Line("  two-way-street/no-mine muted for this sitting", .dim)])
        #expect(session.state.muted == ["two-way-street/no-mine"])
        #expect(
            try show(session, "/rules mute two-way-street/no-mine") == [
                Line("two-way-street/no-mine is already muted.", .dim)
            ])
        let muted = try show(session, "/rules").filter { $0.text.hasSuffix("  [muted]") }
        #expect(
            muted.map(\.style) == [.dim] && muted.first?.text.hasPrefix("two-way-street/no-mine ") == true)
        try session.run("/rules UNMUTE two-way-street/no-mine")
        #expect(session.state.muted.isEmpty)
        #expect(
            try show(session, "/rules unmute two-way-street/no-mine") == [
                Line("two-way-street/no-mine is already on.", .dim)
            ])
    }
}
