/// Turns events into log lines and back.
///
/// A line is one JSON object whose fields come in a fixed order and whose last
/// field is `"crc"`: the CRC-32 of every byte of the line before `,"crc":`.
/// Reading checks the checksum before anything else, so an edited or damaged
/// line is found and named by its line number.
public enum EventCodec {
    /// `,"crc":"` + 8 hex digits + `"}`.
    static let checksumSuffixLength = 18

    /// The line for `event`, ending in `\n`. With `forTerminal`, C1 controls, U+2028, U+2029 and
    /// bidi controls are escaped as well (`\u0085`, `\u202e`), as in what `export` and `replay --json`
    /// print; the log keeps them as UTF-8, so lines already written keep their bytes. `prev`, the
    /// hash that chains the line to the one stored before it (`LogChain`), is its last field before
    /// the checksum.
    public static func encode(_ event: Event, prev: String? = nil, forTerminal: Bool = false) -> [UInt8] {
        var json = JSONWriter(forTerminal: forTerminal)
        json.field(.v, Event.formatVersion)
        json.field(.seq, event.seq)
        json.field(.at, event.at.description)
        json.field(.type, event.kind.type.rawValue)
        json.field(.by, event.by.stored)
        switch event.kind {
        case .sitting(let s):
            json.field(.n, s.number)
            json.field(.app, s.app)
            json.field(.title, s.title)
            json.field(.participants, s.participants)
            json.field(.pack, s.pack)
            json.field(.packs, s.packs)
            json.field(.plugins, s.plugins)
        case .with(let name):
            json.field(.name, name)
        case .pack(let id, let hash):
            json.field(.id, id)
            json.field(.hash, hash)
        case .ask(let q):
            json.field(.text, q.text)
            json.field(.move, q.move.rawValue)
            json.field(.pack, q.pack)
            json.field(.q, q.question)
            json.field(.section, q.section)
            json.field(.agreement, q.agreement)
        case .probe(let text, let thread, let key):
            json.field(.text, text)
            json.field(.thread, thread)
            json.field(.key, key)
        case .flip(let text, let from, let thread):
            json.field(.text, text)
            json.field(.from, from)
            json.field(.thread, thread)
        case .answer(let text, let to):
            json.field(.text, text)
            json.field(.to, to)
        case .mine(let text, let to):
            json.field(.text, text)
            json.field(.to, to)
        case .agree(let id, let text, let thread, let due, let know, let every):
            json.field(.id, id)
            json.field(.text, text)
            json.field(.thread, thread)
            json.field(.due, due)
            json.field(.know, know)
            json.field(.every, every?.description)
        case .repair(let text, let agreement):
            json.field(.text, text)
            json.field(.agreement, agreement)
        case .note(let text, let isPrivate):
            json.field(.text, text)
            if isPrivate { json.field(.private, true) }
        case .checkin:
            break
        case .review(let review):
            json.field(.agreement, review.agreement)
            json.field(.outcome, review.outcome.rawValue)
            json.field(.text, review.text)
            json.field(.due, review.due)
            json.field(.note, review.note)
            json.field(.every, review.every?.description)
        case .retract(let target):
            json.field(.target, target)
        case .amend(let target, let text):
            json.field(.target, target)
            json.field(.text, text)
        case .without(let name), .me(let name):
            json.field(.name, name)
        case .close(let reason):
            json.field(.reason, reason)
        case .rule(let notice):
            json.field(.kind, notice.kind.rawValue)
            if notice.level == .suggestion { json.field(.level, notice.level.rawValue) }
            json.field(.plugin, notice.plugin)
            json.field(.rule, notice.rule)
            json.field(.hash, notice.hash)
            json.field(.text, notice.message)
            json.field(.about, notice.about)
            json.field(.fix, notice.fix)
        case .mute(let rule, let muted):
            json.field(.rule, rule)
            json.field(.muted, muted)
        case .reload(let packs, let plugins):
            json.field(.packs, packs)
            json.field(.plugins, plugins)
        case .next(let date):
            json.field(.date, date)
        case .later(let thread, let name):
            json.field(.thread, thread)
            json.field(.name, name)
        case .remark(let text, let agreement):
            json.field(.agreement, agreement)
            json.field(.text, text)
        }
        json.field(.prev, prev)
        var bytes = json.bytes
        let crc = CRC32.hex(bytes)
        bytes.append(contentsOf: Array(",\"crc\":\"\(crc)\"}\n".utf8))
        return bytes
    }

    /// The event on one line (without its `\n`), or an error saying what is wrong with it.
    package static func decode<Line: Collection<UInt8>>(line: Line) throws(AllianceError) -> Event
    where Line.Index == Int {
        let result = line.withContiguousStorageIfAvailable { buffer in
            Result { () throws(AllianceError) in try decode(buffer) }
        }
        if let result { return try result.get() }
        return try Array(line).withUnsafeBufferPointer { buffer throws(AllianceError) in try decode(buffer) }
    }

    /// The event on one line (without its `\n`): the checksum first, then the fields.
    package static func decode(_ line: UnsafeBufferPointer<UInt8>) throws(AllianceError) -> Event {
        try checkChecksum(line)
        let record: EventRecord
        do {
            record = try EventLineParser.record(line)
        } catch {
            throw AllianceError("not valid JSON for an event")
        }
        return try record.event()
    }

    /// Checks the `"crc"` at the end of a line (without its `\n`), plain or encrypted.
    package static func checkChecksum(_ line: UnsafeBufferPointer<UInt8>) throws(AllianceError) {
        guard line.count > checksumSuffixLength else { throw AllianceError("not an event (too short)") }
        let bodyLength = line.count - checksumSuffixLength
        let suffix = UnsafeBufferPointer(rebasing: line[bodyLength...])
        guard suffix.starts(with: checksumPrefix), suffix[16] == 34, suffix[17] == 125 else {
            throw AllianceError("no checksum at the end of the line")
        }
        let actual = CRC32.checksum(
            UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: line[..<bodyLength])))
        guard CRC32.parseHex(UnsafeBufferPointer(rebasing: suffix[8..<16])) == actual else {
            let stored = String(decoding: suffix[8..<16], as: UTF8.self)
            throw AllianceError(
                "checksum mismatch (stored \(stored), computed \(CRC32.hex(actual))): the line was edited or damaged"
            )
        }
    }

    private static let checksumPrefix = Array(",\"crc\":\"".utf8)

    /// A line that passed `decode` (without its `\n`) as `replay --json` prints it: as logged,
    /// unless it holds DEL, C1 controls, U+2028, U+2029 or bidi controls raw (a log written by
    /// hand, or by an alliance that kept them as UTF-8). Those are written as `\u` escapes inside
    /// strings (spaces between tokens), which read back as the same event, and the checksum is
    /// computed again for the new bytes. Nil when the line is printed as logged.
    package static func forTerminal(line: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard line.count > checksumSuffixLength, containsTerminalUnsafe(line, bidi: true) else { return nil }
        return rewrittenForTerminal(Array(line))
    }

    /// `forTerminal(line:)` for a line held in an array.
    package static func forTerminal(line: [UInt8]) -> [UInt8]? {
        line.withUnsafeBufferPointer { forTerminal(line: $0) }
    }

    private static func rewrittenForTerminal(_ bytes: [UInt8]) -> [UInt8]? {
        let body = bytes[..<(bytes.count - checksumSuffixLength)]
        let hex = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        var inString = false
        var escaped = false
        var changed = false
        var i = body.startIndex
        func escape(_ value: Int) {
            out.append(contentsOf: [92, UInt8(ascii: "u")])
            for shift in [12, 8, 4, 0] { out.append(hex[(value >> shift) & 0xF]) }
            changed = true
        }
        while i < body.endIndex {
            let b = body[i]
            let next = i + 1 < body.endIndex ? body[i + 1] : 0
            let third = i + 2 < body.endIndex ? body[i + 2] : 0
            if !inString {
                if b < 0x20 || b == 0x7F {
                    out.append(0x20)  // whitespace between tokens
                    changed = true
                } else {
                    out.append(b)
                    if b == 34 { inString = true }
                }
                i += 1
                continue
            }
            if escaped {
                out.append(b)
                escaped = false
                i += 1
            } else if b == 92 {
                out.append(b)
                escaped = true
                i += 1
            } else if b == 34 {
                out.append(b)
                inString = false
                i += 1
            } else if b < 0x20 || b == 0x7F {
                escape(Int(b))
                i += 1
            } else if b == 0xC2 && (0x80...0x9F).contains(next) {
                escape(Int(next))
                i += 2
            } else if b == 0xE2
                && ((next == 0x80 && (third == 0x8E || third == 0x8F || (0xA8...0xAE).contains(third)))
                    || (next == 0x81 && (0xA6...0xA9).contains(third)))
            {
                escape(0x2000 | (Int(next & 0x3F) << 6) | Int(third & 0x3F))
                i += 3
            } else {
                out.append(b)
                i += 1
            }
        }
        guard changed else { return nil }
        out.append(contentsOf: Array(",\"crc\":\"\(CRC32.hex(out))\"}".utf8))
        return out
    }
}

/// One log line's fields as read, before they are checked: `event()` checks that the ones its
/// type needs are there, in their form.
struct EventRecord: Equatable {
    /// Every field any event type uses, by its key in the log: the one list of them. The writer
    /// names its keys with it (`JSONWriter`), the reader finds keys in it (`EventLineParser`), and a
    /// record keeps values by it.
    enum Field: String, CaseIterable, Sendable {
        case v, seq, at, type, by
        case n, app, title, participants, pack, packs, plugins
        case name, id, hash, text, move, q, section, agreement, thread, key, from, to, target, reason
        case kind, plugin, rule, about, fix, muted, level, due, know, `private`, outcome, note
        case date, every
        /// Not part of the event: the chain (`LogChain`), read by `alliance verify`.
        case prev

        /// What JSON a field holds.
        enum Shape: Sendable { case string, integer, bool, strings, sources }

        /// A string, except for these.
        var shape: Shape {
            switch self {
            case .v, .seq, .n, .thread, .to, .target, .about: .integer
            case .muted, .private: .bool
            case .participants: .strings
            case .packs, .plugins: .sources
            default: .string
            }
        }
    }

    /// A field's value, in its field's shape.
    enum Value: Equatable {
        case string(String)
        case integer(Int)
        case bool(Bool)
        case strings([String])
        case sources([Source])
    }

    private struct Entry {
        var field: Field
        var value: Value?
    }

    /// The fields in the order the line gives them, nil for `null`. A line names a handful of the
    /// fields, so a short list searched from the end (a key given twice counts as given last) is
    /// quicker to fill and read than a slot for every field.
    private var entries: [Entry] = []

    init() { entries.reserveCapacity(12) }

    /// The value given for `field`, nil when it is absent or `null`.
    subscript(field: Field) -> Value? {
        get {
            var i = entries.endIndex
            while i > entries.startIndex {
                i -= 1
                if entries[i].field == field { return entries[i].value }
            }
            return nil
        }
        set { entries.append(Entry(field: field, value: newValue)) }
    }

    func string(_ field: Field) -> String? {
        if case .string(let value)? = self[field] { value } else { nil }
    }

    func integer(_ field: Field) -> Int? {
        if case .integer(let value)? = self[field] { value } else { nil }
    }

    func bool(_ field: Field) -> Bool? {
        if case .bool(let value)? = self[field] { value } else { nil }
    }

    func strings(_ field: Field) -> [String]? {
        if case .strings(let value)? = self[field] { value } else { nil }
    }

    func sources(_ field: Field) -> [Source]? {
        if case .sources(let value)? = self[field] { value } else { nil }
    }

    /// Equal when every field has the same value, whatever order the lines gave them in.
    static func == (a: EventRecord, b: EventRecord) -> Bool {
        Field.allCases.allSatisfy { a[$0] == b[$0] }
    }

    func event() throws(AllianceError) -> Event {
        guard let v = integer(.v) else { throw AllianceError("missing \"v\" (the format version)") }
        guard v == Event.formatVersion else {
            throw AllianceError(
                "format version \(v) is newer than this alliance understands (\(Event.formatVersion))")
        }
        // At most 2^53, the largest whole number every JSON reader keeps exactly.
        guard let seq = integer(.seq), seq > 0, seq <= 1 << 53 else {
            throw AllianceError("missing or invalid \"seq\"")
        }
        guard let atText = string(.at), let at = Timestamp(atText) else {
            throw AllianceError("missing or invalid \"at\" (want a UTC time like 2026-11-25T06:40:12.345Z)")
        }
        guard let typeName = string(.type) else { throw AllianceError("missing \"type\"") }
        guard let by = string(.by), !by.isEmpty else { throw AllianceError("missing \"by\"") }
        let type = EventType(rawValue: typeName)
        try checkFields(type: type, by: by)
        guard let type else { throw AllianceError("unknown event type \"\(typeName)\"") }
        func missing(_ field: Field) -> AllianceError {
            AllianceError("a \"\(typeName)\" event needs \"\(field.rawValue)\"")
        }
        func need(_ field: Field) throws(AllianceError) -> String {
            guard let value = string(field) else { throw missing(field) }
            return value
        }
        func needInteger(_ field: Field) throws(AllianceError) -> Int {
            guard let value = integer(field) else { throw missing(field) }
            return value
        }
        let kind: EventKind
        switch type {
        case .sitting:
            kind = .sitting(
                SittingStart(
                    number: try needInteger(.n), app: try need(.app), title: string(.title),
                    participants: strings(.participants) ?? [], pack: string(.pack),
                    packs: sources(.packs) ?? [],
                    plugins: sources(.plugins) ?? []))
        case .with: kind = .with(name: try need(.name))
        case .pack: kind = .pack(id: try need(.id), hash: string(.hash) ?? "")
        case .ask:
            let moveName = string(.move) ?? "ask"
            guard let move = Move(rawValue: moveName) else {
                throw AllianceError("unknown move \"\(moveName)\" (want ask or repair)")
            }
            kind = .ask(
                Asked(
                    text: try need(.text), move: move, pack: string(.pack), question: string(.q),
                    section: string(.section), agreement: string(.agreement)))
        case .probe:
            kind = .probe(text: try need(.text), thread: try needInteger(.thread), key: string(.key) ?? "")
        case .flip: kind = .flip(text: try need(.text), from: string(.from) ?? "", thread: integer(.thread))
        case .answer: kind = .answer(text: try need(.text), to: try needInteger(.to))
        case .mine: kind = .mine(text: try need(.text), to: integer(.to))
        case .agree:
            kind = .agree(
                id: try need(.id), text: try need(.text), thread: integer(.thread), due: string(.due),
                know: string(.know), every: string(.every).flatMap(Cadence.init(stored:)))
        case .repair: kind = .repair(text: try need(.text), agreement: string(.agreement))
        case .note: kind = .note(text: try need(.text), isPrivate: bool(.private) ?? false)
        case .checkin: kind = .checkin
        case .review:
            let outcomeName = try need(.outcome)
            guard let outcome = Review.Outcome(rawValue: outcomeName) else {
                throw AllianceError(
                    "unknown review outcome \"\(outcomeName)\" (want keep, adjust, drop or skip)")
            }
            kind = .review(
                Review(
                    agreement: try need(.agreement), outcome: outcome, text: string(.text), due: string(.due),
                    note: string(.note), every: string(.every).flatMap(Cadence.init(stored:))))
        case .retract: kind = .retract(target: try needInteger(.target))
        case .amend: kind = .amend(target: try needInteger(.target), text: try need(.text))
        case .without: kind = .without(name: try need(.name))
        case .me: kind = .me(name: try need(.name))
        case .close: kind = .close(reason: string(.reason) ?? "")
        case .rule:
            let kindName = try need(.kind)
            guard let ruleKind = Rule.Kind(rawValue: kindName) else {
                throw AllianceError("unknown rule kind \"\(kindName)\" (want flag, rewrite or nudge)")
            }
            kind = .rule(
                RuleNotice(
                    kind: ruleKind, plugin: try need(.plugin), rule: try need(.rule),
                    hash: string(.hash) ?? "",
                    message: try need(.text), about: integer(.about), fix: string(.fix)
                )
                .with(level: string(.level).flatMap(Rule.Level.init(rawValue:)) ?? .warning))
        case .mute: kind = .mute(rule: try need(.rule), muted: bool(.muted) ?? true)
        case .reload: kind = .reload(packs: sources(.packs) ?? [], plugins: sources(.plugins) ?? [])
        case .next: kind = .next(date: try need(.date))
        case .later: kind = .later(thread: try needInteger(.thread), name: try need(.name))
        case .remark: kind = .remark(text: try need(.text), agreement: try need(.agreement))
        }
        return Event(seq: seq, at: at, by: Actor(stored: by), kind: kind)
    }
}

extension EventRecord {
    /// The fields shown as they are, checked for their form: ids, dates and names are printed in
    /// exports and listings, so a crafted line cannot carry a terminal escape in one. A field
    /// that is not in its form makes the line damaged, like a missing field. `type` is nil for
    /// a type this alliance does not know (that error comes after these).
    func checkFields(type: EventType?, by: String) throws(AllianceError) {
        func bad(_ field: Field, _ value: String, want: String) -> AllianceError {
            let shown = value.count > 40 ? String(value.prefix(40)) + "…" : value
            return AllianceError("invalid \"\(field.rawValue)\" \"\(shown.terminalSafe)\" (want \(want))")
        }
        guard !by.hasControlForTerminal else {
            throw bad(.by, by, want: "a name without control characters")
        }
        if let name = string(.name), name.hasControlForTerminal {
            throw bad(.name, name, want: "a name without control characters")
        }
        if let participants = strings(.participants),
            let name = participants.first(where: \.hasControlForTerminal)
        {
            throw bad(.participants, name, want: "names without control characters")
        }
        // An `id` names an agreement or a pack; other types have none to check.
        if type == .agree, let id = string(.id), !Self.isAgreementID(id) {
            throw bad(.id, id, want: "an agreement id like A1")
        }
        if type == .pack, let id = string(.id), !Self.isPlainID(id, empty: false) {
            throw bad(.id, id, want: "a pack id like feedback")
        }
        if let agreement = string(.agreement), !Self.isAgreementID(agreement) {
            throw bad(.agreement, agreement, want: "an agreement id like A1")
        }
        if let due = string(.due), !Self.isDate(due) { throw bad(.due, due, want: "a date like 2027-01-15") }
        if let date = string(.date), !Self.isDate(date) {
            throw bad(.date, date, want: "a date like 2027-01-15")
        }
        if let every = string(.every), Cadence(stored: every) == nil {
            throw bad(.every, every, want: "a cadence like week or 2 weeks")
        }
        if let pack = string(.pack), !Self.isPlainID(pack, empty: false) {
            throw bad(.pack, pack, want: "a pack id like feedback")
        }
        if let q = string(.q), !Self.isPlainID(q, empty: true) {
            throw bad(.q, q, want: "a question id like trust")
        }
        if let section = string(.section), !Self.isPlainID(section, empty: true) {
            throw bad(.section, section, want: "a section id like trust")
        }
    }

    /// `A` and digits: `A1`, `A12`.
    static func isAgreementID(_ id: String) -> Bool {
        let bytes = id.utf8
        return bytes.count >= 2 && bytes.count <= 19 && bytes.first == UInt8(ascii: "A")
            && bytes.dropFirst().allSatisfy { (0x30...0x39).contains($0) }
    }

    /// A real calendar date, `YYYY-MM-DD`.
    static func isDate(_ text: String) -> Bool {
        CalendarDate(text) != nil
    }

    /// Lowercase ASCII letters, digits, `-` and `_`, as pack ids, question ids and section slugs
    /// are made (`PackParser.isValidID`, `String.slug`); a section of a title without Latin letters
    /// has an empty slug.
    static func isPlainID(_ id: String, empty: Bool) -> Bool {
        (empty || !id.isEmpty)
            && id.utf8.allSatisfy {
                (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D || $0 == 0x5F
            }
    }
}

/// Writes one JSON object with its fields in the order they are added; omits nil fields.
struct JSONWriter {
    private(set) var bytes: [UInt8] = [UInt8(ascii: "{")]
    private var first = true
    /// Whether strings also escape what a terminal would act on or reorder (see `appendString`).
    private let forTerminal: Bool

    init(forTerminal: Bool = false) { self.forTerminal = forTerminal }

    private mutating func key(_ field: EventRecord.Field) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
        JSONWriter.appendString(field.rawValue, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
    }

    mutating func field(_ name: EventRecord.Field, _ value: Int?) {
        guard let value else { return }
        key(name)
        bytes.append(contentsOf: Array(String(value).utf8))
    }

    mutating func field(_ name: EventRecord.Field, _ value: String?) {
        guard let value else { return }
        key(name)
        JSONWriter.appendString(value, to: &bytes, forTerminal: forTerminal)
    }

    mutating func field(_ name: EventRecord.Field, _ value: Bool) {
        key(name)
        bytes.append(contentsOf: Array((value ? "true" : "false").utf8))
    }

    mutating func field(_ name: EventRecord.Field, _ values: [String]) {
        key(name)
        bytes.append(UInt8(ascii: "["))
        for (i, value) in values.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            JSONWriter.appendString(value, to: &bytes, forTerminal: forTerminal)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    mutating func field(_ name: EventRecord.Field, _ sources: [Source]) {
        key(name)
        bytes.append(UInt8(ascii: "["))
        for (i, source) in sources.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            var object = JSONWriter(forTerminal: forTerminal)
            object.field(.id, source.id)
            object.field(.hash, source.hash)
            bytes.append(contentsOf: object.bytes)
            bytes.append(UInt8(ascii: "}"))
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// A JSON string literal: UTF-8 kept as is, quotes, backslashes and control characters escaped.
    /// With `forTerminal`, C1 controls (U+0080–U+009F), U+2028, U+2029 and the bidi controls
    /// (`Unicode.Scalar.isBidiControl`) are escaped too, so JSON printed to a terminal carries none
    /// of them raw.
    static func appendString(_ string: String, to bytes: inout [UInt8], forTerminal: Bool = false) {
        bytes.append(UInt8(ascii: "\""))
        let hex = Array("0123456789abcdef".utf8)
        if forTerminal && string.hasTerminalUnsafe {
            for scalar in string.unicodeScalars {
                if scalar.isShownVisibly {
                    switch scalar {
                    case "\n": bytes.append(contentsOf: [92, UInt8(ascii: "n")])
                    case "\r": bytes.append(contentsOf: [92, UInt8(ascii: "r")])
                    case "\t": bytes.append(contentsOf: [92, UInt8(ascii: "t")])
                    default:
                        let v = Int(scalar.value)
                        bytes.append(contentsOf: [92, UInt8(ascii: "u")])
                        for shift in [12, 8, 4, 0] { bytes.append(hex[(v >> shift) & 0xF]) }
                    }
                } else if scalar == "\"" {
                    bytes.append(contentsOf: [92, 34])
                } else if scalar == "\\" {
                    bytes.append(contentsOf: [92, 92])
                } else {
                    UTF8.encode(scalar) { bytes.append($0) }
                }
            }
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [92, 34])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [92, 92])
            case UInt8(ascii: "\n"): bytes.append(contentsOf: [92, UInt8(ascii: "n")])
            case UInt8(ascii: "\r"): bytes.append(contentsOf: [92, UInt8(ascii: "r")])
            case UInt8(ascii: "\t"): bytes.append(contentsOf: [92, UInt8(ascii: "t")])
            case 0..<0x20, 0x7F:
                bytes.append(contentsOf: Array("\\u00".utf8))
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0xF)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
