"""Rule extract: data/processed/{paper}/facts.json from the fetched PDF.

Run by the rule's `shell:` as a plain Python program (not `script:`: a script job imports Snakemake
first, 0.25 s of CPU per job, and Snakemake reads the script's source for every job it plans)."""
import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # workflow/: the aicompute package

from aicompute.jobs import setup_logging
from aicompute.stages import extract_for_paper

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--paper", required=True)
parser.add_argument("--meta", default="", help="the fetch receipt; empty for a paper without a PDF")
parser.add_argument("--hardware", required=True)
parser.add_argument("--date", default="", help="the config's date (wins over arXiv's, as in the estimate)")
parser.add_argument("--output", required=True)
parser.add_argument("--log", default="")
args = parser.parse_args()

log = setup_logging(args.log)
facts = extract_for_paper(
    paper_id=args.paper,
    meta_path=Path(args.meta) if args.meta else None,
    hardware_path=Path(args.hardware),
    output=Path(args.output),
    date=args.date if args.date not in ("", "None") else None,
)
log.info("%s: %s", args.paper, facts["status"] if facts["status"] != "failed" else facts["error"])
