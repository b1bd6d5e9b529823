extension ShellCommand {
    static let revisit = ShellCommand(
        "revisit",
        Signature([.word("SESSION", candidates: { context in context.sessionIDs() })]),
        summary: "close this sitting and open a new sitting of another alliance",
        run: { arguments, _ throws(AllianceError) in
            var outcome = Outcome(quit: true)
            outcome.revisit = arguments["SESSION"]
            return outcome
        })
}
