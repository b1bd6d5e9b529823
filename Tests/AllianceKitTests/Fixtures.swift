import Foundation
// Exported to every file of this target, so the suites that do not import it yet still see
// the shared helpers (packageRoot, SplitMix64, temporaryDirectory).
@_exported import TestSupport
import Testing

@testable import AllianceKit

/// A clock that starts at a fixed moment and moves one second per reading, read in `zone` (UTC
/// unless a test says otherwise, so nothing depends on the machine's TZ).
final class SteppingClock: Clock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Int64
    let zone: Zone

    init(start: String = "2026-11-25T09:00:00.000Z", zone: Zone = .utc) {
        current = Timestamp(start)!.milliseconds
        self.zone = zone
    }

    func now() -> Timestamp {
        lock.lock()
        defer { lock.unlock() }
        current += 1000
        return Timestamp(milliseconds: current)
    }
}

/// A data home that does not exist yet, in a fresh temporary directory (removed with it).
func temporaryHome() -> DataHome {
    DataHome(path: temporaryDirectory() + "/home")
}

/// The bundled packs, loaded once.
let bundledPacks = PackLibrary.load(directories: [packageRoot + "/packs"])

/// A pack parsed from text, failing the test's expectations loudly if it does not parse.
func pack(_ text: String, path: String = "test.md") throws -> Pack {
    try Pack.parse(text: text, path: path).pack
}

/// A new session in a temporary home with the bundled packs.
func newSession(with names: [String] = ["Zoë"], pack: String? = "new-team-member") throws -> Session {
    try Session(
        newIn: temporaryHome(), packs: bundledPacks, rules: bundledRules,
        options: StartOptions(participants: names, pack: pack), clock: SteppingClock())
}

extension Session {
    /// Runs lines, failing if any of them errs; returns every line shown.
    @discardableResult
    func run(_ lines: String...) throws -> [String] {
        var shown: [String] = []
        for line in lines {
            let response = execute(line)
            if let error = response.error { throw error }
            shown += response.lines.map(\.text)
        }
        return shown
    }

    /// The events as a fresh read of the log file gives them.
    func eventsOnDisk() throws -> [Event] {
        let contents = try LogReader.read(path: logPath)
        #expect(contents.isClean)
        return contents.events
    }
}

/// The bundled rule plugins, loaded once.
let bundledRules = RuleBook.load(directories: [packageRoot + "/Plugins"])
