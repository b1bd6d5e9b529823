extension ShellCommand {
    static let adjust = ShellCommand(
        "adjust",
        Signature(
            [reviewedAgreement, .text("WORDING", optional: true)],
            options: [
                .word("--by", "DATE", "a new date: 2027-01-15, friday, tomorrow, +3d, +2w, +1m"),
                .word(
                    "--every", "CADENCE", "a new cadence: day, week, fortnight, month, 2w, 3m…",
                    candidates: { _ in ["day", "week", "fortnight", "month"] }),
            ], takesNote: true),
        summary: "give an agreement new wording, a new date or cadence; the old stays in its history",
        run: { arguments, context throws(AllianceError) in
            let (due, every) = try dates(arguments, context, command: "/adjust")
            // The wording may stay as it is when only the date or the cadence changes.
            guard arguments["WORDING"] != nil || due != nil || every != nil else {
                throw AllianceError(
                    "give new wording, --by DATE or --every CADENCE (usage: /adjust [A1] [WORDING] [--by DATE] [--every CADENCE] [-- NOTE])",
                    at: .command("/adjust"))
            }
            return try review(
                .adjust, agreement: arguments["A1"], text: arguments["WORDING"], due: due,
                note: arguments.note, every: every, context)
        })
}
