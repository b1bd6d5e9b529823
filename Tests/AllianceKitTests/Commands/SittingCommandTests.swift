import TestSupport
import Testing

@testable import AllianceKit

/// The commands that end or change the sitting itself: `quit`, `revisit` and `reload`.
@Suite(.removingTemporaryDirectories) struct SittingCommandTests {
    @Test func quitEndsTheSittingWithoutRecordingAnything() throws {
        let session = try newSession()
        try session.run("/note before leaving")
        let before = session.state
        let response = session.execute("/QUIT")
        #expect(response.effect == .quit && response.error == nil)
        #expect(response.lines.isEmpty)
        #expect(session.state == before)
        // The sitting is closed by the shell, which records why.
        let closing = session.close(reason: "quit")
        #expect(closing.summary.first?.text == "Sitting 1 closed: 0 answers, 0 agreements.")
        #expect(try LogReader.read(path: session.logPath).events.last?.kind == .close(reason: "quit"))
    }

    @Test func revisitNamesTheAllianceToOpenNextAndClosesThisSitting() throws {
        let home = temporaryHome()
        let first = try Session(
            newIn: home, packs: bundledPacks, options: StartOptions(participants: ["Zoë"]),
            clock: SteppingClock())
        try first.run("/note the first alliance")
        _ = first.close(reason: "quit")
        let second = try Session(
            newIn: home, packs: bundledPacks, options: StartOptions(participants: ["Sam"]),
            clock: SteppingClock(start: "2026-11-26T09:00:00.000Z"))
        let response = second.execute("/revisit \(first.id)")
        #expect(response.error == nil)
        #expect(response.effect == .revisit(first.id))
        #expect(!second.isSaved, "revisit recorded something in the sitting it leaves")
        let unknown = second.execute("/revisit 1999-01-01-zzzz")
        #expect(unknown.effect == nil)
        #expect(unknown.error?.message.hasSuffix("; this sitting stays open") == true)
    }

    /// `/reload` loads packs and plugins again; the log says what the shell runs with from then
    /// on: the sitting itself when nothing is recorded yet, else a `reload` event.
    @Test func reloadRecordsWhatTheShellRunsWithFromThenOn() throws {
        let session = try newSession()
        let fewer = PackLibrary(packs: bundledPacks.packs.filter { $0.id != "feedback" })
        session.reloader = { (fewer, RuleBook()) }
        let reloaded = session.execute("/reload")
        #expect(reloaded.error == nil && reloaded.effect == .reload)
        #expect(reloaded.lines == [Line("Reloaded 10 packs and 0 plugins (0 rules).", .dim)])
        #expect(!session.isSaved)
        #expect(session.state.sittings.last?.start.packs == fewer.packs.map(\.source))
        #expect(session.state.sittings.last?.start.plugins == [])

        try session.run("/note something to keep")
        session.reloader = { (bundledPacks, bundledRules) }
        let again = session.execute("/reload")
        #expect(again.lines.last?.text == "Reloaded 11 packs and 9 plugins (25 rules).")
        let events = try session.eventsOnDisk()
        #expect(
            events.first.map { if case .sitting(let start) = $0.kind { start.packs.count } else { 0 } } == 10)
        #expect(
            events.last?.kind
                == .reload(
                    packs: bundledPacks.packs.map(\.source), plugins: bundledRules.plugins.map(\.source)))
    }

    @Test func reloadSaysWhenTheActivePackIsGoneAndWhatFailedToLoad() throws {
        let session = try newSession()
        let broken = temporaryDirectory()
        try "---\nid: [unclosed\n---\n- What?\n".write(
            toFile: broken + "/broken.md", atomically: false, encoding: .utf8)
        let library = PackLibrary.load(directories: [broken])
        session.reloader = { (library, RuleBook()) }
        let lines = session.execute("/reload").lines
        #expect(lines.first?.style == .warning && lines.first?.text.contains("broken.md") == true)
        #expect(
            lines.last
                == Line("The active pack new-team-member is gone: choose another with /pack ID.", .warning))
    }
}
