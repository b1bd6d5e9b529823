extension ShellCommand {
    static let log = ShellCommand(
        "log", Signature([.number("N", optional: true)]),
        summary: "show the last N entries of this alliance (default 15)",
        run: { arguments, context throws(AllianceError) in
            let count = arguments["N"].flatMap(Signature.number) ?? 15
            guard context.state.lastSeq > 0 else { return .show([Line("Nothing recorded yet.", .dim)]) }
            return .show(Array(Transcript.entries(context.state, zone: context.zone).suffix(count)))
        })
}
