"""Rule estimate: data/processed/{paper}/estimate.json."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(snakemake.scriptdir).parent))  # workflow/: the aicompute package

from aicompute.estimate_stage import estimate_for_paper
from aicompute.jobs import setup_logging

log = setup_logging(snakemake.log[0])
doc = estimate_for_paper(
    paper=snakemake.params.paper,
    meta_path=Path(snakemake.input.meta) if "meta" in snakemake.input.keys() else None,
    facts_path=Path(snakemake.input.facts),
    hardware_path=Path(snakemake.input.hardware),
    reference_path=Path(snakemake.input.reference),
    settings=snakemake.params.settings,
    output=Path(snakemake.output.estimate),
)
log.info("%s: %s (%s)", doc["paper_id"], doc["status"], doc["compute"].get("method"))
