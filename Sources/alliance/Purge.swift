import AllianceKit
import ArgumentParser
import LineEditor

struct Purge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Forget an alliance: remove its log, its history and everything alliance keeps of it.",
        discussion: """
            Asks you to type its id or yes on a terminal; in a script, pass --yes. Copies elsewhere \
            (backups, sync folders, exports) are not reached.
            """)

    @OptionGroup var homeOptions: HomeOptions

    @Argument(
        help:
            "A session id, a unique prefix of one, or a participant's name or words of the title (\"sam reyes\")."
    )
    var session: String

    @Flag(name: .long, help: "Do not ask for confirmation (for scripts).")
    var yes = false

    func run() throws {
        let home = try homeOptions.unlockedHome()
        try home.check()
        let target = try AllianceKit.Purge.target(session, in: home)
        if !yes {
            guard Terminal.isInteractive else {
                throw AllianceError(
                    "purge asks for confirmation on a terminal; in a script, pass --yes (nothing was purged)",
                    at: .command("alliance purge"))
            }
            print(
                "Purge \(target.id) (\(target.sittings) sitting\(target.sittings == 1 ? "" : "s"))? This removes its log and cannot be undone."
            )
            Terminal.write("Type its id or yes to purge it: ")
            guard case .line(let answer) = PlainLineReader().readLine(prompt: ""),
                [target.id, "yes"].contains(answer.trimmed)
            else {
                print("Nothing was purged.")
                throw ExitCode.failure
            }
        }
        for line in try AllianceKit.Purge.run(target, in: home) { print(line.terminalSafe) }
    }
}
