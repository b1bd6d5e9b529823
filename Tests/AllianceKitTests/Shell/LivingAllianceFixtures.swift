import Foundation

@testable import AllianceKit

/// A first sitting of the living-alliance tests (revisits, check-ins, exports, search), with two agreements, a repair plan and a private note, closed.
func firstSitting(
    home: DataHome = DataHome(path: temporaryDirectory() + "/home"), packs: PackLibrary = bundledPacks,
    rules: RuleBook = bundledRules
) throws -> Session {
    let session = try Session(
        newIn: home, packs: packs, rules: rules,
        options: StartOptions(participants: ["Zoë"], pack: "new-team-member", title: "Zoë joins"),
        clock: SteppingClock())
    try session.run(
        "/ask trust", "Being told the why", "/mine I over-explain",
        "/agree We meet Fridays at 4 --by 2026-12-04 --know \"it is in both calendars\"",
        "/agree We are honest",
        "/repair Time-out, then talk the next morning", "/note --private she seemed tired",
        "/note Offsite in March")
    _ = session.close(reason: "quit")
    return session
}

func revisit(
    _ first: Session, packs: PackLibrary = bundledPacks, rules: RuleBook = bundledRules,
    clock: SteppingClock = SteppingClock(start: "2026-12-16T09:00:00.000Z")
) throws -> Session {
    try Session(revisiting: first.logPath, home: first.home, packs: packs, rules: rules, clock: clock)
}
