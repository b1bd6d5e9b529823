import Foundation
import Testing

@testable import AllianceKit

/// The log's documentation against the code: docs/log-format.md has an entry for every event
/// type, each example line there is one alliance reads and writes byte for byte, and
/// docs/plugins.md names the event types a rule can name.
@Suite struct LogFormatDocsTests {
    static func doc(_ name: String) throws -> [Substring] {
        try String(contentsOfFile: packageRoot + "/docs/" + name, encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// One `### `type`: …` entry of log-format.md's "Event types", with its lines.
    struct Entry {
        var type: String
        var lines: [Substring] = []

        /// The lines of its ```json blocks.
        var examples: [Substring] {
            var inside = false
            var found: [Substring] = []
            for line in lines {
                if line.hasPrefix("```") {
                    inside = !inside && line == "```json"
                } else if inside {
                    found.append(line)
                }
            }
            return found
        }
    }

    static func entries() throws -> [Entry] {
        var entries: [Entry] = []
        var inEventTypes = false
        for line in try doc("log-format.md") {
            if line.hasPrefix("## ") {
                inEventTypes = line == "## Event types"
            } else if inEventTypes, line.hasPrefix("### `"), let end = line.dropFirst(5).firstIndex(of: "`") {
                entries.append(Entry(type: String(line[line.index(line.startIndex, offsetBy: 5)..<end])))
            } else if inEventTypes, !entries.isEmpty {
                entries[entries.count - 1].lines.append(line)
            }
        }
        return entries
    }

    @Test func everyEventTypeHasItsOwnEntry() throws {
        let documented = try Self.entries().map(\.type)
        #expect(documented.sorted() == EventType.allCases.map(\.rawValue).sorted())
    }

    /// An example is what alliance writes: it decodes (checksum included), is of its entry's type,
    /// and encodes back to the same bytes.
    static func checkExample(_ line: Substring, type: String? = nil) {
        do {
            let event = try EventCodec.decode(line: Array(line.utf8))
            if let type { #expect(event.kind.type.rawValue == type, "\(line)") }
            #expect(
                String(decoding: EventCodec.encode(event).dropLast(), as: UTF8.self) == line,
                "not what alliance writes: \(line)")
        } catch {
            Issue.record("\(error.message): \(line)")
        }
    }

    @Test func everyExampleLineDecodesAndIsWhatAllianceWrites() throws {
        let entries = try Self.entries()
        #expect(entries.count == EventType.allCases.count)
        for entry in entries {
            #expect(!entry.examples.isEmpty, "no example for \(entry.type)")
            for line in entry.examples { Self.checkExample(line, type: entry.type) }
        }
    }

    @Test func theRulePagesExampleLinesDecodeToo() throws {
        let lines = try Self.doc("plugins.md").filter { $0.hasPrefix("{\"v\":") }
        #expect(lines.count >= 3)
        for line in lines { Self.checkExample(line) }
    }

    /// The rows of plugins.md's table of event types a rule can name.
    static func nameableInPluginsDoc() throws -> (table: Set<String>, others: Set<String>, known: [String]) {
        var table = Set<String>()
        var others = Set<String>()
        var known: [String] = []
        var section = ""
        var inOthers = false
        for line in try doc("plugins.md") {
            if line.hasPrefix("### ") { section = String(line) }
            if section == "### Event types", line.hasPrefix("| `"),
                let type = line.split(separator: "`").dropFirst().first
            {
                table.insert(String(type))
            }
            if line.hasPrefix("The log has more event types") { inOthers = true }
            if inOthers {
                if line.isEmpty {
                    inOthers = false
                } else {
                    // Backquoted words, not commands (`/undo`) or keys (`count`).
                    let quoted = line.split(separator: "`", omittingEmptySubsequences: false).enumerated()
                        .filter { $0.offset % 2 == 1 }.map { String($0.element) }
                    others.formUnion(quoted.filter { EventType(rawValue: $0) != nil })
                }
            }
            if line.contains("event type"), let start = line.range(of: "(known: ") {
                known.append(String(line[start.upperBound...].prefix { $0 != ")" }))
            }
        }
        return (table, others, known)
    }

    @Test func thePluginsPageListsTheEventTypesARuleCanName() throws {
        let (table, others, known) = try Self.nameableInPluginsDoc()
        let nameable = Set(Plugin.eventTypes.map(\.rawValue))
        #expect(table == nameable)
        #expect(others == Set(EventType.allCases.map(\.rawValue)).subtracting(nameable))
        // The error messages quoted on the page.
        #expect(known.count >= 2)
        for list in known { #expect(list == Plugin.eventTypeNames) }
    }
}
