extension ShellCommand {
    static let with = ShellCommand(
        "with", usage: "with [NAME]",
        summary: "add a participant, or choose whose answers you are recording", takesText: true,
        details: """
            `with Zoë` adds Zoë if she is new, and from then on what you type is recorded as her answer.
            With no name, lists who is taking part. `@Name text` records one answer for someone else.
            """,
        complete: { context, previous in previous.isEmpty ? context.state.participants : [] },
        run: { arguments, context throws(AllianceError) in
            let state = context.state
            let name = arguments.trimmed
            if name.isEmpty {
                guard !state.participants.isEmpty else {
                    return .show([Line("No one has joined yet: `with NAME` adds someone.", .dim)])
                }
                return .show(
                    state.participants.map { p in
                        Line(
                            (p == state.current ? "* " : "  ") + p.terminalSafe,
                            p == state.current ? .plain : .dim)
                    })
            }
            try validateName(name)
            if let existing = state.participant(named: name), existing == state.current {
                return .show([Line("Answers already go to \(existing.terminalSafe).", .dim)])
            }
            return .record(.with(name: state.participant(named: name) ?? name))
        })

    /// Names are shown in prompts and transcripts and typed after `@`: keep them plain.
    public static func validateName(_ name: String) throws(AllianceError) {
        guard name.count <= 60, name.split(separator: " ").count <= 3 else {
            throw AllianceError(
                "a name is at most three words and 60 characters; to record an answer that starts with \"with\", start the line with >",
                at: "with")
        }
        guard !name.unicodeScalars.contains(where: \.isControlForTerminal) else {
            throw AllianceError("a name cannot hold control characters", at: "with")
        }
        guard let first = name.first, first != "@", first != ">", first != "\"" else {
            throw AllianceError("a name cannot start with @, > or a quote", at: "with")
        }
        guard !Actor.reservedNames.contains(name.lowercased()) else {
            throw AllianceError("\"\(name)\" is a name the log keeps for itself: choose another", at: "with")
        }
    }

    static let pack = ShellCommand(
        "pack", usage: "pack [ID]",
        summary: "show the active pack, or switch to another",
        complete: { context, previous in previous.isEmpty ? context.packs.ids : [] },
        run: { arguments, context throws(AllianceError) in
            let id = arguments.trimmed
            if id.isEmpty {
                let pack = try context.activePack(for: "pack")
                return .show(describe(pack, state: context.state))
            }
            guard let pack = context.packs[id.lowercased()] else {
                throw AllianceError("no pack \"\(id)\" (`packs` lists them)", at: "pack")
            }
            if context.state.activePack == pack.id { return .show(describe(pack, state: context.state)) }
            return Outcome(
                events: [(.facilitator, .pack(id: pack.id, hash: pack.hash))],
                lines: describe(pack, state: context.state))
        })

    static func describe(_ pack: Pack, state: AllianceState) -> [Line] {
        let asked = pack.questions.filter { state.hasAsked(pack: pack.id, question: $0.question.id) }.count
        var lines = [
            Line(
                "\(pack.title) (\(pack.id)): \(pack.questionCount) questions, \(asked) asked".terminalSafe,
                .heading)
        ]
        if let forWhen = pack.forWhen { lines.append(Line("  For: \(forWhen)".terminalSafe, .dim)) }
        for section in pack.sections {
            let done = section.questions.filter { state.hasAsked(pack: pack.id, question: $0.id) }.count
            lines.append(
                Line(
                    "  \(section.slug.padded(to: 22)) \(done)/\(section.questions.count)  \(section.title)"
                        .terminalSafe, .dim))
        }
        return lines
    }

    static let packs = ShellCommand(
        "packs", usage: "packs", summary: "list the loaded packs",
        run: { _, context throws(AllianceError) in
            guard !context.packs.packs.isEmpty else {
                return .show([Line("No packs are loaded: see docs/packs.md to write one.", .warning)])
            }
            let width = context.packs.ids.map(\.count).max() ?? 0
            return .show(
                context.packs.packs.map { pack in
                    let active = pack.id == context.state.activePack
                    let asked = pack.questions.filter {
                        context.state.hasAsked(pack: pack.id, question: $0.question.id)
                    }.count
                    return Line(
                        "\(active ? "*" : " ") \(pack.id.padded(to: width))  \(pack.title)  (\(pack.questionCount) questions, \(asked) asked)"
                            .terminalSafe,
                        active ? .plain : .dim)
                })
        })

    static let agreements = ShellCommand(
        "agreements", usage: "agreements [--history]",
        summary: "list the agreements that stand; --history shows every wording and the dropped ones",
        complete: { _, previous in previous.isEmpty ? ["--history"] : [] },
        run: { arguments, context throws(AllianceError) in
            if arguments.trimmed == "--history" {
                let all = context.state.allAgreements
                guard !all.isEmpty else { return .show([Line("No agreements yet.", .dim)]) }
                return .show(all.flatMap { agreementHistory($0, state: context.state) })
            }
            guard arguments.trimmed.isEmpty else {
                throw AllianceError("usage: agreements [--history]", at: "agreements")
            }
            let standing = context.state.liveAgreements
            guard !standing.isEmpty else {
                return .show([Line("No agreements yet: `agree TEXT` records one.", .dim)])
            }
            return .show(
                standing.flatMap { a in
                    var lines = [Line("\(a.id)  \(a.text)".terminalSafe, .agreement)]
                    if a.due != nil || a.know != nil {
                        lines.append(
                            Line("    \(Transcript.commitment(due: a.due, know: a.know))".terminalSafe, .dim))
                    }
                    let offTrack = a.offTrack.filter { !context.state.isRetracted($0) }
                    if !offTrack.isEmpty {
                        lines.append(Line("    went off track \(offTrack.count)× (see `log`)", .dim))
                    }
                    return lines
                })
        })

    static let note = ShellCommand(
        "note", usage: "note [--private] TEXT",
        summary: "write a note; a private one is for you alone and left out of exports", takesText: true,
        run: { arguments, _ throws(AllianceError) in
            var text = arguments.trimmed
            let isPrivate = text.hasPrefix("--private")
            if isPrivate { text = String(text.dropFirst("--private".count)).trimmed }
            guard !text.isEmpty else { throw AllianceError("usage: note [--private] TEXT", at: "note") }
            return .record(.note(text: text, isPrivate: isPrivate))
        })

    static let undo = ShellCommand(
        "undo", usage: "undo", summary: "withdraw the last thing recorded (it stays in the history)",
        details: """
            Records that the last answer, question, agreement, note or participant of this sitting is
            withdrawn. Nothing is deleted: the log keeps both, and replay shows the withdrawal.
            Run it again to withdraw the one before.
            """,
        run: { _, context throws(AllianceError) in
            guard let target = context.state.lastRetractable else {
                throw AllianceError("nothing to undo in this sitting", at: "undo")
            }
            return .record(.retract(target: target))
        })

    static let log = ShellCommand(
        "log", usage: "log [N]", summary: "show the last N entries of this alliance (default 15)",
        run: { arguments, context throws(AllianceError) in
            let count: Int
            if arguments.trimmed.isEmpty {
                count = 15
            } else if let n = Int(arguments.trimmed), n > 0 {
                count = n
            } else {
                throw AllianceError("usage: log [N], where N is a number of entries", at: "log")
            }
            guard context.state.lastSeq > 0 else { return .show([Line("Nothing recorded yet.", .dim)]) }
            return .show(Array(Transcript.entries(context.state).suffix(count)))
        })

    static let help = ShellCommand(
        "help", usage: "help [COMMAND]", summary: "list the commands, or explain one",
        complete: { _, previous in previous.isEmpty ? all.map(\.name) : [] },
        run: { arguments, context throws(AllianceError) in
            let word = arguments.trimmed
            if word.isEmpty {
                // Usage on the left; the summary wrapped to what is left of the terminal.
                let width = all.map(\.usage.count).max() ?? 0
                let room = max(context.width - width - 5, 24)
                var lines = all.flatMap { command in
                    command.summary.wrapped(to: room).enumerated().map { n, part in
                        Line("  \((n == 0 ? command.usage : "").padded(to: width))  \(part)")
                    }
                }
                lines.append(Line(""))
                let footer = """
                    Anything else you type is the answer of the person you are with; `@Name text` records \
                    someone else's, and a line starting with > is always an answer. A command's first letters \
                    run it (q, u, pro); spell it out before text (agree …, note …), so answers stay answers. \
                    Tab completes; Up and Ctrl-R recall; Ctrl-C clears the line; Ctrl-D closes the sitting.
                    """
                lines += footer.wrapped(to: min(context.width, 100) - 1).map { Line($0, .dim) }
                return .show(lines)
            }
            switch lookup(word) {
            case .found(let command):
                var lines = [Line(command.usage, .heading), Line(command.summary)]
                if !command.details.isEmpty {
                    lines += command.details.split(separator: "\n").map { Line(String($0).trimmed, .dim) }
                }
                return .show(lines)
            case .ambiguous(let names):
                throw AllianceError("\"\(word)\" could be \(names.joined(separator: ", "))", at: "help")
            case .none:
                throw AllianceError("no command \"\(word)\" (`help` lists them)", at: "help")
            }
        })

    static let reload = ShellCommand(
        "reload", usage: "reload", summary: "load packs and plugins again, to try an edit at once",
        details: """
            Reads every pack and plugin directory again (bundled, your own, and any --packs or --plugins),
            reports what is wrong with any file, and carries on with what loads. The log records what the
            shell runs with from then on.
            """,
        run: { _, _ throws(AllianceError) in Outcome(reload: true) })

    static let quit = ShellCommand(
        "quit", usage: "quit", summary: "close the sitting (Ctrl-D does too)",
        run: { _, _ throws(AllianceError) in Outcome(quit: true) })
}
