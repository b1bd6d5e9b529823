import AllianceKit
import ArgumentParser

extension GlobalOptions {
    /// `arguments` arranged for `alliance`'s commands.
    static func arrange(_ arguments: [String]) -> GlobalOptions {
        arrange(arguments, commands: CommandTree(AllianceCommand.self))
    }
}

extension CommandTree {
    /// `command` and its subcommands, by name.
    init(_ command: any ParsableCommand.Type) {
        self.init(
            name: command._commandName, subcommands: command.configuration.subcommands.map(CommandTree.init))
    }
}

/// A command line ArgumentParser refused, told as `UsageText` says, with exit status 64
/// (EX_USAGE), as ArgumentParser gives for the errors it reports itself.
enum UsageError {
    /// What ArgumentParser threw while reading `arranged.arguments`, as one `error:` line and
    /// the command's usage; a help or version request is printed as ArgumentParser prints it.
    static func exit(_ error: any Error, arranged: GlobalOptions) -> Never {
        guard AllianceCommand.exitCode(for: error) == .validationFailure else {
            AllianceCommand.exit(withError: error)
        }
        var message = AllianceCommand.message(for: error)
        if arranged.moved.contains(where: { message.hasPrefix("Unknown option '\($0)'") }),
            let usage = usage(at: arranged.path)
        {
            message = UsageText.explainingMoved(message, usage: usage)
        }
        exit(message, path: arranged.path)
    }

    /// Prints `message` about the command at `path` with its usage, and exits with status 64.
    static func exit(_ message: String, path: [String]) -> Never {
        let lines = UsageText.lines(message, path: path, usage: usage(at: path))
        FileOutput.write(lines.map { $0.terminalSafe + "\n" }.joined())
        POSIX.exit(ExitCode.validationFailure.rawValue)
    }

    /// The usage of the command a path of names leads to, or nil for the root.
    static func usage(at path: [String]) -> String? {
        var found: (any ParsableCommand.Type)?
        var level = AllianceCommand.configuration.subcommands
        for name in path {
            guard let next = level.first(where: { $0._commandName == name }) else { break }
            found = next
            level = next.configuration.subcommands
        }
        return found.map { AllianceCommand.usageString(for: $0) }
    }
}
