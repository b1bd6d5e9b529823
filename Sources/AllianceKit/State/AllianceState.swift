/// An alliance as its log says it stands: the fold of every event so far.
///
/// `apply` is the only way it changes, and it is total: any event sequence a
/// log can hold folds without trapping, so a live shell and a replay of its log
/// always agree.
///
/// `==` is synthesized, so a state compares every stored property, the indices kept beside the
/// lists included: each of them is what folding the same events in the same order gives, so two
/// states of the same events are equal and a fold that differs anywhere is seen.
public struct AllianceState: Sendable, Equatable {
    package struct Sitting: Sendable, Equatable {
        package var number: Int
        package var seq: Int
        package var started: Timestamp
        package var closed: Timestamp?
        package var start: SittingStart
    }

    package enum QuestionKind: String, Sendable, Equatable {
        case ask, repair, probe, flip
    }

    /// A question the facilitator asked: to open a thread (`ask`, `repair`, a flip of a question)
    /// or to follow one up (`probe`, a flip of an answer).
    package struct Question: Sendable, Equatable {
        package var seq: Int
        package var text: String
        package var kind: QuestionKind
        /// The seq of the question that opened this thread (its own seq when it opened one).
        package var thread: Int
        package var sitting: Int
        package var pack: String?
        package var questionID: String?
        package var section: String?
        package var agreement: String?
        package var probeKey: String?
        /// For a flip: the words it was flipped from.
        package var flippedFrom: String?

        package var opensThread: Bool { thread == seq }
    }

    /// What someone said: a participant's answer or the facilitator's own (`mine`).
    package struct Answer: Sendable, Equatable {
        package var seq: Int
        package var by: Actor
        package var text: String
        /// The question it answers; nil for a `mine` with no question open.
        package var question: Int?
        package var thread: Int?
        package var sitting: Int
    }

    public struct Agreement: Sendable, Equatable {
        /// One wording of an agreement: the first, then each adjustment.
        package struct Version: Sendable, Equatable {
            package var seq: Int
            package var sitting: Int
            package var at: Timestamp
            package var text: String
            package var due: String?
            package var note: String?
        }

        /// A check-in's decision: keep, adjust, drop or skip.
        package struct Decision: Sendable, Equatable {
            package var seq: Int
            package var sitting: Int
            package var at: Timestamp
            package var outcome: Review.Outcome
            package var note: String?
        }

        package var id: String
        /// The wording that stands now.
        package var text: String
        package var seq: Int
        package var sitting: Int
        package var at: Timestamp
        package var thread: Int?
        /// By when (`YYYY-MM-DD`), as it stands now.
        package var due: String?
        /// How each will know it is kept.
        package var know: String?
        /// How often it is checked in on; nil for a dated or ongoing agreement.
        package var every: Cadence? = nil
        /// Seqs of `repair` events and repair questions naming this agreement, withdrawn ones
        /// included (a withdrawal is folded in O(1)): count those `isRetracted` does not hold.
        package var offTrack: [Int]
        /// Every wording, oldest first; nothing is lost when an agreement changes.
        package var versions: [Version]
        package var decisions: [Decision]
        package var dropped: Bool

        /// One step in an agreement's history.
        package enum Change: Sendable, Equatable {
            case agreed(Version)
            case adjusted(Version)
            /// keep, drop or skip (an adjustment is an `adjusted` version).
            case decided(Decision)

            package var seq: Int {
                switch self {
                case .agreed(let v), .adjusted(let v): v.seq
                case .decided(let d): d.seq
                }
            }
        }

        /// Every wording and every check-in decision, oldest first.
        package var history: [Change] {
            let wordings = versions.enumerated().map { n, version in
                n == 0 ? Change.agreed(version) : .adjusted(version)
            }
            let decided = decisions.filter { $0.outcome != .adjust }.map(Change.decided)
            return (wordings + decided).sorted { $0.seq < $1.seq }
        }
    }

    public struct Repair: Sendable, Equatable {
        package var seq: Int
        package var text: String
        package var agreement: String?
        package var sitting: Int
    }

    /// What someone said about an agreement during a check-in (`remark`).
    package struct Remark: Sendable, Equatable {
        package var seq: Int
        package var by: Actor
        package var agreement: String
        package var text: String
        package var sitting: Int
    }

    package struct Note: Sendable, Equatable {
        package var seq: Int
        package var text: String
        package var sitting: Int
        package var isPrivate: Bool
    }

    package private(set) var title: String?
    package private(set) var sittings: [Sitting] = []
    /// Everyone taking part, in the order they joined (the facilitator is not listed).
    package var participants: [String] { roster.names }
    /// Whose answers free text records.
    package private(set) var current: String?
    /// The facilitator's own name for this alliance (`/me`, `--me`); nil means "you".
    package private(set) var facilitatorName: String?
    /// Corrected wordings (`amend`), oldest first; each record's `text` is the latest that stands.
    package private(set) var amendments: [Amendment] = []
    package private(set) var activePack: String?
    package private(set) var questions: [Question] = []
    package private(set) var answers: [Answer] = []
    package private(set) var agreements: [Agreement] = []
    package private(set) var repairs: [Repair] = []
    package private(set) var notes: [Note] = []
    /// What was said about agreements during check-ins, withdrawn ones included (`remarks(about:)`
    /// gives those that stand).
    package private(set) var remarks: [Remark] = []
    /// Every `next` event folded in, oldest first (`nextCheckin` is the last that stands).
    package private(set) var nextDates: [NextDate] = []

    /// A `next` event: when the alliance will be checked in on next.
    package struct NextDate: Sendable, Equatable {
        package var seq: Int
        package var date: String
    }

    /// Every `later` event folded in, oldest first, withdrawn ones included (`openTakeAways`
    /// tells which are still open).
    package private(set) var takeAways: [TakeAway] = []

    /// A question someone took away to think about (`later`).
    package struct TakeAway: Sendable, Equatable {
        package var seq: Int
        /// The seq of the question that opened the thread taken away.
        package var thread: Int
        package var person: String
        package var sitting: Int
    }

    /// Take-aways that stand and are still open: not withdrawn, and the question not answered
    /// again by that person in a later sitting (the same pack question, or the same wording).
    package var openTakeAways: [TakeAway] {
        takeAways.filter { takeAway in
            guard !isRetracted(takeAway.seq), let asked = question(takeAway.thread) else { return false }
            return !answers.contains { answer in
                answer.sitting > takeAway.sitting && !isRetracted(answer.seq)
                    && answer.by.stored.lowercased() == takeAway.person.lowercased()
                    && answer.thread.flatMap(question).map { Self.sameQuestion($0, asked) } == true
            }
        }
    }

    /// Whether two threads ask the same thing: the same pack question, or the same wording.
    package static func sameQuestion(_ one: Question, _ other: Question) -> Bool {
        if let id = one.questionID, one.pack != nil {
            return one.pack == other.pack && id == other.questionID
        }
        return other.questionID == nil && one.text == other.text
    }

    /// Open take-aways from earlier sittings whose question has not been asked again in this one:
    /// what `/ask` with nothing after it asks before anything new.
    package var takeAwaysToAskAgain: [TakeAway] {
        openTakeAways.filter { takeAway in
            guard takeAway.sitting < sittingNumber, let asked = question(takeAway.thread) else {
                return false
            }
            return !questions.contains { other in
                other.sitting == sittingNumber && other.opensThread && !isRetracted(other.seq)
                    && Self.sameQuestion(other, asked)
            }
        }
    }

    /// The wording of the question a take-away is about, as it stands.
    package func text(of takeAway: TakeAway) -> String {
        question(takeAway.thread)?.text ?? ""
    }

    /// When the alliance will be checked in on next (`YYYY-MM-DD`): the last `/next` that stands.
    package var nextCheckin: String? {
        nextDates.last { !isRetracted($0.seq) }?.date
    }
    /// What rules showed the facilitator, with the seq of each notice.
    package private(set) var notices: [Notice] = []
    /// Rules muted for the sitting in progress (`plugin/rule`).
    package private(set) var muted: Set<String> = []
    /// Seqs withdrawn by `retract` events, mapped to the seq of the retraction.
    package private(set) var retracted: [Int: Int] = [:]
    /// The question answers are recorded against, and the thread it belongs to.
    package private(set) var openQuestion: Int?
    package private(set) var openThread: Int?
    package private(set) var lastSeq = 0
    package private(set) var lastEventAt: Timestamp?
    /// Every event folded in, in order. After a damaged line a seq can be missing, so
    /// look events up with `event(_:)`, never by position.
    public private(set) var events: [Event] = []
    /// Whether every event came with a higher seq than the one before, as a log's do; then
    /// events and questions are looked up by binary search, with no index kept beside them.
    private var inOrder = true
    /// Who joined (`with`, a sitting's participants) and who left (`without`), in order.
    private var memberships: [Membership] = []
    /// Who takes part now, kept as each joining and leaving folds in (never rebuilt per event).
    private var roster = Roster()
    /// Per name (lowercased), the indices in `memberships` of that person's joinings and
    /// leavings, in order; withdrawn ones are dropped once a withdrawal walks the list.
    private var membershipsOf: [String: [Int]] = [:]
    /// The index in `memberships` of the first change of each joining event (a `with`, a sitting
    /// with participants), newest last; withdrawn ones are popped.
    private var joinings: [Int] = []
    /// Per amended seq, the indices in `amendments` of its corrections not known to be withdrawn.
    private var amendmentsByTarget: [Int: [Int]] = [:]
    /// Per agreement id, the index in `agreements` of the last agreement with it.
    private var agreementByID: [String: Int] = [:]
    /// Per `review` seq folded in, the index in `agreements` of the agreement it decided on.
    private var reviewedAgreement: [Int: Int] = [:]
    /// Indices in `questions` that may still be open, newest last; withdrawn ones are popped.
    private var questionStack: [Int] = []
    /// The `me` events, newest last; withdrawn ones are popped.
    private var meStack: [FacilitatorName] = []

    /// A rule's notice (a `rule` event) and its seq.
    package struct Notice: Sendable, Equatable {
        package var seq: Int
        package var notice: RuleNotice
    }

    /// A name the facilitator took (a `me` event) and its seq.
    struct FacilitatorName: Sendable, Equatable {
        var seq: Int
        var name: String
    }

    /// A correction of the wording of the entry at `target`.
    package struct Amendment: Sendable, Equatable {
        package var seq: Int
        package var target: Int
        package var text: String
    }

    /// Someone joining (or switched to) or leaving.
    struct Membership: Sendable, Equatable {
        var seq: Int
        var name: String
        var joins: Bool
    }

    /// Who takes part, in the order they joined. Every joining and leaving has a rank, its index
    /// in `memberships`; someone taking part holds the rank of the joining that added them (their
    /// first standing joining since they last left), and the order is by rank. Per name
    /// (lowercased) the rank it holds, and a Fenwick tree of the ranks held to find the first:
    /// a change costs O(log n) and one person's place can be set again in place, wherever it is.
    struct Roster: Sendable, Equatable {
        /// Per rank, the spelling of whoever holds it; nil for the rest.
        private var byRank: [String?] = []
        private var rankOf: [String: Int] = [:]
        /// Fenwick tree (1-based) of how many ranks are held.
        private var held: [Int32] = [0]

        var names: [String] { byRank.compactMap { $0 } }
        var first: String? {
            guard !rankOf.isEmpty else { return nil }
            // The last position whose prefix holds no one; the one after it is the first held.
            var position = 0
            var step = 1
            while step * 2 < held.count { step *= 2 }
            while step > 0 {
                if position + step < held.count && held[position + step] == 0 { position += step }
                step /= 2
            }
            return byRank[position]
        }

        /// The spelling of the participant `name` names, ignoring case.
        func spelling(of name: String) -> String? { rankOf[name.lowercased()].flatMap { byRank[$0] } }

        func contains(exactly name: String) -> Bool { spelling(of: name) == name }

        /// Folds in the next joining or leaving (nil: a withdrawn one), at the next rank.
        mutating func record(_ change: Membership?) {
            let rank = byRank.count
            guard let change, change.joins else {
                byRank.append(nil)
                appendHeld(0)
                if let change, let rank = rankOf.removeValue(forKey: change.name.lowercased()) {
                    release(rank)
                }
                return
            }
            let key = change.name.lowercased()
            guard rankOf[key] == nil else {
                byRank.append(nil)
                appendHeld(0)
                return
            }
            rankOf[key] = rank
            byRank.append(change.name)
            appendHeld(1)
        }

        /// Sets where the person `key` names stands: at `rank`, spelled `name`, or not at all.
        mutating func place(_ key: String, at place: (rank: Int, name: String)?) {
            if let rank = rankOf.removeValue(forKey: key) { release(rank) }
            guard let place else { return }
            rankOf[key] = place.rank
            byRank[place.rank] = place.name
            add(1, at: place.rank)
        }

        private mutating func release(_ rank: Int) {
            byRank[rank] = nil
            add(-1, at: rank)
        }

        private mutating func appendHeld(_ value: Int32) {
            let i = held.count
            let low = i - (i & -i)
            var sum = value
            var j = i - 1
            while j > low {
                sum += held[j]
                j -= j & -j
            }
            held.append(sum)
        }

        private mutating func add(_ delta: Int32, at rank: Int) {
            var i = rank + 1
            while i < held.count {
                held[i] += delta
                i += i & -i
            }
        }
    }

    package init() {}

    public init(replaying events: [Event]) {
        for event in events { apply(event) }
    }

    /// Folds one event in.
    package mutating func apply(_ event: Event) {
        if event.seq <= lastSeq { inOrder = false }
        lastSeq = event.seq
        lastEventAt = event.at
        events.append(event)
        let sitting = max(sittings.count, 1)
        switch event.kind {
        case .sitting(let start):
            sittings.append(Sitting(number: start.number, seq: event.seq, started: event.at, start: start))
            if let title = start.title { self.title = title }
            if !start.participants.isEmpty { joinings.append(memberships.count) }
            for name in start.participants {
                addMembership(Membership(seq: event.seq, name: name, joins: true))
            }
            if let pack = start.pack { activePack = pack }
            openQuestion = nil
            openThread = nil
            muted = []
            if let first = start.participants.first { current = first }
        case .with(let name):
            joinings.append(memberships.count)
            addMembership(Membership(seq: event.seq, name: name, joins: true))
            current = roster.spelling(of: name) ?? name
        case .without(let name):
            addMembership(Membership(seq: event.seq, name: name, joins: false))
            if let current, !roster.contains(exactly: current) { self.current = roster.first }
        case .me(let name):
            facilitatorName = name
            meStack.append(FacilitatorName(seq: event.seq, name: name))
        case .amend(let target, let text):
            amendmentsByTarget[target, default: []].append(amendments.count)
            amendments.append(Amendment(seq: event.seq, target: target, text: text))
            setText(of: target, to: text)
        case .pack(let id, _):
            activePack = id
        case .ask(let asked):
            addQuestion(
                Question(
                    seq: event.seq, text: asked.text, kind: asked.move == .repair ? .repair : .ask,
                    thread: event.seq,
                    sitting: sitting, pack: asked.pack, questionID: asked.question, section: asked.section,
                    agreement: asked.agreement))
            if let id = asked.agreement { markOffTrack(id, seq: event.seq) }
        case .probe(let text, let thread, let key):
            addQuestion(
                Question(
                    seq: event.seq, text: text, kind: .probe, thread: thread, sitting: sitting, probeKey: key)
            )
        case .flip(let text, let from, let thread):
            addQuestion(
                Question(
                    seq: event.seq, text: text, kind: .flip, thread: thread ?? event.seq, sitting: sitting,
                    flippedFrom: from))
        case .answer(let text, let to):
            let thread = question(to)?.thread
            answers.append(
                Answer(
                    seq: event.seq, by: event.by, text: text, question: to, thread: thread, sitting: sitting))
        case .mine(let text, let to):
            let thread = to.flatMap(question)?.thread
            answers.append(
                Answer(
                    seq: event.seq, by: .facilitator, text: text, question: to, thread: thread,
                    sitting: sitting))
        case .agree(let id, let text, let thread, let due, let know, let every):
            let version = Agreement.Version(
                seq: event.seq, sitting: sitting, at: event.at, text: text, due: due)
            agreementByID[id] = agreements.count
            agreements.append(
                Agreement(
                    id: id, text: text, seq: event.seq, sitting: sitting, at: event.at, thread: thread,
                    due: due,
                    know: know, every: every, offTrack: [], versions: [version], decisions: [], dropped: false
                ))
        case .review(let review):
            fold(review, at: event, sitting: sitting)
        case .repair(let text, let agreement):
            repairs.append(Repair(seq: event.seq, text: text, agreement: agreement, sitting: sitting))
            if let agreement { markOffTrack(agreement, seq: event.seq) }
        case .note(let text, let isPrivate):
            notes.append(Note(seq: event.seq, text: text, sitting: sitting, isPrivate: isPrivate))
        case .checkin:
            break
        case .retract(let target):
            retract(target, by: event.seq)
        case .close:
            if !sittings.isEmpty { sittings[sittings.count - 1].closed = event.at }
            openQuestion = nil
            openThread = nil
        case .rule(let notice):
            notices.append(Notice(seq: event.seq, notice: notice))
        case .mute(let rule, let isMuted):
            if isMuted { muted.insert(rule) } else { muted.remove(rule) }
        case .reload:
            break
        case .next(let date):
            nextDates.append(NextDate(seq: event.seq, date: date))
        case .later(let thread, let name):
            takeAways.append(TakeAway(seq: event.seq, thread: thread, person: name, sitting: sitting))
        case .remark(let text, let agreement):
            remarks.append(
                Remark(seq: event.seq, by: event.by, agreement: agreement, text: text, sitting: sitting))
        }
    }

    private mutating func addMembership(_ change: Membership) {
        membershipsOf[change.name.lowercased(), default: []].append(memberships.count)
        memberships.append(change)
        roster.record(change)
    }

    private mutating func addQuestion(_ question: Question) {
        questionStack.append(questions.count)
        questions.append(question)
        openQuestion = question.seq
        openThread = question.thread
    }

    /// Folds a check-in decision into the agreement it is about.
    private mutating func fold(_ review: Review, at event: Event, sitting: Int) {
        guard let index = standingAgreement(review.agreement) else { return }
        reviewedAgreement[event.seq] = index
        agreements[index].decisions.append(
            Agreement.Decision(
                seq: event.seq, sitting: sitting, at: event.at, outcome: review.outcome, note: review.note))
        switch review.outcome {
        case .adjust:
            let text = review.text ?? agreements[index].text
            let due = review.due ?? agreements[index].due
            agreements[index].text = text
            agreements[index].due = due
            agreements[index].every = review.every ?? agreements[index].every
            agreements[index].versions.append(
                Agreement.Version(
                    seq: event.seq, sitting: sitting, at: event.at, text: text, due: due, note: review.note))
        case .drop: agreements[index].dropped = true
        case .keep, .skip: break
        }
    }

    /// The index of the last agreement with this id that is not withdrawn. Ids are never
    /// reused, so this is the one `agreementByID` holds unless a crafted log repeats an id.
    private func standingAgreement(_ id: String) -> Int? {
        guard let last = agreementByID[id] else { return nil }
        if !isRetracted(agreements[last].seq) { return last }
        return agreements[..<last].lastIndex { $0.id == id && !isRetracted($0.seq) }
    }

    /// The agreement at `index` again from its `agree` and the check-in decisions that stand:
    /// after one of its decisions is withdrawn.
    private mutating func refold(agreement index: Int) {
        var agreement = agreements[index]
        let first = agreement.versions[0]
        agreement.decisions.removeAll { isRetracted($0.seq) }
        agreement.text = first.text
        agreement.due = first.due
        if case .agree(_, _, _, _, _, let every)? = event(agreement.seq)?.kind { agreement.every = every }
        agreement.versions = [first]
        agreement.dropped = false
        for decision in agreement.decisions {
            switch decision.outcome {
            case .adjust:
                guard case .review(let review)? = event(decision.seq)?.kind else { continue }
                agreement.text = review.text ?? agreement.text
                agreement.due = review.due ?? agreement.due
                agreement.every = review.every ?? agreement.every
                agreement.versions.append(
                    Agreement.Version(
                        seq: decision.seq, sitting: decision.sitting, at: decision.at, text: agreement.text,
                        due: agreement.due, note: review.note))
            case .drop: agreement.dropped = true
            case .keep, .skip: break
            }
        }
        agreements[index] = agreement
    }

    /// Notes that `seq` (a `repair`, or a repair question) names agreement `id`. A withdrawn one
    /// stays listed: readers count `offTrack` entries that are not withdrawn.
    private mutating func markOffTrack(_ id: String, seq: Int) {
        if let index = agreementByID[id] { agreements[index].offTrack.append(seq) }
    }

    private mutating func retract(_ target: Int, by seq: Int) {
        guard target < seq, retracted[target] == nil, let withdrawn = event(target),
            withdrawn.kind.isRetractable
        else { return }
        retracted[target] = seq
        switch withdrawn.kind {
        case .with(let name), .without(let name):
            // As if it had never happened: who takes part, and whose answers free text records.
            if inOrder {
                restand(name.lowercased())
            } else {
                // Seqs out of order (a crafted log) can share one: fold all that stand again.
                (roster, current) = rosterFromMemberships()
            }
        case .me:
            while let last = meStack.last, isRetracted(last.seq) { meStack.removeLast() }
            facilitatorName = meStack.last?.name
        case .amend(let amended, _):
            setText(of: amended, to: currentText(of: amended) ?? "")
        case .ask, .probe, .flip:
            while let last = questionStack.last, isRetracted(questions[last].seq) {
                questionStack.removeLast()
            }
            let live = questionStack.last.map { questions[$0] }.flatMap {
                $0.sitting == sittings.count ? $0 : nil
            }
            openQuestion = live?.seq
            openThread = live?.thread
        case .agree:
            // Withdrawn agreements are left out by `liveAgreements` and `allAgreements`; a
            // later check-in decision on it finds nothing (`standingAgreement`).
            break
        case .review:
            if let index = reviewedAgreement[target] { refold(agreement: index) }
        case .answer, .mine, .repair, .note, .next, .later, .remark:
            // Left out by every reader that counts what stands (`isRetracted`).
            break
        case .sitting, .pack, .retract, .close, .rule, .mute, .reload, .checkin:
            // Not retractable: `isRetractable` turned them away above.
            break
        }
    }

    /// After a joining or leaving of the person `key` names is withdrawn: their place from their
    /// own joinings and leavings that stand (linear in those), and whose answers free text
    /// records, as `rosterFromMemberships` would find them. With seqs in order, that is the
    /// person the last standing joining names if they are still there (no joining came since, so
    /// nothing moved them), else the first taking part: after that joining only leavings came,
    /// and each leaving of whoever answers passes to the first one left.
    private mutating func restand(_ key: String) {
        var place: (rank: Int, name: String)?
        var standing: [Int] = []
        for index in membershipsOf[key] ?? [] where !isRetracted(memberships[index].seq) {
            standing.append(index)
            let change = memberships[index]
            if !change.joins {
                place = nil
            } else if place == nil {
                place = (index, change.name)
            }
        }
        membershipsOf[key] = standing
        roster.place(key, at: place)
        while let last = joinings.last, isRetracted(memberships[last].seq) { joinings.removeLast() }
        if let last = joinings.last {
            current = roster.spelling(of: memberships[last].name) ?? roster.first
        } else {
            current = nil
        }
    }

    /// Who takes part and whose answers free text records, from the joinings and leavings that
    /// stand, in order: a sitting's first participant, the one a `with` names, and after a
    /// `without` of that person the first still taking part (as `apply` does).
    private func rosterFromMemberships() -> (Roster, String?) {
        var roster = Roster()
        var current: String?
        var start = memberships.startIndex
        while start < memberships.endIndex {
            let seq = memberships[start].seq
            var end = start
            while end < memberships.endIndex && memberships[end].seq == seq { end += 1 }
            let changes = memberships[start..<end]
            start = end
            guard !isRetracted(seq), let first = changes.first else {
                for _ in changes { roster.record(nil) }
                continue
            }
            for change in changes { roster.record(change) }
            if first.joins {
                current = roster.spelling(of: first.name) ?? first.name
            } else if let now = current, !roster.contains(exactly: now) {
                current = roster.first
            }
        }
        return (roster, current)
    }

    /// Gives the answer, note, question or repair at `seq` the wording `text`.
    private mutating func setText(of seq: Int, to text: String) {
        if let i = Self.index(of: seq, in: answers, inOrder: inOrder, seq: \.seq) { answers[i].text = text }
        if let i = Self.index(of: seq, in: questions, inOrder: inOrder, seq: \.seq) {
            questions[i].text = text
        }
        if let i = Self.index(of: seq, in: notes, inOrder: inOrder, seq: \.seq) { notes[i].text = text }
        if let i = Self.index(of: seq, in: repairs, inOrder: inOrder, seq: \.seq) { repairs[i].text = text }
        if let i = Self.index(of: seq, in: remarks, inOrder: inOrder, seq: \.seq) { remarks[i].text = text }
        // Corrections withdrawn at the end of the list are gone for good (a withdrawal stands).
        while let last = amendmentsByTarget[seq]?.last, isRetracted(amendments[last].seq) {
            amendmentsByTarget[seq]?.removeLast()
        }
    }

    /// The wording of the entry at `seq` as it stands: its latest correction, else as recorded.
    package func currentText(of seq: Int) -> String? {
        if let indices = amendmentsByTarget[seq],
            let last = indices.last(where: { !isRetracted(amendments[$0].seq) })
        {
            return amendments[last].text
        }
        return event(seq).flatMap { Self.recordedText(of: $0.kind) }
    }

    /// The corrections of the entry at `seq` that stand, oldest first.
    package func corrections(of seq: Int) -> [Amendment] {
        guard let indices = amendmentsByTarget[seq] else { return [] }
        return indices.map { amendments[$0] }.filter { !isRetracted($0.seq) }
    }

    /// The wording an event was recorded with, for those that have one.
    static func recordedText(of kind: EventKind) -> String? {
        switch kind {
        case .answer(let text, _), .mine(let text, _), .note(let text, _), .repair(let text, _),
            .remark(let text, _):
            text
        case .ask(let asked): asked.text
        case .probe(let text, _, _), .flip(let text, _, _): text
        case .sitting, .with, .pack, .agree, .checkin, .review, .retract, .amend, .without, .me, .close,
            .rule,
            .mute, .reload, .next, .later:
            nil
        }
    }

    /// Whether the `with` at `seq` added someone new (rather than switching to someone there).
    package func joined(at seq: Int) -> Bool {
        if inOrder {
            // Memberships are in seq order: the first with this seq, then that person's own.
            guard let index = Self.index(of: seq, in: memberships, inOrder: true, seq: \.seq) else {
                return false
            }
            var present = false
            for earlier in membershipsOf[memberships[index].name.lowercased()] ?? [] {
                guard memberships[earlier].seq < seq else { break }
                if !isRetracted(memberships[earlier].seq) { present = memberships[earlier].joins }
            }
            return !present
        }
        guard let change = memberships.first(where: { $0.seq == seq }) else { return false }
        var present = false
        for earlier in memberships where earlier.seq < seq && !isRetracted(earlier.seq) {
            if earlier.name.lowercased() == change.name.lowercased() { present = earlier.joins }
        }
        return !present
    }

    /// Who someone typed means: a participant by whole name or first name, ignoring case and
    /// accents (`amara` finds "Amara Okafor", `zoe` finds "Zoë").
    package enum PersonMatch: Equatable, Sendable {
        case one(String)
        case several([String])
        case none
    }

    package func people(matching typed: String) -> PersonMatch {
        Self.people(matching: typed, among: participants)
    }

    /// Who someone typed means among those who took part and have left (`without`), so
    /// `/with zoe` brings Zoë back rather than adding a second "zoe".
    package func formerPeople(matching typed: String) -> PersonMatch {
        var former: [String] = []
        var seen = Set(participants.map { $0.lowercased() })
        for change in memberships where change.joins && !isRetracted(change.seq) {
            if seen.insert(change.name.lowercased()).inserted { former.append(change.name) }
        }
        return Self.people(matching: typed, among: former)
    }

    static func people(matching typed: String, among participants: [String]) -> PersonMatch {
        let key = typed.trimmed.foldedForNames
        guard !key.isEmpty else { return .none }
        let whole = participants.filter { $0.foldedForNames == key }
        if whole.count == 1 { return .one(whole[0]) }
        let first = participants.filter { name in
            name.split(separator: " ").first.map { String($0).foldedForNames == key } ?? false
        }
        switch first.count {
        case 0: return .none
        case 1: return .one(first[0])
        default: return .several(first)
        }
    }

    // MARK: - Questions a command asks of the state

    package func isRetracted(_ seq: Int) -> Bool { retracted[seq] != nil }

    /// The event with this seq, if there is one.
    package func event(_ seq: Int) -> Event? { Self.find(seq, in: events, inOrder: inOrder, seq: \.seq) }

    /// The kind of event at `seq`, if there is one.
    package func kind(of seq: Int) -> EventKind? {
        event(seq)?.kind
    }

    package func question(_ seq: Int) -> Question? {
        Self.find(seq, in: questions, inOrder: inOrder, seq: \.seq)
    }

    /// The element with this seq: by binary search when seqs only grow, else the last one with it.
    private static func find<T>(_ seq: Int, in items: [T], inOrder: Bool, seq key: (T) -> Int) -> T? {
        index(of: seq, in: items, inOrder: inOrder, seq: key).map { items[$0] }
    }

    /// The index of the element with this seq: by binary search when seqs only grow, else the
    /// last one with it.
    private static func index<T>(of seq: Int, in items: [T], inOrder: Bool, seq key: (T) -> Int) -> Int? {
        guard inOrder else { return items.lastIndex { key($0) == seq } }
        var low = 0
        var high = items.count
        while low < high {
            let middle = (low + high) / 2
            if key(items[middle]) < seq { low = middle + 1 } else { high = middle }
        }
        return low < items.count && key(items[low]) == seq ? low : nil
    }

    /// The sitting in progress (or last held); 0 before the first.
    public var sittingNumber: Int { sittings.last?.number ?? 0 }

    /// Whether the pack's question has been asked, in any sitting, and not withdrawn.
    package func hasAsked(pack: String, question id: String) -> Bool {
        questions.contains { $0.pack == pack && $0.questionID == id && !isRetracted($0.seq) }
    }

    /// Keys of the probes already asked in a thread.
    package func probeKeys(inThread thread: Int) -> Set<String> {
        Set(
            questions.lazy.filter { $0.thread == thread && $0.kind == .probe && !self.isRetracted($0.seq) }
                .compactMap(\.probeKey))
    }

    /// The answers given in a thread, not withdrawn, in order.
    package func answers(inThread thread: Int) -> [Answer] {
        answers.filter { $0.thread == thread && !isRetracted($0.seq) }
    }

    /// The last answer given by a participant in the sitting, not withdrawn.
    package var lastAnswer: Answer? {
        answers.last { !isRetracted($0.seq) && $0.sitting == sittingNumber && $0.by != .facilitator }
    }

    /// Agreements that stand: not withdrawn.
    public var liveAgreements: [Agreement] { agreements.filter { !isRetracted($0.seq) && !$0.dropped } }

    /// Agreements not withdrawn, dropped ones included: the whole history.
    package var allAgreements: [Agreement] { agreements.filter { !isRetracted($0.seq) } }

    /// The agreements a check-in in progress has yet to walk, in order; empty when none is.
    public var checkinQueue: [String] {
        let sittingStart = sittings.last?.seq ?? 0
        guard let start = events.last(where: { $0.seq > sittingStart && $0.kind == .checkin })?.seq else {
            return []
        }
        return liveAgreements.filter { agreement in
            agreement.seq < start && !agreement.decisions.contains { $0.seq > start }
        }.map(\.id)
    }

    /// What was said about agreement `id` during check-ins, not withdrawn, oldest first.
    package func remarks(about id: String) -> [Remark] {
        remarks.filter { $0.agreement.lowercased() == id.lowercased() && !isRetracted($0.seq) }
    }

    /// The agreement a check-in in progress has under review, while no question asked since it
    /// began is open: free text then says something about it (`remark`) rather than answering.
    package var agreementUnderReview: String? {
        let sittingStart = sittings.last?.seq ?? 0
        guard let start = events.last(where: { $0.seq > sittingStart && $0.kind == .checkin })?.seq,
            openQuestion.map({ $0 < start }) ?? true
        else { return nil }
        return checkinQueue.first
    }

    package func agreement(_ id: String) -> Agreement? {
        allAgreements.last { $0.id.lowercased() == id.lowercased() }
    }

    /// The id the next agreement gets: ids are never reused, even for withdrawn agreements.
    public var nextAgreementID: String {
        let highest =
            events.compactMap { event -> Int? in
                if case .agree(let id, _, _, _, _, _) = event.kind { return Int(id.dropFirst()) }
                return nil
            }.max() ?? 0
        return "A\(highest + 1)"
    }

    /// The repair plan: repair items and answers to repair questions, not withdrawn.
    public var repairPlan: [Repair] { repairs.filter { !isRetracted($0.seq) } }

    /// The participant whose name `name` spells, ignoring case.
    package func participant(named name: String) -> String? {
        participants.first { $0.lowercased() == name.lowercased() }
    }

    /// The most recent event `undo` may withdraw in this sitting.
    public var lastRetractable: Int? {
        let sittingStart = sittings.last?.seq ?? 0
        // By event, not by counting seqs down: a damaged log can jump to a huge seq.
        for event in events.reversed() {
            if event.seq <= sittingStart { break }
            if event.kind.isRetractable && !isRetracted(event.seq) { return event.seq }
        }
        return nil
    }
}
