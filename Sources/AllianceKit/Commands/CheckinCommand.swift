extension ShellCommand {
    static let checkin = ShellCommand(
        "checkin", summary: "walk each open agreement: keep, adjust or drop it",
        details: """
            Shows each open agreement in turn. Answer with `/keep [NOTE]`, `/adjust [WORDING] [--by DATE] [-- NOTE]`,
            `/drop [NOTE]` or `/skip`; each is recorded, and the next agreement comes up. The old wording
            is never lost: `/history A2` shows every version. Meanwhile a line without `/` is what the
            person answering says about the agreement under review (`@Name text` for someone else):
            `/history`, the exports and the next sitting's greeting show it.
            """,
        run: { _, context throws(AllianceError) in
            let open = context.state.liveAgreements
            guard !open.isEmpty else {
                return .show([Line("No open agreements to check in on: /agree TEXT records one.", .dim)])
            }
            var outcome = Outcome.record(.checkin)
            outcome.lines =
                [Line("Check-in: \(plural(open.count, "open agreement")).", .heading)]
                + prompt(for: open[0], in: context.state)
            return outcome
        })

    /// How the check-in presents one agreement.
    static func prompt(for agreement: AllianceState.Agreement, in state: AllianceState) -> [Line] {
        var lines = [Line("\(agreement.id)  \(agreement.text)".terminalSafe, .agreement)]
        var facts = ["agreed in sitting \(agreement.sitting)"]
        if agreement.versions.count > 1 {
            facts.append("\(plural(agreement.versions.count - 1, "change")) since")
        }
        if let due = agreement.due { facts.append("due \(due)") }
        if let every = agreement.every { facts.append("every \(every)") }
        let offTrack = agreement.offTrack.filter { !state.isRetracted($0) }.count
        if offTrack > 0 { facts.append("went off track \(offTrack)×") }
        lines.append(Line("    " + facts.joined(separator: " · "), .dim))
        lines.append(
            Line("    /keep [NOTE] · /adjust [WORDING] [--by DATE] [-- NOTE] · /drop [NOTE] · /skip", .dim))
        return lines
    }
}
