/// The hash chain of a session log: each line's `prev` is the SHA-256 (64 lowercase hex digits) of
/// the line stored before it, as stored, without its `\n`; the first line's `prev` is the SHA-256
/// of the alliance's id (`2026-11-25-k3f9`), which binds the log to its alliance.
///
/// The hash is over the stored bytes, whatever they are, so the same chain works when lines are
/// stored encrypted: it then covers the ciphertext lines. Logs written before the chain have no
/// `prev`: an unchained prefix is accepted (and told as a warning by `alliance verify`), but once a
/// line is chained every later line must be.
package enum LogChain {
    /// What the first line of the log of alliance `id` is chained to.
    package static func genesis(id: String) -> String { SHA256.hex(Array(id.utf8)) }

    /// The hash a line's successor holds in its `prev`.
    package static func hash(of line: UnsafeBufferPointer<UInt8>) -> String { SHA256.hex(line) }

    /// The alliance id a log at `path` belongs to: its file name without `.jsonl`.
    package static func id(ofLogAt path: String) -> String {
        let name = Files.fileName(of: path)
        return name.hasSuffix(".jsonl") ? String(name.dropLast(6)) : name
    }

    /// `,"prev":"` + 64 hex digits + `"`, just before the checksum: where alliance writes it.
    private static let prevKey = Array(#","prev":""#.utf8)
    private static let suffixLength = prevKey.count + 64 + 1 + EventCodec.checksumSuffixLength

    /// The `prev` a line (without its `\n`, checksum already checked) holds, or nil when it has
    /// none. A `,"` cannot occur inside a JSON string (its quote would be escaped), so a line that
    /// ends with `,"prev":"…","crc":…` holds that `prev`; a line written by hand with `prev`
    /// elsewhere is read in full.
    package static func prev(in line: UnsafeBufferPointer<UInt8>) -> String? {
        if let digits = prevDigits(in: line) { return String(decoding: digits, as: UTF8.self) }
        guard contains(Array(#""prev""#.utf8), in: line) else { return nil }
        return (try? EventLineParser.record(line))?.string(.prev)
    }

    /// The 64 hex digits of `prev` where alliance writes it, just before the checksum; nil for a
    /// line without one there (`prev(in:)` then looks through the whole line).
    static func prevDigits(in line: UnsafeBufferPointer<UInt8>) -> Slice<UnsafeBufferPointer<UInt8>>? {
        guard line.count > suffixLength else { return nil }
        let start = line.count - suffixLength
        let key = UnsafeBufferPointer(rebasing: line[start..<(start + prevKey.count)])
        guard key.elementsEqual(prevKey) && line[start + prevKey.count + 64] == UInt8(ascii: "\"") else {
            return nil
        }
        return line[(start + prevKey.count)..<(start + prevKey.count + 64)]
    }

    private static func contains(_ needle: [UInt8], in line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard line.count >= needle.count else { return false }
        var i = 0
        while let found = POSIX.firstIndex(of: needle[0], in: line, from: i) {
            guard found + needle.count <= line.count else { return false }
            if line[found..<(found + needle.count)].elementsEqual(needle) { return true }
            i = found + 1
        }
        return false
    }
}

/// Follows the chain line by line: what `alliance verify`, `replay --strict` and `revisit` check.
package struct ChainChecker {
    let path: String
    /// The hash the next line's `prev` must hold.
    package private(set) var head: String
    package private(set) var lines = 0
    /// Lines before the first chained one (a log written before the chain).
    package private(set) var unchainedLines = 0
    package private(set) var isChained = false
    /// The first break found, by line number.
    package private(set) var problem: AllianceError?
    /// Whether the first line must be chained to the id in the file's name: a log in the data
    /// home's `sessions/`, named by its id. A log elsewhere may have been copied under any name.
    let bindsID: Bool
    /// Set when the first line is chained to another id than the file name's (and that is allowed).
    package private(set) var namedOtherwise = false

    package init(path: String, id: String, bindsID: Bool = true) {
        self.path = path
        self.bindsID = bindsID
        head = LogChain.genesis(id: id)
    }

    /// Checks the next stored line (without its `\n`) of a plain log, whose `prev` is in it.
    package mutating func check(_ line: UnsafeBufferPointer<UInt8>) {
        check(stored: line, prev: LogChain.prev(in: line))
    }

    /// Checks the next line: `stored`, its bytes as stored (what the next line's `prev` hashes), and
    /// `prev`, the one it holds. In a plain log they are the same line; a log stored encrypted
    /// gives the ciphertext line and the `prev` of its decrypted event.
    package mutating func check(stored line: UnsafeBufferPointer<UInt8>, prev: String?) {
        lines += 1
        let number = lines
        if problem == nil {
            if let prev {
                if prev != head && number == 1 && !bindsID {
                    namedOtherwise = true
                } else if prev != head {
                    problem =
                        number == 1
                        ? AllianceError(
                            "the first line is not chained to this alliance's id (\"\(LogChain.id(ofLogAt: path))\"): the file was renamed, or its first line replaced",
                            at: .file(path, line: 1))
                        : AllianceError(
                            "does not match the hash the next line holds for it (its \"prev\"): this line was edited after it was written, or lines after it were removed, inserted or moved",
                            at: .file(path, line: number - 1))
                }
                isChained = true
            } else if isChained {
                problem = AllianceError(
                    "has no \"prev\" although the lines before it are chained: its chain field was removed, or the line was put here by hand",
                    at: .file(path, line: number))
            } else {
                unchainedLines += 1
            }
        }
        head = LogChain.hash(of: line)
    }
}
