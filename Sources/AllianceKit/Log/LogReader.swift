import Dispatch
import Synchronization
import SystemPackage

/// What reading a session log found: the committed events and anything wrong.
public struct LogContents: Sendable {
    package var path: String
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
        var events: [Event] = []
        var contents = try scan(path: path) { event, _ in events.append(event) }
        contents.events = events
        return contents
    }

    /// Parses log bytes. A last line without its `\n` was never committed and is reported as torn.
    public static func parse(_ bytes: [UInt8], path: String) -> LogContents {
        var events: [Event] = []
        var checker = LineChecker(path: path)
        if LineCipher.isEncrypted(bytes) {
            do {
                checker.cipher = try Keyring.shared.cipher(forLogAt: path)
            } catch {
                var contents = checker.contents(tornTail: 0)
                contents.problems = [error.located(.file(path))]
                return contents
            }
            // Every line opens: its plain lines are read as a plain log's, line for line (the
            // stored lines' checksums only name damage, and each box is authenticated). Else the
            // log is read line by line below, naming the line that does not open.
            if let cipher = checker.cipher, let plain = bytes.withUnsafeBufferPointer({ cipher.openAll($0) })
            {
                var contents = parse(plain, path: path)
                let committed = (bytes.lastIndex(of: 10) ?? -1) + 1
                contents.tornTail = bytes.count - committed
                contents.committedLength = committed
                return contents
            }
        }
        let consumed = bytes.withUnsafeBufferPointer { buffer in
            checker.lines(in: buffer) { event, _ in events.append(event) }
        }
        var contents = checker.contents(tornTail: bytes.count - consumed)
        contents.events = events
        return contents
    }

    /// Reads the log at `path` a block at a time and hands each committed event to `body` in order,
    /// with its line as logged (no `\n`) when `withLines` is set (else an empty buffer); with
    /// `plainLines` too, a line of an encrypted log is handed decrypted (what a plain log would hold).
    /// An encrypted log is read with its alliance's key from `Keyring.shared`. Memory stays
    /// flat however long the log is; the contents returned carry the problems, the torn tail and the
    /// committed length, but no events.
    ///
    /// Lines are read and decoded (checksum, JSON) on another thread while `body` runs on this
    /// one, a few blocks ahead at most; the order checks run here, line by line, as before.
    package static func scan(
        path: String, withLines: Bool = false, plainLines: Bool = false,
        _ body: (Event, UnsafeBufferPointer<UInt8>) throws(AllianceError) -> Void
    ) throws(AllianceError) -> LogContents {
        let fd = try Files.openRegularFile(path).fd
        var cipher: LineCipher?
        if LineCipher.isEncrypted(Files.read(fd, at: 0, count: LineCipher.prefix.count)) {
            do {
                cipher = try Keyring.shared.cipher(forLogAt: path)
            } catch {
                fd.closeQuietly()
                throw error
            }
        }
        let reader = BlockReader(
            fd: fd, path: path, keepLines: withLines, cipher: cipher, keepPlain: plainLines && cipher != nil)
        reader.start()
        var checker = LineChecker(path: path)
        checker.cipher = cipher
        var block = BlockReader.Block()
        // If `body` stops the scan early, the reading thread still runs to the end of the file,
        // so it never waits for room that will not come, and it closes the file.
        defer { while !block.isLast { block = reader.next() } }
        while true {
            block = reader.next()
            if let failure = block.failure { throw failure }
            try block.lines.withUnsafeBufferPointer { lines throws(AllianceError) in
                var start = 0
                for (n, decoded) in block.decoded.enumerated() {
                    let end = withLines ? block.lineEnds[n] : 0
                    if let event = checker.check(decoded) {
                        try body(event, UnsafeBufferPointer(rebasing: lines[start..<end]))
                    }
                    start = end
                }
            }
            checker.committedLength += block.committed
            if block.isLast { return checker.contents(tornTail: block.tornTail) }
        }
    }

    /// Calls `body` with each complete line of `bytes` (without its `\n`), in order; returns how many
    /// bytes that was (up to and including the last `\n`).
    @discardableResult
    static func eachLine<Failure: Error>(
        in bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) throws(Failure) -> Void
    ) throws(Failure) -> Int {
        var start = 0
        while let end = POSIX.firstIndex(of: 10, in: bytes, from: start) {
            try body(UnsafeBufferPointer(rebasing: bytes[start..<end]))
            start = end + 1
        }
        return start
    }

    /// Reads a log's blocks and decodes their lines on its own thread, at most a few blocks ahead
    /// of the reader that takes them with `next()`. Closes the file when done.
    private final class BlockReader: @unchecked Sendable {
        struct Block: Sendable {
            /// Each complete line's decoded event, or what is wrong with it.
            var decoded: [Result<Event, AllianceError>] = []
            /// The lines' bytes, one after another, and where each ends (when they are kept).
            var lines: [UInt8] = []
            var lineEnds: [Int] = []
            /// Bytes of complete lines, newlines included.
            var committed = 0
            var isLast = false
            /// At the end: bytes after the last newline (a line never committed).
            var tornTail = 0
            var failure: AllianceError?
        }

        /// A block to decode. Whoever takes it first decodes it: a worker of the shared pool, or
        /// the reader that needs it next, so a busy or small pool can slow the scan but never stall it.
        private final class Slot: @unchecked Sendable {
            let decode: @Sendable () -> Block
            private let taken = Atomic<Bool>(false)
            /// Signalled once `block` is set by a worker.
            let done = DispatchSemaphore(value: 0)
            var block = Block()

            init(_ decode: @escaping @Sendable () -> Block) { self.decode = decode }

            /// Whether this caller is the one to decode it.
            func take() -> Bool {
                taken.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing)
                    .exchanged
            }
        }

        private let fd: FileDescriptor
        private let path: String
        private let keepLines: Bool
        private let cipher: LineCipher?
        private let keepPlain: Bool
        private let ready = DispatchSemaphore(value: 0)
        /// How many blocks may be read ahead of the reader that takes them.
        private let room = DispatchSemaphore(value: 4)
        private let slots = Mutex<[Slot]>([])

        init(fd: FileDescriptor, path: String, keepLines: Bool, cipher: LineCipher?, keepPlain: Bool) {
            self.fd = fd
            self.path = path
            self.keepLines = keepLines
            self.cipher = cipher
            self.keepPlain = keepPlain
        }

        /// Starts reading on a thread of its own (not the shared pool, whose few threads may all
        /// be busy).
        func start() {
            if !POSIX.startThread({ self.run() }) {
                // No thread to be had: read on the pool instead.
                DispatchQueue.global(qos: .userInitiated).async { self.run() }
            }
        }

        /// The next block, in file order, once it is decoded.
        func next() -> Block {
            ready.wait()
            let slot = slots.withLock { $0.removeFirst() }
            if slot.take() {
                slot.block = slot.decode()
            } else {
                slot.done.wait()
            }
            room.signal()
            return slot.block
        }

        /// Queues a block for decoding by a worker, or by `next()` if it gets there first.
        private func hand(_ decode: @escaping @Sendable () -> Block) {
            room.wait()
            let slot = Slot(decode)
            slots.withLock { $0.append(slot) }
            ready.signal()
            DispatchQueue.global(qos: .userInitiated).async {
                guard slot.take() else { return }
                slot.block = slot.decode()
                slot.done.signal()
            }
        }

        /// Reads the file block by block; each block's lines are decoded on a thread of their own,
        /// so several blocks are decoded at once on a machine with several processors.
        func run() {
            defer { fd.closeQuietly() }
            var buffer = [UInt8](repeating: 0, count: 1 << 20)
            // Bytes at the front of `buffer` that are the start of a line not yet complete.
            var pending = 0
            while true {
                if pending == buffer.count {
                    // One line longer than the buffer: make room for the rest of it.
                    buffer.append(contentsOf: repeatElement(0, count: buffer.count))
                }
                let read = buffer.withUnsafeMutableBytes { raw in
                    Result { () throws(Errno) in
                        try fd.readSome(into: UnsafeMutableRawBufferPointer(rebasing: raw[pending...]))
                    }
                }
                guard case .success(let n) = read, n > 0 else {
                    var block = Block(isLast: true, tornTail: pending)
                    if case .failure(let error) = read {
                        block.failure = AllianceError("cannot read: \(error.text)", at: .file(path))
                    }
                    let last = block
                    return hand { last }
                }
                let filled = pending + n
                guard let lastNewline = buffer[..<filled].lastIndex(of: 10) else {
                    pending = filled
                    continue
                }
                let lines = Array(buffer[...lastNewline])
                let (keepLines, cipher, keepPlain) = (keepLines, cipher, keepPlain)
                hand { Self.decode(lines, keepLines: keepLines, cipher: cipher, keepPlain: keepPlain) }
                pending = filled - lines.count
                if pending > 0 {
                    // The start of the next line to the front (the two ranges may overlap).
                    buffer.withUnsafeMutableBytes { raw in
                        raw.baseAddress!.copyMemory(from: raw.baseAddress! + lines.count, byteCount: pending)
                    }
                }
            }
        }

        /// Decodes every line of `bytes`, which ends with a newline.
        private static func decode(_ bytes: [UInt8], keepLines: Bool, cipher: LineCipher?, keepPlain: Bool)
            -> Block
        {
            var block = Block()
            block.committed = bytes.count
            _ = bytes.withUnsafeBufferPointer { all in
                LogReader.eachLine(in: all) { line in
                    var plain: [UInt8]?
                    block.decoded.append(
                        LineChecker.decode(line, cipher: cipher) { if keepPlain { plain = Array($0) } })
                    if keepLines {
                        block.lines.append(contentsOf: plain ?? Array(line))
                        block.lineEnds.append(block.lines.count)
                    }
                }
            }
            return block
        }
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
        /// The key of an encrypted log's alliance (nil for a plain log).
        var cipher: LineCipher?

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
            let consumed = try LogReader.eachLine(in: bytes) { (line) throws(Failure) in
                if let event = check(Self.decode(line, cipher: cipher)) { try body(event, line) }
            }
            committedLength += consumed
            return consumed
        }

        /// What one line holds, on its own: the part of the checks that needs no other line.
        ///
        /// With `cipher` (an encrypted log), the line is decrypted first and `plain` sees what it holds.
        static func decode(
            _ line: UnsafeBufferPointer<UInt8>, cipher: LineCipher? = nil,
            plain: (UnsafeBufferPointer<UInt8>) -> Void = { _ in }
        ) -> Result<Event, AllianceError> {
            guard !line.isEmpty else { return .failure(AllianceError("empty line")) }
            switch (cipher, LineCipher.isEncrypted(line)) {
            case (nil, false):
                return Result { () throws(AllianceError) in try EventCodec.decode(line) }
            case (nil, true):
                return .failure(AllianceError("is an encrypted line in a log that does not start encrypted"))
            case (_?, false):
                return .failure(
                    AllianceError("is a plain line in an encrypted log: it was not written by alliance"))
            case (let cipher?, true):
                switch Result(catching: { () throws(AllianceError) in try cipher.open(line) }) {
                case .failure(let error): return .failure(error)
                case .success(let opened):
                    return opened.plain.withUnsafeBytes { raw in
                        let inner = raw.assumingMemoryBound(to: UInt8.self)
                        return Result { () throws(AllianceError) in
                            let event = try EventCodec.decode(inner)
                            guard event.seq == opened.seq else {
                                throw AllianceError(
                                    "the event sealed in it is not the one of seq \(opened.seq)")
                            }
                            plain(inner)
                            return event
                        }
                    }
                }
            }
        }

        /// The next line, decoded: its event if it is one to keep, with its problems noted.
        mutating func check(_ decoded: Result<Event, AllianceError>) -> Event? {
            lineNumber += 1
            let afterBadLine = previousLineBad
            previousLineBad = true
            let event: Event
            switch decoded {
            case .success(let decoded): event = decoded
            case .failure(let error):
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

        private var location: AllianceError.Location { .file(path, line: lineNumber) }
    }
}
