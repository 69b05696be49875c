"""Measure extraction against hand-checked labels.

    python -m aicompute.evaluate --pdfs ../shared/corpus/pdfs --labels ../shared/corpus/labels \
        [--meta ../shared/corpus/meta.csv] [--ids ID ...] [--jobs 2] [--json out.json] [--holdout-every 4]

Per field: accuracy on the papers that state it (n right / n stated), false positives on papers that
state nothing, a diff line for every miss, timing, and one met/not met line per target. The exit code
is 0 whether or not targets are met (this is a measurement).

Scoring (the corpus README's rules):
- chip count: right if equal to the label's ``chip_count``; for TPUs (Google TPU chips/cores, or
  'TPUs' of unstated kind) the count, twice it or half it; when the label counts machines, the machine
  count or the devices it implies (1, 2, 4, 8 or 16 per machine, since the label does not say);
- chip model: right if the same accelerator family (via the hardware table); generic labels ("GPU
  (unspecified)", any TPU label without a version) are right for a generic answer of the same kind;
  CPU labels are right for a CPU answer; a label naming two chips ("A / B") accepts either;
- training hours (papers with ``states_time``): within 10% of ``training_hours`` or inside
  [low, high] widened by 10%;
- false positive: a chip count, training duration, chip-hours or time-from-steps value emitted for a
  paper whose label has ``states_hardware`` and ``states_time`` false (a chip-hours/time-from-steps value
  that matches the label's own chip_hours/time_from_steps is not one);
- chip_hours, time_from_steps and method-1 inputs are reported separately where labelled.

``--holdout-every k`` splits the ids (sorted) into a held-out part (every k-th, starting with the k-th)
and a development part, and prints the figures for dev, held-out and all.

The blind split (``is_blind``, about 30% of the corpus, fixed by a hash of the id) is scored and
reported separately but its misses are not printed (``--show-blind`` prints them): rules are written
from the other papers' misses only, so the blind figure says what an unseen paper will score.

``--folds k`` also measures the learned candidate ranker (``extraction.ranker``) the way an unseen paper
meets it: papers are split into k fixed folds (a hash of the id); for each fold the ranker (weights,
calibration, thresholds) is fitted on the other folds and scores this one. It prints the cross-validated
figures of the ranker and of the hand-set rules side by side, the blind split scored by a ranker fitted
on the other papers only, a calibration table (values given with confidence >= 0.8 / 0.5-0.8 / < 0.5:
how many, how many right) and the time per paper. ``--cache DIR`` keeps parsed pages so that a second
run costs seconds; ``--fit-ranker FILE`` writes the ranker fitted on the non-blind papers.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import json
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

TARGETS = {
    "chips": ("chip count exact", 0.90, ">="),
    "chip_model": ("chip model right", 0.90, ">="),
    "training_hours": ("training hours within 10%", 0.85, ">="),
    "false_positive": ("value invented for a paper that states none", 0.05, "<="),
}
TOL = 0.10
BLIND_SALT = "aicompute-blind-v1"
BLIND_PERCENT = 30


def is_blind(paper_id: str) -> bool:
    """The fixed blind split: ~30% of papers by a hash of their id (independent of any reading of them)."""
    digest = hashlib.sha256(f"{BLIND_SALT}:{paper_id}".encode()).hexdigest()
    return int(digest, 16) % 100 < BLIND_PERCENT


# ------------------------------------------------------------------ running


def _run_one(args: tuple) -> dict[str, Any]:
    """Read and extract one paper; returns its facts (as shipped), the candidates before the choice
    (for the ranker) and the seconds each part took."""
    pdf, paper_id, published, careful, cache_dir, keep_gen, *rest = args
    keep_vetoed = bool(rest and rest[0])
    audit = len(rest) > 1 and bool(rest[1])
    from .extraction import (SCHEMA, candidate_dicts, decide, default_ranker, generate, is_survey,
                             page_scorer)
    from .pdftext import DocumentError, ParseCache, read_pdf

    cache = ParseCache(cache_dir, pdf) if cache_dir else None
    out: dict[str, Any] = {"paper_id": paper_id}
    try:
        pub = dt.date.fromisoformat(published) if published else None
        doc = read_pdf(pdf, max_careful_pages=careful, scorer=page_scorer(_table(), pub), cache=cache)
        t0 = time.process_time()
        survey = is_survey(doc.cheap_text[0] if doc.cheap_text else "")
        from contextlib import nullcontext

        from .extraction.core import VETO_PREFIX
        from .extraction.core import keep_vetoed as keeping_vetoed

        # measurement only (--keep-vetoed): what the generators' outright drops cost in recall
        with keeping_vetoed() if keep_vetoed else nullcontext():
            gen = generate(doc.sentences, _table(), pub, survey, doc)
        chosen = decide(gen, default_ranker())
        facts = {"schema": SCHEMA, "status": "ok", "chosen": chosen, "candidates": candidate_dicts(gen),
                 "document": {"pages": doc.n_pages, "pages_read_cheaply": doc.pages_read_cheaply,
                              "pages_read_carefully": doc.pages_read_carefully, "sentences": len(doc.sentences),
                              "survey": survey, "cheap_seconds": round(doc.cheap_seconds, 4),
                              "careful_seconds": round(doc.careful_seconds, 4)}}
        facts["document"]["extract_seconds"] = round(time.process_time() - t0, 4)
        if audit:  # (--veto-audit) every chips/hours candidate, and what the hard vetoes dropped
            from .veto_audit import AUDIT_FIELDS, cand_record, unread_pages_values, written_values

            with keeping_vetoed():
                vgen = generate(doc.sentences, _table(), pub, survey, doc)
            written = written_values(s.text for s in doc.sentences if s.section != "references")
            unread = unread_pages_values(doc.cheap_text, {s.page for s in doc.sentences})
            out["audit"] = {f: {"kept": [cand_record(c) for c in gen.all_c.get(f, ())],
                                "vetoed": [cand_record(c) for c in vgen.all_c.get(f, ())
                                           if any(w.startswith(VETO_PREFIX) for w in c.why)],
                                "written": written[f], "unread": unread[f]} for f in AUDIT_FIELDS}
        if keep_gen:
            out["gen"] = gen
    except DocumentError as exc:
        facts = {"status": "failed", "error": str(exc), "chosen": {}, "document": None}
    except Exception as exc:  # noqa: BLE001 - one crash must not hide the others' figures
        facts = {"status": "failed", "error": f"{type(exc).__name__}: {exc}", "chosen": {}, "document": None}
    facts["paper_id"] = paper_id
    out["facts"] = facts
    if cache is not None:
        cache.save()
    return out


_TABLE = None


def _table():
    global _TABLE
    if _TABLE is None:
        from .hardware import HardwareTable
        _TABLE = HardwareTable.load()
    return _TABLE


# ------------------------------------------------------------------ scoring


def _close(got: float | None, want: float | None, low: float | None = None, high: float | None = None) -> bool:
    if got is None or want is None:
        return False
    if want == 0:
        return got == 0
    if abs(got - want) <= TOL * abs(want):
        return True
    if low is not None and high is not None and low <= high:
        return low * (1 - TOL) <= got <= high * (1 + TOL)
    return False


def _is_tpu_label(label: dict) -> bool:
    return "TPU" in (label.get("chip_model") or "").upper() or label.get("count_unit") in ("tpu_chips", "tpu_cores")


def chips_right(got: dict | None, label: dict) -> bool:
    if not got or got.get("value") is None:
        return False
    g = float(got["value"])
    want = float(label["chip_count"])
    ok = {want}
    if _is_tpu_label(label):
        ok |= {want * 2, want / 2}
    if label.get("count_unit") == "machines":
        ok |= {want * k for k in (1, 2, 4, 8, 16)}
    return any(abs(g - w) < 1e-6 for w in ok)


def _family_of(name: str | None, table, published) -> str | None:
    if not name:
        return None
    low = name.lower()
    if "unspecified" in low or "not stated" in low or "version not" in low:
        if "tpu" in low:
            return "TPU (unspecified)"
        if "cpu" in low:
            return "CPU (unspecified)"
        return "GPU (unspecified)"
    chip = table.match(name, published)
    if chip is not None:
        return chip.family
    if "tpu" in low:
        return "TPU (unspecified)"
    if "cpu" in low or "xeon" in low or "opteron" in low or "epyc" in low:
        return "CPU (unspecified)"
    if "gpu" in low:
        return "GPU (unspecified)"
    return name


def model_right(got: dict | None, label: dict, table, published) -> bool:
    if not got or not got.get("value"):
        return False
    g = _family_of(str(got["value"]), table, published)
    wants = [_family_of(part.strip(), table, published) for part in str(label["chip_model"]).split("/")]
    return g in wants


def hours_right(got: dict | None, label: dict) -> bool:
    if not got or got.get("value") is None:
        return False
    return _close(float(got["value"]), label.get("training_hours"), label.get("training_hours_low"),
                  label.get("training_hours_high"))


def _value_close(got: dict | None, want, tpu: bool = False) -> bool:
    if not got or got.get("value") is None or want is None:
        return False
    g = float(got["value"])
    if _close(g, float(want)) or _close(float(want), g):
        return True
    if got.get("low") is not None and got.get("high") is not None:
        if got["low"] * (1 - TOL) <= float(want) <= got["high"] * (1 + TOL):
            return True
    return tpu and (_close(g * 2, float(want)) or _close(g / 2, float(want)))


def _right_value(field: str, label: dict, table, published):
    """The test a value of ``field`` passes when it is right for ``label`` (None where the label has no value)."""
    if field == "chips" and label.get("chip_count") is not None:
        return lambda g: chips_right(g, label)
    if field == "chip_model" and label.get("chip_model"):
        return lambda g: model_right(g, label, table, published)
    if field == "training_hours" and label.get("training_hours") is not None:
        return lambda g: hours_right(g, label)
    lf = dict(SIZE_LABELS, chip_hours="chip_hours", time_from_steps="time_from_steps").get(field)
    if lf and label.get(lf) is not None:
        tpu = field == "chip_hours" and _is_tpu_label(label)
        return lambda g: _value_close(g, label[lf], tpu)
    return None


def score_paper(facts: dict, label: dict, table, published) -> dict[str, Any]:
    ch = (facts.get("chosen") or {})
    out: dict[str, Any] = {"id": label["arxiv_id"], "status": facts.get("status"), "results": {}, "misses": []}
    res = out["results"]

    def miss(field, expected, got):
        g = ch.get(field) if isinstance(ch.get(field), dict) else None
        right = _right_value(field, label, table, published)
        out["misses"].append({"id": label["arxiv_id"], "field": field, "expected": expected,
                              "got": None if g is None else g.get("value"),
                              "got_unit": None if g is None else g.get("unit"),
                              "page": None if g is None else g.get("page"),
                              "match": None if g is None else g.get("match") or g.get("as_written"),
                              # is the right value among the paper's candidates (a choice to fix) or not (a reading)?
                              "among": None if right is None else any(
                                  right(c) for c in facts.get("candidates") or () if c.get("field") == field)})

    if label.get("states_hardware") and label.get("chip_count") is not None:
        ok = chips_right(ch.get("chips"), label)
        res["chips"] = ok
        if not ok:
            miss("chips", f"{label['chip_count']} {label.get('count_unit')}", None)
    if label.get("chip_model"):
        ok = model_right(ch.get("chip_model"), label, table, published)
        res["chip_model"] = ok
        if not ok:
            miss("chip_model", label["chip_model"], None)
    if label.get("states_time") and label.get("training_hours") is not None:
        ok = hours_right(ch.get("training_hours"), label)
        res["training_hours"] = ok
        if not ok:
            lo, hi = label.get("training_hours_low"), label.get("training_hours_high")
            rng = f" [{lo}-{hi}]" if lo is not None and hi is not None and lo != hi else ""
            miss("training_hours", f"{label['training_hours']} h{rng}", None)
    tpu = _is_tpu_label(label)
    if label.get("chip_hours") is not None:
        ok = _value_close(ch.get("chip_hours"), label["chip_hours"], tpu)
        res["chip_hours"] = ok
        if not ok:
            miss("chip_hours", label["chip_hours"], None)
    if label.get("time_from_steps") is not None:
        ok = _value_close(ch.get("time_from_steps"), label["time_from_steps"])
        res["time_from_steps"] = ok
        if not ok:
            miss("time_from_steps", label["time_from_steps"], None)
    for f, lf in SIZE_LABELS:
        if label.get(lf) is not None:
            res[f] = _value_close(ch.get(f), label[lf])
            if not res[f]:
                miss(f, label[lf], None)
    # a chip model named where the label names none: not in the invented rate (the measure counts
    # counts and durations), but the report shows it as the paper's hardware
    if not label.get("chip_model"):
        given = (ch.get("chip_model") or {}).get("value") is not None
        res["chip_model_unlabelled"] = given
        res["chip_model_unlabelled_specific"] = given and not ch["chip_model"].get("generic")
    # a count or a duration where the label has none, whatever else the paper states (the invented rate
    # counts only papers stating neither hardware nor time)
    if label.get("chip_count") is None:
        res["chips_unlabelled"] = (ch.get("chips") or {}).get("value") is not None
    if label.get("training_hours") is None:
        res["hours_unlabelled"] = (ch.get("training_hours") or {}).get("value") is not None
    # false positives
    if not label.get("states_hardware") and not label.get("states_time"):
        invented = []
        if (ch.get("chips") or {}).get("value") is not None:
            invented.append("chips")
        if (ch.get("training_hours") or {}).get("value") is not None:
            invented.append("training_hours")
        if (ch.get("chip_hours") or {}).get("value") is not None and not _value_close(ch.get("chip_hours"), label.get("chip_hours"), tpu):
            invented.append("chip_hours")
        if (ch.get("time_from_steps") or {}).get("value") is not None and not _value_close(
                ch.get("time_from_steps"), label.get("time_from_steps")):
            invented.append("time_from_steps")
        res["false_positive"] = bool(invented)
        for f in invented:
            miss(f, "nothing (paper states no hardware/time)", None)
    return out


def _audit_paper(audit: dict, s: dict, label: dict, table, published) -> dict[str, str]:
    """The veto audit's class of each missed chips/hours value of one paper (``veto_audit.classify``)."""
    from .veto_audit import AUDIT_FIELDS, classify, split_never_read

    out = {}
    for f in AUDIT_FIELDS:
        if f in s["results"] and not s["results"][f]:
            right = _right_value(f, label, table, published)
            if right is not None:
                out[f] = split_never_read(classify(audit[f]["kept"], audit[f]["vetoed"], right), audit[f]["written"], right,
                                          audit[f]["unread"])
    return out


# ------------------------------------------------------------------ reporting


# values given where the label has none, counted like the invented rate (k given of n papers)
UNLABELLED_FIELDS = {"chip_model_unlabelled": "model, label has none", "chip_model_unlabelled_specific": "  of which specific",
                     "chips_unlabelled": "count, label has none", "hours_unlabelled": "hours, label has none"}
INVENTED_FIELDS = {"false_positive", *UNLABELLED_FIELDS}


def summarize(scored: list[dict]) -> dict[str, Any]:
    fields = ["chips", "chip_model", "training_hours", "false_positive", "chip_hours", "time_from_steps", "parameters",
              "tokens_or_examples", "epochs", "steps", "batch_size", "flops_per_forward", "total_training_flop",
              *UNLABELLED_FIELDS]
    out = {}
    for f in fields:
        vals = [s["results"][f] for s in scored if f in s["results"]]
        n = len(vals)
        k = sum(1 for v in vals if v)
        out[f] = {"right" if f not in INVENTED_FIELDS else "invented": k, "n": n, "rate": (k / n) if n else None}
    return out


MISS_KINDS = ("wrong, right among", "wrong, right absent", "none, right among", "none, right absent")


def miss_kinds(scored: list[dict]) -> dict[str, dict[str, int]]:
    """Misses of labelled values per field by kind: a wrong value or none given, with the right value among
    the paper's candidates (the choice missed it) or absent from them (nothing read it)."""
    out: dict[str, dict[str, int]] = {}
    for s in scored:
        for m in s["misses"]:
            if m.get("among") is None:
                continue
            kind = ("wrong" if m["got"] is not None else "none") + (", right among" if m["among"] else ", right absent")
            out.setdefault(m["field"], dict.fromkeys(MISS_KINDS, 0))[kind] += 1
    return out


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95% Wilson score interval of a rate k/n: how far a figure on a few papers may be from the rate on
    many (16/21 right is 55-89%)."""
    if n == 0:
        return (0.0, 1.0)
    p = k / n
    d = 1 + z * z / n
    mid = (p + z * z / (2 * n)) / d
    half = z * ((p * (1 - p) / n + z * z / (4 * n * n)) ** 0.5) / d
    return (max(0.0, mid - half), min(1.0, mid + half))


def _fmt(summary: dict, f: str) -> str:
    s = summary[f]
    if not s["n"]:
        return "   -    (0)"
    k = s.get("right", s.get("invented"))
    return f"{100 * s['rate']:5.1f}% ({k}/{s['n']})"


# The corpus README: its first 107 papers (meta.csv order) are well-known ones, the 154 after them random arXiv
# ML papers, like the ones users bring. The rules were written reading the development papers of both, so the
# "added" papers of the blind split are the closest the corpus comes to what a user meets.
WELL_KNOWN_FIRST = 107
ORIGINS = ("dev, well-known", "dev, added", "blind, well-known", "blind, added")
ORIGIN_FIELDS = ("chips", "chip_model", "training_hours", "false_positive", "parameters", "tokens_or_examples",
                 "chips_unlabelled", "hours_unlabelled")


def origin_of(paper_id: str, order: list[str], well_known_first: int = WELL_KNOWN_FIRST) -> str | None:
    """'blind, added' etc. for a paper of meta.csv; None for a paper meta.csv does not list."""
    try:
        k = order.index(paper_id)
    except ValueError:
        return None
    kind = "well-known" if k < well_known_first else "added"
    return f"{'blind' if is_blind(paper_id) else 'dev'}, {kind}"


def _read_meta(path: Path | None) -> dict[str, str]:
    if path is None or not path.exists():
        return {}
    with open(path, newline="", encoding="utf-8") as fh:
        return {r["arxiv_id"]: r.get("published") or "" for r in csv.DictReader(fh)}


def _timing(results: list[dict], wall: float, jobs: int) -> dict[str, Any]:
    docs = [r["facts"].get("document") or {} for r in results]
    t = {
        "papers": len(results),
        "failed": sum(1 for r in results if r["facts"].get("status") != "ok"),
        "jobs": jobs,
        "total_seconds": round(wall, 2),
        "pages": sum(d.get("pages", 0) for d in docs),
        "pages_read_cheaply": sum(d.get("pages_read_cheaply", 0) for d in docs),
        "pages_read_carefully": sum(len(d.get("pages_read_carefully", [])) for d in docs),
        "cheap_seconds": round(sum(d.get("cheap_seconds", 0) for d in docs), 2),
        "careful_seconds": round(sum(d.get("careful_seconds", 0) for d in docs), 2),
        "extract_seconds": round(sum(d.get("extract_seconds", 0) for d in docs), 2),
    }
    t["cpu_seconds"] = round(t["cheap_seconds"] + t["careful_seconds"] + t["extract_seconds"], 2)
    n = max(1, len(results))
    t["seconds_per_cheap_page"] = round(t["cheap_seconds"] / max(1, t["pages_read_cheaply"]), 4)
    t["seconds_per_careful_page"] = round(t["careful_seconds"] / max(1, t["pages_read_carefully"]), 4)
    t["seconds_per_paper"] = round(t["cpu_seconds"] / n, 3)
    t["per_paper"] = {k: round(t[f"{k}_seconds"] / n, 3) for k in ("cheap", "careful", "extract")}
    return t


# ------------------------------------------------------------------ the ranker, measured


def label_groups(items: list[dict], table) -> dict[str, list]:
    """Per ranked field, one group per paper: each candidate's features and whether its value is right
    by the scoring rules (a paper that states nothing makes every candidate wrong)."""
    from .extraction.ranker import Group, anchor_features

    groups: dict[str, list] = {"chips": [], "training_hours": [], "chip_model": []}
    for it in items:
        gen, label, pub = it["gen"], it["label"], it["published"]
        c_chips = gen.all_c.get("chips", [])
        c_hours = gen.all_c.get("training_hours", [])
        c_models = gen.all_c.get("chip_model", [])
        stated_hw = bool(label.get("states_hardware")) and label.get("chip_count") is not None
        if stated_hw or not label.get("states_hardware"):
            groups["chips"].append(Group(it["id"], [c.feats for c in c_chips],
                                         [int(stated_hw and chips_right({"value": c.value}, label)) for c in c_chips]))
        stated_t = bool(label.get("states_time")) and label.get("training_hours") is not None
        if stated_t or not label.get("states_time"):
            groups["training_hours"].append(Group(it["id"], [c.feats for c in c_hours],
                                                  [int(stated_t and hours_right({"value": c.value}, label)) for c in c_hours]))
        if label.get("chip_model"):
            a_chips = next((c for c in c_chips if c.feats.get("rule_choice")), None)
            a_hours = next((c for c in c_hours if c.feats.get("rule_choice")), None)
            groups["chip_model"].append(Group(
                it["id"], [{**c.feats, **anchor_features(c, a_chips, a_hours)} for c in c_models],
                [int(model_right({"value": c.value}, label, table, pub)) for c in c_models]))
    return groups


def fit_on(items: list[dict], table, **kw):
    from .extraction.ranker import fit_ranker

    return fit_ranker(label_groups(items, table), **kw)


def _score_variant(items: list[dict], table, rankers: dict[str, Any]) -> list[dict]:
    """Score each paper with the ranker assigned to it (``rankers[id]``; None = the hand-set rules)."""
    from .extraction import decide

    out = []
    for it in items:
        chosen = decide(it["gen"], rankers.get(it["id"]))
        s = score_paper({"status": "ok", "chosen": chosen}, it["label"], table, it["published"])
        s["blind"] = is_blind(it["id"])
        s["chosen"] = chosen
        out.append(s)
    return out


CALIBRATION_BANDS = ((0.8, 1.01, ">= 0.8"), (0.5, 0.8, "0.5-0.8"), (0.0, 0.5, "< 0.5"))


def calibration(scored: list[dict], items: list[dict], table) -> dict[str, list[dict]]:
    """Per field, the values given in each confidence band: how many, and how many are right (a value
    given for a paper that states none is wrong; values the labels cannot judge are left out)."""
    by_id = {it["id"]: it for it in items}
    out: dict[str, list[dict]] = {}
    for f in ("chips", "chip_model", "training_hours", "chip_hours"):
        rows = [{"band": name, "given": 0, "right": 0} for _, _, name in CALIBRATION_BANDS]
        for s in scored:
            got = (s.get("chosen") or {}).get(f)
            if not got or got.get("value") is None:
                continue
            label = by_id[s["id"]]["label"]
            silent = not label.get("states_hardware") and not label.get("states_time")
            if f == "chip_model":
                if label.get("chip_model"):
                    ok = model_right(got, label, table, by_id[s["id"]]["published"])
                elif silent:
                    ok = False  # a chip named for a paper that names none for its training
                else:
                    continue
            elif f == "chip_hours":
                if label.get("chip_hours") is not None:
                    ok = _value_close(got, label["chip_hours"], _is_tpu_label(label))
                elif silent:
                    ok = False
                else:
                    continue
            elif f == "chips":
                ok = f in s["results"] and s["results"][f] if label.get("states_hardware") else False
            else:
                ok = f in s["results"] and s["results"][f] if label.get("states_time") else False
            conf = float(got.get("confidence") or 0.0)
            for row, (lo, hi, _) in zip(rows, CALIBRATION_BANDS):
                if lo <= conf < hi:
                    row["given"] += 1
                    row["right"] += int(bool(ok))
        out[f] = rows
    return out


def cross_validate(items: list[dict], table, folds: int, **kw) -> dict[str, Any]:
    """Ranker vs rules: k-fold over all papers, and the blind split with a ranker fitted on the rest."""
    from .extraction.ranker import fold_of

    assign: dict[str, Any] = {}
    for k in range(folds):
        train = [it for it in items if fold_of(it["id"], folds) != k]
        ranker = fit_on(train, table, **kw)
        for it in items:
            if fold_of(it["id"], folds) == k:
                assign[it["id"]] = ranker
    cv = _score_variant(items, table, assign)
    rules = _score_variant(items, table, {})
    not_blind = [it for it in items if not is_blind(it["id"])]
    blind_ranker = fit_on(not_blind, table, **kw)
    blind = _score_variant([it for it in items if is_blind(it["id"])], table,
                           {it["id"]: blind_ranker for it in items})
    rules_blind = [s for s in rules if s["blind"]]
    return {
        "folds": folds,
        "splits": {"ranker, cross-validated": summarize(cv), "rules, all papers": summarize(rules),
                   "ranker, blind": summarize(blind), "rules, blind": summarize(rules_blind)},
        "calibration": {"ranker, cross-validated": calibration(cv, items, table),
                        "ranker, blind": calibration(blind, items, table),
                        "rules, all papers": calibration(rules, items, table)},
        "scored": {"cv": cv, "rules": rules},
    }


# ------------------------------------------------------------------ sizes (method-1 inputs)
# The size values are chosen by hand-written rules (aicompute.sizes); what is fitted to labels is their
# confidence model (sizes_confidence.json). Cross-validated here: fitted on k-1 folds, scored on the k-th.

SIZE_LABELS = (("parameters", "parameters"), ("tokens_or_examples", "tokens_or_examples"), ("epochs", "epochs"),
               ("steps", "steps"), ("batch_size", "batch_size"), ("flops_per_forward", "flops_per_forward"),
               ("total_training_flop", "total_training_flop_stated"))


def size_records(facts: dict, label: dict) -> list[dict]:
    """One record per size value the paper was given: right by the scoring rules (a value for a field the
    label leaves empty is not right), the shipped confidence and the confidence model's features."""
    from .sizes import fact_features

    ch = facts.get("chosen") or {}
    out = []
    for f, lf in SIZE_LABELS:
        got = ch.get(f)
        if not isinstance(got, dict) or got.get("value") is None:
            continue
        want = label.get(lf)
        out.append({"id": label["arxiv_id"], "field": f, "labelled": want is not None,
                    "right": bool(want is not None and _value_close(got, want)),
                    "confidence": float(got.get("confidence") or 0.0), "x": fact_features(f, got)})
    return out


def _size_bands(recs: list[dict], key: str = "confidence") -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for f in [f for f, _ in SIZE_LABELS] + ["all"]:
        rows = [{"band": name, "given": 0, "right": 0} for _, _, name in CALIBRATION_BANDS]
        for r in recs:
            if f != "all" and r["field"] != f:
                continue
            for row, (lo, hi, _) in zip(rows, CALIBRATION_BANDS):
                if lo <= r[key] < hi:
                    row["given"] += 1
                    row["right"] += int(r["right"])
        out[f] = rows
    return out


def size_cross_validate(recs: list[dict], folds: int) -> dict[str, Any]:
    """The size confidence model fitted on k-1 folds of papers and scored on the k-th (all papers), and
    fitted on the non-blind papers and scored on the blind ones, each with the top-band cap decided on its
    own training papers; calibration tables of both, and of the shipped weights on the blind papers."""
    import math

    from .extraction.ranker import fold_of
    from .sizes import fit_logistic

    def prob(w, x):
        z = sum(a * b for a, b in zip(w, x))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def fit_capped(train: list[dict]) -> tuple[list[float], float]:
        """Weights, and the cap fit-confidence would set: < 0.8 unless an inner cross-validation of the
        training papers puts >= 95% right in the top band (as ``aicompute.sizes fit-confidence`` does)."""
        from .sizes import TOP_BAND_PRECISION

        inner = []
        for j in range(folds):
            tr = [r for r in train if fold_of(r["id"] + "/inner", folds) != j]
            te = [r for r in train if fold_of(r["id"] + "/inner", folds) == j]
            if tr and te:
                wi = fit_logistic([r["x"] for r in tr], [r["right"] for r in tr])
                inner += [r["right"] for r in te if prob(wi, r["x"]) >= 0.8]
        cap = 0.98 if inner and sum(inner) / len(inner) >= TOP_BAND_PRECISION else 0.79
        return fit_logistic([r["x"] for r in train], [r["right"] for r in train]), cap

    cv = []
    for k in range(folds):
        train = [r for r in recs if fold_of(r["id"], folds) != k]
        test = [r for r in recs if fold_of(r["id"], folds) == k]
        if not test:
            continue
        w, cap = fit_capped(train) if train else (None, 0.0)
        cv += [{**r, "cv_confidence": min(cap, prob(w, r["x"])) if w else 0.0} for r in test]
    dev = [r for r in recs if not is_blind(r["id"])]
    wb, capb = fit_capped(dev) if dev else (None, 0.0)
    blind = [{**r, "cv_confidence": min(capb, prob(wb, r["x"])) if wb else 0.0} for r in recs if is_blind(r["id"])]
    return {"folds": folds,
            "calibration": {"cross-validated, all papers": _size_bands(cv, "cv_confidence"),
                            "blind (fitted on the others)": _size_bands(blind, "cv_confidence"),
                            "shipped weights, blind": _size_bands([r for r in recs if is_blind(r["id"])])},
            "unlabelled": {sp: {f: sum(1 for r in rs if r["field"] == f and not r["labelled"]) for f, _ in SIZE_LABELS}
                           for sp, rs in (("not blind", dev), ("blind", [r for r in recs if is_blind(r["id"])]))}}


def print_size_cv(scv: dict, out=sys.stdout) -> None:
    p = lambda *a: print(*a, file=out)  # noqa: E731
    p("")
    p(f"Sizes: values given for a field the label leaves empty (candidate inventions), not blind / blind:")
    p("  " + ", ".join(f"{f} {scv['unlabelled']['not blind'][f]}/{scv['unlabelled']['blind'][f]}" for f, _ in SIZE_LABELS))
    for name, cal in scv["calibration"].items():
        p("")
        p(f"Size confidence ({name}; {scv['folds']} folds): values given per band, right / given "
          "(a value for a field the label leaves empty counts as wrong)")
        p(f"  {'field':<20}" + "".join(f"{b:>18}" for _, _, b in CALIBRATION_BANDS))
        for f, rows in cal.items():
            cells = [f"{r['right']}/{r['given']}" + (f" ({100 * r['right'] / r['given']:.0f}%)" if r["given"] else "")
                     for r in rows]
            p(f"  {f:<20}" + "".join(f"{c:>18}" for c in cells))


def evaluate(pdfs: Path, labels: Path, meta: Path | None = None, ids: list[str] | None = None, jobs: int = 2,
             careful_pages: int | None = None, holdout_every: int = 0, cache: Path | None = None,
             folds: int = 0, fit_ranker_to: Path | None = None, keep_vetoed: bool = False,
             veto_audit: bool = False) -> dict[str, Any]:
    from .hardware import HardwareTable
    from .pdftext import DEFAULT_CAREFUL_PAGES

    table = HardwareTable.load()
    published = _read_meta(meta)
    label_ids = sorted(p.stem for p in labels.glob("*.json"))
    all_ids = [i for i in label_ids if (pdfs / f"{i}.pdf").exists()]
    heldout = set()
    if holdout_every and holdout_every > 1:
        heldout = {i for k, i in enumerate(all_ids) if k % holdout_every == holdout_every - 1}
    run_ids = [i for i in all_ids if not ids or i in ids]
    careful = careful_pages or DEFAULT_CAREFUL_PAGES
    keep_gen = bool(folds or fit_ranker_to)
    work = [(str(pdfs / f"{i}.pdf"), i, published.get(i) or None, careful, str(cache) if cache else None, keep_gen,
             keep_vetoed, veto_audit) for i in run_ids]
    t0 = time.perf_counter()
    if jobs > 1 and len(work) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as ex:
            results = list(ex.map(_run_one, work, chunksize=1))
    else:
        results = [_run_one(w) for w in work]
    wall = time.perf_counter() - t0
    scored = []
    items = []
    for r in results:
        facts = r["facts"]
        pid = facts["paper_id"]
        label = json.loads((labels / f"{pid}.json").read_text(encoding="utf-8"))
        pub = dt.date.fromisoformat(published[pid]) if published.get(pid) else None
        s = score_paper(facts, label, table, pub)
        s["heldout"] = pid in heldout
        s["blind"] = is_blind(pid)
        s["facts"] = facts
        s["size_records"] = size_records(facts, label) if facts.get("status") == "ok" else []
        if r.get("audit") is not None:
            s["veto_audit"] = _audit_paper(r["audit"], s, label, table, pub)
        scored.append(s)
        if r.get("gen") is not None:
            items.append({"id": pid, "gen": r["gen"], "label": label, "published": pub})
    timing = _timing(results, wall, jobs)
    splits = {"all": summarize(scored)}
    splits["not blind"] = summarize([s for s in scored if not s["blind"]])
    splits["blind"] = summarize([s for s in scored if s["blind"]])
    if heldout:
        splits["dev"] = summarize([s for s in scored if not s["heldout"]])
        splits["held-out"] = summarize([s for s in scored if s["heldout"]])
    report = {"splits": splits, "timing": timing, "papers": scored, "heldout_ids": sorted(heldout & set(run_ids)),
              "miss_kinds": {"not blind": miss_kinds([s for s in scored if not s["blind"]]),
                             "blind": miss_kinds([s for s in scored if s["blind"]])}}
    if veto_audit:
        from .veto_audit import audit_counts, given_counts

        report["veto_audit"] = audit_counts([{"field": f, "split": "blind" if s["blind"] else "not blind", "class": cls}
                                             for s in scored for f, cls in (s.get("veto_audit") or {}).items()])
        report["hours_given_by_reason"] = given_counts([
            {"split": "blind" if s["blind"] else "not blind", "right": bool(s["results"].get("training_hours")),
             "why": ((s["facts"].get("chosen") or {}).get("training_hours") or {}).get("why") or ""}
            for s in scored if ((s["facts"].get("chosen") or {}).get("training_hours") or {}).get("value") is not None])
    order = list(published)  # meta.csv order
    if order:
        for s in scored:
            s["origin"] = origin_of(s["id"], order)
        report["origins"] = {o: summarize([s for s in scored if s.get("origin") == o]) for o in ORIGINS}
    if folds and items:
        report["cv"] = cross_validate(items, table, folds)
    if folds:
        report["size_cv"] = size_cross_validate([r for s in scored for r in s["size_records"]], folds)
    if fit_ranker_to is not None and items:
        train = [it for it in items if not is_blind(it["id"])]
        ranker = fit_on(train, table, meta={"fitted_on": f"{len(train)} labelled papers (the non-blind part of the corpus)"})
        ranker.save(fit_ranker_to)
        report["fitted"] = str(fit_ranker_to)
    return report


def print_report(report: dict, out=sys.stdout, show_blind: bool = False) -> None:
    splits = report["splits"]
    names = [n for n in ("dev", "held-out", "not blind", "blind", "all") if n in splits]
    p = lambda *a: print(*a, file=out)  # noqa: E731
    p("Per-field accuracy (right / papers that state it):")
    p(f"  {'field':<22}" + "".join(f"{n:>20}" for n in names))
    for f in ("chips", "chip_model", "training_hours", "false_positive", "chip_hours", "time_from_steps", "parameters",
              "tokens_or_examples", "epochs", "steps", "batch_size", "flops_per_forward", "total_training_flop",
              *UNLABELLED_FIELDS):
        label = UNLABELLED_FIELDS.get(f) or (f if f != "false_positive" else "false_pos (invented)")
        p(f"  {label:<22}" + "".join(f"{_fmt(splits[n], f):>20}" for n in names))
    if "blind" in splits:
        cells = []
        for f in ("chips", "chip_model", "training_hours", "false_positive", "parameters", "tokens_or_examples"):
            sm = splits["blind"][f]
            if sm["n"]:
                lo, hi = wilson(sm.get("right", sm.get("invented")), sm["n"])
                cells.append(f"{f} {100 * lo:.0f}-{100 * hi:.0f}%")
        p("  blind, 95% interval (Wilson; few papers): " + ", ".join(cells))
    if report.get("origins"):
        p(f"  by origin (meta.csv order: the first {WELL_KNOWN_FIRST} well-known papers, then the added random arXiv ML papers):")
        p(f"  {'field':<22}" + "".join(f"{o:>20}" for o in ORIGINS))
        for f in ORIGIN_FIELDS:
            label = UNLABELLED_FIELDS.get(f) or (f if f != "false_positive" else "false_pos (invented)")
            p(f"  {label:<22}" + "".join(f"{_fmt(report['origins'][o], f):>20}" for o in ORIGINS))
    if report.get("miss_kinds"):
        p("  misses by kind (right value among the candidates: the choice missed it; absent: nothing read it):")
        p(f"  {'field':<22}{'split':<11}" + "".join(f"{k:>21}" for k in MISS_KINDS))
        for f in dict.fromkeys(f for kinds in report["miss_kinds"].values() for f in kinds):
            for split, kinds in report["miss_kinds"].items():
                if f in kinds:
                    p(f"  {f:<22}{split:<11}" + "".join(f"{kinds[f][k]:>21}" for k in MISS_KINDS))
    if report.get("veto_audit") is not None:
        from .veto_audit import format_counts

        p("")
        for line in format_counts(report["veto_audit"]):
            p(line)
        if report.get("hours_given_by_reason"):
            from .veto_audit import format_given

            p("")
            for line in format_given(report["hours_given_by_reason"]):
                p(line)
    p("")
    p("Misses (id, field, expected, got, page):")
    hidden = 0
    for s in sorted(report["papers"], key=lambda s: s["id"]):
        if s.get("blind") and not show_blind:
            hidden += 1
            continue
        tag = " [held-out]" if s.get("heldout") else ""
        if s["status"] != "ok":
            p(f"  {s['id']}{tag}  FAILED: {s['facts'].get('error')}")
        for m in s["misses"]:
            got = m["got"]
            got_s = "-" if got is None else f"{got}{' ' + m['got_unit'] if m.get('got_unit') and m['got_unit'] != 'hours' else ''}"
            match = f"  ({m['match']!r})" if m.get("match") else ""
            p(f"  {s['id']}{tag}  {m['field']:<16} expected {m['expected']!s:<28} got {got_s:<18} p.{m['page'] or '-'}{match}")
    if hidden:
        p(f"  ({hidden} blind papers not shown: their misses are read only at the end, with --show-blind)")
    t = report["timing"]
    p("")
    p(f"Timing: {t['papers']} papers ({t['failed']} failed) in {t['total_seconds']} s wall with {t['jobs']} job(s); "
      f"{t['cpu_seconds']} s of work, {t['seconds_per_paper']} s per paper")
    p(f"  pages: {t['pages']} in the PDFs, {t['pages_read_cheaply']} read cheaply ({t['seconds_per_cheap_page']} s/page, "
      f"{t['cheap_seconds']} s), {t['pages_read_carefully']} read carefully ({t['seconds_per_careful_page']} s/page, "
      f"{t['careful_seconds']} s)")
    if "per_paper" in t:
        pp = t["per_paper"]
        p(f"  CPU per paper: {t['seconds_per_paper']} s = cheap pass {pp['cheap']} s + careful pass {pp['careful']} s "
          f"+ extraction {pp['extract']} s (CPU seconds; with --cache, parsing as measured when the pages were first read)")
    if "cv" in report:
        print_cv(report["cv"], out)
    if "size_cv" in report:
        print_size_cv(report["size_cv"], out)
    p("")
    # judged on the blind split when there is one: the rules were written reading the other papers, so only the
    # blind figure says what an unseen paper will score ("all" mixes in the papers the rules were tuned on)
    judge = "blind" if "blind" in splits else "all"
    p(f"Targets (judged on {'the blind split' if judge == 'blind' else 'all papers'}"
      + (", dev and held-out shown" if len(names) > 1 else "") + "):")
    for f, (desc, thr, op) in TARGETS.items():
        parts = []
        for n in names:
            r = splits[n][f]["rate"]
            parts.append(f"{n} {'-' if r is None else f'{100 * r:.1f}%'}")
        verdicts = []
        for n in dict.fromkeys((judge, "all")):
            r = splits[n][f]["rate"]
            met = r is not None and (r >= thr if op == ">=" else r <= thr)
            verdicts.append(("met" if met else "NOT MET") + ("" if n == judge else f" on {n} papers"))
        p(f"  {desc} {op} {100 * thr:.0f}%: {verdicts[0]}{f' ({verdicts[1]})' if len(verdicts) > 1 else ''} ({', '.join(parts)})")


def print_cv(cv: dict, out=sys.stdout) -> None:
    p = lambda *a: print(*a, file=out)  # noqa: E731
    names = list(cv["splits"])
    p("")
    p(f"Learned ranker vs hand-set rules ({cv['folds']}-fold cross-validation over all papers; the blind split "
      f"scored by a ranker fitted on the other papers):")
    p(f"  {'field':<22}" + "".join(f"{n:>26}" for n in names))
    for f in ("chips", "chip_model", "training_hours", "false_positive", "chip_hours", "time_from_steps", *UNLABELLED_FIELDS):
        label = UNLABELLED_FIELDS.get(f) or (f if f != "false_positive" else "false_pos (invented)")
        p(f"  {label:<22}" + "".join(f"{_fmt(cv['splits'][n], f):>26}" for n in names))
    for name, cal in cv["calibration"].items():
        p("")
        p(f"Calibration ({name}): values given per confidence band, right / given")
        p(f"  {'field':<16}" + "".join(f"{b:>18}" for _, _, b in CALIBRATION_BANDS))
        for f, rows in cal.items():
            cells = [f"{r['right']}/{r['given']}" + (f" ({100 * r['right'] / r['given']:.0f}%)" if r["given"] else "")
                     for r in rows]
            p(f"  {f:<16}" + "".join(f"{c:>18}" for c in cells))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="aicompute-eval", description="Measure extraction against hand-checked labels.")
    ap.add_argument("--pdfs", type=Path, required=True)
    ap.add_argument("--labels", type=Path, required=True)
    ap.add_argument("--meta", type=Path, default=None)
    ap.add_argument("--ids", nargs="*", default=None)
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument("--json", type=Path, default=None, help="write the full report (facts included) here")
    ap.add_argument("--careful-pages", type=int, default=None)
    ap.add_argument("--holdout-every", type=int, default=0,
                    help="report a held-out split: every k-th id (sorted), starting with the k-th")
    ap.add_argument("--show-blind", action="store_true",
                    help="also print the misses of the blind split (read them only once the rules are final)")
    ap.add_argument("--cache", type=Path, default=None,
                    help="keep parsed pages here (keyed by the PDF's sha256 and the parser's source) and reuse them")
    ap.add_argument("--folds", type=int, default=0,
                    help="also measure the learned ranker by k-fold cross-validation (and on the blind split)")
    ap.add_argument("--fit-ranker", type=Path, default=None,
                    help="fit the ranker on the non-blind papers and write its weights here")
    ap.add_argument("--keep-vetoed", action="store_true",
                    help="measurement only: keep the phrases the generators drop outright as low-scored candidates "
                         "(what the hard vetoes cost; not the shipped behaviour)")
    ap.add_argument("--veto-audit", action="store_true",
                    help="count, per field and split, where each missed chip count / training time was lost: read and "
                         "kept, read and capped/flagged (by reason), dropped by a hard veto (by name), or never read")
    a = ap.parse_args(argv)
    if not a.pdfs.is_dir() or not a.labels.is_dir():
        print(f"error: {a.pdfs if not a.pdfs.is_dir() else a.labels} is not a directory", file=sys.stderr)
        return 2
    report = evaluate(a.pdfs, a.labels, a.meta, a.ids, a.jobs, a.careful_pages, a.holdout_every, a.cache,
                      a.folds, a.fit_ranker, a.keep_vetoed, a.veto_audit)
    print_report(report, show_blind=a.show_blind)
    if a.fit_ranker:
        print(f"\nRanker weights written to {a.fit_ranker}")
    if a.json:
        cv = report.get("cv")
        if cv:
            cv.pop("scored", None)
        a.json.write_text(json.dumps(report, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
