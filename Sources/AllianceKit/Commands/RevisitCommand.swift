extension ShellCommand {
    static let revisit = ShellCommand(
        "revisit",
        Signature([
            // An id, a prefix of one, or a participant's name or words of the title (`/revisit sam
            // reyes`). Tab offers only ids (a file in sessions/ may be called anything), listed with
            // their title and people; only a line naming an id goes into the shared history.
            .text(
                "SESSION", candidates: { context in context.sessionIDs().filter(DataHome.isValidSessionID) },
                labels: { ids, context in SessionSummary.labels(for: ids, among: context.sessionSummaries()) }
            )
        ]),
        summary: "close this sitting and open a new sitting of another alliance",
        run: { arguments, context throws(AllianceError) in
            let reference = arguments["SESSION"] ?? ""
            // Checked before anything closes: a mistyped id keeps this sitting open.
            do throws(AllianceError) {
                _ = try context.resolveSession(reference)
            } catch {
                var refused = AllianceError(
                    error.message + "; this sitting stays open", at: .command("/revisit"))
                refused.details = error.details
                throw refused
            }
            return Outcome(effect: .revisit(reference))
        })
}
