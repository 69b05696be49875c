"""The candidate-and-choice core: one ``Cand`` per value found in a sentence, with its evidence
(``why``), a hand-set ``score`` and the features the learned ranker reads; ``best`` picks among them."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any


class _Switch:
    on = False


# A debug path (not the shipped behaviour): with KEEP_VETOED.on, the phrases the generators drop outright
# (an amount of data, an interval, a product, ...) are kept as candidates, their reason in ``why``
# (VETO_PREFIX + reason: a ranker feature) and their score lowered by VETO_PENALTY, to measure what the
# hard vetoes cost in recall (``keep_vetoed()``).
KEEP_VETOED = _Switch()
VETO_PREFIX = "vetoed: "
VETO_PENALTY = 6.0


class keep_vetoed:
    """``with keep_vetoed(): generate(...)``: the vetoed phrases kept as candidates (debug/measurement)."""

    def __enter__(self):
        self._was, KEEP_VETOED.on = KEEP_VETOED.on, True
        return self

    def __exit__(self, *exc):
        KEEP_VETOED.on = self._was
        return False


@dataclass
class Cand:
    field: str
    value: Any
    page: int
    sentence: str
    match: str
    score: float
    why: list[str]
    unit: str | None = None
    low: float | None = None
    high: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    sent_index: int = 0
    role: str = "other"
    ctx: Any = field(default=None, repr=False, compare=False)  # the sentence's Ctx (not serialized)
    feats: dict[str, float] = field(default_factory=dict, repr=False, compare=False)  # for the ranker
    prob: float | None = None  # the ranker's calibrated probability that this value is right
    # structured provenance (est9): cues set where the rules decide them (CUE_* below); the fact's "cues" is
    # these plus the training cues of score_context's reasons (``provenance_cues``)
    cues: set = field(default_factory=set, repr=False, compare=False)

    @property
    def confidence(self) -> float:
        if self.prob is not None:
            return round(self.prob, 2)
        return round(max(0.05, min(0.97, 1.0 / (1.0 + math.exp(-(self.score - 2.5) / 1.4)))), 2)

    def as_dict(self) -> dict[str, Any]:
        d = {"field": self.field, "value": self.value, "unit": self.unit, "page": self.page,
             "sentence": self.sentence, "match": self.match, "confidence": self.confidence, "role": self.role,
             "why": "; ".join(self.why)}
        if self.low is not None:
            d["low"], d["high"] = self.low, self.high
        d.update(self.extra)
        return {k: v for k, v in d.items() if v is not None}


_DISTRACTOR_CUES = ("in a clause about another model", "in a comparison with other work", "cites other work",
                    "others/baseline wording", "about their (others') setup", "hypothetical", "stated with another device count",
                    "about a smaller variant", "not trained to convergence", "the same duration is said not")


def flagged(c: Cand) -> bool:
    return any(w.startswith(_DISTRACTOR_CUES) for w in c.why)


# Reasons that say a value is not the run's length or hardware at all (a point during training, a time saved, one
# trial of a search, what a run could/would take, someone else's run, common practice, a claim about models in
# general, part of the run's epochs). Their penalties (4-5 points) were meant to put the value below every choice
# floor, but a penalty is additive: a sentence that stacks the cues of a run ("After 6 hours of training on 8 GPUs,
# our model reaches 95% of the final model's accuracy": training statement, main/all models, a time word, hardware,
# a count in the sentence) outweighed it, the rules chose the value and the learned choice (which reads the rules'
# score and choice) followed at 0.78. Such a value's score is capped at DISQUALIFIED_CAP, below every floor (chips
# 2.3, hours 2.5), whatever else its sentence says; the learned choice reads the capped score.
DISQUALIFYING_WHYS = (
    "a point during training",  # durations: 'after N hours ... reaches'
    "a time saved or a difference",  # durations: 'saves 2 days', '3 hours faster'
    "the time of one trial of a search",  # durations
    "hypothetical (could be trained",  # context: 'could be trained ...', not said of our run
    "hearsay about another run",  # context
    "common practice (",  # context: 'typically trained ...'
    "a claim about models in general",  # context
    "the run of a model the paper does not call its own",  # extraction: 'GPT-3 was trained on ...'
    "in the scope of 'would/might take",  # extraction: modal cost
    "part of the run: the time of",  # choose.part_of_run: '100 epochs take 6 hours' of a 400-epoch run
    "in a clause about others",  # context: 'we train on 8 GPUs, whereas AlphaStar used 384 TPUs for 14 days [3]'
    # (hw24) context: "the BERT model released by [7], which was pre-trained on 16 TPUs for 4 days"; "was pre-trained
    # by [3] on 128 TPUs": the run of a model obtained from elsewhere
    "in a clause about a released model's training",
    "someone else's run ('was trained ... by its authors'",
    # (hw26) durations: a job's timeout / time limit; one epoch's time; an ablation/pilot/proxy run's time
    "a limit set on a job",
    "the time of one epoch/iteration",
    "the run of an ablation / pilot / proxy model",
    "the window of a measurement",
    # (hw27) extraction: a duration whose run the paper later trains for longer
    "the timed run is trained for longer later on",
)
DISQUALIFIED_CAP = 1.0
CAPPED_FIELDS = ("chips", "training_hours", "chip_hours")


def disqualified(c: Cand) -> bool:
    return any(w.startswith(DISQUALIFYING_WHYS) for w in c.why)


def cap_disqualified(all_c: dict[str, list[Cand]]) -> None:
    """The score of a value with a disqualifying reason (``DISQUALIFYING_WHYS``) at most DISQUALIFIED_CAP."""
    for f in CAPPED_FIELDS:
        for c in all_c.get(f, ()):
            if c.score > DISQUALIFIED_CAP and disqualified(c):
                c.score = DISQUALIFIED_CAP


def best(cands: list[Cand], prefer_larger: bool = True, margin: float = 0.6, min_score: float = 1.5) -> Cand | None:
    """The best-scoring candidate; among near-ties (within `margin`) the larger value when `prefer_larger`
    (the main run is the largest), but never a candidate carrying a distractor cue over the top one."""
    cands = [c for c in cands if c.score >= min_score]
    if not cands:
        return None
    top = max(c.score for c in cands)
    best = max(cands, key=lambda c: c.score)
    near = [c for c in cands if c.score >= top - margin and (c is best or not flagged(c))]
    key = (lambda c: (as_float(c.value), c.score)) if prefer_larger else (lambda c: (c.score, -c.sent_index))
    return max(near, key=key)


def as_float(v) -> float:
    try:
        return float(v)
    except (TypeError, ValueError):
        return 0.0


def repeat_bonus(cands: list[Cand], tol: float = 0.0) -> None:
    """A value stated in several sentences is more likely the main run's (distractor mentions, with
    a low score of their own, do not count)."""
    by_val: dict[Any, set[int]] = defaultdict(set)
    for c in cands:
        if c.score >= 1.5:
            by_val[key_val(c.value, tol)].add(c.sent_index)
    for c in cands:
        k = len(by_val[key_val(c.value, tol)])
        if k > 1:
            c.score += min(1.0, 0.5 * (k - 1))
            c.why.append(f"stated {k} times")


def key_val(v, tol):
    if isinstance(v, (int, float)) and tol:
        return round(math.log(max(v, 1e-9)) / math.log(1 + tol))
    return v


# Structured provenance of a fact ("cues"): what the estimate's review gates read instead of the wording of `why`.
CUE_TRAINING_STATEMENT = "training statement"  # the sentence states a training run (context.score_context)
CUE_TRAINING_WORD = "training word"  # the sentence has a training word (context.score_context)
CUE_NO_TRAINING_WORD = "no training word"  # neither: a usage, benchmark or table figure whose run is unknown
CUE_OTHER_COUNT = "another device count in its sentence"  # a duration stated with another count than the chosen
CUE_DERIVED_RATE = "derived: rate x count"  # a duration = a per-step/epoch time x a number of steps/epochs
CUE_COUNT_APART = "count stated apart"  # ... whose number of steps/epochs is not in the time's sentence
CUE_COUNT_OTHER_PAGE = "count on another page"  # ... nor on the time's page
# score_context's reasons (exact items of `why`) that carry the training cues
_TRAINING_REASONS = {"training statement": CUE_TRAINING_STATEMENT, "training word": CUE_TRAINING_WORD}


def provenance_cues(c: Cand) -> list[str]:
    """The candidate's structured cues: those set on it, and the training cue of its sentence's reasons."""
    cues = set(c.cues)
    training = {_TRAINING_REASONS[w] for w in c.why if w in _TRAINING_REASONS}
    cues |= training or {CUE_NO_TRAINING_WORD}
    return sorted(cues)


def fact(c: Cand | None, **extra) -> dict | None:
    if c is None:
        return None
    d = {"value": c.value, "page": c.page, "sentence": c.sentence, "match": c.match, "confidence": c.confidence,
         "why": "; ".join(dict.fromkeys(c.why))}
    if c.unit:
        d["unit"] = c.unit
    for k in ("as_written", "chip_id", "generic", "unknown"):  # unknown: a chip the hardware table does not have
        if k in c.extra:
            d[k] = c.extra[k]
    if c.low is not None:
        d["low"], d["high"] = c.low, c.high
    d["cues"] = provenance_cues(c)
    d.update({k: v for k, v in extra.items()})
    return d
