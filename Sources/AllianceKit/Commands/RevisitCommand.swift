extension ShellCommand {
    static let revisit = ShellCommand(
        "revisit",
        Signature([
            // Only names /revisit takes: a file in sessions/ may be called anything.
            .word(
                "SESSION", candidates: { context in context.sessionIDs().filter(DataHome.isValidSessionID) })
        ]),
        summary: "close this sitting and open a new sitting of another alliance",
        run: { arguments, context throws(AllianceError) in
            let reference = arguments["SESSION"] ?? ""
            // Checked before anything closes: a mistyped id keeps this sitting open.
            do throws(AllianceError) {
                _ = try context.resolveSession(reference)
            } catch {
                throw AllianceError(error.message + "; this sitting stays open", at: .command("/revisit"))
            }
            return Outcome(effect: .revisit(reference))
        })
}
