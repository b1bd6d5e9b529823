import Foundation
import TestSupport
import Testing

/// `alliance packs lint` and `alliance plugins lint` as a coach runs them on the data home's own
/// folders: every mistake of every file in one run, each as `path:line: severity: message` on
/// standard error, then a count on standard output.
@Suite struct LintCLITests {
    /// A home whose packs folder holds a pack with four mistakes, a good pack and a pack saved as
    /// text, and whose plugins folder holds a plugin with three.
    static func home() throws -> TemporaryHome {
        let home = try TemporaryHome()
        let packs = home.path + "/packs"
        let plugins = home.path + "/plugins"
        for folder in [packs, plugins] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        try """
        ---
        title: Moving house
        id: Moving House
        ---
        ## Boxes
        - Who packs the kitchen? {#kitchen}
        - Who packs the books? {#kitchen}
        - {#empty}
        - When do we start? {#Start}
        """.write(toFile: packs + "/moving.md", atomically: true, encoding: .utf8)
        try "# Fine\n## A\n- What matters?\n".write(
            toFile: packs + "/fine.md", atomically: true, encoding: .utf8)
        try "# Old\n## A\n- What?\n".write(toFile: packs + "/old.md.txt", atomically: true, encoding: .utf8)
        try """
        name: habits
        description: Small habits
        rules:
          - id: blame
            kind: flag
            pattern: "\\\\byou always\\\\b"
            message: Blame
            colour: red
          - id: blame
            kind: flag
            pattern: "never"
            message: Again
          - id: vague
            kind: flag
            pattern: "("
            message: Vague
        """.write(toFile: plugins + "/habits.yaml", atomically: true, encoding: .utf8)
        return home
    }

    @Test("packs lint with no path checks the home's packs: every error of a file at once, and a count")
    func packsLintReportsEveryMistake() throws {
        let home = try Self.home()
        defer { home.remove() }
        // The rules the questions are checked against load without an error of their own.
        try FileManager.default.removeItem(atPath: home.path + "/plugins/habits.yaml")
        let run = try home.run(["packs", "lint"])
        #expect(run.status == 1, "\(run)")
        let pack = home.path + "/packs/moving.md"
        #expect(
            run.stderrLines == [
                "\(home.path)/packs/old.md.txt: warning: not read: pack files end in .md; rename it to old.md",
                "\(pack):3: error: id \"Moving House\" may hold only lowercase letters, digits, - and _, at most 64 of them",
                "\(pack):7: error: question id {#kitchen} is used twice (first on line 6); ids must be unique in a pack",
                "\(pack):8: error: an empty question",
                "\(pack):9: error: question id {#Start} may hold only lowercase letters, digits, - and _, at most 64 of them",
            ], "\(run)")
        #expect(run.stdout == "1 pack, 1 question: 4 errors, 1 warning\n", "\(run)")
    }

    @Test("plugins lint takes --home, checks the home's plugins with no path, and reports every error")
    func pluginsLintReportsEveryMistake() throws {
        let home = try Self.home()
        defer { home.remove() }
        let run = try home.run(["plugins", "lint"])
        #expect(run.status == 1, "\(run)")
        let plugin = home.path + "/plugins/habits.yaml"
        // Each rule is read on its own: one with an unknown key, one without examples, one whose
        // pattern does not compile.
        #expect(run.stderrLines.count == 3, "\(run)")
        #expect(
            run.stderrLines.first?.hasPrefix("\(plugin):8: error: unknown key `colour` in a rule") == true,
            "\(run)")
        #expect(
            run.stderrLines.dropFirst().first
                == "\(plugin):9: error: rule blame refused: it has no `examples: match:` (each rule needs at least one)",
            "\(run)")
        #expect(run.stderrLines.last == "\(plugin):15: error: pattern: missing ) at character 2", "\(run)")
        #expect(run.stdout == "0 plugins, 0 rules passed: 3 errors, 0 warnings\n", "\(run)")
        // A path given is checked instead of the home's folder.
        let good = home.root + "/good.yaml"
        try "name: ok\ndescription: Fine\nrules: []\n".write(toFile: good, atomically: true, encoding: .utf8)
        let one = try home.run(["plugins", "lint", good])
        #expect(one.status == 0 && one.stderr.isEmpty, "\(one)")
        #expect(one.stdout.hasSuffix("1 plugin, 0 rules passed: 0 errors, 0 warnings\n"), "\(one)")
    }
}
