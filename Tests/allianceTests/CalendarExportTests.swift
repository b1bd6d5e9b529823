import Foundation
import Testing

/// Dates through the built binary: a first sitting with dated agreements, one on a cadence and
/// the next check-in; its calendar read back by a real iCalendar parser (Python's `icalendar`,
/// which script/test installs); and `alliance due` weeks later (`ALLIANCE_NOW`).
@Suite("Dates and the calendar, end to end", .timeLimit(.minutes(2)), .removingTemporaryDirectories)
struct CalendarExportTests {
    /// Thursday 3 December 2026, 10:00 UTC.
    static let firstDay = ["ALLIANCE_NOW": "2026-12-03T10:00:00.000Z"]

    static let firstSitting = Alliance.script([
        #"/agree Léo puts a third of it in the jar; the rest, his to spend --by +2w --know "we count it on Sundays""#,
        "/agree We talk about how the allowance goes --every 2w",
        "/agree We stay kind about money",
        "/agree A long one: " + String(repeating: "Léo épargne pour un vélo, ", count: 8)
            + " --by 2027-01-15",
        "/note --private he seemed tired",
        "/next friday",
        "/quit",
    ])

    static func alliance(in home: TemporaryHome) throws -> String {
        let first = try home.run(
            [], ["--with", "Léo", "--title", "Léo's allowance"], stdin: firstSitting, environment: firstDay)
        try #require(first.status == 0, "\(first)")
        #expect(first.stdout.contains("next check-in Fri 2026-12-04"), "\(first.stdout)")
        return try home.singleSessionID()
    }

    @Test("export --format ics is a calendar a real parser reads: the next check-in and each dated agreement")
    func icsIsReadByARealParser() throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        let id = try Self.alliance(in: home)
        let export = try home.run(
            ["export"], [id, "--format", "ics", "--private"], environment: Self.firstDay)
        #expect(export.status == 0, "\(export)")
        let bytes = export.stdoutBytes
        // CRLF after every line, and no line longer than 75 octets.
        let lines = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n")
        #expect(lines.last == "")
        #expect(lines.allSatisfy { !$0.contains("\n") && $0.utf8.count <= 75 }, "\(lines)")
        #expect(!export.stdout.contains("tired"))

        let file = home.root + "/alliance.ics"
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        let parsed = try Self.parse(file)
        #expect(parsed["calendar"] as? [String] == ["2.0", "GREGORIAN"], "\(parsed)")
        let events = try #require(parsed["events"] as? [[String: String]], "\(parsed)")
        #expect(
            events.map { $0["uid"] } == [
                "\(id)-next@alliance", "\(id)-A1@alliance", "\(id)-A2@alliance", "\(id)-A4@alliance",
            ])
        #expect(events.map { $0["start"] } == ["2026-12-04", "2026-12-17", "2026-12-17", "2027-01-15"])
        #expect(events[0]["summary"] == "Check-in: Léo's allowance")
        #expect(events[1]["summary"] == "Léo puts a third of it in the jar; the rest, his to spend")
        #expect(events[1]["description"]?.contains("How we'll know: we count it on Sundays") == true)
        #expect(events[2]["rrule"] == "FREQ=WEEKLY;INTERVAL=2")
        #expect(
            events[3]["summary"] == "A long one: "
                + String(repeating: "Léo épargne pour un vélo, ", count: 8).trimmingCharacters(
                    in: .whitespaces))
        // DTSTAMP is the clock's time in UTC (ALLIANCE_NOW, plus however long a loaded machine takes).
        #expect(events.allSatisfy { $0["stamp"]?.hasPrefix("2026-12-03T10:0") == true }, "\(events)")
        #expect(events.allSatisfy { $0["stamp"]?.hasSuffix("+00:00") == true }, "\(events)")
    }

    @Test(
        "alliance due, weeks later: overdue, due for a check-in and the next check-in, with title and people")
    func dueOnTheCommandLine() throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        let id = try Self.alliance(in: home)
        let due = try home.run(["due"], [], environment: ["ALLIANCE_NOW": "2026-12-20"])
        #expect(due.status == 0, "\(due)")
        #expect(
            due.stdout.split(separator: "\n").map(String.init) == [
                "Overdue, due for a check-in, or due within 7 days (today is Sun 2026-12-20):",
                "  Léo's allowance (\(id)) · with Léo",
                "    Next check-in: Fri 2026-12-04 (overdue by 16 days; /next DATE sets a new one)",
                "    A1  Léo puts a third of it in the jar; the rest, his to spend  · overdue since Thu 2026-12-17 (3 days)",
                "    A2  We talk about how the allowance goes  · due for a check-in (every 2 weeks, since Thu 2026-12-17)",
            ], "\(due.stdout)")
        let calm = try home.run(["due"], [], environment: ["ALLIANCE_NOW": "2026-12-03T11:00:00.000Z"])
        #expect(calm.stdout.contains("Next check-in: Fri 2026-12-04 (tomorrow)"), "\(calm.stdout)")
        #expect(!calm.stdout.contains("overdue"), "\(calm.stdout)")
    }

    @Test("ALLIANCE_NOW takes a day or a UTC time to the minute, second or millisecond; a typo is a warning")
    func theShiftedClockReadsTheFormsPeopleType() throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        for now in ["2026-12-20", "2026-12-20T09:00Z", "2026-12-20T09:00:00Z", "2026-12-20T09:00:00.000Z"] {
            let due = try home.run(["due"], [], environment: ["ALLIANCE_NOW": now])
            #expect(due.stdout.contains("today is Sun 2026-12-20"), "\(now): \(due)")
            #expect(due.stderr.isEmpty, "\(now): \(due)")
        }
        let typo = try home.run(["due"], [], environment: ["ALLIANCE_NOW": "2026-12-20 09:00"])
        #expect(typo.status == 0, "\(typo)")
        #expect(
            typo.stderr
                == "warning: ALLIANCE_NOW=2026-12-20 09:00 is neither a day (2026-12-16) nor a UTC time (2026-12-16T09:00Z); the real clock is used\n",
            "\(typo)")
    }

    /// The calendar in `file` as Python's `icalendar` reads it: VERSION and CALSCALE, then per
    /// event its UID, start date, summary, description, RRULE and DTSTAMP.
    static func parse(_ file: String) throws -> [String: Any] {
        let script = """
            import json, sys
            import icalendar
            cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
            events = []
            for e in cal.walk('VEVENT'):
                item = {'uid': str(e['UID']), 'start': e.decoded('DTSTART').isoformat(),
                        'summary': str(e['SUMMARY']), 'description': str(e.get('DESCRIPTION', '')),
                        'stamp': e.decoded('DTSTAMP').isoformat()}
                if 'RRULE' in e:
                    item['rrule'] = e['RRULE'].to_ical().decode()
                events.append(item)
            print(json.dumps({'calendar': [str(cal['VERSION']), str(cal['CALSCALE'])], 'events': events}))
            """
        let run = try Python.run(["-c", script, file])
        try #require(
            run.status == 0,
            "python3 with icalendar could not read the calendar (script/test installs it: pip install icalendar): \(run.stderr)"
        )
        return try #require(JSONSerialization.jsonObject(with: Data(run.stdout)) as? [String: Any])
    }
}
