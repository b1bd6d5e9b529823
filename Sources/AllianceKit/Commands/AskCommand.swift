extension ShellCommand {
    static let ask = ShellCommand(
        "ask",
        Signature([
            .text(
                "ID | SECTION | QUESTION", optional: true,
                candidates: { context in
                    guard let pack = context.state.activePack.flatMap({ context.packs[$0] }) else {
                        return []
                    }
                    return pack.questions.map(\.question.id) + pack.sections.map(\.slug)
                },
                index: { context in context.state.activePack.flatMap { context.packs[$0] }?.completions })
        ]),
        summary: "ask the next question of the pack, one by id or section, or your own",
        details: """
            With nothing after it, first asks again what someone took away at an earlier sitting (/later)
            and has not answered since, then the next question of the active pack that has not been asked
            in this alliance (earlier sittings included); with no pack chosen yet, it lists the packs and
            who each is for, and asks nothing. With a question id or a section name (Tab lists
            both), asks that one. With your own words (`/ask What motivates you?`), asks them. Read the
            question aloud; what you type next is the answer.
            """,
        run: { arguments, context throws(AllianceError) in
            let given = arguments["ID | SECTION | QUESTION"] ?? ""
            if let typed = unquoted(given) {
                guard !typed.isEmpty else {
                    throw AllianceError(
                        "the quotes are empty: type the question inside them", at: .command("/ask"))
                }
                return .record(.ask(Asked(text: typed)))
            }
            let word = given.trimmed
            if word.contains(" ") { return .record(.ask(Asked(text: word))) }
            if word.isEmpty, let takeAway = context.state.takeAwaysToAskAgain.first {
                return askAgain(takeAway, context.state)
            }
            if context.state.activePack == nil {
                // No pack chosen: list them, so the coach picks one that fits (nothing is recorded);
                // a question id of one pack still asks it, and the coach's own question is theirs.
                if word.isEmpty { return .show(choosePack(context.packs, width: context.width)) }
                if word.hasSuffix("?") || word.hasSuffix("？") { return .record(.ask(Asked(text: word))) }
                return .record(.ask(try askByID(word, packs: context.packs)))
            }
            let pack = try context.activePack(for: .command("/ask"))
            if word.isEmpty {
                guard
                    let next = pack.questions.first(where: {
                        !context.state.hasAsked(pack: pack.id, question: $0.question.id)
                    })
                else {
                    return .show([
                        Line("Every question in \(pack.title) has been asked in this alliance.", .warning),
                        Line(
                            "Next: /pack ID for another pack (/packs lists them), /repair to design repair, or /agreements to review.",
                            .dim),
                    ])
                }
                return .record(.ask(asked(next.question, in: next.section, of: pack)))
            }
            if let found = pack.question(id: word.lowercased()) {
                return .record(.ask(asked(found.question, in: found.section, of: pack)))
            }
            if let section = pack.sections.first(where: { $0.slug == word.slug }) {
                guard
                    let next = section.questions.first(where: {
                        !context.state.hasAsked(pack: pack.id, question: $0.id)
                    })
                else {
                    throw AllianceError(
                        "every question in section \"\(section.title)\" has been asked; try another section",
                        at: .command("/ask"))
                }
                return .record(.ask(asked(next, in: section, of: pack)))
            }
            if word.hasSuffix("?") || word.hasSuffix("？") { return .record(.ask(Asked(text: word))) }
            throw AllianceError(
                "no question or section \"\(word)\" in \(pack.id) (Tab lists them); to ask your own, type the whole question",
                at: .command("/ask"))
        })

    /// The question someone took away, asked again as it was (the same pack question, so the
    /// answer lands on it), with their answers recorded from here.
    static func askAgain(_ takeAway: AllianceState.TakeAway, _ state: AllianceState) -> Outcome {
        guard let question = state.question(takeAway.thread) else { return Outcome() }
        var events: [Outcome.Record] = []
        if let person = state.participant(named: takeAway.person), person != state.current {
            events.append(Outcome.Record(kind: .with(name: person)))
        }
        events.append(
            Outcome.Record(
                kind: .ask(
                    Asked(
                        text: question.text, pack: question.pack, question: question.questionID,
                        section: question.section))))
        return Outcome(
            events: events,
            lines: [
                Line(
                    "  (\(takeAway.person) took this away at sitting \(takeAway.sitting); their answer closes it)"
                        .terminalSafe, .dim)
            ])
    }

    /// The question an id names when no pack is chosen: the one pack (not a helper pack) that has
    /// a question with that id, else an error that lists the packs having it or says to choose one.
    static func askByID(_ word: String, packs: PackLibrary) throws(AllianceError) -> Asked {
        let id = word.lowercased()
        let helpers: Set = [probesPackID, repairPackID]
        let having = packs.packs.filter { !helpers.contains($0.id) && $0.question(id: id) != nil }
        if having.count == 1, let found = having[0].question(id: id) {
            return asked(found.question, in: found.section, of: having[0])
        }
        guard having.isEmpty else {
            throw AllianceError(
                "\"\(word)\" is a question of \(having.map(\.id).joined(separator: ", ")): choose the pack first with /pack ID"
                    .terminalSafe, at: .command("/ask"))
        }
        throw AllianceError(
            "no pack is chosen and no pack has a question \"\(word)\": /ask lists the packs, /pack ID picks one; to ask your own, type the whole question"
                .terminalSafe, at: .command("/ask"))
    }

    /// The `ask` of `question`: a question of the pack's repair section is a repair question
    /// (`move: repair`) however it is asked, so its answers join the repair plan and the rules
    /// see that repair was designed.
    static func asked(_ question: Pack.Question, in section: Pack.Section, of pack: Pack, move: Move = .ask)
        -> Asked
    {
        let move = section.slug == pack.repairSection ? .repair : move
        return Asked(
            text: question.text, move: move, pack: pack.id, question: question.id, section: section.slug)
    }
}
