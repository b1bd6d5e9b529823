import Yams

/// A YAML node as the plugin reader sees it: text, a mapping, a list, or something else,
/// with the line it starts on. Made by `PlainYAML` for the plain YAML plugins are written in,
/// or from Yams' nodes for anything else.
indirect enum YAMLNode {
    struct Scalar {
        var string: String
    }

    struct Mark {
        var line: Int
    }

    case scalar(Scalar, Mark?)
    case mapping([(YAMLNode, YAMLNode)], Mark?)
    case sequence([YAMLNode], Mark?)
    case other(Mark?)

    var scalar: Scalar? {
        if case .scalar(let s, _) = self { return s }
        return nil
    }

    var mapping: [(YAMLNode, YAMLNode)]? {
        if case .mapping(let pairs, _) = self { return pairs }
        return nil
    }

    var sequence: [YAMLNode]? {
        if case .sequence(let items, _) = self { return items }
        return nil
    }

    var mark: Mark? {
        switch self {
        case .scalar(_, let mark), .mapping(_, let mark), .sequence(_, let mark), .other(let mark): mark
        }
    }

    /// Yams' node, as the plugin reader sees it.
    init(_ node: Node) {
        let mark = node.mark.map { Mark(line: $0.line) }
        switch node {
        case .scalar(let scalar): self = .scalar(Scalar(string: scalar.string), mark)
        case .mapping(let mapping):
            self = .mapping(mapping.map { (YAMLNode($0.key), YAMLNode($0.value)) }, mark)
        case .sequence(let sequence): self = .sequence(sequence.map(YAMLNode.init), mark)
        default: self = .other(mark)
        }
    }
}

/// Reads the plain YAML that plugins are written in (block mappings and lists, plain and
/// quoted one-line values, one-line `[a, "b"]` lists, `>` folded text) into the nodes Yams
/// would give, lines included. Anything else (comments after a value, anchors, tags, `|`,
/// escapes, values over several lines, repeated keys, tabs, unusual characters) gives nil,
/// and Yams reads the file.
struct PlainYAML {
    /// A line with content: its number (from 1), indentation and bytes after it.
    private struct Line {
        var number: Int
        var indent: Int
        var bytes: ArraySlice<UInt8>
        /// The line as it is in the file, for folded text.
        var whole: ArraySlice<UInt8>
    }

    private var lines: [Line] = []
    /// Every line of the file, blank and comment lines included, by number from 1.
    private var all: [ArraySlice<UInt8>] = []
    private var endsWithNewline = false
    private var index = 0

    static func read(_ text: String) -> YAMLNode? {
        var reader = PlainYAML()
        let bytes = Array(text.utf8)
        guard reader.split(bytes) else { return nil }
        guard let first = reader.lines.first, first.indent == 0 else { return nil }
        guard let root = reader.block(indent: 0), reader.index == reader.lines.count else { return nil }
        guard root.mapping != nil else { return nil }
        return root
    }

    /// Splits the file into lines, keeping those with content; false when a byte or line is
    /// outside what this reader handles.
    private mutating func split(_ bytes: [UInt8]) -> Bool {
        if bytes.contains(where: { $0 == 9 || $0 == 13 || ($0 < 0x20 && $0 != 10) || $0 == 0x7F }) {
            return false
        }
        if bytes.contains(where: { $0 >= 0x80 }) {
            for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars where scalar.value >= 0x80 {
                let v = scalar.value
                if v < 0xA0 || v == 0x2028 || v == 0x2029 || v == 0xFEFF || v == 0xFFFE || v == 0xFFFF {
                    return false
                }
            }
        }
        endsWithNewline = bytes.last == 10
        all = bytes.split(separator: 10, omittingEmptySubsequences: false)
        if endsWithNewline { all.removeLast() }
        for (i, raw) in all.enumerated() {
            var start = raw.startIndex
            while start < raw.endIndex && raw[start] == 0x20 { start += 1 }
            if start == raw.endIndex { continue }
            let head = raw[start]
            if head == UInt8(ascii: "#") { continue }
            // Directives and document markers.
            if start == raw.startIndex
                && (head == UInt8(ascii: "%") || raw.starts(with: "---".utf8) || raw.starts(with: "...".utf8))
            {
                return false
            }
            lines.append(
                Line(number: i + 1, indent: start - raw.startIndex, bytes: raw[start...], whole: raw))
        }
        return !lines.isEmpty
    }

    /// The node whose first line is the current one, at `indent`.
    private mutating func block(indent: Int) -> YAMLNode? {
        guard index < lines.count else { return nil }
        let line = lines[index]
        guard line.indent == indent else { return nil }
        if isItem(line.bytes) { return sequence(indent: indent) }
        if key(of: line.bytes) != nil { return mapping(indent: indent, first: line.bytes) }
        return nil
    }

    private func isItem(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.first == UInt8(ascii: "-") && (bytes.count == 1 || bytes[bytes.startIndex + 1] == 0x20)
    }

    /// `key:` at the start of `bytes`: the key and what follows the colon.
    private func key(of bytes: ArraySlice<UInt8>) -> (key: String, rest: ArraySlice<UInt8>)? {
        var i = bytes.startIndex
        guard i < bytes.endIndex else { return nil }
        let first = bytes[i]
        guard (0x61...0x7A).contains(first) || (0x41...0x5A).contains(first) || first == 0x5F else {
            return nil
        }
        while i < bytes.endIndex {
            let b = bytes[i]
            guard
                (0x61...0x7A).contains(b) || (0x41...0x5A).contains(b) || (0x30...0x39).contains(b)
                    || b == 0x5F
                    || b == 0x2D
            else { break }
            i += 1
        }
        guard i < bytes.endIndex, bytes[i] == UInt8(ascii: ":") else { return nil }
        let after = i + 1
        guard after == bytes.endIndex || bytes[after] == 0x20 else { return nil }
        return (String(decoding: bytes[bytes.startIndex..<i], as: UTF8.self), bytes[after...])
    }

    /// A block list whose `-` items are at `indent`.
    private mutating func sequence(indent: Int) -> YAMLNode? {
        let mark = YAMLNode.Mark(line: lines[index].number)
        var items: [YAMLNode] = []
        while index < lines.count, lines[index].indent == indent, isItem(lines[index].bytes) {
            let line = lines[index]
            guard line.bytes.count >= 3, line.bytes[line.bytes.startIndex + 2] != 0x20 else { return nil }
            let content = line.bytes.dropFirst(2)
            if key(of: content) != nil {
                // `- key: value`: a mapping whose keys line up after the `- `.
                guard let node = mapping(indent: indent + 2, first: content) else { return nil }
                items.append(node)
            } else {
                guard let value = inline(content, line: line.number) else { return nil }
                index += 1
                items.append(value)
            }
        }
        if index < lines.count && lines[index].indent > indent { return nil }
        return .sequence(items, mark)
    }

    /// A block mapping at `indent`; `first` is the current line's content from its first key on.
    private mutating func mapping(indent: Int, first: ArraySlice<UInt8>) -> YAMLNode? {
        let mark = YAMLNode.Mark(line: lines[index].number)
        var pairs: [(YAMLNode, YAMLNode)] = []
        var keys = Set<String>()
        var content = first
        while true {
            let line = lines[index]
            guard let (name, rest) = key(of: content), keys.insert(name).inserted else { return nil }
            let keyNode = YAMLNode.scalar(.init(string: name), .init(line: line.number))
            var value = rest
            while let b = value.first, b == 0x20 { value = value.dropFirst() }
            index += 1
            if value.isEmpty {
                // A nested block, more indented, on the next lines.
                guard index < lines.count, lines[index].indent > indent,
                    let nested = block(indent: lines[index].indent)
                else { return nil }
                pairs.append((keyNode, nested))
            } else if value.first == UInt8(ascii: ">") {
                guard value.dropFirst().allSatisfy({ $0 == 0x20 }),
                    let text = folded(after: line.number, indent: indent)
                else { return nil }
                pairs.append((keyNode, .scalar(.init(string: text), .init(line: line.number))))
            } else {
                guard let node = inline(value, line: line.number) else { return nil }
                // A value going on over more indented lines is not read here.
                if index < lines.count && lines[index].indent > indent { return nil }
                pairs.append((keyNode, node))
            }
            guard index < lines.count, lines[index].indent == indent else { break }
            content = lines[index].bytes
        }
        if index < lines.count && lines[index].indent > indent { return nil }
        return .mapping(pairs, mark)
    }

    /// `>` text: the more indented lines after `line`, all at one indentation, joined by
    /// spaces, with the final line break kept.
    private mutating func folded(after line: Int, indent: Int) -> String? {
        guard index < lines.count, lines[index].indent > indent else { return nil }
        let textIndent = lines[index].indent
        var words: [ArraySlice<UInt8>] = []
        var last = line
        // Every file line from the indicator's next one: content lines, no blank line between them.
        for number in (line + 1)...all.count {
            let raw = all[number - 1]
            let spaces = raw.prefix(while: { $0 == 0x20 }).count
            if spaces == raw.count {
                // A blank line ends the text only if no more of it follows.
                break
            }
            if spaces < textIndent { break }
            guard spaces == textIndent, raw.last != 0x20 else { return nil }
            words.append(raw.dropFirst(spaces))
            last = number
        }
        guard !words.isEmpty else { return nil }
        // The text's lines must be exactly the content lines that follow, and what comes after
        // them must be less indented than the text.
        while index < lines.count, lines[index].number <= last { index += 1 }
        if index < lines.count && lines[index].indent >= textIndent { return nil }
        var out: [UInt8] = []
        for (i, word) in words.enumerated() {
            if i > 0 { out.append(0x20) }
            out.append(contentsOf: word)
        }
        if last < all.count || endsWithNewline { out.append(10) }
        return String(decoding: out, as: UTF8.self)
    }

    /// A one-line value: plain, quoted, or a `[…]` list of them.
    private func inline(_ bytes: ArraySlice<UInt8>, line: Int) -> YAMLNode? {
        var value = bytes
        while let b = value.last, b == 0x20 { value = value.dropLast() }
        guard let head = value.first else { return nil }
        let mark = YAMLNode.Mark(line: line)
        if head == UInt8(ascii: "[") {
            guard value.last == UInt8(ascii: "]") else { return nil }
            var items: [YAMLNode] = []
            var rest = value.dropFirst().dropLast()
            while let b = rest.first, b == 0x20 { rest = rest.dropFirst() }
            if rest.isEmpty { return .sequence([], mark) }
            while true {
                while let b = rest.first, b == 0x20 { rest = rest.dropFirst() }
                guard let first = rest.first else { return nil }
                let text: String
                if first == UInt8(ascii: "'") || first == UInt8(ascii: "\"") {
                    guard let (quoted, after) = Self.quoted(rest) else { return nil }
                    text = quoted
                    rest = after
                } else {
                    let end = rest.firstIndex(of: UInt8(ascii: ",")) ?? rest.endIndex
                    var item = rest[..<end]
                    while let b = item.last, b == 0x20 { item = item.dropLast() }
                    guard Self.isPlain(item, flow: true) else { return nil }
                    text = String(decoding: item, as: UTF8.self)
                    rest = rest[end...]
                }
                items.append(.scalar(.init(string: text), mark))
                while let b = rest.first, b == 0x20 { rest = rest.dropFirst() }
                guard let separator = rest.first else { break }
                guard separator == UInt8(ascii: ","), rest.count > 1 else { return nil }
                rest = rest.dropFirst()
            }
            return .sequence(items, mark)
        }
        if head == UInt8(ascii: "'") || head == UInt8(ascii: "\"") {
            guard let (text, after) = Self.quoted(value), after.isEmpty else { return nil }
            return .scalar(.init(string: text), mark)
        }
        guard Self.isPlain(value, flow: false) else { return nil }
        return .scalar(.init(string: String(decoding: value, as: UTF8.self)), mark)
    }

    /// A quoted value at the start of `bytes` (`''` for a quote in single quotes; no escapes in
    /// double quotes) and what follows it, spaces skipped.
    private static func quoted(_ bytes: ArraySlice<UInt8>) -> (String, ArraySlice<UInt8>)? {
        guard let quote = bytes.first else { return nil }
        var out: [UInt8] = []
        var i = bytes.startIndex + 1
        while true {
            guard i < bytes.endIndex else { return nil }
            let b = bytes[i]
            if quote == UInt8(ascii: "\"") && b == UInt8(ascii: "\\") { return nil }
            if b == quote {
                if quote == UInt8(ascii: "'") && i + 1 < bytes.endIndex && bytes[i + 1] == quote {
                    out.append(quote)
                    i += 2
                    continue
                }
                break
            }
            out.append(b)
            i += 1
        }
        var rest = bytes[(i + 1)...]
        while let b = rest.first, b == 0x20 { rest = rest.dropFirst() }
        return (String(decoding: out, as: UTF8.self), rest)
    }

    /// A plain value with no character YAML could read another way (see `Pack.isPlain`).
    private static func isPlain(_ value: ArraySlice<UInt8>, flow: Bool) -> Bool {
        guard let head = value.first, let last = value.last else { return false }
        if Pack.isIndicator(head) { return false }
        if last == UInt8(ascii: ":") { return false }
        var previous: UInt8 = 0
        for b in value {
            if flow && Pack.isFlowSpecial(b) { return false }
            if previous == UInt8(ascii: ":") && b == 0x20 { return false }
            if previous == 0x20 && b == UInt8(ascii: "#") { return false }
            previous = b
        }
        return true
    }
}
