import AllianceKit
import ArgumentParser

struct Plugins: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List and check rule plugins.",
        subcommands: [List.self, Lint.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the plugins in the order their rules apply.")
        @OptionGroup var load: LoadOptions

        func run() throws {
            let workspace = try load.workspace()
            let book = workspace.loadRules()
            book.diagnostics.forEach { StandardError.report($0) }
            book.table(in: workspace).forEach { print($0) }
            if book.diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode.failure }
        }
    }

    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check plugins: their format, and every rule against its own examples.",
            discussion: """
                Every error and warning of every file is reported in one run, each as \
                `path:line: severity: message`, then a count. Exit status 1 when any rule is \
                refused or a file has an error; warnings alone pass.
                """)
        @OptionGroup var homeOptions: HomeOptions

        @Argument(help: "Plugin files, or directories of them (the data home's plugins folder when none).")
        var paths: [String] = []

        func run() throws {
            let paths = try paths.isEmpty ? [homeOptions.dataHome().plugins] : paths
            try show(PluginLint.check(paths))
        }
    }
}
