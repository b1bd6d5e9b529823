import TestSupport
import Testing

@testable import AllianceKit

/// The chain's format and the record of closed sittings, against docs/encryption.md.
@Suite(.removingTemporaryDirectories) struct LogChainTests {
    static func hash(_ line: Substring) -> String {
        Array(line.utf8).withUnsafeBufferPointer { LogChain.hash(of: $0) }
    }

    /// The example log in docs/encryption.md decodes line by line, and its chain is what alliance
    /// writes: line 1 chained to the id in the text, each next line to the one before.
    @Test func theDocumentedChainIsWhatAllianceChecks() throws {
        let doc = try String(contentsOfFile: packageRoot + "/docs/encryption.md", encoding: .utf8)
        let block = try #require(doc.components(separatedBy: "```json\n").dropFirst().first)
        let lines = block.components(separatedBy: "\n```")[0].split(separator: "\n")
        #expect(lines.count == 3)
        var prev = LogChain.genesis(id: "2026-11-25-k3f9")
        for line in lines {
            let event = try EventCodec.decode(line: Array(line.utf8))
            #expect(Array(line.utf8).withUnsafeBufferPointer { LogChain.prev(in: $0) } == prev)
            // What the writer would write for the same event at that place in the chain.
            #expect(String(decoding: EventCodec.encode(event, prev: prev).dropLast(), as: UTF8.self) == line)
            prev = Self.hash(line)
        }
        #expect(doc.contains(#"{"id":"2026-11-25-k3f9","lines":3,"head":"\#(prev)"}"#))
        // docs/log-format.md shows the same lines.
        let format = try String(contentsOfFile: packageRoot + "/docs/log-format.md", encoding: .utf8)
        #expect(format.contains("```json\n" + lines.joined(separator: "\n") + "\n```"))
        #expect(doc.contains("head \(prev.prefix(12)); complete up to the close at line 3"))
    }

    @Test func aLogWrittenByTheWriterVerifiesAndItsIndexEntryReadsBack() throws {
        let home = DataHome(path: temporaryDirectory())
        _ = try home.prepare()
        let path = home.logPath(for: "2026-11-25-abcd")
        let writer = try LogWriter.create(path: path)
        let at = Timestamp(milliseconds: 0)
        try writer.append(Event(seq: 1, at: at, kind: .sitting(SittingStart(number: 1, app: "t"))))
        try writer.append(Event(seq: 2, at: at, kind: .close(reason: "quit")))
        try ClosedIndex.record(id: "2026-11-25-abcd", lines: writer.lines, head: writer.head, in: home)
        #expect(ClosedIndex.read(home).entries["2026-11-25-abcd"] == .init(lines: 2, head: writer.head))
        let verification = LogVerifier.verify(path: path, home: home)
        #expect(verification.passed)
        #expect(verification.warnings.isEmpty)
        #expect(verification.completeness == "complete up to the close at line 2")
        try ClosedIndex.remove(id: "2026-11-25-abcd", in: home)
        #expect(ClosedIndex.read(home).entries.isEmpty)
        #expect(Files.mode(ClosedIndex.path(in: home)).map { $0 & 0o777 } == 0o600)
    }

    /// In `sessions/` a log is named by its id, so line 1 must be chained to it; a copy elsewhere
    /// may have any name, and is only warned about.
    @Test func aRenamedLogFailsInTheHomeAndIsWarnedAboutElsewhere() throws {
        let home = DataHome(path: temporaryDirectory())
        _ = try home.prepare()
        let original = home.logPath(for: "2026-11-25-abcd")
        let writer = try LogWriter.create(path: original)
        try writer.append(
            Event(seq: 1, at: Timestamp(milliseconds: 0), kind: .sitting(SittingStart(number: 1, app: "t"))))
        let bytes = try Files.read(original)
        let renamed = home.logPath(for: "2026-11-25-wxyz")
        try Files.create(renamed, contents: bytes)
        let inHome = LogVerifier.verify(path: renamed, home: home)
        #expect(inHome.errors.map(\.place) == [.file(renamed, line: 1)])
        let elsewhere = temporaryDirectory() + "/copy.jsonl"
        try Files.create(elsewhere, contents: bytes)
        let outside = LogVerifier.verify(path: elsewhere, home: home)
        #expect(outside.passed)
        #expect(outside.warnings.map(\.place) == [.file(elsewhere, line: 1)])
    }

    /// A close the record has not caught up with (the shell stopped between the two writes, or a
    /// log copied in) is a warning, never a failure: the log is still whole as far as anyone knows.
    @Test func aCloseTheIndexDoesNotHaveIsAWarning() throws {
        let home = DataHome(path: temporaryDirectory())
        _ = try home.prepare()
        let id = "2026-11-25-abcd"
        let path = home.logPath(for: id)
        let writer = try LogWriter.create(path: path)
        let at = Timestamp(milliseconds: 0)
        try writer.append(Event(seq: 1, at: at, kind: .sitting(SittingStart(number: 1, app: "t"))))
        try writer.append(Event(seq: 2, at: at, kind: .close(reason: "quit")))
        let notRecorded = LogVerifier.verify(path: path, home: home)
        #expect(notRecorded.passed)
        #expect(notRecorded.warnings.count == 1)
        #expect(
            notRecorded.warnings.first?.message.hasPrefix("no close of this alliance is recorded") == true)
        try ClosedIndex.record(id: id, lines: writer.lines, head: writer.head, in: home)
        try writer.append(Event(seq: 3, at: at, kind: .sitting(SittingStart(number: 2, app: "t"))))
        try writer.append(Event(seq: 4, at: at, kind: .close(reason: "quit")))
        let behind = LogVerifier.verify(path: path, home: home)
        #expect(behind.passed)
        #expect(behind.warnings.first?.message.hasPrefix("the close at line 4 is not in") == true)
        #expect(behind.completeness == "complete up to the close at line 2")
    }

    /// `prev` is read where alliance writes it, and anywhere else in a line written by hand; a
    /// `"prev"` inside a text is not taken for it.
    @Test func prevIsFoundWhereverTheLineHasIt() throws {
        let hash = String(repeating: "ab", count: 32)
        func prev(_ body: String) -> String? {
            let line = body + #","crc":""# + CRC32.hex(Array(body.utf8)) + #""}"#
            return Array(line.utf8).withUnsafeBufferPointer { LogChain.prev(in: $0) }
        }
        let start = #"{"v":1,"seq":2,"at":"2026-11-25T09:01:00.000Z","type":"note","by":"facilitator""#
        #expect(prev(start + #","text":"x","prev":"\#(hash)""#) == hash)
        #expect(
            prev(
                #"{"prev":"\#(hash)","v":1,"seq":2,"at":"2026-11-25T09:01:00.000Z","type":"note","by":"facilitator","text":"x""#
            ) == hash)
        #expect(prev(start + #","text":"a \"prev\":\"\#(hash)\" b""#) == nil)
        #expect(prev(start + #","text":"x""#) == nil)
    }

    @Test func aLineOfTheIndexNotInItsFormIsSetAside() throws {
        let home = DataHome(path: temporaryDirectory())
        _ = try home.prepare()
        try Files.create(
            ClosedIndex.path(in: home),
            contents: Array(
                (#"{"id":"a","lines":2,"head":"\#(String(repeating: "0", count: 64))"}"# + "\nnot json\n")
                    .utf8))
        let index = ClosedIndex.read(home)
        #expect(index.entries["a"]?.lines == 2)
        #expect(index.unreadable == [2])
    }
}
