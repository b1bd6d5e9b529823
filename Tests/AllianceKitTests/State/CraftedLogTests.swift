import Testing

@testable import AllianceKit

/// Issue 12: replay is linear in the number of events, whatever they are. Each crafted shape
/// (the ones `Benchmarks/generate.py crafted` writes, and a few more) once made replay quadratic
/// or worse: 2,000 `with` events took 51 s. Here each must simply finish, with no timing asserted
/// (the suite has a time limit); `Benchmarks/run` times them.
@Suite struct CraftedLogTests {
    static let size = 50_000

    /// The events of one shape, `n` in all, as the generator writes them.
    static func events(_ shape: String, _ n: Int) -> [Event] {
        var events: [Event] = []
        var ms: Int64 = 1_780_000_000_000
        func add(_ kind: EventKind, by: Actor = .facilitator) {
            ms += 1000
            events.append(Event(seq: events.count + 1, at: Timestamp(milliseconds: ms), by: by, kind: kind))
        }
        var sittings = 0
        func sitting() {
            sittings += 1
            add(
                .sitting(
                    SittingStart(number: sittings, app: "0.1.0", title: "Crafted", participants: ["Zoë"])))
        }
        if shape == "sittings" {
            while events.count < n {
                sitting()
                add(.close(reason: "quit"))
            }
            return events
        }
        sitting()
        switch shape {
        case "with":
            while events.count < n { add(.with(name: "Person \(events.count)")) }
        case "without":
            let joins = (n - 1) / 2
            for i in 0..<joins { add(.with(name: "Person \(i)")) }
            var i = 0
            while events.count < n {
                add(.without(name: "Person \(i % joins)"))
                i += 1
            }
        case "retract-with":
            // Joinings, then each withdrawn, last first (as `/undo N` would).
            let joins = (n - 1) / 2
            for i in 0..<joins { add(.with(name: "Person \(i)")) }
            var target = joins + 1
            while events.count < n && target > 1 {
                add(.retract(target: target))
                target -= 1
            }
        case "retract-agree":
            var id = 0
            while events.count < n {
                id += 1
                add(.agree(id: "A\(id)", text: "We keep promise \(id)", thread: nil))
                add(.retract(target: events.count))
            }
        case "amend", "retract-amend":
            add(.ask(Asked(text: "What builds trust for you?")))
            var answers: [Int] = []
            for i in 0..<100 {
                add(.answer(text: "Answer \(i)", to: 2), by: .participant("Zoë"))
                answers.append(events.count)
            }
            var i = 0
            var amends: [Int] = []
            let stop = shape == "amend" ? n : n / 2
            while events.count < stop {
                add(.amend(target: answers[i % answers.count], text: "Wording \(events.count)"))
                amends.append(events.count)
                i += 1
            }
            // The corrections withdrawn, last first: each brings back the one before.
            while events.count < n, let last = amends.popLast() { add(.retract(target: last)) }
        case "review", "retract-review":
            for i in 1...100 {
                add(.agree(id: "A\(i)", text: "We keep promise \(i)", thread: nil, due: "2027-01-15"))
            }
            add(.checkin)
            let outcomes: [Review.Outcome] = [.keep, .adjust, .skip]
            var i = 0
            var reviews: [Int] = []
            let stop = shape == "review" ? n : n / 2
            while events.count < stop {
                let outcome = outcomes[i % 3]
                add(
                    .review(
                        Review(
                            agreement: "A\(1 + i % 100)", outcome: outcome,
                            text: outcome == .adjust ? "Take \(events.count)" : nil)))
                reviews.append(events.count)
                i += 1
            }
            while events.count < n, let last = reviews.popLast() { add(.retract(target: last)) }
        case "repair":
            add(.agree(id: "A1", text: "We explain the why", thread: nil))
            while events.count < n {
                add(.repair(text: "Back on track, take \(events.count)", agreement: "A1"))
                if events.count % 2 == 0 {
                    add(.ask(Asked(text: "What would help?", move: .repair, agreement: "A1")))
                    add(.answer(text: "Time", to: events.count), by: .participant("Zoë"))
                    add(.retract(target: events.count - 2))
                }
            }
        case "me":
            while events.count < n {
                add(.me(name: "Maria \(events.count)"))
                if events.count % 3 == 0 { add(.retract(target: events.count)) }
            }
        case "ask-undo":
            // Questions, then each withdrawn, last first: the open question goes back each time.
            while events.count < n / 2 { add(.ask(Asked(text: "Why \(events.count)?"))) }
            var target = events.count
            while events.count < n && target > 1 {
                add(.retract(target: target))
                target -= 1
            }
        default:
            Issue.record("unknown shape \(shape)")
        }
        return events
    }

    static let shapes = [
        "with", "without", "sittings", "retract-agree", "amend", "review", "repair", "retract-with",
        "retract-amend", "retract-review", "me", "ask-undo",
    ]

    @Test(arguments: shapes)
    func aCraftedLogReplaysRendersAndExports(_ shape: String) {
        let events = Self.events(shape, Self.size)
        #expect(events.count >= Self.size / 2)
        let state = AllianceState(replaying: events)
        #expect(state.events.count == events.count)
        var bytes = 0
        Transcript.render(state, zone: .utc) { bytes += $0.count }
        #expect(bytes > 0)
        #expect(!Transcript.summary(state).isEmpty)
        for format in Export.Format.allCases {
            #expect(!Export(id: "crafted", state: state).render(format).isEmpty)
        }
        switch shape {
        case "with": #expect(state.participants.count == events.count)
        case "without": #expect(state.participants == ["Zoë"])
        case "retract-with": #expect(state.current == "Zoë")
        case "sittings": #expect(state.sittings.count == events.count / 2)
        case "retract-agree": #expect(state.liveAgreements.isEmpty)
        case "review": #expect(state.liveAgreements.count == 100)
        case "retract-review":
            #expect(state.liveAgreements.allSatisfy { $0.decisions.count < 300 })
        case "retract-amend": #expect(state.currentText(of: 3) != nil)
        default: break
        }
    }

    /// The state folded from a crafted log is the one a shell folding the same events live
    /// would hold, at every prefix checked.
    @Test(arguments: shapes)
    func aCraftedLogFoldsAsItsPrefixesDo(_ shape: String) {
        let events = Self.events(shape, 2_000)
        var live = AllianceState()
        for (i, event) in events.enumerated() {
            live.apply(event)
            if i % 499 == 0 || i == events.count - 1 {
                #expect(live == AllianceState(replaying: Array(events[...i])), "\(shape) at \(i)")
            }
        }
    }
}
