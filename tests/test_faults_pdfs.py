"""Bad PDFs, end to end: generated in the test, served by the fake arXiv, run through `snakemake`.
Each is detected and reported per paper with a one-line reason, nothing crashes or hangs, and the
good papers still produce the report. A several-hundred-page PDF is extracted in bounded time and
memory (recorded in the test output)."""

from __future__ import annotations

import csv
import functools
import hashlib
import json
import subprocess
import sys
import time

import pytest

from arxiv_server import FakeArxiv, FakePaper
from conftest import (ROOT, TRAINING_SENTENCE, corrupt_pdf, image_only_pdf, matplotlib_pdf, paper_lines, record_measurement,
                      report_failures, run_snakemake, simple_pdf, write_config)

HUGE_PAGES = 400
HUGE_FACT_PAGE = 250  # past the first pages, within the 300 pages the cheap pass reads
HUGE_FILLER = "Each ablation used 4 GPUs and took 2 days of training with batch size 64 on the benchmark."
HUGE_FACT = "We trained our final model on 64 NVIDIA V100 GPUs for 12 days."
UNICODE_LINES = [
    "Ünïcödé títle: naïve café — “curly quotes” ‘single’ ﬁne-tuning ﬂoating-point",
    "We trained on ８ NVIDIA P100 GPUs for 3.5 days\u200b (fullwidth digit, zero-width space).",
    "RTL: שלום עולם  مرحبا بالعالم \u202eoverride\u202c",
    "Combining marks: e\u0301 a\u0308 Z\u0335\u0321a\u0336l\u0334g\u0338o",
    "CJK: 我们在八个GPU上训练 ＧＰＵ  emoji: \U0001F680\U0001F525",
    "Math: ∑ ∫ √ ≈ ≤ ≥ × 10¹⁹ FLOPs, 1 000 000 steps",
]


def _huge_pdf() -> bytes:
    pages = []
    for i in range(HUGE_PAGES):
        lines = [f"{i + 1} Section {i + 1}"] + [HUGE_FILLER] * 40
        if i + 1 == HUGE_FACT_PAGE:
            lines[20] = HUGE_FACT
        pages.append(lines)
    return simple_pdf(pages, columns=2, font_size=6)


def _cut_with_eof() -> bytes:
    whole = simple_pdf([paper_lines()] * 3)
    return whole[: len(whole) // 2] + b"\n%%EOF\n"  # passes the fetch checks, the body is broken


GOOD = simple_pdf([paper_lines("A Healthy Two-Column Paper")], columns=2)

# paper id: (title, how to make its PDF, fault script for the PDF, the extract/fetch outcome, words of the reason).
# The PDFs are made when a test first needs them, not at import (a worker that collects this module but
# runs others does not pay for matplotlib).
CASES = {
    "1802.00001": ("Healthy two-column paper", lambda: GOOD, [], "ok", None),
    "1802.00002": ("Corrupt", lambda: corrupt_pdf(seed=2), [], "extraction failed", "corrupt or truncated PDF"),
    "1802.00003": ("Encrypted", lambda: simple_pdf([paper_lines()], user_password="s3cret"), [], "extraction failed",
                   "encrypted PDF (password required)"),
    "1802.00004": ("Image only", lambda: image_only_pdf(paper_lines()), [], "extraction failed", "no text layer"),
    "1802.00005": ("Huge", _huge_pdf, [], "ok", None),
    "1802.00006": ("Ünïcödé 🚀 שלום", lambda: matplotlib_pdf(UNICODE_LINES * 4), [], "ok", None),
    "1802.00007": ("Truncated on the server", lambda: GOOD[: len(GOOD) // 2], [], "fetch failed", "PDF is incomplete"),
    "1802.00008": ("Cut short with a trailer", _cut_with_eof, [], "extraction failed", "corrupt or truncated PDF"),
    "1802.00009": ("Empty body", lambda: GOOD, ["empty"] * 3, "fetch failed", "empty body instead of a PDF"),
    "1802.00010": ("No pages", lambda: simple_pdf([]), [], "extraction failed", "corrupt or truncated PDF"),
}


@functools.cache
def pdf_of(paper: str) -> bytes:
    return CASES[paper][1]()


FAILED = [k for k, c in CASES.items() if c[3] != "ok"]


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    server = FakeArxiv().start()
    for arxiv_id, (title, _, faults, _, _) in CASES.items():
        server.add(FakePaper(arxiv_id, title, "2018-02-15", pdf_of(arxiv_id)))
        server.fault(arxiv_id, "pdf", *faults)
    workdir = tmp_path_factory.mktemp("pdf_faults")
    write_config(workdir, [{"arxiv": k} for k in CASES], server,
                 arxiv={"delay_seconds": 0.1, "retries": 2, "backoff_seconds": 0.1, "timeout_seconds": 5})
    started = time.monotonic()
    run_snakemake(workdir, timeout=400)
    seconds = time.monotonic() - started
    with open(workdir / "data/processed/estimates.csv", newline="") as fh:
        rows = {r["paper_id"]: r for r in csv.DictReader(fh)}
    facts = {k: json.loads((workdir / f"data/processed/{k}/facts.json").read_text()) for k in CASES}
    yield {"workdir": workdir, "rows": rows, "facts": facts, "seconds": seconds, "server": server,
           "html": (workdir / "reports/appendix.html").read_text(encoding="utf-8")}
    server.stop()


def test_run_finishes_in_bounded_time(run):
    assert run["seconds"] < 300


@pytest.mark.parametrize("paper", FAILED)
def test_bad_pdf_is_reported_with_a_one_line_reason(run, paper):
    stage, reason = CASES[paper][3], CASES[paper][4]
    status = run["rows"][paper]["status"]
    assert status.startswith(f"{stage}: ") and reason in status, status
    assert "\n" not in status and len(status) < 400
    listed = report_failures(run["html"])[paper]
    assert reason in listed and listed.count(f"{stage}:") == 1
    if stage == "extraction failed":  # the document was fetched whole; the reader said why it is unusable
        facts = run["facts"][paper]
        assert facts["status"] == "failed" and facts["error"].startswith("unusable PDF: ")
        raw = run["workdir"] / f"data/raw/{paper}.pdf"
        assert hashlib.sha256(raw.read_bytes()).hexdigest() == hashlib.sha256(pdf_of(paper)).hexdigest()
    else:  # never written under its final name: only the empty placeholder its receipt disowns
        assert (run["workdir"] / f"data/raw/{paper}.pdf").read_bytes() == b""
        assert json.loads((run["workdir"] / f"data/raw/{paper}.meta.json").read_text())["status"] == "failed"


def test_encrypted_pdf_is_really_encrypted():
    """The generated PDF is a real encrypted document (opens with its password, text readable), so
    the failure above is the encrypted path, not a parse error."""
    import pypdfium2 as pdfium

    data = pdf_of("1802.00003")
    with pytest.raises(pdfium.PdfiumError, match="password"):
        pdfium.PdfDocument(data)
    doc = pdfium.PdfDocument(data, password="s3cret")
    assert TRAINING_SENTENCE in doc[0].get_textpage().get_text_range().replace("\r\n", "\n").replace("\n", " ")
    assert TRAINING_SENTENCE.encode("latin-1") not in data  # the content streams are ciphertext


def test_image_only_pdf_has_pages_but_no_text():
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf_of("1802.00004"))
    assert len(doc) == 1 and doc[0].get_textpage().get_text_range().strip() == ""


def test_good_papers_still_estimated(run):
    for paper in ("1802.00001", "1802.00006"):
        row = run["rows"][paper]
        assert row["status"] == "ok", row["status"]
        assert float(row["chips"]) == 8 and float(row["training_hours"]) == pytest.approx(84)


def test_odd_unicode_survives_into_the_report(run):
    facts = run["facts"]["1802.00006"]
    assert facts["status"] == "ok" and facts["chosen"]["chips"]["page"] == 1
    html = run["html"]
    assert "Ünïcödé 🚀 שלום" in html  # the title, as UTF-8 text
    assert '<meta charset="utf-8">' in html


def test_huge_pdf_is_read_in_bounded_time(run, record_property):
    facts = run["facts"]["1802.00005"]
    doc = facts["document"]
    assert facts["status"] == "ok" and doc["pages"] == HUGE_PAGES
    assert doc["pages_read_cheaply"] <= 300 and len(doc["pages_read_carefully"]) <= 8
    chips = facts["chosen"]["chips"]
    assert chips["value"] == 64 and chips["page"] == HUGE_FACT_PAGE
    record_property("huge_pdf_extract_seconds", doc["total_seconds"])
    record_measurement(
        f"{HUGE_PAGES}-page PDF: extraction {doc['total_seconds']:.1f} s in the pipeline "
        f"(cheap pass {doc['cheap_seconds']:.1f} s, careful pass {doc['careful_seconds']:.1f} s)")
    assert doc["total_seconds"] < 120


def test_huge_pdf_memory_is_bounded(run, tmp_path, record_property):
    """The same extraction in a fresh process, for its peak memory (ru_maxrss) and time."""
    workdir = run["workdir"]
    code = (
        "import resource, sys, time, json; from pathlib import Path; "
        f"sys.path.insert(0, {str(ROOT / 'workflow')!r}); "
        "from aicompute.stages import extract_for_paper; "
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss; t = time.perf_counter(); "
        f"f = extract_for_paper('1802.00005', Path({str(workdir / 'data/raw/1802.00005.meta.json')!r}), "
        f"Path({str(ROOT / 'workflow/data/hardware.csv')!r}), Path({str(tmp_path / 'facts.json')!r})); "
        "print(json.dumps({'status': f['status'], 'seconds': time.perf_counter() - t, "
        "'before_mb': before / 1024, 'peak_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    stats = json.loads(proc.stdout.strip().splitlines()[-1])
    record_property("huge_pdf_peak_mb", round(stats["peak_mb"]))
    record_measurement(
        f"{HUGE_PAGES}-page PDF in a fresh process: {stats['seconds']:.1f} s, peak RSS {stats['peak_mb']:.0f} MB "
        f"({stats['before_mb']:.0f} MB before extraction)")
    assert stats["status"] == "ok"
    assert stats["peak_mb"] < 1024
