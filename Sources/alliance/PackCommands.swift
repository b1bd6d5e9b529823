import AllianceKit
import ArgumentParser

/// What the pack and plugin commands load: the same directories as the shell.
struct LoadOptions: ParsableArguments {
    @OptionGroup var homeOptions: HomeOptions

    @Option(name: .long, help: ArgumentHelp("Also load the packs in DIR (repeatable).", valueName: "DIR"))
    var packs: [String] = []

    @Option(
        name: .long, help: ArgumentHelp("Also load the rule plugins in DIR (repeatable).", valueName: "DIR"))
    var plugins: [String] = []

    func workspace() throws -> Workspace {
        try makeWorkspace(home: homeOptions.home, packs: packs, plugins: plugins)
    }
}

struct Packs: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List, show, create and check question packs.",
        subcommands: [List.self, Show.self, New.self, Lint.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the packs: id, title, questions, where from.")
        @OptionGroup var load: LoadOptions

        func run() throws {
            let workspace = try load.workspace()
            let library = workspace.loadPacks()
            library.diagnostics.forEach { Diagnostics.note($0.description) }
            var rows = [["ID", "QUESTIONS", "FROM", "TITLE"]]
            for pack in library.packs {
                let from = workspace.label(forDirectory: library.directories[pack.id] ?? "")
                rows.append([pack.id, String(pack.questionCount), from, pack.title])
            }
            printTable(rows)
            if library.diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode.failure }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a pack's sections and questions with their ids.")
        @OptionGroup var load: LoadOptions
        @Argument(help: "The pack's id.") var id: String

        func run() throws {
            let library = try load.workspace().loadPacks()
            guard let pack = library[id] else {
                Diagnostics.error("no pack \"\(id)\" (`alliance packs list` shows them)")
                throw ExitCode.failure
            }
            var lines = ["\(pack.title) (\(pack.id))"]
            if let forWhen = pack.forWhen { lines.append("For: \(forWhen)") }
            if !pack.tags.isEmpty { lines.append("Tags: \(pack.tags.joined(separator: ", "))") }
            lines.append("From: \(pack.path)")
            if let intro = pack.intro { lines += [""] + intro.wrapped(to: 78) }
            for section in pack.sections {
                lines += ["", "## \(section.title)  (/ask \(section.slug))"]
                for question in section.questions {
                    lines.append("  \(question.id.padded(to: 22)) \(question.text)")
                    lines += question.probes.map { "  \("".padded(to: 22))   ↳ \($0)" }
                }
            }
            print(lines.map(\.terminalSafe).joined(separator: "\n"))
        }
    }

    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a ready-to-edit pack in <home>/packs.")
        @OptionGroup var homeOptions: HomeOptions
        @Argument(help: "The pack's name, e.g. \"Trip to Lisbon\".") var name: String

        func run() throws {
            let home = try reportingErrors { try homeOptions.dataHome() }
            let id = name.slug
            guard !id.isEmpty, id.count <= 64, id.unicodeScalars.allSatisfy(\.isASCII) else {
                Diagnostics.error(
                    "a pack name needs letters or digits (plain ASCII for its file name), e.g. \"Trip to Lisbon\""
                )
                throw ExitCode.failure
            }
            let path = Files.join(home.packs, id + ".md")
            try reportingErrors {
                _ = try home.prepare()
                try Files.makeDirectory(home.packs, mode: 0o700)
                guard !Files.exists(path) else {
                    throw AllianceError("a pack is already there; edit it, or choose another name", at: path)
                }
                try Files.create(path, contents: Array(PackTemplate.text(id: id, title: name).utf8))
            }
            print("Created \(path)")
            print(
                "Edit it, check it with `alliance packs lint \(path)`, then use it with `/pack \(id)` in the shell"
            )
            print("(or `/reload` in a shell that is already running). docs/packs.md explains the format.")
        }
    }

    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Check packs: their structure, and every question against the loaded rule plugins' flags.",
            discussion: "Exit status 1 when any pack has an error; warnings alone pass.")
        @OptionGroup var homeOptions: HomeOptions

        @Option(
            name: .long,
            help: ArgumentHelp("Also check against the rule plugins in DIR (repeatable).", valueName: "DIR"))
        var plugins: [String] = []

        @Argument(help: "Pack files, or directories of them.") var paths: [String]

        func run() throws {
            let home = try reportingErrors { try homeOptions.dataHome() }
            let rules = Workspace(home: home, bundled: BundledResources.locate(), extraPlugins: plugins)
                .loadRules()
            rules.diagnostics.filter { $0.severity == .error }.forEach { Diagnostics.note($0.description) }
            var errors = 0
            var warnings = 0
            var packs = 0
            var questions = 0
            for path in try reportingErrors({ try expand(paths, suffixes: [".md"]) }) {
                do {
                    let (pack, found) = try Pack.parse(
                        bytes: try Files.read(path, limit: Pack.sizeLimit), path: path)
                    packs += 1
                    questions += pack.questionCount
                    var findings = found.map(\.description)
                    for (_, question) in pack.questions {
                        for hit in rules.flags(for: question.text).hits {
                            var text =
                                "\(path):\(question.line): warning: \(hit.rule.qualifiedID): \(hit.rule.message)"
                            if let fix = hit.fix { text += " Try: “\(fix)”" }
                            findings.append(text)
                        }
                    }
                    warnings += findings.count
                    findings.forEach { Diagnostics.note($0) }
                } catch {
                    errors += 1
                    Diagnostics.note("\(error.location ?? path): error: \(error.message)")
                }
            }
            print(
                "\(plural(packs, "pack")), \(plural(questions, "question")): \(plural(errors, "error")), \(plural(warnings, "warning"))"
            )
            if errors > 0 { throw ExitCode.failure }
        }
    }
}

/// Files to check: each path itself, or for a directory the files in it with one of `suffixes`.
func expand(_ paths: [String], suffixes: [String]) throws(AllianceError) -> [String] {
    var files: [String] = []
    for path in paths {
        if Files.isDirectory(path) {
            let found = Files.files(in: [path], suffixes: suffixes)
            if let error = found.errors.first { throw error }
            files += found.files.map(\.path)
        } else {
            guard Files.exists(path) else { throw AllianceError("no such file or directory", at: path) }
            files.append(path)
        }
    }
    return files
}

/// Prints rows as aligned columns; the last column is not padded.
func printTable(_ rows: [[String]]) {
    guard let first = rows.first else { return }
    let widths = (0..<first.count).map { column in rows.map { $0[column].count }.max() ?? 0 }
    for row in rows {
        let cells = row.enumerated().map { i, cell in i == row.count - 1 ? cell : cell.padded(to: widths[i]) }
        print(cells.joined(separator: "  ").trimmed.terminalSafe)
    }
}

/// The skeleton `alliance packs new` writes.
enum PackTemplate {
    static func text(id: String, title: String) -> String {
        """
        ---
        id: \(id)
        title: \(title)
        tags: []
        for: When to use this pack, in one sentence.
        version: 1
        ---

        # \(title)

        A sentence or two for the facilitator: when these questions help, and how to use them.

        ## What we want

        - What would make this time together great for you? {#great}
          - What does {that} look like?
          - How would I know when {that} is missing?
        - How do you like to decide things together? {#deciding}

        ## When it gets hard

        - How will we know when something is off between us? {#off-track}
        - What helps you get back on track when things go wrong? {#back-on-track}

        """
    }
}
