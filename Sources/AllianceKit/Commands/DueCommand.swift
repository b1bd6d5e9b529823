extension ShellCommand {
    static let due = ShellCommand(
        "due", summary: "commitments due or overdue, across every alliance in the data home",
        run: { _, context throws(AllianceError) in
            let today = context.today
            var rows: [(due: String, line: Line)] = []
            for (id, state) in [(nil as String?, context.state)]
                + context.otherAlliances().map({ ($0.id as String?, $0.state) })
            {
                let who = state.participants.joined(separator: ", ")
                for agreement in state.liveAgreements {
                    guard let due = agreement.due, let days = daysBetween(today, due), days <= 7 else {
                        continue
                    }
                    let when =
                        days < 0
                        ? "overdue \(plural(-days, "day"))"
                        : days == 0 ? "due today" : "due in \(plural(days, "day"))"
                    let alliance = id.map { "\($0)\(who.isEmpty ? "" : " (\(who))")" } ?? "this alliance"
                    rows.append(
                        (
                            due,
                            Line(
                                "  \(due)  \(when.padded(to: 16))  \(alliance)  \(agreement.id)  \(agreement.text)"
                                    .terminalSafe, days < 0 ? .warning : .plain)
                        ))
                }
            }
            guard !rows.isEmpty else {
                return .show([Line("Nothing due in the next 7 days (today is \(today)).", .dim)])
            }
            return .show(
                [Line("Due or overdue, and due within 7 days (today is \(today)):", .heading)]
                    + rows.sorted { $0.due < $1.due }.map(\.line))
        })
}
