import Synchronization

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
        Timestamp.civilFields(milliseconds)
    }

    /// Calendar fields on `zone`'s clock at this moment.
    package func fields(in zone: Zone)
        -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, millisecond: Int)
    {
        Timestamp.civilFields(milliseconds + Int64(zone.offsetSeconds(at: self)) * 1000)
    }

    private static func civilFields(_ milliseconds: Int64)
        -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, millisecond: Int)
    {
        let ms = Int(milliseconds.floorMod(1000))
        let seconds = (milliseconds - Int64(ms)) / 1000
        let days = Int(seconds.floorDiv(86_400))
        let secondOfDay = Int(seconds - Int64(days) * 86_400)
        let date = CalendarDate(days: days).fields
        return (
            date.year, date.month, date.day, secondOfDay / 3600, secondOfDay % 3600 / 60, secondOfDay % 60, ms
        )
    }

    /// `2026-11-25T06:40:12.345Z`: the form stored in logs.
    public var description: String {
        let f = fields
        return
            "\(pad(f.year, 4))-\(pad(f.month))-\(pad(f.day))T\(pad(f.hour)):\(pad(f.minute)):\(pad(f.second)).\(pad(f.millisecond, 3))Z"
    }

    /// The calendar date of this moment on `zone`'s clock, `2026-11-25`: the one function that
    /// says what day it is (or was) for the coach, wherever dates are compared ("today", due
    /// dates, "3 days ago"). Pass the session's zone (`Clock.zone`, `CommandContext.zone`).
    package func calendarDate(in zone: Zone) -> CalendarDate {
        let day: Int64 = 86_400_000
        return CalendarDate(
            days: Int((milliseconds + Int64(zone.offsetSeconds(at: self)) * 1000).floorDiv(day)))
    }

    /// `2026-11-25 07:40`: the date and minute on `zone`'s clock, without the offset, as the
    /// shell's own screens show a time (the coach reads them where they are).
    package func minute(in zone: Zone) -> String {
        let f = fields(in: zone)
        return "\(calendarDate(in: zone)) \(pad(f.hour)):\(pad(f.minute))"
    }

    /// `2026-11-25 07:40 +01:00` (or `2026-11-25 06:40 UTC` when the offset is zero): the date and
    /// minute on `zone`'s clock with its offset, for what is read elsewhere (exports, lock notes).
    package func stamped(in zone: Zone) -> String {
        "\(minute(in: zone)) \(zone.offsetText(at: self))"
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
        // Day 31 of a shorter month is read as the days after it, as the stored form always was.
        let days = CalendarDate(year: year, month: month, day: day).days
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
    /// The zone the coach reads this clock in: what times are shown in and what "today" is.
    var zone: Zone { get }
}

extension Clock {
    /// The machine's own zone (`TZ`, else /etc/localtime), unless a clock says otherwise.
    public var zone: Zone { .local }
}

/// How a place's clock differs from UTC at each moment: UTC itself, a fixed offset, or the zone
/// the C library reads from `TZ` (and /etc/localtime when `TZ` is unset), daylight saving and all.
/// Logs always hold UTC; a zone only changes what is shown. Rendering takes one as a value, so
/// only the edges (the shell, the command line) read the environment.
public struct Zone: Sendable, Hashable, CustomStringConvertible {
    private enum Rule: Sendable, Hashable {
        case fixed(seconds: Int)
        case system
    }
    private let rule: Rule

    /// Coordinated Universal Time: what the log holds.
    public static let utc = Zone(rule: .fixed(seconds: 0))

    /// The machine's zone, as `localtime_r` reads it: `TZ` (`Europe/Paris`, `UTC`,
    /// `CET-1CEST,M3.5.0,M10.5.0/3`), else /etc/localtime, else UTC.
    public static let local = Zone(rule: .system)

    /// A zone that is always `minutes` east of UTC (`-480` for UTC−08:00), without daylight saving.
    package static func fixed(minutes: Int) -> Zone { Zone(rule: .fixed(seconds: minutes * 60)) }

    /// Seconds east of UTC on this zone's clock at `moment` (`3600` in Paris in January,
    /// `7200` in July).
    package func offsetSeconds(at moment: Timestamp) -> Int {
        switch rule {
        case .fixed(let seconds): seconds
        case .system: Zone.systemOffset(atSecond: moment.milliseconds.floorDiv(1000))
        }
    }

    /// The C library's offset at `second`, remembered for the last minute asked about: a
    /// transcript asks for each sitting's start and close, and `localtime_r` takes a lock shared by
    /// every thread. Exact because since 1973 every zone's offset is whole minutes and changes on a
    /// whole minute of UTC; earlier moments are always asked afresh.
    private static func systemOffset(atSecond second: Int64) -> Int {
        let minute = second.floorDiv(60)
        guard minute >= Zone.firstWholeMinute, minute < 1 << 40 else {
            return POSIX.localOffsetSeconds(atSecond: second)
        }
        let remembered = lastOffset.load(ordering: .relaxed)
        // One word holds the minute (high bits) and the offset in minutes, biased to be positive.
        if remembered >> 16 == minute { return Int(remembered & 0xFFFF) * 60 - Zone.bias }
        let offset = POSIX.localOffsetSeconds(atSecond: second)
        guard offset % 60 == 0, abs(offset) < Zone.bias else { return offset }
        lastOffset.store(minute << 16 | Int64(offset / 60 + Zone.bias / 60), ordering: .relaxed)
        return offset
    }

    /// 1973-01-01T00:00:00Z, in minutes.
    private static let firstWholeMinute: Int64 = 1_578_240
    /// Offsets are within ±26 hours; stored as minutes plus 30 hours.
    private static let bias = 30 * 3600
    private static let lastOffset = Atomic<Int64>(0)

    /// `+01:00`, `-08:00`, `+05:45`, or `UTC` when the zone's clock reads UTC at `moment`.
    package func offsetText(at moment: Timestamp) -> String {
        let seconds = offsetSeconds(at: moment)
        guard seconds != 0 else { return "UTC" }
        let minutes = abs(seconds) / 60
        return "\(seconds < 0 ? "-" : "+")\(pad(minutes / 60)):\(pad(minutes % 60))"
    }

    public var description: String {
        switch rule {
        case .fixed(0): "UTC"
        case .fixed(let seconds):
            "UTC\(Zone.fixed(minutes: seconds / 60).offsetText(at: Timestamp(milliseconds: 0)))"
        case .system: "local"
        }
    }
}

/// The system's real-time clock, moved to `ALLIANCE_NOW` when that is set (`SystemClock.shift`).
public struct SystemClock: Clock {
    public init() {}
    public func now() -> Timestamp {
        // The shift first: it reads the clock once, when it is first used, and a reading taken
        // before it would be that much behind (a day given as `ALLIANCE_NOW` would show as the
        // day before on a machine slow enough to take a millisecond in between).
        let shift = Self.shift
        return Timestamp(milliseconds: Timestamp.now().milliseconds + shift)
    }
}
