import Testing

@testable import AllianceKit

/// `flip` with the bundled plugins: a rewrite when one fits and reads well, else a reflection of
/// what they said (in the listener's words) and a question about what they want instead.
@Suite struct FlipTests {
    func flip(_ text: String) -> String? { Flip.question(flipping: text, rules: bundledRules) }

    /// One `what they said => what flip asks` a line. Read each right-hand side aloud: it must be
    /// grammatical, in the second person, and about what they said.
    static let corpus: [(String, String)] = """
        I don't want to do the dishes => You don't want to do the dishes. What would you like instead?
        I don't like being micromanaged => What would you like instead of being micromanaged?
        I don’t want my manager checking on me. => What would you like instead of your manager checking on you?
        I don't want to => You don't want to. What would you like instead?
        I don't like it => You don't like it. What would you like instead?
        I don't want Zoë to decide alone => You don't want Zoë to decide alone. What would you like instead?
        I don't like it when you shout => You don't like it when I shout. What would you like instead?
        I don't want you checking on me => You don't want me checking on you. What would you like instead?
        I don't want you to decide alone => You don't want me to decide alone. What would you like instead?
        I don't like being micromanaged when I'm busy => You don't like being micromanaged when you're busy. What would you like instead?
        We don't want meetings on Fridays => What would you like instead of meetings on Fridays?
        I do not want to be the only one who plans => You do not want to be the only one who plans. What would you like instead?
        I don't need reminders => What would you like instead of reminders?
        I really don't like surprises => What would you like instead of surprises?
        I don't want us to fight about money => You don't want us to fight about money. What would you like instead?
        We don't talk enough => We don't talk enough. What would you like instead?
        I don't feel heard => You don't feel heard. What would you like instead?
        I don’t get a say in anything => You don't get a say in anything. What would you like instead?
        I don't want to feel like I'm nagging you => You don't want to feel like you're nagging me. What would you like instead?
        I don't mind cooking, but I hate washing up => You don't mind cooking, but you hate washing up. What would you like instead?
        Honestly, I don't want to host this year => Honestly, you don't want to host this year. What would you like instead?
        "I don't want to be treated like a child." => You don't want to be treated like a child. What would you like instead?
        I don't trust you with money => You don't trust me with money. What would you like instead?
        I don't need you reminding me => You don't need me reminding you. What would you like instead?
        I don't want my kids to see us fight => You don't want your kids to see us fight. What would you like instead?
        We don't want our weekends taken over => What would you like instead of our weekends taken over?
        I don't want a lecture => What would you like instead of a lecture?
        I hate the way you talk to me => You hate the way I talk to you. What would you like instead?
        I hate meetings at 8 am => What would you like instead of meetings at 8 am?
        I hate his jokes => You hate his jokes. What would you like instead?
        I can't stand you when you're tired => You can't stand me when I'm tired. What would you like instead?
        I wish you would stop interrupting me => You wish I would stop interrupting you. What would you like instead?
        I never see you => You never see me. What would you like instead?
        You aren't listening to me => I am not listening to you. What would you like instead?
        I really am not a fan of surprises => You really are not a fan of surprises. What would you like instead?
        I don't want to do the dishes!!! => You don't want to do the dishes. What would you like instead?
        I DON'T WANT TO DO THE DISHES => You don't want to do the dishes. What would you like instead?
        I don't want Zoë deciding alone => You don't want Zoë deciding alone. What would you like instead?
        Don't micromanage me => What would you like from me instead?
        Please don't call me after nine => What would you like from me instead?
        Do not text me during work => What would you like from me instead?
        Stop checking on me => What would you like from me instead?
        I do not like being told what to do => You do not like being told what to do. What would you like instead?
        We do not want another rota => We do not want another rota. What would you like instead?
        I never get time for myself => You never get time for yourself. What would you like instead?
        We never get time together => We never get time together. What would you like instead?
        We never get time together. => We never get time together. What would you like instead?
        I never want to feel that rushed again => You never want to feel that rushed again. What would you like instead?
        Never call me after 9pm => What would you like from me instead?
        You never ask what I think => I never ask what you think. What would you like instead?
        Nobody ever listens to me => Nobody ever listens to you. What would you like instead?
        My sister never helps with Mum => Your sister never helps with Mum. What would you like instead?
        I never know what you expect of me => You never know what I expect of you. What would you like instead?
        I hate surprises => What would you like instead of surprises?
        I hate rotas, I never stick to them => You hate rotas, you never stick to them. What would you like instead?
        I hate rotas; they never work => You hate rotas; they never work. What would you like instead?
        I hate it => You hate it. What would you like instead?
        I hate the café queue => What would you like instead of the café queue?
        I hate the café queue… => What would you like instead of the café queue?
        I hate being late => What would you like instead of being late?
        I hate when people are late => You hate when people are late. What would you like instead?
        I hate that we always argue about money => You hate that we always argue about money. What would you like instead?
        I really hate mornings => What would you like instead of mornings?
        We hate long car journeys => We hate long car journeys. What would you like instead?
        I hate having to cook every night => You hate having to cook every night. What would you like instead?
        I hate meetings because they run late => You hate meetings because they run late. What would you like instead?
        I dislike last-minute changes => You dislike last-minute changes. What would you like instead?
        I can't stand the noise => What would you like instead of the noise?
        I can’t stand being interrupted => What would you like instead of being interrupted?
        I can't stand it when you're late => You can't stand it when I'm late. What would you like instead?
        I cannot stand people shouting => What would you like instead of people shouting?
        I can't stand my phone buzzing all evening => What would you like instead of your phone buzzing all evening?
        I can't stand when Zoë is late => You can't stand when Zoë is late. What would you like instead?
        I'm tired of being the one who always cleans up => What would you like instead of being the one who always cleans up?
        I’m tired of arguing => What would you like instead of arguing?
        I'm tired of having to remind everyone => You're tired of having to remind everyone. What would you like instead?
        I am tired of my job => What would you like instead of your job?
        We're tired of the same old routine => What would you like instead of the same old routine?
        I'm so tired of it => You're so tired of it. What would you like instead?
        I'm sick of the mess in the kitchen => What would you like instead of the mess in the kitchen?
        I am sick of waiting for replies => What would you like instead of waiting for replies?
        I’m sick of it, honestly => You're sick of it, honestly. What would you like instead?
        We're sick of fighting about chores => What would you like instead of fighting about chores?
        I'm fed up with last-minute plans => You're fed up with last-minute plans. What would you like instead?
        no more late-night messages => What would you like instead of late-night messages?
        No more surprises! => What would you like instead of surprises?
        no more having to cook every night => No more having to cook every night. What would you like instead?
        No more shouting, please => No more shouting, please. What would you like instead?
        No more meetings about meetings. => What would you like instead of meetings about meetings?
        without my partner interrupting => What would you like instead of your partner interrupting?
        Without all the drama => What would you like instead of all the drama?
        without being rushed => What would you like instead of being rushed?
        Without the kids listening in => What would you like instead of the kids listening in?
        I won't do the dishes every night => You won't do the dishes every night. What would you like instead?
        I won't be micromanaged => You won't be micromanaged. What would you like instead?
        I won’t answer emails on holiday => You won't answer emails on holiday. What would you like instead?
        We won't keep cancelling on each other => We won't keep cancelling on each other. What would you like instead?
        not on Mondays => Not on Mondays. What would you like instead?
        Not in front of the kids => Not in front of the kids. What would you like instead?
        Not being listened to => Not being listened to. What would you like instead?
        I'm not a morning person => You're not a morning person. What would you like instead?
        That's not fair on me => That's not fair on you. What would you like instead?
        It's not my job to tidy up after everyone => It's not your job to tidy up after everyone. What would you like instead?
        I am not your assistant => You are not my assistant. What would you like instead?
        I was not consulted => You were not consulted. What would you like instead?
        I’d rather not talk about work at home => You'd rather not talk about work at home. What would you like instead?
        Too many meetings, not enough time => Too many meetings, not enough time. What would you like instead?
        it's fine as long as you don't shout => It's fine as long as I don't shout. What would you like instead?
        Why do I always have to cook? => It sounds like you always have to cook. What would you like instead?
        Why am I always the one who apologises? => It sounds like you are always the one who apologises. What would you like instead?
        Why is it always me who cleans up? => It sounds like it is always you who cleans up. What would you like instead?
        Why can't we ever just relax? => It sounds like we can't ever just relax. What would you like instead?
        Why do I have to do everything myself? => It sounds like you have to do everything yourself. What would you like instead?
        How come we never talk anymore? => It sounds like we never talk anymore. What would you like instead?
        I never get a say? => It sounds like you never get a say. What would you like instead?
        """.split(separator: "\n").map { line in
            let sides = line.split(separator: " => ", maxSplits: 1)
            return (String(sides[0]), String(sides[1]))
        }

    @Test func theCorpusIsLargeAndEachPhraseAppearsOnce() {
        #expect(Self.corpus.count >= 80)
        #expect(Set(Self.corpus.map(\.0)).count == Self.corpus.count)
    }

    @Test(arguments: FlipTests.corpus)
    func reflectsWhatTheyDontWant(_ said: String, _ expected: String) {
        #expect(flip(said) == expected)
    }

    @Test(arguments: [
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
        ("Being trusted to decide", "What would that look like at its very best for you?"),
        ("A heads-up the day before", "What would that look like at its very best for you?"),
        ("Fewer meetings", "What would that look like at its very best for you?"),
    ])
    func flipsWhatTheDomainDescribes(_ text: String, _ expected: String) {
        #expect(flip(text) == expected)
    }

    @Test func leavesQuestionsAboutWhatTheyWantAlone() {
        #expect(flip("What motivates you?") == nil)
        #expect(flip("How do you like to get feedback?") == nil)
        #expect(flip("Do I have to choose now?") == nil)
        #expect(flip("  ") == nil)
    }

    @Test(arguments: [
        "I don't know", "not sure yet", "no idea", "No idea!", "I'm not sure", "I’m not sure yet", "dunno",
        "Dunno.", "I don't know yet", "Don't know", "Hmm, I really don't know", "I have no idea",
        "not sure what I want yet", "We don't know yet",
    ])
    func notKnowingYetIsNotAvoidance(_ text: String) throws {
        #expect(flip(text) == "If you did know, what would you want?")
        let events = try RuleBook.exampleEvents(["ask", "answer: \(text)"])
        let fired = bundledRules.nudges(after: events).map(\.qualifiedID)
        #expect(fired == ["avoidance/not-knowing-yet"])
    }

    @Test(arguments: [
        "I don't know why I hate rotas", "I don't want to do the dishes", "I don’t like surprises",
        "I'm not sure I want to host",
    ])
    func avoidanceIsStillAvoidance(_ text: String) throws {
        let events = try RuleBook.exampleEvents(["ask", "answer: \(text)"])
        #expect(bundledRules.nudges(after: events).map(\.qualifiedID) == ["avoidance/what-they-dont-want"])
    }

    @Test func theFallbackStillReadsAnAnswerOnItsOwn() {
        #expect(
            Flip.fallback(forAnswer: "I hate rotas, I never stick to them")
                == "You hate rotas, you never stick to them. What would you like instead?")
        #expect(
            Flip.fallback(forAnswer: "Being trusted to decide")
                == "What would that look like at its very best for you?")
    }

    @Test func aRewriteKeepsWeAndUs() {
        #expect(Flip.swapPerson("my team and our plans for us") == "your team and our plans for us")
    }
}
