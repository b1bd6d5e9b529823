import AllianceKit
import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The encrypted data home (issue 15, items 1, 2 and 5): `alliance key init`, every log written
/// encrypted, read back with the passphrase by every command, refused without it, authenticated
/// line by line, forgotten by purge, converted by `alliance encrypt`, and decrypted by the
/// reference decryptor in Python.
@Suite("Encrypted data home", .timeLimit(.minutes(3)), .removingTemporaryDirectories)
struct EncryptionCLITests {
    /// Words of the sitting that must never be found in the home as they are.
    static let secrets = ["Zanzibar", "Quentinella", "Obsidian Merger", "Yellowknife"]

    /// A passphrase file in the home's enclosing folder (not in the home).
    static func passphraseFile(_ home: TemporaryHome, _ text: String = "correct horse battery staple")
        throws -> String
    {
        let path = home.root + "/passphrase-\(text.count)"
        try Data((text + "\n").utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// An encrypted home (small scrypt parameters, recorded in its key file) with one alliance of
    /// two sittings: an answer, an agreement, a private note.
    static func encryptedAlliance() throws -> (home: TemporaryHome, id: String, passphrase: String) {
        let home = try TemporaryHome()
        let passphrase = try passphraseFile(home)
        let initialized = try home.run(
            ["key", "init"], ["--passphrase-file", passphrase, "--scrypt-n", "1024"])
        #expect(initialized.status == 0, "\(initialized)")
        let env = ["ALLIANCE_PASSPHRASE_FILE": passphrase]
        let first = try home.run(
            [], ["--with", "Quentinella", "--title", "Obsidian Merger"],
            stdin: Alliance.script([
                "/ask What builds trust for you?", "Zanzibar stories on Fridays", "/agree Fridays at 4",
                "/note --private Yellowknife worries", "/quit",
            ]), environment: env)
        #expect(first.status == 0, "\(first)")
        let id = try home.singleSessionID()
        let second = try home.run(
            ["revisit", id], stdin: Alliance.script(["/note second sitting", "/quit"]), environment: env)
        #expect(second.status == 0, "\(second)")
        return (home, id, passphrase)
    }

    /// Every file under `path` with its bytes.
    static func snapshot(_ path: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: path)
        while let name = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let full = path + "/" + name
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue
            {
                files[name] = try Data(contentsOf: URL(fileURLWithPath: full))
            }
        }
        return files
    }

    /// The files under `path` holding `word` (as `grep -r` finds it, ignoring case), and file names.
    static func holding(_ word: String, in path: String) throws -> [String] {
        try snapshot(path).compactMap { name, data in
            name.localizedCaseInsensitiveContains(word)
                || String(decoding: data, as: UTF8.self).localizedCaseInsensitiveContains(word) ? name : nil
        }
    }

    @Test("after key init and a sitting, no answer, name or title is anywhere in the home")
    func noPlaintextInTheHome() throws {
        let (home, id, passphrase) = try Self.encryptedAlliance()
        for word in Self.secrets {
            #expect(try Self.holding(word, in: home.path).isEmpty, "\(word)")
        }
        // Each line is a JSON object readable without the key, chained over the stored lines.
        let lines = try LogFile.lines(home.sessions + "/\(id).jsonl")
        var prev = LogChain.genesis(id: id)
        for (n, line) in lines.enumerated() {
            #expect(line.hasPrefix(#"{"v":2,"seq":\#(n + 1),"box":""#), "\(line)")
            #expect(line.contains(#","prev":"\#(prev)","crc":""#), "\(line)")
            prev = Array(line.utf8).withUnsafeBufferPointer { LogChain.hash(of: $0) }
        }
        #expect(FileManager.default.fileExists(atPath: home.path + "/keys/\(id).key"))
        #expect(LogFile.mode(home.path + "/key.json") == 0o600)
        #expect(LogFile.mode(home.path + "/keys/\(id).key") == 0o600)
        // With the passphrase, every command reads it.
        let env = ["ALLIANCE_PASSPHRASE_FILE": passphrase]
        let replay = try home.run(["replay", id], environment: env)
        #expect(replay.status == 0, "\(replay)")
        #expect(replay.stdout.contains("Zanzibar stories on Fridays"), "\(replay)")
        #expect(replay.stdout.contains("Obsidian Merger"), "\(replay)")
        let sessions = try home.run(["sessions"], ["--passphrase-file", passphrase])
        #expect(sessions.stdout.contains("Quentinella"), "\(sessions)")
        let search = try home.run(["search", "zanzibar"], environment: env)
        #expect(search.status == 0 && search.stdout.contains("Zanzibar stories"), "\(search)")
        let export = try home.run(["export", id], environment: env)
        #expect(export.status == 0 && export.stdout.contains("Fridays at 4"), "\(export)")
        let verify = try home.run(["verify"], environment: env)
        #expect(verify.status == 0 && verify.stdout.contains(": OK: "), "\(verify)")
        let due = try home.run(["due"], environment: env.merging(["ALLIANCE_NOW": "2026-12-20"]) { $1 })
        #expect(due.status == 0 && due.stderr.isEmpty, "\(due)")
        // The global option before the command name works as --home does.
        let global = try Alliance.run(
            ["--passphrase-file", passphrase, "--home", home.path, "replay", id],
            environment: home.environment)
        #expect(global.status == 0, "\(global)")
    }

    @Test("a wrong passphrase, or none without a terminal, is one line, exit 1, and changes no byte")
    func wrongPassphraseChangesNothing() throws {
        let (home, id, _) = try Self.encryptedAlliance()
        let wrong = try Self.passphraseFile(home, "not the passphrase")
        let before = try Self.snapshot(home.path)
        for command in [
            ["replay", id], ["revisit", id], ["sessions"], ["verify"], ["purge", id, "--yes"], [],
        ] {
            let run = try home.run(command, ["--passphrase-file", wrong], stdin: "/note x\n/quit\n")
            #expect(run.status == 1, "\(command): \(run)")
            #expect(
                run.stderr
                    == "error: \(home.path)/key.json: wrong passphrase for this data home (it does not open the key check); nothing was read or changed\n",
                "\(command): \(run)")
            // verify, alone, checks what needs no key (verifyWithoutTheKey).
            let none = try home.run(command, stdin: "/quit\n")
            #expect(none.status == (command == ["verify"] ? 0 : 1), "\(command): \(none)")
            #expect(none.stderrLines.count == 1 && none.stderr.contains("--passphrase-file"), "\(none)")
        }
        #expect(try Self.snapshot(home.path) == before)
    }

    @Test("a line edited, swapped or moved from another log fails authentication; verify names the line")
    func tamperingFailsAuthentication() throws {
        let (home, id, passphrase) = try Self.encryptedAlliance()
        let env = ["ALLIANCE_PASSPHRASE_FILE": passphrase]
        let log = home.sessions + "/\(id).jsonl"
        let original = try LogFile.lines(log)
        func check(_ lines: [String], line: Int, _ message: String) throws {
            try ChainCLITests.write(lines, to: log)
            let verify = try home.run(["verify", id], environment: env)
            #expect(verify.status == 1, "\(verify)")
            #expect(verify.stderr.hasPrefix("\(log):\(line): error: \(message)"), "\(verify)")
            let strict = try home.run(["replay", id, "--strict"], environment: env)
            #expect(strict.status == 1, "\(strict)")
            // search reads every line it can and names the one that does not open.
            let search = try home.run(["search", "zanzibar"], environment: env)
            #expect(search.stderr.hasPrefix("warning: \(log):\(line): \(message)"), "\(search)")
        }
        // One character of a box changed, its CRC made right: the box no longer opens.
        var edited = original
        let box = try #require(edited[2].range(of: #""box":""#)).upperBound
        let index = edited[2].index(box, offsetBy: 20)
        let flipped = edited[2][index] == "A" ? "B" : "A"
        edited[2] = ChainCLITests.edited(
            edited[2], String(edited[2][box..<edited[2].index(after: index)]),
            String(edited[2][box..<index]) + flipped)
        try check(edited, line: 3, "does not authenticate with the key of alliance \(id) as line seq 3")
        // A line's seq changed to fit elsewhere: the box is bound to its seq.
        var renumbered = original
        renumbered.swapAt(1, 2)
        renumbered[1] = ChainCLITests.edited(renumbered[1], #""seq":3,"#, #""seq":2,"#)
        renumbered[2] = ChainCLITests.edited(renumbered[2], #""seq":2,"#, #""seq":3,"#)
        try check(renumbered, line: 2, "does not authenticate")
        // A plain line put at the end of an encrypted log.
        try check(
            original + [
                #"{"v":1,"seq":99,"at":"2026-01-01T00:00:00.000Z","type":"note","by":"facilitator","text":"x","crc":"00000000"}"#
            ],
            line: original.count + 1, "is a plain line in an encrypted log")
        // The chain field outside the box changed: it must be the one sealed inside.
        var rechained = original
        let prev = try #require(rechained[3].range(of: #""prev":""#)).upperBound
        let digits = String(rechained[3][prev..<rechained[3].index(prev, offsetBy: 64)])
        rechained[3] = ChainCLITests.edited(rechained[3], digits, String(repeating: "0", count: 64))
        try check(rechained, line: 4, #"its "prev" is not the one sealed inside it"#)
        try ChainCLITests.write(original, to: log)
        let sound = try home.run(["verify", id], environment: env)
        #expect(sound.status == 0, "\(sound)")
    }

    @Test("an unfinished last line is set aside as it was written: ciphertext, and the log continues")
    func tornTailStaysCiphertext() throws {
        let (home, id, passphrase) = try Self.encryptedAlliance()
        let env = ["ALLIANCE_PASSPHRASE_FILE": passphrase]
        let log = home.sessions + "/\(id).jsonl"
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(try LogFile.lines(log)[1].utf8.prefix(80)))
        try handle.close()
        let revisit = try home.run(
            ["revisit", id], stdin: Alliance.script(["/note Zanzibar again", "/quit"]), environment: env)
        #expect(revisit.status == 0, "\(revisit)")
        #expect(revisit.stderr.contains("moved the unfinished line to"), "\(revisit)")
        let verify = try home.run(["verify", id], environment: env)
        #expect(verify.status == 0, "\(verify)")
        for word in Self.secrets {
            #expect(try Self.holding(word, in: home.path).isEmpty, "\(word)")
        }
    }

    @Test("verify without a passphrase checks the stored lines: an edit and a dropped tail still fail")
    func verifyWithoutTheKey() throws {
        let (home, id, _) = try Self.encryptedAlliance()
        let log = home.sessions + "/\(id).jsonl"
        let original = try LogFile.lines(log)
        let sound = try home.run(["verify"])
        #expect(sound.status == 0, "\(sound)")
        #expect(sound.stdout.contains("OK without the key: \(original.count) lines"), "\(sound)")
        #expect(sound.stderr.contains("warning: no passphrase"), "\(sound)")
        var edited = original
        let box = try #require(edited[1].range(of: #""box":""#)).upperBound
        let index = edited[1].index(box, offsetBy: 10)
        edited[1] = ChainCLITests.edited(
            edited[1], String(edited[1][box...index]),
            String(edited[1][box..<index]) + (edited[1][index] == "A" ? "B" : "A"))
        try ChainCLITests.write(edited, to: log)
        let changed = try home.run(["verify", id])
        #expect(changed.status == 1, "\(changed)")
        #expect(
            changed.stderr.contains("\(log):2: error: does not match the hash the next line holds"),
            "\(changed)")
        try ChainCLITests.write(Array(original.dropLast()), to: log)
        let dropped = try home.run(["verify", id])
        #expect(dropped.status == 1, "\(dropped)")
        #expect(
            dropped.stderr.contains("\(log):\(original.count): error: line \(original.count) is missing"),
            "\(dropped)")
    }

    @Test("purge destroys the data key first: a copy of the log no longer decrypts")
    func purgeLeavesNothingDecryptable() throws {
        let (home, id, passphrase) = try Self.encryptedAlliance()
        let env = ["ALLIANCE_PASSPHRASE_FILE": passphrase]
        let copy = home.root + "/\(id).jsonl"
        try FileManager.default.copyItem(atPath: home.sessions + "/\(id).jsonl", toPath: copy)
        let purge = try home.run(["purge", id, "--yes"], environment: env)
        #expect(purge.status == 0, "\(purge)")
        #expect(purge.stdout.contains("destroyed its data key (\(home.path)/keys/\(id).key)"), "\(purge)")
        #expect(purge.stdout.contains("can no longer be decrypted"), "\(purge)")
        #expect(!FileManager.default.fileExists(atPath: home.path + "/keys/\(id).key"))
        #expect(home.sessionLogs().isEmpty)
        let replay = try home.run(["replay", copy], environment: env)
        #expect(replay.status == 1, "\(replay)")
        #expect(
            replay.stderr.contains("the data key of alliance \(id) is not in this data home"), "\(replay)")
        #expect(!replay.stdout.contains("Zanzibar"))
        let decrypt = try Self.decrypt(home: home.path, session: copy, passphrase: passphrase)
        #expect(decrypt.status != 0 && decrypt.stdout.isEmpty, "\(decrypt.stderr)")
    }

    @Test("the reference decryptor in Python prints what replay --json prints")
    func pythonDecryptorAgreesWithReplay() throws {
        let (home, id, passphrase) = try Self.encryptedAlliance()
        let replay = try home.run(["replay", id, "--json"], ["--passphrase-file", passphrase])
        #expect(replay.status == 0, "\(replay)")
        #expect(replay.stdout.contains("Zanzibar stories on Fridays"))
        let decrypted = try Self.decrypt(home: home.path, session: id, passphrase: passphrase)
        #expect(decrypted.status == 0, "\(decrypted.stderr)")
        #expect(decrypted.stdout == replay.stdout)
        #expect(
            decrypted.stdout.split(separator: "\n").count
                == (try LogFile.lines(home.sessions + "/\(id).jsonl")).count)
    }

    @Test("alliance encrypt converts the plain logs of a home: same replay, no plaintext left")
    func encryptConvertsPlainLogs() throws {
        let home = try TemporaryHome()
        let plain = try home.run(
            [], ["--with", "Quentinella", "--title", "Obsidian Merger"],
            stdin: Alliance.script(["/ask What builds trust?", "Zanzibar stories", "/agree Fridays", "/quit"])
        )
        #expect(plain.status == 0, "\(plain)")
        let id = try home.singleSessionID()
        let before = try home.run(["replay", id, "--json"])
        let transcript = try home.run(["replay", id])
        let passphrase = try Self.passphraseFile(home)
        let env = ["ALLIANCE_PASSPHRASE_FILE": passphrase]
        let initialized = try home.run(["key", "init"], ["--scrypt-n", "1024"], environment: env)
        #expect(
            initialized.stdout.contains("1 plain log here is still plain: `alliance encrypt` converts them."))
        let encrypt = try home.run(["encrypt"], environment: env)
        #expect(encrypt.status == 0, "\(encrypt)")
        #expect(encrypt.stdout.contains("Encrypted \(home.sessions)/\(id).jsonl (7 events)."), "\(encrypt)")
        #expect(encrypt.stdout.contains("does not wipe the disk"), "\(encrypt)")
        for word in ["Zanzibar", "Quentinella", "Obsidian"] {
            #expect(try Self.holding(word, in: home.path).isEmpty, "\(word)")
        }
        let after = try home.run(["replay", id], environment: env)
        #expect(after.stdout == transcript.stdout, "\(after)")
        let json = try home.run(["replay", id, "--json"], environment: env)
        #expect(json.stdout.count > 0 && json.stdout != before.stdout)  // chained anew over the encrypted lines
        let verify = try home.run(["verify", id], environment: env)
        #expect(verify.status == 0 && verify.stdout.contains("complete up to the close"), "\(verify)")
        let again = try home.run(["encrypt"], environment: env)
        #expect(again.stdout == "No plain logs in \(home.sessions): nothing to convert.\n", "\(again)")
        let revisit = try home.run(
            ["revisit", id], stdin: Alliance.script(["/note later", "/quit"]), environment: env)
        #expect(revisit.status == 0, "\(revisit)")
    }

    @Test("key init refuses a second key, a short passphrase, and works from the environment")
    func keyInitRefusals() throws {
        let home = try TemporaryHome()
        let short = try Self.passphraseFile(home, "short")
        let refused = try home.run(["key", "init"], ["--passphrase-file", short, "--scrypt-n", "1024"])
        #expect(refused.status == 1, "\(refused)")
        #expect(!FileManager.default.fileExists(atPath: home.path + "/key.json"))
        let none = try home.run(["key", "init"])
        #expect(none.status == 1 && none.stderr.contains("--passphrase-file"), "\(none)")
        let good = try Self.passphraseFile(home)
        let made = try home.run(
            ["key", "init"], ["--scrypt-n", "1024"], environment: ["ALLIANCE_PASSPHRASE_FILE": good])
        #expect(made.status == 0, "\(made)")
        let key = try String(contentsOfFile: home.path + "/key.json", encoding: .utf8)
        #expect(key.hasPrefix(#"{"v":1,"kdf":"scrypt","n":1024,"r":8,"p":1,"salt":""#), "\(key)")
        let twice = try home.run(["key", "init"], ["--passphrase-file", good])
        #expect(twice.status == 1 && twice.stderr.contains("already encrypted"), "\(twice)")
        #expect(try String(contentsOfFile: home.path + "/key.json", encoding: .utf8) == key)
    }

    @Test("key check says whether a passphrase opens the home, and changes nothing")
    func keyCheck() throws {
        let (home, _, passphrase) = try Self.encryptedAlliance()
        let before = try Self.snapshot(home.path)
        let opens = try home.run(["key", "check"], ["--passphrase-file", passphrase])
        #expect(opens.status == 0 && opens.stderr.isEmpty, "\(opens)")
        #expect(opens.stdout == "The passphrase opens the data home at \(home.path).\n", "\(opens)")
        let wrong = try home.run(
            ["key", "check"], ["--passphrase-file", Self.passphraseFile(home, "other words")])
        #expect(wrong.status == 1 && wrong.stderr.contains("wrong passphrase"), "\(wrong)")
        #expect(try Self.snapshot(home.path) == before)
        let plain = try TemporaryHome()
        let check = try plain.run(["key", "check"], ["--passphrase-file", passphrase])
        #expect(check.status == 1, "\(check)")
        #expect(
            check.stderr
                == "error: alliance key check: \(plain.path) is a plain data home (no key.json): `alliance key init` encrypts it\n",
            "\(check)")
    }

    @Test("on a terminal the passphrase is asked without echo: twice by key init, once by a command")
    func passphraseOnATerminal() throws {
        let home = try TemporaryHome()
        let differ = try Self.onTerminal(
            home, ["key", "init", "--scrypt-n", "1024"], answering: ["first words here", "other words here"])
        #expect(differ.status == 1, "\(differ.shown)")
        #expect(differ.shown.contains("the two passphrases differ; nothing was written"), "\(differ.shown)")
        #expect(!FileManager.default.fileExists(atPath: home.path + "/key.json"))
        let made = try Self.onTerminal(
            home, ["key", "init", "--scrypt-n", "1024"], answering: ["first words here", "first words here"])
        #expect(made.status == 0, "\(made.shown)")
        let listed = try Self.onTerminal(home, ["sessions"], answering: ["first words here"])
        #expect(listed.status == 0, "\(listed.shown)")
        #expect(listed.shown.contains("Passphrase for \(home.path): "), "\(listed.shown)")
        let wrong = try Self.onTerminal(home, ["sessions"], answering: ["other words here"])
        #expect(wrong.status == 1 && wrong.shown.contains("wrong passphrase"), "\(wrong.shown)")
        for run in [differ, made, listed, wrong] {
            #expect(!run.shown.contains("words here"), "echoed: \(run.shown)")
        }
    }

    /// Runs `alliance --home H arguments` on a pseudo-terminal, typing each of `answers` at the
    /// next passphrase prompt.
    static func onTerminal(_ home: TemporaryHome, _ arguments: [String], answering answers: [String]) throws
        -> (shown: String, status: Int32)
    {
        try PseudoTerminal.run(home, arguments, answering: answers, at: "assphrase")
    }

    @Test("export --output never writes over an encrypted log, even one whose key is not here")
    func exportNeverOverwritesAnEncryptedLog() throws {
        let (home, id, passphrase) = try Self.encryptedAlliance()
        let copy = home.root + "/copy.jsonl"
        try FileManager.default.copyItem(atPath: home.sessions + "/\(id).jsonl", toPath: copy)
        let before = try Data(contentsOf: URL(fileURLWithPath: copy))
        let other = try TemporaryHome()
        let plain = try other.run([], ["--with", "Bo"], stdin: "/note x\n/quit\n")
        #expect(plain.status == 0, "\(plain)")
        let export = try other.run(
            ["export", try other.singleSessionID()], ["--output", copy, "--force"],
            environment: ["ALLIANCE_PASSPHRASE_FILE": passphrase])
        #expect(export.status == 1, "\(export)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: copy)) == before)
    }

    /// Runs `script/decrypt-log.py`.
    static func decrypt(home: String, session: String, passphrase: String) throws -> (
        status: Int32, stdout: String, stderr: String
    ) {
        let run = try Python.run([
            packageRoot + "/script/decrypt-log.py", "--passphrase-file", passphrase, home, session,
        ])
        return (run.status, String(decoding: run.stdout, as: UTF8.self), run.stderr)
    }
}
