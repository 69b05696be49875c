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


# Batch mode (common.smk, aicompute.batches): one estimate job per batch, declaring each of its
# papers' estimate.json; the same function as a per-paper job, paper after paper. Its inputs are the
# facts (the receipts it also reads are the extract job's inputs: a new receipt re-runs the extract,
# whose new facts re-run this; 10,000 fewer files for Snakemake to plan).
for _batch, _keys in BATCHES.items():

    rule:
        name:
            f"estimate_{_batch}"
        input:
            paper_files(None, "extract", "facts", _keys),  # unnamed: see paper_files
            hardware=HARDWARE_TABLE,
            reference=OPENAI_REFERENCE,
        output:
            estimate=processed_files(_keys, "estimate.json"),
        params:
            papers=[PAPERS[k].as_params() for k in _keys],
            settings=config["estimate"],
            code=rule_code("estimate_batch.py"),
        log:
            f"{LOGS}/estimate/batch-{_batch}.log",
        script:
            "../scripts/estimate_batch.py"


rule collect:
    """One row per paper: data/processed/estimates.csv."""
    input:
        paper_files("data/processed/{paper}/estimate.json", "estimate", "estimate"),  # unnamed: see paper_files
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
