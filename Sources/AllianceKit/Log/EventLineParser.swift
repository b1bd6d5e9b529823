// For `memcmp` only: system calls are in Support/POSIX.swift.
import Glibc

/// Reads one log line's JSON object into an `EventRecord`, byte by byte.
///
/// The log is JSON Lines whose fields come in a fixed order, so a small reader
/// over the line's bytes does what Foundation's `JSONDecoder` did at a fraction
/// of the cost: it is what makes replaying and searching years of sessions
/// quick. It still accepts any valid JSON object (whitespace, escapes, fields
/// in any order, unknown fields of any shape are skipped) and refuses anything
/// that is not valid JSON or gives a known field the wrong type.
struct EventLineParser {
    struct Invalid: Error {}

    private let bytes: UnsafeBufferPointer<UInt8>
    private var i = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// The record on `line`: every known field that is present and not null.
    static func record(_ line: UnsafeBufferPointer<UInt8>) throws(Invalid) -> EventRecord {
        var parser = EventLineParser(line)
        let record = try parser.object()
        parser.skipSpace()
        guard parser.i == line.count else { throw Invalid() }
        return record
    }

    private static let quote = UInt8(ascii: "\"")
    private static let backslash = UInt8(ascii: "\\")

    private mutating func skipSpace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x09, 0x0A, 0x0D: i += 1
            default: return
            }
        }
    }

    /// The next byte after any whitespace, not consumed.
    private mutating func peek() throws(Invalid) -> UInt8 {
        skipSpace()
        guard i < bytes.count else { throw Invalid() }
        return bytes[i]
    }

    private mutating func expect(_ byte: UInt8) throws(Invalid) {
        guard try peek() == byte else { throw Invalid() }
        i += 1
    }

    /// Consumes `byte` if it comes next.
    private mutating func take(_ byte: UInt8) throws(Invalid) -> Bool {
        guard try peek() == byte else { return false }
        i += 1
        return true
    }

    /// Calls `body` with each key of an object, positioned at its value.
    private mutating func members(_ body: (inout EventLineParser, Field?) throws(Invalid) -> Void)
        throws(Invalid)
    {
        try expect(UInt8(ascii: "{"))
        if try take(UInt8(ascii: "}")) { return }
        repeat {
            let key = try self.key()
            try expect(UInt8(ascii: ":"))
            try body(&self, key)
        } while try take(UInt8(ascii: ","))
        try expect(UInt8(ascii: "}"))
    }

    /// The fields an event can have, by name.
    private enum Field {
        case v, seq, at, type, by, text, to, thread, move, pack, q, section, key, id, n, app, title,
            participants, packs, plugins, name, hash, agreement, from, target, reason, kind, plugin, rule,
            about, fix, muted, level, due, know, `private`, outcome, note

        /// The field a key names, matched on its bytes (no string is made for it).
        static func named(_ bytes: UnsafeBufferPointer<UInt8>) -> Field? {
            func key(is name: StaticString) -> Bool {
                name.utf8CodeUnitCount == bytes.count
                    && memcmp(name.utf8Start, bytes.baseAddress!, bytes.count) == 0
            }
            guard !bytes.isEmpty else { return nil }
            switch bytes.count {
            case 1:
                switch bytes[0] {
                case UInt8(ascii: "n"): return key(is: "n") ? .n : nil
                case UInt8(ascii: "q"): return key(is: "q") ? .q : nil
                case UInt8(ascii: "v"): return key(is: "v") ? .v : nil
                default: return nil
                }
            case 2:
                switch bytes[0] {
                case UInt8(ascii: "a"): return key(is: "at") ? .at : nil
                case UInt8(ascii: "b"): return key(is: "by") ? .by : nil
                case UInt8(ascii: "i"): return key(is: "id") ? .id : nil
                case UInt8(ascii: "t"): return key(is: "to") ? .to : nil
                default: return nil
                }
            case 3:
                switch bytes[0] {
                case UInt8(ascii: "a"): return key(is: "app") ? .app : nil
                case UInt8(ascii: "d"): return key(is: "due") ? .due : nil
                case UInt8(ascii: "f"): return key(is: "fix") ? .fix : nil
                case UInt8(ascii: "k"): return key(is: "key") ? .key : nil
                case UInt8(ascii: "s"): return key(is: "seq") ? .seq : nil
                default: return nil
                }
            case 4:
                switch bytes[0] {
                case UInt8(ascii: "f"): return key(is: "from") ? .from : nil
                case UInt8(ascii: "h"): return key(is: "hash") ? .hash : nil
                case UInt8(ascii: "k"):
                    if key(is: "kind") { return .kind }
                    if key(is: "know") { return .know }
                    return nil
                case UInt8(ascii: "m"): return key(is: "move") ? .move : nil
                case UInt8(ascii: "n"):
                    if key(is: "name") { return .name }
                    if key(is: "note") { return .note }
                    return nil
                case UInt8(ascii: "p"): return key(is: "pack") ? .pack : nil
                case UInt8(ascii: "r"): return key(is: "rule") ? .rule : nil
                case UInt8(ascii: "t"):
                    if key(is: "type") { return .type }
                    if key(is: "text") { return .text }
                    return nil
                default: return nil
                }
            case 5:
                switch bytes[0] {
                case UInt8(ascii: "a"): return key(is: "about") ? .about : nil
                case UInt8(ascii: "l"): return key(is: "level") ? .level : nil
                case UInt8(ascii: "m"): return key(is: "muted") ? .muted : nil
                case UInt8(ascii: "p"): return key(is: "packs") ? .packs : nil
                case UInt8(ascii: "t"): return key(is: "title") ? .title : nil
                default: return nil
                }
            case 6:
                switch bytes[0] {
                case UInt8(ascii: "p"): return key(is: "plugin") ? .plugin : nil
                case UInt8(ascii: "r"): return key(is: "reason") ? .reason : nil
                case UInt8(ascii: "t"):
                    if key(is: "thread") { return .thread }
                    if key(is: "target") { return .target }
                    return nil
                default: return nil
                }
            case 7:
                switch bytes[0] {
                case UInt8(ascii: "o"): return key(is: "outcome") ? .outcome : nil
                case UInt8(ascii: "p"):
                    if key(is: "plugins") { return .plugins }
                    if key(is: "private") { return .`private` }
                    return nil
                case UInt8(ascii: "s"): return key(is: "section") ? .section : nil
                default: return nil
                }
            case 9:
                switch bytes[0] {
                case UInt8(ascii: "a"): return key(is: "agreement") ? .agreement : nil
                default: return nil
                }
            case 12:
                switch bytes[0] {
                case UInt8(ascii: "p"): return key(is: "participants") ? .participants : nil
                default: return nil
                }
            default: return nil
            }
        }
    }

    private mutating func object() throws(Invalid) -> EventRecord {
        var r = EventRecord()
        try members { (p: inout EventLineParser, key: Field?) throws(Invalid) in
            switch key {
            case .v?: r.v = try p.optional { (p: inout EventLineParser) throws(Invalid) in try p.integer() }
            case .seq?:
                r.seq = try p.optional { (p: inout EventLineParser) throws(Invalid) in try p.integer() }
            case .at?: r.at = try p.optionalString()
            case .type?: r.type = try p.optionalString()
            case .by?: r.by = try p.optionalString()
            case .text?: r.text = try p.optionalString()
            case .to?: r.to = try p.optional { (p: inout EventLineParser) throws(Invalid) in try p.integer() }
            case .thread?:
                r.thread = try p.optional { (p: inout EventLineParser) throws(Invalid) in try p.integer() }
            case .move?: r.move = try p.optionalString()
            case .pack?: r.pack = try p.optionalString()
            case .q?: r.q = try p.optionalString()
            case .section?: r.section = try p.optionalString()
            case .key?: r.key = try p.optionalString()
            case .id?: r.id = try p.optionalString()
            case .n?: r.n = try p.optional { (p: inout EventLineParser) throws(Invalid) in try p.integer() }
            case .app?: r.app = try p.optionalString()
            case .title?: r.title = try p.optionalString()
            case .participants?:
                r.participants = try p.optional { (p: inout EventLineParser) throws(Invalid) in
                    try p.array { (p: inout EventLineParser) throws(Invalid) in try p.string() }
                }
            case .packs?:
                r.packs = try p.optional { (p: inout EventLineParser) throws(Invalid) in try p.sources() }
            case .plugins?:
                r.plugins = try p.optional { (p: inout EventLineParser) throws(Invalid) in try p.sources() }
            case .name?: r.name = try p.optionalString()
            case .hash?: r.hash = try p.optionalString()
            case .agreement?: r.agreement = try p.optionalString()
            case .from?: r.from = try p.optionalString()
            case .target?:
                r.target = try p.optional { (p: inout EventLineParser) throws(Invalid) in try p.integer() }
            case .reason?: r.reason = try p.optionalString()
            case .kind?: r.kind = try p.optionalString()
            case .plugin?: r.plugin = try p.optionalString()
            case .rule?: r.rule = try p.optionalString()
            case .about?:
                r.about = try p.optional { (p: inout EventLineParser) throws(Invalid) in try p.integer() }
            case .fix?: r.fix = try p.optionalString()
            case .muted?:
                r.muted = try p.optional { (p: inout EventLineParser) throws(Invalid) in try p.bool() }
            case .level?: r.level = try p.optionalString()
            case .due?: r.due = try p.optionalString()
            case .know?: r.know = try p.optionalString()
            case .`private`?:
                r.`private` = try p.optional { (p: inout EventLineParser) throws(Invalid) in try p.bool() }
            case .outcome?: r.outcome = try p.optionalString()
            case .note?: r.note = try p.optionalString()
            case nil: try p.skipValue(depth: 0)
            }
        }
        return r
    }

    /// `null` as nil, anything else read by `value`.
    private mutating func optional<T>(_ value: (inout EventLineParser) throws(Invalid) -> T) throws(Invalid)
        -> T?
    {
        if try peek() == UInt8(ascii: "n") {
            try literal("null")
            return nil
        }
        return try value(&self)
    }

    private mutating func optionalString() throws(Invalid) -> String? {
        try optional { (p: inout EventLineParser) throws(Invalid) in try p.string() }
    }

    private mutating func literal(_ word: StaticString) throws(Invalid) {
        skipSpace()
        let count = word.utf8CodeUnitCount
        guard bytes.count - i >= count else { throw Invalid() }
        for k in 0..<count where bytes[i + k] != word.utf8Start[k] { throw Invalid() }
        i += count
    }

    private mutating func bool() throws(Invalid) -> Bool {
        if try peek() == UInt8(ascii: "t") {
            try literal("true")
            return true
        }
        try literal("false")
        return false
    }

    /// A whole number in JSON's grammar that fits an `Int`; fractions and exponents are refused.
    private mutating func integer() throws(Invalid) -> Int {
        skipSpace()
        let negative = i < bytes.count && bytes[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        let start = i
        var value = 0
        while i < bytes.count, bytes[i] &- UInt8(ascii: "0") < 10 {
            let digit = Int(bytes[i] &- UInt8(ascii: "0"))
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) =
                negative
                ? times10.subtractingReportingOverflow(digit) : times10.addingReportingOverflow(digit)
            guard !o1, !o2 else { throw Invalid() }
            value = sum
            i += 1
        }
        let digits = i - start
        // JSON allows no leading zeros ("007").
        guard digits > 0, digits == 1 || bytes[start] != UInt8(ascii: "0") else { throw Invalid() }
        if i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): throw Invalid()
            default: break
            }
        }
        return value
    }

    private mutating func array<T>(_ element: (inout EventLineParser) throws(Invalid) -> T) throws(Invalid)
        -> [T]
    {
        try expect(UInt8(ascii: "["))
        var result: [T] = []
        if try take(UInt8(ascii: "]")) { return result }
        repeat { result.append(try element(&self)) } while try take(UInt8(ascii: ","))
        try expect(UInt8(ascii: "]"))
        return result
    }

    private mutating func sources() throws(Invalid) -> [Source] {
        try array { (p: inout EventLineParser) throws(Invalid) -> Source in
            var id: String?
            var hash: String?
            try p.members { (p: inout EventLineParser, key: Field?) throws(Invalid) in
                switch key {
                case .id?: id = try p.string()
                case .hash?: hash = try p.string()
                default: try p.skipValue(depth: 1)
                }
            }
            guard let id, let hash else { throw Invalid() }
            return Source(id: id, hash: hash)
        }
    }

    /// A string literal's bytes between its quotes, and whether it has escapes.
    private mutating func rawString() throws(Invalid) -> (bytes: UnsafeBufferPointer<UInt8>, escaped: Bool) {
        try expect(Self.quote)
        let start = i
        var escaped = false
        while true {
            guard i < bytes.count else { throw Invalid() }
            let byte = bytes[i]
            if byte == Self.quote { break }
            if byte < 0x20 { throw Invalid() }
            if byte == Self.backslash {
                escaped = true
                i += 2
            } else {
                i += 1
            }
        }
        let raw = UnsafeBufferPointer(rebasing: bytes[start..<i])
        i += 1
        return (raw, escaped)
    }

    /// A string literal: checked to be valid UTF-8 with valid escapes and no raw control characters.
    private mutating func string() throws(Invalid) -> String {
        let (raw, escaped) = try rawString()
        return escaped ? try Self.unescape(raw) : try Self.text(raw)
    }

    /// An object's key, as the field it names.
    private mutating func key() throws(Invalid) -> Field? {
        let (raw, escaped) = try rawString()
        guard escaped else { return Field.named(raw) }
        var name = try Self.unescape(raw)
        return name.withUTF8 { Field.named($0) }
    }

    /// UTF-8 bytes as a string, refusing invalid UTF-8 rather than repairing it.
    private static func text(_ raw: UnsafeBufferPointer<UInt8>) throws(Invalid) -> String {
        guard !raw.isEmpty else { return "" }
        var text = String(decoding: raw, as: UTF8.self)
        // Decoding replaces invalid sequences with U+FFFD: then the bytes are not the same.
        let same = text.withUTF8 {
            $0.count == raw.count && memcmp($0.baseAddress!, raw.baseAddress!, raw.count) == 0
        }
        guard same else { throw Invalid() }
        return text
    }

    private static func unescape(_ raw: UnsafeBufferPointer<UInt8>) throws(Invalid) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var k = 0
        func hex4(_ at: Int) throws(Invalid) -> UInt32 {
            guard at + 4 <= raw.count else { throw Invalid() }
            var value: UInt32 = 0
            for byte in raw[at..<(at + 4)] {
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: throw Invalid()
                }
                value = value << 4 | UInt32(digit)
            }
            return value
        }
        while k < raw.count {
            let byte = raw[k]
            guard byte == backslash else {
                out.append(byte)
                k += 1
                continue
            }
            guard k + 1 < raw.count else { throw Invalid() }
            let escape = raw[k + 1]
            k += 2
            switch escape {
            case quote, backslash, UInt8(ascii: "/"): out.append(escape)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var value = try hex4(k)
                k += 4
                if (0xD800..<0xDC00).contains(value) {
                    // A surrogate pair: the low half must follow as another \u escape.
                    guard k + 6 <= raw.count, raw[k] == backslash, raw[k + 1] == UInt8(ascii: "u") else {
                        throw Invalid()
                    }
                    let low = try hex4(k + 2)
                    guard (0xDC00..<0xE000).contains(low) else { throw Invalid() }
                    value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                    k += 6
                }
                guard let scalar = Unicode.Scalar(value) else { throw Invalid() }
                out.append(contentsOf: UTF8.encode(scalar)!)
            default: throw Invalid()
            }
        }
        return try out.withUnsafeBufferPointer { buffer throws(Invalid) in try text(buffer) }
    }

    /// Steps over any JSON value: an unknown field's, kept for fields a newer alliance may add.
    private mutating func skipValue(depth: Int) throws(Invalid) {
        guard depth < 64 else { throw Invalid() }
        switch try peek() {
        case Self.quote: _ = try string()
        case UInt8(ascii: "{"):
            try members { (p: inout EventLineParser, _: Field?) throws(Invalid) in
                try p.skipValue(depth: depth + 1)
            }
        case UInt8(ascii: "["):
            _ = try array { (p: inout EventLineParser) throws(Invalid) in try p.skipValue(depth: depth + 1) }
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default: try skipNumber()
        }
    }

    /// Any JSON number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
    private mutating func skipNumber() throws(Invalid) {
        func digits(_ p: inout EventLineParser) -> Int {
            let start = p.i
            while p.i < p.bytes.count, p.bytes[p.i] &- UInt8(ascii: "0") < 10 { p.i += 1 }
            return p.i - start
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
        let start = i
        let whole = digits(&self)
        guard whole > 0, whole == 1 || bytes[start] != UInt8(ascii: "0") else { throw Invalid() }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard digits(&self) > 0 else { throw Invalid() }
        }
        if i < bytes.count, bytes[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard digits(&self) > 0 else { throw Invalid() }
        }
    }
}
