# The token is read once per run: Snakemake deletes meta.json before it runs the job and evaluates the
# params again then. Without the memo the job would record "" instead of the token it was scheduled
# with, and the next run would see the params change and fetch the paper once more.
_RETRY_TOKENS = {}


def fetch_retry_token(paper):
    if paper not in _RETRY_TOKENS:
        _RETRY_TOKENS[paper] = retry_token(Path(f"data/raw/{paper}.meta.json"), Path(f"data/raw/{paper}.pdf"))
    return _RETRY_TOKENS[paper]


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
