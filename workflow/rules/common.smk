# Config validation, the paper list and helpers shared by the rule files.
import functools
import json
import os
import sys
from pathlib import Path

# The domain package lives in workflow/aicompute; importable here even without `pip install -e .`
# (rule scripts put workflow/ on their path themselves).
WORKFLOW_DIR = Path(workflow.basedir) / "workflow"
sys.path.insert(0, str(WORKFLOW_DIR))

from aicompute.arxiv import ArxivSettings, refetch_token, source_of
from aicompute.batches import batch_mode, plan_batches
from aicompute.config import ConfigError, validate_config
from aicompute.ids import PAPER_KEY_PATTERN
from aicompute.io import read_json
from aicompute.jobs import code_version

try:
    # Validates against workflow/schemas/config.schema.yaml, fills in its defaults (the one place
    # they live) and checks what a schema cannot (utilization bounds, real and ordered dates).
    PAPERS = {p.key: p for p in validate_config(config, base_dir=Path.cwd())}
except ConfigError as exc:
    # One line naming the entry and the problem, before any job runs (no traceback: it is the user's
    # input, not our bug).
    sys.exit(f"config error: {exc}")

HARDWARE_TABLE = str(WORKFLOW_DIR / "data" / "hardware.csv")
OPENAI_REFERENCE = str(WORKFLOW_DIR / "data" / "openai_reference.csv")
LOGS = "data/processed/logs"
FETCH_SETTINGS = ArxivSettings.from_config(config["arxiv"])

# Batch mode (aicompute.batches): above `batches.above_papers` papers, fetch, extract and estimate run
# one job per stable batch of about `batches.papers` papers (rules generated per batch in the rule
# files, each declaring every per-paper file it writes): Snakemake's cost per planned job, not our
# code, is what makes 10,000 papers in three jobs each slow to plan. Smaller runs: a job per paper.
BATCH_MODE = batch_mode(len(PAPERS), config["batches"])
BATCHES = plan_batches(PAPERS, config["batches"]["papers"]) if BATCH_MODE else {}

# The per-paper rules (fetch, extract, estimate) are `shell:` jobs that run their script with this
# Python: a `script:` job costs ~0.3 s more CPU (the job imports Snakemake; Snakemake reads the
# script for every job it plans). The interpreter and the scripts' folder come from the environment
# so that the command Snakemake records (its `code` rerun trigger) does not name this machine's paths.
# The fetch settings go the same way: they say how to fetch, not what (params say that).
os.environ.update({  # (set, not read: `snakemake --lint` would take os.environ[...] for a read)
    "AICOMPUTE_PYTHON": sys.executable,
    "AICOMPUTE_SCRIPTS": str(WORKFLOW_DIR / "scripts"),
    "AICOMPUTE_ARXIV_SETTINGS": json.dumps(config["arxiv"], default=str),
})

# Editing a module that a rule's script imports does not re-run the rule by itself (Snakemake
# watches the script only). Each rule gets, as a param, a hash of every package file its script
# imports, found by following the imports (no hand-kept list), plus the data files and templates
# those modules name: an edit re-runs exactly the rules that use the edited file. Not `fetch`: a
# fetched PDF stays the paper's PDF whatever the fetch code (its receipt says how it was fetched);
# `snakemake --forcerun fetch` re-runs it (nothing is downloaded again).
@functools.lru_cache(maxsize=None)  # (batch mode asks once per batch)
def rule_code(script):
    return code_version(WORKFLOW_DIR / "scripts" / script)


# At most this many fetch jobs at once: they mostly wait on the shared rate limit (one connection
# to arXiv at a time, aicompute.ratelimit) anyway.
if "arxiv" not in workflow.global_resources:
    workflow.register_resource("arxiv", 2)


wildcard_constraints:
    # in batch mode the per-paper rules match no file (the batch rules make them)
    paper=PAPER_KEY_PATTERN if not BATCH_MODE else "(?!)",


def paper_of(wildcards):
    return PAPERS[wildcards.paper]


def receipt(wildcards):
    """The fetch receipt, for papers with a PDF (arXiv, pdf_url or pdf_path); nothing otherwise."""
    if paper_of(wildcards).has_document:
        return {"meta": f"data/raw/{wildcards.paper}.meta.json"}
    return {}


def document(wildcards):
    """The receipt and the PDF (declared, so a cluster job gets it staged) for papers with a PDF."""
    if paper_of(wildcards).has_document:
        return {**receipt(wildcards), "pdf": f"data/raw/{wildcards.paper}.pdf"}
    return {}


def fetch_source(wildcards):
    """What the fetch depends on (its params: a change re-fetches): the paper's source; name and
    date only matter to the receipt of entries without arXiv metadata."""
    return source_params(paper_of(wildcards))


def source_params(paper):
    keys = ("key", "arxiv_id") if paper.arxiv_id else ("key", "pdf_url", "pdf_path", "name", "date")
    return {k: v for k, v in paper.as_params().items() if k in keys and v is not None}


_NOTED = set()


def _note_if_the_retry_is_ignored(key):
    """`--rerun-triggers mtime` (which Snakemake suggests after code or params changes) ignores
    params, so a failed fetch that is due for another try would never get it: say so, with the
    command that tries it. (Called while the DAG is built: the triggers are not known at parse time.)"""
    from snakemake.settings.enums import RerunTrigger

    triggers = getattr(workflow.dag_settings, "rerun_triggers", None)
    if triggers is None or RerunTrigger.PARAMS in triggers or key in _NOTED:
        return
    _NOTED.add(key)
    meta = read_json(f"data/raw/{key}.meta.json")
    if meta and meta.get("status") == "failed" and refetch_token(meta, FETCH_SETTINGS) != meta.get("rerun_token", ""):
        print(f"note: the fetch of {key} failed and is due for another try, which --rerun-triggers without "
              f"'params' ignores; to try it: snakemake --forcerun data/raw/{key}.meta.json", file=sys.stderr)


def fetch_input(wildcards):
    """A pdf_path entry's file is an input of its fetch: editing the file copies it again."""
    paper = paper_of(wildcards)
    _note_if_the_retry_is_ignored(paper.key)
    return [paper.pdf_path] if paper.pdf_path else []


def fetch_again(wildcards):
    """'' for a paper fetched (or never tried); otherwise see aicompute.arxiv.refetch_token."""
    return refetch_of(wildcards.paper)


def refetch_of(key):
    return refetch_token(read_json(f"data/raw/{key}.meta.json"), FETCH_SETTINGS)


def all_papers(pattern):
    return expand(pattern, paper=list(PAPERS))



# Batch mode's files. Each batch job writes its papers' files (as a per-paper job does) and then, last,
# a manifest (aicompute.batches.manifest): what comes next takes the manifests as its inputs, one file
# per batch, not the 50-100 per-paper files. Snakemake's planning work per declared file is linear in
# its producer's size (it looks an input up among its producer's outputs, or matches it against
# them, and checks that it is not also one of the producer's inputs) and costs ~0.2 ms per output
# file even so: 40,000 per-paper outputs and 60,000 inputs were most of a 10,000-paper plan.
# A batch job declares its manifest and, of its papers' files, those missing although the manifest
# exists (missing_files), which the target `all` asks for: Snakemake re-runs the batch that makes a
# deleted file (and what follows) and checks that the job makes it, as for any missing output. (Not
# the consumers: a changed set of input files is a rerun trigger, and after that rerun the set would
# change back and trigger another; `all` has no outputs, so nothing is recorded for it.) Collect and
# report get every paper's files as params (config order).
BATCH_FILES = {  # stage: {output name: the paper's file}
    "fetch": {"meta": "data/raw/{paper}.meta.json", "pdf": "data/raw/{paper}.pdf"},
    "extract": {"facts": "data/processed/{paper}/facts.json"},
    "estimate": {"estimate": "data/processed/{paper}/estimate.json"},
}


def batch_manifest(stage, batch):
    return f"data/processed/batches/{stage}-{batch}.json"


def batch_papers(stage, batch):
    """The papers whose files a batch's `stage` job writes (fetch: those with a PDF)."""
    return [k for k in BATCHES[batch] if stage != "fetch" or PAPERS[k].has_document]


def batch_files(stage, batch, name):
    """{paper key: its file `name`} of a batch's `stage` job (a param of the job: where to write)."""
    return {k: BATCH_FILES[stage][name].format(paper=k) for k in batch_papers(stage, batch)}


@functools.lru_cache(maxsize=None)
def missing_files(stage, batch, name):
    """The batch's files `name` that are missing although its `stage` manifest (written after them)
    exists: declared outputs of the batch job and inputs of their consumers. None on a first run: the
    job runs anyway (no manifest), and makes them all."""
    if not os.path.exists(batch_manifest(stage, batch)):
        return ()
    return tuple(f for f in batch_files(stage, batch, name).values() if not os.path.exists(f))


def batch_inputs(stage, batch):
    """A batch job's input from the stage before: that stage's manifest."""
    return [batch_manifest(stage, batch)] if batch_papers(stage, batch) else []  # (no PDF: no fetch job)


def missing_batch_files():
    """Every batch's missing files (see missing_files): inputs of `rule all`. None in per-paper mode."""
    return [f for stage, names in BATCH_FILES.items() for batch in BATCHES for name in names
            for f in missing_files(stage, batch, name)]


@functools.lru_cache(maxsize=None)
def batch_receipt(key):
    """A paper's receipt, read once by a batch-mode plan (failed_receipts, batch_refetch)."""
    return read_json(f"data/raw/{key}.meta.json")


def failed_receipts(batch):
    """The receipts of the batch's failed fetches: declared outputs of its fetch job (besides the
    missing files), so that `--forcerun data/raw/<paper>.meta.json`, the command the run's summary
    prints for them, re-runs the batch. (Few: failures; none before the batch's first run.)"""
    if not os.path.exists(batch_manifest("fetch", batch)):
        return []
    return [f for k, f in batch_files("fetch", batch, "meta").items()
            if (batch_receipt(k) or {}).get("status") == "failed" and os.path.exists(f)]


def batch_refetch(key):
    """A paper's refetch token in a batch's params (only the non-empty ones are listed)."""
    _note_if_the_retry_is_ignored(key)
    return refetch_token(batch_receipt(key), FETCH_SETTINGS)


def paper_files(pattern, stage):
    """The inputs for reading every paper's `pattern` file, which `stage` makes: the files (config
    order) for the per-paper rules; in batch mode, the stage's batch manifests (paper_params gives
    every paper's file then). Give them to `input:` unnamed:
    Snakemake treats a named list as one item, and then neither finds the producing rule from it
    nor avoids hashing the whole list once per file."""
    if not BATCH_MODE:
        return expand(pattern, paper=list(PAPERS))
    return [f for batch in BATCHES for f in batch_inputs(stage, batch)]


def paper_params(**patterns):
    """Batch mode: {name: a function giving every paper's file `pattern` (config order)} for `params:`
    (a function: Snakemake would format each string of a list); nothing in per-paper mode, whose
    inputs are the files themselves (and whose params, a rerun trigger, stay as they were)."""
    if not BATCH_MODE:
        return {}
    return {name: (lambda wildcards, pattern=pattern: [pattern.format(paper=k) for k in PAPERS])
            for name, pattern in patterns.items()}
