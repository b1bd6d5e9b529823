extension RuleNotice {
    /// How the shell shows it when it fires.
    var lines: [Line] {
        switch kind {
        case .flag:
            var result = [Line("  ⚑ \(message)".terminalSafe, level == .suggestion ? .dim : .warning)]
            if let fix {
                result.append(Line("    Try: “\(fix)” (/fix asks it instead)".terminalSafe, .dim))
            }
            return result
        case .nudge, .rewrite:
            return [Line("  · \(message)".terminalSafe, .dim)]
        }
    }
}

/// How events read to a person: the lines the shell shows as it records them,
/// and the transcript that `log` and `alliance replay` print.
public enum Transcript {
    /// What the shell shows once `event` is recorded and folded into `state`.
    package static func live(_ event: Event, in state: AllianceState) -> [Line] {
        switch event.kind {
        case .sitting, .close, .pack:
            return []
        case .with(let name):
            if state.joined(at: event.seq) {
                return [Line("\(name.terminalSafe) joins; answers now go to \(name.terminalSafe).", .dim)]
            }
            return [Line("Switched to \(name.terminalSafe): answers now go to them.", .dim)]
        case .without(let name):
            let next = state.current.map { "; answers now go to \($0)" } ?? "; /with NAME adds someone"
            return [Line("\(name) has left this sitting (what they said stays)\(next).".terminalSafe, .dim)]
        case .me(let name):
            return [Line("You are \(name) in this alliance.".terminalSafe, .dim)]
        case .amend(let target, let text):
            return [Line("  ✎ #\(target) now reads: \(text)".terminalSafe, .dim)]
        case .ask(let asked):
            var lines = [
                Line(
                    "\(asked.move == .repair ? "R" : "Q")\(event.seq)  \(asked.text.terminalSafe)", .question)
            ]
            if let pack = asked.pack, let id = asked.question {
                var source = "      \(pack) · \(asked.section ?? "") · \(id)"
                let before = state.questions.last {
                    $0.seq < event.seq && $0.pack == pack && $0.questionID == id && !state.isRetracted($0.seq)
                }
                if let before { source += " · asked before at #\(before.seq) (sitting \(before.sitting))" }
                lines.append(Line(source.terminalSafe, .dim))
            }
            return lines
        case .probe(let text, _, _):
            return [Line("  ↳ \(text.terminalSafe)", .question)]
        case .flip(let text, _, _):
            return [Line("  ⇄ \(text.terminalSafe)", .question)]
        case .answer:
            return [Line("  ✓ #\(event.seq) \(event.by.stored.terminalSafe)", .dim)]
        case .mine:
            return [Line("  ✓ #\(event.seq) \(state.facilitatorName ?? "you")".terminalSafe, .dim)]
        case .agree(let id, let text, _, let due, let know, let every):
            var lines = [Line("\(id) agreed: \(text.terminalSafe)", .agreement)]
            if due != nil || know != nil || every != nil {
                lines.append(Line("    \(commitment(due: due, know: know, every: every))".terminalSafe, .dim))
            }
            return lines
        case .checkin:
            return []
        case .review(let review):
            switch review.outcome {
            case .keep: return [Line("  ✓ \(review.agreement) kept", .dim)]
            case .skip: return [Line("  \(review.agreement) skipped for now", .dim)]
            case .drop: return [Line("  ✗ \(review.agreement) dropped (it stays in its history)", .dim)]
            case .adjust:
                return [Line("\(review.agreement) now: \(review.text ?? "")".terminalSafe, .agreement)]
            }
        case .repair(_, let agreement):
            return [
                Line(
                    agreement.map { "  ✓ #\(event.seq) \($0) repaired" } ?? "  ✓ #\(event.seq) repair plan",
                    .dim)
            ]
        case .note:
            return [Line("  ✓ #\(event.seq) note", .dim)]
        case .retract(let target):
            let what = state.event(target).map { summary(of: $0.kind, by: $0.by) } ?? ""
            return [Line("  ↶ withdrawn #\(target) \(what)".terminalSafe, .dim)]
        case .rule(let notice):
            return notice.lines
        case .mute(let rule, let muted):
            return [Line("  \(rule) \(muted ? "muted for this sitting" : "unmuted")".terminalSafe, .dim)]
        case .reload:
            return []
        case .next(let date):
            let shown = CalendarDate(date)?.shown ?? date
            return [Line("  ✓ #\(event.seq) next check-in \(shown)", .dim)]
        case .later(_, let name):
            return [
                Line(
                    "  ✓ #\(event.seq) \(name) takes this question away, to answer next sitting".terminalSafe,
                    .dim)
            ]
        case .remark(_, let agreement):
            return [Line("  ✓ #\(event.seq) \(event.by.stored) on \(agreement)".terminalSafe, .dim)]
        }
    }

    /// The whole alliance as a transcript, marking what was withdrawn; times on `zone`'s clock
    /// (UTC unless told: the shell passes the coach's zone).
    public static func entries(_ state: AllianceState, zone: Zone = .utc) -> [Line] {
        state.events.flatMap { entry($0, in: state, zone: zone) }
    }

    /// The transcript's text (`entries(state)`, a line each), handed to `write` in blocks in order.
    /// A long transcript is rendered on every processor, a few thousand entries per worker at a
    /// time: `entry` only reads the finished state.
    package static func render(_ state: AllianceState, zone: Zone, _ write: ([UInt8]) -> Void) {
        let events = state.events
        let chunk = 4096
        var start = 0
        while start < events.count {
            let rounds = min(Parallel.processors, (events.count - start + chunk - 1) / chunk)
            let roundStart = start
            let blocks = Parallel.map(rounds) { worker in
                var bytes: [UInt8] = []
                let from = roundStart + worker * chunk
                for event in events[from..<min(from + chunk, events.count)] {
                    for line in entry(event, in: state, zone: zone) {
                        bytes.append(contentsOf: line.text.utf8)
                        bytes.append(UInt8(ascii: "\n"))
                    }
                }
                return bytes
            }
            for block in blocks { write(block) }
            start += rounds * chunk
        }
    }

    /// One event's lines in a transcript; `state` is the alliance after every event, for withdrawals;
    /// times are shown on `zone`'s clock (the log holds UTC).
    package static func entry(_ event: Event, in state: AllianceState, zone: Zone) -> [Line] {
        let seq = "#\(event.seq)".padded(to: 5)
        var lines: [Line]
        switch event.kind {
        case .sitting(let start):
            var heading = "── Sitting \(start.number) · \(event.at.minute(in: zone))"
            if !start.participants.isEmpty {
                heading += " · with \(start.participants.joined(separator: ", "))"
            }
            if let pack = start.pack { heading += " · pack \(pack)" }
            lines = [Line(heading.terminalSafe, .heading)]
        case .close:
            lines = [Line("── closed \(event.at.minute(in: zone))", .dim)]
        case .with(let name):
            lines = [Line("\(seq) with \(name)".terminalSafe, .dim)]
        case .without(let name):
            lines = [Line("\(seq) without \(name)".terminalSafe, .dim)]
        case .me(let name):
            lines = [Line("\(seq) the facilitator is \(name)".terminalSafe, .dim)]
        case .amend(let target, let text):
            lines = [Line("\(seq) ✎ amended #\(target): \(text)".terminalSafe, .dim)]
        case .pack(let id, _):
            lines = [Line("\(seq) pack \(id)".terminalSafe, .dim)]
        case .ask(let asked):
            var text =
                "\(seq) \(asked.move == .repair ? "R " : "Q ") \(state.currentText(of: event.seq) ?? asked.text)"
            if let pack = asked.pack, let id = asked.question { text += "  (\(pack)#\(id))" }
            lines = [Line(text.terminalSafe, .question)]
        case .probe(let text, _, _):
            lines = [Line("\(seq)    ↳ \(state.currentText(of: event.seq) ?? text)".terminalSafe, .question)]
        case .flip(let text, let from, _):
            let now = state.currentText(of: event.seq) ?? text
            lines = [Line("\(seq)    ⇄ \(now)   (flipped from “\(from)”)".terminalSafe, .question)]
        case .answer(let text, _):
            lines = [
                Line("\(seq)    \(event.by.stored): \(state.currentText(of: event.seq) ?? text)".terminalSafe)
            ]
        case .mine(let text, _):
            let me = state.facilitatorName ?? "you"
            lines = [Line("\(seq)    \(me): \(state.currentText(of: event.seq) ?? text)".terminalSafe)]
        case .agree(let id, let text, _, let due, let know, let every):
            var text = "\(seq) \(id.padded(to: 3)) \(text)"
            if due != nil || know != nil || every != nil {
                text += "  (\(commitment(due: due, know: know, every: every)))"
            }
            lines = [Line(text.terminalSafe, .agreement)]
        case .checkin:
            lines = [Line("\(seq) check-in on the agreements", .heading)]
        case .review(let review):
            var text = "\(seq) \(review.agreement.padded(to: 3)) \(review.outcome.rawValue)"
            if let wording = review.text { text += ": \(wording)" }
            if let due = review.due { text += " (by \(due))" }
            if let every = review.every { text += " (every \(every))" }
            if let note = review.note { text += "  — \(note)" }
            lines = [Line(text.terminalSafe, review.outcome == .adjust ? .agreement : .plain)]
        case .repair(let text, let agreement):
            let label = agreement.map { "\($0) off track, repair:" } ?? "repair plan:"
            lines = [Line("\(seq) \(label) \(state.currentText(of: event.seq) ?? text)".terminalSafe)]
        case .note(let text, let isPrivate):
            let now = state.currentText(of: event.seq) ?? text
            lines = [Line("\(seq) \(isPrivate ? "private note" : "note"): \(now)".terminalSafe, .dim)]
        case .retract(let target):
            lines = [Line("\(seq) ↶ withdrew #\(target)", .dim)]
        case .rule(let notice):
            let mark = notice.kind == .flag ? "⚑" : "·"
            var text = "\(seq)    \(mark) \(notice.plugin)/\(notice.rule): \(notice.message)"
            if let fix = notice.fix { text += " Try: “\(fix)”" }
            lines = [Line(text.terminalSafe, .dim)]
        case .mute(let rule, let muted):
            lines = [Line("\(seq) \(muted ? "muted" : "unmuted") \(rule)".terminalSafe, .dim)]
        case .next(let date):
            lines = [Line("\(seq) next check-in: \(CalendarDate(date)?.shown ?? date)", .heading)]
        case .later(let thread, let name):
            lines = [
                Line(
                    "\(seq) \(name) took away: \(state.question(thread)?.text ?? "#\(thread)")".terminalSafe,
                    .dim)
            ]
        case .remark(let text, let agreement):
            let now = state.currentText(of: event.seq) ?? text
            lines = [Line("\(seq)    \(event.by.stored) on \(agreement): \(now)".terminalSafe)]
        case .reload(let packs, let plugins):
            lines = [
                Line(
                    "\(seq) reloaded \(plural(packs.count, "pack")) and \(plural(plugins.count, "plugin"))",
                    .dim)
            ]
        }
        let corrections = state.corrections(of: event.seq)
        if let last = corrections.last, !lines.isEmpty,
            let original = AllianceState.recordedText(of: event.kind)
        {
            let earlier = corrections.dropLast().map { "#\($0.seq) “\($0.text)”" }
            let history = (["first “\(original)”"] + earlier).joined(separator: ", ")
            lines[0].text += "   [amended by #\(last.seq); \(history)]".terminalSafe
        }
        if let by = state.retracted[event.seq] {
            lines = lines.map { Line($0.text + "   [withdrawn by #\(by)]", .dim) }
        }
        return lines
    }

    /// `by 2027-01-15; every week; how we'll know: …`
    static func commitment(due: String?, know: String?, every: Cadence? = nil) -> String {
        [due.map { "by \($0)" }, every.map { "every \($0)" }, know.map { "how we'll know: \($0)" }].compactMap
        {
            $0
        }.joined(separator: "; ")
    }

    /// What kind of entry an event is, for a refusal: "the start of a sitting", "a rule's notice".
    static func kindOfEntry(_ kind: EventKind) -> String {
        switch kind {
        case .sitting: "the start of a sitting"
        case .close: "the end of a sitting"
        case .rule: "a rule's notice"
        case .retract: "a withdrawal"
        case .amend: "a correction"
        case .mute: "a rule muted or unmuted"
        case .reload: "a reload of packs and plugins"
        case .next: "a next check-in date"
        case .later: "a question taken away"
        case .pack: "a change of pack"
        case .checkin: "the start of a check-in"
        case .review: "a check-in decision"
        case .agree: "an agreement"
        case .with, .without, .me: "a change of who is taking part"
        case .ask, .probe, .flip: "a question"
        case .answer, .mine: "an answer"
        case .repair: "a repair"
        case .note: "a note"
        case .remark: "what someone said at a check-in"
        }
    }

    /// A few words saying what an event was, for confirmations.
    static func summary(of kind: EventKind, by: Actor) -> String {
        func short(_ text: String) -> String { text.count > 40 ? String(text.prefix(39)) + "…" : text }
        switch kind {
        case .answer(let text, _): return "(\(by.stored): \(short(text)))"
        case .mine(let text, _): return "(you: \(short(text)))"
        case .ask(let asked): return "(question: \(short(asked.text)))"
        case .probe(let text, _, _), .flip(let text, _, _): return "(follow-up: \(short(text)))"
        case .agree(let id, let text, _, _, _, _): return "(\(id): \(short(text)))"
        case .review(let review): return "(\(review.agreement) \(review.outcome.rawValue))"
        case .repair(let text, _): return "(repair: \(short(text)))"
        case .note(let text, _): return "(note: \(short(text)))"
        case .with(let name): return "(with \(name))"
        case .without(let name): return "(without \(name))"
        case .me(let name): return "(me: \(name))"
        case .amend(let target, let text): return "(correction of #\(target): \(short(text)))"
        case .next(let date): return "(next check-in \(date))"
        case .later(_, let name): return "(taken away by \(name))"
        case .remark(let text, let agreement): return "(\(by.stored) on \(agreement): \(short(text)))"
        case .sitting, .pack, .checkin, .retract, .close, .rule, .mute, .reload: return ""
        }
    }

    /// The open take-aways, one a line (`  Léo — How much …?`) under a heading; none when there
    /// are none.
    package static func takeAwayLines(_ state: AllianceState) -> [Line] {
        let open = state.openTakeAways
        guard !open.isEmpty else { return [] }
        return [Line("Taken away (\(open.count)): /ask asks again first", .plain)]
            + open.map { Line("  \($0.person) — \(state.text(of: $0))".terminalSafe, .question) }
    }

    /// The standing agreements and the repair plan: how the alliance stands now.
    public static func summary(_ state: AllianceState) -> [Line] {
        var lines: [Line] = []
        let agreements = state.liveAgreements
        lines.append(Line("Agreements (\(agreements.count))", .heading))
        if agreements.isEmpty { lines.append(Line("  none yet", .dim)) }
        for a in agreements {
            lines.append(Line("  \(a.id.padded(to: 3)) \(a.text)".terminalSafe, .agreement))
            let offTrack = a.offTrack.filter { !state.isRetracted($0) }.count
            if offTrack > 0 { lines.append(Line("      went off track \(offTrack)×", .dim)) }
        }
        return lines + repairPlanLines(state)
    }

    /// The repair plan under its heading.
    package static func repairPlanLines(_ state: AllianceState) -> [Line] {
        let plan = repairPlan(state)
        var lines = [Line("Repair plan (\(plan.count))", .heading)]
        if plan.isEmpty { lines.append(Line("  none yet: /repair designs one", .dim)) }
        return lines + plan.map { Line("  - \($0)".terminalSafe) }
    }

    /// The repair plan: what was added with `repair TEXT`, then the answers to repair questions,
    /// each marked with the agreement it repairs and who said it.
    package static func repairPlan(_ state: AllianceState) -> [String] {
        var plan = state.repairPlan.map { r in "\(r.agreement.map { "\($0): " } ?? "")\(r.text)" }
        let questions = state.questions.filter { $0.kind == .repair && !state.isRetracted($0.seq) }
        guard !questions.isEmpty else { return plan }
        // The answers grouped by thread once, not searched for each repair question.
        var answersByThread: [Int: [AllianceState.Answer]] = [:]
        for answer in state.answers where !state.isRetracted(answer.seq) {
            if let thread = answer.thread { answersByThread[thread, default: []].append(answer) }
        }
        for question in questions {
            for answer in answersByThread[question.seq] ?? [] {
                let who = answer.by == .facilitator ? state.facilitatorName ?? "you" : answer.by.stored
                plan.append("\(question.agreement.map { "\($0): " } ?? "")\(who): \(answer.text)")
            }
        }
        return plan
    }
}
