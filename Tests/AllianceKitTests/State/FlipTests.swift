import Testing

@testable import AllianceKit

/// `flip` with the bundled plugins: the first rewrite that matches, else the fallback.
@Suite struct FlipTests {
    func flip(_ text: String) -> String {
        bundledRules.rewrite(text)?.text ?? Flip.fallback(forAnswer: text)
    }

    @Test(arguments: [
        ("I don't like being micromanaged", "What would you like instead of being micromanaged?"),
        (
            "I don’t want my manager checking on me.",
            "What would you like instead of your manager checking on you?"
        ),
        ("I hate surprises", "What would you like instead of surprises?"),
        ("no more late-night messages", "What would you like instead of late-night messages?"),
        ("Don't micromanage me", "What would you like from me instead?"),
        ("How can I motivate you?", "What motivates you?"),
        ("how can I support you", "What support do you need?"),
        ("How do I help you with the launch?", "What would help you with the launch?"),
        ("What can I do for you?", "What do you need?"),
        ("What do you like about your job?", "What would have you jump out of bed to come to work?"),
        (
            "What do you like about our Monday meetings?",
            "What would the best version of our Monday meetings look like for you?"
        ),
        ("Why do you work late?", "What leads you to work late?"),
        ("it's fine as long as you don't shout", "What would you want instead?"),
        ("Being trusted to decide", "What would that look like at its very best for you?"),
    ])
    func flipsWhatTheDomainDescribes(_ text: String, _ expected: String) {
        #expect(flip(text) == expected)
    }

    @Test func leavesQuestionsAboutWhatTheyWantAlone() {
        #expect(bundledRules.rewrite("What motivates you?") == nil)
    }
}
