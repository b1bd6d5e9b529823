import Foundation
import Testing

@testable import AllianceKit

@Suite struct EventCodecTests {
    static let at = Timestamp("2026-11-25T06:40:12.345Z")!

    /// Events of `type` as the log holds them, with every field its type can have used by one
    /// of them. The switch is exhaustive, so a new event type does not compile here until it has
    /// examples to round-trip.
    static func examples(of type: EventType) -> [EventKind] {
        switch type {
        case .sitting:
            [
                .sitting(
                    SittingStart(
                        number: 1, app: "0.1.0", title: "Zoë joins", participants: ["Zoë", "Sam"],
                        pack: "new-team-member",
                        packs: [Source(id: "new-team-member", hash: "abc")],
                        plugins: [Source(id: "pacing", hash: "def")])),
                .sitting(SittingStart(number: 2, app: "0.1.0")),
            ]
        case .with: [.with(name: "Zoë")]
        case .pack: [.pack(id: "feedback", hash: "0f")]
        case .ask:
            [
                .ask(
                    Asked(
                        text: "What builds \"trust\" for you?", pack: "p", question: "trust", section: "trust"
                    )),
                .ask(Asked(text: "A1 went off track", move: .repair, agreement: "A1")),
            ]
        case .probe: [.probe(text: "What does that mean to you?", thread: 2, key: "probes#meaning")]
        case .flip:
            [
                .flip(text: "What would you like instead?", from: "I don't like it", thread: nil),
                .flip(text: "And instead?", from: "No meetings", thread: 2),
            ]
        case .answer: [.answer(text: "café 🌟\nnew line\t\u{1B}[31m", to: 2)]
        case .mine: [.mine(text: "My tendency is…", to: 2), .mine(text: "Unprompted", to: nil)]
        case .agree:
            [
                .agree(id: "A1", text: "We meet on Mondays", thread: 2),
                .agree(
                    id: "A2", text: "Feedback within a day", thread: nil, due: "2027-01-15", know: "we ask"),
                .agree(id: "A3", text: "Call grandma", thread: 2, every: Cadence(option: "2w")),
            ]
        case .repair:
            [.repair(text: "Call a time-out", agreement: nil), .repair(text: "Back on", agreement: "A1")]
        case .note: [.note(text: "a note"), .note(text: "mine alone", isPrivate: true)]
        case .checkin: [.checkin]
        case .review:
            [
                .review(Review(agreement: "A1", outcome: .keep)),
                .review(
                    Review(
                        agreement: "A2", outcome: .adjust, text: "Within two days", due: "2027-02-01",
                        note: "busy")),
                .review(Review(agreement: "A3", outcome: .adjust, every: Cadence(option: "month"))),
            ]
        case .retract: [.retract(target: 3)]
        case .amend: [.amend(target: 3, text: "Being told the why, early")]
        case .without: [.without(name: "Sam")]
        case .me: [.me(name: "Maria")]
        case .close: [.close(reason: "quit")]
        case .rule:
            [
                .rule(
                    RuleNotice(
                        kind: .flag, plugin: "why-questions", rule: "why", hash: "ab12",
                        message: "Ask what, not why.",
                        about: 2, fix: "What leads you to it?"
                    )
                    .with(level: .suggestion)),
                .rule(
                    RuleNotice(
                        kind: .nudge, plugin: "pacing", rule: "many", hash: "cd34", message: "Slow down.")),
            ]
        case .next: [.next(date: "2026-12-11")]
        case .later: [.later(thread: 3, name: "Léo")]
        case .remark: [.remark(text: "Fridays are hard: football runs late", agreement: "A1")]
        case .mute: [.mute(rule: "pacing/many", muted: true), .mute(rule: "pacing/many", muted: false)]
        case .reload:
            [
                .reload(packs: [Source(id: "feedback", hash: "0f")], plugins: []),
                .reload(packs: [], plugins: []),
            ]
        }
    }

    static let kinds: [EventKind] = EventType.allCases.flatMap(examples(of:))

    @Test func theExamplesCoverEveryEventTypeAndAreOfTheirType() {
        for type in EventType.allCases {
            #expect(!Self.examples(of: type).isEmpty, "\(type)")
            #expect(Self.examples(of: type).allSatisfy { $0.type == type }, "\(type)")
        }
        #expect(Set(Self.kinds.map(\.type)) == Set(EventType.allCases))
    }

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
        #expect(object?["type"] as? String == kind.type.rawValue)
        #expect(object?["seq"] as? Int == 7)
        #expect(object?["v"] as? Int == 1)
    }

    /// Every field the reader knows is one some event writes: the list of fields has no leftovers.
    @Test func everyFieldIsWrittenBySomeEvent() throws {
        var written = Set<String>()
        for kind in Self.kinds {
            // With its place in the chain (`prev`), as the log writes it.
            let line = EventCodec.encode(
                Event(seq: 7, at: Self.at, kind: kind), prev: LogChain.genesis(id: "x"))
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
            written.formUnion(object.keys)
        }
        written.remove("crc")
        #expect(written == Set(EventRecord.Field.allCases.map(\.rawValue)))
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
    public var testDescription: String { type.rawValue }
}
