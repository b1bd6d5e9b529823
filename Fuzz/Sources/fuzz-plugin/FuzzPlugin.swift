// libFuzzer target: plugin files (YAML rules) through `Plugin.parse(bytes:path:)`, and any
// UTF-8 input as a rule pattern: `Pattern(text)` matched against a fixed sample text, and,
// when the input has a newline, its first line as the pattern and the rest as the text.
// Any input may be refused with an error; none may crash.
import AllianceKit

/// Text for patterns to match: questions like the ones rules check, with punctuation,
/// digits, accents, emoji, combining marks and whitespace of several kinds.
let sampleText = """
    Why do you work late? so why did you leave my team... What's important to you about \
    honesty (and "respect")? I'll do 3 things by 2026-11-25, don't you think?\tTab\r\n\
    Zoë café naïve e\u{301} 🙂👩‍👩‍👧 ÄÖÜ ß İ ﬁ — ok!
    """

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPlugin(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    var sink = 0
    do throws(AllianceError) {
        let (plugin, refused) = try Plugin.parse(bytes: bytes, path: "plugins/fuzz-plugin.yaml")
        sink &+= refused.map(\.description).joined().utf8.count &+ plugin.rules.count
        // What the shell does with a loaded plugin: flag and rewrite typed questions.
        let book = RuleBook(plugins: [plugin])
        let (hits, gaveUp) = book.flags(for: sampleText)
        sink &+= hits.count &+ gaveUp.count
        sink &+= book.rewrite(sampleText)?.text.utf8.count ?? 0
        sink &+= book.rewrite("Why do you work late?")?.text.utf8.count ?? 0
    } catch {
        sink &+= error.description.utf8.count
    }

    if let text = String(validating: bytes, as: UTF8.self) {
        sink &+= match(pattern: text, in: sampleText)
        if let newline = text.firstIndex(of: "\n") {
            let pattern = String(text[..<newline])
            let subject = String(text[text.index(after: newline)...])
            sink &+= match(pattern: pattern, in: subject)
        }
    }
    blackHole(sink)
    return 0
}

/// Compiles `pattern` both ways (ignoring case and not) and matches it against `text`.
func match(pattern: String, in text: String) -> Int {
    var sink = 0
    for ignoreCase in [true, false] {
        do {
            let compiled = try Pattern(pattern, ignoreCase: ignoreCase)
            sink &+= compiled.groupCount
            if let found = try compiled.firstMatch(in: text) {
                sink &+= found.range.count &+ found.text.utf8.count
                sink &+= found.groups.reduce(0) { $0 &+ ($1?.utf8.count ?? 0) }
            }
        } catch {
            sink &+= 1
        }
    }
    return sink
}

@inline(never) func blackHole(_ value: Int) { if value == -1 { print("", terminator: "") } }
