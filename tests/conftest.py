"""Shared fixtures: where ../shared is (tests needing it skip cleanly without it) and a fake arXiv."""

from __future__ import annotations

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
