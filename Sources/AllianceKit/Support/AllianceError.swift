/// The one error a user of AllianceKit sees: one line saying what went wrong and where.
///
/// `location` is a file and line (`packs/trip.md:12`), a command (`ask`) or a
/// session id; the message is lowercase-first and says what to do where it can.
public struct AllianceError: Error, Equatable, Sendable, CustomStringConvertible {
    public var location: String?
    public var message: String

    public init(_ message: String, at location: String? = nil) {
        self.location = location
        self.message = message
    }

    public var description: String {
        guard let location else { return message }
        return "\(location): \(message)"
    }

    /// The same error, placed at `location` unless it already names one.
    public func located(_ location: String) -> AllianceError {
        self.location == nil ? AllianceError(message, at: location) : self
    }
}
