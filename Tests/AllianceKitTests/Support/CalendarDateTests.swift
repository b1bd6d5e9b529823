import Testing

@testable import AllianceKit

@Suite struct CalendarDateTests {
    /// Thursday 3 December 2026.
    static let today = CalendarDate("2026-12-03")!

    static func parsed(_ text: String) -> String? {
        CalendarDate.parse(text, today: today)?.description
    }

    @Test(
        arguments: [
            ("2027-01-15", "2027-01-15"), ("2028-02-29", "2028-02-29"), ("today", "2026-12-03"),
            ("Tomorrow", "2026-12-04"), ("friday", "2026-12-04"), ("fri", "2026-12-04"),
            ("FRI", "2026-12-04"),
            ("thursday", "2026-12-10"), ("thu", "2026-12-10"), ("mon", "2026-12-07"),
            ("Sunday", "2026-12-06"),
            ("+3d", "2026-12-06"), ("+2w", "2026-12-17"), ("+1m", "2027-01-03"), ("+0d", nil),
            ("+12m", "2027-12-03"),
            ("+4weeks", "2026-12-31"),
        ] as [(String, String?)])
    func datesAreReadFromToday(_ text: String, _ date: String?) {
        #expect(Self.parsed(text) == date)
    }

    @Test(arguments: [
        "", "soon", "next friday", "fr", "2027-02-29", "2027-13-01", "27-01-15", "+d", "+3y", "-3d",
        "+1000d", "2027-1-5", "fridays",
    ])
    func garbageIsNoDate(_ text: String) {
        #expect(Self.parsed(text) == nil)
    }

    @Test func aMonthOnIsClampedToTheMonthsLastDay() {
        #expect(CalendarDate("2027-01-31")!.adding(months: 1).description == "2027-02-28")
        #expect(CalendarDate("2028-01-31")!.adding(months: 1).description == "2028-02-29")
        #expect(CalendarDate("2026-12-15")!.adding(months: 1).description == "2027-01-15")
        #expect(CalendarDate("2027-03-31")!.adding(months: -1).description == "2027-02-28")
        #expect(CalendarDate.parse("+1m", today: CalendarDate("2027-08-31")!)?.description == "2027-09-30")
    }

    @Test func daysWeekdaysAndTheClock() {
        #expect(Self.today.shown == "Thu 2026-12-03")
        #expect(CalendarDate("1970-01-01")!.days == 0)
        #expect(CalendarDate("1969-12-31")!.weekdayName == "Wed")
        #expect(Self.today.days(to: CalendarDate("2026-12-11")!) == 8)
        #expect(Timestamp("2026-12-03T23:59:59.999Z")!.calendarDate(in: .utc) == Self.today)
        #expect(Timestamp("1969-12-31T12:00:00.000Z")!.calendarDate(in: .utc).description == "1969-12-31")
    }

    @Test(arguments: [
        ("week", "week"), ("Weekly", "week"), ("day", "day"), ("daily", "day"), ("fortnight", "2 weeks"),
        ("2w", "2 weeks"), ("2weeks", "2 weeks"), ("month", "month"), ("monthly", "month"),
        ("3m", "3 months"),
        ("10d", "10 days"), ("1w", "week"),
    ])
    func cadencesAreReadAndStoredOneWay(_ text: String, _ stored: String) {
        let cadence = Cadence(option: text)
        #expect(cadence?.description == stored)
        #expect(Cadence(stored: stored) == cadence)
    }

    @Test(arguments: ["year", "0w", "", "2", "w", "every week", "1000d"])
    func otherCadencesAreRefused(_ text: String) {
        #expect(Cadence(option: text) == nil)
    }

    @Test(arguments: ["weeks", "1 week", "2 week", "02 weeks", "2  weeks", "fortnight", "2w"])
    func storedCadencesHaveOneSpelling(_ text: String) {
        #expect(Cadence(stored: text) == nil)
    }
}
