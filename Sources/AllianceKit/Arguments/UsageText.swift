/// What `alliance` says about a command line it refused: `error: alliance COMMAND: what`, then the
/// usage of the command it was given to, never of a neighbouring one (before, with `shell` the
/// default subcommand, an option given ahead of a command's name came back with the shell's
/// usage).
package enum UsageText {
    /// The lines for `message` (ArgumentParser's, its first letter lowered) about the command
    /// `path` names after `alliance`, with `usage` that command's usage, nil for `alliance` itself.
    package static func lines(_ message: String, path: [String], usage: String?) -> [String] {
        let name = (["alliance"] + path).joined(separator: " ")
        var message = message
        if let first = message.first { message = first.lowercased() + message.dropFirst() }
        // ArgumentParser lists a long choice of values on lines of their own, after the first.
        let said = message.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var lines = [AllianceError(said[0], at: .command(name)).rendered()] + said.dropFirst()
        if let usage {
            lines.append("Usage: \(usage)")
            lines.append("  See '\(name) --help' for more information.")
        } else {
            lines.append(
                "Usage: alliance [<options>]           (the shell; 'alliance shell --help' lists them)")
            lines.append("       alliance <command> [<options>] ('alliance --help' lists the commands)")
        }
        return lines
    }

    /// `message` about an option the command does not take, given before the command's name
    /// (`GlobalOptions` moved it): with which of the global options the command does take, read
    /// from its `usage`.
    package static func explainingMoved(_ message: String, usage: String) -> String {
        let takes = ["--home", "--packs", "--plugins"].filter { usage.contains("[\($0) ") }
        return message
            + (takes.isEmpty
                ? " (it takes none of --home, --packs, --plugins)"
                : " (of --home, --packs and --plugins it takes only \(takes.joined(separator: " and ")))")
    }
}
