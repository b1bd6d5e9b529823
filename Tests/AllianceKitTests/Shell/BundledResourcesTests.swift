import Foundation
import Testing

@testable import AllianceKit

/// The packs and plugins compiled into the binary are the repository's, and load as files do.
@Suite(.removingTemporaryDirectories) struct BundledResourcesTests {
    /// The files of `folder` in the checkout that a load reads, by name.
    func filesOnDisk(_ folder: String, suffixes: [String]) throws -> [String: [UInt8]] {
        let directory = packageRoot + "/" + folder
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { name in !name.hasPrefix(".") && suffixes.contains(where: name.hasSuffix) }
        return try Dictionary(
            uniqueKeysWithValues: names.map { name in
                (name, [UInt8](try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name))))
            })
    }

    @Test func theBuiltInFilesAreTheRepositorysByteForByte() throws {
        let packs = try filesOnDisk("packs", suffixes: [".md"])
        let plugins = try filesOnDisk("Plugins", suffixes: [".yaml", ".yml"])
        #expect(packs.count == 11)
        #expect(plugins.count == 9)
        #expect(BuiltIn.packs.map(\.name) == packs.keys.sorted())
        #expect(BuiltIn.plugins.map(\.name) == plugins.keys.sorted())
        for file in BuiltIn.packs { #expect(file.bytes == packs[file.name], "\(file.name)") }
        for file in BuiltIn.plugins { #expect(file.bytes == plugins[file.name], "\(file.name)") }
    }

    @Test func withoutABundledFolderTheBuiltInOnesLoadAsTheFilesDo() {
        let workspace = Workspace(home: temporaryHome(), bundled: nil)
        let library = workspace.loadPacks()
        let rules = workspace.loadRules()
        #expect(library.diagnostics.isEmpty, "\(library.diagnostics)")
        #expect(rules.diagnostics.isEmpty, "\(rules.diagnostics)")
        #expect(library.ids == bundledPacks.ids)
        #expect(rules.plugins.map(\.name) == bundledRules.plugins.map(\.name))
        #expect(rules.rules.map(\.qualifiedID) == bundledRules.rules.map(\.qualifiedID))
        for pack in library.packs {
            #expect(pack.path == "(built in)/packs/\(pack.id).md")
            #expect(pack.questionCount == bundledPacks[pack.id]?.questionCount)
        }
        #expect(library.table(in: workspace).dropFirst().allSatisfy { $0.contains(" built in ") })
        #expect(rules.table(in: workspace).dropFirst().allSatisfy { $0.contains(" built in ") })
        #expect(rules.plugin("why-questions")?.path == "(built in)/plugins/why-questions.yaml")
    }

    @Test func theBundledFolderReplacesTheBuiltInOnesQuietly() {
        let workspace = Workspace(home: temporaryHome(), bundled: packageRoot)
        let library = workspace.loadPacks()
        let rules = workspace.loadRules()
        #expect(library.diagnostics.isEmpty, "\(library.diagnostics)")
        #expect(rules.diagnostics.isEmpty, "\(rules.diagnostics)")
        #expect(library.ids == bundledPacks.ids)
        #expect(library.packs.allSatisfy { $0.path.hasPrefix(packageRoot + "/packs/") })
        #expect(rules.plugins.allSatisfy { $0.path.hasPrefix(packageRoot + "/Plugins/") })
        #expect(library.table(in: workspace).dropFirst().allSatisfy { $0.contains(" bundled ") })
    }

    @Test func aBundledFolderThatDiffersStillWinsAndKeepsTheRest() throws {
        let bundled = temporaryDirectory()
        try FileManager.default.createDirectory(atPath: bundled + "/packs", withIntermediateDirectories: true)
        let old =
            "---\nid: feedback\ntitle: Feedback, an older copy\n---\n\n## Start\n\n- What helps you hear it? {#hear}\n"
        try old.write(toFile: bundled + "/packs/feedback.md", atomically: true, encoding: .utf8)
        let workspace = Workspace(home: temporaryHome(), bundled: bundled)
        let library = workspace.loadPacks()
        #expect(library.diagnostics.isEmpty, "\(library.diagnostics)")
        #expect(library.ids == bundledPacks.ids)
        #expect(library["feedback"]?.title == "Feedback, an older copy")
        #expect(library["family-holidays"]?.path == "(built in)/packs/family-holidays.md")
    }

    @Test func theDataHomeAndPacksOptionReplaceBuiltInOnesWithANotice() throws {
        let home = temporaryHome()
        let extra = temporaryDirectory()
        try FileManager.default.createDirectory(atPath: home.packs, withIntermediateDirectories: true)
        let mine = "---\nid: feedback\ntitle: Mine\n---\n\n## Start\n\n- What do you want to hear? {#hear}\n"
        try mine.write(toFile: home.packs + "/feedback.md", atomically: true, encoding: .utf8)
        let theirs = mine.replacingOccurrences(of: "title: Mine", with: "title: Theirs")
        try theirs.write(toFile: extra + "/feedback.md", atomically: true, encoding: .utf8)
        let library = Workspace(home: home, bundled: packageRoot, extraPacks: [extra]).loadPacks()
        #expect(library["feedback"]?.title == "Theirs")
        #expect(
            library.diagnostics.map { $0.rendered(color: false) } == [
                "\(home.packs)/feedback.md: warning: pack \"feedback\" replaces the one in \(packageRoot)/packs/feedback.md",
                "\(extra)/feedback.md: warning: pack \"feedback\" replaces the one in \(home.packs)/feedback.md",
            ])
        let alone = Workspace(home: home, bundled: nil).loadPacks()
        #expect(
            alone.diagnostics.map { $0.rendered(color: false) } == [
                "\(home.packs)/feedback.md: warning: pack \"feedback\" replaces the one in (built in)/packs/feedback.md"
            ])
    }

    /// Start-up does not run the built-in plugins' examples (`RuleBook.load`): this does, at every build.
    @Test func everyBuiltInRulePassesItsExamples() throws {
        for file in BuiltIn.plugins {
            let (plugin, refused) = try Plugin.parse(bytes: file.bytes, path: file.name)
            #expect(refused.isEmpty, "\(file.name): \(refused)")
            #expect(!plugin.rules.isEmpty, "\(file.name)")
        }
    }
}
