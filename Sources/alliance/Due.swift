import AllianceKit
import ArgumentParser

struct Due: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "What is overdue, due for a check-in or coming up in the next 7 days, in every alliance.",
        discussion: """
            The same as /due in the shell: each alliance with its title and people, its next check-in \
            (/next), agreements whose date is past or near, and agreements on a cadence (--every) that \
            are due for a check-in.
            """)

    @OptionGroup var homeOptions: HomeOptions

    func run() throws {
        let report = SessionReports.due(try homeOptions.unlockedHome())
        report.warnings.forEach { StandardError.report($0) }
        report.lines.forEach { print($0) }
        if report.failed { throw ExitCode.failure }
    }
}
