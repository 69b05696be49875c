"""What Snakemake re-runs, end to end (`snakemake` against the fake arXiv over real HTTP): a change of
a paper's source, a fixed setting, a failure that never clears, an edit of the package's code. Each
either re-runs exactly what it changes or nothing, and a finished run leaves nothing to do."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import stat
import subprocess
import sys

import pytest

from arxiv_server import FakeArxiv, FakePaper
from conftest import ROOT, paper_lines, run_snakemake, simple_pdf, write_config

PDF_A = simple_pdf([paper_lines("Paper A")])  # 8 P100 GPUs for 3.5 days
PDF_B = simple_pdf([paper_lines("Paper B", training="We trained our final model on 64 NVIDIA V100 GPUs for 12 days.")])
FAST = {"delay_seconds": 0.05, "retries": 1, "backoff_seconds": 0.1, "timeout_seconds": 2}


def rows(workdir):
    with open(workdir / "data/processed/estimates.csv", newline="") as fh:
        return {r["paper_id"]: r for r in csv.DictReader(fh)}


def receipt(workdir, key):
    return json.loads((workdir / f"data/raw/{key}.meta.json").read_text())


def planned(workdir, *args, snakefile=None) -> dict[str, int]:
    """{rule: jobs} that `snakemake -n` plans ({} when there is nothing to do)."""
    proc = run_snakemake(workdir, "-n", "--quiet", "rules", *args) if snakefile is None else \
        _run(snakefile, workdir, "-n", "--quiet", "rules", *args)
    out = proc.stdout + proc.stderr
    if "Nothing to be done" in out:
        return {}
    jobs = {}
    for line in out.splitlines():
        m = re.fullmatch(r"(\w+)\s+(\d+)", line.strip())
        if m and m.group(1) != "total":
            jobs[m.group(1)] = int(m.group(2))
    assert jobs, out[-3000:]
    return jobs


def _run(snakefile, workdir, *args):
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    cmd = [sys.executable, "-m", "snakemake", "--snakefile", str(snakefile), "--directory", str(workdir), "--cores", "2", *args]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600, env=env)
    assert proc.returncode == 0, (proc.stdout[-3000:], proc.stderr[-5000:])
    return proc


@pytest.fixture(scope="module")
def server():
    srv = FakeArxiv().start()
    srv.add(FakePaper("1806.00001", "Paper A", "2018-06-01", PDF_A))
    srv.add(FakePaper("1806.00002", "Paper B", "2018-06-02", PDF_B))
    srv.add(FakePaper("1806.00003", "Paper that never comes", "2018-06-03", PDF_A))
    srv.fault("1806.00003", "pdf", *["503"] * 1000)
    yield srv
    srv.stop()


def test_switching_a_papers_pdf_url_fetches_and_estimates_the_new_pdf(server, tmp_path):
    """Issue 13.1: the old code kept the old PDF and recorded the new source with the old sha256."""
    papers = [{"id": "switch", "name": "Switch", "date": "2018-06-01", "pdf_url": f"{server.url}/pdf/1806.00001"},
              {"arxiv": "1806.00002", "date": "2016-03-01"}]
    write_config(tmp_path, papers, server, arxiv=FAST)
    run_snakemake(tmp_path)
    assert float(rows(tmp_path)["switch"]["chips"]) == 8
    papers[0]["pdf_url"] = f"{server.url}/pdf/1806.00002"
    write_config(tmp_path, papers, server, arxiv=FAST)
    assert planned(tmp_path)["fetch"] == 1
    run_snakemake(tmp_path)
    meta = receipt(tmp_path, "switch")
    assert meta["sha256"] == hashlib.sha256(PDF_B).hexdigest() and meta["source_url"].endswith("/pdf/1806.00002")
    assert (tmp_path / "data/raw/switch.pdf").read_bytes() == PDF_B
    assert float(rows(tmp_path)["switch"]["chips"]) == 64 and "V100" in rows(tmp_path)["switch"]["chip_model"]
    assert planned(tmp_path) == {}


def test_extraction_and_estimate_use_the_same_date(server, tmp_path):
    """Issue 13.5: the config `date` wins over arXiv's v1 date in both (chip variants depend on it)."""
    write_config(tmp_path, [{"arxiv": "1806.00002", "date": "2016-03-01"}], server, arxiv=FAST)
    run_snakemake(tmp_path)
    facts = json.loads((tmp_path / "data/processed/1806.00002/facts.json").read_text())
    estimate = json.loads((tmp_path / "data/processed/1806.00002/estimate.json").read_text())
    assert receipt(tmp_path, "1806.00002")["published"] == "2018-06-02"  # arXiv's, recorded as fetched
    assert facts["document"]["published"] == estimate["published"] == "2016-03-01"
    assert facts["document"]["published_from"] == "config"


def test_a_local_pdf_edited_in_place_is_read_again_and_files_are_group_readable(tmp_path):
    """Issue 13.1 (pdf_path) and 13.7: outputs get the mode open() gives under the umask, not 0600."""
    (tmp_path / "paper.pdf").write_bytes(PDF_A)
    write_config(tmp_path, [{"id": "local", "date": "2018-06-01", "pdf_path": "paper.pdf"}])
    old = os.umask(0o002)  # a group sharing the project directory
    try:
        run_snakemake(tmp_path)
        written = [p for d in ("data", "reports") for p in (tmp_path / d).rglob("*") if p.is_file()]
        assert len(written) >= 8
        modes = {str(p.relative_to(tmp_path)): oct(stat.S_IMODE(p.stat().st_mode)) for p in written}
        assert set(modes.values()) == {"0o664"}, modes
        assert float(rows(tmp_path)["local"]["chips"]) == 8
        (tmp_path / "paper.pdf").write_bytes(PDF_B)
        assert planned(tmp_path).get("fetch") == 1
        run_snakemake(tmp_path)
    finally:
        os.umask(old)
    assert float(rows(tmp_path)["local"]["chips"]) == 64


def run_fetching_nothing(workdir, *args):
    """A run whose fetches all fail: it finishes, and exits 1 saying nothing could be fetched (issue 14)."""
    proc = run_snakemake(workdir, *args, check=False)
    assert proc.returncode == 1 and "nothing could be fetched" in proc.stderr, proc.stderr[-3000:]
    return proc


def test_fixing_the_arxiv_settings_fetches_the_failed_paper_again(server, tmp_path):
    """Issue 13.2: a typo in arxiv.pdf_url gave a permanent 404; a too small max_pdf_megabytes a
    permanent 'too large'. Fixed, the failed papers are fetched again, and only they."""
    typo = {**FAST, "pdf_url": server.pdf_url.replace("/pdf/", "/pfd/")}
    papers = [{"arxiv": "1806.00001", "date": "2015-06-01"}]  # dates years apart: a trend can be fitted
    write_config(tmp_path, papers, server, arxiv=typo)
    run_fetching_nothing(tmp_path)
    meta = receipt(tmp_path, "1806.00001")
    assert meta["status"] == "failed" and meta["permanent"] is True and "404" in meta["error"]
    assert planned(tmp_path) == {}  # asked once: a permanent failure is not asked again as such
    write_config(tmp_path, papers, server, arxiv=FAST)
    assert planned(tmp_path)["fetch"] == 1
    run_snakemake(tmp_path)
    assert receipt(tmp_path, "1806.00001")["status"] == "ok" and planned(tmp_path) == {}

    papers.append({"arxiv": "1806.00002"})
    write_config(tmp_path, papers, server, arxiv={**FAST, "max_pdf_megabytes": 0.001})
    assert planned(tmp_path)["fetch"] == 1  # the new paper only: a fetched paper stays fetched
    run_fetching_nothing(tmp_path)
    assert "larger than" in receipt(tmp_path, "1806.00002")["error"]
    before = len(server.requests_for("1806.00001"))
    write_config(tmp_path, papers, server, arxiv=FAST)
    assert planned(tmp_path)["fetch"] == 1
    run_snakemake(tmp_path)
    assert receipt(tmp_path, "1806.00002")["status"] == "ok"
    assert len(server.requests_for("1806.00001")) == before


def test_a_failure_that_never_clears_is_tried_once_per_cool_down(server, tmp_path):
    """Issue 13.3: the old code made a new retry token every run, so that paper's fetch and everything
    downstream re-ran on every invocation (and adding a paper paid for its retries again)."""
    papers = [{"arxiv": "1806.00003"}, {"arxiv": "1806.00001", "date": "2015-06-01"}]
    write_config(tmp_path, papers, server, arxiv=FAST)
    run_snakemake(tmp_path)
    meta = receipt(tmp_path, "1806.00003")
    assert meta["status"] == "failed" and meta["permanent"] is False and "503" in meta["error"]
    assert planned(tmp_path) == {}  # within the cool-down (60 minutes by default)
    assert (tmp_path / "data/raw/1806.00003.pdf").stat().st_size == 0  # the placeholder
    asked = len(server.requests_for("1806.00003"))
    papers.append({"arxiv": "1806.00002"})
    write_config(tmp_path, papers, server, arxiv=FAST)
    jobs = planned(tmp_path)
    assert jobs["fetch"] == jobs["extract"] == jobs["estimate"] == 1, jobs  # the new paper only
    run_snakemake(tmp_path)
    assert len(server.requests_for("1806.00003")) == asked

    # An hour later (the receipt's retry_after in the past; its mtime kept, as time passing leaves it)
    path = tmp_path / "data/raw/1806.00003.meta.json"
    meta = receipt(tmp_path, "1806.00003")
    meta["retry_after"] = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(seconds=1)).isoformat(timespec="seconds")
    times = (path.stat().st_atime, path.stat().st_mtime)
    path.write_text(json.dumps(meta))
    os.utime(path, times)
    # --rerun-triggers mtime ignores params: the run says so and how to try
    note = run_snakemake(tmp_path, "-n", "--rerun-triggers", "mtime")
    assert "the fetch of 1806.00003 failed and is due for another try" in note.stderr
    assert "--forcerun data/raw/1806.00003.meta.json" in note.stderr
    assert planned(tmp_path)["fetch"] == 1
    run_fetching_nothing(tmp_path)
    assert len(server.requests_for("1806.00003")) > asked and receipt(tmp_path, "1806.00003")["failures"] == 2
    assert planned(tmp_path) == {}  # failed again: the next try is an hour away
    asked = len(server.requests_for("1806.00003"))
    assert planned(tmp_path, "--forcerun", "data/raw/1806.00003.meta.json")["fetch"] == 1  # at once, if asked
    before = {k: len(server.requests_for(k)) for k in ("1806.00001", "1806.00002")}
    run_fetching_nothing(tmp_path, "--forcerun", "fetch")  # every fetch job: nothing fetched is fetched again
    assert {k: len(server.requests_for(k)) for k in before} == before
    assert len(server.requests_for("1806.00003")) > asked


def _copy_project(dest):
    for name in ("Snakefile", "profiles"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, dest / name)
    shutil.copytree(ROOT / "workflow", dest / "workflow", ignore=shutil.ignore_patterns("__pycache__"))
    return dest / "Snakefile"


def test_an_edit_of_the_package_reruns_exactly_the_rules_that_use_it(tmp_path):
    """Issue 13.6: collect, trend, plot and report had no code version (editing trend.py did not
    re-run the trend); extract's hand-kept module list had drifted."""
    (tmp_path / "project").mkdir()
    snakefile = _copy_project(tmp_path / "project")
    work = tmp_path / "work"
    work.mkdir()
    papers = [{"id": f"p{i}", "date": f"201{i}-06-01",
               "inputs": {"total_training_flop": {"value": 10.0 ** (18 + i), "source": "a test"}}} for i in range(3)]
    write_config(work, papers)
    _run(snakefile, work)
    assert planned(work, snakefile=snakefile) == {}
    package = snakefile.parent / "workflow/aicompute"
    edits = {  # file edited: the rules that must run again
        "trend.py": {"trend", "plot", "report", "all"},
        "estimate.py": {"estimate", "collect", "trend", "plot", "report", "all"},
        "report/templates/appendix.html.j2": {"report", "all"},
    }
    for name, rules in edits.items():
        path = package / name
        original = path.read_bytes()
        path.write_bytes(original + (b"\n{# edited #}\n" if name.endswith(".j2") else b"\n# edited\n"))
        assert set(planned(work, snakefile=snakefile)) == rules, name
        path.write_bytes(original)
        assert planned(work, snakefile=snakefile) == {}, name  # same content: same code version
