import Testing

@testable import AllianceKit

@Suite struct FlipTests {
    @Test(arguments: [
        ("I don't like being micromanaged", "What would you like instead of being micromanaged?"),
        (
            "I don’t want my manager checking on me.",
            "What would you like instead of your manager checking on you?"
        ),
        ("I hate surprises", "What would you like instead of surprises?"),
        ("no more late-night messages", "What would you like instead of late-night messages?"),
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
    ])
    func flipsWhatTheDomainDescribes(_ text: String, _ expected: String) {
        #expect(Flip.flip(text)?.question == expected)
    }

    @Test func leavesQuestionsAboutWhatTheyWantAlone() {
        #expect(Flip.flip("What motivates you?") == nil)
        #expect(Flip.flip("") == nil)
    }
}
