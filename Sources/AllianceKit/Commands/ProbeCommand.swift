extension ShellCommand {
    /// The pack whose questions are the generic follow-ups.
    package static let probesPackID = "probes"

    static let probe = ShellCommand(
        "probe", Signature([.text("WORD | QUESTION", optional: true)]),
        summary: "follow up on the answer to get the full picture",
        details: """
            Asks a follow-up in the open question's thread: first the question's own probes from its
            pack, then the generic ones of the `probes` pack, never one already asked in the thread.
            `/probe honesty` puts their word into it ("What does honesty mean to you?"); a whole question
            (`/probe What would honesty look like on a bad day?`) asks your own follow-up.
            """,
        run: { arguments, context throws(AllianceError) in
            let state = context.state
            guard let thread = state.openThread, let root = state.question(thread) else {
                throw AllianceError("nothing to follow up: /ask a question first", at: .command("/probe"))
            }
            let given = arguments["WORD | QUESTION"] ?? ""
            if let typed = unquoted(given) ?? (given.contains(" ") ? given : nil) {
                guard !typed.isEmpty else {
                    throw AllianceError(
                        "the quotes are empty: type the follow-up inside them", at: .command("/probe"))
                }
                return .record(.probe(text: typed, thread: thread, key: "typed"))
            }
            let word = given.trimmed
            var candidates: [(key: String, template: String)] = []
            if let packID = root.pack, let id = root.questionID,
                let question = context.packs[packID]?.question(id: id)
            {
                candidates += question.question.probes.enumerated().map {
                    ("\(packID)#\(id)/\($0.offset + 1)", $0.element)
                }
            }
            if let generic = context.packs[probesPackID] {
                candidates += generic.questions.map {
                    ("\(probesPackID)#\($0.question.id)", $0.question.text)
                }
            }
            let asked = state.probeKeys(inThread: thread)
            let open = candidates.filter { !asked.contains($0.key) }
            let chosen =
                word.isEmpty ? open.first : (open.first { $0.template.contains("{that}") } ?? open.first)
            guard let chosen else {
                let why =
                    candidates.isEmpty
                    ? "no follow-ups are loaded (the `probes` pack is missing)"
                    : "every follow-up has been asked on this question"
                throw AllianceError(
                    "\(why): ask your own with /probe QUESTION, or /flip, /mine or /agree",
                    at: .command("/probe"))
            }
            let text = Flip.capitalizeFirst(
                chosen.template.replacingAll("{that}", with: word.isEmpty ? "that" : word))
            return .record(.probe(text: text, thread: thread, key: chosen.key))
        })
}
