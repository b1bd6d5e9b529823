import Foundation
import TestSupport
import Testing

/// What other users of the machine can see of a running shell: `ps` (and `/proc/PID/cmdline`,
/// where it reads) shows the program's name, never the client's name or the alliance's title
/// given on the command line. And what a crash would leave on disk: no core file, from any
/// command (the shell's own case is in `LogIdentityTests`).
@Suite struct ProcessHygieneTests {
    @Test func aRunningShellShowsNoNameOrTitleInItsCommandLine() throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Alliance.binary)
        process.arguments = [
            "--home", home.path, "--with", "Zoë Okafor", "--title", "Zoë's confidential plan",
        ]
        process.environment = Alliance.baseEnvironment(home: home.root)
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer {
            try? input.fileHandleForWriting.close()
            process.waitUntilExit()
        }
        // The shell waits for its first line; what the kernel shows of it is read until the
        // arguments are blanked, which happens before anything else (a slow start gets 20 s).
        let path = "/proc/\(process.processIdentifier)/cmdline"
        var shown = ""
        for _ in 0..<200 {
            shown = String(
                decoding: (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data(), as: UTF8.self)
            // Before `exec`, the new process still shows the test runner's command line.
            if shown.hasPrefix(Alliance.binary) && !shown.contains("Okafor") { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(process.isRunning, "the shell ended before its command line could be read")
        #expect(!shown.contains("Okafor") && !shown.contains("confidential"), "\(shown)")
        #expect(shown.hasPrefix(Alliance.binary), "\(shown)")
    }

    @Test("a command that decrypts a log (replay) runs with core dumps off")
    func aCommandThatDecryptsAllowsNoCoreDump() throws {
        let (home, id, _) = try EncryptionCLITests.encryptedAlliance()
        defer { home.remove() }
        var limits = ""
        let run = try PseudoTerminal.run(
            home, ["replay", id], answering: ["correct horse battery staple"], at: "Passphrase for",
            whileWaiting: { pid in
                limits = (try? String(contentsOfFile: "/proc/\(pid)/limits", encoding: .utf8)) ?? ""
            })
        #expect(run.status == 0 && run.shown.contains("Zanzibar stories"), "\(run.shown)")
        let core = limits.split(separator: "\n").first { $0.hasPrefix("Max core file size") }
        #expect(
            core?.split(separator: " ", omittingEmptySubsequences: true).dropFirst(4).prefix(2) == [
                "0", "0",
            ],
            "\(limits)")
    }
}
