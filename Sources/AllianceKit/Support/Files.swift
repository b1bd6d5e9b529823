import SystemPackage

/// The few file-system operations the core needs, with errors that name the path. The system
/// calls themselves are in `POSIX.swift`.
package enum Files {
    /// Opens a regular file for reading: its descriptor (the caller closes it) and size. Anything
    /// else (a directory, a FIFO, a device) is refused, and nothing is left open on an error.
    static func openRegularFile(_ path: String) throws(AllianceError) -> (fd: FileDescriptor, size: Int) {
        let fd: FileDescriptor
        do {
            // Non-blocking: a FIFO or device named like a pack must not stall start-up; it is refused below.
            fd = try POSIX.open(path, .readOnly, [.closeOnExec, .nonBlocking])
        } catch {
            throw AllianceError("cannot open: \(error.text)", at: .file(path))
        }
        let info: Stat
        do {
            info = try fd.status()
        } catch {
            fd.closeQuietly()
            throw AllianceError("cannot read: \(error.text)", at: .file(path))
        }
        guard info.type == .regular else {
            fd.closeQuietly()
            throw AllianceError("not a regular file", at: .file(path))
        }
        return (fd, Int(info.size))
    }

    /// Reads a whole regular file, refusing directories and files larger than `limit` bytes.
    package static func read(_ path: String, limit: Int = 64 << 20) throws(AllianceError) -> [UInt8] {
        let (fd, size) = try openRegularFile(path)
        defer { fd.closeQuietly() }
        guard size <= limit else {
            throw AllianceError("too large (\(size) bytes; the limit is \(limit))", at: .file(path))
        }
        do {
            return try fd.read(upTo: size)
        } catch {
            throw AllianceError("cannot read: \(error.text)", at: .file(path))
        }
    }

    /// Up to `count` bytes of `fd` from `offset`, read with `pread` (the descriptor's position is
    /// left as it is); fewer when the file ends, or a read fails, first.
    static func read(_ fd: FileDescriptor, at offset: Int, count: Int) -> [UInt8] {
        fd.read(count: count, at: offset).bytes
    }

    package static func exists(_ path: String) -> Bool {
        (try? POSIX.status(path, followingLinks: false)) != nil
    }

    package static func isDirectory(_ path: String) -> Bool {
        (try? POSIX.status(path))?.type == .directory
    }

    /// Permission bits (`0o700`), or nil when there is no such file.
    package static func mode(_ path: String) -> UInt32? {
        guard let info = try? POSIX.status(path) else { return nil }
        return UInt32(info.permissions.rawValue) & 0o777
    }

    /// The names in a directory, sorted, without `.` and `..` or hidden files.
    package static func list(_ path: String) throws(AllianceError) -> [String] {
        do {
            return try POSIX.names(inDirectory: path).filter { !$0.hasPrefix(".") }.sorted()
        } catch {
            throw AllianceError("cannot list: \(error.text)", at: .file(path))
        }
    }

    /// The files named with one of `suffixes` in each directory, in directory order and then by
    /// name (README.md left out), and an error for each directory that could not be listed.
    /// A directory that does not exist is skipped quietly.
    package static func files(in directories: [String], suffixes: [String]) -> (
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
    package static func makeDirectory(_ path: String, mode: UInt32 = 0o700) throws(AllianceError) {
        if isDirectory(path) { return }
        let parent = directory(of: path)
        if parent != path && !parent.isEmpty { try makeDirectory(parent, mode: mode) }
        let permissions = FilePermissions(rawValue: mode)
        do {
            try POSIX.makeDirectory(path, permissions: permissions)
        } catch {
            var failure = error
            if failure == .fileExists {
                // Someone made it meanwhile: fine if it is a directory. Where even `stat` fails
                // (a dangling link), say why it failed.
                do {
                    if try POSIX.status(path).type == .directory { return }
                } catch {
                    failure = error
                }
            }
            let reason = failure == .fileExists ? "not a directory" : failure.text
            throw AllianceError("cannot create directory: \(reason)", at: .file(path))
        }
        // mkdir's mode is narrowed by the umask; set it exactly on the directory just made.
        if let fd = try? POSIX.open(path, .readOnly, [.directory, .noFollow, .closeOnExec]) {
            try? fd.setPermissions(permissions)
            fd.closeQuietly()
        }
        syncDirectory(parent)
    }

    /// What `lstat` says of a path (a symbolic link is itself, not what it points to).
    package struct Entry: Sendable {
        package enum Kind: Sendable { case directory, regular, symbolicLink, other }
        package var kind: Kind
        package var owner: UInt32
        package var mode: UInt32
        /// Whether the user running alliance owns it.
        package var isOwn: Bool { owner == POSIX.effectiveUserID }

        init(_ info: Stat) {
            switch info.type {
            case .directory: kind = .directory
            case .regular: kind = .regular
            case .symbolicLink: kind = .symbolicLink
            default: kind = .other
            }
            owner = info.userID.rawValue
            mode = UInt32(info.permissions.rawValue) & 0o7777
        }
    }

    /// The entry at `path` itself, without following a final symbolic link; nil when there is none.
    package static func entry(_ path: String) -> Entry? {
        (try? POSIX.status(path, followingLinks: false)).map(Entry.init)
    }

    /// The entry `path` leads to, following symbolic links; nil when there is none.
    package static func target(_ path: String) -> Entry? {
        (try? POSIX.status(path)).map(Entry.init)
    }

    /// Flushes a directory's entries, so a file created in it survives a crash.
    @discardableResult
    package static func syncDirectory(_ path: String) -> Bool {
        (try? POSIX.syncDirectory(path)) != nil
    }

    /// Writes a new file (never replacing one) with `mode`, synced with its directory.
    package static func create(_ path: String, contents: [UInt8], mode: UInt32 = 0o600) throws(AllianceError)
    {
        let fd: FileDescriptor
        do {
            fd = try POSIX.open(
                path, .writeOnly, [.create, .exclusiveCreate, .closeOnExec],
                permissions: FilePermissions(rawValue: mode))
        } catch {
            throw AllianceError("cannot create: \(error.text)", at: .file(path))
        }
        defer { fd.closeQuietly() }
        try writeAll(fd, contents, path: path)
        do {
            try fd.sync()
        } catch {
            throw AllianceError("cannot sync: \(error.text)", at: .file(path))
        }
        syncDirectory(directory(of: path))
    }

    /// Writes `path` whole, replacing any file there only once the new one is complete: a new
    /// file beside it (created 0600 under a name no one else uses, never a file already there),
    /// synced, then renamed over it. On every failure the new file is removed and the error names
    /// `path`; a symbolic link at `path` is replaced, never written through.
    package static func replace(_ path: String, contents: [UInt8], mode: UInt32 = 0o600) throws(AllianceError)
    {
        if isDirectory(path) { throw AllianceError("is a directory", at: .file(path)) }
        let folder = directory(of: path)
        let name = fileName(of: path)
        let permissions = FilePermissions(rawValue: mode)
        var generator = SystemRandomNumberGenerator()
        var temporary = ""
        var opened: Result<FileDescriptor, Errno> = .failure(.fileExists)
        for _ in 0..<100 {
            let suffix = String(generator.next(), radix: 36)
            temporary = join(folder, ".\(name).alliance-\(POSIX.processID)-\(suffix).tmp")
            opened = Result { () throws(Errno) in
                try POSIX.open(
                    temporary, .writeOnly, [.create, .exclusiveCreate, .noFollow, .closeOnExec],
                    permissions: permissions)
            }
            if case .failure(.fileExists) = opened { continue }
            break
        }
        let fd: FileDescriptor
        switch opened {
        case .success(let opened): fd = opened
        case .failure(let error): throw AllianceError("cannot write: \(error.text)", at: .file(path))
        }
        func fail(_ message: String) -> AllianceError {
            fd.closeQuietly()
            POSIX.remove(temporary)
            return AllianceError(message, at: .file(path))
        }
        do {
            try writeAll(fd, contents, path: path)
        } catch {
            throw fail(error.message)
        }
        do {
            try fd.setPermissions(permissions)
            try fd.sync()
        } catch {
            throw fail("cannot write: \(error.text)")
        }
        do {
            try fd.closeAfterWriting()
            try POSIX.rename(temporary, to: path)
        } catch {
            POSIX.remove(temporary)
            throw AllianceError("cannot write: \(error.text)", at: .file(path))
        }
        syncDirectory(folder)
    }

    static func writeAll(_ fd: FileDescriptor, _ bytes: [UInt8], path: String) throws(AllianceError) {
        do {
            try fd.writeFully(bytes)
        } catch {
            throw AllianceError("cannot write: \(error.text)", at: .file(path))
        }
    }

    /// Everything before the last `/`.
    package static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Everything after the last `/`.
    package static func fileName(of path: String) -> String {
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

    package static func join(_ base: String, _ name: String) -> String {
        base.hasSuffix("/") ? base + name : base + "/" + name
    }

    /// The absolute path with symbolic links resolved, or nil.
    package static func realPath(_ path: String) -> String? {
        POSIX.realPath(path)
    }

    /// The running executable's own path.
    package static func executablePath() -> String? {
        realPath("/proc/self/exe") ?? CommandLine.arguments.first.flatMap(realPath)
    }

    /// A file's bytes as text, refusing what is too large, binary (a NUL byte) or not UTF-8,
    /// with the line of the first bad byte.
    package static func text(_ bytes: [UInt8], path: String, limit: Int, kind: String) throws(AllianceError)
        -> String
    {
        guard bytes.count <= limit else {
            throw AllianceError(
                "too large for \(kind) (\(bytes.count) bytes; the limit is \(limit))", at: .file(path))
        }
        if bytes.contains(0) { throw AllianceError("a binary file, not \(kind)", at: .file(path)) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let line = bytes[..<firstInvalidUTF8(bytes)].filter { $0 == 10 }.count + 1
            throw AllianceError("not valid UTF-8 text (save the file as UTF-8)", at: .file(path, line: line))
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
