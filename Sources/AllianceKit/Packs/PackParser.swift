extension Pack {
    /// The largest pack file read, so a stray huge file can't stall start-up.
    package static let sizeLimit = 1 << 20

    static let frontMatterKeys: Set<String> = [
        "id", "title", "tags", "for", "version", "author", "source", "repair",
    ]

    /// Parses a pack file's bytes. `path` names it in messages; its file name is the default id.
    public static func parse(bytes: [UInt8], path: String) throws(AllianceError) -> (
        pack: Pack, warnings: [AllianceError]
    ) {
        // UTF-16 (either byte order, with its byte order mark) would be called binary: say what it is.
        if bytes.count >= 2 && (bytes[0] == 0xFF && bytes[1] == 0xFE || bytes[0] == 0xFE && bytes[1] == 0xFF)
        {
            throw AllianceError("saved as UTF-16: save as UTF-8", at: .file(path))
        }
        let text = try Files.text(bytes, path: path, limit: sizeLimit, kind: "a Markdown pack")
        var (pack, warnings) = try parse(text: text, path: path)
        pack.hash = SHA256.hex(bytes)
        return (pack, warnings)
    }

    /// Parses a pack's text.
    public static func parse(text: String, path: String) throws(AllianceError) -> (
        pack: Pack, warnings: [AllianceError]
    ) {
        // A UTF-8 byte order mark, as some editors save it, is not part of the first line.
        let lines = splitLines(
            text.unicodeScalars.first == "\u{FEFF}" ? String(text.unicodeScalars.dropFirst()) : text)
        var warnings: [AllianceError] = []
        func warn(_ message: String, _ line: Int) {
            warnings.append(.finding(message, at: .file(path, line: line), severity: .warning))
        }
        let fileID = Files.stem(of: path) ?? "pack"
        var pack = Pack(
            id: fileID.slug.isEmpty ? "pack" : fileID.slug, title: "", tags: [], sections: [], path: path,
            hash: "")

        // Front matter between the first two `---` lines; the closing one (`---` or `...`) in
        // column 0, as YAML ends a document, so an indented `---` inside a value does not end it.
        var index = 0
        if let first = lines.first, first.trimmed == "---" || first.trimmed == "\u{FEFF}---" {
            guard let end = lines.dropFirst().firstIndex(where: isFrontMatterEnd) else {
                throw AllianceError(
                    "the front matter opened on line 1 is never closed with ---", at: .file(path, line: 1))
            }
            try readFrontMatter(lines[1..<end].joined(separator: "\n"), into: &pack, path: path, warn: warn)
            index = end + 1
        }

        var intro: [String] = []
        var explicitIDs: [String: Int] = [:]
        func claim(_ id: String, line: Int) throws(AllianceError) {
            guard isValidID(id) else {
                throw AllianceError(
                    "question id {#\(id)} may hold only lowercase letters, digits, - and _, at most 64 of them",
                    at: .file(path, line: line))
            }
            // One lookup: a repeated id keeps its first line, and the parse ends here anyway.
            if let first = explicitIDs.updateValue(line, forKey: id) {
                throw AllianceError(
                    "question id {#\(id)} is used twice (first on line \(first)); ids must be unique in a pack",
                    at: .file(path, line: line))
            }
        }
        // The body as CommonMark reads it: its line 1 is the file's line `index + 1`.
        for block in bodyBlocks(lines[index...].joined(separator: "\n")) {
            switch block {
            case .heading(let level, let title, let line):
                if level == 1 && pack.sections.isEmpty {
                    if pack.title.isEmpty { pack.title = title }
                } else if level == 2 && title.isEmpty {
                    warn("an empty ## heading starts no section; it is ignored", line + index)
                } else if level == 2 {
                    pack.sections.append(
                        Section(title: title, slug: title.slug, questions: [], line: line + index))
                } else {
                    warn("only ## headings start sections; this heading is ignored", line + index)
                }
            case .paragraph(let text):
                if pack.sections.isEmpty && !text.isEmpty { intro.append(text) }
            case .item(let item, let line, let idLine, let probes, let html):
                if let tag = html.first {
                    warn(
                        "\(tag) is an HTML tag and is not shown in the question; write \\\(tag) to show it",
                        line + index)
                }
                let (text, id) = splitID(item)
                guard !text.isEmpty else {
                    throw AllianceError("an empty question", at: .file(path, line: line + index))
                }
                if let id { try claim(id, line: idLine + index) }
                if pack.sections.isEmpty {
                    pack.sections.append(Section(title: "Questions", slug: "questions", questions: []))
                }
                pack.sections[pack.sections.count - 1].questions.append(
                    Question(
                        id: id ?? "", text: text,
                        probes: probes.map { splitID($0).text }.filter { !$0.isEmpty },
                        line: line + index))
            }
        }
        pack.intro = intro.isEmpty ? nil : intro.joined(separator: " ")

        if pack.title.isEmpty {
            throw AllianceError(
                "the pack has no title: add `title: …` to the front matter, or a `# Title` heading",
                at: .file(path, line: 1))
        }
        pack.sections.removeAll { section in
            if section.questions.isEmpty {
                warnings.append(
                    .finding(
                        "section \"\(section.title)\" has no questions", at: .file(path, line: section.line),
                        severity: .warning))
            }
            return section.questions.isEmpty
        }
        guard pack.questionCount > 0 else {
            throw AllianceError(
                "the pack has no questions: add bullets (`- What …?`) under a ## heading", at: .file(path))
        }
        if let slug = pack.repairSection, pack.repair == nil {
            throw AllianceError(
                "`repair: \(slug)` names no section of this pack (its sections: \(pack.sections.map(\.slug).joined(separator: ", ")))",
                at: .file(path, line: pack.repairLine))
        }
        assignIDs(&pack, explicit: Set(explicitIDs.keys))
        // A big pack's Tab index is built now, once; a small pack's costs little on each Tab.
        if pack.questionCount >= 500 { pack.completionIndex.index = pack.completions }
        return (pack, warnings)
    }

    /// `---` or `...` from column 0, with nothing after it but spaces and tabs.
    private static func isFrontMatterEnd(_ line: String) -> Bool {
        let bytes = line.utf8
        guard bytes.starts(with: "---".utf8) || bytes.starts(with: "...".utf8) else { return false }
        return bytes.dropFirst(3).allSatisfy { $0 == 0x20 || $0 == 9 }
    }

    /// Reads the front matter with libyaml (`YAML`), from the file's line 2. A key
    /// with no value (`~`, `null` or nothing) is as if it were not there.
    private static func readFrontMatter(
        _ yaml: String, into pack: inout Pack, path: String, warn: (String, Int) -> Void
    ) throws(AllianceError) {
        let document: YAML.Document
        do {
            document = try YAML.read(yaml, firstLine: 2)
        } catch {
            throw AllianceError(
                error.refused
                    ? "front matter refused: \(error.message)"
                    : "invalid YAML in the front matter: \(error.message)",
                at: .file(path, line: error.line))
        }
        guard let node = document.root, !node.isNull else { return }
        guard let mapping = node.mapping else {
            throw AllianceError("the front matter must be `key: value` lines", at: .file(path, line: 2))
        }
        for line in document.curlyQuoted {
            warn("a value in curly quotes keeps them as part of its text: \(YAML.straightQuotesHint)", line)
        }
        var entries: [(key: String, value: FrontMatterValue, line: Int)] = []
        for (keyNode, value) in mapping where !value.isNull {
            let read: FrontMatterValue
            if let text = value.text {
                read = .scalar(text)
            } else if let sequence = value.sequence {
                read = .sequence(sequence.compactMap(\.text))
            } else {
                read = .other
            }
            entries.append((keyNode.text ?? "", read, keyNode.line))
        }
        try applyFrontMatter(entries, into: &pack, path: path, warn: warn)
    }

    /// Applies front matter entries in order: the known keys, a warning for any other.
    static func applyFrontMatter(
        _ entries: [(key: String, value: FrontMatterValue, line: Int)], into pack: inout Pack, path: String,
        warn: (String, Int) -> Void
    ) throws(AllianceError) {
        for (key, value, line) in entries {
            func scalar() throws(AllianceError) -> String {
                guard case .scalar(let s) = value else {
                    throw AllianceError("`\(key)` must be a single value", at: .file(path, line: line))
                }
                return s.trimmed
            }
            switch key {
            case "id":
                let id = try scalar()
                guard isValidID(id) else {
                    throw AllianceError(
                        "id \"\(id)\" may hold only lowercase letters, digits, - and _, at most 64 of them",
                        at: .file(path, line: line)
                    )
                }
                pack.id = id
            case "title": pack.title = try scalar()
            case "for": pack.forWhen = try scalar()
            case "version": pack.version = try scalar()
            case "author": pack.author = try scalar()
            case "source": pack.origin = try scalar()
            case "repair":
                pack.repairSection = try scalar().slug
                pack.repairLine = line
            case "tags":
                if case .sequence(let items) = value {
                    pack.tags = items.map(\.trimmed)
                } else {
                    pack.tags = try scalar().split(separator: ",").map { String($0).trimmed }.filter {
                        !$0.isEmpty
                    }
                }
            default:
                warn(
                    "unknown front matter key `\(key)` (known: \(frontMatterKeys.sorted().joined(separator: ", ")))",
                    line)
            }
        }
    }

    /// Splits `What builds trust? {#trust}` into the text and the id.
    static func splitID(_ item: String) -> (text: String, id: String?) {
        guard item.hasSuffix("}"), let brace = item.lastIndex(of: "{"),
            item[item.index(after: brace)...].hasPrefix("#")
        else { return (item, nil) }
        let id = String(item[item.index(brace, offsetBy: 2)..<item.index(before: item.endIndex)])
        return (String(item[..<brace]).trimmed, id)
    }

    static func isValidID(_ id: String) -> Bool {
        // Every byte one of the allowed ASCII scalars: then the characters are the bytes.
        !id.isEmpty && id.utf8.count <= 64
            && id.utf8.allSatisfy {
                (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D || $0 == 0x5F
            }
    }

    private static let stopWords: Set<String> = [
        "a", "an", "and", "are", "about", "as", "at", "be", "can", "could", "do", "does", "for", "from",
        "have", "how",
        "i", "if", "in", "is", "it", "its", "me", "my", "of", "on", "or", "our", "so", "that", "the", "this",
        "to",
        "us", "we", "what", "when", "where", "which", "who", "will", "with", "would", "you", "your", "yours",
    ]

    /// Gives each question without `{#id}` one made from its first significant words,
    /// so adding a question elsewhere never changes another's id.
    private static func assignIDs(_ pack: inout Pack, explicit: Set<String>) {
        var used = explicit
        for s in pack.sections.indices {
            for q in pack.sections[s].questions.indices where pack.sections[s].questions[q].id.isEmpty {
                let words = pack.sections[s].questions[q].text.straightQuotes.lowercased()
                    .split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "'" })
                    .map { String($0).replacingAll("'", with: "") }
                    .filter { !stopWords.contains($0) && !$0.isEmpty }
                var base = words.prefix(3).joined(separator: "-").slug
                if base.isEmpty { base = "q" }
                var id = base
                var n = 2
                while used.contains(id) {
                    id = "\(base)-\(n)"
                    n += 1
                }
                used.insert(id)
                pack.sections[s].questions[q].id = id
            }
        }
    }

}
