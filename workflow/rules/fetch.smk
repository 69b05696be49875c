rule fetch:
    """Metadata from the arXiv API and the PDF, politely. meta.json is the receipt: it is written last,
    records sha256 and status, and also records a failure (so the report can list it); a transient
    failure changes `retry_token`, which makes the next run fetch that paper again."""
    output:
        meta="data/raw/{paper}.meta.json",
    params:
        source=lambda w: fetch_source(paper_of(w)),
        retry_token=lambda w: fetch_retry_token(w.paper),
    log:
        f"{LOGS}/fetch/{{paper}}.log",
    resources:
        arxiv=1,
    script:
        "../scripts/fetch.py"
