import AllianceKit
import ArgumentParser

struct Sessions: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the sessions in the data home: id, dates, participants, agreements.")

    @OptionGroup var homeOptions: HomeOptions

    func run() throws {
        let home = try reportingErrors { try homeOptions.dataHome() }
        let ids = home.sessionIDs()
        guard !ids.isEmpty else {
            print("No sessions in \(home.sessions) yet: start one with `alliance --with NAME`.")
            return
        }
        var rows: [[String]] = [["ID", "STARTED", "LAST", "SITTINGS", "AGREEMENTS", "WITH", "TITLE"]]
        var failed = false
        for id in ids {
            let path = home.logPath(for: id)
            guard let contents = try? LogReader.read(path: path) else {
                Diagnostics.warning("\(path): cannot be read")
                failed = true
                continue
            }
            if let problem = contents.problems.first {
                Diagnostics.warning("\(problem.description) (`alliance replay \(id)` shows what it holds)")
                failed = true
            }
            let state = AllianceState(replaying: contents.events)
            rows.append(
                [
                    id, state.sittings.first?.started.minute ?? "-", state.lastEventAt?.date ?? "-",
                    String(state.sittings.count), String(state.liveAgreements.count),
                    state.participants.joined(separator: ", "), state.title ?? "",
                ].map(\.terminalSafe))
        }
        printTable(rows)
        if failed { throw ExitCode.failure }
    }
}
