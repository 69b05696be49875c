"""Shared fixtures: where ../shared is (tests needing it skip cleanly without it) and a fake arXiv."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
REFERENCE = SHARED / "reference"

sys.path.insert(0, str(ROOT / "workflow"))  # the package, even without `pip install -e .`
sys.path.insert(0, str(Path(__file__).resolve().parent))  # tests/arxiv_server.py

from arxiv_server import FakeArxiv  # noqa: E402


def needs_corpus() -> Path:
    if not (CORPUS / "pdfs").is_dir():
        pytest.skip("../shared/corpus is not here (it is the development set, not shipped with the project)")
    return CORPUS


def needs_reference() -> Path:
    if not REFERENCE.is_dir():
        pytest.skip("../shared/reference is not here")
    return REFERENCE


@pytest.fixture
def corpus() -> Path:
    return needs_corpus()


@pytest.fixture
def fake_arxiv():
    server = FakeArxiv().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def hw():
    """The shipped hardware table (for tests that run the extractor on sentences of their own)."""
    from aicompute.hardware import HardwareTable

    return HardwareTable.load()


def chosen_values(hw, texts, published, fields=("training_hours", "chips"), ranker="default") -> dict:
    """The values the extractor chooses from sentences of page 4's body, one Sentence per text."""
    from aicompute.extract import extract_from_sentences
    from aicompute.pdftext import Sentence

    sents = [Sentence(4, t, "text", "body", index=i) for i, t in enumerate(texts)]
    ch = extract_from_sentences(sents, hw, published, ranker=ranker)["chosen"]
    return {k: (ch.get(k) or {}).get("value") for k in fields}


def write_config(workdir: Path, papers: list[dict], server: FakeArxiv | None = None, **sections) -> Path:
    """A config.yaml in `workdir` whose arXiv endpoints point at the fake server."""
    import yaml

    config = {"papers": papers, **sections}
    if server is not None:
        arxiv = {"api_url": server.api_url, "pdf_url": server.pdf_url, "delay_seconds": 0.3, "retries": 2,
                 "backoff_seconds": 0.2, "timeout_seconds": 5, "user_agent": "aicompute-tests/1 (ci)"}
        arxiv.update(sections.get("arxiv", {}))
        config["arxiv"] = arxiv
    config.setdefault("trend", {"bootstrap_samples": 300})
    path = workdir / "config.yaml"
    path.write_text(yaml.safe_dump(config, sort_keys=False))
    return path


def run_snakemake(workdir: Path, *args: str, timeout: float = 600, check: bool = True):
    """`snakemake` as a user runs it (a real process), on the project's Snakefile, in `workdir`."""
    import os
    import subprocess

    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # as a user runs it
    cmd = [sys.executable, "-m", "snakemake", "--snakefile", str(ROOT / "Snakefile"), "--directory", str(workdir),
           "--cores", "2", *args]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)
    if check and proc.returncode != 0:
        raise AssertionError(f"snakemake failed ({proc.returncode}):\n{proc.stdout[-4000:]}\n{proc.stderr[-6000:]}")
    return proc


# Measurements worth seeing in every run (times, memory), printed in a section after the test summary.
# Under pytest-xdist they are recorded in a worker: each travels to the main process with the report of
# the test phase that recorded it.
MEASUREMENTS: list[str] = []
_REPORTED = 0  # how many of MEASUREMENTS went out with a report already


def record_measurement(text: str) -> None:
    MEASUREMENTS.append(text)


def pytest_terminal_summary(terminalreporter):
    reports = [r for reports in terminalreporter.stats.values() for r in reports
               if getattr(r, "when", None) and hasattr(r, "cpu_seconds")]
    measurements = [m for r in reports for m in getattr(r, "measurements", ())]
    if measurements:
        terminalreporter.section("measurements")
        for line in measurements:
            terminalreporter.write_line(line)
    top = terminalreporter.config.getoption("cpu_durations")
    if top is not None:
        _cpu_summary(terminalreporter, reports, top)


# ------------------------------------------------------------------ CPU time per test phase
# `pytest --cpu-durations=N`: like --durations, but with the CPU seconds (user + sys) each phase used,
# its own and that of the processes it started and waited for (the snakemake runs and their jobs).
# Wall time on a shared machine says how busy the others were; CPU time says what the test costs.

def pytest_addoption(parser):
    parser.addoption("--cpu-durations", type=int, default=None, metavar="N",
                     help="list the N test phases that used the most CPU (with their wall time); 0 for all")


def _cpu_now() -> float:
    import os

    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


_CPU_START = pytest.StashKey[float]()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item):
    item.stash[_CPU_START] = _cpu_now()
    yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    item.stash[_CPU_START] = _cpu_now()
    yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item):
    item.stash[_CPU_START] = _cpu_now()
    yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    global _REPORTED
    cpu = _cpu_now() - item.stash.get(_CPU_START, _cpu_now())
    outcome = yield
    report = outcome.get_result()
    # plain values: they travel with the report under xdist
    report.cpu_seconds = round(cpu, 3)
    report.measurements = MEASUREMENTS[_REPORTED:]
    _REPORTED = len(MEASUREMENTS)


def _cpu_summary(terminalreporter, reports, top: int) -> None:
    if not reports:
        return
    total_cpu = sum(r.cpu_seconds for r in reports)
    total_wall = sum(r.duration for r in reports)
    terminalreporter.section(f"CPU seconds per test phase (total {total_cpu:.1f} s CPU, {total_wall:.1f} s wall)")
    by_file: dict[str, list[float]] = {}
    for r in reports:
        acc = by_file.setdefault(r.nodeid.split("::")[0], [0.0, 0.0])
        acc[0] += r.cpu_seconds
        acc[1] += r.duration
    for r in sorted(reports, key=lambda r: -r.cpu_seconds)[: top or None]:
        terminalreporter.write_line(f"{r.cpu_seconds:8.2f}s cpu {r.duration:8.2f}s wall  {r.when:8s} {r.nodeid}")
    terminalreporter.write_line("per file:")
    for name, (cpu, wall) in sorted(by_file.items(), key=lambda kv: -kv[1][0]):
        terminalreporter.write_line(f"{cpu:8.2f}s cpu {wall:8.2f}s wall  {name}")


# ------------------------------------------------------------------ running under pytest-xdist
# `pytest` runs on 2 workers (pyproject's addopts: -n 2 --dist loadscope): each module runs on one
# worker, so a module's shared run (a module-scoped fixture) is made once. Two rules keep that honest:
#
# - What measures gaps or waits at the server, where another test's load would add scheduling jitter,
#   runs alone: inside `with alone():` (or in a test marked `exclusive`) no other test runs. Every test
#   holds a shared lock for its setup, call and teardown; `alone()` trades it for the exclusive lock.
#   A turnstile lock in front keeps a waiting exclusive section from being starved by shared ones.
# - The modules that run the pipeline go first, the longest first (xdist hands out modules in
#   collection order), so short unit-test modules fill the gaps at the end instead of a long run
#   starting last; the modules with a section that runs alone go before them, so that it waits for
#   no long test of the other worker. The order changes nothing that a test checks.

# Wall seconds per module run alone (Nov 2026), only for the order; unlisted modules keep theirs after these.
SLOW_MODULES = {
    "test_faults_ratelimit.py": 1000, "test_pipeline_e2e.py": 999,  # they have sections that run alone
    "test_reruns.py": 230, "test_faults_arxiv.py": 70, "test_slurm.py": 50, "test_faults_interrupt.py": 50,
    "test_faults_hostile.py": 36, "test_report_paste_e2e.py": 34, "test_faults_pdfs.py": 33,
    "test_faults_outage.py": 33, "test_faults_config.py": 30,
}

_XDIST_LOCKS: dict[str, object] = {}  # the open lock files while a test runs under xdist


def pytest_configure(config):
    config.addinivalue_line("markers", "exclusive: under pytest-xdist, run while no other test runs "
                                       "(the test measures times or gaps that another test's load would blur)")


def pytest_collection_modifyitems(session, config, items):
    if not hasattr(config, "workerinput"):
        return  # not an xdist worker: keep pytest's order
    items.sort(key=lambda item: -SLOW_MODULES.get(item.path.name, 0))  # stable: a module's tests keep their order


def _take(exclusive: bool) -> None:
    import fcntl

    fcntl.flock(_XDIST_LOCKS["gate"], fcntl.LOCK_EX)  # in turn: an exclusive section waiting here holds back new tests
    try:
        fcntl.flock(_XDIST_LOCKS["lock"], fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
    finally:
        fcntl.flock(_XDIST_LOCKS["gate"], fcntl.LOCK_UN)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    if not hasattr(item.config, "workerinput") or not item.config.option.basetemp:
        yield
        return
    base = Path(item.config.option.basetemp).parent  # the run's temporary directory, shared by the workers
    _XDIST_LOCKS.update(gate=open(base / "tests.gate", "a"), lock=open(base / "tests.lock", "a"))
    try:
        _take(exclusive=item.get_closest_marker("exclusive") is not None)
        yield
    finally:
        for fh in _XDIST_LOCKS.values():
            fh.close()  # closing releases the lock
        _XDIST_LOCKS.clear()


@contextlib.contextmanager
def alone():
    """The block runs while no other test runs (under pytest-xdist; without it, nothing else does)."""
    import fcntl

    if not _XDIST_LOCKS:
        yield
        return
    fcntl.flock(_XDIST_LOCKS["lock"], fcntl.LOCK_UN)  # first let go: two sections waiting must not deadlock
    _take(exclusive=True)
    try:
        yield
    finally:
        fcntl.flock(_XDIST_LOCKS["lock"], fcntl.LOCK_UN)  # let go before queueing at the gate (no deadlock)
        _take(exclusive=False)


def start_snakemake(workdir: Path, *args: str, log_path: Path | None = None):
    """Like run_snakemake, but returns the running process (in its own process group, so a test can
    interrupt the whole run as a user's Ctrl-C or a killed CI job would: os.killpg(proc.pid, sig))."""
    import os
    import subprocess

    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    cmd = [sys.executable, "-m", "snakemake", "--snakefile", str(ROOT / "Snakefile"), "--directory", str(workdir),
           "--cores", "2", *args]
    with open(log_path or (workdir / "snakemake.out"), "w") as out:  # the child keeps its own copy
        return subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True)


def report_failures(html: str) -> dict[str, str]:
    """The report's "Papers without a usable estimate" list: {paper_id: the item's text}."""
    import re
    from html import unescape

    section = html.split('id="failed"', 1)[1].split("<h2", 1)[0] if 'id="failed"' in html else ""
    items = re.findall(r'<li><a href="#paper-([^"]+)">(.*?)</li>', section, flags=re.S)
    return {unescape(pid): " ".join(unescape(re.sub(r"<[^>]+>", "", body)).split()) for pid, body in items}


# ------------------------------------------------------------------ generated PDFs (fault tests)
# Written here, byte by byte or with matplotlib/Pillow, so the tests need no corpus and no binary files.

# The sentence the extractor should find in a healthy generated paper: 8 P100 GPUs for 3.5 days.
TRAINING_SENTENCE = "We trained the base model on one machine with 8 NVIDIA P100 GPUs for 3.5 days."
FILLER = ("The model is an encoder and a decoder with attention; the results on the test set are in the table below, "
          "and the ablations in the appendix.")


def paper_lines(title: str = "A Generated Paper", training: str = TRAINING_SENTENCE, n: int = 36) -> list[str]:
    """One page of a plausible paper: a title, an introduction and the training statement twice."""
    import textwrap

    body = textwrap.wrap(" ".join([FILLER] * 4), 95)
    lines = [title, "", "1 Introduction"] + body + ["", "2 Training"] + textwrap.wrap(training + " " + FILLER, 95)
    lines += textwrap.wrap(training, 95) + [""] + textwrap.wrap(" ".join([FILLER] * 6), 95)
    return lines[:n] if len(lines) > n else lines


_PDF_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for b in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(b ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def simple_pdf(pages: list[list[str]], columns: int = 1, font_size: int = 10, user_password: str | None = None) -> bytes:
    """A text PDF written by hand (Helvetica, one content stream per page, a correct xref table): fast
    enough for hundreds of pages. `columns=2` sets each page in two columns. With `user_password`
    the PDF is really encrypted (standard security handler, revision 2, RC4 40-bit: the content
    streams are ciphertext, /Encrypt in the trailer), so it opens only with that password."""
    import hashlib

    def esc(text: str) -> bytes:
        return text.encode("latin-1", "replace").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")

    objs: dict[int, bytes] = {}
    page_ids = [4 + 2 * i for i in range(len(pages))]
    objs[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objs[2] = b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % p for p in page_ids) + b"] /Count %d >>" % len(pages)
    objs[3] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    streams: dict[int, bytes] = {}
    for pid, lines in zip(page_ids, pages):
        half = (len(lines) + 1) // 2
        cols = [lines] if columns == 1 else [lines[:half], lines[half:]]
        ops = []
        for c, col in enumerate(cols):
            ops.append(b"BT /F1 %d Tf %d TL %d 740 Td" % (font_size, font_size + 3, 56 + c * 270))
            ops += [b"(" + esc(line) + b") Tj T*" for line in col]
            ops.append(b"ET")
        streams[pid + 1] = b"\n".join(ops)
        objs[pid] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                     b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (pid + 1))
    doc_id = hashlib.md5(repr(pages).encode()).digest()
    encrypt_ref = b""
    if user_password is not None:  # PDF 1.7 spec, 7.6.3: algorithms 2, 3 and 4 (R=2)
        owner_key = hashlib.md5(_PDF_PAD).digest()[:5]  # empty owner password
        user_padded = (user_password.encode("latin-1") + _PDF_PAD)[:32]
        o_value = _rc4(owner_key, user_padded)
        permissions = -44
        key = hashlib.md5(user_padded + o_value + permissions.to_bytes(4, "little", signed=True) + doc_id).digest()[:5]
        u_value = _rc4(key, _PDF_PAD)
        enc_id = 4 + 2 * len(pages)
        objs[enc_id] = (b"<< /Filter /Standard /V 1 /R 2 /O <" + o_value.hex().encode() + b"> /U <"
                        + u_value.hex().encode() + b"> /P %d >>" % permissions)
        encrypt_ref = b" /Encrypt %d 0 R" % enc_id
        for num in streams:  # algorithm 1: a key per object
            streams[num] = _rc4(hashlib.md5(key + num.to_bytes(3, "little") + b"\0\0").digest()[:10], streams[num])
    for num, data in streams.items():
        objs[num] = b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"
    trailer = b"/ID [<%s> <%s>]" % (doc_id.hex().encode(), doc_id.hex().encode()) + encrypt_ref
    return serialize_pdf(objs, trailer)


def serialize_pdf(objs: dict[int, bytes], trailer_extra: bytes = b"") -> bytes:
    """Numbered objects (1 = the catalog) as a PDF file with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num in sorted(objs):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objs[num] + b"\nendobj\n"
    size = max(objs) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    out += b"".join(b"%010d 00000 n \n" % offsets.get(num, 0) for num in range(1, size))
    out += b"trailer\n<< /Size %d /Root 1 0 R " % size + trailer_extra + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def matplotlib_pdf(lines: list[str], fontsize: float = 9) -> bytes:
    """One page of text through matplotlib's PDF backend (embedded TrueType subset, ToUnicode map):
    the way to get arbitrary unicode into a PDF's text layer."""
    import io
    import warnings

    from matplotlib.figure import Figure  # no pyplot: no global backend state

    fig = Figure(figsize=(8.5, 11))
    fig.text(0.06, 0.96, "\n".join(lines), va="top", ha="left", fontsize=fontsize)
    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # glyphs DejaVu lacks (emoji, CJK) are drawn as boxes: fine here
        fig.savefig(buf, format="pdf")
    return buf.getvalue()


def image_only_pdf(lines: list[str]) -> bytes:
    """A scanned-looking page: the text rendered into a bitmap, saved as a PDF with no text layer."""
    import io

    from PIL import Image, ImageDraw

    img = Image.new("L", (1275, 1650), 255)
    draw = ImageDraw.Draw(img)
    for k, line in enumerate(lines):
        draw.text((90, 90 + 36 * k), line, fill=0)
    buf = io.BytesIO()
    img.save(buf, "PDF", resolution=150)
    return buf.getvalue()


def corrupt_pdf(seed: int = 0, size: int = 20_000) -> bytes:
    """Random bytes between a %PDF- header and a %%EOF trailer: passes the fetch checks, opens nowhere."""
    import random

    rng = random.Random(seed)
    return b"%PDF-1.5\n" + bytes(rng.getrandbits(8) for _ in range(size)) + b"\n%%EOF\n"


def tokens_feature_rows(*texts, sections=None) -> dict:
    """The learned choice's feature rows of the tokens-or-examples candidates read from sentences of page 5
    (``sections``: index -> section name), keyed by value."""
    from aicompute import sizes_ranker as sr
    from aicompute.pdftext import Sentence
    from aicompute.sizes import _choose_sizes

    sents = [Sentence(5, t, "text", (sections or {}).get(i, "body"), index=i) for i, t in enumerate(texts)]
    best, all_c = _choose_sizes(sents, None, False, rules_only=True)
    cs = all_c["tokens_or_examples"]
    stats = sr.field_stats(cs, sr.sentence_sets(all_c))
    return {c.value: sr.features(c, cs, best["tokens_or_examples"], 5, stats) for c in cs}
