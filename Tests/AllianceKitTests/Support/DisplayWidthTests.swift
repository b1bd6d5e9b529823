import Testing

@testable import AllianceKit

/// How many terminal columns text takes, for tables a coach reads (`alliance sessions`).
@Suite struct DisplayWidthTests {
    @Test(arguments: [
        ("Sam Reyes", 9),
        ("", 0),
        ("Zoë", 3),
        ("Zoe\u{308}", 3),  // e and a combining diaeresis: one column
        ("王小明", 6),  // CJK ideographs: two columns each
        ("김민준", 6),  // Hangul syllables
        ("\u{1100}\u{1161}\u{11A8}", 2),  // the same syllable as jamo: one wide cell
        ("ＡＢ", 4),  // fullwidth Latin
        ("ｱｲ", 2),  // halfwidth katakana stay narrow
        ("👍", 2),
        ("👨\u{200D}👩\u{200D}👧", 2),  // one family emoji, joined
        ("🇫🇷", 2),
        ("❤\u{FE0F}", 2),  // asked for as a picture
        ("a\u{200B}b", 2),  // a zero-width space takes nothing
        ("Ωμέγα", 5),
    ])
    func columns(_ text: String, _ width: Int) {
        #expect(text.displayWidth == width, "\(text.debugDescription)")
    }

    @Test func padsToColumnsNotCharacters() {
        #expect("王".padded(toColumns: 4) == "王  ")
        #expect("Zoë".padded(toColumns: 4) == "Zoë ")
        #expect("Sam Reyes".padded(toColumns: 3) == "Sam Reyes")
    }

    @Test func tablesLineUpWideNamesByColumns() {
        let lines = Table.lines([
            ["ID", "WITH", "TITLE"], ["a1", "王小明", "Trip"], ["b2", "Zoë", "Allowance"],
        ])
        #expect(lines == ["ID  WITH    TITLE", "a1  王小明  Trip", "b2  Zoë     Allowance"])
    }

    @Test func controlsInCellsAreShownAndCounted() {
        let lines = Table.lines([["A", "B"], ["x\u{1B}", "y"], ["long", "z"]])
        #expect(lines == ["A     B", "x^[   y", "long  z"])
    }
}
