import AllianceKit
import LineEditor

/// Writes lines to the terminal, in colour when it is wanted.
struct Output {
    var color: Bool

    func show(_ lines: [Line]) {
        guard !lines.isEmpty else { return }
        Terminal.write(lines.map(render).joined(separator: "\n") + "\n")
    }

    /// One line as the terminal gets it: its text made safe once more here, whatever built it
    /// (a name, a pack, a log), so no command can put a raw escape on the screen.
    func render(_ line: Line) -> String {
        let text = line.text.terminalSafe
        guard color else { return text }
        let code: String
        switch line.style {
        case .plain: return text
        case .question: code = "1"
        case .dim: code = "2"
        case .heading: code = "1;4"
        case .agreement: code = "32"
        case .warning: code = "33"
        }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }

    /// The prompt; escape sequences sit between \u{1} markers so libedit knows they take no room.
    func prompt(for name: String?) -> String {
        let label = (name ?? "alliance").terminalSafe
        guard color else { return "\(label) › " }
        return "\u{1}\u{1B}[1;36m\u{1}\(label)\u{1}\u{1B}[0m\u{1} › "
    }

    /// Whether to colour: only on a terminal, and never when `NO_COLOR` is set or `TERM=dumb`.
    static func wantsColor(interactive: Bool, environment: [String: String]) -> Bool {
        guard interactive else { return false }
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        return environment["TERM"] != "dumb"
    }
}

/// Where messages for the user go: standard error, one line each.
enum Diagnostics {
    /// The one place `error:` is printed.
    static func error(_ message: String, color: Bool = false) {
        let text = message.terminalSafe
        FileOutput.write(color ? "\u{1B}[31merror:\u{1B}[0m \(text)\n" : "error: \(text)\n")
    }
    static func warning(_ message: String) { FileOutput.write("warning: \(message.terminalSafe)\n") }
    static func note(_ message: String) { FileOutput.write("\(message.terminalSafe)\n") }
}

#if canImport(Glibc)
    import Glibc
#endif

/// Unbuffered writes straight to a file descriptor: standard error, or a block of standard output.
enum FileOutput {
    /// `text` to standard error.
    static func write(_ text: String) { write(Array(text.utf8), to: 2) }

    /// All of `bytes` to the file descriptor, unless it fails.
    static func write(_ bytes: [UInt8], to fd: Int32) {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                offset += n
            }
        }
    }
}

/// Standard output for long listings: lines gathered into blocks, so a transcript of a million
/// events is a few hundred writes rather than a million.
struct BufferedOutput {
    private var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(1 << 16) }

    mutating func line(_ text: String) {
        bytes.append(contentsOf: text.utf8)
        bytes.append(UInt8(ascii: "\n"))
        if bytes.count >= 1 << 16 { flush() }
    }

    mutating func write(_ block: [UInt8]) {
        flush()
        FileOutput.write(block, to: 1)
    }

    mutating func flush() {
        // Whatever `print` left in C's buffer goes first, so lines keep their order.
        fflush(nil)
        FileOutput.write(bytes, to: 1)
        bytes.removeAll(keepingCapacity: true)
    }
}
