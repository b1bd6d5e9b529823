extension ShellCommand {
    static let me = ShellCommand(
        "me", Signature([.text("NAME", optional: true)]),
        summary: "the name you go by in this alliance (transcripts and exports use it)",
        details: """
            `/me Dad` records your own name for the alliance, so your answers read "Dad: …" rather than
            "you: …" in transcripts and exports. `--me NAME` on the command line does the same. With no
            name, shows the one in use.
            """,
        sharesHistory: false,
        run: { arguments, context throws(AllianceError) in
            guard let typed = arguments["NAME"] else {
                let name = context.state.facilitatorName
                return .show([
                    Line(
                        name.map { "You are \($0) in this alliance." }?.terminalSafe
                            ?? "You have no name here yet: /me NAME gives you one.", .dim)
                ])
            }
            let name = unquoted(typed) ?? typed.trimmed
            try validateName(name, at: .command("/me"))
            if name == context.state.facilitatorName {
                return .show([Line("You are already \(name.terminalSafe) here.", .dim)])
            }
            // As people type names: "zoe" is Zoë's name too.
            if let other = context.state.participants.first(where: {
                $0.foldedForNames == name.foldedForNames
            }) {
                throw AllianceError(
                    "\(other.terminalSafe) is taking part already: choose a name that is yours alone",
                    at: .command("/me"))
            }
            return .record(.me(name: name))
        })
}
