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
