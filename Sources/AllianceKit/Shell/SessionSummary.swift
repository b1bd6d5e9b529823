/// Who an alliance is with and what it is called, for finding it by name (`replay leo`,
/// `revisit allowance`) and for showing it beside its id (`sessions`, `/revisit <Tab>`).
package struct SessionSummary: Sendable, Equatable {
    package var id: String
    /// The title the latest sitting that gave one gave.
    package var title: String?
    /// Everyone who took part, in the order they first joined (a sitting's participants, `with`),
    /// each once; a joining that was withdrawn (`/undo` of a `/with`) does not count.
    package var people: [String]

    package init(id: String, title: String?, people: [String]) {
        self.id = id
        self.title = title
        self.people = people
    }

    /// The summary of a log's events. Only `sitting`, `with` and `retract` events matter.
    package init(id: String, events: some Sequence<Event>) {
        var title: String?
        var joined: [(seq: Int, name: String)] = []
        var withdrawn: Set<Int> = []
        for event in events {
            switch event.kind {
            case .sitting(let start):
                if let given = start.title { title = given }
                joined += start.participants.map { (event.seq, $0) }
            case .with(let name): joined.append((event.seq, name))
            case .retract(let target): withdrawn.insert(target)
            case .pack, .ask, .probe, .flip, .answer, .mine, .agree, .repair, .note, .checkin, .review,
                .amend, .without, .me, .close, .rule, .mute, .reload, .next, .later, .remark:
                break
            }
        }
        var seen = Set<String>()
        self.init(
            id: id, title: title,
            people: joined.filter {
                !withdrawn.contains($0.seq) && seen.insert($0.name.lowercased()).inserted
            }
            .map(\.name))
    }

    /// The summary of the log at `path`, reading only what it needs: one pass over the bytes
    /// (`ByteFinder`) finds the lines that can be a `sitting`, a `with` or a `retract`, and only
    /// those are decoded (each with its checksum checked). Wherever that could differ from reading
    /// the whole log (a line that does not decode, lines out of order) the whole log is read
    /// instead. Nil when the log cannot be read at all.
    package static func read(id: String, path: String) -> SessionSummary? {
        guard let bytes = try? Files.read(path, limit: 1 << 34) else { return nil }
        // An encrypted log's lines are read whole: nothing can be found in them without the key.
        if !LineCipher.isEncrypted(bytes),
            let quick = bytes.withUnsafeBufferPointer({ quickRead(id: id, log: $0) })
        {
            return quick
        }
        return SessionSummary(id: id, events: LogReader.parse(bytes, path: path).events)
    }

    /// The summary from the lines that mention a type it needs, or nil when that could be wrong.
    package static func quickRead(id: String, log bytes: UnsafeBufferPointer<UInt8>) -> SessionSummary? {
        // A type is a JSON string, so `"with"` is in the line's bytes unless a `\u` escape spells
        // it: a line with an escape is decoded too, and its type read as it is.
        let finder = ByteFinder(
            ["\"sitting\"", "\"with\"", "\"retract\"", "\\u"].compactMap {
                ByteFinder.Needle(exactly: $0.utf8)
            })
        // Only committed lines: a last line without its newline was never written in full.
        guard let base = bytes.baseAddress, let lastNewline = bytes.lastIndex(of: 10) else {
            return SessionSummary(id: id, title: nil, people: [])
        }
        let log = UnsafeBufferPointer(rebasing: bytes[...lastNewline])
        var events: [Event] = []
        var from = 0
        while let found = finder.firstMatch(in: log, from: from) {
            var start = found.offset
            while start > 0 && base[start - 1] != 10 { start -= 1 }
            let end = POSIX.firstIndex(of: 10, in: log, from: found.offset)!
            let line = UnsafeBufferPointer<UInt8>(rebasing: log[start..<end])
            guard let event = try? EventCodec.decode(line), event.seq > (events.last?.seq ?? 0) else {
                return nil
            }
            events.append(event)
            from = end + 1
            if from >= log.count { break }
        }
        return SessionSummary(id: id, events: events)
    }

    /// For each of `ids`, the line Tab lists: the id and its label, aligned in columns.
    package static func labels(for ids: [String], among summaries: [SessionSummary]) -> [String] {
        let byID = Dictionary(summaries.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return Table.lines(ids.map { [$0, byID[$0]?.label ?? ""] })
    }

    /// `Title (People, …)`, the title alone, the people alone, or "untitled".
    package var label: String {
        let who = people.joined(separator: ", ")
        switch (title, who.isEmpty) {
        case (let title?, false): return "\(title) (\(who))"
        case (let title?, true): return title
        case (nil, false): return who
        case (nil, true): return "untitled"
        }
    }

    /// The words of the title and the names, lowercase and without accents.
    var words: [String] {
        Self.words(([title ?? ""] + people).joined(separator: " "))
    }

    /// `text` lowercase, without accents, cut at everything that is not a letter or a digit:
    /// "Léo's allowance" is `leo`, `s`, `allowance`.
    static func words(_ text: String) -> [String] {
        text.foldedForNames.split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }
}

extension DataHome {
    /// Each alliance's summary, in the order of `sessionIDs()`, read on every processor; a log
    /// that cannot be read is left out.
    package func summaries() -> [SessionSummary] {
        let ids = sessionIDs()
        return Parallel.map(ids.count) { SessionSummary.read(id: ids[$0], path: logPath(for: ids[$0])) }
            .compactMap { $0 }
    }

    /// The alliances whose title and people hold every word of `reference` (lowercase, without
    /// accents, in any order): as whole words if any alliance has them so (`sam` is Sam rather
    /// than Samira), else as the starts of words (`allow` finds "Allowance").
    package static func matching(_ reference: String, among summaries: [SessionSummary]) -> [SessionSummary] {
        let typed = SessionSummary.words(reference)
        guard !typed.isEmpty else { return [] }
        let words = summaries.map(\.words)
        let whole = summaries.indices.filter { i in typed.allSatisfy(words[i].contains) }
        if !whole.isEmpty { return whole.map { summaries[$0] } }
        return summaries.indices.filter { i in
            typed.allSatisfy { word in words[i].contains { $0.hasPrefix(word) } }
        }.map { summaries[$0] }
    }

    /// The one alliance `reference` names by its people or title, or an error: none, or the
    /// candidates one per line (id, title, people).
    func findByPeople(_ reference: String) throws(AllianceError) -> String {
        let found = Self.matching(reference, among: summaries())
        switch found.count {
        case 1: return logPath(for: found[0].id)
        case 0:
            throw AllianceError("no session \"\(reference)\" in \(sessions) (`alliance sessions` lists them)")
        default:
            var error = AllianceError(
                "\"\(reference)\" could be \(found.count) alliances: type more of a name or the title, or the id"
            )
            error.details = Table.lines(found.map { [$0.id, $0.label] })
            throw error
        }
    }
}
