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

    @Argument(
        help:
            "A session id, a unique prefix of one, a path to a log file, or a participant's name or words of the title (\"sam reyes\")."
    )
    var session: String

    @Flag(name: .long, help: "Print the events as JSON Lines, as logged (terminal controls escaped).")
    var json = false

    @Flag(name: .long, help: "One entry at a time: Enter for the next, q to stop.")
    var step = false

    @Flag(
        name: .long,
        help:
            "Fail, showing nothing, if any line is damaged, out of order or unfinished, or the log fails `alliance verify`."
    )
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
        let home = try homeOptions.unlockedHome()
        let path = try home.resolveSession(session)
        let point = until.map(ReplayRequest.Point.event) ?? sitting.map(ReplayRequest.Point.sitting) ?? .end
        let replay = try ReplayRequest(point: point, json: json, strict: strict).read(path: path)
        let refusals = replay.refusals
        guard refusals.isEmpty else {
            refusals.forEach { StandardError.report($0) }
            throw ExitCode.failure
        }
        // --strict shows only a log that passes `alliance verify`: its chain and closed sittings too.
        // The read above has authenticated every line of an encrypted log (a line that does not
        // open is a refusal under --strict), so what is left to verify needs no key: decrypting
        // each line a second time would cost as much again.
        if strict, let failure = LogVerifier.verify(path: path, home: home, authenticate: false).errors.first
        {
            StandardError.report(
                AllianceError(
                    "\(failure.message) (`alliance verify` checks it; --strict shows nothing)",
                    at: failure.place))
            throw ExitCode.failure
        }
        var out = BufferedOutput()
        replay.show(to: &out, zone: .local, step: step ? Self.stepper() : nil)
        out.flush()
        replay.warnings.forEach { StandardError.report($0) }
        if replay.failed { throw ExitCode.failure }
    }

    /// `--step`: prints an entry, then waits for Enter (the next) or q (stop).
    static func stepper() -> ([Line]) -> Bool {
        let reader = PlainLineReader()
        return { lines in
            for line in lines { print(line.text) }
            Terminal.write("  [Enter: next · q: stop] ")
            guard case .line(let answer) = reader.readLine(prompt: ""), answer.trimmed.lowercased() != "q"
            else {
                print("")
                return false
            }
            return true
        }
    }
}
