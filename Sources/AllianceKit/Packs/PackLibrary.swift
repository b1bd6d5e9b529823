/// The packs a shell runs with: the built-in ones, then those of each directory in order; a later
/// pack with the same id replaces an earlier one, with a notice (none when the bundled folder's
/// copy replaces a built-in one).
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

    /// Loads the `builtIn` packs, then every `*.md` file of each directory; a missing directory
    /// is skipped quietly. A pack of the `bundled` directory replaces a built-in one without a
    /// notice (it is the install's own copy), and a built-in one that a file of `bundled` holds
    /// byte for byte is not parsed at all.
    package static func load(
        directories: [String], builtIn: [EmbeddedFile] = [], bundled: String? = nil
    ) -> PackLibrary {
        var library = PackLibrary()
        let (listed, errors) = Files.files(in: directories, suffixes: [".md", ".md.txt"])
        library.diagnostics = errors.map { $0.asFinding() }
        // An editor's "Save as text" adds .txt: such a file is named, with the fix, not skipped silently.
        var files: [(directory: String, path: String)] = []
        for file in listed {
            guard file.path.hasSuffix(".md.txt") else {
                files.append(file)
                continue
            }
            library.diagnostics.append(Pack.misnamed(file.path))
        }
        var sources = LoadSources(
            builtIn: builtIn, in: BuiltIn.packsDirectory, bundled: bundled, limit: Pack.sizeLimit)
        for (directory, path) in sources.builtIn + files {
            do {
                let (pack, warnings) = try Pack.parse(bytes: try sources.bytes(of: path), path: path)
                library.diagnostics += warnings
                library.add(pack, from: directory, quietly: directory == bundled)
            } catch {
                library.diagnostics.append(error.asFinding())
            }
        }
        return library
    }

    private mutating func add(_ pack: Pack, from directory: String, quietly: Bool = false) {
        if let index = positions[pack.id] {
            if !(quietly && BuiltIn.holds(Files.directory(of: packs[index].path))) {
                diagnostics.append(
                    .finding(
                        "pack \"\(pack.id)\" replaces the one in \(packs[index].path)", at: .file(pack.path),
                        severity: .warning))
            }
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
