extension ShellCommand {
    static let drop = ShellCommand(
        "drop", Signature([reviewedAgreement, .text("NOTE", optional: true)]),
        summary: "drop an agreement; it stays in the history",
        run: { arguments, context throws(AllianceError) in
            try review(
                .drop, agreement: arguments["A1"], text: arguments["NOTE"], due: nil, note: nil, context)
        })
}
