# AI and Compute, reproducibly: fetch -> extract -> estimate -> collect -> trend -> report.
# Run: snakemake --cores 8     Add a paper: one `- arxiv: "<id>"` line in config.yaml.
import sys
from pathlib import Path

from snakemake.utils import min_version

min_version("9.0")

sys.path.insert(0, str(Path(workflow.basedir) / "workflow"))  # the aicompute package
from aicompute.config import fast_yaml_configfile, yaml_syntax_error

# Snakemake's message for a YAML syntax error names neither the file nor the line: say both.
# (Files given with --configfile are parsed by Snakemake's command line before this line runs.)
if _yaml_problem := yaml_syntax_error("config.yaml"):
    sys.exit(f"config error: {_yaml_problem}")


# (read with libyaml: Snakemake's own YAML loader takes ~3 s on 10,000 papers; see fast_yaml_configfile)
with fast_yaml_configfile():

    configfile: "config.yaml"


include: "workflow/rules/common.smk"
include: "workflow/rules/fetch.smk"
include: "workflow/rules/extract.smk"
include: "workflow/rules/estimate.smk"
include: "workflow/rules/trend.smk"
include: "workflow/rules/report.smk"


# On a cluster these run on the submit host: fetching needs the internet (compute nodes often have
# none) and arXiv's one-connection rule holds per host; the aggregates are too small to ship.
localrules:
    all,
    fetch,
    collect,
    trend,
    plot,
    report,


rule all:
    input:
        "data/processed/estimates.csv",
        "data/processed/trend.json",
        "reports/appendix.html",
        # batch mode: a paper's file deleted after its batch ran (workflow/rules/common.smk, missing_files)
        missing_batch_files(),
    default_target: True



# The end of every run: a summary on the console (fetched, failed by cause, estimates, the report)
# from the receipts and estimates.csv (aicompute.summary). The fetch jobs learn this run's id from
# the environment (set before the first job starts): the receipts they write name it, and so do the
# shared records of unreachable hosts (a later run has another id and tries those hosts again).
RUN = {}
# A local run hands its per-paper jobs to a warm worker that imports the package once and forks a
# process per job (aicompute.worker; workflow/scripts/run.py): ~1 s less CPU per extract job. Not on
# a cluster, where the jobs run on their nodes.
WORKER = {}


onstart:
    from aicompute.arxiv import plan_metadata_batches
    from aicompute.summary import start_run

    start_run(RUN)
    # the arXiv ids this run's fetch jobs may ask metadata for: they share batch requests (aicompute.metadata_store)
    plan_metadata_batches("data/raw", RUN["id"], PAPERS.values(), FETCH_SETTINGS, workflow)
    if workflow.is_main_process and workflow.local_exec and not workflow.dryrun:
        from aicompute.worker import start, without_job_rate_limit

        WORKER["process"] = start(f"{LOGS}/worker.log")
        without_job_rate_limit(workflow)  # its timers re-run the scheduler tens of times a second


onsuccess:
    from aicompute.summary import print_summary
    from aicompute.worker import stop

    stop(WORKER.get("process"))

    if exit_code := print_summary(PAPERS.values(), RUN, succeeded=True):
        # Snakemake ignores what a handler returns; leaving from it is how a run that fetched nothing
        # exits non-zero (Snakemake's "Complete log" line would come after the handler).
        print(*(f"Complete log: {Path(p).resolve()}" for p in log or []), sep="\n", file=sys.stderr)
        sys.exit(exit_code)


onerror:
    from aicompute.summary import print_summary
    from aicompute.worker import stop

    stop(WORKER.get("process"))

    print_summary(PAPERS.values(), RUN, succeeded=False)
