extension ShellCommand {
    static let mine = ShellCommand(
        "mine", usage: "mine [TEXT]",
        summary: "answer the open question yourself", takesText: true,
        details: """
            Records your own answer to the open question ("my tendency is…"): designing an alliance is
            a two-way street. Without TEXT it shows the question again as your turn.
            """,
        run: { arguments, context throws(AllianceError) in
            let state = context.state
            let text = arguments.trimmed
            if text.isEmpty {
                guard let thread = state.openThread, let question = state.question(thread) else {
                    throw AllianceError(
                        "no question is open: `ask` one, or `mine TEXT` to say something of your own",
                        at: "mine")
                }
                return .show([Line("Your turn: \(question.text)", .question)])
            }
            return .record(.mine(text: text, to: state.openThread))
        })
}
