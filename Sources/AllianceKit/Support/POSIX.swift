// Every system call AllianceKit makes is in this file: the rest of the module names swift-system's
// `FileDescriptor`, `Stat` and `Errno` but calls only what is declared here, so a change of
// platform, a new durability rule or a fault to inject has one place to go.
//
// swift-system does the calls it covers (open, read, pread, write, pwrite, ftruncate, fstat, stat,
// lstat, close); the rest (fsync, fchmod, flock, mkdir, rename, unlink, readdir, realpath,
// gethostname, the ids, the clock and the local zone, sysconf, threads) is written by hand below, each in a small
// function that throws the `Errno` it failed with. Messages are made by callers from
// `Errno.text`, so each still says what `strerror` says.
//
// Paths are passed to swift-system as C strings, not as `FilePath`: a `FilePath` drops a
// trailing `/`, and `link/` (what the link points to) is not `link` (the link itself).
//
// alliance builds on Linux (glibc) only; there is no Darwin branch here or anywhere in
// AllianceKit. A port starts in this file.

import Glibc
import SystemPackage

/// The system calls of AllianceKit and of the `alliance` executable, on swift-system's types where
/// it has them.
package enum POSIX {
    // MARK: Paths

    /// Opens `path`; `permissions` are the mode of a file that `.create` makes.
    static func open(
        _ path: String, _ access: FileDescriptor.AccessMode, _ options: FileDescriptor.OpenOptions = [],
        permissions: FilePermissions? = nil
    ) throws(Errno) -> FileDescriptor {
        try typed {
            try path.withCString {
                try FileDescriptor.open($0, access, options: options, permissions: permissions)
            }
        }
    }

    /// What `stat` says of `path`, or `lstat` (a final symbolic link itself) without `followingLinks`.
    static func status(_ path: String, followingLinks: Bool = true) throws(Errno) -> Stat {
        try typed { try path.withCString { try Stat($0, followTargetSymlink: followingLinks) } }
    }

    /// Creates one directory (`mkdir`); its mode is `permissions` narrowed by the umask.
    static func makeDirectory(_ path: String, permissions: FilePermissions) throws(Errno) {
        guard mkdir(path, permissions.rawValue) == 0 else { throw .current }
    }

    /// Renames `source` to `destination`, replacing a file there in one step.
    static func rename(_ source: String, to destination: String) throws(Errno) {
        guard Glibc.rename(source, destination) == 0 else { throw .current }
    }

    /// Removes the name `path` (`unlink`); a file still open stays readable through its descriptor.
    static func remove(_ path: String) {
        unlink(path)
    }

    /// The names in a directory in the order `readdir` gives them, without `.` and `..`.
    static func names(inDirectory path: String) throws(Errno) -> [String] {
        guard let directory = opendir(path) else { throw .current }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// The absolute path with every symbolic link resolved (`realpath`), or nil.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Flushes a directory's entries (`fsync` on the directory), so a file created or renamed in
    /// it survives a crash: on Linux syncing the file alone does not make its name durable.
    /// Opens the directory at `path` and takes `flock`'s exclusive lock on it, waiting for it: what
    /// serialises changes to a file of the data home that several shells may rewrite. Closing the
    /// descriptor lets go.
    static func lockDirectory(_ path: String) throws(AllianceError) -> FileDescriptor {
        let fd: FileDescriptor
        do {
            fd = try open(path, .readOnly, [.directory, .closeOnExec])
        } catch {
            throw AllianceError("cannot open: \(error.text)", at: .file(path))
        }
        while flock(fd.rawValue, LOCK_EX) != 0 {
            let error = Errno.current
            if error == .interrupted { continue }
            fd.closeQuietly()
            throw AllianceError("cannot lock: \(error.text)", at: .file(path))
        }
        return fd
    }

    static func syncDirectory(_ path: String) throws(Errno) {
        let directory = try open(path.isEmpty ? "." : path, .readOnly, [.directory, .closeOnExec])
        defer { directory.closeQuietly() }
        try directory.sync()
    }

    // MARK: The process and the machine

    static var processID: Int32 { getpid() }

    /// The real user id (`getuid`): who may own alliance's lock files.
    static var userID: UInt32 { getuid() }

    /// The effective user id (`geteuid`): whose files the data home must be.
    static var effectiveUserID: UInt32 { geteuid() }

    /// The machine's name, as a lock file's note gives it.
    static var hostName: String {
        var host = [UInt8](repeating: 0, count: 256)
        host.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { _ = gethostname($0.baseAddress!, 255) }
        }
        return String(decoding: host.prefix { $0 != 0 }, as: UTF8.self)
    }

    /// How many processors are online (`sysconf`).
    static var onlineProcessors: Int { Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) }

    /// Milliseconds since 1970-01-01T00:00:00Z by the real-time clock.
    static func realTimeMilliseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
    }

    /// Blanks this process's arguments where the kernel shows them to every user (`ps`,
    /// `/proc/PID/cmdline`), so a client's name or an alliance's title given on the command line
    /// (`--with Zoë --title …`) is not left there for the length of a sitting. Only the program's
    /// name stays. `CommandLine.arguments` is read first: it keeps its copy, which is what the
    /// rest of the program parses.
    package static func hideArguments() {
        _ = CommandLine.arguments
        let argv = CommandLine.unsafeArgv
        for index in 1..<Int(CommandLine.argc) {
            guard let argument = argv[index] else { continue }
            memset(argument, 0, strlen(argument))
        }
    }

    /// Waits `milliseconds` on this thread (`nanosleep`; a signal may end it early).
    static func pause(milliseconds: Int) {
        var wait = timespec(tv_sec: milliseconds / 1000, tv_nsec: (milliseconds % 1000) * 1_000_000)
        _ = nanosleep(&wait, nil)
    }

    /// Seconds east of UTC on the local clock at `second` (seconds since 1970-01-01T00:00:00Z):
    /// `localtime_r`'s `tm_gmtoff`, for the zone `TZ` names (else /etc/localtime, else UTC), with
    /// the daylight saving in force at that moment. 0 when the C library cannot say.
    static func localOffsetSeconds(atSecond second: Int64) -> Int {
        _ = zoneRead
        var time = time_t(second)
        var fields = tm()
        guard localtime_r(&time, &fields) != nil else { return 0 }
        return Int(fields.tm_gmtoff)
    }

    /// `tzset`, once: POSIX leaves it to the caller before `localtime_r`.
    private static let zoneRead: Void = tzset()

    /// Runs `body` on a new, detached thread of its own; false, running nothing, when the system
    /// has no thread to give.
    static func startThread(_ body: @escaping @Sendable () -> Void) -> Bool {
        final class Body {
            let run: @Sendable () -> Void
            init(_ run: @escaping @Sendable () -> Void) { self.run = run }
        }
        let context = Unmanaged.passRetained(Body(body)).toOpaque()
        var thread = pthread_t()
        let started = pthread_create(
            &thread, nil,
            { context in
                Unmanaged<Body>.fromOpaque(context!).takeRetainedValue().run()
                return nil
            }, context)
        guard started == 0 else {
            Unmanaged<Body>.fromOpaque(context).release()
            return false
        }
        pthread_detach(thread)
        return true
    }

    // MARK: The process

    /// The environment variable `name`, or nil when it is not set (`getenv`: read by name, never
    /// by walking `environ`).
    package static func environmentVariable(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    /// Files and folders this process creates from now on are private to its user (`umask 077`).
    package static func makeNewFilesPrivate() { umask(0o077) }

    /// Whether standard input is a terminal (a passphrase can be asked).
    package static var standardInputIsTerminal: Bool { isatty(0) == 1 }

    /// Asks for a passphrase on the controlling terminal with echo off, as `ssh` and `gpg` do;
    /// nil when there is no terminal (a script) or nothing could be read. The terminal's settings
    /// are put back before it returns.
    package static func askPassphrase(_ prompt: String) -> [UInt8]? {
        guard isatty(0) == 1 else { return nil }
        let fd = Glibc.open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { Glibc.close(fd) }
        var saved = termios()
        guard tcgetattr(fd, &saved) == 0 else { return nil }
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        quiet.c_lflag |= tcflag_t(ECHONL)
        // Echo off before the prompt is shown, so nothing typed after it is ever echoed.
        guard tcsetattr(fd, TCSAFLUSH, &quiet) == 0 else { return nil }
        defer { _ = tcsetattr(fd, TCSAFLUSH, &saved) }
        writeAll(Array(prompt.utf8), to: fd)
        // Room for the longest passphrase read, so no copy of a part of it is left in a buffer
        // freed as the line grows.
        var line: [UInt8] = []
        line.reserveCapacity(1 << 16)
        var byte: UInt8 = 0
        defer { byte = 0 }
        while line.count < 1 << 16 {
            let n = Glibc.read(fd, &byte, 1)
            if n < 0 && errno == EINTR { continue }
            guard n == 1 else { return line.isEmpty ? nil : line }
            if byte == 10 || byte == 13 { break }
            line.append(byte)
        }
        return line
    }

    /// Overwrites `secret` (a passphrase) with zeros where it is stored, with `explicit_bzero`,
    /// which the compiler may not leave out as a store no one reads, then empties it.
    package static func wipe(_ secret: inout [UInt8]) {
        secret.withUnsafeMutableBytes { bytes in
            if let base = bytes.baseAddress { explicit_bzero(base, bytes.count) }
        }
        secret.removeAll()
    }

    /// Signals the shell and `export` turn off, so they cannot end the process.
    package enum IgnoredSignal {
        /// SIGXFSZ: past a file-size limit (`ulimit -f`) a write fails with an error instead.
        case fileSizeLimit
        /// SIGINT: Ctrl-C between lines, while a command runs.
        case interrupt
    }

    /// From now on `ignored` does not end the process (`signal(_, SIG_IGN)`).
    package static func ignore(_ ignored: IgnoredSignal) {
        switch ignored {
        case .fileSizeLimit: _ = signal(SIGXFSZ, SIG_IGN)
        case .interrupt: _ = signal(SIGINT, SIG_IGN)
        }
    }

    /// The number of SIGHUP, the signal a closed terminal sends.
    package static let hangupSignal: Int32 = SIGHUP

    /// Ends the process with `status`, without unwinding (`exit`).
    package static func exit(_ status: Int32) -> Never { Glibc.exit(status) }

    /// Writes all of `bytes` to the open descriptor `fd` (standard output or error), going on after
    /// an interrupted write; stops silently when writing fails (nowhere is left to say so).
    package static func writeAll(_ bytes: [UInt8], to fd: Int32) {
        _ = try? FileDescriptor(rawValue: fd).writeAll(bytes)
    }

    /// Writes out what C's `stdio` buffers hold (`fflush(NULL)`), so later direct writes keep
    /// their order after `print`.
    package static func flushStandardIO() { fflush(nil) }

    // MARK: Bytes

    /// The offset of the first `byte` in `bytes` at or after `start`, or nil: libc's `memchr`,
    /// which compares many bytes at a time.
    static func firstIndex(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> Int?
    {
        guard let base = bytes.baseAddress, start < bytes.count,
            let found = memchr(base + start, Int32(byte), bytes.count - start)
        else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// Whether `a` and `b` hold the same bytes: libc's `memcmp`, many bytes at a time.
    static func sameBytes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        guard let first = a.baseAddress, let second = b.baseAddress else { return true }
        return memcmp(first, second, a.count) == 0
    }

    /// `body`'s result, with swift-system's untyped errors (always an `Errno`) typed.
    fileprivate static func typed<T>(_ body: () throws -> T) throws(Errno) -> T {
        do {
            return try body()
        } catch let error as Errno {
            throw error
        } catch {
            fatalError("swift-system threw \(error), not an Errno")
        }
    }
}

extension Errno {
    /// What `strerror` says, lowercased to sit inside a message: `no such file or directory`.
    var text: String { description.lowercased() }

    /// The `errno` the last failed call left.
    static var current: Errno { Errno(rawValue: Glibc.errno) }
}

extension FileDescriptor {
    /// What `fstat` says of the open file.
    func status() throws(Errno) -> Stat { try stat() }

    /// Reads into `buffer` from the file's position: how many bytes came, 0 at the end of the file.
    func readSome(into buffer: UnsafeMutableRawBufferPointer) throws(Errno) -> Int {
        try POSIX.typed { try read(into: buffer) }
    }

    /// Reads from the file's position up to `count` bytes, fewer when the file ends first.
    func read(upTo count: Int) throws(Errno) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var total = 0
        while total < count {
            let n = try bytes.withUnsafeMutableBytes { raw in
                Result { () throws(Errno) in
                    try readSome(into: UnsafeMutableRawBufferPointer(rebasing: raw[total...]))
                }
            }.get()
            if n == 0 { break }
            total += n
        }
        bytes.removeLast(count - total)
        return bytes
    }

    /// Up to `count` bytes from `offset` (`pread`: the file's position is left as it is), fewer when
    /// the file ends or a read fails first, with that failure.
    func read(count: Int, at offset: Int) -> (bytes: [UInt8], failure: Errno?) {
        var bytes = [UInt8](repeating: 0, count: count)
        var total = 0
        var failure: Errno?
        reading: while total < count {
            let result = bytes.withUnsafeMutableBytes { raw in
                Result { () throws(Errno) in
                    try POSIX.typed {
                        try read(
                            fromAbsoluteOffset: Int64(offset + total),
                            into: UnsafeMutableRawBufferPointer(rebasing: raw[total...]))
                    }
                }
            }
            switch result {
            case .success(0): break reading
            case .success(let n): total += n
            case .failure(let error):
                failure = error
                break reading
            }
        }
        bytes.removeLast(count - total)
        return (bytes, failure)
    }

    /// Writes all of `bytes` at the file's position (at the end for a file opened to append).
    func writeFully(_ bytes: [UInt8]) throws(Errno) {
        var written = 0
        while written < bytes.count {
            let n = try bytes.withUnsafeBytes { raw in
                Result { () throws(Errno) in
                    try POSIX.typed { try write(UnsafeRawBufferPointer(rebasing: raw[written...])) }
                }
            }.get()
            // A write that takes nothing and names no error: report what `errno` holds, as ever.
            guard n > 0 else { throw .current }
            written += n
        }
    }

    /// Writes `bytes` at `offset` with one `pwrite`: how many were written.
    @discardableResult
    func write(_ bytes: [UInt8], at offset: Int) throws(Errno) -> Int {
        try bytes.withUnsafeBytes { raw in
            Result { () throws(Errno) in try POSIX.typed { try write(toAbsoluteOffset: Int64(offset), raw) } }
        }.get()
    }

    /// Cuts the file back (or extends it with zeros) to `length` bytes (`ftruncate`).
    func truncate(to length: Int) throws(Errno) {
        try POSIX.typed { try resize(to: Int64(length)) }
    }

    /// Makes everything written to the file durable (`fsync`).
    func sync() throws(Errno) {
        guard fsync(rawValue) == 0 else { throw .current }
    }

    /// Sets the file's mode exactly (`fchmod`), whatever the umask narrowed it to.
    func setPermissions(_ permissions: FilePermissions) throws(Errno) {
        guard fchmod(rawValue, permissions.rawValue) == 0 else { throw .current }
    }

    /// Takes `flock`'s exclusive lock without waiting for it: fails (`EWOULDBLOCK`) while another
    /// open file holds it. The kernel lets go when the file is closed or the process dies.
    func lockExclusively() throws(Errno) {
        guard flock(rawValue, LOCK_EX | LOCK_NB) == 0 else { throw .current }
    }

    /// Closes a file that was written: a failure here (on some network file systems) can mean
    /// the data never reached the disk.
    func closeAfterWriting() throws(Errno) {
        try POSIX.typed { try close() }
    }

    /// Closes a file only read, or given up on after an error: a failure changes nothing.
    func closeQuietly() {
        _ = try? close()
    }
}
