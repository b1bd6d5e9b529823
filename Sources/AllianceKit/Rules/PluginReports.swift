/// What the `alliance plugins` commands print.
extension RuleBook {
    /// `alliance plugins list`: each plugin in the order its rules apply, with how many rules of
    /// each kind, where from (named by `workspace`), and its description in 60 characters.
    package func table(in workspace: Workspace) -> [String] {
        var rows = [["PLUGIN", "FLAGS", "REWRITES", "NUDGES", "FROM", "DESCRIPTION"]]
        for plugin in plugins {
            let count = { (kind: Rule.Kind) in String(plugin.rules.filter { $0.kind == kind }.count) }
            let description = plugin.description.trimmed.split(separator: "\n").joined(separator: " ")
            rows.append([
                plugin.name, count(.flag), count(.rewrite), count(.nudge),
                workspace.label(forDirectory: Files.directory(of: plugin.path)),
                description.count > 60 ? String(description.prefix(59)) + "…" : description,
            ])
        }
        return Table.lines(rows)
    }
}

/// `alliance plugins lint`: each plugin's format, and each rule against its own examples.
package enum PluginLint {
    /// Checks the plugins at `paths` (files, or directories of `.yaml` and `.yml` files); exit
    /// status 1 when any rule is refused or a file cannot be read.
    package static func check(_ paths: [String]) throws(AllianceError) -> LintReport {
        var report = LintReport()
        var rules = 0
        for directory in paths where Files.isDirectory(directory) {
            let found = Files.files(in: [directory], suffixes: Plugin.misnamedSuffixes).files
            report.entries += found.map { .finding(Plugin.misnamed($0.path)) }
        }
        for path in try LintReport.files(paths, suffixes: Plugin.suffixes) {
            do {
                let (plugin, refused) = try Plugin.parse(
                    bytes: try Files.read(path, limit: Plugin.sizeLimit), path: path)
                rules += plugin.rules.count
                // Warnings (a value in curly quotes) are shown but are not errors.
                let errors = refused.filter { $0.severity == .error }.count
                report.errors += errors
                report.entries += refused.map(LintReport.Entry.finding)
                let count = plugin.rules.count
                report.entries.append(
                    .line(
                        "\(path): \(plugin.name): \(plural(count, "rule")) passed \(count == 1 ? "its" : "their") examples"
                            + (errors == 0 ? "" : ", \(errors) refused")))
            } catch {
                report.errors += 1
                report.entries.append(.finding(error.located(.file(path)).asFinding()))
            }
        }
        report.summary = "\(plural(rules, "rule")) ok, \(plural(report.errors, "error"))"
        return report
    }
}
