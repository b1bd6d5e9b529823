import AllianceKit
import ArgumentParser

struct Key: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage the key of an encrypted data home.",
        subcommands: [KeyInit.self, KeyCheck.self])
}

struct KeyInit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Encrypt the data home: every new log is encrypted with a key opened by your passphrase.",
        discussion: """
            On a terminal the passphrase is asked twice, without echo; in a script it is the first \
            line of --passphrase-file FILE or of $ALLIANCE_PASSPHRASE_FILE. Logs already in the home \
            stay plain until `alliance encrypt`. See docs/encryption.md.
            """)

    @OptionGroup var homeOptions: HomeOptions

    /// scrypt's cost, recorded in the key file; lower only for tests (the default is 2^17).
    @Option(name: .long, help: .hidden)
    var scryptN: Int = HomeKeyFile.defaultN

    func run() throws {
        let home = try homeOptions.dataHome()
        let source = passphraseSource(homeOptions.passphraseFile)
        var passphrase: [UInt8]
        guard Keyring.canGivePassphrase(source) else {
            throw AllianceError(
                "give the new passphrase with --passphrase-file FILE or $ALLIANCE_PASSPHRASE_FILE (there is no terminal to ask on); nothing was written",
                at: .command("alliance key init"))
        }
        if source.file != nil || !(source.environmentFile ?? "").isEmpty {
            passphrase = try Keyring.passphrase(source, prompt: "")
        } else {
            passphrase = try Keyring.passphrase(source, prompt: "New passphrase for \(home.path): ")
            var again = try Keyring.passphrase(source, prompt: "The same passphrase again: ")
            defer { POSIX.wipe(&again) }
            guard passphrase == again else {
                POSIX.wipe(&passphrase)
                throw AllianceError(
                    "the two passphrases differ; nothing was written", at: .command("alliance key init"))
            }
        }
        defer { POSIX.wipe(&passphrase) }
        for line in try HomeEncryption.initialize(home, passphrase: passphrase, n: scryptN) {
            print(line.terminalSafe)
        }
    }
}

struct KeyCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check that a passphrase opens the encrypted data home, and change nothing.",
        discussion: """
            Exits 0 when the passphrase opens the home's key, 1 with one line saying why when it \
            does not (a wrong passphrase, or a plain home). The time it takes is the one key \
            derivation every command of an encrypted home pays.
            """)

    @OptionGroup var homeOptions: HomeOptions

    func run() throws {
        let home = try homeOptions.dataHome()
        guard Keyring.isEncrypted(home) else {
            throw AllianceError(
                "\(home.path) is a plain data home (no key.json): `alliance key init` encrypts it",
                at: .command("alliance key check"))
        }
        _ = try homeOptions.unlockedHome()
        print("The passphrase opens the data home at \(home.path).".terminalSafe)
    }
}

struct Encrypt: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert the plain logs of an encrypted data home to encrypted ones.",
        discussion: """
            Each log is verified, written encrypted, and replayed both ways to the same events before \
            the plain file is replaced. Removing a file does not wipe the disk it was on.
            """)

    @OptionGroup var homeOptions: HomeOptions

    func run() throws {
        let home = try homeOptions.unlockedHome()
        let (lines, failures) = try HomeEncryption.encrypt(home)
        for line in lines { print(line.terminalSafe) }
        for failure in failures { StandardError.report(failure.with(.error).asFinding()) }
        if !failures.isEmpty { throw ExitCode.failure }
    }
}
