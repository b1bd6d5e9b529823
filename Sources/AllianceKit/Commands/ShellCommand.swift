/// One line of output, with the role that decides how a terminal shows it.
public struct Line: Sendable, Equatable {
    package enum Style: Sendable, Equatable {
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
    package var style: Style

    package init(_ text: String, _ style: Style = .plain) {
        self.text = text
        self.style = style
    }
}

/// What a command asks for: events to record (in order), then lines to show, then at most one
/// effect on the sitting itself.
public struct Outcome: Sendable {
    /// An event a command asks to record: who it is by and what it is. The session gives it
    /// its number and time when it writes it.
    package struct Record: Equatable, Sendable {
        package var by: Actor
        package var kind: EventKind

        package init(by: Actor = .facilitator, kind: EventKind) {
            self.by = by
            self.kind = kind
        }
    }

    /// What a command does to the sitting beyond its events and lines. The session carries it out
    /// in one place (`Session.execute`), and hands it on in its response to the caller, who closes
    /// the sitting for `quit` and `revisit`.
    public enum Effect: Equatable, Sendable {
        /// Close the sitting.
        case quit
        /// Load packs and plugins again from their directories.
        case reload
        /// Close this sitting and open a new sitting of this session (an id, a prefix of one, a path).
        case revisit(String)

        /// Whether the caller closes the sitting for it: for `quit` and `revisit`, not `reload`.
        public var endsSitting: Bool {
            switch self {
            case .quit, .revisit: true
            case .reload: false
            }
        }

        /// For `revisit`: the session to open once this sitting is closed.
        package var sessionToOpen: String? {
            switch self {
            case .revisit(let session): session
            case .quit, .reload: nil
            }
        }
    }

    package var events: [Record] = []
    package var lines: [Line] = []
    /// One at most: no command quits and reloads at once, and `revisit` quits by itself.
    package var effect: Effect?

    package init(events: [Record] = [], lines: [Line] = [], effect: Effect? = nil) {
        self.events = events
        self.lines = lines
        self.effect = effect
    }

    static func record(_ kind: EventKind, by: Actor = .facilitator) -> Outcome {
        Outcome(events: [Record(by: by, kind: kind)])
    }

    static func show(_ lines: [Line]) -> Outcome { Outcome(lines: lines) }
}

/// What a command sees: the alliance as it stands and the packs loaded.
public struct CommandContext: Sendable {
    package var state: AllianceState
    package var packs: PackLibrary
    package var rules: RuleBook
    /// Columns available for output.
    package var width: Int
    /// The zone the coach reads times in (the session's clock's), for what commands show.
    package var zone: Zone = .local
    /// Today on the coach's calendar (`Timestamp.calendarDate(in:)`), for dates and what is due.
    package var today: CalendarDate = Timestamp.now().calendarDate(in: .local)
    /// The other alliances in the data home, read when a command needs them (`due`).
    package var otherAlliances: @Sendable () -> [(id: String, state: AllianceState)] = { [] }
    /// The ids of the sessions in the data home, for completion.
    package var sessionIDs: @Sendable () -> [String] = { [] }
    /// Each session's title and people, for listing the ids Tab offers.
    package var sessionSummaries: @Sendable () -> [SessionSummary] = { [] }
    /// The log a session reference names (an id, a unique prefix of one, a path), or why none.
    package var resolveSession: @Sendable (String) throws(AllianceError) -> String = { $0 }

    package init(state: AllianceState, packs: PackLibrary, rules: RuleBook = RuleBook(), width: Int = 80) {
        self.state = state
        self.packs = packs
        self.rules = rules
        self.width = width
    }

    /// The active pack, or an error that says how to choose one.
    func activePack(for command: AllianceError.Location) throws(AllianceError) -> Pack {
        guard let id = state.activePack else {
            throw AllianceError(
                "no pack is active: choose one with /pack ID (/packs lists them)", at: command)
        }
        guard let pack = packs[id] else {
            throw AllianceError("pack \"\(id)\" is not loaded: choose another with /pack ID", at: command)
        }
        return pack
    }
}

/// A shell command: its name, what it takes, its help, and what it does.
///
/// `run` never changes anything itself: it returns the events to record, and the
/// session records them durably before folding them into the state.
public struct ShellCommand: Sendable {
    /// What starts a command: every other line is an answer.
    package static let prefix = "/"

    public let name: String
    /// Its arguments and options, declared once: parsed, shown in help and completed from here.
    public let signature: Signature
    package let summary: String
    package let details: String
    /// Whether a line of it may go into the history shared by every session, when every argument
    /// is an id from a fixed set (see `isShareable`). False for commands whose words are private.
    package let sharesHistory: Bool
    let run: @Sendable (_ arguments: Arguments, _ context: CommandContext) throws(AllianceError) -> Outcome

    init(
        _ name: String, _ signature: Signature = Signature(), summary: String, details: String = "",
        sharesHistory: Bool = true,
        run: @escaping @Sendable (Arguments, CommandContext) throws(AllianceError) -> Outcome
    ) {
        self.name = name
        self.signature = signature
        self.summary = summary
        self.details = details
        self.sharesHistory = sharesHistory
        self.run = run
    }

    /// `/agree [TEXT] [--by DATE] [--know HOW]`
    package var usage: String {
        Self.prefix + name + (signature.usage.isEmpty ? "" : " " + signature.usage)
    }

    /// Reads `arguments` by the signature and runs the command.
    package func callAsFunction(_ arguments: String, _ context: CommandContext) throws(AllianceError)
        -> Outcome
    {
        try run(signature.parse(arguments, command: name), context)
    }
}

extension ShellCommand {
    /// Every command, in the order `help` lists them.
    package static let all: [ShellCommand] = [
        .ask, .probe, .flip, .mine, .later, .agree, .repair,
        .checkin, .keep, .adjust, .drop, .skip, .history, .due, .next,
        .with, .without, .me, .pack, .packs, .agreements, .note, .undo, .amend, .fix, .rules, .reload,
        .revisit, .log, .help, .quit,
    ]

    package enum Lookup {
        case found(ShellCommand)
        case ambiguous([String])
        case none
    }

    /// What a typed line is.
    public enum Input {
        /// `/name arguments`
        case command(ShellCommand, arguments: String)
        /// Any line that does not start with `/`, or `//text` for an answer that starts with a slash.
        case answer(String)
        /// `@Name text`: an answer by someone else (what follows the `@`).
        case addressed(String)
        case empty
    }

    /// What a typed line is: only a line that starts with `/` is a command, so no answer is ever
    /// taken for one ("Agree on goals", "Mine is the blue one", "no" are answers).
    public static func interpret(_ input: String) throws(AllianceError) -> Input {
        let line = input.trimmed
        guard !line.isEmpty else { return .empty }
        if let first = input.first, first == " " || first == "\t", line.hasPrefix(prefix),
            !line.hasPrefix(prefix + prefix)
        {
            // Neither run nor recorded: an indented or pasted "/undo" is not obviously either.
            let word = firstWord(String(line.dropFirst())).word
            guard case .none = lookup(word) else {
                throw AllianceError(
                    "the line starts with a space before /\(word): type it again without the space to run the command, or start it with // to record it as an answer"
                        .terminalSafe)
            }
            return .answer(line)
        }
        if line.hasPrefix(prefix + prefix) { return .answer(String(line.dropFirst())) }
        // `>` marked an answer before commands started with `/`; old scripts keep working.
        if line.hasPrefix(">") { return .answer(String(line.dropFirst()).trimmed) }
        if line.hasPrefix("@") { return .addressed(String(line.dropFirst())) }
        guard line.hasPrefix(prefix) else { return .answer(line) }
        let (word, rest) = firstWord(String(line.dropFirst()))
        guard !word.isEmpty else {
            throw AllianceError(
                "type a command after /, e.g. /ask (/help lists them); //text records an answer that starts with /"
            )
        }
        switch lookup(word) {
        case .found(let command): return .command(command, arguments: rest)
        case .ambiguous(let names):
            throw AllianceError(
                "/\(word) could be \(names.map { prefix + $0 }.joined(separator: ", ")): type more of it")
        case .none:
            throw AllianceError(
                "no command /\(word) (/help lists them); //\(word)… records an answer that starts with /")
        }
    }

    /// Whether a typed line may go into the history file shared by all sessions: a command that
    /// shares history (`sharesHistory`) whose arguments are all ids from a fixed set (question ids
    /// and sections of the active pack, pack, agreement, session and command names, numbers), never
    /// free text, because answers are confidential.
    public static func isShareable(_ line: String, context: CommandContext) -> Bool {
        guard case .command(let command, let rest)? = try? interpret(line), command.sharesHistory,
            let arguments = try? command.signature.parse(rest, command: command.name)
        else { return false }
        return command.signature.holdsOnlyIDs(arguments, context: context)
    }

    /// The command a word names: exactly, or as a unique prefix.
    package static func lookup(_ word: String) -> Lookup {
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
