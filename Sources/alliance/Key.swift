import AllianceKit
import ArgumentParser

struct Key: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage the key of an encrypted data home.",
        subcommands: [KeyInit.self])
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
        let passphrase: [UInt8]
        guard Keyring.canGivePassphrase(source) else {
            throw AllianceError(
                "give the new passphrase with --passphrase-file FILE or $ALLIANCE_PASSPHRASE_FILE (there is no terminal to ask on); nothing was written",
                at: .command("alliance key init"))
        }
        if source.file != nil || !(source.environmentFile ?? "").isEmpty {
            passphrase = try Keyring.passphrase(source, prompt: "")
        } else {
            let first = try Keyring.passphrase(source, prompt: "New passphrase for \(home.path): ")
            let again = try Keyring.passphrase(source, prompt: "The same passphrase again: ")
            guard first == again else {
                throw AllianceError(
                    "the two passphrases differ; nothing was written", at: .command("alliance key init"))
            }
            passphrase = first
        }
        for line in try HomeEncryption.initialize(home, passphrase: passphrase, n: scryptN) {
            print(line.terminalSafe)
        }
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
