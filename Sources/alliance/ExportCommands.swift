import AllianceKit
import ArgumentParser

extension Export.Format: ExpressibleByArgument {}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract:
            "Write an alliance as Markdown, JSON (events and state), a one-page HTML card, or its dates as iCalendar.",
        discussion: """
            Private notes are left out unless --private is given; the calendar (--format ics: the next \
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

    @Flag(name: .long, help: "Include private notes.")
    var `private` = false

    @Flag(
        name: .long,
        help: "Replace the --output file if it exists (never a session log or a file in sessions/).")
    var force = false

    func run() throws {
        // Past a file-size limit (`ulimit -f`) the write fails with an error naming the file,
        // as in the shell, instead of the process being killed by SIGXFSZ.
        POSIX.ignore(.fileSizeLimit)
        let home = try homeOptions.unlockedHome()
        if let output { try OutputFile.check(output, home: home, force: force) }
        let (text, warnings) = try SessionReports.export(
            session, home: home, format: format, includePrivate: `private`, zone: .local)
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
