/// What `/keep`, `/adjust`, `/drop` and `/skip` share: the agreement named, else the one the
/// check-in is on, and what the check-in shows next.
extension ShellCommand {
    /// The optional agreement id these commands start with.
    static let reviewedAgreement = Signature.Argument.agreement(
        optional: true, candidates: { context in context.state.liveAgreements.map(\.id) })

    static func review(
        _ outcome: Review.Outcome, agreement named: String?, text: String?, due: String?, note: String?,
        _ context: CommandContext, command: String? = nil
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

    /// `2027-01-15` when `text` is a real calendar date in that form, else an error naming the option.
    static func validDate(_ text: String, option: String, command: AllianceError.Location)
        throws(AllianceError) -> String
    {
        guard let date = normalizedDate(text) else {
            throw AllianceError("\(option) takes a date like 2027-01-15, not \"\(text)\"", at: command)
        }
        return date
    }
}

/// `2027-01-15` when `text` is a real calendar date in that form.
func normalizedDate(_ text: String) -> String? {
    guard let stamp = Timestamp(text.trimmed + "T00:00:00.000Z"), stamp.calendarDate(in: .utc) == text.trimmed
    else {
        return nil
    }
    return stamp.calendarDate(in: .utc)
}

/// Whole days from one `YYYY-MM-DD` to another.
func daysBetween(_ from: String, _ to: String) -> Int? {
    guard let a = Timestamp(from + "T00:00:00.000Z"), let b = Timestamp(to + "T00:00:00.000Z") else {
        return nil
    }
    return Int((b.milliseconds - a.milliseconds) / 86_400_000)
}
