"""Facts about a paper's main training run, with evidence: accelerators, time, and method-1 inputs.

``extract_facts(pdf)`` reads the PDF (``pdftext``: cheap pass over all pages, careful pass over the
pages that talk about hardware/time/size), finds *candidates* in every sentence, scores each one from
its context, and *chooses* one value per field. Everything is general linguistic evidence; nothing is
keyed to particular papers. One module per fact, over one small core:

- ``context``: the cues of a sentence (training or inference, ours or others', hypothetical, section);
- ``core``: the candidate (``Cand``) and the hand-set choice among candidates (``best``);
- ``counts``: chip counts; ``chip_models``: the accelerator; ``durations``: wall-clock training time
  and time from per-step rates; ``device_hours``: device-time products; ``precision``;
- method-1 sizes (parameters, tokens, epochs, ...) come from ``aicompute.sizes`` (one call, ``extract_sizes``);
- ``choose``: the hand-set choice of the main run; ``ranker``: the learned one.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..pdftext import DEFAULT_CAREFUL_PAGES, Document, DocumentError, Sentence, default_page_score, read_pdf
from .chip_models import model_cands
from .choose import choose_ranked, choose_rules, complete
from .context import (continues_previous_run, is_survey, make_ctx, model_key, named_clause_run, named_others_run, neighbour_cues, own_model_keys,
                      previous_sentence_activity, previous_sentence_cues, setup_table)
from .core import Cand
from .counts import count_cands, count_column_cands, table_count_cands
from .device_hours import device_hour_cands
from .durations import (OURS_ROW_WHY, OWN_SYSTEM_WHY, SEVERAL_SYSTEMS_PENALTY, SEVERAL_SYSTEMS_WHY, duration_cands,
                        header_unit_cands, non_training_job, rate_cands, stage_sum_across, system_of, table_column_cands,
                        table_duration_cands)
from .precision import precision_cands
from .ranker import RANKED_FIELDS, annotate, default_ranker
from ..sizes import extract_sizes
from ..sizes.core import another_works_run

SCHEMA = "aicompute.facts/1"
KEEP_PER_FIELD = 10  # candidates kept per field in facts.json (best first)

__all__ = ["extract_facts", "extract_from_sentences", "is_survey", "DocumentError", "SCHEMA"]


def page_scorer(hardware, published):
    def score(text: str) -> float:
        s = default_page_score(text)
        if hardware is not None and text:
            s += 3.0 * min(6, len(hardware.find(text, published)))
        return s
    return score


@dataclass
class Generated:
    """Everything found in a document before the choice: candidates per field (hand-scored, with the
    ranker's features), the chosen size fields and their candidates, the hand-set choice."""

    all_c: dict[str, list[Cand]]
    sizes: dict[str, Any]
    size_cands: list[dict]
    rule_chosen: dict[str, Any]
    paper: dict[str, Any]


# A sentence can state a count, a chip, a duration, a product, a size or a precision only if it has one
# of these words (a cheap first test: most sentences of a paper have none).
_DEVICE_WORDS = ("gpu", "tpu", "cpu", "ipu", "npu", "hpu", "mlu", "xpu", "gaudi", "ascend", "graphcore", "trainium", "inferentia", "cerebras", "kunlun", "accelerat", "chip", "card", "device", "machine", "node", "server",
                 "core", "worker", "cluster", "instance", "host", "workstation", "computer", "replica", "processor",
                 "xeon", "epyc", "opteron", "titan", "tesla", "geforce", "quadro", "radeon", "rtx", "gtx", "nvidia", "dgx",
                 "sec", "min", "hour", "hr", "day", "week", "month", "year", "flop", "multipl", "mac", "pfs", "petaflop",
                 "precision", "fp16", "fp32", "bf16", "bfloat", "float", "amp", "apex")
_SIZE_WORDS = ("param", "token", "word", "image", "example", "sample", "sentence", "pair", "clip", "video", "frame",
               "utterance", "document", "epoch", "step", "iter", "update", "batch", "game", "episode", "character", "piece")
_CODE_HINT = re.compile(r"[A-Z]{1,3}-?\d{2,4}|\d\s*[hs]\b|[(\[]\s*h\s*[)\]]|\d\s*[hm]\s*\d{2}\b|[~≈]\s?\d+(?:\.\d+)?\s?d\b|"
                        r"(?i:time|took|takes):?\s\d+(?:\.\d+)?\s?d\b")  # (and "13m38", "6h15", "~2d", "Training time 3d")
_NUMBER_HINT = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
                          r"thirty|forty|fifty|sixty|hundred|thousand|million|billion|dozen|single|couple)\b")


def _worth_reading(text: str, hardware=None) -> bool:
    low = text.lower()
    if any(w in low for w in _DEVICE_WORDS) or _CODE_HINT.search(text):
        return True
    if any(w in low for w in _SIZE_WORDS) and _NUMBER_HINT.search(low):
        return True
    # a chip the hardware table knows, named with no device word or code-shaped name ("trained with two 1080Ti"):
    # the table, not the word list above, says which names are chips
    return hardware is not None and _NUMBER_HINT.search(low) is not None and bool(hardware.find(text))


def generate(sentences: list[Sentence], hardware=None, published=None, survey: bool = False,
             doc: Document | None = None) -> Generated:
    all_c: dict[str, list[Cand]] = defaultdict(list)
    kept = [s for s in sentences if s.section != "references"]
    read = [i for i, s in enumerate(kept) if _worth_reading(s.text, hardware)]
    ctxs = []
    for i in read:
        c = make_ctx(kept[i], hardware, published)
        c.survey = survey
        if kept[i].kind == "table":
            c.setup_table = setup_table(kept, i)
        for j in (i - 1, i + 1):
            if 0 <= j < len(kept) and kept[j].page == c.s.page:
                infer, names_hw = neighbour_cues(kept[j].text)
                c.neighbor_infer |= infer
                c.neighbor_hw |= names_hw
        if i > 0 and kept[i - 1].page == c.s.page and kept[i - 1].kind == "text" == c.s.kind:
            c.prev_ours, c.prev_trains = previous_sentence_cues(kept[i - 1].text)
            c.prev_text = kept[i - 1].text  # (hw15) the run length a following duration may be the time of
            if continues_previous_run(c.s.text):  # "This takes 3 hours": the previous sentence's activity
                c.continues_infer, c.continues_other = previous_sentence_activity(kept[i - 1].text)
        ctxs.append(c)
    for c in ctxs:
        cands: list[Cand] = []
        cands += count_cands(c, hardware, published)
        cands += table_count_cands(c)
        cands += duration_cands(c)
        cands += table_duration_cands(c)
        cands += device_hour_cands(c)
        cands += model_cands(c, hardware)
        cands += precision_cands(c)
        cands += rate_cands(c)
        for cd in cands:
            cd.ctx = c
            cd.extra["_pretrain"] = c.pretrain
            cd.extra["_finetune_only"] = c.finetune and not c.pretrain
            all_c[cd.field].append(cd)
    for cd in stage_sum_across(all_c["training_hours"]):
        cd.extra["_pretrain"] = cd.ctx.pretrain
        cd.extra["_finetune_only"] = False
        all_c["training_hours"].append(cd)
    # durations under a training-time column header (the header row itself states no value)
    row_ctx = {id(c.s): c for c in ctxs}
    position = {id(s): i for i, s in enumerate(kept)}

    def _row(s: Sentence):
        if id(s) not in row_ctx:
            row_ctx[id(s)] = make_ctx(s, hardware, published)
            if s.kind == "table":
                row_ctx[id(s)].setup_table = setup_table(kept, position[id(s)])
        return row_ctx[id(s)]

    # and bare cells under a header that carries the unit ("Training time (h)", "GPU hours")
    for cd in table_column_cands(kept, _row) + header_unit_cands(kept, _row) + count_column_cands(kept, _row):
        cd.ctx = row_ctx.get(id(next((s for s in kept if s.index == cd.sent_index), None)))
        cd.extra["_pretrain"] = cd.ctx.pretrain if cd.ctx is not None else False
        cd.extra["_finetune_only"] = cd.ctx is not None and cd.ctx.finetune and not cd.ctx.pretrain
        all_c[cd.field].append(cd)
    title = (doc.cheap_text[0] or "")[:TITLE_CHARS] if doc is not None and doc.cheap_text else ""
    _discount_named_others_runs(all_c, kept, title)
    _discount_modal_values(all_c)
    _own_system_of_several(all_c, kept, title)
    _own_named_rows(all_c, kept, title)
    _share_non_training_job(all_c)
    _extended_later(all_c, kept)
    # method-1 sizes (parameters, tokens, epochs, ...): aicompute.sizes reads sentences and tables
    sizes, size_cands = extract_sizes(sentences, doc, published, survey=survey)
    rule_chosen = choose_rules(all_c, sizes)
    n_pages = doc.n_pages if doc is not None else max((s.page for s in sentences), default=1)
    paper = {"n_pages": n_pages, "survey": survey, "sentences": len(sentences),
             "strong_hw": any(c.ctx.strong_train and c.ctx.we and c.score > 2.0 for c in all_c["chips"])}
    annotate(all_c, paper)
    for c in (x for f in all_c.values() for x in f):
        c.extra.pop("_pretrain", None)
        c.extra.pop("_finetune_only", None)
        c.extra["_kind"] = c.extra.pop("kind", None)
        c.ctx = None
    return Generated(dict(all_c), sizes, size_cands, rule_chosen, paper)


NAMED_RUN_PENALTY = 4.5  # as for "could be trained ..." (not said of our run): below the choice threshold


TITLE_CHARS = 200  # the start of the first page: the title (and an arXiv stamp, authors)


def _discount_named_others_runs(all_c, sentences, title: str) -> None:
    """'GPT-3 was trained on 10,000 V100 GPUs': the hardware and time of a run the sentence names by another
    model's name are not this paper's (unless the paper calls that name its own)."""
    named, clause = {}, {}
    for f in ("chips", "training_hours", "chip_hours", "chip_model", "rate"):
        for cd in all_c.get(f, ()):
            c = cd.ctx
            if c is not None and id(c) not in named:
                named[id(c)] = named_others_run(c)
                clause[id(c)] = named_clause_run(c)  # "..., LLaMA-2, which was trained on ...": after its start
    # "Following LLaMA, which trained on 2048 A100 GPUs, we ...", "Like GPT-3 (trained on 10,000 V100 GPUs), our ...":
    # a value in a modifier of another work's model (the sizes' reading of the same class)
    modifier, places = {}, {}
    for f in ("chips", "training_hours", "chip_hours", "chip_model", "rate"):
        for cd in all_c.get(f, ()):
            # (every place the value is written as a token: "8" of "8 GPUs" is no "2048", "5 days" no "2.5 days";
            # written twice, both)
            at = [m.start() for m in re.finditer(r"(?<![\w.,])" + re.escape(cd.match) + r"(?![\w]|[.,]\d)", cd.sentence)] \
                if cd.match else []
            places[id(cd)] = at
            if at and all(another_works_run(cd.sentence, pos) for pos in at):
                modifier[id(cd)] = True
    if not any(named.values()) and not any(clause.values()) and not modifier:
        return
    own = own_model_keys(sentences, title)
    for f in ("chips", "training_hours", "chip_hours", "chip_model", "rate"):
        for cd in all_c.get(f, ()):
            name = named.get(id(cd.ctx))
            if not name and clause.get(id(cd.ctx)):
                name, start = clause[id(cd.ctx)]
                at = places.get(id(cd)) or [cd.sentence.find(cd.match)]
                if any(pos < start or _OUR_CLAUSE_RE.search(cd.sentence, start, max(start, pos)) for pos in at):
                    name = None  # stated before the clause, or after it ended on a clause of ours (", we train on ...")
            if name and model_key(name) not in own:
                cd.score -= NAMED_RUN_PENALTY
                cd.why.append(f"the run of a model the paper does not call its own ({name!r} ... trained)")
            elif modifier.get(id(cd)):
                cd.score -= NAMED_RUN_PENALTY
                cd.why.append("the run of another work's model, said in a modifier of its name")


# a clause of ours after a named model's which-clause: "..., which was trained on 1024 GPUs, we train on 16 GPUs"
_OUR_CLAUSE_RE = re.compile(r"[,;]\s*(?:and\s+|then\s+|so\s+)?(?:we|our)\b", re.I)


OWN_ROW_BONUS = 1.0  # as "Ours" at the start of a row (durations.table_column_cands, header_unit_cands)
OWN_ROW_WHY = "the row of the paper's own model (its name)"


def _own_named_rows(all_c, sentences, title: str) -> None:
    """A time read from a table column in the row of a model the paper calls its own by name (the title's name,
    "we propose X", "X (ours)"), as a row marked "Ours" is; a row whose label starts with another name gets none."""
    rows = [cd for f in ("training_hours", "chip_hours") for cd in all_c.get(f, ())
            if cd.extra.get("table") and OURS_ROW_WHY not in cd.why and any(w.startswith("table column") for w in cd.why)]
    if not rows:
        return
    own = own_model_keys(sentences, title)
    if not own:
        return
    for cd in rows:
        first = cd.sentence.split()[0] if cd.sentence.split() else ""
        if model_key(first) in own:
            cd.score += OWN_ROW_BONUS
            cd.why.append(OWN_ROW_WHY)


def _own_system_of_several(all_c, sentences, title: str) -> None:
    """"Training tree-LSTM takes about 40 hours and ESIM takes about 6 hours", in a paper that calls ESIM its own
    (title, "we propose ESIM", "our ESIM"): of several systems timed in one sentence, the time of the one named by
    our own name (or "our ...") is the run's, the others' are not. Only when exactly one system is ours and
    every other is named by a model's name that is not."""
    groups: dict[tuple[int, str], list[Cand]] = defaultdict(list)
    for cd in all_c.get("training_hours", ()):
        if SEVERAL_SYSTEMS_WHY in cd.why:
            groups[(cd.page, cd.sentence)].append(cd)
    if not groups:
        return
    own = own_model_keys(sentences, title)
    for (_, t), cds in groups.items():
        cds = sorted(cds, key=lambda cd: t.find(cd.match))
        owner = []
        pos = 0
        for cd in cds:
            subject = system_of(t, cd.match, pos)
            pos = max(pos, t.find(cd.match, pos) + len(cd.match))
            keys = [model_key(tok) for tok in re.findall(r"(?<![\w-])[A-Za-z][\w+.-]*", subject)]
            keys = [k for k in keys if k]
            ours = bool(re.search(r"(?i)\b(?:our|ours)\b", subject)) or any(k in own for k in keys)
            owner.append("ours" if ours else "named" if keys else None)
        if owner.count("ours") != 1 or None in owner:
            continue
        for cd, o in zip(cds, owner):
            if o == "ours":
                cd.score += SEVERAL_SYSTEMS_PENALTY
                cd.why.append(OWN_SYSTEM_WHY)
            else:
                cd.score -= 1.0
                cd.why.append("another system's time in a sentence that times ours")


# "... would require 4 days on 16 TPUs", "a naive run might need 64 GPUs for 3 weeks": a value governed by
# would/might + a verb of cost, in its own clause before it, is what a run would take, not what ours took.
# (The sentence-level hypothetical cue only lowers a score; a value in the modal's scope is dropped below the
# choice threshold. A fact before the modal stays: "..., which trains in 24 hours on a CPU cluster, would take
# 53 days on the real robot" keeps 24 hours.)
_MODAL_COST_RE = re.compile(r"\b(?:would|might)\s+(?:\w+\s+){0,2}?(?:be\s+)?(?:take|taken|require|required|need|needed|"
                            r"cost|last|demand|consume|involve|"
                            # (hw27) a predicted end: "we estimate that with 8 GPUs the training would finish in 2 days"
                            r"finish|finished|complete|completed|converge|done)\b", re.I)
MODAL_SCOPE_CHARS = 80
_CLAUSE_BREAK_RE = re.compile(r"[;:]|,?\s*\b(?:whereas|while|but|although|though|yet|instead)\b|\.\s", re.I)


def _discount_modal_values(all_c) -> None:
    for f in ("chips", "training_hours", "chip_hours"):
        for cd in all_c.get(f, ()):
            at = cd.sentence.find(cd.match) if cd.match else -1
            if at <= 0:
                continue
            before = cd.sentence[max(0, at - MODAL_SCOPE_CHARS): at]
            before = _CLAUSE_BREAK_RE.split(before)[-1]  # the value's own clause
            if _MODAL_COST_RE.search(before):
                cd.score -= NAMED_RUN_PENALTY
                cd.why.append("in the scope of 'would/might take ...': what a run would take")


# A count stated with the time of a job that is not training ("Evaluating all checkpoints took 3 days on 4 A100
# GPUs", "the hyper-parameter sweep ran for 5 days on 16 GPUs") is that job's hardware: the sentence's every
# duration is a non-training step's (the durations' own reading of the job, shared with the count) and the
# count's clause has no training word of its own.
SHARED_JOB_PENALTY = 2.5
_TRAIN_WORD_RE = re.compile(r"(?i)\b(?:train\w*|pre-?train\w*|fine-?tun\w*|learn\w*|optimi[sz]\w*)\b")


def _share_non_training_job(all_c) -> None:
    jobs: dict[int, bool] = {}
    for cd in all_c.get("chips", ()):
        c = cd.ctx
        if c is None:
            continue
        if id(c) not in jobs:
            ds = [d for d in c.durations if not d.data_amount]
            jobs[id(c)] = bool(ds) and all(non_training_job(c.text[:d.start], c.text[d.end: d.end + 60]) for d in ds)
        if not jobs[id(c)]:
            continue
        at = cd.sentence.find(cd.match)
        if at < 0:
            continue
        clause = re.split(r"[;:]|,\s+(?:and|while|whereas|but)\b", cd.sentence[:at])[-1]
        if _TRAIN_WORD_RE.search(clause + " " + cd.sentence[at + len(cd.match): at + len(cd.match) + 40]):
            continue
        cd.score -= SHARED_JOB_PENALTY
        cd.why.append("stated with the time of a non-training step: that job's devices")


# A run timed and then trained for longer: "We pretrain for 100K steps ... using 512 GPUs for about a day." ... "Finally,
# we pretrain for significantly longer, increasing the number of steps from 100K to 500K." The time is the shorter
# schedule's; the final run's is not stated (silence, not a fifth of it). Said of our run, after the duration, a few
# sentences on: not "training longer did not help", "longer than", nor an ablation or a hypothetical.
EXTENDED_RUN_WHY = "the timed run is trained for longer later on: the time of a shorter schedule"
EXTENDED_RUN_WINDOW = 10  # sentences after the duration's (a paragraph: the steps between are often the data or results)
_EXTENDED_RUN_RE = re.compile(
    r"(?i)\b(?:pre-?)?train\w*\s+(?:\w+\s+){0,4}?(?:for\s+)?(?:significantly|much|considerably|substantially|even)?\s*"
    r"longer\b(?!\s+than)"
    r"|\bincreas\w+\s+the\s+(?:number\s+of\s+)?(?:pre-?training\s+|training\s+)?(?:steps|updates|iterations|epochs)\s+"
    r"(?:from\s+\S+\s+)?to\s+\d"
    r"|\b(?:continu\w+|extend\w*)\s+(?:the\s+)?(?:pre-?)?training\s+(?:\w+\s+){0,3}?(?:to|for|until)\s+\d")
_NOT_AN_EXTENSION_RE = re.compile(r"(?i)\b(?:not|n't|no|never|would|could|might|if|ablations?)\b")


def _extended_later(all_c, sentences) -> None:
    at = {s.index: k for k, s in enumerate(sentences)}
    for cd in all_c.get("training_hours", ()):
        k = at.get(cd.sent_index)
        if k is None:
            continue
        page = sentences[k].page
        for s in sentences[k + 1: k + 1 + EXTENDED_RUN_WINDOW]:
            if s.page > page + 1 or s.kind != "text":
                continue
            if _EXTENDED_RUN_RE.search(s.text) and not _NOT_AN_EXTENSION_RE.search(s.text):
                cd.score -= NAMED_RUN_PENALTY
                cd.why.append(EXTENDED_RUN_WHY)
                break


def decide(gen: Generated, ranker=None) -> dict[str, Any]:
    """The chosen values: the hand-set choice, or the learned ranker's where it has weights."""
    all_c = defaultdict(list, gen.all_c)
    for f in RANKED_FIELDS:
        for c in all_c[f]:
            c.prob = None
            c.role = "main" if c.feats.get("rule_choice") else "other"
    chosen = dict(gen.rule_chosen) if ranker is None else choose_ranked(all_c, gen.rule_chosen, ranker)
    complete(chosen, all_c, gen.sizes)
    return {**chosen, **gen.sizes}


def candidate_dicts(gen: Generated) -> list[dict]:
    """The best few candidates per field, best first (the ranker's probability, else the hand score)."""
    out = []
    for f in ("chips", "chip_model", "training_hours", "chip_hours", "precision"):
        cands = sorted(gen.all_c.get(f, []), key=lambda c: (c.role != "main", -(c.prob if c.prob is not None else -1),
                                                            -c.score))
        for c in cands[:KEEP_PER_FIELD]:
            d = c.as_dict()
            d.pop("_kind", None)
            out.append(d)
    return out + gen.size_cands


def extract_from_sentences(sentences: list[Sentence], hardware=None, published=None, survey: bool = False,
                           doc: Document | None = None, ranker="default") -> dict[str, Any]:
    """Candidates and choices from sentences (the part of extract_facts after reading the PDF).
    ``ranker``: "default" = the shipped weights if any, None = the hand-set rules, or a ``Ranker``."""
    if ranker == "default":
        ranker = default_ranker()
    gen = generate(sentences, hardware, published, survey, doc)
    chosen = decide(gen, ranker)
    return {"candidates": candidate_dicts(gen), "chosen": chosen}


def extract_facts(pdf_path, published: dt.date | None = None, hardware=None,
                  max_careful_pages: int = DEFAULT_CAREFUL_PAGES, cache=None, ranker="default") -> dict:
    """The facts dict (schema aicompute.facts/1) for one PDF; raises pdftext.DocumentError."""
    if hardware is None:
        from ..hardware import HardwareTable
        hardware = HardwareTable.load()
    if isinstance(published, str):
        published = dt.date.fromisoformat(published[:10])
    t0 = time.perf_counter()
    doc: Document = read_pdf(pdf_path, max_careful_pages=max_careful_pages, scorer=page_scorer(hardware, published),
                             cache=cache)
    survey = is_survey(doc.cheap_text[0] if doc.cheap_text else "")
    result = extract_from_sentences(doc.sentences, hardware, published, survey=survey, doc=doc, ranker=ranker)
    seconds = time.perf_counter() - t0
    return {
        "schema": SCHEMA,
        "status": "ok",
        "document": {
            "file": Path(pdf_path).name,
            "pages": doc.n_pages,
            "pages_read_cheaply": doc.pages_read_cheaply,
            "pages_read_carefully": doc.pages_read_carefully,
            "sentences": len(doc.sentences),
            "survey": survey,
            "seconds": round(seconds, 3),
            "cheap_seconds": round(doc.cheap_seconds, 3),
            "careful_seconds": round(doc.careful_seconds, 3),
        },
        "candidates": result["candidates"],
        "chosen": result["chosen"],
    }
