import AllianceKit
import ArgumentParser
import LineEditor

@main
struct AllianceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alliance",
        abstract:
            "A shell for designing alliances: co-create, with open questions, how you will work together.",
        version: AllianceVersion.current,
        subcommands: [
            Shell.self, Revisit.self, Replay.self, Sessions.self, Due.self, SearchCommand.self,
            ExportCommand.self, Verify.self, Purge.self, Key.self, Encrypt.self,
            Packs.self, Plugins.self,
        ],
        defaultSubcommand: Shell.self)

    /// The shell straight away when the command line holds only its options (the common case,
    /// and the one whose start-up time counts); everything else through ArgumentParser, after
    /// the global options are moved after the command's name (`GlobalOptions`), and with its
    /// usage errors naming the command they were given to (`UsageError`).
    ///
    /// Every command's errors end here: an `AllianceError` is printed as one line and gives exit
    /// status 1; what ArgumentParser throws (`ExitCode`, a help request) it tells as it does.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        POSIX.hideArguments()
        // Every command can hold a client's words in memory (a shell, a replay, an export, a
        // decrypted log): a crash must not leave a core file with them on disk.
        Terminal.disableCoreDumps()
        do {
            if let shell = ShellArguments.parse(arguments) {
                try shell.run()
                return
            }
            let arranged = GlobalOptions.arrange(arguments)
            if let word = arranged.unknownCommand {
                UsageError.exit("'\(word)' is not a command", path: arranged.path)
            }
            var command: any ParsableCommand
            do {
                command = try parseAsRoot(arranged.arguments)
            } catch {
                UsageError.exit(error, arranged: arranged)
            }
            try command.run()
        } catch let error as AllianceError {
            StandardError.report(error)
            exit(withError: ExitCode.failure)
        } catch {
            exit(withError: error)
        }
    }
}

/// Options every command that reads the data home shares.
struct HomeOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The data home (default: $ALLIANCE_HOME, else $XDG_DATA_HOME/alliance, else ~/.local/share/alliance).",
            valueName: "DIR"))
    var home: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Read the passphrase of an encrypted data home from the first line of FILE (default: $ALLIANCE_PASSPHRASE_FILE, else asked on the terminal).",
            valueName: "FILE"))
    var passphraseFile: String?

    /// The data home, with where its passphrase comes from told to the keyring (nothing is asked yet).
    func dataHome() throws(AllianceError) -> DataHome {
        Keyring.shared.configure(passphraseSource(passphraseFile))
        return try DataHome.resolve(explicit: home, environment: environment(dataHomeVariables))
    }

    /// The data home, its key opened if it is encrypted (the passphrase asked once, here): a wrong
    /// passphrase stops the command before it reads or changes anything.
    func unlockedHome() throws(AllianceError) -> DataHome {
        let home = try dataHome()
        try Keyring.shared.unlock(home)
        return home
    }
}

/// Where the passphrase of an encrypted home comes from: `--passphrase-file`, else
/// `$ALLIANCE_PASSPHRASE_FILE`, else the terminal (asked without echo), if there is one.
func passphraseSource(_ file: String?) -> Keyring.Source {
    let ask: @Sendable (String) -> [UInt8]? = { POSIX.askPassphrase($0) }
    return Keyring.Source(
        file: file, environmentFile: POSIX.environmentVariable("ALLIANCE_PASSPHRASE_FILE"),
        ask: POSIX.standardInputIsTerminal ? ask : nil)
}

/// What the pack and plugin commands load: the same directories as the shell.
struct LoadOptions: ParsableArguments {
    @OptionGroup var homeOptions: HomeOptions

    @Option(name: .long, help: ArgumentHelp("Also load the packs in DIR (repeatable).", valueName: "DIR"))
    var packs: [String] = []

    @Option(
        name: .long, help: ArgumentHelp("Also load the rule plugins in DIR (repeatable).", valueName: "DIR"))
    var plugins: [String] = []

    func workspace() throws(AllianceError) -> Workspace {
        try makeWorkspace(home: homeOptions.home, packs: packs, plugins: plugins)
    }
}

/// The directories a command loads packs and plugins from, for `--home`, `--packs` and `--plugins`.
func makeWorkspace(home: String?, packs: [String], plugins: [String]) throws(AllianceError) -> Workspace {
    Workspace(
        home: try DataHome.resolve(explicit: home, environment: environment(dataHomeVariables)),
        bundled: BundledResources.locate(), extraPacks: packs, extraPlugins: plugins)
}

/// The environment variables a data home is found from.
let dataHomeVariables = ["ALLIANCE_HOME", "XDG_DATA_HOME", "HOME"]

/// The variables `names` that are set, read by name.
func environment(_ names: [String]) -> [String: String] {
    let set = names.compactMap { name in POSIX.environmentVariable(name).map { (name, $0) } }
    return Dictionary(set, uniquingKeysWith: { $1 })
}
