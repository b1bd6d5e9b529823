"""What the profiles of missed targets say and what would close each gap (read by report.py).

Written from the callgrind profiles of 2026-11-25 10:00 UTC, after the speed work of issue 7 (the
profiles of the first run, 08:20, are summarised where they explain what changed). Instruction
counts do not depend on the machine's load, so they are quoted rather than times. If the code changes, re-read the profile printed under each section.
"""

ANALYSIS = {
    "startup": """
Was 24.8 ms (13× sqlite3) and 136 M instructions; now 12.7–13 ms in three runs (3.8–5.4× sqlite3,
whose own median moved between 2.4 and 3.4 ms) and 21.7 M. What changed: the shell's own
options are read by hand (swift-argument-parser, 18% before, only for everything else); packs are
parsed over bytes with plain front matter read without Yams; plugins written in plain YAML are read by
a small reader (`PlainYAML`, compared with Yams on every bundled plugin and ~2,000 edits of them) and
the rest by Yams without its regular-expression tag rules; Tab's index is built once per pack;
SHA-256 hashes in place.

Where the 21.7 M instructions go now (inclusive): `RuleBook.load` 55% (`Plugin.parse` 54.5%: running
every rule's examples, `RuleExamples.firstFailure`, 24.6%; `YAMLReader.rule` 14%, most of it compiling
patterns, 8.5%; `PlainYAML` 8.3%), `PackLibrary.load` 22.6% (`Pack.parse` 13.2%), `SHA256.hex` of
every file 12.8%, the dynamic loader 15.9% (`_dl_relocate_object` 15.2%: 76,740 relocations in a 77 MB
binary), the runtime's type-metadata lookups 8.7% (`swift_getTypeByMangledName`) and conformance
checks 4.8%.

The wall time is now close to the process's own floor: `alliance --version` (row above) takes
8.5–11 ms and the same binary with no packs or plugins about 8 ms (≈3× sqlite3): a 77 MB static binary with
Foundation and ICU (which Yams brings in) is mapped and relocated, ~540 page faults against
sqlite3's ~155, 13 MB resident before any work.

What would close the gap (≤ 1.5× sqlite3 is about 3–4 ms):
1. Verify a plugin's examples once per plugin hash, not on every start: remember the hashes whose
   examples passed in a cache outside the data home (`$XDG_CACHE_HOME/alliance`; start-up must not
   write to the data home) and run them again only for a changed file and in `plugins lint`: −25%.
2. Hash packs and plugins lazily, when the first event of a sitting is recorded (the `sitting` line is
   the only reader of the hashes) from the bytes already read: −13%.
3. Parse packs lazily (front matter at start, questions on first use) and compile patterns on first
   match.
4. Even then the floor stays at ≈3× sqlite3. Within 1.5× needs a much smaller process: no full
   Foundation/ICU (a YAML reader on FoundationEssentials only, or plain YAML only) and no
   ArgumentParser in the shell's binary (a separate small executable for the shell, or hand-written
   parsing everywhere). `/work/shared/notes/startup.md` measured `print("hi")` at 1.9 ms and
   FoundationEssentials with JSON at 3.2 ms statically linked: that is the budget. The target looks
   out of reach for a Swift binary that links Yams; it should be re-set against the `--version` floor.
""",
    "startup-extra": """
Was 124.9 ms (818 M instructions); now 20–29 ms in three runs (90 M instructions at full size). Each
extra file costs 30–65 µs: with 200 packs and 50 plugins start-up is 1.6–2.3× the bundled one. The profile (20 packs, 5
plugins: 28.4 M instructions against 21.7 M for the bundled files alone) has the same shape as row 1:
`Plugin.parse` 47.6% (examples 21%, `PlainYAML` 7.6%, patterns 6.7%), `PackLibrary.load` 34%
(`Pack.parse` 20%, `SHA256.hex` 16.3%), the loader 12%.

What would close the gap (≤ 2× sqlite3): items 1–3 of row 1 make an unchanged file cost a read and a
parse of its front matter; an index of the packs' front matter (id, title, file size and mtime) in the
cache directory would make it a `stat`. Then 250 extra files cost under a millisecond and this row
lands on row 1's floor, which is itself ≈3× sqlite3 (see above).
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
