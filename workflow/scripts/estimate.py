"""Rule estimate: data/processed/{paper}/estimate.json.

Run by the rule's `shell:` as a plain Python program (see extract.py). The paper's config entry and
the estimate settings come as the rule's params, written as Python literals."""
import argparse
import ast
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # workflow/: the aicompute package

from aicompute.estimate_stage import estimate_for_paper
from aicompute.jobs import setup_logging

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--paper", required=True, help="the entry (Paper.as_params()), a Python literal")
parser.add_argument("--settings", required=True, help="config['estimate'], a Python literal")
parser.add_argument("--meta", default="", help="the fetch receipt; empty for a paper without a PDF")
parser.add_argument("--facts", required=True)
parser.add_argument("--hardware", required=True)
parser.add_argument("--reference", required=True)
parser.add_argument("--output", required=True)
parser.add_argument("--log", default="")
args = parser.parse_args()

log = setup_logging(args.log)
doc = estimate_for_paper(
    paper=ast.literal_eval(args.paper),
    meta_path=Path(args.meta) if args.meta else None,
    facts_path=Path(args.facts),
    hardware_path=Path(args.hardware),
    reference_path=Path(args.reference),
    settings=ast.literal_eval(args.settings),
    output=Path(args.output),
)
log.info("%s: %s (%s)", doc["paper_id"], doc["status"], doc["compute"].get("method"))
