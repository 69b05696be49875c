"""Rule plot: reports/compute_trend.svg."""
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(snakemake.scriptdir).parent))  # workflow/: the aicompute package

from aicompute.collect import read_csv
from aicompute.jobs import setup_logging
from aicompute.report.plot import write_trend_plot

log = setup_logging(snakemake.log[0])
trend = json.loads(Path(snakemake.input.trend).read_text())
write_trend_plot(read_csv(Path(snakemake.input.csv)), trend, Path(snakemake.output.svg))
