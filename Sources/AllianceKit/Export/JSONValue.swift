/// A JSON value with ordered object keys, for exports that people read. Strings escape C1
/// controls, U+2028, U+2029 and bidi controls as well as what JSON requires, as the text may be
/// printed to a terminal.
package indirect enum JSONValue: Sendable, Equatable {
    case string(String)
    case number(Int)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])
    /// Text that already is JSON (an event line, encoded with `forTerminal`).
    case raw(String)

    package static func == (a: JSONValue, b: JSONValue) -> Bool { a.rendered() == b.rendered() }

    static func optional(_ text: String?) -> JSONValue { text.map { .string($0) } ?? .null }

    /// The value as JSON text, indented by two spaces per level.
    package func rendered(indent: Int = 0) -> String {
        let pad = String(repeating: "  ", count: indent + 1)
        let close = String(repeating: "  ", count: indent)
        switch self {
        case .string(let s):
            var bytes: [UInt8] = []
            JSONWriter.appendString(s, to: &bytes, forTerminal: true)
            return String(decoding: bytes, as: UTF8.self)
        case .number(let n): return String(n)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .raw(let text): return text
        case .array(let items):
            guard !items.isEmpty else { return "[]" }
            return "[\n" + items.map { pad + $0.rendered(indent: indent + 1) }.joined(separator: ",\n")
                + "\n\(close)]"
        case .object(let fields):
            guard !fields.isEmpty else { return "{}" }
            return "{\n"
                + fields.map { key, value in
                    pad + JSONValue.string(key).rendered() + ": " + value.rendered(indent: indent + 1)
                }.joined(separator: ",\n") + "\n\(close)}"
        }
    }
}
