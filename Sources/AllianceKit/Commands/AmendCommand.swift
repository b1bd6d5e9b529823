extension ShellCommand {
    static let amend = ShellCommand(
        "amend", Signature([.number("N"), .text("WORDING")]),
        summary: "correct the wording of entry N: an answer, your answer, a note or a question",
        details: """
            `/amend 12 Fridays, not Mondays` records a corrected wording of entry 12 (as numbered by ✓ #12
            and /log). Nothing is deleted: replay shows the corrected text and keeps the original in its
            history; exports show the correction. An agreement changes with /adjust A1 instead.
            """,
        sharesHistory: false,
        run: { arguments, context throws(AllianceError) in
            let state = context.state
            guard let target = arguments["N"].flatMap(Signature.number), let event = state.event(target)
            else {
                throw AllianceError(
                    "there is no entry \(arguments["N"] ?? "") (/log shows them)".terminalSafe,
                    at: .command("/amend"))
            }
            if let by = state.retracted[target] {
                throw AllianceError(
                    "#\(target) was withdrawn by #\(by): there is nothing to correct", at: .command("/amend"))
            }
            let wording = arguments["WORDING"] ?? ""
            switch event.kind {
            case .answer, .mine, .note, .ask, .probe, .flip, .repair, .remark:
                guard wording != state.currentText(of: target) else {
                    return .show([Line("#\(target) already reads that way.", .dim)])
                }
                return .record(.amend(target: target, text: wording))
            case .agree(let id, _, _, _, _, _):
                throw AllianceError(
                    "#\(target) is agreement \(id): /adjust \(id) NEW WORDING changes it and keeps its history",
                    at: .command("/amend"))
            case .sitting, .with, .pack, .checkin, .review, .retract, .amend, .without, .me, .close, .rule,
                .mute, .reload, .next, .later:
                throw AllianceError(
                    "#\(target) is \(Transcript.kindOfEntry(event.kind)): only answers, notes and questions can be amended"
                        .terminalSafe, at: .command("/amend"))
            }
        })
}
