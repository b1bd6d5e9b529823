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
                    throw AllianceError("nothing to undo in this sitting", at: "undo")
                }
                return .record(.retract(target: target))
            }
            guard let event = state.event(target) else {
                throw AllianceError("there is no entry #\(target) (/log shows them)", at: "undo")
            }
            if let by = state.retracted[target] {
                throw AllianceError("#\(target) was already withdrawn by #\(by)", at: "undo")
            }
            guard event.kind.isRetractable else {
                throw AllianceError(
                    "#\(target) is \(Transcript.summary(of: event.kind, by: event.by)): only what was said or recorded can be withdrawn"
                        .terminalSafe, at: "undo")
            }
            return .record(.retract(target: target))
        })
}
