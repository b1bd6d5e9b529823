extension ShellCommand {
    static let flip = ShellCommand(
        "flip", usage: "flip [TEXT]",
        summary: "turn what they want to avoid into what they want", takesText: true,
        details: """
            Applies the first rewrite rule of the loaded plugins that matches (`rules` lists them). The bundled
            ones turn words about what someone does not want ("I don't like being micromanaged") into a
            question about what they want instead, a narrow question ("what do you like about your job?")
            into one about the ideal, and a question with you at its centre ("how can I motivate you?")
            into one that leaves it with them ("what motivates you?"). Without TEXT it flips the last
            answer. A flipped question opens a new thread; a flipped answer follows up in its thread.
            """,
        run: { arguments, context throws(AllianceError) in
            let state = context.state
            let given = unquoted(arguments) ?? arguments.trimmed
            let source: String
            let thread: Int?
            if given.isEmpty {
                guard let answer = state.lastAnswer else {
                    throw AllianceError(
                        "nothing to flip yet: type the words to flip, e.g. flip I don't like being micromanaged",
                        at: "flip")
                }
                source = answer.text
                thread = answer.thread
            } else {
                source = given
                thread = Flip.isQuestion(given) ? nil : state.openThread
            }
            let question: String
            if let rewritten = context.rules.rewrite(source) {
                question = rewritten.text
            } else if Flip.isQuestion(source) {
                throw AllianceError(
                    "\"\(source)\" already asks what they want: `probe` to go deeper", at: "flip")
            } else {
                question = Flip.fallback(forAnswer: source)
            }
            return .record(.flip(text: question, from: source, thread: thread))
        })
}
