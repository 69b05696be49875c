"""Batch mode's extract: data/processed/{paper}/facts.json for each paper of a batch (see extract.smk).

Each paper is extracted by the function a per-paper extract job calls (aicompute.stages
.extract_for_paper: a failed fetch, an unusable PDF or an extraction bug ends in that paper's
facts.json). The batch log has a line per paper."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(snakemake.scriptdir).parent))  # workflow/: the aicompute package

from aicompute.batches import for_each_paper, manifest
from aicompute.io import write_json_atomic
from aicompute.jobs import one_line, setup_logging
from aicompute.stages import extract_for_paper, facts_stub

log = setup_logging(snakemake.log[0])
papers = snakemake.params.papers  # key -> {date, has_document}
outputs = {key: Path(f) for key, f in snakemake.params.facts.items()}  # (declared: the manifest, the missing ones)


def extract(key):
    facts = extract_for_paper(
        paper_id=key,
        meta_path=Path(f"data/raw/{key}.meta.json") if papers[key]["has_document"] else None,
        hardware_path=Path(snakemake.input.hardware),
        output=outputs[key],
        date=papers[key]["date"] or None,
    )
    return facts["status"] if facts["status"] != "failed" else f"failed: {facts['error']}"


def crashed(key, exc):
    facts = facts_stub(key, "failed", f"extraction error ({one_line(exc)}); see {snakemake.log[0]}")
    write_json_atomic(outputs[key], facts)
    return f"failed: {facts['error']}"


outcomes = for_each_paper(papers, extract, log, on_crash=crashed)
log.info("batch: %d papers, %d failed", len(outcomes), sum(o.startswith("failed") for o in outcomes.values()))
# the batch is done: its manifest (the input of what comes next) is written last
write_json_atomic(snakemake.output.manifest, manifest(snakemake.output.manifest, "extract", outcomes))
