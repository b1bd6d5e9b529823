"""What the profiles of missed targets say and what would close each gap (read by report.py).

Written from the callgrind profiles of 2026-11-25 (commit 9369ff8); the figures quoted here are
from those profiles. If the code changes, re-read the profile printed under each section.
"""

ANALYSIS = {
    "startup": """
About 136 M instructions from exec to the prompt, against a sqlite3 that starts in 2 ms. Where they go
(inclusive): `ShellRunner.init` 79% = `PackLibrary.load` 52% (`Pack.parse(text:path:)` 50%, of which
`String.trimmed` 19.5% through `String.UnicodeScalarView.append(contentsOf:)`, and
`Pack.readFrontMatter` 14% through Yams' `Parser`) + `RuleBook.load` 26% (`Plugin.parse`: Yams
`compose`/`loadMapping` ~13%, `RuleExamples.firstFailure` 8.5%, i.e. running every rule's examples
through ICU regexes). Swift ArgumentParser's `parseAsRoot` is another 18%, nearly all of it the
runtime's protocol-conformance scan (`swift_conformsToProtocol…` 17%, `swift_dynamicCast` 10.5%),
which is slow in a statically linked binary with a large conformance table. `alliance --version`
(the row above) shows what exec, the runtime and argument parsing cost with no packs at all.

What would close the gap (≤ 1.5× sqlite3 is about 3–4 ms, some 20 M instructions):
1. Do not re-parse unchanged files: cache the parsed library and rule book (keyed by each file's
   path, size, mtime and SHA-256, which start-up computes anyway) in the data home, and run a rule's
   examples only when its plugin file changes (or in `alliance plugins check` and the tests).
2. Parse packs over bytes, not `Character`s: `String.trimmed` on every line builds a new string
   scalar by scalar; slicing `[UInt8]` lines and decoding only the kept text would remove most of
   the 50%. Read front matter with a small key: value reader (the keys are fixed) instead of Yams.
3. Keep ArgumentParser off the hot path: for the default command (the shell) read the few options
   by hand and only fall back to ArgumentParser for subcommands and `--help`; or avoid the
   `@OptionGroup`/property-wrapper reflection that triggers the conformance scans.
4. Even all of that is not enough on its own: `alliance --version` (no packs, no plugins) already takes
   about 8 ms, 4.4× sqlite3, because a 77 MB static binary is paged in (13.6 MB RSS) and the Swift
   runtime, Foundation and ArgumentParser initialise. With items 1–3 start-up would land near that
   floor (≈ 4–5× sqlite3, well under Python's `import cmd`); 1.5× sqlite3 also needs a much smaller
   process: Foundation off the shell's path (`JSONDecoder`, `NSRegularExpression`/ICU — the profile
   shows `icu_76::RegexMatcher`), and no reflection-based argument parsing. The 1.5× target looks out
   of reach for this design; it should be re-set against the `--version` floor.
""",
    "startup-extra": """
Each extra file costs the same work as a bundled one, so start-up grows linearly: with 200 packs and
50 plugins it is about 5× the bundled start-up (roughly 0.4 ms per extra file). The profile (20 packs,
5 plugins: 204 M instructions against 136 M with the bundled files alone) has the same shape as the
one above: `Pack.parse(text:path:)` 62% (`String.trimmed` 24%, `Pack.readFrontMatter`, which parses
the front matter with Yams, 17%), `Plugin.parse(bytes:path:)` 21% (Yams `Parser.loadMapping` 13%,
`RuleExamples.firstFailure` 6.4%), ArgumentParser 12%, `SHA256.hex` of every file 2.4%.

What would close the gap (≤ 2× sqlite3): the cache of item 1 above makes the cost per unchanged file a
`stat` (and a hash, or trust size + mtime) instead of a parse; with it, 250 extra files cost well
under a millisecond. Parsing lazily (front matter only at start; a pack's questions when it is first
used) would also do it for packs. Without a cache, the per-file parse must drop by about 20×.
""",
    "complete": """
The profile (5,000 questions, 40 completions of each input) splits into setup (`Pack.parse` of the
generated pack, 40%) and `Completer.complete` (58%). Within it: the `ask` command's completion closure
30%, nearly all of it `Pack.questions` (22%), a computed property that flattens every section into a
fresh array of `(section, question)` tuples, copying each `Section` per question, only to keep the
ids (`tuple_initializeWithCopy`/`tuple_destroy`, `destroy for Pack.Section`, `swift_release` 16%);
and `Completer.matching` 27%: every candidate is `lowercased()` into a new string, then hashed into
a `Set` to drop repeats (`Set._Variant.insert` 15%). `session.context` does not show in the profile.
Time grows linearly with the number of questions: ~1 ms at 2,000 (the `--small` run), ~8–12 ms at
20,000.

What would close the gap (p99 < 1 ms at 20,000): build, once per pack when it is loaded, the list of
completion words (question ids and section slugs) with their lowercased forms, sorted; complete a word
by binary search for its prefix (O(log n + matches)) instead of lowercasing and hashing every
candidate on every Tab; and stop returning 20,000 candidates for an empty word (libedit cannot show
them usefully): return the sections, or the first screenful and a count.
""",
    "append": """
Met in the last full run (0.90×, the margin is within run-to-run noise: rounds ranged 4,400–5,900
events/s on this virtual disk). If it is missed on another disk: `LogWriter.append` adds to the C floor
only the encoding of the event (`EventCodec.encode`, CRC-32 and a few small arrays), a few µs next to
the fsync; the profile would show `JSONWriter` and `CRC32` against the `fsync` system call.
""",
    "replay": """
Two separate problems. Speed: every line is copied three times (`Array(line)` in `LogReader.parse`,
again in `EventCodec.decode`, then `Data(bytes)`), decoded by Foundation's `JSONDecoder` into a
`Record` with 38 optional fields (the decoder builds a generic JSON tree, then looks each key up by
string and boxes through `Decodable` and dynamic casts), and the line's `"\\(path):\\(lineNumber)"`
location string is built even when nothing is wrong. Then the whole transcript is folded and rendered,
even to /dev/null. In the profile (10,000 events, 1.1 G instructions): `LogReader.parse` 87%, of which
`EventCodec.decode` 84% and `JSONDecoder.decode` 75%. The JSON scanning itself (`JSONScanner.scan`)
is only 11%: the cost is the `Decodable` machinery, `Record.init(from:)` 60%, with
`KeyedDecodingContainer.decodeIfPresent` 29% (38 optional keys tried per line, each a dictionary
lookup: `Hasher`, `__RawDictionaryStorage.find`) and generic-metadata lookups
(`_swift_getGenericMetadata` 16%); `swift_retain`/`swift_release` are the top self costs. CRC-32 is
1.5%, the fold (`AllianceState.init(replaying:)`) 1.9%, `Transcript.entries` 4.9%. Memory: `LogContents.events` keeps every event, the
`AllianceState` fold keeps them again (`state.events`), and the whole file is read into one `[UInt8]`
first, so peak RSS grows with the log (8× for 10× the events) instead of staying flat.

What would close the gap (≥ 2× Python's `json.loads`, ≤ 5× `wc -l`, flat memory):
1. A hand-written decoder for this one format: fields come in a fixed order with known names and
   simple types (docs/log-format.md), so a single pass over the line's bytes, slicing strings
   without copying the line and unescaping only when a `\\` is seen, can reach hundreds of MB/s;
   `wc -l` on 1M events is ~30 ms, so ≤ 5× means ~150 ms for ~180 MB, about 1 GB/s. Python's
   `json.loads` (3.7 s for 1M) is the easy half of the target.
2. Stream: read the file in chunks (or `mmap` it), check and decode a line, fold it into the state and
   render it, then drop it. Keep in memory only what the fold needs (open threads, agreements,
   participants), not every event; for `--until`/`--sitting`, stop early instead of filtering after.
3. Build the error location only when a problem is found.
""",
    "search": """
`alliance search` reads every log fully with `LogReader.read` (the same decode path as replay:
`JSONDecoder` per line), folds each into an `AllianceState`, then lowercases the text of every event
and checks `contains`. `grep` only scans bytes for a literal. In the profile (20 logs, 20,000 events,
2.3 G instructions): `LogReader.parse` 84% (`EventCodec.decode` 81%, `JSONDecoder.decode` 73%,
`Record.init(from:)` 58%, exactly as in replay), `SessionSearch.search` 12% (lowercasing every
event's text), the fold 1.8%, CRC-32 1.4%.

What would close the gap (≤ 2× grep): filter before decoding: scan each file's bytes for the query
case-insensitively (an ASCII-folding memmem over the raw line, or over lines in chunks), and decode,
check and fold only the lines that match plus what is needed to label them (the sitting number is a
count of `"type":"sitting"` lines before the hit; withdrawals are `retract` lines, which are rare and
can be collected in the same byte scan). Everything else in a log is then touched once, at memchr
speed. With the faster decoder of the replay row, folding only the matching logs would be cheap.
""",
}
