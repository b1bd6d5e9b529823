extension ShellCommand {
    static let history = ShellCommand(
        "history",
        Signature([.agreement(candidates: { context in context.state.allAgreements.map(\.id) })]),
        summary: "how an agreement changed: each wording, when, in which sitting",
        run: { arguments, context throws(AllianceError) in
            let id = arguments["A1"] ?? ""
            guard let agreement = context.state.agreement(id) else {
                throw AllianceError(
                    "no agreement \(id.uppercased()) (/agreements --history lists them all)",
                    at: .command("/history"))
            }
            return .show(agreementHistory(agreement, state: context.state, zone: context.zone))
        })

    /// Every version and decision of an agreement, oldest first, dated on `zone`'s calendar.
    static func agreementHistory(_ agreement: AllianceState.Agreement, state: AllianceState, zone: Zone)
        -> [Line]
    {
        let lines = [
            Line(
                "\(agreement.id)\(agreement.dropped ? " (dropped)" : "")  \(agreement.text)".terminalSafe,
                .agreement)
        ]
        var entries: [(seq: Int, line: Line)] = agreement.history.map { change in
            switch change {
            case .agreed(let version), .adjusted(let version):
                var text =
                    "  #\(version.seq) sitting \(version.sitting), \(version.at.calendarDate(in: zone))  "
                text += "\(change == .agreed(version) ? "agreed" : "adjusted"): \(version.text)"
                if let due = version.due { text += " (by \(due))" }
                if let note = version.note { text += "  — \(note)" }
                return (change.seq, Line(text.terminalSafe))
            case .decided(let decision):
                var text =
                    "  #\(decision.seq) sitting \(decision.sitting), \(decision.at.calendarDate(in: zone))  \(decision.outcome.rawValue)"
                if let note = decision.note { text += "  — \(note)" }
                return (change.seq, Line(text.terminalSafe, .dim))
            }
        }
        for seq in agreement.offTrack where !state.isRetracted(seq) {
            let at = state.event(seq)?.at.calendarDate(in: zone).description ?? ""
            entries.append((seq, Line("  #\(seq) \(at)  went off track (see /log)", .dim)))
        }
        for remark in state.remarks(about: agreement.id) {
            let at = state.event(remark.seq)?.at.calendarDate(in: zone).description ?? ""
            entries.append(
                (
                    remark.seq,
                    Line(
                        "  #\(remark.seq) sitting \(remark.sitting), \(at)  \(remark.by.stored) said: \(state.currentText(of: remark.seq) ?? remark.text)"
                            .terminalSafe)
                ))
        }
        return lines + entries.sorted { $0.seq < $1.seq }.map(\.line)
    }
}
