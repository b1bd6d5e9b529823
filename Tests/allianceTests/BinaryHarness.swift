import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// What one run of the `alliance` binary gave.
struct RunResult: Sendable, CustomTestStringConvertible {
    var stdout: String
    var stderr: String
    var stdoutBytes: [UInt8]
    var stderrBytes: [UInt8]
    /// The exit status, or the signal number when `signaled`.
    var status: Int32
    var signaled: Bool
    var timedOut: Bool

    /// Short enough to read in a failed expectation.
    var testDescription: String {
        func clip(_ text: String) -> String { text.count > 2000 ? text.prefix(2000) + "…" : text }
        return "exit \(signaled ? "signal " : "")\(status)\(timedOut ? " (timed out)" : "")\n"
            + "stdout:\n\(clip(stdout))\nstderr:\n\(clip(stderr))"
    }

    /// Standard error split into lines, without empty ones.
    var stderrLines: [String] { stderr.split(separator: "\n").map(String.init) }
    /// The lines of standard error that start with `error:`.
    var errorLines: [String] { stderrLines.filter { $0.hasPrefix("error:") } }
    /// Whether any output held an ESC byte (the start of every terminal escape sequence).
    var printedEscape: Bool { stdoutBytes.contains(0x1B) || stderrBytes.contains(0x1B) }
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Runs the built `alliance` binary and finds what it wrote.
enum Alliance {
    /// The binary: beside the test runner in the build products folder, else `.build/debug/alliance`.
    static let binary: String = {
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
        var candidates = [runner.deletingLastPathComponent().appendingPathComponent("alliance").path]
        if let main = Bundle.main.executablePath {
            candidates.append(
                URL(fileURLWithPath: main).deletingLastPathComponent().appendingPathComponent("alliance").path
            )
        }
        candidates.append(packageRoot + "/.build/debug/alliance")
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
    }()

    /// A small, fixed environment: nothing from the developer's shell (no NO_COLOR, no ALLIANCE_HOME),
    /// and times in UTC whatever the machine's zone (a test that means another zone sets `TZ`).
    static func baseEnvironment(home: String) -> [String: String] {
        [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": home,
            "LANG": "C.UTF-8",
            "TZ": "UTC",
        ]
    }

    /// Runs `alliance arguments` with `stdin` written to a pipe, and waits at most `timeout` seconds.
    /// A run that does not end in time is killed and recorded as a test failure. The bound only
    /// catches a hang (a run that passes never waits for it), so it is generous: a debug build on a
    /// loaded CI machine, with every suite running in parallel, can take seconds to start.
    static func run(
        _ arguments: [String], stdin: String = "", environment: [String: String],
        timeout: TimeInterval = 120, executable: String = binary,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> RunResult {
        let scratch = URL(fileURLWithPath: temporaryDirectory("alliance-run"))
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout")
        let errURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = try FileHandle(forWritingTo: errURL)
        defer {
            try? outHandle.close()
            try? errHandle.close()
        }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = outHandle
        process.standardError = errHandle
        try process.run()

        // Scripts are small: they fit in the pipe's buffer, so this write never waits on the child.
        let bytes = Data(stdin.utf8)
        precondition(bytes.count < 60_000, "keep scripts under the pipe buffer size")
        if !bytes.isEmpty { try? input.fileHandleForWriting.write(contentsOf: bytes) }
        try? input.fileHandleForWriting.close()

        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(5_000) }
        var timedOut = false
        if process.isRunning {
            timedOut = true
            process.terminate()
            let grace = Date().addingTimeInterval(1)
            while process.isRunning && Date() < grace { usleep(5_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            Issue.record(
                "alliance \(arguments.joined(separator: " ")) did not finish within \(timeout) s and was killed",
                sourceLocation: sourceLocation)
        }
        let out = (try? Data(contentsOf: outURL)).map { [UInt8]($0) } ?? []
        let err = (try? Data(contentsOf: errURL)).map { [UInt8]($0) } ?? []
        return RunResult(
            stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self),
            stdoutBytes: out, stderrBytes: err, status: process.terminationStatus,
            signaled: process.terminationReason == .uncaughtSignal, timedOut: timedOut)
    }

    /// Lines of a script, each ending in a newline, as typed into a pipe.
    static func script(_ lines: [String]) -> String { lines.map { $0 + "\n" }.joined() }
}

/// A fresh temporary directory with a data home inside it that does not exist yet, so
/// the binary creates it (and its permissions are the binary's doing). Removed by `remove()`.
struct TemporaryHome {
    /// The enclosing temporary directory (used as `$HOME`).
    let root: String
    /// The data home passed with `--home`.
    let path: String

    init() throws {
        root = temporaryDirectory("alliance-e2e")
        path = root + "/home"
    }

    var sessions: String { path + "/sessions" }
    var environment: [String: String] { Alliance.baseEnvironment(home: root) }

    func remove() { try? FileManager.default.removeItem(atPath: root) }

    /// Runs `alliance [subcommand] --home <this home> arguments…`.
    func run(
        _ subcommand: [String] = [], _ arguments: [String] = [], stdin: String = "",
        environment extra: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> RunResult {
        try Alliance.run(
            subcommand + ["--home", path] + arguments, stdin: stdin,
            environment: environment.merging(extra) { _, new in new }, sourceLocation: sourceLocation)
    }

    /// Every session log in `<home>/sessions/*.jsonl`, sorted.
    func sessionLogs() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: sessions)) ?? []
        return names.filter { $0.hasSuffix(".jsonl") }.sorted().map { sessions + "/" + $0 }
    }

    /// The one session log; fails the test when there is not exactly one.
    func singleSessionLog(sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let logs = sessionLogs()
        try #require(
            logs.count == 1, "expected exactly one session log, found \(logs)", sourceLocation: sourceLocation
        )
        return logs[0]
    }

    /// The id of the one session (its log's file name without `.jsonl`).
    func singleSessionID(sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let log = try singleSessionLog(sourceLocation: sourceLocation)
        return String(URL(fileURLWithPath: log).lastPathComponent.dropLast(".jsonl".count))
    }
}

/// Reading what the binary left on disk.
enum LogFile {
    /// The lines of a log, without their newlines.
    static func lines(_ path: String) throws -> [String] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    /// Each line of a log parsed as a JSON object.
    static func events(_ path: String) throws -> [[String: Any]] {
        try lines(path).map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            else {
                throw HarnessError("not a JSON object: \(line)")
            }
            return object
        }
    }

    /// The permission bits of a file or directory.
    static func mode(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)
            .map { $0.intValue & 0o777 }
    }
}

/// The bundled packs, read the way a coach would: the first question a pack asks.
enum BundledPack {
    /// The first top-level bullet of `packs/<id>.md`, without its `{#id}`.
    static func firstQuestion(of id: String) throws -> String {
        let text = try String(contentsOfFile: packageRoot + "/packs/\(id).md", encoding: .utf8)
        guard let bullet = text.split(separator: "\n").first(where: { $0.hasPrefix("- ") }) else {
            throw HarnessError("pack \(id) has no question")
        }
        var question = String(bullet.dropFirst(2))
        if let brace = question.range(of: " {#") { question = String(question[..<brace.lowerBound]) }
        return question.trimmingCharacters(in: .whitespaces)
    }

    /// The `title:` of `packs/<id>.md`.
    static func title(of id: String) throws -> String {
        let text = try String(contentsOfFile: packageRoot + "/packs/\(id).md", encoding: .utf8)
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("title:") }) else {
            throw HarnessError("pack \(id) has no title")
        }
        return line.dropFirst("title:".count).trimmingCharacters(in: .whitespaces)
    }
}

/// A small tmpfs mounted at `path` (a full disk of `size`, e.g. "8k"), for as long as the
/// returned value lives; nil where mounting is not allowed (it needs root), and the caller skips.
final class SmallDisk {
    let path: String

    init?(at path: String, size: String) throws {
        self.path = path
        guard try Self.run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", path]) == 0 else {
            print("skipped: cannot mount a small tmpfs here")
            return nil
        }
    }

    deinit { _ = try? Self.run("/bin/umount", [path]) }

    private static func run(_ executable: String, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}

/// Python 3 from the PATH, for the tests that check alliance's output with a reference reader
/// (icalendar, the `cryptography` package).
enum Python {
    /// Runs `python3 arguments` and waits for it: its exit status, standard output and error.
    static func run(_ arguments: [String]) throws -> (status: Int32, stdout: [UInt8], stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let problem = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, Array(data), problem)
    }
}
