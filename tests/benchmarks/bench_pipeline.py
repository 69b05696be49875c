"""Benchmark: the whole pipeline on the development corpus, served by the local fake arXiv.

    python tests/benchmarks/bench_pipeline.py [--papers 107] [--cores 2] [--delay 0] [--batch-papers 10]

Prints wall time of a cold run, seconds per paper, extraction seconds per page (from facts.json), and
the time of a run with nothing to do (DAG overhead). The seconds per paper are split into the work done
inside the jobs (extraction as timed by the extractor itself) and everything else, per job (process
start-ups, Snakemake's scheduling and bookkeeping), beside the floor: one pypdfium2 text pass over every
page of the same PDFs. A measurement, not a test: it asserts nothing.
The rate limit is set to --delay (0 by default) so the figure is the processing cost; with arXiv's 3 s
the fetch stage alone takes at least 2 requests x 3 s per paper. `--batch-papers N` runs in batch mode
(config `batches: {above_papers: 0, papers: N}`: fetch, extract and estimate one job per ~N papers, as a
run of more than 500 papers does by default).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from arxiv_server import FakeArxiv, corpus_papers  # noqa: E402
from conftest import CORPUS, ROOT, run_snakemake, write_config  # noqa: E402


def pdfium_floor(pdfs: list[Path]) -> tuple[float, int]:
    """Seconds for one pypdfium2 text pass over every page of `pdfs` (in this process), and the page count."""
    import pypdfium2 as pdfium

    started = time.process_time()
    pages = 0
    for path in pdfs:
        try:
            doc = pdfium.PdfDocument(str(path))
        except Exception:  # noqa: BLE001 - a broken PDF is no part of the floor
            continue
        for page in doc:
            page.get_textpage().get_text_range()
            pages += 1
        doc.close()
    return time.process_time() - started, pages


# `snakemake` as run_snakemake runs it, but the process notes its own CPU (user + system) at exit in
# $BENCH_MAIN_CPU: the Snakemake process's share (scheduling, bookkeeping, the localrules' threads).
_SNAKEMAKE_NOTING_CPU = (
    "import atexit, os, resource, sys\n"
    "def note():\n"
    "    u = resource.getrusage(resource.RUSAGE_SELF)\n"
    "    open(os.environ['BENCH_MAIN_CPU'], 'w').write(str(u.ru_utime + u.ru_stime))\n"
    "atexit.register(note)\n"
    "sys.argv[0] = 'snakemake'\n"
    "from snakemake.cli import main\n"
    "main()\n"
)


def run_snakemake_noting_cpu(workdir: Path, *args: str) -> tuple[subprocess.CompletedProcess, float | None]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # as a user runs it
    env["BENCH_MAIN_CPU"] = str(workdir / ".bench-main-cpu")
    cmd = [sys.executable, "-c", _SNAKEMAKE_NOTING_CPU, "--snakefile", str(ROOT / "Snakefile"),
           "--directory", str(workdir), *args]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=7200, env=env)
    if proc.returncode != 0:
        raise AssertionError(f"snakemake failed ({proc.returncode}):\n{proc.stdout[-4000:]}\n{proc.stderr[-6000:]}")
    try:
        return proc, float(Path(env["BENCH_MAIN_CPU"]).read_text())
    except (OSError, ValueError):
        return proc, None


def worker_timeline(log: Path, cores: int) -> str | None:
    """How busy the worker's jobs kept the cores: between the first job's start and the last per-paper
    job's end (fetch, extract, estimate), the mean number running; and the summary steps after."""
    text = log.read_text() if log.is_file() else ""
    jobs = [(float(start), float(start) + float(wall), script) for script, wall, start in re.findall(
        r"^worker job: (\S+) exit -?\d+ cpu [\d.]+ s wall ([\d.]+) s from ([\d.]+)", text, flags=re.M)]
    per_paper = [j for j in jobs if j[2] in ("fetch.py", "extract.py", "estimate.py")]
    if not per_paper:
        return None
    first, last = min(j[0] for j in per_paper), max(j[1] for j in per_paper)
    busy = sum(min(end, last) - start for start, end, _ in per_paper)
    after = max(j[1] for j in jobs) - last
    return (f"the per-paper jobs kept {busy / (last - first):.2f} of {cores} cores busy on average over "
            f"{last - first:.1f} s; the worker's summary steps (trend, plot) ended {after:.1f} s after the last "
            f"of them (collect and report run outside the worker)")


def worker_cpu(log: Path) -> tuple[dict[str, list[float]], float | None]:
    """CPU seconds of the warm worker's jobs by script (its log's 'worker job:' lines) and of the
    server itself (imports, forks)."""
    by_script: dict[str, list[float]] = {}
    server = None
    text = log.read_text() if log.is_file() else ""
    for script, cpu in re.findall(r"^worker job: (\S+) exit -?\d+ cpu ([\d.]+) s", text, flags=re.M):
        by_script.setdefault(script, []).append(float(cpu))
    if found := re.search(r"^worker: \d+ jobs; CPU \(user \+ system\): server ([\d.]+) s", text, flags=re.M):
        server = float(found.group(1))
    return by_script, server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=107)
    parser.add_argument("--cores", default="2")
    parser.add_argument("--delay", type=float, default=0.0)
    parser.add_argument("--skip", type=int, default=0, help="start at this index of the sorted corpus ids")
    parser.add_argument("--batch-papers", type=int, default=0, help="batch mode, about this many papers per batch")
    args = parser.parse_args()
    if not (CORPUS / "pdfs").is_dir():
        sys.exit(f"no corpus at {CORPUS}")
    papers = corpus_papers(CORPUS)
    ids = sorted(papers)[args.skip : args.skip + args.papers]
    with FakeArxiv({k: papers[k] for k in ids}) as server, tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        extra = {"batches": {"above_papers": 0, "papers": args.batch_papers}} if args.batch_papers else {}
        write_config(workdir, [{"arxiv": i} for i in ids], server, arxiv={"delay_seconds": args.delay}, **extra)
        import resource

        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu_before = usage.ru_utime + usage.ru_stime
        started = time.perf_counter()
        proc, main_cpu = run_snakemake_noting_cpu(workdir, "--cores", args.cores)
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # snakemake and every job process it waited for
        cpu = usage.ru_utime + usage.ru_stime - cpu_before
        cold_out = proc.stdout + proc.stderr
        cold = time.perf_counter() - started
        started = time.perf_counter()
        run_snakemake(workdir, "--cores", args.cores)
        noop = time.perf_counter() - started
        pages = careful = seconds = 0.0
        for key in ids:
            facts = json.loads((workdir / f"data/processed/{key}/facts.json").read_text())
            doc = facts.get("document") or {}
            pages += doc.get("pages") or 0
            careful += len(doc.get("pages_read_carefully") or [])
            seconds += doc.get("total_seconds") or 0
        mode = f"batch mode, ~{args.batch_papers} papers a batch" if args.batch_papers else "a job per paper per stage"
        print(f"papers: {len(ids)}  cores: {args.cores}  delay: {args.delay} s  requests: {len(server.requests_for())}  ({mode})")
        print(f"cold run: {cold:.1f} s  ({cold / len(ids):.2f} s per paper, wall)")
        print(f"no-op run: {noop:.1f} s  (DAG and job bookkeeping for {len(ids)} papers)")
        print(f"extraction: {seconds:.1f} s in jobs over {int(pages)} pages ({careful:.0f} read carefully): "
              f"{seconds / max(pages, 1) * 1000:.1f} ms per page, {seconds / len(ids):.2f} s per paper")
        cores = int(args.cores)
        jobs = len(re.findall(r"^Finished jobid: \d+ \(Rule: (?!all\))", cold_out, flags=re.M))
        busy = cold * cores  # core-seconds the run had
        print(f"split (core-seconds per paper, {cores} cores, {jobs} jobs = {jobs / len(ids):.1f} per paper): "
              f"extraction {seconds / len(ids):.2f} s + everything else {(busy - seconds) / len(ids):.2f} s "
              f"(= {(busy - seconds) / max(jobs, 1):.2f} s per job: start-ups, scheduling, other rules' work)")
        floor, floor_pages = pdfium_floor([workdir / f"data/raw/{k}.pdf" for k in ids])
        print(f"floor: one pypdfium2 text pass over the same {floor_pages} pages: {floor:.1f} s CPU, "
              f"{floor / len(ids):.3f} s per paper ({floor / max(floor_pages, 1) * 1000:.1f} ms per page)")
        print(f"CPU (user + system) of the cold run, snakemake and all its jobs: {cpu:.1f} s, "
              f"{cpu / len(ids):.2f} s per paper = {cpu / len(ids) / cores:.2f} s per paper on {cores} busy cores "
              f"(less sensitive to other load than wall time)")
        by_script, server = worker_cpu(workdir / "data/processed/logs/worker.log")
        if main_cpu is not None:
            parts = [f"snakemake process {main_cpu:.1f} s ({main_cpu / len(ids):.2f} per paper)"]
            if server is not None:
                parts.append(f"warm worker {server:.1f} s")
            parts += [f"{name} {sum(c):.1f} s ({len(c)} jobs, {sum(c) / len(c):.3f} each)"
                      for name, c in sorted(by_script.items(), key=lambda kv: -sum(kv[1]))]
            rest = cpu - main_cpu - (server or 0) - sum(sum(c) for c in by_script.values())
            parts.append(f"the rest {rest:.1f} s (job commands and their clients, script: jobs such as collect "
                         f"and report, the worker's jobs if there is no worker)")
            print("where the CPU goes: " + "; ".join(parts))
        if timeline := worker_timeline(workdir / "data/processed/logs/worker.log", cores):
            print("parallelism: " + timeline)
        print(f"load average at the end: {os.getloadavg()[0]:.1f} (figures grow with other work on the machine)")


if __name__ == "__main__":
    main()
