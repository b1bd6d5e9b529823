/// One line of output, with the role that decides how a terminal shows it.
public struct Line: Sendable, Equatable {
    public enum Style: Sendable, Equatable {
        case plain
        /// Something to read aloud: a question.
        case question
        /// Confirmation and context the facilitator can skim past.
        case dim
        case heading
        /// An agreement.
        case agreement
        case warning
    }

    public var text: String
    public var style: Style

    public init(_ text: String, _ style: Style = .plain) {
        self.text = text
        self.style = style
    }
}

/// What a command asks for: events to record (in order), then lines to show.
public struct Outcome: Sendable {
    public var events: [(by: Actor, kind: EventKind)] = []
    public var lines: [Line] = []
    public var quit = false
    /// Load packs and plugins again from their directories.
    public var reload = false
    /// Close this sitting and open a new sitting of this session.
    public var revisit: String?

    public init(
        events: [(by: Actor, kind: EventKind)] = [], lines: [Line] = [], quit: Bool = false,
        reload: Bool = false
    ) {
        self.events = events
        self.lines = lines
        self.quit = quit
        self.reload = reload
    }

    static func record(_ kind: EventKind, by: Actor = .facilitator) -> Outcome {
        Outcome(events: [(by, kind)])
    }

    static func show(_ lines: [Line]) -> Outcome { Outcome(lines: lines) }
}

/// What a command sees: the alliance as it stands and the packs loaded.
public struct CommandContext: Sendable {
    public var state: AllianceState
    public var packs: PackLibrary
    public var rules: RuleBook
    /// Columns available for output.
    public var width: Int
    /// Today, `YYYY-MM-DD` in UTC, for what is due.
    public var today: String = Timestamp.now().date
    /// The other alliances in the data home, read when a command needs them (`due`).
    public var otherAlliances: @Sendable () -> [(id: String, state: AllianceState)] = { [] }
    /// The ids of the sessions in the data home, for completion.
    public var sessionIDs: @Sendable () -> [String] = { [] }

    public init(state: AllianceState, packs: PackLibrary, rules: RuleBook = RuleBook(), width: Int = 80) {
        self.state = state
        self.packs = packs
        self.rules = rules
        self.width = width
    }

    /// The active pack, or an error that says how to choose one.
    func activePack(for command: String) throws(AllianceError) -> Pack {
        guard let id = state.activePack else {
            throw AllianceError(
                "no pack is active: choose one with `pack ID` (`packs` lists them)", at: command)
        }
        guard let pack = packs[id] else {
            throw AllianceError("pack \"\(id)\" is not loaded: choose another with `pack ID`", at: command)
        }
        return pack
    }
}

/// A shell command: its name and help, how it completes arguments, and what it does.
///
/// `run` never changes anything itself: it returns the events to record, and the
/// session records them durably before folding them into the state.
public struct ShellCommand: Sendable {
    public let name: String
    public let usage: String
    public let summary: String
    public let details: String
    /// Whether its arguments are free text (a note, an agreement): then only its full name runs it
    /// with arguments, so an answer that starts like the command ("no idea…") stays an answer.
    public let takesText: Bool
    let complete: @Sendable (_ context: CommandContext, _ previous: [String]) -> [String]
    /// When it gives an index, Tab uses it instead of `complete` (the same candidates, prepared).
    let completionIndex: @Sendable (_ context: CommandContext, _ previous: [String]) -> CompletionIndex?
    let run: @Sendable (_ arguments: String, _ context: CommandContext) throws(AllianceError) -> Outcome

    init(
        _ name: String, usage: String, summary: String, takesText: Bool = false, details: String = "",
        complete: @escaping @Sendable (CommandContext, [String]) -> [String] = { _, _ in [] },
        completionIndex: @escaping @Sendable (CommandContext, [String]) -> CompletionIndex? = { _, _ in nil },
        run: @escaping @Sendable (String, CommandContext) throws(AllianceError) -> Outcome
    ) {
        self.name = name
        self.usage = usage
        self.summary = summary
        self.details = details
        self.takesText = takesText
        self.complete = complete
        self.completionIndex = completionIndex
        self.run = run
    }
}

extension ShellCommand {
    /// Every command, in the order `help` lists them.
    public static let all: [ShellCommand] = [
        .ask, .probe, .flip, .mine, .agree, .repair,
        .checkin, .keep, .adjust, .drop, .skip, .history, .due,
        .with, .pack, .packs, .agreements, .note, .undo, .fix, .rules, .reload, .revisit, .log, .help, .quit,
    ]

    public enum Lookup {
        case found(ShellCommand)
        case ambiguous([String])
        case none
    }

    /// What a typed line is: a command with its arguments, or an answer.
    ///
    /// A command's full name always runs it. Its first letters run it too, unless
    /// what follows is text: free text for a command that takes text, or several
    /// words for any other, or anything after letters that fit several commands.
    /// Then the line is an answer, so "no idea really" is never a note, "as a kid I…"
    /// never a question and "A heads-up" never an error.
    public static func interpret(_ line: String) -> Lookup {
        let (word, rest) = firstWord(line)
        let lookup = lookup(word)
        if case .found(let command) = lookup, command.name == word.lowercased() { return lookup }
        let restIsText = rest.contains(" ") || rest.contains("\t")
        switch lookup {
        case .found(let command) where !rest.isEmpty && (command.takesText || restIsText): return .none
        case .ambiguous where !rest.isEmpty: return .none
        default: return lookup
        }
    }

    /// The command a word names: exactly, or as a unique prefix.
    public static func lookup(_ word: String) -> Lookup {
        let word = word.lowercased()
        guard !word.isEmpty else { return .none }
        if let exact = all.first(where: { $0.name == word }) { return .found(exact) }
        let matches = all.filter { $0.name.hasPrefix(word) }
        switch matches.count {
        case 0: return .none
        case 1: return .found(matches[0])
        default: return .ambiguous(matches.map(\.name))
        }
    }
}

/// Text typed in straight or curly double quotes, without them; nil when not quoted.
func unquoted(_ text: String) -> String? {
    let t = text.trimmed
    guard let first = t.first, first == "\"" || first == "\u{201C}" else { return nil }
    var inner = t.dropFirst()
    if let last = inner.last, last == "\"" || last == "\u{201D}" { inner = inner.dropLast() }
    return String(inner).trimmed
}

/// Splits `word rest of the line` into the first word and the rest.
func firstWord(_ text: String) -> (word: String, rest: String) {
    let t = text.trimmed
    guard let space = t.firstIndex(where: { $0 == " " || $0 == "\t" }) else { return (t, "") }
    return (String(t[..<space]), String(t[space...]).trimmed)
}
