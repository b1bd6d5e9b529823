import Foundation
import TestSupport
import Testing

@testable import AllianceKit

@Suite(.removingTemporaryDirectories) struct RevisitTests {
    @Test func aNewSittingCarriesTheAllianceOver() throws {
        let first = try firstSitting()
        let second = try revisit(first)
        #expect(second.id == first.id)
        #expect(second.state.sittingNumber == 2)
        #expect(second.state.participants == ["Zoë"])
        #expect(second.state.current == "Zoë")
        #expect(second.state.activePack == "new-team-member")
        #expect(second.state.title == "Zoë joins")
        let welcome = second.welcomeBack.map(\.text)
        #expect(welcome.first == "Sitting 2 of Zoë joins; the last was 2026-11-25 (21 days ago).")
        #expect(welcome.contains("  A1  We meet Fridays at 4  [overdue since Fri 2026-12-04 (12 days)]"))
        #expect(welcome.contains("  A2  We are honest"))
        #expect(welcome.contains("  - Time-out, then talk the next morning"))
        // Questions asked in the first sitting are not asked again.
        try second.run("/ask")
        #expect(second.state.questions.last?.questionID != "trust")
        let events = try second.eventsOnDisk()
        #expect(events.filter { if case .sitting = $0.kind { true } else { false } }.count == 2)
        #expect(events.map(\.seq) == Array(1...events.count))
    }

    @Test func revisitingAndLeavingWritesNothing() throws {
        let first = try firstSitting()
        let before = try Data(contentsOf: URL(fileURLWithPath: first.logPath))
        let second = try revisit(first)
        let closing = second.close(reason: "quit")
        #expect(closing.summary.first?.text.contains("left no trace") == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: first.logPath)) == before)
    }

    @Test func aSecondShellOnTheSameAllianceIsRefused() throws {
        let first = try firstSitting()
        let second = try revisit(first)
        #expect(throws: AllianceError.self) { try revisit(first) }
        _ = second
    }
}

@Suite(.removingTemporaryDirectories) struct CheckinTests {
    @Test func keepingAnAgreementWhoseDatePassedSaysHowToGiveItANewDate() throws {
        let second = try revisit(try firstSitting())
        _ = try second.run("/checkin")
        let kept = try second.run("/keep")
        #expect(
            kept.prefix(2) == [
                "  ✓ A1 kept",
                "A1's date, Fri 2026-12-04, has passed: /adjust A1 --by DATE gives it a new one.",
            ])
        let adjusted = try second.run("/adjust A1 --by 2027-01-08")
        let a1 = try #require(second.state.agreement("A1"))
        #expect(a1.text == "We meet Fridays at 4", "the wording stays: \(adjusted)")
        #expect(a1.due == "2027-01-08")
        // A2 has no date: keeping it says nothing about dates.
        #expect(try second.run("/keep A2").allSatisfy { !$0.contains("has passed") })
    }

    @Test func checkinWalksEachOpenAgreementAndKeepsTheOldWording() throws {
        let second = try revisit(try firstSitting())
        let shown = try second.run("/checkin")
        #expect(shown.contains("A1  We meet Fridays at 4"))
        #expect(second.state.checkinQueue == ["A1", "A2"])
        let next = try second.run("/keep it works")
        #expect(next.contains("A2  We are honest"))
        let done = try second.run(
            "/adjust We say within a day when something bugs us --by 2027-01-15 -- made it concrete")
        #expect(done.last == "Check-in done. /agreements shows where they stand.")
        #expect(second.state.checkinQueue.isEmpty)
        let a2 = try #require(second.state.agreement("A2"))
        #expect(a2.text == "We say within a day when something bugs us")
        #expect(a2.due == "2027-01-15")
        #expect(a2.versions.map(\.text) == ["We are honest", "We say within a day when something bugs us"])
        #expect(a2.versions.map(\.sitting) == [1, 2])
        let history = try second.run("/history A2")
        #expect(history.contains { $0.contains("sitting 1, 2026-11-25  agreed: We are honest") })
        #expect(
            history.contains {
                $0.contains(
                    "sitting 2, 2026-12-16  adjusted: We say within a day when something bugs us (by 2027-01-15)  — made it concrete"
                )
            })
    }

    @Test func standaloneReviseDropAndSkip() throws {
        let second = try revisit(try firstSitting())
        try second.run("/agree --revise A1 We meet Fridays at 3")
        #expect(second.state.agreement("A1")?.text == "We meet Fridays at 3")
        try second.run("/drop A2 we never needed it")
        #expect(second.state.liveAgreements.map(\.id) == ["A1"])
        #expect(second.state.agreement("A2")?.dropped == true)
        let all = try second.run("/agreements --history")
        #expect(all.contains { $0.hasPrefix("A2 (dropped)") })
        try second.run("/agree A new one")
        #expect(second.state.liveAgreements.map(\.id) == ["A1", "A3"])
        #expect(second.execute("/keep").error?.message.contains("which agreement?") == true)
        #expect(second.execute("/drop A2").error?.message.contains("no open agreement A2") == true)
        try second.run("/checkin", "/skip")
        #expect(second.state.checkinQueue == ["A3"])
        try second.run("/undo")
        #expect(second.state.checkinQueue == ["A1", "A3"])
    }

    @Test func undoOfAnAdjustmentBringsTheOldWordingBack() throws {
        let session = try newSession()
        try session.run("/agree Mondays", "/adjust A1 Tuesdays", "/undo")
        #expect(session.state.agreement("A1")?.text == "Mondays")
        #expect(session.state.agreement("A1")?.versions.count == 1)
    }

    @Test func datesAreChecked() throws {
        let session = try newSession()
        #expect(
            session.execute("/agree Send the draft --by next friday").error?.message
                == "--by takes YYYY-MM-DD, a weekday (friday, fri), today, tomorrow, +3d, +2w or +1m, not \"next\""
        )
        #expect(session.execute("/agree Send the draft --by 2027-02-30").error != nil)
        #expect(
            session.execute("/agree Send the draft --colour red").error?.message.contains(
                "unknown option --colour") == true)
        try session.run("/agree Send the draft --by 2027-02-28")
        #expect(session.state.agreement("A1")?.due == "2027-02-28")
    }

    @Test func dueListsCommitmentsAcrossTheDataHome() throws {
        let home = DataHome(path: temporaryDirectory() + "/home")
        _ = try firstSitting(home: home)
        let zoe = try #require(home.sessionIDs().first)
        let other = try Session(
            newIn: home, packs: bundledPacks,
            options: StartOptions(participants: ["Sam"], pack: "new-team-member"),
            clock: SteppingClock(start: "2026-12-16T09:00:00.000Z"))
        try other.run(
            "/agree Plan the offsite --by 2026-12-18", "/agree Someday --by 2027-06-01",
            "/agree Water the plants --every week", "/agree Be kind")
        let lines = try other.run("/due")
        #expect(
            lines == [
                "Overdue, due for a check-in, or due within 7 days (today is Wed 2026-12-16):",
                "  Zoë joins (\(zoe)) · with Zoë",
                "    A1  We meet Fridays at 4  · overdue since Fri 2026-12-04 (12 days)",
                "  This alliance · with Sam",
                "    A1  Plan the offsite  · due Fri 2026-12-18 (in 2 days)",
                "    A3  Water the plants  · check-in Wed 2026-12-23 (every week, in 7 days)",
            ])
    }
}
