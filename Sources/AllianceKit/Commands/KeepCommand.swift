extension ShellCommand {
    static let keep = ShellCommand(
        "keep", Signature([reviewedAgreement, .text("NOTE", optional: true)]),
        summary: "keep an agreement as it is (in a check-in)",
        run: { arguments, context throws(AllianceError) in
            var outcome = try review(
                .keep, agreement: arguments["A1"], text: arguments["NOTE"], due: nil, note: nil, context)
            // Kept as it is, a date that has passed stays passed: say how to give it a new one.
            if case .review(let review)? = outcome.events.first?.kind,
                let agreement = context.state.agreement(review.agreement),
                case .dated(let date, let days) = agreement.timing(today: context.today, in: context.zone),
                days < 0
            {
                outcome.lines.insert(
                    Line(
                        "\(agreement.id)'s date, \(date.shown), has passed: /adjust \(agreement.id) --by DATE gives it a new one.",
                        .dim), at: 0)
            }
            return outcome
        })
}
