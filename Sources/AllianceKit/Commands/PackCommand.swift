extension ShellCommand {
    static let pack = ShellCommand(
        "pack", Signature([.word("ID", optional: true, candidates: { context in context.packs.ids })]),
        summary: "show the active pack, or switch to another",
        run: { arguments, context throws(AllianceError) in
            guard let id = arguments["ID"] else {
                let pack = try context.activePack(for: .command("/pack"))
                return .show(describe(pack, state: context.state))
            }
            guard let pack = context.packs[id.lowercased()] else {
                throw AllianceError(
                    "no pack \"\(id)\" (/packs lists them)".terminalSafe, at: .command("/pack"))
            }
            if context.state.activePack == pack.id { return .show(describe(pack, state: context.state)) }
            return Outcome(
                events: [Outcome.Record(kind: .pack(id: pack.id, hash: pack.hash))],
                lines: describe(pack, state: context.state))
        })

    static func describe(_ pack: Pack, state: AllianceState) -> [Line] {
        let asked = pack.questions.filter { state.hasAsked(pack: pack.id, question: $0.question.id) }.count
        var lines = [
            Line(
                "\(pack.title) (\(pack.id)): \(pack.questionCount) questions, \(asked) asked".terminalSafe,
                .heading)
        ]
        if let forWhen = pack.forWhen { lines.append(Line("  For: \(forWhen)".terminalSafe, .dim)) }
        for section in pack.sections {
            let done = section.questions.filter { state.hasAsked(pack: pack.id, question: $0.id) }.count
            lines.append(
                Line(
                    "  \(section.slug.padded(to: 22)) \(done)/\(section.questions.count)  \(section.title)"
                        .terminalSafe, .dim))
        }
        return lines
    }
}
