import Foundation
import Testing

@testable import AllianceKit

/// Real processes on a disk that fills up and under a file-size limit: each failed write is told
/// at once, the shell keeps running, and the log holds exactly what was acknowledged.
@Suite("Faults with real processes", .serialized, .removingTemporaryDirectories)
struct FaultTests {
    /// Feeds notes until writes fail; returns what was acknowledged and the run.
    func fill(_ home: TemporaryHome, arguments: [String], executable: String = Alliance.binary) throws -> (
        acknowledged: [Int], run: RunResult
    ) {
        let lines = (0..<200).map { "/note \(String(repeating: "x", count: 200)) \($0)" } + ["/quit"]
        var environment = home.environment
        environment["ALLIANCE_HOME"] = home.path
        let run = try Alliance.run(
            arguments, stdin: Alliance.script(lines), environment: environment, executable: executable)
        let acknowledged = run.stdout.split(separator: "\n").compactMap { line -> Int? in
            guard line.contains("✓ #"), line.hasSuffix(" note") else { return nil }
            return Int(line.split(separator: "#")[1].split(separator: " ")[0])
        }
        return (acknowledged, run)
    }

    func check(_ home: TemporaryHome, acknowledged: [Int], run: RunResult) throws {
        #expect(run.status == 1, "the failures must show in the exit status: \(run)")
        #expect(run.stderr.contains("not recorded:"), "\(run)")
        #expect(!acknowledged.isEmpty)
        let log = try home.singleSessionLog()
        let contents = try LogReader.read(path: log)
        #expect(contents.problems.isEmpty)
        let notes = contents.events.filter { if case .note = $0.kind { true } else { false } }.map(\.seq)
        #expect(notes == acknowledged, "the log must hold exactly the acknowledged notes")
    }

    @Test func aFileSizeLimitIsToldAndTheLogStaysValid() throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        // bash's `ulimit -f` counts 1024-byte blocks: the log can grow to 8 KB.
        let (acknowledged, run) = try fill(
            home, arguments: ["-c", "ulimit -f 8; exec \"$0\" --with Zoë", Alliance.binary],
            executable: "/bin/bash")
        try check(home, acknowledged: acknowledged, run: run)
        #expect(run.stderr.contains("file too large"), "\(run.stderr.prefix(500))")
    }

    @Test func aFullDiskIsToldAndTheLogStaysValid() throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        try FileManager.default.createDirectory(atPath: home.path, withIntermediateDirectories: true)
        // Mounting needs root; the simulated full disk in FaultInjectionTests covers the rest.
        guard let disk = try SmallDisk(at: home.path, size: "24k") else { return }
        defer { withExtendedLifetime(disk) {} }
        let (acknowledged, run) = try fill(home, arguments: ["--with", "Zoë"])
        try check(home, acknowledged: acknowledged, run: run)
        #expect(run.stderr.contains("no space left on device"), "\(run.stderr.prefix(500))")
    }
}
