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

/// Every word, in any order, without case or accents; and the question an answer belongs to.
@Suite(.removingTemporaryDirectories) struct SearchWordsTests {
    static func alliance() throws -> Session {
        let session = try newSession(with: ["Zoë"])
        try session.run(
            "/ask What do we do on Saturdays?", "Zoë wants the café by the river", "/probe",
            "Coffee and a croissant, Zoë's treat", "/agree Saturday café, Zoë pays every other week",
            "/note River walk first")
        return session
    }

    @Test func everyWordMustBeThereInAnyOrder() throws {
        let state = try Self.alliance().state
        func found(_ query: String) -> [Int] {
            SessionSearch.search(query, in: state, session: "s").map(\.seq)
        }
        #expect(found("river cafe") == [3])
        #expect(found("cafe river") == [3])
        #expect(found("river") == [3, 7])
        #expect(found("river croissant") == [])
        #expect(found("  ") == [])
    }

    @Test func caseAndAccentsDoNotMatter() throws {
        let state = try Self.alliance().state
        func found(_ query: String) -> [Int] {
            SessionSearch.search(query, in: state, session: "s").map(\.seq)
        }
        #expect(found("zoe") == [3, 5, 6])
        #expect(found("ZOË") == [3, 5, 6])
        #expect(found("Cafe") == [3, 6])
        #expect(found("CAFÉ zoe") == [3, 6])
    }

    @Test func anAnswerShowsTheQuestionItBelongsTo() throws {
        let hits = SessionSearch.search("zoe", in: try Self.alliance().state, session: "s")
        #expect(
            hits.map { $0.question.map { "\($0.what) #\($0.seq): \($0.text)" } } == [
                "question #2: What do we do on Saturdays?", "follow-up #4: What does that mean to you?", nil,
            ])
    }

    @Test func theReportPutsTheQuestionUnderTheAnswer() throws {
        let session = try Self.alliance()
        let report = SessionReports.search("zoe cafe", in: session.home)
        #expect(
            report.lines == [
                "\(session.id)  sitting 1  #3  answer (Zoë): Zoë wants the café by the river",
                "    to question #2: What do we do on Saturdays?",
                "\(session.id)  sitting 1  #6  agreement A1: Saturday café, Zoë pays every other week",
            ])
    }
}
