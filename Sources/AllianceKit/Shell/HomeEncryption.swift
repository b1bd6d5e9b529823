/// `alliance key init` and `alliance encrypt`: making a data home encrypted, and converting the
/// plain logs already in it (`docs/encryption.md`).
package enum HomeEncryption {
    /// Makes `home` encrypted with `passphrase`: writes its key file (never over one). Every log
    /// created in it from then on is encrypted; the plain logs already there stay as they are
    /// until `alliance encrypt`.
    package static func initialize(_ home: DataHome, passphrase: [UInt8], n: Int = HomeKeyFile.defaultN)
        throws(AllianceError) -> [String]
    {
        try home.check()
        let path = HomeKeyFile.path(in: home)
        guard !Files.exists(path) else {
            throw AllianceError(
                "this data home is already encrypted; its key file was left as it is", at: .file(path))
        }
        guard passphrase.count >= 8 else {
            throw AllianceError(
                "a passphrase of at least 8 bytes, please (a few words are better); nothing was written",
                at: .option("--passphrase-file"))
        }
        guard n >= 2, n <= 1 << 24, n & (n - 1) == 0 else {
            throw AllianceError("scrypt's N must be a power of 2 from 2 to 2^24", at: .option("--scrypt-n"))
        }
        _ = try home.prepare()
        let (file, _) = try HomeKeyFile.make(passphrase: passphrase, n: n)
        try Files.create(path, contents: Array(file.text.utf8))
        let plain = plainLogs(in: home).count
        var lines = [
            "Encrypted data home: \(path) holds the key's salt and parameters (scrypt N=\(n), r=\(file.r), p=\(file.p)).",
            "Every new log in \(home.sessions) is encrypted. Keep the passphrase safe: without it no log of this home can be read.",
        ]
        if plain > 0 {
            lines.append(
                "\(plural(plain, "plain log")) here \(plain == 1 ? "is" : "are") still plain: `alliance encrypt` converts them."
            )
        }
        return lines
    }

    /// The logs of `home` whose first line is plain.
    package static func plainLogs(in home: DataHome) -> [String] {
        home.sessionIDs().map { home.logPath(for: $0) }.filter { path in
            guard let first = try? Files.openRegularFile(path).fd else { return false }
            defer { first.closeQuietly() }
            let start = Files.read(first, at: 0, count: LineCipher.prefix.count)
            return !start.isEmpty && !LineCipher.isEncrypted(start)
        }
    }

    /// Converts every plain log of the encrypted `home`: each is read and verified, written
    /// encrypted with a new data key, the encrypted lines decrypted and replayed to the same events
    /// as the plain ones, and only then put in the plain log's place. A log that does not read
    /// cleanly is left as it is and named. Returns what was done, then the warning that removing a
    /// file does not wipe a disk.
    package static func encrypt(_ home: DataHome) throws(AllianceError) -> (
        lines: [String], failures: [AllianceError]
    ) {
        guard Keyring.isEncrypted(home) else {
            throw AllianceError(
                "this data home is not encrypted: run `alliance key init` first", at: .file(home.path))
        }
        try Keyring.shared.unlock(home)
        var lines: [String] = []
        var failures: [AllianceError] = []
        for path in plainLogs(in: home) {
            do {
                lines.append(contentsOf: try encryptLog(at: path, in: home))
            } catch {
                failures.append(error.located(.file(path)))
            }
        }
        if lines.isEmpty && failures.isEmpty {
            lines.append("No plain logs in \(home.sessions): nothing to convert.")
        } else if !lines.isEmpty {
            lines.append(
                "Removing or replacing a file does not wipe the disk it was on: the plain text may still be in free blocks, snapshots and backups taken before now."
            )
        }
        return (lines, failures)
    }

    /// Converts one plain log.
    static func encryptLog(at path: String, in home: DataHome) throws(AllianceError) -> [String] {
        let id = LogChain.id(ofLogAt: path)
        // No shell may be writing it while it is converted.
        let lock = try LockFile.acquire(for: path)
        defer { withExtendedLifetime(lock) {} }
        let verification = LogVerifier.verify(path: path, home: home)
        if let error = verification.errors.first {
            throw AllianceError(
                "not converted: it does not pass `alliance verify` (\(error.message)); it is left plain")
        }
        let plainBytes = try Files.read(path, limit: 1 << 40)
        let plain = LogReader.parse(plainBytes, path: path)
        guard plain.isClean else {
            throw AllianceError(
                "not converted: its last line was never committed; `alliance revisit` it once to set that line aside, then run encrypt again"
            )
        }
        guard let cipher = try Keyring.shared.newLogCipher(forLogAt: path) else {
            throw AllianceError("not in the sessions folder of an encrypted home")
        }
        // Each event sealed again, chained over the encrypted lines from the alliance's id.
        var stored: [UInt8] = []
        var head = LogChain.genesis(id: id)
        var count = 0
        for event in plain.events {
            let line = try cipher.seal(
                EventCodec.encode(event, prev: head).dropLast(), seq: event.seq, prev: head)
            head = line.withUnsafeBufferPointer {
                LogChain.hash(of: UnsafeBufferPointer(rebasing: $0.dropLast()))
            }
            stored.append(contentsOf: line)
            count += 1
        }
        // Replayed both ways before the plain file goes: the same events, the same alliance.
        var checker = LogReader.LineChecker(path: path)
        checker.cipher = cipher
        var reread: [Event] = []
        _ = stored.withUnsafeBufferPointer { all in
            checker.lines(in: all) { event, _ in reread.append(event) }
        }
        guard checker.problems.isEmpty, reread == plain.events,
            AllianceState(replaying: reread) == AllianceState(replaying: plain.events)
        else {
            throw AllianceError(
                "not converted: the encrypted log does not replay to the same events; it is left plain")
        }
        try Files.replace(path, contents: stored)
        let after = LogReader.parse(try Files.read(path, limit: 1 << 40), path: path)
        guard after.isClean, after.events == plain.events else {
            throw AllianceError("the log written encrypted does not read back as it was written")
        }
        var done = ["Encrypted \(path) (\(plural(count, "event")))."]
        // Its record of closed sittings names plain lines: it now names the encrypted ones.
        if let entry = ClosedIndex.read(home).entries[id] {
            var chain = ChainChecker(path: path, id: id)
            var recordedHead: String?
            _ = stored.withUnsafeBufferPointer { all in
                LogReader.eachLine(in: all) { line in
                    chain.check(line)
                    if chain.lines == entry.lines { recordedHead = chain.head }
                }
            }
            if let recordedHead {
                try ClosedIndex.record(id: id, lines: entry.lines, head: recordedHead, in: home)
            }
        }
        // What else holds its words in plain: its command history and unfinished lines set aside.
        let torn = ((try? Files.list(home.sessions)) ?? []).filter { $0.hasPrefix(id + ".jsonl.torn-") }
            .sorted()
            .map { Files.join(home.sessions, $0) }
        for file in [home.historyPath(for: id)] + torn where Files.exists(file) {
            POSIX.remove(file)
            done.append("  removed \(file) (it held plain text)")
        }
        return done
    }
}
