// libFuzzer target: session logs through `LogReader.parse`, then `AllianceState(replaying:)`
// on the events it kept, and what `alliance replay` and `alliance export` show of them.
//
// Every log line ends in a CRC-32 of the rest, so nearly every mutation would stop at the
// checksum. Each input is therefore read twice: as it is, and with every line's checksum
// made right (a line ending in `}` without one gets one), so the fuzzer reaches the JSON
// decoding, the event checks and the replay behind them.
// Any input may be reported as damaged; none may crash.
import AllianceKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLog(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    var sink = replay(bytes)
    let fixed = withChecksumsMadeRight(bytes)
    if fixed != bytes { sink &+= replay(fixed) }
    blackHole(sink)
    return 0
}

/// Reads `bytes` as a log and replays what it holds the ways the commands do.
func replay(_ bytes: [UInt8]) -> Int {
    let contents = LogReader.parse(bytes, path: "sessions/fuzz.jsonl")
    var sink = contents.problems.map(\.description).joined().utf8.count
    sink &+= contents.tornTail &+ contents.committedLength &+ (contents.isClean ? 1 : 0)
    let state = AllianceState(replaying: contents.events)
    // `alliance replay`: the transcript and the summary.
    sink &+= Transcript.entries(state).reduce(0) { $0 &+ $1.text.utf8.count }
    sink &+= Transcript.summary(state).reduce(0) { $0 &+ $1.text.utf8.count }
    // `alliance export` in every format, private notes included.
    let export = Export(id: "fuzz", state: state, includePrivate: true)
    for format in Export.Format.allCases { sink &+= export.render(format).utf8.count }
    // `alliance search` and `due` read every log, damaged or not.
    sink &+= SessionSearch.search("a", in: state, session: "fuzz").count
    sink &+= state.liveAgreements.count &+ state.checkinQueue.count &+ state.sittingNumber
    // What the shell asks of an alliance it continues; a damaged log whose seq jumps to 10^11
    // once made `lastRetractable` walk back seq by seq (Fuzz/crashers/fuzz-log/).
    sink &+= state.repairPlan.count &+ state.nextAgreementID.utf8.count &+ (state.lastRetractable ?? 0)
    return sink
}

/// `bytes` with the checksum of every complete line recomputed; a torn last line is left as it is.
func withChecksumsMadeRight(_ bytes: [UInt8]) -> [UInt8] {
    let marker = Array(",\"crc\":\"".utf8)
    let suffixLength = 18  // `,"crc":"` + 8 hex digits + `"}`
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + 64)
    var start = 0
    while start < bytes.count {
        guard let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) else {
            out += bytes[start...]
            break
        }
        var line = Array(bytes[start..<end])
        let n = line.count
        if n > suffixLength, line[(n - suffixLength)..<(n - 10)].elementsEqual(marker),
            line[n - 2] == UInt8(ascii: "\""), line[n - 1] == UInt8(ascii: "}")
        {
            let crc = CRC32.hex(line[0..<(n - suffixLength)])
            line.replaceSubrange((n - 10)..<(n - 2), with: Array(crc.utf8))
        } else if n > 1, line[n - 1] == UInt8(ascii: "}") {
            let body = line.dropLast()
            line = Array(body) + Array(",\"crc\":\"\(CRC32.hex(body))\"}".utf8)
        }
        out += line
        out.append(UInt8(ascii: "\n"))
        start = end + 1
    }
    return out
}

@inline(never) func blackHole(_ value: Int) { if value == -1 { print("", terminator: "") } }
