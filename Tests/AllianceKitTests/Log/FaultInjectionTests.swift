import Foundation
import Testing

@testable import AllianceKit

/// A disk in memory, in the spirit of SQLite's crash-simulation layer: bytes written are
/// pending until synced, a crash keeps the synced bytes and any prefix of the pending ones,
/// and any write or sync can be made to fail, or to write short.
final class SimulatedDisk: LogFile, @unchecked Sendable {
    private(set) var durable: [UInt8] = []
    private(set) var pending: [UInt8] = []
    var failWriteAt: Int?
    var failSyncAt: Int?
    var shortWrites = false
    var diskFullAfter: Int?
    private(set) var writes = 0
    private(set) var syncs = 0

    var contents: [UInt8] { durable + pending }

    func append(_ bytes: [UInt8]) throws(AllianceError) {
        writes += 1
        if let limit = diskFullAfter, contents.count + bytes.count > limit {
            pending += bytes.prefix(max(0, limit - contents.count))
            throw AllianceError("no space left on device")
        }
        if writes == failWriteAt {
            if shortWrites { pending += bytes.prefix(bytes.count / 3) }
            throw AllianceError("input/output error")
        }
        pending += bytes
    }

    func sync() throws(AllianceError) {
        syncs += 1
        if syncs == failSyncAt { throw AllianceError("input/output error") }
        durable += pending
        pending = []
    }

    func truncate(to length: Int) throws(AllianceError) {
        let all = contents
        durable = Array(all.prefix(length))
        pending = []
    }

    /// What a crash now could leave on disk: the synced bytes and `keep` of the pending ones.
    func crashImage(keeping keep: Int) -> [UInt8] { durable + pending.prefix(keep) }
}

@Suite(.removingTemporaryDirectories) struct FaultInjectionTests {
    /// A session whose log lives on `disk`.
    func session(on disk: SimulatedDisk) throws -> Session {
        try Session(
            newIn: DataHome(path: temporaryDirectory() + "/home"), packs: bundledPacks,
            options: StartOptions(participants: ["Zoë"]), clock: SteppingClock(),
            createLog: { path throws(AllianceError) in LogWriter(path: path, file: disk, length: 0) })
    }

    @Test(
        arguments: [
            ("write fails", 3, nil, false), ("short write", 3, nil, true), ("sync fails", nil, 3, false),
        ] as [(String, Int?, Int?, Bool)])
    func aFailedWriteIsToldAtOnceAndNothingAcknowledgedIsLost(
        _ name: String, write: Int?, sync: Int?, short: Bool
    ) throws {
        let disk = SimulatedDisk()
        disk.failWriteAt = write
        disk.failSyncAt = sync
        disk.shortWrites = short
        let session = try session(on: disk)
        try session.run("/note first")  // writes 1 and 2: the sitting and the note
        let failed = session.execute("/note second")
        #expect(failed.error?.message.hasPrefix("not recorded: ") == true, "\(name)")
        #expect(!failed.lines.contains { $0.text.contains("✓") }, "\(name): shown as recorded")
        #expect(!session.state.notes.contains { $0.text == "second" })
        // The shell keeps going, and the next event makes a log that replays.
        try session.run("/note third")
        let contents = LogReader.parse(disk.contents, path: "disk")
        #expect(contents.isClean, "\(name): \(contents.problems)")
        #expect(
            contents.events.compactMap { if case .note(let t, _) = $0.kind { t } else { nil } } == [
                "first", "third",
            ])
        #expect(AllianceState(replaying: contents.events) == session.state)
    }

    @Test func aFullDiskIsToldAndTheLogStaysValid() throws {
        let disk = SimulatedDisk()
        let session = try session(on: disk)
        try session.run("/note one")
        disk.diskFullAfter = disk.contents.count + 150
        var acknowledged = ["one"]
        for n in 0..<10 {
            let response = session.execute("/note longer note number \(n) that will not fit for long")
            if response.error == nil {
                acknowledged.append("longer note number \(n) that will not fit for long")
            }
            #expect(response.error == nil || response.error!.message.contains("no space left"))
        }
        let contents = LogReader.parse(disk.contents, path: "disk")
        #expect(contents.isClean)
        #expect(
            contents.events.compactMap { if case .note(let t, _) = $0.kind { t } else { nil } }
                == acknowledged)
    }

    @Test(arguments: 0..<300)
    func aCrashAtAnyPointKeepsEveryAcknowledgedEvent(seed: Int) throws {
        var rng = SplitMix64(state: UInt64(seed) &+ 1)
        let disk = SimulatedDisk()
        let writer = LogWriter(path: "disk", file: disk, length: 0)
        var acknowledged: [Event] = []
        let clock = SteppingClock()
        try writer.append(Event(seq: 1, at: clock.now(), kind: .sitting(SittingStart(number: 1, app: "t"))))
        acknowledged.append(Event(seq: 1, at: Timestamp(milliseconds: 0), kind: .close(reason: "")))
        let count = Int.random(in: 0..<20, using: &rng)
        for seq in 2..<(2 + count) {
            try writer.append(Event(seq: seq, at: clock.now(), kind: .note(text: "note \(seq)")))
            acknowledged.append(
                Event(seq: seq, at: Timestamp(milliseconds: 0), kind: .note(text: "note \(seq)")))
        }
        // A crash while the next event is written but not yet synced.
        let next = EventCodec.encode(
            Event(seq: count + 2, at: clock.now(), kind: .note(text: "in flight")), prev: writer.head)
        try disk.append(next)
        let image = disk.crashImage(keeping: Int.random(in: 0...next.count, using: &rng))
        let contents = LogReader.parse(image, path: "crash")
        #expect(contents.problems.isEmpty)
        #expect(contents.events.count >= acknowledged.count)
        #expect(Array(contents.events.map(\.seq).prefix(acknowledged.count)) == acknowledged.map(\.seq))
        // And the shell can continue the log: the torn line is set aside, a new event appends cleanly.
        let path = temporaryDirectory() + "/crash.jsonl"
        try Files.create(path, contents: image)
        let (reopened, found, _) = try LogWriter.open(path: path)
        try reopened.append(Event(seq: found.events.count + 1, at: clock.now(), kind: .note(text: "after")))
        #expect(try LogReader.read(path: path).isClean)
    }
}
