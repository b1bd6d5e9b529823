/// What `alliance replay` shows of a session log: the alliance as it stood at an event
/// (`--until`), at the end of a sitting (`--sitting`) or at the end of the log, as a transcript
/// or as the events' JSON lines; with `--strict`, nothing unless every line is sound.
package struct ReplayRequest: Sendable, Equatable {
    /// Where the replay stops.
    package enum Point: Sendable, Equatable {
        /// The end of the log.
        case end
        /// Event `seq` (`--until SEQ`).
        case event(Int)
        /// The end of sitting `n` (`--sitting N`).
        case sitting(Int)
    }

    package var point: Point
    /// The events as logged (`--json`), rather than the transcript.
    package var json: Bool
    /// Show nothing if any line is damaged, out of order or unfinished (`--strict`).
    package var strict: Bool

    package init(point: Point = .end, json: Bool = false, strict: Bool = false) {
        self.point = point
        self.json = json
        self.strict = strict
    }

    /// Reads the log at `path` in one pass: each committed event is folded in (or, for JSON, its
    /// line kept) as it is read, up to the point asked for; nothing else of the file is held.
    package func read(path: String) throws(AllianceError) -> Replay {
        // Plain values: the closure below runs once per event.
        let json = self.json
        var until: Int?
        var lastSitting: Int?
        switch point {
        case .end: break
        case .event(let seq): until = seq
        case .sitting(let n): lastSitting = n
        }
        var state = AllianceState()
        var lines: [UInt8] = []
        var sittings = 0
        var past = false
        let contents = try LogReader.scan(path: path, withLines: json, plainLines: true) { event, line in
            if case .sitting = event.kind {
                sittings += 1
                if let lastSitting, sittings > lastSitting { past = true }
            }
            if let until, event.seq > until { past = true }
            guard !past else { return }
            if json {
                // As logged, with any C1 or bidi control a hand-written line holds escaped.
                if let escaped = EventCodec.forTerminal(line: line) {
                    lines.append(contentsOf: escaped)
                } else {
                    lines.append(contentsOf: line)
                }
                lines.append(UInt8(ascii: "\n"))
            } else {
                state.apply(event)
            }
        }
        return Replay(
            request: self, path: path, state: state, json: lines, sittings: sittings, contents: contents)
    }
}

/// A session log read for `alliance replay`: what to show, and what to say about the log.
package struct Replay {
    package let request: ReplayRequest
    package let path: String
    /// The alliance as it stood at the point asked for (empty for JSON).
    package let state: AllianceState
    /// For JSON: the lines up to the point, as logged (controls escaped), each ending in `\n`.
    package let json: [UInt8]
    /// How many sittings the whole log holds.
    package let sittings: Int
    /// What reading found besides the events: damaged lines, an unfinished last line.
    package let contents: LogContents

    /// Why nothing may be shown: with `--strict`, every damaged line and an unfinished last line;
    /// a `--sitting` past the last. Empty when the replay can be shown.
    package var refusals: [AllianceError] {
        if request.strict && !contents.isClean {
            var errors = contents.problems.map { $0.with(.error) }
            if contents.tornTail > 0 {
                errors.append(
                    AllianceError(
                        "the last \(contents.tornTail) bytes are an unfinished line (never committed)",
                        at: .file(path)))
            }
            return errors
        }
        if case .sitting(let n) = request.point, n > sittings {
            return [
                AllianceError(
                    "there \(sittings == 1 ? "is" : "are") \(plural(sittings, "sitting")), not \(n)",
                    at: .file(path))
            ]
        }
        return []
    }

    /// What to say after the replay: each damaged line (not shown) and an unfinished last line.
    package var warnings: [AllianceError] {
        var warnings = contents.problems.map { $0.with(.warning) }
        if contents.tornTail > 0 {
            warnings.append(
                AllianceError(
                    "the last \(contents.tornTail) bytes are an unfinished line (never committed); not shown",
                    at: .file(path), severity: .warning))
        }
        return warnings
    }

    /// Whether the exit status is 1: a line was damaged (an unfinished last line alone is not a failure).
    package var failed: Bool { !contents.problems.isEmpty }

    /// The transcript's first line: `Alliance ID: title · as it stood at #7`.
    package var header: String {
        var header = "Alliance \(DataHome.sessionID(ofLog: path))"
        if let title = state.title { header += ": \(title)" }
        switch request.point {
        case .end: break
        case .event(let seq): header += " · as it stood at #\(seq)"
        case .sitting(let n): header += " · as it stood after sitting \(n)"
        }
        return header.terminalSafe
    }

    /// Writes the replay to `out`: the JSON lines, or the header, the transcript and the summary.
    /// With `step`, the transcript goes one entry at a time to `step` instead, until it returns
    /// false (`--step`: the coach presses Enter for the next). Times are shown on `zone`'s clock.
    package func show(
        to out: inout some TextOutput, zone: Zone, step: ((_ entry: [Line]) -> Bool)? = nil
    ) {
        if request.json {
            // Only lines that passed every check, as they are in the file (controls escaped).
            out.write(json)
            return
        }
        out.line(header)
        if let step {
            out.flush()
            for event in state.events {
                let lines = Transcript.entry(event, in: state, zone: zone)
                guard !lines.isEmpty else { continue }
                guard step(lines) else { break }
            }
        } else {
            Transcript.render(state, zone: zone) { out.write($0) }
        }
        out.line("")
        for line in Transcript.summary(state) { out.line(line.text) }
    }
}

extension DataHome {
    /// The session id a log file is named by: its file name without `.jsonl`.
    package static func sessionID(ofLog path: String) -> String {
        let name = Files.fileName(of: path)
        return name.hasSuffix(".jsonl") ? String(name.dropLast(".jsonl".count)) : name
    }
}
