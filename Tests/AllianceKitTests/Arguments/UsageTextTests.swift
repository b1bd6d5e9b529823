import Testing

@testable import AllianceKit

@Suite struct UsageTextTests {
    @Test func anErrorNamesTheCommandItWasGivenToWithThatCommandsUsage() {
        #expect(
            UsageText.lines(
                "Missing expected argument '<session>'", path: ["replay"], usage: "alliance replay <session>")
                == [
                    "error: alliance replay: missing expected argument '<session>'",
                    "Usage: alliance replay <session>",
                    "  See 'alliance replay --help' for more information.",
                ])
    }

    @Test func atTheTopItSaysHowToStartTheShellOrACommand() {
        #expect(
            UsageText.lines("'due' is not a command", path: [], usage: nil) == [
                "error: alliance: 'due' is not a command",
                "Usage: alliance [<options>]           (the shell; 'alliance shell --help' lists them)",
                "       alliance <command> [<options>] ('alliance --help' lists the commands)",
            ])
    }

    @Test func aListOfValuesKeepsItsOwnLines() {
        let lines = UsageText.lines(
            "The value 'x' is invalid. Please provide one of the following:\n  - a\n  - b", path: ["export"],
            usage: "alliance export")
        #expect(
            Array(lines.prefix(3)) == [
                "error: alliance export: the value 'x' is invalid. Please provide one of the following:",
                "  - a", "  - b",
            ])
    }

    @Test func aMovedOptionSaysWhichGlobalOptionsTheCommandTakes() {
        #expect(
            UsageText.explainingMoved("Unknown option '--packs'", usage: "alliance sessions [--home <DIR>]")
                == "Unknown option '--packs' (of --home, --packs and --plugins it takes only --home)")
        #expect(
            UsageText.explainingMoved("Unknown option '--home'", usage: "alliance plugins lint <paths> ...")
                == "Unknown option '--home' (it takes none of --home, --packs, --plugins)")
    }
}
