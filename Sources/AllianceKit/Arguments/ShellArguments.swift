/// The default command's options as plain values: what `alliance shell` parses, or what
/// `parse` reads by hand when the command line holds nothing else.
package struct ShellArguments: Equatable, Sendable {
    package var home: String?
    package var packs: [String] = []
    package var plugins: [String] = []
    package var with: [String] = []
    package var pack: String?
    package var title: String?
    package var me: String?

    package init(
        home: String? = nil, packs: [String] = [], plugins: [String] = [], with: [String] = [],
        pack: String? = nil, title: String? = nil, me: String? = nil
    ) {
        self.home = home
        self.packs = packs
        self.plugins = plugins
        self.with = with
        self.pack = pack
        self.title = title
        self.me = me
    }

    /// What a new alliance starts with.
    package var startOptions: StartOptions {
        StartOptions(participants: with, pack: pack, title: title, me: me)
    }

    /// The shell's options read without ArgumentParser, whose reflection costs milliseconds at
    /// start-up. Only the plainest command lines are read here: `--home DIR`, `--home=DIR`,
    /// `--packs`, `--plugins`, `--with` (repeatable), `--pack` and `--title`, each value
    /// non-empty and not starting with `-`, the single-valued options at most once. Anything
    /// else (a subcommand, `--help`, `--version`, an unknown or repeated option, a missing
    /// value) gives nil, and the general path reads the command line: `GlobalOptions`, then
    /// ArgumentParser, its errors told by `UsageError`.
    package static func parse(_ arguments: [String]) -> ShellArguments? {
        var result = ShellArguments()
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            guard argument.hasPrefix("--") else { return nil }
            let name: Substring
            let value: String
            if let eq = argument.firstIndex(of: "=") {
                name = argument[argument.index(argument.startIndex, offsetBy: 2)..<eq]
                value = String(argument[argument.index(after: eq)...])
            } else {
                guard index < arguments.count else { return nil }
                name = argument.dropFirst(2)
                value = arguments[index]
                index += 1
            }
            guard !value.isEmpty, !value.hasPrefix("-") else { return nil }
            switch name {
            case "home":
                guard result.home == nil else { return nil }
                result.home = value
            case "pack":
                guard result.pack == nil else { return nil }
                result.pack = value
            case "title":
                guard result.title == nil else { return nil }
                result.title = value
            case "me":
                guard result.me == nil else { return nil }
                result.me = value
            case "packs": result.packs.append(value)
            case "plugins": result.plugins.append(value)
            case "with": result.with.append(value)
            default: return nil
            }
        }
        return result
    }
}
