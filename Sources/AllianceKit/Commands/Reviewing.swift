/// What `/keep`, `/adjust`, `/drop` and `/skip` share: the agreement named, else the one the
/// check-in is on, and what the check-in shows next.
extension ShellCommand {
    /// The optional agreement id these commands start with.
    static let reviewedAgreement = Signature.Argument.agreement(
        optional: true, candidates: { context in context.state.liveAgreements.map(\.id) })

    static func review(
        _ outcome: Review.Outcome, agreement named: String?, text: String?, due: String?, note: String?,
        every: Cadence? = nil, _ context: CommandContext, command: String? = nil
    ) throws(AllianceError) -> Outcome {
        let state = context.state
        let command = AllianceError.Location.command(ShellCommand.prefix + (command ?? outcome.rawValue))
        let id: String
        if let named {
            guard let agreement = state.agreement(named), !agreement.dropped else {
                throw AllianceError(
                    "no open agreement \(named.uppercased()) (/agreements lists them)", at: command)
            }
            id = agreement.id
        } else if let current = state.checkinQueue.first {
            id = current
        } else {
            throw AllianceError(
                "which agreement? e.g. /\(outcome.rawValue) A1 (or start a /checkin)", at: command)
        }
        var review = Review(agreement: id, outcome: outcome)
        switch outcome {
        case .adjust:
            review.text = text
            review.due = due
            review.note = note
            review.every = every
        case .keep, .drop:
            review.note = text
        case .skip:
            break
        }
        var result = Outcome.record(.review(review))
        // What comes next in the check-in, judged as it will stand after this review.
        let queue = state.checkinQueue.filter { $0 != id }
        if !state.checkinQueue.isEmpty {
            if let next = queue.first, let agreement = state.agreement(next) {
                result.lines = prompt(for: agreement, in: state)
            } else {
                result.lines = [Line("Check-in done. /agreements shows where they stand.", .dim)]
            }
        }
        return result
    }

    /// The date a date option (or, with `option` empty, an argument) names (`2027-01-15`, `friday`, `tomorrow`, `+2w`, … see
    /// `CalendarDate.parse`), counted from `today`; a date before today is refused with the date
    /// it understood, anything else with the forms a date takes.
    static func futureDate(
        _ text: String, option: String, today: CalendarDate, command: AllianceError.Location
    ) throws(AllianceError) -> CalendarDate {
        guard let date = CalendarDate.parse(text, today: today) else {
            throw AllianceError(
                "\(option.isEmpty ? "a date is" : option + " takes") \(CalendarDate.forms), not \"\(text)\"",
                at: command)
        }
        guard date >= today else {
            throw AllianceError(
                "\(option.isEmpty ? "" : option + " ")\(date) is in the past (today is \(today))", at: command
            )
        }
        return date
    }

    /// The cadence `--every` names, or an error with the forms it takes.
    static func cadence(_ text: String, command: AllianceError.Location) throws(AllianceError) -> Cadence {
        guard let cadence = Cadence(option: text) else {
            throw AllianceError("--every takes \(Cadence.forms), not \"\(text)\"", at: command)
        }
        return cadence
    }

    /// The `--by` and `--every` options of `/agree` and `/adjust`, checked.
    static func dates(_ arguments: Arguments, _ context: CommandContext, command: String)
        throws(AllianceError)
        -> (due: String?, every: Cadence?)
    {
        let location = AllianceError.Location.command(command)
        let due = try arguments.options["--by"].map { text throws(AllianceError) in
            try futureDate(text, option: "--by", today: context.today, command: location).description
        }
        let every = try arguments.options["--every"].map { text throws(AllianceError) in
            try cadence(text, command: location)
        }
        return (due, every)
    }
}
