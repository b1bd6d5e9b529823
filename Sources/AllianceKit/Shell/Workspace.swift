/// Where packs and plugins come from, in load order: the built-in ones (compiled into the
/// binary), the bundled folder on disk when one is found beside the binary, the coach's own in the
/// data home, then each directory given with `--packs` or `--plugins`. A later one replaces an
/// earlier one with the same id.
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

    package func loadPacks() -> PackLibrary {
        PackLibrary.load(
            directories: packDirectories, builtIn: BuiltIn.packs,
            bundled: bundled.map { Files.join($0, "packs") })
    }

    package func loadRules() -> RuleBook {
        RuleBook.load(
            directories: pluginDirectories, builtIn: BuiltIn.plugins,
            bundled: bundled.map { Files.join($0, "Plugins") })
    }

    /// `built in`, `bundled`, `home` or the directory itself: where a pack or plugin was loaded from.
    package func label(forDirectory directory: String) -> String {
        if BuiltIn.holds(directory) { return "built in" }
        if let bundled, directory.hasPrefix(bundled) { return "bundled" }
        if directory == home.packs || directory == home.plugins { return "home" }
        return directory
    }
}
