# AI and Compute, reproducibly: fetch -> extract -> estimate -> collect -> trend -> report.
# Run: snakemake --cores 8     Add a paper: one `- arxiv: "<id>"` line in config.yaml.
from snakemake.utils import min_version

min_version("9.0")


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
    default_target: True
