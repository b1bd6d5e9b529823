import Foundation
import Testing

@testable import AllianceKit

@Suite struct EventCodecTests {
    static let at = Timestamp("2026-11-25T06:40:12.345Z")!

    static let kinds: [EventKind] = [
        .sitting(
            SittingStart(
                number: 1, app: "0.1.0", title: "Zoë joins", participants: ["Zoë", "Sam"],
                pack: "new-team-member",
                packs: [Source(id: "new-team-member", hash: "abc")], plugins: [])),
        .with(name: "Zoë"),
        .pack(id: "feedback", hash: "0f"),
        .ask(Asked(text: "What builds \"trust\" for you?", pack: "p", question: "trust", section: "trust")),
        .ask(Asked(text: "A1 went off track", move: .repair, agreement: "A1")),
        .probe(text: "What does that mean to you?", thread: 2, key: "probes#meaning"),
        .flip(text: "What would you like instead?", from: "I don't like it", thread: nil),
        .answer(text: "café 🌟\nnew line\t\u{1B}[31m", to: 2),
        .mine(text: "My tendency is…", to: 2),
        .mine(text: "Unprompted", to: nil),
        .agree(id: "A1", text: "We meet on Mondays", thread: 2),
        .repair(text: "Call a time-out", agreement: nil),
        .note(text: "a note"),
        .retract(target: 3),
        .close(reason: "quit"),
    ]

    @Test(arguments: kinds)
    func roundTripsEveryEventType(_ kind: EventKind) throws {
        let event = Event(seq: 7, at: Self.at, by: .participant("Zoë"), kind: kind)
        let line = EventCodec.encode(event)
        #expect(line.last == UInt8(ascii: "\n"))
        #expect(line.dropLast().contains(UInt8(ascii: "\n")) == false)
        let decoded = try EventCodec.decode(line: Array(line.dropLast()))
        #expect(decoded == event)
        // Every line is plain JSON that other tools can read.
        let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any]
        #expect(object?["type"] as? String == kind.type)
        #expect(object?["seq"] as? Int == 7)
        #expect(object?["v"] as? Int == 1)
    }

    @Test func fieldsComeInTheDocumentedOrder() {
        let line = String(
            decoding: EventCodec.encode(Event(seq: 3, at: Self.at, kind: .note(text: "hi"))), as: UTF8.self)
        #expect(
            line.hasPrefix(
                #"{"v":1,"seq":3,"at":"2026-11-25T06:40:12.345Z","type":"note","by":"facilitator","text":"hi","crc":""#
            ))
    }

    @Test func anEditedLineFailsItsChecksum() throws {
        var line = EventCodec.encode(Event(seq: 3, at: Self.at, kind: .note(text: "we agreed")))
        line.removeLast()
        let index = try #require(line.firstIndex(of: UInt8(ascii: "w")))
        line[index] = UInt8(ascii: "W")
        #expect(throws: AllianceError.self) { try EventCodec.decode(line: line) }
        do {
            _ = try EventCodec.decode(line: line)
        } catch {
            #expect(error.message.contains("checksum mismatch"))
        }
    }

    @Test func aHandWrittenLineWithTheRightChecksumReads() throws {
        let body =
            #"{"v":1,"seq":1,"at":"2026-01-01T00:00:00.000Z","type":"sitting","by":"facilitator","n":1,"app":"hand"#
        let line = body + #"","crc":""# + CRC32.hex(Array((body + "\"").utf8)) + #""}"#
        let event = try EventCodec.decode(line: Array(line.utf8))
        #expect(event.kind == .sitting(SittingStart(number: 1, app: "hand")))
    }

    @Test func missingFieldsAndUnknownTypesAreNamed() {
        func decode(_ body: String) -> String {
            let line = body + ",\"crc\":\"" + CRC32.hex(Array(body.utf8)) + "\"}"
            do {
                _ = try EventCodec.decode(line: Array(line.utf8))
                return "decoded"
            } catch {
                return error.message
            }
        }
        let base = #"{"v":1,"seq":2,"at":"2026-01-01T00:00:00.000Z","by":"facilitator""#
        #expect(decode(base + #","type":"answer","text":"x""#) == #"a "answer" event needs "to""#)
        #expect(decode(base + #","type":"dance""#) == #"unknown event type "dance""#)
        #expect(
            decode(#"{"v":2,"seq":2,"at":"2026-01-01T00:00:00.000Z","by":"x","type":"note","text":"x""#)
                .contains("format version 2"))
        #expect(
            decode(
                base.replacingOccurrences(of: "2026-01-01T00:00:00.000Z", with: "yesterday")
                    + #","type":"note","text":"x""#
            ).contains("\"at\""))
    }
}

extension EventKind: CustomTestStringConvertible {
    public var testDescription: String { type }
}
