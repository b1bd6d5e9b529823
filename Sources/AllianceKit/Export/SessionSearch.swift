/// Finding what was said: questions, answers, agreements and notes that contain every word of
/// a query, in any order, ignoring case and accents (`zoe` finds "Zoë", `cafe` "café").
public enum SessionSearch {
    public struct Hit: Sendable, Equatable {
        package var session: String
        package var sitting: Int
        package var seq: Int
        /// `question`, `answer` (with who), `agreement A1`, `note`…
        package var what: String
        package var text: String
        /// For an answer: the question (or follow-up) it answers.
        package var question: Question?
    }

    /// The question an answer belongs to: its entry, what it is (`question`, `follow-up`…) and
    /// its wording as it stands.
    package struct Question: Sendable, Equatable {
        package var seq: Int
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

    /// The words of `query` as they are compared: split at spaces, lowercase, without accents.
    package static func words(_ query: String) -> [String] {
        query.foldedForNames.split(whereSeparator: \.isWhitespace).map(String.init)
    }

    /// Whether `text` holds every one of `words` (from `words(_:)`), ignoring case and accents.
    static func holds(_ text: String, _ words: [String]) -> Bool {
        let folded = text.foldedForNames
        return words.allSatisfy(folded.contains)
    }

    /// Searches each session's log (`id`, `path`), several at a time on a machine with several
    /// processors; the results come back in the order of `sessions`.
    package static func search(_ query: String, sessions: [(id: String, path: String)]) -> [Found] {
        Parallel.map(sessions.count) { search(query, session: sessions[$0].id, path: sessions[$0].path) }
    }

    /// Searches one session's log: only the lines that can hold the words when that is exact
    /// (`quickSearch`, over the plain lines of an encrypted log), else by folding the whole log.
    package static func search(_ query: String, session: String, path: String) -> Found {
        var found = Found()
        let bytes: [UInt8]
        do {
            bytes = try Files.read(path, limit: 1 << 34)
        } catch {
            found.unreadable = error
            return found
        }
        // An encrypted log's words are not in its bytes: they are in its plain lines, opened in
        // memory (never written anywhere), and searched the same way.
        var plain: [UInt8]? = bytes
        if LineCipher.isEncrypted(bytes) {
            plain = (try? Keyring.shared.cipher(forLogAt: path)).flatMap { cipher in
                bytes.withUnsafeBufferPointer { cipher.openAll($0) }
            }
        }
        if let hits = plain?.withUnsafeBufferPointer({ quickSearch(query, log: $0, session: session) }) {
            found.hits = hits
            return found
        }
        // The plain lines when an encrypted log opened (not decrypted twice), else the log itself.
        let contents = LogReader.parse(plain ?? bytes, path: path)
        found.problems = contents.problems
        found.hits = search(query, in: AllianceState(replaying: contents.events), session: session)
        return found
    }

    /// Every event of `state` whose text holds every word of `query` (ignoring case and accents,
    /// in any order), in order, each answer with the question it answers. Withdrawn events are
    /// left out; private notes are the coach's own and are found too.
    public static func search(_ query: String, in state: AllianceState, session: String) -> [Hit] {
        let words = words(query)
        guard !words.isEmpty else { return [] }
        var hits: [Hit] = []
        var sitting = 0
        for event in state.events {
            if case .sitting = event.kind { sitting += 1 }
            guard !state.isRetracted(event.seq), var (what, text) = describe(event) else { continue }
            if let corrected = state.corrections(of: event.seq).last {
                what += " (corrected)"
                text = corrected.text
            }
            guard holds(text, words) else { continue }
            let question = question(of: event) { seq in
                state.event(seq).map { ($0, state.corrections(of: seq).last?.text) }
            }
            hits.append(
                Hit(
                    session: session, sitting: max(sitting, 1), seq: event.seq, what: what, text: text,
                    question: question))
        }
        return hits
    }

    /// The question an answer (`answer`, `mine`) answers, found by `lookup` (the event at a seq,
    /// and its corrected wording if it has one); nil for anything else.
    static func question(of event: Event, lookup: (Int) -> (Event, String?)?) -> Question? {
        let target: Int
        switch event.kind {
        case .answer(_, let to): target = to
        case .mine(_, let to?): target = to
        default: return nil
        }
        guard let (asked, corrected) = lookup(target) else { return nil }
        switch asked.kind {
        case .ask, .probe, .flip:
            guard let (what, text) = describe(asked) else { return nil }
            return Question(seq: asked.seq, what: what, text: corrected ?? text)
        default: return nil
        }
    }

    /// The same hits as folding the log and calling `search(_:in:session:)`, found by decoding only
    /// the lines that can hold the words (and the sittings and withdrawals, which number and hide
    /// them), each with its checksum checked. Nil when a shortcut could miss or mislead: a word
    /// with a character JSON may escape, a correction (`amend`), a line that does not read, or
    /// lines out of order; then fold the whole log. Lines that cannot hold the words are not
    /// checked here.
    package static func quickSearch(_ query: String, log bytes: UnsafeBufferPointer<UInt8>, session: String)
        -> [Hit]?
    {
        let words = words(query)
        guard !words.isEmpty else { return [] }
        // Quotes, backslashes and slashes can be escaped in JSON; `;` and `` ` `` have non-ASCII
        // canonical equivalents (U+037E, U+1FEF) that the fold's comparison would also find.
        let special: Set<UInt8> = [
            UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: ";"), UInt8(ascii: "`"),
        ]
        guard !words.contains(where: { $0.utf8.contains(where: special.contains) }) else { return nil }
        // A line holds every word only if it holds the longest plain ASCII one, byte for byte in
        // any case, or if its bytes read differently once decoded or folded: so the lines decoded
        // are those with that word, those with a non-ASCII byte (accents fold away, `Zoë` holds
        // `zoe`, and K KELVIN SIGN and İ fold to ASCII letters) and those with a `\u` escape
        // (which can spell any letter). A query of only non-ASCII words is found in the last two.
        // An ASCII query in an ASCII log so still decodes only the lines that mention it; in a log
        // of accented text, every such line is decoded, which is still less than folding the log.
        let longest = words.filter { $0.utf8.allSatisfy { $0 < 0x80 } }.max { $0.utf8.count < $1.utf8.count }
        let marks = ["\"sitting\"", "\"retract\"", "\"amend\"", "\\u"].compactMap {
            ByteFinder.Needle(exactly: $0.utf8)
        }
        let finder = ByteFinder(
            (longest.flatMap { ByteFinder.Needle(ignoringCase: $0.utf8) }.map { [$0] } ?? []) + marks
                + [ByteFinder.Needle.nonASCII])
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
        func decode(at start: Int) -> Event? {
            try? EventCodec.decode(UnsafeBufferPointer<UInt8>(rebasing: log[start..<lineEnd(start)]))
        }
        var hits: [(hit: Hit, event: Event)] = []
        var withdrawn: [(seq: Int, target: Int)] = []
        var sitting = 0
        var lastSeq = 0
        var from = 0
        // Each line that can matter is decoded once, in order: the search goes on past its end.
        while let found = finder.firstMatch(in: log, from: from) {
            let start = lineStart(found.offset)
            from = lineEnd(found.offset) + 1
            guard let event = decode(at: start), event.seq > lastSeq else { return nil }
            lastSeq = event.seq
            switch event.kind {
            case .sitting: sitting += 1
            case .retract(let target): withdrawn.append((event.seq, target))
            // A correction changes what an earlier line says: fold the log to honour it.
            case .amend: return nil
            case .with, .pack, .ask, .probe, .flip, .answer, .mine, .agree, .repair, .note, .checkin, .review,
                .without, .me, .close, .rule, .mute, .reload, .next, .later, .remark:
                break
            }
            if let (what, text) = describe(event), holds(text, words) {
                hits.append(
                    (
                        Hit(
                            session: session, sitting: max(sitting, 1), seq: event.seq, what: what, text: text
                        ), event
                    ))
            }
            if from >= log.count { break }
        }
        // The question each answer found belongs to, by a binary search of the lines for its seq
        // (a log's seqs rise line by line); a line met on the way that does not read folds the log.
        var damaged = false
        func event(_ seq: Int) -> Event? {
            var lo = 0
            var hi = log.count
            while lo < hi, !damaged {
                let start = lineStart((lo + hi) / 2)
                guard let event = decode(at: start) else {
                    damaged = true
                    return nil
                }
                if event.seq == seq { return event }
                if event.seq < seq { lo = lineEnd(start) + 1 } else { hi = start }
            }
            return nil
        }
        var shown: [Hit] = []
        for (hit, answer) in hits
        where !withdrawn.contains(where: { $0.target == hit.seq && $0.seq > hit.seq }) {
            var hit = hit
            hit.question = question(of: answer) { seq in event(seq).map { ($0, nil) } }
            if damaged { return nil }
            shown.append(hit)
        }
        return shown
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
        case .remark(let text, let agreement): ("on \(agreement) (\(event.by.stored))", text)
        case .sitting, .with, .pack, .checkin, .retract, .amend, .without, .me, .close, .rule, .mute, .reload,
            .next, .later:
            nil
        }
    }
}
