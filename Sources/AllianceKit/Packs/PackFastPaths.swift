/// Fast paths of the pack parser that give exactly what the general code gives.
extension Pack {
    /// A front matter value as the pack reads it: one value, a list of values, or something else.
    enum FrontMatterValue {
        case scalar(String)
        /// The list's single values, in order (nested lists and mappings left out).
        case sequence([String])
        case other
    }

    /// The text's lines, without a `\r` at the end of a line: split by bytes, so a pack saved
    /// with Windows line endings (CRLF) reads as the same pack. (Split by characters, `"\r\n"`
    /// is one character and a CRLF file was a single line.)
    static func splitLines(_ text: String) -> [String] {
        var contiguous = text
        return contiguous.withUTF8 { bytes -> [String] in
            guard !bytes.isEmpty else { return [""] }
            var lines: [String] = []
            var start = 0
            while start <= bytes.count {
                let end = POSIX.firstIndex(of: 10, in: bytes, from: start) ?? bytes.count
                // A line ends at a line feed, so it is whole UTF-8; a carriage return before it is dropped.
                let stop = end > start && bytes[end - 1] == 13 ? end - 1 : end
                lines.append(
                    String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<stop]), as: UTF8.self))
                start = end + 1
            }
            return lines
        }
    }

    /// Reads front matter made only of `key: value` and `key: [a, b]` lines with plain values,
    /// the way the YAML library reads them. Returns false, changing nothing, when a line holds
    /// anything else (quotes, comments, nested or continued values, a repeated key, characters
    /// YAML treats specially): the YAML library then reads it, with its own messages.
    static func readSimpleFrontMatter(
        _ lines: ArraySlice<String>, into pack: inout Pack, path: String, warn: (String, Int) -> Void
    ) throws(AllianceError) -> Bool {
        var entries: [(key: String, value: FrontMatterValue, line: Int)] = []
        for index in lines.indices {
            let bytes = Array(lines[index].utf8)
            if bytes.allSatisfy({ $0 == 0x20 }) { continue }
            guard let entry = simpleEntry(bytes) else { return false }
            // A repeated key is an error of the YAML library's.
            if entries.contains(where: { $0.key == entry.key }) { return false }
            entries.append((entry.key, entry.value, index + 1))
        }
        try applyFrontMatter(entries, into: &pack, path: path, warn: warn)
        return true
    }

    /// `key: value`, `key:` or `key: [a, b]`, else nil.
    private static func simpleEntry(_ bytes: [UInt8]) -> (key: String, value: FrontMatterValue)? {
        var i = 0
        guard let first = bytes.first, isKeyStart(first) else { return nil }
        while i < bytes.count, isKeyByte(bytes[i]) { i += 1 }
        guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return nil }
        let key = String(decoding: bytes[0..<i], as: UTF8.self)
        i += 1
        guard i == bytes.count || bytes[i] == 0x20 else { return nil }
        var end = bytes.count
        while i < end, bytes[i] == 0x20 { i += 1 }
        while end > i, bytes[end - 1] == 0x20 { end -= 1 }
        let value = bytes[i..<end]
        guard let head = value.first else { return (key, .scalar("")) }
        if head == UInt8(ascii: "[") {
            guard value.count >= 2, value.last == UInt8(ascii: "]") else { return nil }
            let inner = value.dropFirst().dropLast()
            if inner.allSatisfy({ $0 == 0x20 }) { return (key, .sequence([])) }
            var items: [String] = []
            for raw in inner.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false) {
                var lo = raw.startIndex
                var hi = raw.endIndex
                while lo < hi, raw[lo] == 0x20 { lo += 1 }
                while hi > lo, raw[hi - 1] == 0x20 { hi -= 1 }
                let item = raw[lo..<hi]
                guard !item.isEmpty, isPlain(item, flow: true) else { return nil }
                items.append(String(decoding: item, as: UTF8.self))
            }
            return (key, .sequence(items))
        }
        guard isPlain(value, flow: false) else { return nil }
        return (key, .scalar(String(decoding: value, as: UTF8.self)))
    }

    private static func isKeyStart(_ b: UInt8) -> Bool {
        (0x61...0x7A).contains(b) || (0x41...0x5A).contains(b) || b == UInt8(ascii: "_")
    }

    private static func isKeyByte(_ b: UInt8) -> Bool {
        isKeyStart(b) || (0x30...0x39).contains(b) || b == UInt8(ascii: "-")
    }

    /// A plain YAML value with no character YAML could read another way: it does not start
    /// with an indicator, holds no `: ` or ` #`, no tab or control character, and in a list
    /// none of `,[]{}:#` or quotes.
    private static func isPlain(_ value: ArraySlice<UInt8>, flow: Bool) -> Bool {
        guard let head = value.first, let last = value.last else { return false }
        if isIndicator(head) { return false }
        if last == UInt8(ascii: ":") { return false }
        var previous: UInt8 = 0
        for b in value {
            if b < 0x20 || b == 0x7F { return false }
            if flow && isFlowSpecial(b) { return false }
            if previous == UInt8(ascii: ":") && b == 0x20 { return false }
            if previous == 0x20 && b == UInt8(ascii: "#") { return false }
            previous = b
        }
        if previous >= 0x80 || value.contains(where: { $0 >= 0x80 }) {
            // Only printable characters YAML reads as text: no C1 controls, line or paragraph
            // separators, byte order marks or non-characters.
            for scalar in String(decoding: value, as: UTF8.self).unicodeScalars where scalar.value >= 0x80 {
                let v = scalar.value
                if v < 0xA0 || v == 0x2028 || v == 0x2029 || v == 0xFEFF || v == 0xFFFE || v == 0xFFFF {
                    return false
                }
            }
        }
        return true
    }

    /// The characters that give a YAML value another meaning when it starts with one.
    static func isIndicator(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "["),
            UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "&"),
            UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "'"),
            UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"):
            true
        default: false
        }
    }

    /// The characters a value in a `[…]` list may not hold here.
    static func isFlowSpecial(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"),
            UInt8(ascii: ":"), UInt8(ascii: "#"), UInt8(ascii: "'"), UInt8(ascii: "\""):
            true
        default: false
        }
    }
}
