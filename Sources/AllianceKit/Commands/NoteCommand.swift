extension ShellCommand {
    static let note = ShellCommand(
        "note",
        Signature(
            [.text("TEXT")], options: [.flag("--private", "for you alone: left out of exports")]),
        summary: "write a note; a private one is for you alone and left out of exports",
        sharesHistory: false,
        run: { arguments, _ throws(AllianceError) in
            .record(.note(text: arguments["TEXT"] ?? "", isPrivate: arguments.has("--private")))
        })
}
