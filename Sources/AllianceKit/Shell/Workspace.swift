/// Where packs and plugins come from, in load order: the bundled ones, the coach's own
/// in the data home, then each directory given with `--packs` or `--plugins`.
package struct Workspace: Sendable {
    package let home: DataHome
    /// The folder holding the bundled `packs/` and `Plugins/`, when found.
    package let bundled: String?
    package let extraPacks: [String]
    package let extraPlugins: [String]

    package init(home: DataHome, bundled: String?, extraPacks: [String] = [], extraPlugins: [String] = []) {
        self.home = home
        self.bundled = bundled
        self.extraPacks = extraPacks
        self.extraPlugins = extraPlugins
    }

    package var packDirectories: [String] {
        (bundled.map { [Files.join($0, "packs")] } ?? []) + [home.packs] + extraPacks
    }

    package var pluginDirectories: [String] {
        (bundled.map { [Files.join($0, "Plugins")] } ?? []) + [home.plugins] + extraPlugins
    }

    package func loadPacks() -> PackLibrary { PackLibrary.load(directories: packDirectories) }

    package func loadRules() -> RuleBook { RuleBook.load(directories: pluginDirectories) }

    /// `bundled`, `home` or the directory itself: where a pack or plugin was loaded from.
    package func label(forDirectory directory: String) -> String {
        if let bundled, directory.hasPrefix(bundled) { return "bundled" }
        if directory == home.packs || directory == home.plugins { return "home" }
        return directory
    }
}
