"""estimates.csv, the plot and the HTML report, from estimates built here (no PDFs needed)."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from aicompute.collect import CONTRACT_COLUMNS, read_csv
from aicompute.estimate import EstimateSettings, estimate_paper
from aicompute.hardware import HardwareTable
from aicompute.report.plot import write_trend_plot
from aicompute.report.render import page_link, write_report
from aicompute.stages import collect_estimates
from aicompute.trend import fit_trend

HOSTILE = "<script>alert('x')</script> <img src=x onerror=alert(1)> \"quoted\" {{ 7*7 }} {% raw %}"
TABLE = HardwareTable.load()


def fact(value, sentence="We trained on 8 GPUs.", **extra):
    return {"value": value, "page": 4, "sentence": sentence, "confidence": 0.9, **extra}


def make_docs() -> list[dict]:
    docs = []
    specs = [
        ("1409.1556", "2014-09-04", 4, "NVIDIA Titan Black", 420.0, {"multiply_adds_per_forward": {"value": 16e9, "source": "OpenAI"},
                                                                    "examples": {"value": 1.2e6, "source": "OpenAI"},
                                                                    "epochs": {"value": 74, "source": "OpenAI"}}),
        ("1706.03762", "2017-06-12", 8, "NVIDIA P100", 84.0, {}),
        ("1512.02595", "2015-12-08", 8, "NVIDIA Titan X (Maxwell)", 96.0, {}),
    ]
    for key, date, chips, chip, hours, inputs in specs:
        facts = {"status": "ok", "chosen": {"chips": fact(chips, unit="gpus", sentence=HOSTILE),
                                            "chip_model": fact(chip), "training_hours": fact(hours)}}
        meta = {"status": "ok", "arxiv_id": key, "title": f"Title of {key} {HOSTILE}", "published": date, "version": "v2"}
        paper = {"key": key, "arxiv_id": key, "name": None, "date": None, "inputs": inputs}
        docs.append(estimate_paper(paper, meta, facts, EstimateSettings(), TABLE))
    failed = {"key": "1901.00001", "arxiv_id": "1901.00001", "inputs": {}}
    docs.append(estimate_paper(failed, {"status": "failed", "error": f"HTTP 404 {HOSTILE}"},
                               {"status": "failed", "error": "not fetched"}, EstimateSettings(), TABLE))
    return docs


@pytest.fixture
def built(tmp_path):
    est_paths, facts_paths = [], []
    for doc in make_docs():
        d = tmp_path / doc["paper_id"]
        d.mkdir()
        (d / "estimate.json").write_text(json.dumps(doc))
        (d / "facts.json").write_text(json.dumps({"paper_id": doc["paper_id"], "status": "ok", "candidates": [],
                                                  "chosen": {"chips": fact(8, sentence=HOSTILE)},
                                                  "document": {"pages_read_carefully": [4]}}))
        est_paths.append(d / "estimate.json")
        facts_paths.append(d / "facts.json")
    csv_path = tmp_path / "estimates.csv"
    collect_estimates(est_paths, csv_path)
    trend = fit_trend(read_csv(csv_path), {"bootstrap_samples": 200, "seed": 1})
    (tmp_path / "trend.json").write_text(json.dumps(trend))
    svg = tmp_path / "plot.svg"
    write_trend_plot(read_csv(csv_path), trend, svg)
    html = tmp_path / "appendix.html"
    config = {"estimate": {"passes": 3, "utilization": 0.33, "utilization_low": 0.2, "utilization_high": 0.5, "consistency_factor": 3},
              "trend": {"bootstrap_samples": 200, "seed": 1}}
    write_report(csv_path, tmp_path / "trend.json", svg, est_paths, facts_paths, None, config, f"Report {HOSTILE}", html)
    return tmp_path


def test_csv_has_the_contract_columns_and_plain_numbers(built):
    with open(built / "estimates.csv", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames[: len(CONTRACT_COLUMNS)] == CONTRACT_COLUMNS
        rows = list(reader)
    assert len(rows) == 4
    vgg = next(r for r in rows if r["paper_id"] == "1409.1556")
    assert vgg["published"] == "2014-09-04" and vgg["method"] == "ops" and vgg["status"] == "ok"
    assert float(vgg["compute_flop"]) == pytest.approx(1.2e6 * 74 * 16e9 * 6)
    assert re.fullmatch(r"[0-9.e+\-]+", vgg["gpu_time_flop"])
    failed = next(r for r in rows if r["paper_id"] == "1901.00001")
    assert failed["compute_flop"] == "" and failed["status"].startswith("fetch failed: HTTP 404")


def test_report_escapes_untrusted_text(built):
    html = (built / "appendix.html").read_text()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "{{ 7*7 }}" in html  # shown as text, never evaluated as a template
    # the only scripts are our own sorter
    assert html.count("<script>") == 1


def test_report_shows_plot_table_appendix_and_failures(built):
    html = (built / "appendix.html").read_text()
    assert 'src="data:image/svg+xml;base64,' in html
    assert 'id="paper-table"' in html and html.count('<tr>\n    <td><a href="#paper-') == 4
    assert 'id="paper-1706.03762"' in html
    assert "https://arxiv.org/pdf/1706.03762v2#page=4" in html  # the fetched version's page
    assert "Papers without a usable estimate" in html and "HTTP 404" in html
    assert "× 3600 s/h × 0.33" in html
    # self-contained: nothing is loaded from the network
    assert not re.search(r'<(script|link|img)[^>]+(src|href)="https?://', html)


def test_plot_is_an_svg_with_labels(built):
    svg = (built / "plot.svg").read_text()
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert "petaflop/s-days" in svg and "training compute (FLOP)" in svg
    assert "&lt;script&gt;" in svg or "<script" not in svg


def test_page_links():
    assert page_link({"arxiv_id": "cs/0501001", "document": {"version": "v1"}}, 3) == "https://arxiv.org/pdf/cs/0501001v1#page=3"
    assert page_link({"arxiv_id": None, "document": {"source_url": "https://x.org/a.pdf"}}, 2) == "https://x.org/a.pdf#page=2"
    assert page_link({"arxiv_id": None, "document": {"source_url": "javascript:alert(1)"}}, 2) is None


def test_report_in_a_real_browser(built):
    from aicompute.report.browser import check_report, find_chromium

    if find_chromium() is None:
        pytest.skip("chromium is not installed (Debian: apt install chromium)")
    result = check_report(built / "appendix.html", built / "appendix.png")
    assert result.console == []
    assert result.plot_rendered
    assert result.table_rows == 4
    assert result.screenshot is not None and result.screenshot.stat().st_size > 20_000
