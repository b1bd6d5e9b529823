extension ShellCommand {
    static let fix = ShellCommand(
        "fix", usage: "fix", summary: "ask the rewrite a flag offered instead of the flagged question",
        details: """
            When a rule flags a question you typed and offers a better one ("Try: …"), `fix` withdraws the
            flagged question and asks the offered one. Both stay in the history.
            """,
        run: { _, context throws(AllianceError) in
            let state = context.state
            let sitting = state.sittings.last?.seq ?? 0
            guard
                let (_, notice) = state.notices.last(where: { seq, notice in
                    seq > sitting && notice.fix != nil && notice.about.map { !state.isRetracted($0) } == true
                }), let about = notice.about, let fix = notice.fix
            else {
                throw AllianceError("no flagged question with a fix in this sitting", at: "fix")
            }
            // A flagged follow-up stays a follow-up in its thread.
            let replacement: EventKind
            if case .probe(_, let thread, _) = state.event(about)?.kind {
                replacement = .probe(text: fix, thread: thread, key: "typed")
            } else {
                replacement = .ask(Asked(text: fix))
            }
            return Outcome(events: [(.facilitator, .retract(target: about)), (.facilitator, replacement)])
        })

    static let rules = ShellCommand(
        "rules", usage: "rules [mute RULE | unmute RULE]",
        summary: "list the loaded rules, or mute one for this sitting",
        details: """
            Lists every rule of the loaded plugins in the order they apply: flags on the questions you type,
            rewrites that `flip` uses, and nudges that watch the session. `rules mute two-way-street/no-mine`
            silences one until the sitting ends; `rules unmute …` brings it back.
            """,
        complete: { context, previous in
            switch previous.count {
            case 0: return ["mute", "unmute"]
            case 1 where previous[0] == "mute":
                return context.rules.rules.filter { $0.kind != .rewrite }.map(\.qualifiedID)
            case 1 where previous[0] == "unmute": return context.state.muted.sorted()
            default: return []
            }
        },
        run: { arguments, context throws(AllianceError) in
            let (verb, name) = firstWord(arguments)
            switch verb.lowercased() {
            case "":
                let rules = context.rules.rules
                guard !rules.isEmpty else {
                    return .show([Line("No rule plugins are loaded (see docs/plugins.md).", .dim)])
                }
                let width = rules.map(\.qualifiedID.count).max() ?? 0
                return .show(
                    rules.map { rule in
                        let muted = context.state.muted.contains(rule.qualifiedID)
                        let kind =
                            rule.kind == .flag && rule.level == .suggestion
                            ? "flag (suggestion)" : rule.kind.rawValue
                        let text =
                            "\(rule.qualifiedID.padded(to: width))  \(kind.padded(to: 17))  \(rule.message.isEmpty ? "(used by flip)" : rule.message)\(muted ? "  [muted]" : "")"
                        return Line(text.terminalSafe, muted ? .dim : .plain)
                    })
            case "mute", "unmute":
                guard !name.isEmpty else {
                    throw AllianceError("usage: rules \(verb) RULE (Tab lists them)", at: "rules")
                }
                guard let rule = context.rules.rule(named: name) else {
                    throw AllianceError("no rule \"\(name)\" (`rules` lists them)", at: "rules")
                }
                guard rule.kind != .rewrite else {
                    throw AllianceError(
                        "\(rule.qualifiedID) is a rewrite: flip and fix use it when asked; mute the flag that offers it instead",
                        at: "rules")
                }
                let mute = verb.lowercased() == "mute"
                guard context.state.muted.contains(rule.qualifiedID) != mute else {
                    return .show([Line("\(rule.qualifiedID) is already \(mute ? "muted" : "on").", .dim)])
                }
                return .record(.mute(rule: rule.qualifiedID, muted: mute))
            default:
                throw AllianceError("usage: rules [mute RULE | unmute RULE]", at: "rules")
            }
        })
}
