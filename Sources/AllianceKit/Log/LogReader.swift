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

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads session logs, checking each line's checksum, its fields and the `seq` order.
public enum LogReader {
    /// Reads the log at `path`.
    public static func read(path: String) throws(AllianceError) -> LogContents {
        var events: [Event] = []
        var contents = try scan(path: path) { event, _ in events.append(event) }
        contents.events = events
        return contents
    }

    /// Parses log bytes. A last line without its `\n` was never committed and is reported as torn.
    public static func parse(_ bytes: [UInt8], path: String) -> LogContents {
        var events: [Event] = []
        var checker = LineChecker(path: path)
        let consumed = bytes.withUnsafeBufferPointer { buffer in
            checker.lines(in: buffer) { event, _ in events.append(event) }
        }
        var contents = checker.contents(tornTail: bytes.count - consumed)
        contents.events = events
        return contents
    }

    /// Reads the log at `path` a block at a time and hands each committed event, with its line as
    /// logged (no `\n`), to `body` in order. Memory stays flat however long the log is; the
    /// contents returned carry the problems, the torn tail and the committed length, but no events.
    public static func scan(
        path: String, _ body: (Event, UnsafeBufferPointer<UInt8>) throws(AllianceError) -> Void
    ) throws(AllianceError) -> LogContents {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw AllianceError("cannot open: \(Files.errorText())", at: path) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw AllianceError("cannot read: \(Files.errorText())", at: path)
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw AllianceError("not a regular file", at: path) }
        var checker = LineChecker(path: path)
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        // Bytes at the front of `buffer` that are the start of a line not yet complete.
        var pending = 0
        while true {
            if pending == buffer.count {
                // One line longer than the buffer: make room for the rest of it.
                buffer.append(contentsOf: repeatElement(0, count: buffer.count))
            }
            let n = buffer.withUnsafeMutableBytes { raw in
                Glibc.read(fd, raw.baseAddress! + pending, raw.count - pending)
            }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw AllianceError("cannot read: \(Files.errorText())", at: path) }
            if n == 0 { break }
            let filled = pending + n
            let consumed = try buffer.withUnsafeBufferPointer { all throws(AllianceError) in
                try checker.lines(in: UnsafeBufferPointer(rebasing: all[..<filled]), body)
            }
            pending = filled - consumed
            if consumed > 0 && pending > 0 {
                buffer.withUnsafeMutableBytes { raw in
                    _ = memmove(raw.baseAddress!, raw.baseAddress! + consumed, pending)
                }
            }
        }
        return checker.contents(tornTail: pending)
    }

    /// The checks every line goes through, carried from one block of the file to the next.
    struct LineChecker {
        let path: String
        var lineNumber = 0
        var expectedSeq = 1
        var eventCount = 0
        var committedLength = 0
        var problems: [AllianceError] = []
        // After a damaged line, the next line's seq jumps: that gap is the same problem, reported once.
        var previousLineBad = false

        init(path: String) { self.path = path }

        func contents(tornTail: Int) -> LogContents {
            LogContents(
                path: path, events: [], problems: problems, tornTail: tornTail,
                committedLength: committedLength)
        }

        /// Checks every complete line in `bytes`; returns how many bytes that was.
        mutating func lines<Failure: Error>(
            in bytes: UnsafeBufferPointer<UInt8>,
            _ body: (Event, UnsafeBufferPointer<UInt8>) throws(Failure) -> Void
        ) throws(Failure) -> Int {
            guard let base = bytes.baseAddress else { return 0 }
            var lineStart = 0
            while lineStart < bytes.count,
                let found = memchr(base + lineStart, Int32(UInt8(ascii: "\n")), bytes.count - lineStart)
            {
                let end = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<end])
                if let event = check(line) { try body(event, line) }
                committedLength += end + 1 - lineStart
                lineStart = end + 1
            }
            return lineStart
        }

        private mutating func check(_ line: UnsafeBufferPointer<UInt8>) -> Event? {
            lineNumber += 1
            let afterBadLine = previousLineBad
            previousLineBad = true
            guard !line.isEmpty else {
                problems.append(AllianceError("empty line", at: location))
                return nil
            }
            let event: Event
            do {
                event = try EventCodec.decode(line)
            } catch {
                problems.append(error.located(location))
                return nil
            }
            if event.seq < expectedSeq {
                // A repeated or moved line: reported, and kept out so no event counts twice.
                problems.append(
                    AllianceError(
                        "seq \(event.seq) where \(expectedSeq) was expected (a repeated or moved line)",
                        at: location))
                return nil
            }
            previousLineBad = false
            if event.seq > expectedSeq && !afterBadLine {
                problems.append(
                    AllianceError(
                        "seq \(event.seq) where \(expectedSeq) was expected (events are missing before it)",
                        at: location))
            }
            if eventCount == 0, case .sitting = event.kind {
            } else if eventCount == 0 {
                problems.append(AllianceError("the first event must be a \"sitting\"", at: location))
            }
            expectedSeq = event.seq + 1
            eventCount += 1
            return event
        }

        private var location: String { "\(path):\(lineNumber)" }
    }
}
