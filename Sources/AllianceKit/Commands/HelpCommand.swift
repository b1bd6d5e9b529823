extension ShellCommand {
    static let help = ShellCommand(
        "help",
        Signature([.word("COMMAND", optional: true, candidates: { _ in all.map(\.name) })]),
        summary: "list the commands, or explain one",
        run: { arguments, context throws(AllianceError) in
            guard let word = arguments["COMMAND"] else { return .show(overview(context)) }
            let name = word.hasPrefix(prefix) ? String(word.dropFirst()) : word
            switch lookup(name) {
            case .found(let command):
                return .show(explain(command) + openQuestion(context))
            case .ambiguous(let names):
                throw AllianceError(
                    "/\(name) could be \(names.map { prefix + $0 }.joined(separator: ", "))".terminalSafe,
                    at: .command("/help"))
            case .none:
                throw AllianceError(
                    "no command /\(name) (/help lists them)".terminalSafe, at: .command("/help"))
            }
        })

    /// Every command's usage, its summary wrapped to what is left of the terminal, and the open
    /// question again at the end, so help never pushes it off the screen.
    static func overview(_ context: CommandContext) -> [Line] {
        // Arguments only: the options are in `/help COMMAND`.
        let usages = all.map { command in
            prefix + ([command.name] + command.signature.arguments.map(\.usage)).joined(separator: " ")
        }
        let width = min(usages.map(\.count).max() ?? 0, 30)
        let room = max(context.width - width - 5, 24)
        var lines = zip(all, usages).flatMap { command, usage in
            command.summary.wrapped(to: room).enumerated().map { n, part in
                Line("  \((n == 0 ? usage : "").padded(to: width))  \(part)")
            }
        }
        let footer = """
            A line that starts with / is a command; anything else is the answer of the person you are \
            with (@Name text for someone else, //text for an answer that starts with /). /help COMMAND \
            explains one. Tab completes; Up and Ctrl-R recall; Ctrl-C clears the line; Ctrl-D closes the sitting.
            """
        lines += footer.wrapped(to: min(context.width, 100) - 1).map { Line($0, .dim) }
        return lines + openQuestion(context)
    }

    /// The usage lines, the summary, the options and the details of one command.
    static func explain(_ command: ShellCommand) -> [Line] {
        var lines = [Line(command.usage, .heading)]
        lines.append(Line(command.summary))
        for option in command.signature.options {
            var form = option.name
            switch option.value {
            case .none: break
            case .word(let name), .text(let name): form += " " + name
            }
            lines.append(Line("  \(form.padded(to: 16)) \(option.summary)", .dim))
        }
        if !command.details.isEmpty {
            lines += command.details.split(separator: "\n").map { Line(String($0).trimmed, .dim) }
        }
        return lines
    }

    /// The question still waiting for an answer, if any.
    static func openQuestion(_ context: CommandContext) -> [Line] {
        guard let seq = context.state.openQuestion, let question = context.state.question(seq) else {
            return []
        }
        return [Line("Still open: \(question.text)".terminalSafe, .question)]
    }
}
