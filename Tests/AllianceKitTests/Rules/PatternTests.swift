import Testing

@testable import AllianceKit

@Suite struct PatternTests {
    func match(_ pattern: String, _ text: String, ignoreCase: Bool = true) throws -> Pattern.Match? {
        try Pattern(pattern, ignoreCase: ignoreCase).firstMatch(in: text)
    }

    @Test(arguments: [
        ("how can i", "So, how can I help?", "how can I"),
        ("^why\\b", "Why do you stay late?", "Why"),
        ("colou?r", "The color blue", "color"),
        ("a{2,3}", "caaaat", "aaa"),
        ("a{2}", "caaaat", "aa"),
        ("[^aeiou ]+", "aei xyz", "xyz"),
        ("\\d+ minutes?", "every 15 minutes", "15 minutes"),
        ("(?:do|does|did) you", "Did you enjoy it?", "Did you"),
        ("don'?t\\s+(like|want)", "I dont   want that", "dont   want"),
        ("café", "CAFÉ au lait", "CAFÉ"),
        ("x*", "abc", ""),
        ("a.c", "abc", "abc"),
        ("end$", "the end", "end"),
        ("[a-c]+?", "abc", "a"),
        ("\\w+", "Zoë's", "Zoë"),
        ("\\bno\\b", "nobody says no", "no"),
        ("\\{x\\}", "a {x} b", "{x}"),
        ("x{,2}", "x{,2}", "x{,2}"),
    ])
    func findsTheLeftmostMatch(_ pattern: String, _ text: String, _ expected: String) throws {
        #expect(try match(pattern, text)?.text == expected)
    }

    @Test func capturesGroupsAndPrefersEarlierAlternatives() throws {
        let m = try #require(
            try match("^(i|we) (?:really )?don't (like|want) (.+)$", "I really don't like being micromanaged")
        )
        #expect(m.groups == ["I", "like", "being micromanaged"])
        #expect(try match("(a|ab)(c|bcd)", "abcd")?.text == "abcd")
        #expect(try match("(x)?y", "y")?.groups == [nil])
    }

    @Test func caseSensitiveWhenAsked() throws {
        #expect(try match("Why", "why not", ignoreCase: false) == nil)
        #expect(try match("[A-Z]", "abc", ignoreCase: false) == nil)
        #expect(try match("[A-Z]", "abc")?.text == "a")
    }

    @Test(arguments: ["(", "a)", "[abc", "*a", "a**", "(?=x)", "\\k", "[z-a]", "a\\"])
    func badPatternsAreRefusedWithAReason(_ pattern: String) {
        do {
            _ = try Pattern(pattern)
            Issue.record("\(pattern) compiled")
        } catch {
            #expect(error.message.hasPrefix("pattern: "))
        }
    }

    @Test func patternsBuiltToBacktrackStayLinear() throws {
        // Each of these takes exponential time in a backtracking engine.
        let evil = ["(a+)+$", "(a|a)*$", "(a*)*b", "(.*a){20}", "(\\w+\\s?)*$"]
        let input = String(repeating: "a", count: 5000) + "!"
        let clock = ContinuousClock()
        for source in evil {
            let pattern = try Pattern(source)
            let elapsed = clock.measure { _ = try? pattern.firstMatch(in: input) }
            // Exponential backtracking on 5,000 characters would take longer than anyone waits;
            // linear matching takes milliseconds. The bound tells the two apart with room for a
            // debug build on a loaded CI machine.
            #expect(elapsed < .seconds(60), "\(source) took \(elapsed)")
        }
    }

    @Test func aHugeInputRunsOutOfBudgetInsteadOfHanging() throws {
        let pattern = try Pattern("(a|b|c|d|e)*z")
        let input = String(repeating: "abcde", count: 400_000)
        #expect(throws: Pattern.TooMuchWork.self) { try pattern.firstMatch(in: input) }
    }

    @Test func expansionsThatGrowTooLargeAreRefused() {
        #expect(throws: AllianceError.self) { try Pattern("((a{100}){100}){100}") }
    }

    /// ASCII is classified from the byte; it must agree with the Unicode properties it stands for.
    @Test func asciiClassesAgreeWithTheUnicodeProperties() throws {
        let word = try Pattern("^\\w$", ignoreCase: false)
        let digit = try Pattern("^\\d$", ignoreCase: false)
        let space = try Pattern("^\\s$", ignoreCase: false)
        let lower = try Pattern("^[a-z]$", ignoreCase: true)
        let notUpper = try Pattern("^[^A-Z]$", ignoreCase: true)
        for value in UInt32(0)..<128 {
            let s = Unicode.Scalar(value)!
            let text = String(Character(s))
            let isWord = s == "_" || s.properties.isAlphabetic || s.properties.numericType != nil
            #expect(Pattern.isWord(s) == isWord, "\(value)")
            guard value != 10 && value != 13 else { continue }
            #expect(try word.matches(text) == isWord, "\(value)")
            #expect(try digit.matches(text) == (s.properties.numericType == .decimal), "\(value)")
            #expect(try space.matches(text) == s.properties.isWhitespace, "\(value)")
            let letter = s.properties.isAlphabetic
            #expect(try lower.matches(text) == letter, "\(value)")
            #expect(try notUpper.matches(text) == !letter, "\(value)")
        }
    }
}
