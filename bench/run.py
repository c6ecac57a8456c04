#!/usr/bin/env python3
"""Benchmark the Rust engine (`journey run`) against the NumPy model.

For every example scenario it measures trials per second of the Rust CLI on
one thread and on all cores, and of the vectorised NumPy implementation in
bench/numpy_model.py, and cross-checks the two engines' baseline means of
`npv` and `clv`.

    python3 bench/run.py                 # all examples/*.json
    python3 bench/run.py --quick         # small runs, a smoke test
    python3 bench/run.py --examples examples/retail-bank.json --trials 20000

Standard library and NumPy only.
"""

from __future__ import annotations

import argparse
import glob
import json
import math
import os
import platform
import subprocess
import sys
import tempfile
import time

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
sys.path.insert(0, BENCH)

import numpy as np  # noqa: E402

import numpy_model  # noqa: E402

SEED = 1
MAX_TRIALS = 1_000_000
TARGET_SECONDS = 1.0  # a timed Rust run should last at least this long
NUMPY_TARGET_SECONDS = 2.0  # budget for one timed NumPy run
CROSS_CHECK_KEYS = ("npv", "clv")
Z_LIMIT = 4.0  # standard errors allowed between the engines' means


# --------------------------------------------------------------------------
# Rust side
# --------------------------------------------------------------------------


def build_cli() -> tuple[str | None, str]:
    """`cargo build --release -p journey-cli`; returns (binary or None, message)."""
    cmd = ["cargo", "build", "--release", "-p", "journey-cli"]
    try:
        proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    except FileNotFoundError:
        return None, "cargo not found"
    if proc.returncode != 0:
        tail = "\n".join(proc.stderr.strip().splitlines()[-5:])
        return None, f"`{' '.join(cmd)}` failed:\n{tail}"
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    binary = os.path.join(target, "release", "journey")
    if not os.path.exists(binary):
        return None, f"build succeeded but {binary} is missing"
    return binary, "built"


def rust_run(binary: str, example: str, trials: int, threads: int, out: str = "/dev/null",
             fmt: str | None = None) -> float:
    """Wall time of one `journey run`; raises RuntimeError when it fails."""
    cmd = [binary, "run", example, "--trials", str(trials), "--seed", str(SEED),
           "--threads", str(threads), "--out", out]
    if fmt:
        cmd += ["--format", fmt]
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        msg = (proc.stderr or proc.stdout).strip().splitlines()
        raise RuntimeError(f"`{' '.join(cmd)}` exited {proc.returncode}: {msg[-1] if msg else ''}")
    return elapsed


def rust_json(binary: str, example: str, trials: int, threads: int) -> dict:
    """The summary `journey run --format json` writes; raises RuntimeError when unusable."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as tmp:
        out = tmp.name
    try:
        rust_run(binary, example, trials, threads, out=out, fmt="json")
        with open(out) as f:
            text = f.read()
    finally:
        os.unlink(out)
    try:
        summary = json.loads(text)
    except ValueError:
        raise RuntimeError("`journey run --format json` wrote no JSON summary (is the CLI implemented yet?)")
    if not isinstance(summary, dict) or not summary.get("results") or summary.get("trials") != trials:
        raise RuntimeError(f"`journey run --format json` wrote no results for {trials} trials")
    return summary


def check_rust_output(binary: str, example: str) -> None:
    """A short run whose JSON must hold results, so that timings time real work."""
    rust_json(binary, example, 20, 1)


def calibrate(run_once, start: int, target: float, cap: int) -> int:
    """Grow the trial count until one run lasts at least `target` seconds."""
    n = start
    for _ in range(6):
        t = run_once(n)
        if t >= target or n >= cap:
            return n
        n = min(cap, _round_trials(n * 1.3 * target / max(t, 1e-3)))
    return n


def _round_trials(n: float) -> int:
    """Round up to 1, 2 or 5 times a power of ten, for a readable table."""
    n = max(1, int(math.ceil(n)))
    mag = 10 ** int(math.floor(math.log10(n)))
    for step in (1, 2, 5, 10):
        if n <= step * mag:
            return step * mag
    return n


def best_of(repeats: int, fn) -> float:
    return min(fn() for _ in range(repeats))


# --------------------------------------------------------------------------
# NumPy side (timed in-process, so interpreter start-up and imports are excluded)
# --------------------------------------------------------------------------


def numpy_run(doc: dict, trials: int) -> tuple[float, dict]:
    start = time.perf_counter()
    summary = numpy_model.run(doc, trials, SEED)
    return time.perf_counter() - start, summary


# --------------------------------------------------------------------------
# Browser side: bench/browser.mjs drives the web app in headless Chromium.
# --------------------------------------------------------------------------


def browser_runs(examples: list[str], dist: str | None, quick: bool) -> tuple[dict | None, str]:
    """Runs bench/browser.mjs on the examples; its JSON document, or None and why."""
    cmd = ["node", os.path.join(BENCH, "browser.mjs"), "--json", "--examples", ",".join(examples)]
    if dist:
        cmd += ["--dist", dist]
    if quick:
        cmd += ["--trials", "2000", "--workers", "2"]
    try:
        proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=1800)
    except (OSError, subprocess.TimeoutExpired) as e:
        return None, str(e)
    try:
        doc = json.loads(proc.stdout)
    except json.JSONDecodeError:
        return None, (proc.stderr.strip() or proc.stdout.strip() or f"exit {proc.returncode}").splitlines()[-1]
    return doc, "ok"


def browser_trials_per_second(doc: dict | None, example: str) -> float | None:
    """Trials per second of the app's largest run of `example` with the most workers."""
    runs = [r for r in (doc or {}).get("runs", []) if r["example"] == example and not r.get("error")]
    if not runs:
        return None
    best = max(runs, key=lambda r: (r["trials"], r["workers"]))
    return best["trials"] / (best["ms"] / 1000)


def print_browser(doc: dict) -> None:
    m = doc["machine"]
    print(f"browser (headless Chromium, {doc['dist']}; load average {' '.join(map(str, m['loadavg']))} at start, "
          f"{' '.join(map(str, m['loadavgAfter']))} at end):")
    head = ["example", "workers", "trials", "to results s", "longest task ms", "max frame gap ms"]
    table = []
    for r in doc["runs"]:
        err = r.get("error")
        table.append([r["example"], str(r["workers"]), f"{r['trials']:,}",
                      "error" if err else f"{r['ms'] / 1000:.2f}",
                      "" if err or r.get("longestTaskMs") is None else f"{r['longestTaskMs']:.0f}",
                      "" if err else f"{r['maxFrameGapMs']:.0f}"])
    widths = [max(len(x) for x in col) for col in zip(head, *table)]
    for i, line in enumerate([head] + table):
        print("  ".join(x.ljust(w) if j == 0 else x.rjust(w) for j, (x, w) in enumerate(zip(line, widths))))
        if i == 0:
            print("  ".join("-" * w for w in widths))
    for r in doc["runs"]:
        if r.get("error"):
            print(f"WARNING browser {r['example']} {r['workers']} workers {r['trials']}: {r['error']}")
    total = doc["sizes"]["total"]
    print(f"dist: {len(doc['sizes']['files'])} files, {total['bytes'] / 1024:.1f} KiB, "
          f"{total['gzip'] / 1024:.1f} KiB gzipped (level 9)")


# --------------------------------------------------------------------------
# Cross-check
# --------------------------------------------------------------------------


def cross_check(name: str, rust: dict, numpy_summary: dict) -> list[str]:
    """Warnings where the baseline means differ by more than Z_LIMIT standard errors."""
    warnings = []
    r_base = _baseline(rust)
    n_base = _baseline(numpy_summary)
    if r_base is None:
        return [f"WARNING {name}: the Rust JSON has no Baseline result"]
    for key in CROSS_CHECK_KEYS:
        r, n = r_base["summary"].get(key), n_base["summary"][key]
        if not r or r.get("mean") is None:
            warnings.append(f"WARNING {name}: the Rust JSON has no baseline {key} mean")
            continue
        se = math.sqrt((r.get("sd") or 0.0) ** 2 / rust["trials"] + (n["sd"] or 0.0) ** 2 / numpy_summary["trials"])
        diff = r["mean"] - n["mean"]
        scale = max(abs(r["mean"]), abs(n["mean"]), 1e-12)
        if abs(diff) <= 1e-6 * scale:  # agree (also when neither varies)
            continue
        z = abs(diff) / se if se > 0 else math.inf
        if z > Z_LIMIT:
            warnings.append(
                f"WARNING {name}: baseline {key} mean differs: Rust {r['mean']:.6g} vs NumPy {n['mean']:.6g} "
                f"({diff / scale:+.2%}, {z:.1f} standard errors)"
            )
    return warnings


def _baseline(summary: dict) -> dict | None:
    results = summary.get("results") or []
    return next((r for r in results if r.get("name") == "Baseline"), results[0] if results else None)


# --------------------------------------------------------------------------
# Table
# --------------------------------------------------------------------------


def _fmt_rate(x: float | None) -> str:
    if x is None:
        return "n/a"
    return f"{x:,.0f}" if x >= 100 else f"{x:,.1f}"


def _fmt_ratio(a: float | None, b: float | None) -> str:
    return "n/a" if a is None or b is None or b == 0 else f"{a / b:.1f}x"


def print_table(rows: list[dict], browser: bool) -> None:
    head = ["example", "trials", "Rust 1 core/s", f"Rust {rows[0]['cores']} cores/s" if rows else "Rust all/s",
            "NumPy trials", "NumPy/s", "Rust1/NumPy", "all/1 core"]
    if browser:
        head.append("browser/s")
    table = []
    for r in rows:
        line = [
            r["example"],
            "n/a" if r["trials"] is None else f"{r['trials']:,}",
            _fmt_rate(r["rust1"]),
            _fmt_rate(r["rustn"]),
            f"{r['numpy_trials']:,}",
            _fmt_rate(r["numpy"]),
            _fmt_ratio(r["rust1"], r["numpy"]),
            _fmt_ratio(r["rustn"], r["rust1"]),
        ]
        if browser:
            line.append(_fmt_rate(r["browser"]))
        table.append(line)
    widths = [max(len(x) for x in col) for col in zip(head, *table)]
    for i, line in enumerate([head] + table):
        print("  ".join(x.ljust(w) if j == 0 else x.rjust(w) for j, (x, w) in enumerate(zip(line, widths))))
        if i == 0:
            print("  ".join("-" * w for w in widths))


# --------------------------------------------------------------------------


def default_examples() -> list[str]:
    files = sorted(glob.glob(os.path.join(ROOT, "examples", "*.json")))
    if files:
        return files
    # No examples yet: benchmark the scenario printed in MODEL.md §2.
    path = os.path.join(tempfile.gettempdir(), "journey-bench-model-md.json")
    with open(path, "w") as f:
        json.dump(numpy_model.MODEL_MD_EXAMPLE, f, indent=1)
    print(f"note: no examples/*.json yet; using the MODEL.md example ({path})")
    return [path]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--examples", nargs="+", metavar="FILE", help="scenario files (default: examples/*.json)")
    ap.add_argument("--trials", type=int, help="Rust trials per run (default: calibrated to >= 1 s on one thread)")
    ap.add_argument("--numpy-trials", type=int, help="NumPy trials per run (default: min(Rust trials, ~2 s of NumPy))")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs per measurement; the best counts (default 3)")
    ap.add_argument("--quick", action="store_true", help="small fixed trial counts and one run each (smoke test)")
    ap.add_argument("--browser", action="store_true",
                    help="also time the web app in headless Chromium (bench/browser.mjs; build it first)")
    ap.add_argument("--dist", metavar="DIR", help="the built web app for --browser (default: dist/)")
    ap.add_argument("--binary", metavar="PATH", help="use this `journey` binary instead of building one")
    args = ap.parse_args(argv)

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    repeat = 1 if args.quick else max(1, args.repeat)
    examples = args.examples or default_examples()

    print(f"machine: {platform.machine()}, {cores} cores available; Python {platform.python_version()}, "
          f"NumPy {np.__version__}")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    if load > cores / 2:
        print(f"note: load average {load:.1f} on {cores} cores; timings will be noisy and low")
    binary, msg = (args.binary, "given") if args.binary else build_cli()
    if binary is None:
        print(f"Rust: not available ({msg})")
    print()

    rows, warnings = [], []
    for example in examples:
        name = os.path.splitext(os.path.basename(example))[0]
        with open(example) as f:
            doc = json.load(f)
        row = {"example": name, "cores": cores, "trials": None, "rust1": None, "rustn": None, "browser": None}
        rust_summary = None
        rust_ok = False

        if binary is not None:
            try:
                check_rust_output(binary, example)
                if args.trials:
                    n = args.trials
                elif args.quick:
                    n = 200
                else:
                    n = calibrate(lambda k: rust_run(binary, example, k, 1), 1000, TARGET_SECONDS, MAX_TRIALS)
                row["trials"] = n
                row["rustn"] = n / best_of(repeat, lambda: rust_run(binary, example, n, cores))
                rust_summary = rust_json(binary, example, n, cores)
                rust_ok = True
            except (RuntimeError, ValueError, OSError) as e:
                warnings.append(f"WARNING {name}: Rust run failed: {e}")

        # NumPy: the same trial count or fewer, sized to about NUMPY_TARGET_SECONDS.
        if args.numpy_trials:
            n_np = args.numpy_trials
        elif args.quick:
            n_np = 100
        else:
            t_probe, _ = numpy_run(doc, 200)
            n_np = _round_trials(200 * NUMPY_TARGET_SECONDS / t_probe)
            n_np = max(200, min(n_np, row["trials"] or n_np, MAX_TRIALS))
        # The one-core runs of both alternate, so that a neighbour's load on a
        # shared machine slows both sides alike instead of one of them.
        rust_times, numpy_times = [], []
        for _ in range(repeat):
            if rust_ok:
                try:
                    rust_times.append(rust_run(binary, example, row["trials"], 1))
                except (RuntimeError, OSError) as e:
                    warnings.append(f"WARNING {name}: Rust run failed: {e}")
                    rust_ok = False
            t, summary = numpy_run(doc, n_np)
            numpy_times.append(t)
        if rust_ok:
            row["rust1"] = row["trials"] / min(rust_times)
        row["numpy_trials"] = n_np
        row["numpy"] = n_np / min(numpy_times)

        if rust_summary is not None:
            warnings += cross_check(name, rust_summary, summary)
        rows.append(row)
        print(f"  measured {name}", flush=True)

    browser_doc = None
    if args.browser:
        print("  timing the web app in headless Chromium (bench/browser.mjs) ...", flush=True)
        browser_doc, msg = browser_runs(examples, args.dist, args.quick)
        if browser_doc is None:
            warnings.append(f"WARNING browser: not measured ({msg})")
        for row in rows:
            row["browser"] = browser_trials_per_second(browser_doc, row["example"])

    print()
    print_table(rows, args.browser)
    if browser_doc is not None:
        print()
        print_browser(browser_doc)
    print()
    print("trials/s = trials / wall time (best of %d); Rust timed end to end (process start, parse, simulate, "
          "summarise), NumPy timed in-process (parse, simulate, summarise); the one-core runs of both "
          "alternate." % repeat)
    if binary is not None and not warnings:
        print(f"cross-check: baseline {' and '.join(CROSS_CHECK_KEYS)} means agree within {Z_LIMIT:g} "
              "standard errors in every example")
    for w in warnings:
        print(w)
    return 0


if __name__ == "__main__":
    sys.exit(main())
