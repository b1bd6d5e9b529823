import Testing

@testable import AllianceKit

@Suite struct TranscriptRenderTests {
    /// Rendered in parallel blocks, the transcript reads exactly as `entries` builds it, in order,
    /// withdrawals marked, for a state of several blocks' worth of events.
    @Test func renderingInBlocksGivesTheTranscript() {
        let at = Timestamp("2026-11-25T06:40:12.345Z")!
        var state = AllianceState()
        state.apply(
            Event(seq: 1, at: at, kind: .sitting(SittingStart(number: 1, app: "test", participants: ["Zoë"])))
        )
        for seq in 2...20_000 {
            let kind: EventKind
            switch seq % 5 {
            case 0: kind = .ask(Asked(text: "What matters to you, \(seq)?"))
            case 1: kind = .answer(text: "Answer \(seq) ☕", to: seq - 1)
            case 2: kind = .retract(target: seq - 1)
            default: kind = .note(text: "note \(seq)")
            }
            state.apply(
                Event(seq: seq, at: at, by: seq % 5 == 1 ? .participant("Zoë") : .facilitator, kind: kind))
        }
        var rendered: [UInt8] = []
        var blocks = 0
        Transcript.render(state, zone: .utc) { block in
            rendered += block
            blocks += 1
        }
        let expected = Transcript.entries(state).map { $0.text + "\n" }.joined()
        #expect(blocks > 2)
        #expect(String(decoding: rendered, as: UTF8.self) == expected)
        #expect(expected.contains("[withdrawn by #"))
    }
}
