"""Benchmark: how long `snakemake -n` takes to plan N papers, its peak memory, and where the time goes.

    python tests/benchmarks/bench_plan.py [--papers 1000 10000] [--mode batch per-paper] [--profile-papers 10000] [--top 25]

For each N, a synthetic config of N valid-looking arXiv ids (no PDFs: a cold plan, every job to run) is
written to a temporary directory and `snakemake -n --quiet` runs on it as a user runs it (a fresh
process; wall time and peak RSS of that process). Then one run under cProfile splits the time into
our code (config validation in aicompute.config, the schema check in snakemake.utils.validate, the
params/input functions of workflow/rules/common.smk, reading files per paper) and Snakemake's own
work (parsing, DAG, job objects, the dry-run printout). A measurement, not a test: it asserts nothing.
The goal of issue 12 is < 20 s for 10,000 papers on this machine (2 cores).
`--mode`: `batch` is what such a run does by default (config `batches`: above 500 papers, fetch, extract
and estimate one job per batch of ~50 papers); `per-paper` forces the small runs' one job per paper
per stage (the plan before batch mode), for comparison.
"""

from __future__ import annotations

import argparse
import os
import pstats
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def synthetic_ids(n: int) -> list[str]:
    """N distinct new-style ids that pass validation: YYMM.NNNNN from 2015 on (5 digits)."""
    ids = []
    for i in range(n):
        yy, mm = 15 + (i // 12) % 9, 1 + i % 12
        ids.append(f"{yy:02d}{mm:02d}.{10000 + i:05d}")
    return ids


def write_config(workdir: Path, n: int, mode: str = "batch") -> None:
    lines = ["papers:"] + [f'  - arxiv: "{i}"' for i in synthetic_ids(n)]
    if mode == "per-paper":
        lines += ["batches:", f"  above_papers: {n}"]
    (workdir / "config.yaml").write_text("\n".join(lines) + "\n")


def snakemake_cmd(workdir: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "snakemake", "--snakefile", str(ROOT / "Snakefile"), "--directory", str(workdir),
            "-n", "--quiet", "rules", "--cores", "2", *extra]


def timed_plan(workdir: Path) -> tuple[float, float, float, str]:
    """Wall seconds, CPU seconds (user + system: far less sensitive to other load on the machine than
    wall time) and peak RSS (MB) of one `snakemake -n` process."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.run(snakemake_cmd(workdir), capture_output=True, text=True, env=env)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    peak = after.ru_maxrss
    if proc.returncode != 0:
        sys.exit(f"snakemake -n failed:\n{proc.stderr[-3000:]}")
    # ru_maxrss of children is the largest child so far: plans run smallest first, so it is this one's
    return wall, cpu, peak / 1024, proc.stdout + proc.stderr


# Where a function's time belongs: the first matching rule wins (file path fragment, function name or None).
BUCKETS = [
    ("our config validation (aicompute.config, ids)", ("aicompute/config.py", "aicompute/ids.py"), None),
    ("schema check (snakemake.utils.validate, jsonschema)", ("snakemake/utils.py",), "validate"),
    ("code hashing (aicompute.jobs.code_version)", ("aicompute/jobs.py",), "code_version"),
    ("params/input functions of common.smk", ("common.smk",), None),
    ("receipt reads per paper (aicompute.arxiv.retry_token)", ("aicompute/arxiv.py",), "retry_token"),
    ("reading YAML (config.yaml, the schema)", ("site-packages/yaml/",), None),
    ("imports (Snakemake's, ours)", ("<frozen importlib._bootstrap>",), "_find_and_load"),
    ("Snakemake: parsing the Snakefile (rules)", ("snakemake/workflow.py",), "include"),
    ("Snakemake: building the DAG", ("snakemake/dag.py",), "init"),
]


def profile_plan(workdir: Path, top: int) -> None:
    prof = workdir / "plan.prof"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    cmd = [sys.executable, "-m", "cProfile", "-o", str(prof), "-m", "snakemake", *snakemake_cmd(workdir)[3:]]
    started = time.perf_counter()
    subprocess.run(cmd, capture_output=True, text=True, env=env, check=True)
    print(f"  under cProfile: {time.perf_counter() - started:.1f} s wall (profiling slows Python ~1.5-2x)")
    stats = pstats.Stats(str(prof))
    total = stats.total_tt
    raw = stats.stats  # {(file, line, func): (cc, nc, tt, ct, callers)}
    print(f"  total profiled time: {total:.1f} s")
    print("  cumulative time of our code's entry points (includes what they call):")
    for label, files, func in BUCKETS:
        cum = 0.0
        calls = 0
        for (file, _line, name), (_cc, nc, _tt, ct, callers) in raw.items():
            if not any(f in file for f in files) or (func and name != func):
                continue
            # count only outermost frames of this bucket, so recursion / inner helpers are not added twice
            if any(any(f in cf for f in files) and (not func or cn == func) for (cf, _cl, cn) in callers):
                continue
            cum += ct
            calls += nc
        print(f"    {label:<58} {cum:6.2f} s  {cum / total:5.1%}  ({calls} calls)")
    print(f"  top {top} functions by own time:")
    rows = sorted(raw.items(), key=lambda kv: kv[1][2], reverse=True)[:top]
    for (file, line, name), (_cc, nc, tt, ct, _callers) in rows:
        short = file.split("site-packages/")[-1].replace(str(ROOT) + "/", "")
        print(f"    {tt:6.2f} s own {ct:6.2f} s cum {nc:>9} calls  {short}:{line} {name}")
    print(f"  top {top} by cumulative time:")
    rows = sorted(raw.items(), key=lambda kv: kv[1][3], reverse=True)[:top]
    for (file, line, name), (_cc, nc, tt, ct, _callers) in rows:
        short = file.split("site-packages/")[-1].replace(str(ROOT) + "/", "")
        print(f"    {ct:6.2f} s cum {nc:>9} calls  {short}:{line} {name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--mode", nargs="+", choices=["batch", "per-paper"], default=["batch"])
    parser.add_argument("--profile-papers", type=int, default=None, help="N for the cProfile run (default: the largest)")
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument("--top", type=int, default=20)
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.1f} (2 cores; figures are slower on a busy machine)")
    with tempfile.TemporaryDirectory() as tmp:
        for mode in args.mode:
            for n in sorted(args.papers):
                workdir = Path(tmp) / f"plan-{mode}-{n}"
                workdir.mkdir()
                write_config(workdir, n, mode)
                wall, cpu, rss, out = timed_plan(workdir)
                found = re.search(r"^total\s+(\d+)", out, re.M)
                jobs = found.group(1) if found else "?"
                print(f"snakemake -n, {n} papers, {mode}: {wall:.1f} s wall, {cpu:.1f} s CPU, peak RSS {rss:.0f} MB, "
                      f"{jobs} jobs planned (load {os.getloadavg()[0]:.1f})")
        if not args.no_profile:
            n = args.profile_papers or max(args.papers)
            print(f"profile of snakemake -n with {n} papers ({args.mode[0]}):")
            profile_plan(Path(tmp) / f"plan-{args.mode[0]}-{n}", args.top)


if __name__ == "__main__":
    main()
