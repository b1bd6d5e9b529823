/// The one error type of AllianceKit, and the one kind of report the program prints: what went
/// wrong (or what a check found), how much it matters, and where.
///
/// The message is lowercase-first and says what to do where it can. The line a user reads is
/// made in one place, `rendered(color:)`:
/// - a finding in a file being checked (a pack, a plugin) reads as a compiler's:
///   `packs/trip.md:12: warning: message` (`alliance packs lint`, packs and plugins loaded);
/// - any other report names its severity first: `error: /agree: message`,
///   `warning: log.jsonl:3: message`; a note is printed as it is (`saved as …`).
public struct AllianceError: Error, Hashable, Sendable, CustomStringConvertible {
    /// How much it matters: an error stops what was asked (or, in a finding, the file loading).
    package enum Severity: String, Sendable {
        case error, warning, note
    }

    /// Where it happened.
    package indirect enum Location: Hashable, Sendable, CustomStringConvertible {
        /// A file (`packs/trip.md`), or a line of it (`packs/trip.md:12`).
        case file(String, line: Int? = nil)
        /// A command: a shell command (`/agree`), or one of the command line (`alliance replay`).
        case command(String)
        /// An option of the command line (`--with`).
        case option(String)
        /// The person a line of the shell was addressed to (`@Zoë`).
        case addressee(String)
        /// A place inside another: the command on a line of script input (`<stdin>:3: /agree`).
        case within(Location, Location)

        package var description: String {
            switch self {
            case .file(let path, let line?): "\(path):\(line)"
            case .file(let path, nil): path
            case .command(let name), .option(let name): name
            case .addressee(let name): "@\(name)"
            case .within(let outer, let inner): "\(outer): \(inner)"
            }
        }
    }

    /// How the report reads: as a message of the program, or as a finding in a checked file.
    package enum Form: Hashable, Sendable {
        /// `severity: location: message`
        case message
        /// `location: severity: message`
        case finding
    }

    package var message: String
    package var severity: Severity
    /// Where, as a value; `location` is the same as text.
    package var place: Location?
    package var form: Form
    /// Lines shown under the message, indented, one each (the alliances a name could mean).
    package var details: [String] = []

    package init(
        _ message: String, at place: Location? = nil, severity: Severity = .error, form: Form = .message
    ) {
        self.message = message
        self.severity = severity
        self.place = place
        self.form = form
    }

    /// A finding in a file being checked: `path:line: severity: message`.
    package static func finding(_ message: String, at place: Location?, severity: Severity) -> AllianceError {
        AllianceError(message, at: place, severity: severity, form: .finding)
    }

    /// The line of the file it names, if it names a line of one.
    package var line: Int? {
        if case .file(_, let line)? = place { return line }
        return nil
    }

    /// `findings` in the order of their lines, those without a line first, ties as given: how
    /// lint lists what it found in one file.
    package static func inLineOrder(_ findings: [AllianceError]) -> [AllianceError] {
        findings.enumerated().sorted { a, b in
            (a.element.line ?? 0, a.offset) < (b.element.line ?? 0, b.offset)
        }.map(\.element)
    }

    /// Where, as text (`packs/trip.md:12`, `/agree`, `--with`, `@Zoë`), or nil.
    package var location: String? { place?.description }

    /// The report without its severity label, for a message: `location: message`, how it reads
    /// after `error:` or inside another message; for a finding, the whole line.
    public var description: String {
        let head =
            switch (form, place) {
            case (.message, nil): message
            case (.message, let place?): "\(place): \(message)"
            case (.finding, nil): "\(severity.rawValue): \(message)"
            case (.finding, let place?): "\(place): \(severity.rawValue): \(message)"
            }
        return head + details.map { "\n  " + $0 }.joined()
    }

    /// The line a user reads, its terminal controls made visible; with `color`, the `error:`
    /// label in red. The one place a report becomes text.
    package func rendered(color: Bool = false) -> String {
        var plain = self
        plain.details = []
        let text = plain.description.terminalSafe
        let below = details.map { "\n  " + $0.terminalSafe }.joined()
        guard form == .message else { return text + below }
        switch severity {
        case .note: return text + below
        case .warning: return "warning: \(text)" + below
        case .error: return (color ? "\u{1B}[31merror:\u{1B}[0m \(text)" : "error: \(text)") + below
        }
    }

    /// The same error, placed at `place` unless it already names one.
    package func located(_ place: Location) -> AllianceError {
        var error = self
        if error.place == nil { error.place = place }
        return error
    }

    /// The same error, placed inside `outer`: the line of input a command's error came from.
    package func within(_ outer: Location) -> AllianceError {
        var error = self
        error.place = place.map { .within(outer, $0) } ?? outer
        return error
    }

    /// The same error, reported as a finding in a checked file (`path:line: error: message`).
    package func asFinding(_ severity: Severity? = nil) -> AllianceError {
        var error = self
        error.form = .finding
        if let severity { error.severity = severity }
        return error
    }

    /// The same error at another severity (a damaged log line is an error with `--strict`, else a warning).
    package func with(_ severity: Severity) -> AllianceError {
        var error = self
        error.severity = severity
        return error
    }
}
