import TestSupport
import Testing

@testable import AllianceKit

/// The list of commands (`ShellCommand.all`): what each is called, what it takes, how a typed
/// word finds it, and how `/help` presents it.
@Suite(.removingTemporaryDirectories) struct ShellCommandTests {
    /// Every command's usage, in the order `/help` lists them: what a coach reads, so a change to
    /// a declaration shows here.
    static let usages = [
        "/ask [ID | SECTION | QUESTION]", "/probe [WORD | QUESTION]", "/flip [TEXT]", "/mine [TEXT]",
        "/later [@NAME]",
        "/agree [TEXT] [--by DATE] [--every CADENCE] [--know HOW] [--revise A1]", "/repair [A1] [TEXT]",
        "/checkin",
        "/keep [A1] [NOTE]", "/adjust [A1] [WORDING] [--by DATE] [--every CADENCE] [-- NOTE]",
        "/drop [A1] [NOTE]", "/skip",
        "/history A1", "/due", "/next [DATE]", "/with [NAME]", "/without NAME", "/me [NAME]", "/pack [ID]",
        "/packs",
        "/agreements [--history]", "/note [--private] TEXT", "/undo [N]", "/amend N WORDING", "/fix",
        "/rules [mute | unmute] [RULE]", "/reload", "/revisit SESSION", "/log [N]", "/help [COMMAND]",
        "/quit",
    ]

    @Test func everyCommandReadsAsDeclared() {
        #expect(ShellCommand.all.map(\.usage) == Self.usages)
    }

    @Test func namesAreLowercaseWordsAndUnique() {
        let names = ShellCommand.all.map(\.name)
        #expect(Set(names).count == names.count)
        for name in names {
            #expect(!name.isEmpty && name.allSatisfy { $0.isASCII && $0.isLowercase }, "\(name)")
            #expect(!ShellCommand.all.first { $0.name == name }!.summary.isEmpty, "/\(name) has no summary")
        }
    }

    /// A command runs by its name in any case, or by any start of it no other command shares;
    /// a start several share names them all, in `/help`'s order.
    @Test func aCommandIsFoundByItsNameOrAUniquePrefix() {
        let names = ShellCommand.all.map(\.name)
        for name in names {
            for length in 1...name.count {
                let prefix = String(name.prefix(length))
                let sharing = names.filter { $0.hasPrefix(prefix) }
                switch ShellCommand.lookup(prefix.uppercased()) {
                case .found(let command):
                    #expect(
                        command.name == prefix || (sharing == [name] && command.name == name),
                        "\(prefix) found /\(command.name)")
                case .ambiguous(let candidates):
                    #expect(!names.contains(prefix) && sharing.count > 1, "\(prefix)")
                    #expect(candidates == sharing)
                case .none:
                    Issue.record("/\(prefix) finds nothing")
                }
            }
        }
        guard case .none = ShellCommand.lookup("zzz") else {
            Issue.record("/zzz found a command")
            return
        }
    }

    @Test func helpListsEveryCommandInOrderWithItsArguments() throws {
        let session = try newSession()
        let lines = try session.run("/help")
        let listed = lines.filter { $0.hasPrefix("  /") }.map { $0.dropFirst(2).split(separator: " ")[0] }
        #expect(listed.map(String.init) == ShellCommand.all.map { "/" + $0.name })
        // Arguments only: the options are in `/help COMMAND`.
        #expect(lines.contains { $0.hasPrefix("  /agree [TEXT]  ") })
        #expect(!lines.contains { $0.contains("--by DATE") })
        #expect(lines.last?.hasSuffix("Ctrl-D closes the sitting.") == true)
    }

    /// `/help NAME` (or `/help /NAME`): the usage, the summary, each option with what it does,
    /// and the question still open, so help never pushes it off the screen.
    @Test(arguments: ShellCommand.all.map(\.name))
    func helpExplainsEachCommand(_ name: String) throws {
        let command = try #require(ShellCommand.all.first { $0.name == name })
        let session = try newSession()
        try session.run("/ask trust")
        let response = session.execute("/help /\(name)")
        #expect(response.error == nil)
        let lines = response.lines
        #expect(lines.first == Line(command.usage, .heading))
        #expect(lines.dropFirst().first?.text == command.summary)
        for option in command.signature.options {
            #expect(
                lines.contains { $0.text.hasPrefix("  \(option.name)") && $0.text.hasSuffix(option.summary) },
                "/help \(name) does not explain \(option.name)")
        }
        #expect(lines.last == Line("Still open: \(session.state.questions.last!.text)", .question))
        #expect(session.state.lastSeq == 2, "help recorded something")
    }

    @Test func whatALineIsDependsOnlyOnItsFirstCharacters() throws {
        func kind(_ line: String) -> String {
            switch try? ShellCommand.interpret(line) {
            case .command(let command, let arguments)?: "/\(command.name)|\(arguments)"
            case .answer(let text)?: "answer|\(text)"
            case .addressed(let text)?: "@|\(text)"
            case .empty?: "empty"
            case nil: "refused"
            }
        }
        #expect(kind("/ask   What now? ") == "/ask|What now?")
        #expect(kind("/AGREEM --history") == "/agreements|--history")
        #expect(kind("Agree on goals") == "answer|Agree on goals")
        #expect(kind("//etc is where it lives") == "answer|/etc is where it lives")
        #expect(kind("> an old-style answer") == "answer|an old-style answer")
        #expect(kind("@Sam me too") == "@|Sam me too")
        #expect(kind("   ") == "empty")
        #expect(kind(" /undo") == "refused")
        #expect(kind(" /etc/hosts") == "answer|/etc/hosts")
        #expect(kind("/") == "refused")
        #expect(kind("/a") == "refused")
        #expect(kind("/nonsense") == "refused")
    }
}
