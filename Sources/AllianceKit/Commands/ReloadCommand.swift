extension ShellCommand {
    static let reload = ShellCommand(
        "reload", summary: "load packs and plugins again, to try an edit at once",
        details: """
            Reads every pack and plugin directory again (bundled, your own, and any --packs or --plugins),
            reports what is wrong with any file, and carries on with what loads. The log records what the
            shell runs with from then on.
            """,
        run: { _, _ throws(AllianceError) in Outcome(effect: .reload) })
}
