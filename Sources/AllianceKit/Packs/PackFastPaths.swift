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

}
