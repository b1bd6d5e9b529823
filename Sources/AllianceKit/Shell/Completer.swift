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

    /// What `complete` gives, and the line Tab lists for each candidate when its argument lists
    /// candidates as more than themselves (`/revisit <Tab>`: each id with its title and people);
    /// nil labels elsewhere.
    package static func completeWithLabels(_ lineBeforeCursor: String, context: CommandContext) -> Completion
    {
        let found = resolve(lineBeforeCursor, context: context)
        let candidates = found.candidates.filter(\.isTerminalSafe)
        let labels = found.argument?.labels.map { $0(candidates, context) }
        return (found.word, candidates, labels)
    }

    static func unfiltered(_ lineBeforeCursor: String, context: CommandContext) -> (
        word: String, candidates: [String]
    ) {
        let found = resolve(lineBeforeCursor, context: context)
        return (found.word, found.candidates)
    }

    /// The word before the cursor, its candidates, and the argument they are for, if any.
    private static func resolve(_ lineBeforeCursor: String, context: CommandContext) -> (
        word: String, candidates: [String], argument: Signature.Argument?
    ) {
        let text = lineBeforeCursor.drop { $0 == " " }
        if text.isEmpty { return ("", [ShellCommand.prefix], nil) }
        if text.hasPrefix("@") && !text.contains(" ") {
            let word = String(text)
            let typed = String(word.dropFirst()).foldedForNames
            return (
                word,
                context.state.participants.filter { name in
                    name.foldedForNames.hasPrefix(typed)
                        || name.split(separator: " ").contains { String($0).foldedForNames.hasPrefix(typed) }
                }.map { "@" + $0 }, nil
            )
        }
        guard text.hasPrefix(ShellCommand.prefix), !text.hasPrefix(ShellCommand.prefix + ShellCommand.prefix)
        else { return (String(text.split(separator: " ").last ?? ""), [], nil) }
        let parts = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let endsWithSpace = text.last == " "
        let word = endsWithSpace ? "" : (parts.last ?? "")
        let previous = endsWithSpace ? parts : Array(parts.dropLast())
        guard let commandWord = previous.first else {
            return (word, matching(ShellCommand.all.map { ShellCommand.prefix + $0.name }, word), nil)
        }
        guard case .found(let command) = ShellCommand.lookup(String(commandWord.dropFirst())) else {
            return (word, [], nil)
        }
        let signature = command.signature
        if word.hasPrefix("-") {
            return (word, matching(signature.options.map(\.name), word), nil)
        }
        switch signature.slot(after: Array(previous.dropFirst())) {
        case .argument(let argument):
            if let index = argument.index(context) { return (word, index.matching(word), argument) }
            return (word, matching(argument.candidates(context), word), argument)
        case .optionValue(let option):
            return (word, matching(option.candidates(context), word), nil)
        case .none:
            return (word, [], nil)
        }
    }

    /// Candidates starting with `word`, ignoring case, without repeats, in their given order.
    static func matching(_ candidates: [String], _ word: String) -> [String] {
        var seen = Set<String>()
        let lowered = word.lowercased()
        return candidates.filter { $0.lowercased().hasPrefix(lowered) && seen.insert($0).inserted }
    }
}
