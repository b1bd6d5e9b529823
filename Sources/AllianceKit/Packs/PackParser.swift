extension Pack {
    /// The largest pack file read, so a stray huge file can't stall start-up.
    package static let sizeLimit = 1 << 20

    /// The warning for a pack file whose name ends in `.md.txt` (an editor's "Save as text"):
    /// not read, and how to rename it.
    static func misnamed(_ path: String) -> AllianceError {
        .finding(
            "not read: pack files end in .md; rename it to \(Files.fileName(of: String(path.dropLast(4))))",
            at: .file(path), severity: .warning)
    }

    static let frontMatterKeys: Set<String> = [
        "id", "title", "tags", "for", "version", "author", "source", "repair",
    ]

    /// Parses a pack file's bytes. `path` names it in messages; its file name is the default id.
    /// The first error found is thrown; `findings(bytes:path:)` gives all of them.
    public static func parse(bytes: [UInt8], path: String) throws(AllianceError) -> (
        pack: Pack, warnings: [AllianceError]
    ) {
        let read = try read(bytes: bytes, path: path)
        if let error = read.errors.first { throw error }
        return (read.pack, read.warnings)
    }

    /// Parses a pack's text; the first error found is thrown.
    public static func parse(text: String, path: String) throws(AllianceError) -> (
        pack: Pack, warnings: [AllianceError]
    ) {
        let read = read(text: text, path: path)
        if let error = read.errors.first { throw error }
        return (read.pack, read.warnings)
    }

    /// Every error and warning of a pack file, in the order of their lines (`packs lint`), and the
    /// pack when it has no error.
    package static func findings(bytes: [UInt8], path: String) -> (pack: Pack?, findings: [AllianceError]) {
        let read: (pack: Pack, warnings: [AllianceError], errors: [AllianceError])
        do {
            read = try Self.read(bytes: bytes, path: path)
        } catch {
            return (nil, [error])
        }
        return (read.errors.isEmpty ? read.pack : nil, AllianceError.inLineOrder(read.errors + read.warnings))
    }

    /// What a pack file holds: the pack as far as it reads, its warnings, and every error (a
    /// file that is not text at all is the one error thrown).
    private static func read(bytes: [UInt8], path: String) throws(AllianceError) -> (
        pack: Pack, warnings: [AllianceError], errors: [AllianceError]
    ) {
        // UTF-16 (either byte order, with its byte order mark) would be called binary: say what it is.
        if bytes.count >= 2 && (bytes[0] == 0xFF && bytes[1] == 0xFE || bytes[0] == 0xFE && bytes[1] == 0xFF)
        {
            throw AllianceError("saved as UTF-16: save as UTF-8", at: .file(path))
        }
        let text = try Files.text(bytes, path: path, limit: sizeLimit, kind: "a Markdown pack")
        var read = read(text: text, path: path)
        read.pack.hash = SHA256.hex(bytes)
        return read
    }

    /// What a pack's text holds: the pack as far as it reads, its warnings, and every error. After
    /// an error the reading goes on where it can (a bad id is left out, an empty question skipped,
    /// bad front matter set aside), so a coach sees every mistake at once.
    private static func read(text: String, path: String) -> (
        pack: Pack, warnings: [AllianceError], errors: [AllianceError]
    ) {
        // A UTF-8 byte order mark, as some editors save it, is not part of the first line.
        let lines = splitLines(
            text.unicodeScalars.first == "\u{FEFF}" ? String(text.unicodeScalars.dropFirst()) : text)
        var warnings: [AllianceError] = []
        var errors: [AllianceError] = []
        func warn(_ message: String, _ line: Int) {
            warnings.append(.finding(message, at: .file(path, line: line), severity: .warning))
        }
        func fail(_ error: AllianceError) { errors.append(error.with(.error)) }
        let fileID = Files.stem(of: path) ?? "pack"
        var pack = Pack(
            id: fileID.slug.isEmpty ? "pack" : fileID.slug, title: "", tags: [], sections: [], path: path,
            hash: "")

        // Front matter between the first two `---` lines; the closing one (`---` or `...`) in
        // column 0, as YAML ends a document, so an indented `---` inside a value does not end it.
        var index = 0
        if let first = lines.first, first.trimmed == "---" {
            guard let end = lines.dropFirst().firstIndex(where: isFrontMatterEnd) else {
                fail(
                    AllianceError(
                        "the front matter opened on line 1 is never closed with ---", at: .file(path, line: 1)
                    ))
                return (pack, warnings, errors)
            }
            readFrontMatter(
                lines[1..<end].joined(separator: "\n"), into: &pack, path: path, warn: warn, fail: fail)
            index = end + 1
        }
        // A title given in front matter that did not read is not missing as well.
        let frontMatterRead = errors.isEmpty

        var intro: [String] = []
        var explicitIDs: [String: Int] = [:]
        /// Whether `id` is a valid id not used before; if not, the error is noted and the question
        /// read on without it.
        func claim(_ id: String, line: Int) -> Bool {
            guard isValidID(id) else {
                fail(
                    AllianceError(
                        "question id {#\(id)} may hold only lowercase letters, digits, - and _, at most 64 of them",
                        at: .file(path, line: line)))
                return false
            }
            if let first = explicitIDs[id] {
                fail(
                    AllianceError(
                        "question id {#\(id)} is used twice (first on line \(first)); ids must be unique in a pack",
                        at: .file(path, line: line)))
                return false
            }
            explicitIDs[id] = line
            return true
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
                var (text, id) = splitID(item)
                guard !text.isEmpty else {
                    fail(AllianceError("an empty question", at: .file(path, line: line + index)))
                    continue
                }
                if let given = id, !claim(given, line: idLine + index) { id = nil }
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

        if pack.title.isEmpty && frontMatterRead {
            fail(
                AllianceError(
                    "the pack has no title: add `title: …` to the front matter, or a `# Title` heading",
                    at: .file(path, line: 1)))
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
        if pack.questionCount == 0 && errors.isEmpty {
            fail(
                AllianceError(
                    "the pack has no questions: add bullets (`- What …?`) under a ## heading", at: .file(path)
                ))
        }
        if let slug = pack.repairSection, pack.repair == nil, pack.questionCount > 0 {
            fail(
                AllianceError(
                    "`repair: \(slug)` names no section of this pack (its sections: \(pack.sections.map(\.slug).joined(separator: ", ")))",
                    at: .file(path, line: pack.repairLine)))
        }
        guard errors.isEmpty else { return (pack, warnings, errors) }
        assignIDs(&pack, explicit: Set(explicitIDs.keys))
        // A big pack's Tab index is built now, once; a small pack's costs little on each Tab.
        if pack.questionCount >= 500 { pack.completionIndex.index = pack.completions }
        return (pack, warnings, errors)
    }

    /// `---` or `...` from column 0, with nothing after it but spaces and tabs.
    private static func isFrontMatterEnd(_ line: String) -> Bool {
        let bytes = line.utf8
        guard bytes.starts(with: "---".utf8) || bytes.starts(with: "...".utf8) else { return false }
        return bytes.dropFirst(3).allSatisfy { $0 == 0x20 || $0 == 9 }
    }

    /// Reads the front matter with libyaml (`YAML`), from the file's line 2. A key
    /// with no value (`~`, `null` or nothing) is as if it were not there.
    /// Each error is given to `fail`, and the keys that read are still applied.
    private static func readFrontMatter(
        _ yaml: String, into pack: inout Pack, path: String, warn: (String, Int) -> Void,
        fail: (AllianceError) -> Void
    ) {
        let document: YAML.Document
        do {
            document = try YAML.read(yaml, firstLine: 2)
        } catch {
            fail(
                AllianceError(
                    error.refused
                        ? "front matter refused: \(error.message)"
                        : "invalid YAML in the front matter: \(error.message)",
                    at: .file(path, line: error.line)))
            return
        }
        guard let node = document.root, !node.isNull else { return }
        guard let mapping = node.mapping else {
            fail(AllianceError("the front matter must be `key: value` lines", at: .file(path, line: 2)))
            return
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
        applyFrontMatter(entries, into: &pack, path: path, warn: warn, fail: fail)
    }

    /// Applies front matter entries in order: the known keys, a warning for any other, and an
    /// error to `fail` for a key whose value does not fit (the others still apply).
    static func applyFrontMatter(
        _ entries: [(key: String, value: FrontMatterValue, line: Int)], into pack: inout Pack, path: String,
        warn: (String, Int) -> Void, fail: (AllianceError) -> Void
    ) {
        for (key, value, line) in entries {
            do throws(AllianceError) {
                try apply(key, value, line)
            } catch {
                fail(error)
            }
        }
        func apply(_ key: String, _ value: FrontMatterValue, _ line: Int) throws(AllianceError) {
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
