import AllianceKit
import Foundation
import Testing

@testable import alliance

/// `--home`, `--packs` and `--plugins` before or after the command's name, as in git; and an
/// unknown option named with the command it was given to.
@Suite(.removingTemporaryDirectories) struct GlobalOptionsTests {
    // MARK: - The rearranging, without the binary

    @Test(
        "global options before the command name go just after it",
        arguments: [
            (["--home", "H", "packs", "list"], ["packs", "list", "--home", "H"], ["packs", "list"]),
            (["--home", "H", "replay", "x"], ["replay", "--home", "H", "x"], ["replay"]),
            (["--home=H", "search", "a", "b"], ["search", "--home=H", "a", "b"], ["search"]),
            (
                ["--packs", "P", "--home", "H", "revisit", "x"],
                ["revisit", "--packs", "P", "--home", "H", "x"],
                ["revisit"]
            ),
            (
                ["--home", "H", "export", "x", "--format", "json"],
                ["export", "--home", "H", "x", "--format", "json"], ["export"]
            ),
            (
                ["packs", "--plugins=P", "list", "--x"], ["packs", "list", "--plugins=P", "--x"],
                ["packs", "list"]
            ),
            (["--home", "sessions", "sessions"], ["sessions", "--home", "sessions"], ["sessions"]),
        ])
    func moved(_ arguments: [String], _ expected: [String], _ path: [String]) {
        let arranged = GlobalOptions.arrange(arguments)
        #expect(arranged.arguments == expected)
        #expect(arranged.path == path)
        #expect(arranged.unknownCommand == nil)
    }

    @Test(
        "anything else is left as it is",
        arguments: [
            ["sessions", "--home", "H"], ["replay", "x", "--home", "H"], ["--home", "H"],
            ["--home=H", "--with", "A"],
            ["--with", "sessions"], ["--home", "H", "--frobnicate", "sessions"], ["--home", "H", "--help"],
            ["--home", "H", "--version"], ["--home", "-x", "sessions"], ["--home"], ["--", "sessions"],
            ["--homes", "H", "sessions"], ["shell", "--home", "H"],
        ])
    func unchanged(_ arguments: [String]) {
        let arranged = GlobalOptions.arrange(arguments)
        #expect(arranged.arguments == arguments)
        #expect(arranged.moved.isEmpty)
        #expect(arranged.unknownCommand == nil)
    }

    @Test func aWordThatNamesNoCommandIsNamed() {
        #expect(GlobalOptions.arrange(["--home", "H", "sessons"]).unknownCommand == "sessons")
        #expect(GlobalOptions.arrange(["packs", "frob"]).unknownCommand == "frob")
        #expect(GlobalOptions.arrange(["packs", "frob"]).path == ["packs"])
    }

    /// What the rearranged command line gives ArgumentParser is what the options after the
    /// name give it.
    @Test func theMovedLineParsesAsTheLineWithTheOptionsAfterTheName() throws {
        let before = try AllianceCommand.parseAsRoot(
            GlobalOptions.arrange(["--packs", "P", "--home=H", "revisit", "x"]).arguments)
        let revisit = try #require(before as? Revisit)
        #expect(revisit.load.homeOptions.home == "H")
        #expect(revisit.load.packs == ["P"])
        #expect(revisit.session == "x")
    }

    // MARK: - The binary

    /// A data home with one session whose log is written here, not by the shell, so these
    /// tests hold whatever the shell's command syntax becomes.
    struct Fixture {
        /// `@H`, `@P` and `@ID` in a test's arguments: the home, the packs folder and the session id.
        func expand(_ arguments: [String]) -> [String] {
            arguments.map {
                $0.replacingOccurrences(of: "@H", with: home.path)
                    .replacingOccurrences(of: "@P", with: packs)
                    .replacingOccurrences(of: "@ID", with: Fixture.id)
            }
        }

        let home: TemporaryHome
        let packs: String
        static let id = "2026-01-05-ab12"
        static let answer = "a lighthouse keeper"
        static let packID = "moved-pack"

        init() throws {
            home = try TemporaryHome()
            packs = home.root + "/more-packs"
            try FileManager.default.createDirectory(
                atPath: home.sessions, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
            try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: home.path)
            let lines = [
                #"{"v":1,"seq":1,"at":"2026-01-05T10:00:00.000Z","type":"sitting","by":"facilitator","n":1,"app":"0.1.0","title":"Hand written","participants":[],"pack":"new-team-member","packs":[],"plugins":[]"#,
                #"{"v":1,"seq":2,"at":"2026-01-05T10:00:01.000Z","type":"with","by":"facilitator","name":"Ann""#,
                #"{"v":1,"seq":3,"at":"2026-01-05T10:00:02.000Z","type":"ask","by":"facilitator","text":"What would make this great?","move":"ask""#,
                #"{"v":1,"seq":4,"at":"2026-01-05T10:00:03.000Z","type":"answer","by":"Ann","text":"a lighthouse keeper","to":3"#,
            ]
            let log = lines.map { $0 + #","crc":"\#(CRC32.hex(Array($0.utf8)))"}"# + "\n" }.joined()
            let path = home.sessions + "/\(Self.id).jsonl"
            try log.write(toFile: path, atomically: false, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
            try FileManager.default.createDirectory(atPath: packs, withIntermediateDirectories: true)
            try PackTemplate.text(id: Self.packID, title: "Moved pack")
                .write(toFile: packs + "/\(Self.packID).md", atomically: false, encoding: .utf8)
        }

        func run(_ arguments: [String], stdin: String = "") throws -> RunResult {
            try Alliance.run(arguments, stdin: stdin, environment: home.environment)
        }
    }

    @Test(
        "--home before or after the command name",
        arguments: [
            (["--home", "@H", "sessions"], "Hand written"),
            (["sessions", "--home", "@H"], "Hand written"),
            (["--home=@H", "sessions"], "Hand written"),
            (["--home", "@H", "replay", "@ID"], Fixture.answer),
            (["replay", "@ID", "--home", "@H"], Fixture.answer),
            (["--home", "@H", "export", "@ID", "--format", "json"], #""session": "2026-01-05-ab12""#),
            (["--home=@H", "search", "lighthouse"], Fixture.answer),
            (["--home", "@H", "search", "lighthouse"], Fixture.answer),
            (["--home", "@H", "packs", "list"], "new-team-member"),
            (["--packs", "@P", "--home", "@H", "packs", "list"], Fixture.packID),
            (["--home", "@H", "--packs=@P", "packs", "show", Fixture.packID], "Moved pack"),
            (["--home", "@H", "--plugins", "@P", "plugins", "list"], "open-questions"),
            (["--home", "@H", "help", "sessions"], "USAGE: alliance sessions"),
        ])
    func globalOptionsAnywhere(_ arguments: [String], _ expected: String) throws {
        let fixture = try Fixture()
        defer { fixture.home.remove() }
        let line = fixture.expand(arguments)
        let run = try fixture.run(line)
        #expect(run.status == 0, "\(line): \(run)")
        #expect(run.stdout.contains(expected), "\(line): \(run)")
        #expect(!run.stderr.contains("Usage"), "\(line): \(run)")
    }

    @Test("revisit with --packs and --home before its name opens the session")
    func revisitWithGlobalsFirst() throws {
        let fixture = try Fixture()
        defer { fixture.home.remove() }
        let run = try fixture.run([
            "--packs", fixture.packs, "--home", fixture.home.path, "revisit", Fixture.id,
        ])
        #expect(run.status == 0, "\(run)")
        // A sitting that records nothing leaves the log as it was: the greeting shows it was opened.
        #expect(run.stdout.contains("Sitting 2"), "\(run)")
        #expect(run.errorLines.isEmpty, "\(run)")
    }

    @Test(
        "an unknown option is named with the command it was given to, and that command's usage",
        arguments: [
            (["--frobnicate"], "alliance", "--frobnicate"),
            (["--home", "@H", "--frobnicate"], "alliance", "--frobnicate"),
            (["sessions", "--frobnicate"], "alliance sessions", "--frobnicate"),
            (["--home", "@H", "sessions", "--frobnicate"], "alliance sessions", "--frobnicate"),
            (["--home", "@H", "replay", "@ID", "--frobnicate"], "alliance replay", "--frobnicate"),
            (["--home", "@H", "packs", "list", "--frobnicate"], "alliance packs list", "--frobnicate"),
            (["--packs", "@P", "sessions"], "alliance sessions", "--packs"),
            (["--home", "@H", "plugins", "lint", "@P", "--packs", "@P"], "alliance plugins lint", "--packs"),
        ])
    func unknownOptionNamesItself(_ arguments: [String], _ command: String, _ option: String) throws {
        let fixture = try Fixture()
        defer { fixture.home.remove() }
        let line = fixture.expand(arguments)
        let run = try fixture.run(line)
        #expect(run.status == 64, "\(line): \(run)")
        #expect(run.stdout.isEmpty, "\(line): \(run)")
        #expect(run.errorLines.count == 1, "\(line): \(run)")
        #expect(
            run.errorLines.first?.hasPrefix("error: \(command): unknown option '\(option)'") == true,
            "\(line): \(run)")
        let usage = run.stderrLines.first { $0.hasPrefix("Usage:") } ?? ""
        #expect(usage.hasPrefix("Usage: \(command) ") || command == "alliance", "\(line): \(run)")
        #expect(!run.stderr.contains("alliance shell ["), "the shell's usage: \(run)")
    }

    @Test("a word that names no command says so")
    func unknownCommand() throws {
        let fixture = try Fixture()
        defer { fixture.home.remove() }
        let run = try fixture.run(["--home", fixture.home.path, "sessons"])
        #expect(run.status == 64, "\(run)")
        #expect(run.errorLines == ["error: alliance: 'sessons' is not a command"], "\(run)")
        #expect(fixture.home.sessionLogs().count == 1, "no session was started")
    }

    @Test("--version and --help still work, with or without a global option first")
    func versionAndHelp() throws {
        let fixture = try Fixture()
        defer { fixture.home.remove() }
        for line in [["--version"], ["--home", fixture.home.path, "--version"]] {
            let run = try fixture.run(line)
            #expect(run.status == 0, "\(line): \(run)")
            #expect(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == AllianceVersion.current)
        }
        for line in [["--help"], ["sessions", "--help"], ["--home", fixture.home.path, "replay", "--help"]] {
            let run = try fixture.run(line)
            #expect(run.status == 0, "\(line): \(run)")
            #expect(run.stdout.contains("USAGE:"), "\(line): \(run)")
        }
    }
}
