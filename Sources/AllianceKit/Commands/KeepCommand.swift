extension ShellCommand {
    static let keep = ShellCommand(
        "keep", Signature([reviewedAgreement, .text("NOTE", optional: true)]),
        summary: "keep an agreement as it is (in a check-in)",
        run: { arguments, context throws(AllianceError) in
            try review(
                .keep, agreement: arguments["A1"], text: arguments["NOTE"], due: nil, note: nil, context)
        })
}
