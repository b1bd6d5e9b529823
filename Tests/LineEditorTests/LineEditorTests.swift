import Foundation
import TestSupport
import Testing

@testable import LineEditor

@Suite(.removingTemporaryDirectories) struct CompletionLayoutTests {
    @Test func commonPrefixIgnoresCaseAndKeepsTheFirstSpelling() {
        #expect(EditLineReader.commonPrefix(["agree", "agreements"]) == "agree")
        #expect(EditLineReader.commonPrefix(["Zoë", "zoey"]) == "Zo")
        #expect(EditLineReader.commonPrefix(["ask", "probe"]) == "")
        #expect(EditLineReader.commonPrefix([]) == "")
    }

    @Test func columnsFitTheWidth() {
        let text = EditLineReader.columns(["ask", "agree", "agreements", "repair"], width: 30)
        let rows = text.split(separator: "\n")
        #expect(rows.count == 2)
        #expect(rows.allSatisfy { $0.count <= 30 })
        #expect(rows[0].hasPrefix("ask         agree"))
    }
}

/// The history files the shell keeps: every line typed in a session in the session's own file,
/// and only command lines without client words in the file every session shares.
@Suite(.removingTemporaryDirectories) struct HistoryFileTests {
    /// Lines with what libedit encodes in its file: spaces, tabs, backslashes, quotes, accents, emoji.
    static let typed = [
        "/help", "/ask trust", "Zoë said \"café\" \\ back\ttab 🌟", "/undo #12", "a|b `x` $HOME ~ 100%",
    ]

    @Test func whatIsSavedIsPrivateAndLoadsBackLineForLine() throws {
        let directory = temporaryDirectory()
        let history = try #require(LineHistory())
        for line in Self.typed { history.add(line) }
        #expect(history.save(to: directory + "/saved"))
        #expect(fileMode(directory + "/saved") == 0o600)
        #expect(try HistoryFile.entries(directory + "/saved") == Self.typed)

        let again = try #require(LineHistory())
        #expect(again.load(from: directory + "/saved"))
        #expect(again.save(to: directory + "/again"))
        #expect(try HistoryFile.entries(directory + "/again") == Self.typed)
        #expect(!again.load(from: directory + "/missing"))
    }

    @Test func theSharedFileKeepsCommandsAndTheSessionFileKeepsEverything() throws {
        let directory = temporaryDirectory()
        let sharedPath = directory + "/history"
        let sessionPath = directory + "/session.history"
        // A first session: the shell adds every line to the editor's history and the shareable
        // ones to the shared history as well, each saved to its own file.
        do {
            let editor = try #require(LineHistory())
            let shared = try #require(LineHistory())
            for line in ["/help", "/ask trust", "Being told the why secretanswer123", "/log 3"] {
                editor.add(line)
                if line.hasPrefix("/") { shared.add(line) }
            }
            #expect(shared.save(to: sharedPath))
            #expect(editor.save(to: sessionPath))
        }
        #expect(try HistoryFile.entries(sharedPath) == ["/help", "/ask trust", "/log 3"])
        #expect(
            try HistoryFile.entries(sessionPath) == [
                "/help", "/ask trust", "Being told the why secretanswer123", "/log 3",
            ])
        let sharedBytes = try String(contentsOfFile: sharedPath, encoding: .utf8)
        #expect(!sharedBytes.contains("secretanswer123"), "client words in the shared file: \(sharedBytes)")

        // The next session loads both, the shared file first, and writes the shared file again.
        let editor = try #require(LineHistory())
        let shared = try #require(LineHistory())
        #expect(editor.load(from: sharedPath) && editor.load(from: sessionPath))
        #expect(shared.load(from: sharedPath))
        shared.add("/agreements")
        #expect(shared.save(to: sharedPath))
        #expect(try HistoryFile.entries(sharedPath) == ["/help", "/ask trust", "/log 3", "/agreements"])
        // Up recalls the session's own lines first, then the shared ones.
        #expect(editor.save(to: directory + "/loaded"))
        #expect(
            try HistoryFile.entries(directory + "/loaded")
                == HistoryFile.entries(sharedPath).dropLast() + HistoryFile.entries(sessionPath))
    }
}

/// Reading a libedit history file: a `_HiStOrY_V2_` line, then one line per entry in `strvis`
/// form (`\040` for a space, `\134` for a backslash, `\M-` for a high byte in the C locale).
enum HistoryFile {
    static func entries(_ path: String) throws -> [String] {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        #expect(lines.first.map { Array($0) } == Array("_HiStOrY_V2_".utf8), "not a history file: \(path)")
        lines.removeFirst()
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines.map { String(decoding: unvis(Array($0)), as: UTF8.self) }
    }

    /// The bytes `strvis` encoded.
    static func unvis(_ encoded: [UInt8]) -> [UInt8] {
        func isOctal(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(byte) }
        func control(_ byte: UInt8) -> UInt8 { byte == UInt8(ascii: "?") ? 0x7F : byte & 0x1F }
        var out: [UInt8] = []
        var rest = encoded[...]
        while let byte = rest.popFirst() {
            guard byte == UInt8(ascii: "\\"), let next = rest.first else {
                out.append(byte)
                continue
            }
            let ahead = Array(rest.prefix(3))
            if ahead.count == 3 && ahead.allSatisfy(isOctal) {
                out.append(ahead.reduce(0) { $0 &* 8 &+ ($1 - UInt8(ascii: "0")) })
                rest = rest.dropFirst(3)
            } else if ahead.count == 3 && ahead.starts(with: "M-".utf8) {
                out.append(ahead[2] | 0x80)
                rest = rest.dropFirst(3)
            } else if ahead.count == 3 && ahead.starts(with: "M^".utf8) {
                out.append(control(ahead[2]) | 0x80)
                rest = rest.dropFirst(3)
            } else if next == UInt8(ascii: "^") && ahead.count >= 2 {
                out.append(control(ahead[1]))
                rest = rest.dropFirst(2)
            } else {
                out.append(next)
                rest = rest.dropFirst()
            }
        }
        return out
    }
}

/// The permission bits of a file.
func fileMode(_ path: String) -> Int? {
    (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)
        .map { $0.intValue & 0o777 }
}

@Suite(.removingTemporaryDirectories) struct CompletionSafetyTests {
    /// What the line editor never lists or types into the line, whatever the completer offers.
    @Test func controlAndBidiCharactersAreUnsafe() {
        for text in [
            "\u{1B}]52;c;aGk=\u{07}", "a\u{85}", "a\u{9B}", "a\u{7F}", "a\u{2028}", "x\u{202E}y", "\u{2066}",
            "\u{200F}",
        ] {
            #expect(EditLineReader.hasUnsafeScalar(text), "\(text.unicodeScalars.map(\.value))")
        }
        for text in ["Zoë", "Amara Okafor", "/ask", "שלום", "🌟"] {
            #expect(!EditLineReader.hasUnsafeScalar(text))
        }
    }
}
