import Foundation
import Testing

@testable import AllianceKit

/// Writes `count` events (a sitting, then notes) to a new log and returns its path.
private func writeLog(events count: Int, in dir: String = temporaryDirectory()) throws -> String {
    let path = dir + "/s.jsonl"
    let writer = try LogWriter.create(path: path)
    let clock = SteppingClock()
    try writer.append(Event(seq: 1, at: clock.now(), kind: .sitting(SittingStart(number: 1, app: "test"))))
    for seq in 2...max(count, 2) where seq <= count {
        try writer.append(Event(seq: seq, at: clock.now(), kind: .note(text: "note \(seq)")))
    }
    return path
}

private func lines(of path: String) throws -> [String] {
    try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        .map(String.init)
}

private func write(_ lines: [String], to path: String) throws {
    try lines.joined(separator: "\n").write(toFile: path, atomically: false, encoding: .utf8)
}

@Suite(.removingTemporaryDirectories) struct LogReaderTests {
    /// A log of several megabytes, with a line longer than a read block and damage in the middle,
    /// read block by block on another thread: the same events, lines and problems as reading it whole.
    @Test func readingBlockByBlockGivesWhatReadingWholeGives() throws {
        let at = Timestamp("2026-11-25T06:40:12.345Z")!
        var bytes = EventCodec.encode(
            Event(seq: 1, at: at, kind: .sitting(SittingStart(number: 1, app: "test"))))
        for seq in 2...30_000 {
            let text = seq == 9_000 ? String(repeating: "long ", count: 700_000) : "note \(seq) · Zoë"
            var line = EventCodec.encode(Event(seq: seq, at: at, kind: .note(text: text)))
            if seq == 20_000 { line[30] ^= 1 }
            bytes += line
        }
        bytes += Array(#"{"v":1,"seq":30001"#.utf8)
        let path = temporaryDirectory() + "/big.jsonl"
        try Files.create(path, contents: bytes)

        var events: [Event] = []
        var lines: [[UInt8]] = []
        let contents = try LogReader.scan(path: path, withLines: true) { event, line in
            events.append(event)
            lines.append(Array(line))
        }
        let whole = LogReader.parse(bytes, path: path)
        #expect(bytes.count > 6 << 20)
        #expect(events == whole.events)
        #expect(events.count == 29_999)
        #expect(lines == whole.events.map { Array(EventCodec.encode($0).dropLast()) })
        #expect(contents.problems.map(\.description) == whole.problems.map(\.description))
        #expect(whole.problems.count == 1)
        #expect(whole.problems.first?.description.hasPrefix("\(path):20000: checksum mismatch") == true)
        #expect(contents.tornTail == whole.tornTail && contents.tornTail == 18)
        #expect(contents.committedLength == whole.committedLength)
        #expect(try LogReader.read(path: path).events == whole.events)
    }

    /// A caller that stops early gets its error, and the reading thread still finishes and closes
    /// the file (a long-running shell must not leak a descriptor per stopped scan).
    @Test func stoppingAScanEarlyClosesTheFile() throws {
        let at = Timestamp("2026-11-25T06:40:12.345Z")!
        var bytes = EventCodec.encode(
            Event(seq: 1, at: at, kind: .sitting(SittingStart(number: 1, app: "test"))))
        for seq in 2...40_000 {
            bytes += EventCodec.encode(Event(seq: seq, at: at, kind: .note(text: "n \(seq)")))
        }
        let path = temporaryDirectory() + "/stop.jsonl"
        try Files.create(path, contents: bytes)
        // Descriptors of this process open on the log (other tests run alongside and open files).
        func openOnLog() -> Int {
            let fds = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
            return fds.filter {
                (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + $0)) == path
            }
            .count
        }
        for _ in 0..<20 {
            var seen = 0
            #expect(throws: AllianceError.self) {
                _ = try LogReader.scan(path: path) { event, _ throws(AllianceError) in
                    seen += 1
                    if event.seq == 5 { throw AllianceError("stop") }
                }
            }
            #expect(seen == 5)
        }
        var open = openOnLog()
        // Polls for up to 10 s: descriptors are closed as soon as the reader's deinit runs, but
        // other tests in parallel on a loaded machine can delay that.
        for _ in 0..<1000 where open > 0 {
            usleep(10_000)
            open = openOnLog()
        }
        #expect(open == 0)
    }

    @Test func readsWhatWasWritten() throws {
        let path = try writeLog(events: 5)
        let contents = try LogReader.read(path: path)
        #expect(contents.isClean)
        #expect(contents.events.map(\.seq) == [1, 2, 3, 4, 5])
        #expect(contents.events.last?.kind == .note(text: "note 5"))
    }

    @Test func aTornLastLineIsReportedAndEveryCommittedEventKept() throws {
        let path = try writeLog(events: 4)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        let partial = #"{"v":1,"seq":5,"at":"2026-11-25T09:00:09.000Z","type":"note","by":"facil"#
        handle.write(Data(partial.utf8))
        try handle.close()
        let contents = try LogReader.read(path: path)
        #expect(contents.events.count == 4)
        #expect(contents.problems.isEmpty)
        #expect(contents.tornTail == partial.utf8.count)
    }

    @Test func anEditedLineInTheMiddleIsNamedByLineNumber() throws {
        let path = try writeLog(events: 5)
        var all = try lines(of: path)
        all[2] = all[2].replacingOccurrences(of: "note 3", with: "note X")
        try write(all, to: path)
        let contents = try LogReader.read(path: path)
        #expect(contents.problems.count == 1)
        #expect(contents.problems.first?.location == path + ":3")
        #expect(contents.problems.first?.message.contains("checksum mismatch") == true)
        #expect(contents.events.map(\.seq) == [1, 2, 4, 5])
    }

    @Test func deletedDuplicatedAndReorderedLinesAreNamed() throws {
        let path = try writeLog(events: 5)
        let original = try lines(of: path)

        try write([original[0], original[1], original[3], original[4], ""], to: path)
        var contents = try LogReader.read(path: path)
        #expect(contents.problems.map(\.location) == [path + ":3"])
        #expect(contents.problems.first?.message.contains("missing") == true)

        try write([original[0], original[1], original[1], original[2], ""], to: path)
        contents = try LogReader.read(path: path)
        #expect(contents.problems.map(\.location) == [path + ":3"])
        #expect(contents.events.map(\.seq) == [1, 2, 3])

        try write([original[0], original[2], original[1], ""], to: path)
        contents = try LogReader.read(path: path)
        #expect(!contents.problems.isEmpty)
    }

    @Test func theFirstEventMustBeASitting() throws {
        let path = temporaryDirectory() + "/bad.jsonl"
        let line = EventCodec.encode(Event(seq: 1, at: Timestamp(milliseconds: 0), kind: .note(text: "x")))
        try Data(line).write(to: URL(fileURLWithPath: path))
        let contents = try LogReader.read(path: path)
        #expect(contents.problems.first?.message.contains("sitting") == true)
    }

    @Test func binaryGarbageIsReportedNotCrashedOn() throws {
        let path = temporaryDirectory() + "/garbage.jsonl"
        try Data([0, 1, 2, 255, 10, 0x7B, 10, 10]).write(to: URL(fileURLWithPath: path))
        let contents = try LogReader.read(path: path)
        #expect(contents.events.isEmpty)
        #expect(contents.problems.count == 3)
    }
}

@Suite(.removingTemporaryDirectories) struct LogWriterTests {
    @Test func createsAPrivateFileAndRefusesASecondWriter() throws {
        let dir = temporaryDirectory()
        let path = try writeLog(events: 2, in: dir)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        // The first writer is gone once writeLog returns; hold one open now.
        let (writer, contents, notice) = try LogWriter.open(path: path)
        #expect(contents.events.count == 2)
        #expect(notice == nil)
        do {
            _ = try LogWriter.open(path: path)
            Issue.record("a second writer was let in")
        } catch {
            #expect(error.message.contains("already open in another shell"))
            #expect(error.message.contains("pid \(ProcessInfo.processInfo.processIdentifier)"))
        }
        _ = writer
    }

    /// A closed shell's descriptor can live on for a moment in a process started just then (fork
    /// copies it, exec closes it): opening waits for it rather than calling the log open elsewhere.
    @Test func aLockOnTheLogThatIsLetGoWithinMomentsIsWaitedFor() throws {
        let path = try writeLog(events: 2, in: temporaryDirectory())
        let copy = try POSIX.open(path, .readOnly, [.closeOnExec])
        try copy.lockExclusively()
        #expect(
            POSIX.startThread {
                POSIX.pause(milliseconds: 200); copy.closeQuietly()
            })
        let (writer, contents, _) = try LogWriter.open(path: path)
        #expect(contents.events.count == 2)
        _ = writer
    }

    @Test func aLockOnTheLogThatIsHeldIsRefusedAfterAMoment() throws {
        let path = try writeLog(events: 2, in: temporaryDirectory())
        let holder = try POSIX.open(path, .readOnly, [.closeOnExec])
        defer { holder.closeQuietly() }
        try holder.lockExclusively()
        #expect {
            _ = try LogWriter.open(path: path)
        } throws: { error in
            (error as? AllianceError)?.message
                == "this session is already open in another shell; close it there first"
        }
    }

    /// What the system says about a file is passed on, and nothing is opened that is not a log.
    @Test func aFileThatCannotBeALogIsRefusedWithTheReason() throws {
        let dir = temporaryDirectory()
        let log = try writeLog(events: 2, in: dir)
        func refusal(_ open: () throws -> Void) -> AllianceError? {
            do {
                try open()
                return nil
            } catch {
                return error as? AllianceError
            }
        }
        #expect(
            refusal { _ = try LogWriter.create(path: log) }
                == AllianceError("cannot create the session log: file exists", at: .file(log)))
        #expect(symlink(log, dir + "/link.jsonl") == 0)
        #expect(
            refusal { _ = try LogWriter.open(path: dir + "/link.jsonl") }
                == AllianceError(
                    "is a symbolic link; alliance only continues real files (replay and export can still read it)",
                    at: .file(dir + "/link.jsonl")))
        #expect(mkfifo(dir + "/fifo.jsonl", 0o600) == 0)
        #expect(
            refusal { _ = try LogWriter.open(path: dir + "/fifo.jsonl") }
                == AllianceError(
                    "is not a regular file, so not an alliance log", at: .file(dir + "/fifo.jsonl")))
        #expect(
            refusal { _ = try LogWriter.open(path: dir + "/none.jsonl") }
                == AllianceError(
                    "cannot open the session log: no such file or directory", at: .file(dir + "/none.jsonl")))
        try Files.create(dir + "/empty.jsonl", contents: [])
        #expect(
            refusal { _ = try LogWriter.open(path: dir + "/empty.jsonl", repairTornTail: false) }
                == AllianceError("is empty, not an alliance log", at: .file(dir + "/empty.jsonl")))
        // Nothing was left beside them: no lock file, no set-aside copy.
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == [
                "empty.jsonl", "fifo.jsonl", "link.jsonl", "s.jsonl",
            ])
    }

    @Test func reopeningATornLogKeepsTheCommittedEventsAndSetsTheRestAside() throws {
        let dir = temporaryDirectory()
        let path = try writeLog(events: 3, in: dir)
        let committed = try Data(contentsOf: URL(fileURLWithPath: path))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(#"{"v":1,"seq":4,"#.utf8))
        try handle.close()

        let (writer, contents, notice) = try LogWriter.open(path: path)
        #expect(contents.events.count == 3)
        #expect(notice?.contains("never committed") == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == committed)
        let aside = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains(".torn-") }
        #expect(aside.count == 1)
        // The unfinished line is kept, private, as it was.
        #expect(try Files.read(dir + "/" + aside[0]) == Array(#"{"v":1,"seq":4,"#.utf8))
        #expect(Files.mode(dir + "/" + aside[0]) == 0o600)
        // The lock beside the log names this shell while it is open.
        let note = try String(contentsOfFile: path + ".alliance-lock", encoding: .utf8)
        #expect(note.hasPrefix("pid \(getpid()) on ") && note.hasSuffix(" UTC\n"), "\(note)")
        #expect(Files.mode(path + ".alliance-lock") == 0o600)
        try writer.append(Event(seq: 4, at: Timestamp(milliseconds: 5), kind: .note(text: "after")))
        #expect(try LogReader.read(path: path).events.count == 4)
    }

    @Test func aLogDamagedInTheMiddleIsNotContinuedOrRewritten() throws {
        let path = try writeLog(events: 4)
        var all = try lines(of: path)
        all[1] = all[1].replacingOccurrences(of: "note 2", with: "note 9")
        try write(all, to: path)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: AllianceError.self) { try LogWriter.open(path: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test(arguments: [(2, nil, false), (2, nil, true), (nil, 2, false)] as [(Int?, Int?, Bool)])
    func aFailedWriteOrSyncLeavesOnlyCommittedEvents(failWrite: Int?, failSync: Int?, short: Bool) throws {
        let file = SimulatedDisk()
        file.failWriteAt = failWrite
        file.failSyncAt = failSync
        file.shortWrites = short
        let writer = LogWriter(path: "fake.jsonl", file: file, length: 0)
        let clock = SteppingClock()
        try writer.append(Event(seq: 1, at: clock.now(), kind: .sitting(SittingStart(number: 1, app: "t"))))
        #expect(throws: AllianceError.self) {
            try writer.append(Event(seq: 2, at: clock.now(), kind: .note(text: "lost")))
        }
        // Nothing of the failed event stays behind, and the next append makes a valid log.
        #expect(LogReader.parse(file.contents, path: "fake").events.count == 1)
        #expect(LogReader.parse(file.contents, path: "fake").isClean)
        try writer.append(Event(seq: 2, at: clock.now(), kind: .note(text: "kept")))
        let contents = LogReader.parse(file.contents, path: "fake")
        #expect(contents.isClean)
        #expect(contents.events.map(\.kind).last == .note(text: "kept"))
    }
}
