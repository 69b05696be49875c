"""Rule plot: reports/compute_trend.svg.

Run by the rule's `shell:` as a plain Python program (see trend.py): the run's warm worker has
matplotlib imported by the time this job comes (aicompute.worker.PRELOAD_WHEN_IDLE)."""
import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # workflow/: the aicompute package

from aicompute.collect import read_csv
from aicompute.jobs import setup_logging
from aicompute.report.plot import write_trend_plot

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--csv", required=True, help="data/processed/estimates.csv")
parser.add_argument("--trend", required=True, help="data/processed/trend.json")
parser.add_argument("--output", required=True)
parser.add_argument("--log", default="")
args = parser.parse_args()

log = setup_logging(args.log)
trend = json.loads(Path(args.trend).read_text())
write_trend_plot(read_csv(Path(args.csv)), trend, Path(args.output))
