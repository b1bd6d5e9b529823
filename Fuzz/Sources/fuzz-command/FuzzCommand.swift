// libFuzzer target: the shell. Each input is a script: its lines run one by one through a
// `Session`, as `alliance` runs standard input in script mode, with `ShellCommand.interpret`
// and `Completer.complete` on each line too. `/quit` closes the sitting; lines after it run
// in a new sitting of the same alliance (a revisit; a new alliance when nothing was recorded),
// and the last sitting is closed at the end.
//
// Every input starts a new alliance in one data home made once, in $TMPDIR or else /dev/shm
// (script/fuzz puts it on /dev/shm, so the log's fsyncs cost little); its files are removed
// after each input.
//
// Besides not crashing, one property is checked: every log a sitting wrote reads back clean,
// and replaying it gives the state the session had (what alliance writes, it can revisit).
import AllianceKit
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// At most this many lines of an input run, so one input stays well under the time limit.
let lineLimit = 300

/// A fixed time, so a crash replays the same way.
struct FixedClock: Clock {
    func now() -> Timestamp { Timestamp(milliseconds: 1_795_000_000_000) }
}

/// Small stand-ins for the bundled packs the commands look for by id: the pack a session starts with,
/// the follow-ups `probe` asks and the questions `repair` asks.
let inlinePacks: [(path: String, text: String)] = [
    (
        "new-team-member.md",
        """
        ---
        id: new-team-member
        title: A new team member
        tags: [work, one-to-one]
        for: The first one-to-one.
        version: 1
        author: alliance
        ---

        # A new team member

        Pick a handful of questions per sitting.

        ## At your best

        - Who are you when you are at your best at work? {#at-best}
          - What brings {that} out in you?
          - What does {that} look like from the outside?
        - What personal values do you bring with you to work? {#values}

        ## Trust

        - What builds trust for you? {#trust}
          - What does {that} mean to you?
        - How do you want us to repair when we go off track? {#repair}

        """
    ),
    (
        "probes.md",
        """
        ---
        id: probes
        title: Follow-ups
        tags: [probes, any]
        ---

        # Follow-ups

        ## Full picture

        - What does {that} mean to you? {#meaning}
        - What's an example of {that} from your own life? {#example}
        - What else? {#what-else}

        """
    ),
    (
        "when-things-get-tough.md",
        """
        ---
        id: when-things-get-tough
        title: When things get tough
        tags: [repair, any]
        ---

        # When things get tough

        ## Signs

        - What are the signs that you're stressed? {#stress-signs}
          - What would others notice first?

        ## Repair

        - How do we repair when we go off track? {#repair}
        - How do we mark that we're back on track? {#back-on-track}

        """
    ),
]

/// One rule of each kind, so flags, rewrites and nudges run on what the input records.
let inlinePlugin = """
    name: fuzz-rules
    description: A flag with a fix, a rewrite and two nudges.
    version: 1
    rules:
      - id: why-question
        kind: flag
        pattern: '^\\s*(?:and |so |but )?why\\b'
        message: A why-question can sound like judgement.
        fix: [why-to-what]
        examples:
          match: ["Why do you work late?"]
          ignore: ["What leads you to work late?"]
      - id: why-to-what
        kind: rewrite
        pattern: '^why (?:do|did) you (.+)$'
        replace: 'What leads you to $1?'
        person: second
        examples:
          match:
            - from: Why do you work late?
              to: What leads you to work late?
      - id: how-will-we-know
        kind: nudge
        on: agree
        unless: '\\b(?:by|every|when|\\d)\\b'
        message: How will each of you know it is kept?
        examples:
          match: ["agree: More feedback"]
          ignore: ["agree: We talk every Monday"]
      - id: no-mine
        kind: nudge
        on: ask
        count:
          of: ask
          since: mine
          at-least: 3
        message: Three questions and none answered yourself.
        examples:
          match: ["ask, ask, ask"]
          ignore: ["ask, mine, ask, ask"]

    """

/// What every input runs with, made once.
struct Fixture: Sendable {
    let home: DataHome
    let packs: PackLibrary
    let rules: RuleBook

    init() {
        let base =
            ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp")
        var template = Array("\(base)/alliance-fuzz-command-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else {
            fatalError("fuzz-command: cannot make a data home in \(base)")
        }
        home = DataHome(path: String(cString: made))
        var packs: [Pack] = []
        for (path, text) in inlinePacks {
            do {
                packs.append(try Pack.parse(text: text, path: path).pack)
            } catch {
                fatalError("fuzz-command: the inline pack \(path) does not parse: \(error)")
            }
        }
        self.packs = PackLibrary(packs: packs)
        do {
            let plugin = try Plugin.parse(bytes: Array(inlinePlugin.utf8), path: "fuzz-rules.yaml")
            guard plugin.refused.isEmpty else {
                fatalError("fuzz-command: the inline plugin refused rules: \(plugin.refused)")
            }
            rules = RuleBook(plugins: [plugin.plugin])
        } catch {
            fatalError("fuzz-command: the inline plugin does not parse: \(error)")
        }
        atexit { removeTree(fixture.home.path) }
    }

    /// Removes everything a run left in the data home, keeping the home itself.
    func clean() {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: home.sessions)) ?? []
        for name in files { unlink(home.sessions + "/" + name) }
    }
}

let fixture = Fixture()

func removeTree(_ path: String) { try? FileManager.default.removeItem(atPath: path) }

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCommand(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    // Lines as script mode reads them: invalid UTF-8 replaced, a `\r` before the `\n` dropped.
    let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        .prefix(lineLimit)
        .map { line -> String in
            let text = String(decoding: line, as: UTF8.self)
            return text.hasSuffix("\r") ? String(text.dropLast()) : text
        }
    defer { fixture.clean() }
    run(lines)
    return 0
}

/// A new alliance with two participants, so answers can be recorded from the first line.
func newSession() -> Session {
    do {
        return try Session(
            newIn: fixture.home, packs: fixture.packs, rules: fixture.rules,
            options: StartOptions(participants: ["Zoë", "Sam"], pack: "new-team-member", title: "fuzz"),
            clock: FixedClock())
    } catch {
        fatalError("fuzz-command: cannot start a session: \(error)")
    }
}

func run(_ lines: [String]) {
    var sink = 0
    var current = newSession()
    var index = 0
    while true {
        var quit = false
        sink &+= current.welcomeBack.count
        while index < lines.count, !quit {
            let line = lines[index]
            index += 1
            switch try? ShellCommand.interpret(line) {
            case .command(let command, let arguments)?:
                sink &+= command.name.utf8.count
                let parsed = try? command.signature.parse(arguments, command: command.name)
                sink &+= parsed?.values.count ?? 0
            case .answer(let text)?, .addressed(let text)?: sink &+= text.utf8.count
            case .empty?, nil: sink &+= 1
            }
            sink &+= ShellCommand.isShareable(line, context: current.context) ? 1 : 0
            let (word, candidates) = Completer.complete(line, context: current.context)
            sink &+= word.utf8.count &+ candidates.count
            let response = current.execute(line)
            sink &+= response.lines.reduce(0) { $0 &+ $1.text.utf8.count }
            sink &+= response.error?.description.utf8.count ?? 0
            quit = response.effect?.endsSitting ?? false
        }
        let closing = current.close(reason: quit ? "quit" : "eof")
        sink &+= closing.lines.count &+ closing.summary.count &+ (closing.error == nil ? 0 : 1)
        if current.isSaved { checkLogReadsBack(current) }
        guard index < lines.count else { break }
        guard current.isSaved else {
            // Nothing was recorded, so there is nothing to revisit: the next lines start anew.
            current = newSession()
            continue
        }
        // The next lines are a new sitting of the same alliance, as `revisit` opens it.
        do {
            current = try Session(
                revisiting: current.logPath, home: fixture.home, packs: fixture.packs, rules: fixture.rules,
                clock: FixedClock())
        } catch {
            fatalError("fuzz-command: cannot revisit the log this session wrote: \(error)")
        }
    }
    blackHole(sink)
}

/// The log a closed sitting saved must read back clean and replay to the session's state.
func checkLogReadsBack(_ session: Session) {
    let contents: LogContents
    do {
        contents = try LogReader.read(path: session.logPath)
    } catch {
        fatalError("fuzz-command: cannot read the log the session wrote: \(error)")
    }
    if let problem = contents.problems.first {
        fatalError("fuzz-command: the log the session wrote has a problem: \(problem)")
    }
    if contents.tornTail != 0 { fatalError("fuzz-command: the log the session wrote ends in a torn line") }
    let replayed = AllianceState(replaying: contents.events)
    if replayed != session.state {
        let written = contents.events.count
        let held = session.state.events.count
        fatalError(
            "fuzz-command: replaying the log (\(written) events) does not give the session's state (\(held) events)"
        )
    }
}

@inline(never) func blackHole(_ value: Int) { if value == -1 { print("", terminator: "") } }
