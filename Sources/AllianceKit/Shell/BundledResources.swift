/// Finds a folder of the packs and plugins that ship with alliance on disk. They are compiled into
/// the binary too (`BuiltIn`), so the folder is not needed; when one is found its files replace
/// the built-in ones with the same id, quietly.
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

/// A bundled file compiled into the binary: its name, and its bytes as they are in the checkout.
package struct EmbeddedFile: Sendable {
    package let name: String
    package let bytes: [UInt8]

    /// Where messages place it: `(built in)/packs/family-holidays.md`.
    package func path(in directory: String) -> String { Files.join(directory, name) }
}

/// The bundled packs and plugins as compiled into the binary (by the EmbedBundled build-tool
/// plugin, from `packs/` and `Plugins/` at build time), parsed like files at each start.
package enum BuiltIn {
    /// The directory built-in packs are placed in, for messages and `packs list`; no such folder
    /// exists on disk.
    package static let packsDirectory = "(built in)/packs"
    package static let pluginsDirectory = "(built in)/plugins"

    package static let packs: [EmbeddedFile] = EmbeddedBundle.packs.map(file)
    package static let plugins: [EmbeddedFile] = EmbeddedBundle.plugins.map(file)

    /// Whether `directory` is one of the built-in ones.
    package static func holds(_ directory: String) -> Bool {
        directory == packsDirectory || directory == pluginsDirectory
    }

    private static func file(_ entry: (name: String, text: StaticString)) -> EmbeddedFile {
        EmbeddedFile(name: entry.name, bytes: entry.text.withUTF8Buffer { Array($0) })
    }
}

/// What a load of packs or plugins parses: first the built-in files, less each one that the
/// bundled directory holds byte for byte (that file replaces it with the same content, so it is
/// parsed once, not twice), then the files found on disk. Bytes are read once.
package struct LoadSources {
    /// The built-in files to parse, placed in their built-in directory.
    package private(set) var builtIn: [(directory: String, path: String)] = []
    /// Bytes already at hand, by path: the built-in files, and the bundled files compared with them.
    private var known: [String: [UInt8]] = [:]
    /// The paths whose bytes are a built-in file's: built in, or a bundled file identical to one
    /// (what the tests check at every build, such as the plugins' examples, holds for them).
    package private(set) var sameAsBuiltIn: Set<String> = []
    private let limit: Int

    package init(builtIn files: [EmbeddedFile], in directory: String, bundled: String?, limit: Int) {
        self.limit = limit
        for file in files {
            if let bundled {
                let twin = Files.join(bundled, file.name)
                if let onDisk = try? Files.read(twin, limit: limit) {
                    known[twin] = onDisk
                    if onDisk == file.bytes {
                        sameAsBuiltIn.insert(twin)
                        continue
                    }
                }
            }
            let path = file.path(in: directory)
            known[path] = file.bytes
            sameAsBuiltIn.insert(path)
            builtIn.append((directory, path))
        }
    }

    /// The bytes of `path`: those at hand, else the file's.
    package mutating func bytes(of path: String) throws(AllianceError) -> [UInt8] {
        if let bytes = known.removeValue(forKey: path) { return bytes }
        return try Files.read(path, limit: limit)
    }
}
