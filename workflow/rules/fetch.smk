rule fetch:
    """Metadata from the arXiv API and the PDF, politely. meta.json is the receipt: written last, it
    records source, sha256 and status, and also a failure (so the report can list it).

    Both outputs are update(): Snakemake does not delete them before the job (it backs them up and
    restores them if the job fails), so the job sees the previous receipt and PDF: a PDF the receipt
    vouches for is never downloaded again, and nothing fetched is lost.
    A failed transfer fails the job on attempts before the last and `retries:` runs it again; on the
    last attempt the job records the failure and writes an empty placeholder for a PDF it never got,
    so the run goes on and the report lists the paper. `refetch` (params) brings a failed paper back:
    a transient failure after arxiv.retry_failed_after_minutes, a permanent one when an `arxiv:`
    setting changes.
    """
    input:
        fetch_input,
    output:
        meta=update("data/raw/{paper}.meta.json"),
        pdf=update("data/raw/{paper}.pdf"),
    params:
        source=fetch_source,
        refetch=fetch_again,
    log:
        f"{LOGS}/fetch/{{paper}}.log",
    retries: FETCH_SETTINGS.retries
    resources:
        arxiv=1,
        # the job's attempt number (1, 2, ...): the script records the failure on the last one
        attempt=lambda wildcards, attempt: attempt,
    shell:
        '"$AICOMPUTE_PYTHON" -S "$AICOMPUTE_SCRIPTS/run.py" fetch.py --source {params.source:q} --refetch={params.refetch:q}'
        " --attempt {resources.attempt} --meta {output.meta:q} --log {log:q}"
