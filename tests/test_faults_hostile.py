"""Hostile content, end to end: markup and template syntax in arXiv titles, in config names, in a
PDF's sentences and in a server's error message reach the report as text, never as markup (the only
<script> is the report's own); odd feeds (a bad date, an entry id that is no arXiv id) do not crash
the run; and neither a title nor a tampered receipt (`pdf_file` in a meta.json) makes the pipeline
read or write outside data/."""

from __future__ import annotations

import base64
import csv
import hashlib
import json
import re
import uuid
import xml.etree.ElementTree as ET
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from arxiv_server import FakeArxiv, FakePaper
from conftest import ROOT, paper_lines, report_failures, run_snakemake, simple_pdf, write_config

MARK = uuid.uuid4().hex[:10]
TITLE = ("<script>alert(\"t1\")</script><img src=x onerror=\"alert('t2')\"> \"double\" 'single' & "
         "{{ 7*191 }} {% if 1 %}jinja{% endif %} ]]> <!-- --> </textarea>")
NAME = "<img src=x onerror=alert('n1')>{{ 7*191 }} {paper} {wildcards.paper}"
LOCAL_NAME = "</td></tr></table><script>alert('n2')</script>"
REASON = "<script>alert('r1')</script>"
PDF_PAYLOAD = "<script>alert('p1')</script> <img src=x onerror=alert('p2')> {{ 7*191 }}"
SENTENCE = f"We trained the base model {PDF_PAYLOAD} on one machine with 8 NVIDIA P100 GPUs for 3.5 days."
PATH_TITLE = f"../../../../../../tmp/aicompute-pwned-{MARK}"
SECRET = "We trained our secret model on 4096 TPU v3 chips for 30 days."

HOSTILE_PDF = simple_pdf([paper_lines("Hostile Paper", training=SENTENCE)])
GOOD_PDF = simple_pdf([paper_lines("Plain Paper")])
SECRET_PDF = simple_pdf([paper_lines("Secret Paper", training=SECRET)])

# tags the report's template writes; anything else in the page came from the data
TEMPLATE_TAGS = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "h4", "p", "div", "b", "em",
                 "code", "span", "a", "table", "thead", "tbody", "tr", "th", "td", "ul", "li", "section",
                 "blockquote", "details", "summary", "img", "script"}


class Page(HTMLParser):
    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list]] = []
        self.text: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        (self.scripts if self._in_script else self.text).append(data)

    def all_text(self) -> str:
        return "".join(self.text)


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    server = FakeArxiv().start()
    server.add(FakePaper("1805.00001", TITLE, "2018-05-01", HOSTILE_PDF, authors=[TITLE]))
    server.add(FakePaper("1805.00002", "Plain title", "2018-05-02", GOOD_PDF))
    server.fault("1805.00002", "pdf", f"404:reason={REASON}")
    server.add(FakePaper("1805.00003", "Bad date in the feed", "2017-13-45", GOOD_PDF))
    server.add(FakePaper("1805.00004", "Entry id that is no arXiv id", "2018-05-04", GOOD_PDF, version="v1x/../v2"))
    server.add(FakePaper("1805.00005", "Receipt tampered with later", "2018-05-05", GOOD_PDF))
    server.add(FakePaper("1805.00006", PATH_TITLE, "2018-05-06", GOOD_PDF))
    server.add(FakePaper("1805.00007", "Receipt tampered with later, absolute path", "2018-05-07", GOOD_PDF))
    base = tmp_path_factory.mktemp("hostile")
    workdir = base / "project"
    workdir.mkdir()
    papers = [
        {"arxiv": "1805.00001"},
        {"arxiv": "1805.00002", "name": NAME},
        {"arxiv": "1805.00003"},
        {"arxiv": "1805.00004"},
        {"arxiv": "1805.00005"},
        {"arxiv": "1805.00006"},
        {"arxiv": "1805.00007"},
        {"id": "evil-entry", "name": LOCAL_NAME, "date": "2017-06-01",
         "inputs": {"total_training_flop": {"value": 1.0e+20, "source": f"a source {REASON}"}}},
    ]
    write_config(workdir, papers, server, arxiv={"delay_seconds": 0.1, "retries": 1, "backoff_seconds": 0.1})
    run_snakemake(workdir, timeout=400)
    first = {
        "html": (workdir / "reports/appendix.html").read_text(encoding="utf-8"),
        "svg": (workdir / "reports/compute_trend.svg").read_text(encoding="utf-8"),
        "files": sorted(str(p.relative_to(base)) for p in base.rglob("*") if ".snakemake" not in p.parts),
    }
    # A receipt that names a file outside data/ (with that file's true hash), relative and absolute
    outside = base / "outside"
    outside.mkdir()
    (outside / "secret.pdf").write_bytes(SECRET_PDF)
    for paper, pdf_file in (("1805.00005", "../../../outside/secret.pdf"), ("1805.00007", str(outside / "secret.pdf"))):
        meta_path = workdir / f"data/raw/{paper}.meta.json"
        meta = json.loads(meta_path.read_text())
        meta.update(pdf_file=pdf_file, sha256=hashlib.sha256(SECRET_PDF).hexdigest(), bytes=len(SECRET_PDF))
        meta_path.write_text(json.dumps(meta))
    run_snakemake(workdir, timeout=400)
    yield {"server": server, "workdir": workdir, "base": base, "first": first,
           "html": (workdir / "reports/appendix.html").read_text(encoding="utf-8")}
    server.stop()


def rows(workdir: Path) -> dict[str, dict]:
    with open(workdir / "data/processed/estimates.csv", newline="") as fh:
        return {r["paper_id"]: r for r in csv.DictReader(fh)}


def test_only_the_reports_own_markup(run):
    page = Page(run["first"]["html"])
    names = [t for t, _ in page.tags]
    assert set(names) <= TEMPLATE_TAGS, set(names) - TEMPLATE_TAGS
    template = (ROOT / "workflow/aicompute/report/templates/appendix.html.j2").read_text(encoding="utf-8")
    own_scripts = [" ".join(s.split()) for s in re.findall(r"<script>(.*?)</script>", template, flags=re.S)]
    assert own_scripts and names.count("script") == len(own_scripts) and names.count("img") == 1
    assert [" ".join(s.split()) for s in page.scripts] == own_scripts  # the template's own, byte for byte
    for tag, attrs in page.tags:
        for attr, value in attrs:
            assert not attr.lower().startswith("on"), (tag, attr, value)
            if attr == "href":
                assert value.startswith(("#paper-", "https://", "http://")), value
            if attr == "src":
                assert value.startswith("data:image/svg+xml;base64,"), value


@pytest.mark.parametrize("text", [TITLE, NAME, LOCAL_NAME, REASON, PDF_PAYLOAD],
                         ids=["arxiv title", "config name", "local entry name", "server reason", "pdf sentence"])
def test_hostile_text_is_shown_as_text(run, text):
    html = run["first"]["html"]
    assert text in Page(html).all_text()
    assert text not in html or text == unescape(text) and not re.search(r"[<>\"']", text)  # escaped in the source


def test_template_syntax_is_not_evaluated(run):
    text = Page(run["first"]["html"]).all_text()
    assert "{{ 7*191 }}" in text and "1337" not in text
    assert "{% if 1 %}jinja{% endif %}" in text
    assert "{paper} {wildcards.paper}" in text  # Snakemake does not format params either


def test_hostile_sentence_is_the_evidence_shown(run):
    facts = json.loads((run["workdir"] / "data/processed/1805.00001/facts.json").read_text())
    assert PDF_PAYLOAD in facts["chosen"]["chips"]["sentence"]
    assert float(rows(run["workdir"])["1805.00001"]["chips"]) == 8


def test_server_error_text_is_reported_as_text(run):
    listed = report_failures(run["first"]["html"])
    assert REASON in listed["1805.00002"] and "HTTP 404" in listed["1805.00002"]


def test_plot_carries_no_markup(run):
    src = re.search(r'<img src="data:image/svg\+xml;base64,([^"]+)"', run["first"]["html"]).group(1)
    for svg in (base64.b64decode(src).decode("utf-8"), run["first"]["svg"]):
        root = ET.fromstring(svg)
        for el in root.iter():
            assert el.tag.rsplit("}", 1)[-1] not in ("script", "foreignObject"), el.tag
            assert not any(a.rsplit("}", 1)[-1].lower().startswith("on") for a in el.attrib), el.attrib


def test_bad_date_in_the_feed_does_not_crash_the_run(run):
    row = rows(run["workdir"])["1805.00003"]
    meta = json.loads((run["workdir"] / "data/raw/1805.00003.meta.json").read_text())
    assert meta["status"] == "ok" and not meta["published"]
    assert row["status"].startswith("needs review: publication date unknown") and float(row["chips"]) == 8


def test_empty_date_in_a_receipt_is_reported_as_unknown():
    from aicompute.estimate import EstimateSettings, estimate_paper
    from aicompute.hardware import HardwareTable

    paper = {"key": "1805.00003", "arxiv_id": "1805.00003", "date": None,
             "inputs": {"total_training_flop": {"value": 1.0e+20, "source": "a test"}}}
    doc = estimate_paper(paper, {"status": "ok", "published": ""}, {"status": "ok", "chosen": {}},
                         EstimateSettings.from_config({}), HardwareTable.load(ROOT / "workflow/data/hardware.csv"))
    assert doc["compute"]["flop"] == 1e20
    assert doc["status"].startswith("needs review: publication date unknown")


def test_feed_entry_with_a_malformed_id_does_not_crash_the_run(run):
    meta = json.loads((run["workdir"] / "data/raw/1805.00004.meta.json").read_text())
    assert meta["status"] == "failed" and meta["permanent"] is False
    assert "unreadable id" in meta["error"]
    assert "1805.00004" in report_failures(run["first"]["html"])


def test_a_title_never_becomes_a_path(run):
    assert not Path(f"/tmp/aicompute-pwned-{MARK}").exists()
    assert not [f for f in run["first"]["files"] if MARK in f]
    allowed = ("project/data/", "project/reports/", "project/config.yaml")
    assert all(f.startswith(allowed) or f in ("project", "project/data", "project/reports")
               for f in run["first"]["files"]), run["first"]["files"]


@pytest.mark.parametrize("paper", ["1805.00005", "1805.00007"], ids=["relative", "absolute"])
def test_a_receipt_cannot_point_the_pipeline_outside_data(run, paper):
    facts = json.loads((run["workdir"] / f"data/processed/{paper}/facts.json").read_text())
    assert facts["status"] == "failed" and "outside data/raw" in facts["error"], facts
    assert "4096" not in json.dumps(facts)
    assert "4096" not in run["html"] and "secret model" not in run["html"]
    assert "outside data/raw" in report_failures(run["html"])[paper]


def test_the_report_is_still_written_for_everyone_else(run):
    r = rows(run["workdir"])
    assert r["1805.00001"]["status"] == "ok" and r["1805.00006"]["status"] == "ok"
    assert r["evil-entry"]["status"] == "ok" and float(r["evil-entry"]["compute_flop"]) == 1e20


def test_title_with_dollar_signs_does_not_break_the_plot(tmp_path):
    from aicompute.report.plot import write_trend_plot

    for title in ("$x^^2$ attention", r"$\undefinedcmd$ networks"):
        row = {"paper_id": "1805.00009", "name": None, "title": title, "compute_flop": 1e19,
               "published": "2017-06-01", "method": "gpu_time"}
        write_trend_plot([row], {}, tmp_path / "plot.svg")
        assert title.split("$")[1] in (tmp_path / "plot.svg").read_text()
