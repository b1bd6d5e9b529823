/// Finding what was said: questions, answers, agreements and notes that contain some text.
public enum SessionSearch {
    public struct Hit: Sendable, Equatable {
        public var session: String
        public var sitting: Int
        public var seq: Int
        /// `question`, `answer` (with who), `agreement A1`, `note`…
        public var what: String
        public var text: String
    }

    /// Every event of `state` whose text contains `query` (ignoring case), in order.
    /// Withdrawn events are left out; private notes are the coach's own and are found too.
    public static func search(_ query: String, in state: AllianceState, session: String) -> [Hit] {
        let needle = query.lowercased()
        guard !needle.isEmpty else { return [] }
        var hits: [Hit] = []
        var sitting = 0
        for event in state.events {
            if case .sitting = event.kind { sitting += 1 }
            guard !state.isRetracted(event.seq), let (what, text) = describe(event),
                text.lowercased().contains(needle)
            else { continue }
            hits.append(
                Hit(session: session, sitting: max(sitting, 1), seq: event.seq, what: what, text: text))
        }
        return hits
    }

    static func describe(_ event: Event) -> (String, String)? {
        switch event.kind {
        case .ask(let asked): (asked.move == .repair ? "repair question" : "question", asked.text)
        case .probe(let text, _, _): ("follow-up", text)
        case .flip(let text, _, _): ("flipped question", text)
        case .answer(let text, _): ("answer (\(event.by.stored))", text)
        case .mine(let text, _): ("answer (you)", text)
        case .agree(let id, let text, _, _, _): ("agreement \(id)", text)
        case .review(let review) where review.text != nil:
            ("agreement \(review.agreement) adjusted", review.text!)
        case .review(let review) where review.note != nil:
            ("\(review.agreement) \(review.outcome.rawValue)", review.note!)
        case .repair(let text, let agreement): (agreement.map { "repair of \($0)" } ?? "repair plan", text)
        case .note(let text, let isPrivate): (isPrivate ? "private note" : "note", text)
        default: nil
        }
    }
}
