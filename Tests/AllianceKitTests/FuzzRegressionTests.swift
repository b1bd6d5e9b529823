import Foundation
import TestSupport
import Testing

@testable import AllianceKit

/// Every input a fuzzer ever found a crash or a hang with (Fuzz/crashers/TARGET/) runs again
/// through what that fuzzer calls, and must end, quickly, without a crash.
@Suite(.removingTemporaryDirectories) struct FuzzRegressionTests {
    static func inputs(_ target: String) -> [String] {
        let dir = packageRoot + "/Fuzz/crashers/" + target
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { dir + "/" + $0 }
    }

    static func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    @Test(arguments: inputs("fuzz-log"))
    func logs(_ path: String) throws {
        let contents = LogReader.parse(try Self.bytes(path), path: path)
        let state = AllianceState(replaying: contents.events)
        _ = Transcript.entries(state) + Transcript.summary(state)
        for format in Export.Format.allCases {
            _ = Export(id: "x", state: state, includePrivate: true).render(format)
        }
        _ = state.lastRetractable
        _ = state.nextAgreementID
        _ = state.checkinQueue
    }

    @Test(arguments: inputs("fuzz-pack"))
    func packs(_ path: String) throws {
        _ = try? Pack.parse(bytes: try Self.bytes(path), path: path)
    }

    @Test(arguments: inputs("fuzz-plugin"))
    func plugins(_ path: String) throws {
        let bytes = try Self.bytes(path)
        _ = try? Plugin.parse(bytes: bytes, path: path)
        if let text = String(validating: bytes, as: UTF8.self), let pattern = try? Pattern(text) {
            _ = try? pattern.firstMatch(in: "How can I support you, Zoë? I don't like being micromanaged.")
        }
    }

    @Test(arguments: inputs("fuzz-command"))
    func commands(_ path: String) throws {
        let session = try newSession()
        for line in String(decoding: try Self.bytes(path), as: UTF8.self).split(separator: "\n") {
            _ = session.execute(String(line))
            _ = Completer.complete(String(line), context: session.context)
        }
        _ = session.close(reason: "quit")
    }

    @Test func aLogThatJumpsToAHugeSeqCanStillBeUndoneInQuickly() throws {
        let events = [
            Event(seq: 1, at: Timestamp(milliseconds: 0), kind: .sitting(SittingStart(number: 1, app: "t"))),
            Event(seq: 100_000_000_000, at: Timestamp(milliseconds: 1), kind: .note(text: "x")),
        ]
        let state = AllianceState(replaying: events)
        #expect(state.lastRetractable == 100_000_000_000)
        let huge =
            #"{"v":1,"seq":9007199254740993,"at":"2026-01-01T00:00:00.000Z","type":"note","by":"facilitator","text":"x""#
        let line = huge + #","crc":""# + CRC32.hex(Array(huge.utf8)) + #""}"#
        #expect(throws: AllianceError.self) { try EventCodec.decode(line: Array(line.utf8)) }
    }
}
