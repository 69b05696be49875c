"""Rule trend: data/processed/trend.json."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(snakemake.scriptdir).parent))  # workflow/: the aicompute package

from aicompute.collect import read_csv
from aicompute.io import write_json_atomic
from aicompute.jobs import setup_logging
from aicompute.trend import fit_trend

log = setup_logging(snakemake.log[0])
trend = fit_trend(read_csv(Path(snakemake.input.csv)), snakemake.params.settings)
write_json_atomic(Path(snakemake.output.trend), trend)
log.info("n=%s doubling=%s months", trend["n"], trend["doubling_months"])
