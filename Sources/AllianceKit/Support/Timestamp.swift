/// A moment in UTC with millisecond precision, written as `2026-11-25T06:40:12.345Z`.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    package var milliseconds: Int64

    public init(milliseconds: Int64) { self.milliseconds = milliseconds }

    /// The current time from the system clock.
    package static func now() -> Timestamp {
        Timestamp(milliseconds: POSIX.realTimeMilliseconds())
    }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.milliseconds < b.milliseconds }

    /// Calendar fields in UTC.
    package var fields:
        (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, millisecond: Int)
    {
        let ms = Int(milliseconds.floorMod(1000))
        let seconds = (milliseconds - Int64(ms)) / 1000
        let days = Int(seconds.floorDiv(86_400))
        let secondOfDay = Int(seconds - Int64(days) * 86_400)
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day, secondOfDay / 3600, secondOfDay % 3600 / 60, secondOfDay % 60, ms)
    }

    /// `2026-11-25T06:40:12.345Z`: the form stored in logs.
    public var description: String {
        let f = fields
        return
            "\(pad(f.year, 4))-\(pad(f.month))-\(pad(f.day))T\(pad(f.hour)):\(pad(f.minute)):\(pad(f.second)).\(pad(f.millisecond, 3))Z"
    }

    /// `2026-11-25`.
    package var date: String {
        let f = fields
        return "\(pad(f.year, 4))-\(pad(f.month))-\(pad(f.day))"
    }

    /// `2026-11-25 06:40 UTC`: the form shown to people.
    package var minute: String {
        let f = fields
        return "\(date) \(pad(f.hour)):\(pad(f.minute)) UTC"
    }

    /// Parses the stored form; seconds' fraction and the `Z` are required.
    package init?(_ text: String) {
        let u = Array(text.utf8)
        guard u.count == 24, u[4] == 45, u[7] == 45, u[10] == 84, u[13] == 58, u[16] == 58, u[19] == 46,
            u[23] == 90
        else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var n = 0
            for i in range {
                guard (48...57).contains(u[i]) else { return nil }
                n = n * 10 + Int(u[i] - 48)
            }
            return n
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
            let ms = number(20..<23), (1...12).contains(month), (1...31).contains(day), hour < 24,
            minute < 60,
            second < 61
        else { return nil }
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        self.milliseconds = seconds * 1000 + Int64(ms)
    }
}

private func pad(_ n: Int, _ width: Int = 2) -> String {
    let s = String(n)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

extension Int64 {
    fileprivate func floorDiv(_ d: Int64) -> Int64 { (self >= 0 ? self : self - d + 1) / d }
    fileprivate func floorMod(_ d: Int64) -> Int64 { self - floorDiv(d) * d }
}

/// Where the time comes from: the system clock in the shell, a fixed one in tests.
public protocol Clock: Sendable {
    func now() -> Timestamp
}

/// The system's real-time clock, moved to `ALLIANCE_NOW` when that is set (`SystemClock.shift`).
public struct SystemClock: Clock {
    public init() {}
    public func now() -> Timestamp { Timestamp(milliseconds: Timestamp.now().milliseconds + Self.shift) }
}
