import Foundation
import Testing

@testable import AllianceKit

/// The JSON the export writes: keys in the order given, two spaces per level, and strings safe
/// to print to a terminal.
@Suite struct JSONValueTests {
    @Test func objectsKeepTheirKeysInOrderAndIndentByLevel() {
        let value = JSONValue.object([
            ("z", .number(-3)), ("a", .array([.bool(true), .null, .object([])])), ("m", .array([])),
            ("raw", .raw(#"{"v":1}"#)),
        ])
        #expect(
            value.rendered() == """
                {
                  "z": -3,
                  "a": [
                    true,
                    null,
                    {}
                  ],
                  "m": [],
                  "raw": {"v":1}
                }
                """)
    }

    @Test func stringsEscapeWhatJSONRequiresAndWhatATerminalWouldObey() throws {
        let text = "quote \" backslash \\ newline \n tab \t esc \u{1B} c1 \u{9B} ls \u{2028} rlo \u{202E} é 🌟"
        let rendered = JSONValue.string(text).rendered()
        #expect(!rendered.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        for scalar in ["\u{2028}", "\u{202E}", "\u{1B}", "\u{9B}"] {
            #expect(!rendered.contains(scalar))
        }
        #expect(rendered.contains("é 🌟"))
        // What it writes reads back as the same text.
        let decoded = try JSONSerialization.jsonObject(with: Data("[\(rendered)]".utf8)) as? [String]
        #expect(decoded == [text])
    }

    @Test func twoValuesAreEqualWhenTheyRenderTheSame() {
        #expect(JSONValue.object([("a", .number(1))]) == .raw("{\n  \"a\": 1\n}"))
        #expect(
            JSONValue.object([("a", .number(1)), ("b", .null)]) != .object([("b", .null), ("a", .number(1))]))
    }
}
