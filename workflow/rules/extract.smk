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


# Batch mode (common.smk, aicompute.batches): one extract job per batch, writing each of its papers'
# facts.json and then its manifest (declared: the manifest and the missing facts); the job extracts
# its papers one after another with the same function as a per-paper job (a paper's failure ends in
# its facts.json, as above). Its input is the fetch
# batch's manifest, written after the batch's PDFs and receipts (common.smk, batch_manifest).
for _batch, _keys in BATCHES.items():

    rule:
        name:
            f"extract_{_batch}"
        input:
            batch_inputs("fetch", _batch),  # the fetch batch's manifest, not its papers' files (common.smk)
            hardware=HARDWARE_TABLE,
        output:
            manifest=batch_manifest("extract", _batch),  # first: see fetch.smk
            facts=list(missing_files("extract", _batch, "facts")),  # those missing (common.smk)
        params:
            # key -> the config's date (wins over arXiv's, as in the estimate), and whether it has a PDF
            papers={k: {"date": PAPERS[k].date, "has_document": PAPERS[k].has_document} for k in _keys},
            facts=batch_files("extract", _batch, "facts"),  # key -> its facts.json
            code=rule_code("extract_batch.py"),
        # On a cluster a batch's extract and estimate are one job (a Slurm job costs seconds of submitting
        # and polling; each connected pair is its own group job). Local runs ignore groups.
        group:
            "batch"
        resources:
            runtime=max(10, len(_keys)),  # minutes (Slurm's time limit): ~1-5 s per paper, a paper-minute
        log:
            f"{LOGS}/extract/batch-{_batch}.log",
        script:
            "../scripts/extract_batch.py"
