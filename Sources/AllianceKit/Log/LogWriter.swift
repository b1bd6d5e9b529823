import SystemPackage

/// The file operations the log writer needs, so tests can make them fail on purpose.
package protocol LogFile: AnyObject {
    /// Writes all of `bytes` at the end of the file.
    func append(_ bytes: [UInt8]) throws(AllianceError)
    /// Makes everything written so far durable (`fsync`).
    func sync() throws(AllianceError)
    /// Cuts the file back to `length` bytes.
    func truncate(to length: Int) throws(AllianceError)
    /// Whether the file at the log's path is still the file being written (not removed,
    /// renamed away or replaced by another file since it was opened).
    func isStillAtItsPath() -> Bool
}

extension LogFile {
    package func isStillAtItsPath() -> Bool { true }
}

/// A file's identity: the device and inode it lives on, which a rename keeps and a copy does not.
struct FileIdentity: Equatable {
    let device: UInt64
    let inode: UInt64

    init(_ info: Stat) {
        device = UInt64(info.deviceID.rawValue)
        inode = UInt64(info.inode.rawValue)
    }

    /// The identity of what is at `path` itself (a link is not followed), or nil when nothing is.
    init?(path: String) {
        guard let info = try? POSIX.status(path, followingLinks: false) else { return nil }
        self.init(info)
    }

    /// The identity of an open file.
    init?(fd: FileDescriptor) {
        guard let info = try? fd.status() else { return nil }
        self.init(info)
    }
}

/// A log file opened with `O_APPEND` and locked with `flock` for as long as it is open.
final class PosixLogFile: LogFile {
    let path: String
    let fd: FileDescriptor

    init(path: String, fd: FileDescriptor) {
        self.path = path
        self.fd = fd
    }

    deinit { fd.closeQuietly() }

    func append(_ bytes: [UInt8]) throws(AllianceError) {
        try Files.writeAll(fd, bytes, path: path)
    }

    func sync() throws(AllianceError) {
        do {
            try fd.sync()
        } catch {
            throw AllianceError("cannot sync: \(error.text)", at: .file(path))
        }
    }

    func truncate(to length: Int) throws(AllianceError) {
        do {
            try fd.truncate(to: length)
        } catch {
            throw AllianceError("cannot truncate: \(error.text)", at: .file(path))
        }
    }

    func isStillAtItsPath() -> Bool {
        guard let open = FileIdentity(fd: fd), let there = FileIdentity(path: path) else { return false }
        return open == there
    }
}

/// The lock that keeps one shell per log: `<log>.alliance-lock`, a file of alliance's own beside the
/// log, locked with `flock` for as long as the writer lives and holding who holds it
/// (`pid 1234 on host since …`), which a second shell quotes in its refusal.
///
/// The lock is on its own file rather than only on the log so that it survives what editors and
/// sync tools do to a log (write a copy, rename it over the original): the copy is not locked, but
/// the lock file beside it still is. The log itself is locked too, so removing the lock file does
/// not let a second writer in either.
final class LockFile {
    let path: String
    private let fd: FileDescriptor
    private let identity: FileIdentity

    private init(path: String, fd: FileDescriptor, identity: FileIdentity) {
        self.path = path
        self.fd = fd
        self.identity = identity
    }

    /// Lets go of the lock, removing the file if it is still the one this shell wrote.
    deinit {
        if FileIdentity(path: path) == identity { POSIX.remove(path) }
        fd.closeQuietly()
    }

    static func path(for log: String) -> String { log + ".alliance-lock" }

    /// Takes the lock for the log at `log`, or says who holds it.
    static func acquire(for log: String) throws(AllianceError) -> LockFile {
        let path = path(for: log)
        // A shell that ends removes its lock file: a file this one opened just before that is no
        // longer the lock, so it tries again with the new one.
        for _ in 0..<20 {
            let fd: FileDescriptor
            do {
                fd = try POSIX.open(
                    path, .readWrite, [.create, .closeOnExec, .noFollow, .nonBlocking],
                    permissions: [.ownerReadWrite])
            } catch {
                throw AllianceError(
                    "cannot create the lock beside the session log: \(error.text)", at: .file(path))
            }
            guard let info = try? fd.status(), info.type == .regular, info.userID.rawValue == POSIX.userID
            else {
                fd.closeQuietly()
                throw AllianceError(
                    "is not alliance's lock file (not a regular file of yours); remove it if no shell is open",
                    at: .file(path))
            }
            do {
                try fd.lockExclusively()
            } catch {
                let holder = note(fd)
                fd.closeQuietly()
                let who = holder.hasPrefix("pid ") ? holder : "another alliance shell"
                throw AllianceError(
                    "this session is already open in another shell (\(who)); close it there first",
                    at: .file(log))
            }
            guard FileIdentity(path: path) == FileIdentity(info) else {
                fd.closeQuietly()
                continue
            }
            // A lock file left by a shell that crashed holds its note; anything else is not ours.
            let existing = note(fd)
            guard existing.isEmpty || existing.hasPrefix("pid ") else {
                fd.closeQuietly()
                throw AllianceError(
                    "exists and was not written by alliance; alliance leaves it alone (move it away to open the log)",
                    at: .file(path))
            }
            let text = Array(
                "pid \(POSIX.processID) on \(POSIX.hostName) since \(Timestamp.now().stamped(in: .utc))\n"
                    .utf8)
            if (try? fd.truncate(to: 0)) != nil {
                _ = try? fd.write(text, at: 0)
            }
            return LockFile(path: path, fd: fd, identity: FileIdentity(info))
        }
        throw AllianceError("the lock beside the session log keeps changing; try again", at: .file(path))
    }

    /// The note in an open lock file (its first 4 KB), trimmed.
    private static func note(_ fd: FileDescriptor) -> String {
        String(decoding: Files.read(fd, at: 0, count: 4096), as: UTF8.self).trimmed
    }
}

/// Appends events to one session log, each written and synced before `append` returns.
///
/// One writer per log: a lock file beside the log and the log itself are locked while the writer
/// lives, and a second shell is told who holds them. A write or sync that fails leaves the file as
/// it was before that event (the partial bytes are cut off), so the log always ends with a
/// committed line. Before each event the writer checks that the file at the log's path is still
/// the one it writes to; once it is not (removed, or replaced by a copy), nothing more is recorded.
public final class LogWriter {
    package let path: String
    private let file: any LogFile
    /// Bytes of committed lines.
    package private(set) var length: Int
    /// Set when a failed append could not be cut back; the next append cuts first.
    private var needsRepair = false
    /// The lock held while the writer lives (nil for a writer a test builds on a file of its own).
    private var lock: LockFile?
    /// The `seq` of the last event in the log as this writer knows it.
    package private(set) var lastSeq: Int?
    /// Set once the file at `path` is no longer the one written: every later append fails with it.
    package private(set) var detached: AllianceError?
    /// The hash of the last committed line as stored (the genesis of the alliance's id while the
    /// log is empty): the next line's `prev` (`LogChain`).
    package private(set) var head: String
    /// Committed lines.
    package private(set) var lines = 0
    /// The key each line is sealed with, in an encrypted home (`LineCipher`); nil writes plain lines.
    package private(set) var cipher: LineCipher?

    package init(path: String, file: any LogFile, length: Int) {
        self.path = path
        self.file = file
        self.length = length
        head = LogChain.genesis(id: LogChain.id(ofLogAt: path))
    }

    /// Creates a new, empty log (mode 0600) and syncs its directory.
    ///
    /// In the `sessions/` of an encrypted home, the alliance's data key is made first, and every
    /// line is written encrypted.
    public static func create(path: String) throws(AllianceError) -> LogWriter {
        let cipher = try Keyring.shared.newLogCipher(forLogAt: path)
        let lock = try LockFile.acquire(for: path)
        let fd: FileDescriptor
        do {
            fd = try POSIX.open(
                path, .writeOnly, [.append, .create, .exclusiveCreate, .closeOnExec, .noFollow],
                permissions: [.ownerReadWrite])
        } catch {
            throw AllianceError("cannot create the session log: \(error.text)", at: .file(path))
        }
        let file = PosixLogFile(path: path, fd: fd)
        try lockLog(fd: fd, path: path)
        do {
            try POSIX.syncDirectory(Files.directory(of: path))
        } catch {
            throw AllianceError("cannot sync the sessions directory: \(error.text)", at: .file(path))
        }
        let writer = LogWriter(path: path, file: file, length: 0)
        writer.lock = lock
        writer.cipher = cipher
        return writer
    }

    /// Opens an existing log to continue it. Only a regular file that reads as an alliance log (its
    /// first line a `sitting` with a good checksum) is opened; anything else is refused before
    /// anything is written beside it. A torn last line is moved aside to `<log>.torn-<time>` and
    /// reported when `repairTornTail` (a log in the data home's `sessions/`), else refused; damage
    /// in the middle refuses the open. Nothing is changed in a file that is refused.
    ///
    /// The chain (`LogChain`) is checked too, and with `home` (a log in its `sessions/`), that the
    /// first line is chained to the log's id and the log still holds what the home's record of
    /// closed sittings says (`ClosedIndex`): a log that fails `alliance verify` is not continued.
    package static func open(path: String, repairTornTail: Bool = true, home: DataHome? = nil)
        throws(AllianceError) -> (
            writer: LogWriter, contents: LogContents, notice: String?
        )
    {
        let symbolicLink =
            "is a symbolic link; alliance only continues real files (replay and export can still read it)"
        if let before = try? POSIX.status(path, followingLinks: false) {
            if before.type == .symbolicLink { throw AllianceError(symbolicLink, at: .file(path)) }
            if before.type != .regular {
                throw AllianceError("is not a regular file, so not an alliance log", at: .file(path))
            }
        }
        let fd: FileDescriptor
        do {
            fd = try POSIX.open(path, .readWrite, [.append, .closeOnExec, .noFollow, .nonBlocking])
        } catch {
            if error == .tooManySymbolicLinkLevels { throw AllianceError(symbolicLink, at: .file(path)) }
            throw AllianceError("cannot open the session log: \(error.text)", at: .file(path))
        }
        let file = PosixLogFile(path: path, fd: fd)
        guard let info = try? fd.status(), info.type == .regular else {
            throw AllianceError("is not a regular file, so not an alliance log", at: .file(path))
        }
        let cipher = try checkFirstLine(fd: fd, size: Int(info.size), path: path, lenient: repairTornTail)
        let lock = try LockFile.acquire(for: path)
        try lockLog(fd: fd, path: path)
        // The writer owns the locks from here: if opening fails below, letting it go releases them
        // and removes the note naming the holder.
        let writer = LogWriter(path: path, file: file, length: 0)
        writer.lock = lock
        var events: [Event] = []
        // A log elsewhere may have been copied under any name: only in the home is line 1 bound to it.
        let id = LogChain.id(ofLogAt: path)
        var chain = ChainChecker(path: path, id: id, bindsID: home != nil)
        let recorded = home.flatMap { ClosedIndex.read($0).entries[id] }
        var hashAtRecorded: String?
        var contents = try LogReader.scan(path: path, withLines: true) { event, line in
            events.append(event)
            chain.check(line)
            if chain.lines == recorded?.lines { hashAtRecorded = chain.head }
        }
        contents.events = events
        guard file.isStillAtItsPath() else {
            throw AllianceError("was replaced while it was being opened; try again", at: .file(path))
        }
        if let problem = contents.problems.first {
            throw AllianceError(
                "\(problem.message); the log is left untouched (see `alliance replay` for what it holds)",
                at: problem.place)
        }
        // The lines all read well, so the chain has seen every one of them.
        let failure =
            chain.problem
            ?? home.flatMap { home in
                recorded?.check(
                    path: path, lines: chain.lines, hashAtRecorded: hashAtRecorded,
                    index: ClosedIndex.path(in: home))
            }
        if let failure {
            throw AllianceError(
                "\(failure.message); alliance does not continue a log that fails `alliance verify`, and leaves it untouched",
                at: failure.place)
        }
        var notice: String?
        if contents.tornTail > 0 {
            guard repairTornTail else {
                throw AllianceError(
                    "its last line (\(contents.tornTail) bytes) was never committed, and alliance only repairs logs in its own sessions folder; the file is left untouched (copy it into the data home's sessions/ to continue it)",
                    at: .file(path))
            }
            let aside = "\(path).torn-\(Timestamp.now().milliseconds)"
            try setAside(fd: fd, from: contents.committedLength, count: contents.tornTail, to: aside)
            try file.truncate(to: contents.committedLength)
            try file.sync()
            notice =
                "\(path): the last line (\(contents.tornTail) bytes) was never committed (a crash while writing); "
                + "kept \(contents.events.count) events, moved the unfinished line to \(aside)"
        }
        writer.length = contents.committedLength
        writer.lastSeq = contents.events.last?.seq
        writer.head = chain.head
        writer.lines = chain.lines
        writer.cipher = cipher
        return (writer, contents, notice)
    }

    /// Refuses a file whose first line is not a `sitting` event with a good checksum. With
    /// `lenient` (a log in `sessions/`), an empty file or one with no complete line yet, which a
    /// crash while creating it can leave, is let through to the usual repair. Returns the cipher
    /// of an encrypted log (one whose first line is encrypted, or an empty log in an encrypted
    /// home's `sessions/`), nil for a plain one.
    private static func checkFirstLine(fd: FileDescriptor, size: Int, path: String, lenient: Bool)
        throws(AllianceError) -> LineCipher?
    {
        let notALog =
            "does not read as an alliance log (its first line is not a \"sitting\"); alliance only continues its own logs, and the file is left untouched"
        let bytes = Files.read(fd, at: 0, count: min(size, 1 << 20))
        guard let newline = bytes.firstIndex(of: 10) else {
            if lenient && bytes.count == size {
                return LineCipher.isEncrypted(bytes) || bytes.isEmpty
                    ? try Keyring.shared.newLogCipher(forLogAt: path) : nil
            }
            throw AllianceError(size == 0 ? "is empty, not an alliance log" : notALog, at: .file(path))
        }
        let first = Array(bytes[..<newline])
        let cipher = LineCipher.isEncrypted(first) ? try Keyring.shared.cipher(forLogAt: path) : nil
        let decoded = first.withUnsafeBufferPointer { LogReader.LineChecker.decode($0, cipher: cipher) }
        guard case .success(let event) = decoded, case .sitting = event.kind, event.seq == 1 else {
            throw AllianceError(notALog, at: .file(path))
        }
        return cipher
    }

    /// Copies the `count` bytes at `offset` of the log to a new file `aside`; a copy that fails is
    /// removed, so no empty or partial `.torn-*` is left.
    private static func setAside(fd: FileDescriptor, from offset: Int, count: Int, to aside: String)
        throws(AllianceError)
    {
        let (bytes, failure) = fd.read(count: count, at: offset)
        guard bytes.count == count else {
            throw AllianceError(
                "cannot read the unfinished line: \((failure ?? .current).text)", at: .file(aside))
        }
        let out: FileDescriptor
        do {
            out = try POSIX.open(
                aside, .writeOnly, [.create, .exclusiveCreate, .closeOnExec, .noFollow],
                permissions: [.ownerReadWrite])
        } catch {
            throw AllianceError("cannot create: \(error.text)", at: .file(aside))
        }
        do throws(AllianceError) {
            try Files.writeAll(out, bytes, path: aside)
            do {
                try out.sync()
            } catch {
                throw AllianceError("cannot sync: \(error.text)", at: .file(aside))
            }
            out.closeQuietly()
        } catch {
            out.closeQuietly()
            POSIX.remove(aside)
            throw error
        }
        Files.syncDirectory(Files.directory(of: aside))
    }

    /// Writes `event` and syncs it. When this throws, the event is not in the log.
    public func append(_ event: Event) throws(AllianceError) {
        if let detached { throw detached }
        guard file.isStillAtItsPath() else {
            let last =
                lastSeq.map { "your last recorded entry was #\($0), in the file that was there" }
                ?? "nothing had been recorded in it"
            let error = AllianceError(
                "not recorded: the log at \(path) was replaced or removed while this shell had it open: nothing more is recorded; \(last) (/log shows the entries: copy what you need)"
            )
            detached = error
            throw error
        }
        if needsRepair {
            do {
                try file.truncate(to: length)
                needsRepair = false
            } catch {
                throw AllianceError(
                    "not recorded: the log could not be repaired after an earlier failure (\(error))")
            }
        }
        var bytes = EventCodec.encode(event, prev: head)
        if let cipher {
            bytes = try cipher.seal(bytes.dropLast(), seq: event.seq, prev: head)
        }
        do {
            try file.append(bytes)
            try file.sync()
        } catch {
            needsRepair = true
            if (try? file.truncate(to: length)) != nil, (try? file.sync()) != nil { needsRepair = false }
            throw AllianceError("not recorded: \(error.message)", at: error.place ?? .file(path))
        }
        length += bytes.count
        lastSeq = event.seq
        head = bytes.withUnsafeBufferPointer {
            LogChain.hash(of: UnsafeBufferPointer(rebasing: $0.dropLast()))
        }
        lines += 1
    }

    /// Locks the log itself too, so a second writer is kept out even if the lock file is removed.
    /// Locks the log itself, once this shell holds the lock file. Another alliance shell would have
    /// been stopped at the lock file, so a lock on the log here is either a copy of a closed
    /// shell's descriptor that a process started at that moment still holds until it runs its
    /// program (`fork` copies descriptors, `exec` closes them), or a writer that does not use the
    /// lock file. The first lets go within moments: wait up to a second before refusing.
    static func lockLog(fd: FileDescriptor, path: String, patience: Int = 1000) throws(AllianceError) {
        var waited = 0
        while true {
            do {
                try fd.lockExclusively()
                return
            } catch {
                guard waited < patience else {
                    throw AllianceError(
                        "this session is already open in another shell; close it there first", at: .file(path)
                    )
                }
                POSIX.pause(milliseconds: 10)
                waited += 10
            }
        }
    }
}
