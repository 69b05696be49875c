"""A candidate ranker learned from the labels: per field, a logistic regression over features of each
candidate (the context cues, the section, table/caption/text, the unit, the value's magnitude, how
often it is stated, support between count and duration, the hand-set score ...), choosing the most
probable candidate and abstaining below a threshold; ``confidence`` is the calibrated probability.

The weights are data (``workflow/data/extraction_ranker.json``), refitted by one command:

    python -m aicompute.evaluate --pdfs ../shared/corpus/pdfs --labels ../shared/corpus/labels \\
        --meta ../shared/corpus/meta.csv --cache /tmp/aicompute-parse --fit-ranker data/extraction_ranker.json

(numpy only, no other dependency; fitting takes seconds once the PDFs are parsed.)
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import numpy as np

from .. import DATA_DIR
from .context import JOB_SUBJECT_WHY, OTHER_ACTIVITY_WHY, OTHER_CLAUSE_WHY
from .core import Cand
from .counts import MEASUREMENT_DEVICES_WHY, OTHER_JOB_DEVICES_WHY
from .durations import NON_TRAINING_STEP_WHY

WEIGHTS_FILE = DATA_DIR / "extraction_ranker.json"
FORMAT = "aicompute.extraction-ranker/1"
RANKED_FIELDS = ("chips", "training_hours", "chip_model")

# What each field's model reads (feature-name prefixes), how strongly it is regularized, and what a wrong
# value costs against a right one (the threshold: keep a value when calibrated p > cost / (1 + cost)).
# Chosen by cross-validation (``python -m aicompute.evaluate --folds 5``): for counts and durations the
# hand-set score with its rank is as good as anything richer on 261 papers, so the model mostly
# calibrates the rules' choice; for the chip model the richer features choose better.
_RULE_FEATURES = ["score", "gap", "rank0", "rule_choice"]
TOP_BAND = 0.8  # the report's top band: values given with confidence >= 0.8 should be right
TOP_BAND_RIGHT = 0.95  # ... at least this often
CONFIG: dict[str, dict[str, Any]] = {
    # The confidence shown for a chosen count (not the choice, not the threshold) is calibrated on two facts of
    # it, not on its score: a duration in its sentence and a specific chip named with it. A count stated with a
    # duration was right 23/23 chosen (5-fold CV, 261 papers; blind 5/5): the top band, earned 23/23 CV, 5/5
    # blind (with the score added to these features: 18/19 CV, 7/8 blind; the score alone: no top band).
    # The duration counts only in a sentence that speaks of training ("dur_run": a training word, or a run or
    # experiments named, and no other activity: not a service's uptime, a study's, a solver's or a simulation's
    # time): the same 23/23 CV, 5/5 blind, and a count stated with the uptime of a demo server is not shown as sure.
    # (With "run:train" as a third feature: 40/43 CV, below the band's 95%.)
    "chips": {"features": _RULE_FEATURES + ["job:"], "l2": 30.0, "cost_wrong": 1.0,
              "confidence_features": ["dur_run", "has_chip"], "confidence_score": False},
    "training_hours": {"features": _RULE_FEATURES + ["job:"], "l2": 30.0, "cost_wrong": 0.6},
    "chip_model": {"features": _RULE_FEATURES + [
        "ctx:", "sec:", "kind:", "unit:", "v", "log", "range", "dur_", "cnt_", "has_chip", "repeats", "n_cands", "paper:",
        "page_frac", "early", "same_family", "count_generic", "in_", "generic", "fam_"], "l2": 30.0, "cost_wrong": 1.0},
}


def select(row: dict[str, float], prefixes: list[str] | None) -> dict[str, float]:
    if prefixes is None:
        return row
    return {k: v for k, v in row.items() if k.startswith(tuple(prefixes))}

_CTX_FLAGS = ("strong_train", "train", "use", "we", "main", "infer", "strong_hypo", "hypo", "cite", "others",
              "third", "finetune", "pretrain", "ablation", "speedup", "human", "search", "donation", "data_span",
              "neighbor_infer", "survey")
_SECTIONS = ("abstract", "introduction", "related", "acknowledgements", "appendix", "conclusion")
_CHIP_UNITS = ("gpus", "tpu_chips", "tpu_cores", "machines", "cpu_cores", "other")


def why_key(why: str) -> str:
    """A cue of the hand-set rules as a feature name: quotes and numbers taken out."""
    w = re.sub(r"'[^']*'|\"[^\"]*\"", "Q", why)
    w = re.sub(r"\d[\d.,]*", "#", w)
    w = re.split(r"[:(]", w)[0]
    return "why:" + " ".join(w.split()[:5]).lower()


def _clip(x: float, lo: float, hi: float) -> float:
    return max(lo, min(hi, x))


def _log10(v) -> float:
    try:
        return math.log10(max(float(v), 1e-6))
    except (TypeError, ValueError):
        return 0.0


class _FieldIndex:
    """What base_features needs of a field's candidates, computed once per field, not per candidate
    (a 400-page PDF has thousands of candidates: per candidate it was quadratic)."""

    def __init__(self, field_cands: list[Cand]):
        self.n = len(field_cands)
        self.top = max((x.score for x in field_cands), default=0.0)
        self.sentences_by_value: dict[Any, set[int]] = {}
        for x in field_cands:
            if x.score >= 1.5:
                self.sentences_by_value.setdefault(x.value, set()).add(x.sent_index)


def _sentences(cands: Iterable[Cand], floor: float) -> set[int]:
    return {o.sent_index for o in cands if o.score >= floor}


def base_features(c: Cand, paper: dict[str, Any], index: _FieldIndex) -> dict[str, float]:
    """Features every ranked field shares; ``paper`` holds paper-level facts (n_pages, survey, ...)."""
    f: dict[str, float] = {}
    top = index.top
    f["score"] = _clip(c.score, -6.0, 9.0)
    f["gap"] = _clip(top - c.score, 0.0, 6.0)
    f["rank0"] = float(c.score >= top)
    f["rule_choice"] = float(c.role == "main")
    ctx = c.ctx
    if ctx is not None:
        for k in _CTX_FLAGS:
            f["ctx:" + k] = float(bool(getattr(ctx, k, False)))
        f["mentions"] = float(bool(ctx.mentions))
        f["generic_dev"] = float(bool(ctx.generic))
        sec = ctx.s.section
        kind = ctx.s.kind
    else:
        sec, kind = "body", "text"
    for s in _SECTIONS:
        f["sec:" + s] = float(sec == s)
    f["kind:table"] = float(kind == "table")
    f["kind:caption"] = float(kind == "caption")
    n_pages = max(1, paper.get("n_pages", 1))
    f["page_frac"] = (c.page - 1) / max(1, n_pages - 1)
    f["early_page"] = float(c.page <= 2)
    for w in dict.fromkeys(c.why):
        f[why_key(w)] = 1.0
    same = index.sentences_by_value.get(c.value, ())
    f["repeats"] = math.log1p(max(0, len(same) - 1))
    f["n_cands"] = math.log1p(index.n)
    f["paper:survey"] = float(paper.get("survey", False))
    f["paper:strong_hw"] = float(paper.get("strong_hw", False))
    return f


def _run_sense(c: Cand) -> dict[str, float]:
    """Whether the candidate's sentence speaks of training the model ("run:train") or of another activity with
    no training word ("run:other": a service, a study, a solver/simulation/rendering job, a time limit, inference)."""
    ctx = c.ctx
    if ctx is None:
        return {"run:train": 0.0, "run:other": 0.0}
    return {"run:train": float(bool(ctx.trains)), "run:other": float(bool(ctx.other_job))}


# (hw17) The marks that say a value is another job's, not the run's: a clause about another activity beside a training
# clause, a sentence about another activity, a job subject ("Generating the data took 3 days"), a non-training step's
# time, the devices of a job that is not training or of a measurement. They lower the hand-set score, but a lone
# count keeps its rank and the rules' choice (what the model reads), and a duration beside it still made the shown
# confidence the top band: "We train the model for 3 days, and the simulation runs on 64 CPU cores" gave 64 at 0.92.
_OTHER_JOB_MARKS = (OTHER_CLAUSE_WHY, OTHER_ACTIVITY_WHY, JOB_SUBJECT_WHY, NON_TRAINING_STEP_WHY, OTHER_JOB_DEVICES_WHY,
                    MEASUREMENT_DEVICES_WHY)


def other_job(c: Cand) -> float:
    """1.0 when a mark says the value is another job's (``_OTHER_JOB_MARKS``, the reasons the rules write)."""
    return float(any(w.startswith(_OTHER_JOB_MARKS) for w in c.why))


def _near(c: Cand, sentences: set[int]) -> tuple[float, float]:
    """(another field's candidate in c's sentence, in the sentence before or after), from the set of
    their sentence indices (``_sentences``, computed once per field)."""
    i = c.sent_index
    return float(i in sentences), float((i - 1) in sentences or (i + 1) in sentences)


def annotate(all_c: dict[str, list[Cand]], paper: dict[str, Any]) -> None:
    """Anchor-free features of the chips, training_hours and chip_model candidates (``Cand.feats``)."""
    chips, hours, models = all_c.get("chips", []), all_c.get("training_hours", []), all_c.get("chip_model", [])
    chip_index, hour_index, model_index = _FieldIndex(chips), _FieldIndex(hours), _FieldIndex(models)
    chip_sents, hour_sents = _sentences(chips, 1.5), _sentences(hours, 1.5)
    specific_model_sents = _sentences([m for m in models if not m.extra.get("generic")], -99)
    for c in chips:
        f = base_features(c, paper, chip_index)
        for u in _CHIP_UNITS:
            f["unit:" + u] = float(c.unit == u)
        v = float(c.value) if isinstance(c.value, (int, float)) else 0.0
        f["log2v"] = _clip(math.log2(max(v, 1.0)), 0, 14) / 4
        f["v1"] = float(v == 1)
        f["v_pow2"] = float(v >= 2 and v == int(v) and (int(v) & (int(v) - 1)) == 0)
        f["v_big"] = float(v > 1024)
        f["has_chip"] = float(bool(c.extra.get("chip_family")))
        f["per_unit"] = float(bool(c.extra.get("per_unit")))
        f["dur_same"], f["dur_adj"] = _near(c, hour_sents)
        f.update(_run_sense(c))
        f["job:other"] = other_job(c)
        # a duration in the count's sentence, in a sentence that speaks of training (not of a service's uptime,
        # a study's, a solver's or a simulation's time), the count not marked as another job's: what the shown
        # confidence reads
        f["dur_run"] = f["dur_same"] * f["run:train"] * (1.0 - f["run:other"]) * (1.0 - f["job:other"])
        f["range"] = float(c.low is not None and c.high is not None and c.low != c.high)
        c.feats = f
    for c in hours:
        f = base_features(c, paper, hour_index)
        h = float(c.value)
        f["log_h"] = _clip(_log10(h), -2, 4)
        f["h<1"] = float(h < 1)
        f["h>2000"] = float(h > 2000)
        aw = str(c.extra.get("as_written") or c.match).lower()
        for u in ("min", "hour", "day", "week", "month", "year"):
            f["dunit:" + u] = float(u in aw or (u == "hour" and re.search(r"\dh\b|\d\s*h\b", aw) is not None))
        q = c.extra.get("qualifier") or ""
        f["q:lower"] = float(q in ("over", "more than", "at least", "in excess of", "a little over"))
        f["q:upper"] = float(q in ("less than", "under", "within", "at most", "up to", "fewer than"))
        f["q:approx"] = float(q in ("about", "around", "approximately", "approx.", "roughly", "nearly", "almost", "~", "≈"))
        f["range"] = float(c.low is not None and c.high is not None and c.low != c.high)
        f["cnt_same"], f["cnt_adj"] = _near(c, chip_sents)
        f["chip_same"], _ = _near(c, specific_model_sents)
        f.update(_run_sense(c))
        f["job:other"] = other_job(c)
        f["cnt_run"] = f["cnt_same"] * f["run:train"] * (1.0 - f["run:other"]) * (1.0 - f["job:other"])
        c.feats = f
    fam_count: dict[str, set[int]] = {}
    for m in models:
        fam_count.setdefault(str(m.value), set()).add(m.sent_index)
    for c in models:
        f = base_features(c, paper, model_index)
        f["generic"] = float(bool(c.extra.get("generic")))
        kind = c.extra.get("kind") or c.extra.get("_kind")
        for k in ("gpu", "tpu", "cpu"):
            f["kind:" + k] = float(kind == k)
        f["fam_repeats"] = math.log1p(len(fam_count.get(str(c.value), ())) - 1)
        f["cnt_same"], f["cnt_adj"] = _near(c, chip_sents)
        f["dur_same"], f["dur_adj"] = _near(c, hour_sents)
        c.feats = f


def anchor_features(c: Cand, chips: Cand | None, hours: Cand | None) -> dict[str, float]:
    """Features of a chip-model candidate relative to the chosen count and duration."""
    f = {}
    for name, a in (("chips", chips), ("hours", hours)):
        f[f"in_{name}_sentence"] = float(a is not None and a.sent_index == c.sent_index)
    fam = chips.extra.get("chip_family") if chips is not None else None
    f["same_family_as_count"] = float(fam is not None and fam == c.value)
    f["count_generic_kind"] = float(chips is not None and c.extra.get("generic", False)
                                    and _kind_of_unit(chips) == (c.extra.get("kind") or c.extra.get("_kind")))
    return f


def _kind_of_unit(c: Cand) -> str | None:
    if c.unit == "gpus":
        return "gpu"
    if c.unit in ("tpu_chips", "tpu_cores") or (c.unit == "other" and "TPU" in c.match.upper()):
        return "tpu"
    if c.unit == "cpu_cores":
        return "cpu"
    return None


# ------------------------------------------------------------------ the model


@dataclass
class Logistic:
    """L2-regularized logistic regression on standardized features (fitted by Newton's method)."""

    names: list[str]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float

    @classmethod
    def fit(cls, rows: list[dict[str, float]], y: list[int], l2: float = 1.0, min_count: int = 3,
            weights: list[float] | None = None) -> "Logistic":
        counts: dict[str, int] = {}
        for r in rows:
            for k, v in r.items():
                if v:
                    counts[k] = counts.get(k, 0) + 1
        names = sorted(k for k, n in counts.items() if n >= min_count)
        X = _matrix(rows, names)
        mean = X.mean(axis=0) if len(X) else np.zeros(len(names))
        scale = X.std(axis=0) if len(X) else np.ones(len(names))
        scale[scale < 1e-6] = 1.0
        Z = (X - mean) / scale
        yv = np.asarray(y, dtype=float)
        sw = np.ones(len(yv)) if weights is None else np.asarray(weights, dtype=float)
        Zb = np.hstack([Z, np.ones((len(Z), 1))])
        w = np.zeros(Zb.shape[1])
        reg = np.full(Zb.shape[1], l2)
        reg[-1] = 1e-6
        for _ in range(50):
            p = 1.0 / (1.0 + np.exp(-np.clip(Zb @ w, -30, 30)))
            g = Zb.T @ (sw * (p - yv)) + reg * w
            H = (Zb * (sw * p * (1 - p))[:, None]).T @ Zb + np.diag(reg)
            step = np.linalg.solve(H, g)
            w -= step
            if np.abs(step).max() < 1e-7:
                break
        return cls(names, mean, scale, w[:-1], float(w[-1]))

    def logit(self, rows: list[dict[str, float]]) -> np.ndarray:
        if not rows:
            return np.zeros(0)
        Z = (_matrix(rows, self.names) - self.mean) / self.scale
        return Z @ self.coef + self.intercept

    def as_json(self) -> dict:
        return {"features": {n: [round(float(m), 6), round(float(s), 6), round(float(c), 6)]
                             for n, m, s, c in zip(self.names, self.mean, self.scale, self.coef)},
                "intercept": round(self.intercept, 6)}

    @classmethod
    def from_json(cls, d: dict) -> "Logistic":
        names = list(d["features"])
        arr = np.array([d["features"][n] for n in names], dtype=float).reshape(-1, 3)
        return cls(names, arr[:, 0], arr[:, 1], arr[:, 2], float(d["intercept"]))


def _matrix(rows: list[dict[str, float]], names: list[str]) -> np.ndarray:
    index = {n: i for i, n in enumerate(names)}
    X = np.zeros((len(rows), len(names)))
    for i, r in enumerate(rows):
        for k, v in r.items():
            j = index.get(k)
            if j is not None:
                X[i, j] = v
    return X


@dataclass
class FieldModel:
    """One field's ranker: the candidate model, the calibration of the chosen candidate's probability
    (Platt: sigmoid(a * logit + b)) and the threshold below which the field is left empty."""

    model: Logistic
    calib_a: float = 1.0
    calib_b: float = 0.0
    threshold: float = 0.5
    features: list[str] | None = None  # feature-name prefixes the model reads (None: all)
    # The top band (confidence >= TOP_BAND) is earned: only probabilities >= top_from, the level above which
    # held-out choices were >= TOP_BAND_RIGHT right when fitted, are shown there; lower ones are capped
    # just below it (1.0: no level was right often enough, the top band stays empty).
    top_from: float = TOP_BAND
    # The confidence shown (not the choice, not the threshold): Platt scaling of the chosen candidate's score
    # with features of that candidate besides it (``conf_features``: name -> weight; ``conf_ab``: a, b),
    # fitted on held-out choices; None: the confidence is the calibrated probability.
    conf_ab: tuple[float, float] | None = None
    conf_features: dict[str, float] | None = None

    def logits(self, rows: list[dict[str, float]]) -> np.ndarray:
        """The model's score of each candidate (the ranking: argmax is the choice)."""
        return self.model.logit([select(r, self.features) for r in rows])

    def calibrate(self, z) -> np.ndarray:
        """The probability that a chosen candidate with score ``z`` is right."""
        return 1.0 / (1.0 + np.exp(-np.clip(self.calib_a * np.asarray(z) + self.calib_b, -30, 30)))

    def probs(self, rows: list[dict[str, float]]) -> np.ndarray:
        return self.calibrate(self.logits(rows))

    def confidence(self, p: float, z: float | None = None, row: dict[str, float] | None = None) -> float:
        """The confidence shown for a calibrated probability ``p`` (of score ``z``, features ``row``): with
        confidence features, their calibration instead of ``p``; the top band only from ``top_from`` on."""
        if self.conf_ab is not None and z is not None:
            p = confidence_prob(self.conf_ab, self.conf_features or {}, float(z), row or {})
        return guard_top_band(p, self.top_from)


def confidence_prob(ab: tuple[float, float], weights: dict[str, float], z: float, row: dict[str, float]) -> float:
    a, b = ab
    t = a * z + b + sum(w * float(row.get(k, 0.0)) for k, w in weights.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, t))))


def guard_top_band(p: float, top_from: float) -> float:
    p = float(p)
    if top_from >= 1.0:
        return min(p, TOP_BAND - 0.01)
    if p >= top_from:  # [top_from, 1] onto [TOP_BAND, 1], keeping the order
        return TOP_BAND + (1.0 - TOP_BAND) * (p - top_from) / max(1e-9, 1.0 - top_from)
    return min(p, TOP_BAND - 0.01)


def earned_top_band(p: list[float], y: list[int], right: float = None, min_n: int = 8) -> float:
    """The lowest probability level above which held-out choices were right at least ``right`` of the time
    (at least ``min_n`` of them, the rate with one right and one wrong added: 18 right of 18 is needed for
    95%, not 1 of 1); 1.0 when there is none."""
    right = TOP_BAND_RIGHT if right is None else right
    order = sorted(zip(p, y), key=lambda t: -t[0])
    level, n, k = 1.0, 0, 0
    for pi, yi in order:
        n += 1
        k += yi
        if n >= min_n and (k + 1) / (n + 2) >= right:
            level = pi
    return level


@dataclass
class Ranker:
    fields: dict[str, FieldModel] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)

    def save(self, path: str | Path) -> None:
        d = {"format": FORMAT, **self.meta, "fields": {
            f: {"threshold": round(m.threshold, 4), "calibration": [round(m.calib_a, 6), round(m.calib_b, 6)],
                "top_band_from": round(m.top_from, 4),
                **({"confidence_calibration": [round(m.conf_ab[0], 6), round(m.conf_ab[1], 6)],
                    "confidence_features": {k: round(v, 6) for k, v in (m.conf_features or {}).items()}}
                   if m.conf_ab is not None else {}),
                "feature_prefixes": m.features, **m.model.as_json()} for f, m in self.fields.items()}}
        Path(path).write_text(json.dumps(d, indent=1, sort_keys=False) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> "Ranker":
        d = json.loads(Path(path).read_text(encoding="utf-8"))
        if d.get("format") != FORMAT:
            raise ValueError(f"{path}: not a ranker file ({d.get('format')!r} instead of {FORMAT!r})")
        fields = {}
        for f, m in d["fields"].items():
            a, b = m.get("calibration", [1.0, 0.0])
            cab = m.get("confidence_calibration")
            fields[f] = FieldModel(Logistic.from_json(m), a, b, m.get("threshold", 0.5), m.get("feature_prefixes"),
                                   m.get("top_band_from", TOP_BAND), tuple(cab) if cab else None,
                                   m.get("confidence_features") if cab else None)
        return cls(fields, {k: v for k, v in d.items() if k not in ("format", "fields")})


_DEFAULT: Ranker | None | bool = False


def default_ranker() -> Ranker | None:
    """The shipped weights (None when the file is absent: the hand-set rules choose)."""
    global _DEFAULT
    if _DEFAULT is False:
        _DEFAULT = Ranker.load(WEIGHTS_FILE) if WEIGHTS_FILE.exists() else None
    return _DEFAULT


# ------------------------------------------------------------------ fitting


@dataclass
class Group:
    """One paper's candidates for one field: feature rows and whether each value is right."""

    paper_id: str
    rows: list[dict[str, float]]
    right: list[int]


def fold_of(paper_id: str, folds: int, salt: str = "aicompute-fold-v1") -> int:
    """A fixed fold for a paper (a hash of its id), so cross-validation is reproducible."""
    import hashlib

    return int(hashlib.sha256(f"{salt}:{paper_id}".encode()).hexdigest(), 16) % folds


def _top(model: Logistic, g: Group) -> tuple[float, int, int] | None:
    if not g.rows:
        return None
    z = model.logit(g.rows)
    k = int(np.argmax(z))
    return float(z[k]), g.right[k], k


def _platt(z: list[float], y: list[int]) -> tuple[float, float]:
    """sigmoid(a z + b) fitted to the chosen candidates' right/wrong (lightly regularized)."""
    if len(set(y)) < 2:
        return 1.0, 0.0
    fit = _platt_with(z, [{} for _ in z], y, [])
    if fit is None:  # too few wrong choices to tell right from wrong by the score: the base rate for all
        rate = min(0.99, max(0.01, sum(y) / len(y)))
        return 0.0, math.log(rate / (1 - rate))
    return fit[0]


def _platt_with(z: list[float], rows: list[dict[str, float]], y: list[int], names: list[str], with_score: bool = True
                ) -> tuple[tuple[float, float], dict[str, float]] | None:
    """sigmoid(a z + sum w_k x_k + b) fitted to the held-out chosen candidates (None when it cannot be;
    ``with_score`` False: the features alone, a = 0)."""
    if len(set(y)) < 2 or not z:
        return None
    m = Logistic.fit([{**({"z": v} if with_score else {}), **{k: float(r.get(k, 0.0)) for k in names}}
                      for v, r in zip(z, rows)], y, l2=0.5, min_count=0)
    w = {n: float(c / s) for n, c, s in zip(m.names, m.coef, m.scale)}
    a = w.pop("z", 0.0)
    if with_score and a <= 0:
        return None
    b = float(m.intercept - sum(c * mu / s for c, mu, s in zip(m.coef, m.mean, m.scale)))
    return (a, b), {k: w.get(k, 0.0) for k in names}


def fit_field(groups: list[Group], l2: float = 3.0, cost_wrong: float = 1.5, inner_folds: int = 5,
              features: list[str] | None = None, confidence_features: list[str] | None = None,
              confidence_score: bool = True) -> FieldModel:
    """The candidate model on all groups; calibration and threshold from inner cross-validation: the
    threshold keeps a value only where it is worth more than its risk (expected right - cost_wrong x
    expected wrong > 0, i.e. calibrated p > cost_wrong / (1 + cost_wrong)). ``confidence_features``: features
    of the chosen candidate (beside its score) that the shown confidence is calibrated on; the choice and
    the threshold stay those of the score alone."""
    selected = [Group(g.paper_id, [select(r, features) for r in g.rows], g.right) for g in groups]
    raw_rows = {id(g2): g.rows for g, g2 in zip(groups, selected)}  # each group's full rows
    groups = selected
    oof_z: list[float] = []
    oof_y: list[int] = []
    oof_rows: list[dict[str, float]] = []
    for k in range(inner_folds):
        train = [g for g in groups if fold_of(g.paper_id, inner_folds, "aicompute-inner-v1") != k]
        test = [g for g in groups if fold_of(g.paper_id, inner_folds, "aicompute-inner-v1") == k]
        rows = [r for g in train for r in g.rows]
        if not rows or not test:
            continue
        m = Logistic.fit(rows, [y for g in train for y in g.right], l2=l2)
        for g in test:
            t = _top(m, g)
            if t is not None:
                oof_z.append(t[0])
                oof_y.append(t[1])
                oof_rows.append(raw_rows[id(g)][t[2]])
    a, b = _platt(oof_z, oof_y)
    threshold = cost_wrong / (1.0 + cost_wrong)
    # the top band from the held-out choices that would be given (above the threshold)
    oof_p = [float(p) for p in 1.0 / (1.0 + np.exp(-np.clip(a * np.asarray(oof_z, dtype=float) + b, -30, 30)))]
    conf = _platt_with(oof_z, oof_rows, oof_y, confidence_features, confidence_score) if confidence_features else None
    shown = oof_p if conf is None else [confidence_prob(conf[0], conf[1], zz, r) for zz, r in zip(oof_z, oof_rows)]
    given = [(c, y) for p, c, y in zip(oof_p, shown, oof_y) if p >= threshold]
    # (never below TOP_BAND: this only lowers confidence, it never raises what the calibration says)
    top_from = max(TOP_BAND, earned_top_band([p for p, _ in given], [y for _, y in given]))
    model = Logistic.fit([r for g in groups for r in g.rows], [y for g in groups for y in g.right], l2=l2)
    return FieldModel(model, a, b, threshold=threshold, features=features, top_from=top_from,
                      conf_ab=conf[0] if conf else None, conf_features=conf[1] if conf else None)


def fit_ranker(groups: dict[str, list[Group]], config: dict[str, dict[str, Any]] | None = None,
               meta: dict[str, Any] | None = None) -> Ranker:
    config = config or CONFIG
    fields = {f: fit_field(gs, l2=config[f]["l2"], cost_wrong=config[f]["cost_wrong"], features=config[f]["features"],
                           confidence_features=config[f].get("confidence_features"),
                           confidence_score=config[f].get("confidence_score", True))
              for f, gs in groups.items() if gs and f in config}
    return Ranker(fields, dict(meta or {}))
