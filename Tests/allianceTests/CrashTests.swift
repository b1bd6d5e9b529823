import Foundation
import TestSupport
import Testing

@testable import AllianceKit

#if canImport(Glibc)
    import Glibc
#endif

/// Kills real `alliance` processes with SIGKILL at random moments of a long session and checks
/// that every event the shell acknowledged is in the log exactly once, in order, that the log
/// replays, and that the next `revisit` continues it. `script/crash-test` runs the full version
/// (ALLIANCE_CRASH_TRIALS=200); CI runs a quick one.
@Suite("Crash: SIGKILL at random moments", .serialized, .removingTemporaryDirectories)
struct CrashTests {
    static let environment = ProcessInfo.processInfo.environment
    static let trials = Int(environment["ALLIANCE_CRASH_TRIALS"] ?? "") ?? 15
    static let seed = UInt64(environment["ALLIANCE_CRASH_SEED"] ?? "") ?? UInt64(Date().timeIntervalSince1970)

    /// A running shell in script mode, fed one line at a time.
    final class Child {
        let process = Process()
        let stdin = Pipe()
        let stdout = Pipe()
        private var buffer = [UInt8]()

        init(_ arguments: [String], environment: [String: String]) throws {
            process.executableURL = URL(fileURLWithPath: Alliance.binary)
            process.arguments = arguments
            process.environment = environment
            process.standardInput = stdin
            process.standardOutput = stdout
            process.standardError = FileHandle.nullDevice
            try process.run()
        }

        func send(_ line: String) {
            try? stdin.fileHandleForWriting.write(contentsOf: Data((line + "\n").utf8))
        }

        /// Reads output until a line contains `marker`, or `timeout` passes; true when found.
        /// Only a hung shell waits the whole timeout, so it is generous (a loaded CI machine).
        func waitFor(_ marker: String, timeout: TimeInterval = 60) -> Bool {
            let fd = stdout.fileHandleForReading.fileDescriptor
            let deadline = Date().addingTimeInterval(timeout)
            while Date() < deadline {
                if let text = String(bytes: buffer, encoding: .utf8), text.contains(marker) {
                    buffer.removeAll()
                    return true
                }
                var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                guard poll(&poller, 1, 50) > 0 else { continue }
                var chunk = [UInt8](repeating: 0, count: 4096)
                let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, 4096) }
                if n <= 0 { return String(bytes: buffer, encoding: .utf8)?.contains(marker) ?? false }
                buffer += chunk.prefix(n)
            }
            return false
        }

        func kill() {
            Glibc.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// One command of the long session: what to type, and the text that proves it was recorded.
    struct Step {
        var line: String
        var acknowledgement: String
        var marker: String
    }

    static func step(_ trial: Int, _ index: Int, using rng: inout SplitMix64) -> Step {
        let marker = "m\(trial)x\(index)"
        switch Int.random(in: 0..<4, using: &rng) {
        case 0:
            return Step(
                line: "/ask \"What would \(marker) look like?\"",
                acknowledgement: "What would \(marker) look like?", marker: marker)
        case 1:
            return Step(
                line: "/agree We keep \(marker) --by 2027-01-15",
                acknowledgement: "agreed: We keep \(marker)",
                marker: marker)
        case 2: return Step(line: "/note --private \(marker)", acknowledgement: " note\n", marker: marker)
        default: return Step(line: "> answer \(marker)", acknowledgement: " Zoë\n", marker: marker)
        }
    }

    @Test func everyAcknowledgedEventSurvivesAKillAndTheAllianceContinues() throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        var rng = SplitMix64(state: Self.seed)
        var acknowledged: [String] = []  // markers, in the order the shell acknowledged them
        var inFlight: [String] = []  // sent when the process was killed, not acknowledged
        var kills = 0
        var sessionID: String?

        // The first sitting opens the alliance and a question, so answers have somewhere to go.
        let opening = try home.run([], ["--with", "Zoë"], stdin: "/ask \"What matters to you?\"\n/quit\n")
        #expect(opening.status == 0)
        sessionID = try home.singleSessionID()

        for trial in 0..<Self.trials {
            let child = try Child(
                ["revisit", "--home", home.path, sessionID!], environment: home.environment)
            // The greeting proves the log opened: the previous kill left no stale lock.
            try #require(
                child.waitFor("Open agreements"), "trial \(trial): revisit did not start (seed \(Self.seed))")
            child.send("/ask \"Where are we at?\"")
            try #require(child.waitFor("Where are we at?"), "trial \(trial): no question (seed \(Self.seed))")
            let steps = Int.random(in: 1...12, using: &rng)
            var killed = false
            for index in 0..<steps {
                let step = Self.step(trial, index, using: &rng)
                child.send(step.line)
                if Int.random(in: 0..<steps, using: &rng) == 0 {
                    // Kill while the command may be half done: between write and sync, or before.
                    usleep(UInt32.random(in: 0...3000, using: &rng))
                    child.kill()
                    inFlight.append(step.marker)
                    killed = true
                    break
                }
                try #require(
                    child.waitFor(step.acknowledgement), "trial \(trial): \(step.line) not acknowledged")
                acknowledged.append(step.marker)
            }
            if !killed {
                usleep(UInt32.random(in: 0...2000, using: &rng))
                child.kill()
            }
            kills += 1

            // After every kill: the log holds no damage, only perhaps a torn last line,
            // and every acknowledged event is there exactly once, in order.
            let path = home.sessions + "/\(sessionID!).jsonl"
            let contents = try LogReader.read(path: path)
            #expect(contents.problems.isEmpty, "trial \(trial): \(contents.problems) (seed \(Self.seed))")
            let logged = contents.events.compactMap { event -> String? in
                let text: String
                switch event.kind {
                case .ask(let asked): text = asked.text
                case .agree(_, let t, _, _, _, _): text = t
                case .note(let t, _): text = t
                case .answer(let t, _): text = t
                default: return nil
                }
                return text.split(separator: " ").first { $0.hasPrefix("m") && $0.contains("x") }.map(
                    String.init)
            }
            for marker in acknowledged {
                #expect(
                    logged.filter { $0 == marker }.count == 1,
                    "trial \(trial): \(marker) not logged exactly once (seed \(Self.seed))")
            }
            let order = logged.filter { acknowledged.contains($0) }
            #expect(
                order == acknowledged, "trial \(trial): acknowledged events out of order (seed \(Self.seed))")
            #expect(logged.filter { !acknowledged.contains($0) }.allSatisfy(inFlight.contains))
            #expect(Set(logged).count == logged.count, "trial \(trial): an event was logged twice")
        }

        // The alliance still replays, and one last revisit closes it cleanly.
        let last = try home.run(["revisit"], [sessionID!], stdin: "/quit\n")
        #expect(last.status == 0, "\(last)")
        let replay = try home.run(["replay"], [sessionID!, "--strict"])
        #expect(replay.status == 0, "\(replay)")
        let lost = acknowledged.filter { !replay.stdout.contains($0) }
        #expect(lost.isEmpty)
        print(
            "crash test: \(kills) kills, \(acknowledged.count) acknowledged events, \(lost.count) lost, "
                + "\(inFlight.count) in flight when killed (seed \(Self.seed))")
    }
}
