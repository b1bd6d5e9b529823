import Testing

@testable import AllianceKit

/// Withdrawing a `with` or `without` sets only that person's place again (linear in their own
/// joinings and leavings); what it finds must be what folding every joining and leaving that
/// stands finds, on random logs: names that differ only in case, sittings of several people,
/// leavings and rejoinings, withdrawals of any of them in any order.
@Suite struct RosterWithdrawalTests {
    /// Who takes part and whose answers free text records, folded from every standing event.
    static func refold(_ state: AllianceState) -> (participants: [String], current: String?) {
        var names: [String] = []
        var current: String?
        func spelling(_ name: String) -> String? { names.first { $0.lowercased() == name.lowercased() } }
        for event in state.events where !state.isRetracted(event.seq) {
            switch event.kind {
            case .sitting(let start):
                guard let first = start.participants.first else { continue }
                for name in start.participants where spelling(name) == nil { names.append(name) }
                current = spelling(first)
            case .with(let name):
                if spelling(name) == nil { names.append(name) }
                current = spelling(name)
            case .without(let name):
                names.removeAll { $0.lowercased() == name.lowercased() }
                if let now = current, !names.contains(now) { current = names.first }
            default: break
            }
        }
        return (names, current)
    }

    /// Whether the `with` at `seq` added someone, from the standing events before it.
    static func joinedNaively(_ state: AllianceState, at seq: Int) -> Bool {
        guard case .with(let name)? = state.kind(of: seq) else { return false }
        var present = false
        for event in state.events where event.seq < seq && !state.isRetracted(event.seq) {
            switch event.kind {
            case .sitting(let start)
            where start.participants.contains(where: { $0.lowercased() == name.lowercased() }):
                present = true
            case .with(let other) where other.lowercased() == name.lowercased(): present = true
            case .without(let other) where other.lowercased() == name.lowercased(): present = false
            default: break
            }
        }
        return !present
    }

    @Test(arguments: 1...30)
    func aWithdrawalFindsWhatARefoldFinds(_ seed: UInt64) {
        var rng = SplitMix64(state: seed)
        let pool = ["Amara", "amara", "AMARA", "Zoë", "zoë", "Ben", "Chen", "Dana", "dana"]
        var state = AllianceState()
        var seq = 0
        var sittings = 0
        var ms: Int64 = 1_780_000_000_000
        func add(_ kind: EventKind) {
            seq += 1
            ms += 1000
            state.apply(Event(seq: seq, at: Timestamp(milliseconds: ms), by: .facilitator, kind: kind))
        }
        var changes: [Int] = []
        for _ in 0..<300 {
            let roll = rng.next() % 20
            let name = pool[Int(rng.next() % UInt64(pool.count))]
            switch roll {
            case 0:
                sittings += 1
                let count = Int(rng.next() % 4)
                let people = (0..<count).map { _ in pool[Int(rng.next() % UInt64(pool.count))] }
                add(.sitting(SittingStart(number: sittings, app: "0.1.0", participants: people)))
            case 1...6:
                add(.with(name: name))
                changes.append(seq)
            case 7...10:
                add(.without(name: name))
                changes.append(seq)
            case 11:
                add(.note(text: "n", isPrivate: false))
            default:
                guard !changes.isEmpty else { continue }
                let target = changes.remove(at: Int(rng.next() % UInt64(changes.count)))
                add(.retract(target: target))
                let expected = Self.refold(state)
                #expect(state.current == expected.current, "seed \(seed) at \(seq)")
            }
            #expect(state.participants == Self.refold(state).participants, "seed \(seed) at \(seq)")
            if seq % 10 == 0 { #expect(state == AllianceState(replaying: state.events)) }
        }
        for event in state.events {
            if case .with = event.kind {
                #expect(state.joined(at: event.seq) == Self.joinedNaively(state, at: event.seq))
            }
        }
    }
}
