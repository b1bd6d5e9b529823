import Testing

@testable import LineEditor

@Suite struct CompletionLayoutTests {
    @Test func commonPrefixIgnoresCaseAndKeepsTheFirstSpelling() {
        #expect(EditLineReader.commonPrefix(["agree", "agreements"]) == "agree")
        #expect(EditLineReader.commonPrefix(["Zoë", "zoey"]) == "Zo")
        #expect(EditLineReader.commonPrefix(["ask", "probe"]) == "")
        #expect(EditLineReader.commonPrefix([]) == "")
    }

    @Test func columnsFitTheWidth() {
        let text = EditLineReader.columns(["ask", "agree", "agreements", "repair"], width: 30)
        let rows = text.split(separator: "\n")
        #expect(rows.count == 2)
        #expect(rows.allSatisfy { $0.count <= 30 })
        #expect(rows[0].hasPrefix("ask         agree"))
    }

    @Test func historySavesPrivatelyAndLoadsBack() throws {
        let path = "/tmp/alliance-history-test-\(UInt32.random(in: 0...UInt32.max))"
        defer { _ = unlinkFile(path) }
        let history = try #require(LineHistory())
        history.add("help")
        history.add("ask trust")
        #expect(history.save(to: path))
        #expect(fileMode(path) == 0o600)
        let again = try #require(LineHistory())
        #expect(again.load(from: path))
        #expect(again.save(to: path))
    }
}

#if canImport(Glibc)
    import Glibc

    func fileMode(_ path: String) -> UInt32 {
        var info = stat()
        stat(path, &info)
        return UInt32(info.st_mode) & 0o777
    }

    func unlinkFile(_ path: String) -> Int32 { unlink(path) }
#endif

@Suite struct CompletionSafetyTests {
    /// What the line editor never lists or types into the line, whatever the completer offers.
    @Test func controlAndBidiCharactersAreUnsafe() {
        for text in [
            "\u{1B}]52;c;aGk=\u{07}", "a\u{85}", "a\u{9B}", "a\u{7F}", "a\u{2028}", "x\u{202E}y", "\u{2066}",
            "\u{200F}",
        ] {
            #expect(EditLineReader.hasUnsafeScalar(text), "\(text.unicodeScalars.map(\.value))")
        }
        for text in ["Zoë", "Amara Okafor", "/ask", "שלום", "🌟"] {
            #expect(!EditLineReader.hasUnsafeScalar(text))
        }
    }
}
