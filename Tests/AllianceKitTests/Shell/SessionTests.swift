import Foundation
import Testing

@testable import AllianceKit

@Suite(.removingTemporaryDirectories) struct SessionTests {
    @Test func nothingIsWrittenUntilSomethingIsRecorded() throws {
        let session = try newSession()
        try session.run("/help", "/packs", "/pack", "/agreements")
        #expect(!FileManager.default.fileExists(atPath: session.logPath))
        let closing = session.close(reason: "quit")
        #expect(closing.summary.first?.text.contains("no session was saved") == true)
        #expect(!FileManager.default.fileExists(atPath: session.logPath))
    }

    @Test func everyEventIsOnDiskBeforeItIsShown() throws {
        let session = try newSession()
        let shown = try session.run("/ask")
        let onDisk = try session.eventsOnDisk()
        #expect(onDisk.map(\.kind.type) == [.sitting, .ask])
        #expect(shown.first?.contains("Q2") == true)
        try session.run("Being asked first")
        #expect(try session.eventsOnDisk().last?.kind == .answer(text: "Being asked first", to: 2))
        #expect(try session.eventsOnDisk().last?.by == .participant("Zoë"))
    }

    @Test func askWalksThePackInOrderAndSkipsWhatWasAsked() throws {
        let session = try newSession()
        let pack = try #require(bundledPacks["new-team-member"])
        let ids = pack.questions.map(\.question.id)
        try session.run("/ask \(ids[1])", "/ask", "/ask")
        let asked = session.state.questions.map(\.questionID)
        #expect(asked == [ids[1], ids[0], ids[2]])
        try session.run("/undo")
        try session.run("/ask")
        #expect(session.state.questions.last?.questionID == ids[2])
    }

    @Test func askBySectionTypedOrUnknown() throws {
        let session = try newSession()
        let pack = try #require(bundledPacks["new-team-member"])
        let section = pack.sections[1]
        try session.run("/ask \(section.slug)")
        #expect(session.state.questions.last?.questionID == section.questions[0].id)
        try session.run(#"/ask "What would make Mondays great?""#)
        #expect(session.state.questions.last?.text == "What would make Mondays great?")
        #expect(session.state.questions.last?.pack == nil)
        let response = session.execute("/ask nosuchthing")
        #expect(response.error?.message.contains("no question or section \"nosuchthing\"") == true)
    }

    @Test func saysWhenThePackIsDone() throws {
        let session = try newSession(pack: "probes")
        let count = try #require(bundledPacks["probes"]).questionCount
        for _ in 0..<count { try session.run("/ask") }
        let done = try session.run("/ask")
        #expect(done.first?.contains("Every question in") == true)
        #expect(session.state.questions.count == count)
    }

    @Test func answersGoToTheCurrentParticipantOrTheNamedOne() throws {
        let session = try newSession(with: ["Zoë", "Mary Ann"])
        try session.run(
            "/ask", "first", "@mary ann second", "/with Mary Ann", "third", "> no I don't think so")
        let answers = session.state.answers.map { "\($0.by.stored): \($0.text)" }
        #expect(
            answers == ["Zoë: first", "Mary Ann: second", "Mary Ann: third", "Mary Ann: no I don't think so"])
        #expect(session.execute("@Nobody hi").error?.message.contains("no participant \"Nobody\"") == true)
    }

    @Test func anAnswerNeedsSomeoneAndAQuestion() throws {
        let alone = try newSession(with: [])
        try alone.run("/ask")
        #expect(
            alone.execute("an answer").error?.message.contains("no one to record this answer for") == true)
        let early = try newSession()
        #expect(early.execute("an answer").error?.message.contains("no question is open") == true)
    }

    /// What the coaches who tried the first version typed: every line without a leading `/` is
    /// recorded as the answer of the person answering, whatever word it starts with.
    @Test func onlyASlashMakesACommand() throws {
        let session = try newSession(with: ["Léo", "Amara Okafor"])
        try session.run("/ask")
        let before = session.state.events.count
        let answers = [
            "Agree on goals", "Mine is the pirate ship", "With pleasure", "Quit smoking is my goal", "Help",
            "no", "Undo the damage we did", "Revisit 2026-11-2", "Ask me later", "Probe all you like",
            "Flip it around", "Repair the bike first", "Note to self", "Pack light", "Log off at six",
            "Checkin on Fridays", "Keep it simple", "Adjust slowly", "Drop it", "Skip the small talk",
            "History matters", "Due next week", "Rules are for others", "Reload the dishwasher",
            "Fix the fence",
            "Me first", "Without doubt", "Amend nothing", "Packs of gum", "Agreements are hard", "q", "u",
            "a", "pro", "> old-style answer",
        ]
        for answer in answers { try session.run(answer) }
        let recorded = session.state.events.dropFirst(before)
        #expect(recorded.count == answers.count)
        for (event, typed) in zip(recorded, answers) {
            guard case .answer(let text, _) = event.kind else {
                Issue.record("\"\(typed)\" was recorded as \(event.kind.type)")
                continue
            }
            #expect(text == (typed.hasPrefix(">") ? "old-style answer" : typed))
            #expect(event.by == .participant("Léo"))
        }
        #expect(session.state.participants == ["Léo", "Amara Okafor"])
        #expect(session.state.current == "Léo")
        #expect(session.state.agreements.isEmpty)
        #expect(session.state.openQuestion != nil)
    }

    @Test func commandsRunByAUniquePrefixAfterTheSlash() throws {
        let session = try newSession()
        try session.run("/ask", "//etc is where it lives")
        #expect(session.state.answers.last?.text == "/etc is where it lives")
        let ambiguous = session.execute("/a")
        #expect(
            ambiguous.error?.message.contains("/a could be /ask, /agree, /adjust, /agreements, /amend")
                == true)
        #expect(session.execute("/zzz").error?.message.contains("no command /zzz") == true)
        #expect(session.execute("/").error != nil)
        try session.run("/pro")
        #expect(session.state.questions.last?.kind == .probe)
        try session.run("/PACK feedback")
        #expect(session.state.activePack == "feedback")
    }

    /// A space before the slash makes a line neither a command nor, silently, an answer.
    @Test func aSpaceBeforeACommandIsAskedAbout() throws {
        let session = try newSession()
        try session.run("/ask", "An answer")
        let before = session.state.lastSeq
        let indented = session.execute("  /undo")
        #expect(indented.error?.message.contains("starts with a space before /undo") == true)
        #expect(session.state.lastSeq == before)
        #expect(session.execute("\t/mine tabbed").error != nil)
        try session.run(" /etc is where it lives")
        #expect(session.state.answers.last?.text == "/etc is where it lives")
    }

    @Test func aMistypedRevisitKeepsTheSittingOpen() throws {
        let session = try newSession()
        try session.run("/ask", "An answer")
        let response = session.execute("/revisit 2099-01-01-zzzz")
        #expect(response.error?.message.contains("this sitting stays open") == true)
        #expect(response.effect == nil)
        try session.run("Still recorded")
        #expect(session.state.answers.last?.text == "Still recorded")
    }

    @Test func textGoesOnAfterAnOption() throws {
        let session = try newSession()
        try session.run("/agree We meet --by 2027-01-15 on Fridays --know \"it is in both calendars\"")
        let agreement = try #require(session.state.agreement("A1"))
        #expect(agreement.text == "We meet on Fridays")
        #expect(agreement.due == "2027-01-15")
        #expect(agreement.know == "it is in both calendars")
        #expect(
            session.execute("/agree Send it --by next friday").error?.message.contains("not \"next\"") == true
        )
        try session.run("/ask 你最看重什么？")
        #expect(session.state.questions.last?.text == "你最看重什么？")
    }

    /// Each command reads its arguments by its declaration: what it does not take is refused.
    @Test(arguments: [
        ("/note --privately speaking", "/note: unknown option --privately; it takes --private"),
        (
            "/agree --revised A1 We meet",
            "/agree: unknown option --revised; it takes --by, --every, --know, --revise"
        ),
        ("/packs foo", "/packs: it takes no argument, not \"foo\" (usage: /packs)"),
        ("/due 30", "/due: it takes no argument, not \"30\" (usage: /due)"),
        ("/undo many", "/undo: \"many\" is not a number (usage: /undo [N])"),
        ("/log ten", "/log: "),
        ("/history", "/history: A1 is missing (usage: /history A1)"),
        ("/note", "/note: TEXT is missing (usage: /note [--private] TEXT)"),
        ("/agree We meet --by", "/agree: --by needs a DATE"),
        ("/note --private --private x", "/note: --private is given twice"),
    ])
    func argumentsACommandDoesNotTakeAreRefused(_ line: String, _ error: String) throws {
        let session = try newSession()
        try session.run("/ask", "An answer")
        let before = session.state.lastSeq
        let response = session.execute(line)
        let message = try #require(response.error).description
        #expect(message.hasPrefix(error), "\(message)")
        #expect(session.state.lastSeq == before)
    }

    @Test func probeUsesTheQuestionsOwnProbesThenGenericOnesAndNeverRepeats() throws {
        let session = try newSession()
        let pack = try #require(bundledPacks["new-team-member"])
        let withProbes = try #require(pack.questions.first { !$0.question.probes.isEmpty })
        let generic = try #require(bundledPacks["probes"]).questions
        try session.run("/ask \(withProbes.question.id)", "an answer")
        let total = withProbes.question.probes.count + generic.count
        var texts: [String] = []
        for _ in 0..<total {
            try session.run("/probe")
            texts.append(session.state.questions.last!.text)
        }
        #expect(Set(texts).count == total)
        #expect(
            texts[0]
                == Flip.capitalizeFirst(
                    withProbes.question.probes[0].replacingOccurrences(of: "{that}", with: "that")))
        #expect(session.execute("/probe").error?.message.contains("every follow-up has been asked") == true)
        try session.run(#"/probe "What would that look like on Monday?""#)
        #expect(session.state.questions.last?.text == "What would that look like on Monday?")
    }

    @Test func probeWithAWordPutsTheirWordIn() throws {
        let session = try newSession()
        try session.run(#"/ask "What matters to you at work?""#, "honesty", "/probe honesty")
        let text = try #require(session.state.questions.last?.text)
        #expect(text.contains("honesty"))
        #expect(!text.contains("{that}"))
    }

    @Test func flipTurnsTheLastAnswerOrGivenWordsIntoAQuestion() throws {
        let session = try newSession()
        try session.run("/ask", "I don't like being micromanaged", "/flip")
        let flipped = try #require(session.state.questions.last)
        #expect(flipped.kind == .flip)
        #expect(flipped.text == "What would you like instead of being micromanaged?")
        #expect(flipped.thread == session.state.questions[0].seq)
        try session.run("/flip how can I motivate you?")
        #expect(session.state.questions.last?.text == "What motivates you?")
        #expect(session.state.questions.last?.opensThread == true)
        #expect(session.execute("/flip What motivates you?").error != nil)
    }

    @Test func mineAndAgreeMakeItTwoWay() throws {
        let session = try newSession()
        let turn = try session.run("/ask", "/mine")
        #expect(turn.last?.hasPrefix("Your turn: ") == true)
        try session.run("Written notes", "/mine I like to talk it through")
        let side = try session.run("/agree")
        #expect(
            side.contains {
                $0.contains("Zoë: Written notes") && $0.contains("you: I like to talk it through")
            })
        try session.run("/agree Notes first, then a call", "/agree Fridays off")
        #expect(session.state.liveAgreements.map(\.id) == ["A1", "A2"])
        try session.run("/undo", "/agree Fridays are for focus")
        #expect(session.state.liveAgreements.map(\.id) == ["A1", "A3"])
    }

    @Test func repairPlansAndRecordsRepairs() throws {
        let session = try newSession()
        let tough = try #require(bundledPacks["when-things-get-tough"])
        try session.run("/repair", "I go quiet")
        #expect(session.state.questions.last?.kind == .repair)
        #expect(session.state.questions.last?.questionID == tough.questions[0].question.id)
        try session.run("/repair We call a time-out and talk the next morning")
        try session.run("/agree We answer messages within a day", "/repair A1")
        #expect(session.state.questions.last?.agreement == "A1")
        try session.run("I was away", "/repair A1 We put it in the calendar")
        #expect(session.state.agreement("A1")?.offTrack.count == 2)
        let summary = Transcript.summary(session.state).map(\.text)
        #expect(summary.contains("  - We call a time-out and talk the next morning"))
        #expect(summary.contains("  - A1: We put it in the calendar"))
        #expect(summary.contains("  - Zoë: I go quiet"))
        #expect(session.execute("/repair A9").error?.message == "no agreement A9 (/agreements lists them)")
    }

    @Test func undoWithdrawsWithoutDeleting() throws {
        let session = try newSession()
        try session.run("/note private thought", "/undo")
        let events = try session.eventsOnDisk()
        #expect(events.map(\.kind.type) == [.sitting, .note, .retract])
        #expect(session.state.isRetracted(2))
        #expect(session.execute("/undo").error?.message == "nothing to undo in this sitting")
        #expect(
            Transcript.entries(session.state).contains {
                $0.text.contains("private thought   [withdrawn by #3]")
            })
    }

    @Test func closeRecordsTheEndOfTheSitting() throws {
        let session = try newSession()
        try session.run("/note hello")
        let quit = session.execute("/quit")
        #expect(quit.effect == .quit)
        let closing = session.close(reason: "quit")
        #expect(closing.summary.last?.text.contains(session.id) == true)
        #expect(try session.eventsOnDisk().last?.kind == .close(reason: "quit"))
    }

    @Test func theSittingRecordsThePacksItRanWith() throws {
        let session = try newSession()
        try session.run("/note x")
        guard case .sitting(let start) = try session.eventsOnDisk().first?.kind else {
            Issue.record("no sitting first")
            return
        }
        #expect(start.app == AllianceVersion.current)
        #expect(start.participants == ["Zoë"])
        #expect(start.pack == "new-team-member")
        #expect(start.packs.map(\.id) == bundledPacks.ids)
        #expect(start.packs.allSatisfy { $0.hash.count == 64 })
    }

    @Test func badStartOptionsAreRefused() {
        #expect(throws: AllianceError.self) { try newSession(with: ["facilitator"]) }
        #expect(throws: AllianceError.self) { try newSession(pack: "nope") }
        #expect(throws: AllianceError.self) { try newSession(with: ["a\u{1B}[2Jb"]) }
    }

    @Test func theDataHomeAndLogArePrivate() throws {
        let session = try newSession()
        try session.run("/note confidential")
        let attributes = { (path: String) in
            try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        }
        #expect(try attributes(session.home.path) == 0o700)
        #expect(try attributes(session.home.sessions) == 0o700)
        #expect(try attributes(session.logPath) == 0o600)
    }
}

@Suite(.removingTemporaryDirectories) struct CompleterTests {
    func complete(_ line: String, _ session: Session) -> [String] {
        Completer.complete(line, context: session.context).candidates
    }

    @Test func offersTheSlashThenCommandsThenTheirArguments() throws {
        let session = try newSession(with: ["Zoë", "Sam", "Amara Okafor"])
        #expect(complete("", session) == ["/"])
        #expect(complete("/a", session) == ["/ask", "/agree", "/adjust", "/agreements", "/amend"])
        #expect(complete("/pro", session) == ["/probe"])
        #expect(complete("/pack when", session) == ["when-things-get-tough"])
        #expect(complete("/with z", session) == ["Zoë"])
        #expect(complete("@s", session) == ["@Sam"])
        #expect(complete("@zo", session) == ["@Zoë"])
        #expect(complete("@oka", session) == ["@Amara Okafor"])
        #expect(complete("/help fl", session) == ["flip"])
        #expect(complete("/note --p", session) == ["--private"])
        #expect(complete("/agree We meet --", session) == ["--by", "--every", "--know", "--revise"])
        let pack = try #require(bundledPacks["new-team-member"])
        let first = pack.questions[0].question.id
        #expect(complete("/ask ", session).contains(first))
        #expect(complete("/ask ", session).contains(pack.sections[0].slug))
        try session.run("/agree Mondays", "/agree Fridays")
        #expect(complete("/repair ", session) == ["A1", "A2"])
        #expect(complete("/keep ", session) == ["A1", "A2"])
        #expect(complete("/agree --revise ", session) == ["A1", "A2"])
        #expect(complete("/packs ", session) == [])
        #expect(complete("/nonsense x", session) == [])
    }

    /// Candidates come from file names and logs: none holding a control or bidi character is
    /// listed or typed into the line, and only session ids are offered to /revisit.
    @Test func candidatesWithControlCharactersAreNeverOffered() throws {
        let session = try newSession(with: ["Zoë"])
        try session.run("/note saved")
        for name in ["\u{1B}]52;c;aGk=\u{07}", "with space", "x\u{202E}gpj", "ok-2"] {
            #expect(
                FileManager.default.createFile(
                    atPath: session.home.sessions + "/\(name).jsonl", contents: Data()))
        }
        let offered = complete("/revisit ", session)
        #expect(offered.contains("ok-2"))
        #expect(offered.allSatisfy { DataHome.isValidSessionID($0) })
        // The completer drops such a candidate whatever produced it: here a name from a log the
        // reader would refuse, folded in regardless.
        var hostile = session.context
        hostile.state.apply(
            Event(
                seq: 99, at: Timestamp("2026-11-25T09:00:00.000Z")!,
                kind: .with(name: "Zo\u{1B}]52;c;aGk=\u{07}")))
        #expect(Completer.unfiltered("@zo", context: hostile).candidates.count == 2)
        #expect(complete("@zo", hostile) == ["@Zoë"])
        #expect(complete("/with ", hostile) == ["Zoë"])
    }

    func complete(_ line: String, _ context: CommandContext) -> [String] {
        Completer.complete(line, context: context).candidates
    }

    @Test func answersAreNotCompleted() throws {
        let session = try newSession()
        #expect(complete("ask ", session) == [])
        #expect(complete("I would ", session) == [])
    }
}

@Suite(.removingTemporaryDirectories) struct HistoryPolicyTests {
    @Test(arguments: [
        "/help", "/help note", "/ask", "/ask trust", "/pack feedback", "/probe", "/undo", "/undo 3",
        "/undo #3",
        "/repair", "/repair A1", "/history A1", "/log", "/log 5", "/checkin", "/due", "/agreements",
        "/agreements --history", "/keep", "/skip", "/packs", "/quit",
    ])
    func commandsWhoseArgumentsAreIDsAreShared(_ line: String) throws {
        let session = try newSession()
        try session.run("/agree We meet on Mondays")
        #expect(ShellCommand.isShareable(line, context: session.context))
    }

    @Test func clientWordsAfterEveryCommandAreNeverShared() throws {
        let session = try newSession()
        try session.run("/ask", "An answer", "/agree We meet on Mondays")
        let context = session.context
        for command in ShellCommand.all {
            for words in [
                "Zanzibar secret", "zanzibar", "--private zanzibar", "A1 zanzibar", "1 zanzibar",
                "mute zanzibar",
                "--history zanzibar", "--revise A1 zanzibar", "\"zanzibar\"",
            ] {
                let line = "/\(command.name) \(words)"
                #expect(!ShellCommand.isShareable(line, context: context), "\(line)")
            }
        }
        for line in [
            "Zanzibar secret", "ask zanzibar", "@Zoë zanzibar", "> zanzibar", "//zanzibar", "no",
            "/rules mute why-questions/why-question", "/with Zoë", "/me Dad",
        ] {
            #expect(!ShellCommand.isShareable(line, context: context), "\(line)")
        }
    }
}
