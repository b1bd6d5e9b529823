import Crypto
import Synchronization

/// The keys of the encrypted data home this process works in: the passphrase is read once (from
/// `--passphrase-file`, else `$ALLIANCE_PASSPHRASE_FILE`, else asked on the terminal), the home's
/// key derived once, and each alliance's data key unwrapped once. The log reader and writer ask
/// here for the cipher of a log; a plain home (no `key.json`) needs nothing, and nothing is asked.
package final class Keyring: Sendable {
    /// The process's keyring.
    package static let shared = Keyring()

    /// Where the passphrase comes from.
    package struct Source: Sendable {
        /// `--passphrase-file`, which wins over the environment.
        package var file: String?
        /// `$ALLIANCE_PASSPHRASE_FILE`.
        package var environmentFile: String?
        /// Asks on the terminal without echo (nil when there is no terminal).
        package var ask: (@Sendable (String) -> [UInt8]?)?

        package init(
            file: String? = nil, environmentFile: String? = nil, ask: (@Sendable (String) -> [UInt8]?)? = nil
        ) {
            self.file = file
            self.environmentFile = environmentFile
            self.ask = ask
        }
    }

    private struct State {
        var source = Source()
        /// The home whose key is open, and the key.
        var home: DataHome?
        var homeKey: SymmetricKey?
        var ciphers: [String: LineCipher] = [:]
    }

    private let state = Mutex(State())

    package init() {}

    /// Sets where the passphrase comes from (before any log is read).
    package func configure(_ source: Source) {
        state.withLock { $0.source = source }
    }

    /// Whether `home` is encrypted: it has a key file.
    package static func isEncrypted(_ home: DataHome) -> Bool { Files.exists(HomeKeyFile.path(in: home)) }

    /// Opens the key of `home` if it is encrypted (asking for the passphrase once per process);
    /// nothing for a plain home. A wrong passphrase is one error, and nothing is touched.
    @discardableResult
    package func unlock(_ home: DataHome) throws(AllianceError) -> SymmetricKey? {
        guard Self.isEncrypted(home) else { return nil }
        return try state.withLock { state throws(AllianceError) in try Self.unlock(home, &state) }
    }

    private static func unlock(_ home: DataHome, _ state: inout State) throws(AllianceError) -> SymmetricKey {
        if let key = state.homeKey, state.home?.path == home.path { return key }
        let path = HomeKeyFile.path(in: home)
        let file = try HomeKeyFile.read(path: path)
        var passphrase = try Self.passphrase(state.source, prompt: "Passphrase for \(home.path): ")
        defer { POSIX.wipe(&passphrase) }
        let key = try file.unlock(passphrase, path: path)
        state.home = home
        state.homeKey = key
        state.ciphers = [:]
        return key
    }

    /// Whether `source` can give a passphrase at all: a file, or a terminal to ask on.
    package static func canGivePassphrase(_ source: Source) -> Bool {
        source.file != nil || !(source.environmentFile ?? "").isEmpty || source.ask != nil
    }

    /// The passphrase from `source`: the file's first line, else asked.
    package static func passphrase(_ source: Source, prompt: String) throws(AllianceError) -> [UInt8] {
        if let file = source.file { return try read(file, at: .option("--passphrase-file")) }
        if let file = source.environmentFile, !file.isEmpty {
            return try read(file, at: .option("$ALLIANCE_PASSPHRASE_FILE"))
        }
        guard let ask = source.ask else {
            throw AllianceError(
                "this data home is encrypted: give its passphrase with --passphrase-file FILE or $ALLIANCE_PASSPHRASE_FILE (there is no terminal to ask on)"
            )
        }
        guard let typed = ask(prompt), !typed.isEmpty else {
            throw AllianceError("no passphrase given; nothing was read or changed")
        }
        return typed
    }

    /// A passphrase file's first line (without its line ending).
    private static func read(_ file: String, at place: AllianceError.Location) throws(AllianceError)
        -> [UInt8]
    {
        var bytes: [UInt8]
        do {
            bytes = try Files.read(file, limit: 1 << 16)
        } catch {
            throw AllianceError(
                "cannot read the passphrase file: \(error.message)", at: .within(place, .file(file)))
        }
        defer { POSIX.wipe(&bytes) }
        var line = Array(bytes.prefix { $0 != 10 })
        if line.last == 13 { line.removeLast() }
        guard !line.isEmpty else {
            throw AllianceError("the passphrase file's first line is empty", at: .within(place, .file(file)))
        }
        return line
    }

    /// The home a log at `path` belongs to: the parent of its `sessions/` folder when it is in one
    /// with a key file, else the home whose key is open (a log given by path).
    private static func home(ofLogAt path: String, _ state: State) -> DataHome? {
        let folder = Files.directory(of: path)
        if Files.fileName(of: folder) == "sessions" {
            let home = DataHome(path: Files.directory(of: folder))
            if isEncrypted(home) { return home }
        }
        return state.home
    }

    /// The cipher of the encrypted log at `path` (its alliance's data key, unwrapped).
    ///
    /// The data key's file is read and unwrapped outside the lock, so readers of several logs at
    /// once (`search`, `due`) do not wait on one another's.
    package func cipher(forLogAt path: String) throws(AllianceError) -> LineCipher {
        let id = LogChain.id(ofLogAt: path)
        let (home, homeKey, cached) = try state.withLock { state throws(AllianceError) in
            guard let home = Self.home(ofLogAt: path, state) else {
                throw AllianceError(
                    "is encrypted, and no encrypted data home is open to read it (give --home)",
                    at: .file(path))
            }
            return (home, try Self.unlock(home, &state), state.ciphers[id])
        }
        if let cached { return cached }
        let cipher = LineCipher(id: id, key: try DataKeyFile.read(for: id, in: home, homeKey: homeKey))
        state.withLock { $0.ciphers[id] = cipher }
        return cipher
    }

    /// The cipher for a new log at `path`: a new data key when the log is in the `sessions/` of an
    /// encrypted home (written before the log is), nil in a plain home.
    package func newLogCipher(forLogAt path: String) throws(AllianceError) -> LineCipher? {
        let folder = Files.directory(of: path)
        guard Files.fileName(of: folder) == "sessions" else { return nil }
        let home = DataHome(path: Files.directory(of: folder))
        guard Self.isEncrypted(home) else { return nil }
        let id = LogChain.id(ofLogAt: path)
        return try state.withLock { state throws(AllianceError) in
            let homeKey = try Self.unlock(home, &state)
            let keyPath = DataKeyFile.path(for: id, in: home)
            let key =
                Files.exists(keyPath)
                ? try DataKeyFile.read(for: id, in: home, homeKey: homeKey)
                : try DataKeyFile.create(for: id, in: home, homeKey: homeKey)
            let cipher = LineCipher(id: id, key: key)
            state.ciphers[id] = cipher
            return cipher
        }
    }

    /// Forgets the data key of `id` held in memory (after a purge).
    package func forget(_ id: String) {
        state.withLock { _ = $0.ciphers.removeValue(forKey: id) }
    }
}
