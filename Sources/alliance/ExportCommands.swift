import AllianceKit
import ArgumentParser

extension Export.Format: ExpressibleByArgument {}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write an alliance as Markdown, JSON (events and state) or a one-page HTML card.",
        discussion: "Private notes are left out unless --private is given. Exporting only reads the log.")

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

    func run() throws {
        let home = try reportingErrors { try homeOptions.dataHome() }
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
        var hits: [SessionSearch.Hit] = []
        var failed = false
        for id in home.sessionIDs() {
            guard let contents = try? LogReader.read(path: home.logPath(for: id)) else {
                Diagnostics.warning("\(home.logPath(for: id)): cannot be read")
                failed = true
                continue
            }
            for problem in contents.problems { Diagnostics.warning(problem.description) }
            hits += SessionSearch.search(query, in: AllianceState(replaying: contents.events), session: id)
        }
        if hits.isEmpty {
            print(
                "Nothing found for \"\(query)\" in \(plural(home.sessionIDs().count, "session"))."
                    .terminalSafe)
        }
        for hit in hits {
            print(
                "\(hit.session)  sitting \(hit.sitting)  #\(hit.seq)  \(hit.what): \(hit.text)".terminalSafe)
        }
        if failed { throw ExitCode.failure }
    }
}
