import Testing

@testable import AllianceKit

/// Ignoring case, a pattern folds with Unicode simple case folding, the same for a literal, a set,
/// a range and a negated set.
@Suite struct PatternCaseFoldTests {
    /// Scalars that fold to the same scalar, so each matches every other: σ/ς/Σ, s/ſ/S, I/i,
    /// k/K/K (Kelvin), ß/ẞ, µ (micro)/μ/Μ, θ/Θ/ϑ/ϴ, ι/Ι/ͅ/ι, Å/å/Å (Angstrom), Ǆ/ǅ/ǆ, and
    /// Cherokee, whose small letters fold to the capitals.
    static let classes: [[Unicode.Scalar]] = [
        ["σ", "ς", "Σ"], ["s", "ſ", "S"], ["i", "I"], ["k", "K", "\u{212A}"], ["ß", "ẞ"],
        ["\u{B5}", "μ", "Μ"], ["θ", "Θ", "ϑ", "ϴ"], ["ι", "Ι", "\u{345}", "\u{1FBE}"],
        ["Å", "å", "\u{212B}"], ["Ǆ", "ǅ", "ǆ"], ["\u{13A0}", "\u{AB70}"],
    ]

    /// Scalars that fold to themselves alone, though a case mapping joins them to a class above:
    /// dotless ı and dotted İ (only Turkic folding, which is not used, joins them to I and i).
    static let loners: [Unicode.Scalar] = ["ı", "İ"]

    func matches(_ pattern: String, _ text: Unicode.Scalar) throws -> Bool {
        try Pattern(pattern, ignoreCase: true).matches(String(text))
    }

    @Test(arguments: classes)
    func scalarsWithOneFoldMatchEachOtherAsLiteralsAndInSets(_ members: [Unicode.Scalar]) throws {
        for p in members {
            for t in members {
                #expect(try matches("^\(p)$", t), "literal \(p) against \(t)")
                #expect(try matches("^[\(p)]$", t), "[\(p)] against \(t)")
                #expect(try matches("^[x\(p)-\(p)]$", t), "range \(p)-\(p) against \(t)")
                #expect(try !matches("^[^\(p)]$", t), "[^\(p)] against \(t)")
                #expect(try Pattern("^\(p)$", ignoreCase: false).matches(String(t)) == (p == t))
            }
        }
    }

    @Test(arguments: loners)
    func dotlessAndDottedIMatchOnlyThemselves(_ loner: Unicode.Scalar) throws {
        for other in Self.loners + ["i", "I"] {
            let same = other == loner
            #expect(try matches("^\(loner)$", other) == same, "literal \(loner) against \(other)")
            #expect(try matches("^\(other)$", loner) == same, "literal \(other) against \(loner)")
            #expect(try matches("^[\(loner)]$", other) == same, "[\(loner)] against \(other)")
            #expect(try matches("^[\(other)]$", loner) == same, "[\(other)] against \(loner)")
            #expect(try matches("^[^\(loner)]$", other) == !same, "[^\(loner)] against \(other)")
        }
        #expect(try !matches("^[a-z]$", loner))
        #expect(try matches("^[^a-z]$", loner))
    }

    @Test func rangesHoldEveryScalarThatFoldsIntoThem() throws {
        for t: Unicode.Scalar in ["s", "S", "ſ", "k", "K", "\u{212A}"] {
            #expect(try matches("^[a-z]$", t), "[a-z] against \(t)")
            #expect(try matches("^[A-Z]$", t), "[A-Z] against \(t)")
            #expect(try !matches("^[^a-z]$", t), "[^a-z] against \(t)")
        }
        for t: Unicode.Scalar in ["ς", "Σ", "\u{B5}", "ϑ", "ϴ", "\u{345}"] {
            #expect(try matches("^[α-ω]$", t), "[α-ω] against \(t)")
            #expect(try !matches("^[^α-ω]$", t), "[^α-ω] against \(t)")
        }
        #expect(try !matches("^[a-z]$", "ß"))
        #expect(try matches("^[ß-ö]$", "ẞ"))
    }

    @Test func aWordIsFoundWhateverItsSpelling() throws {
        let pattern = try Pattern("\\bσοφός\\b")
        #expect(try pattern.matches("ΣΟΦΌΣ"))
        #expect(try pattern.matches("σοφός"))
        #expect(try Pattern("^[σς]+$").matches("ΣΣΣ"))
        #expect(try Pattern("^strasse$").matches("ſtraſſe"))
        #expect(try !Pattern("^strasse$").matches("straße"), "simple folding: ß is not ss")
    }

    /// The fold against Unicode 14's CaseFolding.txt (see CaseFoldFixture.swift for how the table
    /// was made), for every scalar the standard library knows was encoded by then.
    @Test func foldIsUnicodeSimpleCaseFolding() throws {
        var expected: [UInt32: UInt32] = [:]
        for line in caseFoldFixture.split(separator: "\n") {
            let fields = line.split(separator: " ")
            expected[UInt32(fields[0], radix: 16)!] = UInt32(fields[1], radix: 16)!
        }
        #expect(expected.count == 1454)
        var checked = 0
        var wrong: [String] = []
        for value in UInt32(0)...0x10FFFF {
            guard let s = Unicode.Scalar(value), let age = s.properties.age,
                (age.major, age.minor) <= caseFoldFixtureVersion
            else { continue }
            checked += 1
            let fold = Pattern.fold(s).value
            if fold != expected[value] ?? value { wrong.append("U+\(String(value, radix: 16)) → \(fold)") }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(20))")
        #expect(checked > 140_000)
        #expect(Set(expected.keys).isSubset(of: (0...0x10FFFF).filter { Unicode.Scalar($0) != nil }))
    }

    /// A set ignoring case tries every scalar of the input's fold class: scanning every scalar,
    /// each is among the scalars tried for its fold, and every scalar tried has that fold.
    @Test func everyScalarIsInItsFoldClass() {
        var missing: [String] = []
        var strangers: [String] = []
        for value in UInt32(0)...0x10FFFF {
            guard let s = Unicode.Scalar(value) else { continue }
            let f = Pattern.fold(s)
            if Pattern.fold(f) != f { missing.append("fold of U+\(String(value, radix: 16)) is not a fold") }
            if !Pattern.anyFolding(to: f, { $0 == s }) { missing.append("U+\(String(value, radix: 16))") }
            if value.isMultiple(of: 7) || Pattern.foldExtras(f.value) != (0, 0) {
                _ = Pattern.anyFolding(to: f) { member in
                    if Pattern.fold(member) != f { strangers.append("U+\(String(member.value, radix: 16))") }
                    return false
                }
            }
        }
        #expect(missing.isEmpty, "\(missing.prefix(20))")
        #expect(strangers.isEmpty, "\(strangers.prefix(20))")
    }
}
