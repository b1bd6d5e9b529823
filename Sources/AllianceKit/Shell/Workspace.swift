/// Where packs and plugins come from, in load order: the bundled ones, the coach's own
/// in the data home, then each directory given with `--packs` or `--plugins`.
public struct Workspace: Sendable {
    public let home: DataHome
    /// The folder holding the bundled `packs/` and `Plugins/`, when found.
    public let bundled: String?
    public let extraPacks: [String]
    public let extraPlugins: [String]

    public init(home: DataHome, bundled: String?, extraPacks: [String] = [], extraPlugins: [String] = []) {
        self.home = home
        self.bundled = bundled
        self.extraPacks = extraPacks
        self.extraPlugins = extraPlugins
    }

    public var packDirectories: [String] {
        (bundled.map { [Files.join($0, "packs")] } ?? []) + [home.packs] + extraPacks
    }

    public var pluginDirectories: [String] {
        (bundled.map { [Files.join($0, "Plugins")] } ?? []) + [home.plugins] + extraPlugins
    }

    public func loadPacks() -> PackLibrary { PackLibrary.load(directories: packDirectories) }

    public func loadRules() -> RuleBook { RuleBook.load(directories: pluginDirectories) }

    /// `bundled`, `home` or the directory itself: where a pack or plugin was loaded from.
    public func label(forDirectory directory: String) -> String {
        if let bundled, directory.hasPrefix(bundled) { return "bundled" }
        if directory == home.packs || directory == home.plugins { return "home" }
        return directory
    }
}
