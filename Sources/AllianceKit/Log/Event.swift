/// Who did something: the facilitator running the shell, or a named participant.
public enum Actor: Hashable, Sendable {
    case facilitator
    case participant(String)
    /// The shell itself: a rule that flagged a question or nudged the facilitator.
    case shell

    /// Names a participant cannot take, because the log uses them.
    package static let reservedNames: Set<String> = ["facilitator", "alliance", "you"]

    /// The spelling stored in a log's `by` field.
    package var stored: String {
        switch self {
        case .facilitator: "facilitator"
        case .participant(let name): name
        case .shell: "alliance"
        }
    }

    init(stored: String) {
        switch stored {
        case "facilitator": self = .facilitator
        case "alliance": self = .shell
        default: self = .participant(stored)
        }
    }
}

/// What a rule showed the facilitator: a flag on a question, or a nudge.
public struct RuleNotice: Equatable, Sendable {
    package var kind: Rule.Kind
    /// A flag's level: a suggestion is shown more quietly than a warning.
    package var level: Rule.Level = .warning
    package var plugin: String
    package var rule: String
    /// The SHA-256 of the plugin file, so a replay can tell which version of the rule spoke.
    package var hash: String
    package var message: String
    /// The question a flag is about.
    package var about: Int?
    /// The rewrite a flag offers.
    package var fix: String?

    package init(
        kind: Rule.Kind, plugin: String, rule: String, hash: String, message: String, about: Int? = nil,
        fix: String? = nil
    ) {
        self.kind = kind
        self.plugin = plugin
        self.rule = rule
        self.hash = hash
        self.message = message
        self.about = about
        self.fix = fix
    }
}

/// A pack or plugin a sitting ran with, identified by id and the SHA-256 of its file.
public struct Source: Hashable, Sendable, Codable {
    package var id: String
    package var hash: String

    package init(id: String, hash: String) {
        self.id = id
        self.hash = hash
    }
}

/// The header of a sitting: what the shell started with.
public struct SittingStart: Equatable, Sendable {
    /// 1 for the first sitting of an alliance, 2 for the next, …
    package var number: Int
    package var app: String
    package var title: String?
    package var participants: [String]
    package var pack: String?
    package var packs: [Source]
    package var plugins: [Source]

    package init(
        number: Int, app: String, title: String? = nil, participants: [String] = [], pack: String? = nil,
        packs: [Source] = [], plugins: [Source] = []
    ) {
        self.number = number
        self.app = app
        self.title = title
        self.participants = participants
        self.pack = pack
        self.packs = packs
        self.plugins = plugins
    }
}

/// Why a question was asked: as a question of the design, or to plan or run repair.
package enum Move: String, Sendable, Equatable {
    case ask
    case repair
}

/// A question the facilitator asked to open a new thread of conversation.
public struct Asked: Equatable, Sendable {
    package var text: String
    package var move: Move
    /// The pack and question id it came from; nil for a question typed on the spot.
    package var pack: String?
    package var question: String?
    package var section: String?
    /// For `repair A2`: the agreement that went off track.
    package var agreement: String?

    package init(
        text: String, move: Move = .ask, pack: String? = nil, question: String? = nil, section: String? = nil,
        agreement: String? = nil
    ) {
        self.text = text
        self.move = move
        self.pack = pack
        self.question = question
        self.section = section
        self.agreement = agreement
    }
}

/// The `type` of a log line: the one list of event types (docs/log-format.md has an entry for each).
///
/// A new type fails to compile until `EventKind` has a case for it and that case is encoded,
/// decoded (`EventRecord.event()`), folded (`AllianceState.apply`) and rendered (`Transcript`).
package enum EventType: String, CaseIterable, Sendable {
    case sitting, with, pack, ask, probe, flip, answer, mine, agree, repair, note, checkin, review, retract,
        amend, without, me, close, rule, mute, reload, next, later, remark

    /// Whether a rule plugin can name it: in a nudge's `on`, `count` and `absent`, and in the
    /// events of a nudge's examples (`Plugin.eventTypes`). The others are corrections of what
    /// was recorded and the shell's own bookkeeping, which a nudge does not watch.
    var isNameableByRules: Bool {
        switch self {
        case .sitting, .with, .pack, .ask, .probe, .flip, .answer, .mine, .agree, .repair, .note, .close: true
        case .checkin, .review, .retract, .amend, .without, .me, .rule, .mute, .reload, .next, .later,
            .remark:
            false
        }
    }
}

/// What happened. Each case is one `type` in the log (see docs/log-format.md).
public enum EventKind: Equatable, Sendable {
    /// A sitting begins (`sitting`).
    case sitting(SittingStart)
    /// A participant joins, or becomes the one whose answers are being recorded (`with`).
    case with(name: String)
    /// The active pack changes (`pack`).
    case pack(id: String, hash: String)
    /// A question opens a thread (`ask`).
    case ask(Asked)
    /// A follow-up on the thread started at seq `thread` (`probe`); `key` names the probe used.
    case probe(text: String, thread: Int, key: String)
    /// What someone wants to avoid turned into what they want (`flip`); `thread` is nil when it opens one.
    case flip(text: String, from: String, thread: Int?)
    /// A participant's answer to the question at seq `to` (`answer`).
    case answer(text: String, to: Int)
    /// The facilitator's own answer to the thread at seq `to` (`mine`).
    case mine(text: String, to: Int?)
    /// An agreement, with a stable id such as `A1` (`agree`); optionally by when (`due`,
    /// `YYYY-MM-DD`), how each will know it is kept (`know`) and how often it is checked in on
    /// (`every`).
    case agree(
        id: String, text: String, thread: Int?, due: String? = nil, know: String? = nil, every: Cadence? = nil
    )
    /// A repair plan item, or with `agreement`: that agreement went off track and how it is repaired (`repair`).
    case repair(text: String, agreement: String?)
    /// A note (`note`); a private one is for the facilitator alone and left out of exports.
    case note(text: String, isPrivate: Bool = false)
    /// A check-in begins: the open agreements are walked one by one (`checkin`).
    case checkin
    /// An agreement is reviewed: kept, adjusted (new wording), dropped or skipped (`review`).
    case review(Review)
    /// The event at seq `target` is withdrawn; it stays in the log (`retract`).
    case retract(target: Int)
    /// A corrected wording of the answer, note or question at seq `target`; the original stays in
    /// the log and in its history (`amend`).
    case amend(target: Int, text: String)
    /// A participant's part in the sitting ends; what they said stays (`without`).
    case without(name: String)
    /// The facilitator's own name for this alliance, used instead of "you" (`me`).
    case me(name: String)
    /// The sitting ends (`close`).
    case close(reason: String)
    /// A rule flagged a question or nudged the facilitator (`rule`).
    case rule(RuleNotice)
    /// A rule is muted, or unmuted, for the rest of the sitting (`mute`).
    case mute(rule: String, muted: Bool)
    /// Packs and plugins were loaded again mid-sitting (`reload`): what the shell runs with from here.
    case reload(packs: [Source], plugins: [Source])
    /// When the alliance will be checked in on next, `YYYY-MM-DD` (`next`).
    case next(date: String)
    /// The question of the thread at seq `thread` is taken away by `name`, to think about and
    /// answer at a later sitting (`later`).
    case later(thread: Int, name: String)
    /// What a participant said about the agreement a check-in has under review (`remark`): free
    /// text typed during `/checkin`.
    case remark(text: String, agreement: String)

    /// The `type` field.
    package var type: EventType {
        switch self {
        case .sitting: .sitting
        case .with: .with
        case .pack: .pack
        case .ask: .ask
        case .probe: .probe
        case .flip: .flip
        case .answer: .answer
        case .mine: .mine
        case .agree: .agree
        case .repair: .repair
        case .note: .note
        case .retract: .retract
        case .amend: .amend
        case .without: .without
        case .me: .me
        case .close: .close
        case .rule: .rule
        case .mute: .mute
        case .reload: .reload
        case .checkin: .checkin
        case .review: .review
        case .next: .next
        case .later: .later
        case .remark: .remark
        }
    }

    /// Whether `undo` may withdraw it: what a person said or the facilitator recorded.
    package var isRetractable: Bool {
        switch self {
        case .sitting, .pack, .retract, .close, .rule, .mute, .reload, .checkin: false
        case .with, .ask, .probe, .flip, .answer, .mine, .agree, .repair, .note, .review, .amend, .without,
            .me, .next, .later, .remark:
            true
        }
    }
}

/// What a check-in decided about one agreement.
public struct Review: Equatable, Sendable {
    package enum Outcome: String, Sendable, CaseIterable { case keep, adjust, drop, skip }

    package var agreement: String
    package var outcome: Outcome
    /// For `adjust`: the new wording.
    package var text: String?
    /// For `adjust`: a new date, if it changed.
    package var due: String?
    package var note: String?
    /// For `adjust`: a new cadence, if it changed.
    package var every: Cadence?

    package init(
        agreement: String, outcome: Outcome, text: String? = nil, due: String? = nil, note: String? = nil,
        every: Cadence? = nil
    ) {
        self.agreement = agreement
        self.outcome = outcome
        self.text = text
        self.due = due
        self.note = note
        self.every = every
    }
}

extension RuleNotice {
    func with(level: Rule.Level) -> RuleNotice {
        var copy = self
        copy.level = level
        return copy
    }
}

/// One line of the session log.
public struct Event: Equatable, Sendable {
    /// The format version this code writes.
    package static let formatVersion = 1

    /// Counts 1, 2, 3… in the file.
    package var seq: Int
    package var at: Timestamp
    package var by: Actor
    package var kind: EventKind

    public init(seq: Int, at: Timestamp, by: Actor = .facilitator, kind: EventKind) {
        self.seq = seq
        self.at = at
        self.by = by
        self.kind = kind
    }
}
