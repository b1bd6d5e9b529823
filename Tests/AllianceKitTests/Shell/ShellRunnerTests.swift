import Foundation
import Testing

@testable import AllianceKit

#if canImport(Glibc)
    import Glibc
#endif

/// A console in memory (for these tests): lines to read, what was written and reported, and a signal that comes
/// after a number of reads.
final class MemoryConsole: Console {
    let isInteractive: Bool
    private(set) var terminationSignal: Int32?
    let width = 80
    private var input: [String]
    private var reads = 0
    private let signal: (afterReads: Int, number: Int32)?
    private(set) var output = ""
    private(set) var reports: [String] = []
    private(set) var shared = MemoryHistory()
    private(set) var editor = MemoryHistory()

    init(interactive: Bool = false, lines: [String], signal: (afterReads: Int, number: Int32)? = nil) {
        self.isInteractive = interactive
        self.input = lines
        self.signal = signal
    }

    func write(_ text: String) { output += text }
    func report(_ report: AllianceError, color: Bool) { reports.append(report.rendered(color: color)) }
    func scriptReader() -> any ConsoleReader { Reader(console: self) }
    func makeHistory() -> (any ConsoleHistory)? { shared }
    func makeEditor(completion: @escaping (String) -> Completion) -> (
        reader: any ConsoleReader, history: any ConsoleHistory
    )? { (Reader(console: self), editor) }

    func next() -> ConsoleInput {
        reads += 1
        if let signal, reads > signal.afterReads { terminationSignal = signal.number }
        guard !input.isEmpty else { return .end }
        return .line(input.removeFirst())
    }

    final class Reader: ConsoleReader {
        let console: MemoryConsole
        init(console: MemoryConsole) { self.console = console }
        func readLine(prompt: String) -> ConsoleInput { console.next() }
    }
}

final class MemoryHistory: ConsoleHistory {
    private(set) var lines: [String] = []
    private(set) var saved: [String] = []
    func add(_ line: String) { lines.append(line) }
    func load(from path: String) -> Bool { false }
    func save(to path: String) -> Bool {
        saved.append(path)
        return true
    }
}

@Suite(.removingTemporaryDirectories) struct ShellRunnerTests {
    /// A runner on the bundled packs and plugins, in a new data home.
    static func runner(
        _ console: MemoryConsole, color: Bool = false,
        home: DataHome = DataHome(path: temporaryDirectory() + "/home")
    ) throws -> ShellRunner {
        let workspace = Workspace(home: home, bundled: packageRoot)
        return ShellRunner(
            workspace: workspace, start: try ShellStart(workspace), console: console,
            style: TerminalStyle(color: color))
    }

    static func newSession(_ runner: ShellRunner) throws -> Session {
        try Session(
            newIn: runner.workspace.home, packs: runner.library, rules: runner.rules,
            options: StartOptions(participants: ["Zoë"], pack: "new-team-member"))
    }

    @Test func scriptModeReportsEachFailingLineAndEndsWithStatusOne() throws {
        let console = MemoryConsole(lines: ["/bogus", "/agree", "/ask", "An answer"])
        let runner = try Self.runner(console)
        let session = try Self.newSession(runner)
        let status = runner.run(session)
        #expect(status == 1)
        #expect(
            console.reports == [
                "error: <stdin>:1: no command /bogus (/help lists them); //bogus… records an answer that starts with /",
                "error: <stdin>:2: /agree: no question is open: /agree TEXT records an agreement",
                "saved as \(session.id)",
            ])
        // Script mode has no banner: the first thing shown is what the first command showed.
        #expect(!console.output.contains("designing an alliance"))
    }

    @Test func scriptLinesAreNumberedAcrossARevisit() throws {
        let console = MemoryConsole(lines: [])
        let runner = try Self.runner(console)
        let session = try Self.newSession(runner)
        try session.run("/ask", "An answer")
        let id = session.id
        _ = session.close(reason: "quit")
        let next = MemoryConsole(lines: ["/note first", "/revisit \(id)", "/bogus", "/note second"])
        let status = try Self.runner(next, home: session.home).run(
            Session(
                revisiting: session.logPath, home: session.home, packs: runner.library, rules: runner.rules))
        #expect(status == 1)
        // The third line of the input, in the third sitting.
        #expect(
            next.reports == [
                "saved as \(id)",
                "error: <stdin>:3: no command /bogus (/help lists them); //bogus… records an answer that starts with /",
                "saved as \(id)",
            ])
        let sittings = try LogReader.read(path: session.logPath).events.filter {
            if case .sitting = $0.kind { true } else { false }
        }
        #expect(sittings.count == 3)
    }

    @Test func aSignalEndsTheShellAndTheSittingIsClosedWithItsReason() throws {
        let console = MemoryConsole(
            lines: ["/ask", "An answer", "Never run"], signal: (afterReads: 2, number: SIGTERM))
        let runner = try Self.runner(console)
        let session = try Self.newSession(runner)
        #expect(runner.run(session) == 128 + SIGTERM)
        let events = try LogReader.read(path: session.logPath).events
        #expect(events.last?.kind == .close(reason: "terminated"))
        #expect(!events.contains { "\($0.kind)".contains("Never run") })
    }

    @Test func theInteractiveShellGreetsKeepsHistoryAndAFailedCommandIsNotAFailure() throws {
        let console = MemoryConsole(
            interactive: true, lines: ["/ask", "  ", "An answer", "/bogus", "/packs"])
        let runner = try Self.runner(console, color: true)
        let session = try Self.newSession(runner)
        #expect(runner.run(session) == 0)
        #expect(
            console.output.hasPrefix("\u{1B}[1;4malliance \(AllianceVersion.current) · designing an alliance")
        )
        #expect(
            console.reports == [
                "\u{1B}[31merror:\u{1B}[0m no command /bogus (/help lists them); //bogus… records an answer that starts with /"
            ])
        // Blank lines are not kept; an answer is kept only in this session's own history.
        #expect(console.editor.lines == ["/ask", "An answer", "/bogus", "/packs"])
        #expect(console.shared.lines.contains("/packs"))
        #expect(!console.shared.lines.contains("An answer"))
        #expect(console.editor.saved.last == runner.workspace.home.historyPath(for: session.id))
        // The summary goes to the screen, not to standard error.
        #expect(console.output.contains("Saved as \(session.id)"))
    }
}
