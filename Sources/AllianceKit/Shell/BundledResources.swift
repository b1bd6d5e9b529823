/// Finds the packs and plugins that ship with alliance.
///
/// From a checkout (`swift run`, `.build/release/alliance`) they are the
/// checkout's `packs/` and `Plugins/`; from an install they are
/// `<prefix>/share/alliance/{packs,Plugins}` beside `<prefix>/bin/alliance`.
package enum BundledResources {
    /// The directory holding `packs/` and `Plugins/`, or nil when none is found.
    package static func locate(executable: String? = Files.executablePath()) -> String? {
        guard let executable else { return nil }
        var dir = Files.directory(of: executable)
        let installed = Files.join(Files.directory(of: dir), "share/alliance")
        if Files.isDirectory(Files.join(installed, "packs")) { return installed }
        while dir != "/" && !dir.isEmpty {
            if Files.exists(Files.join(dir, "Package.swift")) && Files.isDirectory(Files.join(dir, "packs")) {
                return dir
            }
            dir = Files.directory(of: dir)
        }
        return nil
    }
}
