import Crypto
import CryptoExtras
import FoundationEssentials

/// Encrypts and decrypts the lines of one alliance's log with its data key (ChaCha20-Poly1305,
/// swift-crypto's). Each line is sealed on its own with a fresh random nonce, the alliance id and
/// the line's `seq` as associated data, so a line stays independently durable, a torn tail is
/// still just a torn tail, and a line moved to another place or another log, or edited, no longer
/// opens. The stored line stays a JSON object (`docs/encryption.md`):
///
///     {"v":2,"seq":7,"box":"<base64 of nonce | ciphertext | tag>","prev":"<64 hex>","crc":"<8 hex>"}
///
/// The box holds the line a plain home would store (its own `prev` and `crc` included); `prev`
/// outside is the chain over the stored lines (`LogChain`), readable without the key, and must be
/// the `prev` inside; the CRC-32 names a damaged line without the key, as in a plain log.
package struct LineCipher: Sendable {
    /// The alliance whose log this cipher reads and writes.
    package let id: String
    let key: SymmetricKey

    package init(id: String, key: SymmetricKey) {
        self.id = id
        self.key = key
    }

    /// `{"v":2,"seq":`: how every encrypted line starts, and no plain line does.
    static let prefix = Array(#"{"v":2,"seq":"#.utf8)
    private static let boxKey = Array(#","box":""#.utf8)
    private static let prevKey = Array(#"","prev":""#.utf8)

    /// Whether `bytes` (a line, or the start of a log) is an encrypted line.
    package static func isEncrypted(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.starts(with: prefix)
    }

    /// What the box of line `seq` is bound to: the alliance id and the `seq`.
    private func associatedData(seq: Int) -> [UInt8] { Array("\(id)\n\(seq)".utf8) }

    /// The stored line (ending in `\n`) for `plain`, the plain line (without its `\n`) of event
    /// `seq`, whose `prev` is `prev`.
    package func seal(_ plain: some Collection<UInt8>, seq: Int, prev: String) throws(AllianceError)
        -> [UInt8]
    {
        let box: [UInt8]
        do {
            box = Array(
                try ChaChaPoly.seal(Array(plain), using: key, authenticating: associatedData(seq: seq))
                    .combined)
        } catch {
            throw AllianceError("cannot encrypt the line: \(error)")
        }
        var line = Self.prefix
        line.append(contentsOf: Array(String(seq).utf8))
        line.append(contentsOf: Self.boxKey)
        line.append(contentsOf: Array(Data(box).base64EncodedString().utf8))
        line.append(contentsOf: Self.prevKey)
        line.append(contentsOf: Array(prev.utf8))
        line.append(UInt8(ascii: "\""))
        let crc = CRC32.hex(line)
        line.append(contentsOf: Array(",\"crc\":\"\(crc)\"}\n".utf8))
        return line
    }

    /// The `seq` of a stored line (without its `\n`) once its checksum is right: what can be checked
    /// of it without the key.
    package static func storedSeq(_ line: UnsafeBufferPointer<UInt8>) -> Result<Int, AllianceError> {
        Result { () throws(AllianceError) in
            guard line.starts(with: prefix) else {
                throw AllianceError("is not an encrypted line in the form alliance writes")
            }
            try EventCodec.checkChecksum(line)
            var seq = 0
            var at = prefix.count
            while at < line.count, line[at] >= 48, line[at] <= 57, at - prefix.count < 18 {
                seq = seq * 10 + Int(line[at] - 48)
                at += 1
            }
            guard at > prefix.count, line[at...].starts(with: boxKey) else {
                throw AllianceError("is not an encrypted line in the form alliance writes")
            }
            return seq
        }
    }

    /// The plain line (without its `\n`) in the stored line `line` (without its `\n`), and the
    /// line's `seq`, once its checksum, its box (against this alliance's id and the `seq`) and its
    /// `prev` agree.
    ///
    /// Every line of an encrypted log passes here on each read, so the stored line is read in
    /// place: the base64 of its box is decoded from the line's own bytes, and the plain line is
    /// the buffer the cipher returns (replay's cost over a plain log: BENCHMARKS.md, row 7).
    ///
    /// Without `checksum`, the stored line's CRC is not checked first: for a reader that reads the
    /// whole log again, line by line and with every check, as soon as one line does not open.
    package func open(_ line: UnsafeBufferPointer<UInt8>, checksum: Bool = true) throws(AllianceError) -> (
        plain: Data, seq: Int
    ) {
        let notOurs = AllianceError("not an encrypted line in the form alliance writes")
        let suffix = EventCodec.checksumSuffixLength
        guard line.count > Self.prefix.count + suffix, line.starts(with: Self.prefix),
            let base = line.baseAddress
        else { throw notOurs }
        // The checksum first, as for a plain line: it names a damaged line without the key.
        if checksum { try EventCodec.checkChecksum(line) }
        let body = UnsafeBufferPointer(rebasing: line[..<(line.count - suffix)])
        var at = Self.prefix.count
        var seq = 0
        var digits = 0
        while at < body.count, body[at] >= 48, body[at] <= 57, digits < 18 {
            seq = seq * 10 + Int(body[at] - 48)
            at += 1
            digits += 1
        }
        guard digits > 0, body[at...].starts(with: Self.boxKey) else { throw notOurs }
        at += Self.boxKey.count
        // The box ends at the first quote; `prev` and its 64 hex digits close the body.
        let prevStart = body.count - 1 - 64
        guard prevStart - Self.prevKey.count > at, body[body.count - 1] == UInt8(ascii: "\""),
            body[(prevStart - Self.prevKey.count)..<prevStart].elementsEqual(Self.prevKey),
            POSIX.firstIndex(of: UInt8(ascii: "\""), in: body, from: at) == prevStart - Self.prevKey.count,
            let box = Data(
                base64Encoded: Data(
                    bytesNoCopy: UnsafeMutableRawPointer(mutating: base + at),
                    count: prevStart - Self.prevKey.count - at, deallocator: .none))
        else { throw notOurs }
        let plain: Data
        do {
            plain = try ChaChaPoly.open(
                ChaChaPoly.SealedBox(combined: box), using: key, authenticating: associatedData(seq: seq))
        } catch {
            throw AllianceError(
                "does not authenticate with the key of alliance \(id) as line seq \(seq): it was edited, damaged, or moved here from another place or another log"
            )
        }
        // The `prev` sealed inside must be the one outside, which the chain covers.
        let outside = body[prevStart..<(body.count - 1)]
        let agrees = plain.withUnsafeBytes { raw in
            let inner = raw.assumingMemoryBound(to: UInt8.self)
            if let digits = LogChain.prevDigits(in: inner) { return digits.elementsEqual(outside) }
            return LogChain.prev(in: inner) == String(decoding: outside, as: UTF8.self)
        }
        guard agrees else {
            throw AllianceError(
                "its \"prev\" is not the one sealed inside it: the chain field was edited")
        }
        return (plain, seq)
    }
}

extension LineCipher {
    /// The plain lines of the committed lines of a stored log, each ending in `\n`, as a plain
    /// home would store them (in memory only); nil when a line does not open, so the caller reads
    /// the log line by line and reports it. (Each box is authenticated, so the stored lines'
    /// checksums, which only name damage, are left to that second reading.)
    package func openAll(_ log: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var plain: [UInt8] = []
        plain.reserveCapacity(log.count)
        var failed = false
        _ = LogReader.eachLine(in: log) { line in
            guard !failed, let opened = try? open(line, checksum: false) else {
                failed = true
                return
            }
            opened.plain.withUnsafeBytes { plain.append(contentsOf: $0) }
            plain.append(10)
        }
        return failed ? nil : plain
    }
}

/// The key-encryption key of an encrypted data home, derived from the passphrase by scrypt, and
/// the file that records how: `<home>/key.json` (mode 0600), which holds no secret:
///
///     {"v":1,"kdf":"scrypt","n":131072,"r":8,"p":1,"salt":"<base64, 32 bytes>","check":"<base64>"}
///
/// `check` is a known text sealed with the key (ChaCha20-Poly1305, associated data
/// `alliance key check`): a wrong passphrase is found before anything is read or written.
package struct HomeKeyFile: Sendable, Equatable {
    package static let name = "key.json"
    /// scrypt's cost for a new home: 2^17 (128 MiB, r = 8): unlocking takes 0.35–0.39 s in a
    /// release build on the project's 2-core machine (1.7 s in a debug build, whose BoringSSL is
    /// not optimized).
    package static let defaultN = 1 << 17
    static let checkText = Array("alliance data home key v1".utf8)
    static let checkData = Array("alliance key check".utf8)

    package var n: Int
    package var r: Int
    package var p: Int
    package var salt: [UInt8]
    package var check: [UInt8]

    package static func path(in home: DataHome) -> String { Files.join(home.path, name) }

    /// The key derived from `passphrase` with this file's salt and parameters.
    package func derive(_ passphrase: [UInt8]) throws(AllianceError) -> SymmetricKey {
        do {
            return try KDF.Scrypt.deriveKey(
                from: passphrase, salt: salt, outputByteCount: 32, rounds: n, blockSize: r, parallelism: p)
        } catch {
            throw AllianceError("cannot derive the key from the passphrase (scrypt: \(error))")
        }
    }

    /// A new key file for `passphrase`: a random salt, and the check sealed with the derived key.
    package static func make(passphrase: [UInt8], n: Int = defaultN) throws(AllianceError) -> (
        file: HomeKeyFile, key: SymmetricKey
    ) {
        var file = HomeKeyFile(n: n, r: 8, p: 1, salt: randomBytes(32), check: [])
        let key = try file.derive(passphrase)
        do {
            file.check = Array(try ChaChaPoly.seal(checkText, using: key, authenticating: checkData).combined)
        } catch {
            throw AllianceError("cannot seal the key check: \(error)")
        }
        return (file, key)
    }

    /// The key for `passphrase`, or an error when it is not the passphrase of this file.
    package func unlock(_ passphrase: [UInt8], path: String) throws(AllianceError) -> SymmetricKey {
        let key = try derive(passphrase)
        guard let box = try? ChaChaPoly.SealedBox(combined: check),
            let text = try? ChaChaPoly.open(box, using: key, authenticating: Self.checkData),
            Array(text) == Self.checkText
        else {
            throw AllianceError(
                "wrong passphrase for this data home (it does not open the key check); nothing was read or changed",
                at: .file(path))
        }
        return key
    }

    /// The file's text, one JSON object and a newline.
    package var text: String {
        #"{"v":1,"kdf":"scrypt","n":\#(n),"r":\#(r),"p":\#(p),"salt":"\#(Data(salt).base64EncodedString())","check":"\#(Data(check).base64EncodedString())"}"#
            + "\n"
    }

    /// Reads the key file at `path`.
    package static func read(path: String) throws(AllianceError) -> HomeKeyFile {
        let text = String(decoding: try Files.read(path, limit: 4096), as: UTF8.self)
        let bad = AllianceError("is not a key file in the form alliance writes", at: .file(path, line: 1))
        let fields = FlatJSON(text)
        guard fields.number("v") == 1, fields.string("kdf") == "scrypt",
            let n = fields.number("n"), let r = fields.number("r"), let p = fields.number("p"),
            let salt = fields.string("salt").flatMap({ Data(base64Encoded: $0) }),
            let check = fields.string("check").flatMap({ Data(base64Encoded: $0) }),
            n >= 2, n <= 1 << 24, n & (n - 1) == 0, r >= 1, r <= 32, p >= 1, p <= 16, salt.count >= 16
        else { throw bad }
        return HomeKeyFile(n: n, r: r, p: p, salt: Array(salt), check: Array(check))
    }
}

/// The data key of one alliance, stored wrapped with the home's key in `<home>/keys/<id>.key`
/// (mode 0600), outside `sessions/`, so a copy of `sessions/` alone opens nothing; purging the
/// alliance removes this file, and with it every copy of its log becomes unreadable:
///
///     {"v":1,"id":"2026-11-25-k3f9","key":"<base64 of nonce | wrapped 32-byte key | tag>"}
///
/// The wrapping is ChaCha20-Poly1305 with the home's key and the alliance id as associated data.
package enum DataKeyFile {
    package static func directory(in home: DataHome) -> String { Files.join(home.path, "keys") }
    package static func path(for id: String, in home: DataHome) -> String {
        Files.join(directory(in: home), id + ".key")
    }

    /// A new random data key for `id`, wrapped with `homeKey` and written (never over a file there).
    package static func create(for id: String, in home: DataHome, homeKey: SymmetricKey) throws(AllianceError)
        -> SymmetricKey
    {
        let key = SymmetricKey(size: .bits256)
        let wrapped: [UInt8]
        do {
            wrapped = try key.withUnsafeBytes { raw in
                Array(
                    try ChaChaPoly.seal(Array(raw), using: homeKey, authenticating: Array(id.utf8)).combined)
            }
        } catch {
            throw AllianceError("cannot wrap the data key: \(error)")
        }
        try Files.makeDirectory(directory(in: home))
        let text = #"{"v":1,"id":"\#(id)","key":"\#(Data(wrapped).base64EncodedString())"}"# + "\n"
        try Files.create(path(for: id, in: home), contents: Array(text.utf8))
        return key
    }

    /// The data key of `id`, unwrapped with `homeKey`.
    package static func read(for id: String, in home: DataHome, homeKey: SymmetricKey) throws(AllianceError)
        -> SymmetricKey
    {
        let path = path(for: id, in: home)
        guard Files.exists(path) else {
            throw AllianceError(
                "the data key of alliance \(id) is not in this data home (purged, or the log comes from another home): its log cannot be read",
                at: .file(path))
        }
        let text = String(decoding: try Files.read(path, limit: 4096), as: UTF8.self)
        let fields = FlatJSON(text)
        guard fields.string("id") == id, let wrapped = fields.string("key"),
            let bytes = Data(base64Encoded: wrapped), let box = try? ChaChaPoly.SealedBox(combined: bytes),
            let raw = try? ChaChaPoly.open(box, using: homeKey, authenticating: Array(id.utf8)),
            raw.count == 32
        else {
            throw AllianceError(
                "does not open with this home's key as the data key of alliance \(id)",
                at: .file(path, line: 1))
        }
        return SymmetricKey(data: raw)
    }
}

/// The fields of a one-line JSON object of alliance's own key files, whose values are numbers or
/// strings without escapes (base64, ids, names): read back exactly as written.
struct FlatJSON {
    private var fields: [String: String] = [:]

    init(_ text: String) {
        var body = Substring(text.trimmed)
        guard body.hasPrefix("{"), body.hasSuffix("}") else { return }
        body = body.dropFirst().dropLast()
        for pair in body.split(separator: ",") {
            let parts = pair.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, parts[0].count >= 2, parts[0].first == "\"", parts[0].last == "\"" else {
                return
            }
            fields[String(parts[0].dropFirst().dropLast())] = String(parts[1])
        }
    }

    func string(_ name: String) -> String? {
        guard let value = fields[name], value.count >= 2, value.first == "\"", value.last == "\"" else {
            return nil
        }
        let inner = value.dropFirst().dropLast()
        return inner.contains("\"") || inner.contains("\\") ? nil : String(inner)
    }

    func number(_ name: String) -> Int? { fields[name].flatMap { Int($0) } }
}

/// Bytes from the system's secure random source.
func randomBytes(_ count: Int) -> [UInt8] {
    var generator = SystemRandomNumberGenerator()
    return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
}
