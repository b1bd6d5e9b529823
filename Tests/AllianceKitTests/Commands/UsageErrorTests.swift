import TestSupport
import Testing

@testable import AllianceKit

/// What each command refuses, and what it says: arguments and options it does not take (with its
/// usage), and values it cannot act on. A refused line records nothing and shows nothing else.
@Suite(.removingTemporaryDirectories) struct UsageErrorTests {
    /// Lines each command refuses in an alliance with a question asked, answered and agreed
    /// (A1), and the message each gives. `{sessions}` stands for the data home's sessions folder.
    static let refused: [(line: String, message: String)] = [
        (
            "/ask --now",
            #"unknown option --now; in quotes ("--now") it is text (usage: /ask [ID | SECTION | QUESTION])"#
        ),
        (#"/ask """#, "the quotes are empty: type the question inside them"),
        (
            "/ask nosuch",
            #"no question or section "nosuch" in new-team-member (Tab lists them); to ask your own, type the whole question"#
        ),
        (
            "/probe --deeper",
            #"unknown option --deeper; in quotes ("--deeper") it is text (usage: /probe [WORD | QUESTION])"#
        ),
        ("/flip --x", #"unknown option --x; in quotes ("--x") it is text (usage: /flip [TEXT])"#),
        (
            "/flip What would you like instead?",
            #""What would you like instead?" already asks what they want: /probe to go deeper"#
        ),
        ("/mine --x", #"unknown option --x; in quotes ("--x") it is text (usage: /mine [TEXT])"#),
        ("/later --x", #"unknown option --x; in quotes ("--x") it is text (usage: /later [@NAME])"#),
        ("/later @Nobody", #"no one called "Nobody" is taking part (/with lists who is)"#),
        (
            "/agree We meet --by",
            "--by needs a DATE (usage: /agree [TEXT] [--by DATE] [--every CADENCE] [--know HOW] [--revise A1])"
        ),
        (
            "/agree We meet --by 2027-02-30",
            #"--by takes YYYY-MM-DD, a weekday (friday, fri), today, tomorrow, +3d, +2w or +1m, not "2027-02-30""#
        ),
        ("/agree We meet --by 2025-01-01", "--by 2025-01-01 is in the past (today is 2026-11-25)"),
        (
            "/agree We meet --by yesterday",
            #"--by takes YYYY-MM-DD, a weekday (friday, fri), today, tomorrow, +3d, +2w or +1m, not "yesterday""#
        ),
        (
            "/agree We meet --every year",
            #"--every takes day, week, fortnight, month, or a count such as 2w, 10d, 3m, not "year""#
        ),
        (
            "/agree We meet --by 2027-01-15 --by 2027-01-16",
            "--by is given twice (usage: /agree [TEXT] [--by DATE] [--every CADENCE] [--know HOW] [--revise A1])"
        ),
        (
            "/agree --know",
            "--know needs a HOW (usage: /agree [TEXT] [--by DATE] [--every CADENCE] [--know HOW] [--revise A1])"
        ),
        ("/agree --revise A1", "the new wording is missing: /agree --revise A1 TEXT"),
        ("/agree --revise A9 new words", "no open agreement A9 (/agreements lists them)"),
        ("/agree --revise A1 new --know how", "--know goes with a new agreement, not with --revise"),
        (
            "/agree --by 2027-01-15",
            "the agreement itself is missing: /agree TEXT [--by DATE] [--every CADENCE] [--know HOW]"
        ),
        ("/repair A9", "no agreement A9 (/agreements lists them)"),
        ("/repair --x", #"unknown option --x; in quotes ("--x") it is text (usage: /repair [A1] [TEXT])"#),
        ("/checkin now", #"it takes no argument, not "now" (usage: /checkin)"#),
        ("/keep A9", "no open agreement A9 (/agreements lists them)"),
        ("/keep", "which agreement? e.g. /keep A1 (or start a /checkin)"),
        (
            "/adjust",
            "give new wording, --by DATE or --every CADENCE (usage: /adjust [A1] [WORDING] [--by DATE] [--every CADENCE] [-- NOTE])"
        ),
        (
            "/adjust A1",
            "give new wording, --by DATE or --every CADENCE (usage: /adjust [A1] [WORDING] [--by DATE] [--every CADENCE] [-- NOTE])"
        ),
        (
            "/adjust A1 new --by soon",
            #"--by takes YYYY-MM-DD, a weekday (friday, fri), today, tomorrow, +3d, +2w or +1m, not "soon""#
        ),
        (
            "/adjust A1 new --every 0w",
            #"--every takes day, week, fortnight, month, or a count such as 2w, 10d, 3m, not "0w""#
        ),
        ("/adjust A9 new", "no open agreement A9 (/agreements lists them)"),
        ("/drop A9", "no open agreement A9 (/agreements lists them)"),
        (
            "/drop --force",
            #"unknown option --force; in quotes ("--force") it is text (usage: /drop [A1] [NOTE])"#
        ),
        ("/skip A1", #"it takes no argument, not "A1" (usage: /skip)"#),
        ("/skip", "which agreement? e.g. /skip A1 (or start a /checkin)"),
        ("/history", "A1 is missing (usage: /history A1)"),
        ("/history x1", #""x1" is not an agreement id such as A1 (usage: /history A1)"#),
        ("/history A9", "no agreement A9 (/agreements --history lists them all)"),
        ("/due 30", #"it takes no argument, not "30" (usage: /due)"#),
        ("/next 2026-11-24", "2026-11-24 is in the past (today is 2026-11-25)"),
        (
            "/next someday",
            #"a date is YYYY-MM-DD, a weekday (friday, fri), today, tomorrow, +3d, +2w or +1m, not "someday""#
        ),
        ("/next friday 4pm", #""4pm" is one argument too many (usage: /next [DATE])"#),
        ("/with --all", #"unknown option --all; in quotes ("--all") it is text (usage: /with [NAME])"#),
        ("/with @Sam", "a name cannot start with @, >, / or a quote"),
        ("/without", "NAME is missing (usage: /without NAME)"),
        ("/without Nobody", #"no one called "Nobody" is taking part (/with lists who is)"#),
        ("/me facilitator", #""facilitator" is a name the log keeps for itself: choose another"#),
        ("/pack nosuch", #"no pack "nosuch" (/packs lists them)"#),
        ("/pack a b", #""b" is one argument too many (usage: /pack [ID])"#),
        ("/packs foo", #"it takes no argument, not "foo" (usage: /packs)"#),
        ("/agreements all", #"it takes no argument, not "all" (usage: /agreements [--history])"#),
        (
            "/agreements --all",
            #"unknown option --all; it takes --history; in quotes ("--all") it is text (usage: /agreements [--history])"#
        ),
        ("/note", "TEXT is missing (usage: /note [--private] TEXT)"),
        (
            "/note --privately speaking",
            #"unknown option --privately; it takes --private; in quotes ("--privately") it is text (usage: /note [--private] TEXT)"#
        ),
        ("/note --private --private x", "--private is given twice (usage: /note [--private] TEXT)"),
        ("/undo many", #""many" is not a number (usage: /undo [N])"#),
        ("/undo 99", "there is no entry #99 (/log shows them)"),
        ("/undo 1", "#1 is the start of a sitting: only what was said or recorded can be withdrawn"),
        ("/amend", "N is missing (usage: /amend N WORDING)"),
        ("/amend 2", "WORDING is missing (usage: /amend N WORDING)"),
        ("/amend x words", #""x" is not a number (usage: /amend N WORDING)"#),
        ("/amend 99 words", "there is no entry 99 (/log shows them)"),
        ("/amend 1 words", "#1 is the start of a sitting: only answers, notes and questions can be amended"),
        ("/fix now", #"it takes no argument, not "now" (usage: /fix)"#),
        ("/fix", "no flagged question with a fix in this sitting"),
        ("/rules mute", "usage: /rules mute RULE (Tab lists them)"),
        ("/rules mute nosuch", #"no rule "nosuch" (/rules lists them)"#),
        (
            "/rules why-questions/why-question",
            "/rules mute why-questions/why-question or /rules unmute why-questions/why-question?"
        ),
        (
            "/rules mute avoidance/dont-like",
            "avoidance/dont-like is a rewrite: /flip and /fix use it when asked; mute the flag that offers it instead"
        ),
        ("/rules mute a b", #""b" is one argument too many (usage: /rules [mute | unmute] [RULE])"#),
        ("/reload now", #"it takes no argument, not "now" (usage: /reload)"#),
        ("/reload", "packs and plugins cannot be reloaded here"),
        ("/revisit", "SESSION is missing (usage: /revisit SESSION)"),
        (
            "/revisit nosuch",
            #"no session "nosuch" in {sessions} (`alliance sessions` lists them); this sitting stays open"#
        ),
        (
            "/revisit a b",
            #"no session "a b" in {sessions} (`alliance sessions` lists them); this sitting stays open"#
        ),
        ("/log ten", #""ten" is not a number (usage: /log [N])"#),
        ("/log 0", #""0" is not a number (usage: /log [N])"#),
        ("/log 1 2", #""2" is one argument too many (usage: /log [N])"#),
        ("/help nosuch", "no command /nosuch (/help lists them)"),
        ("/help a", "/a could be /ask, /agree, /adjust, /agreements, /amend"),
        ("/help ask more", #""more" is one argument too many (usage: /help [COMMAND])"#),
        ("/quit now", #"it takes no argument, not "now" (usage: /quit)"#),
    ]

    /// An alliance with an open question, an answer and agreement A1.
    static func alliance() throws -> Session {
        let session = try newSession(with: ["Zoë", "Sam"])
        try session.run("/ask trust", "An answer", "/agree We meet on Mondays")
        return session
    }

    @Test func everyCommandHasItsRefusalsWrittenDown() throws {
        let named = Set(
            Self.refused.compactMap { refusal -> String? in
                guard case .command(let command, _)? = try? ShellCommand.interpret(refusal.line) else {
                    return nil
                }
                return command.name
            })
        for command in ShellCommand.all {
            #expect(named.contains(command.name), "no refused line of /\(command.name) is written down")
        }
    }

    @Test(arguments: refused)
    func aRefusedLineSaysWhyAndRecordsNothing(_ line: String, _ message: String) throws {
        let session = try Self.alliance()
        let before = session.state
        let response = session.execute(line)
        let error = try #require(response.error, "\(line) was not refused")
        #expect(error.message == message.replacingOccurrences(of: "{sessions}", with: session.home.sessions))
        #expect(response.lines.isEmpty && response.effect == nil)
        #expect(session.state == before)
        #expect(try session.eventsOnDisk() == before.events)
    }

    /// Whatever a command takes, an option it does not declare is refused with its usage.
    @Test(arguments: ShellCommand.all.map(\.name))
    func anUndeclaredOptionIsRefusedWithTheUsage(_ name: String) throws {
        let command = try #require(ShellCommand.all.first { $0.name == name })
        let session = try Self.alliance()
        let error = try #require(session.execute("/\(name) --zz").error, "/\(name) --zz was accepted")
        #expect(error.message.hasPrefix("unknown option --zz"))
        #expect(error.message.hasSuffix("(usage: \(command.usage))"))
        #expect(error.location == "/\(name)")
    }
}
