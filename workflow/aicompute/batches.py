"""Batch mode for large runs: which papers share a job, and running one stage over a batch's papers.

Snakemake spends ~2.5 ms of CPU per job it plans; with three jobs per paper (fetch, extract,
estimate) a run of 10,000 papers takes over a minute to plan. Above `batches.above_papers` papers,
the three stages run one job per *batch* of papers instead (rules generated per batch in
workflow/rules/*.smk). Each such job writes its papers' files (the PDF, the receipt, facts.json,
estimate.json) and then its manifest (`manifest`), which is what the next stage takes as input; it
declares the manifest and only those of its papers' files that are missing (workflow/rules/common.smk,
missing_files), so a deleted file re-runs its batch.

Batches are stable: the papers are sorted by key and a batch ends after a key whose hash is 0 modulo
the expected batch size (content-defined boundaries; a run of keys without one is cut after
MAX_FACTOR times that size). Adding or removing a paper changes only the batch it falls into (or
splits or merges two when its key is a boundary), whatever the number of papers. A batch is named
after the hash of the key that ends it.

This module imports no stage (a rule's code version follows its script's imports: an edit of the
estimate must not re-run the extraction).
"""

from __future__ import annotations

import hashlib
import logging
import time
import traceback
from pathlib import Path
from typing import Any, Callable, Iterable

MANIFEST_SCHEMA = "aicompute.batch/1"
MAX_FACTOR = 4  # a run of keys without a boundary is cut after 4x the expected size
TAIL = "tail"  # the batch after the last boundary key


def _digest(key: str) -> str:
    return hashlib.blake2b(key.encode(), digest_size=8).hexdigest()


def plan_batches(keys: Iterable[str], papers_per_batch: int) -> dict[str, list[str]]:
    """{batch name: paper keys (sorted)}; about `papers_per_batch` papers per batch, stable under
    additions and removals (see the module's docstring). Names are identifiers' tails: [0-9a-f]{8} or
    'tail'."""
    size = max(1, int(papers_per_batch))
    batches: dict[str, list[str]] = {}
    current: list[str] = []
    for key in sorted(keys):
        current.append(key)
        digest = _digest(key)
        if int(digest, 16) % size == 0 or len(current) >= MAX_FACTOR * size:
            batches[digest[:8]] = current
            current = []
    if current:
        batches[TAIL] = current
    return batches


def batch_mode(n_papers: int, settings: dict[str, Any]) -> bool:
    """Whether a run of `n_papers` uses batch jobs (config `batches.above_papers`)."""
    return n_papers > int(settings.get("above_papers", 500))


def for_each_paper(keys: Iterable[str], work: Callable[[str], str], log: logging.Logger,
                   on_crash: Callable[[str, BaseException], str] | None = None) -> dict[str, str]:
    """Run `work(key)` for each paper of a batch; it returns the paper's outcome (one line), which the
    batch log records per paper. A paper whose work raises does not stop the others: its traceback
    goes to the log and `on_crash(key, exc)` records the failure in the paper's own output (as the
    per-paper job's stage function does) and returns the outcome line. {key: outcome}."""
    outcomes: dict[str, str] = {}
    for key in keys:
        started = time.perf_counter()
        try:
            outcome = work(key)
        except Exception as exc:  # noqa: BLE001 - one paper must not fail its batch
            log.error("%s: crashed:\n%s", key, traceback.format_exc())
            if on_crash is None:
                raise
            outcome = on_crash(key, exc)
        outcomes[key] = outcome
        log.info("%s: %s (%.2f s)", key, outcome, time.perf_counter() - started)
    return outcomes


def manifest(path: str | Path, stage: str, outcomes: dict[str, str]) -> dict[str, Any]:
    """A batch job's manifest (its file `path`, data/processed/batches/<stage>-<batch>.json):
    {schema, stage, batch, papers: {key: outcome}}. The job writes it last.

    The next stage's batch job and collect/report take the manifests as their inputs instead of the
    per-paper files: one file per batch for Snakemake to plan instead of 50-100 (each input file costs
    Snakemake work linear in its producer's size, see workflow/rules/common.smk). Of the per-paper
    files the job writes, it declares only those that are missing (common.smk, missing_files)."""
    batch = Path(path).stem.split("-", 1)[-1]
    return {"schema": MANIFEST_SCHEMA, "stage": stage, "batch": batch, "papers": outcomes}
