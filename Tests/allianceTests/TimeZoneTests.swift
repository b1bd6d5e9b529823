import AllianceKit
import Foundation
import Testing

/// The coach's own clock: one log, written in UTC, read by `replay`, `sessions` and `export` with
/// `TZ` set as a coach elsewhere would have it. Daylight saving is judged for each moment, and a
/// time that is the previous day somewhere is dated that day there.
@Suite(.removingTemporaryDirectories) struct TimeZoneTests {
    static let id = "2026-07-14-tz01"

    /// Sitting 1 on a July afternoon (summer time in Paris), sitting 2 on a January morning at
    /// 07:15 UTC (winter time in Paris, still the evening before in Los Angeles).
    static let lines = [
        #"{"v":1,"seq":1,"at":"2026-07-14T12:30:00.000Z","type":"sitting","by":"facilitator","n":1,"app":"0.1.0","title":"Allowance","participants":["Léo"],"pack":"new-team-member","packs":[],"plugins":[]"#,
        #"{"v":1,"seq":2,"at":"2026-07-14T12:31:00.000Z","type":"agree","by":"facilitator","id":"A1","text":"Léo saves a third","due":"2027-02-01""#,
        #"{"v":1,"seq":3,"at":"2026-07-14T13:00:00.000Z","type":"close","by":"facilitator","reason":"quit""#,
        #"{"v":1,"seq":4,"at":"2027-01-10T07:15:00.000Z","type":"sitting","by":"facilitator","n":2,"app":"0.1.0","participants":["Léo"],"pack":"new-team-member","packs":[],"plugins":[]"#,
        #"{"v":1,"seq":5,"at":"2027-01-10T07:16:00.000Z","type":"checkin","by":"facilitator""#,
        #"{"v":1,"seq":6,"at":"2027-01-10T07:17:00.000Z","type":"review","by":"facilitator","agreement":"A1","outcome":"keep""#,
        #"{"v":1,"seq":7,"at":"2027-01-10T07:45:00.000Z","type":"close","by":"facilitator","reason":"quit""#,
    ]

    static func home() throws -> TemporaryHome {
        let home = try TemporaryHome()
        try FileManager.default.createDirectory(
            atPath: home.sessions, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: home.path)
        let log = lines.map { $0 + #","crc":"\#(CRC32.hex(Array($0.utf8)))"}"# + "\n" }.joined()
        let path = home.sessions + "/\(id).jsonl"
        try log.write(toFile: path, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        return home
    }

    /// What each zone shows: the sittings' headings and closes in `replay`, the STARTED and LAST
    /// columns of `sessions`, and the Markdown export's dates and spans with their offsets.
    struct Expected: Sendable, CustomStringConvertible {
        var tz: String
        var replay: [String]
        var sessions: [String]
        var markdown: [String]
        var description: String { tz }
    }

    static let zones: [Expected] = [
        Expected(
            tz: "UTC",
            replay: [
                "── Sitting 1 · 2026-07-14 12:30 · with Léo", "── closed 2026-07-14 13:00",
                "── Sitting 2 · 2027-01-10 07:15 · with Léo", "── closed 2027-01-10 07:45",
            ],
            sessions: ["2026-07-14 12:30", "2027-01-10"],
            markdown: [
                "2 sittings, 2026-07-14 to 2027-01-10", "2026-07-14, sitting 1: agreed",
                "2027-01-10, sitting 2: kept", "1. 2026-07-14 12:30–13:00 UTC:",
                "2. 2027-01-10 07:15–07:45 UTC:",
            ]),
        Expected(
            tz: "Europe/Paris",
            replay: [
                "── Sitting 1 · 2026-07-14 14:30 · with Léo", "── closed 2026-07-14 15:00",
                "── Sitting 2 · 2027-01-10 08:15 · with Léo", "── closed 2027-01-10 08:45",
            ],
            sessions: ["2026-07-14 14:30", "2027-01-10"],
            markdown: [
                "2 sittings, 2026-07-14 to 2027-01-10", "1. 2026-07-14 14:30–15:00 +02:00:",
                "2. 2027-01-10 08:15–08:45 +01:00:",
            ]),
        Expected(
            tz: "Asia/Tokyo",
            replay: [
                "── Sitting 1 · 2026-07-14 21:30 · with Léo", "── closed 2026-07-14 22:00",
                "── Sitting 2 · 2027-01-10 16:15 · with Léo", "── closed 2027-01-10 16:45",
            ],
            sessions: ["2026-07-14 21:30", "2027-01-10"],
            markdown: ["1. 2026-07-14 21:30–22:00 +09:00:", "2. 2027-01-10 16:15–16:45 +09:00:"]),
        Expected(
            tz: "America/Los_Angeles",
            replay: [
                "── Sitting 1 · 2026-07-14 05:30 · with Léo", "── closed 2026-07-14 06:00",
                // 07:15 UTC on the 10th is 23:15 on the 9th in Los Angeles (PST, −08:00).
                "── Sitting 2 · 2027-01-09 23:15 · with Léo", "── closed 2027-01-09 23:45",
            ],
            sessions: ["2026-07-14 05:30", "2027-01-09"],
            markdown: [
                "2 sittings, 2026-07-14 to 2027-01-09", "2027-01-09, sitting 2: kept",
                "1. 2026-07-14 05:30–06:00 -07:00:", "2. 2027-01-09 23:15–23:45 -08:00:",
            ]),
    ]

    @Test(arguments: zones) func replaySessionsAndExportShowTheLocalClock(_ zone: Expected) throws {
        let home = try Self.home()
        let environment = ["TZ": zone.tz]
        let replay = try home.run(["replay"], [Self.id], environment: environment)
        #expect(replay.status == 0, "\(replay.stderr)")
        let headings = replay.stdout.split(separator: "\n").map(String.init).filter { $0.hasPrefix("──") }
        #expect(
            headings == zone.replay.map { $0.hasPrefix("── Sitting") ? $0 + " · pack new-team-member" : $0 })

        let sessions = try home.run(["sessions"], environment: environment)
        #expect(sessions.status == 0, "\(sessions.stderr)")
        let row = try #require(sessions.stdout.split(separator: "\n").first { $0.hasPrefix(Self.id) })
        for text in zone.sessions { #expect(row.contains(text), "\(row)") }

        let markdown = try home.run(["export"], [Self.id, "--full"], environment: environment)
        #expect(markdown.status == 0, "\(markdown.stderr)")
        for text in zone.markdown { #expect(markdown.stdout.contains(text), "\(text) in \(markdown.stdout)") }
        let html = try home.run(
            ["export"], [Self.id, "--format", "html", "--full"], environment: environment)
        #expect(
            html.stdout.contains("<time>\(zone.markdown.last!.dropFirst(3).dropLast())</time>"),
            "\(html.stdout)")

        // The log and the JSON export keep UTC, whatever the zone.
        let json = try home.run(["export"], [Self.id, "--format", "json"], environment: environment)
        #expect(json.stdout.contains(#""started": "2027-01-10T07:15:00.000Z""#), "\(json.stdout)")
        let log = try String(contentsOfFile: home.sessions + "/\(Self.id).jsonl", encoding: .utf8)
        #expect(log == Self.lines.map { $0 + #","crc":"\#(CRC32.hex(Array($0.utf8)))"}"# + "\n" }.joined())
    }
}

extension TimeZoneTests {
    /// Paris leaves summer time at 01:00 UTC on 2026-10-25: a sitting from 00:30 to 01:30 UTC starts
    /// and ends at 02:30 on the clock there, and the export says which 02:30 is which.
    @Test func aSittingAcrossTheChangeOfClocksShowsBothOffsets() throws {
        let home = try TemporaryHome()
        try FileManager.default.createDirectory(
            atPath: home.sessions, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: home.path)
        let lines = [
            #"{"v":1,"seq":1,"at":"2026-10-25T00:30:00.000Z","type":"sitting","by":"facilitator","n":1,"app":"0.1.0","participants":["Léo"],"packs":[],"plugins":[]"#,
            #"{"v":1,"seq":2,"at":"2026-10-25T00:31:00.000Z","type":"note","by":"facilitator","text":"late night""#,
            #"{"v":1,"seq":3,"at":"2026-10-25T01:30:00.000Z","type":"close","by":"facilitator","reason":"quit""#,
        ]
        let path = home.sessions + "/2026-10-25-dst1.jsonl"
        try lines.map { $0 + #","crc":"\#(CRC32.hex(Array($0.utf8)))"}"# + "\n" }.joined()
            .write(toFile: path, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        let paris = ["TZ": "Europe/Paris"]
        let markdown = try home.run(["export"], ["2026-10-25-dst1", "--full"], environment: paris)
        #expect(
            markdown.stdout.contains("1. 2026-10-25 02:30 +02:00–2026-10-25 02:30 +01:00:"), "\(markdown)")
        let replay = try home.run(["replay"], ["2026-10-25-dst1"], environment: paris)
        #expect(replay.stdout.contains("── Sitting 1 · 2026-10-25 02:30 · with Léo"), "\(replay)")
        #expect(replay.stdout.contains("── closed 2026-10-25 02:30"), "\(replay)")
        // A zone written as a POSIX rule, as TZ may be, is read the same way.
        let rule = try home.run(
            ["export"], ["2026-10-25-dst1", "--full"], environment: ["TZ": "CET-1CEST,M3.5.0,M10.5.0/3"])
        #expect(rule.stdout == markdown.stdout)
    }
}
