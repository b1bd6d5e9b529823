/// What a shell starts with: the packs and rule plugins of a workspace, and what to tell the
/// coach about the home and about loading them.
package struct ShellStart {
    package let library: PackLibrary
    package let rules: RuleBook
    /// In the order to print them: warnings about the home, then the
    /// findings in packs and plugins.
    package let reports: [AllianceError]

    /// Checks the home and loads the workspace's packs and plugins. A home or sessions folder
    /// that is not the coach's own directory is refused before anything is read or written.
    package init(_ workspace: Workspace) throws(AllianceError) {
        let home = workspace.home
        try home.check()
        var reports: [AllianceError] = []
        if Files.isDirectory(home.path), let warnings = try? home.prepare() {
            reports += warnings.map { AllianceError($0, severity: .warning) }
        }
        library = workspace.loadPacks()
        rules = workspace.loadRules()
        self.reports = reports + library.diagnostics + rules.diagnostics
    }
}
