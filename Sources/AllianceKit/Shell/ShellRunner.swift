/// What reading a line gave.
package enum ConsoleInput: Equatable, Sendable {
    case line(String)
    /// Ctrl-C: the line was discarded.
    case interrupted
    /// Ctrl-D on an empty line, the end of piped input, or a signal that ends the shell.
    case end
}

/// A source of typed lines: libedit on a terminal, standard input in script mode.
package protocol ConsoleReader: AnyObject {
    func readLine(prompt: String) -> ConsoleInput
}

/// Typed lines kept in a file: what the up arrow recalls.
package protocol ConsoleHistory: AnyObject {
    func add(_ line: String)
    /// Loads entries from `path`; false when there is no readable history there.
    @discardableResult func load(from path: String) -> Bool
    /// Saves every entry to `path`, creating it private.
    @discardableResult func save(to path: String) -> Bool
}

/// The terminal a shell runs on, as the shell needs it: lines in, text out, its width, and the
/// signal that ends it. The `alliance` executable's is the terminal through libedit.
package protocol Console: AnyObject {
    /// Whether standard input and output are a terminal: the interactive shell, else script mode.
    var isInteractive: Bool { get }
    /// The SIGHUP or SIGTERM that asked the shell to end, once one has come.
    var terminationSignal: Int32? { get }
    /// Columns of the terminal.
    var width: Int { get }
    /// Writes `text` to standard output.
    func write(_ text: String)
    /// Writes `report` to standard error (`StandardError.report`).
    func report(_ report: AllianceError, color: Bool)
    /// Script mode's lines: standard input, line by line.
    func scriptReader() -> any ConsoleReader
    /// A history the shell keeps itself (the one every session shares), or nil if none can be made.
    func makeHistory() -> (any ConsoleHistory)?
    /// The interactive line editor, with its own history and Tab completing with `completion`
    /// (given the text before the cursor: the word being completed, its candidates, and what to
    /// list for each when they are listed); nil when it cannot start.
    func makeEditor(completion: @escaping (String) -> Completion) -> (
        reader: any ConsoleReader, history: any ConsoleHistory
    )?
}

/// What Tab found: the word before the cursor, the candidates that could replace it, and, when
/// a candidate is listed as more than itself (a session id with its title and people), the line
/// to list for each.
package typealias Completion = (word: String, candidates: [String], labels: [String]?)

/// Runs sittings until the coach is done: each revisit asked for inside the shell opens after
/// the sitting before it is closed.
package struct ShellRunner {
    package let workspace: Workspace
    package let library: PackLibrary
    package let rules: RuleBook
    package let console: any Console
    package let style: TerminalStyle

    package init(workspace: Workspace, start: ShellStart, console: any Console, style: TerminalStyle) {
        self.workspace = workspace
        self.library = start.library
        self.rules = start.rules
        self.console = console
        self.style = style
    }

    /// A new sitting of the session logged at `path`.
    package func revisit(_ path: String, me: String? = nil) throws(AllianceError) -> Session {
        try Session(revisiting: path, home: workspace.home, packs: library, rules: rules, me: me)
    }

    /// Runs `first`, and each session a `revisit` inside the shell opens after it; returns the exit
    /// status: 0, 1 when a sitting failed, 128 + the signal when a signal ended the shell.
    package func run(_ first: Session) -> Int32 {
        var session = first
        var failed = false
        // Script mode numbers lines across a `/revisit`, so errors name the line of the input.
        var scriptLine = 0
        while true {
            let workspace = self.workspace
            session.reloader = { (workspace.loadPacks(), workspace.loadRules()) }
            if let notice = session.openingNotice {
                console.report(AllianceError(notice, severity: .warning), color: false)
            }
            let (sessionFailed, next) =
                console.isInteractive ? runInteractive(session) : runScript(session, line: &scriptLine)
            failed = failed || sessionFailed
            guard let next, console.terminationSignal == nil else { break }
            do {
                session = try revisit(try workspace.home.resolveSession(next))
            } catch {
                console.report(error, color: false)
                failed = true
                break
            }
        }
        if let signal = console.terminationSignal { return 128 + signal }
        return failed ? 1 : 0
    }

    private func show(_ lines: [Line]) {
        if let text = style.text(lines) { console.write(text) }
    }

    /// The `close` reason when a signal ended the shell.
    private var terminationReason: String? {
        console.terminationSignal.map { $0 == POSIX.hangupSignal ? "hangup" : "terminated" }
    }

    /// Closes a sitting: nudges about closing, then where it was saved.
    private func close(_ session: Session, reason: String, summaryToStandardError: Bool) -> Bool {
        let closing = session.close(reason: reason)
        show(closing.lines)
        if let error = closing.error {
            console.report(error, color: style.color)
            return true
        }
        if summaryToStandardError {
            // The id is random: on standard error, so standard output stays deterministic.
            if session.isSaved {
                console.report(AllianceError("saved as \(session.id)", severity: .note), color: false)
            }
        } else {
            show(closing.summary)
        }
        return false
    }

    /// Script mode: plain lines from standard input; errors name the input line.
    private func runScript(_ session: Session, line number: inout Int) -> (failed: Bool, revisit: String?) {
        let reader = console.scriptReader()
        var failed = false
        var reason = "eof"
        var next: String?
        show(session.welcomeBack)
        while console.terminationSignal == nil, case .line(let line) = reader.readLine(prompt: "") {
            // A line read before the signal came is not run: the shell was asked to end.
            if console.terminationSignal != nil { break }
            number += 1
            let response = session.execute(line)
            show(response.lines)
            if let error = response.error {
                console.report(error.within(.file("<stdin>", line: number)), color: false)
                failed = true
            }
            guard let effect = response.effect, effect.endsSitting else { continue }
            reason = "quit"
            next = effect.sessionToOpen
            break
        }
        failed =
            close(session, reason: terminationReason ?? reason, summaryToStandardError: true) || failed
        return (failed, next)
    }

    /// The interactive shell: libedit with history, completion, Ctrl-C and Ctrl-D.
    /// A command that fails is part of the conversation, not a failure of the shell:
    /// only a sitting that could not be closed makes the exit status 1.
    private func runInteractive(_ session: Session) -> (failed: Bool, revisit: String?) {
        let home = workspace.home
        guard let sharedHistory = console.makeHistory(),
            let (reader, editorHistory) = console.makeEditor(completion: { before in
                Completer.completeWithLabels(before, context: session.context)
            })
        else {
            console.report(AllianceError("the line editor could not start"), color: false)
            return (true, nil)
        }
        editorHistory.load(from: home.history)
        editorHistory.load(from: home.historyPath(for: session.id))
        sharedHistory.load(from: home.history)
        show(Greeting.banner(for: session))
        var reason = "eof"
        var next: String?
        loop: while true {
            session.width = console.width
            let input = reader.readLine(prompt: style.prompt(for: session.state.current))
            if console.terminationSignal != nil { break loop }
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
                show(response.lines)
                if let error = response.error { console.report(error, color: style.color) }
                // A session's own history holds its answers: an encrypted home keeps it in memory only.
                if session.isSaved && !Keyring.isEncrypted(home) {
                    editorHistory.save(to: home.historyPath(for: session.id))
                }
                guard let effect = response.effect, effect.endsSitting else { continue }
                reason = "quit"
                next = effect.sessionToOpen
                break loop
            }
        }
        if let ended = terminationReason {
            reason = ended
            next = nil
        }
        return (close(session, reason: reason, summaryToStandardError: false), next)
    }
}
