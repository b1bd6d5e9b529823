extension ShellCommand {
    static let flip = ShellCommand(
        "flip", Signature([.text("TEXT", optional: true)]),
        summary: "turn what they want to avoid into what they want",
        details: """
            Reflects what someone does not want back to them and asks what they want instead ("I don't
            want to do the dishes" → "You don't want to do the dishes. What would you like instead?"),
            using a rewrite rule of the loaded plugins first when one fits (`/rules` lists them). A narrow
            question ("what do you like about your job?") becomes one about the ideal, and a question with
            you at its centre ("how can I motivate you?") one that leaves it with them ("what motivates
            you?"). Without TEXT it flips the last answer. A flipped question opens a new thread; a
            flipped answer follows up in its thread.
            """,
        sharesHistory: false,
        run: { arguments, context throws(AllianceError) in
            let state = context.state
            let given = arguments["TEXT"].map { unquoted($0) ?? $0.trimmed } ?? ""
            let source: String
            let thread: Int?
            if given.isEmpty {
                guard let answer = state.lastAnswer else {
                    throw AllianceError(
                        "nothing to flip yet: type the words to flip, e.g. /flip I don't like being micromanaged",
                        at: .command("/flip"))
                }
                source = answer.text
                thread = answer.thread
            } else {
                source = given
                thread = Flip.isQuestion(given) ? nil : state.openThread
            }
            guard let question = Flip.question(flipping: source, rules: context.rules) else {
                throw AllianceError(
                    "\"\(source)\" already asks what they want: /probe to go deeper", at: .command("/flip"))
            }
            return .record(.flip(text: question, from: source, thread: thread))
        })
}
