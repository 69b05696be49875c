"""Rule fetch: data/raw/{paper}.pdf + data/raw/{paper}.meta.json (the receipt)."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(snakemake.scriptdir).parent))  # workflow/: the aicompute package

from aicompute.arxiv import ArxivSettings, TryAgain, fetch_paper
from aicompute.config import Paper
from aicompute.jobs import setup_logging

log = setup_logging(snakemake.log[0])
meta_path = Path(snakemake.output.meta)
# How to fetch (delay, timeouts, retries, user agent) comes from the config; what decides whether a
# paper is fetched again is in params (source, refetch), where Snakemake watches it.
settings = ArxivSettings.from_config(snakemake.config.get("arxiv"))
try:
    meta = fetch_paper(
        Paper(**snakemake.params.source),
        raw_dir=meta_path.parent,
        settings=settings,
        attempt=int(snakemake.resources.attempt),
        rerun_token=snakemake.params.refetch,
        base_dir=Path.cwd(),
    )
except TryAgain as exc:
    # Expected, not a crash: Snakemake restores the previous outputs and runs the job again.
    log.warning("%s; Snakemake runs the job again", exc)
    sys.exit(f"aicompute: {exc}; Snakemake runs the job again")
log.info("%s: %s", meta["paper_id"], meta["status"] if meta["status"] == "ok" else meta["error"])
