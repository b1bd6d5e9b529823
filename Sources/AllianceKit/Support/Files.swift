#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The few file-system calls the core needs, as plain POSIX with errors that name the path.
public enum Files {
    /// The message for the current `errno`.
    static func errorText(_ code: Int32 = errno) -> String {
        String(cString: strerror(code)).lowercased()
    }

    /// Opens a regular file for reading: its descriptor (the caller closes it) and size. Anything
    /// else (a directory, a FIFO, a device) is refused, and nothing is left open on an error.
    static func openRegularFile(_ path: String) throws(AllianceError) -> (fd: Int32, size: Int) {
        // O_NONBLOCK: a FIFO or device named like a pack must not stall start-up; it is refused below.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw AllianceError("cannot open: \(errorText())", at: path) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let error = AllianceError("cannot read: \(errorText())", at: path)
            close(fd)
            throw error
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw AllianceError("not a regular file", at: path)
        }
        return (fd, Int(info.st_size))
    }

    /// Reads a whole regular file, refusing directories and files larger than `limit` bytes.
    public static func read(_ path: String, limit: Int = 64 << 20) throws(AllianceError) -> [UInt8] {
        let (fd, size) = try openRegularFile(path)
        defer { close(fd) }
        guard size <= limit else {
            throw AllianceError("too large (\(size) bytes; the limit is \(limit))", at: path)
        }
        var bytes = [UInt8](repeating: 0, count: size)
        var total = 0
        while total < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + total, $0.count - total) }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw AllianceError("cannot read: \(errorText())", at: path) }
            if n == 0 { break }
            total += n
        }
        if total < bytes.count { bytes.removeLast(bytes.count - total) }
        return bytes
    }

    /// Up to `count` bytes of `fd` from `offset`, read with `pread` (the descriptor's position is
    /// left as it is); fewer when the file ends, or a read fails, first.
    static func read(_ fd: Int32, at offset: Int, count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var total = 0
        while total < count {
            let n = bytes.withUnsafeMutableBytes {
                pread(fd, $0.baseAddress! + total, count - total, off_t(offset + total))
            }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            total += n
        }
        bytes.removeLast(count - total)
        return bytes
    }

    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Permission bits (`0o700`), or nil when there is no such file.
    public static func mode(_ path: String) -> UInt32? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return UInt32(info.st_mode) & 0o777
    }

    /// The names in a directory, sorted, without `.` and `..` or hidden files.
    public static func list(_ path: String) throws(AllianceError) -> [String] {
        guard let dir = opendir(path) else { throw AllianceError("cannot list: \(errorText())", at: path) }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if !name.hasPrefix(".") { names.append(name) }
        }
        return names.sorted()
    }

    /// The files named with one of `suffixes` in each directory, in directory order and then by
    /// name (README.md left out), and an error for each directory that could not be listed.
    /// A directory that does not exist is skipped quietly.
    public static func files(in directories: [String], suffixes: [String]) -> (
        files: [(directory: String, path: String)], errors: [AllianceError]
    ) {
        var files: [(directory: String, path: String)] = []
        var errors: [AllianceError] = []
        for directory in directories where isDirectory(directory) {
            do {
                for name in try list(directory)
                where suffixes.contains(where: name.hasSuffix) && name.lowercased() != "readme.md" {
                    files.append((directory, join(directory, name)))
                }
            } catch {
                errors.append(error)
            }
        }
        return (files, errors)
    }

    /// Creates `path` and any missing parents with `mode`; an existing directory is left as it is.
    /// Only a directory created here is given `mode`, through its own descriptor: nothing that was
    /// already there (a file, a link, someone else's folder) is ever chmod-ed.
    public static func makeDirectory(_ path: String, mode: mode_t = 0o700) throws(AllianceError) {
        if isDirectory(path) { return }
        let parent = directory(of: path)
        if parent != path && !parent.isEmpty { try makeDirectory(parent, mode: mode) }
        guard mkdir(path, mode) == 0 else {
            if errno == EEXIST && isDirectory(path) { return }
            let reason = errno == EEXIST ? "not a directory" : errorText()
            throw AllianceError("cannot create directory: \(reason)", at: path)
        }
        // mkdir's mode is narrowed by the umask; set it exactly on the directory just made.
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        if fd >= 0 {
            fchmod(fd, mode)
            close(fd)
        }
        syncDirectory(parent)
    }

    /// What `lstat` says of a path (a symbolic link is itself, not what it points to).
    public struct Entry: Sendable {
        public enum Kind: Sendable { case directory, regular, symbolicLink, other }
        public var kind: Kind
        public var owner: UInt32
        public var mode: UInt32
        /// Whether the user running alliance owns it.
        public var isOwn: Bool { owner == UInt32(geteuid()) }

        init(_ info: stat) {
            switch info.st_mode & S_IFMT {
            case S_IFDIR: kind = .directory
            case S_IFREG: kind = .regular
            case S_IFLNK: kind = .symbolicLink
            default: kind = .other
            }
            owner = UInt32(info.st_uid)
            mode = UInt32(info.st_mode) & 0o7777
        }
    }

    /// The entry at `path` itself, without following a final symbolic link; nil when there is none.
    public static func entry(_ path: String) -> Entry? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return Entry(info)
    }

    /// The entry `path` leads to, following symbolic links; nil when there is none.
    public static func target(_ path: String) -> Entry? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Entry(info)
    }

    /// Flushes a directory's entries, so a file created in it survives a crash.
    @discardableResult
    public static func syncDirectory(_ path: String) -> Bool {
        let fd = open(path.isEmpty ? "." : path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return fsync(fd) == 0
    }

    /// Writes a new file (never replacing one) with `mode`, synced with its directory.
    public static func create(_ path: String, contents: [UInt8], mode: mode_t = 0o600) throws(AllianceError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw AllianceError("cannot create: \(errorText())", at: path) }
        defer { close(fd) }
        try writeAll(fd, contents, path: path)
        guard fsync(fd) == 0 else { throw AllianceError("cannot sync: \(errorText())", at: path) }
        syncDirectory(directory(of: path))
    }

    /// Writes `path` whole, replacing any file there only once the new one is complete: a new
    /// file beside it (created 0600 under a name no one else uses, never a file already there),
    /// synced, then renamed over it. On every failure the new file is removed and the error names
    /// `path`; a symbolic link at `path` is replaced, never written through.
    public static func replace(_ path: String, contents: [UInt8], mode: mode_t = 0o600) throws(AllianceError)
    {
        if isDirectory(path) { throw AllianceError("is a directory", at: path) }
        let folder = directory(of: path)
        let name = fileName(of: path)
        var generator = SystemRandomNumberGenerator()
        var temporary = ""
        var fd: Int32 = -1
        for _ in 0..<100 {
            let suffix = String(generator.next(), radix: 36)
            temporary = join(folder, ".\(name).alliance-\(getpid())-\(suffix).tmp")
            fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
            if fd >= 0 || errno != EEXIST { break }
        }
        guard fd >= 0 else { throw AllianceError("cannot write: \(errorText())", at: path) }
        func fail(_ message: String) -> AllianceError {
            close(fd)
            unlink(temporary)
            return AllianceError(message, at: path)
        }
        do {
            try writeAll(fd, contents, path: path)
        } catch {
            throw fail(error.message)
        }
        guard fchmod(fd, mode) == 0, fsync(fd) == 0 else { throw fail("cannot write: \(errorText())") }
        guard close(fd) == 0 else {
            let message = errorText()
            unlink(temporary)
            throw AllianceError("cannot write: \(message)", at: path)
        }
        guard rename(temporary, path) == 0 else {
            let message = errorText()
            unlink(temporary)
            throw AllianceError("cannot write: \(message)", at: path)
        }
        syncDirectory(folder)
    }

    static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(AllianceError) {
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, $0.count - written) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw AllianceError("cannot write: \(errorText())", at: path) }
            written += n
        }
    }

    /// Everything before the last `/`.
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Everything after the last `/`.
    public static func fileName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// The file name's first part between dots (`trip.md` → `trip`, `..x.md` → `x`), or nil when it
    /// has none: `fileName(of:)` split at `.`. An ASCII path is read as bytes.
    static func stem(of path: String) -> String? {
        let ascii = path.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.allSatisfy { $0 < 0x80 && $0 != 13 }
        }
        guard ascii == true else {
            return fileName(of: path).split(separator: ".").first.map(String.init)
        }
        // ASCII without carriage returns: every byte is a character.
        let utf8 = path.utf8
        let nameStart = utf8.lastIndex(of: UInt8(ascii: "/")).map { utf8.index(after: $0) } ?? utf8.startIndex
        return utf8[nameStart...].split(separator: UInt8(ascii: ".")).first.map {
            String(decoding: $0, as: UTF8.self)
        }
    }

    public static func join(_ base: String, _ name: String) -> String {
        base.hasSuffix("/") ? base + name : base + "/" + name
    }

    /// The absolute path with symbolic links resolved, or nil.
    public static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The running executable's own path.
    public static func executablePath() -> String? {
        realPath("/proc/self/exe") ?? CommandLine.arguments.first.flatMap(realPath)
    }

    /// A file's bytes as text, refusing what is too large, binary (a NUL byte) or not UTF-8,
    /// with the line of the first bad byte.
    public static func text(_ bytes: [UInt8], path: String, limit: Int, kind: String) throws(AllianceError)
        -> String
    {
        guard bytes.count <= limit else {
            throw AllianceError(
                "too large for \(kind) (\(bytes.count) bytes; the limit is \(limit))", at: path)
        }
        if bytes.contains(0) { throw AllianceError("a binary file, not \(kind)", at: path) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let line = bytes[..<firstInvalidUTF8(bytes)].filter { $0 == 10 }.count + 1
            throw AllianceError("not valid UTF-8 text (save the file as UTF-8)", at: "\(path):\(line)")
        }
        return text
    }

    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let length = b < 0x80 ? 1 : b >> 5 == 0b110 ? 2 : b >> 4 == 0b1110 ? 3 : b >> 3 == 0b11110 ? 4 : 0
            guard length > 0, i + length <= bytes.count,
                bytes[(i + 1)..<(i + length)].allSatisfy({ $0 >> 6 == 0b10 })
            else { return i }
            i += length
        }
        return bytes.count
    }
}
