"""Issue 14: an outage fails fast. A failure that is clearly the network (the name does not resolve,
the connection is refused) is not retried with backoff; after a few in a row against a host, no job of
the same run asks it again; a later run does. Real sockets and DNS, no mocks: `.invalid` never
resolves (RFC 2606) and a port nobody listens on refuses."""

from __future__ import annotations

import json
import socket
import time

import pytest

from aicompute.arxiv import ArxivSettings, FetchError, PoliteClient, fetch_paper
from aicompute.config import Paper
from aicompute.ratelimit import UNREACHABLE_AFTER, SharedRateLimiter
from arxiv_server import FakePaper

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n" + b"x" * 3000 + b"\ntrailer\n%%EOF\n"
# retries and backoff as a user has them: 4 retries from 5 s would take 75 s if they were used
SLOW_RETRIES = dict(retries=4, backoff_seconds=5, timeout_seconds=5, delay_seconds=0)


def closed_port() -> int:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now: connections are refused
    return port


def failure(client: PoliteClient, url: str) -> tuple[FetchError, float]:
    started = time.monotonic()
    with pytest.raises(FetchError) as err:
        client.get(url, lambda r: None)
    return err.value, time.monotonic() - started


@pytest.mark.parametrize("kind", ["unresolvable", "refused"])
def test_a_network_failure_is_not_retried(tmp_path, kind):
    url = "http://export.arxiv.invalid/api/query" if kind == "unresolvable" else f"http://127.0.0.1:{closed_port()}/api/query"
    client = PoliteClient(ArxivSettings(**SLOW_RETRIES), tmp_path, run_id="run-1")
    exc, seconds = failure(client, url)
    assert seconds < 2.0, f"{seconds:.1f} s: retried with backoff"
    assert client.requests_made == 1
    assert not exc.permanent and "gave up after" not in str(exc)
    expected = "cannot resolve export.arxiv.invalid (no network?)" if kind == "unresolvable" else "connection refused by 127.0.0.1:"
    assert exc.cause.startswith(expected) and str(exc).startswith(expected), str(exc)


def test_a_timeout_is_still_retried(tmp_path):
    """Not clearly the network (a slow server): retried as before."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)  # accepts connections, never answers
    try:
        client = PoliteClient(ArxivSettings(retries=1, backoff_seconds=0.05, timeout_seconds=0.3, delay_seconds=0),
                              tmp_path, run_id="run-1")
        exc, _ = failure(client, f"http://127.0.0.1:{listener.getsockname()[1]}/x")
        assert client.requests_made == 2 and "timed out" in str(exc)
    finally:
        listener.close()


def test_after_a_few_failures_in_a_row_the_run_stops_asking_the_host(tmp_path):
    """Jobs of one run are separate processes: each has its own client, they share data/raw/.locks."""
    url = "http://export.arxiv.invalid/api/query"
    settings = ArxivSettings(**SLOW_RETRIES)
    jobs = [PoliteClient(settings, tmp_path, run_id="run-1") for _ in range(UNREACHABLE_AFTER + 3)]
    causes = [failure(job, url)[0] for job in jobs]
    assert [job.requests_made for job in jobs] == [1] * UNREACHABLE_AFTER + [0] * 3
    for exc in causes[UNREACHABLE_AFTER:]:
        assert exc.cause == "cannot resolve export.arxiv.invalid (no network?)"
        assert f"not tried: the last {UNREACHABLE_AFTER} requests to export.arxiv.invalid in this run failed" in str(exc)
    # another host of the same run is asked as usual
    other = PoliteClient(settings, tmp_path, run_id="run-1")
    failure(other, "http://pdfs.arxiv.invalid/pdf/1")
    assert other.requests_made == 1
    # a later run tries the host again (and gives it up again after as many failures)
    later = PoliteClient(settings, tmp_path, run_id="run-2")
    failure(later, url)
    assert later.requests_made == 1
    state = json.loads((tmp_path / "export.arxiv.invalid.lock").read_text())
    assert state["unreachable"]["export.arxiv.invalid"]["run"] == "run-2"
    assert state["unreachable"]["export.arxiv.invalid"]["failures"] == 1


def test_an_answer_ends_the_count(fake_arxiv, tmp_path):
    """Failures must be in a row: any HTTP answer from the host (even an error) starts the count again."""
    fake_arxiv.add(FakePaper("1706.03762", "Attention", "2017-06-12", PDF))
    host = fake_arxiv.url.split("//", 1)[1]  # 127.0.0.1:port
    state = SharedRateLimiter(tmp_path / "arxiv.lock", 0, run_id="run-1")  # the state the jobs share
    for _ in range(UNREACHABLE_AFTER - 1):
        state.note_unreachable(host, f"connection refused by {host}")
    client = PoliteClient(ArxivSettings(api_url=fake_arxiv.api_url, pdf_url=fake_arxiv.pdf_url, delay_seconds=0),
                          tmp_path, run_id="run-1")
    client.get(fake_arxiv.pdf_url.replace("{id}", "1706.03762"), lambda r: r.content)
    assert "unreachable" in json.loads((tmp_path / "arxiv.lock").read_text())
    assert json.loads((tmp_path / "arxiv.lock").read_text())["unreachable"] == {}
    assert state.note_unreachable(host, f"connection refused by {host}") == 1
    assert state.unreachable(host) is None


def test_the_receipt_says_why_in_plain_words(tmp_path):
    settings = ArxivSettings(api_url="http://export.arxiv.invalid/api/query", pdf_url="http://arxiv.invalid/pdf/{id}",
                             **SLOW_RETRIES)
    receipts = [fetch_paper(Paper(key=i, arxiv_id=i), tmp_path, settings, client=PoliteClient(settings, tmp_path / ".locks", run_id="run-7"))
                for i in ("1706.03762", "1512.03385", "1409.1556", "1412.6980", "1406.2661")]
    assert all(r["status"] == "failed" and not r["permanent"] and r["run"] == "run-7" for r in receipts)
    assert {r["cause"] for r in receipts} == {"cannot resolve export.arxiv.invalid (no network?)"}
    assert [r["requests"] for r in receipts] == [1] * UNREACHABLE_AFTER + [0] * (len(receipts) - UNREACHABLE_AFTER)
    assert receipts[0]["error"].startswith("cannot resolve export.arxiv.invalid (no network?)")
    assert "not tried" in receipts[-1]["error"]
    assert all(r["retry_after"] for r in receipts)  # transient: a later run tries again (after the cool-down)


def test_a_request_that_never_reached_the_server_gives_its_slot_back(tmp_path):
    """arXiv's 3 s are between requests it receives: a name that does not resolve sent nothing, so the
    next job need not wait for it (an outage is found out in milliseconds, not 3 s per paper)."""
    settings = ArxivSettings(**{**SLOW_RETRIES, "delay_seconds": 3})
    started = time.monotonic()
    for _ in range(UNREACHABLE_AFTER):
        failure(PoliteClient(settings, tmp_path, run_id="run-1"), "http://export.arxiv.invalid/api/query")
    assert time.monotonic() - started < 2.5
    # a request that reached a server keeps its slot: the next one waits (here: the limiter alone)
    limiter = SharedRateLimiter(tmp_path / "plain.lock", 1.0, run_id="run-1")
    limiter.wait()
    assert limiter.wait() >= 0.9
