import Foundation
import TestSupport
import Testing

@testable import AllianceKit

/// Counts the calls of a reloader, which the session calls from a `@Sendable` closure.
private final class CallCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }

    func increment() {
        lock.lock()
        defer { lock.unlock() }
        count += 1
    }
}

/// `quit`, `reload` and `revisit`: each command asks for its effect, and the session carries it out
/// (reload) or hands it on to the shell, which closes the sitting (quit, revisit).
@Suite(.removingTemporaryDirectories) struct EffectTests {
    @Test func eachCommandAsksForItsEffectAndRecordsNothingItself() throws {
        let session = try newSession()
        let quit = try ShellCommand.quit("", session.context)
        #expect(quit.effect == .quit)
        #expect(quit.events.isEmpty && quit.lines.isEmpty)
        let reload = try ShellCommand.reload("", session.context)
        #expect(reload.effect == .reload)
        #expect(reload.events.isEmpty && reload.lines.isEmpty)
        var context = session.context
        context.resolveSession = { $0 }
        let revisit = try ShellCommand.revisit("2026-11-25-ab12", context)
        #expect(revisit.effect == .revisit("2026-11-25-ab12"))
        #expect(revisit.events.isEmpty && revisit.lines.isEmpty)
        // Every other command leaves the sitting as it is.
        #expect(try ShellCommand.note("hello", session.context).effect == nil)
        #expect(try ShellCommand.help("", session.context).effect == nil)
    }

    @Test func quitAndRevisitEndTheSittingReloadDoesNot() {
        #expect(Outcome.Effect.quit.endsSitting)
        #expect(Outcome.Effect.revisit("x").endsSitting)
        #expect(!Outcome.Effect.reload.endsSitting)
    }

    @Test func quitIsHandedToTheShellWhichClosesTheSitting() throws {
        let session = try newSession()
        try session.run("/note hello")
        let before = session.state.lastSeq
        // Typed as a prefix, as the shell takes it.
        let response = session.execute("/qu")
        #expect(response.effect == .quit)
        #expect(response.error == nil && response.lines.isEmpty)
        #expect(session.state.lastSeq == before)
        // What the shell does with it: close the sitting, then take no more lines.
        let closing = session.close(reason: "quit")
        #expect(closing.error == nil)
        #expect(closing.summary.first?.text.hasPrefix("Sitting 1 closed: 0 answers, 0 agreements") == true)
        #expect(try session.eventsOnDisk().last?.kind == .close(reason: "quit"))
        #expect(session.execute("/note after").error?.message.contains("this sitting is closed") == true)
    }

    @Test func reloadCallsTheReloaderAndRecordsWhatItLoaded() throws {
        let session = try newSession()
        try session.run("/note before")
        let calls = CallCount()
        let feedback = try #require(bundledPacks["feedback"])
        let newPacks = PackLibrary(packs: [feedback])
        session.reloader = {
            calls.increment()
            return (newPacks, RuleBook())
        }
        let response = session.execute("/reload")
        #expect(calls.value == 1)
        #expect(response.effect == .reload)
        #expect(response.error == nil)
        #expect(response.lines.map(\.text).contains("Reloaded 1 pack and 0 plugins (0 rules)."))
        // The active pack was not reloaded: the coach is told how to choose another.
        #expect(response.lines.last?.text.contains("new-team-member is gone") == true)
        #expect(session.packs.ids == ["feedback"])
        #expect(session.rules.plugins.isEmpty)
        let last = try #require(try session.eventsOnDisk().last)
        #expect(last.kind == .reload(packs: [feedback.source], plugins: []))
        #expect(last.by == .facilitator)
        #expect(session.state.lastSeq == last.seq)
    }

    @Test func aReloadBeforeAnythingIsRecordedStartsTheSittingWithWhatItLoaded() throws {
        let session = try newSession()
        let feedback = try #require(bundledPacks["feedback"])
        session.reloader = { (PackLibrary(packs: [feedback]), RuleBook()) }
        #expect(session.execute("/reload").effect == .reload)
        try session.run("/note after")
        let events = try session.eventsOnDisk()
        #expect(events.map(\.kind.type) == [.sitting, .note])
        guard case .sitting(let start) = events.first?.kind else {
            Issue.record("no sitting first")
            return
        }
        #expect(start.packs == [feedback.source])
        #expect(start.plugins.isEmpty)
    }

    @Test func aReloadThatCannotBeDoneIsAnErrorAndNoEffect() throws {
        let session = try newSession()
        try session.run("/note before")
        let before = session.state.lastSeq
        let response = session.execute("/reload")
        #expect(response.error?.rendered() == "error: /reload: packs and plugins cannot be reloaded here")
        #expect(response.effect == nil)
        #expect(session.state.lastSeq == before)
        #expect(session.packs.ids == bundledPacks.ids)
    }

    @Test func revisitNamesTheSessionTheShellOpensNext() throws {
        let home = DataHome(path: temporaryDirectory() + "/home")
        let first = try Session(
            newIn: home, packs: bundledPacks, rules: bundledRules,
            options: StartOptions(participants: ["Zoë"]), clock: SteppingClock())
        try first.run("/note first alliance")
        _ = first.close(reason: "quit")
        let second = try Session(
            newIn: home, packs: bundledPacks, rules: bundledRules,
            options: StartOptions(participants: ["Amara"]), clock: SteppingClock())
        try second.run("/note second alliance")
        let before = second.state.lastSeq
        let response = second.execute("/revisit \(first.id)")
        #expect(response.error == nil && response.lines.isEmpty)
        #expect(response.effect == .revisit(first.id))
        #expect(second.state.lastSeq == before)
        // What the shell does with it: close this sitting, then open the one named.
        guard case .revisit(let reference)? = response.effect else { return }
        _ = second.close(reason: "quit")
        #expect(try second.eventsOnDisk().last?.kind == .close(reason: "quit"))
        let reopened = try Session(
            revisiting: try home.resolveSession(reference), home: home, packs: bundledPacks,
            rules: bundledRules, clock: SteppingClock(start: "2026-12-16T09:00:00.000Z"))
        #expect(reopened.id == first.id)
        #expect(reopened.state.sittingNumber == 2)
        #expect(reopened.state.participants == ["Zoë"])
    }

    @Test func revisitingAnAllianceThatIsNotThereKeepsThisSittingOpen() throws {
        let session = try newSession()
        let unknown = session.execute("/revisit 1999-01-01-zzzz")
        #expect(unknown.effect == nil)
        #expect(unknown.error?.message.hasSuffix("; this sitting stays open") == true)
        #expect(session.execute("/note still here").error == nil)
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
