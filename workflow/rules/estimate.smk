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


# Batch mode (common.smk, aicompute.batches): one estimate job per batch, writing each of its papers'
# estimate.json and then its manifest (declared: the manifest and the missing ones); the same
# function as a per-paper job, paper after paper. Its input is the extract batch's manifest
# (common.smk): the facts and receipts it reads are written by the extract and fetch jobs before their
# manifests, so a new receipt re-runs the extract, whose new manifest re-runs this.
for _batch, _keys in BATCHES.items():

    rule:
        name:
            f"estimate_{_batch}"
        input:
            batch_inputs("extract", _batch),  # the extract batch's manifest, not its facts (common.smk)
            hardware=HARDWARE_TABLE,
            reference=OPENAI_REFERENCE,
        output:
            manifest=batch_manifest("estimate", _batch),  # first: see fetch.smk
            estimate=list(missing_files("estimate", _batch, "estimate")),  # those missing (common.smk)
        params:
            papers=[PAPERS[k].as_params() for k in _keys],
            settings=config["estimate"],
            estimates=batch_files("estimate", _batch, "estimate"),  # key -> its estimate.json
            code=rule_code("estimate_batch.py"),
        group:
            "batch"  # see extract.smk
        resources:
            runtime=max(5, len(_keys) // 5),  # minutes, as in extract.smk
        log:
            f"{LOGS}/estimate/batch-{_batch}.log",
        script:
            "../scripts/estimate_batch.py"


rule collect:
    """One row per paper: data/processed/estimates.csv."""
    input:
        paper_files("data/processed/{paper}/estimate.json", "estimate"),  # unnamed: see paper_files
    output:
        csv=report(
            "data/processed/estimates.csv",
            caption="../report/estimates.rst",
            category="Estimates",
        ),
    params:
        code=rule_code("collect.py"),
        **paper_params(estimates="data/processed/{paper}/estimate.json"),  # batch mode: see paper_params
    log:
        f"{LOGS}/collect.log",
    script:
        "../scripts/collect.py"
