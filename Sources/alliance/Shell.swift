import AllianceKit
import ArgumentParser
import LineEditor

#if canImport(Glibc)
    import Glibc
#endif

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
        name: .long, help: ArgumentHelp("The pack to start with (default: new-team-member).", valueName: "ID")
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
        ).run()
    }
}

/// The default command's options as plain values: what `Shell` parses, or what
/// `ShellArguments.parse` reads by hand when the command line holds nothing else.
struct ShellArguments: Equatable {
    var home: String?
    var packs: [String] = []
    var plugins: [String] = []
    var with: [String] = []
    var pack: String?
    var title: String?
    var me: String?

    /// Starts a new alliance with these options.
    func run() throws {
        let runner = try ShellRunner(home: home, packs: packs, plugins: plugins)
        let session = try reportingErrors {
            try Session(
                newIn: runner.workspace.home, packs: runner.library, rules: runner.rules,
                options: StartOptions(participants: with, pack: pack, title: title, me: me))
        }
        try runner.run(session)
    }

    /// The shell's options read without ArgumentParser, whose reflection costs milliseconds at
    /// start-up. Only the plainest command lines are read here: `--home DIR`, `--home=DIR`,
    /// `--packs`, `--plugins`, `--with` (repeatable), `--pack` and `--title`, each value
    /// non-empty and not starting with `-`, the single-valued options at most once. Anything
    /// else (a subcommand, `--help`, `--version`, an unknown or repeated option, a missing
    /// value) gives nil, and the general path reads the command line: `GlobalOptions`, then
    /// ArgumentParser, its errors told by `UsageError`.
    static func parse(_ arguments: [String]) -> ShellArguments? {
        var result = ShellArguments()
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            guard argument.hasPrefix("--") else { return nil }
            let name: Substring
            let value: String
            if let eq = argument.firstIndex(of: "=") {
                name = argument[argument.index(argument.startIndex, offsetBy: 2)..<eq]
                value = String(argument[argument.index(after: eq)...])
            } else {
                guard index < arguments.count else { return nil }
                name = argument.dropFirst(2)
                value = arguments[index]
                index += 1
            }
            guard !value.isEmpty, !value.hasPrefix("-") else { return nil }
            switch name {
            case "home":
                guard result.home == nil else { return nil }
                result.home = value
            case "pack":
                guard result.pack == nil else { return nil }
                result.pack = value
            case "title":
                guard result.title == nil else { return nil }
                result.title = value
            case "me":
                guard result.me == nil else { return nil }
                result.me = value
            case "packs": result.packs.append(value)
            case "plugins": result.plugins.append(value)
            case "with": result.with.append(value)
            default: return nil
            }
        }
        return result
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

    @Argument(help: "A session id, a unique prefix of one, or a path to a log file.")
    var session: String

    @Option(
        name: .long,
        help: ArgumentHelp("Your own name for this alliance, used instead of \"you\".", valueName: "NAME"))
    var me: String?

    func run() throws {
        let runner = try ShellRunner(
            home: load.homeOptions.home, packs: load.packs, plugins: load.plugins)
        let path = try reportingErrors { try runner.workspace.home.resolveSession(session) }
        try runner.run(try runner.revisit(path, me: me))
    }
}

/// Loads what a shell runs with, then runs sittings until the coach is done.
struct ShellRunner {
    let workspace: Workspace
    let library: PackLibrary
    let rules: RuleBook
    let interactive = Terminal.isInteractive
    let output: Output

    init(home: String?, packs: [String], plugins: [String]) throws {
        umask(0o077)
        // A crash must not leave a core file holding the answers.
        Terminal.disableCoreDumps()
        // A closed terminal (SIGHUP) or `kill` (SIGTERM) ends the input, and the sitting is closed
        // as usual: its `close` event recorded, the lock beside the log removed.
        Terminal.catchTermination()
        // Past a file-size limit (`ulimit -f`) a write must fail with an error the coach sees,
        // not kill the shell with SIGXFSZ.
        signal(SIGXFSZ, SIG_IGN)
        if interactive { Terminal.prepareLocale() }
        workspace = try makeWorkspace(home: home, packs: packs, plugins: plugins)
        let home = workspace.home
        // A home or sessions folder that is not the coach's own directory is refused before
        // anything is read or written.
        try reportingErrors { try home.check() }
        if Files.isDirectory(home.path), let warnings = try? home.prepare() {
            warnings.forEach(Diagnostics.warning)
        }
        if workspace.bundled == nil {
            Diagnostics.warning("the bundled packs were not found beside the alliance binary")
        }
        library = workspace.loadPacks()
        rules = workspace.loadRules()
        for diagnostic in library.diagnostics + rules.diagnostics {
            Diagnostics.note(diagnostic.description)
        }
        output = Output(
            color: Output.wantsColor(
                interactive: interactive, environment: environment(["NO_COLOR", "TERM"])))
    }

    func revisit(_ path: String, me: String? = nil) throws -> Session {
        try reportingErrors {
            try Session(revisiting: path, home: workspace.home, packs: library, rules: rules, me: me)
        }
    }

    /// Runs `first`, and each session a `revisit` inside the shell opens after it.
    func run(_ first: Session) throws {
        var session = first
        var failed = false
        // Script mode numbers lines across a `/revisit`, so errors name the line of the input.
        var scriptLine = 0
        while true {
            let workspace = self.workspace
            session.reloader = { (workspace.loadPacks(), workspace.loadRules()) }
            if let notice = session.openingNotice { Diagnostics.warning(notice) }
            let (sessionFailed, next) =
                interactive ? runInteractive(session) : runScript(session, line: &scriptLine)
            failed = failed || sessionFailed
            guard let next, Terminal.terminationSignal == nil else { break }
            do {
                session = try revisit(try reportingErrors { try workspace.home.resolveSession(next) })
            } catch {
                failed = true
                break
            }
        }
        if let signal = Terminal.terminationSignal { throw ExitCode(128 + signal) }
        if failed { throw ExitCode.failure }
    }

    /// The `close` reason when a signal ended the shell.
    private static var terminationReason: String? {
        Terminal.terminationSignal.map { $0 == SIGHUP ? "hangup" : "terminated" }
    }

    /// Closes a sitting: nudges about closing, then where it was saved.
    private func close(_ session: Session, reason: String, summaryToStandardError: Bool) -> Bool {
        let closing = session.close(reason: reason)
        output.show(closing.lines)
        if let error = closing.error {
            Diagnostics.error(error.description, color: output.color)
            return true
        }
        if summaryToStandardError {
            // The id is random: on standard error, so standard output stays deterministic.
            if session.isSaved { Diagnostics.note("saved as \(session.id)") }
        } else {
            output.show(closing.summary)
        }
        return false
    }

    /// Script mode: plain lines from standard input; errors name the input line.
    private func runScript(_ session: Session, line number: inout Int) -> (failed: Bool, revisit: String?) {
        let reader = PlainLineReader()
        var failed = false
        var reason = "eof"
        var next: String?
        output.show(session.welcomeBack)
        while Terminal.terminationSignal == nil, case .line(let line) = reader.readLine(prompt: "") {
            // A line read before the signal came is not run: the shell was asked to end.
            if Terminal.terminationSignal != nil { break }
            number += 1
            let response = session.execute(line)
            output.show(response.lines)
            if let error = response.error {
                Diagnostics.error("<stdin>:\(number): \(error.description)")
                failed = true
            }
            switch response.effect {
            case nil, .reload?: continue
            case .quit?: reason = "quit"
            case .revisit(let id)?:
                reason = "quit"
                next = id
            }
            break
        }
        failed =
            close(session, reason: Self.terminationReason ?? reason, summaryToStandardError: true) || failed
        return (failed, next)
    }

    /// The interactive shell: libedit with history, completion, Ctrl-C and Ctrl-D.
    /// A command that fails is part of the conversation, not a failure of the shell:
    /// only a sitting that could not be closed makes the exit status 1.
    private func runInteractive(_ session: Session) -> (failed: Bool, revisit: String?) {
        let home = workspace.home
        guard let editorHistory = LineHistory(), let sharedHistory = LineHistory() else {
            Diagnostics.error("the line editor could not start")
            return (true, nil)
        }
        editorHistory.load(from: home.history)
        editorHistory.load(from: home.historyPath(for: session.id))
        sharedHistory.load(from: home.history)
        guard
            let reader = EditLineReader(
                program: "alliance", history: editorHistory,
                completion: { before in Completer.complete(before, context: session.context) })
        else {
            Diagnostics.error("the line editor could not start")
            return (true, nil)
        }
        // While a line is edited, Ctrl-C is a key (libedit turns the signal off); between lines,
        // while a command runs, it must not kill the shell either.
        signal(SIGINT, SIG_IGN)
        output.show(banner(session))
        var reason = "eof"
        var next: String?
        loop: while true {
            session.width = Terminal.width()
            let input = reader.readLine(prompt: output.prompt(for: session.state.current))
            if Terminal.terminationSignal != nil { break loop }
            switch input {
            case .interrupted:
                continue
            case .end:
                break loop
            case .line(let typed):
                let line = typed.trimmed
                guard !line.isEmpty else { continue }
                editorHistory.add(line)
                if ShellCommand.isShareable(typed, context: session.context) {
                    sharedHistory.add(line)
                    if (try? home.prepare()) != nil { sharedHistory.save(to: home.history) }
                }
                let response = session.execute(typed)
                output.show(response.lines)
                if let error = response.error { Diagnostics.error(error.description, color: output.color) }
                if session.isSaved { editorHistory.save(to: home.historyPath(for: session.id)) }
                switch response.effect {
                case nil, .reload?: continue
                case .quit?: reason = "quit"
                case .revisit(let id)?:
                    reason = "quit"
                    next = id
                }
                break loop
            }
        }
        if let ended = Self.terminationReason {
            reason = ended
            next = nil
        }
        return (close(session, reason: reason, summaryToStandardError: false), next)
    }

    private func banner(_ session: Session) -> [Line] {
        let state = session.state
        var lines = [Line("alliance \(AllianceVersion.current) · designing an alliance", .heading)]
        let welcome = session.welcomeBack
        lines += welcome
        if state.participants.isEmpty {
            lines.append(Line("Add who you are with: /with NAME", .dim))
        } else {
            lines.append(
                Line(
                    "With \(state.participants.joined(separator: ", ")); answers go to \(state.current ?? "")"
                        .terminalSafe, .dim))
        }
        if let id = state.activePack, let pack = session.packs[id] {
            lines.append(
                Line(
                    "Pack: \(pack.title) (\(pack.id), \(pack.questionCount) questions) · /packs lists others"
                        .terminalSafe, .dim))
        }
        if welcome.isEmpty {
            lines.append(
                Line(
                    "/ask, /probe, /flip, /mine, /agree, /repair · /help for more · Tab completes · Ctrl-D closes",
                    .dim))
        }
        return lines
    }
}
