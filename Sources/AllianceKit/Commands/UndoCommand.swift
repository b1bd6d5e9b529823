extension ShellCommand {
    static let undo = ShellCommand(
        "undo", Signature([.number("N", optional: true)]),
        summary: "withdraw the last entry, or entry N (it stays in the history)",
        details: """
            Records that the last answer, question, agreement, note or participant of this sitting is
            withdrawn; `/undo 12` (or `/undo #12`) withdraws entry 12, as numbered by ✓ #12 and /log.
            Nothing is deleted: the log keeps both, and replay shows the withdrawal. Run it again to
            withdraw the one before.
            """,
        run: { arguments, context throws(AllianceError) in
            let state = context.state
            guard let given = arguments["N"], let target = Signature.number(given) else {
                guard let target = state.lastRetractable else {
                    throw AllianceError("nothing to undo in this sitting", at: .command("/undo"))
                }
                try refuseSharedName(withdrawing: target, in: state)
                return .record(.retract(target: target))
            }
            guard let event = state.event(target) else {
                throw AllianceError("there is no entry #\(target) (/log shows them)", at: .command("/undo"))
            }
            if let by = state.retracted[target] {
                throw AllianceError("#\(target) was already withdrawn by #\(by)", at: .command("/undo"))
            }
            guard event.kind.isRetractable else {
                throw AllianceError(
                    "#\(target) is \(Transcript.kindOfEntry(event.kind)): only what was said or recorded can be withdrawn"
                        .terminalSafe, at: .command("/undo"))
            }
            try refuseSharedName(withdrawing: target, in: state)
            return .record(.retract(target: target))
        })

    /// Withdrawing a `with`, `without` or `me` can bring back a name: refused when the facilitator
    /// and someone taking part would then go by the same one, which no transcript could tell apart.
    private static func refuseSharedName(withdrawing target: Int, in state: AllianceState)
        throws(AllianceError)
    {
        switch state.kind(of: target) {
        case .with, .without, .me: break
        case .sitting, .pack, .ask, .probe, .flip, .answer, .mine, .agree, .repair, .note, .checkin, .review,
            .retract, .amend, .close, .rule, .mute, .reload, .next, .later, .remark, nil:
            return
        }
        var after = state
        after.apply(
            Event(
                seq: state.lastSeq + 1, at: state.lastEventAt ?? Timestamp(milliseconds: 0),
                kind: .retract(target: target)))
        guard let me = after.facilitatorName,
            let other = after.participants.first(where: { $0.foldedForNames == me.foldedForNames })
        else { return }
        throw AllianceError(
            "withdrawing #\(target) would make you and \(other) both \(me): /me NAME gives you another name first"
                .terminalSafe, at: .command("/undo"))
    }
}
