/// Where reports go: standard error, one line each.
package enum StandardError {
    /// Writes `report` as `rendered(color:)` makes it: the one place an `error:` line is printed.
    package static func report(_ report: AllianceError, color: Bool = false) {
        FileOutput.write(report.rendered(color: color) + "\n")
    }

    /// Writes a note, as it is: `saved as …`, `wrote …`.
    package static func note(_ message: String) {
        report(AllianceError(message, severity: .note))
    }
}

/// Unbuffered writes straight to a file descriptor: standard error, or a block of standard output.
package enum FileOutput {
    /// `text` to standard error.
    package static func write(_ text: String) { write(Array(text.utf8), to: 2) }

    /// All of `bytes` to the file descriptor, unless it fails.
    package static func write(_ bytes: [UInt8], to fd: Int32) { POSIX.writeAll(bytes, to: fd) }
}

/// Standard output for long listings: lines gathered into blocks, so a transcript of a million
/// events is a few hundred writes rather than a million.
package struct BufferedOutput: TextOutput {
    private var bytes: [UInt8] = []

    package init() { bytes.reserveCapacity(1 << 16) }

    package mutating func line(_ text: String) {
        bytes.append(contentsOf: text.utf8)
        bytes.append(UInt8(ascii: "\n"))
        if bytes.count >= 1 << 16 { flush() }
    }

    package mutating func write(_ block: [UInt8]) {
        flush()
        FileOutput.write(block, to: 1)
    }

    package mutating func flush() {
        // Whatever `print` left in C's buffer goes first, so lines keep their order.
        POSIX.flushStandardIO()
        FileOutput.write(bytes, to: 1)
        bytes.removeAll(keepingCapacity: true)
    }
}
