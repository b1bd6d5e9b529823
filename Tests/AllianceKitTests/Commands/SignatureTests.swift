import Testing

@testable import AllianceKit

/// How one declaration reads every command's arguments (`Signature.parse`).
@Suite struct SignatureTests {
    func parse(_ command: ShellCommand, _ line: String) throws -> Arguments {
        try command.signature.parse(line, command: command.name)
    }

    @Test func optionsGoAnywhereAndTheTextGoesOnAfterThem() throws {
        let agreed = try parse(.agree, "We meet --by 2027-01-15 on Fridays --know it is in both calendars")
        #expect(agreed["TEXT"] == "We meet on Fridays")
        #expect(agreed.options == ["--by": "2027-01-15", "--know": "it is in both calendars"])
        let first = try parse(.agree, "--by 2027-01-15 We meet")
        #expect(first["TEXT"] == "We meet" && first.options["--by"] == "2027-01-15")
        let known = try parse(.agree, #"We meet --know "“in both” calendars""#)
        #expect(known.options["--know"] == "“in both” calendars")
    }

    @Test func textKeepsItsSpacingAndAQuotedOptionIsText() throws {
        #expect(try parse(.note, "two  spaces\tand a tab ").values == ["TEXT": "two  spaces\tand a tab"])
        let quoted = try parse(.note, #"keep "--force" in the note"#)
        #expect(quoted["TEXT"] == #"keep "--force" in the note"# && quoted.options.isEmpty)
        #expect(try parse(.note, "-- is a dash").values == ["TEXT": "-- is a dash"])
        #expect(throws: AllianceError.self) { try parse(.note, "--private") }
    }

    @Test func aFlagHasAnEmptyValue() throws {
        let note = try parse(.note, "--private she seemed tired")
        #expect(note.has("--private") && note.options["--private"] == "")
        #expect(note["TEXT"] == "she seemed tired")
        #expect(try parse(.agreements, "--history").has("--history"))
        #expect(!(try parse(.agreements, "")).has("--history"))
    }

    @Test func aDoubleDashEndsTheLineWithANote() throws {
        let adjusted = try parse(.adjust, "A1 Fridays at 4 --by 2027-02-01 -- Mondays -- clash")
        #expect(adjusted.values == ["A1": "A1", "WORDING": "Fridays at 4"])
        #expect(adjusted.options == ["--by": "2027-02-01"])
        #expect(adjusted.note == "Mondays -- clash")
        #expect(try parse(.adjust, "A1 Fridays --").note == nil)
        // Only a command that takes a note reads one: elsewhere `--` is text.
        #expect(try parse(.note, "a -- b").values == ["TEXT": "a -- b"])
    }

    /// An optional word that does not fit is skipped, so `/keep Thanks` is a note and
    /// `/keep A2 Thanks` names A2.
    @Test func anOptionalWordIsTakenOnlyWhenItFits() throws {
        #expect(try parse(.keep, "Thanks for this").values == ["NOTE": "Thanks for this"])
        #expect(try parse(.keep, "a2 Thanks").values == ["A1": "a2", "NOTE": "Thanks"])
        #expect(try parse(.repair, "Apples first").values == ["TEXT": "Apples first"])
        #expect(try parse(.repair, "A12").values == ["A1": "A12"])
        #expect(
            try parse(.rules, "mute pacing/too-many-questions").values == [
                "mute | unmute": "mute", "RULE": "pacing/too-many-questions",
            ])
        #expect(
            try parse(.rules, "pacing/too-many-questions").values == ["RULE": "pacing/too-many-questions"])
    }

    /// Entry numbers and counts: `12` or `#12`, positive, plain ASCII digits, at most nine.
    @Test(
        arguments: [
            ("12", 12), ("#12", 12), ("000000007", 7), ("999999999", 999_999_999), ("0", nil), ("-3", nil),
            ("#", nil), ("1234567890", nil), ("١٢", nil), ("12a", nil), ("", nil), ("+5", nil),
        ] as [(String, Int?)])
    func numbers(_ word: String, _ value: Int?) {
        #expect(Signature.number(word) == value)
    }

    @Test func theUsageListsFlagsFirstThenArgumentsThenValuedOptionsThenTheNote() {
        let signature = Signature(
            [.word("A", optional: true), .text("B")],
            options: [.word("--at", "WHEN", "when"), .flag("--quiet", "quietly")], takesNote: true)
        #expect(signature.usage == "[--quiet] [A] B [--at WHEN] [-- NOTE]")
        #expect(Signature().usage.isEmpty)
    }
}
