import Crypto
import TestSupport
import Testing

@testable import AllianceKit

/// The pieces of the encrypted home on their own: a line sealed and opened, what breaks it, the
/// key file and a data key (docs/encryption.md).
@Suite("Log cipher", .removingTemporaryDirectories)
struct LogCipherTests {
    static let plain = Array(
        #"{"v":1,"seq":2,"at":"2026-11-25T09:01:00.000Z","type":"note","by":"facilitator","text":"Zoë","prev":"\#(String(repeating: "a", count: 64))","crc":"00000000"}"#
            .utf8)
    static let cipher = LineCipher(id: "2026-11-25-k3f9", key: SymmetricKey(size: .bits256))

    static func open(_ cipher: LineCipher, _ stored: [UInt8]) throws(AllianceError) -> (
        plain: [UInt8], seq: Int
    ) {
        try Array(stored.dropLast()).withUnsafeBufferPointer { line throws(AllianceError) in
            let opened = try cipher.open(line)
            return (Array(opened.plain), opened.seq)
        }
    }

    @Test("a sealed line is a JSON object that opens to the plain line, with a fresh nonce each time")
    func sealAndOpen() throws {
        let prev = String(repeating: "a", count: 64)
        let stored = try Self.cipher.seal(Self.plain, seq: 2, prev: prev)
        let text = String(decoding: stored, as: UTF8.self)
        #expect(text.hasPrefix(#"{"v":2,"seq":2,"box":""#))
        #expect(text.hasSuffix("\"}\n"))
        #expect(text.contains(#","prev":"\#(prev)","crc":""#))
        #expect(!text.contains("Zoë"))
        let opened = try Self.open(Self.cipher, stored)
        #expect(opened.plain == Self.plain && opened.seq == 2)
        #expect(try Self.cipher.seal(Self.plain, seq: 2, prev: prev) != stored)
    }

    @Test("another alliance's key, another seq, or an edited prev does not open it")
    func whatBreaksALine() throws {
        let prev = String(repeating: "a", count: 64)
        let stored = try Self.cipher.seal(Self.plain, seq: 2, prev: prev)
        let other = LineCipher(id: "2026-11-25-zzzz", key: Self.cipher.key)
        #expect(throws: AllianceError.self) { try Self.open(other, stored) }
        let text = String(decoding: stored, as: UTF8.self)
        func recrc(_ line: String) -> [UInt8] {
            let body = String(line[..<line.range(of: #","crc":""#)!.lowerBound])
            return Array((body + #","crc":""# + CRC32.hex(Array(body.utf8)) + "\"}\n").utf8)
        }
        let renumbered = recrc(text.replacingOccurrences(of: #""seq":2,"#, with: #""seq":3,"#))
        #expect(throws: AllianceError.self) { try Self.open(Self.cipher, renumbered) }
        let rechained = recrc(text.replacingOccurrences(of: prev, with: String(repeating: "b", count: 64)))
        #expect(throws: AllianceError.self) { try Self.open(Self.cipher, rechained) }
        // Without its CRC made right, the checksum names it first.
        let damaged = Array(text.replacingOccurrences(of: #""seq":2,"#, with: #""seq":3,"#).utf8)
        #expect(throws: AllianceError.self) { try Self.open(Self.cipher, damaged) }
    }

    @Test("the key file records its parameters, reads back, and refuses a wrong passphrase")
    func keyFile() throws {
        let (file, key) = try HomeKeyFile.make(passphrase: Array("correct horse".utf8), n: 1024)
        #expect(file.salt.count == 32 && file.n == 1024 && file.r == 8 && file.p == 1)
        let home = DataHome(path: temporaryDirectory("alliance-keyfile"))
        let path = HomeKeyFile.path(in: home)
        try Files.create(path, contents: Array(file.text.utf8))
        let read = try HomeKeyFile.read(path: path)
        #expect(read == file)
        let unlocked = try read.unlock(Array("correct horse".utf8), path: path)
        #expect(unlocked == key)
        #expect(throws: AllianceError.self) { try read.unlock(Array("correct horsf".utf8), path: path) }
        // A data key wraps and unwraps, bound to its alliance's id.
        let dataKey = try DataKeyFile.create(for: "2026-11-25-k3f9", in: home, homeKey: key)
        #expect(try DataKeyFile.read(for: "2026-11-25-k3f9", in: home, homeKey: key) == dataKey)
        #expect(throws: AllianceError.self) {
            try DataKeyFile.read(for: "2026-11-25-k3f9", in: home, homeKey: SymmetricKey(size: .bits256))
        }
    }
}
