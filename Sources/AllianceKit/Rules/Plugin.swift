/// A rule plugin: one YAML file of small declarative rules (see docs/plugins.md).
public struct Plugin: Sendable {
    package var name: String
    package var description: String
    package var version: String?
    public var rules: [Rule]
    package var path: String
    package var hash: String

    package var source: Source { Source(id: name, hash: hash) }

    /// The rewrite rule with this id, if the plugin has one.
    func rewrite(_ id: String) -> Rule.Rewrite? {
        for case .rewrite(let rule, let rewrite) in rules where rule.id == id { return rewrite }
        return nil
    }
}

/// One rule: a flag, a rewrite or a nudge, each with what only its kind has.
public enum Rule: Sendable {
    /// A note when a question the facilitator types matches.
    case flag(Common, Flag)
    /// A better wording of a question, for `/flip` and for the flags that offer it.
    case rewrite(Common, Rewrite)
    /// A word to the facilitator when something happens in the session.
    case nudge(Common, NudgeCondition)

    package enum Kind: String, Sendable { case flag, rewrite, nudge }

    package enum Level: String, Sendable { case warning, suggestion }

    /// What every rule has, whatever its kind.
    public struct Common: Sendable {
        package var id: String
        package var plugin: String
        package var level: Level
        /// What the shell says when a flag or nudge speaks; empty for a rewrite without one.
        package var message: String
        /// Where the rule starts in its file.
        package var line: Int
    }

    public struct Flag: Sendable {
        /// What the question must match.
        package var pattern: Pattern
        /// Ids of rewrites in the same plugin that fix the question; the first that matches is offered.
        package var fix: [String]
    }

    public struct Rewrite: Sendable {
        /// What the text must match.
        package var pattern: Pattern
        /// The replacement, with `$1`… for the pattern's groups.
        package var replacement: String
        /// Turn "I", "my", "me" in the groups into "you", "your", "you".
        package var secondPerson: Bool
    }

    package var common: Common {
        switch self {
        case .flag(let common, _), .rewrite(let common, _), .nudge(let common, _): common
        }
    }

    package var kind: Kind {
        switch self {
        case .flag: .flag
        case .rewrite: .rewrite
        case .nudge: .nudge
        }
    }

    package var id: String { common.id }
    package var plugin: String { common.plugin }
    package var level: Level { common.level }
    package var message: String { common.message }
    package var line: Int { common.line }

    /// `plugin/rule`: how the shell, `rules` and the log name it.
    package var qualifiedID: String { "\(plugin)/\(id)" }
}

/// When a nudge fires: on an event of one of `on`'s types, if every condition given holds
/// over the events of the sitting so far.
public struct NudgeCondition: Sendable {
    package struct Count: Sendable {
        package var of: Set<EventType>
        /// Count from the last event of these types; empty: from the start of the sitting.
        package var since: Set<EventType>
        package var atLeast: Int
    }

    package var on: Set<EventType>
    package var count: Count?
    /// None of these types since the sitting started (or in the whole alliance, with `absentInAlliance`).
    package var absent: Set<EventType>?
    package var absentInAlliance = false
    /// The event's text must match this.
    package var text: Pattern?
    /// The event's text must not match this.
    package var unless: Pattern?
}

extension Rule.Rewrite {
    /// What rewriting `text` gives, or nil when the pattern does not match it.
    package func apply(to text: String) throws(Pattern.TooMuchWork) -> String? {
        guard let match = try pattern.firstMatch(in: text) else { return nil }
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
