/// A program's commands by name, each with its subcommands: what `GlobalOptions` walks.
package struct CommandTree: Sendable {
    package var name: String
    package var subcommands: [CommandTree]

    package init(name: String, subcommands: [CommandTree] = []) {
        self.name = name
        self.subcommands = subcommands
    }
}

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
/// command, named by `UsageText` (e.g. `alliance sessions: unknown option '--packs'`).
///
/// Only the slow path reads this: `ShellArguments.parse` has already taken the plain shell
/// command lines.
package struct GlobalOptions: Equatable, Sendable {
    /// The options that may come before the command name.
    package static let names: Set<Substring> = ["home", "packs", "plugins", "passphrase-file"]

    /// The command line to give ArgumentParser.
    package var arguments: [String]
    /// The command's names after `alliance` (`["packs", "list"]`; empty for the default shell).
    package var path: [String]
    /// The global options moved after the command name, as `--name`.
    package var moved: [String] = []
    /// A word where a command name was expected that names no command.
    package var unknownCommand: String?

    package init(arguments: [String], path: [String], moved: [String] = [], unknownCommand: String? = nil) {
        self.arguments = arguments
        self.path = path
        self.moved = moved
        self.unknownCommand = unknownCommand
    }

    /// Reads `arguments` up to the command's name (through nested names such as `packs list`),
    /// taking out the global options met on the way (`--home DIR` and `--home=DIR`), and puts
    /// them back just after the name. Stops at anything else: an option of the default shell
    /// (`--with`), `--help`, `--version`, `--`, a value that starts with `-`.
    package static func arrange(_ arguments: [String], commands root: CommandTree) -> GlobalOptions {
        var options: [String] = []
        var moved: [String] = []
        var path: [String] = []
        var level = root.subcommands
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
            guard let command = level.first(where: { $0.name == argument }) else {
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
            level = command.subcommands
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
