/// What the one-page card holds besides the agreements: the repair plan in labelled groups, each
/// agreement's status in a line, and, for `--full`, what each person said thread by thread.
extension Export {
    /// A labelled part of the repair plan: "Signs", "What helps", "How we repair", "Repairs that
    /// happened".
    struct RepairGroup: Equatable {
        /// One thing in the plan, after the question it answers when the label alone does not
        /// say what it is.
        struct Item: Equatable {
            var question: String?
            var text: String
        }

        var label: String
        var items: [Item]
    }

    /// The repair plan as the card shows it. The log does not say what an answer is for, only the
    /// pack section its question came from, so answers are grouped by section: a section named
    /// with "sign" gives the early warning signs, one named with "help" what helps, any other
    /// (Repair; Vibe check and a pack's own, each answer after its question) and `/repair TEXT`
    /// how we repair. What is tied to an
    /// agreement (`/repair A2 …`, or a question asked for it) is a repair that happened, dated.
    var repairGroups: [RepairGroup] {
        var signs: [RepairGroup.Item] = []
        var helps: [RepairGroup.Item] = []
        var how: [(seq: Int, item: RepairGroup.Item)] = []
        var happened: [(seq: Int, item: RepairGroup.Item)] = []
        func day(_ seq: Int) -> String {
            state.event(seq)?.at.calendarDate(in: zone).description ?? ""
        }
        for repair in state.repairPlan {
            if let agreement = repair.agreement {
                happened.append(
                    (repair.seq, RepairGroup.Item(text: "\(day(repair.seq)), \(agreement): \(repair.text)")))
            } else {
                how.append((repair.seq, RepairGroup.Item(text: repair.text)))
            }
        }
        var answersByThread: [Int: [AllianceState.Answer]] = [:]
        for answer in state.answers where !state.isRetracted(answer.seq) {
            if let thread = answer.thread { answersByThread[thread, default: []].append(answer) }
        }
        let questions = state.questions.filter {
            $0.kind == .repair && $0.opensThread && !state.isRetracted($0.seq)
        }
        for question in questions {
            let section = (question.section ?? "").lowercased()
            for answer in answersByThread[question.seq] ?? [] {
                let who = answer.by == .facilitator ? state.facilitatorName ?? "you" : answer.by.stored
                let said = "\(who): \(answer.text)"
                if let agreement = question.agreement {
                    happened.append(
                        (answer.seq, RepairGroup.Item(text: "\(day(answer.seq)), \(agreement): \(said)")))
                } else if section.contains("sign") {
                    signs.append(RepairGroup.Item(text: said))
                } else if section.contains("help") {
                    helps.append(RepairGroup.Item(text: said))
                } else if section.contains("repair") {
                    how.append((answer.seq, RepairGroup.Item(text: said)))
                } else {
                    // A section the card has no label for (a pack's own, Vibe check): the question
                    // says what the answer is, so "I slam the door" is not read as a repair.
                    how.append((answer.seq, RepairGroup.Item(question: question.text, text: said)))
                }
            }
        }
        return [
            RepairGroup(label: "Signs", items: signs),
            RepairGroup(label: "What helps", items: helps),
            RepairGroup(label: "How we repair", items: how.sorted { $0.seq < $1.seq }.map(\.item)),
            RepairGroup(
                label: "Repairs that happened", items: happened.sorted { $0.seq < $1.seq }.map(\.item)),
        ].filter { !$0.items.isEmpty }
    }

    /// Where an agreement stands, in one line: `agreed 2026-11-25 · kept 2026-12-16 · went off
    /// track 1×`.
    func status(_ agreement: AllianceState.Agreement) -> String {
        let verbs: [Review.Outcome: String] = [
            .keep: "kept", .adjust: "adjusted", .drop: "dropped", .skip: "skipped",
        ]
        var parts = ["agreed \(agreement.at.calendarDate(in: zone))"]
        if let last = agreement.decisions.last(where: { !state.isRetracted($0.seq) }) {
            parts.append("\(verbs[last.outcome] ?? last.outcome.rawValue) \(last.at.calendarDate(in: zone))")
        }
        let offTrack = agreement.offTrack.filter { !state.isRetracted($0) }.count
        if offTrack > 0 { parts.append("went off track \(offTrack)×") }
        return parts.joined(separator: " · ")
    }

    /// The last thing said about an agreement at a check-in, as its history tells it; the card
    /// shows that one, `--full` all of them.
    func lastRemark(_ agreement: AllianceState.Agreement, escape: (String) -> String) -> String? {
        guard let remark = state.remarks(about: agreement.id).last else { return nil }
        let at = state.event(remark.seq)?.at.calendarDate(in: zone).description ?? ""
        let text = state.currentText(of: remark.seq) ?? remark.text
        return "\(at), sitting \(remark.sitting): \(escape(remark.by.stored)) said “\(escape(text))”"
    }

    /// One question thread as a person answered it: their answers to the question, then each
    /// follow-up (probe or flip) with their answers under it.
    struct Thread {
        var question: String
        var answers: [String]
        var followUps: [(probe: String, answers: [String])]
    }

    /// What each person said (the facilitator's as "you"), thread by thread, follow-ups under
    /// their probe: the `--full` export's "What each of us said".
    var threadsByPerson: [(person: String, threads: [Thread])] {
        var said: [Actor: (threads: [Thread], index: [Int: Int])] = [:]
        for answer in state.answers where !state.isRetracted(answer.seq) {
            let key = answer.thread ?? -1
            var entry = said.removeValue(forKey: answer.by) ?? ([], [:])
            let index =
                entry.index[key]
                ?? {
                    let question = answer.thread.flatMap { state.question($0)?.text } ?? "(no question open)"
                    entry.threads.append(Thread(question: question, answers: [], followUps: []))
                    entry.index[key] = entry.threads.count - 1
                    return entry.threads.count - 1
                }()
            if let asked = answer.question, asked != answer.thread, let probe = state.question(asked)?.text {
                if let at = entry.threads[index].followUps.firstIndex(where: { $0.probe == probe }) {
                    entry.threads[index].followUps[at].answers.append(corrected(answer))
                } else {
                    entry.threads[index].followUps.append((probe, [corrected(answer)]))
                }
            } else {
                entry.threads[index].answers.append(corrected(answer))
            }
            said[answer.by] = entry
        }
        return speakers.compactMap { person in
            guard let threads = said[person]?.threads, !threads.isEmpty else { return nil }
            return (name(of: person), threads)
        }
    }
}
