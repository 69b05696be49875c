"""Rule fetch: data/raw/{paper}.pdf + data/raw/{paper}.meta.json (the receipt)."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(snakemake.scriptdir).parent))  # workflow/: the aicompute package

from aicompute.arxiv import ArxivSettings, fetch_paper
from aicompute.config import Paper
from aicompute.jobs import setup_logging

log = setup_logging(snakemake.log[0])
meta_path = Path(snakemake.output.meta)
meta = fetch_paper(
    Paper(**snakemake.params.source),
    raw_dir=meta_path.parent,
    settings=ArxivSettings.from_config(snakemake.config.get("arxiv")),
    token=snakemake.params.retry_token,
    base_dir=Path.cwd(),
)
log.info("%s: %s", meta["paper_id"], meta["status"] if meta["status"] == "ok" else meta["error"])
