#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The file operations the log writer needs, so tests can make them fail on purpose.
public protocol LogFile: AnyObject {
    /// Writes all of `bytes` at the end of the file.
    func append(_ bytes: [UInt8]) throws(AllianceError)
    /// Makes everything written so far durable (`fsync`).
    func sync() throws(AllianceError)
    /// Cuts the file back to `length` bytes.
    func truncate(to length: Int) throws(AllianceError)
}

/// A log file opened with `O_APPEND` and locked with `flock` for as long as it is open.
final class PosixLogFile: LogFile {
    let path: String
    let fd: Int32

    init(path: String, fd: Int32) {
        self.path = path
        self.fd = fd
    }

    deinit { close(fd) }

    func append(_ bytes: [UInt8]) throws(AllianceError) {
        try Files.writeAll(fd, bytes, path: path)
    }

    func sync() throws(AllianceError) {
        guard fsync(fd) == 0 else { throw AllianceError("cannot sync: \(Files.errorText())", at: path) }
    }

    func truncate(to length: Int) throws(AllianceError) {
        guard ftruncate(fd, off_t(length)) == 0 else {
            throw AllianceError("cannot truncate: \(Files.errorText())", at: path)
        }
    }
}

/// Appends events to one session log, each written and synced before `append` returns.
///
/// One writer per log: the file is locked while the writer lives, and a second
/// shell is told who holds it. A write or sync that fails leaves the file as it
/// was before that event (the partial bytes are cut off), so the log always ends
/// with a committed line.
public final class LogWriter {
    public let path: String
    private let file: any LogFile
    /// Bytes of committed lines.
    public private(set) var length: Int
    /// Set when a failed append could not be cut back; the next append cuts first.
    private var needsRepair = false

    public init(path: String, file: any LogFile, length: Int) {
        self.path = path
        self.file = file
        self.length = length
    }

    deinit {
        unlink(LogWriter.holderPath(for: path))
    }

    /// Creates a new, empty log (mode 0600) and syncs its directory.
    public static func create(path: String) throws(AllianceError) -> LogWriter {
        let fd = Glibc.open(path, O_WRONLY | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else {
            throw AllianceError("cannot create the session log: \(Files.errorText())", at: path)
        }
        let file = PosixLogFile(path: path, fd: fd)
        try lock(fd: fd, path: path)
        guard Files.syncDirectory(Files.directory(of: path)) else {
            throw AllianceError("cannot sync the sessions directory: \(Files.errorText())", at: path)
        }
        return LogWriter(path: path, file: file, length: 0)
    }

    /// Opens an existing log to continue it. A torn last line is moved aside to
    /// `<log>.torn-<time>` and reported; damage in the middle refuses the open.
    public static func open(path: String) throws(AllianceError) -> (
        writer: LogWriter, contents: LogContents, notice: String?
    ) {
        let fd = Glibc.open(path, O_RDWR | O_APPEND | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else {
            if errno == ELOOP {
                throw AllianceError(
                    "is a symbolic link; alliance only continues real files (replay and export can still read it)",
                    at: path)
            }
            throw AllianceError("cannot open the session log: \(Files.errorText())", at: path)
        }
        let file = PosixLogFile(path: path, fd: fd)
        try lock(fd: fd, path: path)
        // The writer owns the lock from here: if opening fails below, letting it go releases the
        // lock and removes the note naming the holder.
        let writer = LogWriter(path: path, file: file, length: 0)
        let contents = try LogReader.read(path: path)
        if let problem = contents.problems.first {
            throw AllianceError(
                "\(problem.message); the log is left untouched (see `alliance replay` for what it holds)",
                at: problem.location)
        }
        var notice: String?
        if contents.tornTail > 0 {
            let bytes = try Files.read(path, limit: 1 << 34)
            let aside = "\(path).torn-\(Timestamp.now().milliseconds)"
            try Files.create(aside, contents: Array(bytes[contents.committedLength...]))
            try file.truncate(to: contents.committedLength)
            try file.sync()
            notice =
                "\(path): the last line (\(contents.tornTail) bytes) was never committed (a crash while writing); "
                + "kept \(contents.events.count) events, moved the unfinished line to \(aside)"
        }
        writer.length = contents.committedLength
        return (writer, contents, notice)
    }

    /// Writes `event` and syncs it. When this throws, the event is not in the log.
    public func append(_ event: Event) throws(AllianceError) {
        if needsRepair {
            do {
                try file.truncate(to: length)
                needsRepair = false
            } catch {
                throw AllianceError(
                    "not recorded: the log could not be repaired after an earlier failure (\(error))")
            }
        }
        let bytes = EventCodec.encode(event)
        do {
            try file.append(bytes)
            try file.sync()
        } catch {
            needsRepair = true
            if (try? file.truncate(to: length)) != nil, (try? file.sync()) != nil { needsRepair = false }
            throw AllianceError("not recorded: \(error.message)", at: error.location ?? path)
        }
        length += bytes.count
    }

    static func holderPath(for path: String) -> String { path + ".lock" }

    private static func lock(fd: Int32, path: String) throws(AllianceError) {
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let holder =
                (try? Files.read(holderPath(for: path), limit: 4096))
                .map { String(decoding: $0, as: UTF8.self).trimmed } ?? ""
            let who = holder.isEmpty ? "another alliance shell" : holder
            throw AllianceError(
                "this session is already open in another shell (\(who)); close it there first", at: path)
        }
        var host = [UInt8](repeating: 0, count: 256)
        host.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { _ = gethostname($0.baseAddress!, 255) }
        }
        let hostName = String(decoding: host.prefix { $0 != 0 }, as: UTF8.self)
        let text = "pid \(getpid()) on \(hostName) since \(Timestamp.now().minute)\n"
        let holderPath = holderPath(for: path)
        unlink(holderPath)
        try? Files.create(holderPath, contents: Array(text.utf8))
    }
}
