extension ShellCommand {
    static let agree = ShellCommand(
        "agree",
        Signature(
            [.text("TEXT", optional: true)],
            options: [
                .word("--by", "DATE", "by when: 2027-01-15, friday, tomorrow, +3d, +2w, +1m"),
                .word(
                    "--every", "CADENCE",
                    "how often you check in on it: day, week, fortnight, month, 2w, 3m…",
                    candidates: { _ in ["day", "week", "fortnight", "month"] }),
                .text("--know", "HOW", "how each of you will know it is kept"),
                .word(
                    "--revise", "A1", "give agreement A1 this new wording (the same as /adjust A1 TEXT)",
                    candidates: { context in context.state.liveAgreements.map(\.id) }),
            ]),
        summary: "record an agreement, or see both sides' answers to negotiate from",
        details: """
            Records an agreement that everyone accepts, with the next id (A1, A2, …); ids are never
            reused. Say what, by when (`--by 2027-01-15`, `--by friday`, `--by +2w`), and how each of
            you will know it is kept (`--know …`). An agreement with no date is ongoing (never
            overdue); `--every week` (day, week, fortnight, month, 2w, 3m…) makes it due for a check-in
            that often instead. /due lists what is coming due. Without TEXT it shows the open question with
            each person's answers beside yours, to negotiate from. `/agree --revise A2 TEXT` gives A2 new
            wording (the same as `/adjust A2 TEXT`); the old wording stays in its history.
            """,
        sharesHistory: false,
        run: { arguments, context throws(AllianceError) in
            let state = context.state
            let (due, every) = try dates(arguments, context, command: "/agree")
            if let id = arguments.options["--revise"] {
                guard arguments.options["--know"] == nil else {
                    throw AllianceError(
                        "--know goes with a new agreement, not with --revise", at: .command("/agree"))
                }
                guard let text = arguments["TEXT"] else {
                    throw AllianceError(
                        "the new wording is missing: /agree --revise A1 TEXT", at: .command("/agree"))
                }
                return try review(
                    .adjust, agreement: id, text: text, due: due, note: nil, every: every, context,
                    command: "agree")
            }
            guard let text = arguments["TEXT"] else {
                guard arguments.options.isEmpty else {
                    throw AllianceError(
                        "the agreement itself is missing: /agree TEXT [--by DATE] [--every CADENCE] [--know HOW]",
                        at: .command("/agree"))
                }
                guard let thread = state.openThread, let question = state.question(thread) else {
                    throw AllianceError(
                        "no question is open: /agree TEXT records an agreement", at: .command("/agree"))
                }
                return .show(
                    sideBySide(
                        question: question, answers: state.answers(inThread: thread), state: state,
                        width: context.width))
            }
            return .record(
                .agree(
                    id: state.nextAgreementID, text: text, thread: state.openThread, due: due,
                    know: arguments.options["--know"], every: every))
        })

    /// The question, then their answers in the left column and yours in the right.
    static func sideBySide(
        question: AllianceState.Question, answers: [AllianceState.Answer], state: AllianceState, width: Int
    ) -> [Line] {
        var lines = [Line(question.text.terminalSafe, .question)]
        let theirs = answers.filter { $0.by != .facilitator }
        let yours = answers.filter { $0.by == .facilitator }
        if theirs.isEmpty && yours.isEmpty {
            lines.append(
                Line("No answers yet: what they say is recorded as you type it; /mine records yours.", .dim))
            return lines
        }
        let me = state.facilitatorName ?? "you"
        let column = max((min(width, 120) - 5) / 2, 20)
        let left = theirs.flatMap { answer in
            "\(answer.by.stored): \(answer.text)".terminalSafe.wrapped(
                to: column)
        }
        let right = yours.flatMap {
            "\(me): \($0.text)".terminalSafe.wrapped(to: column)
        }
        lines.append(Line("  " + "them".padded(to: column) + " │ \(me)".terminalSafe, .dim))
        for row in 0..<max(left.count, right.count) {
            let l = row < left.count ? left[row] : ""
            let r = row < right.count ? right[row] : ""
            lines.append(Line("  " + l.padded(to: column) + " │ " + r))
        }
        if yours.isEmpty {
            lines.append(Line("You have not answered yet: /mine TEXT before you agree.", .dim))
        }
        return lines
    }
}
