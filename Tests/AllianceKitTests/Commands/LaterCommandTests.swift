import Foundation
import Testing

@testable import AllianceKit

@Suite(.removingTemporaryDirectories) struct LaterCommandTests {
    static let howMuch = "How much feels fair to you, and how did you decide?"

    /// A first sitting of a parent and son: Léo does not know yet how much feels fair, and takes
    /// the question away; closed.
    static func firstSitting() throws -> (Session, close: [String]) {
        let session = try Session(
            newIn: temporaryHome(), packs: bundledPacks, rules: bundledRules,
            options: StartOptions(
                participants: ["Léo", "Maria"], pack: "allowance", title: "Léo's allowance"),
            clock: SteppingClock())
        try session.run("/ask how-much", "I don't know yet")
        let shown = try session.run("/later")
        #expect(shown.contains { $0.hasSuffix("Léo takes this question away, to answer next sitting") }, "\(shown)")
        try session.run("/ask save-up", "@Maria A bike for him")
        let close = session.close(reason: "quit")
        return (session, close.summary.map(\.text))
    }

    @Test func laterTakesTheOpenQuestionAwayForThePersonAnsweringAndTheCloseListsIt() throws {
        let (session, close) = try Self.firstSitting()
        let later = try #require(
            session.state.events.first {
                if case .later = $0.kind { true } else { false }
            })
        let asked = try #require(session.state.questions.first { $0.questionID == "how-much" })
        #expect(later.kind == .later(thread: asked.seq, name: "Léo"))
        #expect(try session.eventsOnDisk().contains(later))
        #expect(close.contains("Taken away: Léo — \(Self.howMuch)"), "\(close)")
        #expect(close.filter { $0.hasPrefix("Taken away") }.count == 1)
    }

    @Test func laterNamesSomeoneElseAndRefusesWhatItCannotTakeAway() throws {
        let session = try Session(
            newIn: temporaryHome(), packs: bundledPacks, rules: bundledRules,
            options: StartOptions(participants: ["Léo", "Maria"], pack: "allowance"), clock: SteppingClock())
        #expect(
            session.execute("/later").error?.message == "no question is open to take away: /ask one first")
        try session.run("/ask payday")
        #expect(
            session.execute("/later @Nobody").error?.message
                == "no one called \"Nobody\" is taking part (/with lists who is)")
        try session.run("/later @maria")
        #expect(session.state.openTakeAways.map(\.person) == ["Maria"])
        #expect(session.execute("/later @Maria").error?.message.hasPrefix("Maria has already taken") == true)
        try session.run("/later")
        #expect(session.state.openTakeAways.map(\.person) == ["Maria", "Léo"])
        #expect(!ShellCommand.isShareable("/later @Maria", context: session.context))
    }

    @Test func undoWithdrawsATakeAway() throws {
        let session = try newSession(with: ["Léo"])
        try session.run("/ask What would make Saturdays easier?", "No idea", "/later", "/undo")
        #expect(session.state.openTakeAways.isEmpty)
        let close = session.close(reason: "quit").summary.map(\.text)
        #expect(!close.contains { $0.hasPrefix("Taken away") }, "\(close)")
    }

    @Test func theNextSittingAsksItAgainFirstAndAnAnswerThereClosesIt() throws {
        let (first, _) = try Self.firstSitting()
        let second = try revisit(first)
        let welcome = second.welcomeBack.map(\.text)
        #expect(
            Array(welcome.dropFirst().prefix(2)) == [
                "Taken away (1): /ask asks again first", "  Léo — \(Self.howMuch)",
            ])
        // Maria answers at the start; the take-away is Léo's, so his answers are recorded from here.
        try second.run("/with Maria")
        let shown = try second.run("/ask")
        #expect(shown.contains { $0.contains(Self.howMuch) }, "\(shown)")
        #expect(shown.contains("  (Léo took this away at sitting 1; their answer closes it)"), "\(shown)")
        let open = try #require(second.state.openQuestion)
        let again = try #require(second.state.question(open))
        #expect(again.pack == "allowance" && again.questionID == "how-much" && again.sitting == 2)
        #expect(second.state.current == "Léo")
        #expect(second.state.openTakeAways.count == 1)
        try second.run("Ten euros a week, like my friends")
        #expect(second.state.openTakeAways.isEmpty)
        // Nothing left to ask again: the pack goes on where it was.
        try second.run("/ask")
        #expect(second.state.question(second.state.openQuestion ?? 0)?.questionID == "use")
        let close = second.close(reason: "quit").summary.map(\.text)
        #expect(!close.contains { $0.hasPrefix("Taken away") })
    }

    @Test func aTakeAwayStaysOpenUntilThatPersonAnswersItAtALaterSitting() throws {
        let (first, _) = try Self.firstSitting()
        let second = try revisit(first)
        // Asking something named asks that: only `/ask` alone asks what was taken away.
        try second.run("/ask payday", "Saturdays")
        #expect(second.state.question(second.state.openQuestion ?? 0)?.questionID == "payday")
        #expect(second.state.openTakeAways.count == 1)
        try second.run("/ask", "@Maria I think five")
        #expect(second.state.openTakeAways.count == 1, "Maria's answer is not Léo's")
        // Asked once this sitting: `/ask` goes on with the pack rather than asking it twice.
        try second.run("/ask")
        #expect(second.state.question(second.state.openQuestion ?? 0)?.questionID != "how-much")
        _ = second.close(reason: "quit")
        let third = try revisit(first, clock: SteppingClock(start: "2027-01-10T09:00:00.000Z"))
        #expect(third.welcomeBack.map(\.text).contains("  Léo — \(Self.howMuch)"))
    }

    @Test func anAnswerInTheSameSittingDoesNotCloseIt() throws {
        let session = try newSession(with: ["Léo"])
        try session.run("/ask What would make Saturdays easier?", "/later", "Maybe sleeping in")
        #expect(session.state.openTakeAways.count == 1)
    }

    @Test func exportsShowOpenTakeAways() throws {
        let (first, _) = try Self.firstSitting()
        let export = Export(id: first.id, state: first.state)
        #expect(
            export.render(.markdown).contains(
                "## Taken away, to answer next time\n\n- **Léo**: \(Self.howMuch)"))
        #expect(export.render(.html).contains("<li><strong>Léo</strong>: \(Self.howMuch)</li>"))
        let json = try JSONSerialization.jsonObject(with: Data(export.render(.json).utf8)) as? [String: Any]
        let state = try #require(json?["state"] as? [String: Any])
        let takeAways = try #require(state["takeAways"] as? [[String: Any]])
        #expect(takeAways.map { $0["by"] as? String } == ["Léo"])
        #expect(takeAways.map { $0["question"] as? String } == [Self.howMuch])
        let none = Export(id: "x", state: try newSession().state)
        #expect(!none.render(.markdown).contains("Taken away"))
    }

    @Test func notKnowingYetSuggestsLater() throws {
        let session = try newSession(with: ["Léo"])
        let shown = try session.run("/ask What would make Saturdays easier?", "I don't know yet")
        #expect(shown.contains { $0.contains("/later takes the question away") }, "\(shown)")
    }
}
