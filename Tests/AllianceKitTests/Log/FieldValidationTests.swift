import Foundation
import TestSupport
import Testing

@testable import AllianceKit

/// A log line written by hand: `fields` (JSON, after `"by"`) with a correct checksum.
private func line(seq: Int = 2, type: String, by: String = "facilitator", _ fields: String) -> String {
    var body = #"{"v":1,"seq":\#(seq),"at":"2026-11-25T09:00:00.000Z","type":"\#(type)","by":"\#(by)""#
    if !fields.isEmpty { body += "," + fields }
    return body + #","crc":"\#(CRC32.hex(Array(body.utf8)))"}"#
}

/// Ids, dates and names in a log are printed in exports and listings: a line where one is not in
/// its form is damaged, named by its line number, whatever else it holds.
@Suite(.removingTemporaryDirectories) struct FieldValidationTests {
    static let osc52 = #"\u001b]52;c;aGk=\u0007"#

    @Test(arguments: [
        // agreement ids are A and digits
        ("agree", "facilitator", #""id":"A1\#(osc52)","text":"x""#, "\"id\""),
        ("agree", "facilitator", #""id":"B1","text":"x""#, "\"id\""),
        ("agree", "facilitator", #""id":"A","text":"x""#, "\"id\""),
        ("agree", "facilitator", #""id":"a1","text":"x""#, "\"id\""),
        ("agree", "facilitator", #""id":"A+1","text":"x""#, "\"id\""),
        ("review", "facilitator", #""agreement":"A1\u009b2J","outcome":"keep""#, "\"agreement\""),
        ("repair", "facilitator", #""text":"x","agreement":"A1 ""#, "\"agreement\""),
        ("ask", "facilitator", #""text":"x","move":"repair","agreement":"\u202eA1""#, "\"agreement\""),
        // dates are real dates
        ("agree", "facilitator", #""id":"A1","text":"x","due":"2026-02-30""#, "\"due\""),
        ("agree", "facilitator", #""id":"A1","text":"x","due":"tomorrow""#, "\"due\""),
        ("agree", "facilitator", #""id":"A1","text":"x","due":"2026-1-5""#, "\"due\""),
        ("agree", "facilitator", #""id":"A1","text":"x","due":"2026-12-01\#(osc52)""#, "\"due\""),
        ("review", "facilitator", #""agreement":"A1","outcome":"adjust","due":"2026-13-01""#, "\"due\""),
        // pack, question and section ids are plain ids
        ("sitting", "facilitator", #""n":1,"app":"x","pack":"feedback\#(osc52)""#, "\"pack\""),
        ("sitting", "facilitator", #""n":1,"app":"x","pack":"""#, "\"pack\""),
        ("pack", "facilitator", #""id":"Feedback","hash":"00""#, "\"id\""),
        ("ask", "facilitator", #""text":"x","pack":"p","q":"a b""#, "\"q\""),
        ("ask", "facilitator", #""text":"x","pack":"p","q":"q","section":"s\u0085""#, "\"section\""),
        // names have no control characters
        ("with", "facilitator", #""name":"Zoë\#(osc52)""#, "\"name\""),
        ("me", "facilitator", #""name":"Maria\u2028""#, "\"name\""),
        (
            "sitting", "facilitator", #""n":1,"app":"x","participants":["Zoë","Sam\u001b[2J"]"#,
            "\"participants\""
        ),
        ("answer", #"Zo\u001b[31më"#, #""text":"x","to":1"#, "\"by\""),
    ])
    func aFieldNotInItsFormIsRefused(type: String, by: String, fields: String, field: String) throws {
        let text = line(type: type, by: by, fields)
        let error = #expect(throws: AllianceError.self) { try EventCodec.decode(line: Array(text.utf8)) }
        let message = error?.message ?? ""
        #expect(message.contains("invalid \(field)"), "\(message)")
        // The message quotes the value, made visible.
        #expect(message.isTerminalSafe, "\(message)")
    }

    @Test(arguments: [
        ("agree", #""id":"A12","text":"x","due":"2028-02-29""#),
        ("review", #""agreement":"A3","outcome":"adjust","text":"y","due":"2027-01-15""#),
        ("ask", #""text":"x","pack":"new-team-member","q":"trust_2","section":"""#),
        ("ask", #""text":"x","move":"repair","agreement":"A7""#),
        ("sitting", #""n":1,"app":"x","participants":["Zoë","Amara Okafor","\u202eRTL"],"pack":"p-1_x""#),
        ("pack", #""id":"feedback","hash":"00""#),
        ("with", #""name":"Léa\u200f""#),
        ("answer", #""text":"\u001b]52;c;aGk=\u0007 \u009b \u2028 \u202e","to":1"#),
    ])
    func fieldsInTheirFormAreRead(type: String, fields: String) throws {
        _ = try EventCodec.decode(line: Array(line(type: type, fields).utf8))
    }

    /// The reader names the line, keeps what is around it, and says what is wrong.
    @Test func aLogWithABadFieldIsReportedByLine() throws {
        let lines = [
            line(seq: 1, type: "sitting", #""n":1,"app":"x","participants":["Zoë"]"#),
            line(seq: 2, type: "agree", #""id":"A1","text":"ok""#),
            line(seq: 3, type: "agree", #""id":"A2\#(Self.osc52)","text":"bad id""#),
            line(seq: 4, type: "agree", #""id":"A3","text":"bad due","due":"2026-99-01""#),
            line(seq: 5, type: "note", #""text":"after""#),
        ]
        let contents = LogReader.parse(Array((lines.joined(separator: "\n") + "\n").utf8), path: "L")
        #expect(contents.problems.map(\.location) == ["L:3", "L:4"])
        #expect(contents.problems[0].message.contains("invalid \"id\""))
        #expect(contents.problems[1].message.contains("invalid \"due\""))
        #expect(contents.events.map(\.seq) == [1, 2, 5])
    }

    /// Everything alliance itself records reads back: a pack's ids, sections without Latin
    /// letters, agreement ids and dates as the commands make them.
    @Test func whatTheShellRecordsReadsBack() throws {
        let session = try newSession(with: ["Zoë", "Amara Okafor"])
        try session.run(
            "/ask", "an answer", "/agree We meet --by 2027-02-28", "/pack feedback", "/ask", "/checkin",
            "/adjust A1 We meet weekly --by 2027-03-01", "/repair A1", "/repair how we fix it")
        let contents = try LogReader.read(path: session.logPath)
        #expect(contents.problems.isEmpty)
        #expect(contents.events.count == session.state.events.count)
    }
}

/// What is printed as JSON escapes what a terminal acts on; the log keeps its bytes.
@Suite(.removingTemporaryDirectories) struct TerminalJSONTests {
    static let hostile =
        "a\u{1B}]52;c;x\u{07}b\u{85}c\u{9B}d\u{2028}e\u{2029}f\u{202E}g\u{2066}h\u{200F}i\"\\"

    @Test func exportStringsEscapeC1SeparatorsAndBidi() {
        let rendered = JSONValue.string(Self.hostile).rendered()
        #expect(
            rendered
                == #""a\u001b]52;c;x\u0007b\u0085c\u009bd\u2028e\u2029f\u202eg\u2066h\u200fi\"\\""#)
        #expect(rendered.isTerminalSafe)
        let back = try? JSONSerialization.jsonObject(with: Data(rendered.utf8), options: .fragmentsAllowed)
        #expect(back as? String == Self.hostile)
        // Plain text, curly quotes and other scripts are as they were.
        #expect(JSONValue.string("Zoë “hi” שלום 🌟").rendered() == "\"Zoë “hi” שלום 🌟\"")
    }

    @Test func theLogEncodingIsUnchangedAndTheTerminalEncodingReadsBackTheSame() throws {
        let event = Event(
            seq: 4, at: Timestamp("2026-11-25T06:40:12.345Z")!, by: .participant("Zoë"),
            kind: .answer(text: Self.hostile, to: 2))
        let logged = EventCodec.encode(event)
        // The log keeps C1, separators and bidi as UTF-8 (only C0 and DEL escaped), as before.
        #expect(String(decoding: logged, as: UTF8.self).contains("\u{85}c\u{9B}d\u{2028}e\u{2029}f\u{202E}"))
        let shown = EventCodec.encode(event, forTerminal: true)
        #expect(String(decoding: shown, as: UTF8.self).isTerminalSafe == false)  // its final \n
        #expect(String(decoding: shown.dropLast(), as: UTF8.self).isTerminalSafe)
        #expect(try EventCodec.decode(line: Array(shown.dropLast())) == event)
        // A logged line rewritten for the terminal is the same event, with a checksum that holds.
        let rewritten = try #require(EventCodec.forTerminal(line: logged.dropLast()))
        #expect(String(decoding: rewritten, as: UTF8.self).isTerminalSafe)
        #expect(try EventCodec.decode(line: rewritten) == event)
        #expect(rewritten == Array(shown.dropLast()))
    }

    @Test func aLineWithNothingToEscapeIsPrintedAsLogged() {
        let event = Event(
            seq: 4, at: Timestamp("2026-11-25T06:40:12.345Z")!,
            kind: .note(text: "Zoë said “fine” — שלום \u{1B}"))
        #expect(EventCodec.forTerminal(line: EventCodec.encode(event).dropLast()) == nil)
    }

    /// Raw controls in a hand-written line (DEL in a string, a tab between tokens) are escaped too.
    @Test func aHandWrittenLineIsRewrittenWithItsMeaning() throws {
        let body =
            "{\"v\":1,\t\"seq\":2,\"at\":\"2026-11-25T09:00:00.000Z\",\"type\":\"note\",\"by\":\"facilitator\",\"text\":\"x\u{7F}\u{85}\\\"\u{202E}\""
        let text = body + #","crc":"\#(CRC32.hex(Array(body.utf8)))"}"#
        let original = try EventCodec.decode(line: Array(text.utf8))
        let rewritten = try #require(EventCodec.forTerminal(line: Array(text.utf8)))
        #expect(String(decoding: rewritten, as: UTF8.self).isTerminalSafe)
        #expect(try EventCodec.decode(line: rewritten) == original)
    }
}
