import Foundation
import TestSupport
import Testing

@testable import AllianceKit

/// What `alliance export` writes in each format (the whole files are in ExportTests' golden
/// files): which parts appear when, how people's words are escaped, and what stays private.
@Suite(.removingTemporaryDirectories) struct ExportFormatTests {
    /// One sitting: an answer corrected, a follow-up, yours, an agreement kept and one adjusted,
    /// a repair plan, a private note, a public one and a withdrawn one.
    static func alliance() throws -> Session {
        let session = try newSession(with: ["Zoë", "Sam"])
        try session.run(
            "/ask trust", "Being told the why", "/probe", "Examples", "/mine I over-explain",
            "/agree We meet on Mondays --by 2026-12-01", "/agree Notes after calls", "/checkin",
            "/keep fine so far", "/adjust Notes within a day -- faster", "/repair Time-out, then talk",
            "/note --private she seemed tired", "/note Offsite in March", "/note withdrawn words", "/undo",
            "/amend 3 Being told the reasons")
        return session
    }

    @Test func theCardHasEachPartInOrder() throws {
        let markdown = Export(id: "s1", state: try Self.alliance().state).render(.markdown)
        #expect(
            markdown == """
                # Alliance s1

                With Zoë, Sam · 1 sitting, 2026-11-25 · session `s1`

                ## Agreements

                - **A1** We meet on Mondays _(by 2026-12-01)_
                  - agreed 2026-11-25 · kept 2026-11-25
                - **A2** Notes within a day
                  - agreed 2026-11-25 · adjusted 2026-11-25

                ## Repair plan

                **How we repair**

                - Time-out, then talk

                """)
    }

    @Test func theFullRecordHasEachPartInOrder() throws {
        let markdown = Export(id: "s1", state: try Self.alliance().state, full: true).render(.markdown)
        #expect(
            markdown == """
                # Alliance s1

                With Zoë, Sam · 1 sitting, 2026-11-25 · session `s1`

                ## Agreements

                - **A1** We meet on Mondays _(by 2026-12-01)_
                  - 2026-11-25, sitting 1: agreed “We meet on Mondays”
                  - 2026-11-25, sitting 1: kept (fine so far)
                - **A2** Notes within a day
                  - 2026-11-25, sitting 1: agreed “Notes after calls”
                  - 2026-11-25, sitting 1: adjusted to “Notes within a day” (faster)

                ## Repair plan

                **How we repair**

                - Time-out, then talk

                ## Commitments

                | By | Agreement |
                | --- | --- |
                | 2026-12-01 | **A1** We meet on Mondays |

                ## What each of us said

                ### Zoë

                - *What builds trust for you with the people you work with?*
                  - Being told the reasons (corrected)
                  - *What does that mean to you?*
                    - Examples

                ### You (facilitator)

                - *What builds trust for you with the people you work with?*
                  - I over-explain

                ## Sittings

                1. 2026-11-25 09:00 UTC–not closed: 3 answers, 2 new agreements, 2 agreements reviewed, pack new-team-member

                ## Notes

                - Offsite in March

                """)
    }

    @Test func anEmptyAllianceSaysSoAndLeavesOutWhatItDoesNotHave() throws {
        let session = try newSession(with: [])
        let markdown = Export(id: "s2", state: session.state).render(.markdown)
        #expect(markdown.contains("## Agreements\n\nNone yet.\n"))
        #expect(markdown.contains("## Repair plan\n\nNone designed yet.\n"))
        for absent in ["## Commitments", "## Notes", "### ", "With "] {
            #expect(!markdown.contains(absent), "\(absent)")
        }
        let html = Export(id: "s2", state: session.state).render(.html)
        #expect(html.contains(#"<p class="empty">Nothing yet.</p>"#))
        #expect(html.contains(#"<p class="empty">No repair plan yet.</p>"#))
        #expect(!html.contains("<h2>Notes</h2>") && !html.contains("What each of us said"))
    }

    /// A private note is the coach's alone: left out of every format, events included, unless
    /// asked for, and then marked; a withdrawn note is in none.
    @Test(arguments: Export.Format.allCases.filter { $0 != .ics })
    func aPrivateNoteIsLeftOutUnlessAskedForAndThenMarked(_ format: Export.Format) throws {
        let state = try Self.alliance().state
        let shared = Export(id: "s1", state: state, full: true).render(format)
        let all = Export(id: "s1", state: state, includePrivate: true, full: true).render(format)
        #expect(!shared.contains("she seemed tired"))
        #expect(shared.contains("Offsite in March") && all.contains("Offsite in March"))
        let marked = [
            Export.Format.markdown: "- (private) she seemed tired",
            .html: "<em>(private)</em> she seemed tired",
            .json: #""private": true"#,
        ]
        #expect(all.contains(marked[format]!), "\(all)")
        if format != .json {
            #expect(!shared.contains("withdrawn words") && !all.contains("withdrawn words"))
        }
    }

    /// The JSON export holds the log's events, each as the log has it, then the state.
    @Test func theJSONEventsAreTheLogsLinesWithoutThePrivateOnes() throws {
        let session = try Self.alliance()
        let text = Export(id: "s1", state: session.state).render(.json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["session"] as? String == "s1")
        #expect(object["format"] as? Int == Event.formatVersion)
        let events = try #require(object["events"] as? [[String: Any]])
        let logged = session.state.events.filter {
            if case .note(_, true) = $0.kind { false } else { true }
        }
        #expect(events.map { $0["seq"] as? Int } == logged.map(\.seq))
        #expect(events.map { $0["type"] as? String } == logged.map(\.kind.type.rawValue))
        let state = try #require(object["state"] as? [String: Any])
        #expect(state["participants"] as? [String] == ["Zoë", "Sam"])
        #expect(state["repairPlan"] as? [String] == ["Time-out, then talk"])
        let notes = try #require(state["notes"] as? [[String: Any]])
        #expect(notes.map { $0["text"] as? String } == ["Offsite in March"])
    }

    @Test func timesAreOnTheZonesClockWithItsOffset() throws {
        let state = try Self.alliance().state
        let east = Export(id: "s1", state: state, zone: .fixed(minutes: 60), full: true)
        #expect(east.render(.markdown).contains("1. 2026-11-25 10:00 +01:00–not closed: 3 answers"))
        #expect(east.render(.html).contains("<time>2026-11-25 10:00 +01:00–not closed</time>"))
        // 09:00 UTC on the 25th is still the 24th eleven hours west: every date follows.
        let west = Export(id: "s1", state: state, zone: .fixed(minutes: -660), full: true).render(.markdown)
        #expect(west.contains("1 sitting, 2026-11-24 · session"))
        #expect(west.contains("  - 2026-11-24, sitting 1: agreed “We meet on Mondays”"))
        #expect(west.contains("1. 2026-11-24 22:00 -11:00–not closed"))
        // The JSON keeps the log's UTC times.
        #expect(
            east.render(.json) == Export(id: "s1", state: state, zone: .utc, full: true).render(.json))
    }

    @Test func aSittingClosedOnAnotherDayShowsBothDates() throws {
        // Opened at 23:59:59 on the zone's clock (+15:00), closed seconds later, after midnight.
        let session = try Session(
            newIn: DataHome(path: temporaryDirectory() + "/home"), packs: bundledPacks, rules: bundledRules,
            options: StartOptions(participants: ["Zoë"]),
            clock: SteppingClock(start: "2026-11-25T08:59:58.000Z"))
        try session.run("/note late")
        _ = session.close(reason: "quit")
        let text = Export(id: "s", state: session.state, zone: .fixed(minutes: 900), full: true).render(
            .markdown)
        #expect(text.contains("1. 2026-11-25 23:59–2026-11-26 00:00 +15:00:"), "\(text)")
        #expect(text.contains("1 sitting, 2026-11-25 to 2026-11-26 · session"), "\(text)")
    }

    @Test func peoplesWordsCannotBecomeMarkup() throws {
        let session = try newSession(with: ["<b>Zoë</b> *star*"])
        try session.run(
            "/ask What does _good_ look like? #1", "It's <i>\"fine\"</i> & [linked](x) `code`",
            "/agree We ~~never~~ meet")
        let markdown = Export(id: "s3", state: session.state, full: true).render(.markdown)
        #expect(markdown.contains(#"### \<b\>Zoë\</b\> \*star\*"#))
        #expect(markdown.contains(##"- *What does \_good\_ look like? \#1*"##))
        #expect(markdown.contains(#"  - It's \<i\>"fine"\</i\> & \[linked\](x) \`code\`"#))
        #expect(markdown.contains(#"- **A1** We \~\~never\~\~ meet"#))
        let html = Export(id: "s3", state: session.state, full: true).render(.html)
        #expect(html.contains("<h3>&lt;b&gt;Zoë&lt;/b&gt; *star*</h3>"))
        #expect(
            html.contains("<dd>It&#39;s &lt;i&gt;&quot;fine&quot;&lt;/i&gt; &amp; [linked](x) `code`</dd>"))
        #expect(!html.contains("<b>") && !html.contains("<i>"))
    }

    @Test func terminalControlsAreShownNotSent() throws {
        let session = try newSession(with: ["Zoë"])
        try session.run("/ask trust", "red \u{1B}[31m text\u{7}")
        for format in Export.Format.allCases {
            for full in [false, true] {
                let text = Export(id: "s4", state: session.state, full: full).render(format)
                #expect(!text.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{7}" }, "\(format)")
            }
        }
    }
}
