import TestSupport
import Testing

@testable import AllianceKit

@Suite(.removingTemporaryDirectories) struct PurgeTests {
    /// A shell that has the alliance open keeps it: nothing is removed while it writes.
    @Test func anAllianceOpenInAShellIsNotPurged() throws {
        let home = DataHome(path: temporaryDirectory())
        _ = try home.prepare()
        let id = "2026-11-25-abcd"
        let writer = try LogWriter.create(path: home.logPath(for: id))
        try writer.append(
            Event(seq: 1, at: Timestamp(milliseconds: 0), kind: .sitting(SittingStart(number: 1, app: "t"))))
        let target = try Purge.target(id, in: home)
        #expect(target.sittings == 1)
        #expect(throws: AllianceError.self) { try Purge.run(target, in: home) }
        #expect(Files.exists(home.logPath(for: id)))
        withExtendedLifetime(writer) {}
    }

    /// Only an alliance of the data home can be purged: a log given by path elsewhere is left alone.
    @Test func aLogOutsideTheHomeIsRefused() throws {
        let home = DataHome(path: temporaryDirectory())
        _ = try home.prepare()
        let elsewhere = temporaryDirectory() + "/2026-11-25-abcd.jsonl"
        let writer = try LogWriter.create(path: elsewhere)
        try writer.append(
            Event(seq: 1, at: Timestamp(milliseconds: 0), kind: .sitting(SittingStart(number: 1, app: "t"))))
        #expect(throws: AllianceError.self) { try Purge.target(elsewhere, in: home) }
        #expect(Files.exists(elsewhere))
    }
}
