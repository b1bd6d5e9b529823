import ArgumentParser

#if canImport(Glibc)
    import Glibc
#endif

/// `--home`, `--packs` and `--plugins` go before or after the command name, as git's global
/// options do: `alliance --home H sessions` is `alliance sessions --home H`.
///
/// Why the command line is rearranged before ArgumentParser reads it, rather than the root
/// command declaring the options: with `shell` as the default subcommand, ArgumentParser reads
/// every option the root is given as the shell's, so `alliance --home H sessions` was the shell
/// with an unexpected argument `sessions`; and options declared on the root as well as on each
/// command would have to be merged by hand in every command, and would show twice in the help.
/// Moving the options that come before the command name to just after it leaves each command
/// as the one place that declares what it takes, and ArgumentParser's help and checks unchanged.
/// A command that does not take a moved option refuses it as an unknown option of that
/// command, named by `UsageError` (e.g. `alliance sessions: unknown option '--packs'`).
///
/// Only the slow path reads this: `ShellArguments.parse` has already taken the plain shell
/// command lines.
struct GlobalOptions: Equatable {
    /// The options that may come before the command name.
    static let names: Set<Substring> = ["home", "packs", "plugins"]

    /// The command line to give ArgumentParser.
    var arguments: [String]
    /// The command's names after `alliance` (`["packs", "list"]`; empty for the default shell).
    var path: [String]
    /// The global options moved after the command name, as `--name`.
    var moved: [String] = []
    /// A word where a command name was expected that names no command.
    var unknownCommand: String?

    /// Reads `arguments` up to the command's name (through nested names such as `packs list`),
    /// taking out the global options met on the way (`--home DIR` and `--home=DIR`), and puts
    /// them back just after the name. Stops at anything else: an option of the default shell
    /// (`--with`), `--help`, `--version`, `--`, a value that starts with `-`.
    static func arrange(_ arguments: [String], root: any ParsableCommand.Type = AllianceCommand.self)
        -> GlobalOptions
    {
        var options: [String] = []
        var moved: [String] = []
        var path: [String] = []
        var level = root.configuration.subcommands
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument.hasPrefix("--") {
                let name: Substring
                if let eq = argument.firstIndex(of: "=") {
                    name = argument[argument.index(argument.startIndex, offsetBy: 2)..<eq]
                } else {
                    name = argument.dropFirst(2)
                }
                guard names.contains(name) else { break }
                if argument.contains("=") {
                    options.append(argument)
                    index += 1
                } else {
                    guard index + 1 < arguments.count, !arguments[index + 1].hasPrefix("-") else { break }
                    options += [argument, arguments[index + 1]]
                    index += 2
                }
                moved.append("--" + name)
                continue
            }
            guard !argument.hasPrefix("-") else { break }
            guard let command = level.first(where: { $0._commandName == argument }) else {
                if path.isEmpty && argument == "help" {
                    // `alliance --home H help sessions`: help needs no data home.
                    return GlobalOptions(
                        arguments: Array(arguments[index...]), path: [], moved: moved)
                }
                if level.isEmpty { break }
                // A word where a command's name goes: at the top, the default shell takes no
                // words either, so it names no command; inside `packs`, no subcommand.
                return GlobalOptions(
                    arguments: arguments, path: path, moved: moved, unknownCommand: argument)
            }
            path.append(argument)
            level = command.configuration.subcommands
            index += 1
            if level.isEmpty { break }
        }
        guard !moved.isEmpty, !path.isEmpty else {
            return GlobalOptions(arguments: arguments, path: path)
        }
        // Everything before `index` was a command name (kept in `path`) or a moved option.
        guard level.isEmpty else {
            // A group without its subcommand (`alliance --home H packs`): the group takes no
            // options of its own, so they are left out and it says what it always says.
            return GlobalOptions(arguments: path + arguments[index...], path: path)
        }
        return GlobalOptions(arguments: path + options + arguments[index...], path: path, moved: moved)
    }
}

/// A command line ArgumentParser refused, told as `error: alliance COMMAND: what` with the
/// usage of the command it was given to, never of a neighbouring one (before, with `shell` the
/// default subcommand, an option given ahead of a command's name came back with the shell's
/// usage).
enum UsageError {
    /// Exit status 64 (EX_USAGE), as ArgumentParser gives for the errors it reports itself.
    static let status: Int32 = ExitCode.validationFailure.rawValue

    /// The lines to print for `message` about the command at `path`.
    static func text(_ message: String, path: [String], root: any ParsableCommand.Type = AllianceCommand.self)
        -> String
    {
        let name = (["alliance"] + path).joined(separator: " ")
        var message = message
        if let first = message.first { message = first.lowercased() + message.dropFirst() }
        var lines = ["error: \(name): \(message)"]
        if let command = command(at: path, root: root) {
            lines.append("Usage: \(root.usageString(for: command))")
            lines.append("  See '\(name) --help' for more information.")
        } else {
            lines.append(
                "Usage: alliance [<options>]           (the shell; 'alliance shell --help' lists them)")
            lines.append("       alliance <command> [<options>] ('alliance --help' lists the commands)")
        }
        return lines.joined(separator: "\n")
    }

    /// The command type a path of names leads to, or nil for the root.
    static func command(at path: [String], root: any ParsableCommand.Type) -> (any ParsableCommand.Type)? {
        var found: (any ParsableCommand.Type)?
        var level = root.configuration.subcommands
        for name in path {
            guard let next = level.first(where: { $0._commandName == name }) else { return found }
            found = next
            level = next.configuration.subcommands
        }
        return found
    }

    /// What ArgumentParser threw while reading `arranged.arguments`, as one `error:` line and
    /// the command's usage; a help or version request is printed as ArgumentParser prints it.
    static func exit(_ error: any Error, arranged: GlobalOptions) -> Never {
        guard AllianceCommand.exitCode(for: error) == .validationFailure else {
            AllianceCommand.exit(withError: error)
        }
        var message = AllianceCommand.message(for: error)
        if arranged.moved.contains(where: { message.hasPrefix("Unknown option '\($0)'") }),
            let command = command(at: arranged.path, root: AllianceCommand.self)
        {
            // Moved from before the command name: say which of the global options it does take.
            let usage = AllianceCommand.usageString(for: command)
            let takes = ["--home", "--packs", "--plugins"].filter { usage.contains("[\($0) ") }
            message +=
                takes.isEmpty
                ? " (it takes none of --home, --packs, --plugins)"
                : " (of --home, --packs and --plugins it takes only \(takes.joined(separator: " and ")))"
        }
        exit(message, path: arranged.path)
    }

    /// Prints `message` about the command at `path` with its usage, and exits with status 64.
    static func exit(_ message: String, path: [String]) -> Never {
        let lines = text(message, path: path).split(separator: "\n", omittingEmptySubsequences: false)
        FileOutput.write(lines.map { String($0).terminalSafe + "\n" }.joined())
        Glibc.exit(status)
    }
}
