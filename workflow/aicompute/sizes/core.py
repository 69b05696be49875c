"""The size facts' shared core: numbers, the sentence context flags, the units (sentences and table rows) and
candidates, their confidence model, and the scoring every fact's candidates share."""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from typing import Any

from .. import DATA_DIR
from .. import quantities as q


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
# ("us" in lower case only: "US census data", "a US company" say no "us")
_WE_RE = re.compile(r"\b(?:[Ww][Ee]|[Oo][Uu][Rr][Ss]?|us)\b")
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
# an example or a worked illustration: "For example, ...", "Consider the following calculation: ...", "Suppose a model has ..."
_EXAMPLE_RE = re.compile(r"^\W*(?:\d{1,2}\s+)?(?:For\s+example|For\s+instance|E\.\s*g\.|As\s+an\s+example|"
                         r"(?:Let\s+us\s+|Let's\s+)?[Cc]onsider\s+(?:the\s+following|an?|for\s+example|for\s+instance)|"
                         r"Suppose|Imagine|Assume\s+(?:that\s+)?(?:a|an|we|the)\b)\b")
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


# The size facts' structured provenance ("cues" of a fact): set where the rules decide whose value it is.
CUE_FLAGGED = "flagged"  # a distractor cue (others, hypothetical, related work, a cited row ...): see `why`
CUE_OTHER_MODEL = "another model's size"  # stated beside / in a clause about another model than the chosen one
CUE_CITED_OWN_RUN = "cited model's own training"  # "X [3] (540B) was trained on ...": the cited model's run
CUE_CITED_SIZE = "cited model's size"  # "ResNet-18 [16], that has 11M parameters" (often the model fine-tuned)
CUE_CAPABILITY = "capability statement"  # "supports models of up to 100B parameters": a bound, not a run
CUE_OTHER_WORK = "other work's run"  # a data amount or schedule said of other work or set against our run
# the cues that say a value belongs to another model's or another work's run (the estimate's size_of_another_model)
ANOTHERS_CUES = (CUE_OTHER_MODEL, CUE_CITED_OWN_RUN, CUE_CAPABILITY, CUE_OTHER_WORK)


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
    # data amounts: 1 when its sentence (or table row) names the dataset the paper trains on (``_mark_main_data``),
    # -1 when it names only other datasets, 0 when it names none or the paper has no such dataset
    main_data: int = 0
    # data amounts: 1 when its sentence (or table row) names the dataset the paper's training statement names ("we train
    # on X": ``choice._mark_run_data``), -1 when it names only other datasets, 0 when it names none or no training
    # statement names one
    run_data: int = 0
    # epoch counts: 1 when the dataset its schedule is stated for (the name after "N epochs on", else its sentence's, else
    # the nearest sentence before it that names one) is the chosen training data's, -1 when only another dataset's
    # (``choice._mark_schedule_data``), 0 when none is named or no training data was chosen
    sched_data: int = 0
    # data amounts: what a fine-tuning statement with no training word gained as a training statement (``data._data_cands``);
    # taken back when the paper describes pre-training (``choice._choose_sizes``)
    finetune_bonus: float = 0.0
    # structured provenance (est9): whose value it is, as the rules decided it (CUE_* above); the estimate's
    # review gates read the fact's "cues", never the wording of `why`
    cues: set = field(default_factory=set)

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
        cues = set(self.cues) | ({CUE_FLAGGED} if self.flagged else set()) | ({CUE_OTHER_MODEL} if self.other_model else set())
        if cues:
            d["cues"] = sorted(cues)
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


# verbs whose object is the model compared with: "our 7B model outperforms LLaMA-65B", "compare ... against X"
_COMPARE_VERBS = (r"against|outperform(?:s|ed|ing)?|surpass(?:es|ed|ing)?|beat(?:s|ing)?|rival(?:s|ing)?|matches|"
                  r"on\s+par\s+with|competitive\s+with")
_OTHERS_KW_RE = re.compile(r"(?i)\b(?:compared\s+(?:to|with)|versus|vs\.?|than|unlike|whereas|while|like|e\.\s*g\.|"
                           r"such\s+as|as\s+opposed\s+to|previous|prior|original|baseline|instead\s+of|as\s+in|"
                           + _COMPARE_VERBS + r")\b(?=[^.;]*$)")
# a contrast word that goes on with the same subject ("while keeping 25M parameters", "while it is trained on 26B
# tokens"): no clause of another's
_SAME_SUBJECT_RE = re.compile(r"\s+(?:\w+ing|also|still|only|not|then|retaining|keeping|it)\b", re.I)
# an adjective of our own thing: "our previous experiments", "we retain the original tokenizer", "our own baseline";
# not a comparison ("we compare with the baseline", "we outperform the previous best")
_OWN_ADJ_BEFORE_RE = re.compile(r"(?:\b(?:[Oo]ur|OUR)\s+(?:own\s+)?|\b[Ww]e\s+(?:\w+\s+){1,3}?(?:the|our)\s+)$")
_COMPARE_VERB_RE = re.compile(r"(?i)\b(?:compar\w*|outperform\w*|surpass\w*|beat\w*|exceed\w*|improv\w*|than|versus|vs\b|"
                              r"against|match\w*|rival\w*|replac\w*|unlike)")
# an adjunct of comparison closed by a comma, then a main clause with its own subject and verb: "Like BERT-base, the
# encoder has 110M parameters", "As in [12], the network has ...", "Similar to the baseline, the model uses ...";
# not a list ("such as GPT-3, PaLM-540B ...") nor a relative or an appositive ("unlike X, which has 1.5B")
_MAIN_CLAUSE_AFTER_RE = re.compile(
    r",\s+(?:the|this|these|our|its|it|we|each|every)\b[^,;.()\[\]]{0,60}?\b(?:has|have|had|is|are|was|were|uses?|used|"
    r"contains?|consists?|comprises?|takes?|took|requires?|trains?|trained|reaches|reached|keeps?|kept|totals?|counts?)\b")
_ASIDE_VERB_AFTER_RE = re.compile(r"[^,;.()\[\]]{0,40},\s+(?:also\s+|only\s+)?(?:has|have|had|is|are|was|were|uses?|used|"
                                  r"contains?|consists?|comprises?|requires?)\b")
_ADJUNCT_KW_RE = re.compile(r"(?i)like|as\s+in|such\s+as|e\.\s*g\.|compared\s+(?:to|with)|unlike|instead\s+of|"
                            r"as\s+opposed\s+to|versus|vs\.?")
_NOUN_KW_RE = re.compile(r"(?i)previous|prior|original|baseline")


_COMPARE_OBJECT_KW_RE = re.compile(r"(?i)" + _COMPARE_VERBS)
# words that end the comparison's object before the value: a preposition, a conjunction, a verb of training
_PAST_OBJECT_RE = re.compile(r"(?i)\b(?:after|when|while|with|on|by|using|for|in|at|despite|being|although|and|but|"
                             r"train\w*|us(?:e|es|ed|ing)|is|are|was|were)\b")


# a value whose "we/our" is another clause's than its own: the credit goes, and 0.4 more off its score
WE_IN_ANOTHER_CLAUSE_PENALTY = 0.4


def we_in_another_clause(score: float, why: list[str]) -> tuple[float, list[str]]:
    """(score, reasons) for a value whose "we/our" is another clause's ("PaLM was trained on 780B tokens, far beyond our
    budget"; "DeiT trains for 300 epochs [35], whereas we ..."): the credit replaced by that reason, the score lowered."""
    return score - WE_IN_ANOTHER_CLAUSE_PENALTY, [x for x in why if x != "we/our"] + ["we/our only in another clause"]


def _trigger_not_owner(t: str, ks: int, ke: int, start: int) -> bool:
    """A trigger word of ``_local_others`` at t[ks:ke] that does not make the value at ``start`` another's: a
    contrast going on with the same subject, an adjective of our own thing, "prior to", or an adjunct of
    comparison closed by a comma before the value's own main clause."""
    kw = t[ks:ke]
    if _COMPARE_OBJECT_KW_RE.fullmatch(kw):
        # a comparison verb owns only its object: "outperforms OPT-175B", not "outperforms GPT-3 after training on 26B"
        return bool(_PAST_OBJECT_RE.search(t[ke:start]))
    if kw.lower() in ("while", "whereas") and _SAME_SUBJECT_RE.match(t, ke):
        return True  # "..., while keeping 25M parameters": the sentence's subject goes on
    if _NOUN_KW_RE.fullmatch(kw):
        if kw.lower() == "prior" and re.match(r"\s+to\b", t[ke:]):
            return True  # "prior to training": time, not a prior model
        pre = re.split(r"[.;,]", t[max(0, ks - 40): ks])[-1]
        if _OWN_ADJ_BEFORE_RE.search(pre) and not _COMPARE_VERB_RE.search(pre):
            return True  # "we scale our previous experiments by training 1B models", "we retain the original X"
        # "As in the original paper, the network has ...": a noun in an adjunct opened by a preposition
        adjunct = re.search(r"(?i)(?:^|,)\s*(?:like|as\s+in|as\s+with|similar(?:ly)?\s+to|following|unlike|"
                            r"compared\s+(?:to|with))\s+(?:\w+\s+){0,2}$", pre)
        return bool(adjunct and _MAIN_CLAUSE_AFTER_RE.search(t, ke, start))
    if _ADJUNCT_KW_RE.fullmatch(kw):
        # (an aside between commas: "Our encoder, like BERT-base, has 110M parameters": the verb is the subject's)
        aside = re.search(r",\s*$", t[max(0, ks - 3): ks]) and _ASIDE_VERB_AFTER_RE.match(t, ke, start)
        return bool(_MAIN_CLAUSE_AFTER_RE.search(t, ke, start) or aside)
    return False


def _own_of_pair(t: str, start: int, end: int) -> bool:
    """The first value of a parenthesized pair set against another's, in a clause about our model: "our model has
    fewer parameters than Llama-2 (52B compared to 70B)", "ours needs half the parameters (16.9M vs. 34.2M)"."""
    if not re.search(r"\(\s*(?:~\s*|about\s+|only\s+)?$", t[max(0, start - 10): start]):
        return False
    if not re.match(r"\s*(?:\w+\s+)?(?:vs\.?|versus|compared\s+(?:to|with)|against)\s", t[end: end + 30], re.I):
        return False
    pre = re.split(r"[.;]\s", t[:start])[-1]
    return bool(_WE_CASED_RE.search(pre))


# the value names the model our training verb takes as its object, its source cited after it: "We fine-tune
# OPT-1.3B [31] on ...", "we continue pre-training the public Pythia-1.4B [4]" (not "we compare with OPT-1.3B [31]")
_OUR_TRAINING_OBJECT_RE = re.compile(
    r"\b(?:[Ww]e|[Oo]ur)\s+(?:\w+\s+){0,2}?(?:fine-?tun\w*|(?:pre-?|re-?)?train\w*|adapt\w*|continu\w+\s+(?:pre-?)?training|"
    r"initiali[sz]\w*\s+(?:from|with)|start\w*\s+from)\s+(?:the\s+|a\s+|an\s+)?(?:pre-?trained\s+|public(?:ly\s+available)?\s+|"
    r"released\s+|open-?source\s+|original\s+)?[A-Z][\w.]*[- ]?$")


# a citation after our value that names the recipe we adopt: "We train for 300 epochs, as in prior work [12]", "we use
# a batch size of 256 following [8]", "for 90 epochs (as suggested in [4])"
_ADOPTED_CITE_AFTER_RE = re.compile(
    r"(?i)\b(?:as\s+(?:in|done\s+(?:in|by)|suggested\s+(?:in|by)|proposed\s+(?:in|by)|recommended\s+(?:in|by)|"
    r"described\s+in|used\s+in|with)|following|like|similar(?:ly)?\s+to|same\s+as|according\s+to|consistent\s+with)\b")


def _local_others(t: str, start: int, end: int, cite_after: bool = True, cited_subject: bool = True) -> bool:
    """The value sits in a clause about another model ("compared with GPT-3 (175B)", "than the 1.3B of [12]")."""
    if _own_of_pair(t, start, end):
        return False  # "our model has fewer parameters than Llama-2 (13B compared to 70B)": the 13B is ours
    b0 = max(0, start - 60)
    before = t[b0: start]
    after = t[end: end + 40]
    m = _OTHERS_KW_RE.search(before)
    # ("while our model has 1.3B", "while ours has only 12M": ours)
    if m and not re.search(r"(?i)\b(?:we|our)\b|\b(?:while|whereas|but)\s+ours\b", before[m.start():]):
        # the other model must own the value's clause: each trigger from the first on is checked for the readings
        # where the value is still ours (``_trigger_not_owner``); the value is another's when one trigger is not
        if any(
                not _trigger_not_owner(t, b0 + k.start(), b0 + k.end(), start)
                for k in _OTHERS_KW_RE.finditer(before, m.start())):
            return True
    # "Compared to X3D and SlowFast, both trained ... for 256 epochs, our training ...": a sentence that opens
    # with a comparison speaks of the other models until "we/our" comes
    co = _COMPARE_OPEN_RE.match(t)
    if co and not _WE_RE.search(t[:start]) and not _MAIN_CLAUSE_AFTER_RE.search(t, co.end(), start):
        return True  # ("Similar to the baseline, the model has 60M parameters": the main clause's own value)
    if re.search(r"(?i)(?:\d\s*%|\bpercent|\bfraction|\bhalf|\bthird|\bquarter)\s+of\s+[^.;,]{0,30}$", before) and not \
            re.search(r"(?i)\b(?:train\w*|fine-?tun\w*|pre-?train\w*)\s+(?:\w+\s+){0,3}?(?:on|with|using)\s+(?:only\s+|about\s+|"
                      r"the\s+first\s+|a\s+random\s+)?(?:\d+(?:\.\d+)?\s*%|half|a\s+(?:third|quarter|fraction))\s+of\s+[^.;,]{0,30}$", before):
        return True  # "only 18% of VGG-19 (19.6 billion FLOPs)" (not "we train on 10% of the data (12,000 images)": ours)
    ca = re.match(r"^[^.;]{0,25}?(?:\[\s*\d+|\(\s*[A-Z][\w'-]+(?:\s+et\s+al\.?)?,?\s*(?:19|20)\d\d)", after) \
        if cite_after else None
    if ca and not _OUR_TRAINING_OBJECT_RE.search(t[max(0, start - 60): start]) \
            and not (_ADOPTED_CITE_AFTER_RE.search(t, start, end + ca.end()) and we_in_clause(t, start)):
        return True
    # "X3D [12] and SlowFast [8] require 128 GPUs for 256 epochs": a cited subject and no "we" in the clause; the
    # citation in the subject, before the clause's verb ("Each model is trained using Adam (Kingma and Ba, 2014) with
    # minibatch size 64", "Pre-training employs the AdamW optimizer [30] ...": the tools of our run are cited)
    clause = re.split(r"[.;]\s|,\s+(?:while|whereas|but)\b", t[max(0, start - 120): start])[-1]
    if cite_after and cited_subject and not _WE_RE.search(clause):
        cite = _CITE_RE.search(clause)
        if cite:
            # (the verb is looked for from the clause's true start: the 120 characters may begin after it)
            head = re.split(r"[.;]\s|,\s+(?:while|whereas|but)\b", t[: start - len(clause) + cite.start()])[-1]
            if not _VERB_BEFORE_CITE_RE.search(head):
                return True
    return False


# a verb of the clause before its citation: the citation is an object or an instrument of the clause, not its subject
_VERB_BEFORE_CITE_RE = re.compile(
    r"(?i)\b(?:is|are|was|were|be|been|being|us(?:e|es|ed|ing)|employ\w*|adopt\w*|appl(?:y|ies|ied|ying)|"
    r"(?:pre-?)?train(?:s|ed|ing)?|optimi[sz](?:e|es|ed|ing)|fe[de]d?|feeds|follow(?:s|ed|ing)?|with|via|by)\b")


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


def named_clause_without_we(t: str, start: int) -> bool:
    """The value's clause (``clause_span``) has no "we/our" and names another model or work (a model's name, a
    citation, "previous", "their" ...): "DeiT trains for 300 epochs [35], whereas we ..."; not "..., while it is
    trained on 26B tokens" (the sentence's own subject goes on)."""
    a, b = clause_span(t, start, relative=False)
    clause = t[a:b]
    return not _WE_CASED_RE.search(clause) and bool(
        _MODEL_TOKEN_RE.search(clause) or _CITE_RE.search(clause) or _OTHER_SUBJECT_RE.search(clause))


# a sentence that reports another work's own setup: "GraphSAGE trains for 10 epochs in the original paper", "as reported
# by its authors, X was trained for 1M steps", "X reportedly used a batch of 4M tokens", "Their model is trained for
# 300 epochs"; not a setup adopted ("as in the original paper", "following the original implementation") nor our own
# results ("as reported in Table 3")
_REPORTED_RE = re.compile(
    r"(?i)(?<!\bas\s)(?<!\blike\s)(?<!\bwith\s)\bin\s+(?:the|their|its)\s+original\s+"
    r"(?:paper|work|publication|implementation|release|report)s?\b|"
    r"\b(?:as\s+)?reported\s+(?:in|by)\s+(?!(?:our\s+|the\s+|this\s+|these\s+)?(?:table|tab\.|fig\w*|section|sec\.|appendix|"
    r"supplementary|main\s+text|below|above))|\breportedly\b|\baccording\s+to\s+(?:the|its|their)\s+(?:original\s+)?"
    r"(?:authors|paper)\b|\b(?:the|its|their)\s+original\s+authors\b")
_THEIR_SUBJECT_RE = re.compile(
    r"^\W*(?:\d+(?:\.\d+)*\s+)?Their\s+(?:\w+\s+){0,2}?(?:models?|networks?|methods?|approach(?:es)?|systems?|agents?|"
    r"architectures?|baselines?|implementations?|encoders?|decoders?)\b")
_ADOPTED_BEFORE_RE = re.compile(r"(?i)\b(?:as|like|follow(?:s|ed|ing)?|adopt(?:s|ed|ing)?|us(?:e|es|ed|ing)|same\s+as|"
                                r"consistent\s+with|similar(?:ly)?\s+to|in\s+line\s+with|as\s+done)\s+(?:\w+\s+){0,3}$")


def reported_others_setup(t: str) -> bool:
    """The sentence reports another work's setup (``_REPORTED_RE`` not after a word of adopting it, or a sentence whose
    subject is "Their model ..."), with no we/our in it."""
    if _OWN_CUE_RE.search(t):
        return False
    if _THEIR_SUBJECT_RE.match(t):
        return True
    return any(not _ADOPTED_BEFORE_RE.search(t[max(0, m.start() - 40): m.start()]) for m in _REPORTED_RE.finditer(t))


# the reasons that say a value is another work's (its run, its model, a clause about it), wherever a field's rules
# give them: a pick that carries one with its flag is withheld (``sizes_ranker.FieldModel.withholds``)
ANOTHERS_WHY = ("in a clause about other work", "in a clause about another model", "set against our run in the sentence",
                "another named work's run", "a cited model's own training", "another work's setup as reported",
                "the run of a model the paper does not call its own")


def others_or_smaller(score: float, t: str, start: int, end: int, why: list[str],
                      cite_after: bool = True, cited_runs: bool = False, cues: set | None = None) -> tuple[float, bool]:
    """A data size's or a schedule value's score lowered when said of other work or set against our run
    (-1.0, flagged) and when of a smaller variant (-0.5), their reasons appended to ``why``: (score, flagged).
    ``cited_runs``: a cited model's own training (``cited_models_own_run``) counts as other work's (the data
    amounts read it in ``clause_owner_adjust`` instead). ``cues`` gets CUE_CITED_OWN_RUN for a named work's run."""
    flagged = False
    modified = None  # another_works_run(t, start), once read
    if _local_others(t, start, end, cite_after=cite_after):
        score -= 1.0
        flagged = True
        why.append("in a clause about other work")
    elif _contrast_other(t, start):
        score -= 1.0
        flagged = True
        why.append("set against our run in the sentence")
    elif (modified := another_works_run(t, start)) or \
            cited_runs and (cited_models_own_run(t, start) or cited_model_described(t)):
        score -= 1.0
        flagged = True
        why.append("another named work's run")
        if cues is not None:
            cues.add(CUE_CITED_OWN_RUN)
    elif reported_others_setup(t):
        score -= 1.0
        flagged = True
        why.append("another work's setup as reported")
    if modified is None and flagged and "we/our" in why:
        modified = another_works_run(t, start)  # (read once: the elif above is not reached when an earlier test fired)
    if flagged and "we/our" in why and (modified or named_clause_without_we(t, start) or
                                        cited_runs and cited_models_own_run(t, start)):
        # ("DeiT trains with a batch size of 1024 [35], whereas we ...": the "we" is our clause's)
        score, why[:] = we_in_another_clause(score, why)
    if _local_smaller(t, start, end):
        score -= 0.5
        why.append("a smaller variant")
    return score, flagged


# a cited model's size: "the ResNet-18 network [16], that has over 11 million parameters"
_CITED_BEFORE_RE = re.compile(r"(?:\[\s*\d+(?:\s*[,–-]\s*\d+)*\s*\]|\([A-Z][\w'-]+(?:\s+et\s+al\.?)?,?\s*(?:19|20)\d\d[a-z]?\)|"
                              r"\bet\s+al\.?(?:\s*\(?(?:19|20)\d\d[a-z]?\)?)?)[^.;\[\]()]{0,45}$")


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


_PREVIOUS_WORK_RE = re.compile(r"(?i)\b(?:previous|prior|earlier|existing|other)\s+(?:work|works|studies|papers|results|literature)\b|"
                               r"\breported\s+(?:by|in)\b|\bresults\s+(?:from|of)\s+(?:\[|[A-Z][a-z]+\s+et\s+al)")


# ------------------------------------------------------------------ whose value: the clause that owns it
# A sentence's "we/our" belongs to the clause it is said in: "PaLM-like models (540B parameters) were trained
# on 780B tokens [12], far beyond our budget" speaks of our budget, not of those models. A clause ends at a
# contrast ("while", "whereas", "but", "although") with a subject of its own and at a comma that opens a relative
# or a comparison clause (", which/who", ", far beyond", ", unlike", ", compared with", ...), as extraction's
# clause_owner cuts a sentence where "we" is said in one clause only.
_CLAUSE_CUT_RE = re.compile(
    # a contrast that opens a clause with a subject of its own ("while our model ...", "but GPT-3 ..."), not one
    # that goes on with the same subject ("while using the remaining 45,000 images", "but also to four models",
    # "but are unable to"); ";" is no cut (list items: "54 LMs with 350M parameters; 6 LMs with 1.3B")
    r"(?:\s+(?:while|whereas|although|though)|,\s+but)\s+(?!(?:\w+ing|are|is|was|were|also|not|only|still|rather|"
    r"instead|then|can|could|do|does|did|have|has|had)\b)|"
    r",\s*(?=(?:which|who|whose|where|unlike|compared|"
    r"(?:far|well|much|way)\s+(?:beyond|above|below|more|larger|less|smaller)|beyond|exceeding|in\s+contrast)\b)", re.I)
_RELATIVE_CUT_RE = re.compile(r",\s*(?:which|who|whose|where)\b", re.I)


def clause_span(t: str, pos: int, relative: bool = True) -> tuple[int, int]:
    """(start, end) of the clause of ``t`` that holds position ``pos`` (see ``_CLAUSE_CUT_RE``); ``relative``
    False: a relative clause (", which ...") is part of the clause of its antecedent."""
    a, b = 0, len(t)
    for m in _CLAUSE_CUT_RE.finditer(t):
        if not relative and _RELATIVE_CUT_RE.match(t, m.start()):
            continue
        if m.end() <= pos:
            a = m.end()
        elif m.start() >= pos:
            b = m.start()
            break
    return a, b


def we_in_clause(t: str, pos: int) -> bool:
    """The clause holding the value (with the antecedent of a relative clause: "we use BERT-base, which has
    110M parameters") says "we/our"; False when "we/our" is only in a clause a contrast or comparison sets apart."""
    a, b = clause_span(t, pos, relative=False)
    return bool(_WE_CASED_RE.search(t[a:b]))


# another work's model described with its own (past, passive) training: "GPT-J [3] (6B) was trained on 400B tokens",
# "a topic model from Blodgett et al. (2016), which was trained on 60M tweets": the clause cites the model (or it
# is the relative clause of a cited noun) and says "was/were/had been trained" with no "we/our". A cited model we
# fine-tune ("we fine-tune GPT-J [3] (6B)") keeps its size: "we" is in its clause.
_PASSIVE_TRAINED_RE = re.compile(r"(?i)\b(?:was|were|had\s+been)\s+(?:\w+\s+){0,2}?(?:pre-?)?trained\b")
# ("us" in lower case only: "US census data" is no "us")
_WE_CASED_RE = re.compile(r"\b(?:[Ww]e|WE|[Oo]urs?|OURS?|us)\b")
_OWN_CUE_RE = re.compile(r"\b(?:[Ww]e|WE|[Oo]urs?|OURS?|us|[Pp]roposed|[Tt]his\s+(?:paper|work))\b")


# a model's name: two capitals or a digit ("BERT-large", "GPT-3", "T5-XXL", "Llama-2-13B"), and what parentheses right
# after it hold ("GPT-3 (175B)")
_MODEL_NAME = r"[A-Z][\w.-]*(?:[A-Z]|\d)[\w.-]*"
_PARENS_AFTER = r"(?:\s*\([^()]{1,20}\))?"
# a model's name as a clause's whole subject: "Llama-2-13B", "GPT-3 (175B)", "PaLM", "the original T5-XXL"
_NAMED_SUBJECT_RE = re.compile(r"(?:(?:the|The)\s+(?:original\s+|released\s+|public\s+)?)?(?-i:" + _MODEL_NAME + r")"
                               r"(?:[\s-][\w.-]+)?" + _PARENS_AFTER)


# a clause of our own joined to the one before by ";" or "and/but" ("GPT-3 was trained on 300B tokens [4]; we train
# ..."): the clause before ends there (``clause_span`` keeps ";" lists whole)
_OWN_CLAUSE_JOIN_RE = re.compile(r"(?:\s*;|,?\s+(?:and|but|while|whereas))\s+(?=(?:[Ww]e|WE|[Oo]ur|OUR)\b)")


# an earlier release of a named model as the subject: "The original ViT", "the original Transformer (base)"
_ORIGINAL_SUBJECT_RE = re.compile(r"(?:the|The)\s+original\s+(?-i:" + _MODEL_NAME + r"|[A-Z][\w.-]+)(?:[\s-][\w.-]+)?" +
                                  _PARENS_AFTER)


# what may follow a citation's match to the clause's end: its year and bracket ("Touvron et al.|, 2023]")
_CITE_TAIL_RE = re.compile(r"[\s,]*(?:(?:19|20)\d\d[a-z]?)?[\s\])]*[.,;]?\s*")


def cited_models_own_run(t: str, pos: int) -> bool:
    """The value is said of a cited model's own (earlier) training: the clause's subject carries the citation
    (before "was/were trained") and the clause has no "we/our/proposed"."""
    a, b = clause_span(t, pos)
    rel = re.match(r"(?i)\s*(?:which|who|that)\b", t[a:b])
    cut = re.compile(r",\s").search(t, pos, b) if rel else None
    if cut:
        b = cut.start()  # "X [3], which was trained on 3M sentences, labels our data": the relative clause ends
    join = _OWN_CLAUSE_JOIN_RE.search(t, pos, b)
    if join:
        b = join.start()  # "LLaMA-65B was trained on 1.4T tokens [41]; we fine-tune LLaMA-7B": the clause before ours
    clause = t[a:b]
    m = _PASSIVE_TRAINED_RE.search(clause)
    if not m or _OWN_CUE_RE.search(clause):
        return False
    if _CITE_RE.search(clause[: m.start()]):
        return True
    if _ORIGINAL_SUBJECT_RE.fullmatch(clause[: m.start()].strip()):
        return True  # "The original ViT was pre-trained on 300M images": the earlier release's run (no citation needed)
    # a named model's past training with its source cited where the clause ends ("Llama-2-13B was pretrained on 2
    # trillion tokens [41].", "GPT-3 was trained on 300B tokens (Brown et al., 2020)"): the subject is a name, not
    # "the/our model", and the citation closes the clause after the value
    subj = clause[: m.start()].strip()
    end = _CITE_RE.search(clause[pos - a:])
    if end and _CITE_TAIL_RE.fullmatch(clause[pos - a + end.end():]) and _NAMED_SUBJECT_RE.fullmatch(subj):
        return True
    # a relative clause: its antecedent (the clause before) cites the model
    if rel and a > 0:
        pa, _ = clause_span(t, max(0, a - 2))
        return bool(_CITE_RE.search(t[pa:a]))
    return False


# a sentence that describes a named, cited model: its subject is the model's name (after a connective at most), the
# verb says what it has, is, used or saw, and the sentence closes on the citation ("BERT-large has 340M parameters and
# was trained on 3.3B words [9].", "In contrast, Chinchilla (70B) used 1.4 trillion tokens [19].", "PaLM, with 540B
# parameters, was trained on 780B tokens [7]."). Every size in it is the cited model's.
# (what may open such a sentence before the name: a connective, "the")
_DESCRIBED_OPENING_RE = re.compile(r"(?:(?:In\s+contrast|By\s+comparison|For\s+(?:example|instance)|Similarly|Likewise|Moreover|"
                                   r"However|Notably|Meanwhile),\s+)?(?:the\s+|The\s+)?")
_DESCRIBED_VERB_RE = re.compile(
    r"\s*(?:,\s*(?:with|having|which\s+has)\s[^,;]{1,60},)?\s+(?:has|had|have|is|was|were|uses|used|contains|contained|comprises|"
    r"comprised|consists|consisted|saw|sees|consumed|requires|required|needed)\b")
_PAST_RE = re.compile(r"\b(?:was|were|had|used|saw|consumed|required|needed|contained|comprised|consisted)\b")
_ENDS_ON_CITE_RE = re.compile(r"(?:" + _CITE_RE.pattern + r")\s*[.;]?\s*$")


# the described model's name: a model's name (``_MODEL_NAME``), or any capitalized word with its size in parentheses
# ("Chinchilla (70B)")
_DESCRIBED_NAME_RE = re.compile(r"(?:" + _MODEL_NAME + _PARENS_AFTER + r"|[A-Z][a-z]+\s*\(\s*\d[\d.]*\s*[KMBT]\s*\))")


def cited_model_described(t: str) -> bool:
    """``t`` (a sentence) describes a named, cited model, not the paper's own (see ``_DESCRIBED_VERB_RE``)."""
    t = t.strip()
    if _OWN_CUE_RE.search(t) or not _ENDS_ON_CITE_RE.search(t):
        return False
    m = _DESCRIBED_OPENING_RE.match(t)
    n = _DESCRIBED_NAME_RE.match(t, m.end())
    # told in the past ("was trained", "used"): a model the paper describes as its own is mostly in the present
    # ("PRISM has 22M parameters and is trained on ImageNet [8]" keeps its sizes)
    return bool(n and _DESCRIBED_VERB_RE.match(t, n.end()) and _PAST_RE.search(t, n.end()))


# ------------------------------------------------------------------ another work's run, named in the sentence
# A value in a modifier of another work's model (a relative clause, a parenthesis, a participle) is that work's run:
# - the model opens the sentence as the object of an adjunct of comparison or of "we follow": "Following Chinchilla,
#   which trained a 70B model on 1.4T tokens, we train our 7B model on 140B tokens", "Like GPT-3 (trained on 300B
#   tokens), our model ...";
# - the model (named with capitals or a digit, or cited) is a clause's subject and the modifier tells its training:
#   "MAE, which pre-trains for 1600 epochs, is a strong baseline; we ...", "LLaMA-7B, which was trained on 1T tokens,
#   is fine-tuned on our data" (its pre-training; "BERT, which has 340M parameters, is fine-tuned on our data" keeps
#   the size of the model fine-tuned);
# and a clause whose subject is a cited work's authors tells their run: "Radford et al. train a 1.5B-parameter model".
# A "we/our" in the modifier or before it ("We use BERT-base, which has 110M parameters") makes it ours.
# what may open a sentence before its adjunct: a section number, a connective ("However, Like GPT-3 ...")
_OPENING_LEAD = (r"^\W*(?:\d+(?:\.\d+)*\s+)?(?:(?:However|Moreover|Similarly|Specifically|In\s+particular|Here|Thus|Hence|"
                 r"Again),\s+)?")
_ADJUNCT_OPENING_RE = re.compile(
    _OPENING_LEAD +
    r"(?:Following|Like|Unlike|As\s+in|As\s+with|As\s+done\s+(?:in|by|for|with)|Similar(?:ly)?\s+to|In\s+line\s+with|"
    r"Compared\s+(?:to|with)|In\s+contrast\s+to|As\s+opposed\s+to|Inspired\s+by|Motivated\s+by|Building\s+(?:on|upon)|"
    r"In\s+the\s+spirit\s+of|[Ww]e\s+(?:closely\s+)?follow(?:ed)?)\s+(?:the\s+(?:setup|recipe|settings?|protocol|"
    r"approach|practice|work)\s+of\s+)?", re.I)
# a modifier's opening right after the model: a relative pronoun, a participle of its training, a parenthesis
_MODIFIER_OPEN_RE = re.compile(r",\s*(?:which|who)\b|,\s*(?:originally\s+|also\s+)?(?:pre-?)?trained\b|\s*\(", re.I)
# the model as a clause's subject: a name with two capitals or a digit ("GPT-3", "DeiT", "LLaMA-7B"), a cited name
# ("Gopher [32]"), after a connective and "the" at most
_SUBJECT_NAME_RE = re.compile(r"(?:(?:However|Moreover|Similarly|In\s+contrast|By\s+comparison|Notably),\s+)?"
                              r"(?:(?:the|The)\s+(?:original\s+)?)?(?:(?-i:" + _MODEL_NAME + r")(?:[\s-][\w.-]+)?"
                              r"(?:\s*" + _CITE_RE.pattern + r")?|[A-Z][\w.-]+\s*(?:" + _CITE_RE.pattern + r"))")
# a clause whose subject is a cited work's authors, with a verb of their run
_AUTHORS_SUBJECT_RE = re.compile(
    r"^\W*(?:(?:In\s+(?:19|20)\d\d|Recently|Previously|Earlier|Later|Similarly|However|In\s+contrast),\s+)?"
    r"(?:[A-Z][\w'-]+(?:\s+(?:and|&)\s+[A-Z][\w'-]+)?\s+et\s+al\.?|[A-Z][\w'-]+\s+(?:and|&)\s+[A-Z][\w'-]+)"
    r"\s*(?:\(\s*(?:19|20)\d\d[a-z]?\s*\)|\[\s*\d+(?:\s*[,–-]\s*\d+)*\s*\])?\s+(?:also\s+|first\s+|further\s+)?"
    r"(?:(?:pre-?)?train(?:s|ed)?|fine-?tun(?:e|es|ed)|us(?:e|es|ed)|scal(?:e|es|ed)|r[au]n|runs)\b")


# adjuncts that set the model against ours (not a recipe adopted): "Like GPT-3 (...), our ...", "Unlike X, which ..."
_CONTRAST_OPENING_RE = re.compile(
    _OPENING_LEAD +
    r"(?:Like|Unlike|Compared\s+(?:to|with)|In\s+contrast\s+to|As\s+opposed\s+to)\s", re.I)
# a modifier that tells the model's past run: "which trained / was trained / used / took ...", ", trained on",
# "(trained on", "(pre-trained for"
_PAST_RUN_RE = re.compile(
    r",\s*(?:which|who)\s+(?:\w+ly\s+)?(?:(?:was|were|had\s+been|has\s+been)\s+(?:\w+\s+)?[\w-]+(?:ed|en|wn|t)|"
    r"(?:pre-?)?[\w-]+ed|took|saw|ran|had|spent|went)\b|"
    r",\s*(?:originally\s+|also\s+)?(?:pre-?)?trained\b|\s*\(\s*(?:originally\s+)?(?:pre-?)?trained\b", re.I)
# the kind of a value: the word after its number ("500K steps", "8K sequences", "2048 A100 GPUs": "A100")
_VALUE_NOUN_RE = re.compile(r"\d[\d,.]*\s*(?:[kKMBT]\b|thousand\b|million\b|billion\b|trillion\b)?\s*-?\s*(?P<noun>[A-Za-z][\w-]*)")


# kinds of values a run restates together: its length (steps, epochs, data, time), its devices, its model size
_VALUE_KINDS = (
    r"(?:steps?|iterations?|iters?|updates?|epochs?|tokens?|words?|images?|examples?|samples?|sentences?|pairs?|"
    r"videos?|frames?|documents?|days?|hours?|weeks?|months?)\b",
    r"(?:GPUs?|TPUs?|chips?|cores?|accelerators?|nodes?|devices?|[A-Z]\d{2,3}\w*|TPUv\d\w*|H100s?|V100s?)\b",
    r"(?:parameters?|params?|model)\b",
    r"(?:sequences?\s+per\s+batch|batch)")
_NUMBER_THEN = r"(?<![\w.])\d[\d,.]*\s*(?:[kKMBT]\b|thousand\b|million\b|billion\b|trillion\b)?\s*-?\s*(?:[\w-]+\s+)?"


def _restated_after(t: str, start: int, mod_end: int) -> bool:
    """The text after a modifier (ending at ``mod_end``) states a value of the kind of the one at ``start`` (the
    same word, or a word of its kind in ``_VALUE_KINDS``: our "200K steps" restate the run that "34B tokens" measured)."""
    m = _VALUE_NOUN_RE.match(t, start)
    if not m:
        return False
    rest = t[mod_end:]
    if re.search(_NUMBER_THEN + re.escape(m.group("noun")[:5]), rest, re.I):
        return True
    after = t[m.start("noun"):]
    return any(re.match(kind, after, re.I) and re.search(_NUMBER_THEN + kind, rest, re.I) for kind in _VALUE_KINDS)


def _modifier_of_another(t: str, start: int) -> bool:
    """The value at ``start`` sits in a modifier of another work's model (see above)."""
    head = re.split(r";\s", t[:start])[-1]
    h0 = start - len(head)
    mods = list(_MODIFIER_OPEN_RE.finditer(head))
    if not mods:
        return False
    mo = mods[-1]
    ms = h0 + mo.start()
    if mo.group(0).strip() == "(":
        close = t.find(")", start)
        if close < 0 or "(" in t[start:close] or ")" in t[ms:start]:
            return False
        me = close + 1
    else:
        nxt = re.compile(r",\s|;|\.\s").search(t, start)
        me = nxt.start() if nxt else len(t)
    modifier = t[ms:me]
    if _OWN_CUE_RE.search(modifier) or re.search(r"[,;]\s", t[h0 + mo.end(): start]) and mo.group(0).strip() != "(":
        return False  # ("which, as we show, ...": ours; a comma between the opening and the value: another clause)
    ante = t[h0:ms]
    adj = _ADJUNCT_OPENING_RE.match(ante)
    if adj:
        obj = ante[adj.end():]
        # the adjunct's object is the model itself ("Following DeiT [35]", "Like GPT-3"), not a clause of ours
        if not obj.strip() or _OWN_CUE_RE.search(obj) or re.search(r"[,;]\s", obj) or \
                not re.match(r"\s*(?:the\s+)?(?:[A-Z]|\[)", obj):
            return False
        if _CONTRAST_OPENING_RE.match(ante) or _PAST_RUN_RE.match(t, ms):
            return True
        # a recipe we adopt, told in the present or as a bare list ("Following DeiT (300 epochs, AdamW), we train
        # ViT-B", "As in RoBERTa, which uses batches of 8K sequences, we ..."): the work's value only when our clause
        # states its own of the same kind ("Following T5, which pre-trains for 1M steps, we pre-train for 200K steps")
        return _restated_after(t, start, me)
    if _OWN_CUE_RE.search(ante) or not _SUBJECT_NAME_RE.fullmatch(ante.strip()):
        return False
    if not (_CITE_RE.search(t[h0:me]) or _OWN_CUE_RE.search(t[me:]) or _OWN_CUE_RE.search(t[:h0])):
        return False  # (a named subject, uncited, with no run of ours beside it may be the paper's own model)
    # a subject's modifier counts when it tells the model's training ("which pre-trains for 1600 epochs")
    if mo.group(0).strip() == "(" and not re.match(r"\s*\(\s*(?:originally\s+)?(?:pre-?)?train", t[ms:]):
        return False  # ("GPT-J (6B) is fine-tuned on our data": the size of the model used)
    return bool(_TRAIN_RE.search(modifier))


def another_works_run(t: str, start: int) -> bool:
    """The value at ``start`` is another named or cited work's run (see above): a modifier of its model, or a
    clause whose subject is its authors."""
    if _modifier_of_another(t, start):
        return True
    a, b = clause_span(t, start, relative=False)
    clause = t[a:b]
    return bool(_AUTHORS_SUBJECT_RE.match(clause) and not _OWN_CUE_RE.search(clause))


def clause_owner_adjust(u, t: str, start: int, w: list[str], cited_penalty: float,
                        check_cited: bool = True) -> tuple[float, bool, list[str]]:
    """Whose value it is, read at its own clause (text units only): "we/our" only in another clause (-0.4), or
    a cited model described with its own training (-``cited_penalty``, flagged; a "we/our" of the sentence
    then uses the model and loses its credit, -0.4 more). Returns (score change, cited, reasons)."""
    delta, cited = 0.0, False
    if u.kind == "table":
        return delta, False, w
    if u.we and not we_in_clause(t, start):
        delta, w = we_in_another_clause(delta, w)  # "PaLM (540B) was trained on 780B tokens, far beyond our budget"
    if check_cited and (cited_models_own_run(t, start) or cited_model_described(t)):
        delta -= cited_penalty
        cited = True
        if "we/our" in w:  # "we use X [3], which was trained on ...": the "we" uses it, the training is theirs
            delta -= 0.4
            w = [x for x in w if x != "we/our"]
        w.append("a cited model's own training")
    return delta, cited, w


# a capability or a bound of a method, a library or a system, not a model trained: "our library supports models of
# up to 100B parameters", "fits models with 20B parameters on one GPU", "the system scales to 1T parameters",
# "allows training models with 13 billion parameters", "we can train models with over 100 billion parameters"
_CAPABILITY_BEFORE_RE = re.compile(
    r"(?i)(?:\b(?:supports?|supporting|supported|enables?|enabling|allows?|allowing|fits?|fitting|accommodat\w+|handles?|"
    r"handling|capable\s+of|able\s+to|can|could|possible\s+to)\b[^.;]{0,45}?\b(?:models?|networks?|LMs?|LLMs?|"
    r"problems?|architectures?)\s+(?:\w+\s+)?(?:of|with|having|containing|reaching)\s+(?:up\s+to\s+|over\s+|more\s+than\s+|"
    r"as\s+many\s+as\s+|about\s+|around\s+|nearly\s+|~\s*)?"
    r"|\b(?:scales?|scaling|scalable)\s+(?:up\s+)?(?:well\s+)?to\s+(?:models\s+(?:of|with)\s+)?(?:up\s+to\s+|over\s+|more\s+than\s+)?)$")


def capability(t: str, start: int) -> bool:
    """The value is a capability or a bound (``_CAPABILITY_BEFORE_RE`` on its clause before it)."""
    a, _ = clause_span(t, start)
    return bool(_CAPABILITY_BEFORE_RE.search(t[max(a, start - 90): start]))


# ------------------------------------------------------------------ a named model's run, as hardware reads it
# "PaLM was trained on 780B tokens using ...", "YOLOv4 was trained for 500,500 steps with a batch size of 64", "BYOL
# is trained for 1000 epochs [17]": the sentence's subject is a model's name told with a verb of its run and no
# we/our (``extraction.context.named_run_subject``, the reading that discounts such a run's chips and hours). Its
# sizes are that model's run unless the paper calls the name its own (its title, "our X", "we propose X":
# ``extraction.context.own_model_keys``).
NAMED_RUN_SIZE_PENALTY = 1.0  # as for a clause about other work (``others_or_smaller``)


# a named work's model, not a kind of model: the name's first word has two capitals or a digit ("GPT-3", "YOLOv4",
# "NeRF", "LLaMA-65B"), and is no architecture's generic acronym nor a plural ("The LSTM was trained for 20 epochs",
# "Individual RBMs were trained for 200 epochs": a paper's own networks), nor a backbone family papers train as their
# own model ("ResNet-50 was trained for 90 epochs", "The ViT-B/16 was trained ...")
_WORK_NAME_RE = re.compile(r"[A-Z][\w.+-]*(?:[A-Z]|\d)[\w.+-]*")
_GENERIC_ARCH_RE = re.compile(r"(?:CNN|RNN|LSTM|BiLSTM|GRU|BiGRU|MLP|GAN|VAE|GNN|GCN|DNN|SVM|CRF|HMM|RBM|DBN|DBM|ConvNet|NN|AE|"
                              r"FCN)(?:[sS]|-based)?|(?:ResNe[tX]t?|WRN|WideResNet|VGG|DenseNet|ViT|DeiT|Swin|U-?Net|"
                              r"EfficientNet|MobileNet(?:V\d)?|Inception|AlexNet|LeNet|ConvNeXt)(?:[-\w./]*)")


def named_others_run_name(t: str, own_keys: set[str], plain_name_ok=None) -> tuple[str, int] | None:
    """(name, where its run's values start) of the model whose run sentence ``t`` tells when it is not the paper's own
    (``own_keys``), else None. The values start at its name ("LLaMA-65B", "GPT-3 (175B)"), or after its size when that
    is told first ("GPT-3 has 175B parameters and was trained on ...": the size of a model may be the one used).
    ``plain_name_ok(name)``: whether a one-capital name is another model's (``plain_other_name``); None: not read."""
    if _OWN_CUE_RE.search(t):
        return None
    from ..extraction.context import _NAMED_RUN_RE, model_key, named_run_subject  # (extraction imports sizes)

    m = named_run_subject(t)
    if m is None:
        if plain_name_ok is None:
            return None
        # a one-capital name ("Gopher was trained on 300B tokens"; model_key reads none), past tense only
        m = _NAMED_RUN_RE.match(t)
        if m is None or not re.fullmatch(r"[A-Z][a-z]{3,}", m.group("name")) or re.match(r"\W*[Tt]he\b", t) or \
                not plain_name_ok(m.group("name")):
            return None
    else:
        first = m.group("name").split()[0]
        if model_key(m.group("name")) in own_keys or not _WORK_NAME_RE.fullmatch(first) or \
                _GENERIC_ARCH_RE.fullmatch(first) or re.fullmatch(r"[A-Z]{2,}s", first):
            return None
    sized = m.groupdict().get("sized")
    return m.group("name"), (m.end("sized") if sized else m.start("name"))


# ------------------------------------------------------------------ a named model's size, told of it
# "ResNet-101 has 44.5M parameters and needs 7.8 GFLOPs", "Swin-L, with 197M parameters, reaches 58.7 AP", "T5-Large,
# which has 770M parameters, ...", "The baseline has 60M parameters while ours has 12M", "Their model uses ... 110M
# parameters": the sentence's subject is another model whose size is told, not ours. Values before the sentence's first
# we/our/ours are that model's; the paper's own model is named after "our" or "we train/propose" (not the subject).
_SIZE_SUBJECT_RE = re.compile(
    r"^\W*(?:(?:For\s+example|For\s+instance|E\.\s*g\.|In\s+comparison|By\s+comparison|For\s+comparison|"
    r"By\s+contrast|In\s+contrast|Similarly|However)\s*,?\s*)?"
    r"(?:(?P<other>(?:[Tt]he\s+)?(?:\w+\s+)?(?:baseline|teacher|original|previous|prior|competing|reference)\b"
    r"(?:\s+(?:model|network|method|system))?|Their\s+(?:\w+\s+)?(?:model|network|method|system|architecture))|"
    r"(?P<the>[Tt]he\s+)?(?P<name>[A-Z][\w.+/-]*(?:\s+[A-Z0-9][\w.+-]*){0,2}))\s*"
    r"(?:\([^()]{0,80}\)\s*)?(?:\[[\d,\s\u2013-]+\]\s*)?(?P<noun>(?:model|network|architecture)\s+)?"
    # ("with" only as a modifier after a comma: not "Language Modeling with Gated ...", "Results with closed models")
    r"(?:,\s*with\b|,?\s*(?:(?:which|that)\s+)?(?:has|had|contains|contained|comprises|consists\s+of|uses|used|requires)\b)")


_CONTRAST_BEFORE_OWN_RE = re.compile(r"(?i)(?:\b(?:while|whereas|but|in\s+contrast|by\s+contrast|compared\s+(?:to|with)|"
                                     r"than|versus|vs\.?)|[;.])\W*(?:\w+\W+){0,3}$")
_NOT_A_MODEL_WORDS = {"This", "That", "These", "Those", "Each", "Every", "Both", "Training", "Table", "Figure", "Section",
                      "Overall", "Here", "Therefore", "Thus", "Hence", "Then", "Finally", "Moreover", "Instead", "Note",
                      "Model", "Network", "Stage", "Phase", "Experiment", "Setting", "Version", "Variant"}


_OWN_PLAIN_NAME_RE = re.compile(r"\b(?:[Oo]ur|[Ww]e\s+(?:call|name|dub|term|train|propose|introduce|present))\s+"
                                r"(?:(?:it|this\s+model|our\s+model|the\s+model)\s+)?([A-Z][a-z]{3,})\b")


def own_plain_names(sentences, title: str = "") -> set[str]:
    """One-capital names the paper calls its own (``model_key`` reads no such name): capitalised words of its title,
    and a capitalised word right after "our" / "we call|train|propose ..." ("we train Chinchilla", "our Gopher")."""
    names = {w.lower() for w in re.findall(r"\b[A-Z][a-z]{3,}\b", title)}
    for s in sentences:
        names.update(w.lower() for w in _OWN_PLAIN_NAME_RE.findall(s.text))
    return names


_NEVER_OURS_SUBJECT_RE = re.compile(r"(?i)their\b|(?:the\s+)?(?:\w+\s+)?(?:baselines?|previous|prior|competing)\b")


def unnamed_other_subject(t: str) -> bool:
    """The size statement's subject is another's model by its words alone ("Their model", "the baseline", "the prior
    model"): read even when the paper states no size of its own (not "the teacher" nor "the original model": a student's
    teacher and the model a paper compresses or adapts are often the run labelled)."""
    m = _SIZE_SUBJECT_RE.match(t)
    return bool(m and m.group("other") and _NEVER_OURS_SUBJECT_RE.match(m.group("other")))


def plain_other_name(name: str, lower_words: set[str], own_plain: set[str]) -> bool:
    """A one-capital word ("Gopher", "Chinchilla") read as another model's name: the paper never writes it in lower case
    (common nouns it does: "Encoder", "Classifiers"), nor calls it its own (``own_plain_names``)."""
    return name.lower() not in lower_words and name.lower() not in own_plain and name not in _NOT_A_MODEL_WORDS


def named_model_size_end(t: str, own_keys: set[str], work_names_only: bool = False,
                         lower_words: set[str] | frozenset = frozenset()) -> int | None:
    """Where the values of another model's size statement end in ``t`` (the sentence's first we/our/ours, or its end),
    when its subject is a model the paper does not call its own (``_SIZE_SUBJECT_RE``); else None.
    ``work_names_only``: a backbone family's name ("ResNet-50 has 25.6M parameters": often the model a paper trains)
    does not count. A name of one capital ("Gopher", "Chinchilla") counts when the paper never writes it in lower case
    (``lower_words``: "Encoder has 2M parameters" is a common noun the paper also writes "encoder")."""
    m = _SIZE_SUBJECT_RE.match(t)
    if m is None:
        return None
    name = m.group("name")
    if name is not None:
        from ..extraction.context import model_key  # (extraction imports sizes: read at call time)

        first = name.split()[0]
        k = model_key(name)
        # (a one-capital word after "the" or before "model" is mostly our own kind of model: "The Mandarin model has")
        if k is None and (_WORK_NAME_RE.fullmatch(first) or re.fullmatch(r"[A-Z][a-z]{3,}", first) and name == first
                          and not m.group("the") and not m.group("noun") and plain_other_name(first, lower_words, set())):
            k = first.lower()  # "T5-Large", "Gopher"
        if k is None or k in own_keys or first.lower() in own_keys or re.fullmatch(r"[A-Z]{2,}s", first) or \
                _GENERIC_ARCH_RE.fullmatch(first) and (work_names_only or re.match(r"(?:CNN|RNN|LSTM|MLP|GAN|VAE|GNN|GCN|DNN|NN)", first)):
            return None
    own = _OWN_CUE_RE.search(t, m.end())
    if own is None:
        return len(t)
    # ours only as the other side of a contrast ("..., whereas our student has 9M"); else the named model is the one
    # the sentence says we use ("XLNet-large, which has 340M parameters, is fine-tuned on our data")
    return own.start() if _CONTRAST_BEFORE_OWN_RE.search(t[m.end(): own.start()]) else None
