/// Turns words about what someone wants to avoid, a narrow question, or a question
/// with the facilitator at its centre into a question about what the person wants.
///
/// The rules are tried in order; the first that matches wins. Each is a
/// case-insensitive pattern over the whole text (curly quotes straightened,
/// trailing punctuation dropped) and a function that builds the question.
public enum Flip {
    public struct Result: Sendable, Equatable {
        public var question: String
        /// Which rule made it, for the transcript and tests.
        public var rule: String
    }

    private struct Rule {
        var name: String
        var pattern: String
        var build: ([String]) -> String
    }

    private static var rules: [Rule] {
        [
            // "How can I motivate you?" → "What motivates you?"
            Rule(
                name: "over-responsibility",
                pattern:
                    #"^(?:so |and )?(?:how|what) (?:can|could|should|do|might|will|would) (?:i|we) (?:do to |best )?(motivate|support|help|encourage|inspire|engage|reach|make) (you|them|him|her|the team)\b(.*)$"#,
                build: { c in
                    let rest = c[2].isEmpty ? "" : " " + c[2].trimmed
                    switch c[0].lowercased() {
                    case "motivate", "inspire", "engage", "encourage":
                        return "What \(c[0].lowercased())s \(c[1])\(rest)?"
                    case "support": return "What support do \(c[1]) need\(rest)?"
                    case "help": return "What would help \(c[1])\(rest)?"
                    default: return "What would \(c[0].lowercased()) \(c[1])\(rest)?"
                    }
                }),
            // "What can I do for you?" → "What do you need?"
            Rule(
                name: "over-responsibility",
                pattern: #"^what (?:can|could|should) (?:i|we) do (?:for|to help) (you|them)(.*)$"#,
                build: { c in "What do \(c[0]) need\(c[1].isEmpty ? "" : " " + c[1].trimmed)?" }),
            // "What do you like about your job?" → the ideal.
            Rule(
                name: "ask-for-the-ideal",
                pattern:
                    #"^what do (?:you|they) (?:like|enjoy|love) (?:most )?about (?:your |their |the )?(job|work|role)(.*)$"#,
                build: { _ in "What would have you jump out of bed to come to work?" }),
            Rule(
                name: "ask-for-the-ideal",
                pattern: #"^what do (?:you|they) (?:like|enjoy|love) (?:most )?about (.+)$"#,
                build: { c in "What would the best version of \(c[0]) look like for you?" }),
            // "Why do you work late?" → "What leads you to work late?"
            Rule(
                name: "why-to-what",
                pattern: #"^why (?:do|did|would|are|were) you (.+)$"#,
                build: { c in "What leads you to \(c[0])?" }),
            // "I don't like being micromanaged" → "What would you like instead of being micromanaged?"
            Rule(
                name: "avoidance",
                pattern:
                    #"^(?:i|we) (?:really |just |honestly )?(?:don't|do not|dont|never|can't|cannot) (?:like|want|enjoy|need|stand|bear) (.+)$"#,
                build: { c in "What would you like instead of \(swapPerson(c[0]))?" }),
            Rule(
                name: "avoidance",
                pattern:
                    #"^(?:i|we) (?:really |just )?(?:hate|dislike|dread|am tired of|'m tired of|am sick of|'m sick of|can't handle) (.+)$"#,
                build: { c in "What would you like instead of \(swapPerson(c[0]))?" }),
            Rule(
                name: "avoidance",
                pattern: #"^(?:please )?(?:don't|do not|never|stop) (.+)$"#,
                build: { c in "What would you like instead, when it comes to \(swapPerson(c[0]))?" }),
            Rule(
                name: "avoidance",
                pattern: #"^(?:no more|not|no|without|less|fewer|nothing like) (.+)$"#,
                build: { c in "What would you like instead of \(swapPerson(c[0]))?" }),
            // An answer with a "don't" somewhere in it.
            Rule(
                name: "avoidance",
                pattern: #"^.*\b(?:don't|do not|dont|won't|can't|never|hate|dislike|avoid|not)\b.*$"#,
                build: { _ in "What would you want instead?" }),
        ]
    }

    /// The flipped question, or nil when no rule matches.
    public static func flip(_ text: String) -> Result? {
        let cleaned = normalize(text)
        guard !cleaned.isEmpty else { return nil }
        for rule in rules {
            guard let regex = try? Regex(rule.pattern).ignoresCase(),
                let match = try? regex.wholeMatch(in: cleaned)
            else { continue }
            let captures = (1..<match.output.count).map { i in
                match.output[i].substring.map { String($0).trimmed } ?? ""
            }
            return Result(question: capitalizeFirst(rule.build(captures)), rule: rule.name)
        }
        return nil
    }

    /// When nothing matches an answer: ask for what it would look like at its best.
    public static func fallback(forAnswer text: String) -> Result {
        Result(question: "What would that look like at its very best for you?", rule: "ideal")
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
