/// Tab completion: command names, then each command's own arguments.
public enum Completer {
    /// The word before the cursor and every candidate that could replace it.
    public static func complete(_ lineBeforeCursor: String, context: CommandContext) -> (
        word: String, candidates: [String]
    ) {
        let text = lineBeforeCursor.drop { $0 == " " }
        if text.hasPrefix("@") && !text.contains(" ") {
            let word = String(text)
            return (word, matching(context.state.participants.map { "@" + $0 }, word))
        }
        let parts = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let endsWithSpace = text.last == " "
        let word = endsWithSpace ? "" : (parts.last ?? "")
        let previous = endsWithSpace ? parts : Array(parts.dropLast())
        guard let commandWord = previous.first else {
            return (word, matching(ShellCommand.all.map(\.name), word))
        }
        guard case .found(let command) = ShellCommand.lookup(commandWord) else { return (word, []) }
        let arguments = Array(previous.dropFirst())
        if let index = command.completionIndex(context, arguments) { return (word, index.matching(word)) }
        return (word, matching(command.complete(context, arguments), word))
    }

    /// Candidates starting with `word`, ignoring case, without repeats, in their given order.
    static func matching(_ candidates: [String], _ word: String) -> [String] {
        var seen = Set<String>()
        let lowered = word.lowercased()
        return candidates.filter { $0.lowercased().hasPrefix(lowered) && seen.insert($0).inserted }
    }
}
