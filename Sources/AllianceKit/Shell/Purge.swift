/// `alliance purge SESSION`: forgets an alliance of the data home.
///
/// In a plain home that means removing every file alliance keeps for it: the log, its history,
/// its lock note, any unfinished line set aside (`<id>.jsonl.torn-*`), and its entry in the
/// record of closed sittings (`ClosedIndex`). Copies elsewhere (backups, sync folders, exports)
/// are out of reach, and the coach is told so. In an encrypted home the alliance's data key is
/// destroyed first (`destroyDataKey`), which makes every copy of the log unreadable.
package enum Purge {
    /// The alliance a purge would forget, for the confirmation.
    package struct Target: Sendable {
        package let id: String
        package let path: String
        package let sittings: Int
    }

    /// The alliance `reference` names (as `replay` takes it), which must be one of the data home's.
    package static func target(_ reference: String, in home: DataHome) throws(AllianceError) -> Target {
        let path = try home.resolveSession(reference)
        let id = LogChain.id(ofLogAt: path)
        guard DataHome.isValidSessionID(id), Files.realPath(path) == Files.realPath(home.logPath(for: id))
        else {
            throw AllianceError(
                "purge forgets alliances of the data home (\(home.sessions)) only; this file is not one of them, and is left alone",
                at: .file(path))
        }
        let sittings = (try? LogReader.read(path: path))?.events.filter {
            if case .sitting = $0.kind { true } else { false }
        }.count
        return Target(id: id, path: path, sittings: sittings ?? 0)
    }

    /// Forgets `target`; returns what was removed, one line each, then what it cannot reach.
    package static func run(_ target: Target, in home: DataHome) throws(AllianceError) -> [String] {
        // A note left by a shell that crashed; a shell that ended removed its own.
        let leftNote = Files.exists(LockFile.path(for: target.path))
        // No shell may be writing it: the lock a shell holds is taken here, or this says who has it.
        let lock = try LockFile.acquire(for: target.path)
        var done: [String] = []
        let destroyed = try destroyDataKey(of: target.id, in: home)
        if let destroyed { done.append("destroyed its data key (\(destroyed))") }
        let sessions = home.sessions
        let torn =
            ((try? Files.list(sessions)) ?? []).filter { $0.hasPrefix(target.id + ".jsonl.torn-") }.sorted()
            .map { Files.join(sessions, $0) }
        for file in [target.path, home.historyPath(for: target.id)] + torn where Files.exists(file) {
            POSIX.remove(file)
            guard !Files.exists(file) else {
                throw AllianceError("cannot remove it; nothing else was purged after it", at: .file(file))
            }
            done.append("removed \(file)")
        }
        if ClosedIndex.read(home).entries[target.id] != nil {
            try ClosedIndex.remove(id: target.id, in: home)
            done.append("removed its entry in \(ClosedIndex.path(in: home))")
        }
        POSIX.remove(lock.path)
        if leftNote { done.append("removed its lock note \(lock.path)") }
        _ = Files.syncDirectory(sessions)
        let elsewhere =
            destroyed == nil
            ? "Copies elsewhere (backups, sync folders, exports, files you copied) are not reached: delete them there. Removing a file does not wipe the disk it was on."
            : "Copies of its log elsewhere (backups, sync folders) can no longer be decrypted, with any passphrase. Exports you made are plain files and are not reached: delete them there."
        return ["Purged \(target.id):"] + done.map { "  " + $0 } + [elsewhere]
    }

    /// The seam for an encrypted home: there, destroying the alliance's wrapped data key is what
    /// makes its log, and every copy of it, unreadable; it returns what was destroyed. A plain home
    /// keeps no key, so there is nothing to destroy.
    ///
    /// The key file is overwritten with zeros and synced before it is removed (a file system that
    /// copies on write may still hold the old blocks: the key is also wrapped, so they are useless
    /// without the passphrase; a backup of the data home taken before the purge is not reached).
    static func destroyDataKey(of id: String, in home: DataHome) throws(AllianceError) -> String? {
        let path = DataKeyFile.path(for: id, in: home)
        guard Files.exists(path) else { return nil }
        if let size = try? POSIX.status(path).size, size > 0,
            let fd = try? POSIX.open(path, .writeOnly, [.closeOnExec, .noFollow])
        {
            _ = try? fd.write(Array(repeating: 0, count: Int(size)), at: 0)
            _ = try? fd.sync()
            fd.closeQuietly()
        }
        POSIX.remove(path)
        guard !Files.exists(path) else {
            throw AllianceError("cannot remove the data key; nothing was purged", at: .file(path))
        }
        _ = Files.syncDirectory(DataKeyFile.directory(in: home))
        Keyring.shared.forget(id)
        return path
    }
}
