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

    /// `bulletText` decided from the first bytes when they settle it: nil when they do not
    /// (a digit first, or a non-ASCII scalar where one could join a character).
    static func quickBulletText(_ line: String) -> String?? {
        let utf8 = line.utf8
        guard let first = utf8.first, first < 0x80 else { return nil }
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "*") || first == UInt8(ascii: "+") {
            let second = utf8.index(after: utf8.startIndex)
            // A first character that is not "-" alone, or a second that is not " ": no bullet.
            guard second < utf8.endIndex, utf8[second] == 0x20 else { return .some(nil) }
            let third = utf8.index(after: second)
            // A combining mark after the space would make it another character.
            guard third == utf8.endIndex || utf8[third] < 0x80 else { return nil }
            return .some(String(line[third...]).trimmed)
        }
        if (0x30...0x39).contains(first) { return nil }
        return .some(nil)
    }

    /// `stripID` decided from the bytes of the end of the item when they are ASCII from its last
    /// `{` on (and the scalar before it): then characters and bytes are the same there.
    static func quickStripID(_ item: String) -> (text: String, id: String?)? {
        let utf8 = item.utf8
        guard let last = utf8.last else { return (item, nil) }
        guard last == UInt8(ascii: "}") else { return (item, nil) }
        var brace = utf8.index(before: utf8.endIndex)
        while true {
            let b = utf8[brace]
            if b >= 0x80 || b == 13 { return nil }
            if b == UInt8(ascii: "{") { break }
            if brace == utf8.startIndex { return (item, nil) }
            brace = utf8.index(before: brace)
        }
        if brace > utf8.startIndex {
            let before = utf8[utf8.index(before: brace)]
            if before >= 0x80 || before == 13 { return nil }
        }
        let hash = utf8.index(after: brace)
        guard hash < utf8.endIndex, utf8[hash] == UInt8(ascii: "#") else { return (item, nil) }
        let id = String(item[utf8.index(after: hash)..<utf8.index(before: utf8.endIndex)])
        return (String(item[..<brace]).trimmed, id)
    }

}
