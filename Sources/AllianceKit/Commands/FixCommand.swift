extension ShellCommand {
    static let fix = ShellCommand(
        "fix", summary: "ask the rewrite a flag offered instead of the flagged question",
        details: """
            When a rule flags a question you typed and offers a better one ("Try: …"), `/fix` withdraws the
            flagged question and asks the offered one. Both stay in the history.
            """,
        run: { _, context throws(AllianceError) in
            let state = context.state
            let sitting = state.sittings.last?.seq ?? 0
            guard
                let notice = state.notices.last(where: { posted in
                    posted.seq > sitting && posted.notice.fix != nil
                        && posted.notice.about.map { !state.isRetracted($0) } == true
                })?.notice, let about = notice.about, let fix = notice.fix
            else {
                throw AllianceError("no flagged question with a fix in this sitting", at: .command("/fix"))
            }
            // A flagged follow-up stays a follow-up in its thread.
            let replacement: EventKind
            if case .probe(_, let thread, _) = state.event(about)?.kind {
                replacement = .probe(text: fix, thread: thread, key: "typed")
            } else {
                replacement = .ask(Asked(text: fix))
            }
            return Outcome(events: [
                Outcome.Record(kind: .retract(target: about)), Outcome.Record(kind: replacement),
            ])
        })
}
