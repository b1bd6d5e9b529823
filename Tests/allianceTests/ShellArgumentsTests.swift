import AllianceKit
import ArgumentParser
import Testing

@testable import alliance

#if canImport(Glibc)
    import Glibc
#endif

/// The shell's options read by hand must mean what ArgumentParser makes of them, and
/// anything the hand reader is not sure of must go to ArgumentParser.
@Suite struct ShellArgumentsTests {
    /// What ArgumentParser makes of a command line for the default command, or nil when it
    /// picks another command or refuses the line.
    static func viaArgumentParser(_ arguments: [String]) -> ShellArguments? {
        guard let command = try? AllianceCommand.parseAsRoot(arguments), let shell = command as? Shell else {
            return nil
        }
        return ShellArguments(
            home: shell.load.homeOptions.home, packs: shell.load.packs, plugins: shell.load.plugins,
            with: shell.with, pack: shell.pack, title: shell.title, me: shell.me)
    }

    static let readByHand: [[String]] = [
        [],
        ["--home", "/tmp/h"],
        ["--home=/tmp/h"],
        ["--home", "sessions"],
        ["--home", "/tmp/h", "--packs", "a", "--packs", "b", "--plugins", "c", "--plugins=d"],
        ["--with", "Ana", "--with", "Zoë", "--with=Bo Li"],
        ["--pack", "first-date", "--title", "A title with spaces"],
        ["--title=a=b", "--pack=x"],
        ["--with", "help"],
        ["--with", "shell"],
        ["--title", "x--y"],
        ["--packs", "/dir with space", "--home", "h", "--with", "A", "--title", "T", "--pack", "p"],
        ["--me", "Dad", "--with", "Léo"],
        ["--me=Coach Ana"],
    ]

    @Test(arguments: readByHand)
    func whatIsReadByHandIsWhatArgumentParserReads(_ arguments: [String]) throws {
        let hand = try #require(ShellArguments.parse(arguments))
        #expect(hand == Self.viaArgumentParser(arguments))
    }

    static let leftToArgumentParser: [[String]] = [
        ["--help"], ["-h"], ["help"], ["--version"], ["shell"], ["shell", "--with", "A"], ["sessions"],
        ["revisit", "x"], ["replay", "x"], ["packs", "list"], ["plugins", "list"],
        ["--home"], ["--home="], ["--home", ""], ["--home", "a", "--home", "b"],
        ["--pack", "a", "--pack", "b"], ["--me", "a", "--me", "b"],
        ["--title", "a", "--title", "b"], ["--title", "-x"], ["--title=-x"], ["--with", "-"], ["--with"],
        ["--unknown", "x"], ["--homes", "x"], ["--", "x"], ["--home", "h", "--"], ["x"], ["-x"],
        ["--home", "h", "extra"], ["--generate-completion-script", "bash"], ["--with", "A", "--help"],
    ]

    @Test(arguments: leftToArgumentParser)
    func everythingElseGoesToArgumentParser(_ arguments: [String]) {
        #expect(ShellArguments.parse(arguments) == nil)
    }

    /// Each variable is read by name, its value whole: after the first `=`, with any `=` or
    /// combining mark it starts with; a variable that is not set is left out, and a name is
    /// never read as a prefix of another.
    @Test func theNamedVariablesAreReadAsTheyWereSet() {
        let values = ["plain", "", "=x", "a=b", "e\u{301}", "\u{301}combining", "Zoë", "/tmp/h"]
        let names = values.indices.map { "ALLIANCE_TEST_ENV_\($0)" }
        for (name, value) in zip(names, values) { setenv(name, value, 1) }
        defer { names.forEach { unsetenv($0) } }
        let read = environment(names + ["ALLIANCE_TEST_ENV_UNSET", "ALLIANCE_TEST_ENV"])
        #expect(read == Dictionary(uniqueKeysWithValues: zip(names, values)))
    }
}
