/// A day on the calendar (`2026-12-11`), with no time and no zone: what `--by`, `/next` and
/// `--every` are about.
package struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01.
    package var days: Int

    package init(days: Int) { self.days = days }

    /// A real calendar date written `YYYY-MM-DD`, nothing else.
    package init?(_ text: String) {
        let u = Array(text.utf8)
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var n = 0
            for i in range {
                guard (48...57).contains(u[i]) else { return nil }
                n = n * 10 + Int(u[i] - 48)
            }
            return n
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            (1...12).contains(month), day >= 1, day <= Self.length(of: month, in: year)
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The date of `year`, `month` (1…12) and `day` (1…31), which must be real.
    package init(year: Int, month: Int, day: Int) {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        days = era * 146_097 + doe - 719_468
    }

    /// Year, month (1…12) and day (1…31).
    package var fields: (year: Int, month: Int, day: Int) {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// `2026-12-11`.
    package var description: String {
        let f = fields
        return "\(digits(f.year, 4))-\(digits(f.month, 2))-\(digits(f.day, 2))"
    }

    /// `20261211`, as iCalendar writes a date.
    package var basic: String { description.replacingAll("-", with: "") }

    /// 0 for Monday … 6 for Sunday (1970-01-01 was a Thursday).
    package var weekday: Int { ((days % 7) + 7 + 3) % 7 }

    /// `Fri`.
    package var weekdayName: String { ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][weekday] }

    /// `Fri 2026-12-11`: how a date is shown to people.
    package var shown: String { "\(weekdayName) \(self)" }

    package func adding(days n: Int) -> CalendarDate { CalendarDate(days: days + n) }

    /// The same day `n` months on, or the last day of that month when it is shorter
    /// (2027-01-31 plus one month is 2027-02-28).
    package func adding(months n: Int) -> CalendarDate {
        let f = fields
        let index = f.year * 12 + (f.month - 1) + n
        let year = index >= 0 ? index / 12 : (index - 11) / 12
        let month = index - year * 12 + 1
        return CalendarDate(year: year, month: month, day: min(f.day, Self.length(of: month, in: year)))
    }

    /// Whole days from `self` to `other` (negative when `other` is earlier).
    package func days(to other: CalendarDate) -> Int { other.days - days }

    package static func < (a: CalendarDate, b: CalendarDate) -> Bool { a.days < b.days }

    static let weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

    static func length(of month: Int, in year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The forms a date option takes, for error messages.
    package static let forms = "YYYY-MM-DD, a weekday (friday, fri), today, tomorrow, +3d, +2w or +1m"

    /// The date `text` names, counted from `today`: `2027-01-15`; a weekday (`friday`, `fri`,
    /// any case: the next one strictly after today); `today`; `tomorrow`; `+3d`, `+2w`, `+1m`
    /// (calendar months, clamped to the month's last day). Nil for anything else.
    package static func parse(_ text: String, today: CalendarDate) -> CalendarDate? {
        let word = text.trimmed.lowercased()
        if let date = CalendarDate(word) { return date }
        switch word {
        case "today": return today
        case "tomorrow": return today.adding(days: 1)
        default: break
        }
        if word.utf8.count >= 3, let index = weekdays.firstIndex(where: { $0.hasPrefix(word) }) {
            let ahead = (index - today.weekday + 7) % 7
            return today.adding(days: ahead == 0 ? 7 : ahead)
        }
        if word.hasPrefix("+"), let step = Step(String(word.dropFirst())) {
            return step.after(today)
        }
        return nil
    }

    /// A whole number of days, weeks or months: `3d`, `2w`, `1m`.
    package struct Step: Sendable, Hashable {
        package enum Unit: String, Sendable, CaseIterable { case day, week, month }
        package var count: Int
        package var unit: Unit

        package init(count: Int, unit: Unit) {
            self.count = count
            self.unit = unit
        }

        /// `3d`, `2w`, `1m` (also `3days`, `2weeks`, `1month`); the count is 1…999.
        package init?(_ text: String) {
            let digitsPart = text.prefix { $0.isASCII && $0.isNumber }
            guard !digitsPart.isEmpty, digitsPart.count <= 3, let count = Int(digitsPart), count > 0 else {
                return nil
            }
            let unitPart = text.dropFirst(digitsPart.count).lowercased()
            let units: [(Unit, [String])] = [
                (.day, ["d", "day", "days"]), (.week, ["w", "week", "weeks"]),
                (.month, ["m", "month", "months"]),
            ]
            guard let unit = units.first(where: { $0.1.contains(unitPart) })?.0 else { return nil }
            self.init(count: count, unit: unit)
        }

        package func after(_ date: CalendarDate) -> CalendarDate {
            switch unit {
            case .day: date.adding(days: count)
            case .week: date.adding(days: 7 * count)
            case .month: date.adding(months: count)
            }
        }
    }
}

/// How often an agreement is checked in on (`--every week`): stored in the log as `day`,
/// `week`, `month`, or a count and the plural (`2 weeks`, `3 days`).
public struct Cadence: Sendable, Hashable, CustomStringConvertible {
    package var step: CalendarDate.Step

    package init(_ step: CalendarDate.Step) { self.step = step }

    /// What `--every` accepts: `day`, `daily`, `week`, `weekly`, `fortnight`, `fortnightly`,
    /// `month`, `monthly`, or a count and a unit (`2w`, `2weeks`, `10d`, `3m`); any case.
    package init?(option text: String) {
        let word = text.trimmed.lowercased()
        switch word {
        case "day", "daily": self.init(CalendarDate.Step(count: 1, unit: .day))
        case "week", "weekly": self.init(CalendarDate.Step(count: 1, unit: .week))
        case "fortnight", "fortnightly": self.init(CalendarDate.Step(count: 2, unit: .week))
        case "month", "monthly": self.init(CalendarDate.Step(count: 1, unit: .month))
        default:
            guard let step = CalendarDate.Step(word) else { return nil }
            self.init(step)
        }
    }

    /// The stored form: `week`, `2 weeks`.
    package init?(stored text: String) {
        let parts = text.split(separator: " ", omittingEmptySubsequences: false)
        if parts.count == 1, let unit = CalendarDate.Step.Unit(rawValue: text) {
            self.init(CalendarDate.Step(count: 1, unit: unit))
        } else if parts.count == 2, let count = Int(parts[0]), count > 1, count <= 999,
            String(parts[0]) == String(count), parts[1].hasSuffix("s"),
            let unit = CalendarDate.Step.Unit(rawValue: String(parts[1].dropLast()))
        {
            self.init(CalendarDate.Step(count: count, unit: unit))
        } else {
            return nil
        }
    }

    /// `week`, `2 weeks`: the stored form, and how it reads after "every".
    public var description: String {
        step.count == 1 ? step.unit.rawValue : "\(step.count) \(step.unit.rawValue)s"
    }

    /// What `--every` accepts, for error messages.
    package static let forms = "day, week, fortnight, month, or a count such as 2w, 10d, 3m"
}

extension SystemClock {
    /// How far `ALLIANCE_NOW` moves the clock: set to a UTC time (`2026-12-16T09:00Z`,
    /// `2026-12-16T09:00:00Z` or the log's `2026-12-16T09:00:00.000Z`) or a day (`2026-12-16`,
    /// its midnight UTC), the process starts at that moment and time runs on from there, so a
    /// script, a demonstration or a test can be "weeks later". Unset: no shift. Unreadable: no
    /// shift, and one warning on standard error, so a typo is not taken for today.
    static let shift: Int64 = {
        guard let text = POSIX.environmentVariable("ALLIANCE_NOW"), !text.isEmpty else { return 0 }
        guard let start = startOfShift(text) else {
            POSIX.writeAll(
                Array(
                    "warning: ALLIANCE_NOW=\(text.terminalSafe) is neither a day (2026-12-16) nor a UTC time (2026-12-16T09:00Z); the real clock is used\n"
                        .utf8), to: 2)
            return 0
        }
        return start.milliseconds - Timestamp.now().milliseconds
    }()

    /// The moment `ALLIANCE_NOW` names, in any of the forms `shift` accepts.
    static func startOfShift(_ text: String) -> Timestamp? {
        if let day = CalendarDate(text) { return Timestamp(milliseconds: Int64(day.days) * 86_400_000) }
        // The log's own form, to the millisecond; shorter forms are completed to it.
        switch text.utf8.count {
        case 17 where text.hasSuffix("Z"): return Timestamp(text.dropLast() + ":00.000Z")
        case 20 where text.hasSuffix("Z"): return Timestamp(text.dropLast() + ".000Z")
        default: return Timestamp(text)
        }
    }
}

private func digits(_ n: Int, _ width: Int) -> String {
    let s = String(n)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}
