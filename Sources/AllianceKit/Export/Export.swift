/// An alliance written out for people: Markdown, JSON, a one-page HTML card, or its dates as an
/// iCalendar file.
///
/// The Markdown and the HTML are a card that prints on one A4 or Letter page: the people, the
/// agreements (how we'll know, dates, where each stands), the next check-in, the repair plan
/// in labelled groups and the open take-aways. `full` adds the whole record after it: each
/// agreement's history, what each person said thread by thread, the sittings and the notes.
/// Private notes are left out unless `includePrivate` is set. Times are shown on `zone`'s clock
/// with its offset (`2026-12-03 14:05 +01:00`), since a reader could be anywhere; the JSON keeps
/// the log's UTC times.
public struct Export {
    public enum Format: String, CaseIterable, Sendable { case markdown, json, html, ics }

    package let id: String
    package let state: AllianceState
    package let includePrivate: Bool
    /// The clock times and dates are read on: the coach's (`Zone.local`) from the command line.
    package let zone: Zone
    /// When the export is made: the calendar's `DTSTAMP`, and "today" for what is next due.
    package let now: Timestamp
    /// The whole record after the card (`--full`), for the Markdown and the HTML.
    package let full: Bool

    public init(
        id: String, state: AllianceState, includePrivate: Bool = false, zone: Zone = .utc,
        now: Timestamp? = nil, full: Bool = false
    ) {
        self.full = full
        self.id = id
        self.state = state
        self.includePrivate = includePrivate
        self.zone = zone
        self.now = now ?? SystemClock().now()
    }

    public func render(_ format: Format) -> String {
        switch format {
        case .markdown: markdown()
        case .json: json()
        case .html: html()
        case .ics: ics()
        }
    }

    var title: String { state.title ?? "Alliance \(id)" }

    var notes: [AllianceState.Note] {
        state.notes.filter { !state.isRetracted($0.seq) && (includePrivate || !$0.isPrivate) }
    }

    /// Each person's answers (the facilitator's as "you"), grouped by the question they answer.
    var saidByPerson: [(person: String, items: [(question: String, answers: [String])])] {
        // One pass over the answers, whatever the number of people and questions.
        var said: [Actor: (items: [(question: String, answers: [String])], index: [String: Int])] = [:]
        for answer in state.answers where !state.isRetracted(answer.seq) {
            let question = answer.thread.flatMap { state.question($0)?.text } ?? "(no question open)"
            var entry = said.removeValue(forKey: answer.by) ?? ([], [:])
            if let index = entry.index[question] {
                entry.items[index].answers.append(corrected(answer))
            } else {
                entry.index[question] = entry.items.count
                entry.items.append((question, [corrected(answer)]))
            }
            said[answer.by] = entry
        }
        return speakers.compactMap { person in
            guard let items = said[person]?.items, !items.isEmpty else { return nil }
            return (name(of: person), items)
        }
    }

    /// Everyone who answered, in the order they joined, those who left the sitting (`without`)
    /// included, and the facilitator last.
    var speakers: [Actor] {
        var people = state.participants.map { Actor.participant($0) }
        var known = Set(people)
        for answer in state.answers where answer.by != .facilitator && !known.contains(answer.by) {
            known.insert(answer.by)
            people.append(answer.by)
        }
        return people + [.facilitator]
    }

    /// A person's name as the export shows it; the facilitator's own, or "You (facilitator)".
    func name(of person: Actor) -> String {
        person == .facilitator ? state.facilitatorName ?? "You (facilitator)" : person.stored
    }

    /// An answer as it stands, marked when it was corrected (`amend`).
    func corrected(_ answer: AllianceState.Answer) -> String {
        state.corrections(of: answer.seq).isEmpty ? answer.text : answer.text + " (corrected)"
    }

    var repairPlan: [String] { Transcript.repairPlan(state) }

    struct SittingSummary {
        var number: Int
        var started: Timestamp
        var closed: Timestamp?
        var answers: Int
        var agreements: Int
        var reviews: Int
        var pack: String?
    }

    var sittingSummaries: [SittingSummary] {
        // Counted once per sitting number, not filtered again for each sitting.
        var answers: [Int: Int] = [:]
        var agreements: [Int: Int] = [:]
        var reviews: [Int: Int] = [:]
        for answer in state.answers where !state.isRetracted(answer.seq) {
            answers[answer.sitting, default: 0] += 1
        }
        for agreement in state.allAgreements {
            agreements[agreement.sitting, default: 0] += 1
            for decision in agreement.decisions { reviews[decision.sitting, default: 0] += 1 }
        }
        return state.sittings.map { sitting in
            SittingSummary(
                number: sitting.number, started: sitting.started, closed: sitting.closed,
                answers: answers[sitting.number] ?? 0, agreements: agreements[sitting.number] ?? 0,
                reviews: reviews[sitting.number] ?? 0, pack: sitting.start.pack)
        }
    }

    /// `2026-11-25 09:00–10:30 +01:00`; the date again when the sitting closed on another day,
    /// and each end's offset when the clocks changed in between.
    func span(_ s: SittingSummary) -> String {
        let start = s.started.minute(in: zone)
        let offset = zone.offsetText(at: s.started)
        guard let closed = s.closed else { return "\(start) \(offset)–not closed" }
        let sameOffset = zone.offsetText(at: closed) == offset
        let end =
            closed.calendarDate(in: zone) == s.started.calendarDate(in: zone) && sameOffset
            ? String(closed.minute(in: zone).dropFirst(11)) : closed.minute(in: zone)
        return "\(start)\(sameOffset ? "" : " \(offset)")–\(end) \(zone.offsetText(at: closed))"
    }

    func counts(_ s: SittingSummary) -> String {
        var parts = [plural(s.answers, "answer"), plural(s.agreements, "new agreement")]
        if s.reviews > 0 { parts.append("\(plural(s.reviews, "agreement")) reviewed") }
        return parts.joined(separator: ", ")
    }

    // MARK: - Markdown

    func markdown() -> String {
        var out: [String] = ["# \(md(title))", ""]
        let people =
            state.participants.isEmpty
            ? ""
            : "\(state.facilitatorName.map { "\(md($0)) with " } ?? "With ")\(state.participants.map(md).joined(separator: ", ")) · "
        let first = state.sittings.first?.started.calendarDate(in: zone).description ?? ""
        let last = state.lastEventAt?.calendarDate(in: zone).description ?? first
        out.append(
            "\(people)\(plural(state.sittings.count, "sitting")), \(first == last ? first : "\(first) to \(last)") · session `\(id)`"
        )
        if let next = state.nextCheckin {
            out += ["", "**Next check-in: \(CalendarDate(next)?.shown ?? md(next))**"]
        }
        out += ["", "## Agreements", ""]
        let standing = state.liveAgreements
        if standing.isEmpty { out.append("None yet.") }
        for agreement in standing {
            var line = "- **\(md(agreement.id))** \(md(agreement.text))"
            if agreement.due != nil || agreement.know != nil || agreement.every != nil {
                line +=
                    " _(\(md(Transcript.commitment(due: agreement.due, know: agreement.know, every: agreement.every))))_"
            }
            out.append(line)
            if full {
                out += historyLines(agreement, escape: md).map { "  - " + $0 }
            } else {
                out.append("  - " + status(agreement))
                if let remark = lastRemark(agreement, escape: md) { out.append("  - " + remark) }
            }
        }
        let dropped = state.allAgreements.filter(\.dropped)
        if !dropped.isEmpty {
            out += ["", "Dropped:", ""]
            for agreement in dropped {
                out.append("- ~~**\(md(agreement.id))** \(md(agreement.text))~~")
                out +=
                    full
                    ? historyLines(agreement, escape: md).map { "  - " + $0 } : ["  - " + status(agreement)]
            }
        }
        out += ["", "## Repair plan"]
        let groups = repairGroups
        if groups.isEmpty { out += ["", "None designed yet."] }
        for group in groups {
            out += ["", "**\(group.label)**", ""]
            out += group.items.map { "- " + ($0.question.map { "_\(md($0))_ " } ?? "") + md($0.text) }
        }
        let takeAways = state.openTakeAways
        if !takeAways.isEmpty {
            out += ["", "## Taken away, to answer next time", ""]
            out += takeAways.map { "- **\(md($0.person))**: \(md(state.text(of: $0)))" }
        }
        guard full else { return out.map(\.terminalSafe).joined(separator: "\n") + "\n" }
        let commitments = standing.filter { $0.due != nil }.sorted { $0.due! < $1.due! }
        if !commitments.isEmpty {
            out += ["", "## Commitments", "", "| By | Agreement |", "| --- | --- |"]
            // md() escapes the `|` that would end a cell; once is enough.
            out += commitments.map { "| \(md($0.due!)) | **\(md($0.id))** \(md($0.text)) |" }
        }
        out += ["", "## What each of us said"]
        for (person, threads) in threadsByPerson {
            out += ["", "### \(md(person))", ""]
            for thread in threads {
                out.append("- *\(md(thread.question))*")
                out += thread.answers.map { "  - \(md($0))" }
                for followUp in thread.followUps {
                    out.append("  - *\(md(followUp.probe))*")
                    out += followUp.answers.map { "    - \(md($0))" }
                }
            }
        }
        out += ["", "## Sittings", ""]
        out += sittingSummaries.map {
            "\($0.number). \(span($0)): \(counts($0))\($0.pack.map { ", pack \(md($0))" } ?? "")"
        }
        if !notes.isEmpty {
            out += ["", "## Notes", ""]
            out += notes.map { "- \($0.isPrivate ? "(private) " : "")\(md($0.text))" }
        }
        // Every line once more, whatever it was built from: the Markdown is printed to a terminal
        // when there is no --output.
        return out.map(\.terminalSafe).joined(separator: "\n") + "\n"
    }

    /// `2026-11-25, sitting 1: agreed` and each change after it.
    /// `2026-11-25, sitting 1: agreed “…”` and each change after it, the person's words passed
    /// through `escape` (Markdown's, or none for HTML, which escapes the whole line).
    /// What was said about it at check-ins (`remark`) comes in among them, in order.
    func historyLines(_ agreement: AllianceState.Agreement, escape: (String) -> String) -> [String] {
        let history = agreement.history
        let remarks = state.remarks(about: agreement.id)
        guard history.count > 1 || !remarks.isEmpty else { return [] }
        let pastTense: [Review.Outcome: String] = [.keep: "kept", .drop: "dropped", .skip: "skipped"]
        let said = remarks.map { remark in
            let at = state.event(remark.seq)?.at.calendarDate(in: zone).description ?? ""
            let text = state.currentText(of: remark.seq) ?? remark.text
            return (
                remark.seq,
                "\(at), sitting \(remark.sitting): \(escape(remark.by.stored)) said “\(escape(text))”"
            )
        }
        let changes = history.map { change in
            switch change {
            case .agreed(let version), .adjusted(let version):
                let verb = change == .agreed(version) ? "agreed" : "adjusted to"
                var text =
                    "\(version.at.calendarDate(in: zone)), sitting \(version.sitting): \(verb) “\(escape(version.text))”"
                if let note = version.note { text += " (\(escape(note)))" }
                return (change.seq, text)
            case .decided(let decision):
                var text =
                    "\(decision.at.calendarDate(in: zone)), sitting \(decision.sitting): \(pastTense[decision.outcome] ?? "")"
                if let note = decision.note { text += " (\(escape(note)))" }
                return (change.seq, text)
            }
        }
        return (changes + said).sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// Text safe inside Markdown: control characters visible, markup characters escaped.
    func md(_ text: String) -> String {
        var out = ""
        for ch in text.terminalSafe {
            if "\\`*_[]<>#|~".contains(ch) { out.append("\\") }
            out.append(ch)
        }
        return out
    }

    // MARK: - JSON

    func json() -> String {
        // A private note stays out, and so does every correction of it (`amend` carries the words).
        let events = self.state.events.filter { (event: Event) -> Bool in
            if case .note(_, true) = event.kind { return includePrivate }
            if case .amend(let target, _) = event.kind, let amended = self.state.event(target),
                case .note(_, true) = amended.kind
            {
                return includePrivate
            }
            return true
        }
        let agreements: [JSONValue] = state.allAgreements.map { a in
            .object([
                ("id", .string(a.id)), ("text", .string(a.text)),
                ("status", .string(a.dropped ? "dropped" : "open")),
                ("due", .optional(a.due)), ("every", .optional(a.every?.description)),
                ("know", .optional(a.know)), ("sitting", .number(a.sitting)),
                (
                    "versions",
                    .array(
                        a.versions.map { v in
                            .object([
                                ("seq", .number(v.seq)), ("sitting", .number(v.sitting)),
                                ("at", .string(v.at.description)),
                                ("text", .string(v.text)), ("due", .optional(v.due)),
                                ("note", .optional(v.note)),
                            ])
                        })
                ),
                (
                    "decisions",
                    .array(
                        a.decisions.map { d in
                            .object([
                                ("seq", .number(d.seq)), ("sitting", .number(d.sitting)),
                                ("at", .string(d.at.description)),
                                ("outcome", .string(d.outcome.rawValue)), ("note", .optional(d.note)),
                            ])
                        })
                ),
                ("offTrack", .array(a.offTrack.filter { !self.state.isRetracted($0) }.map { .number($0) })),
            ])
        }
        let state: JSONValue = .object([
            ("title", .optional(self.state.title)),
            ("participants", .array(self.state.participants.map { .string($0) })),
            ("activePack", .optional(self.state.activePack)),
            ("nextCheckin", .optional(self.state.nextCheckin)),
            (
                "sittings",
                .array(
                    sittingSummaries.map { s in
                        .object([
                            ("n", .number(s.number)), ("started", .string(s.started.description)),
                            ("closed", .optional(s.closed?.description)), ("answers", .number(s.answers)),
                            ("agreements", .number(s.agreements)),
                        ])
                    })
            ),
            ("agreements", .array(agreements)),
            ("repairPlan", .array(repairPlan.map { .string($0) })),
            (
                "said",
                .array(
                    saidByPerson.map { person, items in
                        .object([
                            ("by", .string(person)),
                            (
                                "answers",
                                .array(
                                    items.map { item in
                                        .object([
                                            ("question", .string(item.question)),
                                            ("answers", .array(item.answers.map { .string($0) })),
                                        ])
                                    })
                            ),
                        ])
                    })
            ),
            (
                "notes",
                .array(
                    notes.map {
                        .object([
                            ("seq", .number($0.seq)), ("text", .string($0.text)),
                            ("private", .bool($0.isPrivate)),
                        ])
                    })
            ),
        ])
        let document: JSONValue = .object([
            ("session", .string(id)),
            ("format", .number(Event.formatVersion)),
            (
                "events",
                .array(
                    events.map {
                        .raw(
                            String(
                                decoding: EventCodec.encode($0, forTerminal: true).dropLast(), as: UTF8.self))
                    })
            ),
            ("state", withTakeAways(state)),
        ])
        return document.rendered() + "\n"
    }

    /// The JSON state with the open take-aways after the repair plan, when there are some (an
    /// export without any reads as before).
    func withTakeAways(_ value: JSONValue) -> JSONValue {
        let open = state.openTakeAways
        guard case .object(var fields) = value, !open.isEmpty else { return value }
        let takeAways: JSONValue = .array(
            open.map { t in
                .object([
                    ("seq", .number(t.seq)), ("thread", .number(t.thread)), ("by", .string(t.person)),
                    ("question", .string(state.text(of: t))), ("sitting", .number(t.sitting)),
                ])
            })
        let after = fields.firstIndex { $0.0 == "repairPlan" }.map { $0 + 1 } ?? fields.endIndex
        fields.insert(("takeAways", takeAways), at: after)
        return .object(fields)
    }

    // MARK: - HTML

    func html() -> String {
        func h(_ text: String) -> String {
            var out = ""
            for ch in text.terminalSafe {
                switch ch {
                case "&": out += "&amp;"
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                case "\"": out += "&quot;"
                case "'": out += "&#39;"
                default: out.append(ch)
                }
            }
            return out
        }
        var body: [String] = []
        // The facilitator is one of the people of the alliance when they gave their name (`--me`).
        let everyone = (state.facilitatorName.map { [$0] } ?? []) + state.participants
        let people = state.participants.isEmpty ? "" : "\(everyone.map(h).joined(separator: " · ")) · "
        let first = state.sittings.first?.started.calendarDate(in: zone).description ?? ""
        let last = state.lastEventAt?.calendarDate(in: zone).description ?? first
        let when = first.isEmpty ? "" : ", \(first == last ? first : "\(first) to \(last)")"
        body.append("<header><div><p class=\"kicker\">Our alliance</p><h1>\(h(title))</h1>")
        body.append(
            "<p class=\"meta\">\(people)\(plural(state.sittings.count, "sitting"))\(h(when)) · \(h(id))</p></div>"
        )
        if let next = state.nextCheckin {
            body.append(
                "<p class=\"next\"><span>Next check-in</span><strong>\(h(CalendarDate(next)?.shown ?? next))</strong></p>"
            )
        }
        body.append("</header>")
        body.append("<section><h2>What we agreed</h2>")
        let standing = state.liveAgreements
        if standing.isEmpty { body.append("<p class=\"empty\">Nothing yet.</p>") }
        body.append("<ol class=\"agreements\">")
        for a in standing {
            var item = "<li><span class=\"id\">\(h(a.id))</span><span class=\"text\">\(h(a.text))</span>"
            if a.due != nil || a.know != nil || a.every != nil {
                item +=
                    "<span class=\"commitment\">\(h(Transcript.commitment(due: a.due, know: a.know, every: a.every)))</span>"
            }
            let history =
                full ? historyLines(a, escape: { $0 }) : lastRemark(a, escape: { $0 }).map { [$0] } ?? []
            if !full { item += "<span class=\"status\">\(h(status(a)))</span>" }
            if !history.isEmpty {
                item +=
                    "<ul class=\"history\">"
                    + history.map { "<li>\(h($0))</li>" }.joined() + "</ul>"
            }
            body.append(item + "</li>")
        }
        body.append("</ol>")
        let dropped = state.allAgreements.filter(\.dropped)
        if !dropped.isEmpty {
            body.append(
                "<p class=\"dropped\">Dropped: "
                    + dropped.map { "<s>\(h($0.id)) \(h($0.text))</s>" }.joined(separator: " · ") + "</p>")
        }
        body.append("</section>")
        body.append("<section><h2>When things get tough</h2>")
        let groups = repairGroups
        body.append(
            groups.isEmpty
                ? "<p class=\"empty\">No repair plan yet.</p>"
                : "<div class=\"groups\">"
                    + groups.map {
                        "<div class=\"group\"><h3>\(h($0.label))</h3><ul class=\"repair\">"
                            + $0.items.map { item in
                                "<li>"
                                    + (item.question.map { "<span class=\"asked\">\(h($0))</span><br>" } ?? "")
                                    + "\(h(item.text))</li>"
                            }.joined() + "</ul></div>"
                    }.joined() + "</div>")
        body.append("</section>")
        let takeAways = state.openTakeAways
        if !takeAways.isEmpty {
            body.append("<section><h2>Taken away, to answer next time</h2><ul class=\"takeaways\">")
            body += takeAways.map { "<li><strong>\(h($0.person))</strong>: \(h(state.text(of: $0)))</li>" }
            body.append("</ul></section>")
        }
        if full {
            // The whole record starts on a page of its own: the first stays the card.
            body.append("<div class=\"record\">")
            let said = threadsByPerson
            if !said.isEmpty {
                body.append("<section><h2>What each of us said</h2><div class=\"people\">")
                for (person, threads) in said {
                    body.append("<div class=\"person\"><h3>\(h(person))</h3><dl>")
                    for thread in threads {
                        var entry =
                            "<dt>\(h(thread.question))</dt>"
                            + thread.answers.map { "<dd>\(h($0))</dd>" }.joined()
                        for followUp in thread.followUps {
                            entry +=
                                "<dd class=\"follow-up\"><em>\(h(followUp.probe))</em><ul>"
                                + followUp.answers.map { "<li>\(h($0))</li>" }.joined() + "</ul></dd>"
                        }
                        body.append(entry)
                    }
                    body.append("</dl></div>")
                }
                body.append("</div></section>")
            }
            if !notes.isEmpty {
                body.append("<section><h2>Notes</h2><ul class=\"notes\">")
                body += notes.map { "<li>\($0.isPrivate ? "<em>(private)</em> " : "")\(h($0.text))</li>" }
                body.append("</ul></section>")
            }
            body.append("<section><h2>Our sittings</h2><ol class=\"timeline\">")
            for s in sittingSummaries {
                body.append("<li><time>\(h(String(span(s))))</time><span>\(h(counts(s)))</span></li>")
            }
            body.append("</ol></section></div>")
        }
        return """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(h(title))</title>
            <style>
            :root { --ink: #1f2a30; --soft: #5b6b73; --line: #d8e1e5; --accent: #2f7d6d; --paper: #fbfaf7; }
            * { box-sizing: border-box; }
            body { margin: 0; background: #eef2f1; color: var(--ink); font: 15px/1.45 Georgia, "Iowan Old Style", serif; }
            main { max-width: 46rem; margin: 2rem auto; background: var(--paper); padding: 2.2rem 2.8rem; border-radius: 14px; box-shadow: 0 8px 30px rgba(31, 42, 48, .12); }
            header { display: flex; justify-content: space-between; align-items: flex-end; gap: 1.5rem; border-bottom: 2px solid var(--accent); padding-bottom: .8rem; margin-bottom: 1.2rem; }
            .kicker { margin: 0; text-transform: uppercase; letter-spacing: .12em; font: 600 .75rem/1 system-ui, sans-serif; color: var(--accent); }
            h1 { margin: .3rem 0 .2rem; font-size: 1.9rem; line-height: 1.15; }
            h2 { font: 600 .8rem/1 system-ui, sans-serif; text-transform: uppercase; letter-spacing: .1em; color: var(--soft); margin: 1.4rem 0 .6rem; break-after: avoid; }
            h3 { margin: 0 0 .3rem; font: 700 .9rem/1.3 system-ui, sans-serif; color: var(--accent); }
            .meta, .empty, .dropped { color: var(--soft); margin: 0; }
            .meta { font: .85rem/1.4 system-ui, sans-serif; }
            .dropped { margin-top: .4rem; font: .8rem/1.4 system-ui, sans-serif; }
            .next { margin: 0; flex: none; text-align: center; border: 2px solid var(--accent); border-radius: 10px; padding: .45rem .8rem; }
            .next span { display: block; font: 600 .65rem/1 system-ui, sans-serif; text-transform: uppercase; letter-spacing: .1em; color: var(--accent); }
            .next strong { display: block; margin-top: .25rem; font: 700 1.05rem/1.1 system-ui, sans-serif; white-space: nowrap; }
            ol.agreements { list-style: none; padding: 0; margin: 0; }
            ol.agreements > li { padding: .5rem 0 .5rem 3rem; position: relative; border-top: 1px solid var(--line); break-inside: avoid; }
            ol.agreements > li:first-child { border-top: 0; }
            .id { position: absolute; left: 0; top: .6rem; font: 700 .8rem/1 system-ui, sans-serif; color: #fff; background: var(--accent); border-radius: 999px; padding: .3rem .55rem; }
            .text { font-size: 1.08rem; }
            .commitment { display: block; color: var(--accent); font: .82rem/1.4 system-ui, sans-serif; margin-top: .15rem; }
            .status { display: block; color: var(--soft); font: .75rem/1.4 system-ui, sans-serif; }
            ul.history { margin: .2rem 0 0; padding-left: 1rem; color: var(--soft); font: .78rem/1.4 system-ui, sans-serif; }
            .groups { display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: .8rem 1.6rem; }
            .group { break-inside: avoid; }
            ul.repair, ul.notes, ul.takeaways { margin: 0; padding-left: 1.1rem; }
            ul.repair li { margin-bottom: .25rem; }
            .asked { font-style: italic; color: var(--soft); font-size: .9em; }
            .people { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: 1.5rem; }
            .person { break-inside: avoid; }
            dl { margin: 0; } dt { font-style: italic; color: var(--soft); margin-top: .6rem; } dd { margin: .1rem 0 0 1rem; }
            dd.follow-up em { color: var(--soft); } dd.follow-up ul { margin: .1rem 0 0; padding-left: 1rem; }
            ol.timeline { list-style: none; margin: 0; padding: 0 0 0 1rem; border-left: 2px solid var(--line); }
            ol.timeline li { position: relative; padding: 0 0 .8rem .8rem; font: .9rem/1.4 system-ui, sans-serif; }
            ol.timeline li::before { content: ""; position: absolute; left: -1.45rem; top: .35rem; width: .7rem; height: .7rem; border-radius: 50%; background: var(--accent); }
            time { display: block; font-weight: 600; }
            /* One page, A4 or Letter: the printer's paper, margins that fit both. */
            @page { margin: 14mm 15mm; }
            @media print {
              body { background: #fff; font-size: 10.5pt; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
              main { box-shadow: none; margin: 0; max-width: none; padding: 0; border-radius: 0; background: #fff; }
              h1 { font-size: 1.7rem; }
              h2 { margin: 1.1rem 0 .45rem; }
              ol.agreements > li { padding: .35rem 0 .35rem 3rem; }
              .id { top: .45rem; }
              .text { font-size: 1.02rem; }
              .record { break-before: page; }
            }
            </style>
            </head>
            <body>
            <main>
            \(body.joined(separator: "\n"))
            </main>
            </body>
            </html>

            """
    }
}
