/// The data home's record of how each alliance's log stood when a sitting last closed:
/// `<home>/closed.jsonl`, one line per alliance, `{"id":"…","lines":N,"head":"<sha-256 hex>"}`,
/// with `head` the hash of line N as stored (its successor's `prev`). It holds ids, counts and
/// hashes only, never a client's words.
///
/// `alliance verify` checks each log against it, so lines dropped from the end of a closed sitting
/// (which leave the chain that remains intact) are found too. The file is rewritten whole at each
/// close (a new file synced, then renamed over it, mode 0600), under an exclusive `flock` on the
/// data home so two shells closing at once do not lose each other's line.
package struct ClosedIndex: Sendable, Equatable {
    package struct Entry: Sendable, Equatable {
        package var lines: Int
        package var head: String

        /// What is wrong with the log at `path`, which has `lines` committed lines, line `self.lines`
        /// of them hashing to `hashAtRecorded`; nil when it still holds what was recorded.
        package func check(path: String, lines: Int, hashAtRecorded: String?, index: String) -> AllianceError?
        {
            if lines < self.lines {
                let missing =
                    self.lines == lines + 1 ? "line \(self.lines) is" : "lines \(lines + 1)–\(self.lines) are"
                return AllianceError(
                    "\(missing) missing: the log had \(self.lines) lines when a sitting last closed (\(index)) and now ends after line \(lines)",
                    at: .file(path, line: lines + 1))
            }
            guard hashAtRecorded == head else {
                return AllianceError(
                    "is not the line recorded when a sitting last closed (\(index)): it, or lines before it, were rewritten",
                    at: .file(path, line: self.lines))
            }
            return nil
        }
    }

    package var entries: [String: Entry] = [:]
    /// Lines of the file that are not in their form, by number (told by `verify`, otherwise ignored).
    package var unreadable: [Int] = []

    package static func path(in home: DataHome) -> String { Files.join(home.path, "closed.jsonl") }

    /// The index of `home`; empty when there is none yet.
    package static func read(_ home: DataHome) -> ClosedIndex {
        var index = ClosedIndex()
        guard let bytes = try? Files.read(path(in: home), limit: 16 << 20) else { return index }
        for (n, line) in bytes.split(separator: 10, omittingEmptySubsequences: false).enumerated()
        where !line.isEmpty {
            if let (id, entry) = parse(String(decoding: line, as: UTF8.self)) {
                index.entries[id] = entry
            } else {
                index.unreadable.append(n + 1)
            }
        }
        return index
    }

    /// `{"id":"ID","lines":N,"head":"HEX"}` exactly, as `text` writes it.
    private static func parse(_ line: String) -> (String, Entry)? {
        let prefix = #"{"id":""#
        guard line.hasPrefix(prefix), line.hasSuffix(#""}"#) else { return nil }
        let parts = line.dropFirst(prefix.count).dropLast(2).split(
            separator: "\"", omittingEmptySubsequences: false)
        guard parts.count == 7, parts[1] == ",", parts[2] == "lines", parts[4] == "head", parts[5] == ":",
            parts[3].hasPrefix(":"), parts[3].hasSuffix(","),
            let lines = Int(parts[3].dropFirst().dropLast()), lines > 0,
            parts[6].utf8.count == 64,
            parts[6].allSatisfy({ ("0"..."9").contains($0) || ("a"..."f").contains($0) })
        else { return nil }
        let id = String(parts[0])
        guard DataHome.isValidSessionID(id) else { return nil }
        return (id, Entry(lines: lines, head: String(parts[6])))
    }

    private var text: String {
        entries.keys.sorted().map { id in
            let entry = entries[id]!
            return #"{"id":"\#(id)","lines":\#(entry.lines),"head":"\#(entry.head)"}"# + "\n"
        }.joined()
    }

    /// Records that the log of `id` had `lines` lines, the last hashing to `head`, when a sitting
    /// closed.
    package static func record(id: String, lines: Int, head: String, in home: DataHome) throws(AllianceError)
    {
        try update(home) { index in
            index.entries[id] = Entry(lines: lines, head: head)
            return true
        }
    }

    /// Forgets `id` (`alliance purge`). Nothing is written when it has no entry.
    package static func remove(id: String, in home: DataHome) throws(AllianceError) {
        try update(home) { index in
            guard index.entries[id] != nil else { return false }
            index.entries[id] = nil
            return true
        }
    }

    /// Reads the index, lets `change` change it (false: nothing to write) and writes it back.
    private static func update(_ home: DataHome, _ change: (inout ClosedIndex) -> Bool) throws(AllianceError)
    {
        let lock = try POSIX.lockDirectory(home.path)
        defer { lock.closeQuietly() }
        var index = read(home)
        guard change(&index) else { return }
        try Files.replace(path(in: home), contents: Array(index.text.utf8))
    }
}
