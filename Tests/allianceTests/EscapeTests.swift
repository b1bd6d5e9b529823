import Foundation
import Testing

@testable import AllianceKit

#if canImport(Glibc)
    import Glibc
#endif

/// Raw escapes never reach the terminal, whatever the source: a file name in `sessions/`, a field
/// of a crafted log, an answer holding C1 controls, line separators or bidi overrides.
@Suite("Escapes", .timeLimit(.minutes(3)), .removingTemporaryDirectories)
struct EscapeTests {
    /// OSC 52: sets the clipboard of the terminal that prints it.
    static let osc52 = "\u{1B}]52;c;aGk=\u{07}"
    static let osc52Bytes: [UInt8] = [0x1B, 0x5D, 0x35, 0x32]

    /// What a terminal would act on or reorder, found in `bytes`: C0 controls but line feed, DEL,
    /// C1 controls, U+2028, U+2029 and the bidi controls, as UTF-8.
    static func unsafe(_ bytes: [UInt8]) -> [String] {
        var found: [String] = []
        for i in bytes.indices {
            let b = bytes[i]
            let next = i + 1 < bytes.count ? bytes[i + 1] : 0
            let third = i + 2 < bytes.count ? bytes[i + 2] : 0
            if (b < 0x20 && b != 0x0A) || b == 0x7F {
                found.append(String(format: "%02x at %d", b, i))
            } else if b == 0xC2 && (0x80...0x9F).contains(next) {
                found.append(String(format: "U+00%02X at %d", next, i))
            } else if b == 0xE2 && next == 0x80
                && [0x8E, 0x8F, 0xA8, 0xA9, 0xAA, 0xAB, 0xAC, 0xAD, 0xAE].contains(third)
                || b == 0xE2 && next == 0x81 && (0xA6...0xA9).contains(third)
            {
                found.append(String(format: "E2 %02X %02X at %d", next, third, i))
            }
        }
        return found
    }

    func expectNothingRaw(
        _ run: RunResult, _ what: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let out = Self.unsafe(run.stdoutBytes)
        let err = Self.unsafe(run.stderrBytes)
        #expect(out.isEmpty, "\(what): stdout holds \(out)\n\(run)", sourceLocation: sourceLocation)
        #expect(err.isEmpty, "\(what): stderr holds \(err)\n\(run)", sourceLocation: sourceLocation)
    }

    /// A home whose `sessions/` exists, private, as the binary makes it.
    func home() throws -> TemporaryHome {
        let home = try TemporaryHome()
        try FileManager.default.createDirectory(
            atPath: home.sessions, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: home.path)
        return home
    }

    /// Writes a log by hand: each body gets its checksum and line feed.
    func writeLog(_ bodies: [String], id: String, in home: TemporaryHome) throws {
        let log = bodies.map { $0 + #","crc":"\#(CRC32.hex(Array($0.utf8)))"}"# + "\n" }.joined()
        let path = home.sessions + "/\(id).jsonl"
        try #require(
            FileManager.default.createFile(
                atPath: path, contents: Data(log.utf8), attributes: [.posixPermissions: 0o600]))
    }

    @Test("a session file named with an OSC 52 sequence is listed visibly and never completed")
    func hostileFileName() throws {
        let home = try home()
        defer { home.remove() }
        try writeLog(
            [
                #"{"v":1,"seq":1,"at":"2026-01-05T10:00:00.000Z","type":"sitting","by":"facilitator","n":1,"app":"0.1.0","participants":["Ann"]"#
            ], id: "good-1", in: home)
        try writeLog(
            [
                #"{"v":1,"seq":1,"at":"2026-01-05T10:00:00.000Z","type":"sitting","by":"facilitator","n":1,"app":"0.1.0","participants":["Bo"]"#
            ], id: "good-2", in: home)
        try #require(
            FileManager.default.createFile(
                atPath: home.sessions + "/\(Self.osc52).jsonl", contents: Data(),
                attributes: [.posixPermissions: 0o600]))

        let sessions = try home.run(["sessions"])
        expectNothingRaw(sessions, "sessions")
        #expect(sessions.stdout.contains("good-1") && sessions.stdout.contains("good-2"), "\(sessions)")
        #expect((sessions.stdout + sessions.stderr).contains("^[]52;c;aGk=^G"), "\(sessions)")

        // Tab on `/revisit `: the ids are listed, the file name with the escape is not.
        let shell = try TerminalSession(home: home, arguments: ["--pack", "new-team-member", "--with", "Cy"])
        defer { shell.stop() }
        try shell.waitFor("Cy › ")
        shell.send("/revisit \t")
        shell.send("\t")
        try shell.waitFor("good-2")
        shell.send("\u{03}")
        try shell.waitFor("Cy › ")
        shell.send("\u{04}")
        #expect(try shell.waitForExit() == 0)
        let raw = shell.rawOutput
        let leaked = (0..<max(0, raw.count - 3)).contains { Array(raw[$0..<$0 + 4]) == Self.osc52Bytes }
        #expect(!leaked, "the OSC 52 file name reached the terminal")
    }

    @Test("a crafted log with a bad agreement id, due date or pack is reported by line")
    func craftedFields() throws {
        let home = try home()
        defer { home.remove() }
        let esc = #"\u001b]52;c;aGk=\u0007"#
        try writeLog(
            [
                #"{"v":1,"seq":1,"at":"2026-01-05T10:00:00.000Z","type":"sitting","by":"facilitator","n":1,"app":"0.1.0","participants":["Ann"],"pack":"new-team-member""#,
                #"{"v":1,"seq":2,"at":"2026-01-05T10:00:01.000Z","type":"agree","by":"facilitator","id":"A1\#(esc)","text":"bad id""#,
                #"{"v":1,"seq":3,"at":"2026-01-05T10:00:02.000Z","type":"agree","by":"facilitator","id":"A2","text":"bad due","due":"2026-12-01\#(esc)""#,
                #"{"v":1,"seq":4,"at":"2026-01-05T10:00:03.000Z","type":"sitting","by":"facilitator","n":2,"app":"0.1.0","pack":"x\#(esc)""#,
                #"{"v":1,"seq":5,"at":"2026-01-05T10:00:04.000Z","type":"agree","by":"facilitator","id":"A3","text":"fine","due":"2026-12-01""#,
            ], id: "crafted", in: home)
        let replay = try home.run(["replay", "crafted"])
        expectNothingRaw(replay, "replay")
        #expect(replay.status == 1, "\(replay)")
        let log = home.sessions + "/crafted.jsonl"
        for (line, field) in [(2, "\"id\""), (3, "\"due\""), (4, "\"pack\"")] {
            #expect(
                replay.stderrLines.contains {
                    $0.contains("\(log):\(line)") && $0.contains("invalid \(field)")
                },
                "line \(line) is not reported for \(field)\n\(replay)")
        }
        #expect(replay.stdout.contains("fine"), "\(replay)")
        for format in ["markdown", "json", "html"] {
            let export = try home.run(["export", "crafted"], ["--format", format])
            expectNothingRaw(export, "export --format \(format)")
        }
        let json = try home.run(["replay", "crafted"], ["--json"])
        expectNothingRaw(json, "replay --json")
        let sessions = try home.run(["sessions"])
        expectNothingRaw(sessions, "sessions")
        #expect(sessions.stderr.contains("crafted.jsonl:2"), "\(sessions)")
    }

    @Test("exports and replays carry no raw ESC, C1, line separator or bidi control")
    func exportsAreNeutralised() throws {
        let home = try home()
        defer { home.remove() }
        let hostile =
            "x\u{1B}[2J y\u{85}z\u{9B}31m \u{2028}sep\u{2029} evil\u{202E}txt.exe \u{2066}iso\u{2069} \u{200F}"
        let shell = try home.run(
            [], ["--with", "Zoë", "--pack", "new-team-member", "--title", "T\u{202E}itle"],
            stdin: "/ask\n\(hostile)\n/agree We \(hostile) --by 2027-01-15\n/note \(hostile)\n/quit\n")
        #expect(shell.status == 0, "\(shell)")
        expectNothingRaw(shell, "the shell")
        let id = try home.singleSessionID()
        // The log keeps the answer as it was given.
        let logged = try LogFile.events(try home.singleSessionLog())
        #expect(logged.contains { $0["type"] as? String == "answer" && $0["text"] as? String == hostile })

        // A log written by hand with the same characters raw (as UTF-8) inside its strings.
        let raw = hostile.replacingOccurrences(of: "\u{1B}", with: #"\u001b"#)
        try writeLog(
            [
                #"{"v":1,"seq":1,"at":"2026-01-05T10:00:00.000Z","type":"sitting","by":"facilitator","n":1,"app":"0.1.0","title":"\#(raw)","participants":["Ann"]"#,
                #"{"v":1,"seq":2,"at":"2026-01-05T10:00:01.000Z","type":"ask","by":"facilitator","text":"\#(raw)?""#,
                #"{"v":1,"seq":3,"at":"2026-01-05T10:00:02.000Z","type":"answer","by":"Ann","text":"\#(raw)","to":2"#,
                #"{"v":1,"seq":4,"at":"2026-01-05T10:00:03.000Z","type":"agree","by":"facilitator","id":"A1","text":"\#(raw)","due":"2027-01-15""#,
            ], id: "byhand", in: home)

        for session in [id, "byhand"] {
            for (subcommand, arguments) in [
                (["export", session], ["--format", "markdown"]),
                (["export", session], ["--format", "json"]),
                (["export", session], ["--format", "html"]), (["replay", session], []),
                (["replay", session], ["--json"]),
            ] {
                let run = try home.run(subcommand, arguments)
                #expect(run.status == 0, "\(subcommand) \(arguments)\n\(run)")
                expectNothingRaw(run, "\(session): \(subcommand[0]) \(arguments.joined(separator: " "))")
            }
            // The JSON still says what was said, escapes decoded.
            let export = try home.run(["export", session], ["--format", "json"])
            let document = try JSONSerialization.jsonObject(with: Data(export.stdoutBytes)) as? [String: Any]
            let events = document?["events"] as? [[String: Any]] ?? []
            #expect(events.contains { $0["type"] as? String == "answer" && $0["text"] as? String == hostile })
            // replay --json lines are log lines: each reads back, checksum and all.
            let lines = try home.run(["replay", session], ["--json"]).stdout.split(separator: "\n")
            #expect(!lines.isEmpty)
            for line in lines {
                #expect(throws: Never.self) { try EventCodec.decode(line: Array(line.utf8)) }
            }
            #expect(
                try lines.map { try EventCodec.decode(line: Array($0.utf8)) }.contains {
                    $0.kind == .answer(text: hostile, to: 2) || $0.kind == .answer(text: hostile, to: 3)
                })
        }
        // The Markdown shows the bidi override by name (its angle brackets escaped for Markdown).
        let markdown = try home.run(["export", id], ["--format", "markdown"])
        #expect(markdown.stdout.contains(#"evil\<U+202E\>txt.exe"#), "\(markdown)")
    }
}
