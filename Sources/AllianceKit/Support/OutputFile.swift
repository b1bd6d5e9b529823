/// Where a command may write a file the coach asked for (`export --output FILE`): never over an
/// input. A session log (anywhere) and anything in the data home's `sessions/` folder are refused
/// always; any other existing file only with `force`, because alliance cannot tell a file it wrote
/// from one the coach wrote (a marker inside the file would travel with any text copied from an
/// export, so it proves nothing).
package enum OutputFile {
    /// Throws, naming `path`, when writing there could replace something that is not a new export.
    package static func check(_ path: String, home: DataHome, force: Bool) throws(AllianceError) {
        let name = Files.fileName(of: path)
        guard !name.isEmpty, name != ".", name != ".." else {
            throw AllianceError("is a directory: name a file to write", at: .file(path))
        }
        // Real paths, so `..` and symbolic links cannot hide that the file is in `sessions/`.
        guard let folder = Files.realPath(Files.directory(of: path)) else {
            throw AllianceError("no such directory to write in", at: .file(path))
        }
        var places = [Files.join(folder, name)]
        if let resolved = Files.realPath(path) { places.append(resolved) }
        if let sessions = Files.realPath(home.sessions) {
            for place in places where place == sessions || place.hasPrefix(Files.join(sessions, "")) {
                throw AllianceError(
                    "is in the data home's sessions folder, which holds the logs: choose a file elsewhere (nothing was written)",
                    at: .file(path))
            }
        }
        guard let entry = Files.entry(path) else { return }
        let target = entry.kind == .symbolicLink ? Files.target(path) : entry
        if target?.kind == .directory {
            throw AllianceError("is a directory: name a file to write (nothing was written)", at: .file(path))
        }
        if target?.kind == .regular, isLog(path) {
            throw AllianceError(
                "is an alliance session log: an export never replaces a log; choose another file (nothing was written)",
                at: .file(path))
        }
        guard force else {
            throw AllianceError(
                "already exists: alliance replaces a file only with --force (nothing was written)",
                at: .file(path))
        }
        guard entry.kind == .regular || entry.kind == .symbolicLink else {
            throw AllianceError(
                "is not a regular file: choose another file (nothing was written)", at: .file(path))
        }
    }

    /// Whether the file reads as an alliance session log: at least one of its lines is an event,
    /// or it starts with an encrypted line (whatever key it needs: it is not read).
    static func isLog(_ path: String) -> Bool {
        // One too large to read is taken for a log when it is named like one.
        guard let bytes = try? Files.read(path) else { return path.hasSuffix(".jsonl") }
        if LineCipher.isEncrypted(bytes) { return true }
        return !LogReader.parse(bytes, path: path).events.isEmpty
    }
}
