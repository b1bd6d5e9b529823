// alliance-bench: the in-process rows of Benchmarks/run.
//
//   alliance-bench complete QUESTIONS ITERATIONS
//       Tab completion with a pack of QUESTIONS questions active; prints one line per input:
//       `complete "/ask " p50_us=… p99_us=… max_us=… candidates=…`
//   alliance-bench append DIR EVENTS
//       LogWriter.append (write + fsync per event) of EVENTS events to a new log in DIR;
//       prints `append events=… seconds=… events_per_s=…`
//   alliance-bench line
//       One encoded event line (EventCodec.encode), as the C floor writes it, to stdout.
import AllianceKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

func fail(_ message: String) -> Never {
    let text = Array("alliance-bench: \(message)\n".utf8)
    _ = text.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    exit(2)
}

func micros(_ d: Duration) -> Double {
    let c = d.components
    return Double(c.seconds) * 1e6 + Double(c.attoseconds) / 1e12
}

/// A pack text with `count` questions `q1`…, 100 to a section, every tenth with a probe.
func bigPackText(questions count: Int) -> String {
    var text = "---\nid: big\ntitle: A big pack\ntags: [bench]\nversion: 1\n---\n\n# A big pack\n\n"
    var n = 0
    var section = 0
    while n < count {
        section += 1
        text += "## Section \(section)\n\n"
        for _ in 0..<100 where n < count {
            n += 1
            text += "- What would make topic \(n) work well for you? {#q\(n)}\n"
            if n % 10 == 0 { text += "  - What does {that} look like?\n" }
        }
        text += "\n"
    }
    return text
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
}

func completeBench(questions: Int, iterations: Int) {
    let parsed: (pack: Pack, warnings: [AllianceError])
    do {
        parsed = try Pack.parse(text: bigPackText(questions: questions), path: "big.md")
    } catch { fail("parsing the generated pack: \(error)") }
    guard parsed.pack.questionCount == questions else {
        fail("the generated pack has \(parsed.pack.questionCount) questions, not \(questions)")
    }
    let library = PackLibrary(packs: [parsed.pack])
    let home = DataHome(path: "/nonexistent/alliance-bench-home")
    let session: Session
    do {
        session = try Session(
            newIn: home, packs: library, options: StartOptions(participants: ["Zoë"], pack: "big"))
    } catch { fail("starting a session: \(error)") }
    let clock = ContinuousClock()
    for input in ["/ask ", "/ask q1"] {
        let expected = Completer.complete(input, context: session.context).candidates.count
        guard expected > 0 else { fail("no candidates for \"\(input)\"") }
        // Warm-up.
        for _ in 0..<min(20, iterations) { _ = Completer.complete(input, context: session.context) }
        var samples: [Double] = []
        samples.reserveCapacity(iterations)
        var count = 0
        for _ in 0..<iterations {
            let start = clock.now
            // As the shell does on each Tab: the context, then the candidates.
            let result = Completer.complete(input, context: session.context)
            samples.append(micros(clock.now - start))
            count = result.candidates.count
        }
        samples.sort()
        let fmt = { (v: Double) in String(Int(v.rounded())) }
        print(
            "complete \"\(input)\" questions=\(questions) iterations=\(iterations) p50_us=\(fmt(percentile(samples, 0.5))) p99_us=\(fmt(percentile(samples, 0.99))) max_us=\(fmt(samples.last!)) candidates=\(count)"
        )
    }
}

func sampleEvent(seq: Int) -> Event {
    Event(
        seq: seq, at: Timestamp(milliseconds: 1_795_000_000_000 + Int64(seq)), by: .participant("Zoë"),
        kind: .answer(text: "Being told the why before a change lands, and a heads-up on Fridays", to: 2))
}

func appendBench(directory: String, events: Int) {
    let path = directory + "/append-\(getpid()).jsonl"
    unlink(path)
    let writer: LogWriter
    do { writer = try LogWriter.create(path: path) } catch { fail("creating \(path): \(error)") }
    let clock = ContinuousClock()
    let start = clock.now
    for seq in 1...events {
        do { try writer.append(sampleEvent(seq: seq)) } catch { fail("append \(seq): \(error)") }
    }
    let seconds = micros(clock.now - start) / 1e6
    // A clock that saw no time pass gives no rate: 0, which report.py leaves out, not a division by zero.
    let rate = seconds > 0 ? Int((Double(events) / seconds).rounded()) : 0
    print("append events=\(events) seconds=\(String(format6(seconds))) events_per_s=\(rate)")
    unlink(path)
    unlink(path + ".lock")
}

func format6(_ v: Double) -> String {
    let scaled = Int((v * 1e6).rounded())
    let frac = String(scaled % 1_000_000)
    return "\(scaled / 1_000_000)." + String(repeating: "0", count: 6 - frac.count) + frac
}

let args = CommandLine.arguments
switch args.dropFirst().first {
case "complete":
    guard args.count == 4, let q = Int(args[2]), let n = Int(args[3]), q > 0, n > 0 else {
        fail("usage: alliance-bench complete QUESTIONS ITERATIONS")
    }
    completeBench(questions: q, iterations: n)
case "append":
    guard args.count == 4, let n = Int(args[3]), n > 0 else {
        fail("usage: alliance-bench append DIR EVENTS")
    }
    appendBench(directory: args[2], events: n)
case "line":
    let bytes = EventCodec.encode(sampleEvent(seq: 1))
    _ = bytes.withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
default:
    fail("usage: alliance-bench complete QUESTIONS ITERATIONS | append DIR EVENTS | line")
}
