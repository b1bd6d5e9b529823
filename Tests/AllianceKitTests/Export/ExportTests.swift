import Foundation
import TestSupport
import Testing

@testable import AllianceKit

@Suite(.removingTemporaryDirectories) struct ExportTests {
    /// A small pack of its own, so the golden files do not change when the bundled packs do.
    static let packs = PackLibrary(packs: [
        try! Pack.parse(
            text: """
                ---
                id: new-team-member
                title: A new team member
                ---
                ## Trust
                - What builds trust for you with the people you work with? {#trust}
                ## At your best
                - Who are you when you are at your best at work? {#at-best}
                """, path: "/golden/new-team-member.md"
        ).pack
    ])

    /// A fixed alliance: two sittings, a revision, a repair plan, notes (one private).
    static func alliance() throws -> AllianceState {
        let second = try revisit(
            try firstSitting(packs: packs, rules: RuleBook()), packs: packs, rules: RuleBook())
        try second.run(
            "/checkin", "/keep", "/adjust We say within a day when something bugs us -- made it concrete",
            "/ask",
            "A heads-up the day before")
        _ = second.close(reason: "quit")
        return AllianceState(replaying: try LogReader.read(path: second.logPath).events)
    }

    static let record = ProcessInfo.processInfo.environment["ALLIANCE_RECORD_GOLDEN"] != nil

    @Test(arguments: Export.Format.allCases)
    func exportsMatchTheirGoldenFiles(_ format: Export.Format) throws {
        // An explicit zone, so the golden files hold whatever the machine's TZ.
        let text = Export(
            id: "2026-11-25-gold", state: try Self.alliance(), zone: .utc,
            now: Timestamp("2026-12-16T10:00:00.000Z")
        ).render(format)
        let ext = ["markdown": "md", "json": "json", "html": "html", "ics": "ics"][format.rawValue]!
        let path = packageRoot + "/Tests/AllianceKitTests/Export/Golden/alliance.\(ext)"
        if Self.record {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let golden = try String(contentsOfFile: path, encoding: .utf8)
        #expect(
            text == golden,
            "re-record with ALLIANCE_RECORD_GOLDEN=1 swift test --filter ExportTests after checking the change"
        )
    }

    /// The whole record (`--full`) of the Markdown and the HTML, after the card.
    @Test(arguments: [Export.Format.markdown, .html])
    func fullExportsMatchTheirGoldenFiles(_ format: Export.Format) throws {
        let text = Export(
            id: "2026-11-25-gold", state: try Self.alliance(), zone: .utc,
            now: Timestamp("2026-12-16T10:00:00.000Z"), full: true
        ).render(format)
        let path =
            packageRoot
            + "/Tests/AllianceKitTests/Export/Golden/alliance-full.\(format == .html ? "html" : "md")"
        if Self.record {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let golden = try String(contentsOfFile: path, encoding: .utf8)
        #expect(
            text == golden,
            "re-record with ALLIANCE_RECORD_GOLDEN=1 swift test --filter ExportTests after checking the change"
        )
    }

    @Test func privateNotesStayOutUnlessAsked() throws {
        let state = try Self.alliance()
        for format in Export.Format.allCases {
            #expect(
                !Export(id: "x", state: state, full: true).render(format).contains("she seemed tired"),
                "\(format)")
            // The calendar holds dates and agreements, never a note, whatever is asked.
            #expect(
                Export(id: "x", state: state, includePrivate: true, full: true).render(format).contains(
                    "she seemed tired") == (format != .ics), "\(format)")
        }
        #expect(Export(id: "x", state: state, full: true).render(.markdown).contains("Offsite in March"))
    }

    /// A correction of a private note carries its words: it stays out with the note.
    @Test func aCorrectedPrivateNoteStaysOutOfEveryExport() throws {
        let session = try newSession()
        try session.run("/note --private she seemed tired", "/note Offsite in March")
        let seq = try #require(session.state.notes.first?.seq)
        try session.run("/amend \(seq) she seemed very tired")
        for format in Export.Format.allCases where format != .ics {
            let text = Export(id: "x", state: session.state, full: true).render(format)
            #expect(!text.contains("tired"), "\(format): \(text)")
            #expect(text.contains("Offsite in March"), "\(format)")
            #expect(
                Export(id: "x", state: session.state, includePrivate: true, full: true).render(format)
                    .contains(
                        "very tired"),
                "\(format)")
        }
    }

    @Test func theJSONExportIsValidAndHoldsEventsAndState() throws {
        let text = Export(id: "x", state: try Self.alliance()).render(.json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let events = try #require(object["events"] as? [[String: Any]])
        #expect(events.first?["type"] as? String == "sitting")
        let state = try #require(object["state"] as? [String: Any])
        let agreements = try #require(state["agreements"] as? [[String: Any]])
        #expect(agreements.map { $0["id"] as? String } == ["A1", "A2"])
        #expect((agreements[1]["versions"] as? [Any])?.count == 2)
    }

    @Test func theHTMLCardIsSelfContainedAndEscaped() throws {
        let session = try newSession(with: ["<b>Zoë</b>"])
        try session.run("/agree <script>alert(1)</script> & more")
        let html = Export(id: "x", state: session.state).render(.html)
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more"))
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("src="))
    }
}
