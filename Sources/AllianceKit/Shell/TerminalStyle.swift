/// How the shell's lines and prompt look on a terminal: in colour when it is wanted.
package struct TerminalStyle: Sendable, Equatable {
    package var color: Bool

    package init(color: Bool) { self.color = color }

    /// Whether to colour: only on a terminal, and never when `NO_COLOR` is set or `TERM=dumb`.
    package init(interactive: Bool, environment: [String: String]) {
        if !interactive {
            color = false
        } else if let noColor = environment["NO_COLOR"], !noColor.isEmpty {
            color = false
        } else {
            color = environment["TERM"] != "dumb"
        }
    }

    /// `lines` as the terminal gets them, each ending in `\n`; nil for no lines.
    package func text(_ lines: [Line]) -> String? {
        guard !lines.isEmpty else { return nil }
        return lines.map(render).joined(separator: "\n") + "\n"
    }

    /// One line as the terminal gets it: its text made safe once more here, whatever built it
    /// (a name, a pack, a log), so no command can put a raw escape on the screen.
    package func render(_ line: Line) -> String {
        let text = line.text.terminalSafe
        guard color else { return text }
        let code: String
        switch line.style {
        case .plain: return text
        case .question: code = "1"
        case .dim: code = "2"
        case .heading: code = "1;4"
        case .agreement: code = "32"
        case .warning: code = "33"
        }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }

    /// The prompt; escape sequences sit between \u{1} markers so libedit knows they take no room.
    package func prompt(for name: String?) -> String {
        let label = (name ?? "alliance").terminalSafe
        guard color else { return "\(label) › " }
        return "\u{1}\u{1B}[1;36m\u{1}\(label)\u{1}\u{1B}[0m\u{1} › "
    }
}
