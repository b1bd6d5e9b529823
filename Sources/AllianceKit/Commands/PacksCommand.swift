extension ShellCommand {
    static let packs = ShellCommand(
        "packs", summary: "list the loaded packs",
        run: { _, context throws(AllianceError) in
            guard !context.packs.packs.isEmpty else {
                return .show([Line("No packs are loaded: see docs/packs.md to write one.", .warning)])
            }
            let width = context.packs.ids.map(\.count).max() ?? 0
            return .show(
                context.packs.packs.map { pack in
                    let active = pack.id == context.state.activePack
                    let asked = pack.questions.filter {
                        context.state.hasAsked(pack: pack.id, question: $0.question.id)
                    }.count
                    return Line(
                        "\(active ? "*" : " ") \(pack.id.padded(to: width))  \(pack.title)  (\(pack.questionCount) questions, \(asked) asked)"
                            .terminalSafe,
                        active ? .plain : .dim)
                })
        })
}
