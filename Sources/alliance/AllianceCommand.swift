import AllianceKit
import ArgumentParser

#if canImport(Glibc)
    import Glibc
#endif

@main
struct AllianceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alliance",
        abstract:
            "A shell for designing alliances: co-create, with open questions, how you will work together.",
        version: AllianceVersion.current,
        subcommands: [
            Shell.self, Revisit.self, Replay.self, Sessions.self, SearchCommand.self, ExportCommand.self,
            Packs.self, Plugins.self,
        ],
        defaultSubcommand: Shell.self)

    /// The shell straight away when the command line holds only its options (the common case,
    /// and the one whose start-up time counts); everything else through ArgumentParser.
    static func main() {
        guard let shell = ShellArguments.parse(Array(CommandLine.arguments.dropFirst())) else {
            main(nil)
            return
        }
        do {
            try shell.run()
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

    func dataHome() throws -> DataHome {
        try DataHome.resolve(explicit: home, environment: environment())
    }
}

/// The directories a command loads packs and plugins from, for `--home`, `--packs` and `--plugins`.
func makeWorkspace(home: String?, packs: [String], plugins: [String]) throws -> Workspace {
    let dataHome = try reportingErrors { try DataHome.resolve(explicit: home, environment: environment()) }
    return Workspace(
        home: dataHome, bundled: BundledResources.locate(), extraPacks: packs, extraPlugins: plugins)
}

func environment() -> [String: String] {
    var result: [String: String] = [:]
    var pointer = environ
    while let entry = pointer.pointee {
        let text = String(cString: entry)
        if let eq = text.firstIndex(of: "=") {
            result[String(text[..<eq])] = String(text[text.index(after: eq)...])
        }
        pointer += 1
    }
    return result
}

/// Runs `body`, turning an AllianceError into one `error:` line and exit status 1.
func reportingErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as AllianceError {
        Diagnostics.error(error.description)
        throw ExitCode.failure
    }
}
