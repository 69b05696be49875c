rule plot:
    """Compute against date (log scale), a marker per method, bounds, the fit with its band."""
    input:
        csv="data/processed/estimates.csv",
        trend="data/processed/trend.json",
    output:
        svg=report("reports/compute_trend.svg", caption="../report/trend.rst", category="Trend"),
    params:
        code=rule_code("plot.py"),
    log:
        f"{LOGS}/plot.log",
    shell:
        '"$AICOMPUTE_PYTHON" -S "$AICOMPUTE_SCRIPTS/run.py" plot.py --csv {input.csv:q} --trend {input.trend:q}'
        " --output {output.svg:q} --log {log:q}"


rule report:
    """reports/appendix.html: one self-contained page, every number with its origin."""
    input:
        # the per-paper files unnamed, each its own item (see paper_files); the script tells them apart
        # by name (estimate.json, facts.json). Batch mode: the batches' manifests (files in params)
        paper_files("data/processed/{paper}/estimate.json", "estimate"),
        paper_files("data/processed/{paper}/facts.json", "extract"),
        csv="data/processed/estimates.csv",
        trend="data/processed/trend.json",
        svg="reports/compute_trend.svg",
        hardware=HARDWARE_TABLE,
    output:
        html="reports/appendix.html",
    params:
        title=config["report"]["title"],
        settings=config,
        code=rule_code("report.py"),
        # batch mode: the papers' files (config order), whose batches' manifests are the inputs
        **paper_params(estimates="data/processed/{paper}/estimate.json",
                       facts="data/processed/{paper}/facts.json"),
    log:
        f"{LOGS}/report.log",
    script:
        "../scripts/report.py"
