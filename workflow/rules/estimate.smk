rule estimate:
    """Both methods (counting operations, GPU time), bounds, the consistency check, the chosen figure
    and OpenAI's published figure where the paper is in its set."""
    input:
        unpack(receipt),
        facts="data/processed/{paper}/facts.json",
        hardware=HARDWARE_TABLE,
        reference=OPENAI_REFERENCE,
    output:
        estimate="data/processed/{paper}/estimate.json",
    params:
        paper=lambda w: paper_of(w).as_params(),
        settings=config["estimate"],
        code=rule_code("estimate.py"),
        meta=lambda w: receipt(w).get("meta", ""),
    log:
        f"{LOGS}/estimate/{{paper}}.log",
    shell:
        '"$AICOMPUTE_PYTHON" -S "$AICOMPUTE_SCRIPTS/run.py" estimate.py --paper {params.paper:q} --settings {params.settings:q}'
        " --meta={params.meta:q} --facts {input.facts:q} --hardware {input.hardware:q}"
        " --reference {input.reference:q} --output {output.estimate:q} --log {log:q}"


rule collect:
    """One row per paper: data/processed/estimates.csv."""
    input:
        estimates=all_papers("data/processed/{paper}/estimate.json"),
    output:
        csv=report(
            "data/processed/estimates.csv",
            caption="../report/estimates.rst",
            category="Estimates",
        ),
    params:
        code=rule_code("collect.py"),
    log:
        f"{LOGS}/collect.log",
    script:
        "../scripts/collect.py"
