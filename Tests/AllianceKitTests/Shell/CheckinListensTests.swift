import Foundation
import Testing

@testable import AllianceKit

/// During a check-in, what people say is about the agreement under review, and the next sitting
/// hears what was said in the last.
@Suite(.removingTemporaryDirectories) struct CheckinListensTests {
    /// A first sitting with two agreements, and a revisit on the 20th of December that starts a
    /// check-in.
    static func checkingIn() throws -> Session {
        let first = try newSession(with: ["Léo", "Maman"])
        try first.run("/agree Pocket money on Fridays", "/agree Léo keeps a notebook of spending")
        _ = first.close(reason: "quit")
        let second = try Session(
            revisiting: first.logPath, home: first.home, packs: bundledPacks, rules: bundledRules,
            clock: SteppingClock(start: "2026-12-20T17:00:00.000Z"))
        try second.run("/checkin")
        return second
    }

    @Test func freeTextDuringACheckinIsWhatThePersonSaysAboutTheAgreementUnderReview() throws {
        let session = try Self.checkingIn()
        let shown = try session.run("Fridays are hard: football runs late")
        #expect(shown == ["  ✓ #9 Léo on A1"])
        #expect(
            try session.eventsOnDisk().last?.kind
                == .remark(text: "Fridays are hard: football runs late", agreement: "A1"))
        #expect(try session.eventsOnDisk().last?.by == .participant("Léo"))
        try session.run("@maman Saturday morning suits me better")
        #expect(session.state.remarks(about: "A1").map(\.by) == [.participant("Léo"), .participant("Maman")])
        // The next agreement comes up: what is said now is about it.
        try session.run("/adjust Pocket money on Saturday mornings", "The notebook is fun")
        #expect(session.state.remarks(about: "A2").map(\.text) == ["The notebook is fun"])
        // Once the check-in is done, free text with no question open is refused as before.
        try session.run("/keep")
        let after = session.execute("Anything else?")
        #expect(after.error?.message.hasPrefix("no question is open for this answer") == true)
        #expect(session.state.remarks.count == 3)
    }

    @Test func aQuestionAskedDuringTheCheckinIsAnsweredAsUsual() throws {
        let session = try Self.checkingIn()
        try session.run("/repair A1", "I forgot, the week was busy")
        let answer = try #require(session.state.answers.last)
        #expect(answer.text == "I forgot, the week was busy")
        #expect(session.state.remarks.isEmpty)
    }

    @Test func historyLogReplayAndTheExportsShowIt() throws {
        let session = try Self.checkingIn()
        try session.run("Fridays are hard: football runs late", "/keep")
        let history = try session.run("/history A1")
        #expect(
            history.contains("  #9 sitting 2, 2026-12-20  Léo said: Fridays are hard: football runs late"),
            "\(history)")
        let log = try session.run("/log 20")
        #expect(
            log.contains { $0.hasPrefix("#9       Léo on A1: Fridays are hard: football runs late") },
            "\(log)")
        let replayed = AllianceState(replaying: try session.eventsOnDisk())
        let transcript = Transcript.entries(replayed).map(\.text)
        #expect(
            transcript.contains("#9       Léo on A1: Fridays are hard: football runs late"), "\(transcript)")
        let export = Export(id: session.id, state: replayed)
        let markdown = export.render(.markdown).split(separator: "\n").map(String.init)
        let a1 = try #require(markdown.firstIndex { $0.hasPrefix("- **A1** Pocket money on Fridays") })
        #expect(
            markdown[(a1 + 1)...].prefix(3).contains(
                "  - 2026-12-20, sitting 2: Léo said “Fridays are hard: football runs late”"), "\(markdown)")
        let html = export.render(.html)
        #expect(
            html.contains("<li>2026-12-20, sitting 2: Léo said “Fridays are hard: football runs late”</li>"))
    }

    @Test func whatWasSaidCanBeCorrectedOrWithdrawn() throws {
        let session = try Self.checkingIn()
        try session.run("Fridays are hard", "/amend 9 Fridays are hard: football runs late")
        #expect(
            try session.run("/history A1").last?.hasSuffix("Léo said: Fridays are hard: football runs late")
                == true)
        try session.run("/undo 9")
        #expect(session.state.remarks(about: "A1").isEmpty)
        #expect(!(try session.run("/history A1")).contains { $0.contains("said:") })
        // Still under review: the next line is about A1 again.
        try session.run("Football ends at five")
        #expect(session.state.remarks(about: "A1").map(\.text) == ["Football ends at five"])
    }

    @Test func theNextSittingIsGreetedWithWhatWasSaidLastTime() throws {
        let second = try Self.checkingIn()
        try second.run(
            "Fridays are hard: football runs late", "/keep",
            "/skip", "/note Léo wants to save for a bike", "/note --private Maman seemed tired",
            "/repair A2 We read the notebook together on Sundays", "/repair We take a break and try again")
        #expect(
            second.close(reason: "quit").summary.first?.text
                == "Sitting 2 closed: 0 answers, 0 agreements, 2 reviewed, 1 remark on them.")
        let third = try Session(
            revisiting: second.logPath, home: second.home, packs: bundledPacks, rules: bundledRules,
            clock: SteppingClock(start: "2027-01-10T17:00:00.000Z"))
        let welcome = third.welcomeBack
        let said = try #require(welcome.firstIndex(of: Line("Said last time", .heading)))
        #expect(
            Array(welcome[(said + 1)...].prefix(5)) == [
                Line("  - Léo on A1: Fridays are hard: football runs late", .plain),
                Line("  - note: Léo wants to save for a bike", .plain),
                Line("  - note (private): Maman seemed tired", .plain),
                Line("  - A2 went off track; repair: We read the notebook together on Sundays", .plain),
                Line("Repair plan (2)", .heading),
            ])
    }

    @Test func onlyTheLastSittingIsRepeated() throws {
        let second = try Self.checkingIn()
        try second.run("Fridays are hard", "/note From the second sitting")
        _ = second.close(reason: "quit")
        let third = try Session(
            revisiting: second.logPath, home: second.home, packs: bundledPacks, rules: bundledRules,
            clock: SteppingClock(start: "2027-01-10T17:00:00.000Z"))
        try third.run("/note From the third sitting")
        _ = third.close(reason: "quit")
        let fourth = try Session(
            revisiting: third.logPath, home: third.home, packs: bundledPacks, rules: bundledRules,
            clock: SteppingClock(start: "2027-02-10T17:00:00.000Z"))
        let welcome = fourth.welcomeBack
        #expect(welcome.contains(Line("  - note: From the third sitting", .plain)))
        #expect(
            !welcome.contains { $0.text.contains("second sitting") || $0.text.contains("Fridays are hard") })
    }
}
