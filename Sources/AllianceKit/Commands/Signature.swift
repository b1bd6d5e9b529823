/// What a shell command takes, declared once beside it: its arguments in order and its options.
///
/// One parser (`Signature.parse`) reads every command's arguments from this declaration,
/// `help` prints the usage it gives, Tab offers its candidates, and the shared history asks it
/// whether a line holds only ids. An argument or option a command does not declare is refused
/// with its usage, never ignored.
public struct Signature: Sendable {
    /// One argument, in order.
    package struct Argument: Sendable {
        package enum Kind: Sendable {
            /// One word: an id, a number, a name from a list.
            case word
            /// The rest of the line (up to the next option), spaces kept: an answer, a note, a wording.
            case text
        }

        /// How it reads in a usage line: `A1`, `N`, `TEXT`.
        package let name: String
        package let kind: Kind
        package let isOptional: Bool
        /// For a word: whether a typed word can be this argument. An optional word that does not
        /// fit is skipped, so `/keep Thanks` is a note and `/keep A2 Thanks` names A2.
        let accepts: @Sendable (String) -> Bool
        /// What Tab offers for it.
        let candidates: @Sendable (CommandContext) -> [String]
        /// When it gives an index, Tab uses it instead of `candidates` (the same words, prepared).
        let index: @Sendable (CommandContext) -> CompletionIndex?
        /// When Tab lists candidates as more than themselves: the line to list for each candidate
        /// it knows (a session id with its title and people); Tab still inserts only the candidate.
        var labels: (@Sendable (_ candidates: [String], CommandContext) -> [String])? = nil
        /// What a word of it is, for an error: "a number", "an agreement id such as A1".
        let what: String
        /// Whether it is a number (an entry, a count): a number is no client's words, so a line
        /// with one may go into the shared history (see `holdsOnlyIDs`).
        let isNumber: Bool

        /// A word; `accepts` says which words fit (any, by default).
        package static func word(
            _ name: String, optional: Bool = false, what: String? = nil, isNumber: Bool = false,
            accepts: @escaping @Sendable (String) -> Bool = { _ in true },
            candidates: @escaping @Sendable (CommandContext) -> [String] = { _ in [] }
        ) -> Argument {
            Argument(
                name: name, kind: .word, isOptional: optional, accepts: accepts, candidates: candidates,
                index: { _ in nil }, what: what ?? name, isNumber: isNumber)
        }

        /// The rest of the line. Its first word can still be completed from `candidates`.
        static func text(
            _ name: String, optional: Bool = false,
            candidates: @escaping @Sendable (CommandContext) -> [String] = { _ in [] },
            index: @escaping @Sendable (CommandContext) -> CompletionIndex? = { _ in nil },
            labels: (@Sendable (_ candidates: [String], CommandContext) -> [String])? = nil
        ) -> Argument {
            Argument(
                name: name, kind: .text, isOptional: optional, accepts: { _ in true }, candidates: candidates,
                index: index, labels: labels, what: name, isNumber: false)
        }

        /// A positive whole number, or `#N`: an entry of the log, a count.
        static func number(_ name: String, optional: Bool = false) -> Argument {
            .word(
                name, optional: optional, what: "a number", isNumber: true,
                accepts: { Signature.number($0) != nil })
        }

        /// An agreement id such as `A2`.
        static func agreement(
            optional: Bool = false, candidates: @escaping @Sendable (CommandContext) -> [String]
        ) -> Argument {
            .word(
                "A1", optional: optional, what: "an agreement id such as A1",
                accepts: ShellCommand.isAgreementID,
                candidates: candidates)
        }

        var usage: String { isOptional ? "[\(name)]" : name }
    }

    /// An option: a flag (`--private`) or one with a value (`--by DATE`).
    package struct Option: Sendable {
        package enum Value: Sendable {
            case none
            /// One word after it: a date, an id.
            case word(String)
            /// Words up to the next option: `--know "it's in both calendars"`.
            case text(String)
        }

        package let name: String
        package let value: Value
        package let summary: String
        let candidates: @Sendable (CommandContext) -> [String]

        static func flag(_ name: String, _ summary: String) -> Option {
            Option(name: name, value: .none, summary: summary, candidates: { _ in [] })
        }

        static func word(
            _ name: String, _ valueName: String, _ summary: String,
            candidates: @escaping @Sendable (CommandContext) -> [String] = { _ in [] }
        ) -> Option {
            Option(name: name, value: .word(valueName), summary: summary, candidates: candidates)
        }

        static func text(_ name: String, _ valueName: String, _ summary: String) -> Option {
            Option(name: name, value: .text(valueName), summary: summary, candidates: { _ in [] })
        }

        var usage: String {
            switch value {
            case .none: "[\(name)]"
            case .word(let v), .text(let v): "[\(name) \(v)]"
            }
        }
    }

    package var arguments: [Argument]
    package var options: [Option]
    /// `-- NOTE` ends the line with a note (`/adjust A1 new wording -- why it changed`).
    package var takesNote: Bool

    package init(_ arguments: [Argument] = [], options: [Option] = [], takesNote: Bool = false) {
        self.arguments = arguments
        self.options = options
        self.takesNote = takesNote
    }

    /// `A1 WORDING [--by DATE] [-- NOTE]`: the arguments, then the options.
    package var usage: String {
        // Flags first (`note [--private] TEXT`), options with values after the arguments.
        let flags = options.filter { if case .none = $0.value { true } else { false } }
        let valued = options.filter { if case .none = $0.value { false } else { true } }
        var parts = flags.map(\.usage) + arguments.map(\.usage) + valued.map(\.usage)
        if takesNote { parts.append("[-- NOTE]") }
        return parts.joined(separator: " ")
    }

    /// Whether `arguments` hold no words of their own: no note, no text option, and every other
    /// value a number or one of its own candidates (question ids and sections of the active pack,
    /// pack, agreement and session ids, command names). Only such a line may be shared.
    func holdsOnlyIDs(_ arguments: Arguments, context: CommandContext) -> Bool {
        guard arguments.note == nil else { return false }
        for (name, value) in arguments.options {
            guard let option = options.first(where: { $0.name == name }) else { return false }
            switch option.value {
            case .none: continue
            case .text: return false
            case .word: guard option.candidates(context).contains(value) else { return false }
            }
        }
        for (name, value) in arguments.values {
            guard let argument = self.arguments.first(where: { $0.name == name }) else { return false }
            if argument.isNumber { continue }
            let candidates = argument.index(context)?.unique ?? argument.candidates(context)
            guard candidates.contains(value) else { return false }
        }
        return true
    }

    /// `42` or `#42` as a positive number.
    static func number(_ word: String) -> Int? {
        let digits = word.hasPrefix("#") ? word.dropFirst() : Substring(word)
        guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            let n = Int(digits), n > 0
        else { return nil }
        return n
    }
}

/// What a command was given, read by its signature.
public struct Arguments: Sendable, Equatable {
    /// Each argument given, by its name in the signature.
    public var values: [String: String] = [:]
    /// Each option given, by name (`--by`); a flag's value is empty.
    package var options: [String: String] = [:]
    package var note: String?

    package init(values: [String: String] = [:], options: [String: String] = [:], note: String? = nil) {
        self.values = values
        self.options = options
        self.note = note
    }

    package subscript(_ name: String) -> String? { values[name] }
    package func has(_ option: String) -> Bool { options[option] != nil }
}

/// A word of a command line and where it is in it, so text arguments keep their spacing.
struct Token {
    var text: Substring

    /// The line split at spaces and tabs.
    static func split(_ line: Substring) -> [Token] {
        var tokens: [Token] = []
        var start: Substring.Index?
        var index = line.startIndex
        while index < line.endIndex {
            let isSpace = line[index] == " " || line[index] == "\t"
            if isSpace, let s = start {
                tokens.append(Token(text: line[s..<index]))
                start = nil
            } else if !isSpace, start == nil {
                start = index
            }
            index = line.index(after: index)
        }
        if let s = start { tokens.append(Token(text: line[s...])) }
        return tokens
    }
}

extension Signature {
    /// Where a partial parse stopped, for Tab: the argument or option value the next word fills.
    enum Slot {
        case argument(Argument)
        case optionValue(Option)
        case none
    }

    /// Reads `line` (what follows the command's name) by this signature.
    ///
    /// Options are whole words that start with `--`, anywhere on the line; an option the command
    /// does not declare is an error, so `/note --privately speaking` is refused rather than recorded
    /// as a private note "ly speaking". A text argument takes the words up to the next option.
    public func parse(_ line: String, command: String) throws(AllianceError) -> Arguments {
        let text = Substring(line)
        let tokens = Token.split(text)
        var result = Arguments()
        var next = 0
        var i = 0
        /// The text argument read last: words after an option go on with it
        /// (`agree We meet --by 2027-01-15 on Fridays`).
        var lastText: String?
        func fail(_ message: String) -> AllianceError {
            AllianceError(
                "\(message) (usage: \(ShellCommand.prefix)\(command)\(usage.isEmpty ? "" : " " + usage))",
                at: .command(ShellCommand.prefix + command))
        }
        while i < tokens.count {
            let word = tokens[i].text
            if takesNote && word == "--" {
                let note = i + 1 < tokens.count ? String(text[tokens[i + 1].text.startIndex...]) : ""
                result.note = note.trimmed.isEmpty ? nil : note.trimmed
                break
            }
            if let option = try option(named: word, fail: fail) {
                i += 1
                guard result.options[option.name] == nil else { throw fail("\(option.name) is given twice") }
                switch option.value {
                case .none:
                    result.options[option.name] = ""
                case .word(let valueName):
                    guard i < tokens.count, !isOption(tokens[i].text) else {
                        throw fail("\(option.name) needs a \(valueName)")
                    }
                    result.options[option.name] = String(tokens[i].text)
                    i += 1
                case .text(let valueName):
                    let end = endOfText(tokens, from: i)
                    guard end > i else { throw fail("\(option.name) needs a \(valueName)") }
                    let value = String(text[tokens[i].text.startIndex..<tokens[end - 1].text.endIndex])
                    result.options[option.name] = unquoted(value) ?? value
                    i = end
                }
                continue
            }
            // An argument: skip the optional words this one does not fit.
            var skipped: Argument?
            while next < arguments.count, arguments[next].kind == .word, arguments[next].isOptional,
                !arguments[next].accepts(String(word))
            {
                skipped = arguments[next]
                next += 1
            }
            if next >= arguments.count, let name = lastText, let before = result.values[name] {
                let end = endOfText(tokens, from: i)
                let more = String(text[tokens[i].text.startIndex..<tokens[end - 1].text.endIndex])
                result.values[name] = before + " " + more
                i = end
                continue
            }
            guard next < arguments.count else {
                if let skipped {
                    throw fail("\"\(word)\" is not \(skipped.what)")
                }
                throw fail(
                    arguments.isEmpty
                        ? "it takes no argument, not \"\(word)\"" : "\"\(word)\" is one argument too many")
            }
            let argument = arguments[next]
            next += 1
            switch argument.kind {
            case .word:
                guard argument.accepts(String(word)) else {
                    throw fail("\"\(word)\" is not \(argument.what)")
                }
                result.values[argument.name] = String(word)
                i += 1
            case .text:
                let end = endOfText(tokens, from: i)
                result.values[argument.name] = String(
                    text[tokens[i].text.startIndex..<tokens[end - 1].text.endIndex])
                lastText = argument.name
                i = end
            }
        }
        if let missing = arguments.first(where: { !$0.isOptional && result.values[$0.name] == nil }) {
            throw fail("\(missing.name) is missing")
        }
        return result
    }

    /// The option a word names: nil when it is not an option; an error when it looks like one
    /// this command does not take.
    private func option(
        named word: Substring, fail: (String) -> AllianceError
    ) throws(AllianceError) -> Option? {
        guard isOption(word) else { return nil }
        if let option = options.first(where: { $0.name == word }) { return option }
        let offered = options.map(\.name)
        // A word in quotes is never an option: the way to keep "--force" in a note.
        throw fail(
            "unknown option \(word)"
                + (offered.isEmpty ? "" : "; it takes \(offered.joined(separator: ", "))")
                + "; in quotes (\"\(word)\") it is text")
    }

    /// `--something`: a word in option form (a lone `--` is text, or the note's mark).
    private func isOption(_ word: Substring) -> Bool {
        word.count > 2 && word.hasPrefix("--")
    }

    /// Where text starting at `start` ends: at the next word in option form, or the note's `--`.
    private func endOfText(_ tokens: [Token], from start: Int) -> Int {
        var end = start
        while end < tokens.count, !isOption(tokens[end].text), !(takesNote && tokens[end].text == "--") {
            end += 1
        }
        return end
    }

    /// For Tab: what the next word fills, given the complete words before it.
    func slot(after previous: [String]) -> Slot {
        var next = 0
        var i = 0
        var inText = false
        while i < previous.count {
            let word = Substring(previous[i])
            if let option = options.first(where: { $0.name == word }) {
                inText = false
                switch option.value {
                case .none: i += 1
                case .word: i += 2
                case .text:
                    i += 1
                    while i < previous.count, !isOption(Substring(previous[i])) { i += 1 }
                }
                continue
            }
            if takesNote && word == "--" { return .none }
            if inText {
                i += 1
                continue
            }
            while next < arguments.count, arguments[next].kind == .word, arguments[next].isOptional,
                !arguments[next].accepts(String(word))
            {
                next += 1
            }
            guard next < arguments.count else { return .none }
            if arguments[next].kind == .text { inText = true }
            next += 1
            i += 1
        }
        if let last = previous.last, let option = options.first(where: { $0.name == last }),
            case .word = option.value
        {
            return .optionValue(option)
        }
        if inText { return .none }
        return next < arguments.count ? .argument(arguments[next]) : .none
    }
}
