/// What `alliance sessions`, `search` and `export` make of the session logs in a data home:
/// the text for standard output, and warnings about logs that could not be read whole.
package enum SessionReports {
    /// What a report prints, and whether the exit status is 1.
    package struct Report {
        /// For standard output, one line each.
        package var lines: [String] = []
        /// For standard error, before the lines.
        package var warnings: [AllianceError] = []
        package var failed = false
    }

    /// `alliance sessions`: one row per session (id, dates, sittings, agreements, everyone who took
    /// part, title), in columns aligned by display width; a log that cannot be read, or that holds
    /// a damaged line, is warned about and fails. Times and dates are on `zone`'s clock.
    package static func list(_ home: DataHome, zone: Zone) -> Report {
        let ids = home.sessionIDs()
        guard !ids.isEmpty else {
            return Report(lines: [
                "No sessions in \(home.sessions) yet: start one with `alliance --with NAME`."
            ])
        }
        var report = Report()
        var rows: [[String]] = [["ID", "STARTED", "LAST", "SITTINGS", "AGREEMENTS", "WITH", "TITLE"]]
        for id in ids {
            let path = home.logPath(for: id)
            guard let contents = try? LogReader.read(path: path) else {
                report.warnings.append(AllianceError("cannot be read", at: .file(path), severity: .warning))
                continue
            }
            if let problem = contents.problems.first {
                var warning = problem.with(.warning)
                warning.message += " (`alliance replay \(id)` shows what it holds)"
                report.warnings.append(warning)
            }
            let state = AllianceState(replaying: contents.events)
            let summary = SessionSummary(id: id, events: contents.events)
            rows.append(
                [
                    id, state.sittings.first?.started.minute(in: zone) ?? "-",
                    state.lastEventAt?.calendarDate(in: zone).description ?? "-",
                    String(state.sittings.count), String(state.liveAgreements.count),
                    summary.people.joined(separator: ", "), summary.title ?? "",
                ])
        }
        report.lines = Table.lines(rows)
        report.failed = !report.warnings.isEmpty
        return report
    }

    /// `alliance search`: each hit in every session as one line, an answer's question on an
    /// indented line under it; a log that cannot be read fails, damaged lines in one that can are
    /// only warned about.
    package static func search(_ query: String, in home: DataHome) -> Report {
        let ids = home.sessionIDs()
        let found = SessionSearch.search(query, sessions: ids.map { ($0, home.logPath(for: $0)) })
        var report = Report()
        for session in found {
            if let unreadable = session.unreadable {
                var warning = unreadable.with(.warning)
                warning.message += " (not searched)"
                report.warnings.append(warning)
                report.failed = true
            }
            report.warnings += session.problems.map { $0.with(.warning) }
        }
        let hits = found.flatMap(\.hits)
        if hits.isEmpty {
            report.lines.append(
                "Nothing found for \"\(query)\" in \(plural(ids.count, "session")).".terminalSafe)
        }
        for hit in hits {
            report.lines.append(
                "\(hit.session)  sitting \(hit.sitting)  #\(hit.seq)  \(hit.what): \(hit.text)".terminalSafe)
            if let question = hit.question {
                report.lines.append("    to \(question.what) #\(question.seq): \(question.text)".terminalSafe)
            }
        }
        return report
    }

    /// `alliance export`: the session `reference` names (an id, a unique prefix of one, a log's
    /// path, or a participant's name or words of the title that fit one alliance) in `format`,
    /// with warnings for damaged lines (left out, and the export fails). Times are on `zone`'s
    /// clock, with its offset.
    package static func export(
        _ reference: String, home: DataHome, format: Export.Format, includePrivate: Bool, zone: Zone,
        full: Bool = false
    ) throws(AllianceError) -> (text: String, warnings: [AllianceError]) {
        let path = try home.resolveSession(reference)
        let contents = try LogReader.read(path: path)
        let export = Export(
            id: DataHome.sessionID(ofLog: path), state: AllianceState(replaying: contents.events),
            includePrivate: includePrivate, zone: zone, full: full)
        return (export.render(format), contents.problems.map { $0.with(.warning) })
    }
}
