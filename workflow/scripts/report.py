"""Rule report: reports/appendix.html."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(snakemake.scriptdir).parent))  # workflow/: the aicompute package

from aicompute.jobs import setup_logging
from aicompute.report.render import write_report

log = setup_logging(snakemake.log[0])
# in batch mode the inputs are the batches' manifests and the params name the papers' files
papers_files = [*getattr(snakemake.params, "estimates", []), *getattr(snakemake.params, "facts", [])] \
    or snakemake.input
write_report(
    csv_path=Path(snakemake.input.csv),
    trend_path=Path(snakemake.input.trend),
    svg_path=Path(snakemake.input.svg),
    # the papers' files are unnamed inputs (workflow/rules/common.smk, paper_files), in config order
    estimate_paths=[Path(p) for p in papers_files if Path(p).name == "estimate.json"],
    facts_paths=[Path(p) for p in papers_files if Path(p).name == "facts.json"],
    hardware_path=Path(snakemake.input.hardware),
    config=snakemake.params.settings,
    title=snakemake.params.title,
    output=Path(snakemake.output.html),
)
