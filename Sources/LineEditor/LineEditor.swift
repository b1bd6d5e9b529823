import CEditLine
// alliance builds on Linux (glibc) only, as AllianceKit's Support/POSIX.swift says.
import Glibc

/// What reading a line gave.
package enum LineInput: Equatable, Sendable {
    case line(String)
    /// Ctrl-C: the line was discarded.
    case interrupted
    /// Ctrl-D on an empty line, or the end of piped input.
    case end
}

/// A source of typed lines.
package protocol LineReader: AnyObject {
    func readLine(prompt: String) -> LineInput
}

/// Reads plain lines from standard input, buffered: for scripts and pipes.
package final class PlainLineReader: LineReader {
    private var first = true

    package init() {}

    package func readLine(prompt: String) -> LineInput {
        // `readLine` retries while `errno` is EINTR, and the end of input leaves it as it was.
        errno = 0
        guard var line = Swift.readLine(strippingNewline: true) else { return .end }
        if line.hasSuffix("\r") { line.removeLast() }
        // A script saved with a byte-order mark: the mark is not part of its first line.
        if first, line.unicodeScalars.first == "\u{FEFF}" { line.unicodeScalars.removeFirst() }
        first = false
        return .line(line)
    }
}

/// The terminal the shell runs in.
package enum Terminal {
    /// Whether standard input and output are both terminals: only then is the shell interactive.
    package static var isInteractive: Bool { isatty(0) == 1 && isatty(1) == 1 }

    /// Columns of standard output, or `fallback` when it is not a terminal.
    package static func width(fallback: Int = 80) -> Int {
        let width = Int(ce_terminal_width(1))
        return width > 0 ? width : fallback
    }

    /// Sets a UTF-8 character type so the line editor keeps non-ASCII input ("Zoë", emoji).
    package static func prepareLocale() { ce_setup_locale() }

    /// Writes text to standard output through the same buffer the line editor uses.
    package static func write(_ text: String) { ce_print(text) }

    /// From now on SIGHUP (the terminal closed) and SIGTERM end input instead of the process:
    /// the read waiting for a line sees the end of input, and `terminationSignal` says why.
    package static func catchTermination() { ce_catch_termination() }

    /// Turns core dumps off for this process (`RLIMIT_CORE` 0, and not dumpable on Linux), so a
    /// crash leaves no copy of what was typed on disk. False when the system refused.
    @discardableResult
    package static func disableCoreDumps() -> Bool { ce_disable_core_dumps() == 0 }

    /// The SIGHUP or SIGTERM received since `catchTermination()`, or nil.
    package static var terminationSignal: Int32? {
        let signal = ce_termination_signal()
        return signal == 0 ? nil : signal
    }
}

/// A line history that can be loaded from and saved to a file (libedit's own format).
package final class LineHistory {
    let handle: OpaquePointer

    package init?(size: Int = 1000) {
        guard let handle = ce_history_new(Int32(size)) else { return nil }
        self.handle = handle
    }

    deinit { ce_history_free(handle) }

    package func add(_ line: String) { _ = ce_history_enter(handle, line) }

    /// Loads entries from `path`; false when there is no readable history there.
    @discardableResult
    package func load(from path: String) -> Bool { ce_history_load(handle, path) >= 0 }

    /// Saves every entry to `path`, creating it private (0600).
    @discardableResult
    package func save(to path: String) -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { return false }
        fchmod(fd, 0o600)
        close(fd)
        return ce_history_save(handle, path) >= 0
    }
}

/// Line editing through libedit: history (Up, Ctrl-R), Tab completion, UTF-8,
/// Ctrl-C to discard the line and Ctrl-D to end.
package final class EditLineReader: LineReader {
    /// Given the text before the cursor: the word being completed, its candidates, and, if they
    /// are listed as more than what Tab inserts, the line to list for each (else nil).
    package typealias Completion = (_ lineBeforeCursor: String) -> (
        word: String, candidates: [String], labels: [String]?
    )

    private var editor: UnsafeMutablePointer<ce_editor>?
    private let history: LineHistory
    private let completion: Completion

    package init?(program: String, history: LineHistory, completion: @escaping Completion) {
        self.history = history
        self.completion = completion
        let callback: ce_key_fn = { context, el in
            guard let context, let el else { return UInt8(CC_ERROR) }
            return Unmanaged<EditLineReader>.fromOpaque(context).takeUnretainedValue().complete(el)
        }
        guard let editor = ce_open(program, history.handle, nil, callback) else { return nil }
        self.editor = editor
        editor.pointee.context = Unmanaged.passUnretained(self).toOpaque()
    }

    deinit { ce_close(editor) }

    package func readLine(prompt: String) -> LineInput {
        guard let editor else { return .end }
        ce_set_prompt(editor, prompt)
        var count: Int32 = 0
        var interrupted: Int32 = 0
        // Bracketed paste only while a line is edited: a paste arrives as one line (see the shim).
        Terminal.write("\u{1B}[?2004h")
        let line = ce_gets(editor, &count, &interrupted)
        Terminal.write("\u{1B}[?2004l")
        if interrupted != 0 {
            Terminal.write("\n")
            return .interrupted
        }
        guard let line, count > 0 else {
            Terminal.write("\n")
            return .end
        }
        var text = String(cString: line)
        while let last = text.last, last == "\n" || last == "\r" { text.removeLast() }
        return .line(text)
    }

    /// Tab: one candidate replaces the word; several insert what they share, or are listed.
    private func complete(_ el: OpaquePointer) -> UInt8 {
        var buffer: UnsafePointer<CChar>?
        var cursor = 0
        ce_line(el, &buffer, &cursor)
        guard let buffer else { return UInt8(CC_ERROR) }
        let before = String(decoding: UnsafeRawBufferPointer(start: buffer, count: cursor), as: UTF8.self)
        let (word, offered, given) = completion(before)
        let labels = given.flatMap { $0.count == offered.count ? $0 : nil }
        // Nothing a terminal would act on is typed into the line or listed: such a candidate
        // (a file name, a name from a log) is left out, with its label.
        let kept = offered.indices.filter { i in
            !Self.hasUnsafeScalar(offered[i]) && !(labels.map { Self.hasUnsafeScalar($0[i]) } ?? false)
        }
        let candidates = kept.map { offered[$0] }
        guard !candidates.isEmpty else { return UInt8(CC_ERROR) }
        let replacement: String
        if candidates.count == 1 {
            // A candidate ending in `/` is a start (the `/` of a command): no space after it.
            replacement = candidates[0] + (candidates[0].hasSuffix("/") ? "" : " ")
        } else {
            let shared = Self.commonPrefix(candidates)
            guard shared.count > word.count || shared != word else {
                // Labelled candidates are listed one a line, as labelled; the rest in columns.
                let listing =
                    labels.map { labels in kept.map { labels[$0] }.joined(separator: "\n") }
                    ?? Self.columns(candidates, width: Terminal.width())
                Terminal.write("\n" + listing + "\n")
                return UInt8(CC_REDISPLAY)
            }
            replacement = shared
        }
        el_deletestr(el, Int32(word.unicodeScalars.count))
        el_insertstr(el, replacement)
        return UInt8(CC_REFRESH)
    }

    /// Whether `text` holds a C0 or C1 control, DEL, U+2028, U+2029 or a bidi control (U+200E,
    /// U+200F, U+202A–U+202E, U+2066–U+2069): what a terminal would act on or reorder.
    static func hasUnsafeScalar(_ text: String) -> Bool {
        text.unicodeScalars.contains { s in
            let v = s.value
            return v < 0x20 || (0x7F...0x9F).contains(v) || v == 0x2028 || v == 0x2029 || v == 0x200E
                || v == 0x200F || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
        }
    }

    /// The longest case-insensitive common prefix, spelled as in the first candidate.
    static func commonPrefix(_ words: [String]) -> String {
        guard var prefix = words.first.map(Array.init) else { return "" }
        for word in words.dropFirst() {
            let chars = Array(word)
            var n = 0
            while n < prefix.count, n < chars.count, prefix[n].lowercased() == chars[n].lowercased() {
                n += 1
            }
            prefix.removeLast(prefix.count - n)
        }
        return String(prefix)
    }

    /// Candidates laid out in columns across `width`.
    static func columns(_ words: [String], width: Int) -> String {
        let cell = (words.map(\.count).max() ?? 0) + 2
        let perRow = max(1, width / max(cell, 1))
        var rows: [String] = []
        var row = ""
        for (i, word) in words.enumerated() {
            row +=
                i % perRow == perRow - 1 || i == words.count - 1
                ? word : word + String(repeating: " ", count: cell - word.count)
            if i % perRow == perRow - 1 {
                rows.append(row)
                row = ""
            }
        }
        if !row.isEmpty { rows.append(row) }
        return rows.joined(separator: "\n")
    }
}
