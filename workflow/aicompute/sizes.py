"""Size facts of a paper's main training run, with evidence: the method-1 inputs.

``extract_sizes(sentences, doc, published)`` returns ``(chosen, candidates)``: one fact dict (or None)
per size field and the best few candidates per field, best first (same dict shape as the other facts
of ``facts.json``: ``value, unit, page, sentence, match, confidence, why``, ``as_written`` for FLOP
amounts, ``low``/``high`` for ranges, ``kind`` = "table" for a table cell).

Fields and units:
- ``parameters``: the model's parameter count (for a mixture of experts, the total);
- ``active_parameters``: parameters active per token of a mixture of experts ("12B active parameters");
- ``tokens_or_examples``: the training data's size, unit tokens | words | characters | images | videos |
  sentences | frames | examples (only ``tokens`` feeds 6 x N x D);
- ``epochs``, ``steps`` (optimizer steps/iterations), ``batch_size`` (unit sequences/examples, or
  ``tokens`` when the batch is stated in tokens);
- ``flops_per_forward``: the cost of one forward pass, unit FLOP | multiply-add, value as stated (a
  paper that defines its "FLOPs" as multiply-adds gets multiply-add: the estimate doubles it);
- ``total_training_flop``: a total training compute the paper states for its own run, unit FLOP |
  multiply-add, as stated;
- ``sequence_length``: tokens per training sequence ("a sequence length of 512"), unit tokens: with
  steps and a batch in sequences the estimate counts the tokens processed (no label scores it yet).

Where the values come from (every one is a class of sentences, never a paper):
- text: "a 2.8B model trained on 300B tokens", "1.4T tokens", "LLaMA-65B", "340M parameters",
  "#params = 79.5 x 10^6", "1.28 million training images", "50,000 train and 10,000 test images",
  "for 90 epochs", "370K iterations", "1 million mini-batches of size 2048", "a batch size of 4M tokens",
  "11.3 billion FLOPs (multiply-adds)", "524 MFLOPs", "11.3 GFLOPS" as a model's cost (not a rate when
  nothing around it is hardware), "182 PF-days", "4262 exaFLOPs";
- tables: a column headed Params / #Params / FLOPs / MAdds / Epochs / Batch / Steps (units from the
  header or caption, "(M)"); a row labelled "Total Params 2.97B 9.18B 27.0B" (one column per model);
  the careful pass marks table rows, and pages it did not read are read from the cheap text
  (``doc.cheap_text``) line by line, so appendix tables count too.

What is not a value: a formula or a variable ("an M/2-FLOP cost", "N x 2 FLOPs"), FLOP/s of hardware,
sequence lengths ("512 tokens"), per-class/per-batch/per-second amounts, validation and test splits,
learning-rate schedule points ("dropped at 60 and 120 epochs", "warm-up of 4,000 steps"), sizes of
other people's models ("compared with GPT-3 (175B)", cited or in related work; "GPT-3 has 175B
parameters, while our model has only 1.3B": the clause set against ours), models evaluated, prompted or
served but not trained in the sentence ("we evaluate the LLaMA-65B model zero-shot"), hypotheticals.
Raw-text table cells: "5 x 104" is 5 x 10^4 (a superscript lost), "3 x 512" a shape.

Confidence: a logistic model over the candidate's evidence (weights are data, refitted by
``python -m aicompute.sizes fit-confidence``); the top band (>= 0.8) is allowed only when its
cross-validated values are >= 95% right, else every size is capped below 0.8 (shown as needs review).

Choice ("the largest model trained in full" is the labels' rule for the main run): the best-scoring
candidate above a floor; among near-ties the larger value for parameters, data and totals, the one
from the training/pre-training context for epochs, steps and batch size. A table row marked as the
paper's own model ("(ours)", or the name the title gives the model) beats other rows. Values stated
with the chosen parameter count (same sentence or same table column/row) gain.

Learned choice (``aicompute.sizes_ranker``, weights ``data/sizes_ranker.json``): for the fields the weights
file adopts (epochs, where 5-fold cross-validation showed it beats the rules), a logistic model over generic
features of the candidates settles the near-ties among the rules' candidates and gives the confidence;
the rules still generate, score and decide whether the field is stated at all.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Iterable

from . import DATA_DIR
from . import quantities as q
from .pdftext import Document, Sentence, normalize, split_sentences

__all__ = ["extract_sizes", "size_page_score", "SIZE_FIELDS", "fact_features", "fit_logistic"]

SIZE_FIELDS = ("parameters", "active_parameters", "tokens_or_examples", "epochs", "steps", "batch_size",
               "flops_per_forward", "total_training_flop", "sequence_length")
MAX_CANDIDATES = 5  # per field, in the candidates list
TABLES_FROM_RAW_TEXT = True  # table rows from the raw (pypdfium2) text lines of every page
MAX_RAW_PROSE_PAGES = 40  # prose from the raw text: at most this many pages (those most about sizes)
# minimum score to be chosen, per field
MIN_SCORE = {"parameters": 2.0, "active_parameters": 2.0, "tokens_or_examples": 2.2, "epochs": 2.2, "steps": 2.2,
             "batch_size": 2.0, "flops_per_forward": 2.0, "total_training_flop": 2.4, "sequence_length": 2.2}
# near-ties (within MARGIN of the best) are compared by value where the larger is the main run
MARGIN = {"parameters": 0.6, "active_parameters": 0.6, "tokens_or_examples": 0.5, "epochs": 0.3, "steps": 0.3,
          "batch_size": 0.3, "flops_per_forward": 0.5, "total_training_flop": 0.5, "sequence_length": 0.3}
PREFER_LARGER = {"parameters", "active_parameters", "tokens_or_examples", "flops_per_forward",
                 "steps"}
# plausible ranges (outside: not a size of that kind)
RANGE = {"parameters": (1e3, 5e13), "active_parameters": (1e6, 5e13), "tokens_or_examples": (50, 1e16),
         "epochs": (0.1, 1e5), "steps": (100, 1e9), "batch_size": (1, 1e8), "flops_per_forward": (1e4, 1e16),
         "total_training_flop": (1e12, 1e28), "sequence_length": (8, 1e7)}

# ------------------------------------------------------------------ numbers

_MULT = {"k": 1e3, "K": 1e3, "thousand": 1e3, "M": 1e6, "million": 1e6, "millions": 1e6, "mil": 1e6,
         "B": 1e9, "G": 1e9, "billion": 1e9, "billions": 1e9, "bn": 1e9, "T": 1e12, "trillion": 1e12,
         "trillions": 1e12}
_NUM = q.NUMBER
# a number with an optional magnitude word: "1.28 million", "8.9 billions of", "2.8B", "36B"
_SUF = r"(?:\s*-?\s*(?P<suf>[kKMBT]\b|thousand\b|millions?\b|billions?\b|trillions?\b|bn\b)(?:\s+of\b)?)?"


def _value(m: re.Match, group: str = "n", suf_group: str = "suf") -> float | None:
    if re.fullmatch(r"(?i)\s*(?:thousand|million|billion|trillion|hundred)s?\s*", m.group(group)):
        return None  # "13-billion": the scale word alone is not the number
    v = q.parse_number(m.group(group))
    if v is None:
        return None
    suf = m.groupdict().get(suf_group)
    if suf and not re.search(r"[kKMBT]$|(?:thousand|million|billion|trillion)$", m.group(group).strip()):
        v *= _MULT.get(suf, _MULT.get(suf.lower(), 1.0))
    return v


# a table cell: "5.4M", "1,290", "0.2B", "145.8M", "8k", "1.05T", "~64", "16.0 x 10^9"
_CELL_RE = re.compile(
    r"^[~≈<>]?(?P<n>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*[x·*]\s*10\^?(?P<exp>[-+]?\d+))?(?P<suf>[kKMBGT])?(?P<pct>%)?$")


def _cell_value(tok: str) -> tuple[float, bool] | None:
    """(value, scaled) of one table cell; scaled when it carries its own magnitude ("5.4M")."""
    tok = re.sub(r"\([^)]*\)$", "", tok.strip())  # "16.9M(3.6x)": the value before a note
    m = _CELL_RE.match(tok.strip().rstrip("*†‡§"))
    if not m or m.group("pct"):
        return None
    v = float(m.group("n").replace(",", ""))
    scaled = False
    if m.group("exp"):
        v *= 10.0 ** int(m.group("exp"))
        scaled = True
    if m.group("suf"):
        v *= _MULT[m.group("suf")] if m.group("suf") != "G" else 1e9
        scaled = True
    return v, scaled


# ------------------------------------------------------------------ sentence context

_TRAIN_RE = re.compile(r"\b(?:train|trains|trained|training|pre-?train\w*|learn(?:ed|ing|s)?|optimi[sz]\w*|fit|fitted|"
                       r"converge[sd]?|convergence)\b", re.I)
_WE_RE = re.compile(r"\b(?:we|our|ours|us)\b", re.I)
_OURS_RE = re.compile(r"\(\s*ours\s*\)|\bours\b|\bproposed\b|\bthis\s+(?:paper|work)\b", re.I)
_CITE_RE = re.compile(
    r"\[\s*\d+(?:\s*[,–-]\s*\d+)*\s*\]|\(\s*[A-Z][\w'-]+(?:\s+(?:et\s+al\.?|and|&)\s*[A-Z]?[\w'-]*)?,?\s*(?:19|20)\d\d[a-z]?"
    r"(?:\s*;\s*[^)]*)?\)|\b[A-Z][\w'-]+\s+et\s+al\.?")
_OTHERS_RE = re.compile(
    r"\b(?:previous(?:ly)?|prior\s+(?:work|models?)|original(?:ly)?|reported\s+(?:by|in)|trained\s+by|baselines?|"
    r"competing|compared\s+(?:to|with)|comparison|versus|vs\.?|(?:than|as)\s+(?:the\s+)?(?:original|previous)|"
    r"existing|state[- ]of[- ]the[- ]art\s+(?:methods?|models?|systems?)|such\s+as|like|e\.\s*g\.|their|they|"
    r"other\s+(?:models|methods|works?|papers)|recent\s+(?:models|work|LLMs|language\s+models))\b", re.I)
_HYPO_RE = re.compile(
    r"\b(?:would|could|might|should)\s+(?:\w+\s+){0,2}?(?:be|take|have|require|need|cost|train)|\bif\s+(?:we|one|you|it)\b|"
    r"\bhypothetical\w*|\bprojected\b|\bassum(?:e|ed|ing)\b|\bfuture\s+work\b|\bintend\w*|\bplan(?:s|ned)?\s+to\b|"
    r"\bin\s+the\s+future\b|\bto\s+be\s+used\s+to\b|\bcould\s+be\s+used\b", re.I)
_EXAMPLE_RE = re.compile(r"^\W*(?:\d{1,2}\s+)?(?:For\s+example|For\s+instance|E\.\s*g\.|As\s+an\s+example)\b")
_FINETUNE_RE = re.compile(r"\bfine-?tun\w*|\bdownstream\b|\btransfer(?:red|ring)?\s+(?:to|learning)\b|\badapt(?:ation|ed)\b|"
                          r"\bSFT\b|\binstruction[- ]tun\w*|\bLoRA\b", re.I)
# pre-training as an activity of this paper; "a pre-trained model" is an initialization, not a pre-training run
_PRETRAIN_RE = re.compile(r"\bpre-?train(?:ing|s)?\b|\bpre-?trained\s+(?:for|on|with|using|over)\b|\bwe\s+pre-?trained\b", re.I)
_PRETRAINED_ADJ_RE = re.compile(
    r"\b(?:from|with|using|on\s+top\s+of|initiali[sz]ed\s+(?:from|with))?\s*(?:an?|the|our|same|exact|publicly\s+available|"
    r"existing|off-the-shelf)?\s*(?:\w+\s+)?pre-?trained\s+(?:[\w+-]+\s+){0,2}?(?:models?|weights|checkpoints?|networks?|"
    r"encoders?|backbones?|representations?|embeddings?|parameters|language\s+models?|LMs?)\b", re.I)
_ABLATION_RE = re.compile(
    r"\b(?:ablations?|ablated|analysis\s+experiments?|toy|preliminary|pilot|proxy|sanity|debug\w*|prototype|"
    r"a\s+subset)\b", re.I)
_SMALLER_RE = re.compile(r"\b(?:small(?:er|est)?|tiny)\s+(?:models?|networks?|scale|versions?|variants?|configurations?)\b",
                         re.I)


def _local_smaller(t: str, start: int, end: int) -> bool:
    """The value is said of a smaller variant ("the smaller models on 1.0T tokens", "a small model of 125M")."""
    before = re.split(r"[;,]\s+(?:and|but|while|whereas)\b|;", t[max(0, start - 60): start])[-1]
    return bool(_SMALLER_RE.search(before) or _SMALLER_RE.match(t[end: end + 30].lstrip()))
_MAIN_RE = re.compile(
    r"\b(?:(?:our|the)\s+(?:final|full|main|best|largest|biggest|big|large|complete|flagship|headline|proposed|"
    r"most\s+(?:expensive|capable|powerful|accurate)|strongest)\s+"
    r"(?:\w+\s+)?(?:model|network|system|run|architecture|version|variant)s?|all\s+(?:of\s+)?(?:the\s+|our\s+)?"
    r"(?:models|experiments|networks|runs)|(?:we|our\s+models?|the\s+models?)\s+(?:are|were|is|was)?\s*(?:pre-?)?trained)\b",
    re.I)
_EVAL_RE = re.compile(r"\b(?:inference|test[- ]time|at\s+test|latency|throughput|decoding|deploy\w*|serving|"
                      r"evaluat\w+\s+(?:on|with)|benchmark\w*|speed)\b", re.I)
_DEF_MADD_RE = re.compile(
    r"(?:FLOPs?|MAdds|Madds|operations|FLOPS|complexity)[^.]{0,80}?(?:multipl\w*[- ](?:and[- ])?add\w*|multiply[- ]accumulat\w*|"
    r"mult-adds|MACs?\b)|(?:multipl\w*[- ](?:and[- ])?add\w*|multiply[- ]accumulat\w*|mult-adds|MACs?\b)[^.]{0,40}?"
    r"(?:FLOPs|as\s+one\s+(?:FLOP|operation))|count(?:ing)?\s+(?:a|one)\s+multipl\w*[- ]add\w*\s+as\s+(?:one|a\s+single)",
    re.I)
_MOE_RE = re.compile(r"\bmixture[- ]of[- ]experts?\b|\bMoE\b|\bexperts?\s+(?:layers?|per\s+token)|\bsparse(?:ly)?[- ]activated\b",
                     re.I)


@dataclass
class Unit:
    """One sentence or table row with what the choice needs to know about it."""

    page: int
    text: str
    kind: str  # text | table | caption
    section: str
    index: int
    source: str = "careful"  # careful | cheap
    headers: list[str] = field(default_factory=list)  # for table rows: possible header rows (short lines above)
    caption: str = ""  # for table rows: the caption (if found nearby)
    same_as_previous: bool = False  # a table row block that continues the one above (after a section label)
    group: str = ""  # for table rows: a group label above them ("ALBERT")
    hint: bool = False  # may state a size (a number and a size word): only these are read closely
    starts: list[int] | None = None  # where numbers start (computed once)
    block: int = -1  # table block id
    row: int = 0  # row number inside the block
    # context flags
    train: bool = False
    we: bool = False
    cite: bool = False
    others: bool = False
    hypo: bool = False
    example: bool = False
    finetune: bool = False
    pretrain: bool = False
    ablation: bool = False
    main: bool = False
    evalctx: bool = False
    ours: bool = False


# a sentence that may state a size: a number and one of the words sizes come with
_HINT_NUM_RE = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|fifty|hundred|"
                          r"thousand|million|billion)\b", re.I)
_HINT_WORDS = ("param", "token", "word", "image", "photo", "picture", "example", "sample", "instance", "sentence", "pair",
               "document", "video", "clip", "frame", "utterance", "game", "episode", "question", "quer", "record", "click",
               "session", "epoch", "step", "iter", "update", "batch", "flop", "mac", "madd", "mult", "illion", "thousand",
               "shape", "scan", "patch", "point", "article", "dialog", "conversation", "demonstration", "trajector",
               "transition", "interaction", "impression", "triplet", "recording", "instruction", "prompt", "problem",
               "program", "molecule", "structure", "protein", "sequence", "text", "review", "tweet", "post", "caption",
               "character", "subword", "set", "data", "corpus", "pass", "model", "context len")
_HINT_SIZE_RE = re.compile(r"\d\s?[KMBTG]T?\b")


def _hint(t: str) -> bool:
    if not any(ch.isdigit() for ch in t) and not _HINT_NUM_RE.search(t):
        return False
    low = t.lower()
    return any(w in low for w in _HINT_WORDS) or bool(_HINT_SIZE_RE.search(t))


def _flags(u: Unit) -> Unit:
    t = u.text
    u.train = bool(_TRAIN_RE.search(t))
    u.we = bool(_WE_RE.search(t))
    u.cite = bool(_CITE_RE.search(t))
    u.others = bool(_OTHERS_RE.search(t))
    u.hypo = bool(_HYPO_RE.search(t))
    u.example = bool(_EXAMPLE_RE.search(t))
    u.finetune = bool(_FINETUNE_RE.search(t))
    t_pre = _PRETRAINED_ADJ_RE.sub(" initialized model ", t)
    u.pretrain = bool(_PRETRAIN_RE.search(t_pre))
    if t_pre != t and not u.finetune:
        u.finetune = True  # starting from a pre-trained model is fine-tuning
    u.ablation = bool(_ABLATION_RE.search(t))
    u.main = bool(_MAIN_RE.search(t))
    u.evalctx = bool(_EVAL_RE.search(t))
    u.ours = bool(_OURS_RE.search(t))
    return u


# ------------------------------------------------------------------ candidates


@dataclass
class Cand:
    field: str
    value: float
    unit: str | None
    u: Unit
    match: str
    score: float
    why: list[str]
    low: float | None = None
    high: float | None = None
    as_written: str | None = None
    column: int | None = None  # for transposed tables: the model's column
    own: bool = False  # a row marked as the paper's own model
    extra_key: tuple | None = None  # (table, column label, cell had its magnitude) for column tables
    model: str | None = None  # for parameter counts: the model's name where it is stated ("ViT-H/14")
    flagged: bool = False  # carries a distractor cue (others, hypothetical, related work)
    role: str = "other"
    unlinked: bool = False  # a data amount with no training words in its sentence (a dataset's description)
    learned_confidence: float | None = None  # set when the learned choice (sizes_ranker) chose this value
    other_model: bool = False  # stated beside another model size than the chosen parameter count
    names_own: bool = False  # its sentence or table row names one of the paper's own models (``own_model_names``)
    row_label: str | None = None  # for table cells: the row's label ("Teacher (DQN)", "Ours-L")

    @property
    def confidence(self) -> float:
        if self.learned_confidence is not None:
            return self.learned_confidence
        return confidence_of(self.field, self.score, self.why, self.u.kind == "table", self.u.source == "cheap", self.flagged)

    def fact(self) -> dict[str, Any]:
        d: dict[str, Any] = {"value": _clean(self.value), "page": self.u.page, "sentence": self.u.text, "match": self.match,
                             "confidence": self.confidence, "why": "; ".join(dict.fromkeys(self.why))}
        if self.unit:
            d["unit"] = self.unit
        if self.as_written:
            d["as_written"] = self.as_written
        if self.low is not None and self.high is not None and self.low != self.high:
            d["low"], d["high"] = _clean(self.low), _clean(self.high)
        if self.u.kind == "table":
            d["kind"] = "table"
        if self.u.source == "cheap":
            d["why"] += "; read from the page's raw text"
        d["score"] = round(self.score, 3)  # the rules' score: with ``distractor``, what the confidence model reads
        if self.flagged:
            d["distractor"] = True
        if self.other_model:
            d["other_model_size"] = True  # the estimate does not multiply it by the chosen parameter count
        return d

    def as_candidate(self) -> dict[str, Any]:
        d = self.fact()
        d["field"] = self.field
        d["role"] = self.role
        return d


# ------------------------------------------------------------------ confidence
# A logistic model of "this value is right" over the candidate's evidence, fitted to the development
# labels by ``python -m aicompute.sizes fit-confidence`` (weights are data: CONFIDENCE_FILE); without
# the file, a logistic of the score.

CONFIDENCE_FILE = DATA_DIR / "sizes_confidence.json"
TOP_BAND_PRECISION = 0.95  # what confidence >= 0.8 promises (coordination: the top band is >= 95% right)
# (the fields the labels score; a field added later, such as sequence_length, has no field weight)
_CONF_FIELDS = ("parameters", "active_parameters", "tokens_or_examples", "epochs", "steps", "batch_size",
                "flops_per_forward", "total_training_flop")
_FEATURES = ("bias", "score", "table", "raw_text", "distractor", "repeated", "we", "with_chosen_params", "training") + \
    tuple(f"field:{f}" for f in _CONF_FIELDS)
_WEIGHTS: dict | None = None


def feature_vector(fieldname: str, score: float, why: list[str], table: bool, cheap: bool, flagged: bool) -> list[float]:
    w = "; ".join(why)
    return [1.0, score, float(table), float(cheap), float(flagged), float("stated " in w and " times" in w),
            float("we/our" in w), float("stated with the chosen parameter count" in w or "stated for the chosen model" in w),
            float(any(k in w for k in ("trained on", "training split", "for N / in total", "stopped after N")))] + \
        [float(fieldname == f) for f in _CONF_FIELDS]


def fact_features(fieldname: str, fact: dict) -> list[float]:
    """The confidence model's features of a shipped size fact (``Cand.fact()``): for refitting it outside."""
    why = str(fact.get("why") or "")
    return feature_vector(fieldname, float(fact.get("score") or 0.0), [why], fact.get("kind") == "table",
                          "read from the page's raw text" in why, bool(fact.get("distractor")))


def _weights() -> dict:
    global _WEIGHTS
    if _WEIGHTS is None:
        try:
            data = json.loads(CONFIDENCE_FILE.read_text(encoding="utf-8"))
            _WEIGHTS = data if list(data.get("features", [])) == list(_FEATURES) else {}
        except (OSError, ValueError):
            _WEIGHTS = {}
    return _WEIGHTS


def confidence_of(fieldname: str, score: float, why: list[str], table: bool, cheap: bool, flagged: bool) -> float:
    data = _weights()
    wts = data.get("weights")
    if wts:
        z = sum(a * b for a, b in zip(wts, feature_vector(fieldname, score, why, table, cheap, flagged)))
    else:
        z = (score - 3.0) / 1.2
    # the top band (>= 0.8) is given only where cross-validation showed it earns it (>= 95% right)
    cap = float(data.get("max_confidence", 0.98))
    return round(max(0.02, min(0.98, cap, 1.0 / (1.0 + math.exp(-z)))), 2)


def fit_logistic(x: list[list[float]], y: list[bool], l2: float = 1.0, steps: int = 3000) -> list[float]:
    """Weights of a logistic regression (L2 on all but the bias), by gradient descent (numpy)."""
    import numpy as np

    xa, ya = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    w = np.zeros(xa.shape[1])
    reg = np.full(xa.shape[1], l2)
    reg[0] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(xa @ w)))
        grad = xa.T @ (p - ya) / len(ya) + reg * w / len(ya)
        w -= 0.5 * grad
    return [round(float(v), 4) for v in w]


def _clean(v: float):
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
        return int(v)
    return v


def _base_score(u: Unit, why: list[str], cite_ok: bool = False) -> tuple[float, bool]:
    """Context score shared by all size candidates, and whether a distractor cue is present."""
    sc = 1.5
    flagged = False
    if u.train:
        sc += 0.5
    if u.we:
        sc += 0.4
        why.append("we/our")
    if u.main:
        sc += 0.4
        why.append("main/all models")
    if u.hypo:
        sc -= 1.0
        flagged = True
        why.append("hypothetical")
    if u.cite and not u.we and u.others and not cite_ok:  # (setups cite their optimizer, datasets their source)
        sc -= 1.0
        flagged = True
        why.append("cites other work")
    if u.example:
        sc -= 1.0
        flagged = True
        why.append("an example")
    if u.ablation:
        sc -= 0.4
        why.append("ablation/preliminary setting")
    sec = u.section
    if sec == "related":
        sc -= 2.0
        flagged = True
        why.append("related work")
    elif sec == "acknowledgements":
        sc -= 4.0
        flagged = True
    elif sec == "abstract":
        sc += 0.3
    if u.source == "cheap":
        sc -= 0.2
    return sc, flagged


def _local_others(t: str, start: int, end: int, cite_after: bool = True, cited_subject: bool = True) -> bool:
    """The value sits in a clause about another model ("compared with GPT-3 (175B)", "than the 1.3B of [12]")."""
    before = t[max(0, start - 60): start]
    after = t[end: end + 40]
    m = re.search(r"(?i)\b(?:compared\s+(?:to|with)|versus|vs\.?|than|unlike|whereas|while|like|e\.\s*g\.|such\s+as|"
                  r"as\s+opposed\s+to|previous|prior|original|baseline|instead\s+of|as\s+in)\b[^.;]*$", before)
    if m and not re.search(r"(?i)\b(?:we|our)\b", m.group(0)):  # "while our model has 1.3B": ours
        return True
    # "Compared to X3D and SlowFast, both trained ... for 256 epochs, our training ...": a sentence that opens
    # with a comparison speaks of the other models until "we/our" comes
    if _COMPARE_OPEN_RE.match(t) and not _WE_RE.search(t[:start]):
        return True
    if re.search(r"(?i)(?:\d\s*%|\bpercent|\bfraction|\bhalf|\bthird|\bquarter)\s+of\s+[^.;,]{0,30}$", before):
        return True  # "only 18% of VGG-19 (19.6 billion FLOPs)"
    if cite_after and re.match(r"^[^.;]{0,25}?(?:\[\s*\d+|\(\s*[A-Z][\w'-]+(?:\s+et\s+al\.?)?,?\s*(?:19|20)\d\d)", after):
        return True
    # "X3D [12] and SlowFast [8] require 128 GPUs for 256 epochs": a cited subject and no "we" in the clause
    clause = re.split(r"[.;]\s|,\s+(?:while|whereas|but)\b", t[max(0, start - 120): start])[-1]
    if cite_after and cited_subject and _CITE_RE.search(clause) and not _WE_RE.search(clause):
        return True
    return False


_COMPARE_OPEN_RE = re.compile(r"^\W*(?:\d+(?:\.\d+)*\s+)?(?:Compared\s+(?:to|with)|Unlike|In\s+contrast\s+to|As\s+opposed\s+to|"
                              r"Similar(?:ly)?\s+to|In\s+comparison\s+(?:to|with))\b", re.I)
_CONTRAST_SPLIT_RE = re.compile(r",?\s+(?:while|whereas|but)\s+|\s+(?:compared\s+(?:to|with)|unlike|than)\s+", re.I)


_OTHER_SUBJECT_RE = re.compile(r"(?i)\b(?:prior|previous|existing|baselines?|other|others|their|they|competing|"
                               r"state-of-the-art|earlier)\b")


def _contrast_other(t: str, start: int) -> bool:
    """The value sits in a clause without "we/our" that a contrast ("while", "whereas", "but", ";") sets
    against a clause with "we/our": "GPT-3 has 175B parameters, while our model has only 1.3B"."""
    if not _WE_RE.search(t):
        return False
    clauses, pos = [], 0
    for m in _CONTRAST_SPLIT_RE.finditer(t):
        clauses.append((pos, m.start()))
        pos = m.end()
    clauses.append((pos, len(t)))
    if len(clauses) < 2:
        return False
    mine = next(((a, b) for a, b in clauses if a <= start < b), None)
    if mine is None or _WE_RE.search(t[mine[0]: mine[1]]):
        return False
    clause = t[mine[0]: mine[1]]
    if not (_MODEL_TOKEN_RE.search(clause) or _CITE_RE.search(clause) or _OTHER_SUBJECT_RE.search(clause) or
            re.search(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+\b", clause)):  # "Universal Transformer takes ..., whereas our"
        return False  # "..., but it is trained on only 1T tokens": nothing says whose
    return any(_WE_RE.search(t[a: b]) for a, b in clauses if (a, b) != mine)


# a cited model's size: "the ResNet-18 network [16], that has over 11 million parameters"
_CITED_BEFORE_RE = re.compile(r"(?:\[\s*\d+(?:\s*[,–-]\s*\d+)*\s*\]|\([A-Z][\w'-]+(?:\s+et\s+al\.?)?,?\s*(?:19|20)\d\d[a-z]?\)|"
                              r"\bet\s+al\.?(?:\s*\(?(?:19|20)\d\d[a-z]?\)?)?)[^.;\[\]()]{0,45}$")


# ------------------------------------------------------------------ parameters

_USE_ONLY_RE = re.compile(r"\b(?:evaluat\w*|prompt\w*|zero-shot|few-shot|one-shot|in-context|inference|quer(?:y|ies|ied)|"
                          r"APIs?|benchmark(?:s|ed|ing)?|infer\w*|decoding|deploy\w*|serv(?:e|ed|ing))\b", re.I)

_PARAM_AFTER_RE = re.compile(
    rf"(?P<n>{_NUM}){_SUF}\s*(?:-\s*)?(?P<adj>(?:(?:total|trainable|learnable|free|model|network|active|activated|"
    r"available|non-embedding|sparse|dense|weight|real-valued)\s+){0,3})(?P<w>parameters?|params?\b|weights\b)",
    re.I)
_PARAM_BEFORE_RE = re.compile(
    rf"(?:(?P<active>active|activated)\s+)?(?:#\s*(?:of\s+)?params?\.?|number\s+of\s+(?:\w+\s+)?parameters|parameter\s+counts?|"
    rf"(?:total\s+)?(?<![-\w])(?:parameters|params)|model\s+size)\s*(?:\((?:M|B|millions?)\))?\s*(?:of|:|=|is|are|was|were|totals?|"
    rf"total(?:ing|s)?|~|≈|to|reaches|grows\s+to)?\s*(?:only\s+|just\s+|about\s+|around\s+|roughly\s+|approximately\s+|"
    rf"nearly\s+|over\s+|~\s*|≈\s*)?(?P<n>{_NUM}){_SUF}(?!\s*(?:%|x\b|times|fewer|less|more|smaller|larger|bits?|"
    r"layers|GB|MB|epochs|steps|tokens))",
    re.I)
# "a 7B model", "the 2.8B-parameter model", "13B models", "1.6T-parameter", "(11B)"
_SIZE_MODEL_RE = re.compile(
    r"(?<![\w.$])(?P<n>\d+(?:\.\d+)?)\s?(?P<suf>[BMT])(?:\s*|-)(?P<noun>(?:(?:dense|sparse|MoE|decoder(?:-only)?|"
    r"parameter|param|base|pre-?trained|language|transformer|GPT|LLaMA|Llama|\w+-?style)\s+)?(?:models?|LMs?|LLMs?|"
    r"language\s+models?|transformers?|networks?|variants?|versions?|checkpoints?|MoEs?|experts?\s+model))\b")
# "LLaMA-65B", "GPT-J 6.7B", "Mistral 7B", "OPT-175B", "Llama 3.1 70B", "T5-XXL (11B)"
_NAME_SIZE_RE = re.compile(
    r"(?P<name>\b[A-Z][\w.]*(?:[- ](?:\d(?:\.\d)?|[A-Z][\w.]*))?)(?:[- ]|\s*\(\s*)(?P<n>\d+(?:\.\d+)?)(?P<suf>B)\b(?!\s*(?:tokens|words|images|examples|"
    r"samples|sentences|pairs|documents|\)?\s*tokens|of\s+(?:tokens|text|data)))")
# "our model has only 1.3B", "the proposed network contains 25M" (a magnitude, in a sentence about parameters)
_OUR_MODEL_HAS_RE = re.compile(
    r"\b(?:our|the\s+proposed)\s+(?:\w+\s+){0,2}?(?:models?|networks?|LMs?|LLMs?|transformers?|architectures?)\s+"
    r"(?:has|have|contains?|uses?|is\s+of|with)\s+(?:only\s+|just\s+|about\s+|around\s+|roughly\s+|approximately\s+|~\s*)?"
    r"(?P<n>\d+(?:\.\d+)?)\s?(?P<suf>[MBT]\b|million\b|billion\b|trillion\b)", re.I)
# words after a size that make it data, not a model ("1.4T tokens")
_DATA_NOUN_AFTER_RE = re.compile(r"^\s*(?:\w+\s+){0,2}?(?:tokens?|words?|images?|examples?|samples?|sentences?|pairs|"
                                 r"documents?|characters?|bytes|frames|hours|videos?|clips?|steps|iterations|FLOPs?)\b",
                                 re.I)


# a model's name: "GPT-3", "ResNet-152", "ViT-H/14", "RepVGG-B3", "R50-w5", "LLaMA-65B"
_MODEL_TOKEN_RE = re.compile(r"\b[A-Z][A-Za-z]*-?[A-Za-z]*\d[\w./-]*|\b[A-Z][a-z]+[A-Z][\w.-]*-[\w./-]+")


def _at_numbers(rx: re.Pattern, u: Unit):
    """Matches of a pattern that starts with a number, tried only where numbers start (much faster
    than scanning every position with the number grammar)."""
    if u.starts is None:
        u.starts = [n.start for n in q.find_numbers(u.text)]
    end = -1
    for st in u.starts:
        if st < end:
            continue
        m = rx.match(u.text, st)
        if m:
            end = m.end()
            yield m


def _param_cands(u: Unit) -> list[Cand]:
    t = u.text
    out: list[Cand] = []
    spans: list[tuple[int, int]] = []
    base_why: list[str] = []
    base, flagged = _base_score(u, base_why)
    # "We evaluate the LLaMA-65B model zero-shot": a model used, not trained (papers that train nothing)
    use_only = u.kind != "table" and not u.train and not re.search(r"(?i)fine-?tun|\bLoRA\b|\btrain", t) and \
        bool(_USE_ONLY_RE.search(t))
    prev_work = u.kind != "table" and not u.train and not re.search(r"(?i)fine-?tun|\bLoRA\b|\btrain", t) and \
        bool(_PREVIOUS_WORK_RE.search(t))

    def add(v, m, start, end, why, bonus=0.0, active=False, unit=None, name_of=None):
        if v is None:
            return
        f = "active_parameters" if active else "parameters"
        lo, hi = RANGE[f]
        if not lo <= v <= hi:
            return
        if any(a <= start < b or start <= a < end for a, b in spans):
            return
        spans.append((start, end))
        w = list(base_why) + why
        sc = base + bonus
        fl = flagged
        # (a cited model in the clause is often the one fine-tuned: "a pretrained GPT-J model [3] with 6.7B parameters")
        if _local_others(t, start, end, cited_subject=False):
            sc -= 1.2
            fl = True
            w.append("in a clause about another model")
        elif _contrast_other(t, start):
            sc -= 1.2
            fl = True
            w.append("set against our model in the sentence")
        elif _CITED_BEFORE_RE.search(t[max(0, start - 70): start]) and not _WE_RE.search(t[max(0, start - 70): start]):
            sc -= 0.7  # yields to a count of our own; alone it stands (a cited model fine-tuned is the one trained)
            w.append("a cited model's size")
        if _local_smaller(t, start, end):
            sc -= 0.5
            w.append("a smaller variant")
        if use_only:
            sc -= 0.7
            w.append("a model evaluated or prompted, not trained, in this sentence")
        elif prev_work:
            sc -= 1.0  # "where results for PaLM-540B were available from previous work, we included them"
            fl = True
            w.append("a sentence about previous work, nothing trained in it")
        if re.search(r"(?i)(?:\b(?:exceeding|beyond|in\s+excess\s+of|as\s+many\s+as)\s+(?:about\s+)?|"
                     r"\b(?:can|could|able\s+to|capable\s+of)\s+(?:handl\w+|scal\w+\s+to|train\w*)\s+[^.;]{0,40})$",
                     t[max(0, start - 60): start]):
            sc -= 0.8  # "models exceeding 100 million parameters", "can handle ten million parameters": a capability
            w.append("a capability or a bound, not a model")
        mm = list(_MODEL_TOKEN_RE.finditer(t[max(0, start - 50): start]))
        model = mm[-1].group(0) if mm else None
        if re.search(r"(?i)\b(?:block|layer|module|head|component|adapter|branch|gate|gating|router|prompt|LoRA|"
                     r"embedding\s+(?:table|matrix|layer)|(?:extra|additional)\s+\w*)s?\b[^.;]{0,50}$", t[max(0, start - 70): start]) \
                or re.match(r"^\s*(?:\w+\s+){0,2}?(?:per\s+(?:layer|block)|in\s+(?:each|the|every)\s+(?:layer|block|head))", t[end:]):
            sc -= 0.7
            w.append("a component's parameters")
        out.append(Cand(f, v, unit, u, m, sc, w, flagged=fl, own=u.ours, model=model or name_of))

    low = t.lower()
    for m in (_at_numbers(_PARAM_AFTER_RE, u) if re.search(r"param|weights", low) else ()):
        v = _value(m)
        if m.group("w").lower().startswith("weight") and not m.group("suf"):
            continue
        if v is not None and v < 1e4 and not m.group("suf"):
            continue  # "3 parameters", "256 parameters per ..." are not a model's size
        after = t[m.end(): m.end() + 30]
        if re.match(r"^\s*(?:per|for\s+each|of\s+(?:each|every|the\s+(?:embedding|first|last|output|input)))\b", after, re.I):
            continue
        adj = (m.group("adj") or "").lower()
        active = "activ" in adj or bool(re.match(r"^\s*(?:are\s+)?activ(?:e|ated)\b", after, re.I))
        bonus = 1.0 if "total" in adj else 0.8
        add(v, m.group(0), m.start(), m.end(), ["parameter count"], bonus, active)
    for m in (_PARAM_BEFORE_RE.finditer(t) if u.kind != "table" and re.search(r"param|model\s+size", low) else ()):
        if re.match(r"^(?:\s+\d[\d.,]*){2,}", t[m.end():]):
            continue  # "params (M) 71 72 73 74": a plot's axis
        v = _value(m)
        if v is not None and v < 1e4:
            if re.search(r"\((?:M|millions?)\)|in\s+millions", m.group(0), re.I) or re.search(r"\(M\)", t[max(0, m.start() - 20): m.end()]):
                v *= 1e6
            else:
                continue
        active = bool(m.group("active"))
        add(v, m.group(0), m.start(), m.end(), ["parameter count"], 0.8, active)
    if u.kind == "table":
        return out  # table rows are read by columns (_table_cands), not as sentences
    for m in _at_numbers(_SIZE_MODEL_RE, u):
        v = _value(m)
        if m.group("suf") == "M" and not re.search(r"(?i)param", m.group("noun")) and v is not None and v < 1e6:
            continue
        add(v, m.group(0), m.start(), m.end(), ["model size in its name ('7B model')"], 0.6)
    if "param" in low:
        for m in _OUR_MODEL_HAS_RE.finditer(t):
            if _DATA_NOUN_AFTER_RE.match(t[m.end():]) or re.match(r"^\s*(?:\w+\s+){0,2}?(?:param|weights)", t[m.end():], re.I):
                continue  # a data amount, or a count the patterns above read already
            add(_value(m), m.group(0), m.start("n"), m.end(), ["our model's size ('our model has N')"], 0.6)
    name_ctx = bool(re.search(r"(?i)model|param|\bL?LMs?\b|language|network|checkpoint|fine-?tun|pre-?train|\btrain", t))
    # "InternLM-7B-Chat, Qwen-7B-Chat, ChatGLM2-6B and Yi-6B-Chat": a list of models compared (a legend, a
    # baseline list), none of them the model trained here by itself
    listed = len({m.group("name") for m in _NAME_SIZE_RE.finditer(t)}) >= 3 if name_ctx else False
    for m in (_NAME_SIZE_RE.finditer(t) if name_ctx else ()):
        name = m.group("name")
        if re.fullmatch(r"(?:Table|Tab|Figure|Fig|Section|Sec|Eq|Eqn|Equation|Panel|Row|Column|Col|Step|Stage|Phase|Part|Task|"
                        r"Exp|Experiment|Setting|Case|Model|Algorithm|Alg|Line|Level|Type|Group|Class|Set|Appendix|The|A|An|In|On|We|Our|With|For|At|Of|By|To|"
                        r"About|Over|Only|Up|And|Or|This|These|Its|Each|Both|All|Top|Total|Dataset|Data)", name.split()[0].split("-")[0].rstrip(".")):
            continue
        after = t[m.end(): m.end() + 40]
        if re.match(r"^\s*(?:\w+\s+)?(?:dataset|data|corpus|benchmark|collection|split)\b", after, re.I) or \
                re.search(r"(?i)\b(?:on|from|of|using|with)\s+(?:the\s+)?$", t[max(0, m.start() - 12): m.start()]):
            continue  # "JFT-4B dataset", "pre-trained on LAION-5B": a dataset's size
        if _DATA_NOUN_AFTER_RE.match(after) or re.search(r"(?i)tokens|data|images|words|steps|batch|size|flops|params|"
                                                         r"parameters|memory|vocab", name):
            continue
        v = _value(m)
        add(v, m.group(0), m.start("n"), m.end(), [f"model size after its name ({name!r})"] +
            (["one of a list of sized models"] if listed else []), (0.6 if u.train else 0.3) - (1.2 if listed else 0.0),
            name_of=f"{name} {m.group('n')}{m.group('suf')}")  # the sized name: "Llama 3.1" names 8B and 70B alike
    return out


# ------------------------------------------------------------------ data size

_DATA_NOUNS = {
    "tokens": r"(?:sub-?word\s+|BPE\s+|word-?piece\s+|text\s+)?tokens|word\s*pieces|subwords|GT\b",
    "words": r"words(?!\s+(?:per|in\s+the\s+vocabulary))|running\s+words|word\s+corpus",
    "characters": r"characters|bytes\s+of\s+text",
    "images": r"(?:image-text\s+pairs|image[- ]caption\s+pairs)|images|photos|photographs|pictures|point\s*clouds|shapes|scans|"
              r"patches|patch\s+pairs|CAD\s+models",
    "videos": r"videos|video\s+clips|clips",
    "sentences": r"sentences?\s+pairs|sentences|parallel\s+sentences|segment\s+pairs|translation\s+pairs",
    "frames": r"frames|timesteps|time\s*steps|environment\s+steps|env\s+steps|transitions|interactions",
    "examples": r"examples|samples|instances|data\s*points|documents|articles|questions|question-answer\s+pairs|queries|"
                r"dialogues|conversations|games|episodes|demonstrations|trajectories|records|impressions|clicks|sessions|"
                r"triplets|utterances|recordings|instructions|prompts|problems|programs|molecules|structures|proteins|"
                r"sequences|pairs|texts|reviews|tweets|posts|captions",
}
_NOUN_ALT = "|".join(f"(?P<{k}>{v})" for k, v in _DATA_NOUNS.items())
_DATA_ADJ = (r"(?:(?:training|train|labeled|labelled|unlabeled|unlabelled|annotated|English|parallel|aligned|unique|"
             r"high-resolution|natural|synthetic|colou?r|RGB|grayscale|greyscale|web|text|total|additional|human-written|"
             r"bilingual|monolingual|noisy|clean|filtered|pre-?training|distinct|real|raw|augmented|generated|single-view|"
             r"\d+\s*x\s*\d+|3D|2D|[\w-]+-(?:level|style|based|language|domain)|English-\w+|"
             r"Wikipedia|Common\s*Crawl|source|target|input|speech|spoken|image|video|audio|text-image|"
             r"self-?play|gameplay|expert|human|bot-generated|query-document|question-answer|click|user|"
             r"fine-?tuning|instruction|chat|math|code)\s+){0,3}"
             r"(?:(?!(?:of|in|per|for|to|and|or|the|a|an|each|every|with|from|on|at|by|are|were|is|was|that|which|"
             r"test|testing|validation|val|dev)\b)[A-Za-z][\w-]*\s+){0,2}?")
_DATA_RE = re.compile(
    rf"(?P<n>{_NUM}){_SUF}\s*(?:-\s*)?(?P<adj>{_DATA_ADJ})(?:{_NOUN_ALT})\b", re.I)
_GT_RE = re.compile(r"(?<![\w.])(?P<n>\d+(?:\.\d+)?)\s?(?P<suf>[GMBT])T\b")  # "350GT" = 350 gigatokens
# "50,000 train and 10,000 test images", "a training set of 60,000", "9,843 shapes for training"
_SPLIT_RE = re.compile(
    rf"(?P<n>{_NUM}){_SUF}\s*(?:/|\s)\s*(?:train(?:ing)?)\b(?:\s*(?:images|examples|samples|sentences|pairs)?)?"
    rf"(?:\s*(?:,|and|/)\s*(?:{_NUM}){_SUF.replace('?P<suf>', '?:')}\s*(?:test(?:ing)?|validation|val|dev(?:elopment)?)\b)?"
    rf"(?:\s*(?:,|and|/)\s*(?:{_NUM}){_SUF.replace('?P<suf>', '?:')}\s*(?:test(?:ing)?|validation|val|dev(?:elopment)?)\b)?"
    rf"\s*(?P<adj>{_DATA_ADJ})(?:{_NOUN_ALT})?", re.I)
_N_SET_RE = re.compile(
    rf"(?P<n>{_NUM}){_SUF}\s*(?:-\s*)?(?:(?!(?:of|in|per|for|and|or|the|a|an)\b)[\w-]+\s+){{0,3}}?(?:training|train|pre-?training)\s+"
    r"(?:set|split|data(?:set)?|corpus)\b", re.I)
_SET_OF_RE = re.compile(
    rf"\b(?:training|train)\s+(?:set|split|data|corpus)\s+(?:of|with|contains|has|consists\s+of|comprises|includes|"
    rf"size\s+(?:is|of))\s+(?:about\s+|around\s+|approximately\s+|roughly\s+|~\s*)?(?P<n>{_NUM}){_SUF}"
    rf"(?!\s*(?:%|classes|categories|hours|GB|MB|TB))", re.I)
# amounts that are not the training set, by the words before them: per class/domain ("each class has 600"),
# a buffer's capacity ("a replay buffer of the most recent 1 million games"), a part left out ("excluding 5000")
_NOT_TRAIN_DATA_BEFORE_RE = re.compile(
    r"(?i)(?:\b(?:each|every|per)\s+(?:\w+\s+)?(?:class|category|categor|domain|task|language|subject|user|speaker|identity|"
    r"person|video|split|fold|source|client|shard)\b[^.;,]{0,40}?\b(?:has|have|had|contains?|includes?|consists\s+of|comprises?|"
    r"with)\s+(?:about\s+|around\s+|approximately\s+|roughly\s+|only\s+|up\s+to\s+)?"
    r"|\b(?:replay\s+)?(?:buffer|memory|queue|cache|memory\s+bank)\s+(?:of|with|holding|that\s+holds|stores?|keeps?|containing|"
    r"size\s+of)\s+(?:\w+\s+){0,3}"
    r"|\b(?:excluding|except(?:\s+for)?|minus|apart\s+from|leaving\s+out|hold(?:ing)?\s+out|held\s+out|removing)\s+"
    r"(?:the\s+|about\s+|around\s+)?"
    r"|\bepoch\s+(?:is|was|lasts?|lasted|consists\s+of|comprises|contains|=|of)\s+(?:about\s+|around\s+)?"  # "a training epoch is 250,000 frames"
    r"|\b(?:on\s+average|average|avg\.?|mean|median|typically)\s+(?:of\s+)?(?:about\s+|around\s+)?)$")  # "contain on average 454 words"
# "the GSM8K evaluation set contains 1,319 samples", "a development set from X containing 1,000 examples"
_EVAL_SUBJECT_RE = re.compile(
    r"(?i)\b(?:test(?:ing)?|evaluation|eval|validation|val|dev(?:elopment)?|held-?out)\s+(?:set|split|data|benchmark)s?\b"
    r"(?P<between>[^.;]{0,60}?)\b(?:contain\w*|consist\w*\s+of|compris\w*|includ\w*|has|have|had|with|of)\s+"
    r"(?:about\s+|around\s+|approximately\s+|roughly\s+|only\s+|over\s+|~\s*)?$")
# "280k images in the training, validation and testing splits": the total of every split
_ALL_SPLITS_AFTER_RE = re.compile(r"(?i)^\s*(?:\w+\s+){0,2}?(?:in|across|over|for|from|with)\s+(?:the\s+|all\s+|its\s+|an?\s+)?"
                                  r"(?:[\d/,.]+\s+)?"
                                  r"(?:training|train)\s*(?:,|/|and)\s*(?:validation|val|dev|test)")
# words that tie a data amount to a training run (besides _TRAIN_RE); "our dataset" is the paper's own data
_DATA_TRAIN_WORDS_RE = re.compile(r"(?i)\bfine-?tun\w*|\bpre-?train\w*|\btrain(?:ing)?\s+(?:set|split|data)|\bepochs?\b|"
                                  r"\bour\s+(?:own\s+)?(?:[\w-]+\s+)?(?:dataset|corpus|data)\b")
# "1000 images from testing", "10,000 documents ... that were not used during training": held out of the training data
_HELD_OUT_AFTER_RE = re.compile(r"(?i)^\s*(?:[\w-]+\s+){0,2}?from\s+(?:the\s+)?(?:test|testing|validation|val|dev)\b|"
                                r"^[^;]{0,100}?\b(?:not|never)\s+(?:been\s+)?(?:used|seen)\s+(?:for|during|in)\s+training")
UNLINKED_PENALTY = 1.2
_EVAL_ADJ_RE = re.compile(r"\b(?:test(?:ing)?|validation|valid|val|dev|development|held-?out|evaluation|eval|query|gallery)\b",
                          re.I)


def _year_like(t: str, start: int, m_text: str) -> bool:
    """'ImageNet 2012 training set', 'WMT 2014 data', 'Atari 2600 games': a year or a product number after
    a name, not an amount."""
    if re.match(r"\d{3,4}\b(?![,.]\d)", m_text) and re.search(r"\b[A-Z][A-Za-z]+\s$", t[max(0, start - 20): start]) and \
            not re.search(r"\b(?:The|We|Our|In|On|With|Of|For|And|Only|About|Over|Total|All|These|Each)\s$", t[max(0, start - 8): start]):
        return True
    m = re.match(r"\s*((?:19|20)\d\d)\b(?![,.]\d)", m_text)
    if not m or not 1950 <= int(m.group(1)) <= 2035:
        return False
    return bool(re.search(r"(?:[A-Z][\w-]*|'\d\d|\bin|\bof|\bsince|\buntil|\bfrom)\s*$", t[max(0, start - 20): start]))


def _data_cands(u: Unit) -> list[Cand]:
    t = u.text
    out: list[Cand] = []
    spans: list[tuple[int, int]] = []
    base_why: list[str] = []
    base, flagged = _base_score(u, base_why, cite_ok=True)
    data_ctx = bool(re.search(r"(?i)\b(?:train\w*|pre-?train\w*|dataset|corpus|consist\w*|contain\w*|compris\w*|"
                              r"collect\w*|split|set\b|data\b)", t))
    train_ctx = bool(_TRAIN_RE.search(t) or _DATA_TRAIN_WORDS_RE.search(t))

    def add(v, unit, m_text, start, end, why, bonus=0.0, eval_check=True):
        if v is None or not RANGE["tokens_or_examples"][0] <= v <= RANGE["tokens_or_examples"][1]:
            return
        if _year_like(t, start, m_text):
            return
        if any(a <= start < b or start <= a < end for a, b in spans):
            return
        spans.append((start, end))
        before = t[max(0, start - 50): start]
        after = t[end: end + 40]
        w = list(base_why) + why
        sc = base + bonus + (0.5 if data_ctx else -0.5)
        fl = flagged
        if u.section == "introduction":
            sc -= 0.4  # introductions describe other people's datasets
            w.append("in the introduction")
        # amounts that are not the training set: per class/batch/second, sequence lengths, eval splits
        if re.match(r"^\s*(?:\w+\s+){0,2}?(?:in\s+(?:a|each|every|the|one)\s+(?:mini-?)?batch|at\s+(?:a\s+)?time)\b", after, re.I):
            return
        if v < 1000 and not re.search(r"(?i)\b(?:train\w*|dataset|corpus|consist\w*|contain\w*|compris\w*)\b",
                                      t[max(0, start - 80): end + 30]):
            return  # a small amount needs to be called the training data
        if re.match(r"^\s*(?:\w+\s+){0,2}?(?:per|each|every|/)\s*(?:class|category|batch|mini-?batch|GPU|second|"
                    r"sec|s\b|step|iteration|update|epoch|user|day|query|image|video|document|prompt|"
                    r"sequence|example|sample|input|context|chip|device|core|worker|node)\b", after, re.I):
            return
        if re.match(r"^\s*(?:\w+\s+){0,2}?(?:per|each|every|/|for\s+each)\s*(?:source\s+|target\s+)?(?:task|language|game|level|"
                    r"API|domain|environment|subject|split|fold)\b", after, re.I):
            sc -= 0.5  # per task of a multi-task run: often how the run's data is stated
            w.append("per task")
        if re.search(r"(?i)\b(?:batch(?:es)?\s+(?:size\s+)?of|batch\s+size\s+(?:of|is)?|mini-?batch(?:es)?\s+of|"
                     r"length\s+(?:of|is)?|up\s+to|maximum\s+(?:of)?|max(?:imum)?|context\s+(?:of|window\s+of)?|"
                     r"window\s+of|first|last|top|every|each|per|sequences?\s+of|chunks?\s+of|budget\s+of|"
                     r"at\s+most|cap\w*\s+(?:of|at))\s*$", before):
            return
        if unit == "tokens" and v < 1e6:
            return  # "512 tokens" is a sequence length or a vocabulary, not a corpus
        if _NOT_TRAIN_DATA_BEFORE_RE.search(before) or _ALL_SPLITS_AFTER_RE.match(after) or \
                re.search(r"(?i)\b(?:negative|positive)\s+(?:\w+\s+)?(?:samples|examples|pairs|instances)\b", m_text):
            return  # per class/domain, an evaluation set's size, a buffer's capacity, a part left out, all splits together
        if re.match(r"\d[\d,.]*\s*[x×]\s*\d", m_text) or re.search(r"(?i)\b(?:batch(?:es)?\s+(?:containing|with|of|comprising|consisting\s+of)\s+(?:[A-Za-z]\s*=\s*)?|"
                                                                     r"most\s+recent\s+|latest\s+)$", before) \
                or _HELD_OUT_AFTER_RE.match(after) or _HELD_OUT_AFTER_RE.match(t[end: end + 120]):
            return  # "256x256 images" (a resolution), "mini-batches containing B = 256 sequences", "the most recent
            # 125 thousand sequences" (a buffer), "1000 images from testing", "documents not used during training"
        ev = _EVAL_SUBJECT_RE.search(before)
        if ev and not re.search(r"(?i)\btrain", ev.group("between")):
            return  # "the evaluation set ... contains 1,319 samples"
        seg = t[max(0, start - 25): end]
        if eval_check and _EVAL_ADJ_RE.search(t[start:end]) or re.search(r"(?i)\b(?:test(?:ing)?|validation|val|dev)\s+(?:set|split)\s+"
                                                          r"(?:of|with|contains|has)\s*$", before):
            return
        if re.match(r"^\s*(?:for|in|as)\s+(?:the\s+)?(?:test(?:ing)?|validation|evaluation|dev)", after, re.I):
            return
        if re.match(r"^\s*(?:for|as)\s+(?:the\s+)?training\b|^\s*(?:are|were)\s+used\s+for\s+training", after, re.I) or \
                re.search(r"(?i)\btrain(?:ing)?\b", seg):
            sc += 0.6
            w.append("training split")
        if re.search(r"(?i)\b(?:consist\w*\s+of|contain\w*|compris\w*|includ\w*|totals?|totall?ing|has|have|had|with|"
                     r"collection\s+of|total\s+of)\s+(?:about\s+|approximately\s+|around\s+|over\s+|roughly\s+|nearly\s+|"
                     r"almost\s+|some\s+|just\s+(?:over|under)\s+|more\s+than\s+|~\s*|a\s+total\s+of\s+)?$", before):
            sc += 0.4
            w.append("size of a dataset")
        if re.search(r"(?i)\bpre-?train(?:ing|ed)?\s+(?:corpus|corpora|data(?:set)?|set)\b", t):
            sc += 0.4
            w.append("pre-training data")
        if re.search(r"(?i)\b(?:epochs?|passes)\s+(?:over|through|on)\s+(?:the\s+|our\s+)?$", before):
            sc += 0.6
            w.append("epochs over it")
        if re.search(r"(?i)\b(?:only|just|merely)\s+(?:has\s+|have\s+|contains?\s+|with\s+)?$", before):
            sc -= 0.4  # "MRPC, which only has 3,600 examples": a small side dataset
            w.append("'only N'")
        if re.search(r"(?i)\b(?:trained|train|pre-?trained|pre-?train)\s+(?:\w+\s+){0,4}?(?:on|over|for|with|to)\s+"
                     r"(?:about\s+|around\s+|approximately\s+|roughly\s+|over\s+|a\s+total\s+of\s+|~\s*)?$", before):
            sc += 0.6
            w.append("trained on")
        if _local_others(t, start, end, cite_after=False):
            sc -= 1.0
            fl = True
            w.append("in a clause about other work")
        elif _contrast_other(t, start):
            sc -= 1.0
            fl = True
            w.append("set against our run in the sentence")
        if _local_smaller(t, start, end):
            sc -= 0.5
            w.append("a smaller variant")
        if re.match(r"^\s*(?:hours|classes|categories|subjects|identities|users|speakers|languages|GPUs)\b", after, re.I):
            sc -= 0.5
        # a data amount in a sentence that says nothing of training ("The X dataset contains 60,000 images") is a
        # dataset's description: the main run's data only if the paper trains on that dataset elsewhere
        unlinked = not (train_ctx or "training split" in w)
        if unlinked:
            sc -= UNLINKED_PENALTY
            w.append("no training words: a dataset's description")
        out.append(Cand("tokens_or_examples", v, unit, u, m_text, sc, w, flagged=fl, unlinked=unlinked))

    for m in (_GT_RE.finditer(t) if "T" in t else ()):
        v = q.parse_number(m.group("n"))
        if v is not None:
            add(v * _MULT[m.group("suf")] if m.group("suf") != "G" else v * 1e9, "tokens", m.group(0), m.start(), m.end(),
                ["amount of data (tokens)"], 0.3)
    for m in _at_numbers(_DATA_RE, u):
        kind = next(k for k in _DATA_NOUNS if m.group(k))
        if kind == "words" and re.search(r"(?i)\bword\s+(?:benchmark|dataset)", t[m.start(kind): m.end(kind) + 12]):
            continue
        if _EVAL_ADJ_RE.search(m.group("adj") or ""):
            continue
        v = _value(m)
        add(v, kind, m.group(0), m.start(), m.end(), [f"amount of data ({m.group(kind)})"])
    for m in (_at_numbers(_SPLIT_RE, u) if "train" in t.lower() else ()):
        kind = next((k for k in _DATA_NOUNS if m.group(k)), None)
        if kind is None and not re.search(r"(?i)test|validation|val\b|dev", m.group(0)):
            continue
        kind = kind or "examples"
        v = _value(m)
        add(v, kind, m.group(0), m.start(), m.end(), ["size of the training split"], 0.5, eval_check=False)
    for m in (_at_numbers(_N_SET_RE, u) if "train" in t.lower() else ()):
        v = _value(m)
        add(v, "images" if re.search(r"(?i)image", m.group(0)) else "examples", m.group(0), m.start(), m.end(),
            ["size of the training set"], 0.3)
    for m in (_SET_OF_RE.finditer(t) if "train" in t.lower() else ()):
        v = _value(m)
        add(v, "examples", m.group(0), m.start("n"), m.end(), ["size of the training set"], 0.5)
    # "62M sentences (923M tokens)": a restatement in parentheses shares the context; tokens are
    # what the estimate needs, words in parentheses are a side note
    out.sort(key=lambda c: t.find(c.match))
    for a, b in zip(out, out[1:]):
        ea, sb = t.find(a.match) + len(a.match), t.find(b.match)
        if 0 <= sb - ea <= 4 and "(" in t[ea: sb + 1]:
            hi = max(a.score, b.score)
            a.score = b.score = hi
            if b.unit == "tokens" and a.unit != "tokens":
                b.score += 0.2
                b.why.append("tokens restated in parentheses")
            elif b.unit == "words":
                # beyond the near-tie margin: "4.5M sentence pairs (116M English words, 110M German words)" is the pairs
                close = t.find(")", sb)
                for c in out:
                    if c.unit == "words" and sb <= t.find(c.match) < (close if close > 0 else len(t)):
                        c.score = hi - 0.7
                        c.why.append("words restated in parentheses")
    # "the BooksCorpus (800M words) and English Wikipedia (2,500M words)": a training corpus given as its parts,
    # each in parentheses after its name; the run's data is their sum
    parts = [c for c in out if re.search(r"\(\s*(?:about\s+|approx\.?\s+|~\s*)?$", t[max(0, t.find(c.match) - 12): t.find(c.match)])
             and re.match(r"^\s*\)", t[t.find(c.match) + len(c.match):]) and not c.flagged]
    splits = any(re.search(r"(?i)\b(?:train\w*|validation|valid|val|test\w*|dev\w*|held-?out)\s*\(\s*(?:about\s+|~\s*)?$",
                           t[max(0, t.find(c.match) - 25): t.find(c.match)]) for c in parts)
    if len(parts) >= 2 and not splits and len({c.unit for c in parts}) == 1 and len({c.value for c in parts}) == len(parts) and \
            re.search(r"(?i)\b(?:corpus|corpora|data(?:set)?s?)\b", t) and train_ctx:
        first = min(parts, key=lambda c: t.find(c.match))
        total = sum(c.value for c in parts)
        out.append(Cand("tokens_or_examples", total, first.unit, u, " + ".join(c.match for c in parts),
                        max(c.score for c in parts) + 0.3, list(first.why) + [f"the sum of {len(parts)} parts of the training corpus"]))
    return out


# ------------------------------------------------------------------ sequence length
# "a sequence length of 512 tokens", "context length of 2,048", "sequences of 1024 tokens", "4096-token
# sequences": the training sequence length (the estimate counts tokens as steps x batch x length)

_SEQ_RE = re.compile(
    r"\b(?:max(?:imum|\.)?\s+|training\s+|input\s+)?(?:(?:sequence|context)\s+(?:length|window(?:\s+size)?|size)|input\s+length)\s*(?:\(\w\)\s*)?"
    r"(?:(?:of|is|was|were|=|:|to|set\s+to|equal\s+to|fixed\s+(?:at|to))\s*){0,2}(?:up\s+to\s+)?"
    r"(?P<n>\d[\d,]*)\s*(?P<suf>[kK]\b)?"
    r"|\bsequences?\s+of\s+(?:length\s+(?P<n2>\d[\d,]*)\s*(?P<suf2>[kK]\b)?|(?P<n3>\d[\d,]*)\s*(?P<suf3>[kK]\b)?\s*tokens\b)"
    r"|(?<![\d,.])(?P<n4>\d[\d,]*)\s*(?P<suf4>[kK])?\s*-?\s*tokens?\s+(?:sequences|contexts?|context\s+windows?|windows|inputs|chunks)\b",
    re.I)


def _seq_cands(u: Unit) -> list[Cand]:
    t = u.text
    if u.kind == "table" or not re.search(r"(?i)sequence|context|input|token", t):
        return []
    out: list[Cand] = []
    for m in _SEQ_RE.finditer(t):
        k = next(g for g in ("n", "n2", "n3", "n4") if m.group(g))
        v = q.parse_number(m.group(k))
        suf = m.group({"n": "suf", "n2": "suf2", "n3": "suf3", "n4": "suf4"}[k])
        if v is None:
            continue
        v *= 1e3 if suf else 1
        if not RANGE["sequence_length"][0] <= v <= RANGE["sequence_length"][1]:
            continue
        before = t[max(0, m.start() - 40): m.start()]
        if re.search(r"(?i)\b(?:average|mean|median|typical|avg\.?)\s+(?:\w+\s+)?$", before + " ") or \
                re.search(r"(?i)\b(?:average|mean|median)\b", m.group(0)):
            continue  # the data's lengths, not the run's
        if m.group("n2") and not re.search(r"(?i)token", t):
            continue  # "sequences of length 200" of frames or game moves: not tokens
        why: list[str] = []
        sc, fl = _base_score(u, why)
        sc += 0.6
        why.append("sequence length")
        if re.search(r"(?i)\b(?:supports?|supported|extend\w*|extrapolat\w*|generaliz\w*|up\s+to|could|should|would|can|KV[\s-]*cache)\b",
                     t[max(0, m.start() - 60): m.start()]):
            sc -= 0.8  # "supports a context length of 256K": what the model can take, not what it was trained on
            why.append("a capacity, not the training length")
        if u.evalctx:
            sc -= 1.0
            why.append("inference/evaluation")
        if _local_others(t, m.start(k), m.end()):
            sc -= 1.2
            fl = True
            why.append("in a clause about another model")
        out.append(Cand("sequence_length", v, "tokens", u, m.group(0), sc, why, flagged=fl))
    return out


# ------------------------------------------------------------------ epochs, steps, batch size

_EPOCH_RE = re.compile(
    rf"(?P<n>{_NUM})(?:\s*(?:-|to|–|or)\s*(?P<n2>{_NUM}))?\s*(?:training\s+|total\s+|pre-?training\s+|full\s+|more\s+|"
    r"additional\s+|fine-?tuning\s+)?(?:epochs?|epoches|passes\s+(?:over|through)\s+the\s+(?:\w+\s+)?(?:data|dataset|corpus|"
    r"training\s+(?:set|data)))\b", re.I)
_STEP_RE = re.compile(
    rf"(?P<n>{_NUM}){_SUF}\s*(?:training\s+|gradient\s+|optimi[sz](?:ation|er)\s+|update\s+|SGD\s+|pre-?training\s+|total\s+|"
    r"parameter\s+|fine-?tuning\s+|more\s+|additional\s+|weight\s+)?(?P<w>steps|iterations|iters|updates|mini-?batches|"
    r"batches|step|iteration)\b(?!\s*(?:/|per)\s*(?:s|sec|second)\b)", re.I)
_BATCH_RE = re.compile(
    rf"(?P<pre>(?:global\s+|total\s+|effective\s+|overall\s+|training\s+|per-?(?:GPU|device|core|worker|replica)\s+|local\s+)?"
    rf"(?:mini-?\s*)?batche?(?:\s+|-)?sizes?)\s*(?:\((?:B|N|bs)\))?\s*(?:(?:of|is|was|were|=|:|to|set|fixed|equal|as|at|"
    rf"(?:aggregated\s+)?over\s+\w+\s+(?:GPUs|devices|TPUs|cores))\s*){{0,3}}"
    rf"(?:about|around|approximately|~|≈|roughly)?\s*(?P<n>{_NUM}){_SUF}\s*(?P<what>[\w-]+)?"
    rf"|(?P<pre2>(?:mini-?)?batch(?:es)?)\s+of\s+(?:size\s+)?(?:\w\s*=\s*)?(?:about|around|approximately|~)?\s*"
    rf"(?P<n2>{_NUM})(?P<suf2>\s*[kKM]\b)?\s*(?P<what2>[\w-]+)?"
    rf"|(?P<n3>{_NUM})(?P<suf3>\s*[kKM]\b)?\s*(?:(?P<what3>(?:tokens|sequences|examples|samples|images|sentences|clips|"
    r"utterances|episodes|pairs))\s*(?:per|in\s+(?:a|each)|/)\s*(?:mini-?)?batch\b|(?:-\s*)?(?:mini-?)?batch(?:\s+|-)size\b"
    # ("dropout 0.1 64 batch size 256" in a key-value list: the number after the key is the batch)
    r"(?!\s*[:=]?\s*\d))",
    re.I)
_PER_DEVICE_RE = re.compile(r"^\s*(?:\w+\s+){0,2}?(?:per|on\s+each|for\s+each|/|each)\s*(?:GPU|TPU|device|core|chip|worker|replica|"
                            r"node|machine|accelerator)s?\b", re.I)
_SCHEDULE_BEFORE_RE = re.compile(
    r"(?:\bat|\bafter|\bevery|\beach|\bper|\bfirst|\blast|\bwarm-?\s*up\s*(?:of|for|phase\s+of)?|\bwarm-?ups?|"
    r"\bbefore|\bwithin|\bby|\bfrom|\bstarting|\bstart|\bsince|\bbegin\w*|\buntil|\bfor\s+the\s+(?:first|last)|"
    r"\binterval\s+of|\bevaluat\w+\s+(?:\w+\s+)?(?:every|each|after)|\bsaved?\s+(?:\w+\s+)?every)\s*$", re.I)
_SCHEDULE_CTX_RE = re.compile(r"\b(?:learning\s+rate|lr|decay\w*|drop\w*|divid\w*|reduc\w*|anneal\w*|multipl\w*|halv\w*|"
                              r"warm-?\s*up|schedule|checkpoint\w*|snapshot\w*|evaluat\w*|increas\w+|decreas\w+)\b", re.I)
_FOR_BEFORE_RE = re.compile(r"(?:\bfor|\bover|\btotal\s+of|\bin\s+total|\bduring|\bbudget\s+of|\bbetween|\btook|\btakes|"
                            r"\b(?:a\s+)?max(?:imum)?\s+of|\bup\s+to|"
                            r"\brequired|\brequires|\bneeded|\bfor\s+a\s+total\s+of|\bfor\s+(?:about|"
                            r"around|approximately|roughly|up\s+to|another|additional)|\bwith|\brun|\bran|\bin)\s*$", re.I)


def _count_cands(u: Unit) -> list[Cand]:
    t = u.text
    out: list[Cand] = []
    base_why: list[str] = []
    base, flagged = _base_score(u, base_why)
    sched = bool(_SCHEDULE_CTX_RE.search(t))

    def ctx_score(start: int, end: int, w: list[str]) -> tuple[float, bool]:
        # "at 60, 120 and 160 epochs": the words before the list
        before = re.sub(r"(?:\d[\d.,]*\s*[kKM]?\s*(?:,|and|or|&)\s*)+$", "", t[max(0, start - 60): start])
        after = t[end: end + 30]
        sc = base
        fl = flagged
        if re.search(r"(?i)\b(?:stop\w*\s+(?:improving|decreasing|increasing|changing)|no\s+improvement|not\s+improv\w+|"
                     r"plateau\w*|patience)\s+(?:\w+\s+){0,2}?(?:for|of|in|after|over)?\s*$", before):
            sc -= 1.5  # "no improvement for 2 epochs": early-stopping patience
            w.append("a patience, not the run's length")
        elif re.search(r"(?i)\b(?:stop(?:ped|s)?|terminat\w+|end(?:ed|s)?|finish\w*|halt\w*|complet\w+|converge[sd]?|"
                     r"trained|training|train)\s+(?:\w+\s+){0,2}?(?:after|at)\s+(?:about\s+|around\s+|approximately\s+|~)?$", before):
            sc += 0.7
            w.append("stopped after N")
        elif _SCHEDULE_BEFORE_RE.search(before):
            # "decay at 60 epochs", "warm-up of 4000 steps", "every 1000 iterations": a point, not the length
            sc -= 1.5 if sched or re.search(r"(?i)(?:every|each|per|warm-?\s*up\w*(?:\s+(?:of|for|phase\s+of))?|first|last)\s*$", before) else 0.8
            w.append("a schedule point, not the run's length")
        elif _FOR_BEFORE_RE.search(before) or re.match(r"^\s*(?:in\s+total|total|of\s+training|of\s+(?:pre-?)?training)\b", after, re.I):
            sc += 0.7
            w.append("for N / in total")
        if re.search(r"(?i)\btotal\b", t[max(0, start - 25): end + 15]):
            sc += 0.3
        clause = re.split(r"[;:]|,\s+|\b(?:then|after\s+which|afterwards)\b", t[max(0, start - 120): start])[-1]
        if re.search(r"(?i)\bwarm(?:ing)?[-\s]?ups?\b|\bramp(?:ed|s|ing)?\s+up\b", clause) and "a schedule point, not the run's length" not in w:
            sc -= 1.5  # "we linearly warm up the learning rate from 0 to 1e-6 over 150 steps": the warm-up's length
            w.append("a warm-up's length")
        raw_before = t[max(0, start - 60): start]
        if re.search(r"(?:\d[\d.,]*\s*[kKM]?\s*(?:,\s*(?:and|or)?|and|or|&)\s*){2,}$", raw_before) or (
                re.search(r"\d[\d.,]*\s*[kKM]?\s*(?:,|and|or|&)\s*$", raw_before) and
                re.search(r"(?i)\brespectively\b", t[end: end + 80])):
            if "a schedule point, not the run's length" not in w:
                sc -= 1.2  # "train for 1, 5, 25, and 100 epochs", "20 and 60 epochs respectively": settings of a sweep
                w.append("one of a list of settings")
        if re.match(r"^\s*(?:\w+\s+){0,2}?(?:per|for\s+each|each|/)\s*(?:task|stage|phase|round|generation|child|architecture|"
                    r"model\s+evaluation|trial|candidate|proposal)\b", after, re.I):
            sc -= 1.0
            w.append("per stage/task")
        if _local_others(t, start, end):
            sc -= 1.0
            fl = True
            w.append("in a clause about other work")
        elif _contrast_other(t, start):
            sc -= 1.0
            fl = True
            w.append("set against our run in the sentence")
        if _local_smaller(t, start, end):
            sc -= 0.5
            w.append("a smaller variant")
        if re.search(r"(?i)\b(?:each|every)\s+(?:\w+\s+)?(?:child|candidate|sampled|proposal|individual)\b[^.;]*$", t[max(0, start - 80): start]) \
                or re.search(r"(?i)\b(?:an?|the)\s+(?:\w+\s+)?(?:child|candidate|sampled)\s+(?:model|network|architecture)s?\b[^.;]*$",
                             t[max(0, start - 80): start]):
            sc -= 1.0  # "every child model is ... trained for 35 epochs": each candidate of a search, not the final run
            w.append("per searched candidate")
        if re.search(r"(?i)\b(?:our|the)\s+(?:model|network)s?\s+(?:is|are|was|were)\s+trained|we\s+(?:pre-?)?train", t):
            sc += 0.3
        return sc, fl

    low = t.lower()
    for m in (_at_numbers(_EPOCH_RE, u) if "epoch" in low or "passes" in low else ()):
        v = q.parse_number(m.group("n"))
        if v is None or v <= 0:
            continue
        lo = hi = v
        if m.group("n2"):
            v2 = q.parse_number(m.group("n2"))
            if v2 and v2 > v:
                lo, hi = v, v2
                v = (v + v2) / 2
        if not RANGE["epochs"][0] <= v <= RANGE["epochs"][1] or re.search(r"[a-zA-Z]", m.group("n")) and v > 100:
            continue
        before = t[max(0, m.start() - 12): m.start()]
        if re.search(r"(?i)(?:one|an?|each|every|per)\s*$", before) and v == 1 and not re.search(r"(?i)for\s+(?:one|a|1)\s*$", before):
            continue  # "one epoch corresponds to ..." is a unit
        if v == 1 and (re.search(r"(?i)\b(?:in|within|during|of|per)\s*$", before) or
                       re.search(r"(?i)\b(?:stands?\s+for|represents?|corresponds?\s+to|denotes?)\s+$", t[max(0, m.start() - 25): m.start()])):
            continue  # "the largest drop in one epoch", "after one epoch": a unit or a point, not the run's length
        if re.match(r"\s*(?:corresponds?\s+to|consists?\s+of|is\s+(?:defined|equal)|equals?\b|=|means\b|takes|took)", t[m.end():], re.I):
            continue
        w = list(base_why) + ["epoch count"]
        sc, fl = ctx_score(m.start(), m.end(), w)
        if v == 1 and (q.find_durations(t) or re.search(r"(?i)\b(?:time|times|timing|spent|speed|seconds|minutes|hours|cost|"
                                                         r"computation|compute|FLOPs?)\b", t)):
            sc -= 1.5  # "the time to train one epoch": a unit of a measurement, not the run's length
            w.append("one epoch as a unit of time")
        if re.search(r"(?i)(?:steps|iterations|updates|iters)\s*\(\s*(?:about|approximately|roughly|~|≈)?\s*$", t[max(0, m.start() - 30): m.start()]):
            sc += 0.6  # "370K iterations (74 epochs)": the run's length restated
            w.append("restates the step count")
        if re.match(r"\s*(?:over|through|on)\s+(?:the\s+|our\s+|a\s+|all\s+)?(?:\w+\s+){0,2}?(?:\d[\d.,]*\s*"
                    r"(?:[kKMBT]\b|thousand|million|billion|trillion)?)[\s-]*(?:\w+\s+)?(?:tokens?|words?|images?|examples|"
                    r"samples|sentences|pairs|videos|clips|hours|corpus|dataset)\b", t[m.end():], re.I):
            sc += 0.6  # "40 epochs over the 3.3 billion word corpus": the whole run's passes over its data
            w.append("epochs over the stated data")
        out.append(Cand("epochs", v, None, u, m.group(0), sc, w, low=lo, high=hi, flagged=fl))
    for m in (_at_numbers(_STEP_RE, u) if re.search(r"step|iter|update|batch", low) else ()):
        v = _value(m)
        if v is None or not RANGE["steps"][0] <= v <= RANGE["steps"][1]:
            continue
        wd = m.group("w").lower()
        if wd.startswith("batch") and not re.search(r"(?i)mini-?batches", m.group(0)) and v < 1000:
            continue
        lost = re.search(r"(?<![\d.])(?P<a>[1-9]\d?(?:\.\d+)?)\s*[x×]\s*$", t[max(0, m.start() - 8): m.start()])
        start = m.start()
        if lost and re.fullmatch(r"10[2-9]", m.group("n")) and not m.group("suf"):
            v = float(lost.group("a")) * 10.0 ** int(m.group("n")[2])  # "60 x 104 iterations": 60 x 10^4, a superscript lost
            start = m.start() - len(t[max(0, m.start() - 8): m.start()]) + lost.start()
        elif re.search(r"\d\s*[x×]\s*$", t[max(0, m.start() - 6): m.start()]):
            continue  # "3 x 512 iterations": a product, not a count
        if wd in ("step", "iteration") and not re.match(r"^\s*(?:training|pre-?training|run|schedule)", t[m.end():], re.I):
            # "a 100K step schedule" only as an adjective of the run
            if not re.search(r"-\s*(?:step|iteration)$", m.group(0)):
                continue
        after = t[m.end(): m.end() + 20]
        if re.match(r"^\s*(?:of\s+warm|per\s+(?:second|sec|s)\b|/\s*s\b)", after, re.I):
            continue
        w = list(base_why) + ["step count"]
        sc, fl = ctx_score(start, m.end(), w)
        if re.search(r"(?i)\b(?:environments?|env|agents?|simulat\w+|frames?|games?|timesteps|episodes?|rollouts?|"
                     r"policy\b(?!\s+(?:network|model|net)))\b", t[max(0, m.start() - 50): m.end() + 20]):
            sc -= 1.5  # an RL agent's steps are environment steps (the labels count them as data), not updates
            w.append("environment steps")
        # "after 1.2M steps, ... for an additional 800k steps": the run is the stages together
        prev = [c for c in out if c.field == "steps" and c.u is u and c.value != v]
        if prev and (re.search(r"(?i)\b(?:additional|more|another|further)\b", m.group(0)) or
                     re.search(r"(?i)\b(?:an?\s+)?(?:additional|another|further)\s*$", t[max(0, start - 20): start])):
            first = max(prev, key=lambda c: c.value)  # (the longest stage before: not a step "every 200k steps")
            out.append(Cand("steps", first.value + v, None, u, f"{first.match} + {m.group(0)}", max(sc, first.score) + 0.2,
                            w + ["the stages added up"], flagged=fl))
        out.append(Cand("steps", v, None, u, m.group(0), sc, w, flagged=fl))
    for m in (_BATCH_RE.finditer(t) if "batch" in low else ()):
        if m.group("n") is not None:
            g, sg, wg = "n", "suf", "what"
        elif m.group("n2") is not None:
            g, sg, wg = "n2", "suf2", "what2"
        else:
            g, sg, wg = "n3", "suf3", "what3"
        v = q.parse_number(m.group(g))
        if v is None:
            continue
        suf = (m.group(sg) or "").strip()
        if suf and not re.search(r"[kKM]$", m.group(g)):
            v *= _MULT.get(suf, 1.0)
        if v != int(v) or not RANGE["batch_size"][0] <= v <= RANGE["batch_size"][1]:
            continue
        what = (m.group(wg) or "").lower()
        unit = "tokens" if "token" in what else None
        w = list(base_why) + ["batch size"]
        sc = base + 0.8
        fl = flagged
        after = t[m.end(g): m.end(g) + 40]
        if _PER_DEVICE_RE.match(after) or re.search(r"(?i)per-?(?:GPU|device|core|worker|replica)|local", m.group(0)):
            sc -= 0.4
            w.append("per device")
        if re.search(r"(?i)global|total|effective|overall|aggregated", m.group(0)):
            sc += 0.3
        if u.evalctx and not u.train:
            sc -= 0.8
            w.append("inference/evaluation context")
        elif _PERF_RE.search(t) and not re.search(r"(?i)\b(?:we|models?|networks?)\s+(?:are\s+|were\s+|is\s+|was\s+)?(?:pre-?)?train(?:ed)?\s+"
                                                   r"(?:\w+\s+){0,3}?(?:with|using|for|on)\b", t):
            sc -= 1.2  # "a 3x speedup when batch size = 1", "we record forward time with a batch size 8": a measurement
            w.append("a measurement's batch (speed, memory, timing)")
        if re.match(r"^\s*(?:,|/|or)\s*\d", t[m.end(g): m.end(g) + 8]) or \
                re.search(r"[{\[]\s*(?:\d+\s*,\s*)*$", t[max(0, m.start(g) - 20): m.start(g)]):
            sc -= 1.2  # "Batch size: 16, 24, 32", "{16, 32}": the options of a search, not the run's batch
            w.append("one of a list of options")
        if _local_others(t, m.start(), m.end()):
            sc -= 1.0
            fl = True
        out.append(Cand("batch_size", float(v), unit, u, m.group(0).strip(), sc, w, flagged=fl))
    # "a batch of 256 sequences (256 x 512 = 131,072 tokens per batch)": the batch in tokens restates the batch in
    # sequences stated beside it (the run's batch is the count of sequences; the tokens follow from the length)
    seqs = [c for c in out if c.field == "batch_size" and c.unit is None]
    for c in out:
        if c.field == "batch_size" and c.unit == "tokens" and any(o.value < c.value for o in seqs):
            c.score -= 0.6
            c.why.append("the batch restated in tokens beside its count of sequences")
    return out


# ------------------------------------------------------------------ FLOP amounts

# a sentence that measures speed, memory or timing (a batch there is the measurement's, not the run's)
_PERF_RE = re.compile(r"(?i)\bspeed-?ups?\b|\bthroughput\b|\blatency\b|\bforward\s+(?:time|pass\s+time)|\binference\b|"
                      r"\bparalleli[sz]ation\b|\bdoes\s+not\s+fit\b|\bfit\s+(?:in|into)\s+(?:\w+\s+)?memory|\bout\s+of\s+memory\b|"
                      r"\bmemory\s+(?:footprint|usage|consumption)|\bwall-?clock\s+(?:time|speed)|\btokens?\s*/\s*s(?:ec(?:ond)?)?\b|"
                      r"\bimages?\s*/\s*s(?:ec(?:ond)?)?\b|\brecord\w*\s+(?:the\s+)?(?:\w+\s+)?time")
_HW_CTX_RE = re.compile(r"\b(?:GPUs?|TPUs?|CPUs?|Xeon|processors?|cores?|peak|throughput|sustain\w*|per\s+(?:GPU|chip|device|second)|achiev\w*|"
                        r"effective|running\s+at|speed|machine|cluster|"
                        r"utili[sz]\w*|hardware|accelerators?|V100|A100|H100|P100|K80|TPUv\d|per\s+sec|/\s*s\b|"
                        r"teraflops|petaflops|performance\s+of)\b", re.I)
_TOTAL_CTX_RE = re.compile(r"\b(?:train\w*|pre-?train\w*|total|compute|computation(?:al)?|budget|cost|spent|used|requir\w+|"
                           r"consum\w+)\b", re.I)
_VARIABLE_BEFORE_RE = re.compile(r"(?:[A-Za-z_)\]]\s*[/*^]|[/*^_]|\b[A-Za-z]\s*[x·]\s*)\s*$")


# "FLOPs = 16.0 x 10^9", "#FLOPs: 4.1G", "MAdds of 300M": the unit before the number
_FLOP_BEFORE_RE = re.compile(
    rf"(?<![\w/])(?:#\s*)?(?P<p>[KMGT])?(?P<u>FLOPs?|MACs?|MAdds|Mult-Adds|multiply-adds)\s*(?:\(\s*(?P<p2>[KMGT])\s*\))?\s*"
    rf"(?:of|=|:|is|are|was|~|≈)\s*(?:about\s+|around\s+|approximately\s+|~\s*|≈\s*)?(?P<n>{_NUM})(?P<suf>\s*[KMGTB]\b)?"
    rf"(?!\s*(?:%|x\b|times|fewer|less|more|lower|higher|GPUs?))")


def _flops_before(t: str) -> list[q.FlopAmount]:
    out = []
    for m in _FLOP_BEFORE_RE.finditer(t):
        v = q.parse_number(m.group("n"))
        if v is None:
            continue
        pre = m.group("p") or m.group("p2") or (m.group("suf") or "").strip()
        if pre and not re.search(r"[kKMBGT]$", m.group("n")):
            v *= {"K": 1e3, "M": 1e6, "G": 1e9, "B": 1e9, "T": 1e12}[pre]
        unit = "multiply-add" if re.search(r"(?i)mac|madd|mult", m.group("u")) else "FLOP"
        out.append(q.FlopAmount(v, m.start("n"), m.end(), m.group(0), unit, False))
    return out


def _flop_cands(u: Unit, madd_doc: bool) -> list[Cand]:
    t = u.text
    out: list[Cand] = []
    base_why: list[str] = []
    base, flagged = _base_score(u, base_why)
    hw = bool(_HW_CTX_RE.search(t))
    found = q.find_flops(t)
    found += [f for f in _flops_before(t) if not any(g.start <= f.start < g.end or f.start <= g.start < f.end for g in found)]
    for fl in found:
        before = t[max(0, fl.start - 6): fl.start]
        if _VARIABLE_BEFORE_RE.search(before):
            continue  # "M/2-FLOP": a formula, not a number
        num = re.match(r"[\d.,]+", fl.text)
        if fl.value < 100 and not re.search(r"(?i)\d\s*(?:[kKMGTPE]|kilo|mega|giga|tera|peta|exa|zetta|billion|million|"
                                            r"trillion|x\s*10|e[+-]?\d)", fl.text):
            continue  # "2 FLOPs per parameter": a coefficient
        rate = fl.rate
        if rate and not re.search(r"/\s*s|per\s+second|/sec", fl.text, re.I) and not hw and fl.value < 1e13 and \
                re.search(r"(?i)\b(?:model|network|architecture|requires?|costs?|complexity|forward|per\s+(?:image|example|token|"
                          r"sample|frame|input)|computation(?:al)?|inference)\b", t):
            rate = False  # "11.3 GFLOPS" as a model's cost: upper-case S is not a rate when nothing is hardware
        if rate or fl.unit == "operation" and not re.search(r"(?i)\bFLOP|multipl", t):
            continue
        unit = "multiply-add" if fl.unit == "multiply-add" else "FLOP"
        after = t[fl.end: fl.end + 40]
        if unit == "FLOP" and (madd_doc or re.match(r"^\s*\(?\s*(?:multipl\w*[- ]add\w*|mult-adds|MACs?|multiply[- ]accumulat\w*)",
                                                     after, re.I)):
            unit = "multiply-add"
        w = list(base_why)
        pfdays = bool(re.search(r"(?i)p(?:eta)?f(?:lop)?s?(?:/s)?[\s-]*days?", fl.text))
        total_ctx = bool(_TOTAL_CTX_RE.search(t))
        if pfdays or fl.value >= 1e16 or (fl.value >= 1e15 and total_ctx and not re.search(r"(?i)per\s+(?:image|token|example|forward)", t)):
            if not (pfdays or total_ctx) or fl.value < RANGE["total_training_flop"][0]:
                continue
            sc = base + (0.6 if re.search(r"(?i)\btrain", t) else 0) + (0.4 if pfdays else 0)
            fl_ = flagged
            if _local_others(t, fl.start, fl.end) or (u.cite and not u.we) or (u.others and not u.we):
                sc -= 1.2
                fl_ = True
                w.append("about another model's compute")
            out.append(Cand("total_training_flop", fl.value, unit, u, fl.text, sc, w + ["total compute"],
                            as_written=fl.text, flagged=fl_))
        elif RANGE["flops_per_forward"][0] <= fl.value < 1e15:
            sc = base + (0.5 if re.search(r"(?i)\b(?:per|forward|inference|each|an?\s+(?:image|example|token|input)|complexity|"
                                          r"computation(?:al)?\s+cost|requires?|costs?|has|with)\b", t) else 0)
            fl_ = flagged
            if _local_others(t, fl.start, fl.end):
                sc -= 1.0
                fl_ = True
                w.append("in a comparison with another model")
            if re.search(r"(?i)\b(?:training|total|per\s+(?:step|iteration|epoch|batch))\b", t[max(0, fl.start - 40): fl.end + 40]) \
                    and not re.search(r"(?i)forward", t):
                sc -= 0.8
                w.append("may be a training total, not a forward pass")
            out.append(Cand("flops_per_forward", fl.value, unit, u, fl.text, sc, w + ["FLOPs of a forward pass"],
                            as_written=fl.text, flagged=fl_))
    return out


# ------------------------------------------------------------------ tables

# header labels of the columns we read, with the magnitude they imply
_COL_FIELDS: list[tuple[str, re.Pattern]] = [
    ("parameters", re.compile(r"^(?:#\s*(?:of\s+)?|num\.?\s*|number\s+of\s+|no\.\s*(?:of\s+)?|total\s+|model\s+)?(?:params?\.?|"
                              r"parameters?|param(?:eter)?\s*(?:count|size))(?:\s*\(.*\)|\s*\[.*\])?$|"
                              r"^#\s*weights(?:\s*\(.*\))?$", re.I)),
    ("flops_per_forward", re.compile(r"^(?:#\s*)?(?:[KMGT]?FLOPs?|[KMGT]?FLOPS|[KMGT]?MACs?|[KMGT]?MAdds?|Mult-?Adds|"
                                     r"MACCs|FLOPs\s*\(.*\)|MACs\s*\(.*\)|MAdds\s*\(.*\))(?:\s*\(.*\)|\s*\[.*\])?$", re.I)),
    ("epochs", re.compile(r"^(?:#\s*)?(?:training\s+)?epochs?$", re.I)),
    ("steps", re.compile(r"^(?:#\s*)?(?:training\s+)?(?:steps|iterations|iters|updates)(?:\s*\(.*\))?$", re.I)),
    ("batch_size", re.compile(r"^(?:(?:mini-?)?batch(?:\s*size)?|bs|BS)(?:\s*\(.*\))?$", re.I)),
    ("tokens_or_examples", re.compile(r"^(?:#\s*)?(?:(?:training|train|pre-?training)\s+)?tokens(?:\s*\(.*\))?$|"
                                      r"^(?:#\s*)?(?:training|train|pre-?training)\s+(?:images|examples|samples|data|"
                                      r"set\s+size)(?:\s*\(.*\))?$|^#\s*train(?:ing)?$", re.I)),
    ("total_training_flop", re.compile(r"^(?:(?:training|train\.?|total|pre-?training)\s+)?(?:compute|FLOPs|exa-?FLOPs|"
                                       r"zetta-?FLOPs|PF-?days|pfs?-?days|petaflop(?:/s)?-?days)(?:\s*\(.*\))?$", re.I)),
]
# a row label in a transposed table ("Total Params 2.97B 9.18B ...")
_ROW_LABELS: list[tuple[str, re.Pattern]] = [
    ("active_parameters", re.compile(r"^(?:#\s*)?(?:active|activated)\s+(?:params?\.?|parameters?)"
                                     r"(?:\s*\((?P<u>[^)]*)\)|\s*\[(?P<u2>[^\]]*)\])?\s*[:=]?\s+(?=[~≈]?\d)", re.I)),
    ("parameters", re.compile(r"^(?:#\s*|num\.?\s*|number\s+of\s+|no\.\s*|total\s+|model\s+)?(?:params?\.?|parameters?)"
                              r"(?:\s*\((?P<u>[^)]*)\)|\s*\[(?P<u2>[^\]]*)\])?\s*[:=]?\s+(?=[~≈]?\d)", re.I)),
    ("tokens_or_examples", re.compile(r"^(?:#\s*|number\s+of\s+)?(?:(?:training|train|pre-?training)\s+(?:tokens|examples|"
                                      r"samples|images|games|data)|total\s+(?:time\s*steps|env(?:ironment)?\s+steps|frames|"
                                      r"tokens))(?:\s*\((?P<u>[^)]*)\))?\s*[:=]?\s+(?=[~≈]?\d)", re.I)),
    ("steps", re.compile(r"^(?:#\s*|number\s+of\s+)?(?:training\s+|total\s+)?(?:steps|iterations|train\s+steps)"
                         r"(?:\s*\((?P<u>[^)]*)\))?\s*[:=]?\s+(?=[~≈]?\d)", re.I)),
    ("batch_size", re.compile(r"^(?:global\s+|training\s+)?batch\s*size(?:\s*\((?P<u>[^)]*)\))?\s*[:=]?\s+(?=[~≈]?\d)", re.I)),
    ("epochs", re.compile(r"^(?:#\s*|number\s+of\s+|training\s+)?epochs(?:\s*\((?P<u>[^)]*)\))?\s*[:=]?\s+(?=[~≈]?\d)", re.I)),
    ("total_training_flop", re.compile(r"^(?:training\s+|total\s+)?(?:compute\s+)?(?:PF-?days|pfs?-?days|petaflop(?:/s)?-?days|"
                                       r"FLOPs|exaFLOPs|zettaFLOPs)(?:\s*\((?P<u>[^)]*)\))?\s*[:=]?\s+(?=[~≈]?\d)", re.I)),
]
_UNIT_WORD = {"k": 1e3, "thousand": 1e3, "thousands": 1e3, "m": 1e6, "million": 1e6, "millions": 1e6, "mil": 1e6,
              "b": 1e9, "billion": 1e9, "billions": 1e9, "g": 1e9, "t": 1e12, "trillion": 1e12}


def _header_mult(label: str, fieldname: str, caption: str) -> tuple[float | None, str | None]:
    """The magnitude a column label (or the caption) gives its cells, and the FLOP unit."""
    low = label.lower()
    unit = None
    if fieldname in ("flops_per_forward", "total_training_flop"):
        unit = "multiply-add" if re.search(r"mac|madd|mult", low) or re.search(
            r"(?i)(?:flops?|number)[^.]{0,40}(?:multiply-adds?|multiply-accumulates?|mult-adds|MACs)", caption) else "FLOP"
        if re.search(r"(?i)pf-?days|pfs?-?days|petaflop", label):
            return 1e15 * 86400, "FLOP"
        m = re.match(r"^#?\s*(exa|zetta|peta|tera|giga|mega|[kKMGTPE])-?(?:FLOP|MAC|MAdd|Madd)", label)
        if m:
            p = m.group(1).lower()
            return {"k": 1e3, "m": 1e6, "mega": 1e6, "g": 1e9, "giga": 1e9, "t": 1e12, "tera": 1e12, "p": 1e15, "peta": 1e15,
                    "e": 1e18, "exa": 1e18, "zetta": 1e21}[p], unit
    m = re.search(r"[(\[]\s*(?:in\s+|x\s*)?(?P<u>[kKMBGT]|thousands?|millions?|billions?|mil|10\^?(?P<e>\d+)|1e(?P<e2>\d+))\s*[)\]]", label)
    if m:
        e = m.group("e") or m.group("e2")
        if e:
            return 10.0 ** int(e), unit
        return _UNIT_WORD.get(m.group("u").lower()), unit
    cap = caption.lower()
    if fieldname == "parameters" and re.search(r"(?:params?|parameters)[^.]{0,40}?(?:\(\s*m\s*\)|in\s+millions|\bm\b)|"
                                               r"(?:\(\s*m\s*\)|in\s+millions|millions\s+of)\s+(?:of\s+)?param", cap):
        return 1e6, unit
    if fieldname == "parameters" and re.search(r"(?:params?|parameters)[^.]{0,40}?(?:\(\s*b\s*\)|in\s+billions)", cap):
        return 1e9, unit
    if fieldname == "flops_per_forward":
        if re.search(r"\bgflops?\b|flops\s*\(g\)|\bgmacs?\b|in\s+billions", cap):
            return 1e9, unit
        if re.search(r"\bmflops?\b|\bmadds\b|\bmmacs?\b|flops\s*\(m\)", cap):
            return 1e6, unit
    return None, unit


# leading header labels that name the row rather than hold a number
_NAME_LABEL_RE = re.compile(r"^(?:method|methods|model|models|network|networks|architecture|arch\.?|backbone|name|task|agent|"
                            r"approach|system|PT|pre-?train\w*|dataset|data|setting|type|variant|config\w*|encoder|"
                            r"decoder|teacher|student|layer|unit|size|stage|group|#)$", re.I)


_ALIAS_RE = re.compile(
    r"(?P<what>parameters?|params|FLOPs|MACs|MAdds|multiply-adds)\s*(?:\(\s*)?(?P<a>#\s?[A-Za-z]{1,3}|[A-Z][A-Za-z]?)"
    r"(?:\s*\))?\s*(?:\(\s*(?P<u>[KMGBT])\s*\))?", re.I)


def _alias_key(label: str) -> str:
    return re.sub(r"[\s↑↓]+", "", label)


def _caption_aliases(caption: str) -> dict[str, tuple[str, str]]:
    """Column abbreviations a caption defines: 'parameters #P (M), FLOPs #F (G)' -> {'#P': params in M, ...}."""
    out = {}
    for m in _ALIAS_RE.finditer(caption or ""):
        what = m.group("what").lower()
        f = "parameters" if what.startswith("param") else "flops_per_forward"
        out[_alias_key(m.group("a"))] = (f, m.group("u") or "")
    return out


_VALUE_LIKE_RE = re.compile(r"[\d.,]+ \S+|[~≈<>]?[\d.,]+\s*%|[-–—]|[\d.]+[xX×]|N/?A|n/a|[\d.]+±[\d.]+|[\d.]+%?\([^)]*\)")


def _lower_word(t: str) -> bool:
    w = t.rstrip(",.;:")
    return len(w) >= 4 and w.isalpha() and w.islower()


_STOPWORDS = {"the", "of", "and", "is", "are", "to", "in", "a", "an", "we", "for", "with", "that", "this", "on", "by", "as",
              "was", "were", "be", "it", "which", "from", "at", "our", "their", "has", "have", "can", "not"}


def _header_like(text: str) -> bool:
    """A header row names columns: not a caption, not a piece of a sentence (function words)."""
    if _CAPTION_START_RE.match(text):
        return False
    toks = re.sub(r"\([^)]*\)|\[[^\]]*\]|#\s*of\b|\bno\.\s*of\b|\bnumber\s+of\b", " ", text).split()
    stop = sum(1 for t in toks if t.lower().strip(",.;:()\"'") in _STOPWORDS)
    return stop <= (1 if len(toks) >= 6 else 0) and not re.search(r"[a-z]{3,}[.,;]\s*$", text)


def _split_header(header: str) -> list[str]:
    """Column labels of a header row: '(M)', '[in M]' and '#' stay with their label."""
    toks = header.split()
    out: list[str] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        if out and (re.match(r"^[(\[]", tok) and not re.match(r"^[(\[]\s*%?\s*[)\]]?$", tok) and len(tok) <= 14
                    or re.match(r"^(?:in|of)$", tok, re.I) and i + 1 < len(toks) and re.match(r"^[A-Z]\]?\)?$", toks[i + 1])):
            # "(M)", "[in", "M]"
            out[-1] += " " + tok
            while not re.search(r"[)\]]$", out[-1]) and i + 1 < len(toks) and len(out[-1]) < 24:
                i += 1
                out[-1] += " " + toks[i]
        elif out and out[-1] in ("#", "Num.", "No.", "Number", "Total", "Train.", "Training", "#of", "# of") or \
                (out and re.fullmatch(r"(?i)of", tok)):
            out[-1] += " " + tok
        elif out and re.fullmatch(r"(?i)vs\.?|versus|w/o?|per", out[-1]):
            out[-1] += " " + tok  # "vs. R50", "per GPU"
        elif out and re.fullmatch(r"[↑↓]+|\(%\)|%", tok):
            out[-1] += " " + tok
        elif out and (re.fullmatch(r"(?i)count|size", tok) or re.fullmatch(
                r"(?i)(?:error|err\.?|acc\.?|accuracy|rate|time|speed|ratio|score|loss|length|dim\.?|dimension|budget|cost)", tok)
                and not _COL_FIELDS[0][1].match(out[-1])) and not re.search(r"[)\]]$", out[-1]):
            out[-1] += " " + tok  # "Top-1 Error", "Compress Rate"
        elif out and re.fullmatch(r"(?i)size", tok) and re.fullmatch(r"(?i)batch|model|data(?:set)?", out[-1]):
            out[-1] += " " + tok
        elif out and re.fullmatch(r"(?i)params?\.?|parameters|tokens|steps|epochs", tok) and re.fullmatch(r"(?i)total|training|#", out[-1]):
            out[-1] += " " + tok
        else:
            out.append(tok)
        i += 1
    return out


def _row_cells(row: str) -> list[tuple[str, float, bool]]:
    """Numeric cells of a row, left to right: (text, value, scaled)."""
    toks = row.split()
    cells = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        nxt = toks[i + 1] if i + 1 < len(toks) else ""
        if re.fullmatch(r"[\d.,]+", tok) and re.fullmatch(r"[kKMBGT]", nxt):
            tok = tok + nxt  # "1,290 M"
            i += 1
        elif re.fullmatch(r"[\d.,]+", tok) and re.fullmatch(r"(?:[KMGT]i?B|bytes|ms|s|sec|h|fps|FPS|GPUs?|TPUs?|days?|hours?)", nxt):
            cells.append((f"{tok} {nxt}", math.nan, False))  # "1720 KB": a size in bytes or a time, not a count
            i += 2
            continue
        if tok in ("≈", "~", "<", ">", "≤", "≥") and re.match(r"\d", nxt):
            i += 1
            continue  # "≈ 168.9 x 10^3": the sign belongs to the next cell
        if re.fullmatch(r"[\d.]+", tok) and nxt in ("x", "×", "·") and i + 2 < len(toks) and re.fullmatch(r"10\^[-+]?\d+", toks[i + 2]):
            tok = f"{tok}x{toks[i + 2]}"
            i += 2
        elif re.fullmatch(r"[1-9](?:\.\d+)?", tok) and nxt in ("x", "×", "·") and i + 2 < len(toks) and \
                re.fullmatch(r"10[2-9]", toks[i + 2].rstrip(",")):
            tok = f"{tok}x10^{toks[i + 2].rstrip(',')[2:]}"  # "5 x 104": 5 x 10^4 whose superscript the raw text lost
            i += 2
        elif re.fullmatch(r"\d+", tok) and nxt in ("x", "×") and i + 2 < len(toks) and re.fullmatch(r"\d+,?", toks[i + 2]):
            cells.append((f"{tok}x{toks[i + 2].rstrip(',')}", math.nan, False))  # "3 x 512": a shape, one cell
            i += 3
            continue
        while re.fullmatch(r"\d{1,3}(?:,\d{3})*,", tok) and i + 1 < len(toks) and re.fullmatch(r"\d{3},?", toks[i + 1]):
            tok = tok + toks[i + 1]  # "1, 352, 969" (a thousands separator followed by a space)
            i += 1
        tok = tok.rstrip(",")
        cv = _cell_value(tok)
        if cv is not None:
            cells.append((tok, cv[0], cv[1]))
        else:
            cells.append((tok, math.nan, False))
        i += 1
    return cells


def _n_value_cells(text: str) -> int:
    """How many cells of a table row follow its name."""
    cells = _row_cells(text)
    first = next((k for k, c in enumerate(cells) if not math.isnan(c[1]) or _VALUE_LIKE_RE.fullmatch(c[0])), len(cells))
    return len(cells) - first


def _table_cands(units: list[Unit], madd_doc: bool, own_names: list[str]) -> list[Cand]:
    """Candidates from table rows: columns named in the header, and rows named by their first cells."""
    out: list[Cand] = []
    col_cells: dict[tuple, list[bool]] = {}
    blocks: dict[int, list[Unit]] = {}
    for u in units:
        if u.kind == "table" and u.block >= 0:
            blocks.setdefault(u.block, []).append(u)
    for rows in blocks.values():
        # the header: the last row above the first data row that names one of our columns
        header_i, header_labels = None, None
        head_texts = [(-1, h) for h in rows[0].headers] + [(i, r.text) for i, r in enumerate(rows[:6])]
        for i, text in head_texts:
            if not text or not _header_like(text):
                continue
            labels = _split_header(text)
            if len(labels) >= 2 and any(rx.match(lab) for lab in labels for _, rx in _COL_FIELDS) and sum(
                    1 for c in _row_cells(text) if not math.isnan(c[1])) <= max(1, len(labels) // 3):
                header_i, header_labels = i, labels
        caption = rows[0].caption
        aliases = _caption_aliases(caption)
        own_table = bool(re.search(r"(?i)\b(?:our|we)\b|\bconfigurations?\b|\bvariants\b|\bhyper-?parameters\b|"
                                   r"\bmodel\s+(?:sizes|details|architectures?)\b", caption))
        if header_labels is None and aliases:
            for i, text in head_texts:
                if text and _header_like(text):
                    labels = _split_header(text)
                    if len(labels) >= 3 and any(_alias_key(lab) in aliases for lab in labels):
                        header_i, header_labels = i, labels
        family = ""
        fit_rows: dict[tuple, bool] = {}
        for i, r in enumerate(rows):
            # transposed rows: "Total Params 2.97B 9.18B 27.0B 2.97B"
            for fname, rx in _ROW_LABELS:
                m = rx.match(r.text)
                if not m:
                    continue
                ulabel = m.groupdict().get("u") or m.groupdict().get("u2") or ""
                mult, unit = _header_mult(f"x ({ulabel})" if ulabel else r.text[: m.end()], fname, caption)
                cells = [c for c in _row_cells(r.text[m.end():])]
                vals = [(k, c) for k, c in enumerate(cells) if not math.isnan(c[1])]
                if not vals or len(vals) < len(cells) * 0.6:
                    continue
                for k, (txt, v, scaled) in vals:
                    if fname == "parameters" and not scaled and re.fullmatch(r"0?\.\d{3,}", txt):
                        continue  # a metric, not a count
                    vv = v if scaled or mult is None else v * mult
                    if fname == "parameters" and not scaled and mult is None and v < 1e4:
                        vv = v * 1e6  # "#params 2.2 4.3" without a unit: millions, as tables print them
                    if fname == "tokens_or_examples" and not scaled and mult is None and v < 1e4 and re.search(r"(?i)tokens", r.text[:m.end()]):
                        vv = v * 1e9
                    if fname in ("flops_per_forward", "total_training_flop") and mult is not None and not scaled:
                        vv = v * mult
                    lo, hi = RANGE[fname]
                    if not lo <= vv <= hi:
                        continue
                    why = [f"table row {r.text[: m.end()].strip()!r}, column {k + 1}"]
                    sc = 2.4 + (0.3 if r.source == "careful" else 0.0)
                    if r.section == "related":
                        sc -= 2.0
                    c = Cand(fname, vv, "tokens" if fname == "tokens_or_examples" and "token" in r.text[:m.end()].lower()
                             else ("examples" if fname == "tokens_or_examples" else unit if fname.endswith("flop") or
                                   fname == "flops_per_forward" else None), r, f"{r.text[: m.end()].strip()} ... {txt}", sc, why,
                             column=k, as_written=txt if "flop" in fname else None)
                    out.append(c)
            if header_labels is None or i <= header_i:
                continue
            # column tables: align the row's cells with the header labels, from the right, or (when the
            # row has more cells than the header has labels: a header of several lines) the numeric
            # cells from the left with the labels after the leading name columns
            cells = _row_cells(r.text)
            nums = [c for c in cells if not math.isnan(c[1])]
            if len(nums) < 1:
                continue
            first_num = next(k for k, c in enumerate(cells) if not math.isnan(c[1]) or _VALUE_LIKE_RE.fullmatch(c[0]))
            name = " ".join(c[0] for c in cells[:first_num])
            # rows of a group name their family once ("ALBERT base ... / large ... / xxlarge ...")
            if first_num >= 2 and re.fullmatch(r"[A-Z][\w.+-]{2,}", cells[0][0]) and not re.fullmatch(r"(?i)total|average|mean", cells[0][0]):
                family = cells[0][0]
            elif first_num == 1 and re.fullmatch(r"(?i)(?:tiny|small|base|medium|large|x+-?large|huge|giant|[a-z]?\d+[a-z]?)", cells[0][0]):
                name = f"{family} {name}".strip()
            if not name and not any(c[2] for c in cells) and (len(cells) < len(header_labels) or _axis_ticks([c[0] for c in cells])):
                continue  # "0 10 20" under a plot's axis label: not a model's row
            value_cells = cells[first_num:]
            n_name_labels = 0
            while n_name_labels < len(header_labels) and _NAME_LABEL_RE.match(header_labels[n_name_labels]):
                n_name_labels += 1
            value_labels = header_labels[n_name_labels:]
            left = n_name_labels > 0 and len(value_cells) > len(value_labels)
            if left:
                # most rows fit the header's value columns: the extra number of this row is part of its name
                # ("Mnasnet 0.5 18.5 86.2 1.68 0.29", a width multiplier), so its cells align from the right
                key = (id(rows[0]), len(value_labels))
                if key not in fit_rows:
                    nv = [_n_value_cells(x.text) for x in rows[header_i + 1:]]
                    fit_rows[key] = sum(n == len(value_labels) for n in nv) >= max(2, sum(n > len(value_labels) for n in nv))
                left = not fit_rows[key]
            for j, lab in enumerate(header_labels):
                fname = next((f for f, rx in _COL_FIELDS if rx.match(lab)), None)
                alias_unit = ""
                if fname is None and _alias_key(lab) in aliases:
                    fname, alias_unit = aliases[_alias_key(lab)]
                if fname is None:
                    continue
                if left:
                    if j < n_name_labels or j - n_name_labels >= len(value_cells):
                        continue
                    col = first_num + (j - n_name_labels)
                else:
                    from_right = len(header_labels) - j
                    if from_right > len(cells):
                        continue
                    col = len(cells) - from_right
                txt, v, scaled = cells[col]
                if fname == "epochs" and re.search(r"\d\s*[KMGT]i?B\b|\d\s*(?:bytes|tokens)\b", r.text):
                    continue  # a data mixture's row ("WebCrawl 67.0% 1.10 3.3 TB"): epochs over one source, not the run's
                if fname == "parameters" and not scaled and re.fullmatch(r"0?\.\d{3,}", txt):
                    continue  # "0.4453" under #Params: a metric's column shifted into it, not a count
                if fname == "parameters" and not scaled:
                    # a row with one count written with its magnitude ("28-20 145.8M med. of 2") is read there
                    mags = [k for k, c in enumerate(cells[first_num:], first_num) if c[2] and re.search(r"[KMB]$", c[0])]
                    if len(mags) == 1:
                        col = mags[0]
                        txt, v, scaled = cells[col]
                if math.isnan(v) or col < first_num:
                    continue
                mult, unit = _header_mult(f"{lab} ({alias_unit})" if alias_unit else lab, fname, caption)
                vv = v if scaled else v * (mult or 1.0)
                if fname == "parameters" and not scaled and mult is None and v < 1e4:
                    vv = v * 1e6
                if fname == "tokens_or_examples" and re.match(r"(?i)tokens", lab) and vv < 1e8:
                    continue  # a "Tokens" column of a vision table counts patches, not training data
                if fname == "flops_per_forward" and not scaled and mult is None and v < 1e4:
                    vv = v * (1e9 if v < 100 else 1e6)
                if fname in ("flops_per_forward",) and madd_doc:
                    unit = "multiply-add"
                lo, hi = RANGE[fname]
                if not lo <= vv <= hi:
                    continue
                own = bool(_OURS_RE.search(r.text)) or any(n.lower() in f"{r.group} {name} {r.text}".lower() for n in own_names)
                # (a table of the paper's own configurations cites where an architecture comes from)
                cited = bool(re.search(r"\[\s*\d+|\bet\s+al\b|\(\s*(?:19|20)\d\d\s*\)", r.text)) and not own_table
                ablation_row = bool(re.match(r"^\W*(?:w/o?\b|without\b|with\b|\+|-\s|no\s|only\b)", name) or
                                    re.search(r"(?i)\bablat", caption))
                sc = 2.5 + (0.3 if r.source == "careful" else 0.0) + (0.8 if own else 0.0) - (1.0 if cited else 0.0) \
                    - (0.8 if ablation_row else 0.0)
                why = [f"table column {lab!r}, row {name or r.text[:30]!r}"]
                if ablation_row:
                    why.append("an ablation row")
                if own:
                    why.append("the paper's own model")
                if cited:
                    why.append("a cited model's row")
                if r.section == "related":
                    sc -= 2.0
                col_cells.setdefault((id(rows[0]), lab), []).append(scaled)
                toks = [x for x in name.split() if len(x) >= 3 and re.search(r"[\d/-]", x) and not x.startswith(("[", "("))]
                out.append(Cand(fname, vv, unit if fname in ("flops_per_forward", "total_training_flop") else
                                ("examples" if fname == "tokens_or_examples" else None), r, f"{lab} ... {name} ... {txt}",
                                sc, why, own=own, flagged=cited, as_written=txt if "flop" in fname else None,
                                column=col, extra_key=(id(rows[0]), lab, scaled), model=toks[0] if toks else None,
                                row_label=name or None))
    # a column whose cells mostly carry their magnitude ("141.7M"): a bare number there is another column's
    keep = []
    for c in out:
        if c.extra_key is not None:
            key, lab, scaled = c.extra_key
            flags = col_cells.get((key, lab), [])
            if not scaled and sum(flags) > len(flags) / 2:
                continue
        keep.append(c)
    return keep


# ------------------------------------------------------------------ units of text


_TABLE_LINE_RE = re.compile(r"^(?=.*\d)(?:\S+\s+){1,}\S+$")


def _axis_ticks(toks: list[str]) -> bool:
    """'0 500 1000 1500 2000': a figure's axis, not a table row."""
    vals = [_cell_value(t) for t in toks]
    if len(toks) < 3 or any(v is None for v in vals):
        return False
    xs = [v[0] for v in vals]
    d = xs[1] - xs[0]
    return d != 0 and all(abs((b - a) - d) <= 1e-9 * max(1.0, abs(d)) for a, b in zip(xs, xs[1:]))


_NUM_TOKEN_RE = re.compile(r"[~≈<>]?(?:\d[\d,]*(?:\.\d+)?(?:[kKMBGT]|%)?|\d[\d.,]*%?)")
_CELL_TOKEN_RE = re.compile(r"[-–—]|\d+x\d+(?:x\d+)*|[\d.]+[×x]|N/?A|n/a|✓|✗|[\d.]+\s*[±]")
_WORD_TOKEN_RE = re.compile(r"[a-z]{3,}[,.;:]?")


def _is_table_line(line: str) -> bool:
    """A raw-text line that looks like a table row: several numeric cells and few words."""
    if line.rstrip().endswith(".") or not any(ch.isdigit() for ch in line):
        return False
    toks = line.split()
    if len(toks) < 2:
        return False
    words = sum(1 for t in toks if len(t) >= 3 and t.rstrip(",.;:").isalpha() and t.islower())
    if words > max(2, len(toks) // 3):
        return False
    nums = sum(1 for t in toks if (t[0].isdigit() or t[0] in "~≈<>") and _NUM_TOKEN_RE.fullmatch(t))
    if nums < 1:
        return False
    cells = nums + sum(1 for t in toks if _CELL_TOKEN_RE.fullmatch(t))
    return cells >= 2 and cells >= 0.3 * len(toks) and words <= max(2, len(toks) // 3) and not _axis_ticks(toks)


def _join(lines: list[str]) -> str:
    """Lines of raw text joined into a paragraph (a word hyphenated at a line end is joined again)."""
    parts: list[str] = []
    for ln in lines:
        if parts and re.search(r"[A-Za-z]{2}-$", parts[-1]) and ln[:1].islower():
            parts[-1] = parts[-1][:-1] + ln
        elif parts and parts[-1].endswith("-") and re.search(r"[\dA-Z]-$", parts[-1]):
            parts[-1] = parts[-1] + ln
        else:
            parts.append(ln)
    return " ".join(parts)


_REFERENCE_LINE_RE = re.compile(r"^\s*(?:\[\d+\]|\d+\.\s+[A-Z][a-z]+,|[A-Z][a-z]+,\s+[A-Z]\.)|(?:19|20)\d\d[a-z]?\.\s*$|"
                                r"arXiv\s+preprint|In\s+Proceedings|Advances\s+in\s+Neural", re.M)


def _cheap_units(doc: Document, skip_pages: set[int], start_index: int, table_pages: set[int] = frozenset()) -> list[Unit]:
    """Sentences and table rows of the pages the careful pass did not read, from the raw text:
    lines that look like table rows are rows (with the short lines above them as possible headers),
    the other lines are joined into sentences. On ``table_pages`` only the table rows are read."""
    out: list[Unit] = []
    idx = start_index
    prose = [i + 1 for i, text in enumerate(doc.cheap_text) if text and i + 1 not in skip_pages]
    if len(prose) > MAX_RAW_PROSE_PAGES:
        # a very long document (a thesis, a 400-page report): prose is read on the pages that look most
        # like they state sizes, the others give their table rows only (bounds the time per paper)
        ranked = sorted(prose, key=lambda pg: (-size_page_score(doc.cheap_text[pg - 1]), pg))
        table_pages = set(table_pages) | (set(prose) - set(ranked[:MAX_RAW_PROSE_PAGES]))
    for i, text in enumerate(doc.cheap_text):
        page = i + 1
        if page in skip_pages and page not in table_pages or not text:
            continue
        sec = doc.page_sections[i] if i < len(doc.page_sections) else "body"
        lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
        tables_only = page in table_pages
        if sec == "references":
            # an appendix after the references is often not recognized as one: a page with few
            # reference-like lines is read as an appendix, else only its table rows are read
            refs = len(_REFERENCE_LINE_RE.findall(text))
            sec = "appendix"
            tables_only = tables_only or refs > 0.1 * len(lines) or refs > 6
        is_table = [_is_table_line(s) for s in lines]
        if tables_only and not any(is_table):
            continue  # nothing to read on this page
        para: list[str] = []
        stream: list[Unit] = []

        def flush():
            nonlocal idx
            if para and not tables_only:
                for s in split_sentences(_join(para)):
                    out.append(Unit(page, _fix_separators(s), "caption" if _CAPTION_START_RE.match(s) else "text", sec, idx,
                                    "cheap"))
                    idx += 1
            para.clear()

        for s, tab in zip(lines, is_table):
            if re.match(r"^(?:References|Bibliography)\s*$", s, re.I):
                break
            if tab:
                flush()
                u = Unit(page, _fix_separators(s), "table", sec, idx, "cheap")
                idx += 1
                out.append(u)
                stream.append(u)
            else:
                para.append(s)
                if tables_only:
                    idx += 1  # (rows of two tables are not consecutive)
                kind = "caption" if _CAPTION_START_RE.match(s) else "short" if len(s) < 120 and _header_like(s) else "prose"
                stream.append(Unit(page, s, kind, sec, -1, "cheap"))
        flush()
        _attach_table_context(stream)
    return out


_CAPTION_START_RE = re.compile(r"^\s*(?:Table|Tab\.|Figure|Fig\.)\s*[A-Z]?\d+\s*[.:|]?")


def _attach_table_context(stream: list[Unit]) -> None:
    """For the table rows of one page (in reading order, with the lines or sentences around them), the
    possible header rows (short lines just above the first row; kept across a section label inside the
    table) and the caption (the 'Table N' text above the table, or just below it)."""
    k = 0
    n = len(stream)
    prev_end, prev_headers, prev_caption = -10, [], ""
    while k < n:
        if stream[k].kind != "table":
            k += 1
            continue
        start = k
        while k < n and stream[k].kind == "table":
            k += 1
        end = k  # rows are stream[start:end]
        above = []
        j = start - 1
        while j >= 0 and stream[j].kind == "short" and len(above) < 30:
            above.insert(0, stream[j].text)
            j -= 1
        caption = ""
        jj, prose_run = j, 0
        while jj >= 0 and start - jj <= 14 and prose_run < 4:
            if stream[jj].kind == "caption":
                caption = " ".join(x.text for x in stream[jj: min(jj + 3, start)] if x.kind != "table")
                break
            prose_run = prose_run + 1 if stream[jj].kind == "prose" else 0
            jj -= 1
        same_table = start - prev_end <= 4 and all(stream[x].kind == "short" for x in range(prev_end, start))
        headers = (prev_headers + above) if same_table else above
        if same_table and not caption:
            caption = prev_caption
        if not caption:
            for x in stream[end: end + 3]:
                if x.kind == "caption":
                    caption = x.text
                    break
        # a short label just above the rows names their group ("BERT" / "ALBERT" over base/large rows)
        group = above[-1] if above and len(above[-1].split()) <= 3 and not re.search(r"\d", above[-1]) else ""
        for x in stream[start:end]:
            x.headers = list(headers)
            x.caption = caption
            x.same_as_previous = same_table
            x.group = group
        prev_end, prev_headers, prev_caption = end, headers, caption


def _fix_separators(t: str) -> str:
    """Numbers the text layer broke: '40, 000 samples' -> '40,000 samples' (a thousands separator
    followed by a space; a list never continues with a 0-led group) and '79.5 x 106' -> '79.5 x 10^6'
    (a superscript exponent flattened; only after a decimal mantissa, so '3 x 100 units' stays)."""
    if ", 0" in t:
        t = re.sub(r"(?<=\d,) (?=0\d\d\b)", "", t)
    if "x 10" in t or "x10" in t:
        t = re.sub(r"(?<![\w.])(\d+\.\d+)\s*x\s*10([3-9]|1[0-9]|2[0-4])\b(?!\^)", r"\1 x 10^\2", t)
    return t


_HEADING_LINE_RE = re.compile(r"^(?P<num>\d+(?:\.\d+){0,3}|[A-H](?:\.\d+){1,3}|[A-H])\.?\s+(?P<h>[A-Z][\w\s:&,/()+-]{2,70})$")
_FT_HEADING_RE = re.compile(r"\bfine-?tun\w*|\bSFT\b|\binstruct\w*|\bdownstream\b|\btransfer\w*|\badapt\w*|\bRLHF\b|"
                            r"\bpost-?training\b|"
                            r"\balignment\b|\bpreference\b|\bchat\b|\bdistill\w*", re.I)
_PT_HEADING_RE = re.compile(r"\bpre-?train\w*", re.I)


def _squash(t: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", t.lower())


class _Headings:
    """The (sub)section heading in force at each place of the document, from the raw text's lines."""

    def __init__(self, doc: Document | None):
        self.pages: list[tuple[str, list[tuple[int, str]]]] = []  # per page: squashed text, [(offset, heading)]
        last = ""
        path: dict[int, str] = {}  # heading level -> heading ("4 Post-training" > "4.3 Training Hyperparameters")
        for text in (doc.cheap_text if doc is not None else []):
            sq, marks = "", [(0, last)]
            for ln in text.split("\n"):
                m = _HEADING_LINE_RE.match(ln.strip())
                if m and not re.search(r"\d\s*(?:%|x\b)", ln) and not ln.rstrip().endswith((".", ",")):
                    level = m.group("num").count(".")
                    path = {k: v for k, v in path.items() if k < level}
                    path[level] = m.group("h").strip()
                    last = " > ".join(path[k] for k in sorted(path))
                    marks.append((len(sq), last))
                sq += _squash(ln)
            self.pages.append((sq, marks))

    def at(self, page: int, text: str) -> str:
        if not 1 <= page <= len(self.pages):
            return ""
        sq, marks = self.pages[page - 1]
        key = _squash(text)[:40]
        pos = sq.find(key) if len(key) >= 12 else -1
        if pos < 0:
            return marks[0][1] if len(marks) == 1 else ""
        return [h for off, h in marks if off <= pos][-1]


def _units(sentences: list[Sentence], doc: Document | None) -> list[Unit]:
    units = [Unit(s.page, _fix_separators(normalize(s.text)), s.kind, s.section, s.index) for s in sentences
             if s.section != "references"]
    if doc is not None and doc.cheap_text:
        careful = set(doc.pages_read_carefully) | {s.page for s in sentences}
        table_pages = careful if TABLES_FROM_RAW_TEXT else set()
        if TABLES_FROM_RAW_TEXT:
            # the raw text keeps a table row on one line; the careful pass may split or merge rows
            units = [u for u in units if u.kind != "table" or u.page not in careful]
        units += _cheap_units(doc, careful, len(sentences) + 1, table_pages)
    units.sort(key=lambda u: (u.page, u.source != "careful", u.index))
    # the careful pass's table rows: the same context from the sentences around them
    by_page: dict[int, list[Unit]] = {}
    for u in units:
        if u.source == "careful":
            by_page.setdefault(u.page, []).append(u)
    for page_units in by_page.values():
        stream = []
        for u in page_units:
            if u.kind == "table" or u.kind == "caption" and _CAPTION_START_RE.match(u.text):
                stream.append(u)
            else:
                kind = "caption" if _CAPTION_START_RE.match(u.text) else \
                    "short" if len(u.text) < 120 and _header_like(u.text) and not u.text.rstrip().endswith(".") else "prose"
                stream.append(Unit(u.page, u.text, kind, u.section, -1))
        _attach_table_context(stream)
    # table blocks: the rows of one table (consecutive rows, or rows separated only by short labels)
    block = -1
    prev: Unit | None = None
    row = 0
    for u in units:
        if u.kind != "table":
            continue
        new = prev is None or prev.page != u.page or prev.source != u.source or \
            (u.index - prev.index > 1 and not u.same_as_previous)
        if new:
            block += 1
            row = 0
        u.block = block
        u.row = row
        row += 1
        prev = u
    headings = _Headings(doc)
    for u in units:
        u.hint = u.kind == "table" or _hint(u.text)
        if not u.hint:
            continue
        _flags(u)
        h = headings.at(u.page, u.text) if u.kind != "table" or u.source == "careful" else ""
        # the innermost heading that says which stage it is decides
        for part in reversed(h.split(" > ") if h else []):
            if _FT_HEADING_RE.search(part) and not u.pretrain:
                u.finetune = True  # a sentence under a "Fine-tuning" / "Post-training" heading
                break
            if _PT_HEADING_RE.search(part) and not _FT_HEADING_RE.search(part):
                if not u.finetune:
                    u.pretrain = True
                break
    return units


# ------------------------------------------------------------------ the paper's own model names

_TITLE_NAME_RE = re.compile(r"^\s*(?P<name>[A-Z][\w+.-]*(?:\s?[\w+.-]+)?)\s*:")
_CAMEL_RE = re.compile(r"\b(?=[\w-]*[A-Z][\w-]*[A-Z0-9])[A-Z][\w-]{2,}\b")
_NAME_STOP = {"GPU", "GPUs", "TPU", "TPUs", "CNN", "CNNs", "RNN", "RNNs", "LSTM", "DNN", "NLP", "AI", "ML", "RL", "SGD",
              "Deep", "Neural", "Learning", "Networks", "Network", "ImageNet", "CIFAR", "COCO", "MNIST", "BERT", "GPT",
              "Transformer", "Transformers", "LLM", "LLMs", "ViT", "ResNet", "VGG", "NMT", "GAN", "GANs", "CTR"}


def own_model_names(doc: Document | None, units: list[Unit]) -> list[str]:
    """Names the paper gives its own model: the title's word before a colon, names in 'we propose X'."""
    names: list[str] = []
    if doc is not None and doc.cheap_text:
        # the title is among the first lines (after a venue line, perhaps): "ALBERT: A Lite BERT for ..."
        for ln in [ln.strip() for ln in doc.cheap_text[0].split("\n") if ln.strip()][:6]:
            m = _TITLE_NAME_RE.match(ln)
            if m and m.group("name") not in _NAME_STOP and len(m.group("name")) >= 3 and not re.search(
                    r"(?i)^(?:abstract|keywords|published|preprint|under\s+review|proceedings|arxiv)", m.group("name")):
                names.append(m.group("name").strip())
                break
    for u in units[:400]:
        if u.page > 3 or u.kind != "text":
            continue
        for mm in re.finditer(r"\b(?:we\s+(?:propose|present|introduce|call|name|dub|develop)|called|named|dubbed|termed)\s+"
                              r"(?:(?:a|an|the|our|new|novel)\s+){0,2}(?P<n>[A-Z][\w-]*[A-Z0-9][\w-]*)", u.text):
            n = mm.group("n")
            if n not in _NAME_STOP and len(n) >= 3 and n not in names:
                names.append(n)
        if re.search(r"\bwe\s+(?:propose|present|introduce|call|name|develop)", u.text):
            for mm in re.finditer(r"\((?P<n>[A-Z][A-Za-z0-9+-]{2,})\)", u.text):  # "A Lite BERT (ALBERT)"
                n = mm.group("n")
                if n not in _NAME_STOP and n not in names and not re.fullmatch(r"[A-Z]\d+|\d+", n):
                    names.append(n)
    return names[:4]


# ------------------------------------------------------------------ choice


def _main_columns(cands: list[Cand]) -> None:
    """In a table with one column per model (rows labelled "Params", "Training tokens", ...), the column
    of the largest model (else of the most data) is the main run's: its cells gain."""
    by_block: dict[int, list[Cand]] = {}
    for c in cands:
        if c.extra_key is None and c.column is not None:
            by_block.setdefault(c.u.block, []).append(c)
    for cs in by_block.values():
        for f in ("parameters", "tokens_or_examples"):
            row = [c for c in cs if c.field == f]
            if len(row) >= 2:
                top = max(c.value for c in row)
                col = max(c.column for c in row if c.value == top)
                for c in cs:
                    if c.column == col and c.field != f:
                        c.score += 0.3
                        c.why.append("the column of the table's largest model")
                break


# a dataset's name: "MNIST", "UCF101", "CIFAR-10", "WikiText-103", "SpeechHub" (two capitals or a digit)
_DATASET_NAME_RE = re.compile(r"\b(?=[A-Za-z0-9.-]*(?:[A-Z][A-Za-z0-9.-]*[A-Z]|[A-Z][A-Za-z.-]*\d))[A-Z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*")
_NOT_A_DATASET = {"GPU", "GPUs", "TPU", "TPUs", "CPU", "CNN", "CNNs", "RNN", "LSTM", "NLP", "SGD", "API", "URL", "PDF", "AI", "ML",
                  "RL", "MLP", "RGB", "DNN", "GAN", "IID", "BPE", "FLOPs", "PhD", "USA", "UK", "EU", "ID", "IDs"}


_PREVIOUS_WORK_RE = re.compile(r"(?i)\b(?:previous|prior|earlier|existing|other)\s+(?:work|works|studies|papers|results|literature)\b|"
                               r"\breported\s+(?:by|in)\b|\bresults\s+(?:from|of)\s+(?:\[|[A-Z][a-z]+\s+et\s+al)")
_SIZED_NAME_RE = re.compile(r"(?<![\w-])(?P<name>[A-Z][A-Za-z]*)[- ]?(?P<n>\d+(?:\.\d+)?)(?P<suf>[KMBT])\b")
_DATASET_USE_RE = re.compile(r"(?i)\b(?:on|from|of|using)\s+(?:the\s+)?$")
_DATASET_NOUN_AFTER_RE = re.compile(r"(?i)^\s*(?:\w+\s+)?(?:dataset|data|corpus|images|photos|videos|collection|split|benchmark)\b|"
                                    r"^\s*,\s*(?:a|an|the)\s+(?:\w+\s+){0,3}?(?:dataset|collection|corpus)")


def _dataset_named_sizes(cands: list[Cand], units: list[Unit]) -> None:
    """"IG-1B", "JFT-300M", "LAION-5B", "IN-1M" name datasets: where the paper trains on / uses such a name as data,
    the same name elsewhere ("MoCo IG-1B", the model pre-trained on it) is no model size."""
    sized = [c for c in cands if c.why and any(w.startswith("model size after its name") for w in c.why)]
    if not sized:
        return
    data_names = set()
    for u in units:
        if not u.hint or u.kind == "table" or not re.search(r"\d[KMBT]\b", u.text):
            continue
        for m in _SIZED_NAME_RE.finditer(u.text):
            if _DATASET_USE_RE.search(u.text[max(0, m.start() - 12): m.start()]) and re.search(r"(?i)train|data|images", u.text) \
                    or _DATASET_NOUN_AFTER_RE.match(u.text[m.end(): m.end() + 50]):
                data_names.add(f"{m.group('name')}{m.group('n')}{m.group('suf')}".lower())
    for c in sized:
        key = re.sub(r"[\s-]+", "", c.match).lower()
        if any(key.endswith(d) and (len(key) == len(d) or not key[-len(d) - 1].isdigit()) for d in data_names):
            # ("MoCoIG-1B", text glued by the PDF, ends with the dataset's "IG-1B")
            c.score -= 1.5
            c.flagged = True
            c.why.append("a dataset's name (the paper trains on it)")


def _relink_datasets(cands: list[Cand], units: list[Unit]) -> None:
    """A dataset described without training words ("UCF101 consists of 13,320 videos") counts as the main run's
    data when another sentence of the paper trains on that dataset by name ("we train on UCF101")."""
    todo = [c for c in cands if c.unlinked]
    if not todo:
        return
    train_texts = None
    for c in todo:
        names = {n for n in _DATASET_NAME_RE.findall(c.u.text) if len(n) >= 3 and n not in _NOT_A_DATASET}
        if not names:
            continue
        if train_texts is None:
            train_texts = [u.text for u in units if u.kind != "table" and _TRAIN_RE.search(u.text)]
        for n in sorted(names):
            rx = re.compile(r"\b(?:on|with|using|from|over)\s+(?:the\s+|our\s+)?(?:[\w-]+\s+){0,2}?" + re.escape(n) + r"(?![\w-])")
            if any(t != c.u.text and n in t and rx.search(t) for t in train_texts):
                c.score += UNLINKED_PENALTY
                c.unlinked = False
                c.why.append(f"the paper trains on {n} elsewhere")
                break


# a row label that names a model the paper compares with or starts from, not the one it trains
_BASELINE_ROW_RE = re.compile(r"(?i)^\W*(?:teachers?|baselines?|original|reference|prior|previous|published|reported|"
                              r"pre-?trained|off-the-shelf|existing|vanilla)\b")


def _baseline_rows(cands: list[Cand]) -> None:
    """Cells of a comparison table that are other methods' rows: in a column where some rows are marked as the
    paper's own model ("Ours", its name), the unmarked rows are the methods it compares with; and a row labelled
    as a teacher / baseline / original / previously published model is one wherever it is."""
    own_cols = {(c.extra_key[0], c.extra_key[1]) for c in cands if c.own and c.extra_key is not None}
    for c in cands:
        if c.own or c.flagged:
            continue
        other = c.extra_key is not None and (c.extra_key[0], c.extra_key[1]) in own_cols
        if other or (c.row_label and _BASELINE_ROW_RE.match(c.row_label)):
            c.flagged = True
            c.score -= 0.5
            c.why.append("another method's row (a baseline) in a comparison table")


def _dataset_tables(cands: list[Cand]) -> None:
    """A table of dataset statistics (one row per dataset or task, a "#Train" column): each cell is one of
    several datasets' sizes, not the size of the run's training data (the paper trains on each in turn, or
    evaluates on them); a "Total" row is kept."""
    cols: dict[tuple, list[Cand]] = {}
    for c in cands:
        if c.field == "tokens_or_examples" and c.extra_key is not None and not c.own:
            cols.setdefault((c.extra_key[0], c.extra_key[1]), []).append(c)
    for cs in cols.values():
        rows = {c.row_label or c.u.text[:20] for c in cs}
        if len(rows) < 3 or len({c.value for c in cs}) < 3:
            continue
        for c in cs:
            if c.row_label and re.match(r"(?i)^\W*(?:total|all|overall|combined|sum)\b", c.row_label):
                continue
            if not c.flagged:
                c.flagged = True
                c.score -= 1.0
                c.why.append("one of several datasets' sizes in a table of datasets")


def _mark_own_names(all_c: dict, names: list[str]) -> None:
    """Mark the candidates whose sentence (or table row, its group label) names one of the paper's own models."""
    if not names:
        return
    rx = re.compile("|".join(_name_pattern(n) for n in names), re.I)
    seen: dict[tuple, bool] = {}
    for cs in all_c.values():
        for c in cs:
            k = (c.u.source, c.u.index)
            if k not in seen:
                seen[k] = bool(rx.search(f"{c.u.group} {c.u.text}"))
            c.names_own = seen[k] or bool(c.model and rx.search(c.model))


def _best(cands: list[Cand], fname: str) -> Cand | None:
    cands = [c for c in cands if c.score >= MIN_SCORE[fname]]
    if not cands:
        return None
    top = max(c.score for c in cands)
    best = max(cands, key=lambda c: (c.score, -c.u.index))
    near = [c for c in cands if c.score >= top - MARGIN[fname] and (c is best or not c.flagged)]
    if fname in PREFER_LARGER:
        return max(near, key=lambda c: (c.value, c.score))
    return max(near, key=lambda c: (c.score, -c.u.index))


def _repeat_bonus(cands: list[Cand], tol: float = 0.02, cap: float = 0.8) -> None:
    """A value stated in several places (not as a distractor) is more likely the main run's."""
    groups: dict[int, set] = {}
    for c in cands:
        if c.score >= 1.5 and not c.flagged:
            # one table counts once (a column repeating a value is not several statements)
            groups.setdefault(_key(c.value, tol), set()).add(("t", c.u.block) if c.u.block >= 0 else ("s", c.u.index))
    for c in cands:
        k = len(groups.get(_key(c.value, tol), ()))
        if k > 1:
            c.score += min(cap, 0.4 * (k - 1))
            c.why.append(f"stated {k} times")


def _key(v: float, tol: float) -> int:
    return round(math.log(max(v, 1e-12)) / math.log(1 + tol))


def _same_place(a: Cand, b: Cand) -> bool:
    """Stated together: the same sentence or table row, or the same model column of a table whose rows
    are labelled ("Total Params 2.97B 9.18B 27.0B" / "Training Steps 30000 50000 50000")."""
    if a.u.index == b.u.index and a.u.source == b.u.source:
        return a.extra_key is None or b.extra_key is None or a.u.row == b.u.row
    return a.u.block >= 0 and a.u.block == b.u.block and a.extra_key is None and b.extra_key is None and \
        a.column is not None and a.column == b.column and a.u.row != b.u.row


def extract_sizes(sentences: list[Sentence], doc: Document | None = None, published: date | None = None,
                  survey: bool = False) -> tuple[dict[str, dict | None], list[dict]]:
    """(chosen, candidates) for the size fields of the main training run (see the module docstring).
    ``survey``: the paper says it is a survey/review (its sizes are other people's; all candidates lose)."""
    best, all_c = _choose_sizes(sentences, doc, survey)
    chosen: dict[str, dict | None] = {}
    candidates: list[dict] = []
    for f in SIZE_FIELDS:
        b = best.get(f)
        if b is not None:
            b.role = "main"
        chosen[f] = b.fact() if b is not None else None
        seen: set[tuple] = set()
        ranked = sorted(all_c[f], key=lambda c: (c is not b, -c.score))
        k = 0
        for c in ranked:
            key = (round(c.value, 6), c.u.page)
            if key in seen:
                continue
            seen.add(key)
            candidates.append(c.as_candidate())
            k += 1
            if k >= MAX_CANDIDATES:
                break
    return chosen, candidates


def _name_pattern(name: str) -> str:
    """A model's name as it may be written: "Llama 3.1 70B" = "Llama 3.1-70B" = "Llama-3.1 70B"."""
    parts = [re.escape(x) for x in re.split(r"[\s-]+", name) if x]
    return r"(?<![\w-])" + r"[\s-]?".join(parts) + r"(?![\w-])"


def _choose_sizes(sentences: list[Sentence], doc: Document | None, survey: bool,
                  rules_only: bool = False) -> tuple[dict, dict]:
    """(best per field, all candidates per field). Unless ``rules_only``, the fields the learned choice
    (``sizes_ranker``, weights in data/sizes_ranker.json) covers are chosen by it from the rules' candidates."""
    units = _units(sentences, doc)
    madd_doc = any(_DEF_MADD_RE.search(u.text) for u in units if u.kind != "table" and re.search(r"(?i)flop|mac|madd|mult", u.text))
    pretrain_doc = any(u.kind == "text" and _PRETRAIN_RE.search(u.text) and _TRAIN_RE.search(u.text) and
                       _PRETRAIN_RE.search(_PRETRAINED_ADJ_RE.sub(" ", u.text)) for u in units)
    names = own_model_names(doc, units)
    all_c: dict[str, list[Cand]] = {f: [] for f in SIZE_FIELDS}
    for u in units:
        if u.section == "references" or not u.hint:
            continue
        cands: list[Cand] = []
        cands += _param_cands(u)
        cands += _data_cands(u)
        cands += _count_cands(u)
        cands += _flop_cands(u, madd_doc)
        cands += _seq_cands(u)
        for c in cands:
            if pretrain_doc and u.finetune and not u.pretrain:
                c.score -= 0.6
                c.why.append("fine-tuning while pre-training is described")
            all_c[c.field].append(c)
    _dataset_named_sizes(all_c["parameters"], units)
    table_cands = _table_cands(units, madd_doc, names)
    _baseline_rows(table_cands)
    _dataset_tables(table_cands)
    _main_columns(table_cands)
    for c in table_cands:
        if pretrain_doc and c.u.finetune and not c.u.pretrain:
            c.score -= 0.6
        all_c[c.field].append(c)

    _relink_datasets(all_c["tokens_or_examples"], units)
    _mark_own_names(all_c, names)
    if survey:
        for f in SIZE_FIELDS:
            for c in all_c[f]:
                c.score -= 1.0
                c.why.append("a survey")
    for f in SIZE_FIELDS:
        _repeat_bonus(all_c[f])
    # parameters first: the other fields gain when stated with the chosen parameter count
    best: dict[str, Cand | None] = {}
    best["parameters"] = _best(all_c["parameters"], "parameters")
    p = best["parameters"]
    if p is not None:
        # every place that states the chosen count (a sentence, a table row or a table's model column)
        anchors = [c for c in all_c["parameters"] if abs(c.value - p.value) <= 0.02 * p.value and not c.flagged]
        models = {a.model for a in anchors if a.model and len(a.model) >= 3}
        for f in ("tokens_or_examples", "steps", "batch_size", "epochs", "flops_per_forward", "total_training_flop",
                  "active_parameters", "sequence_length"):
            for c in all_c[f]:
                if any(_same_place(c, a) for a in anchors):
                    c.score += 0.6
                    c.why.append("stated with the chosen parameter count")
                elif c.u.kind != "table" and any(o.u.index == c.u.index and o.u.source == c.u.source
                                                 and abs(o.value - p.value) > 0.1 * p.value for o in all_c["parameters"]):
                    c.score -= 0.5  # "a separate 3B model on 1T tokens": another model's run
                    c.why.append("stated with another model size")
                    c.other_model = True
                elif models and c.u.kind != "table" and any(re.search(_name_pattern(mn), c.u.text) for mn in models):
                    c.score += 0.4  # "For all GPT-3 experiments, we train for 2 epochs"
                    c.why.append("stated for the chosen model")
    best["tokens_or_examples"] = _best(all_c["tokens_or_examples"], "tokens_or_examples")
    _with_the_chosen_data(best["tokens_or_examples"], all_c)
    for f in SIZE_FIELDS:
        if f not in ("parameters", "tokens_or_examples"):
            best[f] = _best(all_c[f], f)
    a = best.get("active_parameters")
    if a is not None and p is not None and a.value >= p.value:
        best["active_parameters"] = None  # active parameters are a part of the total
    if not rules_only:
        _learned_choice(best, all_c, doc.n_pages if doc is not None else max((u.page for u in units), default=1))
    return best, all_c


def _data_names(t: str) -> set[str]:
    return {n for n in _DATASET_NAME_RE.findall(t) if len(n) >= 3 and n not in _NOT_A_DATASET}


def _with_the_chosen_data(tk: Cand | None, all_c: dict) -> None:
    """A paper that trains on several datasets states a schedule for each ("on CIFAR-10 we train for 300 epochs
    ... on ImageNet for 90 epochs"): the main run's epochs, steps and batch are those stated with the name of
    the chosen training data; those stated with another dataset of the paper (one it gives another size for)
    belong to another run."""
    if tk is None or tk.u.kind == "table":
        return
    mine = _data_names(tk.u.text)
    if not mine:
        return
    others: set[str] = set()
    for c in all_c["tokens_or_examples"]:
        if c.u.kind != "table" and c.score >= MIN_SCORE["tokens_or_examples"] and abs(c.value - tk.value) > 0.1 * tk.value:
            others |= _data_names(c.u.text)
    others -= mine
    for f in ("epochs", "steps", "batch_size"):
        for c in all_c[f]:
            if c.u.kind == "table":
                continue
            names = _data_names(c.u.text)
            if names & mine:
                c.score += 0.4
                c.why.append("stated with the chosen training data")
            elif names & others:
                c.score -= 0.3
                c.why.append("stated with another dataset")


def _learned_choice(best: dict, all_c: dict, n_pages: int) -> None:
    """The fields the learned ranker covers: its pick (or nothing, below its threshold) with its calibrated
    confidence, in place of the rules' pick."""
    from .sizes_ranker import decide_field, default_ranker, sentence_sets

    ranker = default_ranker()
    if ranker is None or not ranker.adopted:
        return
    others = sentence_sets(all_c)
    for f in ranker.adopted:
        fm = ranker.fields[f]
        if f not in all_c:
            continue
        c, conf = decide_field(fm, all_c[f], best.get(f), n_pages, others)
        if c is not None:
            c.learned_confidence = conf
            c.why.append("chosen by the learned size ranker" if c is not best.get(f)
                         else "confidence from the learned size ranker")
        best[f] = c


# ------------------------------------------------------------------ page selection

_SIZE_PAGE_PATTERNS: list[tuple[re.Pattern, float]] = [
    (re.compile(r"\b\d[\d.,]*\s*(?:[KMBT]|million|billion|trillion)?\s*(?:parameters|params)\b", re.I), 2.0),
    (re.compile(r"\b(?:#\s*)?(?:params|parameters)\b", re.I), 0.5),
    (re.compile(r"\b\d[\d.,]*\s*(?:[KMBT]|million|billion|trillion)\s*(?:tokens|images|examples|words|sentences)\b", re.I), 2.0),
    (re.compile(r"\b\d[\d.,]*\s*[kKM]?\s*(?:epochs|iterations|steps)\b", re.I), 1.0),
    (re.compile(r"\bbatch\s+size\b", re.I), 1.0),
    (re.compile(r"\b(?:[GMT]?FLOPs|MAdds|multiply-adds|PF-days)\b", re.I), 1.0),
]


def size_page_score(text: str) -> float:
    """How much a page's raw text looks like it states the size of a training run."""
    if not text:
        return 0.0
    return sum(w * min(len(rx.findall(text)), 6) for rx, w in _SIZE_PAGE_PATTERNS)


# ------------------------------------------------------------------ fitting the confidence model

# the labels' names of the size fields (../shared/corpus/README.md)
LABEL_FIELDS = {"parameters": "parameters", "tokens_or_examples": "tokens_or_examples", "epochs": "epochs", "steps": "steps",
                "batch_size": "batch_size", "flops_per_forward": "flops_per_forward",
                "total_training_flop": "total_training_flop_stated"}


def choose_in_labelled_pdf(pdf, published: str | None, cache, rules_only: bool = False):
    """(document, best per field, all candidates per field) of one corpus PDF, read as the pipeline reads it
    (through the evaluation's parsed-page cache when given), or None when it cannot be read: what fitting
    the confidence model and the learned ranker start from."""
    from .extraction import is_survey, page_scorer
    from .hardware import HardwareTable
    from .pdftext import DocumentError, ParseCache, read_pdf

    pub = date.fromisoformat(published) if published else None
    # the parsed-page cache the evaluation keeps (``aicompute.evaluate --cache``): the same pages, read the same way
    pcache = ParseCache(cache, pdf) if cache else None
    try:
        doc = read_pdf(pdf, scorer=page_scorer(HardwareTable.load(), pub), cache=pcache)
    except DocumentError:
        return None
    if pcache is not None:
        pcache.save()
    best, all_c = _choose_sizes(doc.sentences, doc, is_survey(doc.cheap_text[0] if doc.cheap_text else ""),
                                rules_only=rules_only)
    return doc, best, all_c


def _paper_records(args: tuple) -> list[dict]:
    """Features and rightness of the chosen size values of one labelled PDF (for fit-confidence)."""
    pdf, label, published, cache = args
    from .evaluate import _value_close

    read = choose_in_labelled_pdf(pdf, published, cache)
    if read is None:
        return []
    _doc, best, _ = read
    out = []
    for f, lf in LABEL_FIELDS.items():
        c = best.get(f)
        if c is None:
            continue
        want = label.get(lf)
        right = want is not None and _value_close({"value": c.value}, want)
        out.append({"id": label["arxiv_id"], "field": f, "right": bool(right),
                    "x": feature_vector(f, c.score, c.why, c.u.kind == "table", c.u.source == "cheap", c.flagged)})
    return out


def _calibration_table(pairs: list[tuple[float, bool]]) -> list[str]:
    lines = []
    for lo, hi in ((0.0, 0.2), (0.2, 0.4), (0.4, 0.6), (0.6, 0.8), (0.8, 1.01)):
        b = [r for p, r in pairs if lo <= p < hi]
        k = sum(b)
        lines.append(f"  confidence {lo:.1f}-{min(hi, 1.0):.1f}: {k}/{len(b)} right" + (f" ({100 * k / len(b):.0f}%)" if b else ""))
    return lines


def fit_confidence_main(argv: list[str] | None = None) -> int:
    """python -m aicompute.sizes fit-confidence --pdfs DIR --labels DIR [--meta CSV] [--out FILE]

    Runs the size extraction on the labelled PDFs, fits the confidence model on the papers outside the
    blind split, prints its cross-validated calibration (5 folds over papers) and the blind papers'
    calibration, and writes the weights."""
    import argparse
    import csv
    import hashlib
    from concurrent.futures import ProcessPoolExecutor
    from pathlib import Path

    from .evaluate import is_blind

    ap = argparse.ArgumentParser(prog="aicompute.sizes fit-confidence")
    ap.add_argument("--pdfs", type=Path, required=True)
    ap.add_argument("--labels", type=Path, required=True)
    ap.add_argument("--meta", type=Path, default=None)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--cache", type=Path, default=None,
                    help="parsed-page cache directory (the one aicompute.evaluate --cache keeps; entries are added)")
    ap.add_argument("--out", type=Path, default=CONFIDENCE_FILE)
    a = ap.parse_args(argv)
    published = {}
    if a.meta and a.meta.exists():
        with open(a.meta, newline="", encoding="utf-8") as fh:
            published = {r["arxiv_id"]: r.get("published") or "" for r in csv.DictReader(fh)}
    if a.cache:
        a.cache.mkdir(parents=True, exist_ok=True)
    work = []
    for lp in sorted(a.labels.glob("*.json")):
        pdf = a.pdfs / f"{lp.stem}.pdf"
        if pdf.exists():
            work.append((str(pdf), json.loads(lp.read_text(encoding="utf-8")), published.get(lp.stem) or None,
                         str(a.cache) if a.cache else None))
    with ProcessPoolExecutor(max_workers=max(1, a.jobs)) as ex:
        records = [r for rs in ex.map(_paper_records, work, chunksize=1) for r in rs]
    dev = [r for r in records if not is_blind(r["id"])]
    blind = [r for r in records if is_blind(r["id"])]
    fold = {r["id"]: int(hashlib.sha256(r["id"].encode()).hexdigest(), 16) % a.folds for r in dev}
    cv = []
    for k in range(a.folds):
        train = [r for r in dev if fold[r["id"]] != k]
        w = fit_logistic([r["x"] for r in train], [r["right"] for r in train])
        for r in dev:
            if fold[r["id"]] == k:
                z = sum(p * q for p, q in zip(w, r["x"]))
                cv.append((1.0 / (1.0 + math.exp(-z)), r["right"]))
    w = fit_logistic([r["x"] for r in dev], [r["right"] for r in dev])
    print(f"Size values chosen: {len(dev)} on development papers, {len(blind)} on blind papers "
          "(a value for a paper whose label has none counts as wrong)")
    print(f"Cross-validated calibration ({a.folds} folds over development papers):")
    print("\n".join(_calibration_table(cv)))
    # the top band must mean >= 95% right: if the cross-validated values at >= 0.8 fall short, no size
    # value is given >= 0.8 (all are shown as needs review) until the rules earn it
    top = [r for p_, r in cv if p_ >= 0.8]
    top_ok = bool(top) and sum(top) / len(top) >= TOP_BAND_PRECISION
    cap = 0.98 if top_ok else 0.79
    print(f"Top band (>= 0.8), cross-validated: {sum(top)}/{len(top)} right -> "
          + ("kept" if top_ok else f"below {100 * TOP_BAND_PRECISION:.0f}%: size confidence capped at {cap}"))
    pb = []
    for r in blind:
        z = sum(p * q for p, q in zip(w, r["x"]))
        pb.append((min(cap, 1.0 / (1.0 + math.exp(-z))), r["right"]))
    print("Blind papers (model fitted on the development papers, cap applied):")
    print("\n".join(_calibration_table(pb)))
    a.out.write_text(json.dumps({"features": list(_FEATURES), "weights": w, "fitted_on": len(dev), "max_confidence": cap,
                                 "cv_top_band": [sum(top), len(top)],
                                 "note": "python -m aicompute.sizes fit-confidence (development papers only; max_confidence "
                                         "< 0.8 when the cross-validated top band is below 95% right)"}, indent=1) + "\n",
                     encoding="utf-8")
    print(f"weights written to {a.out}")
    return 0


if __name__ == "__main__":
    import sys

    if len(sys.argv) > 1 and sys.argv[1] == "fit-confidence":
        sys.exit(fit_confidence_main(sys.argv[2:]))
    print("usage: python -m aicompute.sizes fit-confidence --pdfs DIR --labels DIR [--meta CSV] [--out FILE]",
          file=sys.stderr)
    sys.exit(2)
