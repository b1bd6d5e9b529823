import Foundation
import Testing

@testable import AllianceKit

@Suite(.removingTemporaryDirectories) struct GreetingTests {
    static let hint = Line(
        "/ask, /probe, /flip, /mine, /agree, /repair · /help for more · Tab completes · Ctrl-D closes", .dim)
    static let heading = Line("alliance \(AllianceVersion.current) · designing an alliance", .heading)

    @Test func aNewAllianceIsGreetedWithWhoAnswersThePackAndWhereToStart() throws {
        let session = try newSession(with: ["Zoë", "Sam"])
        let active = try #require(session.state.activePack)
        let pack = try #require(session.packs[active])
        #expect(
            Greeting.banner(for: session) == [
                Self.heading,
                Line("With Zoë, Sam; answers go to Zoë", .dim),
                Line(
                    "Pack: \(pack.title) (\(pack.id), \(pack.questionCount) questions) · /packs lists others",
                    .dim),
                Self.hint,
            ])
    }

    @Test func withNoOneYetItSaysHowToAddSomeone() throws {
        let banner = Greeting.banner(for: try newSession(with: []))
        #expect(banner[1] == Line("Add who you are with: /with NAME", .dim))
        #expect(banner.last == Self.hint)
    }

    @Test func aRevisitIsWelcomedBackInsteadOfTheHint() throws {
        let first = try newSession(with: ["Zoë"])
        try first.run("/ask", "Being told the why", "/agree We meet on Mondays")
        _ = first.close(reason: "quit")
        let second = try Session(
            revisiting: first.logPath, home: first.home, packs: bundledPacks, rules: bundledRules,
            clock: SteppingClock(start: "2026-11-27T09:00:00.000Z"))
        let welcome = second.welcomeBack
        #expect(welcome.first?.text.hasPrefix("Sitting 2; the last was 2026-11-25 (2 days ago).") == true)
        #expect(welcome.contains(Line("  A1  We meet on Mondays", .agreement)))
        let banner = Greeting.banner(for: second)
        #expect(Array(banner.prefix(welcome.count + 1)) == [Self.heading] + welcome)
        #expect(banner[welcome.count + 1] == Line("With Zoë; answers go to Zoë", .dim))
        #expect(!banner.contains(Self.hint))
    }

    @Test func aPackTitleCannotPutAnEscapeOnTheScreen() throws {
        let evil = try pack("# Evil \u{1B}]52;c;aGk=\u{7}\n## S\n- What?\n", path: "evil.md")
        let session = try Session(
            newIn: DataHome(path: temporaryDirectory() + "/home"), packs: PackLibrary(packs: [evil]),
            options: StartOptions(participants: ["Zoë"], pack: "evil"), clock: SteppingClock())
        let line = try #require(Greeting.banner(for: session).first { $0.text.hasPrefix("Pack: ") })
        #expect(line.text == "Pack: Evil ^[]52;c;aGk=^G (evil, 1 questions) · /packs lists others")
    }
}
