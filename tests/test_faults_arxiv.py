"""arXiv misbehaving, end to end: `snakemake` against the fake arXiv (real HTTP on 127.0.0.1) with a
scripted fault per paper. Transient faults are retried and, if they last, recorded as transient (the
next run fetches again and succeeds once the server is healthy); permanent ones are asked once and
never again; the healthy papers still produce the report, which lists every failed paper and why."""

from __future__ import annotations

import csv
import hashlib
import json
import re
import time

import pytest

from arxiv_server import FakeArxiv, FakePaper
from conftest import paper_lines, record_measurement, report_failures, run_snakemake, simple_pdf, write_config

PDF = simple_pdf([paper_lines("Fault Test Paper")])
RETRIES = 2  # attempts per request: RETRIES + 1
TIMEOUT = 1.0

# paper id: (API fault script, PDF fault script, outcome of the first run, words its reason must contain)
# outcome: "ok" | "permanent" | "transient"
CASES = {
    "1801.00001": ([], [], "ok", None),
    "1801.00002": (None, [], "permanent", "no paper 1801.00002"),  # None: the server does not know the id
    "1801.00003": (["withdrawn"], [], "permanent", "withdrawn"),
    "1801.00004": ([], ["404"], "permanent", "HTTP 404"),
    "1801.00005": ([], ["429:retry-after=1"], "ok", None),
    "1801.00006": ([], ["503:retry-after=1", "503"], "ok", None),
    "1801.00007": ([], ["429"] * 3, "transient", "HTTP 429"),
    "1801.00008": ([], ["503:retry-after-date=2"] * 3, "transient", "HTTP 503"),
    "1801.00009": ([], ["hang"] * 3, "transient", "timed out"),
    "1801.00011": ([], ["reset"] * 3, "transient", "connection failed"),
    "1801.00012": ([], ["html"] * 3, "transient", "text/html instead of a PDF"),
    "1801.00013": ([], ["truncated"] * 3, "transient", "incomplete"),
    "1801.00014": (["503"] * 3, [], "transient", "HTTP 503 from http"),
    "1801.00015": ([], ["stall"] * 3, "transient", "timed out"),
    "1801.00016": ([], ["429:retry-after=3600"], "transient", "3600"),
    "1801.00017": ([], ["410"], "permanent", "HTTP 410"),
}
OK = [k for k, c in CASES.items() if c[2] == "ok"]
PERMANENT = [k for k, c in CASES.items() if c[2] == "permanent"]
TRANSIENT = [k for k, c in CASES.items() if c[2] == "transient"]


def snapshot(server, workdir, seconds):
    with open(workdir / "data/processed/estimates.csv", newline="") as fh:
        rows = {r["paper_id"]: r for r in csv.DictReader(fh)}
    return {
        "seconds": seconds,
        "rows": rows,
        "html": (workdir / "reports/appendix.html").read_text(),
        "meta": {k: json.loads((workdir / f"data/raw/{k}.meta.json").read_text()) for k in CASES},
        "requests": {(k, e): server.requests_for(k, e) for k in CASES for e in ("api", "pdf")},
        "parts": sorted(p.name for p in (workdir / "data/raw").glob(".*.part")),
        # a PDF was fetched (a failed fetch leaves an empty placeholder, which its receipt disowns)
        "pdfs": {k: (workdir / f"data/raw/{k}.pdf").stat().st_size > 0 for k in CASES},
    }


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    server = FakeArxiv().start()
    for arxiv_id, (api, pdf, _, _) in CASES.items():
        if api is None:
            continue
        server.add(FakePaper(arxiv_id, f"Paper {arxiv_id}", "2018-01-15", PDF))
        server.fault(arxiv_id, "api", *api)
        server.fault(arxiv_id, "pdf", *pdf)
    workdir = tmp_path_factory.mktemp("arxiv_faults")
    write_config(workdir, [{"arxiv": k, "name": f"case {k}"} for k in CASES], server,
                 arxiv={"delay_seconds": 0.1, "retries": RETRIES, "backoff_seconds": 0.2,
                        "timeout_seconds": TIMEOUT, "max_retry_after_seconds": 5,
                        "retry_failed_after_minutes": 0})  # the next run tries transient failures again
    state = {"server": server, "workdir": workdir}
    started = time.monotonic()
    run_snakemake(workdir, timeout=400)
    state["first"] = snapshot(server, workdir, time.monotonic() - started)
    # The server is healthy now (every fault script is used up): the next run
    started = time.monotonic()
    state["second_out"] = run_snakemake(workdir, timeout=400)
    state["second"] = snapshot(server, workdir, time.monotonic() - started)
    state["third_dry"] = run_snakemake(workdir, "-n")
    yield state
    server.stop()


def test_no_hang_first_run_is_bounded(run):
    # Hung and stalled connections of TIMEOUT s each, and a Retry-After of an hour that must not be waited for
    record_measurement(f"arXiv faults: {len(CASES)} papers, first run {run['first']['seconds']:.1f} s, "
                       f"next run {run['second']['seconds']:.1f} s")
    assert run["first"]["seconds"] < 240


@pytest.mark.parametrize("paper", OK)
def test_healthy_and_recovered_papers_are_estimated(run, paper):
    row = run["first"]["rows"][paper]
    assert row["status"] == "ok", row["status"]
    assert float(row["chips"]) == 8 and float(row["training_hours"]) == pytest.approx(84)
    assert float(row["compute_flop"]) > 0
    assert run["first"]["meta"][paper]["sha256"] == hashlib.sha256(PDF).hexdigest()
    assert paper not in report_failures(run["first"]["html"])


@pytest.mark.parametrize("paper", PERMANENT + TRANSIENT)
def test_failed_paper_is_listed_in_the_report_with_its_reason(run, paper):
    reason = CASES[paper][3]
    meta = run["first"]["meta"][paper]
    assert meta["status"] == "failed" and reason in meta["error"]
    assert meta["permanent"] is (CASES[paper][2] == "permanent")
    row = run["first"]["rows"][paper]
    assert row["status"].startswith("fetch failed: ") and reason in row["status"]
    listed = report_failures(run["first"]["html"])
    assert paper in listed, sorted(listed)
    assert listed[paper].startswith(f"case {paper} ({paper}): fetch failed:") and reason in listed[paper]
    assert not run["first"]["pdfs"][paper]


def test_the_report_lists_exactly_the_failed_papers(run):
    assert set(report_failures(run["first"]["html"])) == set(PERMANENT + TRANSIENT)
    assert set(report_failures(run["second"]["html"])) == set(PERMANENT)


def test_permanent_failures_are_asked_once(run):
    reqs = run["first"]["requests"]
    assert len(reqs["1801.00002", "api"]) == 1 and not reqs["1801.00002", "pdf"]  # unknown id: no PDF request
    assert len(reqs["1801.00003", "api"]) == 1 and not reqs["1801.00003", "pdf"]  # withdrawn
    assert len(reqs["1801.00004", "pdf"]) == 1 and len(reqs["1801.00017", "pdf"]) == 1  # 404, 410


@pytest.mark.parametrize("paper", TRANSIENT)
def test_transient_failures_are_retried_then_given_up(run, paper):
    reqs = run["first"]["requests"]
    endpoint = "api" if CASES[paper][0] else "pdf"
    expected = 1 if paper == "1801.00016" else RETRIES + 1  # a Retry-After beyond the limit ends at once
    assert len(reqs[paper, endpoint]) == expected


def test_retry_after_and_backoff_are_honoured(run):
    reqs = run["first"]["requests"]
    ra = reqs["1801.00005", "pdf"]
    assert len(ra) == 2 and ra[1].at - ra[0].at >= 1.0  # 429 with Retry-After: 1
    mixed = reqs["1801.00006", "pdf"]
    assert len(mixed) == 3 and mixed[1].at - mixed[0].at >= 1.0  # 503 with Retry-After: 1, then backoff
    assert mixed[2].at - mixed[1].at >= 0.4  # second backoff: 0.2 * 2
    dated = reqs["1801.00008", "pdf"]
    assert all(b.at - a.at >= 1.0 for a, b in zip(dated, dated[1:]))  # an HTTP date 2 s ahead (1 s resolution)
    hung = reqs["1801.00009", "pdf"]
    assert all(b.at - a.at >= TIMEOUT for a, b in zip(hung, hung[1:]))  # each attempt waited for the timeout


def test_no_partial_download_is_left_behind(run):
    assert run["first"]["parts"] == [] and run["second"]["parts"] == []


def test_next_run_fetches_transient_failures_again_and_they_succeed(run):
    first, second = run["first"], run["second"]
    for paper in TRANSIENT:
        meta = second["meta"][paper]
        assert meta["status"] == "ok", (paper, meta.get("error"))
        assert meta["sha256"] == hashlib.sha256(PDF).hexdigest() and second["pdfs"][paper]
        assert len(second["requests"][paper, "pdf"]) > len(first["requests"][paper, "pdf"])
        assert second["rows"][paper]["status"] == "ok" and float(second["rows"][paper]["chips"]) == 8


def test_next_run_does_not_ask_again_for_permanent_failures_or_good_papers(run):
    first, second = run["first"], run["second"]
    for paper in PERMANENT + OK:
        for endpoint in ("api", "pdf"):
            assert len(second["requests"][paper, endpoint]) == len(first["requests"][paper, endpoint]), (paper, endpoint)
        assert second["meta"][paper] == first["meta"][paper]
    for paper in PERMANENT:
        assert report_failures(second["html"])[paper] == report_failures(first["html"])[paper]


def test_recovered_papers_stay_fetched(run):
    """The retry token is stable after the successful re-fetch: a third run plans no fetch job."""
    out = run["third_dry"].stdout + run["third_dry"].stderr
    assert run["third_dry"].returncode == 0
    planned = re.findall(r"^(?:local)?rule (\w+):", out, flags=re.M)
    assert "fetch" not in planned, out[-3000:]  # (other jobs may re-run if someone edits the code meanwhile)
