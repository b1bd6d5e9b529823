/// The version recorded in every sitting, so a replay can tell what the coach ran.
package enum AllianceVersion {
    package static let current = "0.1.0"
}

/// `1 answer`, `2 answers`.
package func plural(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}

/// How a new alliance starts.
public struct StartOptions: Sendable {
    package var participants: [String]
    package var pack: String?
    package var title: String?
    /// The facilitator's own name (`--me`), used instead of "you".
    package var me: String?

    public init(participants: [String] = [], pack: String? = nil, title: String? = nil, me: String? = nil) {
        self.participants = participants
        self.pack = pack
        self.title = title
        self.me = me
    }
}

/// One sitting of an alliance: runs typed lines as commands or answers, records
/// their events durably, and says what to show.
///
/// Data flows one way: line → command → events → log (fsync) → state → output.
/// Nothing is written until the first event worth keeping, so opening the shell
/// and leaving leaves no empty session behind.
public final class Session {
    /// What running one line gave: lines to show, an error, and what the command did to the sitting.
    public struct Response: Sendable {
        public var lines: [Line] = []
        public var error: AllianceError?
        /// For `close`: where the session was saved, said after everything else.
        public var summary: [Line] = []
        /// The effect the command asked for, once the session has carried out its part: `reload`
        /// is done; for `quit` and `revisit` the caller closes this sitting (and opens the one named).
        public var effect: Outcome.Effect?
    }

    package let home: DataHome
    package let id: String
    /// Where the log is (or will be, once something is recorded).
    public let logPath: String
    /// For a revisit: what opening the log found (a torn last line set aside), to tell the coach.
    package private(set) var openingNotice: String?
    package private(set) var packs: PackLibrary
    package private(set) var rules: RuleBook
    public private(set) var state = AllianceState()
    /// Columns available for output.
    package var width = 80
    /// Loads packs and plugins again, for `reload`; nil when they cannot be reloaded.
    package var reloader: (@Sendable () -> (PackLibrary, RuleBook))?
    private let clock: any Clock
    private var writer: LogWriter?
    /// Whether each close is recorded in the data home's `ClosedIndex`: the log is in its `sessions/`.
    private var recordsCloses = true
    /// Set by `close`, which also lets go of the log (and its lock).
    private var closed = false
    /// How a new log is created: a real file, or in tests one that fails on purpose.
    private let createLog: (String) throws(AllianceError) -> LogWriter
    /// The `sitting` event (and the facilitator's name given with `--me`), folded in at start and
    /// written with the first event recorded.
    private var pending: [Event] = []

    /// Starts a new alliance in `home`.
    public init(
        newIn home: DataHome, packs: PackLibrary, rules: RuleBook = RuleBook(), options: StartOptions,
        clock: any Clock = SystemClock(),
        createLog: @escaping (String) throws(AllianceError) -> LogWriter = { path throws(AllianceError) in
            try LogWriter.create(path: path)
        }
    ) throws(AllianceError) {
        self.home = home
        self.createLog = createLog
        self.packs = packs
        self.rules = rules
        self.clock = clock
        var names: [String] = []
        for raw in options.participants {
            let name = raw.trimmed
            try ShellCommand.validateName(name, at: .option("--with"))
            // "Zoë" and "zoe" are one person, as `@zoe` finds them.
            if !names.contains(where: { $0.foldedForNames == name.foldedForNames }) { names.append(name) }
        }
        // Without --pack no pack is chosen: the first /ask lists them, so the coach picks one that
        // fits the person in front of them.
        var pack: String?
        if let requested = options.pack {
            // An id or a unique beginning of one, as `/pack` takes it.
            let fits = packs.packs.filter { $0.id.hasPrefix(requested.lowercased()) }
            if packs[requested] != nil {
                pack = requested
            } else if fits.count == 1 {
                pack = fits[0].id
            } else if fits.count > 1 {
                throw AllianceError(
                    "\"\(requested)\" could be \(fits.map(\.id).joined(separator: ", ")): type more of the id"
                        .terminalSafe, at: .option("--pack"))
            } else {
                throw AllianceError(
                    "no pack \"\(requested)\" is loaded (`alliance packs list` shows them)",
                    at: .option("--pack"))
            }
        }
        let now = clock.now()
        id = home.newSessionID(at: now, zone: clock.zone)
        logPath = home.logPath(for: id)
        let start = SittingStart(
            number: 1, app: AllianceVersion.current, title: options.title?.trimmed, participants: names,
            pack: pack,
            packs: packs.packs.map(\.source), plugins: rules.plugins.map(\.source))
        let header = Event(seq: 1, at: now, kind: .sitting(start))
        state.apply(header)
        pending = [header]
        try recordName(options.me, at: now)
    }

    /// `--me NAME`: the facilitator's name, recorded with the sitting when it differs from the one in use.
    private func recordName(_ me: String?, at now: Timestamp) throws(AllianceError) {
        guard let me = me?.trimmed, me != state.facilitatorName else { return }
        try ShellCommand.validateName(me, at: .option("--me"))
        if let other = state.participants.first(where: { $0.foldedForNames == me.foldedForNames }) {
            throw AllianceError(
                "\(other) is taking part already: choose a name that is yours alone".terminalSafe,
                at: .option("--me"))
        }
        let event = Event(seq: state.lastSeq + 1, at: now, kind: .me(name: me))
        state.apply(event)
        pending.append(event)
    }

    /// Opens a new sitting of the alliance logged at `path`: the same log grows, and the
    /// participants and active pack carry over. The log stays locked while the session lives.
    public init(
        revisiting path: String, home: DataHome, packs: PackLibrary, rules: RuleBook = RuleBook(),
        me: String? = nil, clock: any Clock = SystemClock()
    ) throws(AllianceError) {
        // A log in the data home's sessions folder is alliance's own: a torn last line there is set
        // aside. Anywhere else nothing is renamed or cut: a torn log is refused instead.
        let inSessions =
            path.hasSuffix(".jsonl") && Files.realPath(home.sessions) != nil
            && Files.realPath(Files.directory(of: path)) == Files.realPath(home.sessions)
        // A log that fails `alliance verify` (a broken chain, lines missing since a sitting closed)
        // is refused: what is added would seem to vouch for it.
        let (writer, contents, notice) = try LogWriter.open(
            path: path, repairTornTail: inSessions, home: inSessions ? home : nil)
        self.recordsCloses = inSessions
        self.createLog = { path throws(AllianceError) in try LogWriter.create(path: path) }
        self.home = home
        self.packs = packs
        self.rules = rules
        self.clock = clock
        self.writer = writer
        self.logPath = path
        self.openingNotice = notice
        let name = Files.fileName(of: path)
        id = name.hasSuffix(".jsonl") ? String(name.dropLast(6)) : name
        state = AllianceState(replaying: contents.events)
        let pack = state.activePack.flatMap { packs[$0] != nil ? $0 : nil }
        let start = SittingStart(
            number: state.sittings.count + 1, app: AllianceVersion.current, participants: state.participants,
            pack: pack, packs: packs.packs.map(\.source), plugins: rules.plugins.map(\.source))
        let now = clock.now()
        let header = Event(seq: state.lastSeq + 1, at: now, kind: .sitting(start))
        state.apply(header)
        pending = [header]
        try recordName(me, at: now)
    }

    /// Whether this sitting has recorded anything yet (and so is in the log).
    public var isSaved: Bool { pending.isEmpty && (writer != nil || closed) }

    public var context: CommandContext {
        var context = CommandContext(state: state, packs: packs, rules: rules, width: width)
        context.zone = clock.zone
        context.today = clock.now().calendarDate(in: clock.zone)
        let home = self.home
        let id = self.id
        context.sessionIDs = { home.sessionIDs() }
        context.sessionSummaries = { home.summaries() }
        context.resolveSession = { reference throws(AllianceError) in try home.resolveSession(reference) }
        context.otherAlliances = {
            home.sessionIDs().filter { $0 != id }.compactMap { other in
                (try? LogReader.read(path: home.logPath(for: other))).map {
                    (other, AllianceState(replaying: $0.events))
                }
            }
        }
        return context
    }

    /// What the coach needs before a new sitting of an alliance: when they last met, the open
    /// agreements and what is due, and the repair plan.
    public var welcomeBack: [Line] {
        let previous = state.sittings.dropLast()
        guard let last = previous.last else { return [] }
        let zone = clock.zone
        let today = clock.now().calendarDate(in: zone)
        var lines: [Line] = []
        let lastDate =
            state.events.last(where: { $0.seq < (state.sittings.last?.seq ?? 0) })?.at ?? last.started
        let days = lastDate.calendarDate(in: zone).days(to: today)
        let ago = days == 0 ? "today" : days == 1 ? "yesterday" : "\(days) days ago"
        lines.append(
            Line(
                "Sitting \(state.sittingNumber)\(state.title.map { " of \($0)" } ?? ""); the last was \(lastDate.calendarDate(in: zone)) (\(ago))."
                    .terminalSafe, .heading))
        lines += Transcript.takeAwayLines(state)
        let open = state.liveAgreements
        lines.append(Line("Open agreements (\(open.count))" + (open.isEmpty ? ": none" : ""), .plain))
        for agreement in open {
            var text = "  \(agreement.id.padded(to: 3)) \(agreement.text)"
            let timing = agreement.timing(today: today, in: zone)
            if timing != .ongoing { text += "  [\(timing.phrase)]" }
            lines.append(Line(text.terminalSafe, .agreement))
        }
        if let next = state.nextCheckinLine(today: today) { lines.append(next) }
        lines += Self.saidLastTime(in: state, sitting: last.number)
        lines += Transcript.repairPlanLines(state)
        if !open.isEmpty {
            lines.append(Line("/checkin walks the agreements: keep, adjust or drop each.", .dim))
        }
        return lines
    }

    /// What was said in sitting `number` that matters for the next: its notes (private ones
    /// marked: the greeting is shown only in the coach's shell), the agreements that went off
    /// track and how they were repaired, and what people said about agreements at its check-in.
    static func saidLastTime(in state: AllianceState, sitting number: Int) -> [Line] {
        func text(_ seq: Int, _ recorded: String) -> String { state.currentText(of: seq) ?? recorded }
        var items: [(seq: Int, text: String)] = []
        for note in state.notes where note.sitting == number && !state.isRetracted(note.seq) {
            items.append(
                (note.seq, "note\(note.isPrivate ? " (private)" : ""): \(text(note.seq, note.text))"))
        }
        for repair in state.repairPlan where repair.sitting == number {
            guard let agreement = repair.agreement else { continue }
            items.append(
                (repair.seq, "\(agreement) went off track; repair: \(text(repair.seq, repair.text))"))
        }
        for remark in state.remarks where remark.sitting == number && !state.isRetracted(remark.seq) {
            items.append(
                (remark.seq, "\(remark.by.stored) on \(remark.agreement): \(text(remark.seq, remark.text))"))
        }
        guard !items.isEmpty else { return [] }
        return [Line("Said last time", .heading)]
            + items.sorted { $0.seq < $1.seq }.map { Line("  - \($0.text)".terminalSafe, .plain) }
    }

    /// Runs one typed line: a command when it starts with `/`, else an answer.
    public func execute(_ input: String) -> Response {
        do throws(AllianceError) {
            switch try ShellCommand.interpret(input) {
            case .empty:
                return Response()
            case .answer(let text):
                return try answer(text, by: nil)
            case .addressed(let text):
                let (name, said) = try splitAddressee(text)
                return try answer(said, by: name)
            case .command(let command, let arguments):
                return carryOut(try command(arguments, context))
            }
        } catch {
            return Response(error: error)
        }
    }

    /// Records the end of the sitting, if anything was recorded in it.
    public func close(reason: String) -> Response {
        defer {
            // Let go of the log, so this alliance can be opened again, here or elsewhere.
            writer = nil
            closed = true
        }
        guard isSaved, !closed else {
            let what = writer == nil ? "no session was saved" : "this sitting left no trace in the log"
            return Response(summary: [Line("Nothing was recorded, so \(what).", .dim)])
        }
        // Nudges about closing ("no repair designed") speak before the sitting ends.
        let closing = Event(seq: state.lastSeq + 1, at: clock.now(), kind: .close(reason: reason))
        let nudges = rules.nudges(after: state.events + [closing], muted: state.muted)
        var lines: [Line] = []
        do throws(AllianceError) {
            let notices = try record(
                nudges.map { Outcome.Record(by: .shell, kind: .rule(notice(for: $0, about: nil))) })
            lines += notices.flatMap { Transcript.live($0, in: state) }
            _ = try record([Outcome.Record(kind: .close(reason: reason))])
            if recordsCloses, let writer {
                do {
                    try ClosedIndex.record(id: id, lines: writer.lines, head: writer.head, in: home)
                } catch {
                    throw AllianceError(
                        "the sitting is closed, but the record of closed sittings could not be updated (\(error.message)): until the next close, `alliance verify` cannot tell if lines are dropped from its end",
                        at: error.place)
                }
            }
        } catch {
            return Response(lines: lines, error: error)
        }
        let sitting = state.sittingNumber
        let answers = state.answers.filter { $0.sitting == sitting && !state.isRetracted($0.seq) }.count
        let agreements = state.liveAgreements.filter { $0.sitting == sitting }.count
        let reviewed = state.allAgreements.filter { $0.decisions.contains { $0.sitting == sitting } }.count
        let takenAway = state.openTakeAways.filter { $0.sitting == sitting }.map { takeAway in
            Line("Taken away: \(takeAway.person) — \(state.text(of: takeAway))".terminalSafe, .plain)
        }
        let remarks = state.remarks.filter { $0.sitting == sitting && !state.isRetracted($0.seq) }.count
        return Response(
            lines: lines,
            summary: [
                Line(
                    "Sitting \(sitting) closed: \(plural(answers, "answer")), \(plural(agreements, "agreement"))\(reviewed > 0 ? ", \(reviewed) reviewed" : "")\(remarks > 0 ? ", \(plural(remarks, "remark")) on them" : "").",
                    .dim)
            ] + takenAway + [
                Line("Saved as \(id) (\(logPath)); `alliance replay \(id)` shows it.", .dim)
            ])
    }

    /// Records what a command asked for, then carries out its effect: the one place `quit`, `reload`
    /// and `revisit` are handled. The response hands the effect on to the caller, who closes the
    /// sitting for `quit` and `revisit` (as it does at the end of input), so the closing nudges and
    /// summary are said in one place whatever ends it.
    private func carryOut(_ outcome: Outcome) -> Response {
        var response = apply(outcome)
        switch outcome.effect {
        case .reload?:
            // Only once what the command asked to record is recorded.
            guard response.error == nil else { return response }
            do throws(AllianceError) {
                response.lines += try reload()
            } catch {
                response.error = error
                return response
            }
        case .quit?, .revisit?:
            // Even when something failed to record: the coach asked to leave.
            break
        case nil:
            break
        }
        response.effect = outcome.effect
        return response
    }

    /// Loads packs and plugins again and records what the shell runs with from now on.
    private func reload() throws(AllianceError) -> [Line] {
        guard let reloader else {
            throw AllianceError("packs and plugins cannot be reloaded here", at: .command("/reload"))
        }
        let (newPacks, newRules) = reloader()
        packs = newPacks
        rules = newRules
        var lines = (newPacks.diagnostics + newRules.diagnostics).map { Line($0.description, .warning) }
        lines.append(
            Line(
                "Reloaded \(plural(newPacks.packs.count, "pack")) and \(plural(newRules.plugins.count, "plugin")) (\(plural(newRules.rules.count, "rule"))).",
                .dim))
        if let active = state.activePack, newPacks[active] == nil {
            lines.append(Line("The active pack \(active) is gone: choose another with /pack ID.", .warning))
        }
        let kind = EventKind.reload(
            packs: newPacks.packs.map(\.source), plugins: newRules.plugins.map(\.source))
        if var header = pending.first, case .sitting(var start) = header.kind {
            // Nothing written yet: the sitting simply starts with what is loaded now.
            start.packs = newPacks.packs.map(\.source)
            start.plugins = newRules.plugins.map(\.source)
            header.kind = .sitting(start)
            pending[0] = header
            state = AllianceState(replaying: state.events.filter { $0.seq < header.seq } + pending)
            return lines
        }
        try record([Outcome.Record(kind: kind)])
        return lines
    }

    private func answer(_ text: String, by name: String?) throws(AllianceError) -> Response {
        guard !text.isEmpty else { throw AllianceError("the answer is empty") }
        guard let who = name ?? state.current else {
            throw AllianceError(
                "no one to record this answer for: add someone with /with NAME (/help lists the commands)")
        }
        if let agreement = state.agreementUnderReview {
            // During a check-in, what someone says is about the agreement under review.
            return apply(.record(.remark(text: text, agreement: agreement), by: .participant(who)))
        }
        guard let question = state.openQuestion else {
            throw AllianceError(
                "no question is open for this answer: /ask one first, or keep it with /note TEXT")
        }
        return apply(.record(.answer(text: text, to: question), by: .participant(who)))
    }

    /// `Zoë I like…` → ("Zoë", "I like…"): the longest run of words that names one participant,
    /// by whole name or first name, ignoring case and accents (`@amara`, `@zoe`).
    private func splitAddressee(_ text: String) throws(AllianceError) -> (String, String) {
        let words = text.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: true)
        let typed = words.first.map(String.init) ?? ""
        for count in stride(from: min(3, words.count), through: 1, by: -1) {
            let candidate = words.prefix(count).joined(separator: " ")
            switch state.people(matching: candidate) {
            case .one(let name):
                let rest = words.count > count ? String(words[count...].joined(separator: " ")) : ""
                return (name, rest.trimmed)
            case .several(let names):
                throw ShellCommand.ambiguousName(candidate, names, at: .addressee(candidate))
            case .none:
                continue
            }
        }
        guard !typed.isEmpty else {
            throw AllianceError("@ needs a name: @Name what they said (nothing was recorded)")
        }
        if case .one(let former) = state.formerPeople(matching: typed) {
            throw AllianceError(
                "\(former) has left this sitting: /with \(typed) brings them back (nothing was recorded)"
                    .terminalSafe,
                at: .addressee(typed.terminalSafe))
        }
        throw AllianceError(
            "no participant \"\(typed)\": add them with /with \(typed), or start the line with > to record it as written (nothing was recorded)"
                .terminalSafe, at: .addressee(typed.terminalSafe))
    }

    private func apply(_ outcome: Outcome) -> Response {
        var lines: [Line] = []
        do throws(AllianceError) {
            for item in outcome.events {
                // One at a time, so the rules see the alliance as it stood at each event.
                for event in try record([item]) {
                    lines += Transcript.live(event, in: state)
                    lines += try react(to: event)
                }
            }
        } catch {
            // What was recorded before the failure is shown; the rest was not recorded.
            return Response(lines: lines, error: error)
        }
        lines += outcome.lines
        return Response(lines: lines)
    }

    /// What the rules say about an event just recorded: flags on a question the facilitator
    /// typed, and nudges. Each is recorded, so a replay shows what the facilitator saw.
    private func react(to event: Event) throws(AllianceError) -> [Line] {
        var notices: [Outcome.Record] = []
        var lines: [Line] = []
        var typedQuestion: String?
        switch event.kind {
        case .ask(let asked):
            if asked.pack == nil && asked.move == .ask { typedQuestion = asked.text }
        case .probe(let text, _, let key):
            if key == "typed" { typedQuestion = text }
        case .sitting, .with, .pack, .flip, .answer, .mine, .agree, .repair, .note, .checkin, .review,
            .retract,
            .amend, .without, .me, .close, .rule, .mute, .reload, .next, .later, .remark:
            break
        }
        if let typedQuestion {
            let (hits, gaveUp) = rules.flags(for: typedQuestion, muted: state.muted)
            for hit in hits {
                notices.append(
                    Outcome.Record(
                        by: .shell, kind: .rule(notice(for: hit.rule, about: event.seq, fix: hit.fix))))
            }
            for rule in gaveUp {
                lines.append(
                    Line("  rule \(rule.qualifiedID) gave up on this text (too long to check)", .dim))
            }
        }
        let (nudges, nudgesGaveUp) = rules.nudgesAndGiveUps(after: state.events, muted: state.muted)
        for rule in nudges {
            notices.append(Outcome.Record(by: .shell, kind: .rule(notice(for: rule, about: event.seq))))
        }
        for rule in nudgesGaveUp {
            lines.append(Line("  rule \(rule.qualifiedID) gave up on this text (too long to check)", .dim))
        }
        for recorded in try record(notices) { lines += Transcript.live(recorded, in: state) }
        return lines
    }

    private func notice(for rule: Rule, about: Int?, fix: String? = nil) -> RuleNotice {
        RuleNotice(
            kind: rule.kind, plugin: rule.plugin, rule: rule.id, hash: rules.plugin(rule.plugin)?.hash ?? "",
            message: rule.message, about: about, fix: fix
        ).with(level: rule.level)
    }

    /// Writes each event durably, then folds it in. Stops at the first failure:
    /// what was written before it stays recorded; it and what follows are not.
    @discardableResult
    func record(_ items: [Outcome.Record]) throws(AllianceError) -> [Event] {
        guard !items.isEmpty else { return [] }
        guard !closed else {
            throw AllianceError("this sitting is closed: nothing more can be recorded in it")
        }
        if writer == nil {
            _ = try home.prepare()
            writer = try createLog(logPath)
        }
        guard let writer else { return [] }
        while let first = pending.first {
            try writer.append(first)
            pending.removeFirst()
        }
        var recorded: [Event] = []
        for item in items {
            let event = Event(seq: state.lastSeq + 1, at: clock.now(), by: item.by, kind: item.kind)
            try writer.append(event)
            state.apply(event)
            recorded.append(event)
        }
        return recorded
    }
}
