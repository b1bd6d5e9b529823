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

    @OptionGroup var homeOptions: HomeOptions

    @Option(name: .long, help: ArgumentHelp("Also load the packs in DIR (repeatable).", valueName: "DIR"))
    var packs: [String] = []

    @Option(
        name: .long, help: ArgumentHelp("Also load the rule plugins in DIR (repeatable).", valueName: "DIR"))
    var plugins: [String] = []

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

    func run() throws {
        umask(0o077)
        let interactive = Terminal.isInteractive
        if interactive { Terminal.prepareLocale() }
        let env = environment()
        let home = try reportingErrors { try homeOptions.dataHome() }
        if Files.isDirectory(home.path), let warnings = try? home.prepare() {
            warnings.forEach(Diagnostics.warning)
        }
        let workspace = Workspace(
            home: home, bundled: BundledResources.locate(), extraPacks: packs, extraPlugins: plugins)
        if workspace.bundled == nil {
            Diagnostics.warning("the bundled packs were not found beside the alliance binary")
        }
        let library = workspace.loadPacks()
        let rules = workspace.loadRules()
        for diagnostic in library.diagnostics + rules.diagnostics {
            Diagnostics.note(diagnostic.description)
        }
        let session = try reportingErrors {
            try Session(
                newIn: home, packs: library, rules: rules,
                options: StartOptions(participants: with, pack: pack, title: title))
        }
        session.reloader = { (workspace.loadPacks(), workspace.loadRules()) }
        let output = Output(color: Output.wantsColor(interactive: interactive, environment: env))
        let failed: Bool
        if interactive {
            failed = runInteractive(session, output: output, home: home)
        } else {
            failed = runScript(session, output: output)
        }
        if failed { throw ExitCode.failure }
    }

    /// Script mode: plain lines from standard input; errors name the input line.
    private func runScript(_ session: Session, output: Output) -> Bool {
        let reader = PlainLineReader()
        var failed = false
        var number = 0
        var reason = "eof"
        while case .line(let line) = reader.readLine(prompt: "") {
            number += 1
            let response = session.execute(line)
            output.show(response.lines)
            if let error = response.error {
                Diagnostics.error("<stdin>:\(number): \(error.description)")
                failed = true
            }
            if response.quit {
                reason = "quit"
                break
            }
        }
        let closing = session.close(reason: reason)
        output.show(closing.lines)
        if let error = closing.error {
            Diagnostics.error(error.description)
            failed = true
        } else if session.isSaved {
            // The id is random: on standard error, so standard output stays deterministic.
            Diagnostics.note("saved as \(session.id)")
        }
        return failed
    }

    /// The interactive shell: libedit with history, completion, Ctrl-C and Ctrl-D.
    /// A command that fails is part of the conversation, not a failure of the shell:
    /// only a sitting that could not be closed makes the exit status 1.
    private func runInteractive(_ session: Session, output: Output, home: DataHome) -> Bool {
        guard let editorHistory = LineHistory(), let sharedHistory = LineHistory() else {
            Diagnostics.error("the line editor could not start")
            return true
        }
        editorHistory.load(from: home.history)
        sharedHistory.load(from: home.history)
        guard
            let reader = EditLineReader(
                program: "alliance", history: editorHistory,
                completion: { before in Completer.complete(before, context: session.context) })
        else {
            Diagnostics.error("the line editor could not start")
            return true
        }
        // While a line is edited, Ctrl-C is a key (libedit turns the signal off); between lines,
        // while a command runs, it must not kill the shell either.
        signal(SIGINT, SIG_IGN)
        output.show(banner(session))
        var reason = "eof"
        loop: while true {
            session.width = Terminal.width()
            switch reader.readLine(prompt: output.prompt(for: session.state.current)) {
            case .interrupted:
                continue
            case .end:
                break loop
            case .line(let typed):
                let line = typed.trimmed
                guard !line.isEmpty else { continue }
                editorHistory.add(line)
                if HistoryPolicy.isShareable(line) {
                    sharedHistory.add(line)
                    if (try? home.prepare()) != nil { sharedHistory.save(to: home.history) }
                }
                let response = session.execute(line)
                output.show(response.lines)
                if let error = response.error { Diagnostics.error(error.description, color: output.color) }
                if session.isSaved { editorHistory.save(to: home.historyPath(for: session.id)) }
                if response.quit {
                    reason = "quit"
                    break loop
                }
            }
        }
        let closing = session.close(reason: reason)
        output.show(closing.lines + closing.summary)
        if let error = closing.error {
            Diagnostics.error(error.description, color: output.color)
            return true
        }
        return false
    }

    private func banner(_ session: Session) -> [Line] {
        let state = session.state
        var lines = [Line("alliance \(AllianceVersion.current) · designing an alliance", .heading)]
        if state.participants.isEmpty {
            lines.append(Line("Add who you are with: with NAME", .dim))
        } else {
            lines.append(
                Line(
                    "With \(state.participants.joined(separator: ", ")); answers go to \(state.current ?? "")"
                        .terminalSafe, .dim))
        }
        if let id = state.activePack, let pack = session.packs[id] {
            lines.append(
                Line(
                    "Pack: \(pack.title) (\(pack.id), \(pack.questionCount) questions) · `packs` lists others"
                        .terminalSafe, .dim))
        }
        lines.append(
            Line(
                "ask, probe, flip, mine, agree, repair · help for more · Tab completes · Ctrl-D closes", .dim)
        )
        return lines
    }
}

extension String {
    var trimmed: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
