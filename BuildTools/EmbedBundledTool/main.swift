// embed-bundled OUTPUT (pack|plugin PATH)…
// Writes OUTPUT, a Swift source holding each file's name and text as a string literal, for the
// EmbedBundled build-tool plugin. The text is kept byte for byte: the literal is ASCII, with every
// other character escaped by its scalar (`\u{e9}`), and a file that is not UTF-8 stops the build.
import Glibc

func fail(_ message: String) -> Never {
    let line = Array("embed-bundled: \(message)\n".utf8)
    _ = write(2, line, line.count)
    exit(1)
}

func read(_ path: String) -> [UInt8] {
    guard let file = fopen(path, "rb") else { fail("cannot open \(path)") }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let count = fread(&buffer, 1, buffer.count, file)
        bytes += buffer[0..<count]
        if count < buffer.count { break }
    }
    if ferror(file) != 0 { fail("cannot read \(path)") }
    return bytes
}

/// `text` as the inside of a one-line Swift string literal that holds the same scalars.
func literal(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\\": out += "\\\\"
        case "\"": out += "\\\""
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case _ where scalar.value < 0x20 || scalar.value >= 0x7F:
            out += "\\u{\(String(scalar.value, radix: 16))}"
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count % 2 == 1 else { fail("usage: embed-bundled OUTPUT (pack|plugin PATH)…") }
var entries: [String: [String]] = ["pack": [], "plugin": []]
for index in stride(from: 1, to: arguments.count, by: 2) {
    let (kind, path) = (arguments[index], arguments[index + 1])
    guard entries[kind] != nil else { fail("unknown kind \(kind)") }
    let bytes = read(path)
    guard let text = String(validating: bytes, as: UTF8.self) else { fail("\(path) is not UTF-8") }
    let name = String(path.split(separator: "/").last ?? "")
    entries[kind]!.append("        (\"\(literal(name))\", \"\(literal(text))\"),")
}

func list(_ name: String, _ lines: [String]) -> String {
    "    static let \(name): [(name: String, text: StaticString)] = [\n"
        + lines.map { $0 + "\n" }.joined() + "    ]\n"
}
let source =
    "// Generated at build time by the EmbedBundled plugin (BuildTools/) from packs/ and Plugins/.\n"
    + "// Do not edit: edit the files, and the next build embeds them again.\n\n"
    + "enum EmbeddedBundle {\n" + list("packs", entries["pack"]!) + list("plugins", entries["plugin"]!)
    + "}\n"

let output = arguments[0]
guard let file = fopen(output + ".tmp", "wb") else { fail("cannot write \(output)") }
let bytes = Array(source.utf8)
if fwrite(bytes, 1, bytes.count, file) != bytes.count || fclose(file) != 0 { fail("cannot write \(output)") }
if rename(output + ".tmp", output) != 0 { fail("cannot write \(output)") }
