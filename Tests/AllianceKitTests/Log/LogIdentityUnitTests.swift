import Foundation
import TestSupport
import Testing

@testable import AllianceKit

/// The writer writes only to the file at its path, opens only alliance logs, and leaves nothing
/// of its own behind.
@Suite(.removingTemporaryDirectories) struct LogIdentityUnitTests {
    let clock = SteppingClock()

    func newLog(in dir: String) throws -> (LogWriter, String) {
        let path = dir + "/s.jsonl"
        let writer = try LogWriter.create(path: path)
        try writer.append(Event(seq: 1, at: clock.now(), kind: .sitting(SittingStart(number: 1, app: "t"))))
        try writer.append(Event(seq: 2, at: clock.now(), kind: .note(text: "kept")))
        return (writer, path)
    }

    @Test(arguments: ["removed", "renamed", "replaced"])
    func aLogNoLongerAtItsPathTakesNothingMore(change: String) throws {
        let dir = temporaryDirectory()
        let (writer, path) = try newLog(in: dir)
        switch change {
        case "removed": try FileManager.default.removeItem(atPath: path)
        case "renamed": try FileManager.default.moveItem(atPath: path, toPath: path + ".old")
        default:
            try FileManager.default.copyItem(atPath: path, toPath: path + ".new")
            _ = rename(path + ".new", path)
        }
        for _ in 0..<2 {
            do {
                try writer.append(Event(seq: 3, at: clock.now(), kind: .note(text: "lost")))
                Issue.record("an event was written to a file no longer at \(path)")
            } catch {
                #expect(error.message.contains("was replaced or removed while this shell had it open"))
                #expect(error.message.contains("your last recorded entry was #2"))
            }
        }
        #expect(writer.detached != nil)
        if change == "replaced" { #expect(try LogReader.read(path: path).events.count == 2) }
    }

    @Test func theLockFileIsAllianceOwnAndGoesWithTheWriter() throws {
        let dir = temporaryDirectory()
        try "pipenv's\n".write(toFile: dir + "/s.jsonl.lock", atomically: true, encoding: .utf8)
        var (writer, path): (LogWriter?, String) = try newLog(in: dir)
        #expect(FileManager.default.fileExists(atPath: path + ".alliance-lock"))
        do {
            _ = try LogWriter.open(path: path)
            Issue.record("a second writer was let in")
        } catch {
            #expect(error.message.contains("pid \(getpid()) "))
        }
        writer = nil
        _ = writer
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["s.jsonl", "s.jsonl.lock"])
        #expect(try String(contentsOfFile: dir + "/s.jsonl.lock", encoding: .utf8) == "pipenv's\n")
    }

    @Test func aFileThatIsNotALogIsRefusedBeforeAnythingIsWrittenBesideIt() throws {
        let dir = temporaryDirectory()
        for (name, text) in [("Pipfile", "[packages]\n"), ("token", "secret"), ("empty", "")] {
            try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
            #expect(throws: AllianceError.self) {
                try LogWriter.open(path: dir + "/" + name, repairTornTail: false)
            }
        }
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == [
                "Pipfile", "empty", "token",
            ])
        #expect(try String(contentsOfFile: dir + "/token", encoding: .utf8) == "secret")
    }

    @Test func aTornLogIsRepairedOnlyWhereAllowed() throws {
        let dir = temporaryDirectory()
        let (writer, path) = try newLog(in: dir)
        _ = consume writer
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(#"{"v":1,"#.utf8))
        try handle.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: AllianceError.self) { try LogWriter.open(path: path, repairTornTail: false) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["s.jsonl"])
        let (reopened, contents, notice) = try LogWriter.open(path: path, repairTornTail: true)
        #expect(contents.events.count == 2)
        #expect(notice != nil)
        _ = reopened
    }
}
