import Foundation
import TestSupport
import Testing

@testable import AllianceKit

/// Packs that fit the person in front of you: no pack until the coach picks one, picked by a
/// beginning of its id, and `/repair` in the pack's own words.
@Suite(.removingTemporaryDirectories) struct PackChoiceTests {
    @Test func withoutAPackTheFirstAskListsThePacksAndRecordsNothing() throws {
        let session = try newSession(with: ["Léo"], pack: nil)
        #expect(session.state.activePack == nil)
        let banner = Greeting.banner(for: session).map(\.text)
        #expect(banner.contains { $0.hasPrefix("No pack chosen yet") && $0.contains("/pack ID") })
        #expect(!banner.contains { $0.hasPrefix("Pack:") })

        let response = session.execute("/ask")
        #expect(response.error == nil)
        let lines = response.lines.map(\.text)
        let allowance = try #require(bundledPacks["allowance"])
        let at = try #require(lines.firstIndex { $0.hasPrefix("  allowance ") })
        #expect(lines[at].contains(allowance.title))
        // Who it is for, wrapped to the terminal's width in a column of its own.
        let forLines = lines[at...].prefix { $0 == lines[at] || $0.hasPrefix("      ") }
        #expect(forLines.count > 1 && forLines.allSatisfy { $0.displayWidth <= session.width })
        let forWhen = try #require(allowance.forWhen)
        #expect(
            forLines.map { String($0.split(separator: "  ").last!).trimmed }.joined(separator: " ").hasSuffix(
                forWhen))
        #expect(lines.contains { $0.hasPrefix("  new-team-member ") })
        // The helper packs /probe and /repair draw on are not choices.
        #expect(!lines.contains { $0.hasPrefix("  probes ") || $0.hasPrefix("  when-things-get-tough ") })
        #expect(lines.last?.hasPrefix("/pack ID picks one") == true)
        // Titles start in one column, whatever the length of the ids before them.
        let rows = lines.filter { $0.hasPrefix("  ") && !$0.hasPrefix("      ") }
        let columns = Set(
            rows.compactMap { row in
                bundledPacks.packs.first { row.hasPrefix("  \($0.id) ") }.map { pack in
                    String(row[..<row.range(of: "  " + pack.title)!.lowerBound]).displayWidth
                }
            })
        #expect(rows.count >= 8 && columns.count == 1, "\(rows)")
        // Nothing asked, nothing written.
        #expect(!session.isSaved)
        #expect(session.state.questions.isEmpty)
        #expect(session.state.activePack == nil)
    }

    @Test func withoutAPackTheCoachsOwnQuestionAndAQuestionIDStillAsk() throws {
        let session = try newSession(with: ["Léo"], pack: nil)
        try session.run("/ask What makes a Saturday great?", "Football and pancakes")
        #expect(session.state.questions.last?.text == "What makes a Saturday great?")
        // An id only the allowance pack has asks that question from it.
        try session.run("/ask spend-save-share")
        #expect(session.state.questions.last?.pack == "allowance")
        #expect(session.state.activePack == nil)
        // An id several packs have names them and records nothing.
        let before = session.state.lastSeq
        let response = session.execute("/ask celebrate")
        #expect(response.error?.location == "/ask")
        #expect(response.error?.message.contains("allowance") == true)
        #expect(response.error?.message.contains("/pack ID") == true)
        #expect(session.state.lastSeq == before)
    }

    @Test func aTakeAwayIsAskedAgainBeforeThePacksAreListed() throws {
        let first = try newSession(with: ["Léo"], pack: nil)
        try first.run("/ask how-much", "I don't know yet", "/later")
        _ = first.close(reason: "quit")
        let second = try revisit(first)
        #expect(second.state.activePack == nil)
        let lines = try second.run("/ask")
        #expect(second.state.questions.last?.questionID == "how-much")
        #expect(!lines.contains { $0.hasPrefix("No pack chosen yet") })
        // With the take-away answered, the next /ask lists the packs.
        try second.run("Five euros a week")
        #expect(try second.run("/ask").first == "No pack chosen yet. Which fits the people in front of you?")
    }

    @Test func aUniqueBeginningOfAnIDPicksThePack() throws {
        let session = try newSession(with: ["Léo"], pack: nil)
        let lines = try session.run("/pack allow")
        #expect(session.state.activePack == "allowance")
        #expect(lines.first?.hasPrefix("An allowance (allowance)") == true)
        #expect(
            try session.eventsOnDisk().contains {
                $0.kind == .pack(id: "allowance", hash: bundledPacks["allowance"]!.hash)
            })
        try session.run("/ask")
        #expect(session.state.questions.last?.pack == "allowance")
    }

    @Test func dashDashPackTakesAUniqueBeginningToo() throws {
        #expect(try newSession(pack: "allow").state.activePack == "allowance")
        let error = #expect(throws: AllianceError.self) { try newSession(pack: "t") }
        #expect(error?.location == "--pack")
        #expect(error?.message == #""t" could be team-alliance, trip-with-friends: type more of the id"#)
    }

    @Test func anAmbiguousBeginningListsTheCandidatesAndRecordsNothing() throws {
        let session = try newSession(with: ["Léo"], pack: nil)
        let response = session.execute("/pack f")
        let error = try #require(response.error)
        #expect(error.location == "/pack")
        #expect(error.message == #""f" could be family-holidays, feedback, first-date: type more of the id"#)
        #expect(session.state.activePack == nil)
        #expect(!session.isSaved)
        #expect(response.lines.isEmpty)
    }

    @Test func tabOffersThePackIDs() throws {
        let session = try newSession(with: ["Léo"], pack: nil)
        let offered = Completer.complete("/pack al", context: session.context).candidates
        #expect(offered.contains("allowance"))
    }

    @Test func repairInTheAllowancePackAsksFromItsOwnRepairSection() throws {
        let session = try newSession(with: ["Léo"], pack: "allowance")
        let pack = try #require(bundledPacks["allowance"])
        let section = try #require(pack.repair)
        #expect(section.slug == "when-we-get-stuck")
        for question in section.questions {
            try session.run("/repair", "I go quiet")
            let asked = try #require(session.state.questions.last)
            #expect(asked.text == question.text)
            #expect(asked.pack == "allowance" && asked.section == "when-we-get-stuck")
        }
        // Answers to repair questions are the repair plan.
        #expect(Transcript.repairPlan(session.state).count == section.questions.count)
        let done = try session.run("/repair")
        #expect(done.first == "Every repair question of An allowance has been asked in this alliance.")
    }

    @Test func repairWithoutARepairSectionAsksFromWhenThingsGetTough() throws {
        let session = try newSession(pack: "new-team-member")
        try session.run("/repair")
        let first = try #require(bundledPacks["when-things-get-tough"]?.questions.first)
        #expect(session.state.questions.last?.text == first.question.text)
        #expect(session.state.questions.last?.pack == "when-things-get-tough")
    }

    @Test func theClosingNudgeIsSilentAfterARepairQuestionFromThePacksOwnSection() throws {
        let nudge = "No repair designed yet; start the next sitting with /repair."
        let without = try newSession(with: ["Léo"], pack: "allowance")
        try without.run("/ask", "Sweets and football cards")
        #expect(without.close(reason: "quit").lines.map(\.text).contains { $0.contains(nudge) })

        let repaired = try newSession(with: ["Léo"], pack: "allowance")
        try repaired.run("/ask", "Sweets and football cards", "/repair", "I slam my door")
        #expect(!repaired.close(reason: "quit").lines.map(\.text).contains { $0.contains(nudge) })

        // Asked with /ask by its section, a question of the repair section is a repair question too.
        let asked = try newSession(with: ["Léo"], pack: "allowance")
        try asked.run("/ask when-we-get-stuck", "We both go red")
        #expect(Transcript.repairPlan(asked.state) == ["Léo: We both go red"])
        #expect(!asked.close(reason: "quit").lines.map(\.text).contains { $0.contains(nudge) })
    }
}
