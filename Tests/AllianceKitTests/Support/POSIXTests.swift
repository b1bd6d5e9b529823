import Foundation
import SystemPackage
import Testing

@testable import AllianceKit

/// The platform layer: every system call in one file, and the file operations on top of it saying
/// what `strerror` says, leaving nothing behind and never chmod-ing what they did not make.
@Suite(.removingTemporaryDirectories) struct POSIXTests {
    /// The Swift files under `folder`, by path relative to the package root, with their text.
    func sources(in folder: String) throws -> [(path: String, text: String)] {
        let root = packageRoot + "/" + folder
        let files = try #require(FileManager.default.subpathsOfDirectory(atPath: root) as [String]?)
        return try files.filter { $0.hasSuffix(".swift") }.sorted().map {
            (folder + "/" + $0, try String(contentsOfFile: root + "/" + $0, encoding: .utf8))
        }
    }

    @Test func onlyPOSIXSwiftTalksToTheSystem() throws {
        let kit = try sources(in: "Sources/AllianceKit")
        let executable = try sources(in: "Sources/alliance")
        #expect(kit.count > 10 && executable.count > 3)
        // The executable goes through AllianceKit's POSIX too; LineEditor is the terminal's own layer.
        let importing = (kit + executable).filter { $0.text.contains("import Glibc") }.map(\.path)
        #expect(importing == ["Sources/AllianceKit/Support/POSIX.swift"])
        for (path, text) in try kit + sources(in: "Sources/LineEditor") {
            #expect(!text.contains("canImport(Darwin)") && !text.contains("import Darwin"), "\(path)")
        }
    }

    @Test func readingNamesWhatWentWrongAsTheSystemSaysIt() throws {
        let dir = temporaryDirectory()
        func failure(_ path: String, limit: Int = 1 << 20) -> AllianceError? {
            do {
                _ = try Files.read(path, limit: limit)
                return nil
            } catch {
                return error
            }
        }
        #expect(
            failure(dir + "/none")
                == AllianceError("cannot open: no such file or directory", at: .file(dir + "/none")))
        #expect(failure(dir) == AllianceError("not a regular file", at: .file(dir)))
        // A FIFO is refused at once, never waited on.
        #expect(mkfifo(dir + "/pipe", 0o600) == 0)
        #expect(failure(dir + "/pipe") == AllianceError("not a regular file", at: .file(dir + "/pipe")))
        let bytes = (0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }
        try Files.create(dir + "/big", contents: bytes)
        #expect(try Files.read(dir + "/big", limit: bytes.count) == bytes)
        #expect(
            failure(dir + "/big", limit: 1000)
                == AllianceError("too large (3000000 bytes; the limit is 1000)", at: .file(dir + "/big")))
        #expect(
            failure(dir + "/big/x")
                == AllianceError("cannot open: not a directory", at: .file(dir + "/big/x")))
    }

    @Test func aReadAtAnOffsetLeavesThePositionAndStopsAtTheEnd() throws {
        let path = temporaryDirectory() + "/f"
        try Files.create(path, contents: Array("0123456789".utf8))
        let (fd, size) = try Files.openRegularFile(path)
        defer { fd.closeQuietly() }
        #expect(size == 10)
        #expect(Files.read(fd, at: 4, count: 3) == Array("456".utf8))
        #expect(Files.read(fd, at: 8, count: 5) == Array("89".utf8))
        #expect(try fd.read(upTo: 4) == Array("0123".utf8))
    }

    @Test func makingADirectorySetsItsModeAndLeavesWhatIsThereAlone() throws {
        let dir = temporaryDirectory()
        // mkdir's mode is narrowed by the umask (022 here); the directory made gets it exactly.
        try Files.makeDirectory(dir + "/a/b", mode: 0o777)
        #expect(Files.mode(dir + "/a") == 0o777 && Files.mode(dir + "/a/b") == 0o777)
        // One already there keeps its mode.
        #expect(chmod(dir + "/a", 0o755) == 0)
        try Files.makeDirectory(dir + "/a", mode: 0o700)
        #expect(Files.mode(dir + "/a") == 0o755)
        func failure(_ path: String) -> AllianceError? {
            do {
                try Files.makeDirectory(path)
                return nil
            } catch {
                return error
            }
        }
        try Files.create(dir + "/file", contents: [])
        #expect(
            failure(dir + "/file")
                == AllianceError("cannot create directory: not a directory", at: .file(dir + "/file")))
        // A link to nothing: mkdir says it exists, and `stat` why it is no directory.
        #expect(symlink(dir + "/nowhere", dir + "/dangling") == 0)
        #expect(
            failure(dir + "/dangling")
                == AllianceError(
                    "cannot create directory: no such file or directory", at: .file(dir + "/dangling")))
        #expect(Files.entry(dir + "/dangling")?.kind == .symbolicLink)
    }

    @Test func replacingWritesAPrivateFileAndLeavesNoTemporaryOne() throws {
        let dir = temporaryDirectory()
        let path = dir + "/out.md"
        try Files.replace(path, contents: Array("one".utf8), mode: 0o600)
        try Files.replace(path, contents: Array("two".utf8), mode: 0o600)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "two")
        #expect(Files.mode(path) == 0o600)
        // A link at the path is replaced itself, never written through.
        try Files.create(dir + "/target", contents: Array("kept".utf8))
        #expect(symlink(dir + "/target", dir + "/link") == 0)
        try Files.replace(dir + "/link", contents: Array("new".utf8))
        #expect(Files.entry(dir + "/link")?.kind == .regular)
        #expect(try String(contentsOfFile: dir + "/target", encoding: .utf8) == "kept")
        #expect(try POSIX.names(inDirectory: dir).sorted() == ["link", "out.md", "target"])
        // A folder that is not there: the error is the system's, and nothing is left anywhere.
        do {
            try Files.replace(dir + "/none/out.md", contents: [1])
            Issue.record("wrote into a folder that does not exist")
        } catch {
            #expect(
                error
                    == AllianceError(
                        "cannot write: no such file or directory", at: .file(dir + "/none/out.md")))
        }
        #expect(throws: AllianceError("is a directory", at: .file(dir))) {
            try Files.replace(dir, contents: [1])
        }
        #expect(try POSIX.names(inDirectory: dir).sorted() == ["link", "out.md", "target"])
    }

    @Test func creatingNeverReplaces() throws {
        let path = temporaryDirectory() + "/f"
        try Files.create(path, contents: Array("first".utf8))
        #expect(Files.mode(path) == 0o600)
        #expect(throws: AllianceError("cannot create: file exists", at: .file(path))) {
            try Files.create(path, contents: Array("second".utf8))
        }
        #expect(try Files.read(path) == Array("first".utf8))
    }

    /// Paths go to the system as they are: `link/` is what the link points to, `link` the link.
    @Test func aTrailingSlashIsKept() throws {
        let dir = temporaryDirectory()
        try Files.makeDirectory(dir + "/real")
        #expect(symlink(dir + "/real", dir + "/link") == 0)
        #expect(Files.entry(dir + "/link")?.kind == .symbolicLink)
        #expect(Files.entry(dir + "/link/")?.kind == .directory)
        try Files.create(dir + "/file", contents: [])
        #expect(Files.exists(dir + "/file") && !Files.exists(dir + "/file/"))
    }

    @Test func listingLeavesOutHiddenNamesAndSorts() throws {
        let dir = temporaryDirectory()
        for name in ["b.md", ".hidden", "a.md", "C.md"] { try Files.create(dir + "/" + name, contents: []) }
        #expect(try Files.list(dir) == ["C.md", "a.md", "b.md"])
        #expect(try POSIX.names(inDirectory: dir).sorted() == [".hidden", "C.md", "a.md", "b.md"])
        #expect(throws: AllianceError("cannot list: no such file or directory", at: .file(dir + "/none"))) {
            try Files.list(dir + "/none")
        }
    }

    @Test func onlyOneOpenFileHoldsTheLock() throws {
        let path = temporaryDirectory() + "/lock"
        let first = try POSIX.open(path, .readWrite, [.create, .closeOnExec], permissions: [.ownerReadWrite])
        let second = try POSIX.open(path, .readWrite, [.closeOnExec])
        defer { second.closeQuietly() }
        try first.lockExclusively()
        #expect(throws: Errno.wouldBlock) { try second.lockExclusively() }
        first.closeQuietly()
        try second.lockExclusively()
    }

    @Test func findingAByteAgreesWithTheStandardLibrary() {
        var rng = SplitMix64(state: 7)
        for _ in 0..<500 {
            let bytes = (0..<Int(rng.next() % 300)).map { _ in UInt8(rng.next() % 4) + 8 }
            bytes.withUnsafeBufferPointer { buffer in
                for start in [0, Int(rng.next() % 301), bytes.count] {
                    let expected = start < bytes.count ? bytes[start...].firstIndex(of: 10) : nil
                    #expect(POSIX.firstIndex(of: 10, in: buffer, from: start) == expected)
                }
            }
        }
        #expect(POSIX.firstIndex(of: 10, in: UnsafeBufferPointer(start: nil, count: 0)) == nil)
    }

    @Test func aThreadOfItsOwnRunsTheBody() async {
        let ran = await withCheckedContinuation { continuation in
            #expect(POSIX.startThread { continuation.resume(returning: true) })
        }
        #expect(ran)
    }

    @Test func theMachineAndTheClock() {
        #expect(POSIX.onlineProcessors >= 1 && Parallel.processors <= 8)
        #expect(POSIX.processID == getpid() && POSIX.userID == getuid())
        let before = Int64(Date().timeIntervalSince1970 * 1000)
        let now = Timestamp.now().milliseconds
        #expect(abs(now - before) < 5_000)
        #expect(!POSIX.hostName.isEmpty)
    }
}
