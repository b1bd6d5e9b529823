import Foundation
import Testing

@testable import AllianceKit

/// Issue 12: no plugin or pack front matter can hang or exhaust start-up.
@Suite(.removingTemporaryDirectories) struct HostileYAMLTests {
    /// The 372-byte kind of file that hung every start-up: 9 levels of 9 aliases each, 9^9 nodes.
    static func billionLaughs(keyedByAlias: Bool = false) -> String {
        var lines = ["description: d", "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        let levels = Array("abcdefghi")
        for (previous, level) in zip(levels, levels.dropFirst()) {
            let items = Array(repeating: "*\(previous)", count: 9).joined(separator: ", ")
            lines.append("\(level): &\(level) [\(items)]")
        }
        lines.append(keyedByAlias ? "? *i\n: x" : "rules: *i")
        return lines.joined(separator: "\n") + "\n"
    }

    @Test(arguments: [false, true])
    func aBillionLaughsPluginIsRefusedWithFileAndLine(keyedByAlias: Bool) {
        do {
            _ = try Plugin.parse(
                bytes: Array(Self.billionLaughs(keyedByAlias: keyedByAlias).utf8), path: "laughs.yaml")
            Issue.record("the plugin loaded")
        } catch {
            #expect(error.location == "laughs.yaml:2", "\(error)")
            #expect(error.message.contains("anchors (`&name`) are not read here"), "\(error)")
        }
    }

    @Test func anAliasIsNamedByItsLine() {
        let yaml = "description: d\nrules: []\nversion: *v\n"
        do {
            _ = try Plugin.parse(bytes: Array(yaml.utf8), path: "p.yaml")
            Issue.record("the plugin loaded")
        } catch {
            // An alias to nothing: refused as an alias, not as an undefined anchor.
            #expect(error.location == "p.yaml:3", "\(error)")
            #expect(error.message.contains("aliases (`*name`)"), "\(error)")
        }
    }

    @Test(arguments: [100, 100_000])
    func deepNestingIsRefused(depth: Int) {
        let yaml = "description: d\nrules: " + String(repeating: "[", count: depth) + "\n"
        do {
            _ = try Plugin.parse(bytes: Array(yaml.utf8), path: "deep.yaml")
            Issue.record("the plugin loaded")
        } catch {
            #expect(error.location == "deep.yaml:2", "\(error)")
            #expect(error.message.contains("nested more than 64 levels deep"), "\(error)")
        }
    }

    @Test func theOtherPluginsStillLoad() throws {
        let directory = temporaryDirectory("alliance-laughs")
        try Self.billionLaughs().write(
            toFile: directory + "/a-laughs.yaml", atomically: true, encoding: .utf8)
        try PluginParserTests.valid.write(
            toFile: directory + "/b-good.yaml", atomically: true, encoding: .utf8)
        let book = RuleBook.load(directories: [directory])
        #expect(book.plugins.map(\.name) == ["my-habits"])
        #expect(book.diagnostics.count == 1)
        #expect(book.diagnostics.first?.location == directory + "/a-laughs.yaml:2")
    }

    @Test func packFrontMatterWithAnchorsIsRefusedWithFileAndLine() {
        let laughs = Self.billionLaughs().replacingOccurrences(of: "description: d\n", with: "id: laughs\n")
        let text = "---\n" + laughs + "---\n\n# Laughs\n\n## Part\n\n- Why?\n"
        do {
            _ = try Pack.parse(text: text, path: "laughs.md")
            Issue.record("the pack loaded")
        } catch {
            #expect(error.location == "laughs.md:3", "\(error)")
            #expect(error.message.contains("front matter refused: anchors"), "\(error)")
        }
    }
}
