/// What the interactive shell says when it opens (script mode says only the welcome back).
package enum Greeting {
    /// The banner of `session`: the version, the welcome back of a revisit, who answers, the
    /// active pack, and for a new alliance a hint of where to start.
    package static func banner(for session: Session) -> [Line] {
        banner(state: session.state, welcomeBack: session.welcomeBack, packs: session.packs)
    }

    /// The banner of an alliance in `state`, `welcomeBack` being what `Session.welcomeBack` says
    /// (nothing for a first sitting).
    package static func banner(state: AllianceState, welcomeBack: [Line], packs: PackLibrary) -> [Line] {
        var lines = [Line("alliance \(AllianceVersion.current) · designing an alliance", .heading)]
        lines += welcomeBack
        if state.participants.isEmpty {
            lines.append(Line("Add who you are with: /with NAME", .dim))
        } else {
            lines.append(
                Line(
                    "With \(state.participants.joined(separator: ", ")); answers go to \(state.current ?? "")"
                        .terminalSafe, .dim))
        }
        if let id = state.activePack, let pack = packs[id] {
            lines.append(
                Line(
                    "Pack: \(pack.title) (\(pack.id), \(pack.questionCount) questions) · /packs lists others"
                        .terminalSafe, .dim))
        } else {
            lines.append(
                Line(
                    "No pack chosen yet: /ask lists them with who each is for; /pack ID picks one.", .dim)
            )
        }
        if welcomeBack.isEmpty {
            lines.append(
                Line(
                    "/ask, /probe, /flip, /mine, /agree, /repair · /help for more · Tab completes · Ctrl-D closes",
                    .dim))
        }
        return lines
    }
}
