/// Helpers for `flip`. The rewrites themselves are rules in the plugins (`kind: rewrite`,
/// see docs/plugins.md); this is what they and the command share.
public enum Flip {
    /// The question `flip` asks about `source`: a plugin rewrite when one fits, else a reflection.
    /// nil when `source` already asks what they want (then flip has nothing to turn).
    public static func question(flipping source: String, rules: RuleBook) -> String? {
        if let rewritten = rules.rewrite(source) { return rewritten.text }
        if isQuestion(source) { return nil }
        return fallback(forAnswer: source)
    }

    /// When no rewrite matches an answer: what they want instead of what they don't, else the ideal.
    public static func fallback(forAnswer text: String) -> String {
        let negations: Set = [
            "don't", "dont", "not", "never", "won't", "can't", "cannot", "hate", "dislike", "avoid", "no",
        ]
        let words = text.straightQuotes.lowercased().split { !$0.isLetter && $0 != "'" }.map(String.init)
        if words.contains(where: negations.contains) { return "What would you want instead?" }
        return "What would that look like at its very best for you?"
    }

    static func normalize(_ text: String) -> String {
        var s = text.straightQuotes.trimmed
        while let last = s.last, "?.!,;:\"'".contains(last) { s.removeLast() }
        while let first = s.first, "\"'".contains(first) { s.removeFirst() }
        return s.trimmed
    }

    /// First person to second: "my manager checking on me" → "your manager checking on you".
    static func swapPerson(_ text: String) -> String {
        let swaps: [String: String] = [
            "i": "you", "me": "you", "my": "your", "mine": "yours", "myself": "yourself", "i'm": "you're",
            "i've": "you've", "i'd": "you'd", "i'll": "you'll", "am": "are", "we": "you", "us": "you",
            "our": "your",
            "ours": "yours", "ourselves": "yourselves",
        ]
        return text.split(separator: " ", omittingEmptySubsequences: true).map { word in
            swaps[word.lowercased()] ?? String(word)
        }.joined(separator: " ")
    }

    static func capitalizeFirst(_ s: String) -> String {
        guard let first = s.first else { return s }
        return first.uppercased() + s.dropFirst()
    }

    /// Whether the text reads as a question (so flipping it opens a new thread).
    public static func isQuestion(_ text: String) -> Bool {
        let s = text.straightQuotes.trimmed.lowercased()
        if s.hasSuffix("?") { return true }
        let openers = [
            "what ", "how ", "why ", "when ", "where ", "who ", "which ", "do you ", "can i ", "could i ",
        ]
        return openers.contains { s.hasPrefix($0) }
    }
}
