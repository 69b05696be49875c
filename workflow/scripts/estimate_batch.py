"""Batch mode's estimate: data/processed/{paper}/estimate.json for each paper of a batch (see
estimate.smk), each by the function a per-paper estimate job calls (aicompute.estimate_stage
.estimate_for_paper: an estimate that fails ends in the paper's estimate.json). The batch log has a
line per paper."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(snakemake.scriptdir).parent))  # workflow/: the aicompute package

from aicompute.batches import for_each_paper, manifest
from aicompute.config import Paper
from aicompute.estimate_stage import estimate_for_paper, failed_estimate
from aicompute.io import read_json, write_json_atomic
from aicompute.jobs import one_line, setup_logging

log = setup_logging(snakemake.log[0])
papers = {p["key"]: p for p in snakemake.params.papers}
outputs = {key: Path(f) for key, f in snakemake.params.estimates.items()}  # (declared: the manifest, the missing ones)


def receipt(key):
    """The fetch receipt of a paper with a PDF (as the per-paper rule's input); None otherwise."""
    return Path(f"data/raw/{key}.meta.json") if Paper(**papers[key]).has_document else None


def estimate(key):
    doc = estimate_for_paper(
        paper=papers[key],
        meta_path=receipt(key),
        facts_path=Path(f"data/processed/{key}/facts.json"),
        hardware_path=Path(snakemake.input.hardware),
        reference_path=Path(snakemake.input.reference),
        settings=snakemake.params.settings,
        output=outputs[key],
    )
    return f"{doc['status']} ({doc['compute'].get('method')})"


def crashed(key, exc):
    meta = read_json(receipt(key)) if receipt(key) else None
    doc = failed_estimate(papers[key], meta, f"estimate error ({one_line(exc)}); see {snakemake.log[0]}")
    write_json_atomic(outputs[key], doc)
    return doc["status"]


outcomes = for_each_paper(papers, estimate, log, on_crash=crashed)
# the batch is done: its manifest (the input of what comes next) is written last
write_json_atomic(snakemake.output.manifest, manifest(snakemake.output.manifest, "estimate", outcomes))
