rule extract:
    """Candidate facts (chips, chip model, duration, method-1 inputs) with page and sentence, and the
    values chosen for the paper's main training run."""
    input:
        unpack(documented),
        hardware=HARDWARE_TABLE,
    output:
        facts="data/processed/{paper}/facts.json",
    params:
        code=EXTRACT_CODE,
    log:
        f"{LOGS}/extract/{{paper}}.log",
    script:
        "../scripts/extract.py"
