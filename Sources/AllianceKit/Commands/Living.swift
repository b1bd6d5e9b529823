/// The living alliance: check-ins, revisions, history, commitments.
extension ShellCommand {
    static let checkin = ShellCommand(
        "checkin", usage: "checkin", summary: "walk each open agreement: keep, adjust or drop it",
        details: """
            Shows each open agreement in turn. Answer with `keep [NOTE]`, `adjust NEW WORDING [-- NOTE]`,
            `drop [NOTE]` or `skip`; each is recorded, and the next agreement comes up. The old wording
            is never lost: `history A2` shows every version.
            """,
        run: { _, context throws(AllianceError) in
            let open = context.state.liveAgreements
            guard !open.isEmpty else {
                return .show([Line("No open agreements to check in on: `agree TEXT` records one.", .dim)])
            }
            var outcome = Outcome.record(.checkin)
            outcome.lines =
                [Line("Check-in: \(plural(open.count, "open agreement")).", .heading)] + prompt(for: open[0])
            return outcome
        })

    /// How the check-in presents one agreement.
    static func prompt(for agreement: AllianceState.Agreement) -> [Line] {
        var lines = [Line("\(agreement.id)  \(agreement.text)".terminalSafe, .agreement)]
        var facts = ["agreed in sitting \(agreement.sitting)"]
        if agreement.versions.count > 1 {
            facts.append("\(plural(agreement.versions.count - 1, "change")) since")
        }
        if let due = agreement.due { facts.append("due \(due)") }
        let offTrack = agreement.offTrack.count
        if offTrack > 0 { facts.append("went off track \(offTrack)×") }
        lines.append(Line("    " + facts.joined(separator: " · "), .dim))
        lines.append(Line("    keep [NOTE] · adjust NEW WORDING [-- NOTE] · drop [NOTE] · skip", .dim))
        return lines
    }

    /// `keep`, `adjust`, `drop`, `skip`: the agreement named first, else the one the check-in is on.
    private static func review(_ outcome: Review.Outcome, _ arguments: String, _ context: CommandContext)
        throws(AllianceError) -> Outcome
    {
        let state = context.state
        let (word, rest) = firstWord(arguments)
        let id: String
        var text: String
        if isAgreementID(word) {
            guard let agreement = state.agreement(word), !agreement.dropped else {
                throw AllianceError(
                    "no open agreement \(word.uppercased()) (`agreements` lists them)", at: outcome.rawValue)
            }
            id = agreement.id
            text = rest
        } else if let current = state.checkinQueue.first {
            id = current
            text = arguments.trimmed
        } else {
            throw AllianceError(
                "which agreement? e.g. `\(outcome.rawValue) A1` (or start a `checkin`)", at: outcome.rawValue)
        }
        var review = Review(agreement: id, outcome: outcome)
        switch outcome {
        case .adjust:
            let (wording, note) = splitNote(text)
            let (words, options) = try parseOptions(wording, allowed: ["--by"], command: "adjust")
            guard !words.isEmpty else {
                throw AllianceError("usage: adjust [A1] NEW WORDING [--by DATE] [-- NOTE]", at: "adjust")
            }
            review.text = words
            review.due = options["--by"]
            review.note = note
        case .keep, .drop:
            review.note = text.isEmpty ? nil : text
        case .skip:
            break
        }
        var result = Outcome.record(.review(review))
        // What comes next in the check-in, judged as it will stand after this review.
        let queue = state.checkinQueue.filter { $0 != id }
        if !state.checkinQueue.isEmpty {
            if let next = queue.first, let agreement = state.agreement(next) {
                result.lines = prompt(for: agreement)
            } else {
                result.lines = [Line("Check-in done. `agreements` shows where they stand.", .dim)]
            }
        }
        return result
    }

    static let keep = ShellCommand(
        "keep", usage: "keep [A1] [NOTE]", summary: "keep an agreement as it is (in a check-in)",
        takesText: true,
        complete: agreementIDs,
        run: { arguments, context throws(AllianceError) in try review(.keep, arguments, context) })

    static let adjust = ShellCommand(
        "adjust", usage: "adjust [A1] WORDING [--by DATE] [-- NOTE]",
        summary: "give an agreement new wording; the old stays in its history", takesText: true,
        complete: agreementIDs,
        run: { arguments, context throws(AllianceError) in try review(.adjust, arguments, context) })

    static let drop = ShellCommand(
        "drop", usage: "drop [A1] [NOTE]", summary: "drop an agreement; it stays in the history",
        takesText: true,
        complete: agreementIDs,
        run: { arguments, context throws(AllianceError) in try review(.drop, arguments, context) })

    static let skip = ShellCommand(
        "skip", usage: "skip", summary: "leave the agreement in a check-in for later",
        run: { arguments, context throws(AllianceError) in try review(.skip, arguments, context) })

    static let agreementIDs: @Sendable (CommandContext, [String]) -> [String] = { context, previous in
        previous.isEmpty ? context.state.liveAgreements.map(\.id) : []
    }

    static let history = ShellCommand(
        "history", usage: "history A1",
        summary: "how an agreement changed: each wording, when, in which sitting",
        complete: { context, previous in previous.isEmpty ? context.state.allAgreements.map(\.id) : [] },
        run: { arguments, context throws(AllianceError) in
            let id = arguments.trimmed
            guard !id.isEmpty else { throw AllianceError("usage: history A1", at: "history") }
            guard let agreement = context.state.agreement(id) else {
                throw AllianceError(
                    "no agreement \(id.uppercased()) (`agreements --history` lists them all)", at: "history")
            }
            return .show(agreementHistory(agreement, state: context.state))
        })

    /// Every version and decision of an agreement, oldest first.
    static func agreementHistory(_ agreement: AllianceState.Agreement, state: AllianceState) -> [Line] {
        let lines = [
            Line(
                "\(agreement.id)\(agreement.dropped ? " (dropped)" : "")  \(agreement.text)".terminalSafe,
                .agreement)
        ]
        var entries: [(seq: Int, line: Line)] = agreement.history.map { change in
            switch change {
            case .agreed(let version), .adjusted(let version):
                var text = "  #\(version.seq) sitting \(version.sitting), \(version.at.date)  "
                text += "\(change == .agreed(version) ? "agreed" : "adjusted"): \(version.text)"
                if let due = version.due { text += " (by \(due))" }
                if let note = version.note { text += "  — \(note)" }
                return (change.seq, Line(text.terminalSafe))
            case .decided(let decision):
                var text =
                    "  #\(decision.seq) sitting \(decision.sitting), \(decision.at.date)  \(decision.outcome.rawValue)"
                if let note = decision.note { text += "  — \(note)" }
                return (change.seq, Line(text.terminalSafe, .dim))
            }
        }
        for seq in agreement.offTrack {
            let at = state.event(seq)?.at.date ?? ""
            entries.append((seq, Line("  #\(seq) \(at)  went off track (see `log`)", .dim)))
        }
        return lines + entries.sorted { $0.seq < $1.seq }.map(\.line)
    }

    static let due = ShellCommand(
        "due", usage: "due", summary: "commitments due or overdue, across every alliance in the data home",
        run: { _, context throws(AllianceError) in
            let today = context.today
            var rows: [(due: String, line: Line)] = []
            for (id, state) in [(nil as String?, context.state)]
                + context.otherAlliances().map({ ($0.id as String?, $0.state) })
            {
                let who = state.participants.joined(separator: ", ")
                for agreement in state.liveAgreements {
                    guard let due = agreement.due, let days = daysBetween(today, due), days <= 7 else {
                        continue
                    }
                    let when =
                        days < 0
                        ? "overdue \(plural(-days, "day"))"
                        : days == 0 ? "due today" : "due in \(plural(days, "day"))"
                    let alliance = id.map { "\($0)\(who.isEmpty ? "" : " (\(who))")" } ?? "this alliance"
                    rows.append(
                        (
                            due,
                            Line(
                                "  \(due)  \(when.padded(to: 16))  \(alliance)  \(agreement.id)  \(agreement.text)"
                                    .terminalSafe, days < 0 ? .warning : .plain)
                        ))
                }
            }
            guard !rows.isEmpty else {
                return .show([Line("Nothing due in the next 7 days (today is \(today)).", .dim)])
            }
            return .show(
                [Line("Due or overdue, and due within 7 days (today is \(today)):", .heading)]
                    + rows.sorted { $0.due < $1.due }.map(\.line))
        })

    static let revisit = ShellCommand(
        "revisit", usage: "revisit SESSION",
        summary: "close this sitting and open a new sitting of another alliance",
        complete: { context, previous in previous.isEmpty ? context.sessionIDs() : [] },
        run: { arguments, _ throws(AllianceError) in
            let reference = arguments.trimmed
            guard !reference.isEmpty else {
                throw AllianceError("usage: revisit SESSION (Tab lists them)", at: "revisit")
            }
            var outcome = Outcome(quit: true)
            outcome.revisit = reference
            return outcome
        })
}

/// `wording -- note` → ("wording", "note").
func splitNote(_ text: String) -> (String, String?) {
    let parts = text.split(separator: " -- ", maxSplits: 1, omittingEmptySubsequences: false)
    guard parts.count == 2 else { return (text.trimmed, nil) }
    let note = String(parts[1]).trimmed
    return (String(parts[0]).trimmed, note.isEmpty ? nil : note)
}

/// Trailing options in free text: `We meet on Fridays --by 2027-01-15 --know "it's in both calendars"`.
func parseOptions(_ text: String, allowed: Set<String>, command: String) throws(AllianceError) -> (
    String, [String: String]
) {
    var words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
    var options: [String: String] = [:]
    guard let first = words.firstIndex(where: { $0.hasPrefix("--") && $0.count > 2 }) else {
        return (text.trimmed, [:])
    }
    var rest = Array(words[first...])
    words.removeSubrange(first...)
    while let name = rest.first {
        guard allowed.contains(name) else {
            throw AllianceError(
                "unknown option \(name) (it takes \(allowed.sorted().joined(separator: ", ")))", at: command)
        }
        rest.removeFirst()
        let end = rest.firstIndex { $0.hasPrefix("--") && allowed.contains($0) } ?? rest.endIndex
        var value = rest[..<end].joined(separator: " ").trimmed
        rest.removeSubrange(..<end)
        if let inner = unquoted(value) { value = inner }
        guard !value.isEmpty else { throw AllianceError("\(name) needs a value", at: command) }
        if name == "--by" {
            guard let date = normalizedDate(value) else {
                throw AllianceError("\(name) takes a date like 2027-01-15, not \"\(value)\"", at: command)
            }
            value = date
        }
        options[name] = value
    }
    return (words.joined(separator: " ").trimmed, options)
}

/// `2027-01-15` when `text` is a real calendar date in that form.
func normalizedDate(_ text: String) -> String? {
    guard let stamp = Timestamp(text.trimmed + "T00:00:00.000Z"), stamp.date == text.trimmed else {
        return nil
    }
    return stamp.date
}

/// Whole days from one `YYYY-MM-DD` to another.
func daysBetween(_ from: String, _ to: String) -> Int? {
    guard let a = Timestamp(from + "T00:00:00.000Z"), let b = Timestamp(to + "T00:00:00.000Z") else {
        return nil
    }
    return Int((b.milliseconds - a.milliseconds) / 86_400_000)
}
