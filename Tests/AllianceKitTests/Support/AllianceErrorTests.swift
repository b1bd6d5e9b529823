import Testing

@testable import AllianceKit

/// The one place a report becomes the line a user reads.
@Suite struct AllianceErrorTests {
    @Test func aMessageNamesItsSeverityFirst() {
        #expect(
            AllianceError("no question is open", at: .command("/agree")).rendered()
                == "error: /agree: no question is open")
        #expect(AllianceError("no session \"x\"").rendered() == "error: no session \"x\"")
        #expect(
            AllianceError("checksum mismatch", at: .file("log.jsonl", line: 3), severity: .warning).rendered()
                == "warning: log.jsonl:3: checksum mismatch")
        #expect(AllianceError("saved as 2026-x", severity: .note).rendered() == "saved as 2026-x")
        #expect(
            AllianceError("unknown option", at: .command("alliance replay")).rendered()
                == "error: alliance replay: unknown option")
    }

    @Test func aFindingReadsAsACompilersWithItsSeverityAfterThePlace() {
        #expect(
            AllianceError.finding(
                "section \"S\" has no questions", at: .file("trip.md", line: 12), severity: .warning
            )
            .rendered() == "trip.md:12: warning: section \"S\" has no questions")
        #expect(
            AllianceError("not a regular file", at: .file("dir/folder.md")).asFinding().rendered()
                == "dir/folder.md: error: not a regular file")
        #expect(AllianceError("cannot list").asFinding().rendered() == "error: cannot list")
    }

    @Test func aScriptErrorNamesTheInputLineThenTheCommand() {
        let error = AllianceError("no question is open", at: .command("/agree"))
        let placed = error.within(.file("<stdin>", line: 3))
        #expect(placed.rendered() == "error: <stdin>:3: /agree: no question is open")
        #expect(placed.location == "<stdin>:3: /agree")
        #expect(
            AllianceError("no command /x").within(.file("<stdin>", line: 4)).rendered()
                == "error: <stdin>:4: no command /x")
    }

    @Test func onlyTheErrorLabelIsColouredAndTheTextIsMadeSafe() {
        let error = AllianceError("a \u{1B}[2J name", at: .addressee("Ses\u{202E}sion"))
        #expect(error.rendered(color: true) == "\u{1B}[31merror:\u{1B}[0m @Ses<U+202E>sion: a ^[[2J name")
        #expect(error.rendered() == "error: @Ses<U+202E>sion: a ^[[2J name")
        #expect(error.with(.warning).rendered(color: true) == "warning: @Ses<U+202E>sion: a ^[[2J name")
    }

    @Test func eachKindOfPlaceReadsAsAUserTypesIt() {
        let atLine = AllianceError("checksum mismatch", at: .file("log.jsonl", line: 3))
        #expect(atLine.location == "log.jsonl:3")
        #expect(atLine.description == "log.jsonl:3: checksum mismatch")
        #expect(atLine.located(.file("elsewhere")) == atLine)
        #expect(AllianceError("x").located(.file("a.md")).location == "a.md")
        #expect(AllianceError("x", at: .option("--with")).rendered() == "error: --with: x")
        #expect(AllianceError("x", at: .addressee("Zoë")).rendered() == "error: @Zoë: x")
        #expect(AllianceError("x", at: .command("/agree")).rendered() == "error: /agree: x")
    }
}
