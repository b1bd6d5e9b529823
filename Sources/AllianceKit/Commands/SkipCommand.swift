extension ShellCommand {
    static let skip = ShellCommand(
        "skip", summary: "leave the agreement in a check-in for later",
        run: { _, context throws(AllianceError) in
            try review(.skip, agreement: nil, text: nil, due: nil, note: nil, context)
        })
}
