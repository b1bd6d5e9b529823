import Testing

@testable import AllianceKit

@Suite struct TimestampTests {
    @Test func formatsAndParsesTheStoredForm() throws {
        let text = "2026-11-25T06:40:12.345Z"
        let t = try #require(Timestamp(text))
        #expect(t.description == text)
        #expect(t.stamped(in: .utc) == "2026-11-25 06:40 UTC")
        #expect(Timestamp(milliseconds: 0).description == "1970-01-01T00:00:00.000Z")
        #expect(Timestamp("2024-02-29T23:59:59.999Z")?.description == "2024-02-29T23:59:59.999Z")
    }

    @Test func aMomentIsShownOnTheClockOfTheZoneAskedFor() throws {
        let t = try #require(Timestamp("2026-12-03T13:05:59.999Z"))
        #expect(t.minute(in: .utc) == "2026-12-03 13:05")
        #expect(t.stamped(in: .utc) == "2026-12-03 13:05 UTC")
        #expect(t.stamped(in: .fixed(minutes: 60)) == "2026-12-03 14:05 +01:00")
        #expect(t.stamped(in: .fixed(minutes: 345)) == "2026-12-03 18:50 +05:45")
        #expect(t.stamped(in: .fixed(minutes: -570)) == "2026-12-03 03:35 -09:30")
        // The stored form is UTC whatever the zone.
        #expect(t.description == "2026-12-03T13:05:59.999Z")
    }

    @Test func theCalendarDateIsTheZonesDay() throws {
        let late = try #require(Timestamp("2027-01-10T07:15:00.000Z"))
        #expect(late.calendarDate(in: .utc).description == "2027-01-10")
        #expect(late.calendarDate(in: .fixed(minutes: -480)).description == "2027-01-09")
        #expect(late.calendarDate(in: .fixed(minutes: 60)).description == "2027-01-10")
        let newYear = try #require(Timestamp("2026-12-31T15:00:00.000Z"))
        #expect(newYear.calendarDate(in: .fixed(minutes: 540)).description == "2027-01-01")
        #expect(newYear.minute(in: .fixed(minutes: 540)) == "2027-01-01 00:00")
        // Before 1970 too (floor, not truncation).
        let early = try #require(Timestamp("1969-12-31T23:30:00.000Z"))
        #expect(early.calendarDate(in: .fixed(minutes: 60)).description == "1970-01-01")
        #expect(Timestamp(milliseconds: 0).calendarDate(in: .fixed(minutes: -1)).description == "1969-12-31")
    }

    @Test(arguments: [
        "2026-11-25T06:40:12Z", "2026-13-25T06:40:12.345Z", "2026-11-25 06:40:12.345Z", "", "garbage",
    ])
    func rejectsOtherForms(_ text: String) {
        #expect(Timestamp(text) == nil)
    }
}

@Suite struct ChecksumTests {
    @Test func crc32MatchesZlib() {
        #expect(CRC32.hex(Array("123456789".utf8)) == "cbf43926")
        #expect(CRC32.hex([]) == "00000000")
    }

    @Test func sha256MatchesTheStandardVectors() {
        #expect(
            SHA256.hex(Array("abc".utf8))
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        let long = Array(String(repeating: "a", count: 1000).utf8)
        #expect(SHA256.hex(long) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    /// Lengths either side of each padding boundary (from Python's hashlib).
    @Test(arguments: [
        (55, "e7313d333c272e639f790978283f9eb392e843d0f29b7016828bb1daa4aac70b"),
        (56, "4324d65f3c103567f5589c710bc08f8523f929a9272e3af36fc968e52abc6c27"),
        (63, "81c80242132f230c3bd41b3e63bbcff16107339549214a99614ff26664625055"),
        (64, "39e3d7b6b5d075d37d053ad89b24b41bef4f3c29760c84447cab3f3be1882241"),
        (65, "aacca6ff74fdbb296d165a45cecfa04e5127bc008770fbbdd48006f2d2fae95e"),
        (119, "9ce7368e4daf32341631b492e80359dc9f594b48453cd0dd5bf0b19279cc177e"),
        (120, "7836b787757e95e58b3ca5aec90b1b004e8deba1e50e9675af9cabf1a13a04b5"),
        (128, "d2742f1f4ac6bb7ca2b239ee18402ba8b3f9f8e652d2a72973c2b9ba11c08cf6"),
        (1000, "1e9bc38cbf860b9ec31918b065f9b52476c549a782e0e7990bed8ce3868d2371"),
    ])
    func sha256AtEveryPaddingBoundary(length: Int, expected: String) {
        #expect(SHA256.hex((0..<length).map { UInt8(($0 * 7 + 3) % 256) }) == expected)
    }
}

@Suite struct TextTests {
    /// The byte-level check `terminalSafe` starts with agrees with the scalar definition, for every
    /// scalar of the Basic Multilingual Plane and some beyond, alone and between other text.
    @Test func theFastControlCheckAgreesWithTheScalarDefinition() {
        let scalars = (0..<0x1_0000).compactMap(Unicode.Scalar.init) + ["😀", "\u{10FFFF}"]
        for scalar in scalars {
            let alone = String(scalar)
            #expect(alone.hasControlForTerminal == scalar.isControlForTerminal, "U+\(scalar.value)")
            #expect(
                ("é" + alone + "x").hasControlForTerminal == scalar.isControlForTerminal, "U+\(scalar.value)")
        }
    }

    /// The same for the check that also finds bidi controls.
    @Test func theFastUnsafeCheckAgreesWithTheScalarDefinition() {
        let scalars = (0..<0x1_0000).compactMap(Unicode.Scalar.init) + ["😀", "\u{10FFFF}"]
        for scalar in scalars {
            let alone = String(scalar)
            #expect(alone.isTerminalSafe == !scalar.isShownVisibly, "U+\(scalar.value)")
            #expect(("é" + alone + "x").isTerminalSafe == !scalar.isShownVisibly, "U+\(scalar.value)")
        }
    }

    /// Bidi controls are shown by name, not obeyed: `evil\u{202E}txt.exe` cannot read as `exe.txt`.
    @Test func terminalSafeShowsBidiControlsByName() {
        #expect("evil\u{202E}txt.exe".terminalSafe == "evil<U+202E>txt.exe")
        #expect("a\u{200E}b\u{200F}c".terminalSafe == "a<U+200E>b<U+200F>c")
        #expect("\u{202A}\u{202B}\u{202C}\u{202D}".terminalSafe == "<U+202A><U+202B><U+202C><U+202D>")
        #expect("\u{2066}x\u{2067}y\u{2068}z\u{2069}".terminalSafe == "<U+2066>x<U+2067>y<U+2068>z<U+2069>")
        #expect("line\u{2028}para\u{2029}".terminalSafe == "line\\u{2028}para\\u{2029}")
        // An OSC 52 sequence (set the clipboard) is only text.
        #expect("\u{1B}]52;c;aGk=\u{07}".terminalSafe == "^[]52;c;aGk=^G")
        // Arabic and Hebrew letters are not controls: they stay.
        #expect("سلام שלום".terminalSafe == "سلام שלום")
        #expect("evil\u{202E}".isTerminalSafe == false)
        #expect("Zoë".isTerminalSafe)
        // Applying it twice changes nothing more.
        let once = "a\u{1B}b\u{85}c\u{202E}d".terminalSafe
        #expect(once.terminalSafe == once)
    }

    @Test func terminalSafeMakesControlCharactersVisible() {
        #expect("\u{1B}[31mred".terminalSafe == "^[[31mred")
        #expect("a\u{07}b\u{7F}".terminalSafe == "a^Gb^?")
        #expect("line\nbreak".terminalSafe == "line^Jbreak")
        #expect("\u{9B}x".terminalSafe == "\\u{9b}x")
        #expect("Zoë 🌟 café".terminalSafe == "Zoë 🌟 café")
    }

    @Test func slugs() {
        #expect("Trust & Safety".slug == "trust-safety")
        #expect("  When things get tough ".slug == "when-things-get-tough")
        #expect("Zoë's café".slug == "zoe-s-cafe")
        #expect("Férias em Família".slug == "ferias-em-familia")
        #expect("日本".slug == "")
        #expect("".slug == "")
        #expect("--A__b  9--".slug == "a-b-9")
        #expect("x_y".slug == "x-y")
        #expect("ABC def!".slug == "abc-def")
    }

    @Test func wrapsAtSpaces() {
        #expect("one two three four".wrapped(to: 10) == ["one two", "three four"])
        #expect("".wrapped(to: 10) == [""])
    }
}
