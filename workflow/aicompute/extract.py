"""Facts about a paper's main training run, with evidence: accelerators, time, and method-1 inputs.

``extract_facts(pdf)`` reads the PDF (``pdftext``: cheap pass over all pages, careful pass over the
pages that talk about hardware/time/size), finds *candidates* in every sentence, scores each one from
its context, and *chooses* one value per field. Everything is general linguistic evidence; nothing is
keyed to particular papers.

Candidates (per sentence):
- chips: a count bound to an accelerator noun ("8 NVIDIA P100 GPUs", "eight GPUs", "a single GTX 580",
  "an 8-GPU machine", "16 Cloud TPUs (64 TPU chips total)", "a TPU v3-8" = 8 cores, "4 machines with
  8 GPUs each" = 32 GPUs, "128-256 TPUv4 chips" = midpoint, table rows such as "Number of nodes 16 6 4");
- chip_model: the hardware table's mentions (``HardwareTable.find``) plus generic "GPUs"/"TPUs"/"CPUs";
- training_hours: durations ("3.5 days", "about two weeks", "7-10 days") that are not amounts of data
  ("hours of speech"), rates ("per epoch"), intervals ("every 10 minutes") or timings of inference;
- chip_hours: chip-time products ("2.5k TPUv3-core-days"), also as a table row label;
- time_from_steps: a per-step/per-epoch time times the number of steps/epochs;
- precision, parameters, tokens_or_examples, epochs, steps, batch_size, FLOPs per forward pass, total
  training FLOP.

Scoring (``_score_context`` for the sentence, ``_local_role``/``_in_comparison`` for the words around
the value): training verbs, "we/our", "all experiments", "largest model" raise a candidate; inference,
latency and speed tests, citations of other work with third-person wording, clauses about baselines
("compared to X, trained with 128 GPUs"), hypotheticals ("would take", "a rough estimate suggests ...
could"), examples ("e.g."), fine-tuning when pre-training is also described, ablations and small/base
variants, runs not trained to convergence, related-work/acknowledgement sections and survey papers
lower it. A count and a duration in the same (or the next) sentence support each other; a value stated
in several non-distractor sentences gains; a duration stated with another device count than the chosen
one, or for a smaller variant than the counted run, loses.

Choice (``_choose``): the best-scoring candidate above a floor; among near-ties the larger value wins
(the main run is the largest model trained in full), except over a candidate that carries a distractor
cue. The chip model is taken from the chosen count's sentence, else from a mention with the same count,
else from the best training-context mention, else generic. Confidence = logistic(score).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import quantities as q
from .pdftext import DEFAULT_CAREFUL_PAGES, Document, DocumentError, Sentence, default_page_score, read_pdf
from .sizes import SIZE_FIELDS, extract_sizes

SCHEMA = "aicompute.facts/1"
# Near-ties: candidates within MARGIN of the best score are compared by value (larger = main run).
MARGIN_CHIPS = 0.3
MARGIN_HOURS = 0.5
# A count stated with the chosen duration replaces the best count only when nearly as good.
CHIPS_FOLLOW = 0.3

__all__ = ["extract_facts", "extract_from_sentences", "DocumentError", "SCHEMA"]

# ------------------------------------------------------------------ context vocabulary

_TRAIN_RE = re.compile(
    r"\b(?:train|trains|trained|training|pre-?train\w*|learn(?:ed|ing|s)?|optimi[sz]\w*|converge\w*|"
    r"took|takes|take|taking|run|runs|ran|fit|fitted|experiments?)\b",
    re.I,
)
_STRONG_TRAIN_RE = re.compile(
    r"\b(?:train(?:ed|ing|s)?\s+(?:\w+\s+){0,4}?(?:for|in|on|with|using|over|takes?|took|lasted|requires?|required)|"
    r"training\s+(?:time|took|takes|lasted|requires?|required|run|process|procedure|was|is|of)|"
    r"(?:took|takes|take|taking|requires?|required|needs?|needed)\s+(?:\w+\s+){0,6}?to\s+(?:\w+\s+){0,2}?(?:train|converge|complete|finish|pre-?train)|"
    r"to\s+(?:fully\s+|completely\s+)?(?:train|pre-?train|converge)|pre-?train(?:ed|ing)?|"
    r"(?:we|models?\s+(?:are|were|is|was))\s+(?:\w+\s+){0,2}?trained|"
    r"experiments?\s+(?:\w+\s+){0,3}?(?:were|are|was|is)\s+(?:\w+\s+){0,2}?(?:run|performed|conducted|carried\s+out|done)|"
    r"(?:iterations|epochs|steps|updates)\s+(?:are|were|is|was)\s+(?:\w+\s+)?(?:performed|run|done|conducted|carried\s+out|trained)|"
    r"for\s+\d[\d,.]*\s*[kKM]?\s+(?:iterations|epochs|steps|updates))\b",
    re.I,
)
_DUR_TRAIN_RE = re.compile(r"\b(?:train\w*|pre-?train\w*|took|takes|converge\w*|lasted|learn\w*|optimi[sz]\w*)\b", re.I)
_SURVEY_RE = re.compile(
    r"\b(?:this|our|the\s+present)\s+(?:survey|review|overview|tutorial|primer|position\s+paper|book|chapter)\b|"
    r"\b(?:this\s+(?:paper|article|work)|we)\s+(?:survey|surveys)\b|\b(?:A|a)\s+(?:Survey|Review|Critical\s+Review|Tutorial|Primer)\s+(?:of|on)\b|"
    r"\bSurvey\s+(?:of|on)\b",
)
_WE_RE = re.compile(r"\b(?:we|our|ours|us)\b", re.I)
_INFER_RE = re.compile(
    r"\b(?:inference|infer|test[- ]time|testing\s+time|at\s+test|decod(?:e|es|ed|ing)|latency|latencies|"
    r"fps|frames?\s+per\s+second|run[- ]?time|running\s+time|per\s+(?:image|frame|"
    r"sample|query|sentence|video|example)|deploy\w*|real[- ]time|forward\s+pass(?:es)?|"
    r"evaluat(?:e|ed|ing|ion)\s+(?:on|with|using)|benchmark\w*|measured|generat(?:e|ing|ion)\s+(?:a|one|each)|"
    r"sampling|serving|extraction|extract(?:ing)?\s+features|speed\s+tests?|test(?:ed|ing)?\s+(?:the\s+)?speed|"
    r"speed\s+(?:\([^)]*\)\s+)?(?:is|was|are|were)\s+(?:tested|measured|evaluated)|"
    r"(?:tested|timed|profiled|benchmarked)\s+(?:[\w-]+\s+){0,3}?(?:on|with|using)|"
    r"QPS|queries\s+per\s+second|(?:to\s+)?process(?:es|ing)?\s+(?:one|a|an|each|every|a\s+single)\s+(?:image|frame|sentence|example|sample|video|query|utterance)|"
    r"precompute\w*|pre-?process\w*|feature\s+computation)\b",
    re.I,
)
_STRONG_HYPO_RE = re.compile(
    r"\b(?:would|might|should)\s+(?:\w+\s+){0,2}?(?:be\s+)?(?:take|taken|require|required|need|needed|"
    r"cost|train|trained|finish|finished|complete|completed|run)\b|\bwould\s+have\b|\bif\s+(?:we|one|you)\s+(?:were|had|want)",
    re.I,
)
_EXAMPLE_RE = re.compile(r"\b(?:e\.\s*g\.|for\s+example|for\s+instance|such\s+as|say)\s*,?\s*\(?\s*$", re.I)
_DATA_SPAN_RE = re.compile(
    r"\b(?:collected|recorded|gathered|logged|sampled|crawled|spann?(?:ing|s)?|covering|consecutive|period|"
    r"logs?|traffic|impressions?|timestamps?|users?|behaviors?|behaviours?|clicks?|recordings?|footage|"
    r"historical|days?\s+of\s+data|months?\s+of\s+data|A/B|online\s+experiments?|user\s+study|live)\b",
    re.I,
)
_HYPO_RE = re.compile(
    r"\b(?:would|could|might|should|may)\s+(?:\w+\s+){0,2}?(?:take|have|be|require|need|cost|train|finish)|"
    r"\bif\s+(?:we|one|you|it)\b|\bexpected\s+to\b|\bhypothetical\w*|\bprojected\b|\bwould\b|\bassum(?:e|ed|ing)\b",
    re.I,
)
_ESTIMATE_RE = re.compile(r"\b(?:estimate[sd]?|suggests?)\s+(?:\w+\s+){0,8}?(?:would|could|might|can)\b", re.I)
_FACTUAL_TIME_RE = re.compile(r"\b(?:takes|took|lasted|requires|required|training\s+(?:time|process|run)\s+(?:is|was|takes|took))\b", re.I)
_CITE_RE = re.compile(
    r"\[\s*\d+(?:\s*[,–-]\s*\d+)*\s*\]|\(\s*[A-Z][\w'-]+(?:\s+(?:et\s+al\.?|and|&)\s*[A-Z]?[\w'-]*)?,?\s*(?:19|20)\d\d[a-z]?"
    r"(?:\s*;\s*[^)]*)?\)|\b[A-Z][\w'-]+\s+et\s+al\.?|\b[A-Z][\w'-]+\s+et\s+al\.?\s*\(\s*(?:19|20)\d\d"
)
_THIRD_RE = re.compile(r"\b(?:their|they|them|his|her)\b", re.I)
_USE_RE = re.compile(
    r"\b(?:use[sd]?|using|utiliz\w+|employ\w*|parallel\w+|distribut\w+|run|ran|running|execut\w+|perform\w+|"
    r"conduct\w+|carried\s+out|implemented|SGD|optimi[sz]er|Adam|gradients?|mini-?batch\w*|batch\s+size|epochs?|"
    r"iterations?|synchronous|asynchronous|data[- ]parallel\w*|model[- ]parallel\w*)\b",
    re.I,
)
_OTHERS_RE = re.compile(
    r"\b(?:its\s+authors|the\s+authors|previous(?:ly)?|prior\s+work|original(?:ly)?|"
    r"reported\s+(?:by|in)|was\s+trained\s+by|were\s+trained\s+by|baselines?|competing|"
    r"state[- ]of[- ]the[- ]art\s+(?:methods?|models?|systems?|approaches)|compared\s+(?:to|with))\b",
    re.I,
)
_PRETRAINED_ADJ_RE = re.compile(
    r"\b(?:from|with|using|on\s+top\s+of|initiali[sz]ed\s+(?:from|with))?\s*(?:an?|the|our|same|exact|publicly\s+available|"
    r"existing|off-the-shelf)?\s*(?:\w+\s+)?pre-?trained\s+(?:[\w-]+\s+){0,2}?(?:models?|weights|checkpoints?|networks?|encoders?|"
    r"backbones?|representations?|embeddings?|parameters|language\s+models?|LMs?)\b",
    re.I,
)
_FINETUNE_RE = re.compile(r"\bfine-?tun\w*|\bdownstream\b|\btransfer(?:red|ring)?\s+to\b|\breplicat\w*|\breproduc\w*", re.I)
_PRETRAIN_RE = re.compile(r"\bpre-?train(?:ing|s)?\b|\bpre-?trained\s+(?:for|on|with|using)\b|\bwe\s+pre-?trained\b", re.I)
_ABLATION_RE = re.compile(
    r"\b(?:ablations?|ablated|for\s+(?:the\s+)?analysis|analysis\s+experiments?|smaller|small(?:est)?\s+(?:model|network|version|variant)|toy|"
    r"preliminary|pilot|proxy|sanity|debug\w*|prototype|for\s+comparison|a\s+subset)\b",
    re.I,
)
_MAIN_RE = re.compile(
    r"\b(?:(?:our|the)\s+(?:final|full|main|best|largest|biggest|big|large|complete|reference|flagship|"
    r"headline|proposed)\s+(?:\w+\s+)?(?:model|network|system|run|architecture)s?|all\s+(?:of\s+)?(?:the\s+|our\s+)?"
    r"(?:models|experiments|networks|runs)|(?:big|large|largest)\s+models?)\b",
    re.I,
)
_INCOMPLETE_RE = re.compile(
    r"\b(?:rather\s+than|without|before|not|never|prior\s+to)\s+(?:\w+\s+){0,3}?(?:full(?:y)?\s+)?(?:convergence|converged|converging)\b|"
    r"\bnot\s+(?:\w+\s+)?(?:trained|run)\s+(?:\w+\s+)?to\s+convergence\b|\bearly[- ]stopp?ed\b|\btruncated\s+(?:training|run)",
    re.I,
)
_BIG_RE = re.compile(r"\b(?:large|huge|giant|big|bigger|biggest|largest|XXL|XL|full-?size)\b|[-/](?:H|L|G|XL|XXL)(?:/\d+)?\b|LARGE\b|(?<=[a-z])Large\b")
_SMALL_RE = re.compile(
    r"\b(?:small|tiny|mini|smaller|smallest|lite)\b(?!-?batch)|\bbase\s+(?:model|version|variant|size|config\w*|network|architecture)s?\b|"
    r"[-/](?:S|B|Ti|T)(?:/\d+)?\b|BASE\b|(?<=[a-z])Base\b")
_SPEEDUP_RE = re.compile(r"\b(?:speed-?ups?|faster\s+than|slower\s+than|times\s+faster|scal(?:ing|ability|es)\s+(?:to|with|up|efficiency)|reduc\w+\s+(?:the\s+)?training\s+time)\b", re.I)
_HUMAN_RE = re.compile(r"\b(?:human|humans|players?|annotators?|participants?|testers?|subjects|crowd\w*|raters?|labell?ers?)\b", re.I)
_SEARCH_RE = re.compile(r"\b(?:search(?:ing)?|self-?play|selfplay|actors?|data\s+generation|rollouts?|simulat\w+|hyper-?parameter\s+tuning|sweep)\b", re.I)
_DONATION_RE = re.compile(r"\b(?:donat\w+|gift|grant\w*|support\s+of\s+NVIDIA|generous\w*|thank\w*|gratefully|acknowledg\w+)\b", re.I)
_INTERVAL_BEFORE_RE = re.compile(r"(?:\bevery|\beach|\bper|/|\bafter|\bfirst|\blast|\bwarm-?up\s+(?:of|for)?|\bintervals?\s+of|\btime\s*limit\s+of|\btimeout\s+of|\bbudget\s+of|\bup\s+to|\bsaved|\bcheckpoint\w*(?:\s+\w+){0,3})\s*$", re.I)
_INTERVAL_AFTER_RE = re.compile(r"^\s*(?:-?\s*intervals?|window|per\b|/|of\s+(?:each|every)|time\s*limit|timeout|long\s+(?:videos?|clips?|audio|recordings?|segments?)|clips?|segments?|videos?|recordings?|ahead|horizon|old|later|earlier|before|after\b|apart|budget|of\s+(?:wall[- ]?clock\s+)?time\s+per|of\s+gameplay|of\s+play|of\s+experience)", re.I)
_RATE_AFTER_RE = re.compile(r"^\s*(?:\w+\s+){0,3}?(?:per|each|every|for\s+(?:each|every|one|a))\s+(?:\w+\s+)?(?:step|iteration|epoch|batch|mini-?batch|update|image|frame|sample|example|sentence|query|token|episode|game|move|task|fold|run|trial|individual|child|architecture|network|model\s+evaluation)s?\b|^\s*/\s*(?:step|iter|epoch|it|img|image|frame)", re.I)

_GENERIC_DEVICE_RE = re.compile(
    r"\b(?P<gpu>GPUs?|graphics\s+(?:cards?|processing\s+units?)|GPU-?s)\b|\b(?P<tpu>(?:Cloud\s+)?TPUs?)\b|"
    r"\b(?P<cpu>CPUs?|(?:Intel\s+)?Xeon|Opteron|EPYC)\b",
)

# device nouns that a count can bind to
_NOUN_RE = re.compile(
    r"(?P<noun>GPUs?|GPU-?s|TPUs?|IPUs?|graphics\s+cards?|graphic\s+cards?|cards?|accelerators?|chips?|cores?|"
    r"TensorCores?|machines?|nodes?|servers?|workers?|devices?|CPUs?|processors?|hosts?|instances?|"
    r"boards?|workstations?|computers?|replicas?)\b",
    re.I,
)
# words allowed between a number and its device noun ("8 x 32GB NVIDIA Tesla V100 GPUs")
_MODIFIER_RE = re.compile(
    r"^(?:x|×|\*|NVIDIA|Nvidia|nVidia|NVidia|Tesla|GeForce|Quadro|Google|Cloud|AMD|Intel|Xeon|"
    r"\d+(?:\.\d+)?\s*(?:GB|G|GiB|TB|MB|GHz|MHz)|\d+(?:\.\d+)?(?:GB|G|GiB|GHz)|GB|GHz|high-?end|identical|additional|more|"
    r"separate|different|dedicated|physical|local|modern|commodity|consumer|Volta|Pascal|Kepler|Maxwell|"
    r"Turing|Ampere|Hopper|Ada|TPU|GPU|CPU|TPUv\d\w*|v\d\w*|16GB|32GB|12GB|24GB|40GB|80GB|11GB|"
    r"DGX(?:-\d)?|DGX-1|DGX-2|HGX|SXM\d?|PCIe|NVLink|-|total|distributed|parallel|single|standard|"
    r"free|available|shared|on-?demand|preemptible|\(|\)|of|(?:GPU|TPU)-?enabled)$",
    re.I,
)
_TPU_CONTEXT_RE = re.compile(r"\bTPU|\bTensorCore", re.I)
_CPU_CONTEXT_RE = re.compile(r"\bCPU|\bXeon|\bOpteron|\bEPYC|\bcores?\s+(?:of|on)\s+(?:a|an|one)\s+(?:Intel|AMD)|\bprocessor", re.I)
_MACHINE_NOUNS = ("machine", "node", "server", "host", "instance", "workstation", "computer", "worker", "replica")


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

    @property
    def confidence(self) -> float:
        return round(max(0.05, min(0.97, 1.0 / (1.0 + math.exp(-(self.score - 2.5) / 1.4)))), 2)

    def as_dict(self) -> dict[str, Any]:
        d = {"field": self.field, "value": self.value, "unit": self.unit, "page": self.page,
             "sentence": self.sentence, "match": self.match, "confidence": self.confidence, "role": self.role,
             "why": "; ".join(self.why)}
        if self.low is not None:
            d["low"], d["high"] = self.low, self.high
        d.update(self.extra)
        return {k: v for k, v in d.items() if v is not None}


# ------------------------------------------------------------------ sentence context


@dataclass
class Ctx:
    s: Sentence
    text: str
    mentions: list  # hardware ChipMention
    generic: list[tuple[int, int, str, str]]  # (start, end, text, kind gpu|tpu|cpu)
    durations: list[q.Duration]
    train: bool
    strong_train: bool
    we: bool
    infer: bool
    hypo: bool
    cite: bool
    others: bool
    finetune: bool
    pretrain: bool
    ablation: bool
    main: bool
    speedup: bool
    human: bool
    search: bool
    donation: bool
    use: bool = False
    third: bool = False
    strong_hypo: bool = False
    data_span: bool = False
    neighbor_infer: bool = False
    survey: bool = False


def _ctx(s: Sentence, hardware, published) -> Ctx:
    t = s.text
    t_train = _PRETRAINED_ADJ_RE.sub(" initialized model ", t)  # "a pre-trained model" is not a pre-training run
    mentions = hardware.find(t, published) if hardware is not None else []
    t_cite = t
    for mm in mentions:
        t_cite = t_cite[:mm.end] + re.sub(r"^(\s*)\[\s*\d+\s*\]", lambda x: x.group(1) + " " * (len(x.group(0)) - len(x.group(1))), t_cite[mm.end:])
    t_cite = re.sub(r"(\b(?:GPUs?|TPUs?)\s*)\[\s*\d+\s*\]", r"\1", t_cite)
    generic = []
    for m in _GENERIC_DEVICE_RE.finditer(t):
        if any(mm.start <= m.start() < mm.end or m.start() <= mm.start < m.end() for mm in mentions):
            continue
        kind = "gpu" if m.group("gpu") else "tpu" if m.group("tpu") else "cpu"
        generic.append((m.start(), m.end(), m.group(0), kind))
    return Ctx(
        s=s, text=t, mentions=mentions, generic=generic, durations=q.find_durations(t),
        train=bool(_TRAIN_RE.search(t_train)), strong_train=bool(_STRONG_TRAIN_RE.search(t_train)), we=bool(_WE_RE.search(t)),
        infer=bool(_INFER_RE.search(t)), hypo=bool(_HYPO_RE.search(t)), cite=bool(_CITE_RE.search(t_cite)),
        others=bool(_OTHERS_RE.search(t)), finetune=bool(_FINETUNE_RE.search(t)) or t_train != t,
        pretrain=bool(_PRETRAIN_RE.search(t_train)),
        ablation=bool(_ABLATION_RE.search(t)), main=bool(_MAIN_RE.search(t)), speedup=bool(_SPEEDUP_RE.search(t)),
        human=bool(_HUMAN_RE.search(t)), search=bool(_SEARCH_RE.search(t)), donation=bool(_DONATION_RE.search(t)),
        use=bool(_USE_RE.search(t)), third=bool(_THIRD_RE.search(t)),
        strong_hypo=bool(_STRONG_HYPO_RE.search(t)), data_span=bool(_DATA_SPAN_RE.search(t)),
    )


def _score_context(c: Ctx, why: list[str], local: str = "") -> float:
    """Shared evidence from the sentence; ``local`` is the text near the value (for local cues)."""
    sc = 1.0
    if c.strong_train:
        sc += 2.0
        why.append("training statement")
    elif c.train:
        sc += 1.0
        why.append("training word")
        if c.use:
            sc += 0.4
    elif c.use:
        sc += 0.8
        why.append("usage/optimization word")
    if c.we:
        sc += 0.5
    if c.main:
        sc += 0.7
        why.append("main/all models")
    if c.infer:
        pen = 1.0 if c.strong_train else 2.5
        sc -= pen
        why.append("inference/timing context")
    if c.strong_hypo:
        sc -= 3.0
        why.append("hypothetical (would/might ...)")
    elif c.hypo:
        k = 1 + bool(_ESTIMATE_RE.search(c.text))
        if k == 1 and _FACTUAL_TIME_RE.search(c.text) and not re.search(r"(?i)\b(?:would|if)\b", c.text):
            sc -= 0.5  # "could be trained with 4 GPUs, and the training process takes 2.5 days": an ability, stated as fact
        else:
            sc -= 2.5 * k
        why.append("hypothetical/estimate")
    if re.match(r"^\W*(?:\d{1,2}\s+)?(?:For\s+example|For\s+instance|E\.\s*g\.|As\s+an\s+example)\b", c.text):
        sc -= 1.2
        why.append("an example")
    if c.neighbor_infer and not c.train and not _table_like(c):
        sc -= 1.5
        why.append("neighbouring sentences are about inference")
    if c.survey and not (c.we and c.strong_train):
        sc -= 2.5
        why.append("survey/review paper")
    if local and _EXAMPLE_RE.search(c.text[:max(0, c.text.find(local))][-30:]):
        sc -= 2.0
        why.append("an example ('e.g.')")
    if c.cite and (c.others or c.third or not c.we):
        sc -= 1.5
        why.append("cites other work")
    elif c.others and not c.we:
        sc -= 0.8
        why.append("others/baseline wording")
    elif c.third and not re.search(r"(?i)\b(?:our|ours)\b", c.text):
        sc -= 1.0
        why.append("about their (others') setup")
    if c.finetune and not c.pretrain:
        sc -= 0.8
        why.append("fine-tuning")
    if c.pretrain:
        sc += 0.3
    if c.ablation:
        sc -= 0.7
        why.append("ablation/small-scale")
    if c.speedup:
        sc -= 0.6
        why.append("speed-up/scaling comparison")
    big, small = bool(_BIG_RE.search(c.text)), bool(_SMALL_RE.search(c.text))
    if big and not small:
        sc += 0.4
        why.append("large variant")
    elif small and not big:
        sc -= 0.4
        why.append("small/base variant")
    if c.human:
        sc -= 1.0
    if c.s.kind == "table":
        sc -= 0.3
    sec = c.s.section
    if sec == "related":
        sc -= 2.0
        why.append("related-work section")
    elif sec == "acknowledgements":
        sc -= 4.0
        why.append("acknowledgements")
    elif sec == "references":
        sc -= 6.0
    return sc


# ------------------------------------------------------------------ chip counts

_SLICE_RE = re.compile(r"(?i)\bv(\d\w*?)-(\d+)\b")
_NDASH_DEVICE_RE = re.compile(
    rf"(?:(?P<m>{q.NUMBER})\s+)?(?<![\w.-])(?P<n>\d+)\s*-\s*(?P<dev>GPU|TPU|core|chip|card)s?\b(?![-·]\s*(?:hours?|days?|years?|h\b))"
    r"(?:\s+(?P<what>machines?|nodes?|servers?|workstations?|systems?|boxes|box|computers?|hosts?|instances?|clusters?|pods?|slices?|TPUs?))?",
    re.I,
)
_PER_RE = re.compile(r"^\s*(?:per|each|on\s+each|in\s+each|for\s+each|/)\s*(?:\w+\s+)?(?P<what>machine|node|server|host|instance|worker|workstation|computer|replica|DGX\S*|box|system)\b|^\s*each\b", re.I)
_WITH_RE = re.compile(
    rf"^\s*,?\s*(?:\(\s*)?(?:each\s+)?(?:with|having|containing|equipped\s+with|of|hosting|comprising|consisting\s+of|that\s+(?:each\s+)?(?:has|have|contain))\s+"
    rf"(?:\w+\s+){{0,1}}?(?P<n>{q.NUMBER})\s*(?:x\s*)?(?P<mid>(?:[\w.-]+\s+){{0,4}}?)(?P<noun>GPUs?|TPUs?|cards?|accelerators?|chips?|cores?|V\d+s?)\b",
    re.I,
)


def _unit_for(noun: str, mention, c: Ctx, around: str) -> str | None:
    n = noun.lower().rstrip("s") if noun else ""
    n = re.sub(r"-$", "", n)
    tpu_ctx = bool(_TPU_CONTEXT_RE.search(around)) or (mention is not None and mention.chip.kind == "tpu")
    gpu_ctx = (mention is not None and mention.chip.kind == "gpu") or bool(re.search(r"\bGPU", around, re.I))
    cpu_ctx = bool(_CPU_CONTEXT_RE.search(around))
    if n in ("gpu", "graphics card", "graphic card"):
        return "gpus"
    if n == "card":
        return "gpus" if (gpu_ctx or mention is not None) else None
    if n in ("tpu", "cloud tpu"):
        return "other"
    if n == "ipu":
        return "other"
    if n in ("chip",):
        return "tpu_chips" if tpu_ctx else ("gpus" if gpu_ctx else "other")
    if n in ("core", "tensorcore"):
        if tpu_ctx and not cpu_ctx:
            return "tpu_cores"
        if cpu_ctx:
            return "cpu_cores"
        return None
    if n in ("cpu", "processor"):
        return "other"
    if n in ("accelerator", "device", "board"):
        if mention is not None:
            return "gpus" if mention.chip.kind == "gpu" else "other"
        if tpu_ctx:
            return "other"
        return "gpus" if gpu_ctx else "other"
    if n in _MACHINE_NOUNS:
        return "machines"
    if not n and mention is not None:
        return "gpus" if mention.chip.kind == "gpu" else "other"
    return None


def _tokens_between_ok(text: str, a: int, b: int, mentions) -> bool:
    """Everything between a number and its noun is a modifier or part of a chip mention."""
    seg = text[a:b]
    if len(seg) > 70:
        return False
    # blank out mention spans
    chars = list(seg)
    for m in mentions:
        for i in range(max(a, m.start), min(b, m.end)):
            chars[i - a] = " "
    rest = "".join(chars)
    rest = re.sub(r"\(\s*\d+\s*(?:GB|G)\s*\)", " ", rest)
    toks = [t for t in re.split(r"[\s,]+", rest) if t]
    if len(toks) > 5:
        return False
    return all(_MODIFIER_RE.match(t) for t in toks)


def _count_cands(c: Ctx, hardware, published) -> list[Cand]:
    t = c.text
    out: list[Cand] = []
    nums = q.find_numbers(t)
    # "a"/"an"/"one" as counts only right before a chip mention or device noun
    for m in re.finditer(r"\b(?:a|an)\b", t, re.I):
        if any(n.start <= m.start() < n.end for n in nums):
            continue
        nums.append(q.Num(1.0, m.start(), m.end(), m.group(0), True))
    nums.sort(key=lambda n: n.start)
    taken: list[tuple[int, int]] = []
    products = q.find_chip_time(t)

    # slices: "TPU v3-8", "v3-512 pod" (cores for chips with 2 cores per chip)
    for mm in c.mentions:
        if mm.chip.kind != "tpu":
            continue
        sm = _SLICE_RE.search(mm.text)
        if not sm:
            continue
        k = int(sm.group(2))
        unit = "tpu_cores" if mm.chip.cores_per_chip > 1 else "tpu_chips"
        why = [f"TPU slice name {mm.text!r} counts {'cores' if unit == 'tpu_cores' else 'chips'}"]
        sc = _score_context(c, why) + 0.8
        out.append(Cand("chips", k, c.s.page, t, mm.text, sc, why, unit=unit,
                        extra={"chip_family": mm.family}, sent_index=c.s.index))
        taken.append((mm.start, mm.end))

    # "a 4x4 TPU pod", "an 8x8 TPUv3 slice": a pod topology counts chips
    for m in re.finditer(r"(?<![\w.])(\d+)\s*x\s*(\d+)(?:\s*x\s*(\d+))?\s+(?:Cloud\s+)?TPU", t, re.I):
        k = int(m.group(1)) * int(m.group(2)) * (int(m.group(3)) if m.group(3) else 1)
        why = [f"TPU topology {m.group(0).strip()!r} = {k} chips"]
        sc = _score_context(c, why, m.group(0)) + 0.5
        sc += _local_role(t, m.start(), m.end(), why)
        out.append(Cand("chips", k, c.s.page, t, m.group(0).strip(), sc, why, unit="tpu_chips", sent_index=c.s.index))
        taken.append((m.start(), m.end()))

    # "an 8-GPU machine", "two 8-GPU servers", "a 512-core TPU pod"
    for m in _NDASH_DEVICE_RE.finditer(t):
        k = int(m.group("n"))
        mult = q.parse_number(m.group("m")) if m.group("m") else 1.0
        if mult is None or mult != int(mult):
            mult = 1.0
        dev = m.group("dev").lower()
        around = t[max(0, m.start() - 60): m.end() + 60]
        if dev == "core":
            unit = "tpu_cores" if _TPU_CONTEXT_RE.search(around) else ("cpu_cores" if _CPU_CONTEXT_RE.search(around) else None)
        elif dev == "chip":
            unit = "tpu_chips" if _TPU_CONTEXT_RE.search(around) else "other"
        elif dev == "tpu":
            unit = "other"
        else:
            unit = "gpus"
        if unit is None:
            continue
        total = int(k * mult)
        why = [f"'{m.group(0).strip()}'" + (f" = {int(mult)} x {k}" if mult > 1 else "")]
        sc = _score_context(c, why, m.group(0)) + 0.3
        sc += _local_role(t, m.start(), m.end(), why)
        out.append(Cand("chips", total, c.s.page, t, m.group(0).strip(), sc, why, unit=unit, sent_index=c.s.index))
        taken.append((m.start(), m.end()))

    for n in nums:
        if any(a <= n.start < b for a, b in taken):
            continue
        if n.value <= 0 or n.value != int(n.value) or n.value > 200000:
            continue
        after = t[n.end: n.end + 90]
        before = t[max(0, n.start - 25): n.start]
        if re.match(r"[A-Za-z]", after) and not re.match(r"x\b|x\s|x[A-Z]", after):
            continue  # "16GB", "3D", "2nd"
        if re.match(r"^\s*(?:%|\.\d|,\d{3}|\^|\))", after):
            continue
        if re.search(r"(?:\bper|/|\bTable|\bFig\.?|\bFigure|\bSection|\bSec\.|\bEq\.?|#|\bv|\bx|×|\bof\s+the)\s*$", before, re.I) and not re.search(r"\bx\s*$", before):
            continue
        range_before = re.search(r"(?<![\w.-])\d[\d,]*\s*(?:-|to)\s*$", before)
        if re.search(r"(?<![\w.-])\d[\d,]*\s*(?:,\s*)?or\s*$", before):
            continue  # "8 or 16 GPUs": the first alternative is taken (below)
        if (re.search(r"[-\d.]$", before) and not range_before) or re.search(r"\d\s*x\s*$", before):
            continue  # part of a name or product ("v3-8", "2 x 8")
        # "8 or 16 GPUs": alternatives, the first is the usual one
        alt = re.match(rf"\s*(?:,\s*)?or\s+(?P<b>\d[\d,]*)(?=\s)", t[n.end:])
        n_end = n.end + alt.end() if alt else n.end
        # find the noun: first device noun after the number with only modifiers/mentions in between
        m_noun = None
        for nm in _NOUN_RE.finditer(t, n_end, min(len(t), n_end + 80)):
            if any(mm.start <= nm.start() < mm.end for mm in c.mentions):
                continue  # "TPU" inside "TPU v3": the noun comes after the name
            if _tokens_between_ok(t, n_end, nm.start(), c.mentions):
                m_noun = nm
            break
        mention = None
        for mm in c.mentions:
            if mm.start >= n_end and (m_noun is None or mm.end <= m_noun.start() + 1) and _tokens_between_ok(t, n_end, mm.start, c.mentions):
                mention = mm
                break
        if m_noun is not None:
            nxt = re.compile(r"[\s-]+(?P<noun>chips?|cores?|TensorCores?|cards?|devices?|machines?|nodes?|servers?|workstations?|boards?)\b",
                             re.I).match(t, m_noun.end())
            if nxt:
                second = nxt.group("noun").lower()
                if second.rstrip("s") in _MACHINE_NOUNS and not second.endswith("s"):
                    # "an 8 GPU machine", "a four core machine": the number counts the first noun
                    pass
                else:
                    m_noun = nxt  # "64 TPU chips", "8 GPU servers"
        if m_noun is None and mention is None:
            continue
        if m_noun is None:
            # the mention itself is the noun ("two NVIDIA GTX1080TI")
            end = mention.end
            noun_text = ""
            # a following noun joined by a hyphen or space is handled above; "V100s" is plural
        else:
            end = m_noun.end()
            noun_text = m_noun.group("noun")
            if mention is not None and mention.end > m_noun.end():
                end = mention.end
        if n.text.lower() in ("a", "an"):
            first = mention.start if mention is not None else m_noun.start()
            between = t[n.end:first].split()
            if any(not re.match(r"[A-Z0-9]", w) for w in between) or not c.train:
                continue  # "a separate GPU", "we use a V100": not a count of a training run
        if any(p.start <= n.start < p.end for p in products):
            continue  # "110k TPU-v4 core hours" is a product, not a count
        if m_noun is not None and not _noun_is_head(t, m_noun, c):
            continue
        around = t[max(0, n.start - 80): end + 80]
        unit = _unit_for(noun_text, mention, c, around)
        if unit is None:
            continue
        if noun_text and noun_text.lower().rstrip("s") in ("replica", "worker") and not re.search(r"GPU|TPU|machine", around, re.I):
            continue
        match_text = t[n.start:end]
        why = [f"count {n.text!r} + {noun_text or mention.text!r}"]
        if alt:
            why.append(f"alternatives {n.text} or {alt.group('b')}: the first")
        value = int(n.value)
        low = high = None
        # ranges: "128-256 TPUv4 chips" (midpoint), "8 or 16 GPUs" (first)
        rm = re.search(rf"(?<![\w.-])(?P<a>\d[\d,]*)\s*(?:-|to)\s*$", t[max(0, n.start - 12): n.start])
        if rm:
            a = q.parse_number(rm.group("a"))
            if a and a < value:
                low, high = a, float(value)
                value = (a + value) / 2
                value = int(value) if value == int(value) else value
                match_text = t[n.start - len(rm.group(0)): end]
                why.append(f"range {int(a)}-{int(high)}: midpoint")
        sc = _score_context(c, why, match_text)
        if n.text.lower() in ("a", "an"):
            sc -= 0.6
            why.append("'a' as count")
        if mention is not None:
            sc += 0.6
        sc += _local_role(t, n.start, end, why)
        if _in_comparison(t, n.start):
            sc -= 1.5
            why.append("in a comparison with other work")
        if re.search(r"(?i)\b(?:remaining|additional|other|extra|another|first|last|spare|idle)\s*$", t[max(0, n.start - 20): n.start]):
            sc -= 0.8
            why.append("a subset of the devices")
        per = _PER_RE.match(t[end: end + 40])
        if per:
            sc -= 0.6
            why.append(f"per {per.group('what') or 'unit'}")
        cand = Cand("chips", value, c.s.page, t, match_text, sc, why, unit=unit, low=low, high=high,
                    extra={"chip_family": mention.family} if mention is not None else {}, sent_index=c.s.index)
        cand.extra["per_unit"] = bool(per)
        # "4 machines with 8 GPUs each" / "16 nodes of 8 V100 GPUs"
        if unit == "machines":
            wm = _WITH_RE.match(t[end: end + 80])
            if wm:
                k = q.parse_number(wm.group("n"))
                sub_unit = _unit_for(wm.group("noun") if not re.match(r"V\d", wm.group("noun")) else "GPU", None, c, around)
                if k and k == int(k) and sub_unit in ("gpus", "tpu_chips", "tpu_cores", "other"):
                    total = int(value * k)
                    cand = Cand("chips", total, c.s.page, t, t[n.start: end + wm.end()], sc + 0.4,
                                why + [f"{value} x {int(k)} = {total} {sub_unit}"], unit=sub_unit,
                                sent_index=c.s.index)
                    taken.append((end, end + wm.end()))
        if cand.unit == "machines" and cand.value == 1:
            continue  # "a workstation", "one machine": says nothing about the number of devices
        out.append(cand)
        taken.append((n.start, end))

    # "runs on a workstation (8-core CPU, 64G RAM, GTX Titan X)": one machine naming one GPU, no count -> 1 GPU
    gpu_mentions = [mm for mm in c.mentions if mm.chip.kind == "gpu"]
    one_box = re.search(r"(?i)\b(?:a|one|single|the\s+same)\s+(?:[\w-]+\s+){0,2}?(?:workstation|machine|PC|computer|server|"
                        r"desktop|laptop|node)\b", t)
    if (one_box and len({mm.family for mm in gpu_mentions}) == 1 and len(gpu_mentions) == 1
            and not any(x.unit in ("gpus",) for x in out) and not re.search(r"(?i)\bGPUs\b", t)):
        mm = gpu_mentions[0]
        if not any(a <= mm.start < b for a, b in taken):
            why = [f"one machine ({one_box.group(0)!r}) naming one GPU ({mm.text!r}): 1 GPU"]
            sc = _score_context(c, why, mm.text) - 0.5
            out.append(Cand("chips", 1, c.s.page, t, mm.text, sc, why, unit="gpus", extra={"chip_family": mm.family},
                            sent_index=c.s.index))

    # "16 Cloud TPUs (64 TPU chips total)": a restated count in parentheses is the more precise one
    accel = any(mm.chip.kind in ("gpu", "tpu") for mm in c.mentions) or any(g[3] in ("gpu", "tpu") for g in c.generic)
    for cd in out:
        cd.extra.setdefault("per_unit", False)
        if accel and (cd.unit == "cpu_cores" or (cd.unit == "other" and re.search(r"(?i)\bCPU|processor", cd.match))):
            cd.score -= 1.5
            cd.why.append("host CPU next to an accelerator")
    # machines x per-machine devices stated separately in the same sentence
    per_dev = [x for x in out if x.extra.get("per_unit") and x.unit in ("gpus", "tpu_chips", "tpu_cores")]
    machines = [x for x in out if x.unit == "machines" and not x.extra.get("per_unit")]
    if per_dev and machines:
        d, mch = per_dev[0], machines[0]
        total = int(d.value * mch.value)
        out.append(Cand("chips", total, c.s.page, t, f"{mch.match} ... {d.match}", max(d.score, mch.score) + 0.8,
                        d.why + mch.why + [f"{mch.value} machines x {d.value} per machine = {total}"], unit=d.unit,
                        sent_index=c.s.index))
    return out


_HW_CONTEXT_RE = re.compile(
    r"\b(?:GPUs?|TPUs?|CPUs?|IPUs?|clusters?|distributed|parallel\w*|compute|computing|hardware|Xeon|GHz|Infiniband|"
    r"interconnect\w*|DGX\S*|NVLink|accelerators?|RAM|Cloud|AWS|EC2|Azure|GCP|data\s*cent(?:er|re)s?)\b",
    re.I,
)
_AMBIGUOUS_NOUNS = ("node", "host", "instance", "worker", "computer", "replica", "device", "core", "chip", "card",
                    "processor", "board", "machine", "server", "workstation")
_FUNCTION_AFTER_RE = re.compile(
    r"^\s*(?:[.,;:)\]]|$|(?:for|with|in|on|to|and|or|each|per|were|was|are|is|that|which|of|as|at|from|during|"
    r"simultaneously|concurrently|in\s+parallel|total|only|respectively|connected|interconnected|linked|"
    r"running|used|using|via|by|over|across|takes?|took|would|will|can|could|we|it|but|while|when|where|"
    r"available|provided|equipped|hosted|located|(?:\(|\[))\b)",
    re.I,
)


def _in_comparison(t: str, start: int) -> bool:
    """The value sits in a clause about something else: "compared to X, trained with 128 GPUs", "than VGG (19.6B)"."""
    clause = re.split(r"[;:]|,\s+(?:while|whereas|but|and\s+we|we)\b", t[max(0, start - 140): start])[-1]
    clause = re.sub(r"(?i)\b(?:less|more|fewer|greater|rather|other|longer|shorter)\s+than\b", " ", clause)
    return bool(re.search(r"(?i)\b(?:compared\s+(?:to|with)|unlike|in\s+contrast\s+to|than|whereas|vs\.?|versus|"
                          r"instead\s+of|they|their|them|previous(?:ly)?|prior|existing|earlier|original(?:ly)?|baselines?)\b",
                          clause)
                or re.search(r"\bof\s+(?:the\s+)?[A-Z][\w-]*\d*\s*\(\s*$", clause))


def _noun_is_head(t: str, m_noun: re.Match, c: Ctx) -> bool:
    """'2600 computer games', '1000 nodes' (of a network), '4 core ideas' are not devices."""
    noun = m_noun.group("noun").lower().rstrip("s")
    after = t[m_noun.end(): m_noun.end() + 30]
    if not _FUNCTION_AFTER_RE.match(after):
        nxt = re.match(r"\s*([\w-]+)", after)
        if (nxt and not _NOUN_RE.fullmatch(nxt.group(1)) and not re.match(r"(?i)GPUs?|TPUs?", nxt.group(1))
                and not re.match(r"[A-Z]|.*\d", nxt.group(1))
                and not any(mm.start >= m_noun.end() and mm.start <= m_noun.end() + 3 for mm in c.mentions)):
            return False
    if noun in _AMBIGUOUS_NOUNS and not (c.mentions or c.generic or _HW_CONTEXT_RE.search(t)):
        return False
    return True


def _local_role(t: str, start: int, end: int, why: list[str]) -> float:
    """Cues right around a count: 'for training' vs 'for self-play/inference/evaluation'."""
    after = t[end: end + 45].lower()
    before = t[max(0, start - 45): start].lower()
    sc = 0.0
    if re.match(r"^\W*(?:\w+\s+){0,2}?(?:for|during)\s+(?:the\s+)?(?:pre-?)?training\b", after) or re.search(
            r"(?:train(?:ed|ing)?|pre-?train(?:ed|ing)?|learn\w*)\s+(?:\w+\s+){0,5}?(?:on|with|using|over|across)\s+(?:\w+\s+)?$", before):
        sc += 1.0
        why.append("bound to training")
    after = re.sub(r"^\s*[(\[]\s*\d+(?:\s*[,-]\s*\d+)*\s*[)\]]", "", after)  # a citation after the device
    if re.match(r"^\W*(?:\w+\s+){0,2}?(?:(?:for|during|in)\s+(?:the\s+)?(?:self-?play|selfplay|inference|evaluation|testing|"
                r"decoding|data\s+generation|acting|actors?|search|generation|serving|rollouts?|simulation)|"
                r"to\s+(?:generate|produce|play|evaluate|serve|collect|simulate|decode|run\s+inference|act))", after):
        sc -= 2.0
        why.append("bound to a non-training job")
    elif re.match(r"^\W*(?:\w+\s+){0,2}?to\s+(?:pre-?)?train\b", after):
        sc += 1.0
        why.append("bound to training")
    if re.search(r"(?:inference|decoding|evaluat\w+|test\w*|benchmark\w*|deploy\w*|measured|timed?|runs?|speed)\s+(?:\w+\s+){0,4}?(?:on|with|using)\s+(?:\w+\s+)?$", before) and "train" not in before:
        sc -= 1.5
        why.append("bound to inference/timing")
    return sc


def _table_like(c: Ctx) -> bool:
    """A table row: laid out as one, or a short label followed only by values."""
    return c.s.kind == "table" or bool(re.fullmatch(
        r"[^.;]{1,60}?(?:\s+[~≈]?\d[\d.,]*\s*[kKMB%]?(?:\s*(?:days?|hours?|h|weeks?))?){2,}\s*", c.text))


def _table_count_cands(c: Ctx) -> list[Cand]:
    """Table rows such as 'Number of DGX-2 nodes 16 6 4 1' or '# GPUs 8 8 16'."""
    if not _table_like(c):
        return []
    t = c.text
    m = re.match(r"^\s*(?:(?:number|no\.|num\.?|#)\s+(?:of\s+)?)?(?P<label>(?:[\w-]+\s+){0,3}?(?P<noun>GPUs?|TPUs?|chips?|cores?|nodes?|machines?|servers?|hosts?|devices?|accelerators?))\s*[:(]?\s*(?P<vals>(?:\d[\d,]*(?:\s*[x×]\s*\d+)?\s*){1,8})$", t, re.I)
    if not m or not re.match(r"(?i)\s*(?:number|no\.|num|#)", t):
        return []
    vals = [q.parse_number(v) for v in re.findall(r"\d[\d,]*", m.group("vals"))]
    vals = [v for v in vals if v]
    if not vals:
        return []
    noun = m.group("noun")
    unit = _unit_for(noun, None, c, t + " " + c.s.context)
    if unit is None:
        return []
    why = [f"table row {m.group('label')!r}: first column"]
    sc = _score_context(c, why) + 0.5
    return [Cand("chips", int(vals[0]), c.s.page, t, m.group(0), sc, why, unit=unit, sent_index=c.s.index,
                 extra={"table": True, "per_unit": False})]


# ------------------------------------------------------------------ durations


def _duration_cands(c: Ctx) -> list[Cand]:
    t = c.text
    out = []
    rates = q.find_rates(t)
    products = q.find_chip_time(t)
    for d in c.durations:
        why: list[str] = []
        if d.data_amount:
            continue
        if any(p.start <= d.start < p.end for p in products):
            continue
        before = t[max(0, d.start - 40): d.start]
        after = t[d.end: d.end + 60]
        if _INTERVAL_BEFORE_RE.search(before) and not re.search(r"(?i)\b(?:up\s+to|after)\s*$", before):
            continue
        if _INTERVAL_AFTER_RE.match(after) or _RATE_AFTER_RE.match(after):
            continue
        if any(r.start <= d.start < r.end for r in rates):
            continue
        if (re.match(r"(?i)^\s*(?:of\s+\w+\s+)?(?:for|as)\s+(?:the\s+)?(?:training|train|test|testing|validation|evaluation)\b", after)
                and re.search(r"(?i)\b(?:for|as)\s+(?:the\s+)?(?:test|testing|validation|evaluation|dev)\b", t)):
            continue  # "11 days (10 days for training and 1 day for test)": a split of the data
        if re.search(r"(?i)(?:\bin|\bof|\bat|-)\s*$", before) and re.match(r"(?i)^\s*(?:intervals?|increments?|windows?|steps)", after):
            continue
        if d.unit in ("second", "millisecond") and d.hours < 1 / 60 and not re.search(r"(?i)\btrain\w*\s+(?:\w+\s+){0,3}?(?:in|within)\s*$", before):
            continue
        if re.search(r"(?i)\b(?:from|reduc\w+|down)\s+(?:\w+\s+){0,3}$", before) and re.match(r"(?i)^\s*to\b", after):
            continue  # "reduces training from 3 weeks to 5 days": the first is the old time
        sc = _score_context(c, why, d.text)
        near = t[max(0, d.start - 90): d.end + 40]
        if re.search(r"(?i)\b(?:train(?:ed|ing|s)?|pre-?train\w*|took|takes|take|taking|lasted|lasts|converge\w*|"
                     r"required|requires|needs|needed|spent|run\s+for|ran\s+for|for\s+a\s+total\s+of|wall[- ]?clock)\b", near):
            sc += 1.0
            why.append("time word near the duration")
        if c.mentions or c.generic or re.search(r"(?i)\b(?:GPU|TPU|machine|node|core|chip)s?\b", t):
            sc += 1.0
            why.append("hardware in the sentence")
        if d.qualifier in ("over", "more than", "at least", "in excess of", "a little over"):
            why.append(f"lower bound ({d.qualifier})")
            sc -= 0.4
        incomplete = bool(_INCOMPLETE_RE.search(t))
        if incomplete:
            why.append("not trained to convergence")
            sc -= 1.5
        if d.qualifier in ("less than", "under", "within", "at most", "up to", "fewer than"):
            why.append(f"upper bound ({d.qualifier})")
            sc -= 0.2
        if not _DUR_TRAIN_RE.search(t) and not (c.mentions or c.generic):
            sc -= 1.0
            why.append("no training word")
        if c.data_span and not c.strong_train:
            sc -= 1.5
            why.append("time span of data/logs/experiments")
        if c.human:
            sc -= 1.0
            why.append("human activity")
        if _in_comparison(t, d.start):
            sc -= 2.0
            why.append("in a clause about another model/baseline")
        if c.search and not c.strong_train:
            sc -= 0.5
        if d.hours < 0.05:
            sc -= 0.8
        if c.s.kind == "table":
            sc -= 0.4
        out.append(Cand("training_hours", round(d.hours, 4), c.s.page, t, d.text, sc, why or ["duration"],
                        unit="hours", low=round(d.low, 4), high=round(d.high, 4),
                        extra={"as_written": d.text, "qualifier": d.qualifier, "_incomplete": incomplete},
                        sent_index=c.s.index))
    return out


def _table_duration_cands(c: Ctx) -> list[Cand]:
    """'Training Time 30 days 20 days 10 days' / 'Hours 252' rows: the first column, low confidence."""
    if not _table_like(c):
        return []
    t = c.text
    m = re.match(r"^\s*(?P<label>(?:(?:pre-?)?training|train|wall[- ]?clock|total)\s+(?:time|duration|hours|days|cost)\b[^\d]{0,20})", t, re.I)
    if not m or not c.durations:
        return []
    d = c.durations[0]
    if d.data_amount:
        return []
    why = [f"table row {m.group('label').strip()!r}: first column"]
    sc = _score_context(c, why) + 1.5
    return [Cand("training_hours", round(d.hours, 4), c.s.page, t, d.text, sc, why, unit="hours",
                 low=round(d.low, 4), high=round(d.high, 4), extra={"as_written": d.text, "table": True},
                 sent_index=c.s.index)]


def _chip_time_cands(c: Ctx) -> list[Cand]:
    t = c.text
    out = []
    for p in q.find_chip_time(t):
        why = [f"chip-time product {p.text!r}"]
        sc = _score_context(c, why, p.text) + 0.5  # chip-time is a cost of training, rarely of anything else
        if re.search(r"(?i)\b(?:budget|search\w*|up\s+to\s*$)", t[max(0, p.start - 40): p.start]):
            sc -= 0.5
        out.append(Cand("chip_hours", round(p.hours, 3), c.s.page, t, p.text, sc, why, unit=p.unit,
                        extra={"as_written": p.text}, sent_index=c.s.index))
    if _table_like(c):
        # a row label that is a product unit followed by values: "TPUv3-core-days 2.5k 0.68k ..."
        m = re.match(r"^\s*(?P<label>[\w-]*(?:GPU|TPU|core|chip|accelerator)[\w-]*[\s-]*(?:hours?|days?|years?))\s*(?:\([^)]*\))?\s+(?P<v>\d[\d.,]*[kKMB]?)\b", t, re.I)
        if m:
            v = q.parse_number(m.group("v"))
            unit_word = re.search(r"(?i)(hours?|days?|years?)\s*$", m.group("label")).group(1)
            if v:
                hours = v * q._time_unit_hours(unit_word)
                why = [f"table row {m.group('label')!r}: first column"]
                sc = _score_context(c, why) + 2.0
                out.append(Cand("chip_hours", round(hours, 3), c.s.page, t, m.group(0), sc, why,
                                unit=q.product_unit(m.group("label")), extra={"as_written": f"{m.group('v')} {m.group('label')}", "table": True},
                                sent_index=c.s.index))
    return out


# ------------------------------------------------------------------ method-1 inputs and more

_PARAM_RE = re.compile(
    rf"(?P<n>{q.NUMBER})[\s-]*(?P<suf>M|B|K|million|billion|thousand|trillion)?[\s-]*(?:trainable\s+|learnable\s+|free\s+|model\s+)?(?:parameters?|params|weights)\b",
    re.I,
)
_PARAM_BEFORE_RE = re.compile(
    rf"(?:parameters|params)\s*(?:count\s*)?(?:of|:|=|is|are|totals?|~|≈|about|around|roughly|with)?\s*(?:about|around|roughly|approximately|~|≈)?\s*(?P<n>{q.NUMBER})\s*(?P<suf>M|B|K|million|billion)?\b",
    re.I,
)
_BATCH_RE = re.compile(
    rf"(?:mini-?\s*)?batch(?:\s+|-)?size\s*(?:of|is|was|=|:|to|set\s+to)?\s*(?:about|around|approximately|~)?\s*(?P<n>{q.NUMBER})"
    rf"|(?:mini-?)?batch(?:es)?\s+of\s+(?:about|around|approximately|~)?\s*(?P<n2>{q.NUMBER})\s*(?P<what>\w+)?",
    re.I,
)
_EXAMPLES_RE = re.compile(
    rf"(?P<n>{q.NUMBER})\s*(?P<suf>M|B|K|million|billion|thousand)?\s*(?:training\s+|labeled\s+|labelled\s+|unlabeled\s+|"
    r"English\s+|sentence\s+|source\s+|target\s+|unique\s+)?(?P<what>tokens|words|images|examples|sentences|sentence\s+pairs|"
    r"pairs|videos|clips|samples|documents|utterances|frames|games|episodes|characters|subwords|word\s+pieces)\b",
    re.I,
)
_PRECISION_RES = [
    (re.compile(r"\bmixed[- ]precision|\bAMP\b|\bapex\b", re.I), "mixed"),
    (re.compile(r"\bbfloat-?16|\bbf16\b", re.I), "bf16"),
    (re.compile(r"\b(?:fp16|float16|half[- ]precision|16-bit\s+(?:float|precision))\b", re.I), "fp16"),
    (re.compile(r"\b(?:fp32|float32|single[- ]precision|32-bit\s+(?:float|precision))\b", re.I), "fp32"),
]


def _suffix_mult(suf: str | None) -> float:
    if not suf:
        return 1.0
    s = suf.lower()
    return {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "b": 1e9, "billion": 1e9, "trillion": 1e12}.get(s, 1.0)


def _number_with_suffix(m: re.Match, group: str = "n") -> float | None:
    v = q.parse_number(m.group(group))
    if v is None:
        return None
    suf = m.groupdict().get("suf")
    if suf and not re.search(r"[kKMBT]$|million|billion|thousand|trillion", m.group(group)):
        v *= _suffix_mult(suf)
    return v


def _score_inputs(c: Ctx, why: list[str]) -> float:
    """Context score for method-1 inputs: like _score_context, but a forward pass or an inference
    cost is what FLOPs per forward *are*, so inference words do not count against them."""
    sc = 1.5
    if c.train or c.use:
        sc += 0.5
    if c.we:
        sc += 0.3
    if c.main:
        sc += 0.5
        why.append("main/all models")
    if c.strong_hypo or c.hypo:
        sc -= 1.0
        why.append("hypothetical")
    if c.cite and (c.others or c.third or not c.we):
        sc -= 1.5
        why.append("cites other work")
    if c.ablation:
        sc -= 0.5
    if c.finetune and not c.pretrain:
        sc -= 0.5
    if c.survey:
        sc -= 1.0
    if re.match(r"^\W*(?:\d{1,2}\s+)?(?:For\s+example|For\s+instance|E\.\s*g\.|As\s+an\s+example)\b", c.text):
        sc -= 1.0
        why.append("an example")
    sec = c.s.section
    if sec == "related":
        sc -= 2.0
    elif sec == "acknowledgements":
        sc -= 4.0
    return sc


_DEFINITION_AFTER_RE = re.compile(
    r"\s*(?:corresponds?\s+to|consists?\s+of|is\s+(?:defined|equal)|equals?\b|=|means\b|amounts?\s+to)", re.I)


def _input_cands(c: Ctx) -> list[Cand]:
    t = c.text
    out: list[Cand] = []
    base_why: list[str] = []
    base = _score_inputs(c, base_why)
    for rx in (_PARAM_RE, _PARAM_BEFORE_RE):
        for m in rx.finditer(t):
            v = _number_with_suffix(m)
            if not v or v < 1000:
                continue
            why = list(base_why) + ["parameter count"]
            sc = base + (0.5 if c.we else 0) - (1.0 if _in_comparison(t, m.start()) else 0)
            out.append(Cand("parameters", v, c.s.page, t, m.group(0), sc, why, sent_index=c.s.index))
    for m in _BATCH_RE.finditer(t):
        g = "n" if m.group("n") else "n2"
        v = q.parse_number(m.group(g))
        if not v or v != int(v) or v > 1e8:
            continue
        unit = None
        what = (m.group("what") or "").lower() if g == "n2" else ""
        after = t[m.end(g): m.end(g) + 20].lower()
        if "token" in what or re.match(r"\s*(?:k\s+)?tokens", after):
            unit = "tokens"
        why = list(base_why) + ["batch size"]
        out.append(Cand("batch_size", int(v), c.s.page, t, m.group(0), base, why, unit=unit, sent_index=c.s.index))
    for cnt in q.find_counts(t):
        f = "epochs" if cnt.per == "epoch" else "steps"
        before = t[max(0, cnt.start - 30): cnt.start]
        if re.search(r"(?i)(?:every|each|per|first|after|warm-?up\s*(?:of)?|last)\s*$", before):
            continue
        if _DEFINITION_AFTER_RE.match(t, cnt.end):  # "one epoch corresponds to 50000 updates": a unit, not a count
            continue
        why = list(base_why) + [f"{f} count"]
        sc = base + (0.5 if re.search(r"(?i)\b(?:for|total|of)\s*$", before) else 0)
        out.append(Cand(f, cnt.value, c.s.page, t, cnt.text, sc, why, sent_index=c.s.index))
    for m in _EXAMPLES_RE.finditer(t):
        v = _number_with_suffix(m)
        if not v or v < 1000:
            continue
        what = m.group("what").lower()
        unit = "tokens" if what in ("tokens", "words", "subwords", "word pieces", "characters") else "examples"
        why = list(base_why) + [f"amount of data ({what})"]
        sc = base + (0.5 if re.search(r"(?i)\b(?:train\w*|pre-?train\w*|dataset|corpus|consist\w*|contain\w*)\b", t) else -0.5)
        out.append(Cand("tokens_or_examples", v, c.s.page, t, m.group(0), sc, why, unit=unit, sent_index=c.s.index))
    for fl in q.find_flops(t):
        if fl.rate:
            continue
        why = list(base_why)
        if fl.value >= 1e16 and re.search(r"(?i)\b(?:train\w*|total|compute|budget|cost)\b", t):
            sc = base + (0.5 if re.search(r"(?i)\btrain", t) else 0)
            out.append(Cand("total_training_flop", fl.value, c.s.page, t, fl.text, sc, why + ["total compute"],
                            unit=fl.unit, extra={"as_written": fl.text}, sent_index=c.s.index))
        elif fl.value < 1e15:
            sc = base + (0.5 if re.search(r"(?i)\b(?:per|forward|inference|each|an?\s+(?:image|example|token|input))\b", t) else 0)
            sc -= 1.0 if _in_comparison(t, fl.start) else 0
            out.append(Cand("flops_per_forward", fl.value, c.s.page, t, fl.text, sc, why + ["FLOPs of a forward pass"],
                            unit=fl.unit, extra={"as_written": fl.text}, sent_index=c.s.index))
    for rx, val in _PRECISION_RES:
        m = rx.search(t)
        if m:
            why = list(base_why) + [f"precision {m.group(0)!r}"]
            sc = base + (1.0 if c.train else -1.0)
            out.append(Cand("precision", val, c.s.page, t, m.group(0), sc, why, sent_index=c.s.index))
    return out


def _rate_cands(c: Ctx) -> list[Cand]:
    out = []
    for r in q.find_rates(c.text):
        why = [f"rate {r.text!r}"]
        sc = _score_context(c, why, r.text)
        if c.mentions or c.generic:
            sc += 0.5
        out.append(Cand("rate", r.hours_per_unit, c.s.page, c.text, r.text, sc, why, unit=f"hours/{r.per}",
                        sent_index=c.s.index, extra={"per": r.per}))
    return out


# ------------------------------------------------------------------ chip model


def _model_cands(c: Ctx, hardware) -> list[Cand]:
    out = []
    t = c.text
    for mm in c.mentions:
        why = [f"names {mm.family}"]
        sc = _score_context(c, why, mm.text)
        sc += _local_role(t, mm.start, mm.end, why)
        if c.s.section == "acknowledgements":
            sc += 4.0 + (1.0 if c.donation else 0.0)  # a donation names the model (not a count)
            why.append("acknowledgement: names the model only")
        out.append(Cand("chip_model", mm.family, c.s.page, t, mm.text, sc, why,
                        extra={"chip_id": mm.chip.chip_id, "generic": False, "as_written": mm.text, "kind": mm.chip.kind},
                        sent_index=c.s.index))
    for (a, b, text, kind) in c.generic:
        value = {"gpu": "GPU (unspecified)", "tpu": "TPU (unspecified)", "cpu": "CPU (unspecified)"}[kind]
        chip = None
        if kind == "tpu" and hardware is not None:
            chip = _tpu_version_near(t, a, b, hardware)
            if chip is not None:
                value = chip.family
        why = [f"generic {text!r}" if chip is None else f"{text!r} with version nearby -> {chip.family}"]
        sc = _score_context(c, why, text) - (0.3 if chip is None else 0)
        sc += _local_role(t, a, b, why)
        if c.s.section == "acknowledgements":
            sc += 4.0 + (1.0 if c.donation else 0.0)
            why.append("acknowledgement: names the model only")
        out.append(Cand("chip_model", value, c.s.page, t, text, sc, why,
                        extra={"chip_id": chip.chip_id if chip else None, "generic": chip is None, "as_written": text,
                               "kind": kind}, sent_index=c.s.index))
    return out


_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "1st": 1, "2nd": 2, "3rd": 3,
             "4th": 4, "5th": 5, "6th": 6}


def _tpu_version_near(t: str, a: int, b: int, hardware):
    """'TPUs (v3)', 'third generation Google Cloud TPUs': ask the hardware table about the version."""
    window = t[max(0, a - 45): b + 25]
    m = re.search(r"(?i)\((?:TPU\s*)?v(\d\w?)\)|\bTPUs?\s*\(?\s*v(\d\w?)\b|\bv(\d\w?)\s+TPUs?\b", window)
    if m:
        ver = next(g for g in m.groups() if g)
        return hardware.match(f"TPU v{ver}")
    m = re.search(r"(?i)\b(first|second|third|fourth|fifth|sixth|1st|2nd|3rd|4th|5th|6th)[- ]generation\b", window)
    if m:
        return hardware.match(f"TPU v{_ORDINALS[m.group(1).lower()]}")
    return None


# ------------------------------------------------------------------ choosing


_DISTRACTOR_CUES = ("in a clause about another model", "in a comparison with other work", "cites other work",
                    "others/baseline wording", "about their (others') setup", "hypothetical", "stated with another device count",
                    "about a smaller variant", "not trained to convergence", "the same duration is said not")


def _flagged(c: Cand) -> bool:
    return any(w.startswith(_DISTRACTOR_CUES) for w in c.why)


def _best(cands: list[Cand], prefer_larger: bool = True, margin: float = 0.6, min_score: float = 1.5) -> Cand | None:
    """The best-scoring candidate; among near-ties (within `margin`) the larger value when `prefer_larger`
    (the main run is the largest), but never a candidate carrying a distractor cue over the top one."""
    cands = [c for c in cands if c.score >= min_score]
    if not cands:
        return None
    top = max(c.score for c in cands)
    best = max(cands, key=lambda c: c.score)
    near = [c for c in cands if c.score >= top - margin and (c is best or not _flagged(c))]
    key = (lambda c: (_as_float(c.value), c.score)) if prefer_larger else (lambda c: (c.score, -c.sent_index))
    return max(near, key=key)


def _as_float(v) -> float:
    try:
        return float(v)
    except (TypeError, ValueError):
        return 0.0


def _repeat_bonus(cands: list[Cand], tol: float = 0.0) -> None:
    """A value stated in several sentences is more likely the main run's (distractor mentions, with
    a low score of their own, do not count)."""
    by_val: dict[Any, set[int]] = defaultdict(set)
    for c in cands:
        if c.score >= 1.5:
            by_val[_key_val(c.value, tol)].add(c.sent_index)
    for c in cands:
        k = len(by_val[_key_val(c.value, tol)])
        if k > 1:
            c.score += min(1.0, 0.5 * (k - 1))
            c.why.append(f"stated {k} times")


def _key_val(v, tol):
    if isinstance(v, (int, float)) and tol:
        return round(math.log(max(v, 1e-9)) / math.log(1 + tol))
    return v


def _support(chips: list[Cand], hours: list[Cand], rates: list[Cand] = ()) -> None:
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


def _fact(c: Cand | None, **extra) -> dict | None:
    if c is None:
        return None
    d = {"value": c.value, "page": c.page, "sentence": c.sentence, "match": c.match, "confidence": c.confidence,
         "why": "; ".join(dict.fromkeys(c.why))}
    if c.unit:
        d["unit"] = c.unit
    for k in ("as_written", "chip_id", "generic"):
        if k in c.extra:
            d[k] = c.extra[k]
    if c.low is not None:
        d["low"], d["high"] = c.low, c.high
    d.update({k: v for k, v in extra.items()})
    return d


def _choose(all_c: dict[str, list[Cand]], hardware, published, sizes_chosen: dict | None = None) -> dict[str, Any]:
    chosen: dict[str, Any] = {}
    chips = all_c["chips"]
    hours = all_c["training_hours"]
    _support(chips, hours, all_c["rate"])
    _repeat_bonus(chips)
    # a run said somewhere not to be trained to convergence is not the main run wherever it is stated
    bad = {_key_val(h.value, 0.05) for h in hours if h.extra.pop("_incomplete", False)}
    _repeat_bonus([h for h in hours if _key_val(h.value, 0.05) not in bad], tol=0.05)
    for h in hours:
        if _key_val(h.value, 0.05) in bad and "not trained to convergence" not in h.why:
            h.score -= 1.0
            h.why.append("the same duration is said not to reach convergence")

    # when pre-training is described anywhere, fine-tuning sentences are not the main run
    pre_anywhere = any(c.extra.get("_pretrain") for c in chips + hours)
    if pre_anywhere:
        for c in chips + hours:
            if c.extra.get("_finetune_only"):
                c.score -= 0.7
                c.why.append("fine-tuning while pre-training is described")

    best_chips = _best(chips, prefer_larger=True, margin=MARGIN_CHIPS, min_score=2.3)
    if best_chips is not None:
        # a duration stated together with a different device count belongs to another run
        ok_vals = {c.value for c in chips if c.sent_index == best_chips.sent_index}
        for h in hours:
            there = [c for c in chips if c.sent_index == h.sent_index and c.score > 1.0]
            if there and not any(c.value in ok_vals for c in there):
                h.score -= 1.5
                h.why.append("stated with another device count")
    if best_chips is not None and "large variant" in best_chips.why:
        for h in hours:
            if "small/base variant" in h.why and h.sent_index != best_chips.sent_index:
                h.score -= 2.0
                h.why.append("about a smaller variant than the counted run")
    best_hours = _best(hours, prefer_larger=True, margin=MARGIN_HOURS, min_score=2.5)
    # a duration in the chosen count's sentence is preferred when nearly as good
    if best_chips is not None and best_hours is not None and best_hours.sent_index != best_chips.sent_index:
        same = [h for h in hours if h.sent_index == best_chips.sent_index and h.score >= best_hours.score - 1.0 and h.score >= 2.5]
        if same:
            best_hours = max(same, key=lambda h: (h.value, h.score))
            best_hours.why.append("stated with the chosen device count")
    if best_hours is not None and best_chips is not None and best_chips.sent_index != best_hours.sent_index:
        same = [c for c in chips if c.sent_index == best_hours.sent_index and c.score >= best_chips.score - CHIPS_FOLLOW and c.score >= 2.3]
        if same:
            best_chips = max(same, key=lambda c: (c.value, c.score))
            best_chips.why.append("stated with the chosen duration")
    # "16 Cloud TPUs (64 TPU chips total)": a restatement in chips/cores beats 'TPUs' of the same sentence
    if best_chips is not None and best_chips.unit == "other":
        alt = [c for c in chips if c.sent_index == best_chips.sent_index and c.unit in ("tpu_chips", "tpu_cores", "gpus")
               and c is not best_chips and c.score > 1.5
               and 0 <= c.sentence.find(c.match) - c.sentence.find(best_chips.match) <= len(best_chips.match) + 40]
        if alt:
            best_chips = max(alt, key=lambda c: c.value)
            best_chips.why.append("precise unit restated in the same sentence")

    for c in (best_chips, best_hours):
        if c is not None:
            c.role = "main"
    chosen["chips"] = _fact(best_chips)

    best_model = _choose_model(all_c["chip_model"], chips, best_chips, best_hours)
    if best_model is not None:
        best_model.role = "main"
    chosen["chip_model"] = _fact(best_model)

    chosen["training_hours"] = _fact(best_hours)

    # chip-time products (only when no wall-clock duration is stated)
    best_ch = _best(all_c["chip_hours"], prefer_larger=True, margin=0.5, min_score=2.3)
    chosen["chip_hours"] = _fact(best_ch) if best_hours is None else None
    if best_ch is not None and best_hours is None:
        best_ch.role = "main"

    # method-1 inputs (sizes.extract_sizes)
    if sizes_chosen is not None:
        chosen.update(sizes_chosen)
    else:
        for f, larger in (("parameters", True), ("tokens_or_examples", True), ("epochs", False), ("steps", True),
                          ("batch_size", False), ("flops_per_forward", False), ("total_training_flop", True)):
            _repeat_bonus(all_c[f])
            b = _best(all_c[f], prefer_larger=larger, margin=0.3, min_score=1.4 if f == "parameters" else 1.8)
            if b is not None:
                b.role = "main"
            chosen[f] = _fact(b)
    prec = _best(all_c["precision"], prefer_larger=False, margin=0.0, min_score=2.0)
    chosen["precision"] = _fact(prec)

    # time from per-step / per-epoch rates (only when no duration or product is stated)
    chosen["time_from_steps"] = None
    if best_hours is None:
        chosen["time_from_steps"] = _time_from_steps(all_c, chosen)
    return chosen


def _choose_model(models: list[Cand], chips: list[Cand], best_chips: Cand | None, best_hours: Cand | None) -> Cand | None:
    """The accelerator of the main run, in order of evidence:
    1. a chip named in the sentence of the chosen count (nearest to it), else in that of the chosen duration;
    2. a chip named with the same device count elsewhere ("5 GPUs" chosen, "5 GeForce GTX 1080 GPUs" stated);
    3. the best-scoring chip named in a training context, of the kind counted (GPU/TPU);
    4. a generic "GPUs"/"TPUs" (in the chosen sentences, else the best one, else the counted noun)."""
    kind = _unit_kind(best_chips)
    specific = [m for m in models if not m.extra.get("generic") and (kind is None or m.extra.get("kind") == kind)]
    for anchor in (best_chips, best_hours):
        if anchor is None:
            continue
        here = [m for m in specific if m.sent_index == anchor.sent_index]
        if here:
            pos = anchor.sentence.find(anchor.match)
            m = min(here, key=lambda m: abs(m.sentence.find(m.match) - pos))
            m.why.append("named with the chosen count/duration")
            return m
    if best_chips is not None:
        same = [m for m in specific if m.score > 0.0 and any(
            c.sent_index == m.sent_index and c.value == best_chips.value and m.match in c.match for c in chips)]
        if same:
            m = max(same, key=lambda m: m.score)
            m.why.append(f"named with the same count ({best_chips.value}) elsewhere")
            return m
    _repeat_bonus(specific)
    m = _best(specific, prefer_larger=False, margin=0.0, min_score=2.2)
    if m is not None:
        return m
    for anchor in (best_chips, best_hours):
        if anchor is None:
            continue
        here = [g for g in models if g.sent_index == anchor.sent_index and g.extra.get("generic")
                and (kind is None or g.extra.get("kind") == kind)]
        if here:
            return max(here, key=lambda g: (g.extra.get("kind") in ("gpu", "tpu"), g.score))
    generic = [g for g in models if g.extra.get("generic") and (kind is None or g.extra.get("kind") == kind)]
    m = _best(generic, prefer_larger=False, margin=0.0, min_score=1.8)
    if m is not None:
        return m
    if kind in ("gpu", "tpu"):
        return Cand("chip_model", "GPU (unspecified)" if kind == "gpu" else "TPU (unspecified)", best_chips.page,
                    best_chips.sentence, best_chips.match, best_chips.score - 0.5, ["from the counted device noun"],
                    extra={"generic": True, "as_written": best_chips.match})
    return None


def _unit_kind(c: Cand | None) -> str | None:
    if c is None:
        return None
    if c.unit == "gpus":
        return "gpu"
    if c.unit in ("tpu_chips", "tpu_cores"):
        return "tpu"
    if c.unit == "other" and "TPU" in c.match.upper():
        return "tpu"
    if c.unit == "cpu_cores":
        return "cpu"
    return None


def _time_from_steps(all_c: dict[str, list[Cand]], chosen: dict) -> dict | None:
    rates = [r for r in all_c["rate"] if r.score >= 2.3]
    if not rates:
        return None
    for r in sorted(rates, key=lambda r: -r.score):
        per = r.extra["per"]
        f = "epochs" if per == "epoch" else "steps"
        # a count in the same sentence first, then the chosen one
        same = [c for c in all_c[f] if c.sent_index == r.sent_index and c.match not in r.match]
        if not same and chosen.get(f) is not None and chosen[f]["sentence"] == r.sentence:
            continue  # the count is the rate's own unit ("one epoch takes 30 minutes"), not the run's length
        counts = same or ([] if chosen.get(f) is None else [None])
        if not counts:
            continue
        if same:
            cnt = max(same, key=lambda c: c.score)
            n, n_text, lo, hi = cnt.value, cnt.match, cnt.low, cnt.high
        else:
            n, n_text = chosen[f]["value"], chosen[f].get("match")
            lo = hi = None
        # "10 to 15 epochs" as a range
        rm = re.search(rf"(?P<a>{q.NUMBER})\s*(?:-|to)\s*(?P<b>{q.NUMBER})\s*{f[:-1]}", r.sentence if same else chosen[f]["sentence"], re.I)
        hours = r.value * n
        low = high = hours
        if rm:
            a, b = q.parse_number(rm.group("a")), q.parse_number(rm.group("b"))
            if a and b and b > a:
                low, high = r.value * a, r.value * b
                hours = (low + high) / 2
                n_text = rm.group(0)
        conf = max(0.1, min(0.8, r.confidence - 0.15))
        return {"value": round(hours, 3), "low": round(low, 3), "high": round(high, 3),
                "as_written": f"{r.match} x {n_text}", "page": r.page, "sentence": r.sentence,
                "confidence": round(conf, 2), "why": f"{'; '.join(r.why)}; x {n_text}"}
    return None


# ------------------------------------------------------------------ entry points


def _page_scorer(hardware, published):
    def score(text: str) -> float:
        s = default_page_score(text)
        if hardware is not None and text:
            s += 3.0 * min(6, len(hardware.find(text, published)))
        return s
    return score


def is_survey(first_pages_text: str) -> bool:
    """A survey/review/tutorial says so in its title or abstract."""
    return bool(_SURVEY_RE.search(first_pages_text[:6000]))


def extract_from_sentences(sentences: list[Sentence], hardware=None, published=None, survey: bool = False,
                           doc: Document | None = None) -> dict[str, Any]:
    """Candidates and choices from sentences (the part of extract_facts after reading the PDF)."""
    sizes_chosen, sizes_cands = extract_sizes(sentences, doc, published, survey=survey)
    all_c: dict[str, list[Cand]] = defaultdict(list)
    ctxs = [_ctx(s, hardware, published) for s in sentences if s.section != "references"]
    for i, c in enumerate(ctxs):
        c.survey = survey
        for j in (i - 1, i + 1):
            if 0 <= j < len(ctxs) and ctxs[j].s.page == c.s.page and ctxs[j].infer and not ctxs[j].train:
                c.neighbor_infer = True
    for c in ctxs:
        cands: list[Cand] = []
        cands += _count_cands(c, hardware, published)
        cands += _table_count_cands(c)
        cands += _duration_cands(c)
        cands += _table_duration_cands(c)
        cands += _chip_time_cands(c)
        cands += _model_cands(c, hardware)
        cands += _input_cands(c)
        cands += _rate_cands(c)
        for cd in cands:
            cd.extra["_pretrain"] = c.pretrain
            cd.extra["_finetune_only"] = c.finetune and not c.pretrain
            all_c[cd.field].append(cd)
    chosen = _choose(all_c, hardware, published, sizes_chosen)
    flat = [c for f in all_c.values() for c in f if f not in SIZE_FIELDS]
    for c in flat:
        c.extra.pop("_pretrain", None)
        c.extra.pop("_finetune_only", None)
        c.extra.pop("kind", None)
    keep = [c for c in flat if c.field in ("chips", "chip_model", "training_hours", "chip_hours") or c.role == "main"]
    keep.sort(key=lambda c: (c.field, -c.score))
    per_field: Counter = Counter()
    candidates = []
    for c in keep:
        per_field[c.field] += 1
        if per_field[c.field] <= 25:
            candidates.append(c.as_dict())
    candidates += sizes_cands
    return {"candidates": candidates, "chosen": chosen}


def extract_facts(pdf_path, published: dt.date | None = None, hardware=None,
                  max_careful_pages: int = DEFAULT_CAREFUL_PAGES) -> dict:
    """The facts dict (schema aicompute.facts/1) for one PDF; raises pdftext.DocumentError."""
    if hardware is None:
        from .hardware import HardwareTable
        hardware = HardwareTable.load()
    if isinstance(published, str):
        published = dt.date.fromisoformat(published[:10])
    t0 = time.perf_counter()
    doc: Document = read_pdf(pdf_path, max_careful_pages=max_careful_pages, scorer=_page_scorer(hardware, published))
    survey = is_survey(doc.cheap_text[0] if doc.cheap_text else "")
    result = extract_from_sentences(doc.sentences, hardware, published, survey=survey, doc=doc)
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
