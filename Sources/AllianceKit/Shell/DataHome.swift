#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The coach's private data directory: sessions, their own packs and plugins, and history.
public struct DataHome: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    /// `--home`, else `$ALLIANCE_HOME`, else `$XDG_DATA_HOME/alliance`, else `~/.local/share/alliance`.
    public static func resolve(explicit: String?, environment: [String: String]) throws(AllianceError)
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
    public var packs: String { Files.join(path, "packs") }
    public var plugins: String { Files.join(path, "plugins") }
    /// Command lines without free text, shared by every session (see `HistoryPolicy`).
    public var history: String { Files.join(path, "history") }

    /// Creates the home and its sessions folder, private (0700). Returns warnings
    /// when an existing home can be read by others.
    public func prepare() throws(AllianceError) -> [String] {
        try Files.makeDirectory(path, mode: 0o700)
        try Files.makeDirectory(sessions, mode: 0o700)
        var warnings: [String] = []
        for dir in [path, sessions] {
            if let mode = Files.mode(dir), mode & 0o077 != 0 {
                warnings.append(
                    "\(dir) can be read by others (mode \(String(mode, radix: 8))): run `chmod 700 \(dir)` to keep coaching notes private"
                )
            }
        }
        return warnings
    }

    public func logPath(for id: String) -> String { Files.join(sessions, id + ".jsonl") }
    public func historyPath(for id: String) -> String { Files.join(sessions, id + ".history") }

    /// A new session id such as `2026-11-25-k3f9`, not yet used.
    public func newSessionID(at time: Timestamp) -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyz23456789")
        var generator = SystemRandomNumberGenerator()
        while true {
            let suffix = String(
                (0..<4).map { _ in alphabet[Int(generator.next(upperBound: UInt32(alphabet.count)))] })
            let id = "\(time.date)-\(suffix)"
            if !Files.exists(logPath(for: id)) { return id }
        }
    }

    /// Session ids in the data home, oldest first.
    public func sessionIDs() -> [String] {
        guard Files.isDirectory(sessions), let names = try? Files.list(sessions) else { return [] }
        return names.filter { $0.hasSuffix(".jsonl") }.map { String($0.dropLast(6)) }
    }

    /// Session ids are letters, digits, `-` and `_`: they name a file in `sessions/` and nothing else.
    public static func isValidSessionID(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 100
            && id.unicodeScalars.allSatisfy {
                $0.isASCII && (CharacterSetLite.isAlphanumeric($0) || $0 == "-" || $0 == "_")
            }
    }

    /// The log a user means by `reference`: a session id, a unique prefix of one, or a path to a log file.
    public func resolveSession(_ reference: String) throws(AllianceError) -> String {
        if reference.contains("/") || reference.hasSuffix(".jsonl") {
            guard Files.exists(reference) else { throw AllianceError("no such log file", at: reference) }
            return reference
        }
        guard Self.isValidSessionID(reference) else {
            throw AllianceError(
                "\"\(reference)\" is not a session id (letters, digits and dashes; `alliance sessions` lists them)"
            )
        }
        let ids = sessionIDs()
        if ids.contains(reference) { return logPath(for: reference) }
        let matches = ids.filter { $0.hasPrefix(reference) }
        switch matches.count {
        case 1: return logPath(for: matches[0])
        case 0:
            throw AllianceError("no session \"\(reference)\" in \(sessions) (`alliance sessions` lists them)")
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

/// Which typed lines may go into the history file shared by all sessions: commands whose
/// arguments are all ids from a fixed set (question ids and sections of the active pack, pack,
/// agreement, session and command names, numbers), never free text, because answers are
/// confidential. Each command's declaration says whether it may share at all.
public enum HistoryPolicy {
    public static func isShareable(_ line: String, context: CommandContext) -> Bool {
        guard case .command(let command, let rest)? = try? ShellCommand.interpret(line),
            command.sharesHistory,
            let arguments = try? command.signature.parse(rest, command: command.name)
        else { return false }
        guard arguments.note == nil else { return false }
        for (name, value) in arguments.options {
            guard let option = command.signature.options.first(where: { $0.name == name }) else {
                return false
            }
            switch option.value {
            case .none: continue
            case .text: return false
            case .word: guard option.candidates(context).contains(value) else { return false }
            }
        }
        // Every argument is a number or one of its own candidates (question ids and sections of the
        // active pack, pack, agreement and session ids, command names): never words of its own.
        for (name, value) in arguments.values {
            guard let argument = command.signature.arguments.first(where: { $0.name == name }) else {
                return false
            }
            if argument.isNumber { continue }
            let candidates = argument.index(context)?.unique ?? argument.candidates(context)
            guard candidates.contains(value) else { return false }
        }
        return true
    }
}
