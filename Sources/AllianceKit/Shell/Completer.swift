/// Tab completion: `/` on an empty line, command names after it, then each command's own
/// arguments and options, read from its signature; participants after `@`.
public enum Completer {
    /// The word before the cursor and every candidate that could replace it. A candidate that
    /// ends in `/` is a start, completed without a space after it.
    ///
    /// Candidates come from file names and logs too, so one holding a control character or a bidi
    /// control (`String.isTerminalSafe`) is never offered: it would be printed in the list and
    /// typed into the line as it is.
    public static func complete(_ lineBeforeCursor: String, context: CommandContext) -> (
        word: String, candidates: [String]
    ) {
        let (word, candidates) = unfiltered(lineBeforeCursor, context: context)
        return (word, candidates.filter(\.isTerminalSafe))
    }

    static func unfiltered(_ lineBeforeCursor: String, context: CommandContext) -> (
        word: String, candidates: [String]
    ) {
        let text = lineBeforeCursor.drop { $0 == " " }
        if text.isEmpty { return ("", [ShellCommand.prefix]) }
        if text.hasPrefix("@") && !text.contains(" ") {
            let word = String(text)
            let typed = String(word.dropFirst()).foldedForNames
            return (
                word,
                context.state.participants.filter { name in
                    name.foldedForNames.hasPrefix(typed)
                        || name.split(separator: " ").contains { String($0).foldedForNames.hasPrefix(typed) }
                }.map { "@" + $0 }
            )
        }
        guard text.hasPrefix(ShellCommand.prefix), !text.hasPrefix(ShellCommand.prefix + ShellCommand.prefix)
        else { return (String(text.split(separator: " ").last ?? ""), []) }
        let parts = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let endsWithSpace = text.last == " "
        let word = endsWithSpace ? "" : (parts.last ?? "")
        let previous = endsWithSpace ? parts : Array(parts.dropLast())
        guard let commandWord = previous.first else {
            return (word, matching(ShellCommand.all.map { ShellCommand.prefix + $0.name }, word))
        }
        guard case .found(let command) = ShellCommand.lookup(String(commandWord.dropFirst())) else {
            return (word, [])
        }
        let signature = command.signature
        if word.hasPrefix("-") {
            return (word, matching(signature.options.map(\.name), word))
        }
        switch signature.slot(after: Array(previous.dropFirst())) {
        case .argument(let argument):
            if let index = argument.index(context) { return (word, index.matching(word)) }
            return (word, matching(argument.candidates(context), word))
        case .optionValue(let option):
            return (word, matching(option.candidates(context), word))
        case .none:
            return (word, [])
        }
    }

    /// Candidates starting with `word`, ignoring case, without repeats, in their given order.
    static func matching(_ candidates: [String], _ word: String) -> [String] {
        var seen = Set<String>()
        let lowered = word.lowercased()
        return candidates.filter { $0.lowercased().hasPrefix(lowered) && seen.insert($0).inserted }
    }
}
