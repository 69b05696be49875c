"""Interrupted runs: the whole `snakemake` process group is killed (SIGTERM, as Ctrl-C or a CI
timeout sends; SIGKILL, as the OOM killer does) while a PDF is half downloaded. The next run
resumes: it fetches the paper again, never uses the partial file, leaves no `.part` behind, and
the final PDF is byte for byte what the server sent."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import time

import pytest

from arxiv_server import FakeArxiv, FakePaper
from conftest import FILLER, paper_lines, report_failures, run_snakemake, simple_pdf, start_snakemake, write_config

PAPER = "1803.00001"
OTHER = "1803.00002"
# About 300 KB: at the "slow" pace (4 KB every 0.05 s) the transfer would take ~4 s
PDF = simple_pdf([paper_lines("Interrupted Paper")] + [[f"Appendix page {i}. {FILLER}"] * 50 for i in range(40)])


def wait_for(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture(scope="module", params=[signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"])
def interrupted(request, tmp_path_factory):
    sig = request.param
    tmp_path = tmp_path_factory.mktemp(f"interrupted_{sig.name}")
    server = FakeArxiv().start()
    server.add(FakePaper(PAPER, "Interrupted Paper", "2018-03-01", PDF))
    server.add(FakePaper(OTHER, "Other Paper", "2018-03-02", simple_pdf([paper_lines("Other Paper")])))
    server.fault(PAPER, "pdf", "slow")
    write_config(tmp_path, [{"arxiv": PAPER}, {"arxiv": OTHER}], server, arxiv={"delay_seconds": 0.1})
    raw = tmp_path / "data/raw"
    proc = start_snakemake(tmp_path)
    try:
        # a transfer in progress: a partial file (or, if downloads stopped being atomic, the final name)
        part = wait_for(lambda: [p for p in [*raw.glob(f".{PAPER}.pdf.*.part"), raw / f"{PAPER}.pdf"]
                                 if p.exists() and p.stat().st_size >= 16384], 60, "a half-downloaded PDF")[0]
        os.killpg(proc.pid, sig)
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    left = {
        "returncode": proc.returncode,
        "part_seen": part.name,
        "parts": {p.name: p.read_bytes() for p in raw.glob(".*.part")},
        "pdf_exists": (raw / f"{PAPER}.pdf").exists(),
        "meta_exists": (raw / f"{PAPER}.meta.json").exists(),
        "pdf_requests": len(server.requests_for(PAPER, "pdf")),
        "output": (tmp_path / "snakemake.out").read_text(),
        "locks": sorted(p.name for p in (tmp_path / ".snakemake/locks").glob("*")),
    }
    # The next run, as a user would start it (the server is healthy now). After SIGKILL, Snakemake
    # could not remove its lock: it refuses to start and says to run `snakemake --unlock` first.
    locked = None
    if sig == signal.SIGKILL:
        locked = run_snakemake(tmp_path, timeout=300, check=False)
        left["parts_after_locked_run"] = {p.name: p.read_bytes() for p in raw.glob(".*.part")}
        run_snakemake(tmp_path, "--unlock", timeout=120)
    second = run_snakemake(tmp_path, timeout=300, check=False)
    yield {"sig": sig, "workdir": tmp_path, "server": server, "left": left, "locked": locked, "second": second}
    server.stop()


def test_kill_leaves_no_pdf_under_its_final_name(interrupted):
    left = interrupted["left"]
    assert left["returncode"] != 0
    assert not left["pdf_exists"] and not left["meta_exists"]
    # the test really interrupted a transfer: the partial file is still there (the next run must not
    # use it) and it is a strict prefix of the PDF
    assert left["parts"], "no partial download left: the kill came too late to test anything"
    for name, data in left["parts"].items():
        assert name.startswith(f".{PAPER}.pdf.") and 0 < len(data) < len(PDF) and PDF.startswith(data)


def test_lock_after_the_kill(interrupted):
    """SIGTERM: Snakemake shuts down and removes its lock. SIGKILL: the lock stays, and the next run
    refuses to start with Snakemake's own message (run `snakemake --unlock`), touching nothing."""
    left = interrupted["left"]
    if interrupted["sig"] == signal.SIGTERM:
        assert left["locks"] == [] and interrupted["locked"] is None
        return
    assert left["locks"]
    locked = interrupted["locked"]
    out = locked.stdout + locked.stderr
    assert locked.returncode != 0 and "Directory cannot be locked" in out and "--unlock" in out
    assert left["parts_after_locked_run"] == left["parts"]  # nothing was started, nothing promoted


def test_next_run_resumes_and_the_pdf_is_exactly_what_was_served(interrupted):
    second, workdir, server = interrupted["second"], interrupted["workdir"], interrupted["server"]
    assert second.returncode == 0, (second.stdout + second.stderr)[-4000:]
    raw = workdir / "data/raw"
    meta = json.loads((raw / f"{PAPER}.meta.json").read_text())
    served = hashlib.sha256(PDF).hexdigest()
    assert meta["status"] == "ok" and meta["sha256"] == served and meta["bytes"] == len(PDF)
    assert hashlib.sha256((raw / f"{PAPER}.pdf").read_bytes()).hexdigest() == served
    # downloaded again from the start, not patched up from the partial file
    assert len(server.requests_for(PAPER, "pdf")) == interrupted["left"]["pdf_requests"] + 1
    assert list(raw.glob(".*.part")) == []
    html = (workdir / "reports/appendix.html").read_text()
    assert report_failures(html) == {}
    facts = json.loads((workdir / f"data/processed/{PAPER}/facts.json").read_text())
    assert facts["status"] == "ok" and facts["document"]["sha256"] == served
