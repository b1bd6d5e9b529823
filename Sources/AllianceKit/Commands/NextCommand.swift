extension ShellCommand {
    static let next = ShellCommand(
        "next",
        Signature([
            .word(
                "DATE", optional: true, what: "a date",
                candidates: { _ in ["today", "tomorrow", "+1w", "+2w", "+1m"] + CalendarDate.weekdays })
        ]),
        summary: "set when you will check in on this alliance next, or see it",
        details: """
            `/next friday` records the next check-in; the greeting of the next sitting and /due show
            it, and `alliance export ID --format ics` puts it in a calendar. A date is `2027-01-15`, a
            weekday (`friday`, `fri`: the next one after today), `today`, `tomorrow`, `+3d`, `+2w` or
            `+1m`; a date in the past is refused. `/next` alone shows the date set.
            """,
        run: { arguments, context throws(AllianceError) in
            guard let text = arguments["DATE"] else {
                guard let line = context.state.nextCheckinLine(today: context.today) else {
                    return .show([
                        Line("No next check-in set: /next DATE sets one (friday, +2w, 2027-01-15).", .dim)
                    ])
                }
                return .show([line])
            }
            let date = try futureDate(text, option: "", today: context.today, command: .command("/next"))
            // The transcript confirms it: `✓ #N next check-in Fri 2026-12-11`.
            return .record(.next(date: date.description))
        })
}
