extension ShellCommand {
    static let agree = ShellCommand(
        "agree", usage: "agree [TEXT] [--by DATE] [--know HOW]",
        summary: "record an agreement, or see both sides' answers to negotiate from", takesText: true,
        details: """
            Records an agreement that everyone accepts, with the next id (A1, A2, …); ids are never
            reused. Say what, by when (`--by 2027-01-15`), and how each of you will know it is kept
            (`--know "…"`); `due` lists what is coming due. Without TEXT it shows the open question with
            each person's answers beside yours, to negotiate from. `agree --revise A2 TEXT` gives A2 new
            wording (the same as `adjust A2 TEXT`); the old wording stays in its history.
            """,
        run: { arguments, context throws(AllianceError) in
            let state = context.state
            let text = arguments.trimmed
            if text.isEmpty {
                guard let thread = state.openThread, let question = state.question(thread) else {
                    throw AllianceError("no question is open: `agree TEXT` records an agreement", at: "agree")
                }
                return .show(
                    sideBySide(
                        question: question, answers: state.answers(inThread: thread), width: context.width))
            }
            if text.hasPrefix("--revise") {
                return try adjust.run(String(text.dropFirst("--revise".count)), context)
            }
            let (words, options) = try parseOptions(text, allowed: ["--by", "--know"], command: "agree")
            guard !words.isEmpty else {
                throw AllianceError("the agreement itself is missing: agree TEXT [--by DATE]", at: "agree")
            }
            return .record(
                .agree(
                    id: state.nextAgreementID, text: words, thread: state.openThread, due: options["--by"],
                    know: options["--know"]))
        })

    /// The question, then their answers in the left column and yours in the right.
    static func sideBySide(question: AllianceState.Question, answers: [AllianceState.Answer], width: Int)
        -> [Line]
    {
        var lines = [Line(question.text.terminalSafe, .question)]
        let theirs = answers.filter { $0.by != .facilitator }
        let yours = answers.filter { $0.by == .facilitator }
        if theirs.isEmpty && yours.isEmpty {
            lines.append(
                Line("No answers yet: what they say is recorded as you type it; `mine` records yours.", .dim))
            return lines
        }
        let column = max((min(width, 120) - 5) / 2, 20)
        let left = theirs.flatMap { answer in
            "\(answer.by.stored): \(answer.text)".terminalSafe.wrapped(to: column)
        }
        let right = yours.flatMap { "you: \($0.text)".terminalSafe.wrapped(to: column) }
        lines.append(Line("  " + "them".padded(to: column) + " │ you", .dim))
        for row in 0..<max(left.count, right.count) {
            let l = row < left.count ? left[row] : ""
            let r = row < right.count ? right[row] : ""
            lines.append(Line("  " + l.padded(to: column) + " │ " + r))
        }
        if yours.isEmpty {
            lines.append(Line("You have not answered yet: `mine TEXT` before you agree.", .dim))
        }
        return lines
    }
}
