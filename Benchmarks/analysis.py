"""What the profiles of missed targets say and what would close each gap (read by report.py).

Written from the callgrind profiles of 2026-11-25 10:00 UTC, after the speed work of issue 7 (the
profiles of the first run, 08:20, are summarised where they explain what changed). Instruction
counts do not depend on the machine's load, so they are quoted rather than times. If the code changes, re-read the profile printed under each section.
"""

ANALYSIS = {
    "startup": """
Issue 16 (2026-12-04) took Yams, and with it full Foundation and ICU, out of the binary: plugins and
front matter are read by libyaml, pack bodies by cmark-gfm. The static binary went from 105.2 MB
(77.7 MB before swift-crypto joined it for issue 15) to 50.8 MB, and `alliance --version` from
about 10 ms to 7.5–8.7 ms. Start-up went from 12.7 ms on 2026-11-25 to 10–11 ms (33.7 M
instructions), then to 9.5 ms (23.6 M) once the examples of the built-in plugins, and of a bundled
plugin identical to one, stopped running at every start (the tests run them at every build). That
is still 4–5× sqlite3. `print("hi")`, built the same way (`swiftc -O -static-stdlib`), takes 2.35 ms
of CPU and 185 page faults against alliance's 7.8 ms and 619 before that change (`perf stat -r 20`):
the Swift runtime alone is about sqlite3's whole start-up.

Where the 23.6 M instructions go now (inclusive): `RuleBook.load` 40% (libyaml and the reader over
it, compiling every rule's pattern), `PackLibrary.load` 38% (cmark-gfm's parse, the walk of its tree,
SHA-256 of each file), the dynamic loader 14% (relocations of a 51 MB static binary), the runtime's
type-metadata lookups 9%. Before the change (33.7 M): the examples were 30%, with libyaml and its
reader 12%, patterns 9%, packs 27% (cmark 5%, the walk 8%), the loader 10%. The examples cost more
than on 2026-11-25 (5.3 M instructions then, 10.2 M before the change); since then the matcher
changed (Unicode simple case folding, `x*` compiled as `(?:x+)?`, issue 16) and the bundled plugins
gained rules: which of these it is has not been measured.

What would close the gap (≤ 1.5× sqlite3 is 3–4 ms, about the runtime's own floor):
1. Done for the built-in plugins (−30%). For the coach's own: verify a plugin's examples once per
   plugin hash (a cache of passed hashes outside the data home, `$XDG_CACHE_HOME/alliance`, since
   start-up must not write to the home).
2. Compile a rule's pattern on its first match, and parse a pack's body on its first use (its front
   matter says its id, title and `for` line): −20%.
3. Hash packs and plugins when the first `sitting` line needs them, from the bytes already read: −4%.
4. Even then the floor is a static Swift binary's: ≈1.2–1.5× sqlite3 for `print("hi")` and about
   3× for `alliance --version` (swift-argument-parser builds its command tree, 20 M of its 26 M
   instructions, though the shell's own options skip it). The target is reachable only for a shell
   whose start does no parsing at all; it should be re-set against the `print("hi")` floor.
""",
    "startup-extra": """
With 200 extra packs and 50 extra plugins: 25–28 ms in two runs (10–13× sqlite3; it was 20–29 ms on
2026-11-25). The profile (20 packs, 5 plugins, 44.1 M instructions against 33.7 M for the bundled
files alone) has row 1's shape: `Plugin.read` 47.7% (examples, patterns, libyaml), `PackLibrary.load`
39.6%. Each extra pack costs about 15–20 µs more than the hand-written reader it replaced (cmark-gfm
builds a tree and the walk makes strings for every inline); each plugin's examples run at every start.

What would close the gap (≤ 2× sqlite3): items 1–3 of row 1 make an unchanged file cost a read and
a parse of its front matter; an index of the packs' front matter (id, title, file size and mtime) in
the cache directory would make it a `stat`. Then 250 extra files cost under a millisecond and this
row lands on row 1's floor.
""",
    "encrypted": """
Three full runs on 2026-12-04 (the same machine, the same inputs): `replay --strict` 1.00×, 1.28× and
1.21× its plain twin; `search` 1.73×, 1.94× and 2.33×; `due` 1.84×, 2.10× (before `due` read its logs
whole, 2.18×) and 2.04×; the key derivation 282–358 ms. The ratios of `search` and `due` sit on the
2× line, and the noise between runs (±10% on the plain medians) decides which side.

Where the encrypted run's extra time goes (`perf record` of `due` over 300 logs; the callgrind
profile of this run did not run: it timed `env`): opening lines, `LineCipher.open`, 28–31% of the
encrypted run. Of that, swift-crypto's `ChaChaPoly.open` is 13.6%, and BoringSSL's ChaCha20-Poly1305
itself only 4.5%. The rest is per-call work in the wrapper: an AEAD context made and freed for every
line, the nonce and the output copied into new `Data`. Base64 (FoundationEssentials) is 3.7%, and
unwrapping each alliance's data key 3–8% (now outside the keyring's lock). Nothing is decrypted
twice: `search` and `due` open each log once, in memory.

What would close the gap (≤ 2× with margin):
1. Open each line into a buffer reused for the whole log, and decode base64 into it, instead of a new
   `Data` per step; swift-crypto has no call that reuses an AEAD context, so that part stays.
2. Verify each line's CRC-32 only where no box authenticates it (done in `search` and `due`), and
   skip the plain line's own CRC inside an authenticated box.
3. Search's own slowness (row 5) flatters this ratio: once `holds` compares bytes, the plain search
   gets faster and the ratio rises unless (1) lands with it.
""",
    "complete": """
Met: p99 3–4 µs for `ask ` and about 0.3 ms for `ask q1` with 20,000 questions (was 12 ms and 10.6 ms).
Each pack keeps its completion words with their lowercase forms in one byte buffer
(`CompletionIndex`, built once when a pack of 500 or more questions is parsed); a Tab scans bytes for
the prefix instead of rebuilding `Pack.questions` and lowercasing every candidate.
""",
    "append": """
`LogWriter.append` makes exactly the C loop's system calls: one `write` and one `fsync` per event
(checked with `strace -c`). In the profile (the in-process tool, 5,000 events) the encoding of an
event is about 1,300 instructions (`EventCodec.encode` 6.5 M for 5,000 events: JSON escaping 3.4 M,
the timestamp 1.7 M, the CRC 0.4 M), well under a microsecond against an `fsync` of about 200 µs;
most of the profile is the dynamic loader of the tool itself. The ratio is the virtual disk's noise:
rounds of the same program range over ±10% (see `results/append-*.txt`), and 0.88–0.92× has been
seen from the same code. What would settle it: more rounds (this run alternates
several rounds of each) or a quieter disk; no code change would move a `write` + `fsync` loop.
""",
    "replay": """
2026-12-04: 3.9–4.4 s for a million events in two runs (0.64–0.70× Python), 0.39–0.43 s at
100,000, 641 MB. Slower than on 2026-11-25 because `--strict` now also verifies the chain and the
record of closed sittings (issue 15): a second pass over the log that hashes every line with
SHA-256, and each line carries 75 more bytes (`prev`). The rest of this analysis is from 2026-11-25.

Was 19.6 s for 1M events (0.19× Python's speed) and 695 MB; now 2.3–3.0 s in three runs (1.3–1.9×
Python's `json.loads`, itself 3.9–4.5 s ± 0.9 s on this machine) and 392–394 MB. At 100,000
events it is 0.3 s, 1.1–2× Python. What changed: a JSON reader over the line's bytes (`EventLineParser`,
checked against `JSONDecoder` line for line) instead of `JSONDecoder` (75% of instructions before), a
slicing-by-8 CRC-32, no copy of each line, events found by binary search instead of two dictionaries,
the log read in 1 MB blocks each decoded on its own thread while the fold runs, the transcript
rendered on both CPUs and written in 64 KB blocks, and no second copy of the events.

Where the instructions go now (10,000 events, 239 M): decoding 45% (`EventLineParser.record` 29.7%,
`EventRecord.event` 8.6%, string creation and retain/release around them), rendering the transcript
23.9% (`Transcript.entry` 18.5%, `terminalSafe` 8.2% of which the byte check is nearly all), the fold
6%, ArgumentParser's start 10.5% (a fixed cost, about 5 ms), the rest allocation and release.

Why it misses: `wc -l` counts newlines at memory speed (47 ms for 185 MB); ≤ 5× `wc` means 240 ms
for a million events, about 0.24 µs per event, while making one event's strings costs more than that
before any checking, folding or printing. Python's `json.loads` only parses; replay also verifies
checksums, folds and renders a million transcript lines. Memory grows with the log because the state
keeps every event (undo, history, the withdrawn marks need them) and the transcript is rendered from
the finished state.

What would close the gap:
1. Speed: decode lazily. Keep each line's bytes and the offsets of its fields (one pass, no strings),
   make `String`s only for the fields a transcript line prints, and render straight into the output
   buffer instead of building `Line` values; then the 2× Python target holds with margin. ≤ 5× `wc`
   would still need an index of the fold (a snapshot of the state written at the end of each sitting,
   keyed by the log's length and checksum of its last line) so a replay reads only what came after it.
2. Memory: two passes. The first finds only the withdrawals (a byte scan for `"retract"`, as search
   does) and folds agreements and the repair plan; the second decodes, renders and drops each event
   in turn. Peak memory is then the agreements and one block of lines, flat in the log's length.
""",
    "search": """
2026-12-04: 1.6–1.8 s (57× grep), where it was 0.22–0.25 s on 2026-11-25. The profile (20 logs,
20,000 events, 777 M instructions) says why: `SessionSearch.holds` is 70% of it, `String.contains` in
the standard library (`firstRange(of:)`, which builds a searcher over `Character`s on every call)
38% and `foldedForNames` (a `String` built a scalar at a time) 32%. With Foundation gone (issue 16)
`contains` is the standard library's, and every answer line of the generated logs is decoded and
folded (its `by` is "Zoë", a non-ASCII byte, so the byte scan cannot rule it out). What would close
it: fold to UTF-8 bytes and compare bytes (`memmem`) rather than `String`s; decode a line with a
non-ASCII byte only if that byte is in its text, not in `by`. The rest of this analysis is from
2026-11-25.

Was 17.3 s (553× grep); now 0.22–0.25 s in three runs (5.5–7× grep). What changed: one SIMD pass per log
(`ByteFinder`, 16 positions at a time, ignoring ASCII case) finds the lines that mention the words,
the sittings (which number them) and the withdrawals (which hide them); only those lines are decoded
and checked; logs are searched two at a time. Where that shortcut could differ from folding the whole
log (non-ASCII words, `\\u` escapes, K KELVIN SIGN or İ, a damaged or repeated line) the log is folded
as before; `QuickSearchTests` compare the two on generated logs.

In the profile (20 logs, 20,000 events, 73 M instructions): the byte scan 28.8%, ArgumentParser's
start 33% (a fixed cost, about 5 ms, small in the full-size run), the case-insensitive `contains` on
the decoded text through Foundation (`NSString.range(of:)`) 9%, decoding the matching lines 7%,
reading the files 5%.

Why it misses: grep looks for one literal with glibc's AVX2 `memchr`/Boyer–Moore and decodes
nothing; this scan looks for five byte strings at once with 16-byte SSE2 vectors (Swift targets
baseline x86-64), then decodes, verifies and lowercases 22,000 matching lines (2% of the million).

What would close the gap (≤ 2× grep):
1. An index: the words of each log (lowercased, with line offsets), written beside it when a sitting
   closes; search then reads the indexes and only the lines they point to.
2. Without an index: scan for the rarest byte of the words with `memchr` (AVX2 in glibc) and check
   only there; find sittings and withdrawals only in logs that have a hit; match lowercased UTF-8
   bytes instead of bridging each candidate to `NSString`.
""",
}
