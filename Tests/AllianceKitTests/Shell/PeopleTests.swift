import Foundation
import Testing

@testable import AllianceKit

/// People are found as people type them: by first name, in any case, with or without accents.
@Suite(.removingTemporaryDirectories) struct PeopleTests {
    static let names = ["Amara Okafor", "Zoë", "Léo"]

    @Test(arguments: [
        ("@amara hi", "Amara Okafor"),
        ("@Amara hi", "Amara Okafor"),
        ("@AMARA hi", "Amara Okafor"),
        ("@Amara Okafor hi", "Amara Okafor"),
        ("@amara okafor hi", "Amara Okafor"),
        ("@zoe hi", "Zoë"),
        ("@Zoë hi", "Zoë"),
        ("@ZOË hi", "Zoë"),
        ("@ZOE hi", "Zoë"),
        ("@leo hi", "Léo"),
        ("@LÉO hi", "Léo"),
        ("@Leo hi", "Léo"),
        ("@zoe\u{0308} hi", "Zoë"),
    ])
    func anAnswerGoesToThePersonTyped(_ line: String, _ person: String) throws {
        let session = try newSession(with: Self.names)
        try session.run("/ask")
        let before = session.state.lastSeq
        let shown = try session.run(line)
        let answer = try #require(session.state.events.first { $0.seq == before + 1 })
        #expect(answer.kind == .answer(text: "hi", to: session.state.openQuestion!), "\(line)")
        #expect(answer.by == .participant(person), "\(line)")
        #expect(shown.first == "  ✓ #\(answer.seq) \(person)")
        // Addressing someone records one answer for them; whose answers free text records is unchanged.
        #expect(session.state.current == "Amara Okafor")
        #expect(session.state.participants == Self.names)
    }

    @Test func aFirstNameTwoPeopleShareRecordsNothingAndNamesBoth() throws {
        let session = try newSession(with: ["Sam Reyes", "Sam Okafor"])
        try session.run("/ask")
        let before = session.state.lastSeq
        let response = session.execute("@sam hi")
        let message = try #require(response.error).message
        #expect(message.contains("Sam Reyes"), "\(message)")
        #expect(message.contains("Sam Okafor"), "\(message)")
        #expect(message.contains("nothing was recorded"), "\(message)")
        #expect(session.state.lastSeq == before)
        #expect(session.state.answers.isEmpty)
        try session.run("@sam okafor hi", "@Sam Reyes hello")
        #expect(session.state.answers.map(\.by) == [.participant("Sam Okafor"), .participant("Sam Reyes")])
        #expect(session.state.answers.map(\.text) == ["hi", "hello"])
    }

    @Test func someoneNotTakingPartIsNotGuessed() throws {
        let session = try newSession(with: Self.names)
        try session.run("/ask")
        for line in ["@okafor hi", "@am hi", "@Kim hi", "@zo hi"] {
            let message = try #require(session.execute(line).error, "\(line)").message
            #expect(message.contains("no participant"), "\(line): \(message)")
        }
        #expect(session.state.answers.isEmpty)
    }

    @Test func withAFirstNameSwitchesToSomeoneAlreadyHere() throws {
        let session = try newSession(with: Self.names)
        let shown = try session.run("/with zoe")
        #expect(shown == ["Switched to Zoë: answers now go to them."])
        #expect(session.state.events.last?.kind == .with(name: "Zoë"))
        #expect(session.state.participants == Self.names)
        #expect(session.state.current == "Zoë")
        try session.run("/with LEO")
        #expect(session.state.current == "Léo")
        try session.run("/with amara")
        #expect(session.state.current == "Amara Okafor")
        #expect(session.state.participants == Self.names)
        let already = try session.run("/with Amara Okafor")
        #expect(already == ["Answers already go to Amara Okafor."])
        try session.run("/ask", "free text")
        #expect(session.state.answers.last?.by == .participant("Amara Okafor"))
    }

    @Test func withANewNameAddsSomeone() throws {
        let session = try newSession(with: Self.names)
        let shown = try session.run("/with Kim")
        #expect(shown == ["Kim joins; answers now go to Kim."])
        #expect(session.state.participants == Self.names + ["Kim"])
        #expect(session.state.current == "Kim")
        try session.run("/ask", "Kim's answer")
        #expect(session.state.answers.last?.by == .participant("Kim"))
    }

    @Test func withAFirstNameTwoPeopleShareIsRefused() throws {
        let session = try newSession(with: ["Sam Reyes", "Sam Okafor"])
        let message = try #require(session.execute("/with sam").error).message
        #expect(message.contains("Sam Reyes") && message.contains("Sam Okafor"), "\(message)")
        #expect(session.state.participants == ["Sam Reyes", "Sam Okafor"])
        #expect(session.state.current == "Sam Reyes")
    }

    @Test func meGivesTheFacilitatorANameInTranscriptsAndExports() throws {
        let session = try newSession()
        try session.run("/ask", "/mine before")
        #expect(
            Export(id: "x", state: session.state, full: true).render(.markdown).contains(
                "### You (facilitator)"))
        let shown = try session.run("/me Dad")
        #expect(shown == ["You are Dad in this alliance."])
        #expect(session.state.events.last?.kind == .me(name: "Dad"))
        let mine = try session.run("/mine x")
        #expect(mine.first == "  ✓ #\(session.state.answers.last!.seq) Dad")
        let transcript = Transcript.entries(session.state).map(\.text)
        #expect(transcript.contains { $0.hasSuffix("    Dad: x") }, "\(transcript)")
        #expect(transcript.contains { $0.hasSuffix("    Dad: before") }, "\(transcript)")
        #expect(!transcript.contains { $0.contains("you: ") }, "\(transcript)")
        let markdown = Export(id: "x", state: session.state, full: true).render(.markdown)
        #expect(markdown.contains("### Dad\n"))
        #expect(!markdown.contains("You (facilitator)"))
        #expect(Export(id: "x", state: session.state, full: true).render(.html).contains("<h3>Dad</h3>"))
        #expect(try session.run("/me") == ["You are Dad in this alliance."])
        #expect(try session.run("/me Dad") == ["You are already Dad here."])
        // Withdrawing the name brings "you" back.
        try session.run("/undo \(session.state.events.last { $0.kind.type == .me }!.seq)")
        #expect(session.state.facilitatorName == nil)
        #expect(Transcript.entries(session.state).map(\.text).contains { $0.hasSuffix("    you: x") })
    }

    @Test func meFromTheStartSurvivesARevisit() throws {
        let home = DataHome(path: temporaryDirectory() + "/home")
        let first = try Session(
            newIn: home, packs: bundledPacks, rules: bundledRules,
            options: StartOptions(participants: ["Zoë"], me: "Dad"), clock: SteppingClock())
        #expect(first.state.facilitatorName == "Dad")
        try first.run("/ask", "/mine I like lists")
        #expect(
            Transcript.entries(first.state).map(\.text).contains { $0.hasSuffix("    Dad: I like lists") })
        #expect(Export(id: "x", state: first.state, full: true).render(.markdown).contains("### Dad\n"))
        _ = first.close(reason: "quit")
        #expect(try LogReader.read(path: first.logPath).events.contains { $0.kind == .me(name: "Dad") })

        let second = try Session(
            revisiting: first.logPath, home: home, packs: bundledPacks, rules: bundledRules,
            clock: SteppingClock(start: "2026-12-16T09:00:00.000Z"))
        #expect(second.state.facilitatorName == "Dad")
        try second.run("/ask", "/mine I still like lists")
        let transcript = Transcript.entries(second.state).map(\.text)
        #expect(transcript.contains { $0.hasSuffix("    Dad: I still like lists") }, "\(transcript)")
        #expect(!transcript.contains { $0.contains("you: ") }, "\(transcript)")
        let markdown = Export(id: "x", state: second.state, full: true).render(.markdown)
        #expect(markdown.contains("### Dad\n"))
        #expect(!markdown.contains("You (facilitator)"))
        _ = second.close(reason: "quit")

        // Revisiting with another name records it; the same name records nothing new.
        let third = try Session(
            revisiting: first.logPath, home: home, packs: bundledPacks, rules: bundledRules, me: "Dad",
            clock: SteppingClock(start: "2027-01-16T09:00:00.000Z"))
        #expect(third.state.events.filter { $0.kind.type == .me }.count == 1)
        _ = third.close(reason: "quit")
        let fourth = try Session(
            revisiting: first.logPath, home: home, packs: bundledPacks, rules: bundledRules, me: "Papa",
            clock: SteppingClock(start: "2027-02-16T09:00:00.000Z"))
        #expect(fourth.state.facilitatorName == "Papa")
    }

    @Test(arguments: ["Zoë", "zoë", "ZOË", "zoe", "\"Zoë\""])
    func meWithAParticipantsNameIsRefused(_ typed: String) throws {
        let session = try newSession()
        let before = session.state.lastSeq
        let message = try #require(session.execute("/me \(typed)").error, "/me \(typed)").message
        #expect(message.contains("Zoë is taking part already"), "\(message)")
        #expect(session.state.lastSeq == before)
        #expect(session.state.facilitatorName == nil)
    }

    @Test(arguments: ["facilitator", "You", "@Dad", "/Dad", "a b c d"])
    func meWithANameTheLogKeepsOrCannotShowIsRefused(_ typed: String) throws {
        let session = try newSession()
        #expect(session.execute("/me \(typed)").error != nil, "/me \(typed)")
        #expect(session.state.facilitatorName == nil)
    }

    /// A transcript tells the facilitator from a participant only by name: no command makes them share one.
    @Test func aParticipantCannotTakeTheFacilitatorsName() throws {
        let session = try newSession(with: ["Zoë", "Léo"])
        try session.run("/me Dad")
        for typed in ["Dad", "dad", "DAD"] {
            let message = try #require(session.execute("/with \(typed)").error, "/with \(typed)").message
            #expect(message.contains("Dad is your own name in this alliance"), "\(message)")
        }
        // Once Léo has left, the facilitator may take the name; then Léo is not brought back under it.
        try session.run("/without Léo", "/me Leo")
        #expect(session.execute("/with léo").error?.message.contains("Leo is your own name") == true)
        #expect(session.state.participants == ["Zoë"])
        // Nor by withdrawing the leaving.
        let left = try #require(session.state.events.last { $0.kind.type == .without }).seq
        let message = try #require(session.execute("/undo \(left)").error).message
        #expect(message.contains("would make you and Léo both Leo"), "\(message)")
        #expect(!session.state.isRetracted(left))
        // With another name first, both work.
        try session.run("/me Dad", "/undo \(left)")
        #expect(session.state.participants == ["Zoë", "Léo"])
        #expect(session.state.facilitatorName == "Dad")
        // Nor by withdrawing a later name, which would bring back one someone now has.
        let leo = try #require(session.state.events.last { $0.kind == .me(name: "Leo") }).seq
        let dad = try #require(session.state.events.last { $0.kind == .me(name: "Dad") }).seq
        #expect(
            session.execute("/undo \(dad)").error?.message.contains("would make you and Léo both Leo") == true
        )
        try session.run("/undo \(leo)", "/undo \(dad)")
        #expect(session.state.facilitatorName == "Dad")
        try session.run(
            "/undo #\(try #require(session.state.events.first { $0.kind == .me(name: "Dad") }).seq)")
        #expect(session.state.facilitatorName == nil)
    }

    @Test func theStartingNameCannotBeAParticipants() throws {
        #expect(throws: AllianceError.self) {
            try Session(
                newIn: DataHome(path: temporaryDirectory() + "/home"), packs: bundledPacks,
                options: StartOptions(participants: ["Zoë"], me: "facilitator"), clock: SteppingClock())
        }
        #expect(throws: AllianceError.self) {
            try Session(
                newIn: DataHome(path: temporaryDirectory() + "/home"), packs: bundledPacks,
                options: StartOptions(participants: ["Zoë"], me: "zoe"), clock: SteppingClock())
        }
        let twice = try Session(
            newIn: DataHome(path: temporaryDirectory() + "/home"), packs: bundledPacks,
            options: StartOptions(participants: ["Zoë", "zoe"]), clock: SteppingClock())
        #expect(twice.state.participants == ["Zoë"])
    }

    @Test func someoneWhoLeftIsNamedWhenAddressed() throws {
        let session = try newSession(with: ["Amara Okafor", "Zoë"])
        try session.run("/ask", "/without amara")
        let before = session.state.lastSeq
        let response = session.execute("@amara one more thing")
        #expect(response.error?.message.contains("Amara Okafor has left this sitting: /with amara") == true)
        #expect(session.state.lastSeq == before)
    }
}
