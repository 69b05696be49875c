"""The hand-set choice of the main run from the candidates (``choose_rules``): the best-scoring
candidate above a floor, near-ties broken by value (the main run is the largest model trained in full),
counts and durations stated together supporting each other, the chip model taken from the chosen
count's sentence. The learned ranker (``ranker``) replaces the scores where its weights exist."""

from __future__ import annotations

import re
from typing import Any

from .chip_models import choose_model, unit_kind
from .core import Cand, best, cap_disqualified, disqualified, fact, flagged, key_val, repeat_bonus
from .core import CUE_OTHER_COUNT  # structured provenance (est9)
from .counts import machines_across_sentences
from .durations import time_from_steps


# Near-ties: candidates within MARGIN of the best score are compared by value (larger = main run).
MARGIN_CHIPS = 0.3


MARGIN_HOURS = 0.5


# A count stated with the chosen duration replaces the best count only when nearly as good.
CHIPS_FOLLOW = 0.3
# With no count above the floor (2.3), an accelerator count in the chosen duration's sentence is taken from this score
# on, unless its own words give it to another job
CHIPS_WITH_HOURS_FLOOR = 1.8
_OTHER_JOB_WHYS = ("the devices of a job", "bound to a non-training job", "bound to inference", "inference/timing context",
                   "in a clause about another activity", "another activity than training", "neighbouring sentences are about")


# "the 1.3B models took 69 hours ..., while the 2.4B models took 117 hours": a model size right before a value
_SIZE_RE = re.compile(r"(?<![\w.])(?P<n>\d+(?:\.\d+)?)\s*-?\s*(?P<suf>[MB])\b(?=\s*-?\s*(?:param\w*|models?|runs?|versions?|variants?|LMs?)\b|\s*\))")


_SIDE_RUN_RE = re.compile(r"(?i)\b(?:ablations?|small[- ]scale|preliminary|pilot|toy|proxy|analysis)\b")



_CLAUSE_BREAK_RE = re.compile(r"(?i);|,\s*(?:and|while|whereas|but|then)\b|\bthen\b")


def _restates(first: Cand, second: Cand) -> bool:
    """Is ``second`` (later in the sentence) the same devices as ``first`` said again in a precise unit: the same kind
    of device (TPUs restated in TPU chips or cores, other devices in GPUs) and no clause break between them."""
    t = first.sentence
    a = t.find(first.match) + len(first.match)
    b = t.find(second.match)
    if _CLAUSE_BREAK_RE.search(t[a:b]):
        return False
    tpu = bool(re.search(r"(?i)TPU", first.match))
    return (second.unit in ("tpu_chips", "tpu_cores")) if tpu else second.unit == "gpus"

def _size_before(c: Cand) -> float | None:
    pos = c.sentence.find(c.match)
    if pos < 0:
        return None
    window = c.sentence[max(0, pos - 90): pos]
    found = list(_SIZE_RE.finditer(window))
    if not found:
        return None
    m = found[-1]
    return float(m.group("n")) * (1e9 if m.group("suf") == "B" else 1e6)


def by_model_size(cands: list[Cand]) -> None:
    """Values stated for several model sizes: the largest model's is the main run's."""
    sized = [(c, _size_before(c)) for c in cands if c.score > 1.5]
    sized = [(c, z) for c, z in sized if z is not None]
    if len({z for _, z in sized}) < 2:
        return
    top = max(z for _, z in sized)
    for c, z in sized:
        if z == top:
            c.score += 0.8
            c.why.append("stated for the largest model size")
        else:
            c.score -= 0.8
            c.why.append("stated for a smaller model size")


def support(chips: list[Cand], hours: list[Cand], rates: list[Cand] = ()) -> None:
    """A count and a duration in the same sentence support each other."""
    rs = {c.sent_index for c in rates if c.score > 1.5}
    for c in chips:
        if c.sent_index in rs:
            c.score += 0.7
            c.why.append("per-step/epoch time in the same sentence")
    hs = {c.sent_index for c in hours if c.score > 1.5}
    cs = {c.sent_index for c in chips if c.score > 1.5}
    for c in chips:
        if c.sent_index in hs:
            c.score += 1.0
            c.why.append("duration in the same sentence")
        elif (c.sent_index - 1) in hs or (c.sent_index + 1) in hs:
            c.score += 0.5
            c.why.append("duration in the next/previous sentence")
    for c in hours:
        if c.sent_index in cs:
            c.score += 0.8
            c.why.append("device count in the same sentence")
        elif (c.sent_index - 1) in cs or (c.sent_index + 1) in cs:
            c.score += 0.4
            c.why.append("device count in the next/previous sentence")


def part_of_run(hours: list[Cand], sizes: dict) -> None:
    """A duration tied to fewer epochs/steps than the run's ("100 epochs take 6 hours" in a paper that trains
    for 400 epochs) is the time of part of the run, not of the run: silence rather than a quarter."""
    for h in hours:
        rl = h.extra.pop("_run_length", None)
        if rl is None:
            continue
        n, unit = rl
        run = (sizes.get(unit) or {}).get("value") if isinstance(sizes.get(unit), dict) else None
        try:
            run = float(run)
        except (TypeError, ValueError):
            continue
        if n > 0 and run > 1.5 * n:
            h.score -= 4.0
            h.why.append(f"part of the run: the time of {n:g} {unit} while the run is {run:g}")


def choose_rules(all_c: dict[str, list[Cand]], sizes: dict) -> dict[str, Any]:
    """The chosen chips, chip_model, training_hours, chip_hours, precision and time_from_steps
    (``sizes``: the chosen size fields, for the number of steps/epochs)."""
    chosen: dict[str, Any] = {}
    chips = all_c["chips"]
    hours = all_c["training_hours"]
    chips += machines_across_sentences(chips)
    part_of_run(hours, sizes)
    cap_disqualified(all_c)  # (before the bonuses: a disqualified value supports nothing, repeats nothing)
    by_model_size(chips)
    by_model_size(hours)
    support(chips, hours, all_c["rate"])
    repeat_bonus(chips)
    # a run said somewhere not to be trained to convergence is not the main run wherever it is stated
    bad = {key_val(h.value, 0.05) for h in hours if h.extra.pop("_incomplete", False)}
    repeat_bonus([h for h in hours if key_val(h.value, 0.05) not in bad], tol=0.05)
    for h in hours:
        if key_val(h.value, 0.05) in bad and "not trained to convergence" not in h.why:
            h.score -= 1.0
            h.why.append("the same duration is said not to reach convergence")

    # when pre-training is described anywhere, fine-tuning sentences are not the main run
    # (someone else's pre-training, "released by [7], which was pre-trained on 16 TPUs", is not ours)
    pre_anywhere = any(c.extra.get("_pretrain") and not disqualified(c) for c in chips + hours)
    if pre_anywhere:
        for c in chips + hours:
            if c.extra.get("_finetune_only"):
                c.score -= 0.7
                c.why.append("fine-tuning while pre-training is described")

    cap_disqualified(all_c)  # (and after them: no bonus lifts it back)
    best_chips = best(chips, prefer_larger=True, margin=MARGIN_CHIPS, min_score=2.3)
    if best_chips is not None:
        # a duration stated together with a different device count belongs to another run
        ok_vals = {c.value for c in chips if c.sent_index == best_chips.sent_index}
        for h in hours:
            there = [c for c in chips if c.sent_index == h.sent_index and c.score > 1.0]
            if there and not any(c.value in ok_vals for c in there):
                h.score -= 1.5
                h.why.append("stated with another device count")
                h.cues.add(CUE_OTHER_COUNT)
                if _SIDE_RUN_RE.search(h.sentence) or (h.ctx is not None and h.ctx.ablation):
                    # "the ablation models are trained on 8 GPUs for 12 hours" beside a main run on 64 chips
                    h.score -= 1.5
                    h.why.append("an ablation/small-scale run on other devices")
    if best_chips is not None and "large variant" in best_chips.why:
        for h in hours:
            if "small/base variant" in h.why and h.sent_index != best_chips.sent_index:
                h.score -= 2.0
                h.why.append("about a smaller variant than the counted run")
    best_hours = best(hours, prefer_larger=True, margin=MARGIN_HOURS, min_score=2.5)
    # a duration in the chosen count's sentence is preferred when nearly as good
    if best_chips is not None and best_hours is not None and best_hours.sent_index != best_chips.sent_index:
        same = [h for h in hours if h.sent_index == best_chips.sent_index and h.score >= best_hours.score - 1.0 and h.score >= 2.5
                and "stated for a smaller model size" not in h.why]  # (the largest size's time is not pulled aside)
        if same:
            best_hours = max(same, key=lambda h: (h.value, h.score))
            best_hours.why.append("stated with the chosen device count")
    if best_chips is None and best_hours is not None:
        # (hw27) no count above the floor, but the chosen duration's own sentence names the devices it ran on ("training
        # takes about 6 hours on Nvidia K40M": one card named in the singular): that run's count, a little below the floor
        same = [c for c in chips if c.sent_index == best_hours.sent_index and c.score >= CHIPS_WITH_HOURS_FLOOR
                and c.unit in ("gpus", "tpu_chips", "tpu_cores") and not disqualified(c) and not flagged(c)
                and not any(w.startswith(_OTHER_JOB_WHYS) for w in c.why)]
        if same:
            best_chips = max(same, key=lambda c: (c.score, c.value))
            best_chips.why.append("stated with the chosen duration")
    if best_hours is not None and best_chips is not None and best_chips.sent_index != best_hours.sent_index:
        same = [c for c in chips if c.sent_index == best_hours.sent_index and c.score >= best_chips.score - CHIPS_FOLLOW and c.score >= 2.3]
        if same:
            best_chips = max(same, key=lambda c: (c.value, c.score))
            best_chips.why.append("stated with the chosen duration")
    # "16 Cloud TPUs (64 TPU chips total)": a restatement in chips/cores beats 'TPUs' of the same sentence; a
    # restatement names the same kind of device and sits in the same clause ("... on 64 TPUs, and fine-tune for 2
    # hours on 1 GPU" states a second run, not the first one's chips)
    if best_chips is not None and best_chips.unit == "other":
        alt = [c for c in chips if c.sent_index == best_chips.sent_index and c.unit in ("tpu_chips", "tpu_cores", "gpus")
               and c is not best_chips and c.score > 1.5 and not c.extra.get("per_unit")
               and 0 <= c.sentence.find(c.match) - c.sentence.find(best_chips.match) <= len(best_chips.match) + 40
               and _restates(best_chips, c)]
        if alt:
            best_chips = max(alt, key=lambda c: c.value)
            best_chips.why.append("precise unit restated in the same sentence")

    for c in (best_chips, best_hours):
        if c is not None:
            c.role = "main"
    chosen["chips"] = fact(best_chips)

    best_model = choose_model(all_c["chip_model"], chips, best_chips, best_hours)
    if best_model is not None:
        best_model.role = "main"
    chosen["chip_model"] = fact(best_model)

    chosen["training_hours"] = fact(best_hours)

    prec = best(all_c["precision"], prefer_larger=False, margin=0.0, min_score=2.0)
    chosen["precision"] = fact(prec)
    return chosen


def best_chip_hours(all_c: dict[str, list[Cand]]) -> Cand | None:
    return best(all_c["chip_hours"], prefer_larger=True, margin=0.5, min_score=2.3)


def complete(chosen: dict[str, Any], all_c: dict[str, list[Cand]], sizes: dict) -> dict[str, Any]:
    """Chip-time products only when no wall-clock duration is chosen; time from per-step rates always (a
    cross-check beside a stated duration: the estimate uses it only when no duration or product is chosen)."""
    ch = best_chip_hours(all_c)
    for c in all_c["chip_hours"]:
        c.role = "other"
    chosen["chip_hours"] = None
    chosen["time_from_steps"] = None
    if chosen.get("training_hours") is None:
        if ch is not None:
            ch.role = "main"
            chosen["chip_hours"] = fact(ch)
    chosen["time_from_steps"] = time_from_steps(all_c["rate"], sizes)
    return chosen


# Confidence of a chip model named where no training run (count, duration, device-hours) is found. Measured (5-fold CV,
# 261 papers, a chip named for a paper whose label names none counted wrong): such names are right 15 of
# 64 times (23%); with them capped the >= 0.8 band is 82/86 right (95%), before 95/121 (79%).
PASSING_CHIP_CONFIDENCE = 0.3


def choose_ranked(all_c: dict[str, list[Cand]], rule_chosen: dict[str, Any], ranker) -> dict[str, Any]:
    """The learned choice: per ranked field the most probable candidate, or nothing below the field's
    threshold; the chip model is ranked with features relative to the chosen count and duration."""
    from .ranker import anchor_features

    chosen = dict(rule_chosen)
    picked: dict[str, Cand | None] = {}
    for f in ("chips", "training_hours", "chip_model"):
        fm = ranker.fields.get(f)
        cands = all_c.get(f, [])
        if fm is None:
            picked[f] = next((c for c in cands if c.role == "main"), None)
            continue
        if f == "chip_model":
            rows = [{**c.feats, **anchor_features(c, picked.get("chips"), picked.get("training_hours"))} for c in cands]
        else:
            rows = [c.feats for c in cands]
        z = fm.logits(rows) if rows else []
        probs = fm.calibrate(z) if rows else []
        top = None
        top_z = None
        raw = {}
        for c, zc, p, row in zip(cands, z, probs, rows):
            raw[id(c)] = float(p)
            c.prob = fm.confidence(p, zc, row)  # shown: the top band only where it was earned on held-out papers
            c.role = "other"
            if top is None or zc > top_z:
                top, top_z = c, zc
        if top is not None and raw[id(top)] >= fm.threshold:
            top.role = "main"
            picked[f] = top
        else:
            picked[f] = None
        if (f == "chip_model" and picked[f] is not None and picked.get("chips") is None
                and picked.get("training_hours") is None and best_chip_hours(all_c) is None):
            # No training run found (no count, duration or device-hours): most such chips are named in
            # passing (latency, memory, others' runs, thanks). The model was fitted on papers that name a
            # chip, so its probability says nothing here: shown, but as needs review (PASSING_CHIP_CONFIDENCE).
            picked[f].prob = min(picked[f].prob if picked[f].prob is not None else 1.0, PASSING_CHIP_CONFIDENCE)
            picked[f].why.append("no training run found (no count, duration or device-hours): possibly named in passing")
        if f == "chip_model" and picked[f] is None and picked.get("chips") is not None:
            kind = unit_kind(picked["chips"])
            if kind in ("gpu", "tpu"):  # "8 GPUs" chosen, no model named: the generic kind, not nothing
                c = picked["chips"]
                picked[f] = Cand("chip_model", "GPU (unspecified)" if kind == "gpu" else "TPU (unspecified)", c.page,
                                 c.sentence, c.match, c.score, ["from the counted device noun"],
                                 extra={"generic": True, "as_written": c.match}, prob=c.prob)
            elif kind == "cpu":  # "16 machines of 32 cores each", "a machine with 24 cores": a CPU run, no chip named
                c = picked["chips"]
                picked[f] = Cand("chip_model", "CPU (unspecified)", c.page, c.sentence, c.match, c.score,
                                 ["from the counted CPU cores/machines"], extra={"generic": True, "as_written": c.match},
                                 prob=c.prob)
        chosen[f] = fact(picked[f])
    return chosen
