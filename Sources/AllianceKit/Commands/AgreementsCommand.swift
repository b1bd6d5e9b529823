extension ShellCommand {
    static let agreements = ShellCommand(
        "agreements",
        Signature(options: [.flag("--history", "every wording, and the dropped ones")]),
        summary: "list the agreements that stand; --history shows every wording and the dropped ones",
        run: { arguments, context throws(AllianceError) in
            if arguments.has("--history") {
                let all = context.state.allAgreements
                guard !all.isEmpty else { return .show([Line("No agreements yet.", .dim)]) }
                return .show(all.flatMap { agreementHistory($0, state: context.state, zone: context.zone) })
            }
            let standing = context.state.liveAgreements
            guard !standing.isEmpty else {
                return .show([Line("No agreements yet: /agree TEXT records one.", .dim)])
            }
            return .show(
                standing.flatMap { a in
                    var lines = [Line("\(a.id)  \(a.text)".terminalSafe, .agreement)]
                    if a.due != nil || a.know != nil || a.every != nil {
                        lines.append(
                            Line(
                                "    \(Transcript.commitment(due: a.due, know: a.know, every: a.every))"
                                    .terminalSafe,
                                .dim))
                    }
                    let offTrack = a.offTrack.filter { !context.state.isRetracted($0) }
                    if !offTrack.isEmpty {
                        lines.append(Line("    went off track \(offTrack.count)× (see /log)", .dim))
                    }
                    return lines
                })
        })
}
