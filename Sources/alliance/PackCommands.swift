import AllianceKit
import ArgumentParser

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
            library.diagnostics.forEach { StandardError.report($0) }
            library.table(in: workspace).forEach { print($0) }
            if library.diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode.failure }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a pack's sections and questions with their ids.")
        @OptionGroup var load: LoadOptions
        @Argument(help: "The pack's id.") var id: String

        func run() throws {
            guard let pack = try load.workspace().loadPacks()[id] else {
                throw AllianceError("no pack \"\(id)\" (`alliance packs list` shows them)")
            }
            print(pack.outline.joined(separator: "\n"))
        }
    }

    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a ready-to-edit pack in <home>/packs.")
        @OptionGroup var homeOptions: HomeOptions
        @Argument(help: "The pack's name, e.g. \"Trip to Lisbon\".") var name: String

        func run() throws {
            try PackTemplate.create(named: name, in: homeOptions.dataHome()).forEach { print($0) }
        }
    }

    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Check packs: their structure, and every question against the loaded rule plugins' flags.",
            discussion: """
                Every error and warning of every file is reported in one run, each as \
                `path:line: severity: message`, then a count. Exit status 1 when any pack has an \
                error; warnings alone pass.
                """)
        @OptionGroup var homeOptions: HomeOptions

        @Option(
            name: .long,
            help: ArgumentHelp("Also check against the rule plugins in DIR (repeatable).", valueName: "DIR"))
        var plugins: [String] = []

        @Argument(help: "Pack files, or directories of them (the data home's packs folder when none).")
        var paths: [String] = []

        func run() throws {
            let home = try homeOptions.dataHome()
            let paths = paths.isEmpty ? [home.packs] : paths
            let rules = Workspace(home: home, bundled: BundledResources.locate(), extraPlugins: plugins)
                .loadRules()
            rules.diagnostics.filter { $0.severity == .error }.forEach { StandardError.report($0) }
            try show(PackLint.check(paths, against: rules))
        }
    }
}

/// Prints what a lint found; exit status 1 when it found an error.
func show(_ report: LintReport) throws {
    report.show()
    if report.errors > 0 { throw ExitCode.failure }
}
