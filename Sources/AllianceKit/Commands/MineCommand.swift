extension ShellCommand {
    static let mine = ShellCommand(
        "mine", Signature([.text("TEXT", optional: true)]),
        summary: "answer the open question yourself",
        details: """
            Records your own answer to the open question ("my tendency is…"): designing an alliance is
            a two-way street. Without TEXT it shows the question again as your turn.
            """,
        sharesHistory: false,
        run: { arguments, context throws(AllianceError) in
            let state = context.state
            guard let text = arguments["TEXT"] else {
                guard let thread = state.openThread, let question = state.question(thread) else {
                    throw AllianceError(
                        "no question is open: /ask one, or /mine TEXT to say something of your own",
                        at: .command("/mine"))
                }
                return .show([Line("Your turn: \(question.text)".terminalSafe, .question)])
            }
            return .record(.mine(text: text, to: state.openThread))
        })
}
