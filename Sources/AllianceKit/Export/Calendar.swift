/// `export --format ics`: the alliance's dates as an iCalendar file (RFC 5545) that any calendar
/// imports: the next check-in, each open agreement with a date, and each agreement on a cadence
/// from the day it is next due, repeating. Re-importing a later export updates these events
/// rather than adding copies, because each keeps its `UID`. Notes are never in it.
extension Export {
    func ics() -> String {
        let today = now.calendarDate(in: zone)
        let stamp = ICalendar.stamp(now)
        let who = state.participants.joined(separator: ", ")
        let with = who.isEmpty ? "" : " with \(who)"
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//alliance//alliance \(AllianceVersion.current)//EN",
            "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:" + ICalendar.text(title),
        ]
        func event(uid: String, date: CalendarDate, summary: String, description: String, rule: String? = nil)
        {
            lines += [
                "BEGIN:VEVENT", "UID:\(uid)@alliance", "DTSTAMP:\(stamp)", "DTSTART;VALUE=DATE:\(date.basic)",
                "DTEND;VALUE=DATE:\(date.adding(days: 1).basic)",
            ]
            if let rule { lines.append("RRULE:\(rule)") }
            lines += [
                "SUMMARY:" + ICalendar.text(summary), "DESCRIPTION:" + ICalendar.text(description),
                "TRANSP:TRANSPARENT", "END:VEVENT",
            ]
        }
        if let next = state.nextCheckin.flatMap(CalendarDate.init) {
            event(
                uid: "\(id)-next", date: next, summary: "Check-in: \(title)",
                description: "The next check-in on the alliance \(title)\(with) (alliance revisit \(id)).")
        }
        for agreement in state.liveAgreements {
            var about = "Agreement \(agreement.id) of \(title)\(with)."
            if let know = agreement.know { about += "\nHow we'll know: \(know)" }
            switch agreement.timing(today: today, in: zone) {
            case .dated(let date, _):
                event(uid: "\(id)-\(agreement.id)", date: date, summary: agreement.text, description: about)
            case .cadence(let every, let next, _):
                event(
                    uid: "\(id)-\(agreement.id)", date: next, summary: agreement.text,
                    description: about + "\nChecked in on every \(every).", rule: ICalendar.rule(every))
            case .ongoing:
                continue
            }
        }
        lines.append("END:VCALENDAR")
        return lines.map { ICalendar.folded($0) + "\r\n" }.joined()
    }
}

/// The parts of RFC 5545 an export needs.
package enum ICalendar {
    /// `20261203T224000Z`: a UTC date-time.
    static func stamp(_ time: Timestamp) -> String {
        let f = time.fields
        let date = CalendarDate(year: f.year, month: f.month, day: f.day).basic
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(date)T\(two(f.hour))\(two(f.minute))\(two(f.second))Z"
    }

    /// `FREQ=WEEKLY;INTERVAL=2`.
    static func rule(_ every: Cadence) -> String {
        let freq =
            switch every.step.unit {
            case .day: "DAILY"
            case .week: "WEEKLY"
            case .month: "MONTHLY"
            }
        return every.step.count == 1 ? "FREQ=\(freq)" : "FREQ=\(freq);INTERVAL=\(every.step.count)"
    }

    /// A TEXT value (RFC 5545 3.3.11): `\`, `;` and `,` escaped, a line break as `\n`, other
    /// control characters left out.
    package static func text(_ value: String) -> String {
        var out = ""
        var previousWasCR = false
        for scalar in value.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\r": out += "\\n"
            case "\n": if !previousWasCR { out += "\\n" }
            case "\t": out += " "
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A content line folded (RFC 5545 3.1): no line longer than 75 octets, each continuation
    /// starting with one space, and never inside a UTF-8 sequence. Without its CRLF.
    package static func folded(_ line: String) -> String {
        var out = ""
        var octets = 0
        for scalar in line.unicodeScalars {
            let size = UTF8.width(scalar)
            if octets + size > 75 {
                out += "\r\n "
                octets = 1
            }
            out.unicodeScalars.append(scalar)
            octets += size
        }
        return out
    }
}
