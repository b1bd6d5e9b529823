import Foundation
import TestSupport
import Testing

@testable import AllianceKit

/// Finding an alliance by the people in it or the words of its title (`replay leo`,
/// `revisit allowance`), and the summaries `sessions` and `/revisit <Tab>` show.
@Suite(.removingTemporaryDirectories) struct SessionSummaryTests {
    /// Starts and saves an alliance in `home`; returns its id.
    @discardableResult
    static func alliance(
        in home: DataHome, with people: [String], title: String? = nil, _ lines: String...
    ) throws -> String {
        let session = try Session(
            newIn: home, packs: bundledPacks, rules: bundledRules,
            options: StartOptions(participants: people, title: title), clock: SteppingClock())
        for line in ["/note started"] + lines {
            if let error = session.execute(line).error { throw error }
        }
        _ = session.close(reason: "quit")
        return session.id
    }

    /// Four alliances: two with a Sam, one with Léo, one with Zoë and Amara.
    static func home() throws -> (home: DataHome, ids: [String: String]) {
        let home = temporaryHome()
        var ids: [String: String] = [:]
        ids["sam"] = try alliance(in: home, with: ["Sam Reyes"], title: "Sam joins")
        ids["samira"] = try alliance(in: home, with: ["Samira Khan"], title: "Trip to Lisbon")
        ids["leo"] = try alliance(in: home, with: ["Léo"], title: "Weekly allowance")
        ids["zoe"] = try alliance(in: home, with: ["Zoë"], title: "Feedback for Zoë", "/with Amara Okafor")
        return (home, ids)
    }

    @Test func namesAndTitleWordsFindOneAllianceWithoutCaseOrAccents() throws {
        let (home, ids) = try Self.home()
        for (typed, expected) in [
            ("leo", "leo"), ("LÉO", "leo"), ("zoe", "zoe"), ("amara", "zoe"), ("okafor amara", "zoe"),
            ("allowance weekly", "leo"), ("allow", "leo"), ("lisbon", "samira"), ("sam", "sam"),
            ("reyes", "sam"), ("Sam Reyes", "sam"), ("trip samira", "samira"),
        ] {
            #expect(try home.resolveSession(typed) == home.logPath(for: ids[expected]!), "\(typed)")
        }
    }

    @Test func severalMatchesListTheCandidatesOnePerLine() throws {
        let (home, ids) = try Self.home()
        let error = #expect(throws: AllianceError.self) { try home.resolveSession("sa") }
        #expect(error?.message == #""sa" could be 2 alliances: type more of a name or the title, or the id"#)
        let lines = error?.rendered().split(separator: "\n").map(String.init) ?? []
        #expect(lines.count == 3)
        #expect(lines.dropFirst().contains("  \(ids["sam"]!)  Sam joins (Sam Reyes)"))
        #expect(lines.dropFirst().contains("  \(ids["samira"]!)  Trip to Lisbon (Samira Khan)"))
    }

    @Test func nothingThatFitsSaysSo() throws {
        let (home, _) = try Self.home()
        let error = #expect(throws: AllianceError.self) { try home.resolveSession("nobody here") }
        #expect(
            error?.message
                == #"no session "nobody here" in \#(home.sessions) (`alliance sessions` lists them)"#)
        #expect(throws: AllianceError.self) { try home.resolveSession("") }
    }

    @Test func idsAndPathsComeBeforeNames() throws {
        let (home, ids) = try Self.home()
        let leo = ids["leo"]!
        #expect(try home.resolveSession(leo) == home.logPath(for: leo))
        #expect(try home.resolveSession(String(leo.dropLast(1))) == home.logPath(for: leo))
        #expect(try home.resolveSession(home.logPath(for: leo)) == home.logPath(for: leo))
        // A name that is also the start of an id is read as the id.
        let other = try Self.alliance(in: home, with: ["2026"], title: "Numbers")
        #expect(throws: AllianceError.self) { try home.resolveSession("2026") }
        #expect(try home.resolveSession("numbers") == home.logPath(for: other))
    }

    @Test func aWithdrawnJoiningIsNotOneOfThePeople() throws {
        let home = temporaryHome()
        let id = try Self.alliance(in: home, with: ["Ann"], title: "Plans", "/with Bob", "/undo")
        let summary = try #require(SessionSummary.read(id: id, path: home.logPath(for: id)))
        #expect(summary == SessionSummary(id: id, title: "Plans", people: ["Ann"]))
        #expect(throws: AllianceError.self) { try home.resolveSession("bob") }
    }

    @Test func theShortcutReadsWhatTheWholeLogSays() throws {
        let (home, ids) = try Self.home()
        // A second sitting, and someone who joined and left: from sittings and `with`s.
        let first = ids["sam"]!
        let again = try Session(
            revisiting: home.logPath(for: first), home: home, packs: bundledPacks, rules: bundledRules,
            clock: SteppingClock(start: "2026-12-25T09:00:00.000Z"))
        for line in ["/with Bo", "/without Bo", "/note later"] {
            #expect(again.execute(line).error == nil)
        }
        _ = again.close(reason: "quit")
        for id in home.sessionIDs() {
            let bytes = try Files.read(home.logPath(for: id))
            let whole = SessionSummary(id: id, events: LogReader.parse(bytes, path: id).events)
            let quick = bytes.withUnsafeBufferPointer { SessionSummary.quickRead(id: id, log: $0) }
            #expect(quick == whole, "\(id)")
            #expect(quick != nil)
        }
        let bo = try #require(SessionSummary.read(id: first, path: home.logPath(for: first)))
        #expect(bo.people == ["Sam Reyes", "Bo"])
    }

    @Test func anEscapedTypeIsReadAndADamagedLineReadsTheWholeLog() throws {
        func line(_ body: String) -> [UInt8] {
            Array(body.utf8) + Array(#","crc":"\#(CRC32.hex(Array(body.utf8)))"}"#.utf8) + [10]
        }
        let bytes =
            line(
                #"{"v":1,"seq":1,"at":"2026-11-25T09:00:00.000Z","type":"sitting","by":"facilitator","n":1,"app":"x","title":"L\u00e9o","participants":["L\u00e9o"]"#
            )
            + line(
                #"{"v":1,"seq":2,"at":"2026-11-25T09:00:01.000Z","type":"\u0077ith","by":"facilitator","name":"Ann""#
            )
        let whole = SessionSummary(id: "x", events: LogReader.parse(bytes, path: "x").events)
        #expect(whole == SessionSummary(id: "x", title: "Léo", people: ["Léo", "Ann"]))
        #expect(bytes.withUnsafeBufferPointer { SessionSummary.quickRead(id: "x", log: $0) } == whole)
        let path = temporaryDirectory() + "/x.jsonl"
        try Files.replace(path, contents: bytes, mode: 0o600)
        #expect(SessionSummary.read(id: "x", path: path) == whole)
        var damaged = bytes
        damaged[damaged.count - 4] = UInt8(ascii: "0")
        #expect(damaged.withUnsafeBufferPointer { SessionSummary.quickRead(id: "x", log: $0) } == nil)
    }

    @Test func tabAfterRevisitListsIdsWithTitleAndPeopleButInsertsTheId() throws {
        let (home, ids) = try Self.home()
        let session = try Session(
            newIn: home, packs: bundledPacks, rules: bundledRules, options: StartOptions(participants: ["X"]),
            clock: SteppingClock())
        let found = Completer.completeWithLabels("/revisit ", context: session.context)
        #expect(Set(found.candidates) == Set(ids.values))
        let labels = try #require(found.labels)
        #expect(labels.count == found.candidates.count)
        for (id, label) in zip(found.candidates, labels) {
            #expect(label.hasPrefix(id + "  "))
        }
        #expect(labels.contains { $0.hasSuffix("Weekly allowance (Léo)") })
        #expect(labels.contains { $0.hasSuffix("Feedback for Zoë (Zoë, Amara Okafor)") })
        // Elsewhere Tab lists what it inserts.
        #expect(Completer.completeWithLabels("/pa", context: session.context).labels == nil)
    }

    @Test func revisitInTheShellTakesANameAndKeepsItOutOfTheSharedHistory() throws {
        let (home, ids) = try Self.home()
        let session = try Session(
            newIn: home, packs: bundledPacks, rules: bundledRules, options: StartOptions(participants: ["X"]),
            clock: SteppingClock())
        let response = session.execute("/revisit weekly allowance")
        #expect(response.error == nil)
        #expect(response.effect == .revisit("weekly allowance"))
        #expect(!ShellCommand.isShareable("/revisit weekly allowance", context: session.context))
        #expect(ShellCommand.isShareable("/revisit \(ids["leo"]!)", context: session.context))
        let several = session.execute("/revisit sa")
        #expect(several.error?.message.hasSuffix("; this sitting stays open") == true)
        #expect(several.error?.details.count == 2)
    }
}
