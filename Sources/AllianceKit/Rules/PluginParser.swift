extension Plugin {
    /// The largest plugin file read.
    package static let sizeLimit = 256 << 10

    /// The endings of a plugin file's name.
    static let suffixes = [".yaml", ".yml"]
    /// The endings of a plugin file saved by an editor that added `.txt`: not read, but named.
    static let misnamedSuffixes = [".yaml.txt", ".yml.txt"]

    static func isMisnamed(_ path: String) -> Bool { misnamedSuffixes.contains(where: path.hasSuffix) }

    /// The warning for a plugin file whose name ends in `.yaml.txt` or `.yml.txt`: how to rename it.
    static func misnamed(_ path: String) -> AllianceError {
        .finding(
            "not read: the name ends in .txt; rename it to \(Files.fileName(of: String(path.dropLast(4)))) to load it",
            at: .file(path), severity: .warning)
    }

    /// Event types a nudge can name. `repair` also counts questions asked with `repair`.
    package static let eventTypes = Set(EventType.allCases.filter(\.isNameableByRules))

    /// `eventTypes` as an error lists them: `agree, answer, ask, …`.
    static let eventTypeNames = eventTypes.map(\.rawValue).sorted().joined(separator: ", ")

    /// Parses a plugin file. Errors in the file's structure throw (the first; `findings(bytes:path:)`
    /// gives all of them); a rule whose examples fail is left out and reported in `refused`, and
    /// the rest load. `refused` also holds warnings (a value in curly quotes), findings of
    /// severity `.warning`.
    ///
    /// Without `runningExamples` the rules' examples are not run: for the built-in plugins, whose
    /// examples the tests run at every build (`BundledResourcesTests`), so a start does not.
    public static func parse(bytes: [UInt8], path: String, runningExamples: Bool = true) throws(AllianceError)
        -> (plugin: Plugin, refused: [AllianceError])
    {
        let read = try read(bytes: bytes, path: path, runningExamples: runningExamples)
        if let error = read.errors.first { throw error }
        return (read.plugin, read.refused)
    }

    /// Every error and warning of a plugin file, in the order of their lines (`plugins lint`), and
    /// the plugin when its structure has no error (some of its rules may still be refused).
    package static func findings(bytes: [UInt8], path: String) -> (plugin: Plugin?, findings: [AllianceError])
    {
        let read: (plugin: Plugin, refused: [AllianceError], errors: [AllianceError])
        do {
            read = try Self.read(bytes: bytes, path: path)
        } catch {
            return (nil, [error])
        }
        return (
            read.errors.isEmpty ? read.plugin : nil, AllianceError.inLineOrder(read.errors + read.refused)
        )
    }

    /// What a plugin file holds: the plugin as far as it reads, its refused rules and warnings,
    /// and every error in its structure. A file that is not YAML, or not a mapping of the known
    /// keys, is the one error thrown; after any other error the reading goes on with the next
    /// rule, so a coach sees every mistake at once.
    private static func read(bytes: [UInt8], path: String, runningExamples: Bool = true) throws(AllianceError)
        -> (
            plugin: Plugin, refused: [AllianceError], errors: [AllianceError]
        )
    {
        let text = try YAML.text(bytes, path: path, limit: sizeLimit, kind: "a YAML plugin")
        let document: YAML.Document
        do {
            document = try YAML.read(text)
        } catch {
            throw AllianceError(
                error.refused ? "plugin refused: \(error.message)" : "invalid YAML: \(error.message)",
                at: .file(path, line: error.line))
        }
        guard let root = document.root, !root.isNull else {
            throw AllianceError("the plugin is empty", at: .file(path))
        }
        let reader = YAMLReader(path: path)
        let top = try reader.mapping(
            root, keys: ["name", "description", "version", "rules"], what: "a plugin")
        var errors: [AllianceError] = []
        func attempt<T>(_ body: () throws(AllianceError) -> T?) -> T? {
            do {
                return try body()
            } catch {
                errors.append(error)
                return nil
            }
        }
        let fileName = Files.stem(of: path) ?? "plugin"
        let name =
            attempt { () throws(AllianceError) in
                try top["name"].map { n throws(AllianceError) in try reader.id(n, what: "name") }
            }
            ?? (fileName.slug.isEmpty ? "plugin" : fileName.slug)
        let description = attempt { () throws(AllianceError) in
            try top["description"].map { n throws(AllianceError) in try reader.string(n) }
        }
        if description == nil && top["description"] == nil {
            errors.append(
                AllianceError(
                    "the plugin needs a `description:` saying what it helps with", at: .file(path, line: 1)))
        }
        var plugin = Plugin(
            name: name, description: description ?? "",
            version: attempt { () throws(AllianceError) in
                try top["version"].map { n throws(AllianceError) in try reader.string(n) }
            },
            rules: [], path: path, hash: SHA256.hex(bytes))
        var refused: [AllianceError] = document.curlyQuoted.map {
            .finding(
                "a value in curly quotes keeps them as part of its text: \(YAML.straightQuotesHint)",
                at: .file(path, line: $0), severity: .warning)
        }
        guard let rulesNode = top["rules"] else {
            errors.append(AllianceError("the plugin has no `rules:`", at: .file(path, line: 1)))
            return (plugin, refused, errors)
        }
        var ids = Set<String>()
        var rewrites = Set<String>()
        for node in attempt({ () throws(AllianceError) in try reader.sequence(rulesNode, what: "rules") })
            ?? []
        {
            guard
                let (rule, examples) = attempt({ () throws(AllianceError) in
                    try reader.rule(node, plugin: name)
                })
            else { continue }
            if rule.kind == .rewrite { rewrites.insert(rule.id) }
            guard ids.insert(rule.id).inserted else {
                errors.append(
                    AllianceError(
                        "rule id `\(rule.id)` is used twice in this plugin", at: reader.location(node)))
                continue
            }
            if runningExamples, let failure = examples.firstFailure(of: rule) {
                refused.append(
                    .finding(
                        "rule \(rule.id) refused: \(failure)", at: .file(path, line: rule.line),
                        severity: .error))
            } else {
                plugin.rules.append(rule)
            }
        }
        // A fix must name a rewrite of this plugin; one that was refused is dropped (its refusal is reported).
        for index in plugin.rules.indices {
            guard case .flag(let rule, var flag) = plugin.rules[index] else { continue }
            for fix in flag.fix where !rewrites.contains(fix) {
                errors.append(
                    AllianceError(
                        "rule \(rule.id): `fix: \(fix)` names no rewrite rule of this plugin",
                        at: .file(path, line: rule.line)))
            }
            flag.fix = flag.fix.filter { fix in plugin.rules.contains { $0.id == fix } }
            plugin.rules[index] = .flag(rule, flag)
        }
        return (plugin, refused, errors)
    }
}

/// The examples a rule carries: texts (or event sequences) that must and must not trigger it.
///
/// A nudge's example is a sequence of events, written `ask, ask, mine` or, when a text
/// holds a comma, as a list: `["agree: Feedback within a day, in person"]`.
struct RuleExamples {
    var match: [String] = []
    var ignore: [String] = []
    /// Nudge examples written as lists, by their text in `match` or `ignore`.
    var listed: [String: [String]] = [:]
    /// rewrite: the expected result for each `match` text.
    var expected: [String?] = []

    /// A sentence naming the first example the rule gets wrong, or nil when all pass.
    func firstFailure(of rule: Rule) -> String? {
        if match.isEmpty { return "it has no `examples: match:` (each rule needs at least one)" }
        do {
            switch rule {
            case .flag(_, let flag):
                for text in match where !(try flag.pattern.matches(text)) {
                    return "the example \"\(text)\" should match but does not"
                }
                for text in ignore where try flag.pattern.matches(text) {
                    return "the example \"\(text)\" should not match but does"
                }
            case .rewrite(_, let rewrite):
                // As flip does: curly quotes straightened, closing punctuation dropped.
                for (text, want) in zip(match, expected) {
                    guard let got = try rewrite.apply(to: Flip.normalize(text)) else {
                        return "the example \"\(text)\" should be rewritten but does not match"
                    }
                    if let want, got != want { return "\"\(text)\" became \"\(got)\", not \"\(want)\"" }
                }
                for text in ignore where try rewrite.apply(to: Flip.normalize(text)) != nil {
                    return "the example \"\(text)\" should not be rewritten but is"
                }
            case .nudge:
                for (sequence, shouldFire) in match.map({ ($0, true) }) + ignore.map({ ($0, false) }) {
                    let items = listed[sequence] ?? sequence.split(separator: ",").map { String($0).trimmed }
                    switch Result(catching: { () throws(AllianceError) in try RuleBook.exampleEvents(items) })
                    {
                    case .failure(let error): return error.message
                    case .success(let events):
                        if try RuleBook.nudgeFires(rule, on: events) != shouldFire {
                            return
                                "the example \"\(sequence)\" should \(shouldFire ? "" : "not ")fire but \(shouldFire ? "does not" : "does")"
                        }
                    }
                }
            }
        } catch {
            return "its pattern takes too long on an example"
        }
        return nil
    }
}

/// Reads plugin nodes strictly: unknown keys and wrong shapes are errors with `file:line`.
struct YAMLReader {
    let path: String

    func location(_ node: YAMLNode) -> AllianceError.Location { .file(path, line: node.line) }

    func mapping(_ node: YAMLNode, keys: Set<String>, what: String) throws(AllianceError) -> [String:
        YAMLNode]
    {
        guard let mapping = node.mapping else {
            throw AllianceError("\(what) must be `key: value` lines", at: location(node))
        }
        var result: [String: YAMLNode] = [:]
        // A key with no value (`~`, `null` or nothing) is as if it were not there.
        for (key, value) in mapping where !value.isNull {
            let name = key.text ?? ""
            guard keys.contains(name) else {
                throw AllianceError(
                    "unknown key `\(name)` in \(what) (known: \(keys.sorted().joined(separator: ", ")))",
                    at: location(key))
            }
            result[name] = value
        }
        return result
    }

    func sequence(_ node: YAMLNode, what: String) throws(AllianceError) -> [YAMLNode] {
        guard let sequence = node.sequence else {
            throw AllianceError("`\(what)` must be a list (lines starting with -)", at: location(node))
        }
        return Array(sequence)
    }

    func string(_ node: YAMLNode) throws(AllianceError) -> String {
        guard let text = node.text else {
            if node.isNull {
                throw AllianceError(
                    "no value here (`~`, `null` and nothing mean none): quote it to mean the text",
                    at: location(node))
            }
            throw AllianceError("expected a single value", at: location(node))
        }
        return text
    }

    func strings(_ node: YAMLNode, what: String) throws(AllianceError) -> [String] {
        if node.text != nil || node.isNull { return [try string(node)] }
        return try sequence(node, what: what).map { n throws(AllianceError) in try string(n) }
    }

    func id(_ node: YAMLNode, what: String) throws(AllianceError) -> String {
        let value = try string(node)
        guard Pack.isValidID(value) else {
            throw AllianceError(
                "\(what) \"\(value)\" may hold only lowercase letters, digits, - and _, at most 64 of them",
                at: location(node))
        }
        return value
    }

    func pattern(_ node: YAMLNode, caseSensitive: Bool) throws(AllianceError) -> Pattern {
        do {
            return try Pattern(try string(node), ignoreCase: !caseSensitive)
        } catch {
            throw AllianceError(error.message, at: location(node))
        }
    }

    func types(_ node: YAMLNode, what: String) throws(AllianceError) -> Set<EventType> {
        var types = Set<EventType>()
        for name in try strings(node, what: what) {
            guard let type = EventType(rawValue: name), Plugin.eventTypes.contains(type) else {
                throw AllianceError(
                    "unknown event type `\(name)` (known: \(Plugin.eventTypeNames))", at: location(node))
            }
            types.insert(type)
        }
        return types
    }

    func rule(_ node: YAMLNode, plugin: String) throws(AllianceError) -> (Rule, RuleExamples) {
        let keys: Set = [
            "id", "kind", "level", "message", "pattern", "case-sensitive", "replace", "person", "fix", "on",
            "count",
            "absent", "text", "unless", "examples",
        ]
        let fields = try mapping(node, keys: keys, what: "a rule")
        let line = node.line
        guard let idNode = fields["id"] else {
            throw AllianceError("a rule needs an `id:`", at: location(node))
        }
        let id = try self.id(idNode, what: "rule id")
        guard let kindNode = fields["kind"], let kind = Rule.Kind(rawValue: try string(kindNode)) else {
            throw AllianceError(
                "rule \(id) needs `kind: flag`, `kind: rewrite` or `kind: nudge`",
                at: location(fields["kind"] ?? node))
        }
        func allowed(_ names: Set<String>) throws(AllianceError) {
            for name in fields.keys where !names.contains(name) {
                throw AllianceError(
                    "`\(name)` is not used by a \(kind.rawValue) rule", at: location(fields[name]!))
            }
        }
        let common: Set = ["id", "kind", "level", "message", "examples"]
        var level = Rule.Level.warning
        if let levelNode = fields["level"] {
            guard let parsed = Rule.Level(rawValue: try string(levelNode)) else {
                throw AllianceError("`level` is warning or suggestion", at: location(levelNode))
            }
            level = parsed
        }
        let caseSensitive =
            try fields["case-sensitive"].map { n throws(AllianceError) in
                let value = try string(n)
                guard value == "true" || value == "false" else {
                    throw AllianceError("`case-sensitive` is true or false", at: location(n))
                }
                return value == "true"
            } ?? false
        var basics = Rule.Common(id: id, plugin: plugin, level: level, message: "", line: line)
        if let messageNode = fields["message"] { basics.message = try string(messageNode) }
        let rule: Rule
        switch kind {
        case .flag:
            try allowed(common.union(["pattern", "case-sensitive", "fix"]))
            guard let patternNode = fields["pattern"] else {
                throw AllianceError("rule \(id) needs a `pattern:`", at: location(node))
            }
            let pattern = try self.pattern(patternNode, caseSensitive: caseSensitive)
            if basics.message.isEmpty {
                throw AllianceError("rule \(id) needs a `message:`", at: location(node))
            }
            var fix: [String] = []
            if let fixNode = fields["fix"] {
                fix = try strings(fixNode, what: "fix")
                for id in fix where !Pack.isValidID(id) {
                    throw AllianceError("fix \"\(id)\" is not a rule id", at: location(fixNode))
                }
            }
            rule = .flag(basics, Rule.Flag(pattern: pattern, fix: fix))
        case .rewrite:
            try allowed(common.union(["pattern", "case-sensitive", "replace", "person"]))
            guard let patternNode = fields["pattern"] else {
                throw AllianceError("rule \(id) needs a `pattern:`", at: location(node))
            }
            let pattern = try self.pattern(patternNode, caseSensitive: caseSensitive)
            guard let replace = fields["replace"] else {
                throw AllianceError("rule \(id) needs a `replace:`", at: location(node))
            }
            let replacement = try string(replace)
            var secondPerson = false
            if let person = fields["person"] {
                guard try string(person) == "second" else {
                    throw AllianceError("`person` can only be `second`", at: location(person))
                }
                secondPerson = true
            }
            rule = .rewrite(
                basics, Rule.Rewrite(pattern: pattern, replacement: replacement, secondPerson: secondPerson))
        case .nudge:
            try allowed(common.union(["on", "count", "absent", "text", "unless", "case-sensitive"]))
            if basics.message.isEmpty {
                throw AllianceError("rule \(id) needs a `message:`", at: location(node))
            }
            guard let onNode = fields["on"] else {
                throw AllianceError("rule \(id) needs `on:` (the event type it watches)", at: location(node))
            }
            var condition = NudgeCondition(on: try types(onNode, what: "on"))
            if condition.on.contains(.sitting) {
                throw AllianceError(
                    "a nudge cannot fire on `sitting` (it is written with the first thing recorded); use `since: sitting` in a count",
                    at: location(onNode))
            }
            if let countNode = fields["count"] {
                let count = try mapping(countNode, keys: ["of", "since", "at-least"], what: "count")
                guard let of = count["of"], let atLeast = count["at-least"], let n = Int(try string(atLeast)),
                    n > 0
                else {
                    throw AllianceError(
                        "`count` needs `of:` (event types) and `at-least:` (a number above 0)",
                        at: location(countNode))
                }
                condition.count = NudgeCondition.Count(
                    of: try types(of, what: "of"),
                    since: try count["since"].map { n throws(AllianceError) in
                        n.text == "sitting" ? [] : try types(n, what: "since")
                    } ?? [],
                    atLeast: n)
            }
            if let absentNode = fields["absent"] {
                let absent = try mapping(absentNode, keys: ["of", "within"], what: "absent")
                if let within = absent["within"] {
                    switch try string(within) {
                    case "sitting": condition.absentInAlliance = false
                    case "alliance": condition.absentInAlliance = true
                    default: throw AllianceError("`within` is sitting or alliance", at: location(within))
                    }
                }
                guard let of = absent["of"] else {
                    throw AllianceError("`absent` needs `of:` (event types)", at: location(absentNode))
                }
                condition.absent = try types(of, what: "of")
            }
            condition.text = try fields["text"].map { n throws(AllianceError) in
                try pattern(n, caseSensitive: caseSensitive)
            }
            condition.unless = try fields["unless"].map { n throws(AllianceError) in
                try pattern(n, caseSensitive: caseSensitive)
            }
            rule = .nudge(basics, condition)
        }
        var examples = RuleExamples()
        if let examplesNode = fields["examples"] {
            let lists = try mapping(examplesNode, keys: ["match", "ignore"], what: "examples")
            if let match = lists["match"] {
                for item in try sequence(match, what: "match") {
                    if kind == .rewrite, item.mapping != nil {
                        let pair = try mapping(item, keys: ["from", "to"], what: "a rewrite example")
                        guard let from = pair["from"] else {
                            throw AllianceError("a rewrite example needs `from:`", at: location(item))
                        }
                        examples.match.append(try string(from))
                        examples.expected.append(
                            try pair["to"].map { n throws(AllianceError) in try string(n) })
                    } else {
                        examples.match.append(try exampleText(item, into: &examples))
                        examples.expected.append(nil)
                    }
                }
            }
            if let ignore = lists["ignore"] {
                for item in try sequence(ignore, what: "ignore") {
                    examples.ignore.append(try exampleText(item, into: &examples))
                }
            }
        }
        return (rule, examples)
    }

    /// A text, or for nudges an event sequence written as a list (`[ask, "agree: We meet"]`).
    func exampleText(_ node: YAMLNode, into examples: inout RuleExamples) throws(AllianceError) -> String {
        guard let sequence = node.sequence else { return try string(node) }
        let items = try sequence.map { n throws(AllianceError) in try string(n) }
        let text = items.joined(separator: ", ")
        examples.listed[text] = items
        return text
    }
}
