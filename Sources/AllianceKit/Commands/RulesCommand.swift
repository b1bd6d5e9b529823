extension ShellCommand {
    static let rules = ShellCommand(
        "rules",
        Signature(
            [
                .word(
                    "mute | unmute", optional: true,
                    accepts: { ["mute", "unmute"].contains($0.lowercased()) },
                    candidates: { _ in ["mute", "unmute"] }),
                .word(
                    "RULE", optional: true,
                    candidates: { context in
                        context.rules.rules.filter { $0.kind != .rewrite }.map(\.qualifiedID)
                    }),
            ]),
        summary: "list the loaded rules, or mute one for this sitting",
        details: """
            Lists every rule of the loaded plugins in the order they apply: flags on the questions you type,
            rewrites that /flip uses, and nudges that watch the session. `/rules mute two-way-street/no-mine`
            silences one until the sitting ends; `/rules unmute …` brings it back.
            """,
        sharesHistory: false,
        run: { arguments, context throws(AllianceError) in
            let verb = arguments["mute | unmute"] ?? ""
            let name = arguments["RULE"] ?? ""
            if verb.isEmpty && !name.isEmpty {
                throw AllianceError(
                    "/rules mute \(name) or /rules unmute \(name)?".terminalSafe, at: .command("/rules"))
            }
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
                            "\(rule.qualifiedID.padded(to: width))  \(kind.padded(to: 17))  \(rule.message.isEmpty ? "(used by /flip)" : rule.message)\(muted ? "  [muted]" : "")"
                        return Line(text.terminalSafe, muted ? .dim : .plain)
                    })
            case "mute", "unmute":
                guard !name.isEmpty else {
                    throw AllianceError("usage: /rules \(verb) RULE (Tab lists them)", at: .command("/rules"))
                }
                guard let rule = context.rules.rule(named: name) else {
                    throw AllianceError("no rule \"\(name)\" (/rules lists them)", at: .command("/rules"))
                }
                guard rule.kind != .rewrite else {
                    throw AllianceError(
                        "\(rule.qualifiedID) is a rewrite: /flip and /fix use it when asked; mute the flag that offers it instead",
                        at: .command("/rules"))
                }
                let mute = verb.lowercased() == "mute"
                guard context.state.muted.contains(rule.qualifiedID) != mute else {
                    return .show([Line("\(rule.qualifiedID) is already \(mute ? "muted" : "on").", .dim)])
                }
                return .record(.mute(rule: rule.qualifiedID, muted: mute))
            default:
                throw AllianceError("usage: /rules [mute RULE | unmute RULE]", at: .command("/rules"))
            }
        })
}
