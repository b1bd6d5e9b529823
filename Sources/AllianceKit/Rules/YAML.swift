import CLibYAML

/// A YAML node as the plugin and front matter readers see it: text, no value, a mapping or a
/// list, with the line (from 1) it starts on.
///
/// Tags are not resolved: every value is text (`1` and `"1"` read the same; a plugin reads them
/// as text anyway). The one exception is null: a plain `~`, `null`, `Null`, `NULL` or nothing at
/// all (`key:`) is no value, as in every YAML schema; quoted (`"~"`) it is text.
enum YAMLNode {
    case scalar(String, line: Int)
    case null(line: Int)
    case mapping([(key: YAMLNode, value: YAMLNode)], line: Int)
    case sequence([YAMLNode], line: Int)

    /// The text of a value, nil for a null, a mapping or a list.
    var text: String? {
        if case .scalar(let text, _) = self { return text }
        return nil
    }

    var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    var mapping: [(key: YAMLNode, value: YAMLNode)]? {
        if case .mapping(let pairs, _) = self { return pairs }
        return nil
    }

    var sequence: [YAMLNode]? {
        if case .sequence(let items, _) = self { return items }
        return nil
    }

    var line: Int {
        switch self {
        case .scalar(_, let line), .null(let line), .mapping(_, let line), .sequence(_, let line): line
        }
    }
}

/// Reads YAML with libyaml's parser, the reference under PyYAML and Ruby's Psych, one pass over
/// its events into `YAMLNode`s.
///
/// Refused, with the line: anchors and aliases (`&a`, `*a`: a few hundred bytes of them stand for
/// billions of nodes, a "billion laughs"), nesting deeper than `maxDepth`, a key repeated in a
/// mapping, and more than one document. Plugins and front matter need none of them.
enum YAML {
    static let maxDepth = 64

    /// Why a text is not read, and the line (from 1). `refused` is YAML that is valid but not read
    /// here (anchors, aliases, deep nesting); otherwise the text is not valid YAML.
    struct Failure: Error {
        var message: String
        var line: Int
        var refused: Bool
    }

    /// A document: its root (nil for an empty one) and the lines of values written in curly
    /// quotes (`“…”`, `‘…’`), which YAML keeps as part of the text.
    struct Document {
        var root: YAMLNode?
        var curlyQuoted: [Int] = []
    }

    /// The hint a value or an error on a line with curly quotes gets.
    static let straightQuotesHint = "use straight quotes (\" or ') around a value, not curly ones (“ ” ‘ ’)"

    /// Reads `text`, whose first line is the file's `firstLine` (front matter starts on line 2):
    /// every line given is the file's.
    static func read(_ text: String, firstLine: Int = 1) throws(Failure) -> Document {
        var text = text
        let result = text.withUTF8 { bytes in read(bytes, offset: firstLine - 1) }
        return try result.get()
    }

    /// A list or mapping being read: its line, items so far (a mapping's keys and values in turn)
    /// and, for a mapping, the line of each key so far.
    private struct Open {
        var line: Int
        var isMapping: Bool
        var items: [YAMLNode] = []
        /// Few keys to a mapping: a list searched is cheaper than a dictionary's hashing.
        var keys: [(text: String, line: Int)] = []
    }

    private static func read(_ bytes: UnsafeBufferPointer<UInt8>, offset: Int) -> Result<Document, Failure> {
        var document = Document()
        guard !bytes.isEmpty else { return .success(document) }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            return .failure(Failure(message: "out of memory", line: 1, refused: false))
        }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
        var open: [Open] = []
        var documents = 0
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else {
                return .failure(failure(of: parser, in: bytes, offset: offset))
            }
            defer { yaml_event_delete(&event) }
            let line = Int(event.start_mark.line) + 1 + offset
            var node: YAMLNode?
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return .success(document)
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 {
                    return .failure(
                        Failure(
                            message: "a second document (after `---`): a file holds one", line: line,
                            refused: false))
                }
            case YAML_ALIAS_EVENT:
                return .failure(
                    Failure(
                        message: "aliases (`*name`) are not read here: write the value out in full",
                        line: line, refused: true))
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                if scalar.anchor != nil { return .failure(anchor(line)) }
                let bytes = UnsafeBufferPointer(start: scalar.value, count: scalar.length)
                let tag = scalar.tag.map { String(cString: $0) }
                let plain = scalar.style == YAML_PLAIN_SCALAR_STYLE
                if (plain && tag == nil && isNull(bytes)) || tag == "tag:yaml.org,2002:null" {
                    node = .null(line: line)
                } else {
                    node = .scalar(String(decoding: bytes, as: UTF8.self), line: line)
                    if plain && isCurlyQuoted(bytes) { document.curlyQuoted.append(line) }
                }
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                let isMapping = event.type == YAML_MAPPING_START_EVENT
                let anchored =
                    isMapping
                    ? event.data.mapping_start.anchor != nil : event.data.sequence_start.anchor != nil
                if anchored { return .failure(anchor(line)) }
                guard open.count < maxDepth else {
                    return .failure(
                        Failure(
                            message: "lists and mappings are nested more than \(maxDepth) levels deep",
                            line: line, refused: true))
                }
                open.append(Open(line: line, isMapping: isMapping))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                let done = open.removeLast()
                if done.isMapping {
                    var pairs: [(key: YAMLNode, value: YAMLNode)] = []
                    pairs.reserveCapacity(done.items.count / 2)
                    var i = 0
                    while i + 1 < done.items.count {
                        pairs.append((done.items[i], done.items[i + 1]))
                        i += 2
                    }
                    node = .mapping(pairs, line: done.line)
                } else {
                    node = .sequence(done.items, line: done.line)
                }
            default:
                break
            }
            guard let node else { continue }
            guard !open.isEmpty else {
                document.root = node
                continue
            }
            let last = open.count - 1
            if open[last].isMapping && open[last].items.count % 2 == 0 {
                // A key: text (or no value, as ""), each once.
                let key = node.text ?? (node.isNull ? "" : nil)
                if let key {
                    if let first = open[last].keys.first(where: { $0.text == key })?.line {
                        return .failure(
                            Failure(
                                message: "the key `\(key)` is repeated (first on line \(first))",
                                line: node.line,
                                refused: false))
                    }
                    open[last].keys.append((key, node.line))
                }
            }
            open[last].items.append(node)
        }
    }

    private static func anchor(_ line: Int) -> Failure {
        Failure(
            message: "anchors (`&name`) are not read here: write the value out in full", line: line,
            refused: true)
    }

    /// `~`, `null`, `Null`, `NULL` or nothing, as a plain value's bytes.
    private static func isNull(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        switch bytes.count {
        case 0: true
        case 1: bytes[0] == UInt8(ascii: "~")
        case 4:
            bytes.elementsEqual("null".utf8) || bytes.elementsEqual("Null".utf8)
                || bytes.elementsEqual("NULL".utf8)
        default: false
        }
    }

    /// `“…”` or `‘…’` (E2 80 9C … E2 80 9D, E2 80 98 … E2 80 99 in UTF-8): a value a word
    /// processor's quotes surround.
    private static func isCurlyQuoted(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = bytes.count
        guard n >= 6, bytes[0] == 0xE2, bytes[1] == 0x80, bytes[n - 3] == 0xE2, bytes[n - 2] == 0x80 else {
            return false
        }
        return (bytes[2] == 0x9C && bytes[n - 1] == 0x9D) || (bytes[2] == 0x98 && bytes[n - 1] == 0x99)
    }

    /// libyaml's problem, at its line; a line holding curly quotes gets the hint.
    private static func failure(of parser: yaml_parser_t, in bytes: UnsafeBufferPointer<UInt8>, offset: Int)
        -> Failure
    {
        let problem = parser.problem.map { String(cString: $0) } ?? "unreadable"
        var line: Int
        if parser.error == YAML_READER_ERROR {
            // The reader gives the offset of the bad byte, not a mark.
            let offset = min(Int(parser.problem_offset), bytes.count)
            line = 1 + bytes[..<offset].count(where: { $0 == 10 })
        } else {
            line = Int(parser.problem_mark.line) + 1
        }
        line = max(line, 1)
        var message = problem
        if parser.error == YAML_MEMORY_ERROR { message = "out of memory" }
        if lineHoldsCurlyQuotes(line, in: bytes) { message += "; " + straightQuotesHint }
        return Failure(message: message, line: line + offset, refused: false)
    }

    private static func lineHoldsCurlyQuotes(_ line: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var number = 1
        var start = 0
        while number < line, let newline = bytes[start...].firstIndex(of: 10) {
            start = newline + 1
            number += 1
        }
        let end = bytes[start...].firstIndex(of: 10) ?? bytes.count
        // “ ” ‘ ’ are E2 80 9C, E2 80 9D, E2 80 98, E2 80 99 in UTF-8.
        var i = start
        while i + 2 < end {
            if bytes[i] == 0xE2 && bytes[i + 1] == 0x80 && (0x98...0x9D).contains(bytes[i + 2])
                && bytes[i + 2] != 0x9A && bytes[i + 2] != 0x9B
            {
                return true
            }
            i += 1
        }
        return false
    }

    /// A coach's file as text: a UTF-8 byte order mark skipped, UTF-16 refused with how to save it,
    /// then as `Files.text` reads it.
    static func text(_ bytes: [UInt8], path: String, limit: Int, kind: String) throws(AllianceError) -> String
    {
        if bytes.count >= 2
            && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF))
        {
            throw AllianceError("saved as UTF-16: save as UTF-8", at: .file(path))
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return try Files.text(Array(bytes.dropFirst(3)), path: path, limit: limit, kind: kind)
        }
        return try Files.text(bytes, path: path, limit: limit, kind: kind)
    }
}
