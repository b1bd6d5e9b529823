/// An alliance as its log says it stands: the fold of every event so far.
///
/// `apply` is the only way it changes, and it is total: any event sequence a
/// log can hold folds without trapping, so a live shell and a replay of its log
/// always agree.
public struct AllianceState: Sendable, Equatable {
    public struct Sitting: Sendable, Equatable {
        public var number: Int
        public var seq: Int
        public var started: Timestamp
        public var closed: Timestamp?
        public var start: SittingStart
    }

    public enum QuestionKind: String, Sendable, Equatable {
        case ask, repair, probe, flip
    }

    /// A question the facilitator asked: to open a thread (`ask`, `repair`, a flip of a question)
    /// or to follow one up (`probe`, a flip of an answer).
    public struct Question: Sendable, Equatable {
        public var seq: Int
        public var text: String
        public var kind: QuestionKind
        /// The seq of the question that opened this thread (its own seq when it opened one).
        public var thread: Int
        public var sitting: Int
        public var pack: String?
        public var questionID: String?
        public var section: String?
        public var agreement: String?
        public var probeKey: String?
        /// For a flip: the words it was flipped from.
        public var flippedFrom: String?

        public var opensThread: Bool { thread == seq }
    }

    /// What someone said: a participant's answer or the facilitator's own (`mine`).
    public struct Answer: Sendable, Equatable {
        public var seq: Int
        public var by: Actor
        public var text: String
        /// The question it answers; nil for a `mine` with no question open.
        public var question: Int?
        public var thread: Int?
        public var sitting: Int
    }

    public struct Agreement: Sendable, Equatable {
        /// One wording of an agreement: the first, then each adjustment.
        public struct Version: Sendable, Equatable {
            public var seq: Int
            public var sitting: Int
            public var at: Timestamp
            public var text: String
            public var due: String?
            public var note: String?
        }

        /// A check-in's decision: keep, adjust, drop or skip.
        public struct Decision: Sendable, Equatable {
            public var seq: Int
            public var sitting: Int
            public var at: Timestamp
            public var outcome: Review.Outcome
            public var note: String?
        }

        public var id: String
        /// The wording that stands now.
        public var text: String
        public var seq: Int
        public var sitting: Int
        public var at: Timestamp
        public var thread: Int?
        /// By when (`YYYY-MM-DD`), as it stands now.
        public var due: String?
        /// How each will know it is kept.
        public var know: String?
        /// Seqs of `repair` events and repair questions naming this agreement.
        public var offTrack: [Int]
        /// Every wording, oldest first; nothing is lost when an agreement changes.
        public var versions: [Version]
        public var decisions: [Decision]
        public var dropped: Bool

        /// One step in an agreement's history.
        public enum Change: Sendable, Equatable {
            case agreed(Version)
            case adjusted(Version)
            /// keep, drop or skip (an adjustment is an `adjusted` version).
            case decided(Decision)

            public var seq: Int {
                switch self {
                case .agreed(let v), .adjusted(let v): v.seq
                case .decided(let d): d.seq
                }
            }
        }

        /// Every wording and every check-in decision, oldest first.
        public var history: [Change] {
            let wordings = versions.enumerated().map { n, version in
                n == 0 ? Change.agreed(version) : .adjusted(version)
            }
            let decided = decisions.filter { $0.outcome != .adjust }.map(Change.decided)
            return (wordings + decided).sorted { $0.seq < $1.seq }
        }
    }

    public struct Repair: Sendable, Equatable {
        public var seq: Int
        public var text: String
        public var agreement: String?
        public var sitting: Int
    }

    public struct Note: Sendable, Equatable {
        public var seq: Int
        public var text: String
        public var sitting: Int
        public var isPrivate: Bool
    }

    public private(set) var title: String?
    public private(set) var sittings: [Sitting] = []
    /// Everyone taking part, in the order they joined (the facilitator is not listed).
    public private(set) var participants: [String] = []
    /// Whose answers free text records.
    public private(set) var current: String?
    /// The facilitator's own name for this alliance (`/me`, `--me`); nil means "you".
    public private(set) var facilitatorName: String?
    /// Corrected wordings (`amend`), oldest first; each record's `text` is the latest that stands.
    public private(set) var amendments: [Amendment] = []
    public private(set) var activePack: String?
    public private(set) var questions: [Question] = []
    public private(set) var answers: [Answer] = []
    public private(set) var agreements: [Agreement] = []
    public private(set) var repairs: [Repair] = []
    public private(set) var notes: [Note] = []
    /// What rules showed the facilitator, with the seq of each notice.
    public private(set) var notices: [(seq: Int, notice: RuleNotice)] = []
    /// Rules muted for the sitting in progress (`plugin/rule`).
    public private(set) var muted: Set<String> = []
    /// Seqs withdrawn by `retract` events, mapped to the seq of the retraction.
    public private(set) var retracted: [Int: Int] = [:]
    /// The question answers are recorded against, and the thread it belongs to.
    public private(set) var openQuestion: Int?
    public private(set) var openThread: Int?
    public private(set) var lastSeq = 0
    public private(set) var lastEventAt: Timestamp?
    /// Every event folded in, in order. After a damaged line a seq can be missing, so
    /// look events up with `event(_:)`, never by position.
    public private(set) var events: [Event] = []
    /// Whether every event came with a higher seq than the one before, as a log's do; then
    /// events and questions are looked up by binary search, with no index kept beside them.
    private var inOrder = true
    /// Who joined (`with`, a sitting's participants) and who left (`without`), in order.
    private var memberships: [Membership] = []

    /// A correction of the wording of the entry at `target`.
    public struct Amendment: Sendable, Equatable {
        public var seq: Int
        public var target: Int
        public var text: String
    }

    /// Someone joining (or switched to) or leaving.
    struct Membership: Sendable, Equatable {
        var seq: Int
        var name: String
        var joins: Bool
    }

    public init() {}

    public init(replaying events: [Event]) {
        for event in events { apply(event) }
    }

    /// Folds one event in.
    public mutating func apply(_ event: Event) {
        if event.seq <= lastSeq { inOrder = false }
        lastSeq = event.seq
        lastEventAt = event.at
        events.append(event)
        let sitting = max(sittings.count, 1)
        switch event.kind {
        case .sitting(let start):
            sittings.append(Sitting(number: start.number, seq: event.seq, started: event.at, start: start))
            if let title = start.title { self.title = title }
            for name in start.participants {
                memberships.append(Membership(seq: event.seq, name: name, joins: true))
            }
            if let pack = start.pack { activePack = pack }
            openQuestion = nil
            openThread = nil
            muted = []
            refreshParticipants()
            if let first = start.participants.first { current = first }
        case .with(let name):
            memberships.append(Membership(seq: event.seq, name: name, joins: true))
            refreshParticipants()
            current = participants.first { $0.lowercased() == name.lowercased() } ?? name
        case .without(let name):
            memberships.append(Membership(seq: event.seq, name: name, joins: false))
            refreshParticipants()
            if let current, !participants.contains(current) { self.current = participants.first }
        case .me(let name):
            facilitatorName = name
        case .amend(let target, let text):
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
        case .agree, .review:
            foldAgreement(event, sitting: sitting)
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
            notices.append((event.seq, notice))
        case .mute(let rule, let isMuted):
            if isMuted { muted.insert(rule) } else { muted.remove(rule) }
        case .reload:
            break
        }
    }

    private mutating func addQuestion(_ question: Question) {
        questions.append(question)
        openQuestion = question.seq
        openThread = question.thread
    }

    /// Folds an `agree` or `review` into the agreements.
    private mutating func foldAgreement(_ event: Event, sitting: Int) {
        switch event.kind {
        case .agree(let id, let text, let thread, let due, let know):
            let version = Agreement.Version(
                seq: event.seq, sitting: sitting, at: event.at, text: text, due: due)
            agreements.append(
                Agreement(
                    id: id, text: text, seq: event.seq, sitting: sitting, at: event.at, thread: thread,
                    due: due,
                    know: know, offTrack: [], versions: [version], decisions: [], dropped: false))
        case .review(let review):
            guard
                let index = agreements.lastIndex(where: { $0.id == review.agreement && !isRetracted($0.seq) })
            else { return }
            agreements[index].decisions.append(
                Agreement.Decision(
                    seq: event.seq, sitting: sitting, at: event.at, outcome: review.outcome, note: review.note
                ))
            switch review.outcome {
            case .adjust:
                let text = review.text ?? agreements[index].text
                let due = review.due ?? agreements[index].due
                agreements[index].text = text
                agreements[index].due = due
                agreements[index].versions.append(
                    Agreement.Version(
                        seq: event.seq, sitting: sitting, at: event.at, text: text, due: due,
                        note: review.note))
            case .drop: agreements[index].dropped = true
            case .keep, .skip: break
            }
        default: break
        }
    }

    /// After a withdrawal: the agreements again, from every event that stands.
    private mutating func rebuildAgreements() {
        agreements = []
        var sitting = 0
        for event in events {
            if case .sitting = event.kind { sitting += 1 }
            guard !isRetracted(event.seq) else { continue }
            switch event.kind {
            case .agree, .review: foldAgreement(event, sitting: max(sitting, 1))
            case .repair(_, let agreement?): markOffTrack(agreement, seq: event.seq)
            case .ask(let asked):
                if let agreement = asked.agreement { markOffTrack(agreement, seq: event.seq) }
            default: break
            }
        }
    }

    private mutating func markOffTrack(_ id: String, seq: Int) {
        if let index = agreements.lastIndex(where: { $0.id == id }) { agreements[index].offTrack.append(seq) }
    }

    private mutating func retract(_ target: Int, by seq: Int) {
        guard target < seq, retracted[target] == nil, let withdrawn = event(target),
            withdrawn.kind.isRetractable
        else { return }
        retracted[target] = seq
        switch withdrawn.kind {
        case .with, .without:
            // As if it had never happened: who takes part, and whose answers free text records.
            refreshParticipants()
            current = currentFromMemberships()
        case .me:
            facilitatorName = events.last { event in
                if case .me = event.kind { return !isRetracted(event.seq) }
                return false
            }.flatMap { event in
                if case .me(let name) = event.kind { return name }
                return nil
            }
        case .amend(let amended, _):
            setText(of: amended, to: currentText(of: amended) ?? "")
        case .ask, .probe, .flip:
            let sitting = sittings.count
            let live = questions.last { !isRetracted($0.seq) && $0.sitting == sitting }
            openQuestion = live?.seq
            openThread = live?.thread
        case .agree, .review, .repair:
            rebuildAgreements()
        default: break
        }
        for i in agreements.indices { agreements[i].offTrack.removeAll { $0 == target } }
    }

    private mutating func refreshParticipants() {
        var names: [String] = []
        for change in memberships where !isRetracted(change.seq) {
            let index = names.firstIndex { $0.lowercased() == change.name.lowercased() }
            if change.joins, index == nil { names.append(change.name) }
            if !change.joins, let index { names.remove(at: index) }
        }
        participants = names
    }

    /// Whose answers free text records, from the joinings and leavings that stand, in order: a
    /// sitting's first participant, the one a `with` names, and after a `without` of that person
    /// the first still taking part (as `apply` does).
    private func currentFromMemberships() -> String? {
        var names: [String] = []
        var current: String?
        var start = memberships.startIndex
        while start < memberships.endIndex {
            let seq = memberships[start].seq
            var end = start
            while end < memberships.endIndex && memberships[end].seq == seq { end += 1 }
            let changes = memberships[start..<end]
            start = end
            guard !isRetracted(seq), let first = changes.first else { continue }
            for change in changes {
                let index = names.firstIndex { $0.lowercased() == change.name.lowercased() }
                if change.joins, index == nil { names.append(change.name) }
                if !change.joins, let index { names.remove(at: index) }
            }
            if first.joins {
                current = names.first { $0.lowercased() == first.name.lowercased() } ?? first.name
            } else if let now = current, !names.contains(now) {
                current = names.first
            }
        }
        return current
    }

    /// Gives the answer, note, question or repair at `seq` the wording `text`.
    private mutating func setText(of seq: Int, to text: String) {
        if let i = answers.lastIndex(where: { $0.seq == seq }) { answers[i].text = text }
        if let i = questions.lastIndex(where: { $0.seq == seq }) { questions[i].text = text }
        if let i = notes.lastIndex(where: { $0.seq == seq }) { notes[i].text = text }
        if let i = repairs.lastIndex(where: { $0.seq == seq }) { repairs[i].text = text }
    }

    /// The wording of the entry at `seq` as it stands: its latest correction, else as recorded.
    public func currentText(of seq: Int) -> String? {
        if let amendment = amendments.last(where: { $0.target == seq && !isRetracted($0.seq) }) {
            return amendment.text
        }
        return event(seq).flatMap { Self.recordedText(of: $0.kind) }
    }

    /// The corrections of the entry at `seq` that stand, oldest first.
    public func corrections(of seq: Int) -> [Amendment] {
        amendments.filter { $0.target == seq && !isRetracted($0.seq) }
    }

    /// The wording an event was recorded with, for those that have one.
    static func recordedText(of kind: EventKind) -> String? {
        switch kind {
        case .answer(let text, _), .mine(let text, _), .note(let text, _), .repair(let text, _): text
        case .ask(let asked): asked.text
        case .probe(let text, _, _), .flip(let text, _, _): text
        default: nil
        }
    }

    /// Whether the `with` at `seq` added someone new (rather than switching to someone there).
    public func joined(at seq: Int) -> Bool {
        guard let change = memberships.first(where: { $0.seq == seq }) else { return false }
        var present = false
        for earlier in memberships where earlier.seq < seq && !isRetracted(earlier.seq) {
            if earlier.name.lowercased() == change.name.lowercased() { present = earlier.joins }
        }
        return !present
    }

    /// Who someone typed means: a participant by whole name or first name, ignoring case and
    /// accents (`amara` finds "Amara Okafor", `zoe` finds "Zoë").
    public enum PersonMatch: Equatable, Sendable {
        case one(String)
        case several([String])
        case none
    }

    public func people(matching typed: String) -> PersonMatch {
        Self.people(matching: typed, among: participants)
    }

    /// Who someone typed means among those who took part and have left (`without`), so
    /// `/with zoe` brings Zoë back rather than adding a second "zoe".
    public func formerPeople(matching typed: String) -> PersonMatch {
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

    public func isRetracted(_ seq: Int) -> Bool { retracted[seq] != nil }

    /// The event with this seq, if there is one.
    public func event(_ seq: Int) -> Event? { Self.find(seq, in: events, inOrder: inOrder, seq: \.seq) }

    /// The kind of event at `seq`, if there is one.
    public func kind(of seq: Int) -> EventKind? {
        event(seq)?.kind
    }

    public func question(_ seq: Int) -> Question? {
        Self.find(seq, in: questions, inOrder: inOrder, seq: \.seq)
    }

    /// The element with this seq: by binary search when seqs only grow, else the last one with it.
    private static func find<T>(_ seq: Int, in items: [T], inOrder: Bool, seq key: (T) -> Int) -> T? {
        guard inOrder else { return items.last { key($0) == seq } }
        var low = 0
        var high = items.count
        while low < high {
            let middle = (low + high) / 2
            if key(items[middle]) < seq { low = middle + 1 } else { high = middle }
        }
        return low < items.count && key(items[low]) == seq ? items[low] : nil
    }

    /// The sitting in progress (or last held); 0 before the first.
    public var sittingNumber: Int { sittings.last?.number ?? 0 }

    /// Whether the pack's question has been asked, in any sitting, and not withdrawn.
    public func hasAsked(pack: String, question id: String) -> Bool {
        questions.contains { $0.pack == pack && $0.questionID == id && !isRetracted($0.seq) }
    }

    /// Keys of the probes already asked in a thread.
    public func probeKeys(inThread thread: Int) -> Set<String> {
        Set(
            questions.lazy.filter { $0.thread == thread && $0.kind == .probe && !self.isRetracted($0.seq) }
                .compactMap(\.probeKey))
    }

    /// The answers given in a thread, not withdrawn, in order.
    public func answers(inThread thread: Int) -> [Answer] {
        answers.filter { $0.thread == thread && !isRetracted($0.seq) }
    }

    /// The last answer given by a participant in the sitting, not withdrawn.
    public var lastAnswer: Answer? {
        answers.last { !isRetracted($0.seq) && $0.sitting == sittingNumber && $0.by != .facilitator }
    }

    /// Agreements that stand: not withdrawn.
    public var liveAgreements: [Agreement] { agreements.filter { !isRetracted($0.seq) && !$0.dropped } }

    /// Agreements not withdrawn, dropped ones included: the whole history.
    public var allAgreements: [Agreement] { agreements.filter { !isRetracted($0.seq) } }

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

    public func agreement(_ id: String) -> Agreement? {
        allAgreements.last { $0.id.lowercased() == id.lowercased() }
    }

    /// The id the next agreement gets: ids are never reused, even for withdrawn agreements.
    public var nextAgreementID: String {
        let highest =
            events.compactMap { event -> Int? in
                if case .agree(let id, _, _, _, _) = event.kind { return Int(id.dropFirst()) }
                return nil
            }.max() ?? 0
        return "A\(highest + 1)"
    }

    /// The repair plan: repair items and answers to repair questions, not withdrawn.
    public var repairPlan: [Repair] { repairs.filter { !isRetracted($0.seq) } }

    /// The participant whose name `name` spells, ignoring case.
    public func participant(named name: String) -> String? {
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

extension AllianceState {
    public static func == (a: AllianceState, b: AllianceState) -> Bool {
        a.title == b.title && a.sittings == b.sittings && a.participants == b.participants
            && a.current == b.current
            && a.activePack == b.activePack && a.questions == b.questions && a.answers == b.answers
            && a.agreements == b.agreements && a.repairs == b.repairs && a.notes == b.notes
            && a.retracted == b.retracted && a.openQuestion == b.openQuestion && a.openThread == b.openThread
            && a.lastSeq == b.lastSeq && a.lastEventAt == b.lastEventAt && a.events == b.events
            && a.memberships == b.memberships && a.facilitatorName == b.facilitatorName
            && a.amendments == b.amendments
            && a.notices.elementsEqual(b.notices, by: { $0.seq == $1.seq && $0.notice == $1.notice })
            && a.muted == b.muted
    }
}
