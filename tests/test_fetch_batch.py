"""Issue 12.3: the metadata of many papers in one arXiv API request (`id_list=a,b,c`), shared by the
fetch jobs of one run (aicompute.metadata_store), still one receipt and one PDF request per paper.

The parser is tested on feeds of our own; the rest over real HTTP against the fake arXiv
(tests/arxiv_server.py), the library as the fetch jobs use it and the real `snakemake` command."""

from __future__ import annotations

import json
import math
import os
import time

import pytest

from aicompute.arxiv import (ArxivSettings, FetchError, PoliteClient, fetch_paper, match_key, parse_atom_entries,
                             parse_atom_entry, plan_metadata_batches)
from aicompute.config import Paper
from aicompute.metadata_store import RunMetadataStore
from arxiv_server import BATCH, FakeArxiv, FakePaper
from conftest import paper_lines, record_measurement, run_snakemake, simple_pdf, write_config

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n" + b"x" * 3000 + b"\ntrailer\n%%EOF\n"


# ---------------------------------------------------------------------------------------------
# The parser, on feeds of our own


def feed(*entries: str, total: int | None = None) -> bytes:
    head = ('<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" '
            'xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom">'
            f"<opensearch:totalResults>{len(entries) if total is None else total}</opensearch:totalResults>")
    return (head + "".join(entries) + "</feed>").encode()


def entry(abs_id: str, title: str, comment: str = "", published: str = "2017-06-12") -> str:
    return (f"<entry><id>http://arxiv.org/abs/{abs_id}</id><title>{title}</title>"
            f"<published>{published}T17:57:34Z</published><updated>{published}T17:57:34Z</updated>"
            f"<author><name>A. Author</name></author>"
            + (f"<arxiv:comment>{comment}</arxiv:comment>" if comment else "") + "</entry>")


ERROR_ENTRY = ("<entry><id>http://arxiv.org/api/errors#incorrect_id_format_for_1234</id><title>Error</title>"
               "<summary>incorrect id format for 1234</summary></entry>")


def test_entries_are_matched_to_the_ids_asked_whatever_their_order_and_version():
    asked = ["1706.03762", "1512.03385v2", "hep-th/9901001", "cs/0112017", "math.GT/0309136"]
    got, missing = parse_atom_entries(feed(
        entry("math/0309136v1", "Knots"),  # arXiv drops the subject class of old-style ids
        entry("1512.03385v2", "Deep Residual Learning"),
        entry("1810.04805v2", "BERT"),  # not asked for: ignored
        entry("cs/0112017v1", "Old Computer Science"),
        entry("1706.03762v7", "Attention Is All You Need"),
        entry("hep-th/9901001v3", "Strings"),
    ), asked)
    assert set(got) == set(asked) and missing == {}
    assert got["1706.03762"]["title"] == "Attention Is All You Need" and got["1706.03762"]["latest_version"] == "v7"
    assert got["1512.03385v2"]["title"] == "Deep Residual Learning" and got["1512.03385v2"]["latest_version"] == "v2"
    assert got["hep-th/9901001"]["title"] == "Strings" and got["cs/0112017"]["title"] == "Old Computer Science"
    assert got["math.GT/0309136"]["abs_url"] == "http://arxiv.org/abs/math/0309136v1"
    assert got["1706.03762"]["published"] == "2017-06-12" and got["1706.03762"]["authors"] == ["A. Author"]


def test_ids_that_share_digits_are_not_confused():
    got, missing = parse_atom_entries(feed(entry("1706.03762v1", "A"), entry("hep-th/9901001v1", "B")),
                                      ["1706.0376", "1706.037620", "hep-ph/9901001", "9901001"])
    assert got == {} and set(missing) == {"1706.0376", "1706.037620", "hep-ph/9901001", "9901001"}


def test_an_id_without_an_entry_is_missing_and_the_others_are_found():
    got, missing = parse_atom_entries(feed(entry("1706.03762v7", "A")), ["1706.03762", "1801.99999"])
    assert set(got) == {"1706.03762"} and missing == {"1801.99999": "not in the answer"}


def test_a_withdrawn_paper_is_missing_unless_a_version_is_pinned():
    withdrawn = "This paper has been withdrawn by the author"
    got, missing = parse_atom_entries(feed(entry("1801.00003v2", "W", withdrawn), entry("1801.00004v2", "P", withdrawn)),
                                      ["1801.00003", "1801.00004v1"])
    assert missing == {"1801.00003": "withdrawn"} and set(got) == {"1801.00004v1"}


def test_an_error_entry_leaves_every_id_without_its_entry_missing_and_says_so():
    got, missing = parse_atom_entries(feed(ERROR_ENTRY, entry("1706.03762v7", "A")), ["1706.03762", "1234"])
    assert set(got) == {"1706.03762"}
    assert missing["1234"] == "not in the answer (the feed has an error entry: incorrect id format for 1234)"


def test_a_garbled_or_repeated_entry_does_not_break_the_others():
    got, missing = parse_atom_entries(feed(entry("not an id", "G"), entry("1706.03762v7", "First"),
                                           entry("1706.03762v6", "Second")), ["1706.03762", "1512.03385"])
    assert got["1706.03762"]["title"] == "First" and set(missing) == {"1512.03385"}


def test_an_unreadable_or_hostile_feed_fails_as_a_whole():
    with pytest.raises(FetchError) as bad:
        parse_atom_entries(b"<feed><entry>", ["1706.03762"])
    assert bad.value.retry_now
    bomb = b'<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol">]><feed xmlns="http://www.w3.org/2005/Atom"/>'
    with pytest.raises(FetchError, match="refused"):
        parse_atom_entries(bomb, ["1706.03762"])


def test_the_single_id_parser_matches_old_style_ids_with_a_subject_class_too():
    assert parse_atom_entry(feed(entry("math/0309136v1", "Knots")), "math.GT/0309136")["title"] == "Knots"
    assert match_key("math.GT/0309136v2") == "math/0309136" and match_key("1706.03762v5") == "1706.03762"


# ---------------------------------------------------------------------------------------------
# The fetch jobs of one run, over real HTTP


def settings(server, **overrides) -> ArxivSettings:
    base = dict(api_url=server.api_url, pdf_url=server.pdf_url, delay_seconds=0.0, timeout_seconds=2, retries=2,
                backoff_seconds=0.05, max_retry_after_seconds=5, user_agent="aicompute-tests/1", metadata_batch_size=3)
    base.update(overrides)
    return ArxivSettings(**base)


def papers_of(ids):
    return [Paper(key=i.replace("/", "_"), arxiv_id=i) for i in ids]


def fetch_run(server, raw_dir, ids, run_id="run-1", plan=True, **overrides):
    """What the run does: the plan at onstart, then one fetch job per paper (in config order; each
    with its own client, as each job is its own process)."""
    s = settings(server, **overrides)
    papers = papers_of(ids)
    if plan:
        plan_metadata_batches(raw_dir, run_id, papers, s)
    receipts = {}
    for paper in papers:
        for attempt in range(1, s.attempts + 1):
            client = PoliteClient(s, raw_dir / ".locks", run_id=run_id)
            try:
                receipts[paper.arxiv_id] = fetch_paper(paper, raw_dir, s, attempt=attempt, client=client)
                break
            except Exception as exc:  # noqa: BLE001 - TryAgain: Snakemake's retries
                assert attempt < s.attempts, exc
    return receipts


@pytest.fixture
def server(fake_arxiv):
    for n in range(1, 9):
        fake_arxiv.add(FakePaper(f"1805.{n:05d}", f"Paper {n}", "2018-05-01", PDF))
    return fake_arxiv


IDS = [f"1805.{n:05d}" for n in range(1, 8)]


def test_a_cold_run_asks_one_metadata_request_per_batch_and_one_pdf_request_per_paper(server, tmp_path):
    got = fetch_run(server, tmp_path, IDS)
    assert all(r["status"] == "ok" for r in got.values()), got
    api, pdf = server.requests_for(endpoint="api"), server.requests_for(endpoint="pdf")
    assert len(api) == math.ceil(len(IDS) / 3) and len(pdf) == len(IDS)
    assert [len(r.papers) for r in api] == [3, 3, 1]  # the last paper alone: its own request is that batch
    assert [r.papers for r in server.batch_requests()] == [tuple(IDS[:3]), tuple(IDS[3:6])]
    for arxiv_id, receipt in got.items():  # still one receipt per paper, saying where its metadata came from
        assert receipt["title"] == f"Paper {int(arxiv_id[-2:])}" and receipt["published"] == "2018-05-01"
        request = receipt["metadata_request"]
        assert arxiv_id in request["url"] and request["ids"] == (1 if arxiv_id == IDS[-1] else 3)
        assert json.loads((tmp_path / f"{arxiv_id}.meta.json").read_text()) == receipt
    assert "max_results=3" in server.batch_requests()[0].path
    # only the jobs that asked count a request
    assert [got[i]["requests"] for i in IDS] == [2, 1, 1, 2, 1, 1, 2]


def test_a_rerun_asks_arxiv_nothing_and_a_new_paper_alone(server, tmp_path):
    fetch_run(server, tmp_path, IDS)
    before = len(server.requests_for())
    again = fetch_run(server, tmp_path, IDS, run_id="run-2")
    assert len(server.requests_for()) == before and all(r["status"] == "ok" for r in again.values())
    assert not (tmp_path / ".locks/metadata/run-2/wanted.json").exists()  # nothing to share
    fetch_run(server, tmp_path, IDS + ["1805.00008"], run_id="run-3")
    assert [r.papers for r in server.requests_for()[before:]] == [("1805.00008",), ("1805.00008",)]


def test_papers_missing_from_the_batch_fail_or_succeed_alone_with_their_own_message(server, tmp_path):
    server.add(FakePaper("1805.00020", "Withdrawn", "2018-05-01", PDF, comment="This paper has been withdrawn"))
    server.add(FakePaper("1805.00021", "Flaky", "2018-05-01", PDF))
    server.add(FakePaper("1805.00022", "Down", "2018-05-01", PDF))
    server.fault("1805.00021", "api", "503")  # once: its own request is retried and succeeds
    server.fault("1805.00022", "api", "503", "503", "503")  # every attempt of its own request (retries=2)
    ids = ["1805.00001", "1805.99999", "1805.00020", "1805.00021", "1805.00022", "1805.00002"]
    got = fetch_run(server, tmp_path, ids, metadata_batch_size=10)
    assert [r.papers for r in server.batch_requests()] == [tuple(ids)]
    assert got["1805.00001"]["status"] == got["1805.00002"]["status"] == got["1805.00021"]["status"] == "ok"
    assert got["1805.99999"]["error"].startswith("arXiv has no paper 1805.99999") and got["1805.99999"]["permanent"]
    assert "1805.00020 was withdrawn" in got["1805.00020"]["error"] and got["1805.00020"]["permanent"]
    assert got["1805.00022"]["error"].startswith("HTTP 503 from http") and not got["1805.00022"]["permanent"]
    assert "metadata request for" not in got["1805.00022"]["error"]  # its own request failed, not a batch
    for arxiv_id, asked in {"1805.99999": 1, "1805.00020": 1, "1805.00021": 2, "1805.00022": 3,
                            "1805.00001": 0, "1805.00002": 0}.items():
        assert len(server.requests_for(arxiv_id, "api")) == asked, arxiv_id
    assert got["1805.00021"]["metadata_request"]["ids"] == 1 and got["1805.00002"]["metadata_request"]["ids"] == 6


def test_a_batch_that_fails_transiently_fails_the_paper_that_asked_and_the_next_asks_again(server, tmp_path):
    server.fault(BATCH, "api", "503", "503", "503")
    got = fetch_run(server, tmp_path, IDS[:4], metadata_batch_size=10)
    first = got[IDS[0]]
    assert first["status"] == "failed" and not first["permanent"]
    assert first["error"].startswith("HTTP 503 from http") and first["error"].endswith("(a metadata request for 4 papers)")
    assert first["cause"] == "HTTP 503"  # as for a paper's own request: the run summary counts them together
    assert all(got[i]["status"] == "ok" for i in IDS[1:4])
    assert [len(r.papers) for r in server.batch_requests()] == [4, 4, 4, 4]  # 3 attempts; the next job asks again


def test_a_batch_that_fails_permanently_turns_batching_off_for_the_run(server, tmp_path):
    server.fault(BATCH, "api", "414")
    got = fetch_run(server, tmp_path, IDS[:4], metadata_batch_size=10)
    assert all(r["status"] == "ok" for r in got.values())
    assert len(server.batch_requests()) == 1 and len(server.requests_for(endpoint="api")) == 5
    assert "414" in json.loads((tmp_path / ".locks/metadata/run-1/off.json").read_text())["reason"]


def test_without_a_plan_each_paper_asks_alone(server, tmp_path):
    """The library used on its own, or a job on a cluster node: no run's shared files, today's requests."""
    fetch_run(server, tmp_path, IDS[:3], plan=False)
    assert [r.papers for r in server.requests_for(endpoint="api")] == [(i,) for i in IDS[:3]]
    fetch_run(server, tmp_path / "one", IDS[:3], metadata_batch_size=1)
    assert not server.batch_requests() and not (tmp_path / "one/.locks/metadata/run-1").exists()


def test_the_plan_leaves_out_papers_that_have_their_metadata_and_removes_old_runs(server, tmp_path):
    s = settings(server)
    fetch_run(server, tmp_path, IDS[:2], plan=False)
    (tmp_path / f"{IDS[1]}.pdf").unlink()  # fetched again, but its receipt has its metadata
    old = RunMetadataStore(tmp_path / ".locks", "run-old")
    old.plan(["1805.00001"], 3)
    past = time.time() - 3600
    for p in [old.dir, *old.dir.iterdir()]:
        os.utime(p, (past, past))
    recent = RunMetadataStore(tmp_path / ".locks", "run-recent")
    recent.plan(["1805.00001"], 3)
    path = plan_metadata_batches(tmp_path, "run-new", papers_of(IDS[:5]), s)
    assert json.loads(path.read_text())["ids"] == IDS[2:5]
    assert not old.dir.exists() and recent.dir.exists()  # another run may still be going (--nolock)


# ---------------------------------------------------------------------------------------------
# The real command


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory):
    pdf = simple_pdf([paper_lines("Batch Paper")])
    ids = [f"1806.{n:05d}" for n in range(11, 18)]
    with FakeArxiv() as server:
        for arxiv_id in ids:
            server.add(FakePaper(arxiv_id, f"Paper {arxiv_id}", "2018-06-01", pdf))
        workdir = tmp_path_factory.mktemp("batch")
        write_config(workdir, [{"arxiv": i} for i in ids], server,
                     arxiv={"delay_seconds": 0.2, "metadata_batch_size": 3})
        targets = [f"data/raw/{i}.meta.json" for i in ids]
        started = time.monotonic()
        run_snakemake(workdir, *targets, "--cores", "4", "--resources", "arxiv=4")
        seconds = time.monotonic() - started
        cold = list(server.requests_for())
        rerun = run_snakemake(workdir, *targets)
        yield {"ids": ids, "workdir": workdir, "cold": cold, "after_rerun": list(server.requests_for()),
               "rerun": rerun, "seconds": seconds, "gap": server.min_gap()}


def test_snakemake_cold_run_makes_one_metadata_request_per_batch(pipeline):
    ids, cold = pipeline["ids"], pipeline["cold"]
    api = [r for r in cold if r.endpoint == "api"]
    pdf = [r for r in cold if r.endpoint == "pdf"]
    record_measurement(f"metadata batches: {len(ids)} papers, batch size 3, 4 fetch jobs at once: {len(api)} API + "
                       f"{len(pdf)} PDF requests in {pipeline['seconds']:.1f} s, smallest gap {pipeline['gap']:.3f} s")
    assert len(api) == math.ceil(len(ids) / 3) and sorted(r.paper for r in pdf) == ids
    assert sorted(p for r in api for p in r.papers) == ids  # every id asked once
    assert pipeline["gap"] >= 0.2  # still one request every delay_seconds across the jobs
    for arxiv_id in ids:
        receipt = json.loads((pipeline["workdir"] / f"data/raw/{arxiv_id}.meta.json").read_text())
        assert receipt["status"] == "ok" and receipt["title"] == f"Paper {arxiv_id}"
        assert arxiv_id in receipt["metadata_request"]["url"]


def test_snakemake_rerun_asks_nothing(pipeline):
    assert pipeline["after_rerun"] == pipeline["cold"]
    assert "Nothing to be done" in pipeline["rerun"].stdout + pipeline["rerun"].stderr
