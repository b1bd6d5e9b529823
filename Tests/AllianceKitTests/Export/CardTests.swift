import Foundation
import TestSupport
import Testing

@testable import AllianceKit

/// The Markdown and HTML exports are a card that prints on one page: what the people agreed and
/// how they repair, not everything they said, which is behind `full` (`--full`).
@Suite(.removingTemporaryDirectories) struct CardTests {
    /// Packs of the test's own, so the card does not change when the bundled packs do.
    static let packs = PackLibrary(packs: [
        try! Pack.parse(
            text: """
                ---
                id: pocket-money
                title: Pocket money
                ---
                ## Money
                - What would you like to use your money for? {#use}
                  - What makes that special for you?
                - How much feels fair to you? {#how-much}
                """, path: "/card/pocket-money.md"
        ).pack,
        try! Pack.parse(
            text: """
                ---
                id: when-things-get-tough
                title: When things get tough
                ---
                ## Signs
                - What are the signs that you're stressed? {#stress-signs}
                ## What helps
                - What helps you most when you're stressed? {#what-helps}
                ## Repair
                - How do you want us to repair when we go off track? {#repair}
                """, path: "/card/when-things-get-tough.md"
        ).pack,
    ])

    /// A father and son on pocket money: a first sitting with a take-away, a repair plan and a
    /// note, and a check-in three weeks later where a chore went off track.
    static func pocketMoney() throws -> AllianceState {
        let first = try Session(
            newIn: DataHome(path: temporaryDirectory() + "/home"), packs: packs, rules: RuleBook(),
            options: StartOptions(
                participants: ["Dad", "Léo"], pack: "pocket-money", title: "Léo's pocket money"),
            clock: SteppingClock())
        try first.run(
            "/ask use", "@Léo Football cards and a bike", "/probe", "@Léo The bike is 180 euros",
            "@Dad I'd like him to learn what things cost",
            "/ask how-much", "@Léo Not sure yet", "/later @Léo",
            "/agree Léo gets 8 euros every Saturday --every week --know \"it's in the jar by dinner\"",
            "/agree Léo feeds the cat --by 2027-01-31",
            "/repair", "@Léo I slam my door", "@Dad I start lecturing",
            "/repair", "@Léo Ten minutes alone, then ask",
            "/repair", "@Dad A walk before we talk",
            "/repair We talk on Sunday evening, not when we're angry",
            "/next 2026-12-16", "/note Léo was proud to write the chart")
        _ = first.close(reason: "quit")
        let second = try Session(
            revisiting: first.logPath, home: first.home, packs: packs, rules: RuleBook(),
            clock: SteppingClock(start: "2026-12-16T17:00:00.000Z"))
        try second.run(
            "/checkin", "@Léo Saturdays suit football better", "/keep", "/keep",
            "/repair A2 We forgot the cat twice; a checklist on the fridge", "/next 2027-01-10")
        _ = second.close(reason: "quit")
        return AllianceState(replaying: try LogReader.read(path: second.logPath).events)
    }

    /// What was said in answer to the design questions: on the full record only.
    static let said = [
        "Football cards and a bike", "The bike is 180 euros", "learn what things cost", "Not sure yet",
        "What each of us said", "new agreement", "Léo was proud",
    ]

    @Test func theFacilitatorWhoGaveTheirNameIsOnTheCardAndAPacksOwnRepairAnswerFollowsItsQuestion() throws {
        let packs = PackLibrary(packs: [
            try Pack.parse(
                text: """
                    ---
                    id: allowance
                    title: An allowance
                    repair: when-we-get-stuck
                    ---
                    ## Money
                    - What would you like to use your money for? {#use}
                    ## When we get stuck
                    - How can we tell when one of us is upset about the deal? {#upset}
                    """, path: "/card/allowance.md"
            ).pack
        ])
        let session = try Session(
            newIn: DataHome(path: temporaryDirectory() + "/home"), packs: packs, rules: RuleBook(),
            options: StartOptions(participants: ["Léo"], pack: "allowance", title: "Pocket money"),
            clock: SteppingClock())
        try session.run("/me Dad", "/repair", "I go to my room and slam the door")
        _ = session.close(reason: "quit")
        let state = AllianceState(replaying: try LogReader.read(path: session.logPath).events)
        let markdown = Export(id: "pm", state: state).render(.markdown)
        #expect(markdown.contains("Dad with Léo · 1 sitting"), "\(markdown)")
        #expect(
            markdown.contains(
                "- _How can we tell when one of us is upset about the deal?_ Léo: I go to my room and slam the door"
            ),
            "\(markdown)")
        let html = Export(id: "pm", state: state).render(.html)
        #expect(html.contains("Dad · Léo · 1 sitting"))
        #expect(
            html.contains(
                "<li><span class=\"asked\">How can we tell when one of us is upset about the deal?</span><br>Léo: I go to my room and slam the door</li>"
            ), "\(html)")
    }

    @Test func theMarkdownCardHoldsTheAgreementsTheNextDateTheRepairPlanAndTheTakeAways() throws {
        let card = Export(id: "pm", state: try Self.pocketMoney()).render(.markdown)
        let lines = card.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(
            lines.prefix(5) == [
                "# Léo's pocket money", "",
                "With Dad, Léo · 2 sittings, 2026-11-25 to 2026-12-16 · session `pm`", "",
                "**Next check-in: Sun 2027-01-10**",
            ])
        #expect(
            lines.contains(
                "- **A1** Léo gets 8 euros every Saturday _(every week; how we'll know: it's in the jar by dinner)_"
            ), "\(card)")
        #expect(lines.contains("  - agreed 2026-11-25 · kept 2026-12-16"), "\(card)")
        #expect(
            lines.contains("  - 2026-12-16, sitting 2: Léo said “Saturdays suit football better”"), "\(card)")
        #expect(lines.contains("  - agreed 2026-11-25 · kept 2026-12-16 · went off track 1×"), "\(card)")
        let plan = try #require(lines.firstIndex(of: "## Repair plan"))
        #expect(
            Array(lines[plan...].prefix(22)) == [
                "## Repair plan", "",
                "**Signs**", "", "- Léo: I slam my door", "- Dad: I start lecturing", "",
                "**What helps**", "", "- Léo: Ten minutes alone, then ask", "",
                "**How we repair**", "", "- Dad: A walk before we talk",
                "- We talk on Sunday evening, not when we're angry", "",
                "**Repairs that happened**", "",
                "- 2026-12-16, A2: We forgot the cat twice; a checklist on the fridge",
                "", "## Taken away, to answer next time", "",
            ], "\(card)")
        #expect(lines.contains("- **Léo**: How much feels fair to you?"), "\(card)")
        for words in Self.said { #expect(!card.contains(words), "the card holds \(words)") }
        #expect(lines.count < 40, "the card is \(lines.count) lines long")
    }

    @Test func theHTMLCardHoldsTheSameAndPrintsOnOnePage() throws {
        let html = Export(id: "pm", state: try Self.pocketMoney()).render(.html)
        for part in [
            "<span>Next check-in</span><strong>Sun 2027-01-10</strong>",
            "<span class=\"commitment\">every week; how we&#39;ll know: it&#39;s in the jar by dinner</span>",
            "<span class=\"status\">agreed 2026-11-25 · kept 2026-12-16 · went off track 1×</span>",
            "<h3>Signs</h3><ul class=\"repair\"><li>Léo: I slam my door</li><li>Dad: I start lecturing</li></ul>",
            "<h3>What helps</h3>", "<h3>How we repair</h3>",
            "<h3>Repairs that happened</h3><ul class=\"repair\"><li>2026-12-16, A2: We forgot the cat twice; a checklist on the fridge</li>",
            "<li><strong>Léo</strong>: How much feels fair to you?</li>",
            // Printed: the page's margins, and no group cut in two by a page break.
            "@page { margin: 14mm 15mm; }", ".group { break-inside: avoid; }",
        ] {
            #expect(html.contains(part), "\(part)")
        }
        for words in Self.said { #expect(!html.contains(words), "the card holds \(words)") }
    }

    @Test(arguments: [Export.Format.markdown, .html])
    func theFullRecordAddsWhatEachSaidWithFollowUpsUnderTheirProbe(_ format: Export.Format) throws {
        let state = try Self.pocketMoney()
        let full = Export(id: "pm", state: state, full: true).render(format)
        for words in Self.said { #expect(full.contains(words), "the full record lacks \(words)") }
        if format == .markdown {
            #expect(
                full.contains(
                    """
                    - *What would you like to use your money for?*
                      - Football cards and a bike
                      - *What makes that special for you?*
                        - The bike is 180 euros
                    """), "\(full)")
        } else {
            #expect(
                full.contains(
                    "<dt>What would you like to use your money for?</dt><dd>Football cards and a bike</dd><dd class=\"follow-up\"><em>What makes that special for you?</em><ul><li>The bike is 180 euros</li></ul></dd>"
                ), "\(full)")
        }
        // The card comes first, whole, then the record.
        let card = Export(id: "pm", state: state).render(format)
        if format == .markdown {
            #expect(full.hasPrefix(String(card.prefix(upTo: card.range(of: "## Agreements")!.upperBound))))
        }
    }

    /// However long the sittings ran, the card holds what was agreed, not what was said.
    @Test(arguments: [Export.Format.markdown, .html])
    func theCardDoesNotGrowWithWhatWasSaid(_ format: Export.Format) throws {
        let session = try Session(
            newIn: DataHome(path: temporaryDirectory() + "/home"), packs: Self.packs, rules: RuleBook(),
            options: StartOptions(participants: ["Zoë"], pack: "pocket-money"), clock: SteppingClock())
        try session.run("/agree We meet on Mondays", "/repair Time-out, then talk")
        let before = Export(id: "s", state: session.state).render(format)
        let fullBefore = Export(id: "s", state: session.state, full: true).render(format)
        for n in 1...30 {
            try session.run("/ask Question \(n)?", "Answer \(n)", "/probe Why \(n)?", "Because \(n)")
        }
        #expect(Export(id: "s", state: session.state).render(format) == before)
        let full = Export(id: "s", state: session.state, full: true).render(format)
        #expect(full.count > fullBefore.count + 30 * 20 && full.contains("Because 30"))
    }

    @Test func theCommitmentsTableEscapesABarOnce() throws {
        let session = try newSession()
        try session.run("/agree Pocket money | chores --by 2027-01-31")
        let markdown = Export(id: "s", state: session.state, full: true).render(.markdown)
        #expect(markdown.contains(#"| 2027-01-31 | **A1** Pocket money \| chores |"#), "\(markdown)")
    }

    @Test func theJSONStateHoldsTheCadenceAndTheNextCheckin() throws {
        let text = Export(id: "pm", state: try Self.pocketMoney()).render(.json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let state = try #require(object["state"] as? [String: Any])
        #expect(state["nextCheckin"] as? String == "2027-01-10")
        let agreements = try #require(state["agreements"] as? [[String: Any]])
        #expect(agreements.map { $0["every"] as? String } == ["week", nil])
        #expect(agreements.map { $0["due"] as? String } == [nil, "2027-01-31"])
    }
}
