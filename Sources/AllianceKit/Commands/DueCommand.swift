extension ShellCommand {
    static let due = ShellCommand(
        "due", summary: "what is overdue, due for a check-in or coming up, across every alliance",
        details: """
            Lists, for this alliance and every other one in the data home: agreements whose date is
            past (overdue) or within 7 days, agreements on a cadence (`--every week`) that are due
            for a check-in or will be within 7 days, and each alliance's next check-in (/next).
            Ongoing agreements (no date, no cadence) are never due. `alliance due` prints the same
            from the command line.
            """,
        run: { _, context throws(AllianceError) in
            .show(
                dueReport(
                    [(nil, context.state)] + context.otherAlliances().map { ($0.id, $0.state) },
                    today: context.today, zone: context.zone))
        })

    /// What `/due` and `alliance due` print: for each alliance (`id` nil for the one open in the
    /// shell), the next check-in and the agreements overdue, due for a check-in, or due within
    /// 7 days, soonest first.
    package static func dueReport(
        _ alliances: [(id: String?, state: AllianceState)], today: CalendarDate, zone: Zone
    ) -> [Line] {
        var groups: [(first: CalendarDate, lines: [Line])] = []
        for (id, state) in alliances {
            var rows: [(date: CalendarDate, line: Line)] = []
            if let line = state.nextCheckinLine(today: today),
                let date = state.nextCheckin.flatMap(CalendarDate.init),
                today.days(to: date) <= 7
            {
                rows.append((date, Line("    " + line.text, line.style)))
            }
            for agreement in state.liveAgreements {
                let timing = agreement.timing(today: today, in: zone)
                guard let date = timing.date, today.days(to: date) <= 7 else { continue }
                let overdue = if case .dated(_, let days) = timing { days < 0 } else { false }
                rows.append(
                    (
                        date,
                        Line(
                            "    \(agreement.id)  \(agreement.text)  · \(timing.phrase)".terminalSafe,
                            overdue ? .warning : timing.isDue ? .agreement : .plain)
                    ))
            }
            guard !rows.isEmpty else { continue }
            rows.sort { $0.date < $1.date }
            let who = state.participants.joined(separator: ", ")
            var heading = id.map { "\(state.title ?? $0) (\($0))" } ?? "This alliance"
            if let title = state.title, id == nil { heading += ": \(title)" }
            if !who.isEmpty { heading += " · with \(who)" }
            groups.append((rows[0].date, [Line("  " + heading.terminalSafe, .heading)] + rows.map(\.line)))
        }
        guard !groups.isEmpty else {
            return [Line("Nothing due in the next 7 days (today is \(today.shown)).", .dim)]
        }
        return [
            Line("Overdue, due for a check-in, or due within 7 days (today is \(today.shown)):", .heading)
        ]
            + groups.sorted { $0.first < $1.first }.flatMap(\.lines)
    }
}

extension SessionReports {
    /// `alliance due`: what `/due` shows, across every alliance in the data home; a log that
    /// cannot be read, or holds a damaged line, is warned about and fails.
    package static func due(_ home: DataHome, clock: any Clock = SystemClock()) -> Report {
        var report = Report()
        var alliances: [(id: String?, state: AllianceState)] = []
        // Each log read and folded on its own, several at a time on a machine with several
        // processors (as `search` does); the report keeps the order of the ids.
        let ids = home.sessionIDs()
        let read = Parallel.map(ids.count) {
            index -> Result<(state: AllianceState, problems: [AllianceError]), AllianceError> in
            let path = home.logPath(for: ids[index])
            guard let bytes = try? Files.read(path, limit: 1 << 34) else {
                return .failure(AllianceError("cannot be read", at: .file(path), severity: .warning))
            }
            let contents = LogReader.parse(bytes, path: path)
            return .success((AllianceState(replaying: contents.events), contents.problems))
        }
        for (id, result) in zip(ids, read) {
            switch result {
            case .failure(let warning): report.warnings.append(warning)
            case .success(let (state, problems)):
                report.warnings += problems.map { $0.with(.warning) }
                alliances.append((id, state))
            }
        }
        report.lines = ShellCommand.dueReport(
            alliances, today: clock.now().calendarDate(in: clock.zone), zone: clock.zone
        ).map(\.text)
        report.failed = !report.warnings.isEmpty
        return report
    }
}
