import Foundation
import PackagePlugin

/// Compiles the bundled packs (`packs/*.md`) and rule plugins (`Plugins/*.yaml`, `*.yml`) into
/// AllianceKit: at each build, `embed-bundled` writes them into one Swift source as string
/// literals, so a binary copied alone still has them, and the embedded copy is never older than
/// the files (each file is an input of the command, so editing one rebuilds it).
@main struct EmbedBundled: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        let packs = try files(in: root.appending(path: "packs"), suffixes: [".md"])
        let plugins = try files(in: root.appending(path: "Plugins"), suffixes: [".yaml", ".yml"])
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedBundle.swift")
        let arguments =
            [output.path(percentEncoded: false)]
            + packs.flatMap { ["pack", $0.path(percentEncoded: false)] }
            + plugins.flatMap { ["plugin", $0.path(percentEncoded: false)] }
        return [
            .buildCommand(
                displayName: "Embedding \(packs.count) packs and \(plugins.count) plugins",
                executable: try context.tool(named: "embed-bundled").url,
                arguments: arguments,
                inputFiles: packs + plugins,
                outputFiles: [output])
        ]
    }

    /// The files of `directory` that the shell would load from it: by name, without hidden files
    /// or README.md (as `Files.files(in:suffixes:)` lists them).
    func files(in directory: URL, suffixes: [String]) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path(percentEncoded: false))
            .filter { name in
                !name.hasPrefix(".") && name.lowercased() != "readme.md"
                    && suffixes.contains(where: name.hasSuffix)
            }
            .sorted()
            .map { directory.appending(path: $0) }
    }
}
