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
            book.diagnostics.forEach { Diagnostics.note($0.description) }
            var rows = [["PLUGIN", "FLAGS", "REWRITES", "NUDGES", "FROM", "DESCRIPTION"]]
            for plugin in book.plugins {
                let count = { (kind: Rule.Kind) in String(plugin.rules.filter { $0.kind == kind }.count) }
                let description = plugin.description.trimmed.split(separator: "\n").joined(separator: " ")
                rows.append([
                    plugin.name, count(.flag), count(.rewrite), count(.nudge),
                    workspace.label(forDirectory: Files.directory(of: plugin.path)),
                    description.count > 60 ? String(description.prefix(59)) + "…" : description,
                ])
            }
            printTable(rows)
            if book.diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode.failure }
        }
    }

    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check plugins: their format, and every rule against its own examples.",
            discussion: "Exit status 1 when any rule is refused or a file cannot be read.")
        @Argument(help: "Plugin files, or directories of them.") var paths: [String]

        func run() throws {
            var errors = 0
            var rules = 0
            for path in try reportingErrors({ try expand(paths, suffixes: [".yaml", ".yml"]) }) {
                do {
                    let (plugin, refused) = try Plugin.parse(
                        bytes: try Files.read(path, limit: Plugin.sizeLimit), path: path)
                    rules += plugin.rules.count
                    errors += refused.count
                    refused.forEach { Diagnostics.note($0.description) }
                    print(
                        "\(path): \(plugin.name): \(plural(plugin.rules.count, "rule")) passed \(plugin.rules.count == 1 ? "its" : "their") examples"
                            + (refused.isEmpty ? "" : ", \(refused.count) refused"))
                } catch {
                    errors += 1
                    Diagnostics.note("\(error.location ?? path): error: \(error.message)")
                }
            }
            print("\(plural(rules, "rule")) ok, \(plural(errors, "error"))")
            if errors > 0 { throw ExitCode.failure }
        }
    }
}
