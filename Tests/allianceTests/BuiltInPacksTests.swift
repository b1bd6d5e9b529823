import Foundation
import TestSupport
import Testing

/// The binary copied alone, with nothing beside it: the packs and plugins compiled into it.
@Suite("Built-in packs", .timeLimit(.minutes(2)), .removingTemporaryDirectories)
struct BuiltInPacksTests {
    /// The built binary, copied alone into `<empty temporary directory>/bin/`, so no
    /// `share/alliance` and no checkout is anywhere above it.
    static func loneBinary() throws -> String {
        let bin = temporaryDirectory("alliance-alone") + "/bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        let copy = bin + "/alliance"
        try FileManager.default.copyItem(atPath: Alliance.binary, toPath: copy)
        return copy
    }

    /// Runs the copy. A process that another test forks while the copy is still open for writing
    /// holds that descriptor until it execs, and meanwhile the kernel refuses to run the copy
    /// ("Text file busy", ETXTBSY): that is retried, briefly, and nothing else is.
    static func run(
        _ binary: String, _ arguments: [String], in home: TemporaryHome, stdin: String = ""
    ) throws -> RunResult {
        var attempt = 0
        while true {
            do {
                return try Alliance.run(
                    arguments + ["--home", home.path], stdin: stdin, environment: home.environment,
                    executable: binary)
            } catch let error as NSError {
                let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError
                guard underlying?.domain == NSPOSIXErrorDomain, underlying?.code == Int(ETXTBSY), attempt < 50
                else { throw error }
                attempt += 1
                usleep(100_000)
            }
        }
    }

    static var bundledPackIDs: [String] {
        get throws {
            try FileManager.default.contentsOfDirectory(atPath: packageRoot + "/packs")
                .filter { $0.hasSuffix(".md") }.map { String($0.dropLast(3)) }.sorted()
        }
    }

    @Test("a binary copied alone lists every bundled pack and plugin as built in")
    func listsEveryPack() throws {
        let binary = try Self.loneBinary()
        let home = try TemporaryHome()

        let packs = try Self.run(binary, ["packs", "list"], in: home)
        #expect(packs.status == 0, "\(packs)")
        #expect(packs.stderr.isEmpty, "\(packs)")
        let rows = packs.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: " ") }
        let ids = try Self.bundledPackIDs
        #expect(ids.count == 11)
        #expect(rows.map { String($0[0]) }.sorted() == ids)
        for row in rows { #expect(row[2] == "built" && row[3] == "in", "\(row)") }

        let plugins = try Self.run(binary, ["plugins", "list"], in: home)
        #expect(plugins.status == 0, "\(plugins)")
        let names = plugins.stdout.split(separator: "\n").dropFirst().map {
            String($0.split(separator: " ")[0])
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: packageRoot + "/Plugins")
            .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
        #expect(files.count == 9)
        #expect(names.sorted() == files)
        #expect(plugins.stdout.contains("built in"))

        let show = try Self.run(binary, ["packs", "show", "family-holidays"], in: home)
        #expect(show.stdout.contains("From: (built in)/packs/family-holidays.md"), "\(show)")
    }

    @Test("a binary copied alone runs a sitting: it asks from a built-in pack and the rules fire")
    func runsASitting() throws {
        let binary = try Self.loneBinary()
        let home = try TemporaryHome()
        let script = Alliance.script([
            "/ask", "Building things with people", #"/ask "Why do you work late?""#, "/quit",
        ])
        let run = try Self.run(binary, ["--with", "Zoë", "--pack", "feedback"], in: home, stdin: script)
        #expect(run.status == 0, "\(run)")
        #expect(run.errorLines.isEmpty, "\(run)")
        #expect(!run.stderr.contains("warning"), "no warning about packs not found: \(run)")
        #expect(run.stdout.contains(try BundledPack.firstQuestion(of: "feedback")), "\(run)")
        #expect(run.stdout.contains("A why-question can sound like judgement"), "\(run)")
        let events = try LogFile.events(try home.singleSessionLog())
        #expect(events.contains { $0["type"] as? String == "rule" }, "\(events)")
    }

    @Test("files in the data home replace built-in packs by id, with a notice naming the built-in one")
    func homeReplacesBuiltIn() throws {
        let binary = try Self.loneBinary()
        let home = try TemporaryHome()
        try FileManager.default.createDirectory(
            atPath: home.path + "/packs", withIntermediateDirectories: true)
        let mine =
            "---\nid: feedback\ntitle: My feedback\n---\n\n## Start\n\n- What do you want to hear? {#hear}\n"
        try mine.write(toFile: home.path + "/packs/feedback.md", atomically: true, encoding: .utf8)

        let packs = try Self.run(binary, ["packs", "list"], in: home)
        #expect(packs.status == 0, "\(packs)")
        #expect(
            packs.stderr.contains(#"pack "feedback" replaces the one in (built in)/packs/feedback.md"#),
            "\(packs)")
        let row = try #require(packs.stdout.split(separator: "\n").first { $0.hasPrefix("feedback ") })
        #expect(row.contains("home") && row.contains("My feedback"), "\(row)")
        #expect(packs.stdout.split(separator: "\n").count == 12)
    }
}
