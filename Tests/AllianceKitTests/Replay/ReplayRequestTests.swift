import Foundation
import Testing

@testable import AllianceKit

/// A log of two sittings, written as the shell writes one; removed when the test ends.
private final class TwoSittings {
    let root = temporaryDirectory()
    let path: String
    /// The `seq` of the second sitting's header.
    let secondSitting: Int
    /// Every committed line, as in the file.
    let lines: [String]

    init() throws {
        let home = DataHome(path: root + "/home")
        let clock = SteppingClock()
        let first = try Session(
            newIn: home, packs: bundledPacks, rules: bundledRules,
            options: StartOptions(participants: ["Zoë"], pack: "new-team-member", title: "Zoë joins"),
            clock: clock)
        try first.run("/ask", "Being told the why", "/agree We meet on Mondays")
        _ = first.close(reason: "quit")
        let second = try Session(
            revisiting: first.logPath, home: home, packs: bundledPacks, rules: bundledRules, clock: clock)
        secondSitting = second.state.sittings[1].seq
        try second.run("/note Offsite in March", "/agree We are honest")
        _ = second.close(reason: "quit")
        path = first.logPath
        lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    var id: String { DataHome.sessionID(ofLog: path) }

    /// Replaces the log's bytes.
    func write(_ text: String) throws { try text.write(toFile: path, atomically: false, encoding: .utf8) }
}

@Suite(.removingTemporaryDirectories) struct ReplayRequestTests {
    @Test func theWholeLogByDefault() throws {
        let log = try TwoSittings()
        let replay = try ReplayRequest().read(path: log.path)
        #expect(replay.state.events.count == log.lines.count)
        #expect(replay.state.sittings.count == 2)
        #expect(replay.sittings == 2)
        #expect(replay.refusals.isEmpty)
        #expect(replay.warnings.isEmpty)
        #expect(!replay.failed)
        #expect(replay.header == "Alliance \(log.id): Zoë joins")
        #expect(replay.state.liveAgreements.map(\.text) == ["We meet on Mondays", "We are honest"])
    }

    @Test func untilStopsAtThatEvent() throws {
        let log = try TwoSittings()
        let replay = try ReplayRequest(point: .event(3)).read(path: log.path)
        #expect(replay.state.events.map(\.seq) == [1, 2, 3])
        #expect(replay.header == "Alliance \(log.id): Zoë joins · as it stood at #3")
        // The count of sittings is the log's, whatever the point.
        #expect(replay.sittings == 2)
        #expect(replay.refusals.isEmpty)
    }

    @Test func untilPastTheEndIsTheWholeLog() throws {
        let log = try TwoSittings()
        let replay = try ReplayRequest(point: .event(10_000)).read(path: log.path)
        #expect(replay.state.events.count == log.lines.count)
    }

    @Test func sittingStopsAtItsEnd() throws {
        let log = try TwoSittings()
        let first = try ReplayRequest(point: .sitting(1)).read(path: log.path)
        #expect(first.state.events.map(\.seq) == Array(1..<log.secondSitting))
        #expect(first.state.liveAgreements.map(\.text) == ["We meet on Mondays"])
        #expect(first.header == "Alliance \(log.id): Zoë joins · as it stood after sitting 1")
        #expect(first.refusals.isEmpty)
        let second = try ReplayRequest(point: .sitting(2)).read(path: log.path)
        #expect(second.state.events.count == log.lines.count)
    }

    @Test func aSittingPastTheLastIsRefused() throws {
        let log = try TwoSittings()
        let replay = try ReplayRequest(point: .sitting(3)).read(path: log.path)
        #expect(replay.refusals.map { $0.rendered() } == ["error: \(log.path): there are 2 sittings, not 3"])
    }

    @Test func jsonKeepsTheLinesUpToThePoint() throws {
        let log = try TwoSittings()
        let replay = try ReplayRequest(point: .event(2), json: true).read(path: log.path)
        var out = TextBuffer()
        replay.show(to: &out, zone: .utc)
        #expect(out.text == log.lines.prefix(2).map { $0 + "\n" }.joined())
        // JSON is the lines as logged: nothing is folded.
        #expect(replay.state.events.isEmpty)
    }

    @Test func aDamagedLineFailsAfterShowingTheRestOrWithStrictRefusesAll() throws {
        let log = try TwoSittings()
        var lines = log.lines
        let damaged = try #require(lines.firstIndex { $0.contains("Being told the why") })
        lines[damaged] = lines[damaged].replacingOccurrences(of: "Being", with: "Seeing")
        try log.write(lines.map { $0 + "\n" }.joined())

        let lenient = try ReplayRequest().read(path: log.path)
        #expect(lenient.refusals.isEmpty)
        #expect(lenient.failed)
        #expect(lenient.state.events.count == log.lines.count - 1)
        let warning = try #require(lenient.warnings.first)
        #expect(warning.rendered().hasPrefix("warning: \(log.path):\(damaged + 1): "), "\(warning)")

        let strict = try ReplayRequest(strict: true).read(path: log.path)
        #expect(strict.refusals.first?.rendered().hasPrefix("error: \(log.path):\(damaged + 1): ") == true)
        #expect(strict.refusals.map(\.message) == lenient.warnings.map(\.message))
    }

    @Test func anUnfinishedLastLineIsOnlyAWarningUnlessStrict() throws {
        let log = try TwoSittings()
        try log.write(log.lines.map { $0 + "\n" }.joined() + #"{"v":1,"seq":99"#)

        let lenient = try ReplayRequest().read(path: log.path)
        #expect(lenient.refusals.isEmpty)
        #expect(!lenient.failed)
        #expect(
            lenient.warnings.map { $0.rendered() } == [
                "warning: \(log.path): the last 15 bytes are an unfinished line (never committed); not shown"
            ])

        let strict = try ReplayRequest(strict: true).read(path: log.path)
        #expect(
            strict.refusals.map { $0.rendered() } == [
                "error: \(log.path): the last 15 bytes are an unfinished line (never committed)"
            ])
    }

    @Test func aLogThatCannotBeReadIsAnError() {
        #expect(throws: AllianceError.self) { try ReplayRequest().read(path: "/nonexistent/log.jsonl") }
    }

    @Test func theTranscriptEndsWithTheSummary() throws {
        let log = try TwoSittings()
        let replay = try ReplayRequest().read(path: log.path)
        var out = TextBuffer()
        replay.show(to: &out, zone: .utc)
        let shown = out.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(shown.first == replay.header)
        let summary = Transcript.summary(replay.state).map(\.text)
        #expect(Array(shown.suffix(summary.count + 1)) == summary + [""])
        #expect(shown.contains { $0.contains("We are honest") })
    }

    @Test func steppingShowsOneEntryAtATimeUntilTheCoachStops() throws {
        let log = try TwoSittings()
        let replay = try ReplayRequest().read(path: log.path)
        var out = TextBuffer()
        var entries: [[Line]] = []
        replay.show(to: &out, zone: .utc) { entry in
            entries.append(entry)
            return entries.count < 2
        }
        #expect(entries.count == 2)
        #expect(entries.allSatisfy { !$0.isEmpty })
        #expect(out.text.hasPrefix(replay.header + "\n\n"))
        #expect(out.text.hasSuffix(Transcript.summary(replay.state).map { $0.text + "\n" }.joined()))
    }
}
