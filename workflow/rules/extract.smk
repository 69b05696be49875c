rule extract:
    """Candidate facts (chips, chip model, duration, method-1 inputs) with page and sentence, and the
    values chosen for the paper's main training run."""
    input:
        unpack(document),
        hardware=HARDWARE_TABLE,
    output:
        facts="data/processed/{paper}/facts.json",
    params:
        # chip variants are picked for the date the estimate uses (config date over arXiv's v1 date)
        date=lambda w: paper_of(w).date,
        meta=lambda w: receipt(w).get("meta", ""),
        code=rule_code("extract.py"),
    log:
        f"{LOGS}/extract/{{paper}}.log",
    shell:
        '"$AICOMPUTE_PYTHON" -S "$AICOMPUTE_SCRIPTS/run.py" extract.py --paper {wildcards.paper:q} --meta={params.meta:q}'
        " --hardware {input.hardware:q} --date={params.date:q} --output {output.facts:q} --log {log:q}"
