import Foundation
import Testing

@testable import AllianceKit

/// The log's own JSON reader against Foundation's `JSONDecoder`, which it replaced: for every line
/// here both must read the same fields, or both must refuse it.
@Suite struct EventLineParserTests {
    static func parse(_ json: String) -> EventRecord? {
        Array(json.utf8).withUnsafeBufferPointer { try? EventLineParser.record($0) }
    }

    static func reference(_ json: String) -> EventRecord? {
        try? JSONDecoder().decode(EventRecord.self, from: Data(json.utf8))
    }

    static let everyEventType: [String] = EventCodecTests.kinds.enumerated().map { n, kind in
        let event = Event(seq: n + 1, at: EventCodecTests.at, by: .participant("Zoë"), kind: kind)
        return String(decoding: EventCodec.encode(event).dropLast(), as: UTF8.self)
    }

    static let handWritten: [String] = [
        #"{ "v" : 1 ,"seq": 2 , "at":"2026-11-25T06:40:12.345Z","type":"note","by":"facilitator","text":"x" }"#,
        #"{"v":1,"seq":2,"type":"note","text":"caf\u00e9 \ud83c\udf1f \/ \b\f\n\r\t \"q\" \\","by":"Zo\u00EB"}"#,
        #"{"v":1,"seq":2,"type":"ask","text":"Why?","pack":null,"q":null,"agreement":null}"#,
        #"{"v":1,"seq":2,"type":"note","extra":{"a":[1,-2.5e3,0.5,1E+2,true,false,null,"x",{}],"b":[]},"text":"t"}"#,
        #"{"type":"sitting","n":1,"app":"0.1.0","participants":[],"packs":[{"id":"p","hash":"h","x":[1]}],"plugins":[]}"#,
        #"{"type":"sitting","participants":["Zoë","Sam"],"packs":null}"#,
        #"{"type":"mute","rule":"r","muted":false,"private":true,"seq":-5,"to":0}"#,
        #"{"seq":9223372036854775807,"to":-9223372036854775808}"#,
        #"{}"#,
        // Keys found by their bytes: escaped, with a NUL after a known key, longer than any, empty.
        #"{"t\u0065xt":"escaped key","v\u0000":1,"participantsAndMore":[1,{}],"":2,"p":3}"#,
        "{\"text\":\"tab\u{9}inside\"}",
        "{\"text\":\"line\u{A}inside\"}",
        #"{"text":"\ud800 lone high"}"#,
        #"{"text":"\udc00 lone low"}"#,
        #"{"text":"\ud83c\u0041 bad pair"}"#,
        #"{"text":"\x"}"#,
        #"{"text":"\u12"}"#,
        #"{"text":"unterminated}"#,
        #"{"seq":01}"#,
        #"{"seq":"1"}"#,
        #"{"seq":9223372036854775808}"#,
        #"{"seq":-}"#,
        #"{"muted":"yes"}"#,
        #"{"participants":["a",1]}"#,
        #"{"packs":[{"id":"p"}]}"#,
        #"{"v":1"#,
        #"{"v":1} trailing"#,
        #"{"v":1}}"#,
        #"["v",1]"#,
        #"{"extra":.5}"#,
        #"{"extra":tru}"#,
        "",
    ]

    @Test(arguments: everyEventType + handWritten)
    func readsWhatJSONDecoderReads(_ json: String) {
        #expect(Self.parse(json) == Self.reference(json), "\(json)")
    }

    @Test func refusesWhatJSONDecoderRefuses() {
        // Not every case above is refused: make sure the comparison is not vacuous either way.
        let refused = Self.handWritten.filter { Self.reference($0) == nil }
        let read = Self.handWritten.filter { Self.reference($0) != nil }
        #expect(refused.count > 20)
        #expect(read.count > 8)
    }

    @Test func invalidUTF8IsRefused() {
        let bytes: [UInt8] = Array(#"{"text":""#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8)
        #expect(bytes.withUnsafeBufferPointer { try? EventLineParser.record($0) } == nil)
    }

    @Test func deepNestingInAnUnknownFieldIsRefusedNotACrash() {
        let json = #"{"extra":"# + String(repeating: "[", count: 100_000) + "}"
        #expect(Self.parse(json) == nil)
    }

    /// Not JSON, though `JSONDecoder` let it through: refused, as Python's `json` and other tools do.
    @Test(arguments: [#"{"v":1,}"#, #"{"extra":01}"#, #"{"extra":1.}"#, #"{"extra":[1,]}"#])
    func invalidJSONThatJSONDecoderToleratedIsRefused(_ json: String) {
        #expect(Self.parse(json) == nil)
    }

    /// The other place the reader is stricter: the log writes whole numbers, so `1.0` and `1e2`
    /// where a number of events is expected are refused rather than rounded.
    @Test func wholeNumbersOnly() {
        #expect(Self.parse(#"{"seq":1.0}"#) == nil)
        #expect(Self.parse(#"{"seq":1e2}"#) == nil)
        #expect(Self.parse(#"{"seq":12}"#)?.integer(.seq) == 12)
    }
}

extension EventRecord: Decodable {
    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Every field, decoded by Foundation in the shape the field holds.
    public init(from decoder: any Decoder) throws {
        self.init()
        let c = try decoder.container(keyedBy: Key.self)
        for field in Field.allCases {
            let key = Key(stringValue: field.rawValue)!
            switch field.shape {
            case .string: self[field] = try c.decodeIfPresent(String.self, forKey: key).map(Value.string)
            case .integer: self[field] = try c.decodeIfPresent(Int.self, forKey: key).map(Value.integer)
            case .bool: self[field] = try c.decodeIfPresent(Bool.self, forKey: key).map(Value.bool)
            case .strings: self[field] = try c.decodeIfPresent([String].self, forKey: key).map(Value.strings)
            case .sources: self[field] = try c.decodeIfPresent([Source].self, forKey: key).map(Value.sources)
            }
        }
    }
}
