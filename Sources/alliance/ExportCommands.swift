import AllianceKit
import ArgumentParser

#if canImport(Glibc)
    import Glibc
#endif

extension Export.Format: ExpressibleByArgument {}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write an alliance as Markdown, JSON (events and state) or a one-page HTML card.",
        discussion: """
            Private notes are left out unless --private is given. Exporting only reads the log. \
            --output never replaces a session log or writes in the sessions folder, and replaces \
            another existing file only with --force.
            """)

    @OptionGroup var homeOptions: HomeOptions

    @Argument(help: "A session id, a unique prefix of one, or a path to a log file.")
    var session: String

    @Option(name: .long, help: "markdown, json or html.")
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
        signal(SIGXFSZ, SIG_IGN)
        let home = try reportingErrors { try homeOptions.dataHome() }
        if let output {
            try reportingErrors { try OutputFile.check(output, home: home, force: force) }
        }
        let path = try reportingErrors { try home.resolveSession(session) }
        let contents = try reportingErrors { try LogReader.read(path: path) }
        for problem in contents.problems { Diagnostics.warning(problem.description) }
        let id = Files.fileName(of: path).replacingOccurrencesOfSuffix(".jsonl")
        let text = Export(id: id, state: AllianceState(replaying: contents.events), includePrivate: `private`)
            .render(format)
        if let output {
            try reportingErrors { try Files.replace(output, contents: Array(text.utf8), mode: 0o600) }
            Diagnostics.note("wrote \(output)")
        } else {
            print(text, terminator: "")
        }
        if !contents.problems.isEmpty { throw ExitCode.failure }
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
        let home = try reportingErrors { try homeOptions.dataHome() }
        let query = words.joined(separator: " ")
        let ids = home.sessionIDs()
        let found = SessionSearch.search(query, sessions: ids.map { ($0, home.logPath(for: $0)) })
        var failed = false
        for session in found {
            if let unreadable = session.unreadable {
                Diagnostics.warning("\(unreadable.description) (not searched)")
                failed = true
            }
            for problem in session.problems { Diagnostics.warning(problem.description) }
        }
        let hits = found.flatMap(\.hits)
        var out = BufferedOutput()
        if hits.isEmpty {
            out.line("Nothing found for \"\(query)\" in \(plural(ids.count, "session")).".terminalSafe)
        }
        for hit in hits {
            out.line(
                "\(hit.session)  sitting \(hit.sitting)  #\(hit.seq)  \(hit.what): \(hit.text)".terminalSafe)
        }
        out.flush()
        if failed { throw ExitCode.failure }
    }
}
