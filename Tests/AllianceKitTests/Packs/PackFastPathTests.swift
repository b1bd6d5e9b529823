import Foundation
import TestSupport
import Testing

@testable import AllianceKit

/// The pack parser's fast paths (lines split by bytes, the small front matter reader, `trimmed`)
/// must give exactly what the general code gives.
@Suite struct PackFastPathTests {
    /// `trimmed` as it was written first: scalar by scalar.
    static func referenceTrimmed(_ text: String) -> String {
        var scalars = Substring(text).unicodeScalars
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }

    static let awkwardTexts = [
        "", " ", "\t\n", "a", " a ", "\u{00A0}a\u{3000}", "\u{2028}x\u{2029}", "\u{85}y\u{85}",
        "\u{1C}z\u{1F}", "e\u{301} ", " \u{301}e", "\r\n a \r\n", "é", " 日本 ", "\u{200B}a\u{200B}",
        "\u{FEFF}b", "a\u{0B}\u{0C}", "  two  words  ", " \u{00A0} a \u{00A0} ", "  é  ", " \u{301}", "\t \n",
        "What now? ", " x",
    ]

    @Test func trimmedMatchesTheScalarByScalarVersion() {
        for text in Self.awkwardTexts {
            #expect(text.trimmed == Self.referenceTrimmed(text), "\(Array(text.unicodeScalars))")
            #expect(text.trimmed.unicodeScalars.elementsEqual(Self.referenceTrimmed(text).unicodeScalars))
        }
    }

    /// Lines end at every line feed, CRLF included, with the carriage return before it dropped.
    @Test func linesSplitAtEveryLineFeed() {
        let texts = [
            "", "\n", "a\nb", "a\r\nb\r\n", "a\rb\n", "a\n\r", "x\r", "\r", "é\n\u{301}b\n", "a\n\nb\n\n",
            "mixed\r\nand\nlines\r", "日本\n語",
        ]
        for text in texts {
            let expected = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map {
                $0.last == "\r"
                    ? String(String.UnicodeScalarView($0.dropLast())) : String(String.UnicodeScalarView($0))
            }
            let got = Pack.splitLines(text)
            #expect(got == expected, "\(text.debugDescription)")
            #expect(
                got.map { Array($0.unicodeScalars) } == expected.map { Array($0.unicodeScalars) },
                "\(text.debugDescription)")
        }
    }

    /// A pack saved with Windows line endings is the same pack (it was one long line: no title).
    @Test func aPackWithWindowsLineEndingsReadsAsTheSamePack() throws {
        let text = """
            ---
            id: crlf-pack
            title: A pack from Windows
            tags: [trust]
            ---

            # Intro

            ## Trust {#trust}

            - What builds trust for you? {#q1}
              - What does that look like?
            - What breaks it? {#q2}
            """
        let windows = text.replacingOccurrences(of: "\n", with: "\r\n")
        let (unix, _) = try Pack.parse(bytes: Array(text.utf8), path: "p.md")
        let (crlf, warnings) = try Pack.parse(bytes: Array(windows.utf8), path: "p.md")
        #expect(warnings.isEmpty)
        #expect(crlf.title == "A pack from Windows")
        #expect(crlf.sections == unix.sections)
        #expect(crlf.questionCount == 2)
    }

    static let lines = [
        "", "-", "- ", "- a", "-a", "* What?", "+ x", "-\u{301} x", "- \u{301}x", "- éa", "1. One", "a", "#",
        "- What builds trust? {#trust}", "What? {#a-b_c}", "What?{#x}", "What? {x}", "What? {#}", "{#}", "}",
        "{", "x {#a} y", "Qué? {#que}", "Qué?\u{301}{#que}", "What? {\u{301}#x}", "What? {#x\u{301}}",
        "What? {#X}", "What? {#a}}", "What? {{#a}", "- - nested", "日本 {#jp}", "\r{#a}", "a\r\n{#a}",
        "\u{0600}{#a}", "x \u{0600}{#a}",
    ]

    @Test(
        arguments: lines + [
            "Trust & Safety", "Férias em Família", "  a--b  ", "A1 b2", "---", "ABC_def",
            String(repeating: "a", count: 64), String(repeating: "a", count: 65),
        ])
    func slugsAndIDChecksAgreeWithTheScalarVersions(_ text: String) {
        #expect(Pack.isValidID(text) == referenceIsValidID(text))
    }

    func referenceIsValidID(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 64
            && id.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
            }
    }

    @Test func replacingAllSkipsOnlyWhatCannotBeThere() {
        let texts = [
            "", "plain", "It\u{2019}s", "a ?", "a\u{037E}", "\u{212A}elvin", "\u{1FEF}x", "e\u{301} ?",
            "?\u{301}",
            "\u{201C}quoted\u{201D}", "don't", "a ,b",
        ]
        let targets = [
            "\u{2019}", "\u{2018}", "\u{201C}", "\u{201D}", " ?", " ,", "'", ";", "`", "K", "?", "é",
        ]
        for text in texts {
            for target in targets where String.bytesAbsent(target, from: text) {
                #expect(!text.contains(target), "\(text.debugDescription) \(target.debugDescription)")
                #expect(text.replacingAll(target, with: "X") == text)
            }
        }
        #expect("It\u{2019}s".straightQuotes == "It's")
        #expect(!String.bytesAbsent(";", from: "a\u{037E}"))
    }

    @Test func stemsAreTheFileNamesFirstPart() {
        let paths = [
            "trip.md", "/x/trip.md", "/x/Férias em Família.md", "..x.md", "/a.b/c", "noext", "/", "", "dir/",
            ".md",
            "a\r\nb.md", "/x/e\u{301}.md", "a/\u{301}b.md", "packs/bench-pack-0001.md", "x/...", "./a.yaml",
        ]
        for path in paths {
            #expect(
                Files.stem(of: path) == Files.fileName(of: path).split(separator: ".").first.map(String.init),
                "\(path.debugDescription)")
        }
    }
}
