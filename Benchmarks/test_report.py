#!/usr/bin/python3
"""A check of report.py on synthetic results (run by `Benchmarks/run --small` before it builds).

A loaded machine can make hyperfine report a command at 0.0 ms (it did for `wc` in CI, and
report.py stopped with ZeroDivisionError). Here every baseline is 0.0 ms, an append round saw no
time pass (0 events/s), and the report, `--missed` and `--check` must still run: the ratios say
"n/a", the times "<0.1 ms", no target is called missed, and `--check` passes because every row
has a figure. A result file without a median must fail `--check`.
"""
import json, os, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPORT = os.path.join(HERE, "report.py")


def hyperfine(path, medians):
    results = [{"command": c, "median": m, "mean": m, "stddev": 0.0, "times": [m]} for c, m in medians.items()]
    with open(path, "w") as f:
        json.dump({"results": results}, f)


def write(results, zero):
    z = 0.0 if zero else 0.002
    hyperfine(f"{results}/startup.json", {"alliance": 0.012, "sqlite3": z, "python3": 0.02, "alliance-version": 0.009})
    hyperfine(f"{results}/startup-extra.json", {"alliance-extra": 0.02, "sqlite3": z})
    hyperfine(f"{results}/append.json", {"alliance-append": z, "c-floor": z})
    for count in (2000, 20000):
        hyperfine(f"{results}/replay-{count}.json", {"alliance-replay": 0.01, "wc": z, "python-json": z})
    hyperfine(f"{results}/search.json", {"alliance-search": 0.01, "grep": z})
    for what in ("replay", "search", "due"):
        hyperfine(f"{results}/encrypted-{what}.json", {f"{what}-plain": z, f"{what}-encrypted": 0.01})
    hyperfine(f"{results}/kdf.json", {"key-check": z})
    with open(f"{results}/complete.txt", "w") as f:
        f.write('complete "/ask " candidates=10 p50_us=0 p99_us=0 max_us=0\n')
    for name in ("append-alliance.txt", "append-c.txt"):
        with open(f"{results}/{name}", "w") as f:
            f.write("append events=300 seconds=0.000000 events_per_s=0\n")
            if not zero:
                f.write("append events=300 seconds=0.100000 events_per_s=3000\n")
    keys = ["alliance", "sqlite3", "python3", "alliance-version", "alliance-extra", "complete", "alliance-append",
            "c-floor", "alliance-search", "grep", "replay-encrypted", "search-encrypted", "key-check"]
    for count in (2000, 20000):
        keys += [f"alliance-replay-{count}", f"wc-{count}", f"python-json-{count}"]
    with open(f"{results}/rss.txt", "w") as f:
        f.writelines(f"{k} {0 if zero else 1000}\n" for k in keys)
    with open(f"{results}/sizes.txt", "w") as f:
        f.write("alliance 0\nwc 0\n")
    with open(f"{results}/append-fs.txt", "w") as f:
        f.write("ext4 /dev/vda1\n")
    with open(f"{results}/machine.txt", "w") as f:
        f.write("nproc=2\ncpu=test\nkernel=test\nswift=test\nhyperfine=test\ndate=today\ncommit=test\n")
    with open(f"{results}/timing.txt", "w") as f:
        f.write("measure_seconds=0\nbuild_seconds=0\n")
    with open(f"{results}/sizes-of-inputs.txt", "w") as f:
        f.write("extra_packs=20\nextra_plugins=5\nquestions=2000\niterations=200\nappend_events=300\n"
                "replay_small=2000\nreplay_big=20000\nsearch_files=50\nsearch_events=20000\n"
                "search_word=feedback\nsmall=1\n")


def run(*args):
    p = subprocess.run([sys.executable, REPORT, *args], capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def main():
    failures = []

    def expect(cond, what):
        if not cond:
            failures.append(what)

    with tempfile.TemporaryDirectory() as results:
        write(results, zero=True)
        code, out, err = run(results)
        expect(code == 0, f"report.py failed on 0.0 ms rows: {err.strip()[-500:]}")
        expect("n/a" in out, "no ratio printed as n/a")
        expect("<0.1 ms" in out, "no time printed as <0.1 ms")
        expect("**missed**" not in out, "a target with an n/a ratio was called missed")
        code, out, err = run("--missed", results)
        expect(code == 0, f"report.py --missed failed: {err.strip()[-500:]}")
        expect(out.split() == [], f"report.py --missed named {out.split()} (none can be judged)")
        code, _, err = run("--check", results)
        expect(code == 0, f"report.py --check refused 0.0 ms rows: {err.strip()}")

        # A result without a median has no figure: --check names it, the report still prints.
        with open(f"{results}/search.json", "w") as f:
            json.dump({"results": [{"command": "alliance-search", "median": None}]}, f)
        code, _, err = run("--check", results)
        expect(code == 1 and "search" in err, f"report.py --check passed a row without a figure: {code} {err}")
        code, out, err = run(results)
        expect(code == 0, f"report.py failed on a missing row: {err.strip()[-500:]}")

    with tempfile.TemporaryDirectory() as results:
        write(results, zero=False)
        code, out, err = run(results)
        expect(code == 0 and "6.00× sqlite3" in out, f"report.py on ordinary figures: {code} {err.strip()[-500:]}")
        code, _, err = run("--check", results)
        expect(code == 0, f"report.py --check on ordinary figures: {err.strip()}")

    for failure in failures:
        print(f"test_report.py: {failure}", file=sys.stderr)
    if not failures:
        print("test_report.py: report.py handles 0.0 ms rows, 0 events/s and a row without a figure")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
