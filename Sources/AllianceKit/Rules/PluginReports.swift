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
    /// Checks the plugins at `paths` (files, or directories of `.yaml` and `.yml` files): every
    /// error and warning of every file, in one run; exit status 1 when any rule is refused or a
    /// file has an error.
    package static func check(_ paths: [String]) -> LintReport {
        var report = LintReport()
        var plugins = 0
        var rules = 0
        for path in report.files(
            paths, suffixes: Plugin.suffixes, misnamed: Plugin.misnamedSuffixes, warning: Plugin.misnamed)
        {
            guard let bytes = report.read(path, limit: Plugin.sizeLimit) else { continue }
            let (plugin, findings) = Plugin.findings(bytes: bytes, path: path)
            report.add(findings)
            guard let plugin else { continue }
            plugins += 1
            rules += plugin.rules.count
            let count = plugin.rules.count
            let refused = findings.filter { $0.severity == .error }.count
            report.entries.append(
                .line(
                    "\(path): \(plugin.name): \(plural(count, "rule")) passed \(count == 1 ? "its" : "their") examples"
                        + (refused == 0 ? "" : ", \(refused) refused")))
        }
        report.summarize("\(plural(plugins, "plugin")), \(plural(rules, "rule")) passed")
        return report
    }
}
