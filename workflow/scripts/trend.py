"""Rule trend: data/processed/trend.json.

Run by the rule's `shell:` as a plain Python program (see extract.py): through the run's warm worker
it starts in milliseconds, and the summary steps run one after another on the run's critical path.
The trend settings come as the rule's params, written as a Python literal."""
import argparse
import ast
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # workflow/: the aicompute package

from aicompute.collect import read_csv
from aicompute.io import write_json_atomic
from aicompute.jobs import setup_logging
from aicompute.trend import fit_trend

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--csv", required=True, help="data/processed/estimates.csv")
parser.add_argument("--settings", required=True, help="config['trend'], a Python literal")
parser.add_argument("--output", required=True)
parser.add_argument("--log", default="")
args = parser.parse_args()

log = setup_logging(args.log)
trend = fit_trend(read_csv(Path(args.csv)), ast.literal_eval(args.settings))
write_json_atomic(Path(args.output), trend)
log.info("n=%s doubling=%s months", trend["n"], trend["doubling_months"])
