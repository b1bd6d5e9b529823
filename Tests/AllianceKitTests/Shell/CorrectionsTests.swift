import Foundation
import Testing

@testable import AllianceKit

extension Session {
    /// The seq of the last event of `type` (`answer`, `note`, `amend`…) recorded so far.
    fileprivate func seq(ofLast type: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Int
    {
        try #require(
            state.events.last { $0.kind.type.rawValue == type }?.seq, "no \(type) recorded",
            sourceLocation: sourceLocation)
    }

    /// The seq of the answer (or own answer) that was recorded as `text`.
    fileprivate func seq(ofAnswer text: String, sourceLocation: SourceLocation = #_sourceLocation) throws
        -> Int
    {
        try #require(
            state.events.first { event in
                switch event.kind {
                case .answer(let said, _), .mine(let said, _): said == text
                default: false
                }
            }?.seq, "no answer \"\(text)\"", sourceLocation: sourceLocation)
    }

    /// Runs a line that must fail, and checks that it recorded nothing; returns the error's message.
    fileprivate func refuse(_ line: String, sourceLocation: SourceLocation = #_sourceLocation) throws
        -> String
    {
        let before = state.lastSeq
        let response = execute(line)
        let error = try #require(response.error, "\(line) did not fail", sourceLocation: sourceLocation)
        #expect(state.lastSeq == before, "\(line) recorded something", sourceLocation: sourceLocation)
        return error.message
    }

    /// The transcript's lines that mention `text`.
    fileprivate func transcriptLines(containing text: String) -> [String] {
        Transcript.entries(state).map(\.text).filter { $0.contains(text) }
    }

    /// The log read afresh from disk folds to the live state.
    fileprivate func expectReplayEqualsLive(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let replayed = AllianceState(replaying: try LogReader.read(path: logPath).events)
        #expect(replayed == state, "the log replays to a different state", sourceLocation: sourceLocation)
    }
}

/// `/undo` and `/undo N`: a withdrawal is a new event; the withdrawn entry stays in the log.
@Suite(.removingTemporaryDirectories) struct UndoCorrectionTests {
    @Test func undoWithdrawsTheLastEntryOnly() throws {
        let session = try newSession()
        try session.run("/ask", "Being trusted to decide", "Being told too late")
        let shown = try session.run("/undo")
        let late = try session.seq(ofAnswer: "Being told too late")
        let trusted = try session.seq(ofAnswer: "Being trusted to decide")
        #expect(shown.contains { $0.contains("withdrawn #\(late) (Zoë: Being told too late)") }, "\(shown)")
        #expect(session.state.isRetracted(late))
        #expect(!session.state.isRetracted(trusted))
        let retract = try session.seq(ofLast: "retract")
        #expect(try session.eventsOnDisk().last { $0.kind.type == .retract }?.kind == .retract(target: late))
        #expect(
            session.transcriptLines(containing: "Being told too late") == [
                "#\(late)".padded(to: 5) + "    Zoë: Being told too late   [withdrawn by #\(retract)]"
            ])
        let markdown = Export(id: "x", state: session.state, full: true).render(.markdown)
        #expect(markdown.contains("Being trusted to decide"))
        #expect(!markdown.contains("Being told too late"))
        try session.expectReplayEqualsLive()
    }

    @Test(arguments: ["", "#"])
    func undoNWithdrawsThatEntryAndNothingElse(_ mark: String) throws {
        let session = try newSession()
        try session.run("/ask", "Mondays are slow", "Fridays are fun", "/note bring the calendar")
        let mondays = try session.seq(ofAnswer: "Mondays are slow")
        let shown = try session.run("/undo \(mark)\(mondays)")
        #expect(shown.contains { $0.contains("withdrawn #\(mondays) (Zoë: Mondays are slow)") }, "\(shown)")
        #expect(session.state.isRetracted(mondays))
        #expect(
            session.state.answers.filter { !session.state.isRetracted($0.seq) }.map(\.text) == [
                "Fridays are fun"
            ])
        #expect(session.state.notes.map(\.text) == ["bring the calendar"])
        #expect(session.state.notes.allSatisfy { !session.state.isRetracted($0.seq) })
        #expect(session.state.events.last?.kind == .retract(target: mondays))
        // A plain /undo afterwards takes the last entry still standing: the note.
        try session.run("/undo")
        #expect(session.state.isRetracted(try session.seq(ofLast: "note")))
        #expect(!session.state.isRetracted(try session.seq(ofAnswer: "Fridays are fun")))
        try session.expectReplayEqualsLive()
    }

    @Test func undoNRefusesWhatCannotBeWithdrawn() throws {
        let session = try newSession()
        try session.run("/ask", "An answer", "/undo")
        let answer = try session.seq(ofAnswer: "An answer")
        let retract = try session.seq(ofLast: "retract")
        #expect(try session.refuse("/undo 999") == "there is no entry #999 (/log shows them)")
        #expect(try session.refuse("/undo #\(answer)") == "#\(answer) was already withdrawn by #\(retract)")
        #expect(try session.refuse("/undo \(answer)") == "#\(answer) was already withdrawn by #\(retract)")
        let sitting = try session.refuse("/undo 1")
        #expect(sitting.hasPrefix("#1 is "), "\(sitting)")
        #expect(sitting.hasSuffix("only what was said or recorded can be withdrawn"), "\(sitting)")
        #expect(
            try session.refuse("/undo \(retract)").hasSuffix(
                "only what was said or recorded can be withdrawn"))
        #expect(try session.refuse("/undo 0").contains("is not a number"))
        #expect(try !session.refuse("/undo -3").isEmpty)
        #expect(try session.refuse("/undo 2 3").contains("/undo"))
    }

    @Test func undoNCanWithdrawAParticipantJoiningOrLeaving() throws {
        let session = try newSession(with: ["Zoë", "Sam"])
        try session.run("/with Kim", "/without Sam")
        let kim = try session.seq(ofLast: "with")
        let samLeft = try session.seq(ofLast: "without")
        try session.run("/undo \(samLeft)")
        #expect(session.state.participants == ["Zoë", "Sam", "Kim"])
        try session.run("/undo #\(kim)")
        #expect(session.state.participants == ["Zoë", "Sam"])
        try session.expectReplayEqualsLive()
    }
}

/// `/amend N NEW WORDING`: a corrected wording is a new event; the original stays in the log.
@Suite(.removingTemporaryDirectories) struct AmendTests {
    /// A session with one entry of every kind that can be amended, and their seqs.
    static func everyKind() throws -> (Session, [String: Int]) {
        let session = try newSession(with: ["Zoë", "Sam"])
        try session.run(
            "/ask", "Being left to decide", "/probe", "I don't like being micromanaged", "/flip",
            "/mine I like to check in daily", "/note Ask about the offsite", "/repair Time-out, then talk")
        let seqs = [
            "ask": try session.seq(ofLast: "ask"),
            "answer": try session.seq(ofAnswer: "Being left to decide"),
            "probe": try session.seq(ofLast: "probe"),
            "flip": try session.seq(ofLast: "flip"),
            "mine": try session.seq(ofLast: "mine"),
            "note": try session.seq(ofLast: "note"),
            "repair": try session.seq(ofLast: "repair"),
        ]
        return (session, seqs)
    }

    @Test func everyKindOfEntryCanBeCorrected() throws {
        let (session, seqs) = try Self.everyKind()
        for (kind, seq) in seqs.sorted(by: { $0.value < $1.value }) {
            let wording = "Corrected \(kind) wording"
            let shown = try session.run("/amend \(seq) \(wording)")
            #expect(shown.contains("  ✎ #\(seq) now reads: \(wording)"), "\(kind): \(shown)")
            let event = try #require(session.state.events.last { $0.kind.type == .amend })
            #expect(event.kind == .amend(target: seq, text: wording), "\(kind)")
            #expect(event.by == .facilitator)
            #expect(session.state.currentText(of: seq) == wording, "\(kind)")
        }
        let state = session.state
        #expect(state.questions.first { $0.seq == seqs["ask"] }?.text == "Corrected ask wording")
        #expect(state.questions.first { $0.seq == seqs["probe"] }?.text == "Corrected probe wording")
        #expect(state.questions.first { $0.seq == seqs["flip"] }?.text == "Corrected flip wording")
        #expect(state.answers.first { $0.seq == seqs["answer"] }?.text == "Corrected answer wording")
        #expect(state.answers.first { $0.seq == seqs["answer"] }?.by == .participant("Zoë"))
        #expect(state.answers.first { $0.seq == seqs["mine"] }?.text == "Corrected mine wording")
        #expect(state.notes.map(\.text) == ["Corrected note wording"])
        #expect(state.repairs.map(\.text) == ["Corrected repair wording"])
        #expect(Transcript.repairPlan(state) == ["Corrected repair wording"])
        // Each correction names the entry it corrects, once; nothing was withdrawn.
        #expect(state.amendments.map(\.target).sorted() == seqs.values.sorted())
        #expect(state.retracted.isEmpty)
        // The original wordings are all still in the log.
        let onDisk = try session.eventsOnDisk()
        #expect(onDisk.contains { $0.kind == .answer(text: "Being left to decide", to: seqs["ask"]!) })
        #expect(onDisk.contains { $0.kind == .note(text: "Ask about the offsite") })
        #expect(onDisk.contains { $0.kind == .repair(text: "Time-out, then talk", agreement: nil) })
        try session.expectReplayEqualsLive()
    }

    @Test func anAnswerToTheOpenQuestionStillGoesThereAfterTheQuestionIsCorrected() throws {
        let session = try newSession()
        try session.run(#"/ask "What would a great Monday look lik?""#)
        let question = try session.seq(ofLast: "ask")
        try session.run("/amend \(question) What would a great Monday look like?", "Coffee and no meetings")
        #expect(session.state.answers.last?.question == question)
        #expect(session.state.questions.map(\.text) == ["What would a great Monday look like?"])
        let markdown = Export(id: "x", state: session.state, full: true).render(.markdown)
        #expect(markdown.contains("- *What would a great Monday look like?*"))
        #expect(!markdown.contains("look lik?"))
    }

    @Test func anAgreementIsAdjustedNotAmended() throws {
        let session = try newSession()
        try session.run("/agree We meet on Mondays")
        let agree = try session.seq(ofLast: "agree")
        let message = try session.refuse("/amend \(agree) We meet on Tuesdays")
        #expect(message.contains("agreement A1"), "\(message)")
        #expect(message.contains("/adjust A1"), "\(message)")
        #expect(session.state.agreement("A1")?.text == "We meet on Mondays")
    }

    @Test func whatCannotBeAmendedIsRefusedAndNothingIsRecorded() throws {
        let session = try newSession()
        try session.run("/ask", "A first answer", "A second answer", "/undo", "/with Sam")
        let withdrawn = try session.seq(ofAnswer: "A second answer")
        let retract = try session.seq(ofLast: "retract")
        let with = try session.seq(ofLast: "with")
        #expect(
            try session.refuse("/amend \(withdrawn) Something else")
                == "#\(withdrawn) was withdrawn by #\(retract): there is nothing to correct")
        #expect(try session.refuse("/amend 999 Something else") == "there is no entry 999 (/log shows them)")
        for seq in [1, retract, with] {
            let message = try session.refuse("/amend \(seq) Something else")
            #expect(
                message.hasSuffix("only answers, notes and questions can be amended"), "#\(seq): \(message)")
        }
        #expect(try session.refuse("/amend").contains("is missing"))
        let first = try session.seq(ofAnswer: "A first answer")
        #expect(try session.refuse("/amend \(first)").contains("WORDING is missing"))
        #expect(try session.refuse("/amend first Something else").contains("is not a number"))
        // The same wording again is said, not recorded.
        let before = session.state.lastSeq
        let same = try session.run("/amend \(first) A first answer")
        #expect(same == ["#\(first) already reads that way."])
        #expect(session.state.lastSeq == before)
        #expect(session.state.amendments.isEmpty)
    }

    @Test func anAmendmentCanBeAmendedAgainAndEachUndoStepsBack() throws {
        let session = try newSession()
        try session.run("/ask", "We meet Mondays at nine")
        let answer = try session.seq(ofAnswer: "We meet Mondays at nine")
        try session.run("/amend \(answer) We meet Tuesdays at ten")
        let first = try session.seq(ofLast: "amend")
        try session.run("/amend #\(answer) We meet Wednesdays at eleven")
        let second = try session.seq(ofLast: "amend")
        #expect(session.state.answers.last?.text == "We meet Wednesdays at eleven")
        #expect(
            session.transcriptLines(containing: "Zoë: ") == [
                "#\(answer)".padded(to: 5)
                    + "    Zoë: We meet Wednesdays at eleven   [amended by #\(second); first “We meet Mondays at nine”, #\(first) “We meet Tuesdays at ten”]"
            ])

        let shown = try session.run("/undo")
        #expect(shown.contains { $0.contains("withdrawn #\(second) (correction of #\(answer)") }, "\(shown)")
        #expect(session.state.answers.last?.text == "We meet Tuesdays at ten")
        #expect(session.state.corrections(of: answer).map(\.seq) == [first])
        #expect(
            session.transcriptLines(containing: "Zoë: ") == [
                "#\(answer)".padded(to: 5)
                    + "    Zoë: We meet Tuesdays at ten   [amended by #\(first); first “We meet Mondays at nine”]"
            ])
        try session.expectReplayEqualsLive()

        try session.run("/undo")
        #expect(session.state.answers.last?.text == "We meet Mondays at nine")
        #expect(session.state.corrections(of: answer).isEmpty)
        #expect(
            session.transcriptLines(containing: "Zoë: ") == [
                "#\(answer)".padded(to: 5) + "    Zoë: We meet Mondays at nine"
            ])
        // The answer itself is what the next /undo withdraws.
        try session.run("/undo")
        #expect(session.state.isRetracted(answer))
        try session.expectReplayEqualsLive()
    }

    @Test func withdrawingAnEarlierCorrectionKeepsTheLaterOne() throws {
        let session = try newSession()
        try session.run("/ask", "Mondays")
        let answer = try session.seq(ofAnswer: "Mondays")
        try session.run("/amend \(answer) Tuesdays")
        let first = try session.seq(ofLast: "amend")
        try session.run("/amend \(answer) Wednesdays", "/undo \(first)")
        #expect(session.state.answers.last?.text == "Wednesdays")
        try session.run("/undo \(try session.seq(ofLast: "amend"))")
        #expect(session.state.answers.last?.text == "Mondays")
        #expect(try session.refuse("/amend \(first) Thursdays").contains("was withdrawn by"))
        try session.expectReplayEqualsLive()
    }

    @Test func theTranscriptShowsEachCorrectionBesideWhatItCorrects() throws {
        let (session, seqs) = try Self.everyKind()
        try session.run(
            "/amend \(seqs["note"]!) Ask about the retreat",
            "/amend \(seqs["mine"]!) I like to check in weekly")
        let note = try #require(session.transcriptLines(containing: "note:").first)
        #expect(note.contains("note: Ask about the retreat   [amended by #"), "\(note)")
        #expect(note.hasSuffix("; first “Ask about the offsite”]"), "\(note)")
        let mine = try #require(session.transcriptLines(containing: "you: ").first)
        #expect(mine.contains("you: I like to check in weekly   [amended by #"), "\(mine)")
        // The correction has its own line too, numbered like every entry.
        let amend = try session.seq(ofLast: "amend")
        #expect(
            session.transcriptLines(containing: "✎").last
                == "#\(amend)".padded(to: 5) + " ✎ amended #\(seqs["mine"]!): I like to check in weekly")
    }
}

/// What a correction does to exports and search: the words that stand are the ones shown.
@Suite(.removingTemporaryDirectories) struct CorrectionsInExportsAndSearchTests {
    /// Zoë's answer corrected from Mondays to Tuesdays, a withdrawn answer, a corrected note.
    static func corrected() throws -> Session {
        let session = try newSession()
        try session.run("/ask trust", "We meet Mondays at nine", "Nobody reads the wiki")
        let mondays = try session.seq(ofAnswer: "We meet Mondays at nine")
        let wiki = try session.seq(ofAnswer: "Nobody reads the wiki")
        try session.run(
            "/amend \(mondays) We meet Tuesdays at ten", "/undo \(wiki)", "/note Offsite in Lisbon")
        try session.run("/amend \(try session.seq(ofLast: "note")) Offsite in Porto")
        return session
    }

    @Test(arguments: [Export.Format.markdown, .html])
    func theCorrectedAnswerIsExportedAndMarked(_ format: Export.Format) throws {
        let text = Export(id: "x", state: try Self.corrected().state, full: true).render(format)
        #expect(text.contains("We meet Tuesdays at ten (corrected)"))
        #expect(!text.contains("Mondays at nine"))
        #expect(!text.contains("Nobody reads the wiki"))
        #expect(text.contains("Offsite in Porto"))
        #expect(!text.contains("Offsite in Lisbon"))
    }

    @Test func theJSONStateHoldsTheCorrectedAnswerAndTheEventsHoldBoth() throws {
        let text = Export(id: "x", state: try Self.corrected().state).render(.json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let state = try #require(object["state"] as? [String: Any])
        let said = try #require(state["said"] as? [[String: Any]])
        let zoe = try #require(said.first { $0["by"] as? String == "Zoë" })
        let items = try #require(zoe["answers"] as? [[String: Any]])
        #expect(items.flatMap { $0["answers"] as? [String] ?? [] } == ["We meet Tuesdays at ten (corrected)"])
        let notes = try #require(state["notes"] as? [[String: Any]])
        #expect(notes.map { $0["text"] as? String } == ["Offsite in Porto"])
        // The events are the log as written: the original and its correction, both.
        let events = try #require(object["events"] as? [[String: Any]])
        #expect(
            events.contains {
                $0["type"] as? String == "answer" && $0["text"] as? String == "We meet Mondays at nine"
            })
        #expect(
            events.contains {
                $0["type"] as? String == "amend" && $0["text"] as? String == "We meet Tuesdays at ten"
            })
    }

    @Test func searchFindsTheWordsThatStand() throws {
        let session = try Self.corrected()
        let state = session.state
        let answer = try session.seq(ofAnswer: "We meet Mondays at nine")
        let tuesdays = SessionSearch.search("tuesdays", in: state, session: "s1")
        #expect(tuesdays.map(\.seq) == [answer])
        #expect(tuesdays.map(\.what) == ["answer (Zoë) (corrected)"])
        #expect(tuesdays.map(\.text) == ["We meet Tuesdays at ten"])
        #expect(SessionSearch.search("Mondays", in: state, session: "s1").isEmpty)
        #expect(SessionSearch.search("wiki", in: state, session: "s1").isEmpty)
        #expect(SessionSearch.search("porto", in: state, session: "s1").map(\.what) == ["note (corrected)"])
        #expect(SessionSearch.search("lisbon", in: state, session: "s1").isEmpty)
        // Searching the log file finds the same (the fast path must not read the original wording).
        for query in ["tuesdays", "Mondays", "wiki", "porto", "lisbon", "meet"] {
            let found = SessionSearch.search(query, session: "s1", path: session.logPath)
            #expect(found.unreadable == nil)
            #expect(found.hits == SessionSearch.search(query, in: state, session: "s1"), "\(query)")
        }
    }

    @Test func withdrawingTheCorrectionBringsTheOriginalBackEverywhere() throws {
        let session = try Self.corrected()
        let amend = try #require(session.state.amendments.first).seq
        try session.run("/undo \(amend)")
        let state = session.state
        #expect(SessionSearch.search("mondays", in: state, session: "s1").map(\.what) == ["answer (Zoë)"])
        #expect(SessionSearch.search("tuesdays", in: state, session: "s1").isEmpty)
        #expect(
            SessionSearch.search("mondays", session: "s1", path: session.logPath).hits
                == SessionSearch.search("mondays", in: state, session: "s1"))
        let markdown = Export(id: "x", state: state, full: true).render(.markdown)
        #expect(markdown.contains("  - We meet Mondays at nine\n"))
        #expect(!markdown.contains("Tuesdays"))
        #expect(!markdown.contains("(corrected)\n  - We meet"))
    }
}

/// `/without NAME` ends someone's part; `/with NAME` brings them back.
@Suite(.removingTemporaryDirectories) struct WithoutTests {
    @Test func withoutEndsAPartAndTheNextPersonAnswers() throws {
        let session = try newSession(with: ["Zoë", "Sam"])
        try session.run("/ask", "Zoë says this")
        let shown = try session.run("/without zoe")
        #expect(shown == ["Zoë has left this sitting (what they said stays); answers now go to Sam."])
        #expect(session.state.events.last?.kind == .without(name: "Zoë"))
        #expect(session.state.participants == ["Sam"])
        #expect(session.state.current == "Sam")
        try session.run("Sam says that")
        #expect(session.state.answers.last?.by == .participant("Sam"))
        // Zoë is no longer offered for answers…
        #expect(try session.refuse("@Zoë one more").contains("Zoë has left this sitting"))
        #expect(try session.refuse("/without Zoë").contains("no one called \"Zoë\" is taking part"))
        // …and what she said stays, in the transcript and the exports.
        #expect(session.transcriptLines(containing: "Zoë: Zoë says this").count == 1)
        // (The calendar holds dates, not what was said.)
        for format in Export.Format.allCases where format != .ics {
            #expect(
                Export(id: "x", state: session.state, full: true).render(format).contains("Zoë says this"),
                "\(format)")
        }
        let markdown = Export(id: "x", state: session.state, full: true).render(.markdown)
        #expect(markdown.contains("### Zoë\n"))
        #expect(markdown.contains("### Sam\n"))
        try session.expectReplayEqualsLive()
    }

    @Test func withoutTheLastPersonLeavesNoOneToAnswer() throws {
        let session = try newSession()
        try session.run("/ask")
        let shown = try session.run("/without Zoë")
        #expect(shown == ["Zoë has left this sitting (what they said stays); /with NAME adds someone."])
        #expect(session.state.participants.isEmpty)
        #expect(session.state.current == nil)
        #expect(try session.refuse("An answer").contains("no one to record this answer for"))
    }

    @Test func withoutSomeoneWhoIsNotThereOrAmbiguousIsRefused() throws {
        let session = try newSession(with: ["Sam Reyes", "Sam Okafor"])
        #expect(try session.refuse("/without Kim").contains("no one called \"Kim\""))
        let ambiguous = try session.refuse("/without sam")
        #expect(ambiguous.contains("Sam Reyes") && ambiguous.contains("Sam Okafor"), "\(ambiguous)")
        #expect(try session.refuse("/without").contains("NAME is missing"))
        try session.run("/without sam okafor")
        #expect(session.state.participants == ["Sam Reyes"])
    }

    @Test func withBringsSomeoneBack() throws {
        let session = try newSession(with: ["Zoë", "Sam"])
        try session.run("/ask", "First from Zoë", "/without Zoë", "Then Sam")
        let shown = try session.run("/with Zoë")
        #expect(session.state.participants == ["Sam", "Zoë"])
        #expect(session.state.current == "Zoë")
        #expect(shown.first?.contains("answers now go to Zoë") == true, "\(shown)")
        try session.run("Zoë again", "@sam and Sam")
        #expect(
            session.state.answers.map { "\($0.by.stored): \($0.text)" } == [
                "Zoë: First from Zoë", "Sam: Then Sam", "Zoë: Zoë again", "Sam: and Sam",
            ])
        try session.expectReplayEqualsLive()
    }

    /// People type names as they say them: someone who left is brought back by first name or
    /// without accents, as `@zoe` and `/without zoe` found her, not added a second time.
    @Test func withBringsSomeoneBackAsTheyAreTyped() throws {
        let session = try newSession(with: ["Zoë", "Amara Okafor"])
        try session.run(
            "/ask", "First from Zoë", "/without zoe", "/without amara", "/with zoe", "/with amara")
        #expect(session.state.participants == ["Zoë", "Amara Okafor"])
        #expect(session.state.current == "Amara Okafor")
        try session.run("@zoe back again")
        #expect(session.state.answers.last?.by == .participant("Zoë"))
        try session.expectReplayEqualsLive()
    }

    /// `/undo` puts back whose answers are recorded, not only who takes part.
    @Test func undoingASwitchOrAJoinOrALeavingRestoresWhoAnswers() throws {
        let session = try newSession(with: ["Zoë", "Sam"])
        try session.run("/ask", "/with Sam", "/undo")
        #expect(session.state.current == "Zoë", "an undone switch left answers going to Sam")
        try session.run("/with Kim", "/undo")
        #expect(session.state.participants == ["Zoë", "Sam"])
        #expect(
            session.state.current == "Zoë",
            "an undone join left answers going to \(session.state.current ?? "nobody")")
        try session.run("/without Zoë", "/undo")
        #expect(session.state.participants == ["Zoë", "Sam"])
        #expect(session.state.current == "Zoë", "an undone leaving left answers going to Sam")
        try session.run("Zoë answers")
        #expect(session.state.answers.last?.by == .participant("Zoë"))
        try session.expectReplayEqualsLive()
    }
}

/// A log holding every kind of correction reads back to the alliance the shell had.
@Suite(.removingTemporaryDirectories) struct CorrectionsReplayTests {
    @Test func aLogWithCorrectionsReplaysToTheSameState() throws {
        let home = DataHome(path: temporaryDirectory() + "/home")
        let session = try Session(
            newIn: home, packs: bundledPacks, rules: bundledRules,
            options: StartOptions(participants: ["Zoë", "Amara Okafor"], pack: "new-team-member", me: "Dad"),
            clock: SteppingClock())
        try session.run(
            "/ask", "Mondays at nine", "@amara Fridays", "/mine Weekends", "/note a note", "/probe",
            "With pleasure", "Undo the damage we did")
        let mondays = try session.seq(ofAnswer: "Mondays at nine")
        let note = try session.seq(ofLast: "note")
        let probe = try session.seq(ofLast: "probe")
        try session.run(
            "/amend \(mondays) Tuesdays at ten", "/amend \(note) a better note", "/amend \(probe) What else?",
            "/undo", "/undo #\(try session.seq(ofAnswer: "With pleasure"))", "/without Zoë", "@amara more",
            "/with zoe", "/me Mum", "/undo", "/with Kim", "/agree We meet Tuesdays",
            "/amend \(mondays) Thursdays")
        try session.expectReplayEqualsLive()
        _ = session.close(reason: "quit")
        let events = try LogReader.read(path: session.logPath).events
        #expect(AllianceState(replaying: events) == session.state)
        #expect(events.map(\.seq) == Array(1...events.count))

        // A new sitting of the same alliance starts from the same state and keeps the corrections.
        let second = try Session(
            revisiting: session.logPath, home: home, packs: bundledPacks, rules: bundledRules,
            clock: SteppingClock(start: "2026-12-16T09:00:00.000Z"))
        #expect(second.state.answers.first { $0.seq == mondays }?.text == "Thursdays")
        #expect(second.state.notes.first?.text == "a better note")
        #expect(second.state.facilitatorName == "Dad")
        #expect(second.state.participants == ["Amara Okafor", "Zoë", "Kim"])
        try second.run("/ask", "/undo", "/amend \(mondays) Fridays")
        #expect(second.state.answers.first { $0.seq == mondays }?.text == "Fridays")
        try second.expectReplayEqualsLive()
    }
}
