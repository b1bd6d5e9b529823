import Testing

@testable import AllianceKit

/// Tab on a prepared index must offer exactly what lowercasing and filtering every candidate did.
@Suite(.removingTemporaryDirectories) struct CompletionIndexTests {
    static let candidates = [
        "trust", "Trust", "trust", "trust-2", "q1", "q10", "q2", "Q1", "café", "cafe\u{301}", "CAFÉ",
        "\u{212A}elvin", "kelvin", "straße", "STRASSE", "İstanbul", "istanbul", "", "a\r\nb", "a", "ab",
        "money", "when-it-gets-hard", "日本", "ǅemal",
    ]

    static let words = [
        "", "t", "T", "tr", "TRUST", "trust-", "q", "q1", "Q1", "q10", "x", "caf", "café", "CAFE\u{301}", "k",
        "K", "\u{212A}", "stra", "STRASS", "straß", "i", "İ", "a", "a\r", "a\r\n", "日", "ǆ", "ǅ", "when",
        "money!", " ",
    ]

    @Test(arguments: words)
    func theIndexMatchesAsTheFilterDoes(_ word: String) {
        let index = CompletionIndex(Self.candidates)
        #expect(index.matching(word) == Completer.matching(Self.candidates, word), "\(word.debugDescription)")
    }

    @Test func askCompletesTheSameAsBeforeOnEveryBundledPack() throws {
        let session = try newSession()
        for pack in bundledPacks.packs {
            let all = pack.questions.map(\.question.id) + pack.sections.map(\.slug)
            for word in ["", "a", "w", "wh", "what", "q", "zz", "-"]
                + all.prefix(5).map({ String($0.prefix(3)) })
            {
                #expect(
                    pack.completions.matching(word) == Completer.matching(all, word), "\(pack.id) \(word)")
            }
            _ = session.execute("/pack \(pack.id)")
            #expect(
                Completer.complete("/ask ", context: session.context).candidates
                    == Completer.matching(all, "")
            )
        }
    }

    @Test func changingAPacksSectionsChangesWhatTabOffers() throws {
        var p = try pack("# T\n## S\n- What builds trust? {#trust}\n")
        #expect(p.completions.matching("") == ["trust", "s"])
        p.sections[0].questions.append(Pack.Question(id: "time", text: "When?", probes: [], line: 4))
        #expect(p.completions.matching("t") == ["trust", "time"])
        p.sections.append(Pack.Section(title: "Time", slug: "time-2", questions: []))
        #expect(p.completions.matching("ti") == ["time", "time-2"])
    }
}
