import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Real runs of the binary against files that are not alliance's: an export never replaces an
/// input or a file it may not have written, and a data home or sessions folder that is not the
/// coach's own directory is refused before anything is written. Each test checks that the
/// files outside the home kept their bytes and mode.
@Suite("Only alliance's own files are written", .serialized, .removingTemporaryDirectories)
struct OwnFilesTests {
    /// A file's bytes and permission bits (following no link), to compare before and after.
    struct Snapshot: Equatable {
        var bytes: Data?
        var mode: Int?
        var isLink: Bool

        init(_ path: String) {
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            isLink = (attributes?[.type] as? FileAttributeType) == .typeSymbolicLink
            mode = (attributes?[.posixPermissions] as? NSNumber)?.intValue
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue
            {
                bytes = try? Data(contentsOf: URL(fileURLWithPath: path))
            }
        }
    }

    /// A home with one session in it; returns its id.
    func homeWithSession(_ home: TemporaryHome) throws -> String {
        let run = try home.run(
            [], ["--with", "Zoë", "--pack", "new-team-member"], stdin: "/ask\nAn answer\n/quit\n")
        try #require(run.status == 0, "\(run)")
        return try home.singleSessionID()
    }

    func names(in directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }

    func write(_ text: String, to path: String, mode: Int = 0o644) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
    }

    // MARK: export --output

    @Test func exportNeverReplacesTheLogHoweverItIsNamed() throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        let id = try homeWithSession(home)
        let log = home.sessions + "/\(id).jsonl"
        let before = Snapshot(log)
        let copy = home.root + "/copy.jsonl"
        try FileManager.default.copyItem(atPath: log, toPath: copy)
        let copyBefore = Snapshot(copy)
        try FileManager.default.createSymbolicLink(
            atPath: home.root + "/link", withDestinationPath: home.sessions)
        let outputs = [
            log,  // the repro: the log itself
            home.path + "/sessions/../sessions/\(id).jsonl",
            home.root + "/link/\(id).jsonl",
            home.root + "/link/card.md",  // a new file, but in sessions/
        ]
        for output in outputs {
            for force in [[], ["--force"]] {
                let run = try home.run(["export"], [id, "--output", output] + force)
                #expect(run.status == 1, "\(output) \(force): \(run)")
                #expect(run.errorLines.count == 1, "\(run)")
                #expect(
                    run.errorLines.first
                        == "error: \(output): is in the data home's sessions folder, which holds the logs: choose a file elsewhere (nothing was written)",
                    "\(run)")
            }
        }
        // A log outside the data home is an input too, with or without --force.
        for force in [[], ["--force"]] {
            let run = try home.run(["export"], [id, "--format", "html", "--output", copy] + force)
            #expect(run.status == 1)
            #expect(
                run.errorLines == [
                    "error: \(copy): is an alliance session log: an export never replaces a log; choose another file (nothing was written)"
                ], "\(run)")
        }
        #expect(Snapshot(log) == before)
        #expect(Snapshot(copy) == copyBefore)
        #expect(names(in: home.sessions) == ["\(id).jsonl"])
    }

    @Test func exportReplacesAnExistingFileOnlyWithForce() throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        let id = try homeWithSession(home)
        let mine = home.root + "/notes.md"
        try write("My own notes\n", to: mine)
        let before = Snapshot(mine)
        let refused = try home.run(["export"], [id, "--output", mine])
        #expect(refused.status == 1)
        #expect(
            refused.errorLines == [
                "error: \(mine): already exists: alliance replaces a file only with --force (nothing was written)"
            ], "\(refused)")
        #expect(Snapshot(mine) == before)

        let card = home.root + "/card.md"
        let first = try home.run(["export"], [id, "--output", card])
        #expect(first.status == 0, "\(first)")
        #expect(Snapshot(card).mode == 0o600)
        let again = try home.run(["export"], [id, "--output", card])
        #expect(again.status == 1, "a second export to the same file needs --force too")

        let forced = try home.run(["export"], [id, "--output", mine, "--force"])
        #expect(forced.status == 0, "\(forced)")
        let text = try String(contentsOfFile: mine, encoding: .utf8)
        #expect(text.hasPrefix("# Alliance \(id)"))
        #expect(Snapshot(mine).mode == 0o600)

        // --force replaces a symbolic link itself, never the file it points to.
        let outside = home.root + "/outside.txt"
        try write("not alliance's\n", to: outside)
        let outsideBefore = Snapshot(outside)
        try FileManager.default.createSymbolicLink(
            atPath: home.root + "/out.md", withDestinationPath: outside)
        let throughLink = try home.run(["export"], [id, "--output", home.root + "/out.md", "--force"])
        #expect(throughLink.status == 0, "\(throughLink)")
        #expect(Snapshot(outside) == outsideBefore)
        #expect(!Snapshot(home.root + "/out.md").isLink)
        // No temporary file is left beside them.
        #expect(names(in: home.root) == ["card.md", "home", "notes.md", "out.md", "outside.txt"])
    }

    /// A session with enough notes that its HTML card is larger than a few KB.
    func bigSession(_ home: TemporaryHome) throws -> String {
        let id = try homeWithSession(home)
        let notes = (0..<40).map { "/note \(String(repeating: "x", count: 300)) \($0)" } + ["/quit"]
        let run = try home.run(["revisit"], [id], stdin: Alliance.script(notes))
        try #require(run.status == 0, "\(run)")
        return id
    }

    @Test func exportPastAFileSizeLimitIsOneErrorAndLeavesNothing() throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        let id = try bigSession(home)
        let folder = home.root + "/out"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let card = folder + "/card.html"
        // bash's `ulimit -f` counts 1024-byte blocks: 4 KB is less than the card.
        let run = try Alliance.run(
            [
                "-c", "ulimit -f 4; exec \"$0\" export \"$1\" --home \"$2\" --format html --output \"$3\"",
                Alliance.binary, id, home.path, card,
            ], environment: home.environment, executable: "/bin/bash")
        #expect(!run.signaled, "export must not be killed by SIGXFSZ: \(run)")
        #expect(run.status == 1, "\(run)")
        #expect(run.errorLines == ["error: \(card): cannot write: file too large"], "\(run)")
        #expect(names(in: folder).isEmpty, "no temporary file may be left: \(names(in: folder))")
    }

    @Test func exportOnAFullDiskIsOneErrorAndLeavesNothing() throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        let id = try bigSession(home)
        let folder = home.root + "/small"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        guard let disk = try SmallDisk(at: folder, size: "8k") else { return }
        defer { withExtendedLifetime(disk) {} }
        let card = folder + "/card.html"
        let run = try home.run(["export"], [id, "--format", "html", "--full", "--output", card])
        #expect(run.status == 1, "\(run)")
        #expect(run.errorLines == ["error: \(card): cannot write: no space left on device"], "\(run)")
        #expect(names(in: folder).isEmpty, "no temporary file may be left: \(names(in: folder))")
    }

    // MARK: the data home

    /// Runs a shell that would record events at once, and checks it was refused with `message`
    /// at `path` before writing anything.
    func expectRefused(
        _ home: TemporaryHome, at path: String, _ message: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let run = try home.run(
            [], ["--with", "Zoë", "--pack", "new-team-member"], stdin: "/ask\nAn answer\n/note more\n/quit\n")
        #expect(run.status == 1, "\(run)", sourceLocation: sourceLocation)
        #expect(run.errorLines == ["error: \(path): \(message)"], "\(run)", sourceLocation: sourceLocation)
        #expect(!run.stdout.contains("✓"), "nothing may be recorded: \(run)", sourceLocation: sourceLocation)
        #expect(!run.stderr.contains("chmod"), "\(run)", sourceLocation: sourceLocation)
    }

    @Test func aHomeThatIsAFileIsRefusedAndLeftAsItWas() throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        try write("a file that is not a folder\n", to: home.path)
        let before = Snapshot(home.path)
        try expectRefused(
            home, at: home.path,
            "the data home is not a directory: pass --home with a folder for alliance's data (nothing was changed)"
        )
        #expect(Snapshot(home.path) == before, "the file must keep its bytes and its mode 0644")
    }

    @Test func aSessionsEntryThatIsAFileOrALinkToOneIsRefused() throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        try FileManager.default.createDirectory(atPath: home.path, withIntermediateDirectories: true)
        try write("a file\n", to: home.sessions)
        let before = Snapshot(home.sessions)
        try expectRefused(
            home, at: home.sessions,
            "the sessions folder is not a directory: move it away so alliance can create its own (nothing was changed)"
        )
        #expect(Snapshot(home.sessions) == before)

        try FileManager.default.removeItem(atPath: home.sessions)
        let outside = home.root + "/outside.txt"
        try write("someone else's file\n", to: outside)
        let outsideBefore = Snapshot(outside)
        try FileManager.default.createSymbolicLink(atPath: home.sessions, withDestinationPath: outside)
        try expectRefused(
            home, at: home.sessions,
            "the sessions folder is a symbolic link: alliance keeps sessions in a folder of its own inside the data home; move the link away (nothing was changed)"
        )
        #expect(Snapshot(outside) == outsideBefore, "nothing may be chmod-ed through the link")
    }

    @Test func aSessionsLinkToAFolderOutsideTheHomeIsRefusedWithoutAdvice() throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        try FileManager.default.createDirectory(atPath: home.path, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: home.path)
        // Stands for `/etc` in the report: a shared folder that must not be told to become 0700.
        let shared = home.root + "/etc"
        try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: shared)
        try FileManager.default.createSymbolicLink(atPath: home.sessions, withDestinationPath: shared)
        try expectRefused(
            home, at: home.sessions,
            "the sessions folder is a symbolic link: alliance keeps sessions in a folder of its own inside the data home; move the link away (nothing was changed)"
        )
        #expect(names(in: shared).isEmpty)
        #expect(Snapshot(shared).mode == 0o755)
    }

    @Test func aHomeOrSessionsFolderOfAnotherUserIsRefused() throws {
        guard geteuid() == 0 else {
            print("skipped: giving a folder to another user needs root")
            return
        }
        let home = try TemporaryHome()
        defer { home.remove() }
        try FileManager.default.createDirectory(atPath: home.sessions, withIntermediateDirectories: true)
        try #require(chown(home.sessions, 65534, 65534) == 0)
        try expectRefused(
            home, at: home.sessions,
            "the sessions folder belongs to another user: alliance writes only in a folder of your own (nothing was changed)"
        )
        try #require(chown(home.path, 65534, 65534) == 0)
        try expectRefused(
            home, at: home.path,
            "the data home belongs to another user: pass --home with a folder of your own (nothing was changed)"
        )
        #expect(names(in: home.sessions).isEmpty)
    }

    @Test func aHomeThatIsALinkToTheCoachsOwnFolderIsUsedAndNotChanged() throws {
        let home = try TemporaryHome()
        defer { home.remove() }
        let real = home.root + "/real"
        try FileManager.default.createDirectory(atPath: real, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o750], ofItemAtPath: real)
        try FileManager.default.createSymbolicLink(atPath: home.path, withDestinationPath: real)
        let run = try home.run([], ["--with", "Zoë"], stdin: "/note kept\n/quit\n")
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("✓ #"))
        #expect(!run.stderr.contains("chmod 700 \(home.path) "), "no chmod advice through a link: \(run)")
        #expect(Snapshot(real).mode == 0o750, "an existing folder is never chmod-ed")
        #expect(Snapshot(real + "/sessions").mode == 0o700)
        #expect(home.sessionLogs().count == 1)
    }
}
