import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The real interactive shell, driven through a pseudo-terminal like a person at a keyboard.
@Suite("Interactive shell", .timeLimit(.minutes(2)), .removingTemporaryDirectories)
struct InteractiveShellTests {
    @Test("Tab completes a command name")
    func completesCommand() throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        let shell = try TerminalSession(home: home)
        defer { shell.stop() }

        try shell.waitFor("alliance › ")
        // Tab on an empty line offers the `/` that starts a command, then completes the name.
        shell.send("\t")
        shell.send("he\t\r")
        try shell.waitFor("list the commands")
        try shell.waitFor("Ctrl-D closes the sitting")
        try shell.waitFor("alliance › ")
        shell.send("\u{04}")
        #expect(try shell.waitForExit() == 0)
    }

    @Test("Tab completes a command's argument: a pack id")
    func completesArgument() throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        let shell = try TerminalSession(
            home: home, arguments: ["--pack", "new-team-member", "--with", "Ann"])
        defer { shell.stop() }

        try shell.waitFor("Ann › ")
        shell.send("/pack when\t\r")
        let title = try BundledPack.title(of: "when-things-get-tough")
        try shell.waitFor("\(title) (when-things-get-tough)", caseInsensitive: true)
        try shell.waitFor("Ann › ")
        shell.send("/ask\r")
        try shell.waitFor(try BundledPack.firstQuestion(of: "when-things-get-tough"))
        try shell.waitFor("Ann › ")
        shell.send("\u{04}")
        #expect(try shell.waitForExit() == 0)

        let events = try LogFile.events(try home.singleSessionLog())
        #expect(
            events.contains {
                $0["type"] as? String == "pack" && $0["id"] as? String == "when-things-get-tough"
            },
            "the pack switch was not recorded")
    }

    @Test("non-ASCII names and answers survive the line editor byte for byte")
    func nonASCII() throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        let shell = try TerminalSession(
            home: home, arguments: ["--pack", "new-team-member", "--with", "Zoë"])
        defer { shell.stop() }

        try shell.waitFor("Zoë › ")
        shell.send("/ask\r")
        try shell.waitFor(try BundledPack.firstQuestion(of: "new-team-member"))
        try shell.waitFor("Zoë › ")
        shell.send("un café 🌟 au soleil\r")
        try shell.waitFor("✓ #3 Zoë")
        try shell.waitFor("Zoë › ")
        shell.send("\u{04}")
        #expect(try shell.waitForExit() == 0)

        let log = try home.singleSessionLog()
        let text = try String(contentsOfFile: log, encoding: .utf8)
        #expect(text.contains("un café 🌟 au soleil"))
        let events = try LogFile.events(log)
        #expect(
            events.contains {
                $0["type"] as? String == "answer" && $0["by"] as? String == "Zoë"
                    && $0["text"] as? String == "un café 🌟 au soleil"
            }, "log: \(text)")
    }

    @Test("Ctrl-C discards the line being typed and the shell keeps going")
    func controlCDiscardsLine() throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        let shell = try TerminalSession(
            home: home, arguments: ["--pack", "new-team-member", "--with", "Ann"])
        defer { shell.stop() }

        try shell.waitFor("Ann › ")
        shell.send("/ask\r")
        try shell.waitFor(try BundledPack.firstQuestion(of: "new-team-member"))
        try shell.waitFor("Ann › ")
        shell.send("discardedwords never meant")
        try shell.waitFor("never meant")
        shell.send("\u{03}")
        try shell.waitFor("Ann › ")
        shell.send("/help\r")
        try shell.waitFor("list the commands")
        try shell.waitFor("Ann › ")
        shell.send("keptwords are the answer\r")
        try shell.waitFor("✓ #3 Ann")
        try shell.waitFor("Ann › ")
        shell.send("\u{04}")
        #expect(try shell.waitForExit() == 0)

        let log = try home.singleSessionLog()
        let text = try String(contentsOfFile: log, encoding: .utf8)
        #expect(!text.contains("discardedwords"), "the discarded line was recorded: \(text)")
        #expect(text.contains("keptwords are the answer"))
        let answers = try LogFile.events(log).filter { $0["type"] as? String == "answer" }
        #expect(answers.count == 1)
        for file in [home.path + "/history", log.replacingOccurrences(of: ".jsonl", with: ".history")] {
            let history = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
            #expect(!history.contains("discardedwords"), "\(file) keeps the discarded line")
        }
    }

    @Test("history persists across runs, without free-text answers in the shared file")
    func historyAcrossRuns() throws {
        let home = try TemporaryHome()
        defer { home.remove() }

        do {
            let shell = try TerminalSession(
                home: home, arguments: ["--pack", "new-team-member", "--with", "Ann"])
            defer { shell.stop() }
            try shell.waitFor("Ann › ")
            shell.send("/ask\r")
            try shell.waitFor(try BundledPack.firstQuestion(of: "new-team-member"))
            try shell.waitFor("Ann › ")
            shell.send("secretanswer123\r")
            try shell.waitFor("✓ #3 Ann")
            try shell.waitFor("Ann › ")
            shell.send("/help\r")
            try shell.waitFor("list the commands")
            try shell.waitFor("Ann › ")
            shell.send("\u{04}")
            #expect(try shell.waitForExit() == 0)
            // The shell ends the prompt's line before it says goodbye.
            let after = shell.unmatchedText
            let promptLine = after.prefix { $0 != "\n" }
            #expect(after.contains("\n") && !promptLine.contains("closed"), "after Ctrl-D: \(after)")
            #expect(after.contains("Sitting 1 closed"), "after Ctrl-D: \(after)")
        }

        let shared = try String(contentsOfFile: home.path + "/history", encoding: .utf8)
        #expect(shared.contains("help"), "history: \(shared)")
        #expect(shared.contains("ask"), "history: \(shared)")
        #expect(!shared.contains("secretanswer123"), "a confidential answer leaked into \(home.path)/history")
        #expect(LogFile.mode(home.path + "/history") == 0o600)

        let shell = try TerminalSession(
            home: home, arguments: ["--pack", "new-team-member", "--with", "Ann"])
        defer { shell.stop() }
        try shell.waitFor("Ann › ")
        shell.send("\u{1B}[A")
        try shell.waitFor("help")
        shell.send("\r")
        try shell.waitFor("list the commands")
        try shell.waitFor("Ann › ")
        shell.send("\u{04}")
        #expect(try shell.waitForExit() == 0)
        #expect(home.sessionLogs().count == 1, "the second run recorded nothing, so saves nothing")
    }

    @Test("a multi-line paste is one answer, and answers that start with a command word stay answers")
    func pasteAndCommandWords() throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        let shell = try TerminalSession(
            home: home, arguments: ["--pack", "new-team-member", "--with", "Ann"])
        defer { shell.stop() }

        try shell.waitFor("Ann › ")
        shell.send("\t")
        shell.send("as\t")
        shell.send("\r")
        try shell.waitFor(try BundledPack.firstQuestion(of: "new-team-member"))
        try shell.waitFor("Ann › ")
        // What a terminal sends for a paste once the shell asked for bracketed paste.
        shell.send("\u{1B}[200~first pasted line\nsecond pasted line\r\nthird\u{1B}[201~")
        try shell.waitFor("third")
        shell.send("\r")
        try shell.waitFor("✓ #3 Ann")
        for answer in ["Agree on goals", "Quit smoking is my goal", "With pleasure", "no"] {
            try shell.waitFor("Ann › ")
            shell.send(answer + "\r")
            try shell.waitFor("✓ #")
        }
        try shell.waitFor("Ann › ")
        shell.send("\u{04}")
        #expect(try shell.waitForExit() == 0)

        let answers = try LogFile.events(try home.singleSessionLog()).filter {
            $0["type"] as? String == "answer"
        }
        #expect(
            answers.map { $0["text"] as? String } == [
                "first pasted line second pasted line third", "Agree on goals", "Quit smoking is my goal",
                "With pleasure", "no",
            ])
        #expect(answers.allSatisfy { $0["by"] as? String == "Ann" })
    }

    @Test("Ctrl-D on an empty line closes the sitting in the log")
    func controlDCloses() throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        let shell = try TerminalSession(
            home: home, arguments: ["--pack", "new-team-member", "--with", "Ann"])
        defer { shell.stop() }

        try shell.waitFor("Ann › ")
        shell.send("/ask\r")
        try shell.waitFor(try BundledPack.firstQuestion(of: "new-team-member"))
        try shell.waitFor("Ann › ")
        shell.send("an answer before leaving\r")
        try shell.waitFor("✓ #3 Ann")
        try shell.waitFor("Ann › ")
        shell.send("\u{04}")
        try shell.waitFor("closed")
        #expect(try shell.waitForExit() == 0)

        let lines = try LogFile.lines(try home.singleSessionLog())
        let last = try #require(lines.last)
        #expect(last.contains("\"type\":\"close\""), "last line: \(last)")
        let events = try LogFile.events(try home.singleSessionLog())
        #expect(events.compactMap { ($0["seq"] as? NSNumber)?.intValue } == Array(1...events.count))
        #expect(LogFile.mode(try home.singleSessionLog()) == 0o600)
    }
}

/// One run of the binary on a pseudo-terminal: its master side, output so far, and process.
///
/// The child is started with `posix_spawn` (no fork in Swift): it gets its own session
/// (`POSIX_SPAWN_SETSID`) and opens the terminal's slave side on fds 0, 1 and 2, which
/// makes it its controlling terminal.
final class TerminalSession {
    let pid: pid_t
    private var master: Int32
    /// Every byte the shell wrote to the terminal.
    private(set) var rawOutput: [UInt8] = []
    /// How far `waitFor` has matched in the stripped output.
    private var mark = 0
    private var exitStatus: Int32?
    private var ended = false

    init(
        home: TemporaryHome, arguments: [String] = [], columns: UInt16 = 100, rows: UInt16 = 30
    ) throws {
        let pty = try PseudoTerminal.open()
        master = pty.master
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)

        var environment = home.environment
        environment["TERM"] = "xterm-256color"
        environment["LANG"] = "C.UTF-8"
        environment["NO_COLOR"] = nil
        do {
            pid = try PseudoTerminal.spawn(
                Alliance.binary, arguments: ["--home", home.path] + arguments, environment: environment,
                terminal: pty.slavePath)
        } catch {
            Glibc.close(pty.master)
            throw error
        }
    }

    deinit { stop() }

    /// Kills the child if it still runs, reaps it, and closes the terminal.
    func stop() {
        if exitStatus == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
            exitStatus = status
        }
        if master >= 0 {
            Glibc.close(master)
            master = -1
        }
    }

    /// Types `text` (keystrokes: `\r` is Enter, `\t` Tab, `\u{03}` Ctrl-C, `\u{04}` Ctrl-D).
    ///
    /// Waits first until the line editor has the terminal in raw mode, as a person's typing
    /// would: libedit prints the prompt before it leaves cooked mode, and in cooked mode the
    /// kernel, not the editor, would act on Ctrl-C (a signal) and Ctrl-D (end of file).
    func send(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        waitUntilEditing(sourceLocation: sourceLocation)
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count && master >= 0 {
            let n = bytes.withUnsafeMutableBytes { raw in
                Glibc.write(master, raw.baseAddress! + offset, raw.count - offset)
            }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            offset += n
        }
    }

    /// How long a wait for the shell's output or exit lasts before the test fails: only a hung shell
    /// reaches it (every wait ends as soon as what it waits for arrives), so it is generous enough
    /// for a debug build on a loaded CI machine.
    static let hangTimeout: TimeInterval = 60

    /// Reads output until the terminal is in raw mode (no ICANON), or records an issue.
    private func waitUntilEditing(timeout: TimeInterval = hangTimeout, sourceLocation: SourceLocation) {
        let deadline = Date().addingTimeInterval(timeout)
        var settings = termios()
        // On Linux the master side reports the slave's settings.
        while master >= 0 && !ended && tcgetattr(master, &settings) == 0
            && settings.c_lflag & tcflag_t(ICANON) != 0
        {
            if Date() >= deadline {
                Issue.record(
                    "the line editor never took the terminal; it shows:\n\(strippedText)",
                    sourceLocation: sourceLocation)
                return
            }
            if !pump(milliseconds: 5) { usleep(2_000) }
        }
    }

    /// The stripped output after the last `waitFor` match.
    var unmatchedText: String {
        let stripped = ANSI.strip(rawOutput)
        return String(decoding: stripped[min(mark, stripped.count)...], as: UTF8.self)
    }

    /// The output so far with escape sequences and control characters (but newlines) removed.
    var strippedText: String { String(decoding: ANSI.strip(rawOutput), as: UTF8.self) }

    /// Reads until the stripped output after the previous match contains `text`; the next
    /// call looks only after this match. Fails the test with the output so far on timeout.
    func waitFor(
        _ text: String, timeout: TimeInterval = hangTimeout, caseInsensitive: Bool = false,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let stripped = ANSI.strip(rawOutput)
            if mark <= stripped.count,
                let end = ANSI.find(text, in: stripped, from: mark, caseInsensitive: caseInsensitive)
            {
                mark = end
                return
            }
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 || ended {
                Issue.record(
                    "timed out waiting for \"\(text)\"; the terminal shows:\n\(strippedText)",
                    sourceLocation: sourceLocation)
                stop()
                throw HarnessError("timed out waiting for \"\(text)\"")
            }
            pump(milliseconds: Int32(min(remaining, 0.1) * 1000))
        }
    }

    /// Waits for the child to exit, reading its output meanwhile; its exit status.
    func waitForExit(timeout: TimeInterval = hangTimeout, sourceLocation: SourceLocation = #_sourceLocation)
        throws
        -> Int32
    {
        let deadline = Date().addingTimeInterval(timeout)
        while exitStatus == nil {
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid {
                exitStatus = status
                break
            }
            if Date() >= deadline {
                Issue.record(
                    "the shell did not exit within \(timeout) s; the terminal shows:\n\(strippedText)",
                    sourceLocation: sourceLocation)
                stop()
                throw HarnessError("the shell did not exit")
            }
            if !pump(milliseconds: 50) { usleep(10_000) }
        }
        while pump(milliseconds: 100) {}
        let status = exitStatus ?? 0
        if status & 0x7F != 0 {
            Issue.record("the shell was killed by signal \(status & 0x7F)", sourceLocation: sourceLocation)
            return -1
        }
        return (status >> 8) & 0xFF
    }

    /// Reads what is available within `milliseconds`; whether anything was read.
    @discardableResult
    private func pump(milliseconds: Int32) -> Bool {
        guard master >= 0, !ended else { return false }
        var fds = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        let ready = poll(&fds, 1, milliseconds)
        guard ready > 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = read(master, &buffer, buffer.count)
        if n > 0 {
            rawOutput += buffer[0..<n]
            return true
        }
        if n < 0 && errno == EINTR { return true }
        // EIO or end of file: the child closed the terminal.
        ended = true
        return false
    }
}

/// Opening a pseudo-terminal and starting a program on it, through glibc.
enum PseudoTerminal {
    private typealias IntFunction = @convention(c) (Int32) -> Int32
    private typealias PtsnameR = @convention(c) (Int32, UnsafeMutablePointer<CChar>?, Int) -> Int32
    private typealias AddCloseFrom =
        @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) ->
        Int32

    /// glibc's `POSIX_SPAWN_SETSID` (glibc 2.26+); Swift's Glibc module does not export it.
    private static let spawnSetSID: Int32 = 0x80

    /// `posix_openpt` and friends are hidden from Swift's Glibc module (they need
    /// `_XOPEN_SOURCE`), so they are looked up in the C library by name.
    private static func symbol<T>(_ name: String, as type: T.Type) -> T? {
        guard let handle = dlopen(nil, RTLD_NOW), let pointer = dlsym(handle, name) else { return nil }
        return unsafeBitCast(pointer, to: type)
    }

    /// A new pseudo-terminal: the master fd (close-on-exec) and the slave's path.
    static func open() throws -> (master: Int32, slavePath: String) {
        guard let openpt = symbol("posix_openpt", as: IntFunction.self),
            let grantpt = symbol("grantpt", as: IntFunction.self),
            let unlockpt = symbol("unlockpt", as: IntFunction.self),
            let ptsname = symbol("ptsname_r", as: PtsnameR.self)
        else { throw HarnessError("the C library has no posix_openpt") }
        let master = openpt(O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard master >= 0 else { throw HarnessError("posix_openpt failed: errno \(errno)") }
        var name = [CChar](repeating: 0, count: 256)
        guard grantpt(master) == 0, unlockpt(master) == 0, ptsname(master, &name, name.count) == 0 else {
            Glibc.close(master)
            throw HarnessError("could not prepare the pseudo-terminal: errno \(errno)")
        }
        let length = name.firstIndex(of: 0) ?? name.count
        return (master, String(decoding: name[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }

    /// Starts `path` in a new session with the terminal at `terminal` as fds 0, 1, 2 and its
    /// controlling terminal, default signal handling, and no other inherited fds.
    static func spawn(_ path: String, arguments: [String], environment: [String: String], terminal: String)
        throws -> pid_t
    {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let closeFrom = symbol("posix_spawn_file_actions_addclosefrom_np", as: AddCloseFrom.self) {
            _ = closeFrom(&actions, 3)
        }
        for fd: Int32 in [0, 1, 2] {
            let result = posix_spawn_file_actions_addopen(&actions, fd, terminal, O_RDWR, 0)
            guard result == 0 else { throw HarnessError("posix_spawn_file_actions_addopen: \(result)") }
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [
            SIGINT, SIGQUIT, SIGPIPE, SIGTERM, SIGHUP, SIGCHLD, SIGTSTP, SIGTTIN, SIGTTOU, SIGWINCH,
        ] {
            sigaddset(&defaults, signal)
        }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        let flags = spawnSetSID | Int32(POSIX_SPAWN_SETSIGMASK) | Int32(POSIX_SPAWN_SETSIGDEF)
        posix_spawnattr_setflags(&attributes, Int16(flags))

        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        guard result == 0 else { throw HarnessError("posix_spawn \(path): error \(result)") }
        return pid
    }
}

/// Terminal output as a person reads it.
enum ANSI {
    /// `bytes` without escape sequences (CSI, OSC, charset and other two-byte escapes) and
    /// without control characters other than newline. An unfinished sequence at the end is dropped.
    static func strip(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        let n = bytes.count
        while i < n {
            let byte = bytes[i]
            if byte == 0x1B {
                guard i + 1 < n else { break }
                let next = bytes[i + 1]
                if next == UInt8(ascii: "[") {
                    var j = i + 2
                    while j < n && !(0x40...0x7E).contains(bytes[j]) { j += 1 }
                    guard j < n else { break }
                    i = j + 1
                } else if next == UInt8(ascii: "]") || next == UInt8(ascii: "P") || next == UInt8(ascii: "_")
                    || next == UInt8(ascii: "^")
                {
                    var j = i + 2
                    var terminated = false
                    while j < n {
                        if bytes[j] == 0x07 {
                            j += 1
                            terminated = true
                            break
                        }
                        if bytes[j] == 0x1B && j + 1 < n && bytes[j + 1] == UInt8(ascii: "\\") {
                            j += 2
                            terminated = true
                            break
                        }
                        j += 1
                    }
                    guard terminated else { break }
                    i = j
                } else if [UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+")]
                    .contains(next)
                {
                    guard i + 2 < n else { break }
                    i += 3
                } else {
                    i += 2
                }
                continue
            }
            if byte == 0x0A || (byte >= 0x20 && byte != 0x7F) { out.append(byte) }
            i += 1
        }
        return out
    }

    /// The end offset of the first occurrence of `text` in `haystack` at or after `start`.
    static func find(_ text: String, in haystack: [UInt8], from start: Int, caseInsensitive: Bool) -> Int? {
        func fold(_ b: UInt8) -> UInt8 { caseInsensitive && (65...90).contains(b) ? b + 32 : b }
        let needle = Array(text.utf8).map(fold)
        guard !needle.isEmpty else { return start }
        guard haystack.count >= needle.count else { return nil }
        var i = start
        while i + needle.count <= haystack.count {
            var j = 0
            while j < needle.count && fold(haystack[i + j]) == needle[j] { j += 1 }
            if j == needle.count { return i + needle.count }
            i += 1
        }
        return nil
    }
}

extension PseudoTerminal {
    /// Runs `alliance --home H arguments` on a pseudo-terminal, typing each of `answers` at the
    /// next prompt that contains `prompt` (once the terminal shows it, ending in ": ", and `look`
    /// has been given the waiting process's id); what the terminal showed, and the exit status. A
    /// run that does not end within 60 s is killed.
    static func run(
        _ home: TemporaryHome, _ arguments: [String], answering answers: [String], at prompt: String,
        whileWaiting look: (pid_t) -> Void = { _ in }
    ) throws -> (shown: String, status: Int32) {
        let pty = try open()
        defer { Glibc.close(pty.master) }
        var environment = home.environment
        environment["TERM"] = "dumb"
        let pid = try spawn(
            Alliance.binary, arguments: ["--home", home.path] + arguments, environment: environment,
            terminal: pty.slavePath)
        var output: [UInt8] = []
        func readAvailable(waiting milliseconds: Int32) -> Bool {
            var descriptor = pollfd(fd: pty.master, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, milliseconds) > 0 else { return false }
            var buffer = [UInt8](repeating: 0, count: 4096)
            let n = Glibc.read(pty.master, &buffer, buffer.count)
            guard n > 0 else { return false }
            output += buffer[..<n]
            return true
        }
        var typed = 0
        var status: Int32 = 0
        let deadline = Date().addingTimeInterval(60)
        while waitpid(pid, &status, WNOHANG) != pid {
            guard Date() < deadline else {
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                throw HarnessError(
                    "alliance did not finish; it showed: \(String(decoding: output, as: UTF8.self))")
            }
            _ = readAvailable(waiting: 20)
            let shown = String(decoding: output, as: UTF8.self)
            let prompts = shown.components(separatedBy: prompt).count - 1
            if typed < answers.count, prompts > typed, shown.hasSuffix(": ") {
                look(pid)
                let line = Array((answers[typed] + "\n").utf8)
                _ = line.withUnsafeBytes { Glibc.write(pty.master, $0.baseAddress!, $0.count) }
                typed += 1
            }
        }
        while readAvailable(waiting: 50) {}
        return (String(decoding: output, as: UTF8.self), (status >> 8) & 0xFF)
    }
}
