import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Swaps the log out from under real `alliance` processes at random moments of a session (`rm`,
/// a copy renamed over it as editors and sync tools do, or a move away) and checks that every event
/// the shell acknowledged is in the file it wrote to exactly once, in order, that nothing is
/// acknowledged after the swap, that the shell says so, that no second shell writes beside it, and
/// that the next `revisit` continues the file at the path without reusing a seq. `script/swap-test`
/// runs the full version (ALLIANCE_SWAP_TRIALS=200); CI runs a quick one.
@Suite("Swap: the log replaced or removed at random moments", .serialized, .removingTemporaryDirectories)
struct SwapTests {
    static let environment = ProcessInfo.processInfo.environment
    static let trials = Int(environment["ALLIANCE_SWAP_TRIALS"] ?? "") ?? 10
    static let seed = UInt64(environment["ALLIANCE_SWAP_SEED"] ?? "") ?? UInt64(Date().timeIntervalSince1970)

    enum Swap: CaseIterable {
        case remove, replace, move

        /// The shell command that does it, as a person or a tool would: `$0` is the log, `$1` a
        /// place outside the data home.
        var command: String {
            switch self {
            case .remove: return "rm \"$0\""
            case .replace: return "cp -p \"$0\" \"$0.new\" && mv \"$0.new\" \"$0\""
            case .move: return "mv \"$0\" \"$1\""
            }
        }
    }

    /// The `seq` of every `✓ #N …` line of a shell's output, in order, with what was acknowledged.
    static func acknowledgements(_ stdout: String) -> [(seq: Int, what: String)] {
        stdout.split(separator: "\n").compactMap { line in
            let text = line.trimmingCharacters(in: .whitespaces)
            guard text.hasPrefix("✓ #") else { return nil }
            let rest = text.dropFirst("✓ #".count)
            let digits = rest.prefix { $0.isNumber }
            guard let seq = Int(digits) else { return nil }
            return (seq, rest.dropFirst(digits.count).trimmingCharacters(in: .whitespaces))
        }
    }

    /// The events of log bytes (complete lines only: a copy taken mid-write may end torn).
    static func events(_ bytes: Data) -> [[String: Any]] {
        String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true)
            .compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    static func notes(_ events: [[String: Any]]) -> [String] {
        events.filter { $0["type"] as? String == "note" }.compactMap { $0["text"] as? String }
    }

    static func seqs(_ events: [[String: Any]]) -> [Int] {
        events.compactMap { ($0["seq"] as? NSNumber)?.intValue }
    }

    static func contents(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    /// Everything the file open in `handle` holds now, read from its start.
    static func read(_ handle: FileHandle) throws -> Data {
        try handle.seek(toOffset: 0)
        return try handle.readToEnd() ?? Data()
    }

    /// Waits (a bound for a hang only) until the shell has acknowledged `count` events in all.
    static func waitForAcknowledgements(_ count: Int, _ shell: HeldShell) -> Bool {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if acknowledgements(shell.stdout).count >= count { return true }
            guard shell.process.isRunning else { break }
            usleep(2_000)
        }
        return acknowledgements(shell.stdout).count >= count
    }

    @Test func everyAcknowledgedEventIsInTheFileItWasWrittenToAndNoSecondWriterGetsIn() throws {
        var rng = SplitMix64(state: Self.seed)
        var acknowledgedTotal = 0
        var lost = 0
        var swaps: [Swap: Int] = [:]
        let replaced = "was replaced or removed while this shell had it open: nothing more is recorded"

        for trial in 0..<Self.trials {
            let label = "trial \(trial) (seed \(Self.seed))"
            let home = try TemporaryHome()
            defer { home.remove() }
            // Files of someone else's beside the data home: nothing may touch them.
            let project = home.root + "/project"
            let aside = home.root + "/aside"
            for dir in [project, aside] {
                try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            }
            try "[packages]\n".write(toFile: project + "/Pipfile", atomically: true, encoding: .utf8)
            try "{}\n".write(toFile: project + "/Pipfile.lock", atomically: true, encoding: .utf8)
            try "{\"seq\":1}\n".write(toFile: project + "/notes.jsonl", atomically: true, encoding: .utf8)
            let bystanders = try LogIdentityTests.snapshot(project)

            // Half the trials continue an alliance with a closed sitting; the others start one.
            let revisiting = Bool.random(using: &rng)
            let shell: HeldShell
            var id: String
            if revisiting {
                let first = try home.run(
                    [], ["--with", "Zoë"], stdin: Alliance.script(["/note t\(trial)-before", "/quit"]))
                try #require(first.status == 0, "\(label): \(first)")
                id = try home.singleSessionID()
                shell = try HeldShell(home: home, arguments: ["revisit", "--home", home.path, id])
                try shell.waitForOutput("Open agreements")
            } else {
                shell = try HeldShell(home: home, arguments: ["--home", home.path, "--with", "Zoë"])
                id = ""
            }
            defer { shell.stop() }

            // Notes, each acknowledged, before the swap (at least one when the sitting is new, so
            // its log exists).
            let before = Int.random(in: (revisiting ? 0 : 1)...10, using: &rng)
            var sent: [String] = []
            for index in 0..<before {
                let marker = "t\(trial)n\(index)"
                shell.send("/note \(marker)")
                sent.append(marker)
                try #require(
                    Self.waitForAcknowledgements(index + 1, shell), "\(label): \(marker) not acknowledged")
            }
            if id.isEmpty { id = try home.singleSessionID() }
            let log = home.sessions + "/\(id).jsonl"

            // The swap: usually with the shell idle, sometimes with a note in flight.
            let swap = Swap.allCases.randomElement(using: &rng)!
            swaps[swap, default: 0] += 1
            let orphan = try #require(FileHandle(forReadingAtPath: log), "\(label): no log at \(log)")
            defer { try? orphan.close() }
            let inFlight = Int.random(in: 0..<4, using: &rng) == 0
            if inFlight {
                let marker = "t\(trial)n\(before)"
                shell.send("/note \(marker)")
                sent.append(marker)
                usleep(UInt32.random(in: 0...3000, using: &rng))
            }
            let orphanAtSwap = try Self.read(orphan)
            let moved = aside + "/\(id).jsonl"
            let done = try Alliance.run(
                ["-c", swap.command, log, moved], environment: home.environment, executable: "/bin/bash")
            try #require(done.status == 0, "\(label): \(swap) failed: \(done)")
            let pathAtSwap = Self.contents(log)

            // More lines, all after the swap: none may be recorded.
            let after = Int.random(in: 1...4, using: &rng)
            for index in 0..<after {
                let marker = "t\(trial)late\(index)"
                shell.send("/note \(marker)")
                sent.append(marker)
            }
            if Bool.random(using: &rng) { shell.send("/log") }
            // Until the shell says so, or (a failure, found at once) acknowledges a later note.
            let deadline = Date().addingTimeInterval(60)
            while !shell.stderr.contains(replaced), Self.acknowledgements(shell.stdout).count <= before + 1,
                shell.process.isRunning, Date() < deadline
            {
                usleep(2_000)
            }

            // A second shell on the same session while the first lives is refused and writes nothing.
            let sessionsBefore = try LogIdentityTests.snapshot(home.sessions)
            let second = try home.run(["revisit"], [id], stdin: Alliance.script(["/note second", "/quit"]))
            #expect(second.status == 1, "\(label): a second shell was let in: \(second)")
            #expect(second.errorLines.count == 1, "\(label): \(second)")
            if swap == .replace {
                #expect(
                    second.stderr.contains("already open in another shell (pid \(shell.pid) "),
                    "\(label): \(second)")
            }
            try LogIdentityTests.expectUnchanged(sessionsBefore, home.sessions)

            shell.send("/quit")
            let run = try shell.finish()
            #expect(run.status == 1, "\(label): \(run)")

            // What the shell acknowledged: the notes sent before the swap (and perhaps the one in
            // flight), nothing after it.
            let acknowledged = Self.acknowledgements(run.stdout)
            let notesAcknowledged = acknowledged.filter { $0.what == "note" }
            #expect(
                notesAcknowledged.count == before || (inFlight && notesAcknowledged.count == before + 1),
                "\(label): \(notesAcknowledged.count) notes acknowledged of \(before) sent before the \(swap)\n\(run)"
            )
            let acknowledgedMarkers = Array(sent.prefix(notesAcknowledged.count))
            acknowledgedTotal += notesAcknowledged.count

            // The file the shell wrote to holds every acknowledged event once, in order, and
            // nothing was written to it after the swap.
            let orphanAtEnd = try Self.read(orphan)
            #expect(orphanAtEnd.last == UInt8(ascii: "\n"), "\(label): the file written to ends torn")
            let orphanEvents = Self.events(orphanAtEnd)
            let orphanSeqs = Self.seqs(orphanEvents)
            #expect(orphanSeqs == Array(1...max(1, orphanSeqs.count)), "\(label): seqs \(orphanSeqs)")
            if inFlight {
                #expect(orphanAtEnd.starts(with: orphanAtSwap), "\(label): the orphaned file was rewritten")
            } else {
                #expect(orphanAtEnd == orphanAtSwap, "\(label): written to after the \(swap)")
            }
            let orphanNotes = Self.notes(orphanEvents)
            for marker in acknowledgedMarkers where orphanNotes.filter({ $0 == marker }).count != 1 {
                Issue.record("\(label): \(marker) is not in the file it was written to exactly once")
                lost += 1
            }
            #expect(
                orphanNotes.filter { $0.hasPrefix("t\(trial)n") } == acknowledgedMarkers,
                "\(label): \(orphanNotes) against acknowledged \(acknowledgedMarkers)")
            for (seq, _) in acknowledged {
                #expect(orphanSeqs.contains(seq), "\(label): #\(seq) acknowledged but not in the log")
            }

            // It said so, the same line each time, naming the last entry that was recorded.
            let lastRecorded = orphanSeqs.last ?? 0
            let message =
                "not recorded: the log at \(log) \(replaced); your last recorded entry was #\(lastRecorded), in the file that was there (/log shows the entries: copy what you need)"
            #expect(!run.errorLines.isEmpty, "\(label): \(run)")
            for line in run.errorLines {
                #expect(line.hasSuffix(": " + message), "\(label): \(line)")
            }
            #expect(!run.stderr.contains("saved as"), "\(label): \(run)")

            // The file at the path is what the swap left there; no lock file is left behind.
            #expect(Self.contents(log) == pathAtSwap, "\(label): the file at the path changed")
            #expect(
                !FileManager.default.fileExists(atPath: log + ".alliance-lock"), "\(label): lock file left")
            if swap == .move {
                #expect(Self.contents(moved) == orphanAtEnd, "\(label): the moved log differs")
            }

            // A copy renamed over the log holds what was acknowledged before it was taken.
            if swap == .replace, let pathAtSwap {
                let copied = Self.notes(Self.events(pathAtSwap)).filter { $0.hasPrefix("t\(trial)n") }
                #expect(
                    copied == Array(acknowledgedMarkers.prefix(copied.count))
                        && copied.count >= (inFlight ? before : acknowledgedMarkers.count),
                    "\(label): the copy holds \(copied), acknowledged \(acknowledgedMarkers)")
            }

            // The next sitting continues the file at the path when there is one, with no seq reused.
            if let pathAtSwap {
                let pathSeqs = Self.seqs(Self.events(pathAtSwap))
                let next = try home.run(
                    ["revisit"], [id], stdin: Alliance.script(["/note t\(trial)next", "/quit"]))
                #expect(next.status == 0, "\(label): \(next)")
                let continued = Self.events(Self.contents(log) ?? Data())
                let seqs = Self.seqs(continued)
                #expect(Set(seqs).count == seqs.count, "\(label): a seq repeats: \(seqs)")
                #expect(seqs == seqs.sorted(), "\(label): seqs out of order: \(seqs)")
                #expect(Array(seqs.prefix(pathSeqs.count)) == pathSeqs, "\(label): \(seqs)")
                #expect(Self.notes(continued).last == "t\(trial)next", "\(label)")
            } else {
                let next = try home.run(
                    ["revisit"], [id], stdin: Alliance.script(["/note t\(trial)next", "/quit"]))
                #expect(next.status == 1, "\(label): \(next)")
                let left = try FileManager.default.contentsOfDirectory(atPath: home.sessions)
                #expect(left.isEmpty, "\(label): \(left)")
            }
            #expect(
                !FileManager.default.fileExists(atPath: log + ".alliance-lock"), "\(label): lock file left")

            // Nothing outside the data home changed: the bystanders, and no new files.
            try LogIdentityTests.expectUnchanged(bystanders, project)
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: aside)
                    == (swap == .move ? ["\(id).jsonl"] : []),
                "\(label)")
            let others = try FileManager.default.contentsOfDirectory(atPath: home.root).filter {
                !["home", "project", "aside"].contains($0) && !$0.hasPrefix("held-")
            }
            #expect(others.isEmpty, "\(label): files outside the data home: \(others)")
        }

        print(
            "swap test: \(Self.trials) trials, \(acknowledgedTotal) acknowledged events, "
                + "\(swaps.values.reduce(0, +)) swaps (rm \(swaps[.remove] ?? 0), replace \(swaps[.replace] ?? 0), "
                + "move \(swaps[.move] ?? 0)), \(lost) lost (seed \(Self.seed))")
    }
}
