"""Rule collect: data/processed/estimates.csv, one row per paper."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(snakemake.scriptdir).parent))  # workflow/: the aicompute package

from aicompute.estimate_stage import collect_estimates
from aicompute.jobs import setup_logging

log = setup_logging(snakemake.log[0])
# the inputs are the papers' estimate.json files, unnamed (workflow/rules/common.smk, paper_files);
# in batch mode the inputs are the batches' manifests and the params name the files
estimates = getattr(snakemake.params, "estimates", None) or snakemake.input
rows = collect_estimates([Path(p) for p in estimates], Path(snakemake.output.csv))
log.info("%d papers, %d with an estimate", len(rows), sum(r["compute_flop"] is not None for r in rows))
