"""Batch mode's fetch: data/raw/{paper}.pdf + .meta.json for each paper of a batch (see fetch.smk).

Each paper is fetched by the function a per-paper fetch job calls (aicompute.arxiv.fetch_paper). A
failed transfer is tried again here (arxiv.retries, with fetch_paper's backoff) instead of failing
the job (as a per-paper job does for Snakemake's `retries:`): one paper must not fail its batch, and
a failed batch job would restore its other papers' files. The batch log has a line per paper."""
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(snakemake.scriptdir).parent))  # workflow/: the aicompute package

from aicompute.arxiv import ArxivSettings, TryAgain, fetch_paper
from aicompute.batches import for_each_paper, manifest
from aicompute.config import Paper
from aicompute.io import write_bytes_atomic, write_json_atomic
from aicompute.jobs import one_line, setup_logging

log = setup_logging(snakemake.log[0])
settings = ArxivSettings.from_config(json.loads(os.environ.get("AICOMPUTE_ARXIV_SETTINGS") or "null"))
sources, refetch = snakemake.params.sources, snakemake.params.refetch
raw_dir = Path(snakemake.params.raw_dir)


def fetch(key):
    for attempt in range(1, settings.attempts + 1):
        try:
            meta = fetch_paper(Paper(**sources[key]), raw_dir=raw_dir, settings=settings, attempt=attempt,
                               rerun_token=refetch.get(key, ""), base_dir=Path.cwd())
            break
        except TryAgain as exc:
            log.warning("%s; trying again", exc)
    return meta["status"] if meta["status"] == "ok" else f"failed: {meta['error']}"


def crashed(key, exc):
    """A bug, not a fetch failure (fetch_paper records those): the batch's other papers go on. A
    receipt from an earlier run is kept as it is (nothing fetched is lost); otherwise the paper gets
    a failed receipt and an empty PDF placeholder (its declared outputs), as a failed fetch does."""
    pdf, meta = raw_dir / f"{key}.pdf", raw_dir / f"{key}.meta.json"
    error = f"fetch error ({one_line(exc)}); see {snakemake.log[0]}"
    if meta.exists() and pdf.exists():
        return f"failed: {error} (the earlier receipt is kept)"
    if not pdf.exists():
        write_bytes_atomic(pdf, b"")
    write_json_atomic(meta, {
        "paper_id": key, "arxiv_id": sources[key].get("arxiv_id"), "source": None, "pdf_file": pdf.name,
        "status": "failed", "error": error, "permanent": False, "rerun_token": refetch.get(key, ""),
        "settings_digest": settings.digest()})
    return f"failed: {error}"


outcomes = for_each_paper(sources, fetch, log, on_crash=crashed)
log.info("batch: %d papers, %d fetched or cached, %d failed", len(outcomes),
         sum(o == "ok" for o in outcomes.values()), sum(o != "ok" for o in outcomes.values()))
# the batch is done: its manifest (the input of what comes next) is written last
write_json_atomic(snakemake.output.manifest, manifest(snakemake.output.manifest, "fetch", outcomes))
