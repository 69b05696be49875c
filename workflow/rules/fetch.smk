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


# Batch mode (common.smk, aicompute.batches): one fetch job per batch, writing each of its papers' PDF
# and receipt and then its manifest (declared: the manifest, and the papers' files that are missing,
# update() as above; common.smk, missing_files). The job fetches its papers one after another with
# the same function as a per-paper job; it tries a failed transfer again itself (arxiv.retries)
# instead of failing, so one paper never fails its batch: a failure ends in that paper's receipt.
# Params per paper as above: a changed source or a failed fetch due for another try re-runs the batch
# (the other papers' receipts still vouch for their PDFs: nothing else is downloaded).
for _batch, _keys in BATCHES.items():
    _docs = [k for k in _keys if PAPERS[k].has_document]
    if not _docs:
        continue

    rule:
        name:
            f"fetch_{_batch}"
        localrule: True
        input:
            [PAPERS[k].pdf_path for k in _docs if PAPERS[k].pdf_path],
        output:
            # first: Snakemake finds a file among a rule's outputs by going through them in order
            manifest=batch_manifest("fetch", _batch),
            # the papers' receipts and PDFs that are missing, and failed fetches' receipts (common.smk)
            meta=[update(f) for f in (*missing_files("fetch", _batch, "meta"), *failed_receipts(_batch))],
            pdf=[update(f) for f in missing_files("fetch", _batch, "pdf")],
        params:
            sources={k: source_params(PAPERS[k]) for k in _docs},
            raw_dir="data/raw",  # where the receipts and PDFs go
            refetch=lambda wildcards, keys=_docs: {k: t for k in keys if (t := batch_refetch(k))},
        log:
            f"{LOGS}/fetch/batch-{_batch}.log",
        resources:
            arxiv=1,
        script:
            "../scripts/fetch_batch.py"
