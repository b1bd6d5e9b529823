/// The packs a shell runs with, loaded from directories in order: a later pack
/// with the same id replaces an earlier one, with a notice.
public struct PackLibrary: Sendable {
    /// Packs in load order, one per id.
    package private(set) var packs: [Pack] = []
    /// Errors, warnings and replacement notices from loading, in order, as findings.
    package private(set) var diagnostics: [AllianceError] = []
    /// Which directory each pack came from.
    package private(set) var directories: [String: String] = [:]
    /// Where each id is in `packs`, so loading many packs is not quadratic.
    private var positions: [String: Int] = [:]

    public init(packs: [Pack] = []) {
        for pack in packs { add(pack, from: Files.directory(of: pack.path)) }
    }

    /// Loads every `*.md` file of each directory; a missing directory is skipped quietly.
    package static func load(directories: [String]) -> PackLibrary {
        var library = PackLibrary()
        let (files, errors) = Files.files(in: directories, suffixes: [".md"])
        library.diagnostics = errors.map { $0.asFinding() }
        for (directory, path) in files {
            do {
                let (pack, warnings) = try Pack.parse(
                    bytes: try Files.read(path, limit: Pack.sizeLimit), path: path)
                library.diagnostics += warnings
                library.add(pack, from: directory)
            } catch {
                library.diagnostics.append(error.asFinding())
            }
        }
        return library
    }

    private mutating func add(_ pack: Pack, from directory: String) {
        if let index = positions[pack.id] {
            diagnostics.append(
                .finding(
                    "pack \"\(pack.id)\" replaces the one in \(packs[index].path)", at: .file(pack.path),
                    severity: .warning))
            packs[index] = pack
        } else {
            positions[pack.id] = packs.count
            packs.append(pack)
        }
        directories[pack.id] = directory
    }

    package subscript(id: String) -> Pack? { positions[id].map { packs[$0] } }

    public var ids: [String] { packs.map(\.id) }
}
