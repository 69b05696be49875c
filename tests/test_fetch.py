"""The arXiv client against a real HTTP server on 127.0.0.1 (tests/arxiv_server.py)."""

from __future__ import annotations

import json
import time

import pytest

from aicompute.arxiv import ArxivSettings, FetchError, fetch_paper, parse_atom_entry, parse_retry_after, retry_token
from aicompute.config import Paper
from arxiv_server import FakePaper

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n" + b"x" * 5000 + b"\ntrailer\n%%EOF\n"


def settings(server, **overrides) -> ArxivSettings:
    base = dict(api_url=server.api_url, pdf_url=server.pdf_url, delay_seconds=0.0, timeout_seconds=2,
                retries=2, backoff_seconds=0.05, max_retry_after_seconds=5, user_agent="aicompute-tests/1")
    base.update(overrides)
    return ArxivSettings(**base)


@pytest.fixture
def server(fake_arxiv):
    fake_arxiv.add(FakePaper("1706.03762", "Attention Is All You Need", "2017-06-12", PDF, version="v7"))
    fake_arxiv.add(FakePaper("1512.03385", "Deep Residual Learning", "2015-12-10", PDF))
    return fake_arxiv


def fetch(server, tmp_path, arxiv_id="1706.03762", **overrides):
    paper = Paper(key=arxiv_id.replace("/", "_"), arxiv_id=arxiv_id)
    return fetch_paper(paper, tmp_path, settings(server, **overrides))


def test_fetches_metadata_and_pdf(server, tmp_path):
    meta = fetch(server, tmp_path)
    assert meta["status"] == "ok"
    assert meta["title"] == "Attention Is All You Need"
    assert meta["published"] == "2017-06-12"
    assert meta["version"] == "v7"
    assert (tmp_path / "1706.03762.pdf").read_bytes() == PDF
    on_disk = json.loads((tmp_path / "1706.03762.meta.json").read_text())
    assert on_disk["sha256"] == meta["sha256"] and on_disk["bytes"] == len(PDF)
    assert server.requests_for("1706.03762", "api") and server.requests_for("1706.03762", "pdf")
    assert not list(tmp_path.glob(".*.part"))


def test_cached_paper_is_not_downloaded_again(server, tmp_path):
    fetch(server, tmp_path)
    before = len(server.requests_for())
    meta = fetch(server, tmp_path)
    assert meta["status"] == "ok"
    assert len(server.requests_for()) == before


def test_receipt_lost_pdf_kept_only_metadata_refetched(server, tmp_path):
    fetch(server, tmp_path)
    (tmp_path / "1706.03762.meta.json").unlink()
    fetch(server, tmp_path)
    assert len(server.requests_for("1706.03762", "pdf")) == 1  # the complete PDF was reused


def test_user_agent_and_pinned_version(server, tmp_path):
    meta = fetch(server, tmp_path, arxiv_id="1706.03762v5")
    assert meta["status"] == "ok" and meta["version"] == "v5"
    assert server.requests_for("1706.03762", "pdf")[0].path.endswith("/pdf/1706.03762v5")
    assert (tmp_path / "1706.03762v5.pdf").exists()


def test_503_then_ok_is_retried(server, tmp_path):
    server.fault("1706.03762", "pdf", "503", "503")
    meta = fetch(server, tmp_path)
    assert meta["status"] == "ok"
    assert len(server.requests_for("1706.03762", "pdf")) == 3


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
    assert meta["status"] == "failed" and meta["permanent"] is False
    assert "3600" in meta["error"]


def test_persistent_503_gives_a_transient_failure_then_next_run_retries(server, tmp_path):
    server.fault("1706.03762", "pdf", "503", "503", "503")
    meta = fetch(server, tmp_path)
    assert meta["status"] == "failed" and meta["permanent"] is False
    assert "503" in meta["error"] and "3 attempts" in meta["error"]
    assert not (tmp_path / "1706.03762.pdf").exists()
    token = retry_token(tmp_path / "1706.03762.meta.json", tmp_path / "1706.03762.pdf")
    assert token.startswith("transient failure")
    # the next run (Snakemake re-runs the job because the token changed) succeeds
    meta = fetch_paper(Paper("1706.03762", "1706.03762"), tmp_path, settings(server), token=token)
    assert meta["status"] == "ok"
    assert retry_token(tmp_path / "1706.03762.meta.json", tmp_path / "1706.03762.pdf") == token  # stable now


def test_404_is_permanent_and_not_retried(server, tmp_path):
    server.fault("1706.03762", "pdf", "404")
    meta = fetch(server, tmp_path)
    assert meta["status"] == "failed" and meta["permanent"] is True
    assert len(server.requests_for("1706.03762", "pdf")) == 1
    assert retry_token(tmp_path / "1706.03762.meta.json", tmp_path / "1706.03762.pdf") == ""


def test_unknown_id_is_an_empty_feed(server, tmp_path):
    meta = fetch(server, tmp_path, arxiv_id="1901.99999")
    assert meta["status"] == "failed" and meta["permanent"] is True
    assert "no paper 1901.99999" in meta["error"]
    assert not server.requests_for("1901.99999", "pdf")


def test_withdrawn_paper(server, tmp_path):
    server.fault("1706.03762", "api", "withdrawn")
    meta = fetch(server, tmp_path)
    assert meta["status"] == "failed" and meta["permanent"] is True and "withdrawn" in meta["error"]


def test_html_instead_of_pdf_is_retried_then_reported(server, tmp_path):
    server.fault("1706.03762", "pdf", "html", "html", "html")
    meta = fetch(server, tmp_path)
    assert meta["status"] == "failed" and meta["permanent"] is False
    assert "text/html instead of a PDF" in meta["error"]
    assert not (tmp_path / "1706.03762.pdf").exists() and not list(tmp_path.glob(".*.part"))


def test_reset_mid_body_is_retried(server, tmp_path):
    server.fault("1706.03762", "pdf", "reset")
    meta = fetch(server, tmp_path)
    assert meta["status"] == "ok"
    assert (tmp_path / "1706.03762.pdf").read_bytes() == PDF


def test_truncated_pdf_is_never_kept(server, tmp_path):
    server.fault("1706.03762", "pdf", "truncated", "truncated", "truncated")
    meta = fetch(server, tmp_path)
    assert meta["status"] == "failed" and "incomplete" in meta["error"]
    assert not (tmp_path / "1706.03762.pdf").exists()


def test_hung_connection_times_out(server, tmp_path):
    server.fault("1706.03762", "pdf", "hang", "hang")
    started = time.time()
    meta = fetch(server, tmp_path, timeout_seconds=0.5, retries=1)
    assert time.time() - started < 5
    assert meta["status"] == "failed" and "timed out" in meta["error"] and meta["permanent"] is False


def test_oversized_pdf_is_permanent(server, tmp_path):
    meta = fetch(server, tmp_path, max_pdf_megabytes=0.001)
    assert meta["status"] == "failed" and meta["permanent"] is True and "larger than" in meta["error"]


def test_failed_refetch_keeps_the_good_pdf(server, tmp_path):
    fetch(server, tmp_path)
    pdf = tmp_path / "1706.03762.pdf"
    pdf.unlink()  # the user deleted it: the token asks for a re-fetch
    token = retry_token(tmp_path / "1706.03762.meta.json", pdf)
    assert token.startswith("PDF missing")
    server.fault("1706.03762", "pdf", "404")
    meta = fetch_paper(Paper("1706.03762", "1706.03762"), tmp_path, settings(server), token=token)
    assert meta["status"] == "failed"


def test_retry_after_parsing():
    assert parse_retry_after("120") == 120
    assert parse_retry_after(None) is None and parse_retry_after("soon") is None
    assert 9 <= parse_retry_after("Wed, 21 Oct 2015 07:28:10 GMT", now=1445412480.0) <= 11


def test_atom_error_entry_is_permanent():
    feed = b"""<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/api/errors#incorrect_id_format_for_1234</id>
    <title>Error</title><summary>incorrect id format for 1234</summary></entry></feed>"""
    with pytest.raises(FetchError) as err:
        parse_atom_entry(feed, "1234.5678")
    assert err.value.permanent and "incorrect id format" in str(err.value)


def test_local_pdf_path_entry(tmp_path):
    source = tmp_path / "paper.pdf"
    source.write_bytes(PDF)
    meta = fetch_paper(Paper(key="alexnet", arxiv_id=None, name="AlexNet", date="2012-06-01", pdf_path=str(source)),
                       tmp_path / "raw", ArxivSettings(delay_seconds=0))
    assert meta["status"] == "ok" and meta["title"] == "AlexNet" and meta["published"] == "2012-06-01"
    assert (tmp_path / "raw" / "alexnet.pdf").read_bytes() == PDF
