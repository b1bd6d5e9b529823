import Foundation
import TestSupport
import Testing

@testable import AllianceKit

@Suite(.removingTemporaryDirectories) struct CalendarExportTests {
    @Test(arguments: [
        ("plain", "plain"), (#"a\b"#, #"a\\b"#), ("a;b,c", #"a\;b\,c"#), ("two\nlines", #"two\nlines"#),
        ("crlf\r\nend", #"crlf\nend"#), ("tab\there", "tab here"), ("bell\u{7}\u{1B}[31m", "bell[31m"),
        ("Zoë, 🌟; ok", #"Zoë\, 🌟\; ok"#),
    ])
    func textIsEscapedAsRFC5545Says(_ value: String, _ escaped: String) {
        #expect(ICalendar.text(value) == escaped)
    }

    @Test func aLongNonASCIILineIsFoldedAt75OctetsBetweenCharacters() {
        let summary = String(repeating: "Léo épargne 🌟 ", count: 16).prefix(200)
        #expect(summary.count == 200)
        let line = "SUMMARY:" + ICalendar.text(String(summary))
        let folded = ICalendar.folded(line)
        let parts = folded.components(separatedBy: "\r\n")
        #expect(parts.count > 3)
        for (index, part) in parts.enumerated() {
            #expect(part.utf8.count <= 75, "\(part)")
            #expect(index == 0 || part.hasPrefix(" "))
            // Each part is whole UTF-8 on its own: no sequence was cut.
            #expect(String(validating: Array(part.utf8), as: UTF8.self) != nil)
        }
        // Unfolding (dropping each CRLF and the space after it) gives the line back.
        #expect(folded.replacingOccurrences(of: "\r\n ", with: "") == line)
        #expect(ICalendar.folded("short") == "short")
    }

    /// A first sitting on Thursday 2026-12-03 with a dated agreement, one on a cadence, an
    /// ongoing one, a private note and the next check-in.
    static func alliance() throws -> Session {
        let session = try Session(
            newIn: DataHome(path: temporaryDirectory() + "/home"), packs: bundledPacks,
            options: StartOptions(participants: ["Léo"], title: "Léo's allowance"),
            clock: SteppingClock(start: "2026-12-03T10:00:00.000Z"))
        try session.run(
            "/agree Léo saves a third, in the jar --by +2w --know \"we count it on Sundays\"",
            "/agree We talk about the allowance --every 2w", "/agree We stay kind",
            "/note --private he seemed tired",
            "/next friday")
        return session
    }

    @Test func theCalendarHoldsTheNextCheckinAndEachDatedAgreement() throws {
        let session = try Self.alliance()
        let ics = Export(
            id: session.id, state: session.state, includePrivate: true,
            now: Timestamp("2026-12-03T11:00:00.000Z")
        ).render(.ics)
        #expect(ics.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"))
        #expect(ics.hasSuffix("END:VCALENDAR\r\n"))
        #expect(!ics.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(!ics.contains("tired"))
        let events = ics.components(separatedBy: "BEGIN:VEVENT").dropFirst()
        #expect(events.count == 3)
        let id = session.id
        #expect(
            events.map { $0.components(separatedBy: "\r\n").first { $0.hasPrefix("UID:") } } == [
                "UID:\(id)-next@alliance", "UID:\(id)-A1@alliance", "UID:\(id)-A2@alliance",
            ])
        #expect(events.allSatisfy { $0.contains("DTSTAMP:20261203T110000Z\r\n") })
        let next = events[events.startIndex]
        #expect(
            next.contains("DTSTART;VALUE=DATE:20261204\r\n")
                && next.contains("SUMMARY:Check-in: Léo's allowance"))
        let a1 = events[events.startIndex + 1]
        #expect(a1.contains("DTSTART;VALUE=DATE:20261217\r\n"))
        #expect(a1.contains(#"SUMMARY:Léo saves a third\, in the jar"#))
        let a2 = events[events.startIndex + 2]
        #expect(
            a2.contains("DTSTART;VALUE=DATE:20261217\r\n") && a2.contains("RRULE:FREQ=WEEKLY;INTERVAL=2\r\n"))
        // The card and the Markdown say how often A2 is checked in on.
        #expect(Export(id: session.id, state: session.state).render(.markdown).contains("_(every 2 weeks)_"))
        #expect(Export(id: session.id, state: session.state).render(.html).contains(">every 2 weeks</span>"))
        // The same alliance exported again keeps its UIDs, so a calendar updates, not duplicates.
        let again = Export(id: session.id, state: session.state).render(.ics)
        #expect(again.components(separatedBy: "\r\n").filter { $0.hasPrefix("UID:") }.count == 3)
    }
}
