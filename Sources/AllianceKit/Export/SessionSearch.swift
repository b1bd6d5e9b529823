/// Finding what was said: questions, answers, agreements and notes that contain some text.
public enum SessionSearch {
    public struct Hit: Sendable, Equatable {
        package var session: String
        package var sitting: Int
        package var seq: Int
        /// `question`, `answer` (with who), `agreement A1`, `note`…
        package var what: String
        package var text: String
    }

    /// What searching one session's log found.
    package struct Found: Sendable {
        package var hits: [Hit] = []
        /// Damaged or out-of-order lines met on the way (warnings: the rest is still searched).
        package var problems: [AllianceError] = []
        /// Why the log could not be read at all, if it could not.
        package var unreadable: AllianceError?
    }

    /// Searches each session's log (`id`, `path`), several at a time on a machine with several
    /// processors; the results come back in the order of `sessions`.
    package static func search(_ query: String, sessions: [(id: String, path: String)]) -> [Found] {
        Parallel.map(sessions.count) { search(query, session: sessions[$0].id, path: sessions[$0].path) }
    }

    /// Searches one session's log: only the lines that mention the words when that is exact
    /// (`quickSearch`), else by folding the whole log.
    package static func search(_ query: String, session: String, path: String) -> Found {
        var found = Found()
        let bytes: [UInt8]
        do {
            bytes = try Files.read(path, limit: 1 << 34)
        } catch {
            found.unreadable = error
            return found
        }
        if let hits = bytes.withUnsafeBufferPointer({ quickSearch(query, log: $0, session: session) }) {
            found.hits = hits
            return found
        }
        let contents = LogReader.parse(bytes, path: path)
        found.problems = contents.problems
        found.hits = search(query, in: AllianceState(replaying: contents.events), session: session)
        return found
    }

    /// Every event of `state` whose text contains `query` (ignoring case), in order.
    /// Withdrawn events are left out; private notes are the coach's own and are found too.
    public static func search(_ query: String, in state: AllianceState, session: String) -> [Hit] {
        let needle = query.lowercased()
        guard !needle.isEmpty else { return [] }
        var hits: [Hit] = []
        var sitting = 0
        for event in state.events {
            if case .sitting = event.kind { sitting += 1 }
            guard !state.isRetracted(event.seq), var (what, text) = describe(event) else { continue }
            if let corrected = state.corrections(of: event.seq).last {
                what += " (corrected)"
                text = corrected.text
            }
            guard text.lowercased().contains(needle) else { continue }
            hits.append(
                Hit(session: session, sitting: max(sitting, 1), seq: event.seq, what: what, text: text))
        }
        return hits
    }

    /// The same hits as folding the log and calling `search(_:in:session:)`, found by reading only
    /// the lines that contain the words (and the sittings and withdrawals, which number and hide
    /// them), each with its checksum checked. Nil when a shortcut could miss or mislead: words that
    /// are not plain ASCII, text written with `\u` escapes, a line that does not read, or lines out
    /// of order; then fold the whole log. Lines with none of the words are not checked here.
    package static func quickSearch(_ query: String, log bytes: UnsafeBufferPointer<UInt8>, session: String)
        -> [Hit]?
    {
        let needle = query.lowercased()
        // Quotes, backslashes and slashes can be escaped in JSON; `;` and `` ` `` have non-ASCII
        // canonical equivalents (U+037E, U+1FEF) that the fold's comparison would also find.
        let special: Set<UInt8> = [
            UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: ";"), UInt8(ascii: "`"),
        ]
        guard !needle.utf8.contains(where: special.contains),
            let words = ByteFinder.Needle(ignoringCase: needle.utf8)
        else { return nil }
        // One pass finds the words and, to number and hide them, the sittings and withdrawals; and
        // anything that reads differently once decoded or lowercased: an escape can spell any letter,
        // and K (KELVIN SIGN) and İ lowercase to ASCII letters.
        // A correction (`amend`) changes what an earlier line says: fold the log to honour it.
        var tricky = ["\\u", "\"type\":\"amend\""]
        if needle.contains("k") { tricky.append("\u{212A}") }
        if needle.contains("i") { tricky.append("\u{130}") }
        let finder = ByteFinder(
            [words]
                + (["\"sitting\"", "\"retract\""] + tricky).compactMap { ByteFinder.Needle(exactly: $0.utf8) }
        )
        // Only committed lines: a last line without its newline was never written in full.
        guard let base = bytes.baseAddress, let lastNewline = bytes.lastIndex(of: 10) else { return [] }
        let log = UnsafeBufferPointer(rebasing: bytes[...lastNewline])
        func lineStart(_ offset: Int) -> Int {
            var start = offset
            while start > 0 && base[start - 1] != 10 { start -= 1 }
            return start
        }
        func lineEnd(_ offset: Int) -> Int {
            POSIX.firstIndex(of: 10, in: log, from: offset)!
        }
        var starts: Set<Int> = []
        var mentioned = false
        var from = 0
        while let found = finder.firstMatch(in: log, from: from) {
            guard found.needle <= 2 else { return nil }
            mentioned = mentioned || found.needle == 0
            starts.insert(lineStart(found.offset))
            from = found.offset + 1
        }
        guard mentioned else { return [] }
        var hits: [Hit] = []
        var withdrawn: [(seq: Int, target: Int)] = []
        var sitting = 0
        var lastSeq = 0
        for start in starts.sorted() {
            let line = UnsafeBufferPointer<UInt8>(rebasing: log[start..<lineEnd(start)])
            guard let event = try? EventCodec.decode(line), event.seq > lastSeq else { return nil }
            lastSeq = event.seq
            switch event.kind {
            case .sitting: sitting += 1
            case .retract(let target): withdrawn.append((event.seq, target))
            case .with, .pack, .ask, .probe, .flip, .answer, .mine, .agree, .repair, .note, .checkin, .review,
                .amend, .without, .me, .close, .rule, .mute, .reload, .next:
                break
            }
            guard let (what, text) = describe(event), text.lowercased().contains(needle) else { continue }
            hits.append(
                Hit(session: session, sitting: max(sitting, 1), seq: event.seq, what: what, text: text))
        }
        return hits.filter { hit in !withdrawn.contains { $0.target == hit.seq && $0.seq > hit.seq } }
    }

    static func describe(_ event: Event) -> (String, String)? {
        switch event.kind {
        case .ask(let asked): (asked.move == .repair ? "repair question" : "question", asked.text)
        case .probe(let text, _, _): ("follow-up", text)
        case .flip(let text, _, _): ("flipped question", text)
        case .answer(let text, _): ("answer (\(event.by.stored))", text)
        case .mine(let text, _): ("answer (you)", text)
        case .agree(let id, let text, _, _, _, _): ("agreement \(id)", text)
        case .review(let review):
            if let text = review.text {
                ("agreement \(review.agreement) adjusted", text)
            } else if let note = review.note {
                ("\(review.agreement) \(review.outcome.rawValue)", note)
            } else {
                nil
            }
        case .repair(let text, let agreement): (agreement.map { "repair of \($0)" } ?? "repair plan", text)
        case .note(let text, let isPrivate): (isPrivate ? "private note" : "note", text)
        case .sitting, .with, .pack, .checkin, .retract, .amend, .without, .me, .close, .rule, .mute, .reload,
            .next:
            nil
        }
    }
}
