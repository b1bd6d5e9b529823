import AllianceKit
import ArgumentParser

struct Sessions: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the sessions in the data home: id, dates, participants, agreements.")

    @OptionGroup var homeOptions: HomeOptions

    func run() throws {
        let report = SessionReports.list(try homeOptions.unlockedHome(), zone: .local)
        report.warnings.forEach { StandardError.report($0) }
        report.lines.forEach { print($0) }
        if report.failed { throw ExitCode.failure }
    }
}
