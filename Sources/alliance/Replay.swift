import AllianceKit
import ArgumentParser

struct Replay: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a session as a readable transcript, or its events as JSON Lines.",
        discussion: "Replaying only reads: it never writes to the log.")

    @OptionGroup var homeOptions: HomeOptions

    @Argument(help: "A session id, a unique prefix of one, or a path to a log file.")
    var session: String

    @Flag(name: .long, help: "Print the events as JSON Lines, exactly as logged.")
    var json = false

    func run() throws {
        let home = try reportingErrors { try homeOptions.dataHome() }
        let path = try reportingErrors { try home.resolveSession(session) }
        let contents = try reportingErrors { try LogReader.read(path: path) }
        if json {
            let bytes = (try? Files.read(path, limit: 1 << 34)) ?? []
            var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            if contents.tornTail > 0 || lines.last?.isEmpty == true { lines.removeLast() }
            // Only lines that passed every check, as they are in the file.
            let good = Set(contents.events.map(\.seq))
            var out: [UInt8] = []
            for line in lines {
                guard let event = try? EventCodec.decode(line: Array(line)), good.contains(event.seq) else {
                    continue
                }
                out += line
                out.append(UInt8(ascii: "\n"))
            }
            print(String(decoding: out, as: UTF8.self), terminator: "")
        } else {
            let state = AllianceState(replaying: contents.events)
            let id = Files.fileName(of: path).replacingOccurrencesOfSuffix(".jsonl")
            var header = "Alliance \(id)"
            if let title = state.title { header += ": \(title)" }
            print(header.terminalSafe)
            for line in Transcript.entries(state) { print(line.text) }
            print("")
            for line in Transcript.summary(state) { print(line.text) }
        }
        for problem in contents.problems { Diagnostics.warning(problem.description) }
        if contents.tornTail > 0 {
            Diagnostics.warning(
                "\(path): the last \(contents.tornTail) bytes are an unfinished line (never committed); not shown"
            )
        }
        if !contents.problems.isEmpty { throw ExitCode.failure }
    }
}

extension String {
    func replacingOccurrencesOfSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
