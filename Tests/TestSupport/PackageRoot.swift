import Foundation

/// The repository's root (the folder with `Package.swift`), found from this file's path, so the
/// tests read `packs/`, `Plugins/` and `Fuzz/` wherever the checkout is.
package let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    while url.path != "/" {
        url.deleteLastPathComponent()
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            return url.path
        }
    }
    fatalError("no Package.swift above \(#filePath)")
}()
