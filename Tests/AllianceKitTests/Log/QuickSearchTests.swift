import TestSupport
import Testing

@testable import AllianceKit

/// `alliance search` reads only the lines that can hold the words (those that mention one, or
/// hold non-ASCII text or an escape); it must find exactly what folding the whole log finds,
/// answers' questions included, or say it cannot (and the whole log is folded).
@Suite struct QuickSearchTests {
    static let at = Timestamp("2026-11-25T06:40:12.345Z")!

    /// A log of several sittings where the words turn up in questions, answers, agreements and notes,
    /// some of them withdrawn, in any case, and also in text that is not shown (a pack id).
    static func log(seed: Int) -> [UInt8] {
        var rng = SplitMix64(state: UInt64(seed) &* 104_729)
        let words = [
            "feedback", "Feedback", "FEEDBACK", "feed back", "fee", "backfeed", "trust", "Zoë", "café",
            "CAFÉ", "Zoe\u{308}", "信頼", "\u{212A}ey", "İstanbul",
        ]
        func text() -> String {
            (0..<Int.random(in: 1...6, using: &rng)).map { _ in words.randomElement(using: &rng)! }.joined(
                separator: " ")
        }
        var kinds: [EventKind] = []
        var sitting = 0
        var retractable: [Int] = []
        for n in 0..<Int.random(in: 5...80, using: &rng) {
            let seq = n + 1
            let kind: EventKind
            switch n == 0 ? 0 : Int.random(in: 0...9, using: &rng) {
            case 0:
                sitting += 1
                kind = .sitting(
                    SittingStart(
                        number: sitting, app: "0.1.0", title: nil, participants: ["Zoë"], pack: "feedback",
                        packs: [],
                        plugins: []))
            case 1: kind = .ask(Asked(text: text(), pack: "feedback", question: "q1", section: "s"))
            case 2: kind = .answer(text: text(), to: max(1, seq - 1))
            case 3: kind = .agree(id: "A\(seq)", text: text(), thread: nil)
            case 4: kind = .note(text: text(), isPrivate: Bool.random(using: &rng))
            case 5: kind = .probe(text: text(), thread: max(1, seq - 2), key: "k")
            case 6 where !retractable.isEmpty:
                kind = .retract(target: retractable.randomElement(using: &rng)!)
            case 7: kind = .repair(text: text(), agreement: nil)
            default: kind = .mine(text: text(), to: Bool.random(using: &rng) ? nil : max(1, seq - 2))
            }
            if kind.isRetractable { retractable.append(seq) }
            kinds.append(kind)
        }
        return kinds.enumerated().flatMap { n, kind in
            EventCodec.encode(
                Event(seq: n + 1, at: at, by: n % 3 == 0 ? .facilitator : .participant("Zoë"), kind: kind))
        }
    }

    static func full(_ query: String, _ bytes: [UInt8]) -> [SessionSearch.Hit] {
        SessionSearch.search(
            query, in: AllianceState(replaying: LogReader.parse(bytes, path: "s").events), session: "s")
    }

    static func quick(_ query: String, _ bytes: [UInt8]) -> [SessionSearch.Hit]? {
        bytes.withUnsafeBufferPointer { SessionSearch.quickSearch(query, log: $0, session: "s") }
    }

    @Test(arguments: 0..<40)
    func findsWhatTheFoldFinds(seed: Int) {
        let bytes = Self.log(seed: seed)
        for query in [
            "feedback", "FEEDBACK", "feed", "back f", "trust feedback", "feedback trust", "k", "nothing",
            "zoe", "ZOË", "cafe", "café", "zoe cafe", "cafe zoe trust", "信頼", "信頼 trust", "key", "istanbul",
            "i", "zoe nothing",
        ] {
            let quick = Self.quick(query, bytes)
            #expect(quick != nil, "words without JSON escapes in a clean log take the quick path")
            #expect(quick == Self.full(query, bytes), "seed \(seed), \(query)")
        }
    }

    @Test func aTornLastLineIsNotSearched() {
        var bytes = Self.log(seed: 1)
        let line = EventCodec.encode(
            Event(seq: 999, at: Self.at, by: .facilitator, kind: .note(text: "feedback")))
        bytes += line.dropLast(5)
        #expect(Self.quick("feedback", bytes) == Self.full("feedback", bytes))
    }

    @Test(arguments: [#"say "hi""#, "a/b", #"back\slash"#, "a;b", "a`b", "zoe a/b"])
    func wordsTheShortcutCannotSeeFoldTheLog(_ query: String) {
        #expect(Self.quick(query, Self.log(seed: 2)) == nil)
    }

    /// Text that matches only once decoded (an escape) or folded (K KELVIN SIGN is "k", "Zoë"
    /// is "zoe"): the shortcut decodes such lines, so it finds them as the fold does.
    @Test func textThatReadsDifferentlyOnceDecodedIsFoundToo() {
        let kelvin =
            Self.log(seed: 3)
            + EventCodec.encode(
                Event(seq: 1000, at: Self.at, by: .facilitator, kind: .note(text: "\u{212A}ey to Zoë's café"))
            )
        #expect(Self.full("key", kelvin).map(\.seq).contains(1000))
        for query in ["key", "cafe zoe key", "ZOE"] {
            #expect(Self.quick(query, kelvin) != nil)
            #expect(Self.quick(query, kelvin) == Self.full(query, kelvin), "\(query)")
        }
        let line =
            #"{"v":1,"seq":1000,"at":"2026-11-25T06:40:12.345Z","type":"note","by":"facilitator","text":"\u0066eedback""#
        let escaped =
            Self.log(seed: 3) + Array(line.utf8) + Array(#","crc":"\#(CRC32.hex(Array(line.utf8)))"}"#.utf8)
            + [10]
        #expect(Self.full("feedback", escaped).contains { $0.seq == 1000 })
        #expect(Self.quick("feedback", escaped) == Self.full("feedback", escaped))
    }

    /// An answer found by the shortcut names its question, read from a line with none of the words.
    @Test func anAnswerNamesItsQuestion() {
        let events: [EventKind] = [
            .sitting(SittingStart(number: 1, app: "0.1.0", participants: ["Zoë"])),
            .ask(Asked(text: "What builds trust?", pack: "p", question: "q", section: "s")),
            .answer(text: "Being told the why", to: 2),
            .probe(text: "What does that mean to you?", thread: 2, key: "k"),
            .answer(text: "Why and when, in person", to: 4),
            .mine(text: "I tell the why too", to: 2),
            .note(text: "why not"),
        ]
        let bytes = events.enumerated().flatMap { n, kind in
            EventCodec.encode(Event(seq: n + 1, at: Self.at, by: .facilitator, kind: kind))
        }
        let quick = Self.quick("why", bytes)
        #expect(quick == Self.full("why", bytes))
        #expect(
            quick?.map { "#\($0.seq) \($0.question.map { "\($0.what) #\($0.seq): \($0.text)" } ?? "-")" } == [
                "#3 question #2: What builds trust?", "#5 follow-up #4: What does that mean to you?",
                "#6 question #2: What builds trust?", "#7 -",
            ])
    }

    /// An amended line says something else than it reads: the whole log is folded.
    @Test func aCorrectionFoldsTheLog() {
        let bytes =
            Self.log(seed: 5)
            + EventCodec.encode(
                Event(seq: 1000, at: Self.at, by: .facilitator, kind: .amend(target: 1, text: "x")))
        #expect(Self.quick("feedback", bytes) == nil)
    }

    @Test func aDamagedOrRepeatedLineFoldsTheLog() {
        let bytes = Self.log(seed: 4)
        let note = EventCodec.encode(
            Event(seq: 500, at: Self.at, by: .facilitator, kind: .note(text: "feedback")))
        #expect(Self.quick("feedback", bytes + note + note) == nil)
        var damaged = note
        damaged[damaged.count - 4] = UInt8(ascii: "x")
        #expect(Self.quick("feedback", bytes + damaged) == nil)
    }
}
