import AllianceKit
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `alliance verify`, `replay --strict`, `revisit` and `purge` on logs a real shell wrote, then
/// edited the way someone with a text editor and `zlib` would (issue 15, items 3 and 4).
@Suite("Chain, verify and purge", .timeLimit(.minutes(3)), .removingTemporaryDirectories)
struct ChainCLITests {
    /// An alliance with two closed sittings: an answer, an agreement, a private note.
    static func alliance(in home: TemporaryHome) throws -> (id: String, log: String) {
        let first = try home.run(
            [], ["--with", "Zoë"],
            stdin: Alliance.script([
                "/ask What builds trust for you?", "Being told the why", "/agree Fridays at 4",
                "/note --private he worries about money", "/quit",
            ]))
        #expect(first.status == 0, "\(first)")
        let id = try home.singleSessionID()
        let second = try home.run(
            ["revisit", id], stdin: Alliance.script(["/note second sitting", "/quit"]))
        #expect(second.status == 0, "\(second)")
        return (id, try home.singleSessionLog())
    }

    /// The log's lines, as stored.
    static func lines(_ log: String) throws -> [String] { try LogFile.lines(log) }

    static func write(_ lines: [String], to log: String) throws {
        try Data(lines.map { $0 + "\n" }.joined().utf8).write(to: URL(fileURLWithPath: log))
    }

    /// `line` with `old` replaced by `new` and its CRC made right again, as a careful editor would.
    static func edited(_ line: String, _ old: String, _ new: String) -> String {
        let changed = line.replacingOccurrences(of: old, with: new)
        let body = String(changed[..<changed.range(of: #","crc":""#, options: .backwards)!.lowerBound])
        return body + #","crc":""# + CRC32.hex(Array(body.utf8)) + #""}"#
    }

    /// The 1-based number of the first line holding `text`.
    static func number(of text: String, in lines: [String]) throws -> Int {
        try #require(lines.firstIndex { $0.contains(text) }) + 1
    }

    @Test("an untouched log passes verify, with one OK line, and replays with --strict")
    func untouchedLogPasses() throws {
        let home = try TemporaryHome()
        let (id, log) = try Self.alliance(in: home)
        // Every line is chained to the one before, the first to the alliance's id.
        let lines = try Self.lines(log)
        var prev = LogChain.genesis(id: id)
        for line in lines {
            #expect(line.contains(#","prev":"\#(prev)","crc":""#), "\(line)")
            prev = Array(line.utf8).withUnsafeBufferPointer { LogChain.hash(of: $0) }
        }
        let verify = try home.run(["verify"])
        #expect(verify.status == 0, "\(verify)")
        #expect(
            verify.stdout
                == "\(log): OK: \(lines.count) lines, 2 sittings, head \(prev.prefix(12)); complete up to the close at line \(lines.count)\n"
        )
        #expect(verify.stderr.isEmpty, "\(verify)")
        #expect(try home.run(["verify", id]).status == 0)
        let strict = try home.run(["replay", id, "--strict"])
        #expect(strict.status == 0, "\(strict)")
        #expect(strict.stdout.contains("Being told the why"))
        #expect(
            try String(contentsOfFile: home.path + "/closed.jsonl", encoding: .utf8)
                == #"{"id":"\#(id)","lines":\#(lines.count),"head":"\#(prev)"}"# + "\n")
        #expect(LogFile.mode(home.path + "/closed.jsonl") == 0o600)
    }

    @Test(
        "an answer edited with its CRC made right fails verify, naming its line; replay --strict and revisit refuse it"
    )
    func editedAnswer() throws {
        let home = try TemporaryHome()
        let (id, log) = try Self.alliance(in: home)
        var lines = try Self.lines(log)
        let n = try Self.number(of: "Being told the why", in: lines)
        lines[n - 1] = Self.edited(lines[n - 1], "Being told the why", "Being told nothing")
        try Self.write(lines, to: log)
        // The CRC alone no longer finds it: plain replay reads the edited line.
        #expect(try home.run(["replay", id]).stdout.contains("Being told nothing"))
        let verify = try home.run(["verify"])
        #expect(verify.status == 1)
        #expect(verify.stderr.hasPrefix("\(log):\(n): error: "), "\(verify)")
        #expect(verify.stdout.isEmpty)
        let strict = try home.run(["replay", id, "--strict"])
        #expect(strict.status == 1)
        #expect(strict.stdout.isEmpty)
        #expect(
            strict.errorLines.count == 1 && strict.errorLines[0].hasPrefix("error: \(log):\(n): "),
            "\(strict)")
        let before = try Data(contentsOf: URL(fileURLWithPath: log))
        let revisit = try home.run(["revisit", id], stdin: Alliance.script(["/note more", "/quit"]))
        #expect(revisit.status == 1)
        #expect(
            revisit.errorLines.count == 1 && revisit.errorLines[0].hasPrefix("error: \(log):\(n): "),
            "\(revisit)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: log)) == before)
    }

    @Test("a private note made public, its CRC made right, fails verify at the note's line")
    func privateRemoved() throws {
        let home = try TemporaryHome()
        let (id, log) = try Self.alliance(in: home)
        var lines = try Self.lines(log)
        let n = try Self.number(of: #""private":true"#, in: lines)
        lines[n - 1] = Self.edited(lines[n - 1], #","private":true"#, "")
        try Self.write(lines, to: log)
        let verify = try home.run(["verify"])
        #expect(verify.status == 1)
        #expect(verify.stderr.hasPrefix("\(log):\(n): error: "), "\(verify)")
        // The card and the full record are not made from it, so the note does not reach a reader.
        let export = try home.run(["export"], [id, "--format", "markdown", "--full", "--private"])
        #expect(export.status == 1)
        #expect(!export.stdout.contains("he worries about money"), "\(export)")
        #expect(
            export.errorLines.count == 1 && export.errorLines[0].hasPrefix("error: \(log):\(n): ")
                && export.errorLines[0].hasSuffix("(`alliance verify` checks it; nothing was exported)"),
            "\(export)")
    }

    @Test(
        "the last lines of a closed sitting dropped fail verify (completeness), naming the first missing line"
    )
    func droppedTail() throws {
        let home = try TemporaryHome()
        let (id, log) = try Self.alliance(in: home)
        let lines = try Self.lines(log)
        try Self.write(Array(lines.dropLast(2)), to: log)
        let verify = try home.run(["verify", id])
        #expect(verify.status == 1)
        #expect(
            verify.stderr.hasPrefix(
                "\(log):\(lines.count - 1): error: lines \(lines.count - 1)–\(lines.count) are missing"),
            "\(verify)")
        #expect(try home.run(["replay", id, "--strict"]).status == 1)
        // Without the index, the chain that is left is whole: the record of closes is what finds it.
        #expect(try home.run(["replay", id]).status == 0)
    }

    @Test("a swapped pair of lines fails verify")
    func swappedPair() throws {
        let home = try TemporaryHome()
        let (_, log) = try Self.alliance(in: home)
        var lines = try Self.lines(log)
        lines.swapAt(2, 3)
        try Self.write(lines, to: log)
        let verify = try home.run(["verify"])
        #expect(verify.status == 1)
        #expect(verify.stderr.hasPrefix("\(log):3: error: "), "\(verify)")
    }

    @Test(
        "a log written before the chain replays as before, verify passes with a warning, and its next sitting starts the chain"
    )
    func legacyLog() throws {
        let home = try TemporaryHome()
        try FileManager.default.createDirectory(atPath: home.sessions, withIntermediateDirectories: true)
        let id = "2026-11-25-k3f9"
        let log = home.sessions + "/\(id).jsonl"
        let at = Timestamp(milliseconds: 1_764_054_000_000)
        let events = [
            Event(
                seq: 1, at: at, kind: .sitting(SittingStart(number: 1, app: "0.1.0", participants: ["Zoë"]))),
            Event(seq: 2, at: at, kind: .note(text: "written before the chain")),
            Event(seq: 3, at: at, kind: .close(reason: "quit")),
        ]
        try Data(events.flatMap { EventCodec.encode($0) }).write(to: URL(fileURLWithPath: log))
        let replay = try home.run(["replay", id, "--strict"])
        #expect(replay.status == 0, "\(replay)")
        #expect(replay.stdout.contains("written before the chain"))
        let verify = try home.run(["verify"])
        #expect(verify.status == 0)
        #expect(verify.stdout.hasPrefix("\(log): OK: 3 lines, 1 sitting"), "\(verify)")
        #expect(
            verify.stderr
                == "\(log): warning: lines 1–3 were written before lines were chained (no \"prev\"): an edit there with its checksum made right is not detectable; the next sitting starts the chain\n"
        )
        let revisit = try home.run(["revisit", id], stdin: Alliance.script(["/note chained now", "/quit"]))
        #expect(revisit.status == 0, "\(revisit)")
        let lines = try LogFile.lines(log)
        #expect(!lines[2].contains(#""prev""#))
        #expect(
            lines[3].contains(
                #""prev":"\#(Array(lines[2].utf8).withUnsafeBufferPointer { LogChain.hash(of: $0) })""#))
        let again = try home.run(["verify", id])
        #expect(again.status == 0, "\(again)")
        #expect(again.stdout.contains("complete up to the close at line \(lines.count)"))
        #expect(again.stderr.contains("lines 1–3 were written before lines were chained"))
    }

    @Test(
        "a torn last line of an open sitting (a crash) is a warning, not a failure, and revisit still sets it aside"
    )
    func tornTailIsNotTampering() throws {
        let home = try TemporaryHome()
        let (id, log) = try Self.alliance(in: home)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(#"{"v":1,"seq":99,"at":"2026-"#.utf8))
        try handle.close()
        let committed = try Self.lines(log).count - 1
        let verify = try home.run(["verify", id])
        #expect(verify.status == 0, "\(verify)")
        #expect(
            verify.stderr.hasPrefix(
                "\(log):\(committed + 1): warning: the last 27 bytes are a line that was never committed"))
        let revisit = try home.run(
            ["revisit", id], stdin: Alliance.script(["/note after the crash", "/quit"]))
        #expect(revisit.status == 0, "\(revisit)")
        #expect(try home.run(["verify", id]).stderr.isEmpty)
    }

    @Test(
        "purge --yes removes the log, its history, its lock note and its index entry; sessions, search and due no longer see it"
    )
    func purgeForgets() throws {
        let home = try TemporaryHome()
        let (id, log) = try Self.alliance(in: home)
        let other = try home.run(
            [], ["--with", "Léo"], stdin: Alliance.script(["/note Fridays too", "/quit"]))
        #expect(other.status == 0)
        let history = home.sessions + "/\(id).history"
        try Data("/ask\n".utf8).write(to: URL(fileURLWithPath: history))
        #expect(try home.run(["search", "Fridays"]).stdout.contains(id))
        let purge = try home.run(["purge", id, "--yes"])
        #expect(purge.status == 0, "\(purge)")
        #expect(purge.stdout.contains("removed \(log)"))
        #expect(purge.stdout.contains("removed \(history)"))
        #expect(
            purge.stdout.contains(
                "Copies elsewhere (backups, sync folders, exports, files you copied) are not reached"))
        for path in [log, history, log + ".alliance-lock"] {
            #expect(!FileManager.default.fileExists(atPath: path), "\(path)")
        }
        #expect(try !String(contentsOfFile: home.path + "/closed.jsonl", encoding: .utf8).contains(id))
        let sessions = try home.run(["sessions"])
        #expect(sessions.status == 0)
        #expect(!sessions.stdout.contains(id))
        #expect(sessions.stdout.contains("Léo"))
        let search = try home.run(["search", "Fridays"])
        #expect(!search.stdout.contains(id))
        #expect(search.stdout.contains("Fridays too"))
        #expect(!(try home.run(["due"]).stdout.contains(id)))
        // The other alliance is untouched, and still verifies against the index.
        #expect(try home.run(["verify"]).status == 0)
    }

    @Test("purge without --yes and without a terminal refuses and removes nothing")
    func purgeNeedsConfirmation() throws {
        let home = try TemporaryHome()
        let (id, log) = try Self.alliance(in: home)
        let before = try Data(contentsOf: URL(fileURLWithPath: log))
        let purge = try home.run(["purge", id], stdin: "yes\n")
        #expect(purge.status == 1)
        #expect(
            purge.errorLines == [
                "error: alliance purge: purge asks for confirmation on a terminal; in a script, pass --yes (nothing was purged)"
            ], "\(purge)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: log)) == before)
        #expect(try String(contentsOfFile: home.path + "/closed.jsonl", encoding: .utf8).contains(id))
    }

    /// Runs `alliance arguments` on a pseudo-terminal and types `answer` and Enter once it asks;
    /// what the terminal showed, and the exit status.
    static func onTerminal(_ home: TemporaryHome, _ arguments: [String], answering answer: String) throws -> (
        shown: String, status: Int32
    ) {
        try PseudoTerminal.run(home, arguments, answering: [answer], at: "to purge it: ")
    }

    @Test("purge on a terminal asks for the id or yes: anything else purges nothing, the id purges")
    func purgeAsksOnATerminal() throws {
        let home = try TemporaryHome()
        let (id, log) = try Self.alliance(in: home)
        let declined = try Self.onTerminal(home, ["purge", id], answering: "no")
        #expect(declined.status == 1, "\(declined.shown)")
        #expect(
            declined.shown.contains("Purge \(id) (2 sittings)? This removes its log and cannot be undone."))
        #expect(declined.shown.contains("Nothing was purged."))
        #expect(FileManager.default.fileExists(atPath: log))
        let confirmed = try Self.onTerminal(home, ["purge", id], answering: id)
        #expect(confirmed.status == 0, "\(confirmed.shown)")
        #expect(confirmed.shown.contains("removed \(log)"))
        #expect(!FileManager.default.fileExists(atPath: log))
    }
}
