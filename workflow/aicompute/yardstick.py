"""A second yardstick: our estimates against Epoch AI's for the development papers it covers.

    python -m aicompute.yardstick --pdfs ../shared/corpus/pdfs --epoch ../shared/reference/epoch_dev.csv \
        --meta ../shared/corpus/meta.csv [--cache DIR] [--jobs 2] [--json out.json] [--show-blind]
    python -m aicompute.yardstick --against-labels --labels ../shared/corpus/labels --pdfs ../shared/corpus/pdfs \
        --meta ../shared/corpus/meta.csv [--cache DIR] [--jobs 2]

For each paper of the Epoch file it runs the pipeline's own extraction and estimate on the PDF with
no per-paper `inputs` (what a user gets for a paper added with one line of config), then prints:
how many got an estimate, how many are within 3x / 10x of Epoch's figure, how many more than 100x
away still say `ok`, and one line per paper with our figure, Epoch's, the ratio and our status.

Epoch's figures are a yardstick only: they are read here, after the estimate, and never passed to
it (the estimate sees the same inputs as in the pipeline: the PDF, its date, the hardware table and
the project's OpenAI reference). Epoch sometimes counts another run than the paper's main one, so a
large ratio is a question, not automatically our error.

Papers of the blind split (`evaluate.is_blind`) are counted separately and their per-paper lines are
hidden unless `--show-blind`: rules are written from the other papers only.

With `--labels DIR` (the corpus' hand labels) it runs the same estimate a second time with the
labels standing in for the extraction, and prints both: the distance between the two is the
extraction's share of the error, what is left with the labels is the estimate's (or a run Epoch
counted that the paper's main run is not). The labels carry no units for data sizes or
device-hours; the mapping below says what it assumes.

With `--against-labels` (and `--labels`, no `--epoch`) it compares, for every labelled paper of the
corpus, the pipeline's estimate with the estimate the hand labels give (a perfect extraction): how many
agree within 3x / 10x, how many estimates the pipeline gives where the labels give none (an invented
estimate: an input the labels do not state, or another run's), and how many it misses; blind papers
are counted, their lines hidden. It measures the extraction by its effect on the figure users read. It also
counts the `ok` estimates the report's table lists as "needs review" (low confidence, methods that disagree:
report.review) although the trend fits them, and, where both methods give a figure, how often they agree
and whether the chosen figure of a disagreement is right.

Facts are cached per PDF and extraction-code version under `--cache` (default: none), so a rerun that
changed only the estimate takes seconds.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from . import DATA_DIR
from .evaluate import is_blind

PACKAGE_DIR = Path(__file__).resolve().parent
# Modules whose change does not change facts.json (the cache key ignores them).
NOT_EXTRACTION = {"estimate.py", "assumptions.py", "collect.py", "trend.py", "yardstick.py", "evaluate.py",
                  "stages.py", "arxiv.py", "ratelimit.py", "config.py", "jobs.py", "io.py"}
ESTIMATE_DATA = {"plausibility.csv", "typical_accelerators.csv", "tpu_pods.csv", "openai_reference.csv"}


def extraction_version() -> str:
    """A hash of the code and data the extraction reads: a changed extractor invalidates the cache."""
    h = hashlib.sha256()
    files = sorted(p for p in PACKAGE_DIR.rglob("*.py") if p.name not in NOT_EXTRACTION and "report" not in p.parts)
    files += sorted(p for p in DATA_DIR.rglob("*") if p.is_file() and p.name not in ESTIMATE_DATA and p.suffix != ".md")
    for p in files:
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def _extract(args: tuple) -> dict[str, Any]:
    pdf, paper_id, published, *rest = args
    parse_cache = rest[0] if rest else None
    from .extract import extract_facts
    from .pdftext import DocumentError, ParseCache

    cache = ParseCache(parse_cache, pdf) if parse_cache and Path(pdf).is_file() else None
    try:
        facts = extract_facts(pdf, published=published, cache=cache)
    except DocumentError as exc:
        facts = {"status": "failed", "error": f"unusable PDF: {exc}", "chosen": {}, "candidates": []}
    except Exception as exc:  # noqa: BLE001 - one crash must not hide the others' figures
        facts = {"status": "failed", "error": f"extraction error ({type(exc).__name__}: {exc})", "chosen": {},
                 "candidates": []}
    facts["paper_id"] = paper_id
    if cache is not None:
        cache.save()
    return facts


def facts_from_label(label: dict[str, Any]) -> dict[str, Any]:
    """A facts.json document whose chosen values are the hand label's (confidence 1): what a perfect
    extraction would give. Data sizes count tokens when the label's data description says tokens;
    a device-time product is in device-hours of the labelled chip's kind."""
    def fact(value, **extra):
        return None if value is None else {"value": value, "confidence": 1.0, "page": None,
                                           "sentence": "(hand label)", "why": "hand label (the main training run)", **extra}

    model = label.get("chip_model")
    generic = bool(model) and ("unspecified" in model.lower() or "not stated" in model.lower())
    tpu = bool(model) and "tpu" in model.lower()
    lo, hi = label.get("training_hours_low"), label.get("training_hours_high")
    data_text = str(label.get("training_data") or "").lower()
    flops_unit = "multiply-add" if str(label.get("flops_unit") or "").lower().startswith("multiply") else "FLOP"
    chosen = {
        "chips": fact(label.get("chip_count"), unit=label.get("count_unit") or "gpus"),
        "chip_model": fact(model, generic=generic or None),
        "training_hours": fact(label.get("training_hours"), unit="hours",
                               **({"low": lo, "high": hi} if lo is not None and hi is not None and lo != hi else {})),
        "chip_hours": fact(label.get("chip_hours"), unit="tpu-core-hours" if tpu else "gpu-hours"),
        "time_from_steps": fact(label.get("time_from_steps"), unit="hours"),
        "parameters": fact(label.get("parameters")),
        "tokens_or_examples": fact(label.get("tokens_or_examples"),
                                   unit="tokens" if "token" in data_text else "examples"),
        "epochs": fact(label.get("epochs")),
        "steps": fact(label.get("steps")),
        "batch_size": fact(label.get("batch_size")),
        "flops_per_forward": fact(label.get("flops_per_forward"), unit=flops_unit),
        "total_training_flop": fact(label.get("total_training_flop_stated"), unit="FLOP"),
    }
    return {"status": "ok", "paper_id": label.get("arxiv_id"), "chosen": chosen, "candidates": []}


def load_epoch(path: Path) -> list[dict[str, Any]]:
    with open(path, newline="") as fh:
        rows = list(csv.DictReader(fh))
    for r in rows:
        r["compute_flop"] = float(r["compute_flop"]) if r.get("compute_flop") else None
    return rows


def load_meta(path: Path | None) -> dict[str, dict[str, str]]:
    if path is None or not path.is_file():
        return {}
    with open(path, newline="") as fh:
        return {r["arxiv_id"]: r for r in csv.DictReader(fh)}


def facts_for(papers: list[tuple[str, Path, str | None]], cache: Path | None, jobs: int,
              parse_cache: Path | None = None) -> dict[str, dict]:
    """facts.json documents by paper id, from the cache where the PDF and extraction code are unchanged
    (`parse_cache`: parsed pages, as evaluate's --cache, so a changed extractor re-reads no PDF)."""
    version = extraction_version()
    out: dict[str, dict] = {}
    todo = []
    for paper_id, pdf, published in papers:
        key = None
        if cache is not None and pdf.is_file():
            key = cache / f"{paper_id}.{hashlib.sha256(pdf.read_bytes()).hexdigest()[:12]}.{version}.json"
            if key.is_file():
                out[paper_id] = json.loads(key.read_text())
                continue
        todo.append((paper_id, pdf, published, key))
    args = [(str(pdf), pid, pub, str(parse_cache) if parse_cache else None) for pid, pdf, pub, _ in todo]
    if args:
        if jobs > 1 and len(args) > 1:
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                results = list(pool.map(_extract, args))
        else:
            results = [_extract(a) for a in args]
        for (pid, _pdf, _pub, key), facts in zip(todo, results):
            out[pid] = facts
            # a crash (a missing module, a bug being fixed) says nothing about the PDF: not cached
            if key is not None and not str(facts.get("error", "")).startswith("extraction error"):
                key.parent.mkdir(parents=True, exist_ok=True)
                key.write_text(json.dumps(facts))
    return out


def _estimator():
    """estimate(paper id, pdf, published, title, facts) -> estimate.json document, as the pipeline makes it
    for a paper added with one line of config (no per-paper inputs, the default estimate settings)."""
    from .estimate import EstimateSettings, estimate_paper
    from .hardware import HardwareTable
    from .stages import load_reference

    table = HardwareTable.load()
    reference = load_reference(DATA_DIR / "openai_reference.csv")
    settings = EstimateSettings()  # the defaults of config.yaml's estimate section

    def estimate(pid: str, pdf: Path, published: str | None, title: str, facts: dict | None) -> dict[str, Any]:
        receipt = {"status": "ok", "arxiv_id": pid, "title": title, "published": published}
        if not pdf.is_file():
            receipt = {"status": "failed", "error": f"{pdf} not found", "arxiv_id": pid}
        paper = {"key": pid, "arxiv_id": pid, "inputs": {}}
        return estimate_paper(paper, receipt, facts or {"status": "failed", "error": "no facts"}, settings, table,
                              reference.get(pid))

    return estimate


def against_labels(pdfs: Path, labels: Path, meta_path: Path | None, cache: Path | None = None, jobs: int = 1,
                   ids: list[str] | None = None, parse_cache: Path | None = None) -> list[dict[str, Any]]:
    """One result per labelled paper: the pipeline's estimate and the one with the hand labels as the facts."""
    meta = load_meta(meta_path)
    pids = sorted(p.stem for p in labels.glob("*.json") if not ids or p.stem in ids)
    papers = [(pid, pdfs / f"{pid}.pdf", (meta.get(pid) or {}).get("published") or None) for pid in pids]
    facts = facts_for(papers, cache, jobs, parse_cache)
    estimate = _estimator()
    results = []
    for pid, pdf, published in papers:
        title = (meta.get(pid) or {}).get("title") or pid
        ours = estimate(pid, pdf, published, title, facts.get(pid))
        truth = estimate(pid, pdf, published, title, facts_from_label(json.loads((labels / f"{pid}.json").read_text())))
        o, t = ours["compute"].get("flop"), truth["compute"].get("flop")
        check = ours.get("consistency") or {}
        results.append({"arxiv_id": pid, "blind": is_blind(pid), "ours_flop": o, "labels_flop": t,
                        "ratio": o / t if o and t else None, "status": ours["status"], "method": ours["compute"].get("method"),
                        "verdict": agreement(o, t), "checks": sorted({r.get("check") for r in ours.get("review") or []
                                                                      if r.get("check")}),
                        "consistency": check.get("verdict"), "consistency_ratio": check.get("ratio"),
                        "shown": shown_status(ours)})
    return results


def shown_status(doc: dict[str, Any]) -> str:
    """The short status the report's table shows for an estimate: an `ok` estimate with low confidence or
    methods that disagree is listed there as `needs review` (report.review), though the trend still fits it
    (the trend leaves out `needs review` statuses of estimate.json only)."""
    from .collect import row_from_estimate
    from .report.review import display_status, review_reasons

    row = row_from_estimate(doc)
    return display_status(row, review_reasons(row, doc, None))


# what a pipeline estimate is, set against the labels' one
VERDICTS = ("within 3x", "within 10x", "beyond 10x", "invented", "missed", "neither")


def agreement(ours: float | None, labels: float | None) -> str:
    if not ours:
        return "missed" if labels else "neither"
    if not labels:
        return "invented"  # the labels give no estimate: an input they do not state, or another run's
    off = max(ours / labels, labels / ours)
    return "within 3x" if off <= 3 else "within 10x" if off <= 10 else "beyond 10x"


def _count_by(keys) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for k in keys:
        counts[k] = counts.get(k, 0) + 1
    return sorted(counts.items())


def against_labels_report(results: list[dict[str, Any]], show_blind: bool = False) -> str:
    lines = ["== the pipeline's estimate against the hand labels' (a perfect extraction), every labelled paper"]
    for name, rows in (("all", results), ("development (not blind)", [r for r in results if not r["blind"]]),
                       ("blind", [r for r in results if r["blind"]])):
        given = [r for r in rows if r["ours_flop"]]
        ok = [r for r in given if r["status"] == "ok"]
        count = {v: sum(1 for r in rows if r["verdict"] == v) for v in VERDICTS}
        ok_count = {v: sum(1 for r in ok if r["verdict"] == v) for v in VERDICTS}
        lines.append(f"{name:<24} papers {len(rows):>3}  labels give {sum(1 for r in rows if r['labels_flop'])}, "
                     f"ours {len(given)} (status ok {len(ok)}): "
                     + ", ".join(f"{v} {count[v]} (ok {ok_count[v]})" for v in VERDICTS[:4]) + f", missed {count['missed']}")
        by_method = _count_by(r["method"] or "-" for r in rows if r["verdict"] == "invented")
        if by_method:  # which method an invented estimate came from says which inputs to look at
            lines.append(f"{'':<24} invented by method: " + ", ".join(f"{m} {n}" for m, n in by_method))
        # what users would read as fine but is not: status ok, and more than 3x off the labels' figure or invented
        bad_ok = [r for r in ok if r["verdict"] in ("within 10x", "beyond 10x", "invented")]
        lines.append(f"{'':<24} ok but more than 3x off or invented: {len(bad_ok)}"
                     + (" (" + ", ".join(f"{m} {n}" for m, n in _count_by(r["method"] or "-" for r in bad_ok)) + ")"
                        if bad_ok else ""))
        # what the report's table shows for `ok` estimates: low confidence or a disagreement of the methods lists an
        # `ok` estimate under "needs review" there, while the trend (estimate.json's status) still fits it
        listed = [r for r in ok if r.get("shown") == "needs review"]
        if listed:
            lines.append(f"{'':<24} ok, listed as needs review by the report (low confidence / methods disagree; the "
                         f"trend fits them): right {sum(1 for r in listed if r['verdict'] == 'within 3x')}, "
                         f"more than 3x off or invented {sum(1 for r in listed if r['verdict'] != 'within 3x')}")
        # the consistency check: when both methods give a figure, do they agree, and is the chosen one right?
        both = [r for r in given if r.get("consistency") in ("consistent", "inconsistent")]
        if both:
            apart = [r for r in both if r["consistency"] == "inconsistent"]
            lines.append(f"{'':<24} both methods {len(both)}: agree {len(both) - len(apart)}, disagree {len(apart)} "
                         f"(chosen figure within 3x {sum(1 for r in apart if r['verdict'] == 'within 3x')}, "
                         f"status ok {sum(1 for r in apart if r['status'] == 'ok')})")
        # which review gates fire on which verdicts: a gate earns its place on wrong figures, not right ones
        gates = _count_by(f"{c} on {'right' if r['verdict'] == 'within 3x' else 'off'}"
                          for r in given for c in r.get("checks") or [])
        if gates:
            lines.append(f"{'':<24} review gates (on right = within 3x / off): " + ", ".join(f"{g} {n}" for g, n in gates))
            # what a gate costs: a right figure that needs review for that gate alone takes a reviewer's minute
            sole = _count_by(f"{r['checks'][0]} on {'right' if r['verdict'] == 'within 3x' else 'off'}"
                             for r in given if len(r.get("checks") or []) == 1)
            if sole:
                lines.append(f"{'':<24} the only gate of its figure: " + ", ".join(f"{g} {n}" for g, n in sole))
    lines.append("")
    for r in results:
        if r["verdict"] in ("within 3x", "neither") or (r["blind"] and not show_blind):
            continue
        ours = f"{r['ours_flop']:.2e}" if r["ours_flop"] else "-"
        labels = f"{r['labels_flop']:.2e}" if r["labels_flop"] else "-"
        lines.append(f"  {r['arxiv_id']:<11} {r['verdict']:<11} ours {ours:>9}  labels {labels:>9}  "
                     f"{r['method'] or '-':<8} {r['status'][:100]}")
    hidden = sum(1 for r in results if r["blind"]) if not show_blind else 0
    if hidden:
        lines.append(f"({hidden} blind papers' lines hidden; --show-blind prints them)")
    return "\n".join(lines)


def run(pdfs: Path, epoch_path: Path, meta_path: Path | None, cache: Path | None = None, jobs: int = 1,
        ids: list[str] | None = None, labels: Path | None = None, parse_cache: Path | None = None) -> list[dict[str, Any]]:
    """One result per Epoch row: our estimate.json document and Epoch's figure side by side."""
    epoch = [r for r in load_epoch(epoch_path) if not ids or r["arxiv_id"] in ids]
    meta = load_meta(meta_path)
    papers = [(r["arxiv_id"], pdfs / f"{r['arxiv_id']}.pdf", (meta.get(r["arxiv_id"]) or {}).get("published") or None)
              for r in epoch]
    if labels is None:
        facts = facts_for(papers, cache, jobs, parse_cache)
    else:
        facts = {pid: facts_from_label(json.loads((labels / f"{pid}.json").read_text()))
                 for pid, _pdf, _pub in papers if (labels / f"{pid}.json").is_file()}
    estimate = _estimator()
    results = []
    for r, (pid, pdf, published) in zip(epoch, papers):
        doc = estimate(pid, pdf, published, (meta.get(pid) or {}).get("title") or r["model"], facts.get(pid))
        ours, theirs = doc["compute"].get("flop"), r["compute_flop"]
        ratio = ours / theirs if ours and theirs else None
        results.append({"arxiv_id": pid, "model": r["model"], "blind": is_blind(pid), "epoch_flop": theirs,
                        "epoch_method": r.get("method"), "ours_flop": ours, "ratio": ratio,
                        "method": doc["compute"].get("method"), "status": doc["status"], "estimate": doc})
    return results


def summary(results: list[dict[str, Any]]) -> dict[str, Any]:
    n = len(results)
    est = [r for r in results if r["ours_flop"]]
    ok = [r for r in est if r["status"] == "ok"]

    def within(rows, k):
        return sum(1 for r in rows if r["ratio"] and 1 / k <= r["ratio"] <= k)

    return {
        "papers": n,
        "estimated": len(est),
        "estimated_ok": len(ok),
        "within_3x": within(est, 3),
        "within_10x": within(est, 10),
        "ok_within_3x": within(ok, 3),
        "over_100x_ok": sum(1 for r in ok if r["ratio"] and not 1 / 100 <= r["ratio"] <= 100),
        "over_100x": sum(1 for r in est if r["ratio"] and not 1 / 100 <= r["ratio"] <= 100),
    }


def _pct(a: int, b: int) -> str:
    return f"{a}/{b} ({100 * a / b:.0f}%)" if b else f"{a}/0"


def _line(r: dict[str, Any]) -> str:
    ratio = "" if r["ratio"] is None else f"{r['ratio']:.3g}"
    flag = "  "
    if r["ratio"] is not None:
        off = abs(math.log10(r["ratio"]))
        flag = "  " if off <= math.log10(3) else " ~" if off <= 1 else " !" if off <= 2 else "!!"
    ours = f"{r['ours_flop']:.2e}" if r["ours_flop"] else "-"
    return (f"{flag} {r['arxiv_id']:<11} {r['model'][:28]:<28} ours {ours:>9}  epoch {r['epoch_flop']:.2e}"
            f"  ratio {ratio:>8}  {r['method'] or '-':<8} {r['status'][:110]}")


def report(results: list[dict[str, Any]], show_blind: bool = False, title: str = "") -> str:
    lines = [title] if title else []
    for name, rows in (("all", results), ("development (not blind)", [r for r in results if not r["blind"]]),
                       ("blind", [r for r in results if r["blind"]])):
        s = summary(rows)
        lines.append(
            f"{name:<24} papers {s['papers']:>2}  estimated {_pct(s['estimated'], s['papers'])}"
            f" (status ok {s['estimated_ok']})  within 3x {_pct(s['within_3x'], s['papers'])}"
            f"  within 10x {_pct(s['within_10x'], s['papers'])}  >100x {s['over_100x']} (of which ok {s['over_100x_ok']})")
    lines.append("")
    lines.append("ratio = ours / Epoch's;  '  ' within 3x, ' ~' within 10x, ' !' within 100x, '!!' beyond")
    for r in results:
        if r["blind"] and not show_blind:
            continue
        lines.append(_line(r))
    hidden = sum(1 for r in results if r["blind"]) if not show_blind else 0
    if hidden:
        lines.append(f"({hidden} blind papers' lines hidden; --show-blind prints them)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="aicompute-yardstick", description=__doc__.split("\n")[0])
    ap.add_argument("--pdfs", type=Path, required=True)
    ap.add_argument("--epoch", type=Path, default=None, help="Epoch AI's figures (epoch_dev.csv)")
    ap.add_argument("--meta", type=Path, default=None, help="arxiv_id,title,published of the PDFs")
    ap.add_argument("--cache", type=Path, default=None, help="directory for cached facts (per PDF and code version)")
    ap.add_argument("--parse-cache", type=Path, default=None,
                    help="directory for parsed pages (as evaluate's --cache): a changed extractor re-reads no PDF")
    ap.add_argument("--ids", nargs="*", default=None)
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument("--json", type=Path, default=None, help="write every result (estimate documents included)")
    ap.add_argument("--show-blind", action="store_true", help="also print the blind papers' lines")
    ap.add_argument("--labels", type=Path, default=None,
                    help="hand labels (corpus/labels): also estimate with the labels as the facts")
    ap.add_argument("--against-labels", action="store_true",
                    help="every labelled paper: the pipeline's estimate against the labels' (needs --labels)")
    a = ap.parse_args(argv)
    if a.against_labels:
        if a.labels is None or not a.labels.is_dir():
            print("yardstick: --against-labels needs --labels DIR (the corpus' hand labels)", file=sys.stderr)
            return 2
        results = against_labels(a.pdfs, a.labels, a.meta, a.cache, a.jobs, a.ids, a.parse_cache)
        print(against_labels_report(results, a.show_blind))
        if a.json:
            keep = results if a.show_blind else [r for r in results if not r["blind"]]
            a.json.write_text(json.dumps({"results": keep}, indent=1, default=str))
        return 0
    if a.epoch is None or not a.epoch.is_file():
        print(f"yardstick: {a.epoch} not found", file=sys.stderr)
        return 2
    results = run(a.pdfs, a.epoch, a.meta, a.cache, a.jobs, a.ids, parse_cache=a.parse_cache)
    print(report(results, a.show_blind, "== with the pipeline's extraction" if a.labels else ""))
    if a.labels:
        oracle = run(a.pdfs, a.epoch, a.meta, a.cache, a.jobs, a.ids, labels=a.labels, parse_cache=a.parse_cache)
        print()
        print(report(oracle, a.show_blind, "== with the hand labels as the facts (a perfect extraction)"))
    if a.json:
        keep = results if a.show_blind else [r for r in results if not r["blind"]]
        a.json.write_text(json.dumps({"summary": summary(results), "results": keep}, indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
