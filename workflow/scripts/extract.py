"""Rule extract: data/processed/{paper}/facts.json from the fetched PDF."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(snakemake.scriptdir).parent))  # workflow/: the aicompute package

from aicompute.stages import extract_for_paper
from aicompute.jobs import setup_logging

log = setup_logging(snakemake.log[0])
facts = extract_for_paper(
    paper_id=snakemake.wildcards.paper,
    meta_path=Path(snakemake.input.meta) if "meta" in snakemake.input.keys() else None,
    hardware_path=Path(snakemake.input.hardware),
    output=Path(snakemake.output.facts),
    date=snakemake.params.date,  # the config's date wins over arXiv's, as in the estimate
)
log.info("%s: %s", snakemake.wildcards.paper, facts["status"] if facts["status"] != "failed" else facts["error"])
