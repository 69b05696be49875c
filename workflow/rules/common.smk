# Config validation, the paper list and helpers shared by the rule files.
import sys
from pathlib import Path

from snakemake.utils import validate

# The domain package lives in workflow/aicompute; importable here even without `pip install -e .`
# (rule scripts put workflow/ on their path themselves).
WORKFLOW_DIR = Path(workflow.basedir) / "workflow"
sys.path.insert(0, str(WORKFLOW_DIR))

from aicompute.config import ConfigError, validate_config
from aicompute.arxiv import retry_token
from aicompute.ids import PAPER_KEY_PATTERN
from aicompute.jobs import code_version

try:
    PAPERS = {p.key: p for p in validate_config(config, base_dir=Path.cwd())}
except ConfigError as exc:
    # One line naming the entry and the problem, before any job runs (no traceback: it is the user's
    # input, not our bug).
    sys.exit(f"config error: {exc}")
validate(config, schema="../schemas/config.schema.yaml")  # fills in the defaults

HARDWARE_TABLE = str(WORKFLOW_DIR / "data" / "hardware.csv")
OPENAI_REFERENCE = str(WORKFLOW_DIR / "data" / "openai_reference.csv")
LOGS = "data/processed/logs"

# Editing a module a script imports does not re-run its jobs by itself; a hash of the modules
# passed as a param does (Snakemake re-runs jobs whose params changed).
EXTRACT_CODE = code_version("pdftext", "quantities", "extract", "hardware")
ESTIMATE_CODE = code_version("estimate", "hardware", "units")

# At most this many fetch jobs at once (they mostly wait on the shared rate limit anyway); the
# rate limit itself is held by aicompute.ratelimit across processes.
if "arxiv" not in workflow.global_resources:
    workflow.register_resource("arxiv", 2)


wildcard_constraints:
    paper=PAPER_KEY_PATTERN,


def paper_of(wildcards):
    return PAPERS[wildcards.paper]


def documented(wildcards):
    """Inputs that exist only for papers with a PDF (arXiv, pdf_url or pdf_path)."""
    if paper_of(wildcards).has_document:
        return {"meta": f"data/raw/{wildcards.paper}.meta.json"}
    return {}


def fetch_source(paper):
    """What the fetch depends on (its params: a change re-fetches); name and date only matter to
    the receipt of entries without arXiv metadata."""
    keys = ("key", "arxiv_id") if paper.arxiv_id else ("key", "pdf_url", "pdf_path", "name", "date")
    return {k: v for k, v in paper.as_params().items() if k in keys and v is not None}


# The token is read once per run: Snakemake deletes meta.json before it runs the job and evaluates the
# params again then. Without the memo the job would record "" instead of the token it was scheduled
# with, and the next run would see the params change and fetch the paper once more.
_RETRY_TOKENS = {}


def fetch_retry_token(paper):
    if paper not in _RETRY_TOKENS:
        _RETRY_TOKENS[paper] = retry_token(Path(f"data/raw/{paper}.meta.json"), Path(f"data/raw/{paper}.pdf"))
    return _RETRY_TOKENS[paper]


def all_papers(pattern):
    return expand(pattern, paper=list(PAPERS))
