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
    script:
        "../scripts/trend.py"
