extension ShellCommand {
    static let without = ShellCommand(
        "without",
        Signature([.text("NAME", candidates: { context in context.state.participants })]),
        summary: "end someone's part in this sitting (what they said stays)",
        details: """
            Records that someone has left the conversation: they are no longer offered for answers, and
            if their answers were being recorded, the next person's are. Everything they said stays in the
            alliance. `/with NAME` brings them back.
            """,
        sharesHistory: false,
        run: { arguments, context throws(AllianceError) in
            let name = arguments["NAME"].map { unquoted($0) ?? $0.trimmed } ?? ""
            switch context.state.people(matching: name) {
            case .one(let person): return .record(.without(name: person))
            case .several(let names): throw ambiguousName(name, names, at: .command("/without"))
            case .none:
                throw AllianceError(
                    "no one called \"\(name)\" is taking part (/with lists who is)".terminalSafe,
                    at: .command("/without"))
            }
        })
}
