extension ShellCommand {
    static let adjust = ShellCommand(
        "adjust",
        Signature(
            [reviewedAgreement, .text("WORDING")],
            options: [.word("--by", "DATE", "a new date (YYYY-MM-DD)")], takesNote: true),
        summary: "give an agreement new wording; the old stays in its history",
        run: { arguments, context throws(AllianceError) in
            let due = try arguments.options["--by"].map { date throws(AllianceError) in
                try validDate(date, option: "--by", command: .command("/adjust"))
            }
            return try review(
                .adjust, agreement: arguments["A1"], text: arguments["WORDING"], due: due,
                note: arguments.note,
                context)
        })
}
