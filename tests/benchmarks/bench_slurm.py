"""Benchmark: what a Slurm job costs here, without and with the profile's grouping, and in batch mode.

    python tests/benchmarks/bench_slurm.py [--papers 6] [--sbatch 5] [--batch-papers 50] [--only batch]

Needs root and Debian's munge/slurmctld/slurmd/slurm-client, plus snakemake-executor-plugin-slurm;
starts a one-node cluster with tests/slurm_cluster.py (or uses one already up) and stops what it started.
Prints:
1. Slurm alone: `sbatch --wrap true`, one at a time, submit to COMPLETED (squeue polled every 0.1 s).
2. The pipeline's fetch-free steps (extract + estimate) of --papers corpus papers, PDFs fetched
   beforehand, in per-paper mode: locally (`--cores 2`), through Slurm one job per rule and paper (the
   profile without its batch mode and groups), and through Slurm with the per-paper groups (the profile
   without its batch mode: all papers' steps in one job, each rule job its own snakemake). For each: wall
   time, Slurm jobs, and per job the queue wait, the time inside Slurm and the wait until snakemake
   noticed the end (the plugin polls with a growing interval: 2 s, then +10 s per round without news).
3. The same in batch mode (config `batches: {above_papers: 0, papers: --batch-papers}`: one extract and
   one estimate job per batch of papers, fetch batches local), locally and through profiles/slurm as it
   is (its batch-mode.yaml; a batch's extract and estimate one Slurm job, group `batch`).
CPU seconds (user + system) count the snakemake on the submit host and every Slurm job it ran: this
process is the daemons' child subreaper, so each job's slurmstepd (and with it the job) is reaped here
and counted in getrusage(RUSAGE_CHILDREN); the daemons' own CPU is not counted.
A measurement, not a test: it asserts nothing. Figures grow with the machine's load (printed).
"""

from __future__ import annotations

import argparse
import ctypes
import datetime as dt
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from aicompute.batches import plan_batches  # noqa: E402
from arxiv_server import FakeArxiv, corpus_papers  # noqa: E402
from conftest import CORPUS, ROOT, write_config  # noqa: E402
from slurm_cluster import LocalSlurm  # noqa: E402

# Short papers, so the figure is dominated by overhead rather than by pdfplumber.
DEFAULT_PAPERS = ["1301.5088", "1410.8251", "1607.01759", "1610.07758", "1507.06947", "1303.5778",
                  "1706.03762", "1409.1556"]


def load() -> str:
    return f"load {os.getloadavg()[0]:.1f}"


PR_SET_CHILD_SUBREAPER = 36


def become_subreaper() -> bool:
    """Orphans below this process (the daemonised slurmd, each job's slurmstepd) become its children."""
    try:
        return ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def reap_slurmstepd() -> None:
    """Wait for our exited slurmstepd children (only them: subprocess waits for its own), so their CPU
    time, which includes their job's, lands in RUSAGE_CHILDREN."""
    me = str(os.getpid())
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        comm = text[text.index("(") + 1: text.rindex(")")]
        state, ppid = text[text.rindex(")") + 2:].split()[:2]
        if state == "Z" and ppid == me and comm.startswith("slurmstepd"):
            try:
                os.waitpid(int(stat.parent.name), 0)
            except ChildProcessError:
                pass


def reaper(stop: threading.Event) -> None:
    while not stop.wait(0.2):
        reap_slurmstepd()


def cpu_children() -> float:
    reap_slurmstepd()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


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


def profile_without(tmp: Path, name: str, keys: tuple[str, ...]) -> Path:
    """profiles/slurm without some of its keys (e.g. its batch-mode configfile: the per-paper runs)."""
    conf = yaml.safe_load((ROOT / "profiles" / "slurm" / "config.yaml").read_text())
    for key in keys:
        conf.pop(key, None)
    out = tmp / name
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
    parser.add_argument("--batch-papers", type=int, default=50, help="batches.papers of the batch-mode runs")
    parser.add_argument("--only", choices=["paper", "batch"], help="only per-paper or only batch-mode runs")
    parser.add_argument("--no-ungrouped", action="store_true", help="skip the Slurm run with a job per rule and paper")
    args = parser.parse_args()
    ids = (DEFAULT_PAPERS * (args.papers // len(DEFAULT_PAPERS) + 1))[: args.papers]
    if len(set(ids)) < len(ids):  # more papers than the short list: the corpus's, in a fixed order
        ids = sorted(p.name[: -len(".pdf")] for p in (CORPUS / "pdfs").glob("*.pdf"))[: args.papers]
    tmp = Path(tempfile.mkdtemp(prefix="bench-slurm-"))
    subreaper = become_subreaper()
    stop_reaping = threading.Event()
    threading.Thread(target=reaper, args=(stop_reaping,), daemon=True).start()
    cluster = LocalSlurm(tmp / "slurm-state")
    cluster.start()
    try:
        counted = subreaper and bool(cluster.started)
        print(f"one-node Slurm ({cluster.cpus} CPUs), {load()}"
              + ("" if counted else "; Slurm jobs' CPU NOT counted (cluster not started by this process)"))
        if args.sbatch:
            trips = sbatch_round_trips(cluster, args.sbatch, tmp)
            print(f"1. sbatch --wrap true, submit to COMPLETED: mean {mean(trips):.2f} s, min {min(trips):.2f} s "
                  f"({len(trips)} jobs, one at a time; {load()})")

        batches = plan_batches(ids, args.batch_papers)
        batched = {"above_papers": 0, "papers": args.batch_papers}
        modes = []
        if args.only != "batch":
            base = tmp / "fetched"
            base.mkdir()
            with FakeArxiv(corpus_papers(CORPUS, ids)) as server:
                write_config(base, [{"arxiv": i} for i in ids], server, arxiv={"delay_seconds": 0})
                run(base, ["--cores", "2", *[f"data/raw/{i}.meta.json" for i in ids]], os.environ)
            targets = [f"data/processed/{i}/estimate.json" for i in ids]
            ungrouped = profile_without(tmp, "slurm-ungrouped", ("configfile", "groups", "group-components"))
            grouped = profile_without(tmp, "slurm-grouped", ("configfile",))
            modes += [(base, targets, "local, --cores 2", ["--cores", "2"]),
                      (base, targets, "Slurm, a job per rule and paper", ["--profile", str(ungrouped)]),
                      (base, targets, "Slurm, per-paper groups", ["--profile", str(grouped)])]
            if args.no_ungrouped:
                modes = [m for m in modes if m[2] != "Slurm, a job per rule and paper"]
        if args.only != "paper":
            base = tmp / "fetched-batches"
            base.mkdir()
            with FakeArxiv(corpus_papers(CORPUS, ids)) as server:
                write_config(base, [{"arxiv": i} for i in ids], server, arxiv={"delay_seconds": 0}, batches=batched)
                run(base, ["--cores", "2", *[f"data/processed/batches/fetch-{b}.json" for b in batches]], os.environ)
            targets = [f"data/processed/batches/estimate-{b}.json" for b in batches]
            modes += [(base, targets, "batch mode, local, --cores 2", ["--cores", "2"]),
                      (base, targets, "batch mode, Slurm (profiles/slurm)", ["--profile", str(ROOT / "profiles" / "slurm")])]
        print(f"2. extract + estimate of {len(ids)} papers ({2 * len(ids)} per-paper rule jobs; batch mode: "
              f"{len(batches)} batch(es) of {args.batch_papers}, {2 * len(batches)} batch jobs), PDFs already fetched:")
        local_wall = {}
        for base, targets, label, extra in modes:
            workdir = tmp / re.sub(r"\W+", "-", label)
            shutil.copytree(base, workdir, ignore=shutil.ignore_patterns(".snakemake", "processed"))
            if "batch" in label:  # the fetch manifests (written after the PDFs) are the batch jobs' inputs
                shutil.copytree(base / "data/processed/batches", workdir / "data/processed/batches")
            cpu0 = cpu_children()
            wall, out = run(workdir, [*extra, *targets], cluster.env())
            time.sleep(1)  # each job's slurmstepd exits shortly after its job
            cpu = cpu_children() - cpu0
            jobs = slurm_job_times(cluster, out)
            line = f"   {label:<34} {wall:6.1f} s wall, {cpu:6.1f} CPU-s ({wall / len(ids):.2f} s, {cpu / len(ids):.2f} CPU-s per paper)"
            kind = "batch" if "batch" in label else "paper"
            if kind not in local_wall:
                local_wall[kind] = wall
            if jobs:
                line += (f", {len(jobs)} Slurm jobs: queue {mean([j['queue'] for j in jobs]):.1f} s, "
                         f"inside Slurm {mean([j['run'] for j in jobs]):.1f} s, noticed after "
                         f"{mean([j['noticed'] for j in jobs]):.1f} s (means); "
                         f"{(wall - local_wall['paper' if 'paper' in local_wall else kind]) / len(ids):+.2f} s per paper over "
                         f"per-paper local")
            print(line + f" ({load()})", flush=True)
    finally:
        stop_reaping.set()
        cluster.stop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
