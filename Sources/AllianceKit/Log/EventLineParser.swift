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

    typealias Field = EventRecord.Field

    private mutating func object() throws(Invalid) -> EventRecord {
        var record = EventRecord()
        try members { (p: inout EventLineParser, key: Field?) throws(Invalid) in
            guard let field = key else { return try p.skipValue(depth: 0) }
            record[field] = try p.optional { (p: inout EventLineParser) throws(Invalid) in
                try p.value(field.shape)
            }
        }
        return record
    }

    /// A value of the given shape; anything else is refused.
    private mutating func value(_ shape: Field.Shape) throws(Invalid) -> EventRecord.Value {
        switch shape {
        case .string: .string(try string())
        case .integer: .integer(try integer())
        case .bool: .bool(try bool())
        case .strings: .strings(try array { (p: inout EventLineParser) throws(Invalid) in try p.string() })
        case .sources: .sources(try sources())
        }
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
        guard escaped else { return FieldTable.shared.field(named: raw) }
        var name = try Self.unescape(raw)
        return name.withUTF8 { FieldTable.shared.field(named: $0) }
    }

    /// UTF-8 bytes as a string, refusing invalid UTF-8 rather than repairing it.
    private static func text(_ raw: UnsafeBufferPointer<UInt8>) throws(Invalid) -> String {
        guard !raw.isEmpty else { return "" }
        var text = String(decoding: raw, as: UTF8.self)
        // Decoding replaces invalid sequences with U+FFFD: then the bytes are not the same.
        let same = text.withUTF8 { POSIX.sameBytes($0, raw) }
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

/// Finds the field a key names from its bytes, with no string made: an open-addressing table of
/// `Field.allCases` built at first use. A key is packed into two words, so a lookup is a hash and
/// a compare or two.
private struct FieldTable {
    static let shared = FieldTable()

    /// Keys are at most this long (`participants` is 12): a longer one names no field.
    static let longestKey = 16

    private struct Slot {
        var low: UInt64
        var high: UInt64
        var count: Int
        var field: EventRecord.Field
    }

    private var slots: [Slot?]
    private let shift: UInt64

    private init() {
        let fields = EventRecord.Field.allCases
        // A power of two at least four times the number of fields, so chains stay short.
        var bits = 1
        while 1 << bits < 4 * fields.count { bits += 1 }
        slots = Array(repeating: nil, count: 1 << bits)
        shift = UInt64(64 - bits)
        for field in fields {
            var key = field.rawValue
            let slot = key.withUTF8 { bytes in
                precondition(bytes.count <= Self.longestKey, "the key \(field.rawValue) is too long")
                let (low, high) = Self.pack(bytes)
                return Slot(low: low, high: high, count: bytes.count, field: field)
            }
            var i = index(slot.low, slot.high)
            while slots[i] != nil { i = (i + 1) & (slots.count - 1) }
            slots[i] = slot
        }
    }

    func field(named key: UnsafeBufferPointer<UInt8>) -> EventRecord.Field? {
        guard !key.isEmpty, key.count <= Self.longestKey else { return nil }
        let (low, high) = Self.pack(key)
        var i = index(low, high)
        while let slot = slots[i] {
            if slot.low == low && slot.high == high && slot.count == key.count { return slot.field }
            i = (i + 1) & (slots.count - 1)
        }
        return nil
    }

    private func index(_ low: UInt64, _ high: UInt64) -> Int {
        Int(((low ^ (high &* 0x9E37_79B9)) &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// Up to 16 bytes as two little-endian words, zero-padded.
    private static func pack(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
        var words: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &words) { $0.copyMemory(from: UnsafeRawBufferPointer(bytes)) }
        return (UInt64(littleEndian: words.0), UInt64(littleEndian: words.1))
    }
}
