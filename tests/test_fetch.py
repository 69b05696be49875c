"""The arXiv client against a real HTTP server on 127.0.0.1 (tests/arxiv_server.py)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import socket
import stat
import threading
import time

import pytest

from aicompute.arxiv import (ArxivSettings, FetchError, PoliteClient, TryAgain, fetch_paper, parse_atom_entry,
                             refetch_token)
from aicompute.config import Paper
from arxiv_server import FakePaper

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n" + b"x" * 5000 + b"\ntrailer\n%%EOF\n"
OTHER_PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n" + b"y" * 7000 + b"\ntrailer\n%%EOF\n"


def settings(server, **overrides) -> ArxivSettings:
    base = dict(api_url=server.api_url, pdf_url=server.pdf_url, delay_seconds=0.0, timeout_seconds=2,
                retries=2, backoff_seconds=0.05, max_retry_after_seconds=5, user_agent="aicompute-tests/1")
    base.update(overrides)
    return ArxivSettings(**base)


@pytest.fixture
def server(fake_arxiv):
    fake_arxiv.add(FakePaper("1706.03762", "Attention Is All You Need", "2017-06-12", PDF, version="v7"))
    fake_arxiv.add(FakePaper("1512.03385", "Deep Residual Learning", "2015-12-10", OTHER_PDF))
    return fake_arxiv


def run_job(paper: Paper, raw_dir, s: ArxivSettings, rerun_token: str = "") -> dict:
    """What Snakemake does with the fetch job: run it, and run it again after TryAgain, up to
    `retries` more times (the job leaves its outputs untouched when it raises)."""
    for attempt in range(1, s.attempts + 1):
        try:
            return fetch_paper(paper, raw_dir, s, attempt=attempt, rerun_token=rerun_token)
        except TryAgain:
            assert attempt < s.attempts
    raise AssertionError("the last attempt must not raise")


def fetch(server, tmp_path, arxiv_id="1706.03762", **overrides):
    paper = Paper(key=arxiv_id.replace("/", "_"), arxiv_id=arxiv_id)
    return run_job(paper, tmp_path, settings(server, **overrides))


def test_fetches_metadata_and_pdf(server, tmp_path):
    meta = fetch(server, tmp_path)
    assert meta["status"] == "ok"
    assert meta["title"] == "Attention Is All You Need"
    assert meta["published"] == "2017-06-12"
    assert meta["version"] == "v7" and meta["source"] == "arXiv:1706.03762"
    assert (tmp_path / "1706.03762.pdf").read_bytes() == PDF
    on_disk = json.loads((tmp_path / "1706.03762.meta.json").read_text())
    assert on_disk["sha256"] == meta["sha256"] and on_disk["bytes"] == len(PDF)
    assert server.requests_for("1706.03762", "api") and server.requests_for("1706.03762", "pdf")
    assert not list(tmp_path.glob(".*.part"))


def test_files_get_the_mode_open_gives_under_the_umask(server, tmp_path):
    """Not mkstemp's 0600: a group sharing the project can read what the pipeline wrote."""
    old = os.umask(0o022)
    try:
        fetch(server, tmp_path)
    finally:
        os.umask(old)
    for name in ("1706.03762.pdf", "1706.03762.meta.json"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o644, name


def test_cached_paper_is_not_downloaded_again(server, tmp_path):
    fetch(server, tmp_path)
    before = len(server.requests_for())
    meta = fetch(server, tmp_path)
    assert meta["status"] == "ok"
    assert len(server.requests_for()) == before


def test_a_pdf_that_differs_from_its_receipt_is_fetched_again_and_replaced_whole(server, tmp_path):
    fetch(server, tmp_path)
    pdf = tmp_path / "1706.03762.pdf"
    pdf.write_bytes(PDF[:100])  # damaged on disk
    meta = fetch(server, tmp_path)
    assert meta["status"] == "ok" and pdf.read_bytes() == PDF
    assert len(server.requests_for("1706.03762", "pdf")) == 2
    assert len(server.requests_for("1706.03762", "api")) == 1  # the metadata is reused


def test_receipt_lost_the_pdf_is_fetched_again(server, tmp_path):
    """Without its receipt nothing vouches for the PDF on disk (it may be another source's): it is
    downloaded again, and replaced only by the complete new file."""
    fetch(server, tmp_path)
    (tmp_path / "1706.03762.meta.json").unlink()
    meta = fetch(server, tmp_path)
    assert meta["status"] == "ok" and len(server.requests_for("1706.03762", "pdf")) == 2


def test_user_agent_and_pinned_version(server, tmp_path):
    meta = fetch(server, tmp_path, arxiv_id="1706.03762v5")
    assert meta["status"] == "ok" and meta["version"] == "v5"
    assert server.requests_for("1706.03762", "pdf")[0].path.endswith("/pdf/1706.03762v5")
    assert {r.user_agent for r in server.requests_for()} == {"aicompute-tests/1"}
    assert (tmp_path / "1706.03762v5.pdf").exists()


def test_503_then_ok_is_retried(server, tmp_path):
    server.fault("1706.03762", "pdf", "503", "503")
    meta = fetch(server, tmp_path)
    assert meta["status"] == "ok" and meta["attempt"] == 1  # urllib3 retried the request, the job ran once
    pdf = server.requests_for("1706.03762", "pdf")
    assert len(pdf) == 3
    assert pdf[1].at - pdf[0].at >= 0.05 and pdf[2].at - pdf[1].at >= 0.1  # backoff 0.05, then doubled


def test_429_retry_after_is_honoured(server, tmp_path):
    server.fault("1706.03762", "api", "429:retry-after=1")
    meta = fetch(server, tmp_path)
    assert meta["status"] == "ok"
    api = server.requests_for("1706.03762", "api")
    assert len(api) == 2 and api[1].at - api[0].at >= 1.0


def test_retry_after_as_http_date(server, tmp_path):
    server.fault("1706.03762", "api", "503:retry-after-date=2")
    meta = fetch(server, tmp_path)
    assert meta["status"] == "ok"
    api = server.requests_for("1706.03762", "api")
    assert api[1].at - api[0].at >= 1.0  # HTTP dates have 1 s resolution


def test_retry_after_beyond_the_limit_fails_transiently_without_waiting(server, tmp_path):
    server.fault("1706.03762", "pdf", "429:retry-after=3600")
    started = time.time()
    meta = fetch(server, tmp_path)
    assert time.time() - started < 3
    assert meta["status"] == "failed" and meta["permanent"] is False and meta["attempt"] == 1
    assert "3600" in meta["error"]


def test_persistent_503_is_a_transient_failure_tried_again_after_the_cool_down(server, tmp_path):
    s = settings(server, retry_failed_after_minutes=30)
    paper = Paper("1706.03762", "1706.03762")
    server.fault("1706.03762", "pdf", "503", "503", "503")
    meta = run_job(paper, tmp_path, s)
    assert meta["status"] == "failed" and meta["permanent"] is False
    assert "503" in meta["error"] and "3 attempts" in meta["error"]
    assert (tmp_path / "1706.03762.pdf").read_bytes() == b""  # the placeholder the receipt disowns
    failed_at = dt.datetime.fromisoformat(meta["fetched_at"])
    assert dt.datetime.fromisoformat(meta["retry_after"]) - failed_at == dt.timedelta(minutes=30)
    # within the cool-down the param stays what the job ran with: Snakemake has nothing to do
    assert refetch_token(meta, s, now=failed_at + dt.timedelta(minutes=29)) == ""
    later = failed_at + dt.timedelta(minutes=31)
    token = refetch_token(meta, s, now=later)
    assert token.startswith("transient failure 1 of ")
    # the run after the cool-down (the param changed) fetches it, and then the param is stable
    meta = run_job(paper, tmp_path, s, rerun_token=token)
    assert meta["status"] == "ok" and (tmp_path / "1706.03762.pdf").read_bytes() == PDF
    assert refetch_token(meta, s, now=later + dt.timedelta(days=365)) == token


def test_a_failure_that_never_clears_is_asked_once_per_cool_down(server, tmp_path):
    s = settings(server, retry_failed_after_minutes=30)
    paper = Paper("1706.03762", "1706.03762")
    server.fault("1706.03762", "pdf", *["503"] * 9)
    first = run_job(paper, tmp_path, s)
    t1 = dt.datetime.fromisoformat(first["fetched_at"]) + dt.timedelta(minutes=31)
    token = refetch_token(first, s, now=t1)
    second = run_job(paper, tmp_path, s, rerun_token=token)  # fails again
    assert second["status"] == "failed"
    t2 = dt.datetime.fromisoformat(second["fetched_at"])
    assert refetch_token(second, s, now=t2 + dt.timedelta(minutes=29)) == token  # nothing to do
    assert refetch_token(second, s, now=t2 + dt.timedelta(minutes=31)) not in ("", token)


def test_404_is_permanent_and_not_retried(server, tmp_path):
    server.fault("1706.03762", "pdf", "404")
    meta = fetch(server, tmp_path)
    assert meta["status"] == "failed" and meta["permanent"] is True and "retry_after" not in meta
    assert len(server.requests_for("1706.03762", "pdf")) == 1
    s = settings(server)
    assert refetch_token(meta, s, now=dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=365)) == ""


def test_fixing_a_setting_asks_a_failed_paper_again_and_only_then(server, tmp_path):
    """A typo in arxiv.pdf_url gave a permanent 404; the corrected settings change the param."""
    bad = settings(server, pdf_url=server.pdf_url.replace("/pdf/", "/pfd/"))
    paper = Paper("1706.03762", "1706.03762")
    meta = run_job(paper, tmp_path, bad)
    assert meta["status"] == "failed" and meta["permanent"] is True and "404" in meta["error"]
    assert refetch_token(meta, bad) == ""
    good = settings(server)
    token = refetch_token(meta, good)
    assert token.startswith("arxiv settings changed")
    meta = run_job(paper, tmp_path, good, rerun_token=token)
    assert meta["status"] == "ok" and (tmp_path / "1706.03762.pdf").read_bytes() == PDF
    assert refetch_token(meta, good) == token
    assert refetch_token(meta, settings(server, delay_seconds=1)) == token  # a fetched paper stays fetched


def test_unknown_id_is_an_empty_feed(server, tmp_path):
    meta = fetch(server, tmp_path, arxiv_id="1901.99999")
    assert meta["status"] == "failed" and meta["permanent"] is True
    assert "no paper 1901.99999" in meta["error"]
    assert not server.requests_for("1901.99999", "pdf")


def test_withdrawn_paper(server, tmp_path):
    server.fault("1706.03762", "api", "withdrawn")
    meta = fetch(server, tmp_path)
    assert meta["status"] == "failed" and meta["permanent"] is True and "withdrawn" in meta["error"]


def test_html_instead_of_pdf_fails_the_job_then_is_recorded_on_the_last_attempt(server, tmp_path):
    s = settings(server)
    paper = Paper("1706.03762", "1706.03762")
    server.fault("1706.03762", "pdf", "html", "html", "html")
    for attempt in (1, 2):
        with pytest.raises(TryAgain, match=f"text/html instead of a PDF.*attempt {attempt} of 3"):
            fetch_paper(paper, tmp_path, s, attempt=attempt)
        assert not list(tmp_path.glob("1706.03762*")) and not list(tmp_path.glob(".*.part"))
    meta = fetch_paper(paper, tmp_path, s, attempt=3)
    assert meta["status"] == "failed" and meta["permanent"] is False and meta["attempt"] == 3
    assert "text/html instead of a PDF" in meta["error"]
    assert (tmp_path / "1706.03762.pdf").read_bytes() == b"" and not list(tmp_path.glob(".*.part"))
    assert len(server.requests_for("1706.03762", "pdf")) == 3


def test_reset_mid_body_is_retried(server, tmp_path):
    server.fault("1706.03762", "pdf", "reset")
    meta = fetch(server, tmp_path)
    assert meta["status"] == "ok" and meta["attempt"] == 2
    assert (tmp_path / "1706.03762.pdf").read_bytes() == PDF


def test_truncated_pdf_is_never_kept(server, tmp_path):
    server.fault("1706.03762", "pdf", "truncated", "truncated", "truncated")
    meta = fetch(server, tmp_path)
    assert meta["status"] == "failed" and "incomplete" in meta["error"]
    assert (tmp_path / "1706.03762.pdf").read_bytes() == b""


def test_hung_connection_times_out(server, tmp_path):
    server.fault("1706.03762", "pdf", "hang", "hang")
    started = time.time()
    meta = fetch(server, tmp_path, timeout_seconds=0.5, retries=1)
    assert time.time() - started < 5
    assert meta["status"] == "failed" and "timed out" in meta["error"] and meta["permanent"] is False


def test_oversized_pdf_is_permanent(server, tmp_path):
    meta = fetch(server, tmp_path, max_pdf_megabytes=0.001)
    assert meta["status"] == "failed" and meta["permanent"] is True and "larger than" in meta["error"]


def test_switching_pdf_url_fetches_the_new_source(server, tmp_path):
    """The receipt of another source never vouches for the PDF on disk."""
    s = settings(server)
    first = run_job(Paper("mine", pdf_url=f"{server.url}/pdf/1706.03762", date="2017-06-12"), tmp_path, s)
    assert first["status"] == "ok" and first["sha256"] == hashlib.sha256(PDF).hexdigest()
    second = run_job(Paper("mine", pdf_url=f"{server.url}/pdf/1512.03385", date="2017-06-12"), tmp_path, s)
    assert second["status"] == "ok" and second["sha256"] == hashlib.sha256(OTHER_PDF).hexdigest()
    assert (tmp_path / "mine.pdf").read_bytes() == OTHER_PDF


def test_renaming_an_entry_without_arxiv_id_updates_its_receipt_without_a_download(server, tmp_path):
    s = settings(server)
    url = f"{server.url}/pdf/1706.03762"
    run_job(Paper("mine", name="Old name", pdf_url=url, date="2017-06-12"), tmp_path, s)
    meta = run_job(Paper("mine", name="New name", pdf_url=url, date="2017-06-13"), tmp_path, s)
    assert meta["title"] == "New name" and meta["published"] == "2017-06-13"
    assert json.loads((tmp_path / "mine.meta.json").read_text())["title"] == "New name"
    assert len(server.requests_for("1706.03762", "pdf")) == 1


def test_a_failed_switch_keeps_the_pdf_fetched_before(server, tmp_path):
    s = settings(server)
    run_job(Paper("mine", pdf_url=f"{server.url}/pdf/1706.03762", date="2017-06-12"), tmp_path, s)
    meta = run_job(Paper("mine", pdf_url=f"{server.url}/pdf/1999.00000", date="2017-06-12"), tmp_path, s)
    assert meta["status"] == "failed" and meta["permanent"] is True
    assert (tmp_path / "mine.pdf").read_bytes() == PDF  # never deleted
    assert meta["kept_pdf"]["sha256"] == hashlib.sha256(PDF).hexdigest()


def test_atom_error_entry_is_permanent():
    feed = b"""<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/api/errors#incorrect_id_format_for_1234</id>
    <title>Error</title><summary>incorrect id format for 1234</summary></entry></feed>"""
    with pytest.raises(FetchError) as err:
        parse_atom_entry(feed, "1234.5678")
    assert err.value.permanent and "incorrect id format" in str(err.value)


def test_atom_with_entities_is_refused():
    """Untrusted XML: no DTD, no entity expansion (a billion laughs would take the job's memory)."""
    feed = b"""<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>
    <feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/abs/1234.56789v1</id><title>&b;</title></entry></feed>"""
    with pytest.raises(FetchError) as err:
        parse_atom_entry(feed, "1234.56789")
    assert not err.value.permanent and "refused" in str(err.value)


def test_local_pdf_path_entry(tmp_path):
    source = tmp_path / "paper.pdf"
    source.write_bytes(PDF)
    s = ArxivSettings(delay_seconds=0)
    paper = Paper(key="alexnet", arxiv_id=None, name="AlexNet", date="2012-06-01", pdf_path=str(source))
    meta = fetch_paper(paper, tmp_path / "raw", s)
    assert meta["status"] == "ok" and meta["title"] == "AlexNet" and meta["published"] == "2012-06-01"
    assert (tmp_path / "raw" / "alexnet.pdf").read_bytes() == PDF
    source.write_bytes(OTHER_PDF)  # the user replaced the file: copied again (Snakemake sees the input change)
    assert fetch_paper(paper, tmp_path / "raw", s)["sha256"] == hashlib.sha256(OTHER_PDF).hexdigest()


def test_connection_failures_say_what_happened(tmp_path):
    s = ArxivSettings(delay_seconds=0, retries=0, timeout_seconds=2)
    client = PoliteClient(s, tmp_path)
    with pytest.raises(FetchError, match=r"cannot resolve nowhere\.invalid"):
        client.get("http://nowhere.invalid/pdf/1", lambda r: None)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    with pytest.raises(FetchError, match="connection refused by 127.0.0.1"):
        client.get(f"http://127.0.0.1:{port}/pdf/1", lambda r: None)


def test_one_connection_at_a_time_across_processes(server, tmp_path):
    """arXiv's terms: while one job downloads, another job's request waits (delay 0 here, so only
    the connection rule holds it back)."""
    server.slow_seconds = 0.02
    big = b"%PDF-1.4\n" + b"z" * 120_000 + b"\n%%EOF\n"  # ~30 pieces of 4 KB: ~0.6 s
    server.add(FakePaper("1801.00001", "Slow", "2018-01-01", big))
    server.fault("1801.00001", "pdf", "slow")
    s = settings(server)
    results = {}

    def job(arxiv_id):
        results[arxiv_id] = run_job(Paper(arxiv_id, arxiv_id), tmp_path, s)

    threads = [threading.Thread(target=job, args=(i,)) for i in ("1801.00001", "1512.03385")]
    threads[0].start()
    time.sleep(0.05)
    threads[1].start()
    for t in threads:
        t.join(30)
    assert all(m["status"] == "ok" for m in results.values()), results
    reqs = sorted(server.requests_for(), key=lambda r: r.at)
    deadline = time.monotonic() + 5  # the server's handler thread stamps `ended` after the client let go
    while any(r.ended is None for r in reqs) and time.monotonic() < deadline:
        time.sleep(0.01)
    for a, b in zip(reqs, reqs[1:]):
        # each request starts after the previous one ended; the server stamps `ended` after its last
        # write returns, which under load can come a few ms after the client has read it and let go
        assert b.at >= a.ended - 0.05, (a, b)
