rule trend:
    """Least squares on log10(FLOP) against decimal year over the window, bootstrap interval,
    Theil-Sen, all-papers fit and optional eras."""
    input:
        csv="data/processed/estimates.csv",
    output:
        trend="data/processed/trend.json",
    params:
        settings=config["trend"],
        code=rule_code("trend.py"),
    log:
        f"{LOGS}/trend.log",
    shell:
        '"$AICOMPUTE_PYTHON" -S "$AICOMPUTE_SCRIPTS/run.py" trend.py --csv {input.csv:q} --settings {params.settings:q}'
        " --output {output.trend:q} --log {log:q}"
