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

    @Test func aRevisitShowsWhatWasTakenAwayFirst() throws {
        let first = try newSession(with: ["Léo", "Maria"])
        try first.run(
            "/ask What would make Saturdays easier?", "I don't know", "/later",
            "/agree Pocket money on Saturdays")
        _ = first.close(reason: "quit")
        let second = try Session(
            revisiting: first.logPath, home: first.home, packs: bundledPacks, rules: bundledRules,
            clock: SteppingClock(start: "2026-12-16T09:00:00.000Z"))
        let welcome = second.welcomeBack
        #expect(welcome.first?.text.hasPrefix("Sitting 2; the last was 2026-11-25") == true)
        #expect(
            Array(welcome.dropFirst().prefix(3)) == [
                Line("Taken away (1): /ask asks again first", .plain),
                Line("  Léo — What would make Saturdays easier?", .question),
                Line("Open agreements (1)", .plain),
            ])
    }

    @Test func aRevisitCountsDaysOnTheCoachsCalendar() throws {
        // Los Angeles in winter: the first sitting, at 09:00 UTC on the 25th, was 01:00 on the 25th
        // there; the revisit, at 07:00 UTC on the 27th, is 23:00 on the 26th: one day, not two.
        let west = Zone.fixed(minutes: -480)
        let first = try Session(
            newIn: DataHome(path: temporaryDirectory() + "/home"), packs: bundledPacks, rules: bundledRules,
            options: StartOptions(participants: ["Zoë"]), clock: SteppingClock(zone: west))
        try first.run("/agree We meet on Mondays --by 2026-11-26")
        _ = first.close(reason: "quit")
        #expect(first.id.hasPrefix("2026-11-25-"))
        let second = try Session(
            revisiting: first.logPath, home: first.home, packs: bundledPacks, rules: bundledRules,
            clock: SteppingClock(start: "2026-11-27T07:00:00.000Z", zone: west))
        let welcome = second.welcomeBack
        #expect(welcome.first?.text.hasPrefix("Sitting 2; the last was 2026-11-25 (yesterday).") == true)
        #expect(welcome.contains(Line("  A1  We meet on Mondays  [due today]", .agreement)))
        #expect(second.context.today.description == "2026-11-26")
        #expect(second.context.zone == west)
        let log = second.execute("/log 100").lines.map(\.text)
        #expect(log.contains { $0.hasPrefix("── Sitting 1 · 2026-11-25 01:00 · with Zoë") }, "\(log)")
        #expect(log.contains { $0.hasPrefix("── Sitting 2 · 2026-11-26 23:00 · with Zoë") }, "\(log)")
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
