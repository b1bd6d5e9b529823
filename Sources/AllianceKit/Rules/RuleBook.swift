/// The loaded rule plugins, and what their rules say about a question or a moment of the session.
///
/// Rules apply in a fixed order: built-in plugins, then directories in load order (bundled, the
/// coach's, each `--plugins`), files by name within a directory, rules as written.
public struct RuleBook: Sendable {
    package private(set) var plugins: [Plugin] = []
    package private(set) var diagnostics: [AllianceError] = []

    public init(plugins: [Plugin] = []) {
        for plugin in plugins { add(plugin) }
    }

    /// Loads the `builtIn` plugins, then every `*.yaml` and `*.yml` file of each directory (a
    /// `*.yaml.txt` or `*.yml.txt` one gets a warning saying how to rename it); a
    /// missing directory is skipped quietly. A plugin of the `bundled` directory replaces a built-in
    /// one without a notice (it is the install's own copy), and a built-in one that a file of
    /// `bundled` holds byte for byte is not parsed at all. The examples of a plugin whose bytes are
    /// a built-in one's are not run here: the tests run them at every build, and they were a
    /// third of start-up's work.
    package static func load(
        directories: [String], builtIn: [EmbeddedFile] = [], bundled: String? = nil
    ) -> RuleBook {
        var book = RuleBook()
        let (found, errors) = Files.files(
            in: directories, suffixes: Plugin.suffixes + Plugin.misnamedSuffixes)
        let files = found.filter { !Plugin.isMisnamed($0.path) }
        book.diagnostics =
            errors.map { $0.asFinding() } + found.map(\.path).filter(Plugin.isMisnamed).map(Plugin.misnamed)
        var sources = LoadSources(
            builtIn: builtIn, in: BuiltIn.pluginsDirectory, bundled: bundled, limit: Plugin.sizeLimit)
        for (directory, path) in sources.builtIn + files {
            do {
                let (plugin, refused) = try Plugin.parse(
                    bytes: try sources.bytes(of: path), path: path,
                    runningExamples: !sources.sameAsBuiltIn.contains(path))
                book.diagnostics += refused
                book.add(plugin, quietly: directory == bundled)
            } catch {
                book.diagnostics.append(error.asFinding())
            }
        }
        return book
    }

    private mutating func add(_ plugin: Plugin, quietly: Bool = false) {
        if let index = plugins.firstIndex(where: { $0.name == plugin.name }) {
            if !(quietly && BuiltIn.holds(Files.directory(of: plugins[index].path))) {
                diagnostics.append(
                    .finding(
                        "plugin \"\(plugin.name)\" replaces the one in \(plugins[index].path)",
                        at: .file(plugin.path), severity: .warning))
            }
            plugins[index] = plugin
        } else {
            plugins.append(plugin)
        }
    }

    /// Every rule, in the order they apply.
    package var rules: [Rule] { plugins.flatMap(\.rules) }

    /// The rule a user means: `plugin/rule`, or a rule id that only one plugin uses.
    package func rule(named name: String) -> Rule? {
        let lowered = name.lowercased()
        if let exact = rules.first(where: { $0.qualifiedID == lowered }) { return exact }
        let matches = rules.filter { $0.id == lowered }
        return matches.count == 1 ? matches[0] : nil
    }

    package func plugin(_ name: String) -> Plugin? { plugins.first { $0.name == name } }

    /// A flag that matched a question, and the rewrite it offers, if any.
    public struct FlagHit: Sendable {
        package var rule: Rule
        package var fix: String?
    }

    /// The flags a question the facilitator typed raises; rules that could not finish are in `gaveUp`.
    public func flags(for question: String, muted: Set<String> = []) -> (hits: [FlagHit], gaveUp: [Rule]) {
        let text = question.straightQuotes
        var hits: [FlagHit] = []
        var gaveUp: [Rule] = []
        for rule in rules {
            guard case .flag(_, let flag) = rule, !muted.contains(rule.qualifiedID) else { continue }
            do {
                guard try flag.pattern.matches(text) else { continue }
                var fix: String?
                for id in flag.fix {
                    if let rewrite = plugin(rule.plugin)?.rewrite(id),
                        let text = try rewrite.apply(to: Flip.normalize(question))
                    {
                        fix = text
                        break
                    }
                }
                hits.append(FlagHit(rule: rule, fix: fix))
            } catch {
                gaveUp.append(rule)
            }
        }
        return (hits, gaveUp)
    }

    /// The first rewrite that matches `text`, in rule order.
    public func rewrite(_ text: String) -> (text: String, rule: Rule)? {
        let cleaned = Flip.normalize(text)
        for rule in rules {
            if case .rewrite(_, let rewrite) = rule, let result = try? rewrite.apply(to: cleaned) {
                return (result, rule)
            }
        }
        return nil
    }

    /// The nudges that fire on the last of `events` (the alliance so far, oldest first).
    package func nudges(after events: [Event], muted: Set<String> = []) -> [Rule] {
        nudgesAndGiveUps(after: events, muted: muted).fired
    }

    /// The nudges that fire, and those that gave up because the text was too long to check.
    package func nudgesAndGiveUps(after events: [Event], muted: Set<String> = []) -> (
        fired: [Rule], gaveUp: [Rule]
    ) {
        var fired: [Rule] = []
        var gaveUp: [Rule] = []
        let scope = NudgeScope(events)
        for rule in rules where rule.kind == .nudge && !muted.contains(rule.qualifiedID) {
            do {
                if try Self.nudgeFires(rule, in: scope) { fired.append(rule) }
            } catch {
                gaveUp.append(rule)
            }
        }
        return (fired, gaveUp)
    }

    /// The events a nudge looks at, worked out once for every nudge rule: nothing withdrawn,
    /// and the sitting in progress on its own.
    struct NudgeScope {
        var last: Event?
        /// Every event not withdrawn.
        var standing: [Event]
        /// The events of the sitting in progress, not withdrawn.
        var sitting: [Event]

        init(_ events: [Event]) {
            last = events.last
            var withdrawn = Set<Int>()
            for event in events {
                if case .retract(let target) = event.kind { withdrawn.insert(target) }
            }
            let start =
                (events.lastIndex { if case .sitting = $0.kind { return true } else { return false } } ?? -1)
                + 1
            standing = events.filter { !withdrawn.contains($0.seq) }
            sitting = events[start...].filter { !withdrawn.contains($0.seq) }
        }
    }

    /// Whether `rule` fires on the last event, given the events before it.
    static func nudgeFires(_ rule: Rule, on events: [Event]) throws(Pattern.TooMuchWork) -> Bool {
        try nudgeFires(rule, in: NudgeScope(events))
    }

    static func nudgeFires(_ rule: Rule, in scope: NudgeScope) throws(Pattern.TooMuchWork) -> Bool {
        guard case .nudge(_, let condition) = rule, let last = scope.last,
            !tags(last).isDisjoint(with: condition.on)
        else {
            return false
        }
        let sitting = scope.sitting
        let text = (Self.text(of: last) ?? "").straightQuotes
        if let pattern = condition.text, !(try pattern.matches(text)) { return false }
        if let pattern = condition.unless, try pattern.matches(text) { return false }
        if let absent = condition.absent {
            let looked = condition.absentInAlliance ? scope.standing : sitting
            if looked.contains(where: { !tags($0).isDisjoint(with: absent) }) { return false }
        }
        if let count = condition.count {
            let from =
                count.since.isEmpty
                ? sitting.startIndex
                : (sitting.lastIndex { !tags($0).isDisjoint(with: count.since) }.map { $0 + 1 }
                    ?? sitting.startIndex)
            let window = sitting[from...]
            guard window.filter({ !tags($0).isDisjoint(with: count.of) }).count >= count.atLeast else {
                return false
            }
            // Once per window: not again until the window starts over.
            let firedAlready = window.contains {
                if case .rule(let notice) = $0.kind {
                    return notice.plugin == rule.plugin && notice.rule == rule.id
                }
                return false
            }
            if firedAlready { return false }
        }
        return true
    }

    /// The types an event counts as: its own, and `repair` for a question asked with `repair`.
    static func tags(_ event: Event) -> Set<EventType> {
        if case .ask(let asked) = event.kind, asked.move == .repair { return [.ask, .repair] }
        return [event.kind.type]
    }

    static func text(of event: Event) -> String? {
        switch event.kind {
        case .ask(let asked): asked.text
        case .agree(_, let text, _, let due, let know, _):
            // An agreement's date and how each will know are part of what a rule reads.
            ([text] + [due.map { "by \($0)" }, know.map { "how we'll know: \($0)" }].compactMap { $0 })
                .joined(separator: "; ")
        case .review(let review) where review.outcome == .adjust:
            ([review.text ?? ""] + [review.due.map { "by \($0)" }].compactMap { $0 }).joined(separator: "; ")
        case .probe(let text, _, _), .flip(let text, _, _), .answer(let text, _), .mine(let text, _),
            .repair(let text, _), .note(let text, _):
            text
        case .review, .sitting, .with, .pack, .checkin, .retract, .amend, .without, .me, .close, .rule, .mute,
            .reload, .next, .later, .remark:
            nil
        }
    }

    /// Events for a nudge example: items such as `ask`, `agree: We meet on Mondays`.
    static func exampleEvents(_ items: [String]) throws(AllianceError) -> [Event] {
        var events = [
            Event(
                seq: 1, at: Timestamp(milliseconds: 0),
                kind: .sitting(SittingStart(number: 1, app: "example")))
        ]
        for item in items {
            let seq = events.count + 1
            let at = Timestamp(milliseconds: Int64(seq) * 1000)
            let parts = item.split(separator: ":", maxSplits: 1).map { String($0).trimmed }
            let text = parts.count > 1 ? parts[1] : "example"
            let name = parts.first ?? ""
            func unknown() -> AllianceError {
                AllianceError(
                    "the example \"\(items.joined(separator: ", "))\" names `\(name)`, which is not an event type (known: \(Plugin.eventTypeNames))"
                )
            }
            guard let type = EventType(rawValue: name), Plugin.eventTypes.contains(type) else {
                throw unknown()
            }
            let kind: EventKind
            switch type {
            case .ask: kind = .ask(Asked(text: text))
            case .repair: kind = .repair(text: text, agreement: nil)
            case .probe: kind = .probe(text: text, thread: 2, key: "typed")
            case .flip: kind = .flip(text: text, from: "example", thread: nil)
            case .answer: kind = .answer(text: text, to: 2)
            case .mine: kind = .mine(text: text, to: nil)
            case .agree: kind = .agree(id: "A\(seq)", text: text, thread: nil)
            case .note: kind = .note(text: text)
            case .with: kind = .with(name: text)
            case .pack: kind = .pack(id: text, hash: "")
            case .close: kind = .close(reason: "quit")
            case .sitting: kind = .sitting(SittingStart(number: 2, app: "example"))
            case .checkin, .review, .retract, .amend, .without, .me, .rule, .mute, .reload, .next,
                .later, .remark:
                // Not in `Plugin.eventTypes`: turned away above.
                throw unknown()
            }
            events.append(
                Event(
                    seq: seq, at: at, by: type == .answer ? .participant("Zoë") : .facilitator,
                    kind: kind))
        }
        return events
    }
}
