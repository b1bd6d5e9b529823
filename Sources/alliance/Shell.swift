import AllianceKit
import ArgumentParser
import LineEditor

struct Shell: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shell",
        abstract: "Start a new alliance (the default command).",
        discussion: """
            Interactive when standard input and output are terminals. Otherwise the same commands are \
            read line by line from standard input (script mode): no banner, no colour, and exit status 1 \
            if any command failed.
            """)

    @OptionGroup var load: LoadOptions

    @Option(
        name: .long,
        help: ArgumentHelp("Someone taking part (repeatable); the first answers first.", valueName: "NAME"))
    var with: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The pack to start with, by its id or a unique beginning of it (default: none; the first /ask lists the packs).",
            valueName: "ID")
    )
    var pack: String?

    @Option(name: .long, help: ArgumentHelp("A title for the alliance.", valueName: "TEXT"))
    var title: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Your own name for this alliance, used instead of \"you\".", valueName: "NAME"))
    var me: String?

    func run() throws {
        try ShellArguments(
            home: load.homeOptions.home, packs: load.packs, plugins: load.plugins, with: with, pack: pack,
            title: title, me: me
        ).run(passphraseFile: load.homeOptions.passphraseFile)
    }
}

extension ShellArguments {
    /// Starts a new alliance with these options.
    func run(passphraseFile: String? = nil) throws {
        let runner = try ShellRunner(
            home: home, packs: packs, plugins: plugins, passphraseFile: passphraseFile)
        let session = try Session(
            newIn: runner.workspace.home, packs: runner.library, rules: runner.rules, options: startOptions)
        try runner.start(session)
    }
}

struct Revisit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open a new sitting of an existing alliance.",
        discussion: """
            The same log grows; participants and the active pack carry over. The shell greets you with \
            when you last met, the open agreements and what is due, and the repair plan.
            """)

    @OptionGroup var load: LoadOptions

    @Argument(
        help:
            "A session id, a unique prefix of one, a path to a log file, or a participant's name or words of the title (\"sam reyes\")."
    )
    var session: String

    @Option(
        name: .long,
        help: ArgumentHelp("Your own name for this alliance, used instead of \"you\".", valueName: "NAME"))
    var me: String?

    func run() throws {
        let runner = try ShellRunner(
            home: load.homeOptions.home, packs: load.packs, plugins: load.plugins,
            passphraseFile: load.homeOptions.passphraseFile)
        let path = try runner.workspace.home.resolveSession(session)
        try runner.start(runner.revisit(path, me: me))
    }
}

extension ShellRunner {
    /// Readies the process for a shell (private files, signals that end it cleanly; core dumps
    /// are off for every command, `AllianceCommand.main`), then loads what it runs with.
    init(home: String?, packs: [String], plugins: [String], passphraseFile: String?) throws {
        let console = TerminalConsole()
        POSIX.makeNewFilesPrivate()
        // A closed terminal (SIGHUP) or `kill` (SIGTERM) ends the input, and the sitting is closed
        // as usual: its `close` event recorded, the lock beside the log removed.
        Terminal.catchTermination()
        // Past a file-size limit (`ulimit -f`) a write must fail with an error the coach sees,
        // not kill the shell with SIGXFSZ.
        POSIX.ignore(.fileSizeLimit)
        if console.isInteractive { Terminal.prepareLocale() }
        let workspace = try makeWorkspace(home: home, packs: packs, plugins: plugins)
        // An encrypted home's key is opened before anything is read or written.
        Keyring.shared.configure(passphraseSource(passphraseFile))
        try Keyring.shared.unlock(workspace.home)
        let start = try ShellStart(workspace)
        start.reports.forEach { StandardError.report($0) }
        self.init(
            workspace: workspace, start: start, console: console,
            style: TerminalStyle(
                interactive: console.isInteractive, environment: environment(["NO_COLOR", "TERM"])))
    }

    /// Runs `first` and what it revisits, ending with the exit status the sittings give.
    func start(_ first: Session) throws {
        let status = run(first)
        if status != 0 { throw ExitCode(status) }
    }
}

/// The terminal through libedit, or standard input and output in script mode.
final class TerminalConsole: Console {
    let isInteractive = Terminal.isInteractive
    var terminationSignal: Int32? { Terminal.terminationSignal }
    var width: Int { Terminal.width() }
    func write(_ text: String) { Terminal.write(text) }
    func report(_ report: AllianceError, color: Bool) { StandardError.report(report, color: color) }
    func scriptReader() -> any ConsoleReader { Reader(PlainLineReader()) }
    func makeHistory() -> (any ConsoleHistory)? { LineHistory().map(History.init) }

    func makeEditor(completion: @escaping (String) -> Completion) -> (
        reader: any ConsoleReader, history: any ConsoleHistory
    )? {
        guard let history = LineHistory(),
            let reader = EditLineReader(program: "alliance", history: history, completion: completion)
        else { return nil }
        // While a line is edited, Ctrl-C is a key (libedit turns the signal off); between lines,
        // while a command runs, it must not kill the shell either.
        POSIX.ignore(.interrupt)
        return (Reader(reader), History(history))
    }

    final class Reader: ConsoleReader {
        let base: any LineReader
        init(_ base: any LineReader) { self.base = base }
        func readLine(prompt: String) -> ConsoleInput {
            switch base.readLine(prompt: prompt) {
            case .line(let line): .line(line)
            case .interrupted: .interrupted
            case .end: .end
            }
        }
    }

    final class History: ConsoleHistory {
        let base: LineHistory
        init(_ base: LineHistory) { self.base = base }
        func add(_ line: String) { base.add(line) }
        func load(from path: String) -> Bool { base.load(from: path) }
        func save(to path: String) -> Bool { base.save(to: path) }
    }
}
