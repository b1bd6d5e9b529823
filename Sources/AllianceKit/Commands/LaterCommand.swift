extension ShellCommand {
    static let later = ShellCommand(
        "later",
        Signature([
            .text(
                "@NAME", optional: true,
                candidates: { context in context.state.participants.map { "@" + $0 } })
        ]),
        summary: "take the open question away, to answer at the next sitting",
        details: """
            For someone who does not know yet: they take the question away and observe themselves until
            the next sitting. `/later` takes the open question away for the person answering, `/later @Name`
            for someone else. The close of the sitting lists what was taken away, the next sitting's greeting
            shows it first, and there `/ask` with nothing after it asks it again before anything new. It
            stays open until that person answers it in a later sitting. `/undo` withdraws it.
            """,
        sharesHistory: false,
        run: { arguments, context throws(AllianceError) in
            let state = context.state
            guard let thread = state.openThread, let question = state.question(thread) else {
                throw AllianceError(
                    "no question is open to take away: /ask one first", at: .command("/later"))
            }
            let person: String
            if let given = arguments["@NAME"] {
                var typed = unquoted(given) ?? given.trimmed
                if typed.hasPrefix("@") { typed.removeFirst() }
                switch state.people(matching: typed) {
                case .one(let name): person = name
                case .several(let names): throw ambiguousName(typed, names, at: .command("/later"))
                case .none:
                    throw AllianceError(
                        "no one called \"\(typed)\" is taking part (/with lists who is)".terminalSafe,
                        at: .command("/later"))
                }
            } else {
                guard let current = state.current else {
                    throw AllianceError(
                        "no one is answering: /with NAME adds someone, or /later @Name",
                        at: .command("/later"))
                }
                person = current
            }
            if let taken = state.openTakeAways.first(where: {
                $0.person.lowercased() == person.lowercased()
                    && state.question($0.thread).map { AllianceState.sameQuestion($0, question) } == true
            }) {
                throw AllianceError(
                    "\(person) has already taken this question away (#\(taken.seq))".terminalSafe,
                    at: .command("/later"))
            }
            return .record(.later(thread: thread, name: person))
        })
}
