import AllianceKit
import ArgumentParser
import LineEditor

struct Replay: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a session as a readable transcript, or its events as JSON Lines.",
        discussion: """
            Marks sittings, withdrawals, revisions and the flags and nudges shown at the time. \
            Replaying only reads: it never writes to the log.
            """)

    @OptionGroup var homeOptions: HomeOptions

    @Argument(help: "A session id, a unique prefix of one, or a path to a log file.")
    var session: String

    @Flag(name: .long, help: "Print the events as JSON Lines, as logged (terminal controls escaped).")
    var json = false

    @Flag(name: .long, help: "One entry at a time: Enter for the next, q to stop.")
    var step = false

    @Flag(name: .long, help: "Fail, showing nothing, if any line is damaged, out of order or unfinished.")
    var strict = false

    @Option(name: .long, help: ArgumentHelp("The alliance as it stood at event SEQ.", valueName: "SEQ"))
    var until: Int?

    @Option(
        name: .long, help: ArgumentHelp("The alliance as it stood at the end of sitting N.", valueName: "N"))
    var sitting: Int?

    func validate() throws {
        if until != nil && sitting != nil { throw ValidationError("give --until or --sitting, not both") }
        if let until, until < 1 { throw ValidationError("--until takes an event number from 1") }
        if let sitting, sitting < 1 { throw ValidationError("--sitting takes a sitting number from 1") }
    }

    func run() throws {
        let home = try reportingErrors { try homeOptions.dataHome() }
        let path = try reportingErrors { try home.resolveSession(session) }
        // One pass over the file: each committed event is folded in (or, for --json, its line
        // kept) as it is read, up to the point asked for; nothing else of the file is held.
        // The options as plain values: the loop below runs once per event.
        let (json, until, sitting) = (self.json, self.until, self.sitting)
        var state = AllianceState()
        var lines: [UInt8] = []
        var sittings = 0
        var past = false
        let contents = try reportingErrors {
            try LogReader.scan(path: path, withLines: json) { event, line in
                if case .sitting = event.kind {
                    sittings += 1
                    if let sitting, sittings > sitting { past = true }
                }
                if let until, event.seq > until { past = true }
                guard !past else { return }
                if json {
                    // As logged, with any C1 or bidi control a hand-written line holds escaped.
                    if let escaped = EventCodec.forTerminal(line: line) {
                        lines.append(contentsOf: escaped)
                    } else {
                        lines.append(contentsOf: line)
                    }
                    lines.append(UInt8(ascii: "\n"))
                } else {
                    state.apply(event)
                }
            }
        }
        if strict && !contents.isClean {
            for problem in contents.problems { Diagnostics.error(problem.description) }
            if contents.tornTail > 0 {
                Diagnostics.error(
                    "\(path): the last \(contents.tornTail) bytes are an unfinished line (never committed)")
            }
            throw ExitCode.failure
        }
        if let sitting, sitting > sittings {
            Diagnostics.error(
                "\(path): there \(sittings == 1 ? "is" : "are") \(plural(sittings, "sitting")), not \(sitting)"
            )
            throw ExitCode.failure
        }
        var out = BufferedOutput()
        if json {
            // Only lines that passed every check, as they are in the file (controls escaped).
            out.write(lines)
        } else {
            let id = Files.fileName(of: path).replacingOccurrencesOfSuffix(".jsonl")
            var header = "Alliance \(id)"
            if let title = state.title { header += ": \(title)" }
            if let until { header += " · as it stood at #\(until)" }
            if let sitting { header += " · as it stood after sitting \(sitting)" }
            out.line(header.terminalSafe)
            if step {
                out.flush()
                let reader = PlainLineReader()
                for event in state.events {
                    let lines = Transcript.entry(event, in: state)
                    guard !lines.isEmpty else { continue }
                    for line in lines { print(line.text) }
                    Terminal.write("  [Enter: next · q: stop] ")
                    guard case .line(let answer) = reader.readLine(prompt: ""),
                        answer.trimmed.lowercased() != "q"
                    else {
                        print("")
                        break
                    }
                }
            } else {
                Transcript.render(state) { out.write($0) }
            }
            out.line("")
            for line in Transcript.summary(state) { out.line(line.text) }
        }
        out.flush()
        for problem in contents.problems { Diagnostics.warning(problem.description) }
        if contents.tornTail > 0 {
            Diagnostics.warning(
                "\(path): the last \(contents.tornTail) bytes are an unfinished line (never committed); not shown"
            )
        }
        if !contents.problems.isEmpty { throw ExitCode.failure }
    }
}

extension String {
    func replacingOccurrencesOfSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
