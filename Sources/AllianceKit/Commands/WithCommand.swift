extension ShellCommand {
    static let with = ShellCommand(
        "with",
        Signature([.text("NAME", optional: true, candidates: { context in context.state.participants })]),
        summary: "add someone, or switch to someone already here: their answers are recorded from then on",
        details: """
            `/with Zoë` adds Zoë if she is new, or switches to her if she is already taking part; the shell
            says which. A first name finds someone already here (`/with amara` finds Amara Okafor), with
            or without accents and capitals. With no name, lists who is taking part. `@Name text` records
            one answer for someone else; `/without NAME` ends someone's part in the sitting.
            """,
        sharesHistory: false,
        run: { arguments, context throws(AllianceError) in
            let state = context.state
            guard let typed = arguments["NAME"] else {
                guard !state.participants.isEmpty else {
                    return .show([Line("No one has joined yet: /with NAME adds someone.", .dim)])
                }
                return .show(
                    state.participants.map { p in
                        Line(
                            (p == state.current ? "* " : "  ") + p.terminalSafe,
                            p == state.current ? .plain : .dim)
                    })
            }
            let name = unquoted(typed) ?? typed.trimmed
            switch state.people(matching: name) {
            case .one(let existing):
                if existing == state.current {
                    return .show([Line("Answers already go to \(existing.terminalSafe).", .dim)])
                }
                return .record(.with(name: existing))
            case .several(let names):
                throw ambiguousName(name, names, at: .command("/with"))
            case .none:
                // Someone who left is brought back as they are typed, not added a second time.
                let person: String
                switch state.formerPeople(matching: name) {
                case .one(let former): person = former
                case .several(let names): throw ambiguousName(name, names, at: .command("/with"))
                case .none:
                    try validateName(name, at: .command("/with"))
                    person = name
                }
                // Transcripts tell the facilitator from a participant only by name.
                if let me = state.facilitatorName, me.foldedForNames == person.foldedForNames {
                    throw AllianceError(
                        "\(me.terminalSafe) is your own name in this alliance (/me): choose another for them",
                        at: .command("/with"))
                }
                return .record(.with(name: person))
            }
        })

    /// Names are shown in prompts and transcripts and typed after `@`: keep them plain.
    package static func validateName(_ name: String, at command: AllianceError.Location) throws(AllianceError)
    {
        guard !name.isEmpty else { throw AllianceError("the name is empty", at: command) }
        guard name.count <= 60, name.split(separator: " ").count <= 3 else {
            throw AllianceError("a name is at most three words and 60 characters", at: command)
        }
        guard !name.unicodeScalars.contains(where: \.isControlForTerminal) else {
            throw AllianceError("a name cannot hold control characters", at: command)
        }
        guard let first = name.first, first != "@", first != ">", first != "\"", first != "/" else {
            throw AllianceError("a name cannot start with @, >, / or a quote", at: command)
        }
        guard !Actor.reservedNames.contains(name.lowercased()) else {
            throw AllianceError("\"\(name)\" is a name the log keeps for itself: choose another", at: command)
        }
    }

    /// "sam could be Sam Reyes or Sam Okafor: type more of the name"
    static func ambiguousName(_ typed: String, _ names: [String], at command: AllianceError.Location)
        -> AllianceError
    {
        AllianceError(
            "\"\(typed)\" could be \(names.joined(separator: " or ")): type more of the name (nothing was recorded)"
                .terminalSafe, at: command)
    }
}
