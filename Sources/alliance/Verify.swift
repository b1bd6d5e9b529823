import AllianceKit
import ArgumentParser

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check that session logs are whole and unedited: checksums, the chain, closed sittings.",
        discussion: """
            Each line's checksum and order, the hash chain from line to line, and, for a log in the \
            data home, that it still holds every line it had when a sitting last closed. Names the \
            first bad line of each log and prints one OK line for each good one; exits with status 1 \
            if any log fails. A line left unfinished by a crash is a warning, not a failure. Only reads.
            """)

    @OptionGroup var homeOptions: HomeOptions

    @Argument(
        help:
            "A session id, a unique prefix of one, a path to a log file, or a participant's name or words of the title; every session of the data home when none is given."
    )
    var session: String?

    func run() throws {
        let home = try homeOptions.dataHome()
        // Without a passphrase file or a terminal, an encrypted home is checked without its key:
        // the chain, checksums and completeness need none; authentication does.
        let authenticate =
            !Keyring.isEncrypted(home)
            || Keyring.canGivePassphrase(passphraseSource(homeOptions.passphraseFile))
        if authenticate {
            try Keyring.shared.unlock(home)
        } else {
            StandardError.report(
                .finding(
                    "no passphrase (--passphrase-file, $ALLIANCE_PASSPHRASE_FILE, or a terminal): checking checksums, order, the chain and completeness only; no line is authenticated",
                    at: .file(HomeKeyFile.path(in: home)), severity: .warning))
        }
        let paths: [String]
        if let session {
            paths = [try home.resolveSession(session)]
        } else {
            paths = home.sessionIDs().map { home.logPath(for: $0) }
            if paths.isEmpty { print("No sessions in \(home.sessions).") }
        }
        let index = ClosedIndex.read(home)
        for line in index.unreadable {
            StandardError.report(
                .finding(
                    "not in the form alliance writes; ignored",
                    at: .file(ClosedIndex.path(in: home), line: line),
                    severity: .warning))
        }
        var failed = false
        for path in paths {
            let verification = LogVerifier.verify(path: path, home: home, authenticate: authenticate)
            for error in verification.errors + verification.warnings {
                StandardError.report(error.asFinding())
            }
            if verification.passed {
                print(verification.okLine.terminalSafe)
            } else {
                failed = true
            }
        }
        if failed { throw ExitCode.failure }
    }
}
