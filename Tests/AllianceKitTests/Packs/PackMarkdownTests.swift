import CMarkGFM
import Foundation
import TestSupport
import Testing

@testable import AllianceKit

/// The pack reader against cmark-gfm's own HTML rendering of the same Markdown: a pack's sections
/// are the `<h2>`s GitHub shows, its questions the top-level `<li>`s, their probes the `<li>`s
/// nested in them.
@Suite(.removingTemporaryDirectories) struct PackMarkdownTests {
    /// One question as the page shows it: its section, its text (without `{#id}`), its probes.
    struct Shown: Equatable, CustomStringConvertible {
        var section: String
        var question: String
        var probes: [String]
        var description: String { "\(section) / \(question) \(probes)" }
    }

    /// What cmark-gfm's HTML of `markdown` shows, read from the HTML alone.
    static func rendered(_ markdown: String) -> [Shown] {
        let html = markdown.withCString {
            cmark_markdown_to_html($0, markdown.utf8.count, CMARK_OPT_DEFAULT)
        }!
        defer { free(html) }
        return shown(inHTML: String(cString: html))
    }

    /// A small reader of the HTML cmark writes: tags, comments, text and its four entities.
    static func shown(inHTML html: String) -> [Shown] {
        var result: [Shown] = []
        var section = "Questions"
        var heading: String?
        var lists = 0
        var quotes = 0
        var pre = 0
        // The open list items outside quotes: their list depth and text so far; a probe's slot.
        var open: [(depth: Int, text: String, slot: Int?)] = []
        var rest = Substring(html)
        while !rest.isEmpty {
            if rest.hasPrefix("<!--") {
                let end = rest.firstRange(of: "-->")!
                rest = rest[end.upperBound...]
                continue
            }
            if rest.hasPrefix("<") {
                let close = rest.firstIndex(of: ">")!
                let inside = rest[rest.index(after: rest.startIndex)..<close]
                let tag = inside.split(separator: " ").first ?? ""
                rest = rest[rest.index(after: close)...]
                // An image reads as its description.
                if tag == "img", let alt = inside.firstRange(of: "alt=\""), !open.isEmpty, quotes == 0 {
                    open[open.count - 1].text += unescaped(inside[alt.upperBound...].prefix { $0 != "\"" })
                }
                switch tag {
                case "ul", "ol": lists += 1
                case "/ul", "/ol": lists -= 1
                case "blockquote": quotes += 1
                case "/blockquote": quotes -= 1
                case "pre": pre += 1
                case "/pre": pre -= 1
                case "h2" where lists == 0 && quotes == 0: heading = ""
                case "/h2" where heading != nil:
                    section = collapsed(heading!)
                    heading = nil
                case "li" where quotes == 0:
                    var slot: Int?
                    if lists > 1, !open.isEmpty {
                        result[result.count - 1].probes.append("")
                        slot = result[result.count - 1].probes.count - 1
                    } else {
                        result.append(Shown(section: section, question: "", probes: []))
                    }
                    open.append((lists, "", slot))
                case "/li" where quotes == 0 && !open.isEmpty && open.last!.depth == lists:
                    let item = open.removeLast()
                    let text = withoutID(collapsed(item.text))
                    if let slot = item.slot {
                        result[result.count - 1].probes[slot] = text
                    } else {
                        result[result.count - 1].question = text
                    }
                case "p", "/p", "h1", "h2", "h3", "h4", "h5", "h6", "br", "br /":
                    if !open.isEmpty { open[open.count - 1].text += " " }
                default: break
                }
                continue
            }
            let end = rest.firstIndex(of: "<") ?? rest.endIndex
            let text = unescaped(rest[..<end])
            rest = rest[end...]
            if heading != nil { heading! += text }
            if pre == 0 && quotes == 0, let last = open.indices.last, open[last].depth == lists {
                open[last].text += text
            }
        }
        for i in result.indices { result[i].probes.removeAll { $0.isEmpty } }
        return result
    }

    static func unescaped(_ text: Substring) -> String {
        String(text).replacingAll("&lt;", with: "<").replacingAll("&gt;", with: ">")
            .replacingAll("&quot;", with: "\"").replacingAll("&amp;", with: "&")
    }

    static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
    }

    static func withoutID(_ text: String) -> String {
        guard text.hasSuffix("}"), let open = text.range(of: "{#", options: .backwards) else { return text }
        return collapsed(String(text[..<open.lowerBound]))
    }

    /// The error `body` throws, or nil.
    static func failure(_ body: () throws(AllianceError) -> Void) -> AllianceError? {
        do {
            try body()
            return nil
        } catch {
            return error
        }
    }

    /// What the pack reader makes of the same Markdown, in the same terms.
    static func read(_ markdown: String) throws -> [Shown] {
        let (pack, _) = try Pack.parse(text: "# Corpus\n\n" + markdown, path: "corpus.md")
        return pack.sections.flatMap { section in
            section.questions.map {
                Shown(section: section.title, question: collapsed($0.text), probes: $0.probes.map(collapsed))
            }
        }
    }

    /// Markdown coaches write, and the cases the old line scanner read wrongly.
    static let corpus: [String] = [
        // A question wrapped onto a second line without indentation (a lazy continuation line).
        "## Trip\n\n- What would make the long drive south\nsomething to look forward to? {#drive}\n- And the way back?\n",
        // A fence opened with `~~~~` is closed only by `~~~~`.
        "## Code\n\n~~~~\n- not a question\n~~~\n- nor this\n~~~~\n\n- The real one?\n",
        "## Code\n\n```\n- inside\n```\n- After the fence?\n````md\n```\n- still inside\n````\n",
        // Thematic breaks.
        "## Breaks\n\n- Before?\n\n* * *\n\n- After?\n\n- - -\n\n***\n___\n- Last?\n",
        // A setext heading is a section.
        "Money\n-----\n\n- What budget feels right? {#budget}\n",
        "## First\n\n- One?\n\nTime\n---\n- Two?\n",
        // Closing hashes are not part of the heading.
        "## Time ##\n\n- How much time? {#time}\n\n## Place #####\n\n- Where?\n",
        // Numbered lists are questions; their nested items probes.
        "## Numbered\n\n1. First?\n2. Second?\n   - Why second?\n3) Third in a new list?\n",
        "## Numbered\n\n7. Starting at seven?\n8. Eight?\n",
        // Probes indented by four spaces, two, and a tab.
        "## Nested\n\n- Question?\n    - Probe one\n    - Probe two\n- Next?\n  - Its probe\n\t- And another\n",
        "## Deep\n\n- Top?\n  - Probe\n    - Probe of a probe\n  - Second probe\n",
        // A list interrupted by a paragraph, and a paragraph that is not an intro.
        "## Interrupted\n\n- One?\n\nA note between.\n\n- Two?\n",
        // HTML blocks and comments.
        "## HTML\n\n<div>\n- not a question\n</div>\n\n- Yes?\n<!-- a comment\n- hidden?\n-->\n- After the comment? <!-- note -->\n",
        "## HTML\n\n- With a comment {#with} <!-- from Ana's list -->\n- With <b>bold</b> HTML?\n",
        // Block quotes with bullets.
        "## Quotes\n\n> - quoted?\n> - also quoted\n\n- Real?\n> not a probe\n",
        "## Quotes\n\n- Question?\n  > - quoted inside\n  - Probe\n",
        // Tables are not questions.
        "## Tables\n\n| a | b |\n|---|---|\n| - x | y |\n\n- Table done?\n",
        // Inline markup is shown as plain text.
        "## Inline\n\n- What *really* matters?\n- Use `git {#x}` and `*stars*`?\n- See [the guide](http://example.com) and **this** too?\n- A &amp; B < C > D \"quoted\"?\n- \\*Not emphasis\\*?\n- ![a picture](x.png) of it?\n- Line one  \nline two?\n",
        // Indented code after a paragraph, and a code block inside an item.
        "## Code\n\nText\n\n    - code bullet\n\n- Question?\n  ```\n  - code in the item\n  ```\n",
        // Loose items with a second paragraph.
        "## Loose\n\n- First part?\n\n  more of it\n\n- Second?\n",
        // Bullet characters: a new character starts a new list.
        "## Bullets\n\n- Dash?\n+ Plus?\n* Star?\n",
        // Questions before any section, headings of other levels.
        "- Before any section?\n\n### Small heading\n\n- Still in Questions?\n\n## Named\n\n#### Tiny\n- Named one?\n",
        // `#` without a space is text; a 2. cannot interrupt a paragraph.
        "## Text\n\n#hashtag\nPara\n2. not a list\n\n- Real?\n",
        // Lines indented four spaces after a question are a lazy continuation.
        "## Lazy\n\n- Question\n    continues here?\n- Other?\n",
        // An empty section is dropped.
        "## Empty\n\n## Full\n\n- Only one?\n",
    ]

    @Test(arguments: corpus) func readsAsCmarkRendersIt(_ markdown: String) throws {
        let read = try Self.read(markdown)
        let shown = Self.rendered(markdown)
        #expect(read == shown, "\(markdown.debugDescription)")
        #expect(!read.isEmpty)
    }

    /// Every bundled pack reads as GitHub shows it.
    @Test func everyBundledPackReadsAsCmarkRendersIt() throws {
        let folder = Files.join(packageRoot, "packs")
        let names = try Files.list(folder).filter { $0.hasSuffix(".md") }
        #expect(names.count >= 10)
        for name in names {
            let text = String(decoding: try Files.read(Files.join(folder, name)), as: UTF8.self)
            let (pack, _) = try Pack.parse(text: text, path: name)
            // The body: what follows the front matter's closing line.
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let end = lines.dropFirst().firstIndex(of: "---")!
            let shown = Self.rendered(lines[(end + 1)...].joined(separator: "\n"))
            let read = pack.sections.flatMap { section in
                section.questions.map {
                    Shown(section: section.title, question: Self.collapsed($0.text), probes: $0.probes)
                }
            }
            #expect(read == shown, "\(name)")
            #expect(pack.questionCount > 0)
        }
    }

    /// The issue's cases, one by one, as a coach would check them.
    @Test func theIssuesCasesReadAsWritten() throws {
        #expect(
            try Self.read(Self.corpus[0]).map(\.question) == [
                "What would make the long drive south something to look forward to?", "And the way back?",
            ])
        let lazy = try Pack.parse(text: "# T\n\n" + Self.corpus[0], path: "t.md").pack
        #expect(lazy.sections[0].questions[0].id == "drive")
        #expect(try Self.read(Self.corpus[1]).map(\.question) == ["The real one?"])
        #expect(try Self.read(Self.corpus[3]).map(\.question) == ["Before?", "After?", "Last?"])
        #expect(try Self.read(Self.corpus[4]).map(\.section) == ["Money"])
        #expect(try Self.read(Self.corpus[6]).map(\.section) == ["Time", "Place"])
        let numbered = try Self.read(Self.corpus[7])
        #expect(numbered.map(\.question) == ["First?", "Second?", "Third in a new list?"])
        #expect(numbered[1].probes == ["Why second?"])
        #expect(
            try Self.read(Self.corpus[17]).map(\.question) == [
                "What really matters?", "Use git {#x} and *stars*?", "See the guide and this too?",
                "A & B < C > D \"quoted\"?", "*Not emphasis*?", "a picture of it?", "Line one line two?",
            ])
    }

    /// Line numbers in messages count the front matter's lines.
    @Test func messagesGiveTheFilesLineNumbers() throws {
        let text = "---\ntitle: T\nid: t\n---\n\n## Money\n\n- One? {#one}\n- Two,\nwrapped? {#one}\n"
        let error = Self.failure { () throws(AllianceError) in _ = try Pack.parse(text: text, path: "t.md") }
        #expect(error?.location == "t.md:10")
        #expect(
            error?.message
                == "question id {#one} is used twice (first on line 8); ids must be unique in a pack")
        let (pack, warnings) = try Pack.parse(
            text:
                "---\ntitle: T\n---\n\nSpend\n=====\n\nBudget\n------\n\n### Small\n\n- How much? {#much}\n",
            path: "t.md")
        #expect(pack.title == "T")
        #expect(pack.sections.map(\.line) == [8])
        #expect(pack.sections[0].questions[0].line == 13)
        let empty = try Pack.parse(text: "# T\n\n## S\n\n- One?\n\n##\n\n- Two?\n", path: "t.md")
        #expect(empty.pack.sections.map(\.title) == ["S"])
        #expect(empty.pack.questionCount == 2)
        #expect(
            empty.warnings.map { $0.rendered() } == [
                "t.md:7: warning: an empty ## heading starts no section; it is ignored"
            ])
        #expect(
            warnings.map { $0.rendered() } == [
                "t.md:11: warning: only ## headings start sections; this heading is ignored"
            ])
    }

    /// A `<name>` meant as a placeholder is an HTML tag the page does not show: a warning says so.
    @Test func anHTMLTagInAQuestionIsNamed() throws {
        let (pack, warnings) = try Pack.parse(
            text: "# T\n\n## S\n\n- What does <name> want? {#want}\n- What does \\<name> need?\n",
            path: "t.md")
        #expect(pack.sections[0].questions.map(\.text) == ["What does want?", "What does <name> need?"])
        #expect(
            warnings.map { $0.rendered() } == [
                "t.md:5: warning: <name> is an HTML tag and is not shown in the question; write \\<name> to show it"
            ])
    }

    static let plain =
        "---\ntitle: Saved by a coach\n---\n\n## Trust\n\n- What builds trust? {#trust}\n\t- What does {that} look like?\n"

    /// A UTF-8 byte order mark is skipped, with or without front matter.
    @Test func aByteOrderMarkIsSkipped() throws {
        let (pack, warnings) = try Pack.parse(
            bytes: [0xEF, 0xBB, 0xBF] + Array(Self.plain.utf8), path: "bom.md")
        #expect(warnings.isEmpty)
        #expect(pack.title == "Saved by a coach")
        #expect(pack.sections[0].questions[0].id == "trust")
        #expect(pack.sections[0].questions[0].probes == ["What does {that} look like?"])
        let titled = try Pack.parse(
            bytes: [0xEF, 0xBB, 0xBF] + Array("# Titled\n\n- Here?\n".utf8), path: "t.md")
        #expect(titled.pack.title == "Titled")
        #expect(titled.pack.questionCount == 1)
    }

    /// UTF-16 (with its byte order mark, either way round) is refused with the fix.
    @Test func utf16IsRefusedWithTheFix() throws {
        let units = Array(Self.plain.utf16)
        let little: [UInt8] = [0xFF, 0xFE] + units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let big: [UInt8] = [0xFE, 0xFF] + units.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        for bytes in [little, big] {
            let error = Self.failure { () throws(AllianceError) in
                _ = try Pack.parse(bytes: bytes, path: "wide.md")
            }
            #expect(error?.message == "saved as UTF-16: save as UTF-8")
            #expect(error?.location == "wide.md")
        }
    }

    /// Windows line endings give the same pack as Unix ones, for every case of the corpus.
    @Test(arguments: corpus) func windowsLineEndingsReadTheSame(_ markdown: String) throws {
        let windows = markdown.replacingAll("\n", with: "\r\n")
        let unix = try Pack.parse(text: "# Corpus\n\n" + markdown, path: "c.md").pack
        let crlf = try Pack.parse(bytes: Array(("# Corpus\r\n\r\n" + windows).utf8), path: "c.md").pack
        #expect(crlf.sections == unix.sections)
    }

    /// `roommates.md.txt` (an editor's "Save as text") gets a warning that names it and the fix.
    @Test func aPackSavedAsTextIsNamed() throws {
        let folder = temporaryDirectory()
        try Self.plain.write(
            toFile: Files.join(folder, "roommates.md.txt"), atomically: true, encoding: .utf8)
        try "# Kept\n\n- Here?\n".write(
            toFile: Files.join(folder, "kept.md"), atomically: true, encoding: .utf8)
        let library = PackLibrary.load(directories: [folder])
        #expect(library.ids.contains("kept"))
        #expect(!library.ids.contains("roommates"))
        let lines = library.diagnostics.map { $0.rendered() }
        #expect(
            lines.contains(
                "\(folder)/roommates.md.txt: warning: not read: pack files end in .md; rename it to roommates.md"
            ))
    }

    /// Nesting 20,000 deep (quotes, lists, emphasis, brackets) is read without recursion: no crash.
    @Test func deepNestingIsReadWithoutRecursion() throws {
        let deep = [
            String(repeating: "> ", count: 20_000) + "- hidden?\n",
            String(repeating: "- ", count: 20_000) + "deep?\n",
            "- " + String(repeating: "*a ", count: 20_000) + "?\n",
            "- " + String(repeating: "[", count: 20_000) + "x?\n",
            (0..<2_000).map { String(repeating: "  ", count: $0) + "- level \($0)\n" }.joined(),
        ]
        for (n, body) in deep.enumerated() {
            let text = "# Deep\n\n- First?\n\n" + body
            if n == 1 {
                // A bullet holding only a list has no text of its own.
                let error = Self.failure { () throws(AllianceError) in
                    _ = try Pack.parse(text: text, path: "deep.md")
                }
                #expect(error?.description == "deep.md:5: an empty question")
                continue
            }
            let (pack, _) = try Pack.parse(text: text, path: "deep.md")
            #expect(pack.sections[0].questions[0].text == "First?")
        }
        let (pack, _) = try Pack.parse(text: "# Deep\n\n" + deep[4], path: "deep.md")
        #expect(pack.questionCount == 1)
        #expect(pack.sections[0].questions[0].probes.count == 1_999)
    }
}
