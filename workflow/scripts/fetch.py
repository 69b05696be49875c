"""Rule fetch: data/raw/{paper}.pdf + data/raw/{paper}.meta.json (the receipt).

Run by the rule's `shell:` as a plain Python program (see extract.py)."""
import argparse
import ast
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # workflow/: the aicompute package

from aicompute.arxiv import ArxivSettings, TryAgain, fetch_paper
from aicompute.config import Paper
from aicompute.jobs import setup_logging

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--source", required=True, help="the rule's params.source, a Python literal")
parser.add_argument("--refetch", default="", help="the rule's params.refetch")
parser.add_argument("--attempt", type=int, default=1, help="Snakemake's attempt number")
parser.add_argument("--meta", required=True)
parser.add_argument("--log", default="")
args = parser.parse_args()

log = setup_logging(args.log)
meta_path = Path(args.meta)
# How to fetch (delay, timeouts, retries, user agent) comes from the config (common.smk passes its
# `arxiv:` section in the environment); what decides whether a paper is fetched again is in params
# (source, refetch), where Snakemake watches it.
settings = ArxivSettings.from_config(json.loads(os.environ.get("AICOMPUTE_ARXIV_SETTINGS") or "null"))
try:
    meta = fetch_paper(
        Paper(**ast.literal_eval(args.source)),
        raw_dir=meta_path.parent,
        settings=settings,
        attempt=args.attempt,
        rerun_token=args.refetch,
        base_dir=Path.cwd(),
    )
except TryAgain as exc:
    # Expected, not a crash: Snakemake restores the previous outputs and runs the job again.
    log.warning("%s; Snakemake runs the job again", exc)
    sys.exit(f"aicompute: {exc}; Snakemake runs the job again")
log.info("%s: %s", meta["paper_id"], meta["status"] if meta["status"] == "ok" else meta["error"])
