/// What is coming due, told the same way by `/due`, `alliance due`, the greeting of a revisit
/// and the calendar export.
extension AllianceState.Agreement {
    /// The day it was last agreed, kept or adjusted, on `zone`'s calendar: a cadence counts from there.
    package func lastReviewed(in zone: Zone) -> CalendarDate {
        let last = decisions.last { $0.outcome == .keep || $0.outcome == .adjust }
        return (last?.at ?? at).calendarDate(in: zone)
    }

    /// For an agreement with a cadence, the day it is next due for a check-in.
    package func nextReview(in zone: Zone) -> CalendarDate? {
        every.map { $0.step.after(lastReviewed(in: zone)) }
    }

    /// Where it stands on `today`, on `zone`'s calendar.
    package func timing(today: CalendarDate, in zone: Zone) -> Timing {
        if let due = due.flatMap(CalendarDate.init) { return .dated(due, days: today.days(to: due)) }
        if let every, let next = nextReview(in: zone) {
            return .cadence(every, next: next, days: today.days(to: next))
        }
        return .ongoing
    }

    /// Dated (overdue once the date is past), on a cadence (due for a check-in, never overdue),
    /// or ongoing (never due).
    package enum Timing: Equatable {
        case dated(CalendarDate, days: Int)
        case cadence(Cadence, next: CalendarDate, days: Int)
        case ongoing

        /// Whether it needs attention: overdue, or due for a check-in.
        package var isDue: Bool {
            switch self {
            case .dated(_, let days), .cadence(_, _, let days): days <= 0
            case .ongoing: false
            }
        }

        /// The date it comes due on, if any.
        package var date: CalendarDate? {
            switch self {
            case .dated(let date, _), .cadence(_, let date, _): date
            case .ongoing: nil
            }
        }

        /// `overdue since Tue 2026-12-01 (2 days)`, `due today`, `due Fri 2026-12-11 (in 8 days)`;
        /// `due for a check-in (every week)`, `check-in Fri 2026-12-11 (every week)`; `ongoing`.
        package var phrase: String {
            switch self {
            case .dated(let date, let days):
                days < 0
                    ? "overdue since \(date.shown) (\(plural(-days, "day")))"
                    : days == 0 ? "due today" : "due \(date.shown) (\(inDays(days)))"
            case .cadence(let every, let date, let days):
                days <= 0
                    ? "due for a check-in (every \(every), since \(date.shown))"
                    : "check-in \(date.shown) (every \(every), \(inDays(days)))"
            case .ongoing: "ongoing"
            }
        }
    }
}

/// `in 8 days`, `tomorrow`, `today`, `3 days ago`.
package func inDays(_ days: Int) -> String {
    switch days {
    case 0: "today"
    case 1: "tomorrow"
    case -1: "yesterday"
    case ..<0: "\(plural(-days, "day")) ago"
    default: "in \(plural(days, "day"))"
    }
}

extension AllianceState {
    /// `Next check-in: Fri 2026-12-11 (in 8 days)`, or overdue once it is past; nil when no
    /// `/next` stands.
    package func nextCheckinLine(today: CalendarDate) -> Line? {
        guard let date = nextCheckin.flatMap(CalendarDate.init) else { return nil }
        let days = today.days(to: date)
        if days < 0 {
            return Line(
                "Next check-in: \(date.shown) (overdue by \(plural(-days, "day")); /next DATE sets a new one)",
                .warning)
        }
        return Line("Next check-in: \(date.shown) (\(inDays(days)))", .plain)
    }
}
