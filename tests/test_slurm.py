"""The pipeline through a real Slurm: munge, slurmctld and slurmd started here (tests/slurm_cluster.py),
`snakemake --profile profiles/slurm` against the local fake arXiv, and the outputs compared with a local
run's. The profile runs batch mode (profiles/slurm/batch-mode.yaml): a batch's extract and estimate are one
Slurm job, fetch batches run on the submit host; the local run is the default per-paper mode. Skips cleanly when not root, when Debian's slurm/munge packages or snakemake's Slurm plugin are
missing, or when the daemons would not start (`.ci/run` installs them under CI as root).
"""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from aicompute.batches import plan_batches
from arxiv_server import FakeArxiv, corpus_papers
from conftest import ROOT, needs_corpus, record_measurement, write_config
from slurm_cluster import LocalSlurm, SlurmUnavailable, missing_requirements

# Two short papers (15 and 5 pages) and an entry without a PDF (inputs only): the Transformer gives a
# full GPU-time estimate, fastText a paper with CPU training; one batch (batches.papers 50): one fetch job
# on the submit host, one Slurm job for the batch's extract and estimate.
PAPERS = ["1706.03762", "1607.01759"]
ENTRIES = [{"arxiv": "1706.03762", "name": "Transformer"}, {"arxiv": "1607.01759"},
           {"id": "alphago-zero", "name": "AlphaGo Zero", "date": "2017-10-19",
            "inputs": {"total_training_flop": {"value": 1.609e23, "source": "OpenAI chart"}}}]
# What differs between two honest runs: clocks, durations, the server's port.
# run: the id of the run that wrote it; requests, metadata_request: which fetch job of a run made the
# metadata request its papers share (and counted it) depends on the order the jobs ran in
VOLATILE = re.compile(r"(seconds|_at|source_url|^run|^requests|^metadata_request)$")


@pytest.fixture(scope="module")
def slurm(tmp_path_factory):
    reason = missing_requirements()
    if reason:
        pytest.skip(reason)
    try:
        import snakemake_executor_plugin_slurm  # noqa: F401
    except ImportError:
        pytest.skip("snakemake-executor-plugin-slurm is not installed (pip install -e '.[slurm]')")
    cluster = LocalSlurm(tmp_path_factory.mktemp("slurm-state"))
    try:
        cluster.start()
    except SlurmUnavailable as exc:
        pytest.skip(f"a local Slurm could not be started: {exc}")
    try:
        yield cluster
    finally:
        cluster.stop()


def snakemake(workdir: Path, *args: str, env: dict | None = None, **popen) -> subprocess.Popen:
    """`snakemake` as a user runs it, from the project directory of `workdir` (its own cwd, so relative
    paths in the profile, such as the Slurm log directory, land there)."""
    env = {k: v for k, v in (env or os.environ).items() if k != "PYTHONPATH"}
    cmd = [sys.executable, "-m", "snakemake", "--snakefile", str(ROOT / "Snakefile"), *args]
    out = open(workdir / "snakemake.out", "w")
    return subprocess.Popen(cmd, cwd=workdir, env=env, stdout=out, stderr=subprocess.STDOUT, text=True, **popen)


def finish(proc: subprocess.Popen, workdir: Path, timeout: float) -> str:
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.terminate()
        proc.wait(30)
    text = (workdir / "snakemake.out").read_text()
    assert proc.returncode == 0, f"snakemake failed ({proc.returncode}) in {workdir}:\n{text[-6000:]}"
    return text


def stable(obj):
    """The JSON without what differs between two honest runs (times, durations, the server's port)."""
    if isinstance(obj, dict):
        return {k: stable(v) for k, v in obj.items() if not VOLATILE.search(k)}
    if isinstance(obj, list):
        return [stable(v) for v in obj]
    return obj


@pytest.fixture(scope="module")
def runs(slurm, tmp_path_factory):
    corpus = needs_corpus()
    with FakeArxiv(corpus_papers(corpus, PAPERS)) as server:
        local_dir = tmp_path_factory.mktemp("local")
        slurm_dir = tmp_path_factory.mktemp("on-slurm")
        for d in (local_dir, slurm_dir):
            write_config(d, ENTRIES, server)
        # The local run mostly computes, the Slurm run mostly waits on polls: run them side by side.
        started = time.perf_counter()
        local = snakemake(local_dir, "--cores", "2")
        on_slurm = snakemake(slurm_dir, "--profile", str(ROOT / "profiles" / "slurm"), env=slurm.env())
        slurm_out = finish(on_slurm, slurm_dir, timeout=900)
        slurm_seconds = time.perf_counter() - started
        finish(local, local_dir, timeout=600)
        requests = len(server.requests_for())
    submissions = re.findall(r"Job (\S+) has been submitted with SLURM jobid (\d+) \(log: ([^)]+)\)", slurm_out)
    record_measurement(f"slurm: {len(ENTRIES)} entries through a one-node Slurm in {slurm_seconds:.0f} s wall "
                       f"({len(submissions)} Slurm jobs), beside a local run; {requests} arXiv requests")
    return {"local": local_dir, "slurm": slurm_dir, "out": slurm_out, "submissions": submissions, "cluster": slurm}


def test_jobs_ran_as_slurm_jobs(runs):
    """Every job of the run (but the `all` target) went through sbatch, and Slurm knows each as completed
    in our run's directory. No sacct: there is no accounting database, scontrol answers from slurmctld."""
    submissions = runs["submissions"]
    assert submissions, runs["out"][-3000:]
    for _, slurm_id, log in submissions:
        info = subprocess.run(["scontrol", "show", "job", slurm_id], capture_output=True, text=True,
                              env=runs["cluster"].env()).stdout
        assert "JobState=COMPLETED" in info, info
        assert f"WorkDir={runs['slurm']}" in info, info
        assert Path(log).is_file() and Path(log).resolve().is_relative_to(runs["slurm"] / "data/processed/logs/slurm")


def test_a_batch_is_one_slurm_job_and_fetching_stays_on_the_submit_host(runs):
    """The profile's batch mode: the batch's extract and estimate (every paper's) in a single Slurm job
    (group `batch`), not a job per rule and paper; the fetch batch ran on the submit host."""
    batches = plan_batches([e.get("arxiv") or e["id"] for e in ENTRIES], 50)
    assert len(batches) == 1, batches
    (batch,) = batches
    assert runs["submissions"] and all("/group_batch" in log for _, _, log in runs["submissions"]), runs["submissions"]
    assert len(runs["submissions"]) == 1, runs["submissions"]
    log = Path(runs["submissions"][0][2]).read_text()
    assert f"rule extract_{batch}:" in log and f"rule estimate_{batch}:" in log, log[-3000:]
    assert "fetch" not in re.findall(r"rule (\w+?)_", log)
    assert f"localrule fetch_{batch}:" in runs["out"], runs["out"][-3000:]
    for stage in ("extract", "estimate"):
        manifest = json.loads((runs["slurm"] / f"data/processed/batches/{stage}-{batch}.json").read_text())
        assert set(manifest["papers"]) == set(batches[batch]), manifest
        batch_log = (runs["slurm"] / f"data/processed/logs/{stage}/batch-{batch}.log").read_text()
        assert all(key in batch_log for key in PAPERS), batch_log


def test_outputs_equal_a_local_run(runs):
    local, on_slurm = runs["local"], runs["slurm"]
    for key in PAPERS:
        for rel in (f"data/raw/{key}.meta.json", f"data/processed/{key}/facts.json",
                    f"data/processed/{key}/estimate.json"):
            a, b = (json.loads((d / rel).read_text()) for d in (local, on_slurm))
            assert stable(a) == stable(b), rel
        assert (local / f"data/raw/{key}.pdf").read_bytes() == (on_slurm / f"data/raw/{key}.pdf").read_bytes()
    rows = []
    for d in (local, on_slurm):
        with open(d / "data/processed/estimates.csv", newline="") as fh:
            rows.append(list(csv.DictReader(fh)))
    assert rows[0] == rows[1]
    assert {r["paper_id"] for r in rows[1]} == {"1706.03762", "1607.01759", "alphago-zero"}
    assert json.loads((on_slurm / "data/processed/trend.json").read_text())["n"] >= 1
    assert (on_slurm / "reports/appendix.html").stat().st_size > 10_000


def test_nothing_left_to_do_after_the_slurm_run(runs):
    """Params evaluated in the Slurm job's own snakemake (another process) match the submit host's:
    a dry run afterwards (same profile, so batch mode, as the README says a cluster run is repeated)
    finds nothing to re-run."""
    proc = subprocess.run([sys.executable, "-m", "snakemake", "--snakefile", str(ROOT / "Snakefile"), "-n",
                           "--profile", str(ROOT / "profiles" / "slurm")], cwd=runs["slurm"], capture_output=True,
                          text=True, timeout=300, env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"})
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Nothing to be done" in proc.stdout + proc.stderr, (proc.stdout + proc.stderr)[-3000:]
