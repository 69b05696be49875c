"""End to end: snakemake fetches real corpus PDFs over real HTTP from a local server playing arXiv,
extracts, estimates, fits and renders, in a temporary directory; then a paper is added."""

from __future__ import annotations

import csv
import json
import re

import pytest

from arxiv_server import corpus_papers
from conftest import alone, needs_corpus, run_snakemake, write_config

PAPERS = ["1706.03762", "1409.1556", "1412.6980"]
LOCAL = "dropout-by-url"  # an entry without arXiv id, fetched from its pdf_url


def read_rows(workdir):
    with open(workdir / "data/processed/estimates.csv", newline="") as fh:
        return {r["paper_id"]: r for r in csv.DictReader(fh)}


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory):
    corpus = needs_corpus()
    from arxiv_server import FakeArxiv

    server = FakeArxiv(corpus_papers(corpus, PAPERS + ["1810.04805", "1207.0580"])).start()
    workdir = tmp_path_factory.mktemp("pipeline")
    papers = [
        {"arxiv": "1706.03762", "name": "Transformer"},
        {"arxiv": "1409.1556", "name": "VGG", "inputs": {
            "multiply_adds_per_forward": {"value": 16e9, "source": "OpenAI appendix"},
            "examples": {"value": 1.2e6, "source": "OpenAI appendix"},
            "epochs": {"value": 74, "source": "OpenAI appendix"}}},
        {"arxiv": "1412.6980", "name": "Adam"},
        {"id": "alphago-zero", "name": "AlphaGo Zero", "date": "2017-10-19",
         "inputs": {"total_training_flop": {"value": 1.609e23, "source": "OpenAI chart"}}},
        {"arxiv": "1901.99999", "name": "Does not exist"},
        {"id": LOCAL, "name": "Dropout (by URL)", "date": "2012-07-03", "pdf_url": f"{server.url}/pdf/1207.0580"},
    ]
    write_config(workdir, papers, server)
    with alone():  # test_requests_were_spaced_by_the_delay measures this run's gaps at the server
        first = run_snakemake(workdir)
    yield {"server": server, "workdir": workdir, "papers": papers, "first": first}
    server.stop()


def test_outputs_exist_with_their_names(pipeline):
    w = pipeline["workdir"]
    for key in PAPERS:
        assert (w / f"data/raw/{key}.pdf").read_bytes()[:5] == b"%PDF-"
        meta = json.loads((w / f"data/raw/{key}.meta.json").read_text())
        assert meta["status"] == "ok" and len(meta["sha256"]) == 64 and meta["published"]
        assert {"title", "authors", "published", "version", "source_url", "sha256", "fetched_at"} <= set(meta)
        assert (w / f"data/processed/{key}/facts.json").exists()
        assert (w / f"data/processed/{key}/estimate.json").exists()
    trend = json.loads((w / "data/processed/trend.json").read_text())
    assert {"n", "doubling_months", "ci_low_months", "ci_high_months", "start", "end"} <= set(trend)
    assert (w / "reports/appendix.html").stat().st_size > 10_000


def test_entry_without_arxiv_id_is_fetched_from_its_url(pipeline):
    w = pipeline["workdir"]
    meta = json.loads((w / f"data/raw/{LOCAL}.meta.json").read_text())
    assert meta["status"] == "ok" and meta["title"] == "Dropout (by URL)" and meta["published"] == "2012-07-03"
    assert meta["source_url"].endswith("/pdf/1207.0580")
    row = read_rows(w)[LOCAL]
    assert row["published"] == "2012-07-03" and row["arxiv_id"] == ""
    assert float(row["chips"]) == 1 and "GTX 580" in row["chip_model"]  # "a single NVIDIA GTX 580 GPU"


def test_transformer_gives_8_p100_for_3_5_days(pipeline):
    row = read_rows(pipeline["workdir"])["1706.03762"]
    assert row["title"].startswith("Attention")
    assert row["published"] == pipeline["server"].papers["1706.03762"].published  # the feed's v1 date
    assert float(row["chips"]) == 8
    assert "P100" in row["chip_model"]
    assert float(row["training_hours"]) == pytest.approx(84)
    assert float(row["gpu_time_flop"]) > 1e18
    facts = json.loads((pipeline["workdir"] / "data/processed/1706.03762/facts.json").read_text())
    chips = facts["chosen"]["chips"]
    assert chips["page"] >= 1 and re.search(r"\b(8|eight)\b", chips["sentence"])


def test_vgg_uses_counting_operations_with_its_provenance(pipeline):
    row = read_rows(pipeline["workdir"])["1409.1556"]
    assert row["method"] == "ops"
    assert float(row["ops_flop"]) == pytest.approx(1.2e6 * 74 * 16e9 * 2 * 3)
    est = json.loads((pipeline["workdir"] / "data/processed/1409.1556/estimate.json").read_text())
    assert est["ops"]["inputs"]["examples"]["origin"] == "config"
    assert est["reference"]["system"] == "VGG"


def test_paper_stating_nothing_and_missing_paper_are_listed_not_fatal(pipeline):
    rows = read_rows(pipeline["workdir"])
    assert rows["1412.6980"]["compute_flop"] == "" and rows["1412.6980"]["chips"] == ""
    assert rows["1901.99999"]["status"].startswith("fetch failed") and "no paper 1901.99999" in rows["1901.99999"]["status"]
    assert rows["alphago-zero"]["compute_flop"] and rows["alphago-zero"]["method"] == "ops"
    html = (pipeline["workdir"] / "reports/appendix.html").read_text()
    assert "Does not exist" in html and "no paper 1901.99999" in html
    assert 'id="paper-1706.03762"' in html and "3600 s/h" in html


def test_requests_were_spaced_by_the_delay(pipeline):
    gap = pipeline["server"].min_gap()
    assert gap is not None and gap >= 0.3


def test_second_run_has_nothing_to_do(pipeline):
    server, w = pipeline["server"], pipeline["workdir"]
    before = len(server.requests_for())
    proc = run_snakemake(w, "-n")
    assert "Nothing to be done" in proc.stdout + proc.stderr
    run_snakemake(w)
    assert len(server.requests_for()) == before


def test_adding_a_paper_runs_only_its_jobs(pipeline):
    server, w = pipeline["server"], pipeline["workdir"]
    before = {k: len(server.requests_for(k)) for k in PAPERS}
    write_config(w, pipeline["papers"] + [{"arxiv": "1810.04805"}], server)
    dry = run_snakemake(w, "-n", "--quiet", "rules")
    planned = dry.stdout + dry.stderr
    for rule, count in (("fetch", 1), ("extract", 1), ("estimate", 1)):
        assert any(line.split()[:2] == [rule, str(count)] for line in planned.splitlines()), planned
    run_snakemake(w)
    assert {k: len(server.requests_for(k)) for k in PAPERS} == before
    assert server.requests_for("1810.04805", "pdf")
    assert "1810.04805" in read_rows(w)


def test_snakemake_report_is_produced(pipeline):
    w = pipeline["workdir"]
    run_snakemake(w, "--report", "smk_report.html")
    html = (w / "smk_report.html").read_text(errors="replace")
    assert "compute_trend.svg" in html and "estimates.csv" in html
