import AllianceKit
import ArgumentParser

extension Export.Format: ExpressibleByArgument {}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract:
            "Write an alliance as a one-page card (Markdown or HTML), JSON (events and state), or its dates as iCalendar.",
        discussion: """
            The card prints on one A4 or Letter page: the agreements with how we'll know, their \
            dates and where each stands, the next check-in, the repair plan (signs, what helps, how \
            we repair, repairs that happened) and the questions taken away. --full adds the whole \
            record after it: each agreement's history, what each of us said question by question, \
            the sittings and the notes. \
            Private notes are left out unless --private is given (the card holds no notes: they come \
            with --full, and always in the JSON); the calendar (--format ics: the next \
            check-in and each dated agreement) never holds a note. Exporting only reads the log. \
            --output never replaces a session log or writes in the sessions folder, and replaces \
            another existing file only with --force.
            """)

    @OptionGroup var homeOptions: HomeOptions

    @Argument(
        help:
            "A session id, a unique prefix of one, a path to a log file, or a participant's name or words of the title (\"sam reyes\")."
    )
    var session: String

    @Option(name: .long, help: "markdown, json, html or ics.")
    var format: Export.Format = .markdown

    @Option(
        name: [.short, .long],
        help: ArgumentHelp("Write to FILE instead of standard output.", valueName: "FILE"))
    var output: String?

    @Flag(
        name: .long,
        help:
            "After the card, the whole record: histories, what each of us said, sittings, notes (markdown and html)."
    )
    var full = false

    @Flag(name: .long, help: "Include private notes (json, or markdown and html with --full).")
    var `private` = false

    @Flag(
        name: .long,
        help: "Replace the --output file if it exists (never a session log or a file in sessions/).")
    var force = false

    func validate() throws {
        if full && (format == .json || format == .ics) {
            throw ValidationError(
                "--full is for the markdown and html card: the json holds everything, the calendar only dates"
            )
        }
        if `private` && !full && (format == .markdown || format == .html) {
            throw ValidationError("--private adds private notes, which the card never holds: add --full")
        }
    }

    func run() throws {
        // Past a file-size limit (`ulimit -f`) the write fails with an error naming the file,
        // as in the shell, instead of the process being killed by SIGXFSZ.
        POSIX.ignore(.fileSizeLimit)
        let home = try homeOptions.unlockedHome()
        if let output { try OutputFile.check(output, home: home, force: force) }
        // What is handed over must be what was recorded: a log whose lines read well but fail
        // `alliance verify` (an edit with its checksum made right, a private note made public, a
        // dropped tail) is not exported. A damaged line is skipped and named, as every reader does.
        let path = try home.resolveSession(session)
        let verification = LogVerifier.verify(path: path, home: home)
        if !verification.isDamage, let failure = verification.errors.first {
            StandardError.report(
                AllianceError(
                    "\(failure.message) (`alliance verify` checks it; nothing was exported)",
                    at: failure.place))
            throw ExitCode.failure
        }
        let (text, warnings) = try SessionReports.export(
            session, home: home, format: format, includePrivate: `private`, zone: .local,
            full: full)
        warnings.forEach { StandardError.report($0) }
        if let output {
            try Files.replace(output, contents: Array(text.utf8), mode: 0o600)
            StandardError.note("wrote \(output)")
        } else {
            print(text, terminator: "")
        }
        if !warnings.isEmpty { throw ExitCode.failure }
    }
}

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Find questions, answers, agreements and notes across every session in the data home.")

    @OptionGroup var homeOptions: HomeOptions

    @Argument(help: "The words to find (case does not matter).")
    var words: [String]

    func run() throws {
        let report = SessionReports.search(words.joined(separator: " "), in: try homeOptions.unlockedHome())
        report.warnings.forEach { StandardError.report($0) }
        var out = BufferedOutput()
        report.lines.forEach { out.line($0) }
        out.flush()
        if report.failed { throw ExitCode.failure }
    }
}
