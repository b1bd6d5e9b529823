extension ShellCommand {
    static let quit = ShellCommand(
        "quit", summary: "close the sitting (Ctrl-D does too)",
        run: { _, _ throws(AllianceError) in Outcome(effect: .quit) })
}
