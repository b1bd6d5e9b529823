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
            discussion: "Exit status 1 when any rule is refused or a file cannot be read.")
        @Argument(help: "Plugin files, or directories of them.") var paths: [String]

        func run() throws {
            try show(PluginLint.check(paths))
        }
    }
}
