import Foundation
import Testing

@testable import AllianceKit

/// Hostile input: every item gets a clear message, the shell keeps running, nothing recorded is
/// lost, and nothing reaches the terminal raw.
@Suite("Hostile input", .removingTemporaryDirectories)
struct HostileInputTests {
    static let escape = "\u{1B}[2J\u{1B}]0;pwned\u{07}"

    func noRawControls(_ run: RunResult, sourceLocation: SourceLocation = #_sourceLocation) {
        let bad =
            run.stdoutBytes.filter { $0 < 0x20 && $0 != 0x0A }
            + run.stderrBytes.filter { $0 < 0x20 && $0 != 0x0A }
        #expect(bad.isEmpty, "raw control bytes reached the terminal: \(bad)", sourceLocation: sourceLocation)
    }

    /// Runs the binary with standard input read from a file (for inputs larger than a pipe's buffer).
    func run(
        _ home: TemporaryHome, input: [UInt8],
        arguments: [String] = ["--with", "Zoë", "--pack", "new-team-member"]
    ) throws
        -> RunResult
    {
        let file = home.root + "/input-\(UUID().uuidString)"
        try #require(FileManager.default.createFile(atPath: file, contents: Data(input)))
        let quoted = arguments.map { "'\($0)'" }.joined(separator: " ")
        return try Alliance.run(
            ["-c", "exec \"$0\" --home '\(home.path)' \(quoted) < \"$1\"", Alliance.binary, file],
            environment: home.environment, timeout: 240, executable: "/bin/bash")
    }

    @Test func escapesInAnswersPacksPluginsAndLogsAreShownVisibly() throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        let packs = home.root + "/packs"
        let plugins = home.root + "/plugins"
        try FileManager.default.createDirectory(atPath: packs, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: plugins, withIntermediateDirectories: true)
        try "# Evil\(Self.escape)\n## S\(Self.escape)\n- What \(Self.escape) now? {#evil}\n"
            .write(toFile: packs + "/evil.md", atomically: true, encoding: .utf8)
        try """
        description: "tricky \\e[2J"
        rules:
          - id: x
            kind: flag
            pattern: 'zzz'
            message: "boom \\e]0;title\\a"
            examples: {match: [zzz]}
        """.write(toFile: plugins + "/evil.yaml", atomically: true, encoding: .utf8)
        let session = try home.run(
            [], ["--packs", packs, "--plugins", plugins, "--with", "Zoë", "--pack", "evil"],
            stdin: "/ask evil\nanswer with \(Self.escape) in it\n/ask \"zzz?\"\n/rules\n/log\n/quit\n")
        #expect(session.status == 0, "\(session)")
        noRawControls(session)
        #expect(session.stdout.contains("^[[2J"))
        #expect(session.stdout.contains("boom ^[]0;title^G"))
        let id = try home.singleSessionID()
        for command in [["replay", id], ["export", id], ["search", "answer"]] {
            let result = try home.run([command[0]], Array(command.dropFirst()))
            noRawControls(result)
        }
        noRawControls(try home.run(["packs", "show"], ["evil", "--packs", packs]))
        noRawControls(try home.run(["plugins", "list"], ["--plugins", plugins]))
        // The log keeps exactly what was typed.
        let answers = try LogFile.events(try home.singleSessionLog()).filter {
            $0["type"] as? String == "answer"
        }
        #expect(answers.first?["text"] as? String == "answer with \(Self.escape) in it")
    }

    @Test func namesWithControlsOrPathsAreRefusedOrHarmless() throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        let refused = try home.run([], ["--with", "Zoë\(Self.escape)"], stdin: "/quit\n")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("control characters"))
        noRawControls(refused)
        let pathLike = try home.run(
            [], ["--with", "../../etc/passwd", "--pack", "new-team-member"],
            stdin: "/ask\nhello there\n/quit\n")
        #expect(pathLike.status == 0)
        #expect(home.sessionLogs().count == 1)
        let created = try home.run(["packs", "new"], ["../../evil pack"])
        #expect(created.status == 0)
        #expect(FileManager.default.fileExists(atPath: home.path + "/packs/evil-pack.md"))
        for id in ["..", "../x", "a/../../b", "..%2F"] {
            let replay = try home.run(["replay"], [id])
            #expect(replay.status == 1, "\(id)")
            #expect(replay.stderr.split(separator: "\n").count == 1, "\(id): \(replay.stderr)")
        }
    }

    @Test func invalidUTF8NulBytesAndAMegabyteLineAreRecordedSafely() throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        var input = Array("/ask\n".utf8)
        input += Array("caf".utf8) + [0xE9, 0xFF, 0xFE] + Array(" latin-1\n".utf8)
        input += Array("nul".utf8) + [0] + Array("byte\n".utf8)
        input += Array("> ".utf8) + [UInt8](repeating: UInt8(ascii: "w"), count: 1 << 20) + [10]
        input +=
            Array("/ask \"".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: 200_000)
            + Array("!\"\n/quit\n".utf8)
        // No time limit of its own: a quadratic reader would not finish within the run's timeout
        // (a hang, recorded by `Alliance.run`), and anything faster passes on a loaded machine.
        let run = try self.run(home, input: input)
        #expect(run.status == 0, "\(run)")
        #expect(!run.timedOut)
        noRawControls(run)
        let log = try home.singleSessionLog()
        let contents = try LogReader.read(path: log)
        #expect(contents.isClean)
        let answers = contents.events.compactMap { if case .answer(let t, _) = $0.kind { t } else { nil } }
        #expect(answers.count == 3)
        #expect(answers[0].hasPrefix("caf") && answers[0].contains("\u{FFFD}"))
        #expect(answers[1] == "nul\u{0}byte")
        #expect(answers[2].count == 1 << 20)
        let replay = try home.run(["replay"], [try home.singleSessionID()])
        #expect(replay.status == 0)
        #expect(replay.stdout.contains("nul^@byte"))
    }

    @Test func hugeNestedAndBacktrackingFilesAreRefusedAndTheShellStarts() throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        let packs = home.root + "/packs"
        let plugins = home.root + "/plugins"
        try FileManager.default.createDirectory(atPath: packs, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: plugins, withIntermediateDirectories: true)
        let deep = String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000)
        try "---\ntitle: \(deep)\n---\n## S\n- What?\n".write(
            toFile: packs + "/deep.md", atomically: true, encoding: .utf8)
        try "description: \(deep)\nrules: []\n".write(
            toFile: plugins + "/deep.yaml", atomically: true, encoding: .utf8)
        try #require(
            FileManager.default.createFile(
                atPath: packs + "/binary.md", contents: Data([0x23, 0, 0xFF, 0x00, 0x10])))
        try #require(
            FileManager.default.createFile(atPath: plugins + "/binary.yaml", contents: Data([0, 1, 2, 3])))
        try """
        description: backtracking
        rules:
          - id: evil
            kind: flag
            pattern: '(a+)+$'
            message: evil fired
            examples: {match: [aaa]}
        """.write(toFile: plugins + "/evil.yaml", atomically: true, encoding: .utf8)
        let input =
            Array("/ask \"".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: 30_000)
            + Array("!\"\n/quit\n".utf8)
        let run = try self.run(
            home, input: input, arguments: ["--packs", packs, "--plugins", plugins, "--with", "Zoë"])
        #expect(run.status == 0, "\(run)")
        for name in ["deep.md", "deep.yaml", "binary.md", "binary.yaml"] {
            let lines = run.stderr.split(separator: "\n").filter { $0.contains(name) }
            #expect(lines.count == 1, "\(name): \(run.stderr)")
            #expect(lines.first?.contains("error:") == true)
        }
        #expect(!run.stdout.contains("evil fired"))
    }

    @Test func aSymlinkedSessionIsNotContinuedAndAnOpenHomeIsWarnedAbout() throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        _ = try home.run([], ["--with", "Zoë"], stdin: "/note real\n/quit\n")
        let id = try home.singleSessionID()
        let target = home.root + "/elsewhere.jsonl"
        try FileManager.default.moveItem(atPath: home.sessions + "/\(id).jsonl", toPath: target)
        try FileManager.default.createSymbolicLink(
            atPath: home.sessions + "/\(id).jsonl", withDestinationPath: target)
        let before = try Data(contentsOf: URL(fileURLWithPath: target))
        let revisit = try home.run(["revisit"], [id], stdin: "/note sneaky\n/quit\n")
        #expect(revisit.status == 1)
        #expect(revisit.stderr.contains("is a symbolic link"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == before)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: home.path)
        let open = try home.run([], ["--with", "Zoë"], stdin: "/quit\n")
        #expect(open.status == 0)
        #expect(open.stderr.contains("can be read by others (mode 755)"))
    }
}
