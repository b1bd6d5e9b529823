import Foundation
import TestSupport
import Testing

@testable import AllianceKit

@Suite(.removingTemporaryDirectories) struct SearchTests {
    @Test func findsQuestionsAnswersAgreementsAndNotesButNotWithdrawnOnes() throws {
        let session = try newSession()
        try session.run(
            "/ask trust", "Being told the why", "/agree Feedback within a day",
            "/note feedback on the offsite",
            "/undo")
        let hits = SessionSearch.search("FEEDBACK", in: session.state, session: "s1")
        #expect(hits.map(\.what) == ["agreement A1"])
        #expect(hits.first?.seq == 4)
        #expect(hits.first?.sitting == 1)
        #expect(
            SessionSearch.search("the why", in: session.state, session: "s1").map(\.what) == ["answer (Zoë)"])
    }
}
