/// The coach's private data directory: sessions, their own packs and plugins, and history.
public struct DataHome: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    /// `--home`, else `$ALLIANCE_HOME`, else `$XDG_DATA_HOME/alliance`, else `~/.local/share/alliance`.
    package static func resolve(explicit: String?, environment: [String: String]) throws(AllianceError)
        -> DataHome
    {
        if let explicit, !explicit.isEmpty { return DataHome(path: explicit) }
        if let home = environment["ALLIANCE_HOME"], !home.isEmpty { return DataHome(path: home) }
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            return DataHome(path: xdg + "/alliance")
        }
        guard let user = environment["HOME"], !user.isEmpty else {
            throw AllianceError("no data home: set $HOME or $ALLIANCE_HOME, or pass --home DIR")
        }
        return DataHome(path: user + "/.local/share/alliance")
    }

    public var sessions: String { Files.join(path, "sessions") }
    package var packs: String { Files.join(path, "packs") }
    package var plugins: String { Files.join(path, "plugins") }
    /// Command lines without free text, shared by every session (see `ShellCommand.isShareable`).
    package var history: String { Files.join(path, "history") }

    /// Refuses a home or `sessions` folder that is not alliance's to write in, creating and
    /// changing nothing: each, where it exists, must be a directory owned by the user running
    /// alliance. The home may be a symbolic link to such a directory (a home kept on another
    /// disk); `sessions` may not be a link at all, since the logs would then live outside the home.
    package func check() throws(AllianceError) {
        if let home = Files.entry(path) {
            let target = home.kind == .symbolicLink ? Files.target(path) : home
            guard let target, target.kind == .directory else {
                throw AllianceError(
                    "the data home is not a directory: pass --home with a folder for alliance's data (nothing was changed)",
                    at: .file(path))
            }
            guard target.isOwn else {
                throw AllianceError(
                    "the data home belongs to another user: pass --home with a folder of your own (nothing was changed)",
                    at: .file(path))
            }
        }
        guard let folder = Files.entry(sessions) else { return }
        switch folder.kind {
        case .directory:
            guard folder.isOwn else {
                throw AllianceError(
                    "the sessions folder belongs to another user: alliance writes only in a folder of your own (nothing was changed)",
                    at: .file(sessions))
            }
        case .symbolicLink:
            throw AllianceError(
                "the sessions folder is a symbolic link: alliance keeps sessions in a folder of its own inside the data home; move the link away (nothing was changed)",
                at: .file(sessions))
        case .regular, .other:
            throw AllianceError(
                "the sessions folder is not a directory: move it away so alliance can create its own (nothing was changed)",
                at: .file(sessions))
        }
    }

    /// Creates the home and its sessions folder, private (0700), after `check()`; nothing that
    /// already exists is chmod-ed. Returns warnings when an existing home can be read by others,
    /// advising only a change inside the home (never through a link).
    package func prepare() throws(AllianceError) -> [String] {
        try check()
        try Files.makeDirectory(path, mode: 0o700)
        try Files.makeDirectory(sessions, mode: 0o700)
        // What was just created is what is there (nothing swapped in between).
        try check()
        var warnings: [String] = []
        for dir in [path, sessions] {
            guard let entry = Files.entry(dir), entry.kind == .directory, entry.mode & 0o077 != 0 else {
                continue
            }
            warnings.append(
                "\(dir) can be read by others (mode \(String(entry.mode & 0o777, radix: 8))): run `chmod 700 \(dir)` to keep coaching notes private"
            )
        }
        return warnings
    }

    package func logPath(for id: String) -> String { Files.join(sessions, id + ".jsonl") }
    package func historyPath(for id: String) -> String { Files.join(sessions, id + ".history") }

    /// A new session id such as `2026-11-25-k3f9`, not yet used: the date is the coach's (`zone`).
    package func newSessionID(at time: Timestamp, zone: Zone) -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyz23456789")
        var generator = SystemRandomNumberGenerator()
        while true {
            let suffix = String(
                (0..<4).map { _ in alphabet[Int(generator.next(upperBound: UInt32(alphabet.count)))] })
            let id = "\(time.calendarDate(in: zone))-\(suffix)"
            if !Files.exists(logPath(for: id)) { return id }
        }
    }

    /// Session ids in the data home, oldest first.
    package func sessionIDs() -> [String] {
        guard Files.isDirectory(sessions), let names = try? Files.list(sessions) else { return [] }
        return names.filter { $0.hasSuffix(".jsonl") }.map { String($0.dropLast(6)) }
    }

    /// Session ids are letters, digits, `-` and `_`: they name a file in `sessions/` and nothing else.
    package static func isValidSessionID(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 100
            && id.unicodeScalars.allSatisfy {
                $0.isASCII && (CharacterSetLite.isAlphanumeric($0) || $0 == "-" || $0 == "_")
            }
    }

    /// The log a user means by `reference`: a path to a log file, a session id, a unique prefix of
    /// one, or else a participant's name or words of the title that fit one alliance only (see
    /// `matching(_:among:)`). Paths and ids come first: a name is looked for only when no id starts
    /// with what was typed.
    package func resolveSession(_ reference: String) throws(AllianceError) -> String {
        if reference.contains("/") || reference.hasSuffix(".jsonl") {
            guard Files.exists(reference) else {
                throw AllianceError("no such log file", at: .file(reference))
            }
            return reference
        }
        guard !reference.trimmed.isEmpty else {
            throw AllianceError("no session given (`alliance sessions` lists them)")
        }
        guard Self.isValidSessionID(reference) else { return try findByPeople(reference) }
        let ids = sessionIDs()
        if ids.contains(reference) { return logPath(for: reference) }
        let matches = ids.filter { $0.hasPrefix(reference) }
        switch matches.count {
        case 1: return logPath(for: matches[0])
        case 0: return try findByPeople(reference)
        default:
            throw AllianceError(
                "\"\(reference)\" could be \(matches.prefix(5).joined(separator: ", "))\(matches.count > 5 ? ", …" : ""): type more of the id"
            )
        }
    }
}

enum CharacterSetLite {
    static func isAlphanumeric(_ s: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s)
    }
}
