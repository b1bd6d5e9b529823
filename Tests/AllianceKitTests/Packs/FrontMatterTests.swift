import Testing

@testable import AllianceKit

/// Pack front matter as libyaml reads it.
struct FrontMatterTests {
    static func pack(_ frontMatter: String, body: String = "# Heading\n\n## S\n- What?\n")
        throws(AllianceError) -> (
            pack: Pack, warnings: [String]
        )
    {
        let (pack, warnings) = try Pack.parse(text: "---\n\(frontMatter)\n---\n\n\(body)", path: "f.md")
        return (pack, warnings.map(\.description))
    }

    static func error(_ frontMatter: String) -> String? {
        do {
            _ = try pack(frontMatter)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func theKnownKeysAreRead() throws {
        let (pack, warnings) = try Self.pack(
            "id: trip\ntitle: A trip with friends\ntags: [travel, friends]\nfor: Before a week away.\nversion: 2\nauthor: Ana\nsource: https://example.org/a#b"
        )
        #expect(warnings.isEmpty)
        #expect(pack.id == "trip")
        #expect(pack.title == "A trip with friends")
        #expect(pack.tags == ["travel", "friends"])
        #expect(pack.forWhen == "Before a week away.")
        #expect(pack.version == "2")
        #expect(pack.author == "Ana")
        #expect(pack.origin == "https://example.org/a#b")
    }

    @Test(arguments: [
        ("title: \"Lisbon: the plan\"", "Lisbon: the plan"),
        ("title: 'It''s'", "It's"),
        ("title: a # comment", "a"),
        ("title: C# and F#", "C# and F#"),
        ("title: \"tab\\there\"", "tab\there"),
        ("title: >\n  Folded\n  text", "Folded text"),
        ("title: |\n  Literal", "Literal"),
        ("title: Plain\n  continued", "Plain continued"),
        ("title: Férias em Família", "Férias em Família"),
        // An indented `---` is part of the folded value: only one in column 0 ends the front matter.
        ("title: >\n  Before\n  ---\n  after", "Before --- after"),
        ("title: >\n  Before\n  ...\n  after", "Before ... after"),
        // No value is as if the key were not there: the `# Heading` is the title.
        ("title: ~", "Heading"), ("title: null", "Heading"), ("title:", "Heading"),
        ("title: '~'", "~"),
    ])
    func titles(_ frontMatter: String, _ title: String) throws {
        #expect(try Self.pack(frontMatter).pack.title == title)
    }

    @Test(arguments: [
        ("tags: [a, 'b c', \"d\"]", ["a", "b c", "d"]),
        ("tags:\n  - a\n  - b", ["a", "b"]),
        ("tags: a, b ,, c", ["a", "b", "c"]),
        ("tags: []", []),
        ("tags: ~", []),
        ("tags: [a, ~, b]", ["a", "b"]),
    ])
    func tags(_ frontMatter: String, _ tags: [String]) throws {
        #expect(try Self.pack("title: T\n" + frontMatter).pack.tags == tags)
    }

    @Test func anIDWithNoValueIsTheFileName() throws {
        #expect(try Self.pack("id:\ntitle: T").pack.id == "f")
        #expect(try Self.pack("id: ~\ntitle: T").pack.id == "f")
    }

    @Test(arguments: [
        (
            "title: T\ntitle: U",
            "f.md:3: invalid YAML in the front matter: the key `title` is repeated (first on line 2)"
        ),
        (
            "title: &a x",
            "f.md:2: front matter refused: anchors (`&name`) are not read here: write the value out in full"
        ),
        (
            "title: *a",
            "f.md:2: front matter refused: aliases (`*name`) are not read here: write the value out in full"
        ),
        (
            "title: T\n  bad: x",
            "f.md:3: invalid YAML in the front matter: mapping values are not allowed in this context"
        ),
        ("title: [unclosed", "f.md:3: invalid YAML in the front matter: did not find expected ',' or ']'"),
        (
            "title: “Lisbon: the plan”",
            "f.md:2: invalid YAML in the front matter: mapping values are not allowed in this context; use straight quotes (\" or ') around a value, not curly ones (“ ” ‘ ’)"
        ),
        ("- a\n- b", "f.md:2: the front matter must be `key: value` lines"),
        (
            "id: Not OK\ntitle: T",
            "f.md:2: id \"Not OK\" may hold only lowercase letters, digits, - and _, at most 64 of them"
        ),
        ("title: [a, b]", "f.md:2: `title` must be a single value"),
    ])
    func errorsNameTheFileLine(_ frontMatter: String, _ message: String) {
        #expect(Self.error(frontMatter) == message)
    }

    @Test func warnings() throws {
        #expect(
            try Self.pack("title: T\ncolour: red").warnings == [
                "f.md:3: warning: unknown front matter key `colour` (known: author, for, id, repair, source, tags, title, version)"
            ])
        #expect(
            try Self.pack("title: “Trip”").warnings == [
                "f.md:2: warning: a value in curly quotes keeps them as part of its text: use straight quotes (\" or ') around a value, not curly ones (“ ” ‘ ’)"
            ])
    }

    @Test func aBOMCRLFAndTabsReadAsUnix() throws {
        let text = "---\nid: trip\ntitle: Trip\ntags: [a, b]\n---\n\n# Trip\n\n## S\n\n- What?\n"
        let (unix, _) = try Pack.parse(bytes: Array(text.utf8), path: "p.md")
        let crlf = Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        for bytes in [[0xEF, 0xBB, 0xBF] + Array(text.utf8), crlf, [0xEF, 0xBB, 0xBF] + crlf] {
            let (pack, warnings) = try Pack.parse(bytes: bytes, path: "p.md")
            #expect(warnings.isEmpty)
            #expect(pack.id == unix.id)
            #expect(pack.title == unix.title)
            #expect(pack.tags == unix.tags)
            #expect(pack.sections == unix.sections)
        }
        let tabbed = try Self.pack("title:\tT\t\ntags: [a,\tb]").pack
        #expect(tabbed.title == "T")
        #expect(tabbed.tags == ["a", "b"])
    }

    @Test func aFrontMatterClosedOnlyByAnIndentedMarkerIsNeverClosed() {
        do {
            _ = try Pack.parse(text: "---\ntitle: T\n  ---\n# T\n## S\n- What?\n", path: "f.md")
            Issue.record("the pack loaded")
        } catch {
            #expect(error.description == "f.md:1: the front matter opened on line 1 is never closed with ---")
        }
    }
}
