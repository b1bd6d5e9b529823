/// Where a listing's text goes: standard output a block at a time (`BufferedOutput`), or memory.
package protocol TextOutput {
    /// One line; the `\n` is added.
    mutating func line(_ text: String)
    /// Bytes that are already whole lines, each ending in `\n`.
    mutating func write(_ block: [UInt8])
    /// Puts out what is held, before the program waits for the coach.
    mutating func flush()
}

/// Text kept in memory: what a listing would print, for tests.
package struct TextBuffer: TextOutput {
    package private(set) var bytes: [UInt8] = []

    package init() {}

    package mutating func line(_ text: String) {
        bytes.append(contentsOf: text.utf8)
        bytes.append(UInt8(ascii: "\n"))
    }

    package mutating func write(_ block: [UInt8]) { bytes.append(contentsOf: block) }

    package mutating func flush() {}

    package var text: String { String(decoding: bytes, as: UTF8.self) }
}
