import Testing

@testable import AllianceKit

/// A repeat whose pass matched nothing stops there, as in Perl and RE2. The expectations are
/// Python's `re` (a backtracking engine like Perl's; Perl 5.36 gives the same spans), printed by
/// `re.search(p, s)`: the whole match's span, then each group's text.
@Suite struct PatternEmptyRepeatTests {
    @Test(
        arguments: [
            (#"(?:.*?)*"#, "ab", 0..<0, []),
            (#"(|a)*"#, "aa", 0..<0, [""]),
            (#"(|a)+"#, "aa", 0..<0, [""]),
            (#"(?:a*)*b"#, "aab", 0..<3, []),
            (#"(?:a?)+?"#, "aa", 0..<1, []),
            (#"(a*)*"#, "b", 0..<0, [""]),
            (#"(a*)+"#, "b", 0..<0, [""]),
            (#"(a|b)*?c"#, "abc", 0..<3, ["b"]),
            (#"(?:a??)*"#, "aa", 0..<0, []),
            (#"(a??)+"#, "aa", 0..<0, [""]),
            (#"(?:|a)*?b"#, "aab", 0..<3, []),
            (#"(a*?)*"#, "aa", 0..<0, [""]),
            (#"(?:(a)|b)*"#, "ab", 0..<2, ["a"]),
            (#"(a|ab)(c|bcd)(d*)"#, "abcd", 0..<4, ["a", "bcd", ""]),
            (#"(?:a*)+"#, "aa", 0..<2, []),
            (#"(?:a*)*"#, "aa", 0..<2, []),
            (#"(?:a|)*?x"#, "aax", 0..<3, []),
            (#"(?:.*?){2,}"#, "ab", 0..<0, []),
            (#"(?:x*)*y"#, "xxy", 0..<3, []),
            (#"((a)|b)+"#, "ab", 0..<2, ["b", "a"]),
            (#"(a|b)*"#, "ab", 0..<2, ["b"]),
            (#"(?:a|b)+?"#, "ab", 0..<1, []),
            (#"(?:(a)|(b)|)*"#, "ab", 0..<2, ["a", "b"]),
            (#"(a*)*?b"#, "aab", 0..<3, ["aa"]),
            (#"(a*){2,}"#, "aa", 0..<2, [""]),
        ] as [(String, String, Range<Int>, [String?])])
    func matchesLikePerl(_ pattern: String, _ text: String, _ range: Range<Int>, _ groups: [String?]) throws {
        let m = try #require(try Pattern(pattern).firstMatch(in: text))
        #expect(m.range == range)
        #expect(m.groups == groups)
    }

    /// Where Pattern and Perl differ: the groups of a repeat that ends with a pass matching
    /// nothing. Perl and Python count that empty pass and report its empty groups; Pattern (like
    /// RE2) drops it and reports the last pass that matched something. The whole match is the same.
    @Test(
        arguments: [
            (#"(a|)*"#, "aa", 0..<2, ["a"], [""]),
            (#"(a*)+"#, "aa", 0..<2, ["aa"], [""]),
            (#"(a+|b*)*"#, "ab", 0..<2, ["b"], [""]),
        ] as [(String, String, Range<Int>, [String?], [String?])])
    func keepsTheGroupsOfTheLastPassThatMatchedSomething(
        _ pattern: String, _ text: String, _ range: Range<Int>, _ groups: [String?], _ python: [String?]
    ) throws {
        let m = try #require(try Pattern(pattern).firstMatch(in: text))
        #expect(m.range == range)
        #expect(m.groups == groups)
        #expect(m.groups != python)
    }
}
