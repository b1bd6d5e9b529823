#!/usr/bin/python3
"""Turns Benchmarks/.work/results into BENCHMARKS.md (run by Benchmarks/run).

  report.py RESULTS            the Markdown report, to stdout
  report.py --missed RESULTS   the rows whose target was missed, one word each (for profiling)
"""
import json, os, re, sys

args = sys.argv[1:]
missed_only = args[0] == "--missed"
R = args[-1]


def load(name):
    with open(os.path.join(R, name + ".json")) as f:
        return {r["command"]: r for r in json.load(f)["results"]}


def kv(name, sep="="):
    out = {}
    path = os.path.join(R, name)
    if os.path.exists(path):
        for line in open(path):
            if sep in line:
                k, v = line.rstrip("\n").split(sep, 1)
                out[k.strip()] = v.strip()
    return out


machine = kv("machine.txt")
machine.update(kv("timing.txt"))
sizes = {k: int(v) for k, v in kv("sizes.txt", " ").items()}
rss = {k: int(v) for k, v in kv("rss.txt", " ").items()}
n = {k: int(v) for k, v in kv("sizes-of-inputs.txt").items() if v.isdigit()}
word = kv("sizes-of-inputs.txt").get("search_word", "feedback")

startup, extra, append, search = load("startup"), load("startup-extra"), load("append"), load("search")
replay_small, replay_big = load(f"replay-{n['replay_small']}"), load(f"replay-{n['replay_big']}")
complete = {}
for line in open(os.path.join(R, "complete.txt")):
    m = re.match(r'complete "(.*)" (.*)', line.strip())
    complete[m.group(1)] = {k: int(v) for k, v in (p.split("=") for p in m.group(2).split())}
def rates(name):
    out = []
    for line in open(os.path.join(R, name)):
        out.append(float(dict(p.split("=") for p in line.split()[1:])["events_per_s"]))
    return sorted(out)


def median(xs):
    xs = sorted(xs)
    return xs[len(xs) // 2] if len(xs) % 2 else (xs[len(xs) // 2 - 1] + xs[len(xs) // 2]) / 2


rate_alliance, rate_c = median(rates("append-alliance.txt")), median(rates("append-c.txt"))

med = lambda r: r["median"]
ratio_startup = med(startup["alliance"]) / med(startup["sqlite3"])
ratio_extra = med(extra["alliance-extra"]) / med(extra["sqlite3"])
p99 = max(c["p99_us"] for c in complete.values())
append_ratio = rate_alliance / rate_c
rb = replay_big
replay_vs_python = med(rb["python-json"]) / med(rb["alliance-replay"])
replay_vs_wc = med(rb["alliance-replay"]) / med(rb["wc"])
rss_small, rss_big = rss[f"alliance-replay-{n['replay_small']}"], rss[f"alliance-replay-{n['replay_big']}"]
rss_growth = rss_big / rss_small
search_ratio = med(search["alliance-search"]) / med(search["grep"])

verdict = {
    "startup": ratio_startup <= 1.5,
    "startup-extra": ratio_extra <= 2.0,
    "complete": p99 < 1000,
    "append": append_ratio >= 0.9,
    "replay": replay_vs_python >= 2 and replay_vs_wc <= 5 and rss_growth <= 1.5,
    "search": search_ratio <= 2.0,
}
if missed_only:
    print(" ".join(k for k, ok in verdict.items() if not ok))
    sys.exit(0)


def ms(s):
    return f"{s * 1000:.1f} ms" if s < 10 else f"{s:.2f} s"


def mb(kb):
    return f"{kb / 1024:.1f} MB"


def size(name):
    b = sizes.get(name)
    return "" if b is None else (f"{b / 1048576:.1f} MB" if b >= 1048576 else f"{b / 1024:.0f} KB")


def ok(flag):
    return "**met**" if flag else "**missed**"


def spread(r):
    if r.get("stddev") is None:
        return ms(med(r))
    sd = f"{r['stddev']:.2f} s" if med(r) >= 10 else ms(r["stddev"])
    return f"{ms(med(r))} ± {sd}"


rows = []
row = lambda *cells: rows.append("| " + " | ".join(str(c) for c in cells) + " |")
row("Row", "Command", "Median", "Ratio", "Target", "Result", "Binary", "Peak RSS")
row(*["---"] * 8)
s = startup
row("1 Start-up", "`printf 'quit\\n' \\| alliance --home T` (bundled: 11 packs, 9 plugins)", spread(s["alliance"]),
    f"{ratio_startup:.2f}× sqlite3", "≤ 1.5× sqlite3", ok(verdict["startup"]), size("alliance"), mb(rss["alliance"]))
row("", "`printf '.quit\\n' \\| sqlite3 :memory:`", spread(s["sqlite3"]), "1.00×", "baseline", "", size("sqlite3") + " + libsqlite3", mb(rss["sqlite3"]))
row("", "`python3 -c 'import cmd'`", spread(s["python3"]), f"{med(s['python3']) / med(s['sqlite3']):.2f}× sqlite3", "reference", "", size("python3"), mb(rss["python3"]))
row("", "`alliance --version` (exec, runtime, argument parsing; no packs)", spread(s["alliance-version"]), f"{med(s['alliance-version']) / med(s['sqlite3']):.2f}× sqlite3", "reference", "", size("alliance"), mb(rss["alliance-version"]))
row("1b Start-up, extras", f"… `--packs` ({n['extra_packs']} packs) `--plugins` ({n['extra_plugins']} plugins)",
    spread(extra["alliance-extra"]), f"{ratio_extra:.2f}× sqlite3", "≤ 2× sqlite3", ok(verdict["startup-extra"]), size("alliance"), mb(rss["alliance-extra"]))
row("", "`printf '.quit\\n' \\| sqlite3 :memory:` (same run)", spread(extra["sqlite3"]), "1.00×", "baseline", "", "", "")
for inp, c in complete.items():
    row("2 Tab completion" if inp == "ask " else "", f"`Completer.complete(\"{inp}\")`, {n['questions']:,} questions ({c['candidates']:,} candidates)",
        f"p50 {c['p50_us']} µs", f"p99 {c['p99_us']} µs, max {c['max_us']} µs", "p99 < 1 ms",
        ok(c["p99_us"] < 1000), size("alliance-bench"), mb(rss["complete"]) if inp == "ask " else "")
ne = n["append_events"]
rate = lambda r: ne / med(r)
row("3 Durable append", f"`LogWriter.append` × {ne:,}, fsync each (in-process loop)", f"{rate_alliance:,.0f} events/s",
    f"{append_ratio:.2f}× C floor", "≥ 0.9× C floor", ok(verdict["append"]), size("alliance-bench"), mb(rss["alliance-append"]))
row("", f"C `write`+`fsync` × {ne:,} (same bytes, same disk)", f"{rate_c:,.0f} events/s", "1.00×", "baseline", "", size("c-floor"), mb(rss["c-floor"]))
for count, res in ((n["replay_small"], replay_small), (n["replay_big"], replay_big)):
    a = med(res["alliance-replay"])
    big = count == n["replay_big"]
    row(f"4 Replay, {count:,} events", "`alliance replay --strict LOG >/dev/null`", spread(res["alliance-replay"]),
        f"{med(res['python-json']) / a:.2f}× Python's speed; {a / med(res['wc']):.0f}× wc's time", "≥ 2× Python, ≤ 5× wc" if big else "",
        ok(med(res["python-json"]) / a >= 2 and a / med(res["wc"]) <= 5) if big else "", size("alliance"), mb(rss[f"alliance-replay-{count}"]))
    row("", "`wc -l LOG`", spread(res["wc"]), "", "", "", size("wc"), mb(rss[f"wc-{count}"]))
    row("", "`python3 parse_json.py LOG` (json.loads per line)", spread(res["python-json"]), "", "", "", size("python3"), mb(rss[f"python-json-{count}"]))
row("4 Replay memory", f"peak RSS at {n['replay_big']:,} vs {n['replay_small']:,} events", mb(rss_big), f"{rss_growth:.1f}× for {n['replay_big'] // n['replay_small']}× the events",
    "flat (≤ 1.5×)", ok(rss_growth <= 1.5), "", "")
row(f"5 Search", f"`alliance search --home H {word}` ({n['search_files']:,} files, {n['search_events']:,} events)", spread(search["alliance-search"]),
    f"{search_ratio:.1f}× grep", "≤ 2× grep", ok(verdict["search"]), size("alliance"), mb(rss["alliance-search"]))
row("", f"`grep -r {word} H/sessions`", spread(search["grep"]), "1.00×", "baseline", "", size("grep"), mb(rss["grep"]))

fs = open(os.path.join(R, "append-fs.txt")).read().split()
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
met = sum(verdict.values())
print(f"""
{met} of {len(verdict)} targets met; missed: {', '.join(k for k, v in verdict.items() if not v) or 'none'}.

Notes on reading the table:

- Start-up is exec to first prompt and straight out (`quit` in script mode): parse every bundled
  pack and plugin, run every rule's examples, print the banner. Nothing is written to the data home.
  The extra packs and plugins are generated (`generate.py packs|plugins`): ~10 questions per pack,
  one flag with two match and two ignore examples per plugin.
- Tab completion times `session.context` plus `Completer.complete` per call, as the shell does on
  each Tab, over {n['iterations']:,} calls after a warm-up; one pack of {n['questions']:,} questions is active.
- Durable append: the rate of the append loop alone (timed inside each process), median of
  {len(rates("append-alliance.txt"))} alternating rounds of {ne:,} events each; the log directory is on `{fs[1]}` ({fs[0]}), the same disk
  as `/work`. With hyperfine, wall time of the whole process including start-up (the Swift tool loads
  Foundation, the C one does not): {ne / med(append['alliance-append']):,.0f} vs {ne / med(append['c-floor']):,.0f} events/s
  ({med(append['c-floor']) / med(append['alliance-append']):.2f}×).
- Replay reads a single generated log (`generate.py log`: a `sitting` every 2,000 events, then asks,
  answers, probes, mines, agreements and notes pointing at earlier asks), verifying every checksum,
  folds it into state and prints the whole transcript (to /dev/null). Blocks of the log are decoded
  on both CPUs while the fold runs, and the transcript is rendered on both.
  The Python baseline only parses each line with `json.loads`; it checks no checksum, builds no state
  and prints nothing.
- Search: {n['search_files']:,} logs of {n['search_events'] // n['search_files']:,} events each in one data home; `grep -r` is case-sensitive
  and prints matching lines. `alliance search` is case-insensitive; in one byte scan per log it finds
  the lines that mention the word (and the sittings and withdrawals that number and hide them) and
  decodes and checks only those, two logs at a time (one per CPU).
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
              "search": "5. Search"}
    for key, title in titles.items():
        path = os.path.join(prof, key + ".inclusive.txt")
        if not os.path.exists(path):
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
