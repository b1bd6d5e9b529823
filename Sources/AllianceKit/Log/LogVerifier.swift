/// What `alliance verify` found in one log: the first bad line if any, warnings, and what holds.
package struct Verification: Sendable {
    package let path: String
    package let id: String
    /// Committed lines.
    package var lines = 0
    package var sittings = 0
    /// The hash of the last committed line (the next line's `prev`).
    package var head = ""
    /// The first bad line (checksum, JSON, order, chain, completeness); empty when the log passes.
    package var errors: [AllianceError] = []
    /// Whether the first bad line is damage every reader reports and skips (a checksum, JSON or
    /// order problem) rather than a line that reads well but breaks the chain or the record of
    /// closed sittings, which only an edit makes.
    package var isDamage = false
    /// What does not make the log fail: an unfinished last line (a crash), an unchained prefix (a
    /// log written before the chain), a close the index has not recorded.
    package var warnings: [AllianceError] = []
    /// What the completeness check compared the log with, said in the OK line.
    package var completeness = ""
    /// Whether the last sitting has no `close` (still open, or ended by a crash).
    package var lastSittingOpen = false
    /// False for an encrypted log checked without its key: checksums, order, chain and
    /// completeness only, no line authenticated (and its sittings not counted).
    package var authenticated = true

    package var passed: Bool { errors.isEmpty }

    /// `path: OK: 14 lines, 2 sittings, chained, head 1f3a9c0e7b2d; …`
    package var okLine: String {
        let chain = "head \(head.prefix(12))"
        let open = lastSittingOpen ? "; the last sitting is not closed (open now, or ended by a crash)" : ""
        guard authenticated else {
            return
                "\(path): OK without the key: \(plural(lines, "line")), \(chain); \(completeness); lines not authenticated (no passphrase)"
        }
        return
            "\(path): OK: \(plural(lines, "line")), \(plural(sittings, "sitting")), \(chain); \(completeness)\(open)"
    }
}

/// Checks a log line by line: each line's checksum, fields and `seq` (as every reader does), the
/// hash chain (`LogChain`), and, for a log in the data home, that it still holds every line it
/// had when a sitting last closed (`ClosedIndex`). Only reads.
package enum LogVerifier {
    ///
    /// An encrypted log is authenticated line by line with its alliance's key from `Keyring`;
    /// without `authenticate` (no passphrase to be had) its stored lines are checked alone:
    /// checksums, `seq`, the chain and completeness, which need no key.
    package static func verify(path: String, home: DataHome?, authenticate: Bool = true) -> Verification {
        let id = LogChain.id(ofLogAt: path)
        var result = Verification(path: path, id: id)
        let bytes: [UInt8]
        do {
            bytes = try Files.read(path, limit: 1 << 40)
        } catch {
            result.errors.append(error.with(.error))
            return result
        }
        // The home whose `sessions/` holds the log, if it is one: only there is the log named by its
        // id and recorded in the home's record of closed sittings.
        let home = home.flatMap { home in
            path.hasSuffix(".jsonl") && Files.realPath(home.sessions) != nil
                && Files.realPath(Files.directory(of: path)) == Files.realPath(home.sessions) ? home : nil
        }
        let inHome = home != nil
        let recorded = home.flatMap { ClosedIndex.read($0).entries[id] }
        var checker = LogReader.LineChecker(path: path)
        // An encrypted log: each line is authenticated with its alliance's key as it is read.
        let storedOnly = LineCipher.isEncrypted(bytes) && !authenticate
        result.authenticated = !storedOnly
        if LineCipher.isEncrypted(bytes) && authenticate {
            do {
                checker.cipher = try Keyring.shared.cipher(forLogAt: path)
            } catch {
                result.errors.append(error.located(.file(path)).with(.error))
                return result
            }
        }
        var chain = ChainChecker(path: path, id: id, bindsID: inHome)
        var hashAtRecorded: String?
        var lastChainedClose: Int?
        var firstError: AllianceError?
        let consumed = bytes.withUnsafeBufferPointer { all in
            LogReader.eachLine(in: all) { line in
                guard firstError == nil else { return }
                if storedOnly {
                    let number = chain.lines + 1
                    switch LineCipher.storedSeq(line) {
                    case .failure(let error):
                        firstError = error.located(.file(path, line: number))
                        return
                    case .success(let seq) where seq != number:
                        firstError = AllianceError(
                            "seq \(seq) where \(number) was expected (lines are missing, repeated or moved)",
                            at: .file(path, line: number))
                        return
                    case .success: break
                    }
                    chain.check(line)
                    if let problem = chain.problem { firstError = problem }
                    if chain.lines == recorded?.lines { hashAtRecorded = chain.head }
                    return
                }
                let problems = checker.problems.count
                let event = checker.check(LogReader.LineChecker.decode(line, cipher: checker.cipher))
                chain.check(line)
                if checker.problems.count > problems {
                    firstError = checker.problems[problems]
                    result.isDamage = true
                    return
                }
                if let problem = chain.problem {
                    firstError = problem
                    return
                }
                if chain.lines == recorded?.lines { hashAtRecorded = chain.head }
                switch event?.kind {
                case .sitting?:
                    result.sittings += 1
                    result.lastSittingOpen = true
                case .close?:
                    result.lastSittingOpen = false
                    if chain.isChained { lastChainedClose = chain.lines }
                default: break
                }
            }
        }
        result.lines = chain.lines
        result.head = chain.head
        if let firstError {
            result.errors.append(firstError.with(.error))
            return result
        }
        let torn = bytes.count - consumed
        if torn > 0 {
            result.warnings.append(
                AllianceError(
                    "the last \(torn) bytes are a line that was never committed (the shell stopped while writing it): not a sign of tampering; the next `alliance revisit` sets them aside",
                    at: .file(path, line: chain.lines + 1), severity: .warning))
        }
        if chain.namedOtherwise {
            result.warnings.append(
                AllianceError(
                    "is chained to another alliance id than \"\(id)\": a log copied or renamed outside the data home (in its sessions/ folder, a log must keep its id as its name)",
                    at: .file(path, line: 1), severity: .warning))
        }
        if chain.unchainedLines > 0 {
            let range = chain.unchainedLines == 1 ? "line 1 was" : "lines 1–\(chain.unchainedLines) were"
            result.warnings.append(
                AllianceError(
                    "\(range) written before lines were chained (no \"prev\"): an edit there with its checksum made right is not detectable\(chain.isChained ? "" : "; the next sitting starts the chain")",
                    at: .file(path), severity: .warning))
        }
        guard let home else {
            result.completeness =
                "outside the data home, so not checked against its record of closed sittings"
            return result
        }
        let index = ClosedIndex.path(in: home)
        if let recorded {
            if let failure = recorded.check(
                path: path, lines: chain.lines, hashAtRecorded: hashAtRecorded, index: index)
            {
                result.errors.append(failure)
                return result
            }
            result.completeness = "complete up to the close at line \(recorded.lines)"
            if let lastChainedClose, lastChainedClose > recorded.lines {
                result.warnings.append(
                    AllianceError(
                        "the close at line \(lastChainedClose) is not in \(index) (the shell stopped between writing the two?): lines after line \(recorded.lines) are not checked for completeness",
                        at: .file(path), severity: .warning))
            }
        } else if let lastChainedClose {
            result.warnings.append(
                AllianceError(
                    "no close of this alliance is recorded in \(index) (a log copied here from elsewhere, or an index that lost it): lines dropped from its end cannot be detected; its next close here records one",
                    at: .file(path), severity: .warning))
            result.completeness =
                "not recorded as closed in this data home (last close at line \(lastChainedClose))"
        } else {
            result.completeness =
                storedOnly ? "no close of it recorded in this data home" : "no chained sitting closed yet"
        }
        return result
    }
}
