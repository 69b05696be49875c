"""Batch mode (large runs: fetch, extract and estimate one job per batch of papers, config `batches`):
stable batches, the same results as the per-paper jobs (end to end, against the fake arXiv over real
HTTP), a new paper re-runs only its batch, and a paper that fails fails alone."""

from __future__ import annotations

import json
import random

import pytest

from aicompute.batches import MAX_FACTOR, plan_batches
from arxiv_server import FakeArxiv, FakePaper
from conftest import paper_lines, run_snakemake, simple_pdf, write_config
from test_reruns import planned, rows
from test_reruns import receipt as receipt_of

FAST = {"delay_seconds": 0.05, "retries": 1, "backoff_seconds": 0.1, "timeout_seconds": 2}
BATCHED = {"above_papers": 0, "papers": 2}  # batch mode for any run, ~2 papers a batch


def ids(n, seed=0):
    rng = random.Random(seed)
    return sorted({f"{rng.randint(12, 24):02d}{rng.randint(1, 12):02d}.{rng.randint(0, 99999):05d}" for _ in range(n)})


# ------------------------------------------------------------------------------- planning


def test_every_paper_is_in_one_batch_of_about_the_size_asked_whatever_the_order():
    keys = ids(5000)
    batches = plan_batches(keys, 25)
    assert sorted(k for ks in batches.values() for k in ks) == keys
    assert 5000 / 25 * 0.8 < len(batches) < 5000 / 25 * 1.2
    assert max(len(ks) for ks in batches.values()) <= MAX_FACTOR * 25
    assert plan_batches(list(reversed(keys)), 25) == batches
    assert all(name.isidentifier() or name.isalnum() for name in batches)  # part of a rule name


def test_adding_or_removing_a_paper_changes_only_the_batch_it_falls_into():
    keys = ids(2000, seed=1)
    before = plan_batches(keys, 25)
    for new in ids(40, seed=2):
        if new in keys:
            continue
        after = plan_batches(keys + [new], 25)
        changed = {n for n in set(before) | set(after) if before.get(n) != after.get(n)}
        # its batch, or the two it splits when its key ends a batch (a run cut at the size limit may
        # shift one more cut)
        assert 1 <= len(changed) <= 3, changed
        assert any(new in after.get(n, []) for n in changed)
    removed = plan_batches(keys[1:], 25)
    assert sum(before.get(n) != removed.get(n) for n in set(before) | set(removed)) <= 2


def test_the_config_read_with_libyaml_is_the_one_snakemake_reads(tmp_path):
    from snakemake.common import configfile as snakemake_configfile

    from aicompute.config import fast_yaml_configfile

    text = ("papers:\n" + "".join(f'  - arxiv: "{k}"\n' for k in ids(50)) +
            "  - {id: hand, name: 'A: paper', date: 2017-01-01, inputs: {chips: {value: 8, source: x}}}\n"
            "arxiv: {delay_seconds: 3.5, retries: 2}\nbatches: {above_papers: 0}\nempty:\nflag: yes\n")
    plain, tagged = tmp_path / "config.yaml", tmp_path / "tagged.yaml"
    plain.write_text(text)
    tagged.write_text(text + "pair: !!python/tuple [1, 2]\n")  # not for libyaml's safe loader: Snakemake's reads it
    expected = {p: snakemake_configfile.load_configfile(p) for p in (plain, tagged)}
    original = snakemake_configfile.load_configfile
    with fast_yaml_configfile():
        assert snakemake_configfile.load_configfile is not original  # (the directive looks it up when it runs)
        got = {p: snakemake_configfile.load_configfile(p) for p in (plain, tagged)}
    assert snakemake_configfile.load_configfile is original
    assert got == expected and got[tagged]["pair"] == (1, 2)


# ------------------------------------------------------------------------------- end to end

PAPERS = {
    "1807.00001": simple_pdf([paper_lines("Paper A")]),  # 8 P100 GPUs for 3.5 days
    "1807.00002": simple_pdf([paper_lines("Paper B", training="We trained our final model on 64 NVIDIA V100 GPUs for 12 days.")]),
    "1807.00003": simple_pdf([paper_lines("Paper C", training="Training took 5 days on 16 TPUv3 chips.")]),
    "1807.00004": b"<html><body>Not a PDF: a login page</body></html>\n" * 20,
    "1807.00005": simple_pdf([paper_lines("Paper E", training="The model was trained on 4 NVIDIA K80 GPUs for 2 weeks.")]),
}
LATE = "1807.00006"  # added to a finished batch-mode run


@pytest.fixture(scope="module")
def server():
    srv = FakeArxiv().start()
    for i, (key, pdf) in enumerate([*PAPERS.items(), (LATE, PAPERS["1807.00001"])]):
        srv.add(FakePaper(key, f"Paper {i}", f"2018-07-0{i + 1}", pdf))
    yield srv
    srv.stop()


def entries(keys):
    # and an entry without a PDF (values from the config only): extract and estimate only
    return [{"arxiv": k} for k in keys] + [{"id": "hand-entered", "name": "A paper without a PDF", "date": "2017-01-01",
                                               "inputs": {"total_training_flop": {"value": 1e21, "source": "a test"}}}]


# what differs between two runs of the same work: when and how fast, and which run fetched it
VOLATILE = {"total_seconds", "fetched_at", "retry_after", "run", "requests", "seconds", "elapsed_seconds", "generated_at",
            "metadata_request"}  # (which job made the shared metadata request depends on job order)


def stable(doc):
    if isinstance(doc, dict):
        return {k: stable(v) for k, v in doc.items() if k not in VOLATILE and not k.endswith("_seconds")}
    if isinstance(doc, list):
        return [stable(v) for v in doc]
    return doc


def outputs(workdir):
    got = {}
    for path in sorted((workdir / "data").rglob("*.json")):
        rel = str(path.relative_to(workdir))
        if "/logs/" not in rel and rel.endswith(("facts.json", "estimate.json", ".meta.json")):
            got[rel] = stable(json.loads(path.read_text()))
    return got


def test_batch_mode_gives_the_per_paper_results_and_a_failed_paper_fails_alone(server, tmp_path):
    per, batch = tmp_path / "per-paper", tmp_path / "batch"
    for workdir, extra in ((per, {}), (batch, {"batches": BATCHED})):
        workdir.mkdir()
        write_config(workdir, entries(PAPERS), server, arxiv=FAST, **extra)
    assert set(planned(per)) == {"fetch", "extract", "estimate", "collect", "trend", "plot", "report", "all"}
    jobs = planned(batch)
    names = plan_batches([*PAPERS, "hand-entered"], BATCHED["papers"])
    with_pdf = [n for n, keys in names.items() if set(keys) & set(PAPERS)]
    assert jobs == {**{f"fetch_{n}": 1 for n in with_pdf}, **{f"{s}_{n}": 1 for n in names for s in ("extract", "estimate")},
                    "collect": 1, "trend": 1, "plot": 1, "report": 1, "all": 1}
    assert len(names) < len(PAPERS) + 1  # some batch holds more than one paper

    run_snakemake(per)
    api_before = len(server.requests_for(endpoint="api"))
    run_snakemake(batch)  # every job succeeds although one paper's PDF is not a PDF
    # batch mode's fetch jobs share the run's metadata batches too: one API request for the 5 papers
    assert len(server.requests_for(endpoint="api")) - api_before == 1

    assert outputs(batch) == outputs(per)
    assert rows(batch) == rows(per)  # estimates.csv, row for row, in config order
    assert (batch / "data/processed/estimates.csv").read_text() == (per / "data/processed/estimates.csv").read_text()
    assert (batch / "reports/appendix.html").is_file()
    bad = json.loads((batch / "data/processed/1807.00004/facts.json").read_text())
    assert bad["status"] == "failed" and "PDF" in bad["error"]
    assert rows(batch)["1807.00004"]["status"].startswith(("extraction failed", "fetch failed"))
    assert all(rows(batch)[k]["status"] != rows(batch)["1807.00004"]["status"] for k in PAPERS if k != "1807.00004")
    # each batch's log names each of its papers' outcome
    for stage in ("fetch", "extract", "estimate"):
        logs = "".join(p.read_text() for p in (batch / f"data/processed/logs/{stage}").glob("batch-*.log"))
        for key in [*PAPERS, "hand-entered"] if stage != "fetch" else PAPERS:
            assert f"{key}: " in logs, (stage, key)
    assert planned(batch) == {}  # a finished run leaves nothing to do

    # one more paper: only the batches whose membership changed run again, and collect onward
    after = plan_batches([*PAPERS, "hand-entered", LATE], BATCHED["papers"])
    changed = {n for n in set(names) | set(after) if names.get(n) != after.get(n)}
    assert changed and len(changed) < len(after)
    write_config(batch, entries([*PAPERS, LATE]), server, arxiv=FAST, batches=BATCHED)
    jobs = planned(batch)
    assert {j for j in jobs if j.split("_")[0] in ("fetch", "extract", "estimate")} == \
        {f"{s}_{n}" for n in changed if n in after for s in ("fetch", "extract", "estimate")
         if s != "fetch" or set(after[n]) - {"hand-entered"}}
    before = {p: p.stat().st_mtime_ns for p in (batch / "data/processed").glob("*/facts.json")}
    run_snakemake(batch)
    rerun = {p.parent.name for p, t in before.items() if p.stat().st_mtime_ns != t}
    assert rerun == {k for n in changed for k in after.get(n, []) if k != LATE}
    assert rows(batch)[LATE]["status"] == rows(batch)["1807.00001"]["status"]
    assert planned(batch) == {}

    # a failed fetch's receipt stays declared: the command the summary prints for it re-runs its batch
    assert receipt_of(batch, "1807.00004")["status"] == "failed"
    forced = planned(batch, "--forcerun", "data/raw/1807.00004.meta.json")
    assert {j for j in forced if j.startswith("fetch_")} == \
        {f"fetch_{n}" for n, keys in after.items() if "1807.00004" in keys}

    # a batch job declares its manifest and, of its papers' files, the missing ones: a deleted file
    # re-runs its batch (only), and is made again
    gone = "1807.00002"
    its = next(n for n, keys in after.items() if gone in keys)
    (batch / f"data/processed/{gone}/facts.json").unlink()
    (batch / f"data/raw/{gone}.pdf").unlink()
    jobs = planned(batch)
    assert {j for j in jobs if j.split("_")[0] in ("fetch", "extract", "estimate")} == \
        {f"fetch_{its}", f"extract_{its}", f"estimate_{its}"}
    run_snakemake(batch)
    assert (batch / f"data/raw/{gone}.pdf").stat().st_size > 0
    assert json.loads((batch / f"data/processed/{gone}/facts.json").read_text())["status"] != "failed"
    manifest = json.loads((batch / f"data/processed/batches/extract-{its}.json").read_text())
    assert manifest["stage"] == "extract" and gone in manifest["papers"]
    assert planned(batch) == {}
