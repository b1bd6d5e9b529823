/// What reading a session log found: the committed events and anything wrong.
public struct LogContents: Sendable {
    public var path: String
    /// The events that passed every check, in order.
    public var events: [Event]
    /// Lines that are damaged, edited or out of order, by line number. Never skipped silently.
    public var problems: [AllianceError]
    /// Bytes at the end that never became a committed line (a crash mid-write), if any.
    public var tornTail: Int
    /// Byte length of the file up to the end of the last committed line.
    public var committedLength: Int

    /// Whether every line was a valid, committed event.
    public var isClean: Bool { problems.isEmpty && tornTail == 0 }
}

/// Reads session logs, checking each line's checksum, its fields and the `seq` order.
public enum LogReader {
    /// Reads the log at `path`.
    public static func read(path: String) throws(AllianceError) -> LogContents {
        let bytes = try Files.read(path, limit: 1 << 34)
        return parse(bytes, path: path)
    }

    /// Parses log bytes. A last line without its `\n` was never committed and is reported as torn.
    public static func parse(_ bytes: [UInt8], path: String) -> LogContents {
        var contents = LogContents(path: path, events: [], problems: [], tornTail: 0, committedLength: 0)
        var lineStart = 0
        var lineNumber = 0
        var expectedSeq = 1
        // After a damaged line, the next line's seq jumps: that gap is the same problem, reported once.
        var previousLineBad = false
        let newline = UInt8(ascii: "\n")
        while lineStart < bytes.count {
            guard let end = bytes[lineStart...].firstIndex(of: newline) else {
                contents.tornTail = bytes.count - lineStart
                break
            }
            lineNumber += 1
            defer {
                lineStart = end + 1
                contents.committedLength = lineStart
            }
            let line = bytes[lineStart..<end]
            let location = "\(path):\(lineNumber)"
            let afterBadLine = previousLineBad
            previousLineBad = true
            if line.isEmpty {
                contents.problems.append(AllianceError("empty line", at: location))
                continue
            }
            do {
                let event = try EventCodec.decode(line: Array(line))
                if event.seq < expectedSeq {
                    // A repeated or moved line: reported, and kept out so no event counts twice.
                    contents.problems.append(
                        AllianceError(
                            "seq \(event.seq) where \(expectedSeq) was expected (a repeated or moved line)",
                            at: location))
                    continue
                }
                previousLineBad = false
                if event.seq > expectedSeq && !afterBadLine {
                    contents.problems.append(
                        AllianceError(
                            "seq \(event.seq) where \(expectedSeq) was expected (events are missing before it)",
                            at: location))
                }
                if contents.events.isEmpty, case .sitting = event.kind {
                } else if contents.events.isEmpty {
                    contents.problems.append(
                        AllianceError("the first event must be a \"sitting\"", at: location))
                }
                expectedSeq = event.seq + 1
                contents.events.append(event)
            } catch {
                contents.problems.append(error.located(location))
            }
        }
        return contents
    }
}
