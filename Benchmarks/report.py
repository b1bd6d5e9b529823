#!/usr/bin/python3
"""Turns Benchmarks/.work/results into BENCHMARKS.md (run by Benchmarks/run).

  report.py RESULTS            the Markdown report, to stdout
  report.py --missed RESULTS   the rows whose target was missed, one word each (for profiling)
  report.py --check RESULTS    exit status 1, naming them, if any row has no figure (`run --small`
                               checks this only: a timing may be anything, even 0.0 ms)

A timing can be 0 (hyperfine reports `wc` on a small file at 0.0 ms on a loaded machine), so no
figure here is ever divided by without `ratio`, which gives None for a zero or missing divisor; such
a ratio prints as "n/a" and its target as not judged (never met, never missed).
"""
import json, math, os, re, sys

args = sys.argv[1:]
mode = args[0] if args and args[0] in ("--missed", "--check") else None
missed_only = mode == "--missed"
R = args[-1]


def number(x):
    """x as a float if it is a finite number, else None."""
    try:
        x = float(x)
    except (TypeError, ValueError):
        return None
    return x if math.isfinite(x) else None


def ratio(a, b):
    """a / b, or None when either is missing or b is not above zero."""
    a, b = number(a), number(b)
    if a is None or b is None or b <= 0:
        return None
    return a / b


def fx(r, suffix="", digits=2):
    """A ratio as `1.23×` + suffix, or n/a."""
    return "n/a" if r is None else f"{r:.{digits}f}×{suffix}"


problems = []  # rows without a figure, for --check


def load(name):
    path = os.path.join(R, name + ".json")
    try:
        with open(path) as f:
            results = {r["command"]: r for r in json.load(f)["results"]}
    except (OSError, ValueError, KeyError, TypeError) as e:
        problems.append(f"{name}: {e}")
        return {}
    for command, r in results.items():
        if number(r.get("median")) is None or r["median"] < 0:
            problems.append(f"{name}: {command} has no median")
    return results


def kv(name, sep="="):
    out = {}
    path = os.path.join(R, name)
    if os.path.exists(path):
        for line in open(path):
            if sep in line:
                k, v = line.rstrip("\n").split(sep, 1)
                out[k.strip()] = v.strip()
    return out


def ints(name):
    out = {}
    for k, v in kv(name, " ").items():
        try:
            out[k] = int(v)
        except ValueError:
            problems.append(f"{name}: {k} is {v!r}, not a number")
    return out


class Missing(dict):
    """A result set or table with a placeholder for anything that was not measured."""

    def __init__(self, source, what):
        super().__init__(source)
        self.what = what

    def __missing__(self, key):
        problems.append(f"{self.what}: no {key}")
        return None


machine = Missing(kv("machine.txt"), "machine.txt")
machine.update(kv("timing.txt"))
sizes = ints("sizes.txt")
rss = Missing(ints("rss.txt"), "rss.txt")
n = {k: int(v) for k, v in kv("sizes-of-inputs.txt").items() if v.isdigit()}
word = kv("sizes-of-inputs.txt").get("search_word", "feedback")

startup = Missing(load("startup"), "startup")
extra = Missing(load("startup-extra"), "startup-extra")
append = Missing(load("append"), "append")
search = Missing(load("search"), "search")
replay_small = Missing(load(f"replay-{n['replay_small']}"), "replay-small")
replay_big = Missing(load(f"replay-{n['replay_big']}"), "replay-big")
enc_replay = Missing(load("encrypted-replay"), "encrypted-replay")
enc_search = Missing(load("encrypted-search"), "encrypted-search")
enc_due = Missing(load("encrypted-due"), "encrypted-due")
kdf = Missing(load("kdf"), "kdf")
complete = {}
try:
    for line in open(os.path.join(R, "complete.txt")):
        m = re.match(r'complete "(.*)" (.*)', line.strip())
        if m:
            complete[m.group(1)] = {k: int(v) for k, v in (p.split("=") for p in m.group(2).split())}
except (OSError, ValueError) as e:
    problems.append(f"complete.txt: {e}")
if not complete:
    problems.append("complete.txt: no completion timed")


def rates(name):
    out = []
    rounds = 0
    try:
        for line in open(os.path.join(R, name)):
            rate = number(dict(p.split("=") for p in line.split()[1:]).get("events_per_s"))
            if rate is None:
                continue
            rounds += 1
            # 0 events/s is what the tools print when the clock saw no time pass: the round ran,
            # but its rate is left out of the median.
            if rate > 0:
                out.append(rate)
    except (OSError, ValueError) as e:
        problems.append(f"{name}: {e}")
    if rounds == 0:
        problems.append(f"{name}: no round ran")
    return sorted(out)


def median(xs):
    xs = sorted(xs)
    if not xs:
        return None
    return xs[len(xs) // 2] if len(xs) % 2 else (xs[len(xs) // 2 - 1] + xs[len(xs) // 2]) / 2


rate_alliance, rate_c = median(rates("append-alliance.txt")), median(rates("append-c.txt"))


def med(r):
    return None if r is None else number(r.get("median"))


def judged(*checks):
    """True or False when every check could be made; None (not judged) when a ratio is n/a."""
    if any(c is None for c in checks):
        return None
    return all(checks)


def at_most(r, limit):
    return None if r is None else r <= limit


def at_least(r, limit):
    return None if r is None else r >= limit


ratio_startup = ratio(med(startup["alliance"]), med(startup["sqlite3"]))
ratio_extra = ratio(med(extra["alliance-extra"]), med(extra["sqlite3"]))
p99 = max((c["p99_us"] for c in complete.values()), default=None)
append_ratio = ratio(rate_alliance, rate_c)
rb = replay_big
replay_vs_python = ratio(med(rb["python-json"]), med(rb["alliance-replay"]))
replay_vs_wc = ratio(med(rb["alliance-replay"]), med(rb["wc"]))
rss_small, rss_big = rss[f"alliance-replay-{n['replay_small']}"], rss[f"alliance-replay-{n['replay_big']}"]
rss_growth = ratio(rss_big, rss_small)
search_ratio = ratio(med(search["alliance-search"]), med(search["grep"]))

enc_ratio = {what: ratio(med(res[f"{what}-encrypted"]), med(res[f"{what}-plain"]))
             for what, res in (("replay", enc_replay), ("search", enc_search), ("due", enc_due))}
kdf_seconds = med(kdf["key-check"])
# A derivation timed at 0 (a loaded clock) is not judged, as a ratio over 0 is not.
kdf_ok = None if kdf_seconds is None or kdf_seconds <= 0 else 0.1 <= kdf_seconds <= 0.5

verdict = {
    "startup": at_most(ratio_startup, 1.5),
    "startup-extra": at_most(ratio_extra, 2.0),
    "complete": None if p99 is None else p99 < 1000,
    "append": at_least(append_ratio, 0.9),
    "replay": judged(at_least(replay_vs_python, 2), at_most(replay_vs_wc, 5), at_most(rss_growth, 1.5)),
    "search": at_most(search_ratio, 2.0),
    "encrypted": judged(at_most(enc_ratio["replay"], 1.5), at_most(enc_ratio["search"], 2.0),
                        at_most(enc_ratio["due"], 2.0),
                        kdf_ok),
}
if mode == "--check":
    for problem in problems:
        print(f"report.py: {problem}", file=sys.stderr)
    sys.exit(1 if problems else 0)
if missed_only:
    # Only a target that could be judged and was missed: an n/a ratio is not profiled.
    print(" ".join(k for k, ok in verdict.items() if ok is False))
    sys.exit(0)


def ms(s):
    s = number(s)
    if s is None:
        return "n/a"
    if s < 0.00005:
        return "<0.1 ms"
    return f"{s * 1000:.1f} ms" if s < 10 else f"{s:.2f} s"


def mb(kb):
    return "n/a" if number(kb) is None else f"{kb / 1024:.1f} MB"


def size(name):
    b = sizes.get(name)
    return "" if b is None else (f"{b / 1048576:.1f} MB" if b >= 1048576 else f"{b / 1024:.0f} KB")


def ok(flag):
    return "n/a" if flag is None else "**met**" if flag else "**missed**"


def spread(r):
    m = med(r)
    if m is None or number(r.get("stddev")) is None:
        return ms(m)
    sd = f"{r['stddev']:.2f} s" if m >= 10 else ms(r["stddev"])
    return f"{ms(m)} ± {sd}"


def per_s(rate):
    return "n/a" if rate is None else f"{rate:,.0f} events/s"


rows = []
row = lambda *cells: rows.append("| " + " | ".join(str(c) for c in cells) + " |")
row("Row", "Command", "Median", "Ratio", "Target", "Result", "Binary", "Peak RSS")
row(*["---"] * 8)
s = startup
row("1 Start-up", "`printf '/quit\\n' \\| alliance --home T` (bundled: 11 packs, 9 plugins)", spread(s["alliance"]),
    fx(ratio_startup, " sqlite3"), "≤ 1.5× sqlite3", ok(verdict["startup"]), size("alliance"), mb(rss["alliance"]))
row("", "`printf '.quit\\n' \\| sqlite3 :memory:`", spread(s["sqlite3"]), "1.00×", "baseline", "", size("sqlite3") + " + libsqlite3", mb(rss["sqlite3"]))
row("", "`python3 -c 'import cmd'`", spread(s["python3"]), fx(ratio(med(s["python3"]), med(s["sqlite3"])), " sqlite3"), "reference", "", size("python3"), mb(rss["python3"]))
row("", "`alliance --version` (exec, runtime, argument parsing; no packs)", spread(s["alliance-version"]), fx(ratio(med(s["alliance-version"]), med(s["sqlite3"])), " sqlite3"), "reference", "", size("alliance"), mb(rss["alliance-version"]))
row("1b Start-up, extras", f"… `--packs` ({n['extra_packs']} packs) `--plugins` ({n['extra_plugins']} plugins)",
    spread(extra["alliance-extra"]), fx(ratio_extra, " sqlite3"), "≤ 2× sqlite3", ok(verdict["startup-extra"]), size("alliance"), mb(rss["alliance-extra"]))
row("", "`printf '.quit\\n' \\| sqlite3 :memory:` (same run)", spread(extra["sqlite3"]), "1.00×", "baseline", "", "", "")
for inp, c in complete.items():
    row("2 Tab completion" if inp == "/ask " else "", f"`Completer.complete(\"{inp}\")`, {n['questions']:,} questions ({c['candidates']:,} candidates)",
        f"p50 {c['p50_us']} µs", f"p99 {c['p99_us']} µs, max {c['max_us']} µs", "p99 < 1 ms",
        ok(c["p99_us"] < 1000), size("alliance-bench"), mb(rss["complete"]) if inp == "/ask " else "")
ne = n["append_events"]
row("3 Durable append", f"`LogWriter.append` × {ne:,}, fsync each (in-process loop)", per_s(rate_alliance),
    fx(append_ratio, " C floor"), "≥ 0.9× C floor", ok(verdict["append"]), size("alliance-bench"), mb(rss["alliance-append"]))
row("", f"C `write`+`fsync` × {ne:,} (same bytes, same disk)", per_s(rate_c), "1.00×", "baseline", "", size("c-floor"), mb(rss["c-floor"]))
for count, res in ((n["replay_small"], replay_small), (n["replay_big"], replay_big)):
    a = med(res["alliance-replay"])
    big = count == n["replay_big"]
    vs_python, vs_wc = ratio(med(res["python-json"]), a), ratio(a, med(res["wc"]))
    row(f"4 Replay, {count:,} events", "`alliance replay --strict LOG >/dev/null`", spread(res["alliance-replay"]),
        f"{fx(vs_python, ' Python' + chr(39) + 's speed')}; {fx(vs_wc, ' wc' + chr(39) + 's time', 0)}", "≥ 2× Python, ≤ 5× wc" if big else "",
        ok(judged(at_least(vs_python, 2), at_most(vs_wc, 5))) if big else "", size("alliance"), mb(rss[f"alliance-replay-{count}"]))
    row("", "`wc -l LOG`", spread(res["wc"]), "", "", "", size("wc"), mb(rss[f"wc-{count}"]))
    row("", "`python3 parse_json.py LOG` (json.loads per line)", spread(res["python-json"]), "", "", "", size("python3"), mb(rss[f"python-json-{count}"]))
times_events = ratio(n["replay_big"], n["replay_small"])
row("4 Replay memory", f"peak RSS at {n['replay_big']:,} vs {n['replay_small']:,} events", mb(rss_big),
    f"{fx(rss_growth, '', 1)} for {fx(times_events, '', 0)} the events", "flat (≤ 1.5×)", ok(at_most(rss_growth, 1.5)), "", "")
row(f"5 Search", f"`alliance search --home H {word}` ({n['search_files']:,} files, {n['search_events']:,} events)", spread(search["alliance-search"]),
    fx(search_ratio, " grep", 1), "≤ 2× grep", ok(verdict["search"]), size("alliance"), mb(rss["alliance-search"]))
row("", f"`grep -r {word} H/sessions`", spread(search["grep"]), "1.00×", "baseline", "", size("grep"), mb(rss["grep"]))
enc_label = "7 Encrypted home"
for what, res, command, target, limit in (
        ("replay", enc_replay, f"`alliance replay --strict ID` ({n['replay_small']:,} events)", "≤ 1.5× plain", 1.5),
        ("search", enc_search, f"`alliance search {word}` ({n['search_files']:,} logs, {n['search_events']:,} events)", "≤ 2× plain", 2.0),
        ("due", enc_due, f"`alliance due` ({n['search_files']:,} logs)", "≤ 2× plain", 2.0)):
    row(enc_label, command + ", encrypted", spread(res[f"{what}-encrypted"]), fx(enc_ratio[what], " plain"), target,
        ok(at_most(enc_ratio[what], limit)), size("alliance"), mb(rss[f"{what}-encrypted"]) if what != "due" else "")
    row("", "… the same home, plain", spread(res[f"{what}-plain"]), "1.00×", "baseline", "", "", "")
    enc_label = ""
row("", "`alliance key check` (the one scrypt derivation, N = 2^17, r = 8, p = 1)", spread(kdf["key-check"]), "", "0.1–0.5 s",
    ok(kdf_ok), size("alliance"), mb(rss["key-check"]))
crafted_events = int(kv("sizes-of-inputs.txt").get("crafted_events", "0") or 0)
for i, shape in enumerate(("with", "without", "sittings", "retract-agree", "amend", "review", "repair", "retract-with")):
    if not os.path.exists(os.path.join(R, f"crafted-{shape}.json")):
        continue  # results from before the crafted rows
    res = load(f"crafted-{shape}")
    label = f"6 Crafted logs, {crafted_events:,} events" if i == 0 else ""
    for command, what in (("alliance-replay", "replay --strict"), ("alliance-sessions", "sessions")):
        if command in res:
            row(label, f"`alliance {what}`: `generate.py crafted LOG {shape} N`", spread(res[command]),
                "", "linear (no target)", "", size("alliance"), "")
        label = ""

try:
    fs = open(os.path.join(R, "append-fs.txt")).read().split()
except OSError:
    fs = []
fs = (fs + ["?", "?"])[:2]
small = machine.get("small") or kv("sizes-of-inputs.txt").get("small") == "1"
print(f"""# Benchmarks

Written by `Benchmarks/run`{' --small' if small else ''} on {machine['date']} (commit {machine['commit']}); do not edit by hand,
run it again. It builds alliance in release (`--static-swift-stdlib`), generates its inputs with
`Benchmarks/generate.py`, times every command with hyperfine (medians; ratios are of medians) and
measures peak RSS with `/usr/bin/time -v` (one run, no shell in between). Tab completion is timed
in-process by `Benchmarks/` (`alliance-bench`, a SwiftPM package depending on `AllianceKit`).

**Machine:** {machine['nproc']} CPUs ({machine['cpu']}), {machine['kernel']}, {machine['swift']}, {machine['hyperfine']}.
Build {machine['build_seconds']} s; measurements {machine['measure_seconds']} s{' (profiles not included)' if not os.path.isdir(os.path.join(R, 'profiles')) else ', profiles included'}.

""")
print("\n".join(rows))
met = sum(1 for v in verdict.values() if v is True)
unjudged = [k for k, v in verdict.items() if v is None]
print(f"""
{met} of {len(verdict)} targets met; missed: {', '.join(k for k, v in verdict.items() if v is False) or 'none'}{'; not judged (a ratio was n/a): ' + ', '.join(unjudged) if unjudged else ''}.

Notes on reading the table:

- Start-up is exec to first prompt and straight out (`/quit` in script mode): parse every bundled
  pack and plugin, run every rule's examples, print the banner. Nothing is written to the data home.
  The extra packs and plugins are generated (`generate.py packs|plugins`): ~10 questions per pack,
  one flag with two match and two ignore examples per plugin.
- Tab completion times `session.context` plus `Completer.complete` per call, as the shell does on
  each Tab, over {n['iterations']:,} calls after a warm-up; one pack of {n['questions']:,} questions is active.
- Durable append: the rate of the append loop alone (timed inside each process), median of
  {len(rates("append-alliance.txt"))} alternating rounds of {ne:,} events each; the log directory is on `{fs[1]}` ({fs[0]}), the same disk
  as `/work`. With hyperfine, wall time of the whole process including start-up (the Swift tool loads
  Foundation, the C one does not): {per_s(ratio(ne, med(append['alliance-append']))).replace(' events/s', '')} vs {per_s(ratio(ne, med(append['c-floor'])))}
  ({fx(ratio(med(append['c-floor']), med(append['alliance-append'])))}).
- Replay reads a single generated log (`generate.py log`: a `sitting` every 2,000 events, then asks,
  answers, probes, mines, agreements and notes pointing at earlier asks), verifying every checksum,
  folds it into state and prints the whole transcript (to /dev/null). Blocks of the log are decoded
  on both CPUs while the fold runs, and the transcript is rendered on both.
  The Python baseline only parses each line with `json.loads`; it checks no checksum, builds no state
  and prints nothing.
- Search: {n['search_files']:,} logs of {fx(ratio(n['search_events'], n['search_files']), '', 0).rstrip('×')} events each in one data home; `grep -r` is case-sensitive
  and prints matching lines. `alliance search` is case-insensitive; in one byte scan per log it finds
  the lines that mention the word (and the sittings and withdrawals that number and hide them) and
  decodes and checks only those, two logs at a time (one per CPU).
- Encrypted home: the replay log and the search home, copied and converted by `alliance encrypt`
  into homes whose key file uses a cheap scrypt (N = 2^4), so these rows time what encryption adds
  to each command beyond its one key derivation (opening each alliance's data key, and
  ChaCha20-Poly1305 on every line read); the derivation at the default cost is the `key check` row.
  The plain rows are the same commands on the same logs, interleaved in the same hyperfine run.
- A time under 0.05 ms prints as "<0.1 ms"; a ratio over a time of 0 (hyperfine can report a
  tiny command at 0.0 ms on a loaded machine) prints as "n/a" and its target is not judged.
- Binary sizes are of the file executed; sqlite3 and python3 also map shared libraries (libsqlite3,
  libpython), alliance is statically linked with the Swift runtime.
""")

prof = os.path.join(R, "profiles")
if os.path.isdir(prof):
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from analysis import ANALYSIS
    print("## Missed targets: profiles\n")
    print("Each profile is `valgrind --tool=callgrind` on a smaller input, then")
    print("`callgrind_annotate --inclusive=yes` (first 40 lines, Swift names demangled). Percentages are of")
    print("instructions executed (Ir), not of time: system calls such as fsync cost time but few instructions.")
    print("The complete listings (every function above the 99% threshold) are left in")
    print("`Benchmarks/.work/results/profiles/*.full.txt` by the run; the analyses quote from them.\n")
    titles = {"startup": "1. Start-up", "startup-extra": "1b. Start-up with extra packs and plugins",
              "complete": "2. Tab completion", "append": "3. Durable append", "replay": "4. Replay",
              "search": "5. Search", "encrypted": "7. Encrypted home (search)"}
    for key, title in titles.items():
        path = os.path.join(prof, key + ".inclusive.txt")
        if not os.path.exists(path):
            if verdict.get(key) is False and key in ANALYSIS:
                # Missed, but its profile did not run: the analysis still says where the time goes.
                print(f"### {title}\n\nNo callgrind profile in this run.\n")
                print(ANALYSIS[key].strip() + "\n")
            continue
        cmd = open(os.path.join(prof, key + ".cmd")).read().strip()
        print(f"### {title}\n\nProfiled: `{cmd}`\n")
        print(ANALYSIS.get(key, "(no analysis written yet)").strip() + "\n")
        print("<details><summary>callgrind_annotate --inclusive=yes | head -40</summary>\n\n```")
        print(open(path).read().rstrip())
        print("```\n</details>\n")
        selfp = os.path.join(prof, key + ".self.txt")
        if os.path.exists(selfp):
            print("<details><summary>callgrind_annotate (self cost) | head -40</summary>\n\n```")
            print(open(selfp).read().rstrip())
            print("```\n</details>\n")
