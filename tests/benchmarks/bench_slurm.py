"""Benchmark: what a Slurm job costs here, without and with the profile's grouping.

    python tests/benchmarks/bench_slurm.py [--papers 6] [--sbatch 5]

Needs root and Debian's munge/slurmctld/slurmd/slurm-client, plus snakemake-executor-plugin-slurm;
starts a one-node cluster with tests/slurm_cluster.py (or uses one already up) and stops what it started.
Prints:
1. Slurm alone: `sbatch --wrap true`, one at a time, submit to COMPLETED (squeue polled every 0.1 s).
2. The pipeline's fetch-free steps (extract + estimate) of --papers corpus papers, PDFs fetched
   beforehand: locally (`--cores 2`), through Slurm one job per rule and paper (the profile without its
   groups), and through Slurm with the profile's grouping (all papers' steps in one job). For each: wall
   time, Slurm jobs, and per job the queue wait, the time inside Slurm and the wait until snakemake
   noticed the end (the plugin polls with a growing interval: 2 s, then +10 s per round without news).
A measurement, not a test: it asserts nothing. Figures grow with the machine's load (printed).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from arxiv_server import FakeArxiv, corpus_papers  # noqa: E402
from conftest import CORPUS, ROOT, write_config  # noqa: E402
from slurm_cluster import LocalSlurm  # noqa: E402

# Short papers, so the figure is dominated by overhead rather than by pdfplumber.
DEFAULT_PAPERS = ["1301.5088", "1410.8251", "1607.01759", "1610.07758", "1507.06947", "1303.5778",
                  "1706.03762", "1409.1556"]


def load() -> str:
    return f"load {os.getloadavg()[0]:.1f}"


def run(workdir: Path, args: list[str], env: dict) -> tuple[float, str]:
    env = {k: v for k, v in env.items() if k != "PYTHONPATH"}
    cmd = [sys.executable, "-m", "snakemake", "--snakefile", str(ROOT / "Snakefile"), *args]
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=workdir, env=env, capture_output=True, text=True, timeout=3600)
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        sys.exit(f"snakemake failed in {workdir}:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return wall, proc.stdout + proc.stderr


def sbatch_round_trips(cluster: LocalSlurm, n: int, tmp: Path) -> list[float]:
    times = []
    for _ in range(n):
        started = time.perf_counter()
        jid = subprocess.run(["sbatch", "--parsable", "-o", str(tmp / "sbatch-%j.out"), "--wrap", "true"],
                             capture_output=True, text=True, env=cluster.env(), check=True).stdout.strip()
        while True:
            state = subprocess.run(["squeue", "-h", "-t", "all", "-j", jid, "-o", "%T"], capture_output=True,
                                   text=True, env=cluster.env()).stdout.strip()
            if state in ("COMPLETED", "FAILED", "CANCELLED"):
                break
            time.sleep(0.1)
        times.append(time.perf_counter() - started)
    return times


def slurm_job_times(cluster: LocalSlurm, out: str) -> list[dict]:
    """Per Slurm job of a run: queue wait, time inside Slurm, delay until snakemake reported it finished."""
    ids = re.findall(r"submitted with SLURM jobid (\d+)", out)
    if not ids:
        return []
    fmt = "%i|%V|%S|%e"
    rows = subprocess.run(["squeue", "-h", "-t", "all", "-j", ",".join(ids), "-o", fmt], capture_output=True,
                          text=True, env=cluster.env()).stdout.split()
    # snakemake's own log: "[timestamp]" lines before "Finished jobid"; take the last timestamp of the run
    stamps = [dt.datetime.strptime(s, "%a %b %d %H:%M:%S %Y") for s in re.findall(r"^\[(.+?)\]$", out, re.M)]
    jobs = []
    for row in rows:
        jid, submit, start, end = row.split("|")
        p = lambda s: dt.datetime.fromisoformat(s)  # noqa: E731
        noticed = min((s for s in stamps if s >= p(end)), default=None)
        jobs.append({"id": jid, "queue": (p(start) - p(submit)).total_seconds(),
                     "run": (p(end) - p(start)).total_seconds(),
                     "noticed": (noticed - p(end)).total_seconds() if noticed else float("nan")})
    return jobs


def profile_without_groups(tmp: Path) -> Path:
    conf = yaml.safe_load((ROOT / "profiles" / "slurm" / "config.yaml").read_text())
    for key in ("groups", "group-components"):
        conf.pop(key, None)
    out = tmp / "slurm-ungrouped"
    out.mkdir()
    (out / "config.yaml").write_text(yaml.safe_dump(conf))
    return out


def mean(xs):
    xs = [x for x in xs if x == x]
    return sum(xs) / len(xs) if xs else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=6)
    parser.add_argument("--sbatch", type=int, default=5)
    args = parser.parse_args()
    ids = DEFAULT_PAPERS[: args.papers]
    tmp = Path(tempfile.mkdtemp(prefix="bench-slurm-"))
    cluster = LocalSlurm(tmp / "slurm-state")
    cluster.start()
    try:
        print(f"one-node Slurm ({cluster.cpus} CPUs), {load()}")
        trips = sbatch_round_trips(cluster, args.sbatch, tmp)
        print(f"1. sbatch --wrap true, submit to COMPLETED: mean {mean(trips):.2f} s, min {min(trips):.2f} s "
              f"({len(trips)} jobs, one at a time; {load()})")

        with FakeArxiv(corpus_papers(CORPUS, ids)) as server:
            base = tmp / "fetched"
            base.mkdir()
            write_config(base, [{"arxiv": i} for i in ids], server, arxiv={"delay_seconds": 0})
            run(base, ["--cores", "2", *[f"data/raw/{i}.meta.json" for i in ids]], os.environ)
        targets = [f"data/processed/{i}/estimate.json" for i in ids]
        ungrouped = profile_without_groups(tmp)
        modes = [("local, --cores 2", ["--cores", "2"]),
                 ("Slurm, a job per rule and paper", ["--profile", str(ungrouped)]),
                 ("Slurm, profiles/slurm (grouped)", ["--profile", str(ROOT / "profiles" / "slurm")])]
        print(f"2. extract + estimate of {len(ids)} papers ({2 * len(ids)} rule jobs), PDFs already fetched:")
        local_wall = None
        for label, extra in modes:
            workdir = tmp / re.sub(r"\W+", "-", label)
            shutil.copytree(base, workdir, ignore=shutil.ignore_patterns(".snakemake", "processed"))
            wall, out = run(workdir, [*extra, *targets], cluster.env())
            jobs = slurm_job_times(cluster, out)
            line = f"   {label:<34} {wall:6.1f} s wall"
            if local_wall is None:
                local_wall = wall
            else:
                added = (wall - local_wall) * cluster.cpus / (2 * len(ids))
                line += (f", {len(jobs)} Slurm jobs: queue {mean([j['queue'] for j in jobs]):.1f} s, "
                         f"inside Slurm {mean([j['run'] for j in jobs]):.1f} s, noticed after "
                         f"{mean([j['noticed'] for j in jobs]):.1f} s (means); "
                         f"{added:+.1f} s per rule job over local")
            print(line + f" ({load()})")
    finally:
        cluster.stop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
