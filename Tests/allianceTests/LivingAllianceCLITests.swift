import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The living alliance through the built binary in script mode: revisits, the lock on a log,
/// replay as it stood, exports, search and `due`.
@Suite("Living alliance, end to end", .timeLimit(.minutes(2)), .removingTemporaryDirectories)
struct LivingAllianceCLITests {
    static let title = "Zoë joins the team"
    static let firstAnswer = "Being told the why before a change lands"
    static let overdue = "We meet Fridays at 4 for 20 minutes"
    static let oldWording = "Feedback within a day, written first"
    static let newWording = "Feedback within two days, written first"
    static let adjustNote = "a day was too tight"
    static let repairPlan = "We call a time-out and talk the next morning"

    /// When the first sitting happens (`ALLIANCE_NOW`): before A1's date, which has passed since.
    static let aYearAgo = ["ALLIANCE_NOW": "2025-12-01"]

    /// The first sitting: a question, an answer, an overdue agreement, another one, a repair plan.
    static let firstSitting = Alliance.script([
        "/ask",
        firstAnswer,
        "/agree \(overdue) --by 2026-01-01",
        "/agree \(oldWording)",
        "/repair \(repairPlan)",
        "/quit",
    ])

    /// The second sitting: a check-in that keeps A1 and rewords A2.
    static let checkinSitting = Alliance.script([
        "/checkin",
        "/keep fine",
        "/adjust \(newWording) -- \(adjustNote)",
        "/quit",
    ])

    // MARK: - 1. revisit

    @Test("revisit greets with the open agreements and repair plan, and the log grows by a sitting")
    func revisitGrowsTheLog() throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        let first = try home.run(
            [], ["--pack", "new-team-member", "--with", "Zoë", "--title", Self.title],
            stdin: Self.firstSitting, environment: Self.aYearAgo
        )
        #expect(first.status == 0, "\(first)")
        let id = try home.singleSessionID()
        let log = try home.singleSessionLog()
        let prefix = String(id.dropLast(2))

        let second = try home.run(["revisit"], [prefix], stdin: Self.checkinSitting)
        #expect(second.status == 0, "\(second)")
        #expect(second.errorLines.isEmpty, "\(second)")
        #expect(!second.printedEscape)
        #expect(
            second.stdout.hasPrefix("Sitting 2 of \(Self.title); the last was "),
            "stdout does not start with the greeting: \(second.stdout)")
        let lines = second.stdout.split(separator: "\n").map(String.init)
        let checkinStart = try #require(
            lines.firstIndex { $0.hasPrefix("Check-in:") }, "the check-in did not start: \(second.stdout)")
        let greeting = Array(lines[..<checkinStart])
        #expect(greeting.contains("Open agreements (2)"), "greeting: \(greeting)")
        let a1 = try #require(
            greeting.first { $0.contains("A1") && $0.contains(Self.overdue) },
            "no A1 in the greeting: \(greeting)")
        #expect(a1.contains("overdue since Thu 2026-01-01"), "A1 is not marked overdue: \(a1)")
        let a2 = try #require(
            greeting.first { $0.contains("A2") && $0.contains(Self.oldWording) },
            "no A2 in the greeting: \(greeting)")
        #expect(!a2.contains("overdue"), "A2 has no date but is marked overdue: \(a2)")
        #expect(greeting.contains("Repair plan (1)"), "greeting: \(greeting)")
        #expect(greeting.contains { $0.contains(Self.repairPlan) }, "no repair plan in: \(greeting)")
        #expect(lines.contains { $0.contains("A1 kept") }, "stdout: \(second.stdout)")
        #expect(lines.contains("A2 now: \(Self.newWording)"), "stdout: \(second.stdout)")

        // The same log, now with two sittings and contiguous sequence numbers.
        #expect(home.sessionLogs() == [log], "a revisit must grow the same log")
        let events = try LogFile.events(log)
        #expect(events.compactMap { ($0["seq"] as? NSNumber)?.intValue } == Array(1...events.count))
        let sittings = events.filter { $0["type"] as? String == "sitting" }
        #expect(sittings.compactMap { ($0["n"] as? NSNumber)?.intValue } == [1, 2])
        #expect(events.filter { $0["type"] as? String == "close" }.count == 2)
        let agreedA2 = try #require(
            events.first { $0["type"] as? String == "agree" && $0["id"] as? String == "A2" })
        let adjusted = try #require(
            events.first { $0["type"] as? String == "review" && $0["outcome"] as? String == "adjust" },
            "no adjust review in the log")
        #expect(adjusted["agreement"] as? String == "A2")
        #expect(adjusted["text"] as? String == Self.newWording)
        #expect(adjusted["note"] as? String == Self.adjustNote)
        #expect(
            events.contains {
                $0["type"] as? String == "review" && $0["outcome"] as? String == "keep"
                    && $0["agreement"] as? String == "A1"
            }, "no keep review of A1")

        // The transcript shows both sittings and the check-in.
        let replay = try home.run(["replay"], [id])
        #expect(replay.status == 0, "\(replay)")
        let transcript = replay.stdout.split(separator: "\n").map(String.init)
        #expect(transcript.contains { $0.hasPrefix("── Sitting 1 ") }, "\(replay.stdout)")
        #expect(transcript.contains { $0.hasPrefix("── Sitting 2 ") }, "\(replay.stdout)")
        #expect(transcript.contains { $0.contains("A1  keep") && $0.contains("fine") }, "\(replay.stdout)")
        #expect(
            transcript.contains {
                $0.contains("A2  adjust: \(Self.newWording)") && $0.contains(Self.adjustNote)
            }, "\(replay.stdout)")
        let agreements = try #require(transcript.firstIndex(of: "Agreements (2)"), "\(replay.stdout)")
        let standing = transcript[agreements...].prefix(3).joined(separator: "\n")
        #expect(standing.contains("A2  \(Self.newWording)"), "the new wording does not stand: \(standing)")
        #expect(!standing.contains(Self.oldWording), "the old wording still stands: \(standing)")

        // A third sitting that only looks records nothing, and `history` shows both wordings.
        let before = try Data(contentsOf: URL(fileURLWithPath: log))
        let third = try home.run(
            ["revisit"], [id], stdin: Alliance.script(["/history A2", "/agreements", "/quit"]))
        #expect(third.status == 0, "\(third)")
        #expect(third.stdout.hasPrefix("Sitting 3 of \(Self.title)"), "\(third.stdout)")
        let history = third.stdout.split(separator: "\n").map(String.init)
        let agreedSeq = try #require((agreedA2["seq"] as? NSNumber)?.intValue)
        let adjustedSeq = try #require((adjusted["seq"] as? NSNumber)?.intValue)
        #expect(
            history.contains {
                $0.contains("#\(agreedSeq) sitting 1") && $0.contains("agreed: \(Self.oldWording)")
            }, "history lacks the first wording: \(third.stdout)")
        #expect(
            history.contains {
                $0.contains("#\(adjustedSeq) sitting 2") && $0.contains("adjusted: \(Self.newWording)")
                    && $0.contains(Self.adjustNote)
            }, "history lacks the new wording: \(third.stdout)")
        let after = try Data(contentsOf: URL(fileURLWithPath: log))
        #expect(after == before, "a revisit that recorded nothing changed the log")
    }

    @Test("revisiting an unknown session fails with one error line and status 1")
    func revisitUnknown() throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        _ = try home.run(
            [], ["--pack", "new-team-member", "--with", "Zoë"], stdin: Self.firstSitting,
            environment: Self.aYearAgo)
        let run = try home.run(
            ["revisit"], ["nosuchsession"], stdin: Alliance.script(["/note never", "/quit"]))
        #expect(run.status == 1, "\(run)")
        #expect(run.stdout.isEmpty, "\(run)")
        #expect(run.stderrLines.count == 1, "\(run)")
        #expect(run.errorLines.first?.contains("nosuchsession") == true, "\(run)")
        #expect(home.sessionLogs().count == 1)
        let events = try LogFile.events(try home.singleSessionLog())
        #expect(!events.contains { $0["text"] as? String == "never" })
    }

    // MARK: - 2. one shell per log

    @Test("a second shell cannot open an alliance another shell holds, and can once it is closed")
    func secondShellIsRefused() throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        _ = try home.run(
            [], ["--pack", "new-team-member", "--with", "Zoë", "--title", Self.title],
            stdin: Self.firstSitting, environment: Self.aYearAgo
        )
        let id = try home.singleSessionID()
        let log = try home.singleSessionLog()

        // The first shell: its standard input stays open, so it holds the log.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: Alliance.binary)
        holder.arguments = ["revisit", "--home", home.path, id]
        holder.environment = home.environment
        let input = Pipe()
        holder.standardInput = input
        holder.standardOutput = FileHandle.nullDevice
        holder.standardError = FileHandle.nullDevice
        try holder.run()
        defer {
            try? input.fileHandleForWriting.close()
            if holder.isRunning {
                holder.terminate()
                holder.waitUntilExit()
            }
        }
        let pid = holder.processIdentifier
        // It says who holds the log once it holds it.
        let holderFile = log + ".alliance-lock"
        // Bounds for a hang only (each loop ends as soon as what it waits for happens).
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, holder.isRunning,
            (try? String(contentsOfFile: holderFile, encoding: .utf8))?.contains("pid \(pid) ") != true
        {
            usleep(10_000)
        }
        try #require(holder.isRunning, "the first shell ended early (status \(holder.terminationStatus))")
        try input.fileHandleForWriting.write(contentsOf: Data("/note from the first shell\n".utf8))

        let second = try home.run(
            ["revisit"], [id], stdin: Alliance.script(["/note from the second shell", "/quit"]))
        #expect(second.status == 1, "\(second)")
        #expect(second.errorLines.count == 1, "\(second)")
        #expect(
            second.stderr.contains("already open in another shell (pid \(pid) "),
            "the error does not name the holder (pid \(pid)): \(second.stderr)")

        try input.fileHandleForWriting.write(contentsOf: Data("/quit\n".utf8))
        try input.fileHandleForWriting.close()
        let exitDeadline = Date().addingTimeInterval(60)
        while holder.isRunning && Date() < exitDeadline { usleep(5_000) }
        try #require(!holder.isRunning, "the first shell did not end after its input closed")
        #expect(holder.terminationStatus == 0)

        let third = try home.run(
            ["revisit"], [id], stdin: Alliance.script(["/note from the third shell", "/quit"]))
        #expect(third.status == 0, "the lock was not released: \(third)")
        #expect(third.stdout.hasPrefix("Sitting 3 of \(Self.title)"), "\(third.stdout)")

        let events = try LogFile.events(log)
        let notes = events.filter { $0["type"] as? String == "note" }.compactMap { $0["text"] as? String }
        #expect(notes == ["from the first shell", "from the third shell"], "notes: \(notes)")
        #expect(
            events.filter { $0["type"] as? String == "sitting" }.compactMap {
                ($0["n"] as? NSNumber)?.intValue
            }
                == [1, 2, 3])
        #expect(events.compactMap { ($0["seq"] as? NSNumber)?.intValue } == Array(1...events.count))
    }

    // MARK: - 3. replay as it stood

    @Test("replay --until and --sitting show the alliance as it stood, and refuse what does not exist")
    func replayAsItStood() throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        let id = try Self.twoSittings(in: home)
        let events = try LogFile.events(try home.singleSessionLog())
        let secondSitting = try #require(
            events.first { $0["type"] as? String == "sitting" && ($0["n"] as? NSNumber)?.intValue == 2 })
        let secondStart = try #require((secondSitting["seq"] as? NSNumber)?.intValue)

        let full = try home.run(["replay"], [id])
        #expect(full.stdout.contains(Self.newWording), "\(full)")
        #expect(!full.stdout.contains("as it stood"), "\(full.stdout)")

        let until = try home.run(["replay"], [id, "--until", "\(secondStart - 1)"])
        let sitting = try home.run(["replay"], [id, "--sitting", "1"])
        for (run, header) in [
            (until, "as it stood at #\(secondStart - 1)"), (sitting, "as it stood after sitting 1"),
        ] {
            #expect(run.status == 0, "\(run)")
            let first = run.stdout.split(separator: "\n").first.map(String.init) ?? ""
            #expect(first.hasPrefix("Alliance \(id)"), "\(run.stdout)")
            #expect(first.contains(header), "header: \(first)")
            #expect(run.stdout.contains("Agreements (2)"), "\(run.stdout)")
            #expect(run.stdout.contains("A2  \(Self.oldWording)"), "\(run.stdout)")
            #expect(!run.stdout.contains(Self.newWording), "the later wording shows: \(run.stdout)")
            #expect(!run.stdout.contains("── Sitting 2"), "the later sitting shows: \(run.stdout)")
            #expect(!run.stdout.contains("A1  keep"), "the later review shows: \(run.stdout)")
        }

        // Before the agreements were made, there were none.
        let early = try home.run(["replay"], [id, "--until", "3"])
        #expect(early.status == 0, "\(early)")
        #expect(early.stdout.contains(Self.firstAnswer), "\(early.stdout)")
        #expect(!early.stdout.contains(Self.oldWording), "\(early.stdout)")
        #expect(!early.stdout.contains(Self.overdue), "\(early.stdout)")

        let tooFar = try home.run(["replay"], [id, "--sitting", "3"])
        #expect(tooFar.status == 1, "\(tooFar)")
        #expect(tooFar.errorLines.count == 1, "\(tooFar)")
        #expect(tooFar.stdout.isEmpty, "\(tooFar)")

        for arguments in [["--until", "0"], ["--until", "3", "--sitting", "1"]] {
            let refused = try home.run(["replay"], [id] + arguments)
            #expect(refused.status != 0, "\(arguments) was accepted: \(refused)")
            #expect(refused.stdout.isEmpty, "\(arguments): \(refused)")
            #expect(refused.stderr.contains("Usage:"), "\(arguments) is not a usage error: \(refused)")
        }
    }

    @Test("replay --step shows one entry per Enter and stops at q")
    func replayStep() throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        let id = try Self.twoSittings(in: home)
        let run = try home.run(["replay"], [id, "--step"], stdin: "\n\nq\n")
        #expect(run.status == 0, "\(run)")
        #expect(!run.timedOut)
        let prompt = "[Enter: next · q: stop]"
        #expect(run.stdout.components(separatedBy: prompt).count - 1 == 3, "\(run.stdout)")
        #expect(run.stdout.contains("── Sitting 1"), "\(run.stdout)")
        #expect(run.stdout.contains(Self.firstAnswer), "\(run.stdout)")
        // The sitting, #2 and #3, and no entry after them (the summary at the end still follows).
        let entries = run.stdout.replacingOccurrences(of: prompt, with: "\n")
            .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { $0.hasPrefix("#") }
            .map { String($0.prefix { !$0.isWhitespace }) }
        #expect(entries == ["#2", "#3"], "\(run.stdout)")
        #expect(!run.stdout.contains("── Sitting 2"), "\(run.stdout)")
        #expect(!run.stdout.contains("adjust:"), "\(run.stdout)")
    }

    // MARK: - 4. export

    @Test("export as Markdown, JSON and HTML, private notes only on request")
    func exportFormats() throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        let id = try Self.twoSittings(in: home)
        let notes = try home.run(
            ["revisit"], [id],
            stdin: Alliance.script(["/note --private secret-xyz", "/note public-abc", "/quit"]))
        #expect(notes.status == 0, "\(notes)")
        let log = try home.singleSessionLog()

        let markdown = try home.run(["export"], [id, "--format", "markdown", "--full"])
        #expect(markdown.status == 0, "\(markdown)")
        #expect(markdown.stdout.contains("## Agreements"), "\(markdown.stdout)")
        let a2 = try #require(
            markdown.stdout.split(separator: "\n").first { $0.contains("A2") && $0.hasPrefix("- ") },
            "\(markdown.stdout)")
        #expect(a2.contains(Self.newWording), "A2 is not shown with its new wording: \(a2)")
        #expect(markdown.stdout.contains(Self.oldWording), "the history lacks the old wording")
        #expect(markdown.stdout.contains(Self.adjustNote), "the history lacks the adjust note")

        let json = try home.run(["export"], [id, "--format", "json"])
        #expect(json.status == 0, "\(json)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any], "\(json.stdout)"
        )
        #expect(Set(object.keys).isSuperset(of: ["session", "format", "events", "state"]), "\(object.keys)")
        #expect(object["session"] as? String == id)
        #expect(object["state"] is [String: Any])
        let exported = try #require(object["events"] as? [Any])
        let logged = try LogFile.lines(log).count
        #expect(
            exported.count == logged - 1, "every event but the private note: \(exported.count) of \(logged)")

        let html = try home.run(["export"], [id, "--format", "html", "--full"])
        #expect(html.status == 0, "\(html)")
        #expect(html.stdout.hasPrefix("<!doctype html>"), "\(html.stdout.prefix(80))")
        #expect(html.stdout.components(separatedBy: "<html").count == 2, "not one document")
        #expect(html.stdout.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("</html>"))
        for external in ["http://", "https://", "src="] {
            #expect(!html.stdout.contains(external), "the card loads something from outside: \(external)")
        }
        #expect(html.stdout.contains(Self.newWording))

        for format in ["markdown", "json", "html"] {
            let plain = format == "markdown" ? markdown : format == "json" ? json : html
            #expect(!plain.stdout.contains("secret-xyz"), "\(format) shows a private note")
            #expect(plain.stdout.contains("public-abc"), "\(format) lacks a public note")
            let withPrivate = try home.run(
                ["export"], [id, "--format", format, "--private"] + (format == "json" ? [] : ["--full"]))
            #expect(withPrivate.status == 0, "\(withPrivate)")
            #expect(withPrivate.stdout.contains("secret-xyz"), "\(format) --private lacks the private note")
        }
    }

    @Test("export: the card by default, the whole record with --full, which only the card takes")
    func exportCardAndFull() throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        let id = try Self.twoSittings(in: home)
        let card = try home.run(["export"], [id, "--format", "html"])
        let full = try home.run(["export"], [id, "--format", "html", "--full"])
        #expect(card.status == 0 && full.status == 0, "\(card) \(full)")
        #expect(!card.stdout.contains("What each of us said") && full.stdout.contains("What each of us said"))
        #expect(full.stdout.contains(Self.oldWording) && !card.stdout.contains(Self.oldWording))
        for format in ["json", "ics"] {
            let refused = try home.run(["export"], [id, "--format", format, "--full"])
            #expect(refused.status != 0 && refused.stdout.isEmpty, "\(format): \(refused)")
            #expect(refused.stderr.contains("--full is for the markdown and html card"), "\(refused)")
        }
        // Notes are in the full record only: asking for the private ones on the card says so.
        let noNotes = try home.run(["export"], [id, "--private"])
        #expect(noNotes.status != 0 && noNotes.stdout.isEmpty, "\(noNotes)")
        #expect(
            noNotes.stderr.contains("--private adds private notes, which the card never holds: add --full"))
    }

    @Test("export escapes what was said in the HTML card")
    func exportEscapesHTML() throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        let answer = "<b>bold</b> & <script>alert(1)</script>"
        _ = try home.run(
            [], ["--pack", "new-team-member", "--with", "Zoë"],
            stdin: Alliance.script(["/ask", answer, "/quit"]))
        let html = try home.run(["export"], [try home.singleSessionID(), "--format", "html", "--full"])
        #expect(html.status == 0, "\(html)")
        #expect(!html.stdout.contains("<script>alert"), "an answer is injected into the card")
        #expect(!html.stdout.contains("<b>bold"), "an answer is injected into the card")
        #expect(html.stdout.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the answer is lost")
    }

    @Test("export --output writes a private file and prints nothing")
    func exportToFile() throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        let id = try Self.twoSittings(in: home)
        let file = home.root + "/card.html"
        let run = try home.run(["export"], [id, "--format", "html", "--output", file])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.isEmpty, "stdout: \(run.stdout)")
        #expect(LogFile.mode(file) == 0o600)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.hasPrefix("<!doctype html>"))
        #expect(text.contains(Self.newWording))
    }

    @Test("export of a log damaged in the middle writes what it can, names the line, and exits 1")
    func exportDamagedLog() throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        let id = try Self.twoSittings(in: home)
        let log = try home.singleSessionLog()
        // Line 3 is the answer.
        #expect(try LogFile.events(log)[2]["type"] as? String == "answer")
        try ScriptModeTests.editTextField(ofLine: 3, in: log)

        let file = home.root + "/alliance.md"
        let run = try home.run(["export"], [id, "--output", file])
        #expect(run.status == 1, "\(run)")
        let warnings = run.stderrLines.filter { $0.hasPrefix("warning:") }
        #expect(warnings.contains { $0.contains(log + ":3:") }, "no warning names line 3: \(run.stderr)")
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains("## Agreements"), "\(text)")
        #expect(text.contains(Self.newWording), "what came after the damage is missing: \(text)")
        #expect(text.contains(Self.repairPlan), "\(text)")
        #expect(!text.contains("eing told the why"), "the damaged line is exported as if intact: \(text)")
    }

    // MARK: - 5. search

    @Test("search finds questions, answers, agreements and notes in every session, not withdrawn ones")
    func searchAcrossSessions() throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        let ann = try home.run(
            [], ["--pack", "new-team-member", "--with", "Ann"],
            stdin: Alliance.script([
                "/ask", "Feedback in person, please", "/agree Weekly feedback on Fridays", "/quit",
            ]))
        #expect(ann.status == 0, "\(ann)")
        let annID = try home.singleSessionID()
        let revisit = try home.run(
            ["revisit"], [annID], stdin: Alliance.script(["/note Ask about feedback tools", "/quit"]))
        #expect(revisit.status == 0, "\(revisit)")
        let bob = try home.run(
            [], ["--pack", "new-team-member", "--with", "Bob"],
            stdin: Alliance.script([
                "/ask \"What feedback helps you?\"", "Feedback I take back", "/undo",
                "Written feedback first",
                "/quit",
            ]))
        #expect(bob.status == 0, "\(bob)")
        let bobID = try #require(
            home.sessionLogs().map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent }
                .first { $0 != annID })

        let search = try home.run(["search"], ["FEEDBACK"])
        #expect(search.status == 0, "\(search)")
        // An answer's question is on an indented line under it.
        let hits = search.stdout.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("    to ") }
        func seq(_ text: String, in id: String) throws -> Int {
            let events = try LogFile.events(home.sessions + "/\(id).jsonl")
            let event = try #require(events.first { $0["text"] as? String == text }, "\(text) is not logged")
            return try #require((event["seq"] as? NSNumber)?.intValue)
        }
        let expected = [
            (
                annID, 1, try seq("Feedback in person, please", in: annID), "answer",
                "Feedback in person, please"
            ),
            (
                annID, 1, try seq("Weekly feedback on Fridays", in: annID), "agreement",
                "Weekly feedback on Fridays"
            ),
            (annID, 2, try seq("Ask about feedback tools", in: annID), "note", "Ask about feedback tools"),
            (
                bobID, 1, try seq("What feedback helps you?", in: bobID), "question",
                "What feedback helps you?"
            ),
            (bobID, 1, try seq("Written feedback first", in: bobID), "answer", "Written feedback first"),
        ]
        for (id, sitting, seq, kind, text) in expected {
            #expect(
                hits.contains {
                    $0.hasPrefix("\(id)  sitting \(sitting)  #\(seq)  \(kind)") && $0.hasSuffix(text)
                }, "no \(kind) hit #\(seq) in sitting \(sitting) of \(id): \(search.stdout)")
        }
        #expect(!search.stdout.contains("take back"), "a withdrawn answer is found: \(search.stdout)")
        #expect(hits.count == expected.count, "\(search.stdout)")

        let none = try home.run(["search"], ["zebracrossing"])
        #expect(none.status == 0, "\(none)")
        #expect(none.stdout.hasPrefix("Nothing found"), "\(none.stdout)")
        #expect(none.stdout.split(separator: "\n").count == 1, "\(none.stdout)")
    }

    // MARK: - 6. due

    @Test("due lists overdue agreements of other alliances, not those far off")
    func dueAcrossAlliances() throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        let ann = try home.run(
            [], ["--pack", "new-team-member", "--with", "Ann"],
            stdin: Alliance.script(["/agree Send the budget --by 2020-01-15", "/quit"]),
            environment: ["ALLIANCE_NOW": "2020-01-10"])
        #expect(ann.status == 0, "\(ann)")
        let annID = try home.singleSessionID()
        let bob = try home.run(
            [], ["--pack", "new-team-member", "--with", "Bob"],
            stdin: Alliance.script(["/agree Plan the offsite --by 2999-06-01", "/quit"]))
        #expect(bob.status == 0, "\(bob)")
        #expect(home.sessionLogs().count == 2)

        let due = try home.run(
            [], ["--pack", "new-team-member", "--with", "Cid"], stdin: Alliance.script(["/due", "/quit"]))
        #expect(due.status == 0, "\(due)")
        let lines = due.stdout.split(separator: "\n")
        let index = try #require(
            lines.firstIndex { $0.contains("Send the budget") },
            "the overdue agreement is not listed: \(due.stdout)")
        let line = lines[index]
        #expect(line.contains("2020-01-15"), "\(line)")
        #expect(line.contains("overdue"), "\(line)")
        // Each alliance's agreements come under a heading with its id and people.
        #expect(
            index > 0 && lines[index - 1].contains(annID) && lines[index - 1].contains("Ann"),
            "the heading does not say which alliance: \(due.stdout)")
        #expect(line.contains("A1"), "\(line)")
        #expect(!due.stdout.contains("Plan the offsite"), "a far-off agreement is listed: \(due.stdout)")
        #expect(home.sessionLogs().count == 2, "looking at what is due saved a session")
    }

    // MARK: - Helpers

    /// The first sitting and a check-in sitting of one alliance; returns its id.
    static func twoSittings(in home: TemporaryHome, sourceLocation: SourceLocation = #_sourceLocation) throws
        -> String
    {
        let first = try home.run(
            [], ["--pack", "new-team-member", "--with", "Zoë", "--title", title], stdin: firstSitting,
            environment: aYearAgo,
            sourceLocation: sourceLocation)
        try #require(first.status == 0, "\(first)", sourceLocation: sourceLocation)
        let id = try home.singleSessionID(sourceLocation: sourceLocation)
        let second = try home.run(["revisit"], [id], stdin: checkinSitting, sourceLocation: sourceLocation)
        try #require(second.status == 0, "\(second)", sourceLocation: sourceLocation)
        return id
    }
}
