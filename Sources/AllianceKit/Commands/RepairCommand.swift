extension ShellCommand {
    /// The pack whose questions `repair` asks, in order, when the active pack has no repair section.
    package static let repairPackID = "when-things-get-tough"

    static let repair = ShellCommand(
        "repair",
        Signature([
            .agreement(optional: true, candidates: { context in context.state.liveAgreements.map(\.id) }),
            .text("TEXT", optional: true),
        ]),
        summary: "plan for things going off track, or record how an agreement is repaired",
        details: """
            `/repair` asks the next question of the active pack's repair section when the pack has one
            (its front matter says `repair: SECTION`), else of the when-things-get-tough pack (the signs
            someone is stressed, what helps then, how you will repair); the answers are the repair plan.
            `/repair TEXT` adds a line to the plan. `/repair A2` records that agreement A2 went off track
            and asks what would repair it; `/repair A2 TEXT` records how it is repaired.
            """,
        run: { arguments, context throws(AllianceError) in
            let state = context.state
            if let id = arguments["A1"] {
                guard let agreement = state.agreement(id) else {
                    throw AllianceError(
                        "no agreement \(id.uppercased()) (/agreements lists them)", at: .command("/repair"))
                }
                guard let text = arguments["TEXT"] else {
                    let question =
                        "\(agreement.id) went off track (“\(agreement.text)”). What happened, and what would help us repair it?"
                    return .record(.ask(Asked(text: question, move: .repair, agreement: agreement.id)))
                }
                return .record(.repair(text: text, agreement: agreement.id))
            }
            if let text = arguments["TEXT"] { return .record(.repair(text: text, agreement: nil)) }
            // The active pack's own repair section when it declares one (words that fit the people
            // in front of you), else the when-things-get-tough pack.
            let own = state.activePack.flatMap { context.packs[$0] }.flatMap { pack in
                pack.repair.map { (pack, $0) }
            }
            let questions: [(section: Pack.Section, question: Pack.Question)]
            let pack: Pack
            if let (active, section) = own {
                pack = active
                questions = section.questions.map { (section, $0) }
            } else {
                guard let tough = context.packs[repairPackID] else {
                    throw AllianceError(
                        "the \(repairPackID) pack is not loaded: /repair TEXT records a plan in your words",
                        at: .command("/repair"))
                }
                pack = tough
                questions = tough.questions
            }
            guard
                let next = questions.first(where: {
                    !state.hasAsked(pack: pack.id, question: $0.question.id)
                })
            else {
                return .show([
                    Line(
                        "Every repair question of \(pack.title) has been asked in this alliance."
                            .terminalSafe, .warning),
                    Line(
                        "Record more of the plan with /repair TEXT, or a broken agreement with /repair A1.",
                        .dim),
                ])
            }
            return .record(.ask(asked(next.question, in: next.section, of: pack, move: .repair)))
        })

    static func isAgreementID(_ word: String) -> Bool {
        guard let first = word.first, first == "A" || first == "a", word.count > 1 else { return false }
        return word.dropFirst().allSatisfy(\.isASCII) && word.dropFirst().allSatisfy(\.isNumber)
    }
}
