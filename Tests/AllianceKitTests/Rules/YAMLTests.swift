import Testing

@testable import AllianceKit

/// The YAML reader over libyaml: the tree it gives for a corpus of YAML, checked against what
/// libyaml says through PyYAML's `compose` with its C loader (the expected trees were written by
/// it: a null is `~`, any other value its text in JSON quotes), and what it refuses.
struct YAMLTests {
    /// The tree as PyYAML's nodes were printed: `{"k": "v"}`, `["a", ~]`, nil for no document.
    static func render(_ node: YAMLNode?) -> String {
        guard let node else { return "nil" }
        switch node {
        case .null: return "~"
        case .scalar(let text, _):
            var out = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\\": out += "\\\\"
                case "\"": out += "\\\""
                case "\n": out += "\\n"
                case "\t": out += "\\t"
                case "\r": out += "\\r"
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out + "\""
        case .sequence(let items, _): return "[" + items.map { render($0) }.joined(separator: ", ") + "]"
        case .mapping(let pairs, _):
            return "{" + pairs.map { render($0.key) + ": " + render($0.value) }.joined(separator: ", ") + "}"
        }
    }

    static let corpus: [(yaml: String, tree: String)] = [
        ("a: 1\nb: two\n", "{\"a\": \"1\", \"b\": \"two\"}"),
        ("list:\n  - a\n  - b\n", "{\"list\": [\"a\", \"b\"]}"),
        ("list:\n- a\n- b\n", "{\"list\": [\"a\", \"b\"]}"),
        ("flow: [a, 'b c', \"d\"]\n", "{\"flow\": [\"a\", \"b c\", \"d\"]}"),
        ("map: {a: 1, b: [x, y]}\n", "{\"map\": {\"a\": \"1\", \"b\": [\"x\", \"y\"]}}"),
        ("nested:\n  inner:\n    deep: v\n", "{\"nested\": {\"inner\": {\"deep\": \"v\"}}}"),
        ("- a\n- {k: v}\n- [x]\n", "[\"a\", {\"k\": \"v\"}, [\"x\"]]"),
        ("s: 'It''s'\n", "{\"s\": \"It's\"}"),
        ("d: \"tab\\there \\\"q\\\" \\u00e9 \\\\\"\n", "{\"d\": \"tab\\there \\\"q\\\" é \\\\\"}"),
        ("folded: >\n  one\n  two\n\n  three\n", "{\"folded\": \"one two\\nthree\\n\"}"),
        ("folded-strip: >-\n  one\n  two\n", "{\"folded-strip\": \"one two\"}"),
        ("literal: |\n  line one\n  line two\n", "{\"literal\": \"line one\\nline two\\n\"}"),
        ("literal-keep: |+\n  kept\n\n", "{\"literal-keep\": \"kept\\n\\n\"}"),
        ("c: value # a comment\n# whole line\n", "{\"c\": \"value\"}"),
        (
            "tilde: ~\nn1: null\nn2: Null\nn3: NULL\nempty:\n",
            "{\"tilde\": ~, \"n1\": ~, \"n2\": ~, \"n3\": ~, \"empty\": ~}"
        ),
        ("~: a\n", "{~: \"a\"}"),
        (
            "quoted: '~'\ndq: \"null\"\nstr: !!str ~\n",
            "{\"quoted\": \"~\", \"dq\": \"null\", \"str\": \"~\"}"
        ),
        (
            "yes: yes\nint: 1\nfloat: 1.0\nhex: 0x3\n",
            "{\"yes\": \"yes\", \"int\": \"1\", \"float\": \"1.0\", \"hex\": \"0x3\"}"
        ),
        ("plain: multi\n  line plain\n", "{\"plain\": \"multi line plain\"}"),
        ("colon: a:b\nurl: http://x.y/z\n", "{\"colon\": \"a:b\", \"url\": \"http://x.y/z\"}"),
        ("---\nk: v\n", "{\"k\": \"v\"}"),
        ("k: v\n...\n", "{\"k\": \"v\"}"),
        ("k: v\r\nl: w\r\n", "{\"k\": \"v\", \"l\": \"w\"}"),
        ("k:\tv\n", "{\"k\": \"v\"}"),
        ("k: Zoë’s café 日本\n", "{\"k\": \"Zoë’s café 日本\"}"),
        ("curly: “quoted”\nsingle: ‘q’\n", "{\"curly\": \"“quoted”\", \"single\": \"‘q’\"}"),
        ("", "nil"),
        ("# only a comment\n", "nil"),
        ("just text\n", "\"just text\""),
        ("? complex\n: value\n", "{\"complex\": \"value\"}"),
        ("k: [a, [b, [c]]]\n", "{\"k\": [\"a\", [\"b\", [\"c\"]]]}"),
    ]

    @Test(arguments: corpus)
    func theTreeIsLibyamls(_ yaml: String, _ tree: String) throws {
        #expect(Self.render(try YAML.read(yaml).root) == tree)
    }

    @Test func linesAreTheFilesFromOne() throws {
        let yaml = "# comment\nname: x\nrules:\n  - id: a\n    kind: flag\n  - id: b\n"
        let root = try #require(try YAML.read(yaml).root)
        #expect(root.line == 2)
        let rules = try #require(root.mapping?[1].value.sequence)
        #expect(rules.map(\.line) == [4, 6])
        #expect(rules[0].mapping?[1].value.line == 5)
    }

    static func failure(_ yaml: String) -> YAML.Failure? {
        do {
            _ = try YAML.read(yaml)
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [
        ("a: &x 1\nb: c\n", 1, "anchors (`&name`) are not read here"),
        ("a: 1\nb: *x\n", 2, "aliases (`*name`) are not read here"),
        ("a: b\nc: &l [1, 2]\n", 2, "anchors (`&name`)"),
        ("a:\n  - &m {k: v}\n", 2, "anchors (`&name`)"),
        (
            "a: " + String(repeating: "[", count: 65) + String(repeating: "]", count: 65) + "\n", 1,
            "nested more than 64 levels deep"
        ),
    ])
    func anchorsAliasesAndDeepNestingAreRefusedWithTheirLine(_ yaml: String, _ line: Int, _ reason: String)
        throws
    {
        let failure = try #require(Self.failure(yaml))
        #expect(failure.refused)
        #expect(failure.line == line)
        #expect(failure.message.contains(reason), "\(failure.message)")
    }

    @Test func sixtyFourLevelsAreRead() throws {
        let yaml = "a: " + String(repeating: "[", count: 63) + "x" + String(repeating: "]", count: 63) + "\n"
        #expect(try YAML.read(yaml).root != nil)
    }

    /// 9 levels of 9 aliases: 9^9 nodes if expanded. Refused at the first anchor, at once.
    @Test func aBillionLaughsIsRefusedFast() throws {
        let laughs = HostileYAMLTests.billionLaughs()
        let clock = ContinuousClock()
        var failure: YAML.Failure?
        let elapsed = clock.measure { failure = Self.failure(laughs) }
        #expect(failure?.line == 2)
        #expect(failure?.refused == true)
        // A hang would take minutes; reading two lines takes microseconds.
        #expect(elapsed < .seconds(1))
    }

    @Test(arguments: [
        ("a: 1\nb: 2\na: 3\n", 3, "the key `a` is repeated (first on line 1)"),
        ("a: 1\n\"a\": 3\n", 2, "the key `a` is repeated (first on line 1)"),
        ("m:\n  k: 1\n  k: 2\n", 3, "the key `k` is repeated (first on line 2)"),
        ("a: 1\n---\nb: 2\n", 2, "a second document"),
        ("a: 'unclosed\n", 2, "found unexpected end of stream"),
        ("a: b\n c: d\n", 2, "mapping values are not allowed in this context"),
        ("a:\n\t- b\n", 2, "found character that cannot start any token"),
        ("a: [b\n", 2, "did not find expected ',' or ']'"),
        ("a: \u{7}\n", 1, "control characters are not allowed"),
        ("x: 1\ntitle: “Lisbon: the plan”\n", 2, "use straight quotes"),
    ])
    func invalidYAMLIsNamedByLibyamlWithItsLine(_ yaml: String, _ line: Int, _ message: String) throws {
        let failure = try #require(Self.failure(yaml))
        #expect(!failure.refused)
        #expect(failure.line == line, "\(failure.message)")
        #expect(failure.message.contains(message), "\(failure.message)")
    }

    @Test func linesCountFromTheFirstLineGiven() throws {
        #expect(try YAML.read("a: 1\nb: 2\n", firstLine: 2).root?.mapping?[1].key.line == 3)
        #expect(
            Self.failure("a: 1\na: 2\n").map { "\($0.line) \($0.message)" }
                == "2 the key `a` is repeated (first on line 1)")
        do {
            _ = try YAML.read("a: 1\na: 2\n", firstLine: 2)
            Issue.record("read")
        } catch {
            #expect(error.line == 3)
            #expect(error.message == "the key `a` is repeated (first on line 2)")
        }
    }

    @Test func valuesInCurlyQuotesAreNoted() throws {
        let document = try YAML.read("a: “quoted”\nb: \"“fine”\"\nc: ‘single’\nd: it’s\ne: “open\n")
        #expect(document.curlyQuoted == [1, 3])
    }
}
