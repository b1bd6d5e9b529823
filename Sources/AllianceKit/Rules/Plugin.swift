/// A rule plugin: one YAML file of small declarative rules (see docs/plugins.md).
public struct Plugin: Sendable {
    public var name: String
    public var description: String
    public var version: String?
    public var rules: [Rule]
    public var path: String
    public var hash: String

    public var source: Source { Source(id: name, hash: hash) }
}

/// One rule: a flag, a rewrite or a nudge, with the examples it was checked against.
public struct Rule: Sendable {
    public enum Kind: String, Sendable { case flag, rewrite, nudge }

    public enum Level: String, Sendable { case warning, suggestion }

    /// `plugin/rule`: how the shell, `rules` and the log name it.
    public var qualifiedID: String { "\(plugin)/\(id)" }
    public var id: String
    public var plugin: String
    public var kind: Kind
    public var level: Level
    public var message: String
    public var line: Int

    /// flag and rewrite: what the text must match.
    public var pattern: Pattern?
    /// rewrite: the replacement, with `$1`… for the pattern's groups.
    public var replacement: String?
    /// rewrite: turn "I", "my", "me" in the groups into "you", "your", "you".
    public var secondPerson = false
    /// flag: ids of rewrites in the same plugin that fix the question; the first that matches is offered.
    public var fix: [String] = []
    /// nudge: the conditions.
    public var nudge: NudgeCondition?
}

/// When a nudge fires: on an event of one of `on`'s types, if every condition given holds
/// over the events of the sitting so far.
public struct NudgeCondition: Sendable {
    public struct Count: Sendable {
        public var of: Set<EventType>
        /// Count from the last event of these types; empty: from the start of the sitting.
        public var since: Set<EventType>
        public var atLeast: Int
    }

    public var on: Set<EventType>
    public var count: Count?
    /// None of these types since the sitting started (or in the whole alliance, with `absentInAlliance`).
    public var absent: Set<EventType>?
    public var absentInAlliance = false
    /// The event's text must match this.
    public var text: Pattern?
    /// The event's text must not match this.
    public var unless: Pattern?
}

extension Rule {
    /// What rewriting `text` gives, or nil when the pattern does not match it.
    public func rewrite(_ text: String) throws(Pattern.TooMuchWork) -> String? {
        guard let pattern, let replacement, let match = try pattern.firstMatch(in: text) else { return nil }
        var out = ""
        var chars = replacement.makeIterator()
        while let c = chars.next() {
            guard c == "$" else {
                out.append(c)
                continue
            }
            guard let d = chars.next() else {
                out.append("$")
                break
            }
            if d == "$" {
                out.append("$")
            } else if let n = d.wholeNumberValue {
                var group = n == 0 ? match.text : (n <= match.groups.count ? match.groups[n - 1] ?? "" : "")
                if secondPerson { group = Flip.swapPerson(group) }
                out += group
            } else {
                out.append("$")
                out.append(d)
            }
        }
        // A group that matched nothing leaves doubled or trailing spaces behind.
        let tidy = out.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            .replacingAll(" ?", with: "?").replacingAll(" ,", with: ",")
        return Flip.capitalizeFirst(tidy)
    }
}
