import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The log a shell writes to is the log at its path, or the shell stops writing; `revisit` only
/// opens alliance logs and changes nothing else; a shell ended by a signal closes its sitting and
/// leaves nothing behind (issue 12, points 1, 3 and 7).
@Suite("Log identity", .timeLimit(.minutes(3)), .removingTemporaryDirectories)
struct LogIdentityTests {
    static let replaced = "was replaced or removed while this shell had it open: nothing more is recorded"

    /// One alliance with a sitting already closed: its id and log.
    static func alliance(in home: TemporaryHome) throws -> (id: String, log: String) {
        let first = try home.run([], ["--with", "Zoë"], stdin: Alliance.script(["/note one", "/quit"]))
        #expect(first.status == 0, "\(first)")
        return (try home.singleSessionID(), try home.singleSessionLog())
    }

    static func notes(_ log: String) throws -> [String] {
        try LogFile.events(log).filter { $0["type"] as? String == "note" }.compactMap {
            $0["text"] as? String
        }
    }

    static func seqs(_ log: String) throws -> [Int] {
        try LogFile.events(log).compactMap { ($0["seq"] as? NSNumber)?.intValue }
    }

    /// Every file in a directory, with its bytes and permission bits.
    static func snapshot(_ dir: String) throws -> [String: (Data, Int?)] {
        var result: [String: (Data, Int?)] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: dir) {
            let path = dir + "/" + name
            result[name] = ((try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data(), LogFile.mode(path))
        }
        return result
    }

    static func expectUnchanged(
        _ before: [String: (Data, Int?)], _ dir: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let after = try snapshot(dir)
        #expect(
            Set(after.keys) == Set(before.keys), "files added or removed: \(after.keys.sorted())",
            sourceLocation: sourceLocation)
        for (name, (data, mode)) in before {
            #expect(after[name]?.0 == data, "\(name) changed", sourceLocation: sourceLocation)
            #expect(after[name]?.1 == mode, "\(name) changed mode", sourceLocation: sourceLocation)
        }
    }

    // MARK: - 1. the log at the path, or nothing more

    @Test("removing the log under an open shell: every later event is refused, the shell lives on")
    func removedLog() throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        let (id, log) = try Self.alliance(in: home)
        let shell = try HeldShell(home: home, arguments: ["revisit", "--home", home.path, id])
        defer { shell.stop() }
        shell.send("/note two")
        try shell.waitForOutput("✓ #6 note")
        try FileManager.default.removeItem(atPath: log)
        shell.send("/note three")
        shell.send("/note four")
        shell.send("/log")
        shell.send("/quit")
        let run = try shell.finish()
        #expect(run.status == 1, "\(run)")
        // Each later event is refused with the same line, the close included; nothing says "saved".
        let message =
            "not recorded: the log at \(log) \(Self.replaced); your last recorded entry was #6, in the file that was there (/log shows the entries: copy what you need)"
        #expect(
            run.errorLines == [
                "error: <stdin>:2: \(message)", "error: <stdin>:3: \(message)", "error: \(message)",
            ], "\(run)")
        #expect(!run.stderr.contains("saved as"), "\(run)")
        // Commands that only show things still work: the entries are there to copy.
        #expect(run.stdout.contains("#6    note: two"), "\(run.stdout)")
        #expect(!FileManager.default.fileExists(atPath: log))
        #expect(try FileManager.default.contentsOfDirectory(atPath: home.sessions).isEmpty)
    }

    @Test("a copy renamed over the log (cp -p, mv): the shell stops, a second shell cannot write beside it")
    func replacedLog() throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        let (id, log) = try Self.alliance(in: home)
        let shell = try HeldShell(home: home, arguments: ["revisit", "--home", home.path, id])
        defer { shell.stop() }
        shell.send("/note two")
        try shell.waitForOutput("✓ #6 note")
        // What editors, `sed -i` and sync tools do.
        let swap = try Alliance.run(
            ["-c", "cp -p \"$0\" \"$0.new\" && mv \"$0.new\" \"$0\"", log], environment: home.environment,
            executable: "/bin/bash")
        #expect(swap.status == 0, "\(swap)")
        shell.send("/note lost")
        try shell.waitForError(Self.replaced)

        // A second shell on the new file is refused while the first is open: no two writers.
        let second = try home.run(["revisit"], [id], stdin: Alliance.script(["/note second", "/quit"]))
        #expect(second.status == 1, "\(second)")
        #expect(second.errorLines.count == 1, "\(second)")
        #expect(second.stderr.contains("already open in another shell (pid \(shell.pid) "), "\(second)")

        shell.send("/quit")
        let run = try shell.finish()
        #expect(run.status == 1, "\(run)")
        #expect(
            run.errorLines.first
                == "error: <stdin>:2: not recorded: the log at \(log) \(Self.replaced); your last recorded entry was #6, in the file that was there (/log shows the entries: copy what you need)",
            "\(run)")

        // Once it is closed, the next sitting continues the log at the path with no seq reused, and
        // every event the first shell acknowledged is in it.
        let third = try home.run(["revisit"], [id], stdin: Alliance.script(["/note third", "/quit"]))
        #expect(third.status == 0, "\(third)")
        #expect(try Self.notes(log) == ["one", "two", "third"])
        let seqs = try Self.seqs(log)
        #expect(seqs == Array(1...seqs.count))
        #expect(try FileManager.default.contentsOfDirectory(atPath: home.sessions) == [id + ".jsonl"])
    }

    @Test("removing the lock file beside the log does not let a second writer in")
    func removedLockFile() throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        let (id, log) = try Self.alliance(in: home)
        let shell = try HeldShell(home: home, arguments: ["revisit", "--home", home.path, id])
        defer { shell.stop() }
        shell.send("/note two")
        try shell.waitForOutput("✓ #6 note")
        try FileManager.default.removeItem(atPath: log + ".alliance-lock")
        let second = try home.run(["revisit"], [id], stdin: Alliance.script(["/note second", "/quit"]))
        #expect(second.status == 1, "\(second)")
        #expect(second.stderr.contains("already open in another shell"), "\(second)")
        shell.send("/quit")
        #expect(try shell.finish().status == 0)
        #expect(try Self.notes(log) == ["one", "two"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: home.sessions) == [id + ".jsonl"])
    }

    // MARK: - 3. revisit PATH only opens a log

    @Test("revisit of a file that is not a log (Pipfile beside Pipfile.lock, a token) changes nothing")
    func revisitOfOtherFilesChangesNothing() throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        let project = home.root + "/project"
        try FileManager.default.createDirectory(atPath: project, withIntermediateDirectories: true)
        try "[packages]\nrequests = \"*\"\n".write(
            toFile: project + "/Pipfile", atomically: true, encoding: .utf8)
        try "{\"_meta\": {}}\n".write(toFile: project + "/Pipfile.lock", atomically: true, encoding: .utf8)
        try "secret-token-123".write(toFile: project + "/token", atomically: true, encoding: .utf8)
        try "".write(toFile: project + "/empty.jsonl", atomically: true, encoding: .utf8)
        chmod(project + "/token", 0o644)
        let before = try Self.snapshot(project)
        for name in ["Pipfile", "token", "empty.jsonl", "missing.jsonl"] {
            let run = try home.run(
                ["revisit"], [project + "/" + name], stdin: Alliance.script(["/note into it", "/quit"]))
            #expect(run.status == 1, "\(run)")
            #expect(run.errorLines.count == 1, "\(run)")
            #expect(run.stdout.isEmpty, "\(run)")
        }
        let refused = try home.run(["revisit"], [project + "/Pipfile"])
        #expect(
            refused.errorLines == [
                "error: \(project)/Pipfile: does not read as an alliance log (its first line is not a \"sitting\"); alliance only continues its own logs, and the file is left untouched"
            ], "\(refused)")
        try Self.expectUnchanged(before, project)
        #expect(!FileManager.default.fileExists(atPath: home.path), "the data home was created")
    }

    @Test("a log outside sessions/ with a torn last line is refused, not repaired")
    func tornLogOutsideSessionsIsRefused() throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        let (_, log) = try Self.alliance(in: home)
        let outside = home.root + "/elsewhere"
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: log))
        bytes.append(contentsOf: Array(#"{"v":1,"seq":5,"#.utf8))
        try #require(FileManager.default.createFile(atPath: outside + "/copy.jsonl", contents: bytes))
        let before = try Self.snapshot(outside)
        let run = try home.run(
            ["revisit"], [outside + "/copy.jsonl"], stdin: Alliance.script(["/note x", "/quit"]))
        #expect(run.status == 1, "\(run)")
        #expect(
            run.errorLines == [
                "error: \(outside)/copy.jsonl: its last line (15 bytes) was never committed, and alliance only repairs logs in its own sessions folder; the file is left untouched (copy it into the data home's sessions/ to continue it)"
            ], "\(run)")
        try Self.expectUnchanged(before, outside)
    }

    @Test("a log outside sessions/ is continued beside a .lock it did not write, which stays")
    func siblingLockFilesAreNotAlliances() throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        let (_, log) = try Self.alliance(in: home)
        let outside = home.root + "/elsewhere"
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        let copy = outside + "/copy.jsonl"
        try FileManager.default.copyItem(atPath: log, toPath: copy)
        try "someone else's\n".write(toFile: copy + ".lock", atomically: true, encoding: .utf8)
        let run = try home.run(["revisit"], [copy], stdin: Alliance.script(["/note beside", "/quit"]))
        #expect(run.status == 0, "\(run)")
        #expect(try Self.notes(copy) == ["one", "beside"])
        #expect(try String(contentsOfFile: copy + ".lock", encoding: .utf8) == "someone else's\n")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: outside).sorted() == [
                "copy.jsonl", "copy.jsonl.lock",
            ])

        // A file under alliance's own lock name that alliance did not write is refused and kept.
        try "not a lock note\n".write(toFile: copy + ".alliance-lock", atomically: true, encoding: .utf8)
        let before = try Self.snapshot(outside)
        let refused = try home.run(["revisit"], [copy], stdin: Alliance.script(["/note no", "/quit"]))
        #expect(refused.status == 1, "\(refused)")
        #expect(refused.stderr.contains("was not written by alliance"), "\(refused)")
        try Self.expectUnchanged(before, outside)
    }

    // MARK: - 7. no copy left behind

    @Test("SIGTERM and SIGHUP close the sitting, remove the lock file and leave no core dump allowed")
    func terminationClosesTheSitting() throws {
        for (signal, reason) in [(SIGTERM, "terminated"), (SIGHUP, "hangup")] {
            let home = try TemporaryHome()
            defer { home.remove() }
            let shell = try HeldShell(home: home, arguments: ["--home", home.path, "--with", "Zoë"])
            defer { shell.stop() }
            shell.send("/note before the end")
            try shell.waitForOutput("✓ #2 note")
            // Core dumps are off: a crash leaves no copy of the answers.
            let limits = try String(contentsOfFile: "/proc/\(shell.pid)/limits", encoding: .utf8)
            let core = limits.split(separator: "\n").first { $0.hasPrefix("Max core file size") }
            #expect(
                core?.split(separator: " ", omittingEmptySubsequences: true).dropFirst(4).prefix(2) == [
                    "0", "0",
                ], "\(limits)")
            let log = try home.singleSessionLog()
            #expect(FileManager.default.fileExists(atPath: log + ".alliance-lock"))
            kill(shell.pid, signal)
            let run = try shell.finish(closingInput: false)
            #expect(run.status == 128 + signal, "\(run)")
            let events = try LogFile.events(log)
            #expect(events.last?["type"] as? String == "close")
            #expect(events.last?["reason"] as? String == reason)
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: home.sessions) == [
                    URL(fileURLWithPath: log).lastPathComponent
                ])
        }
    }

    @Test("a closed terminal (SIGHUP) closes an interactive sitting")
    func hangupClosesInteractiveSitting() throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        let shell = try TerminalSession(home: home, arguments: ["--with", "Ann"])
        defer { shell.stop() }
        try shell.waitFor("Ann › ")
        shell.send("/note kept\r")
        try shell.waitFor("✓ #2 note")
        try shell.waitFor("Ann › ")
        kill(shell.pid, SIGHUP)
        #expect(try shell.waitForExit() == 128 + SIGHUP)
        let log = try home.singleSessionLog()
        let events = try LogFile.events(log)
        #expect(events.last?["type"] as? String == "close")
        #expect(events.last?["reason"] as? String == "hangup")
        #expect(!FileManager.default.fileExists(atPath: log + ".alliance-lock"))
    }
}

/// A shell in script mode whose standard input stays open: lines are sent one at a time while the
/// test changes files under it.
final class HeldShell {
    let process = Process()
    private let input = Pipe()
    private let outPath: String
    private let errPath: String
    var pid: Int32 { process.processIdentifier }

    init(home: TemporaryHome, arguments: [String]) throws {
        let scratch = home.root + "/held-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        outPath = scratch + "/stdout"
        errPath = scratch + "/stderr"
        try #require(FileManager.default.createFile(atPath: outPath, contents: nil))
        try #require(FileManager.default.createFile(atPath: errPath, contents: nil))
        process.executableURL = URL(fileURLWithPath: Alliance.binary)
        process.arguments = arguments
        process.environment = home.environment
        process.standardInput = input
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        try process.run()
    }

    func send(_ line: String) {
        try? input.fileHandleForWriting.write(contentsOf: Data((line + "\n").utf8))
    }

    var stdout: String { (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "" }

    /// Waits (a bound for a hang only) until standard output holds `text`.
    func waitForOutput(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try wait(sourceLocation: sourceLocation) { self.stdout.contains(text) }
    }

    func waitForError(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try wait(sourceLocation: sourceLocation) { self.stderr.contains(text) }
    }

    private func wait(sourceLocation: SourceLocation, _ done: () -> Bool) throws {
        let deadline = Date().addingTimeInterval(60)
        while !done() {
            guard Date() < deadline, process.isRunning else {
                try #require(
                    done(), "gave up waiting: \nstdout:\n\(stdout)\nstderr:\n\(stderr)",
                    sourceLocation: sourceLocation)
                return
            }
            usleep(10_000)
        }
    }

    /// Closes standard input (unless told not to) and waits for the shell to end.
    func finish(closingInput: Bool = true) throws -> RunResult {
        if closingInput { try? input.fileHandleForWriting.close() }
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning && Date() < deadline { usleep(5_000) }
        try #require(
            !process.isRunning,
            "the shell did not end: \(stderr)\n\((try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? "")"
        )
        try? input.fileHandleForWriting.close()
        let out = (try? Data(contentsOf: URL(fileURLWithPath: outPath))).map { [UInt8]($0) } ?? []
        let err = (try? Data(contentsOf: URL(fileURLWithPath: errPath))).map { [UInt8]($0) } ?? []
        return RunResult(
            stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self),
            stdoutBytes: out, stderrBytes: err,
            status: process.terminationReason == .uncaughtSignal
                ? -process.terminationStatus : process.terminationStatus,
            signaled: process.terminationReason == .uncaughtSignal, timedOut: false)
    }

    func stop() {
        try? input.fileHandleForWriting.close()
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }
}
