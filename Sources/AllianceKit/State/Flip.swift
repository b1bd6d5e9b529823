/// Helpers for `flip`. The rewrites themselves are rules in the plugins (`kind: rewrite`,
/// see docs/plugins.md); this is what they and the command share.
///
/// When no rewrite fits, flip reflects: it gives the speaker's words back as the listener would
/// say them ("I don't want to do the dishes" → "You don't want to do the dishes.") and asks what
/// they would like instead, which reads well whatever the clause was.
package enum Flip {
    /// What flip asks when someone does not know yet: not avoidance, so nothing to turn around.
    static let notKnowingQuestion = "If you did know, what would you want?"
    /// What a reflection of what they don't want is followed by.
    static let insteadQuestion = "What would you like instead?"
    static let idealQuestion = "What would that look like at its very best for you?"

    /// The question `flip` asks about `source`: a plugin rewrite when one fits, else a reflection.
    /// nil when `source` already asks what they want (then flip has nothing to turn).
    package static func question(flipping source: String, rules: RuleBook) -> String? {
        if let rewritten = rules.rewrite(source) { return rewritten.text }
        let text = normalize(source)
        if text.isEmpty { return nil }
        if isNotKnowing(text) { return notKnowingQuestion }
        if isQuestion(source) {
            guard let statement = complaint(inQuestion: text) else { return nil }
            return "It sounds like \(reflect(statement, midSentence: true)). \(insteadQuestion)"
        }
        return fallback(forAnswer: source)
    }

    /// When no rewrite matches an answer: a reflection of what they don't want and what they would
    /// like instead; "If you did know…" when they don't know yet; else the ideal.
    package static func fallback(forAnswer text: String) -> String {
        let cleaned = normalize(text)
        if isNotKnowing(cleaned) { return notKnowingQuestion }
        if isAvoidance(cleaned) {
            // "No", "Not really": too little to reflect back; ask straight away.
            guard cleaned.split(separator: " ").count > 2 else { return insteadQuestion }
            return "\(capitalizeFirst(reflect(cleaned))). \(insteadQuestion)"
        }
        return idealQuestion
    }

    static func normalize(_ text: String) -> String {
        var s = text.straightQuotes.trimmed
        // Words typed in capitals are said loudly, not spelled so: reflect them in plain case.
        if s.count > 3, s.contains(where: \.isLetter), s == s.uppercased() { s = s.lowercased() }
        while let last = s.last, "?.!,;:\"'".contains(last) || last == "…" { s.removeLast() }
        while let first = s.first, "\"'".contains(first) { s.removeFirst() }
        return s.trimmed
    }

    /// First person to second, for a rewrite's `person: second`: "my manager checking on me" →
    /// "your manager checking on you". "we", "us" and "our" stay: the listener is part of them.
    static func swapPerson(_ text: String) -> String {
        let swaps: [String: String] = [
            "i": "you", "me": "you", "my": "your", "mine": "yours", "myself": "yourself", "i'm": "you're",
            "i've": "you've", "i'd": "you'd", "i'll": "you'll",
        ]
        let words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        return words.indices.map { i in
            let lower = words[i].lowercased()
            // "am" is the verb of "I" ("I really am", "am I"); "8 am" stays.
            if lower == "am" {
                let before = words[max(0, i - 2)..<i].map { $0.lowercased() }
                return before.contains("i") || (i + 1 < words.count && words[i + 1].lowercased() == "i")
                    ? "are" : words[i]
            }
            return swaps[lower] ?? words[i]
        }.joined(separator: " ")
    }

    static func capitalizeFirst(_ s: String) -> String {
        guard let first = s.first else { return s }
        return first.uppercased() + s.dropFirst()
    }

    /// Whether the text reads as a question (so flipping it opens a new thread).
    package static func isQuestion(_ text: String) -> Bool {
        let s = text.straightQuotes.trimmed.lowercased()
        if s.hasSuffix("?") { return true }
        let openers = [
            "what ", "how ", "why ", "when ", "where ", "who ", "which ", "do you ", "can i ", "could i ",
        ]
        return openers.contains { s.hasPrefix($0) }
    }

    // MARK: - Reading what they said

    /// "I don't know", "not sure yet", "no idea", "dunno"…: they don't know yet, which is not avoidance.
    /// The bundled `avoidance/not-knowing-yet` nudge reads answers the same way.
    static func isNotKnowing(_ text: String) -> Bool {
        (try? notKnowing.matches(text.straightQuotes)) == true
    }

    // swift-format-ignore
    private static let notKnowing = try! Pattern(
        #"^\W*(?:(?:um+|hmm+|erm+|uh+|well|honestly|oh|gosh)\W+)*"#
            + #"(?:(?:(?:i|we) )?(?:really |honestly |just |genuinely |still )?(?:don't|do not|dont) (?:really )?know"#
            + #"|(?:i |we )?dunno"#
            + #"|(?:(?:i'm|i am|im|we're|we are) )?(?:really |just |still )?not (?:really |quite |too |so )?sure"#
            + #"|(?:(?:i|we) (?:have |have got |'ve got )|i've |we've )?(?:no idea|not a clue|no clue)"#
            + #"|(?:(?:i|we) )?(?:haven't decided|can't say))"#
            + #"(?: yet| really| for sure| for now| at all| honestly)*"#
            + #"(?:\W*$|\s*[,.;:!?-]|\s+(?:what|how|which|where|when|if|whether|who|yet)\b)"#)

    /// Whether the words say what someone doesn't want.
    static func isAvoidance(_ text: String) -> Bool {
        let negations: Set = [
            "don't", "dont", "not", "never", "won't", "can't", "cannot", "hate", "dislike", "avoid", "no",
            "without", "stop", "dread", "nobody",
        ]
        let lowered = text.straightQuotes.lowercased()
        let words = lowered.split { !$0.isLetter && $0 != "'" }.map(String.init)
        if words.contains(where: { negations.contains($0) || $0.hasSuffix("n't") }) { return true }
        return ["tired of", "sick of", "fed up"].contains { lowered.contains($0) }
    }

    /// A complaint asked as a question, as the statement it makes: "Why do I always have to cook" →
    /// "I always have to cook"; "How come we never talk" → "we never talk"; "I never get a say?" as it is.
    /// nil for a question that asks something.
    static func complaint(inQuestion text: String) -> String? {
        var words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        if let first = words.first, ["and", "but", "so"].contains(first.lowercased()) { words.removeFirst() }
        let lower = words.map { $0.lowercased() }
        let speakers: Set = ["i", "i'm", "i've", "i'd", "i'll", "we", "we're", "we've", "my", "our"]
        if let first = lower.first, speakers.contains(first) {
            return isAvoidance(text) ? words.joined(separator: " ") : nil
        }
        guard lower.count >= 3 else { return nil }
        if lower[0] == "how", lower[1] == "come",
            ["i", "i'm", "we", "we're", "it", "it's"].contains(lower[2])
        {
            return words.dropFirst(2).joined(separator: " ")
        }
        let auxiliaries: Set = [
            "do", "don't", "can", "can't", "cannot", "won't", "must", "should", "shouldn't", "am", "is",
            "isn't",
            "are", "aren't", "didn't", "doesn't", "have", "haven't", "has", "hasn't", "would", "wouldn't",
        ]
        guard lower[0] == "why", auxiliaries.contains(lower[1]), ["i", "we", "it"].contains(lower[2]) else {
            return nil
        }
        let auxiliary = lower[1] == "do" ? [] : [lower[1] == "cannot" ? "can't" : lower[1]]
        return ([words[2]] + auxiliary + words.dropFirst(3)).joined(separator: " ")
    }

    // MARK: - Reflecting

    /// The speaker's words as the listener says them back: I → you, my → your, I'm → you're,
    /// am → are and was → were with "I"; and the other way, you → I or me, your → my. "we", "us"
    /// and "our" stay as they are: the listener is one of them.
    /// `midSentence`: the words follow others ("It sounds like …"), so the first one is not capitalised.
    static func reflect(_ text: String, midSentence: Bool = false) -> String {
        let tokens = text.split(separator: " ", omittingEmptySubsequences: true).map(Token.init)
        var out: [String] = []
        for (i, token) in tokens.enumerated() {
            let previous = i > 0 ? tokens[i - 1] : nil
            let next = i + 1 < tokens.count ? tokens[i + 1] : nil
            let startsClause = previous == nil || previous!.endsClause
            let startsSentence = previous == nil ? !midSentence : previous!.endsSentence
            guard let swapped = swap(token, at: i, in: tokens, startsClause: startsClause, next: next) else {
                let plain = ["we", "we're", "we've", "it", "it's", "our", "nobody", "everyone", "the"]
                if i == 0, midSentence, plain.contains(token.lower) {
                    out.append(token.lead + token.lower + token.trail)
                } else {
                    out.append(token.text)
                }
                continue
            }
            var word = swapped
            if startsSentence || (i > 0 && token.word.first?.isUppercase == true && !token.isI) {
                word = capitalizeFirst(word)
            }
            out.append(token.lead + word + token.trail)
        }
        return out.joined(separator: " ")
    }

    private static func swap(_ token: Token, at i: Int, in tokens: [Token], startsClause: Bool, next: Token?)
        -> String?
    {
        let lower = token.lower
        let fixed: [String: String] = [
            "i": "you", "me": "you", "my": "your", "mine": "yours", "myself": "yourself", "i'm": "you're",
            "i've": "you've", "i'd": "you'd", "i'll": "you'll",
            "your": "my", "yours": "mine", "yourself": "myself", "you're": "I'm", "you've": "I've",
            "you'll": "I'll", "you'd": "I'd",
        ]
        if let word = fixed[lower] { return word }
        if lower == "you" { return youIsSubject(at: i, in: tokens, startsClause: startsClause) ? "I" : "me" }
        // The verb agrees with its new subject.
        let afterI = subjectBefore(i, in: tokens) == "i" || next?.lower == "i"
        let afterYou = subjectBefore(i, in: tokens) == "you" && youIsSubject(at: i - 1, in: tokens)
        switch lower {
        case "am" where afterI: return "are"
        case "was" where afterI: return "were"
        case "wasn't" where afterI: return "weren't"
        case "are" where afterYou: return "am"
        case "were" where afterYou: return "was"
        case "weren't" where afterYou: return "wasn't"
        case "aren't" where afterYou: return "am not"
        default: return nil
        }
    }

    /// The pronoun just before the verb at `i`, allowing one adverb between: "I really am".
    private static func subjectBefore(_ i: Int, in tokens: [Token]) -> String? {
        guard i > 0 else { return nil }
        let adverbs: Set = ["really", "just", "always", "never", "also", "still", "so", "often", "usually"]
        if !tokens[i - 1].endsClause, ["i", "you"].contains(tokens[i - 1].lower) {
            return tokens[i - 1].lower
        }
        if i > 1, adverbs.contains(tokens[i - 1].lower), !tokens[i - 2].endsClause,
            ["i", "you"].contains(tokens[i - 2].lower)
        {
            return tokens[i - 2].lower
        }
        return nil
    }

    /// Whether the "you" at `i` is a subject (it becomes "I") or an object (it becomes "me").
    private static func youIsSubject(at i: Int, in tokens: [Token]) -> Bool {
        youIsSubject(at: i, in: tokens, startsClause: i == 0 || tokens[i - 1].endsClause)
    }

    private static func youIsSubject(at i: Int, in tokens: [Token], startsClause: Bool) -> Bool {
        guard i >= 0, i < tokens.count else { return false }
        if startsClause { return true }
        let openers: Set = [
            "and", "but", "or", "so", "because", "cause", "if", "when", "whenever", "as", "that", "unless",
            "until", "till", "while", "since", "though", "although", "where", "how", "what", "why", "once",
            "than", "wish", "think", "feel", "hope", "know", "guess",
        ]
        if openers.contains(tokens[i - 1].lower) { return true }
        let next = i + 1 < tokens.count ? tokens[i + 1] : nil
        let verbs: Set = [
            "are", "were", "aren't", "weren't", "do", "don't", "did", "didn't", "can", "can't", "will",
            "won't",
            "would", "wouldn't", "should", "shouldn't", "could", "couldn't", "have", "haven't", "had", "must",
            "might", "keep", "always", "never", "just", "really",
        ]
        if let next, verbs.contains(next.lower) { return true }
        // After a verb or a preposition it is an object: "want you checking", "tell you", "with you".
        let before = tokens[i - 1].lower
        let takesObject: Set = [
            "to", "for", "with", "at", "on", "about", "from", "of", "by", "without", "like", "after",
            "around",
            "want", "need", "like", "love", "hate", "trust", "tell", "told", "ask", "see", "hear", "call",
            "text",
            "help", "let", "make", "expect", "mind", "remind", "thank", "give", "show", "bother", "stop",
            "leave",
        ]
        if takesObject.contains(before) || before.hasSuffix("ing") || before.hasSuffix("ed") { return false }
        // Before the end, "to" or a preposition it is an object too: "I hate you", "I want you to".
        let afterObject: Set = [
            "to", "with", "for", "about", "on", "at", "in", "from", "of", "by", "like", "when", "if",
            "because",
            "and", "but", "or", "so", "too", "either", "anymore", "again", "enough", "more", "less", "all",
        ]
        guard let next, !tokens[i].endsClause else { return false }
        if afterObject.contains(next.lower) || next.lower.hasSuffix("ing") { return false }
        // After a noun, before a verb: "the way you talk".
        return true
    }

    /// A word with the punctuation around it: `"me,"` is `me` with a trailing comma.
    private struct Token {
        var lead: String
        var word: String
        var trail: String
        var text: String { lead + word + trail }
        var lower: String { word.lowercased() }
        var isI: Bool { ["i", "i'm", "i've", "i'd", "i'll"].contains(lower) }
        var endsClause: Bool { trail.contains { ",;:.!?—–(".contains($0) } }
        var endsSentence: Bool { trail.contains { ".!?".contains($0) } }

        init(_ raw: Substring) {
            let isWordy = { (c: Character) in c.isLetter || c.isNumber }
            let start = raw.firstIndex(where: isWordy) ?? raw.endIndex
            let end = raw.lastIndex(where: isWordy).map { raw.index(after: $0) } ?? start
            lead = String(raw[..<start])
            word = String(raw[start..<end])
            trail = String(raw[end...])
        }
    }
}
