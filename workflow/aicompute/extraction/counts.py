"""Chip counts: a number bound to an accelerator noun ("8 NVIDIA P100 GPUs", "eight GPUs", "a single
GTX 580", "an 8-GPU machine", "16 Cloud TPUs (64 TPU chips total)", "a TPU v3-8" = 8 cores, "4 machines
with 8 GPUs each" = 32 GPUs, "128-256 TPUv4 chips" = midpoint) and table rows ("Number of nodes 16 6 4")."""

from __future__ import annotations

import csv
import math
import re
from functools import lru_cache
from types import SimpleNamespace

from .. import DATA_DIR
from .. import quantities as q
from .context import (OTHER_CLAUSE_WHY, Ctx, clause_owner, elliptic_numbers, in_comparison, local_role,
                      score_context, table_caption, table_like)
from .core import KEEP_VETOED, VETO_PENALTY, VETO_PREFIX, Cand
from .durations import _LABEL_COL_RE, _header_columns, discount_others_table, row_role


# device nouns that a count can bind to
NOUN_RE = re.compile(
    r"(?P<noun>GPUs?|GPU-?s|TPUs?|IPUs?|NPUs?|HPUs?|MLUs?|XPUs?|graphics\s+cards?|graphic\s+cards?|cards?|accelerators?|chips?|cores?|"
    r"TensorCores?|machines?|nodes?|servers?|workers?|devices?|CPUs?|processors?|hosts?|instances?|"
    r"boards?|workstations?|computers?|replicas?|vCPUs?)\b",
    re.I,
)


# words allowed between a number and its device noun ("8 x 32GB NVIDIA Tesla V100 GPUs")
_MODIFIER_RE = re.compile(
    r"^(?:x|×|\*|NVIDIA|Nvidia|nVidia|NVidia|Tesla|GeForce|Quadro|Google|Cloud|AMD|Intel|Xeon|"
    r"\d+(?:\.\d+)?\s*(?:GB|G|GiB|TB|MB|GHz|MHz)|\d+(?:\.\d+)?-?(?:GB|G|GiB|GHz)|GB|GHz|high-?end|identical|additional|more|"
    r"separate|different|dedicated|physical|local|modern|commodity|consumer|Volta|Pascal|Kepler|Maxwell|"
    r"Turing|Ampere|Hopper|Ada|TPU|GPU|CPU|TPUv\d\w*|v\d\w*|16GB|32GB|12GB|24GB|40GB|80GB|11GB|"
    r"DGX(?:-\d)?|DGX-1|DGX-2|HGX|SXM\d?|PCIe|NVLink|-|total|distributed|parallel|single|standard|"
    r"free|available|shared|on-?demand|preemptible|\(|\)|of|(?:GPU|TPU)-?enabled|"
    # (hw27) a CPU's product words: "an Intel i9 CPU", "an i7-8700 CPU", "a Ryzen 9 5950X processor"
    r"i[3579](?:-\d{3,5}[A-Z]{0,2})?|Ryzen|EPYC|Threadripper|Opteron|\d{4,5}[A-Z]{1,2})$",
    re.I,
)


TPU_CONTEXT_RE = re.compile(r"\bTPU|\bTensorCore", re.I)


CPU_CONTEXT_RE = re.compile(r"\bCPU|\bvCPU|\bXeon|\bOpteron|\bEPYC|\bRyzen|\bThreadripper|\bCore\s+i[3579]\b|\bi[3579]-\d{4}|\bAthlon|\bPentium|"
                            r"\bcores?\s+(?:of|on)\s+(?:a|an|one)\s+(?:Intel|AMD)|\bprocessor", re.I)


MACHINE_NOUNS = ("machine", "node", "server", "host", "instance", "workstation", "computer", "worker", "replica")


_SLICE_RE = re.compile(r"(?i)(?:\b|(?<=TPU))v(\d\w*?)-(\d+)\b")


# (hw25) a machine's accelerators in a word: "a quad-GPU server", "a dual-GPU workstation", "an eight-GPU node" (GPUs and
# cards only: "quad-core", "dual-core" are CPUs' words and say nothing of the run's devices)
_DEVICES_WORDS = {"dual": 2, "quad": 4, "octa": 8, "two": 2, "three": 3, "four": 4, "six": 6, "eight": 8, "sixteen": 16}
_DEVICES_WORD = "|".join(_DEVICES_WORDS)
_NDASH_DEVICE_RE = re.compile(
    rf"(?:(?P<m>{q.NUMBER})\s+)?(?<![\w.-])(?P<n>\d+|{_DEVICES_WORD})\s*-\s*(?P<dev>GPU|TPU|core|chip|card)s?\b(?![-·]\s*(?:hours?|days?|years?|h\b))"
    r"(?:\s+(?P<what>machines?|nodes?|servers?|workstations?|systems?|boxes|box|computers?|hosts?|instances?|clusters?|pods?|slices?|TPUs?))?",
    re.I,
)


_NDASH_HINT = re.compile(rf"(?:\d|\b(?:{_DEVICES_WORD}))\s*-\s*(?:GPU|TPU|core|chip|card)", re.I)
_PER_RE = re.compile(r"^\s*(?:per|each|on\s+each|in\s+each|for\s+each|/)\s*(?:\w+\s+)?(?P<what>machine|node|server|host|instance|worker|workstation|computer|replica|DGX\S*|box|system)\b|^\s*each\b", re.I)


_WITH_RE = re.compile(
    rf"^\s*(?:(?:node|server|machine|host)s?\s+)?,?\s*(?:\(\s*)?(?:each\s+)?"
    # (hw27) a clause of its own after the machines: "8 nodes; every node has 4 GPUs", "4 servers, each one with 2 cards"
    rf"(?:[;,]\s*(?:and\s+)?(?:each|every)\s+(?:(?:node|server|machine|host|one)\s+)?(?:is\s+)?)?(?:(?:of\s+which|one)\s+)?(?:(?:with|having|containing|equipped\s+with|of|hosting|comprising|consisting\s+of|"
    rf"that\s+(?:each\s+)?(?:has|have|contain)|(?:uses|has|hosts|contains|holds|runs)|(?:\w+\s+)?(?:has|have|had|contains?|hosts?|uses?))\s+"
    # or a product: "8 nodes x 8 GPUs", "4 servers × 4 A100 GPUs" (the machines times the devices each holds)
    rf"|[x×*]\s*)"
    rf"(?:\w+\s+){{0,1}}?(?P<n>{q.NUMBER})\s*(?:x\s*)?(?P<mid>(?:[\w.-]+\s+){{0,4}}?)(?P<noun>GPUs?|TPUs?|cards?|accelerators?|chips?|cores?|V\d+s?|(?-i:(?!FP|BF|INT)[A-Z]{{1,2}}\d{{2,4}}[A-Z]?)s?)\b",
    re.I,
)


# What lies between the per-machine count and its noun must be one device's name, not a list of the machine's
# parts ("a server with 2 Xeon CPUs and 8 V100 GPUs" is 8 GPUs, not 1 x 2).
# (a model number is part of the device's name: "4 RTX 3090 GPUs each", "8 x Radeon Instinct MI250 cards")
_MODEL_NUMBER_RE = re.compile(r"(?i)\b(?:RTX|GTX|GT|GeForce|Quadro|Titan|Tesla|Radeon|Instinct|MI|Arc|Jetson)\s+\d+\w*")
_LIST_IN_MID_RE = re.compile(r"(?i)(?:^|\s)(?:and|or|plus|\d+|CPUs|processors|GPUs|TPUs|cores|RAM|memory|threads)(?=\s|$)")


def per_machine(t: str, end: int):
    """The devices each machine holds, stated right after a machine noun ending at ``end`` ("with 8 GPUs each",
    "of 32 cores each", "each equipped with 4 A100 GPUs", "of which each has 2 cards"): the ``_WITH_RE`` match, or
    None (also when the words before the device noun list other parts of the machine)."""
    wm = _WITH_RE.match(t[end: end + 80])
    if wm is None or _LIST_IN_MID_RE.search(_MODEL_NUMBER_RE.sub(" ", wm.group("mid"))):
        return None
    return wm


def accelerator_named(c: Ctx) -> bool:
    """The sentence names a GPU/TPU/NPU (a chip, a generic 'GPUs', a GPU product word)."""
    return (any(mm.chip.kind in ("gpu", "tpu", "npu") for mm in _mentions(c))
            or any(g[3] in ("gpu", "tpu") for g in c.generic)
            or bool(TPU_CONTEXT_RE.search(c.text))
            or bool(re.search(r"\b(?:GPU|GTX|RTX|GeForce|Titan|Quadro|Radeon|Tesla|CUDA)", c.text, re.I)))


# Words between a count and a machine noun that describe the machines ("32 asynchronous workers", "8 independent
# nodes", "16 compute nodes"): one or two adjective-shaped words. Not a noun naming another job's workers
# ("16 data-loading workers" is a hyphenated word, read by tokens_between_ok; "8 rollout workers", "4 parameter
# servers" are nouns and stay unread).
_MACHINE_ADJ_RE = re.compile(r"^(?:[a-z]{3,}(?:ous|al|ic|ent|ant|ive|ed|ar)|compute|computing|training|cloud)$")


def machine_adjectives_ok(seg: str) -> bool:
    """(Before "nodes" only with the devices each holds after it, or "compute nodes": "100 labeled nodes", "2000
    connected nodes" are a graph's.)"""
    toks = seg.split()
    return 1 <= len(toks) <= 2 and all(_MACHINE_ADJ_RE.match(w) for w in toks)


def unit_for(noun: str, mention, c: Ctx, around: str) -> str | None:
    n = noun.lower().rstrip("s") if noun else ""
    n = re.sub(r"-$", "", n)
    tpu_ctx = bool(TPU_CONTEXT_RE.search(around)) or (mention is not None and mention.chip.kind == "tpu")
    gpu_ctx = (mention is not None and mention.chip.kind == "gpu") or bool(
        re.search(r"\b(?:GPU|GTX|RTX|GeForce|Titan|Quadro|Radeon|Tesla)", around, re.I))
    cpu_ctx = bool(CPU_CONTEXT_RE.search(around))
    if n in ("gpu", "graphics card", "graphic card"):
        return "gpus"
    if n == "card":
        if mention is not None and mention.chip.kind == "npu":
            return "other"
        return "gpus" if (gpu_ctx or mention is not None) else None
    if n in ("tpu", "cloud tpu"):
        return "other"
    if n in ("ipu", "npu", "hpu", "mlu", "xpu"):
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
    if n == "vcpu":
        return "cpu_cores"  # "48 vCPUs": a cloud machine's CPU threads
    if n in ("accelerator", "device", "board"):
        if mention is not None:
            return "gpus" if mention.chip.kind == "gpu" else "other"
        if tpu_ctx:
            return "other"
        return "gpus" if gpu_ctx else "other"
    if n in MACHINE_NOUNS:
        return "machines"
    if not n and mention is not None:
        return "gpus" if mention.chip.kind == "gpu" else "other"
    return None


def tokens_between_ok(text: str, a: int, b: int, mentions) -> bool:
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
    rest = re.sub(r"[®™]|\((?:R|TM)\)", " ", rest)  # (hw19) "8 NVIDIA® Tesla® V100 GPUs"
    toks = [t for t in re.split(r"[\s,]+", rest) if t]
    if len(toks) > 5:
        return False
    # a product code the hardware table does not know ("GH200", "MI250X", "A800") or a misspelt vendor
    # word ("Telsa") counts as part of the name, at most two of them
    odd = [t for t in toks if not (_MODIFIER_RE.match(t) or _HYPHENATED_ADJ_RE.match(t))]
    return len(odd) <= 2 and all(_PRODUCT_CODE_RE.match(t) or _BRAND_LIKE_RE.match(t) or re.fullmatch(r"\d{3,5}", t)
                                 for t in odd)


# A provider's or platform's name between a count and the chip it counts ("8 AWS p4d A100 GPUs", "4 Lambda Labs RTX
# 6000 GPUs", "8 Azure NC-series V100 GPUs"): one or two name-like words (a capitalized word, an acronym, an
# instance-type code) right before a chip the hardware table knows and a device noun after it ("GPUs", "chips"), in
# running text (a table row's capitalized cells between a number and a chip are other columns; "8 Adam V100" is not
# a count).
_PLATFORM_TOKEN_RE = re.compile(r"^(?:[A-Z][a-z]+[A-Za-z]*|[A-Z]{2,5}|[a-z]{1,2}\d[a-z]{0,4}(?:[.-][\w-]+)?|[A-Z]{1,3}\d*-series)$")
_NOT_A_PLATFORM = {"The", "This", "These", "Those", "That", "In", "On", "At", "With", "For", "Of", "And", "Or", "Our", "We",
                   "Each", "All", "Both", "New", "Total", "Only", "Per", "To", "By", "From", "Using", "Via", "As", "A", "An",
                   "Table", "Figure", "Fig", "Section", "Sec", "Appendix", "Eq", "Epoch", "Epochs", "Step", "Steps", "Batch"}


def platform_names_ok(text: str, a: int, b: int, mentions) -> bool:
    """Between a number (ending at ``a``) and its noun or chip (at ``b``): one or two platform names right before a
    chip mention, and only modifiers after it."""
    m = next((mm for mm in mentions if a <= mm.start < b or (mm.start >= a and mm.end <= b + 1)), None)
    if m is None:
        return False
    toks = text[a:m.start].split()
    if not 1 <= len(toks) <= 2 or not all(_PLATFORM_TOKEN_RE.match(w) and w not in _NOT_A_PLATFORM for w in toks):
        return False
    return m.end >= b or tokens_between_ok(text, m.end, b, mentions)


# a hyphenated adjective ("water-cooled", "off-the-shelf", "NVLink-connected") is a modifier, but not one that
# says the devices are absent or not accelerators ("CPU-only", "GPU-less", "GPU-free")
_HYPHENATED_ADJ_RE = re.compile(r"^[A-Za-z]+(?:-[a-z]+)+$(?<!-only)(?<!-less)(?<!-free)")


_PRODUCT_CODE_RE = re.compile(r"^[A-Z]{1,4}-?\d{2,5}[A-Za-z]{0,3}$")
_BRAND_LIKE_RE = re.compile(r"^(?:Telsa|Nvida|NVDIA|Geforce|RTX|GTX|Titan|Radeon|Instinct|Ascend|Gaudi\d?|Habana|Huawei|Graphcore|Cerebras|Ampere|Ada)$",
                            re.I)


_UNKNOWN_CHIP = SimpleNamespace(kind="gpu", cores_per_chip=1, chip_id=None)
_UNKNOWN_NPU = SimpleNamespace(kind="npu", cores_per_chip=1, chip_id=None)  # Ascend, Gaudi: counted as unit 'other'


def _mentions(c: Ctx) -> list:
    """The chips a count can bind to: the hardware table's mentions and cards it does not know ("a single NVIDIA
    RTX 3050", "two RTX 4060"; named as written by ``chip_models.unknown_chips``), computed once per sentence."""
    got = c.__dict__.get("_count_mentions")
    if got is None:
        from .chip_models import unknown_chips, unknown_kind

        extra = [SimpleNamespace(start=a, end=b, text=c.text[a:b], family=name, exact_variant=False,
                                 chip=_UNKNOWN_CHIP if unknown_kind(name) == "gpu" else _UNKNOWN_NPU)
                 for a, b, name in unknown_chips(c)] if c.mentions is not None else []
        got = sorted(list(c.mentions) + extra, key=lambda m: m.start)
        c.__dict__["_count_mentions"] = got
    return got


def count_cands(c: Ctx, hardware, published) -> list[Cand]:
    """Every device count in a sentence: named slices and topologies, "8-GPU machines", a number bound
    to a device noun, one machine naming one GPU; then machines x devices per machine."""
    out: list[Cand] = []
    taken: list[tuple[int, int]] = []  # spans already read as part of a count
    out += _slice_cands(c, taken)
    out += _topology_cands(c, taken)
    out += _nxm_cands(c, taken)
    out += _ndash_cands(c, taken)
    out += _number_noun_cands(c, taken)
    out += _postfix_cands(c, out, taken)
    out += _number_of_cands(c, taken)
    out += _process_cands(c, taken)
    out += _one_box_cands(c, out, taken)
    out += _bare_singular_cands(c, out)
    out += _named_system_cands(c, out)
    out += _per_machine_aside_cands(c, out)
    out += _nway_cands(c, out)
    out += _setting_cands(c, out)
    out += _elliptic_cands(c, out, taken)
    out = [x for x in out if x.value > 0]  # (hw18) "0 GPUs" / "0 x 8 GPUs": no devices is no run's count
    _adjust_counts(c, out)
    _setup_table_row(c, out)
    return out


# (hw25) A second count whose device noun is the first one's, left out: "the base model is trained on 8 GPUs and the
# large model on 32", "8 GPUs for the small model and 32 for the large one", "4 GPUs, except for the largest model, which
# uses 16". Only a bare whole number after a preposition or verb of use (or "and N for the/our ..."), in a later clause
# (after "and", "while", "but", "except", "which", a comma or a semicolon), the clause ending right after it (a
# punctuation mark, "for", "each", "in total"), and no other job between ("tested on 1000.", "evaluated on 500").
_ELLIPTIC_RE = re.compile(
    r"(?i)(?:\b(?:and|while|whereas|but|except|which)\b|[,;])(?P<between>[^.;]{0,60}?)(?:"
    r"\b(?:on|uses?|using|used|requires?|required|needs?|needed|across|over)\s+(?:only\s+|about\s+|around\s+|roughly\s+)?"
    r"(?P<n>\d{1,6})(?=\s*(?:[.,;)]|$|for\b|each\b|in\s+total\b|during\b))"
    r"|(?<=and\s)(?P<n2>\d{1,6})(?=\s+for\s+(?:the|our|its)\b))")


def _elliptic_cands(c: Ctx, found: list[Cand], taken: list) -> list[Cand]:
    t = c.text
    sources = [x for x in found if x.unit in ("gpus", "tpu_chips", "tpu_cores", "other") and not x.extra.get("per_unit")
               and not x.extra.get("per_machine") and not any(w.startswith(VETO_PREFIX) for w in x.why)]
    if not sources or not re.search(r"\d", t):
        return []
    out: list[Cand] = []
    for src in sources:
        at = t.find(src.match)
        if at < 0:
            continue
        for written, a, b in elliptic_numbers(t, _ELLIPTIC_RE, at + len(src.match)):
            if any(x <= a < y for x, y in taken):
                continue
            k = int(written)
            n = q.Num(float(k), a, b, written)
            if k < 1 or k > 200000 or _not_a_count(t, n, _mentions(c)) or k == src.value:
                continue
            why = [w for w in src.why if not w.startswith("count ")]
            why.insert(0, f"count {written!r} + the device noun of {src.match!r} before it (left out)")
            out.append(Cand("chips", k, c.s.page, t, written, src.score - 0.2, why, unit=src.unit,
                            sent_index=c.s.index, extra={k2: v for k2, v in src.extra.items() if k2 == "chip_family"}))
            taken.append((a, b))
        break  # the first count's noun only
    return out


# (hw18) The degree of parallelism as the count: "8-way data parallelism on A100 GPUs", "64-way data parallel over TPU
# v3 cores", "32-way data parallelism and 4-way tensor parallelism on A100 GPUs" (the kinds multiply). Only when the
# sentence names an accelerator and no count of its own (a count stated with its noun says more: "4-way tensor
# parallelism within each 8-GPU node"), with a data-parallel degree (or a plain "N-way parallel") among the degrees
# ("8-way tensor parallelism on A100 GPUs" alone: the replicas are not said, and the devices are more), one degree per
# kind (several of one kind are a sweep: "from 8-way to 64-way"), every N-way of the sentence a degree, and not a
# degree within a machine ("4-way tensor parallelism within each node"). "a 3-way split", "5-way 1-shot", "2-way
# interactions": no parallelism named.
# (hw25) the degree may be spelled: "four-way data parallelism", "eight-way model parallel"
_WAY_WORDS = {"two": 2, "four": 4, "eight": 8, "sixteen": 16, "thirty-two": 32, "sixty-four": 64}
_WAY_N = r"\d{1,5}|" + "|".join(sorted(_WAY_WORDS, key=len, reverse=True))


def _way_degree(n: str) -> int:
    return int(n) if n.isdigit() else _WAY_WORDS[n.lower()]


_NWAY_RE = re.compile(
    rf"(?i)(?<![\w.-])(?P<n>{_WAY_N})[\s-]?way\s+(?P<kind>data|model|tensor|pipeline|expert|sequence|context|FSDP|ZeRO)?"
    r"(?:[\s-]*(?:and|/|,)\s*(?:data|model|tensor|pipeline|expert|sequence)\b)?[\s-]*"
    r"(?:parallel(?:ism|i[sz]ation|i[sz]ed)?|sharding|sharded|replicas?|replication)\b")
_NWAY_WITHIN_RE = re.compile(r"(?i)^[^,;.]{0,12}?\b(?:within|per|inside|in\s+each|on\s+each|across\s+the\s+\w+\s+of\s+(?:each|a))\s+"
                             r"(?:\w+\s+){0,2}?(?:node|machine|server|host|box|DGX\S*|worker|pod\s+slice)s?\b")
_NWAY_SWEEP_RE = re.compile(r"(?i)\b(?:from|between|vary\w*|ranging|sweep\w*|scal\w+)\b[^.;]{0,30}?\d+[\s-]?way\b[^.;]{0,15}?\b(?:to|and)\s+\d+[\s-]?way")


def _nway_cands(c: Ctx, found: list[Cand]) -> list[Cand]:
    t = c.text
    if found or "way" not in t or _NWAY_SWEEP_RE.search(t):
        return []
    devices, generic = _accelerators_named(c)
    if not devices and not generic:
        return []
    read = _parallel_degrees(t, _NWAY_RE.finditer(t), lambda m: (m.group("kind") or "any").lower(), lambda m: _way_degree(m.group("n")))
    if read is None:
        return []
    degrees, first, last = read
    if not degrees or len({_way_degree(n) for n in re.findall(rf"(?i)(?<![\w.-])({_WAY_N})[\s-]?way\b", t)}) > len(degrees):
        return []  # a degree not of a parallelism ("8-way and 16-way data parallelism", "5-way 1-shot"): which is the run
    if not set(degrees) & {"data", "fsdp", "zero", "any"}:
        return []  # only model/tensor/pipeline degrees: the replicas of the model (data parallelism) are not said
    total = math.prod(degrees.values())
    written = " x ".join(f"{k}-way {kind if kind != 'any' else ''}".strip() for kind, k in degrees.items())
    written += f" = {total}" if len(degrees) > 1 else ""
    return _parallel_degree_cand(c, devices, generic, total, first, last, first.group("n"), first.start() + len(first.group("n")),
                                 f"degree of parallelism {written}: one device each", written)


def _accelerators_named(c: Ctx) -> tuple[list, list]:
    """The GPU/TPU/NPU chips the sentence names, and its generic GPU/TPU nouns: what a parallelism's degree counts."""
    return ([mm for mm in _mentions(c) if mm.chip.kind in ("gpu", "tpu", "npu")],
            [g for g in c.generic if g[3] in ("gpu", "tpu")])


def _parallel_degrees(t: str, matches, kind_of, degree_of) -> tuple[dict[str, int], re.Match | None, re.Match | None] | None:
    """One degree per kind of parallelism from ``matches`` (N-way phrases or settings), with the first and the last
    match; None when a degree is within a machine (the machines' count is not said here) or a kind has two values (a
    sweep or a comparison): the shared reading of the N-way and the settings forms."""
    degrees: dict[str, int] = {}
    first = last = None
    for m in matches:
        if _NWAY_WITHIN_RE.match(t[m.end(): m.end() + 60]):
            return None
        kind, k = kind_of(m), degree_of(m)
        if kind in degrees and degrees[kind] != k:
            return None
        degrees[kind] = k
        first = m if first is None else first
        last = m
    return degrees, first, last


def _parallel_degree_cand(c: Ctx, devices: list, generic: list, total: int, first: re.Match, last: re.Match,
                          as_number: str, number_end: int, why: str, written: str) -> list[Cand]:
    """The count a run's parallelism says (``total`` devices, one per replica or process), bound to the accelerator
    the sentence names: the shared end of the N-way and the settings readings."""
    if total < 2 or total > 200000:
        return []
    t = c.text
    mention = devices[0] if devices else None
    dev_end = mention.end if mention is not None else generic[0][1]
    noun_m = re.match(r"(?i)[\s-]*(?P<noun>GPUs?|TPUs?|chips?|cores?|TensorCores?|accelerators?|devices?|cards?)\b", t[dev_end:])
    noun = noun_m.group("noun") if noun_m else ("" if mention is not None else generic[0][2])
    end = dev_end + (noun_m.end() if noun_m else 0)
    unit = unit_for(noun, mention, c, t[max(0, first.start() - 80): end + 80])
    if unit is None or unit == "machines":
        return []
    n = q.Num(float(total), first.start(), number_end, as_number)
    cand = _count_cand(c, n, max(end, last.end()), noun, mention, unit, None)
    cand.score -= 0.3
    cand.why.append(why)
    cand.extra["as_written"] = written
    return [cand]


# (hw19) The degree of parallelism written as a setting: "DP=8, TP=4 on H100 GPUs", "a data-parallel size of 64 on A100
# GPUs", "a data parallel degree of 16", "world size 32" (the processes of a distributed run: one device each). As for
# N-way: only with an accelerator named and no count of its own in the sentence, a data-parallel degree (or the world
# size) among the settings (TP/PP alone: the replicas are not said), one value per kind, not within a machine, not a
# sweep ("DP in {8, 16}", "data-parallel sizes of 8 to 64"). A world size is the total (the other degrees divide it).
_SETTING_KIND = (r"(?P<kind>DP|TP|PP|EP|SP|CP|MP|data|model|tensor|pipeline|expert|sequence|context)")
_SETTING_RE = re.compile(
    r"(?<![\w.-])(?:" + _SETTING_KIND + r"\s*[=:]\s*(?P<n>\d{1,5})(?![\w.,]\d|[\w.])"
    r"|(?P<kind2>data|model|tensor|pipeline|expert|sequence|context)[\s-]+parallel(?:ism|i[sz]ation)?(?:\s+\(\s*[A-Z]{2}\s*\))?[\s-]+"
    r"(?:size|degree|dimension|width|factor|group\s+size|rank)(?:\s+(?:of|is|was|=|:|set\s+to|equal\s+to))?\s*(?P<n2>\d{1,5})(?![\w.]|,\d)"
    r"|(?<!grid\s)(?P<kind3>world)[\s-]+size(?:\s+(?:of|is|was|=|:|set\s+to|equal\s+to))?\s*(?P<n3>\d{1,5})(?![\w.]|,\d)"
    r"(?=\s*(?:$|[,;:)\]]|\.(?!\d)|(?:for|and|with|in|on|to|during|using|over|across|at|GPUs?|TPUs?|processes|ranks|workers|devices)\b)))", re.I)
_SETTING_ABBR = {"dp": "data", "tp": "tensor", "pp": "pipeline", "ep": "expert", "sp": "sequence", "cp": "context", "mp": "model"}
_SETTING_SWEEP_RE = re.compile(r"(?i)(?:\bsizes\b|\bdegrees\b|[∈{]|\bfrom\s+\d+\s+to\s+\d+|\b(?:vary\w*|ranging|sweep\w*)\b)")


def _setting_cands(c: Ctx, found: list[Cand]) -> list[Cand]:
    t = c.text
    if found or _SETTING_SWEEP_RE.search(t):
        return []
    if not re.search(r"(?i)(?:DP|TP|PP|EP|SP|CP|MP)\s*[=:]|parallel|world", t):
        return []
    devices, generic = _accelerators_named(c)
    if not devices and not generic:
        return []

    def kind_of(m: re.Match) -> str:
        kind = (m.group("kind") or m.group("kind2") or m.group("kind3")).lower()
        return _SETTING_ABBR.get(kind, kind)

    read = _parallel_degrees(t, _SETTING_RE.finditer(t), kind_of, lambda m: int(m.group("n") or m.group("n2") or m.group("n3")))
    if read is None:
        return []
    degrees, first, last = read
    if not degrees or not set(degrees) & {"data", "world"}:
        return []  # only model/tensor/pipeline settings: the replicas are not said
    abbreviated = [m for m in _SETTING_RE.finditer(t) if m.group("kind")]
    if abbreviated and (re.search(r"(?i)privacy|[εϵ]|epsilon", t) or (
            len(abbreviated) < 2 and not re.search(r"(?i)parallel|shard", t))):
        return []  # "DP=8" alone: differential privacy, a dropout ... (two settings or 'parallel' say it is parallelism)
    if "world" in degrees:
        total = degrees["world"]
        if total % math.prod(k for kind, k in degrees.items() if kind != "world"):
            return []  # the degrees do not divide the world size: not one run's settings
    else:
        total = math.prod(degrees.values())
    nstr = next(g for g in (first.group("n"), first.group("n2"), first.group("n3")) if g)
    written = ", ".join(f"{kind}={k}" for kind, k in degrees.items()) + f" = {total}"
    return _parallel_degree_cand(c, devices, generic, total, first, last, nstr, first.start() + len(first.group(0)),
                                 f"parallelism setting {written}: one device each", written)


# A setup/hyperparameter table's hardware row: "Hardware 8x NVIDIA A100 (40GB)", "Compute: 256 TPU v3 cores",
# "Accelerators 4 x RTX 3090". A table row has no training words; its label says what it is.
# (hw26) also the reproducibility checklists' labels: "Computing infrastructure", "Computational resources", "Compute
# platform", "Hardware setup/configuration"
_SETUP_LABEL = (r"(?:training\s+)?(?:(?:comput(?:e|ing|ational)\s+)?(?:infrastructure|resources?|hardware|platform)|"
                r"hardware(?:\s+(?:setup|configuration|platform))?|compute|accelerators?|devices?)")
_SETUP_ROW_RE = re.compile(r"^\s*" + _SETUP_LABEL +
                           r"(?:\s+used)?\s*[:(]?\s*(?=\d|(?:[A-Za-z][\w-]*\s+){0,2}\w+\s*\d)", re.I)


# (hw25) The same label ending in a colon in running text: a setup list or a paragraph's run-in heading ("Hardware: 8
# NVIDIA A100 GPUs.", "GPUs: 4x RTX 3090", "Compute resources: 64 TPU v3 chips"); not a line about inference.
_SETUP_LINE_RE = re.compile(r"^\s*(?:" + _SETUP_LABEL + r"|GPUs?|TPUs?)(?:\s+used)?\s*:", re.I)


def _setup_table_row(c: Ctx, out: list[Cand]) -> None:
    if not out or not ((table_like(c) and _SETUP_ROW_RE.match(c.text))
                       or (_SETUP_LINE_RE.match(c.text) and not c.infer and not c.neighbor_infer)):
        return
    whole = [x for x in out if not x.extra.get("per_unit") and x.unit != "machines"]
    if len(whole) != 1:
        return  # several values: a comparison across columns, not one setup
    whole[0].score += 1.5
    whole[0].why.append("the hardware row of a setup table")


def _slice_cands(c: Ctx, taken: list) -> list[Cand]:
    """Slices: "TPU v3-8", "v3-512 pod" (cores for chips with 2 cores per chip)."""
    out = []
    for mm in c.mentions:
        if mm.chip.kind != "tpu":
            continue
        sm = _SLICE_RE.search(mm.text)
        if not sm:
            continue
        k = int(sm.group(2))
        unit = "tpu_cores" if mm.chip.cores_per_chip > 1 else "tpu_chips"
        why = [f"TPU slice name {mm.text!r} counts {'cores' if unit == 'tpu_cores' else 'chips'}"]
        sc = score_context(c, why) + 0.8
        out.append(Cand("chips", k, c.s.page, c.text, mm.text, sc, why, unit=unit,
                        extra={"chip_family": mm.family}, sent_index=c.s.index))
        taken.append((mm.start, mm.end))
    return out


def _topology_cands(c: Ctx, taken: list) -> list[Cand]:
    """"a 4x4 TPU pod", "an 8x8 TPUv3 slice": a pod topology counts chips."""
    out = []
    t = c.text
    for m in re.finditer(r"(?<![\w.])(\d+)\s*x\s*(\d+)(?:\s*x\s*(\d+))?\s+(?:Cloud\s+)?TPU", t, re.I):
        k = int(m.group(1)) * int(m.group(2)) * (int(m.group(3)) if m.group(3) else 1)
        why = [f"TPU topology {m.group(0).strip()!r} = {k} chips"]
        sc = score_context(c, why, m.group(0), m.start()) + 0.5
        sc += local_role(t, m.start(), m.end(), why)
        out.append(Cand("chips", k, c.s.page, t, m.group(0).strip(), sc, why, unit="tpu_chips", sent_index=c.s.index))
        taken.append((m.start(), m.end()))
    return out


# "2x8 A100 GPUs", "4 x 8 V100 GPUs": machines x devices per machine written as a product before the devices
# (not a batch, a grid or a resolution: "a batch of 32 x 8 GPUs", "a 3x3 kernel", "224x224 images"; a third
# factor or a unit after the second number is no device product: "2x8x8", "8x32GB").
_NXM_RE = re.compile(r"(?<![\w.x×*])(?P<a>\d{1,4})\s*[x×*]\s*(?P<b>\d{1,4})(?![\w.,]|\s*[x×*]\s*\d)")
_NXM_NOT_BEFORE_RE = re.compile(r"(?i)\b(?:batch(?:es)?|size|sizes|resolution|grid|kernels?|filters?|patch(?:es)?|crops?|"
                                r"images?|inputs?|pixels?|matri(?:x|ces)|tiles?|array|mesh|of\s+size)\s*(?:of\s+|is\s+|=\s*|:\s*)?$")
_NXM_DEVICE_NOUN_RE = re.compile(r"(?i)^(?:GPUs?|GPU-?s|TPUs?|IPUs?|NPUs?|HPUs?|graphics\s+cards?|cards?|accelerators?)$")


def _nxm_cands(c: Ctx, taken: list) -> list[Cand]:
    """"2x8 A100 GPUs", "4 x 8 NVIDIA V100 GPUs" (machines x devices each): the product is the count."""
    out = []
    t = c.text
    for m in _NXM_RE.finditer(t):
        if any(a <= m.start() < b for a, b in taken) or _NXM_NOT_BEFORE_RE.search(t[max(0, m.start() - 30): m.start()]):
            continue
        a, b = int(m.group("a")), int(m.group("b"))
        if a < 1 or b < 1 or a * b > 200000:
            continue
        m_noun, mention = _bind(c, m.end())
        if mention is None and (m_noun is None or not _NXM_DEVICE_NOUN_RE.match(m_noun.group("noun"))):
            continue  # "2 x 8 cores", "4x8 nodes": not accelerators counted as a product
        if mention is not None and mention.chip.kind not in ("gpu", "tpu", "npu"):
            continue
        if m_noun is not None and not noun_is_head(t, m_noun, c):
            continue
        end = max(m_noun.end() if m_noun is not None else 0, mention.end if mention is not None else 0)
        noun_text = m_noun.group("noun") if m_noun is not None else ""
        around = t[max(0, m.start() - 80): end + 80]
        unit = unit_for(noun_text, mention, c, around)
        if unit is None or unit == "machines":
            continue
        n = q.Num(float(a * b), m.start(), m.end(), m.group(0))
        cand = _count_cand(c, n, end, noun_text, mention, unit, None)
        cand.why.append(f"product {a} x {b} = {a * b} (machines x devices each)")
        cand.extra["as_written"] = f"{m.group(0)} = {a * b}"
        out.append(cand)
        taken.append((m.start(), end))
    return out


def _ndash_cands(c: Ctx, taken: list) -> list[Cand]:
    """"an 8-GPU machine", "two 8-GPU servers", "a 512-core TPU pod"."""
    out = []
    t = c.text
    if not _NDASH_HINT.search(t):
        return out
    for m in _NDASH_DEVICE_RE.finditer(t):
        spelled = not m.group("n").isdigit()
        if spelled and m.group("dev").lower() not in ("gpu", "card"):
            continue
        k = _DEVICES_WORDS[m.group("n").lower()] if spelled else int(m.group("n"))
        mult = q.parse_number(m.group("m")) if m.group("m") else 1.0
        if mult is None or mult != int(mult):
            mult = 1.0
        dev = m.group("dev").lower()
        around = t[max(0, m.start() - 60): m.end() + 60]
        if dev == "core":
            unit = "tpu_cores" if TPU_CONTEXT_RE.search(around) else ("cpu_cores" if CPU_CONTEXT_RE.search(around) else None)
            if unit is None and c.train and m.group("what") and re.match(r"(?i)machine|node|server|workstation|computer|host|instance|box|system",
                                                             m.group("what")) and not accelerator_named(c):
                unit = "cpu_cores"  # "trained on a 40-core machine": a machine's cores are CPU cores when no accelerator is named
        elif dev == "chip":
            unit = "tpu_chips" if TPU_CONTEXT_RE.search(around) else "other"
        elif dev == "tpu":
            unit = "other"
        else:
            unit = "gpus"
        if unit is None:
            continue
        total = int(k * mult)
        why = [f"'{m.group(0).strip()}'" + (f" = {int(mult)} x {k}" if mult > 1 else "")]
        sc = score_context(c, why, m.group(0), m.start()) + 0.3
        sc += local_role(t, m.start(), m.end(), why)
        if not m.group("what") and re.match(r"(?i)\s*(?:implementations?|versions?|code(?:base)?|variants?|support)\b", t[m.end():]):
            sc -= 1.5  # "an 8-GPU implementation", "the 4-GPU version": a property of the code, not the run
            why.append("describes an implementation, not the run")
        out.append(Cand("chips", total, c.s.page, t, m.group(0).strip(), sc, why, unit=unit, sent_index=c.s.index))
        taken.append((m.start(), m.end()))
    return out


def _numbers(t: str) -> list[q.Num]:
    """The numbers of a sentence, and "a"/"an" (counts only right before a chip mention or device noun)."""
    nums = q.find_numbers(t)
    for m in re.finditer(r"\b(?:a\s+pair\s+of|dual|twin)\b(?!-)", t, re.I):  # "a pair of GTX 1080 Ti GPUs", "dual RTX 2080 Ti GPUs"
        if not any(n.start <= m.start() < n.end for n in nums):
            nums.append(q.Num(2.0, m.start(), m.end(), m.group(0), True))
    for m in re.finditer(r"\b(?:a|an)\b", t, re.I):
        if any(n.start <= m.start() < n.end for n in nums):
            continue
        nums.append(q.Num(1.0, m.start(), m.end(), m.group(0), True))
    nums.sort(key=lambda n: n.start)
    # (hw25) "eight (8) NVIDIA A100 GPUs": a spelled count restated in digits is one number
    for k, n in enumerate(nums):
        m = re.match(r"\s*\(\s*(\d{1,5})\s*\)", t[n.end:])
        if n.spelled and m and float(m.group(1)) == n.value:
            nums[k] = q.Num(n.value, n.start, n.end + m.end(), t[n.start: n.end + m.end()], True)
    nums = [n for n in nums if not any(o.spelled and o.start < n.start < o.end for o in nums)]
    return nums


# A number right after a product line is the model's number, not a count ("RTX 2080 GPUs", "EPYC 7313
# CPUs", "GeForce 8800 GPU", "Core i7 9700").
_PRODUCT_LINE_RE = re.compile(
    r"\b(?:RTX|GTX|GT|GeForce|Quadro|Titan|Tesla|Radeon|Instinct|MI|EPYC|Xeon|Ryzen|Threadripper|Core|i[3579]|Opteron|"
    r"Athlon|Pentium|Celeron|Arc|Jetson|Gaudi|Ascend|Snapdragon|Exynos|Kirin|Atlas|Platinum|Gold|Silver|Bronze|"
    r"E[357]-?|W-?|Apple\s+M|Intel|AMD|NVIDIA)\s*$", re.I)


def _not_a_count(t: str, n: q.Num, mentions=()) -> bool:
    """Numbers that are not counts whatever follows: sizes ("16GB"), ordinals, percentages, references
    ("Table 3"), names ("v3-8", "RTX 2080", a number inside a chip's name), products ("2 x 8")."""
    after = t[n.end: n.end + 90]
    before = t[max(0, n.start - 25): n.start]
    if any(mm.start <= n.start < mm.end for mm in mentions):
        return True
    if not n.spelled and _PRODUCT_LINE_RE.search(before):
        return True
    if n.value <= 0 or n.value != int(n.value) or n.value > 200000:
        return True
    if re.match(r"[A-Za-z]", after) and not re.match(r"x\b|x\s|x[A-Z]", after):
        return True  # "16GB", "3D", "2nd"
    if re.match(r"^\s*(?:%|\.\d|,\d{3}|\^|\))", after):
        return True
    if re.search(r"(?:\bper|/|\bTable|\bFig\.?|\bFigure|\bSection|\bSec\.|\bEq\.?|#|\bv|\bx|×|\bof\s+the)\s*$", before, re.I) and not re.search(r"(?:\bx|×|\b(?:each|all|both)\s+of\s+the)\s*$", before, re.I):
        return True
    range_before = re.search(r"(?<![\w.-])\d[\d,]*\s*(?:-|to)\s*$", before)
    if re.search(r"(?<![\w.-])\d[\d,]*\s*(?:,\s*)?or\s*$", before):
        return True  # "8 or 16 GPUs": the first alternative is taken
    if (re.search(r"[-\d.]$", before) and not range_before) or re.search(r"\d\s*[x×]\s*$", before):
        return True  # part of a name or product ("v3-8", "2 x 8")
    return False


_SECOND_NOUN_RE = re.compile(r"[\s-]+(?P<noun>chips?|cores?|TensorCores?|cards?|devices?|machines?|nodes?|servers?|workstations?|boards?)\b",
                             re.I)


# a machine-like noun that begins a hyphenated adjective ("server-grade", "desktop-class", "node-local"), not a
# device-time product ("core-hours", "node-days") nor a count's own hyphen ("8-GPU")
_COMPOUND_ADJ_AFTER_RE = re.compile(r"-(?!(?:hours?|days?|weeks?|months?|years?|h|d|seconds?|minutes?|time)\b)[a-z]{2,}")


def _bind(c: Ctx, n_end: int):
    """The device noun and/or chip mention a number counts: the first noun after it with only modifiers
    or mentions in between ("8 x 32GB NVIDIA Tesla V100 GPUs"); (noun match, mention)."""
    t = c.text
    m_noun = None
    for nm in NOUN_RE.finditer(t, n_end, min(len(t), n_end + 80)):
        if any(mm.start <= nm.start() < mm.end for mm in _mentions(c)):
            continue  # "TPU" inside "TPU v3": the noun comes after the name
        if re.search(r"[A-Za-z]{2}$", t[max(0, nm.start() - 2):nm.start()]):
            continue  # (hw19) the end of another word: "core" in "Graphcore", "chip" in "microchip" ("8xGPUs", "vCPUs" stay nouns)
        if _COMPOUND_ADJ_AFTER_RE.match(t, nm.end()) and not re.match(r"(?i)[GTINH]PU", nm.group("noun")):
            continue  # "16 server-grade A100 GPUs", "8 workstation-class cards": the noun is part of an adjective
        if tokens_between_ok(t, n_end, nm.start(), _mentions(c)) or (
                c.s.kind != "table" and platform_names_ok(t, n_end, nm.start(), _mentions(c))) or (
                nm.group("noun").lower().rstrip("s") in MACHINE_NOUNS and machine_adjectives_ok(t[n_end:nm.start()])
                and (nm.group("noun").lower().rstrip("s") != "node" or per_machine(t, nm.end()) is not None
                     or t[n_end:nm.start()].split() in (["compute"], ["computing"]))):
            m_noun = nm
        break
    mention = None
    for mm in _mentions(c):
        if mm.start >= n_end and (m_noun is None or mm.end <= m_noun.start() + 1) and (
                tokens_between_ok(t, n_end, mm.start, _mentions(c))
                or (m_noun is not None and c.s.kind != "table" and platform_names_ok(t, n_end, mm.end, _mentions(c)))):
            mention = mm
            break
    if m_noun is not None:
        nxt = _SECOND_NOUN_RE.match(t, m_noun.end())
        if nxt:
            second = nxt.group("noun").lower()
            if not (second.rstrip("s") in MACHINE_NOUNS and not second.endswith("s")):
                m_noun = nxt  # "64 TPU chips", "8 GPU servers"; but "an 8 GPU machine" counts GPUs
    return m_noun, mention


_BOX_AFTER_RE = re.compile(r"(?i)[\s-]*(?:systems?|servers?|machines?|nodes?|box(?:es)?|workstations?|clusters?|instances?|pods?|hosts?)\b")


# a count of devices, then a list naming them one by one: "2 GPUs, a Titan X and a Titan Xp", "two cards (an RTX 3090 and
# an RTX 4090)"
_LISTED_AFTER_COUNT_RE = re.compile(r"(?i)\b(?:\d{1,3}|two|three|four)\s+(?:[\w-]+\s+){0,2}?(?:GPUs|cards|devices|accelerators)\s*"
                                    r"(?:[,:(]|\bnamely\b)\s*(?:(?:a|an|one)\s+[^,;()]{1,30}?(?:,\s*|\s+and\s+|,\s*and\s+))*$")


# (hw26) Words that say what class of device the one card is ("a consumer-grade RTX 3060", "a modern NVIDIA GPU", "a
# high-end A100"): "a/an" before them still counts one device. The words that set the device apart from the run's
# ("a separate / different / dedicated / second / larger GPU") are not here: those stay vetoed.
_DEVICE_CLASS_ADJ_RE = re.compile(
    r"(?i)^(?:consumer(?:-grade|-level|-class)?|commodity|modern|standard|high-end|low-end|mid-range|desktop|laptop|"
    r"ordinary|regular|cheap|inexpensive|affordable|off-the-shelf|entry-level|gaming|contemporary|powerful|recent)[,]?$")


def _number_noun_cands(c: Ctx, taken: list) -> list[Cand]:
    """A number bound to a device noun or chip mention: "8 NVIDIA P100 GPUs", "eight GPUs", "a single
    GTX 580", "128-256 TPUv4 chips" (midpoint), "8 or 16 GPUs" (the first), "4 machines with 8 GPUs each"."""
    t = c.text
    out: list[Cand] = []
    products = q.find_chip_time(t)
    for n in _numbers(t):
        if any(a <= n.start < b for a, b in taken):
            continue
        veto = None
        if _not_a_count(t, n, _mentions(c)):
            if not KEEP_VETOED.on:
                continue
            veto = "not a count (a size, name, reference, ordinal ...)"
        alt = re.match(r"\s*(?:,\s*)?or\s+(?P<b>\d[\d,]*)(?=\s)", t[n.end:])
        n_end = n.end + alt.end() if alt else n.end
        m_noun, mention = _bind(c, n_end)
        if m_noun is None and mention is None:
            continue
        if m_noun is None:
            end = mention.end  # the mention itself is the noun ("two NVIDIA GTX1080TI")
            noun_text = ""
        else:
            end = m_noun.end()
            noun_text = m_noun.group("noun")
            if mention is not None and mention.end > m_noun.end():
                end = mention.end
        if n.spelled and re.match(r"(?i)a\s+pair|dual|twin", n.text) and not (
                (mention is not None and mention.chip.kind in ("gpu", "tpu")) or re.match(r"(?i)[GT]PU|card", noun_text)):
            if not KEEP_VETOED.on:
                continue  # "dual Xeon CPUs", "a pair of servers": a machine's description, not the accelerators of a run
            veto = veto or "a machine's description (dual, a pair)"
        if n.text.lower() in ("a", "an"):
            if mention is not None and mention.chip in (_UNKNOWN_CHIP, _UNKNOWN_NPU):
                if not KEEP_VETOED.on:
                    continue  # "a"/"an" + a card the table does not know: too weak alone ("a single", "one" still count)
                veto = veto or "a/an + an unknown card"
            first = mention.start if mention is not None else m_noun.start()
            between = t[n.end:first].split()
            # (a product code is no lower-case word: "an Intel i9 CPU", "an i7-8700 CPU")
            lower = [w for w in between if not re.match(r"[A-Z0-9]|[a-z]\d", w) and not _DEVICE_CLASS_ADJ_RE.match(w)]
            if lower or not c.train:
                if not KEEP_VETOED.on:
                    continue  # "a separate GPU", "we use a V100": not a count of a training run
                veto = veto or ("a/an: not a count of a run (a lower-case word before the device)" if lower
                                else "a/an: not a count of a run (no training cue in the sentence)")
            if _LISTED_AFTER_COUNT_RE.search(t[:n.start]):
                if not KEEP_VETOED.on:
                    continue  # (hw25) "2 Nvidia GPUs, a Titan X and a Titan Xp": one of the devices counted before
                veto = veto or "a/an: one of a list naming the devices counted before"
            if products:
                if not KEEP_VETOED.on:
                    continue  # "4 GPU hours to train each probe on an A6000": the time is a product, not one device's
                veto = veto or "a/an beside a product"
            if mention is not None and end == mention.end and (any(re.match(r"(?i)[DH]GX", w) for w in between)
                                                               or _BOX_AFTER_RE.match(t, end)):
                if not KEEP_VETOED.on:
                    continue  # "an NVIDIA DGX A100 system with 8 GPUs", "a V100 server": one machine, not one chip
                veto = veto or "a/an: one machine"
        if (mention is not None and end == mention.end and n.text.lower() not in ("a", "an")
                and any(re.match(r"(?i)[DH]GX", w) for w in t[n.end:mention.start].split())):
            # (hw19) "two DGX A100 systems", "one DGX H100": the systems are counted (8 GPUs each: the named
            # system's count), not the chip named inside the system's name
            if not KEEP_VETOED.on:
                continue
            veto = veto or "a count of systems named by their chip (DGX A100)"
        if any(p.start <= n.start < p.end for p in products):
            if not KEEP_VETOED.on:
                continue  # "110k TPU-v4 core hours" is a product, not a count
            veto = veto or "part of a device-time product"
        if m_noun is not None and not noun_is_head(t, m_noun, c):
            if not KEEP_VETOED.on:
                continue
            veto = veto or "the noun is not the head"
        around = t[max(0, n.start - 80): end + 80]
        unit = unit_for(noun_text, mention, c, around)
        if unit is None:
            if not KEEP_VETOED.on:
                continue
            veto, unit = veto or "no device unit", "other"
        if noun_text and noun_text.lower().rstrip("s") in ("replica", "worker") and not re.search(r"GPU|TPU|CPU|machine|node|core",
                                                                                              around, re.I) \
                and per_machine(t, end) is None:  # (hw25) "128 workers, each with one V100": the devices each holds
            if not KEEP_VETOED.on:
                continue
            veto = veto or "replicas/workers of no device"
        cand = _count_cand(c, n, end, noun_text, mention, unit, alt)
        if veto is None and (cand.unit == "machines" or (cand.unit == "other" and cand.value == 1 and noun_text
                                                          and re.match(r"(?i)CPU|processor", noun_text))):
            # (hw27) also one CPU with its cores: "an AMD EPYC CPU with 64 cores" is 64 CPU cores
            cand = _machines_times_devices(c, cand, n, end, around, taken)
        if cand.unit == "machines" and cand.value == 1:
            if not KEEP_VETOED.on:
                continue  # "a workstation", "one machine": says nothing about the number of devices
            veto = veto or "one machine"
        if veto is not None:
            cand.score -= VETO_PENALTY
            cand.why.append(VETO_PREFIX + veto)
            out.append(cand)
            continue
        out.append(cand)
        taken.append((n.start, end))
    return out


# (hw19) A count written after the device, as a multiplier: "A100 x 8", "V100 × 4", "NVIDIA A100 (80GB) ×8", "RTX 3090 * 2",
# "GPU: A100 (x8)". Only an integer right after the name (and its memory size) that ends the phrase (a clause's end, a
# preposition, "and"): "A100 x 2 faster", "V100 x 32GB", "A100 x 8 hours", "per GPU x 8" are no count.
_POSTFIX_RE = re.compile(
    r"(?i)(?:[\s-]*(?:GPUs?|cards?|chips?|accelerators?|devices?))?(?:\s*[(\[]\s*\d+\s*(?:GB|G|GiB)\s*[)\]])?\s*"
    r"(?:[x×*]\s*(?P<n>\d{1,5})|\(\s*[x×*]\s*(?P<p>\d{1,5})\s*\)"
    # "V100 GPUs (8 in total)", "A100 GPUs, 64 in total"
    r"|[(,]\s*(?P<t>\d{1,5})\s+(?:in\s+total|total|altogether|overall|in\s+all)\b\)?)"
    r"(?=\s*(?:$|[,;:)\]|/]|\.(?!\d)|(?:for|and|with|in|on|to|during|which|that|using|over|under|within|at|each|per|GPUs?|cards?|devices?)\b))")
_POSTFIX_NOT_BEFORE_RE = re.compile(r"(?i)(?:\bper|\beach|\bevery|/)\s*(?:\w+\s+)?$")


def _postfix_cands(c: Ctx, found: list[Cand], taken: list) -> list[Cand]:
    t = c.text
    if not re.search(r"[x×*]\s*\(?\s*\d|\d\s+(?:in\s+total|total|altogether|overall|in\s+all)\b", t):
        return []
    out = []
    heads = [(mm.start, mm.end, mm) for mm in _mentions(c) if mm.chip.kind in ("gpu", "tpu", "npu")]
    heads += [(g[0], g[1], None) for g in c.generic if g[3] in ("gpu", "tpu")
              and not any(mm.start <= g[0] < mm.end for mm in _mentions(c))]
    for start, stop, mention in sorted(heads, key=lambda h: h[0]):
        m = _POSTFIX_RE.match(t, stop)
        if m is None or any(a <= start < b or a < m.end() <= b for a, b in taken):
            continue
        if _POSTFIX_NOT_BEFORE_RE.search(t[max(0, start - 20): start]) or re.search(r"[x×*]\s*$", t[max(0, start - 6): start]):
            continue  # "32 per GPU x 8", "8 x A100 x 2": not a count of this phrase
        k = int(m.group("n") or m.group("p") or m.group("t"))
        if k < 1 or k > 200000:
            continue
        noun = "" if mention is not None else t[start:stop]
        nm = re.match(r"(?i)[\s-]*(?P<noun>GPUs?|cards?|chips?|accelerators?|devices?)\b", t[stop:m.end()])
        if nm:
            noun = nm.group("noun")
        unit = unit_for(noun, mention, c, t[max(0, start - 80): m.end() + 80])
        if unit is None or unit == "machines":
            continue
        n = q.Num(float(k), start, m.end(), m.group("n") or m.group("p") or m.group("t"))
        cand = _count_cand(c, n, m.end(), noun, mention, unit, None)
        cand.why.append(f"count written after the device ({t[start:m.end()].strip()!r})")
        out.append(cand)
        taken.append((start, m.end()))
    return out


# (hw19) The count stated as the value of "the number of <devices>": "The number of GPUs used for training is 8", "the
# total number of TPU chips was 256", "number of nodes: 4" (machines). The number right after the verb, not a change
# ("is increased from 8 to 16"), a factor ("is 4 times"), a share, nor a comparison ("is 8 in [3]" stays a count: the
# rules judge whose).
_NUMBER_OF_RE = re.compile(
    r"(?i)\bnumber\s+of\s+(?P<noun>(?:TPU\s+)?(?:GPUs|TPUs|chips|cores|accelerators|devices|cards|nodes|machines|servers|workers|"
    r"IPUs|NPUs|HPUs))\b(?P<mid>[^.;:\d]{0,40}?)\s*(?:\b(?:is|was|are|were|equals?|amounts?\s+to)\b|=|:)\s*"
    r"(?:(?:set\s+to|fixed\s+(?:at|to)|about|around|approximately|roughly|only|just)\s+)?(?P<n>\d{1,5})(?!\d|[,.]\d)"
    r"(?![A-Za-z])(?!\s*(?:%|times\b|x\b|×|-?fold\b|to\s+\d|or\s+\d|and\s+\d|-\s*\d|per\b|GB\b|G\b))")


def _number_of_cands(c: Ctx, taken: list) -> list[Cand]:
    t = c.text
    if "umber of" not in t:
        return []
    out = []
    for m in _NUMBER_OF_RE.finditer(t):
        if any(a <= m.start("n") < b for a, b in taken) or re.search(r"(?i)\b(?:from|between|increas\w*|decreas\w*|vary\w*|rang\w*)\b", m.group("mid")):
            continue
        k = int(m.group("n"))
        if k < 1 or k > 200000:
            continue
        noun = m.group("noun").split()[-1]
        unit = unit_for(noun, None, c, t[max(0, m.start() - 80): m.end() + 80])
        if unit is None:
            continue
        n = q.Num(float(k), m.start(), m.end(), m.group("n"))
        cand = _count_cand(c, n, m.end(), m.group("noun"), None, unit, None)
        cand.why.append(f"the number of {m.group('noun')} stated as a value")
        out.append(cand)
        taken.append((m.start(), m.end()))
    return out


# (hw19) Processes of a distributed run, one per device: "32 processes, one per GPU", "64 GPU processes", "8 ranks
# (one on each GPU)". A process count alone ("4 data-loading processes", "16 worker processes") is no device count.
_PROCESS_RE = re.compile(
    r"(?i)(?<![\w.,-])(?P<n>\d{1,5})\s+(?:(?P<dev>GPU|TPU)\s+|(?:training|distributed|data-?parallel|DDP|MPI)\s+)?"
    r"(?:processes|ranks)\b(?P<per>\s*[(,]?\s*(?:one|1|each|a\s+single)\s+(?:process\s+)?(?:per|on\s+(?:a|one|each|its\s+own))\s+"
    r"(?:GPU|TPU|device|accelerator|card)\b)?")


def _process_cands(c: Ctx, taken: list) -> list[Cand]:
    t = c.text
    if "rocess" not in t and "ranks" not in t:
        return []
    out = []
    for m in _PROCESS_RE.finditer(t):
        if not (m.group("dev") or m.group("per")) or any(a <= m.start() < b for a, b in taken):
            continue
        k = int(m.group("n"))
        if k < 1 or k > 200000:
            continue
        kind = m.group("dev") or re.search(r"(?i)GPU|TPU|device|accelerator|card", m.group("per")).group(0)
        noun = "GPU" if kind.upper() in ("GPU", "CARD") else kind
        unit = unit_for(noun, None, c, t[max(0, m.start() - 80): m.end() + 80])
        if unit is None or unit == "machines":
            continue
        n = q.Num(float(k), m.start(), m.start() + len(m.group("n")), m.group("n"))
        cand = _count_cand(c, n, m.end(), noun, None, unit, None)
        cand.extra["per_unit"] = False
        cand.why.append("processes of a distributed run, one per device")
        out.append(cand)
        taken.append((m.start(), m.end()))
    return out


# A count stated per unit of another: "8 TPUv3 devices (each with 2 cores)", "16 chips, each having 2 cores"
# (after 'each ... with/has'), "each of our 8 servers has 8 V100 GPUs" (the servers are counted too: 64).
_EACH_VERB = (r"(?:with|having|has|have|had|contains?|containing|hosts?|hosting|equipped\s+with|is\s+equipped\s+with|"
              r"comprising|consisting\s+of|holds?|holding|features?|featuring|uses|using|runs|running)")
_EACH_BEFORE_RE = re.compile(rf"(?i)(?:^|[\s(,;])each(?:\s+(?:one|device|chip|card|accelerator|GPU|TPU|node|machine|server|host|worker))?"
                             rf"\s*(?:(?:of\s+which)\s+)?,?\s*{_EACH_VERB}\s+(?:\w+\s+)?$")
_EACH_OF_RE = re.compile(rf"(?i)\beach\s+of\s+(?:the|our|these|those|its|their|all)?\s*(?P<k>{q.NUMBER})\s+"
                         rf"(?:[\w-]+\s+)?(?:machines|servers|nodes|hosts|workers|instances|workstations|computers|boxes|systems|"
                         rf"DGX\S*)\s+(?:\w+\s+)?{_EACH_VERB}\s+(?:\w+\s+)?$")


# the reasons a count is another job's devices (the ranker reads them as job:other)
OTHER_JOB_DEVICES_WHY = "the devices of a job that is not training"
MEASUREMENT_DEVICES_WHY = "the devices of a measurement (time/speed measured on ...), not of the run"
OTHER_JOB_COUNT_PENALTY = 1.0
OTHER_JOB_COUNT_WHY = "another job's devices: the sentence's duration is not theirs"


def _count_cand(c: Ctx, n: q.Num, end: int, noun_text: str, mention, unit: str, alt) -> Cand:
    t = c.text
    match_text = t[n.start:end]
    why = [f"count {n.text!r} + {noun_text or mention.text!r}"]
    if alt:
        why.append(f"alternatives {n.text} or {alt.group('b')}: the first")
    value = int(n.value)
    low = high = None
    # ranges: "128-256 TPUv4 chips" (midpoint)
    rm = re.search(r"(?<![\w.-])(?P<a>\d[\d,]*)\s*(?:-|to)\s*$|\bbetween\s+(?P<a2>\d[\d,]*)\s+and\s+$",
                   t[max(0, n.start - 24): n.start])
    if rm:
        a = q.parse_number(rm.group("a") or rm.group("a2"))
        if a and a < value:
            low, high = a, float(value)
            value = (a + value) / 2
            value = int(value) if value == int(value) else value
            match_text = t[n.start - len(rm.group(0)): end]
            why.append(f"range {int(a)}-{int(high)}: midpoint")
    sc = score_context(c, why, match_text, n.start - len(rm.group(0)) if rm else n.start)
    if OTHER_CLAUSE_WHY in why and c.durations:
        # "We train the model for 3 days, and the simulation runs on 64 CPU cores": the sentence's duration is the
        # training clause's (or the other job's own), no support for the other job's devices (cancels the +1.0
        # the choice gives a count stated with a duration)
        sc -= OTHER_JOB_COUNT_PENALTY
        why.append(OTHER_JOB_COUNT_WHY)
    if n.text.lower() in ("a", "an"):
        sc -= 0.6
        why.append("'a' as count")
    if mention is not None:
        sc += CHIP_NAMED_BONUS
    sc += local_role(t, n.start, end, why)
    if in_comparison(t, n.start):
        sc -= 1.5
        why.append("in a comparison with other work")
    if re.search(r"(?i)\b(?:remaining|additional|other|extra|another|first|last|spare|idle)\s*$", t[max(0, n.start - 20): n.start]):
        sc -= 0.8
        why.append("a subset of the devices")
    sc += _count_role_before(t, rm.start() + max(0, n.start - 24) if rm else n.start, why, end)
    per = _PER_RE.match(t[end: end + 40])
    before = t[max(0, n.start - 80): n.start]
    each_of = _EACH_OF_RE.search(before)
    if not per and (each_of or _EACH_BEFORE_RE.search(before)):
        per = True  # "8 TPUv3 devices (each with 2 cores)", "each of our 8 servers has 8 GPUs": per unit
    if per:
        sc -= 0.6
        why.append(f"per {per.group('what') or 'unit'}" if per is not True else "per unit ('each ... with/has')")
    if c.aggregate and c.durations:
        sc -= 2.5
        why.append("the devices of a whole set of experiments")
    cand = Cand("chips", value, c.s.page, t, match_text, sc, why, unit=unit, low=low, high=high,
                extra={"chip_family": mention.family} if mention is not None else {}, sent_index=c.s.index)
    cand.extra["per_unit"] = bool(per)
    if per:
        cand.extra["per_machine"] = value
    if each_of and unit in ("gpus", "tpu_chips", "tpu_cores", "other"):
        k = q.parse_number(each_of.group("k"))
        if k and k == int(k) and k > 1:
            cand.extra["each_of"] = (int(k), each_of.group(0).strip())
    return cand


# "the base model on 8 GPUs and the large model on 64 GPUs": the variant named right before the count (in its
# own clause) says whose devices they are; the largest trained in full is the main run.
_VARIANT_BEFORE_RE = re.compile(
    r"\b(?:the|our|a|each)\s+(?:[\w-]+\s+)?(?P<size>base|small|smaller|smallest|tiny|mini|medium|large|larger|largest|big|bigger|"
    r"biggest|huge|giant|full|final)(?:-sized?)?\s+(?:[\w-]+\s+)?(?:models?|versions?|variants?|networks?|configurations?)\s+"
    r"(?:(?:is|are|was|were|has\s+been|have\s+been)\s+)?(?:\w+\s+){0,3}?(?:on|with|using|across|over|uses?|used|requires?|required|needs?|needed)\s+(?:(?:a\s+total\s+of|only|just)\s+)?$",
    re.I)
# "Training time is measured with 64 GPUs", "throughput is reported on 8 V100 GPUs", "all timings are measured on":
# the devices of a measurement, not of the run (said of a table of timings, an ablation, a speed study).
_MEASURED_ON_RE = re.compile(
    r"\b(?:time|times|timings?|speeds?|throughputs?|latenc(?:y|ies)|runtimes?|run[- ]times?|wall[- ]?clock|costs?|memory|"
    r"FLOPs|utili[sz]ation|efficiency|numbers)\s+(?:\([^)]{0,20}\)\s+)?(?:\w+\s+){0,2}?(?:is|are|was|were)\s+(?:all\s+)?(?:\w+\s+)?"
    r"(?:measured|reported|recorded|benchmarked|profiled|obtained|computed|tested|evaluated|estimated|given)\s+"
    r"(?:\w+\s+){0,3}?(?:with|on|using|for|across|over)\s+(?:(?:a|an|one|the)\s+)?(?:\w+\s+){0,2}?$|"
    r"\b(?:we\s+)?(?:measure|report|record|benchmark|profile)\s+(?:the\s+)?(?:\w+\s+)?(?:time|times|speed|throughput|latency|runtime|memory)"
    r"\s+(?:\w+\s+){0,3}?(?:with|on|using|across)\s+(?:(?:a|an|one|the)\s+)?(?:\w+\s+){0,2}?$",
    re.I)


# "supports training on 1 to 8 GPUs", "scales to up to 256 GPUs", "can be run on any number of GPUs": what the code
# can do, not what the run used.
_CAPABILITY_RE = re.compile(
    r"\b(?:supports?|supporting|scal(?:es|ing|able)|extends?|generali[sz]es?|is\s+able\s+to\s+(?:run|train)|can\s+(?:be\s+)?(?:run|trained|used|"
    r"deployed|executed)|runs?\s+on\s+anything|enough\s+to\s+(?:run|fit|train|be\s+(?:run|trained|deployed)))\b(?:\s+\S+){0,4}?\s+"
    r"(?:on|to|across|with|over)\s+(?:up\s+to\s+)?(?:\w+\s+)?$|"
    r"\bas\s+(?:few|many)\s+as\s+$", re.I)
# a time stated between the capability verb and the devices, and a subject of ours before the verb
_STATED_TIME_RE = re.compile(r"(?i)\b(?:\d[\d.,]*|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|half\s+a|"
                             r"(?:a\s+)?few|(?:a\s+)?couple\s+of|several)\s*-?\s*"
                             r"(?:hours?|hrs?|h|days?|weeks?|months?|minutes?|mins?)\b")
_OUR_SUBJECT_RE = re.compile(r"(?i)\b(?:our|we|the\s+proposed)\b|"
                             # "the whole model can be trained in 2 days on 8 GPUs": the paper's system as a whole
                             r"^\W*the\s+(?:whole|full|entire|complete|final)\s+(?:model|network|system|framework|pipeline)\b")
# The devices of a job that is not training the model, named right before the count: "hyperparameter search was
# run on 16 GPUs", "we use 4 GPUs to compute the FID" (after), "data preprocessing on 64 cores".
_OTHER_JOB_BEFORE_RE = re.compile(
    r"\b(?:hyper-?parameter\s+(?:search|tuning|sweeps?|optimi[sz]ation)|(?:grid|random|architecture)\s+search|(?:data\s+)?pre-?processing|"
    r"feature\s+extraction|(?:the\s+)?evaluations?|annotation|rendering|FID|metrics?)\b,?(?:\s+\S+){0,5}?\s+(?:on|with|using|across|over|uses?|used)\s+"
    r"(?:\w+\s+)?$", re.I)
_OTHER_JOB_AFTER_RE = re.compile(
    r"^\W*(?:\w+\s+){0,2}?(?:to|for)\s+(?:compute|computing|calculate|calculating|extract|extracting|pre-?process|pre-?processing|"
    r"render|rendering|annotate|label|filter|filtering|embed|encode|encoding|index|score|scoring|sample|sampling|tune|tuning|search|"
    r"hyper-?parameter)\b(?!\s+(?:the\s+)?gradients?)|"
    # "16 CPU workers for data loading", "8 cores for the input pipeline", "threads for (image) decoding"; not "for
    # pipeline parallelism", "for load balancing", "for augmentation-free training" (the run's own devices)
    r"^\W*(?:\w+\s+){0,2}?for\s+(?:the\s+)?(?:(?:data|input|image|batch)\s+(?:loading|load|augmentation|decoding|pre-?fetching|"
    r"pipelines?)|loading\s+(?:the\s+)?(?:data|images|batches)|(?:data\s+)?augmentation(?!-)|(?:image\s+)?decoding|"
    r"data-?loaders?|dataloaders?)\b", re.I)


def _count_role_before(t: str, start: int, why: list[str], end: int | None = None) -> float:
    """Count-only cues in the clause right before a count: the variant it is stated for, a measurement setup,
    a capability of the code, a job that is not training."""
    clause = re.split(r"[;:]|,\s+(?:and|while|whereas|but)\b", t[max(0, start - 120): start])[-1]
    sc = 0.0
    if re.search(r"(?i)\b(?:except|excluding|other\s+than|apart\s+from|besides)\b[^,]*$", clause):
        sc -= 1.5
        why.append("an exception to the main setup ('except ... which uses')")
    if re.search(r"(?i)\beach\s+(?:training\s+)?(?:job|run|experiment|trial|seed)\s+(?:\w+\s+){0,2}?(?:on|with|using|uses|used|requires?|required)\s+$",
                 clause):
        sc += 1.0
        why.append("the devices of each run")
    cap = _CAPABILITY_RE.search(clause)
    # (hw26) the time may follow the devices: "our network can be trained on a single GPU in a few hours"
    time_after = end is not None and bool(re.match(r"(?i)^[^,;.]{0,30}?\b(?:in|within|for)\s+(?:about\s+|around\s+|roughly\s+|"
                                                  r"only\s+|just\s+|under\s+|less\s+than\s+)?" + _STATED_TIME_RE.pattern[4:],
                                                  t[end: end + 60]))
    if cap and "trained" in cap.group(0) and (_STATED_TIME_RE.search(cap.group(0)) or time_after) \
            and _OUR_SUBJECT_RE.search(clause[:cap.start()]):
        # (hw24) "our detector can be trained in 6 hours on one GPU": our model's stated time and devices (labels
        # take it as the run); "can be trained on any GPU", "BERT can be run on a single TPU" keep the penalty
        why.append("our model's stated training time and devices ('our model can be trained in N hours on ...')")
    elif cap:
        sc -= 3.0
        why.append("what the code can run on (supports/scales/up to ...), not the run")
    if _OTHER_JOB_BEFORE_RE.search(clause) and not re.search(r"(?i)\btrain", clause):
        sc -= 2.5
        why.append(f"{OTHER_JOB_DEVICES_WHY} (search, preprocessing, evaluation ...)")
    elif end is not None and _OTHER_JOB_AFTER_RE.match(t[end: end + 50]):
        sc -= 2.5
        why.append(f"{OTHER_JOB_DEVICES_WHY} (to compute/extract/sample ...)")
    vm = _VARIANT_BEFORE_RE.search(clause)
    if vm:
        big = vm.group("size").lower() in ("large", "larger", "largest", "big", "bigger", "biggest", "huge", "giant", "full", "final")
        sc += 0.8 if big else -0.8
        why.append("stated for the large/final variant" if big else "stated for a smaller variant")
    if _MEASURED_ON_RE.search(clause):
        sc -= 3.0
        why.append(MEASUREMENT_DEVICES_WHY)
    return sc


def _machines_times_devices(c: Ctx, cand: Cand, n: q.Num, end: int, around: str, taken: list) -> Cand:
    """"4 machines with 8 GPUs each" / "16 nodes of 8 V100 GPUs": the devices, not the machines."""
    t = c.text
    wm = per_machine(t, end)
    if not wm:
        return cand
    k = q.parse_number(wm.group("n"))
    sub_noun = wm.group("noun").lower().rstrip("s")
    # (hw19) a GPU's product code as the noun: "2 nodes × 8 A100", "4 servers with 8 H100s each"
    sub_unit = unit_for(wm.group("noun") if not re.match(r"(?-i:[A-Z]{1,2}\d)", wm.group("noun")) else "GPU", None, c, around)
    if sub_unit is None and not accelerator_named(c):
        # "16 machines of 32 cores each": a machine's cores are CPU cores, its cards GPUs, when no accelerator is named
        sub_unit = {"core": "cpu_cores", "card": "gpus"}.get(sub_noun)
    if k and k == int(k) and sub_unit == "cpu_cores" and cand.value == 1:
        # "a single machine with 24 cores": one CPU machine is counted by its cores
        taken.append((end, end + wm.end()))
        why = [w for w in cand.why if w != "'a' as count"]
        sc = cand.score + 0.4 + (0.6 if len(why) < len(cand.why) else 0.0)
        return Cand("chips", int(k), c.s.page, t, t[n.start: end + wm.end()], sc,
                    why + [f"one machine with {int(k)} CPU cores" if cand.unit == "machines" else
                           f"one CPU with {int(k)} cores"], unit="cpu_cores", sent_index=c.s.index)
    if k and k == int(k) and sub_unit == "cpu_cores":
        # "100 workers, each of which uses 12 CPU cores": CPU machines are counted as machines
        cand.why.append(f"{int(k)} CPU cores each")
        cand.extra["device_kind"] = "cpu"
        cand.match = t[n.start: end + wm.end()]
        taken.append((end, end + wm.end()))
        return cand
    if k and k == int(k) and sub_unit in ("gpus", "tpu_chips", "tpu_cores", "other"):
        total = int(cand.value * k)
        taken.append((end, end + wm.end()))
        why = [w for w in cand.why if w != "'a' as count"]
        sc = cand.score + 0.4 + (0.6 if len(why) < len(cand.why) else 0.0)  # "a machine with 4 GPUs" counts GPUs
        if any(end <= mm.start < end + wm.end() for mm in _mentions(c)):
            # "a single node of 8 A100s": the devices are named by their chip, worth what a count bound to its chip
            # gains (``_count_cand``), or the product says less than the plain "8 A100s" it replaces
            sc += CHIP_NAMED_BONUS
        return Cand("chips", total, c.s.page, t, t[n.start: end + wm.end()], sc,
                    why + [f"{cand.value} x {int(k)} = {total} {sub_unit}"], unit=sub_unit, sent_index=c.s.index,
                    extra={"per_machine": int(k)} if cand.value == 1 else {})
    return cand


def _one_box_cands(c: Ctx, found: list[Cand], taken: list) -> list[Cand]:
    """"runs on a workstation (8-core CPU, 64G RAM, GTX Titan X)": one machine naming one GPU, no count -> 1 GPU."""
    t = c.text
    gpu_mentions = [mm for mm in c.mentions if mm.chip.kind == "gpu"]
    one_box = re.search(r"(?i)\b(?:a|one|single|the\s+same)\s+(?:[\w-]+\s+){0,2}?(?:workstation|machine|PC|computer|server|"
                        r"desktop|laptop|node)\b", t)
    if (one_box and len({mm.family for mm in gpu_mentions}) == 1 and len(gpu_mentions) == 1
            and not any(x.unit in ("gpus",) for x in found) and not re.search(r"(?i)\bGPUs\b", t)):
        mm = gpu_mentions[0]
        if _BOX_AFTER_RE.match(t, mm.end):
            return []  # "a V100 server", "an A100 node": a machine named by its GPUs, of unstated number
        if not any(a <= mm.start < b for a, b in taken):
            why = [f"one machine ({one_box.group(0)!r}) naming one GPU ({mm.text!r}): 1 GPU"]
            sc = score_context(c, why, mm.text, mm.start) - 0.5
            return [Cand("chips", 1, c.s.page, t, mm.text, sc, why, unit="gpus", extra={"chip_family": mm.family},
                         sent_index=c.s.index)]
    return []


# (hw21) The devices named, then machines and devices per machine in an aside with no device noun of its own:
# "A100 GPUs (8 per node, 4 nodes)", "V100s (4 nodes, 8 per node)": the product is the count.
_MACHINE_WORD = r"(?:nodes?|machines?|servers?|hosts?)"
_PER_MACHINE_ASIDE_RE = re.compile(
    rf"(?i)(?P<dev>\b(?:GPU|TPU|chip|accelerator|card)s?|(?-i:[A-Z]{{1,4}}\d{{2,4}}[A-Za-z]?s?))\s*\(\s*(?:"
    rf"(?P<a>\d{{1,3}})\s+(?:per|/|each\s+per|on\s+each)\s*{_MACHINE_WORD}\s*[,;]\s*(?:(?:on|across|over|with|and)\s+)?(?P<m>\d{{1,4}})\s+{_MACHINE_WORD}"
    rf"|(?P<m2>\d{{1,4}})\s+{_MACHINE_WORD}\s*(?:[,;x×]|with|of)\s*(?P<a2>\d{{1,3}})\s+(?:per|/|each|on\s+each)(?:\s*{_MACHINE_WORD})?"
    rf")\s*\)")


def _machines_as_devices(x: Cand, total: int, unit: str, why: str, family: str | None) -> None:
    """A machines count already read ("4 nodes") restated as the devices of those machines ("A100 GPUs (8 per node,
    4 nodes)", "two DGX-2 nodes"): one candidate, not a machines count beside a device count."""
    x.value, x.unit = total, unit
    x.why.append(why)
    if family:
        x.extra["chip_family"] = family


def _per_machine_aside_cands(c: Ctx, found: list[Cand]) -> list[Cand]:
    t = c.text
    if "(" not in t:
        return []
    out = []
    for m in _PER_MACHINE_ASIDE_RE.finditer(t):
        a, k = int(m.group("a") or m.group("a2")), int(m.group("m") or m.group("m2"))
        if not (1 <= a <= 64 and 1 <= k <= 4096):
            continue
        dev = m.group("dev")
        mention = next((mm for mm in _mentions(c) if mm.start <= m.start("dev") < mm.end or mm.end == m.end("dev")
                        or (mm.end <= m.start("dev") and re.fullmatch(r"\s*", t[mm.end: m.start("dev")]))), None)
        if mention is not None and mention.chip.kind not in ("gpu", "tpu", "npu"):
            continue
        if mention is None and not re.match(r"(?i)GPU|TPU|accelerator|card|chip", dev):
            continue  # a code the table does not know: no device
        unit = unit_for(dev.rstrip("sS") if re.match(r"(?i)GPU|TPU|accelerator|card|chip", dev) else "", mention, c,
                        t[max(0, m.start() - 80): m.end() + 80])
        if unit in (None, "machines", "cpu_cores"):
            continue
        total = a * k
        why = [f"{k} machines x {a} devices each = {total} (devices per machine in an aside)"]
        machines = [x for x in found if x.unit == "machines" and m.start() <= t.find(x.match, max(0, m.start())) < m.end()]
        if machines:
            _machines_as_devices(machines[0], total, unit, why[0], mention.family if mention is not None else None)
            continue
        sc = score_context(c, why, m.group(0), m.start()) + local_role(t, m.start(), m.end(), why)
        out.append(Cand("chips", total, c.s.page, t, m.group(0), sc, why, unit=unit,
                        extra={"chip_family": mention.family} if mention is not None else {}, sent_index=c.s.index))
    return out


# Systems sold or rented with a fixed number of accelerators ("two DGX-2 nodes" are 32 V100s, "a p3.16xlarge
# instance" is 8 V100s): data/accelerator_systems.csv, each row with its datasheet.
@lru_cache(maxsize=1)
def _systems() -> tuple[tuple[tuple[int, str | None, str], ...], re.Pattern]:
    with open(DATA_DIR / "accelerator_systems.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    from ..hardware import HardwareTable

    # a system of GPUs counts GPUs; one of other chips (Trainium instances) counts them in unit 'other' (a family
    # the table does not hold, "NVIDIA B200", is a GPU's)
    kinds = {chip.family: chip.kind for chip in HardwareTable.load().chips}
    specs = tuple((int(r["accelerators"]), r["chip_family"] or None,
                   "gpus" if kinds.get(r["chip_family"], "gpu") == "gpu" else "other") for r in rows)
    rx = re.compile(r"(?<![\w.-])(?:NVIDIA\s+)?(?:" + "|".join(f"(?P<s{i}>{r['pattern']})" for i, r in enumerate(rows))
                    + r")(?![\w.-]*\d)(?:\s+(?:systems?|servers?|nodes?|machines?|instances?|boxes|workstations?))?", re.I)
    return specs, rx


_SYSTEM_COUNT_RE = re.compile(rf"(?i)(?:^|[\s(,])(?P<n>{q.NUMBER}|an?|one|single|two|three|four|five|six|seven|eight|nine|ten|"
                              rf"twelve|sixteen|thirty-two|sixty-four)\s+(?:(?:single|NVIDIA|AWS|EC2|Amazon)\s+)?$")


def _named_system_cands(c: Ctx, found: list[Cand]) -> list[Cand]:
    """"two DGX-2 nodes" -> 32 GPUs, "a p3.16xlarge instance" -> 8: the devices of systems of a fixed size, when the
    sentence states no device count of its own (a machines count of the system is read as its devices)."""
    t = c.text
    if "dgx" not in t.lower() and "xlarge" not in t.lower():
        return []
    if any(x.unit in ("gpus", "tpu_chips", "tpu_cores") for x in found):
        return []  # "a DGX-1 (8 V100s)": the stated count
    out = []
    specs, system_re = _systems()
    for m in system_re.finditer(t):
        i = next(int(k[1:]) for k, v in m.groupdict().items() if v)
        per, family, unit = specs[i]
        cm = _SYSTEM_COUNT_RE.search(t[max(0, m.start() - 30): m.start()])
        if cm is None:
            continue
        word = cm.group("n").lower()
        k = 1.0 if word in ("a", "an", "one", "single") else q.parse_number(word)
        if not k or k != int(k) or k > 4096:
            continue
        machines = [x for x in found if x.unit == "machines" and m.group(0).split()[-1] in x.match]
        total = int(k) * per
        why = [f"{int(k)} x {m.group(0).strip()!r} ({per} accelerators each) = {total}"]
        if machines:
            _machines_as_devices(machines[0], total, unit, why[0], family)
            continue
        sc = score_context(c, why, m.group(0), m.start()) + (-0.6 if word in ("a", "an") else 0.0)
        sc += local_role(t, m.start(), m.end(), why)
        out.append(Cand("chips", total, c.s.page, t, t[m.start() - len(cm.group(0).lstrip(" (,")): m.end()], sc, why,
                        unit=unit, extra={"chip_family": family} if family else {}, sent_index=c.s.index))
    return out


# (hw19) also "on our RTX 3090", "on the Titan X", and the generic noun with the name in parentheses: "on GPU (NVIDIA GTX
# 1080Ti)", "on a single GPU (A100)"
_BARE_ON_RE = re.compile(r"(?i)\b(?:on|using|with)\s+(?:(?:an?|one|single|our|the)\s+)?(?:(?:single\s+)?(?:GPU|graphics\s+card)\s*\(\s*)?$")
# (hw23) A hosted notebook naming its one GPU in an aside: "using Google Colab Pro (NVIDIA P100 GPU)", "on Kaggle (Tesla
# P100)": a notebook session holds one GPU unless a count is said ("two T4 GPUs" is read as a count before this).
_NOTEBOOK_ASIDE_RE = re.compile(r"(?i)\b(?:on|using|with|in|via)\s+(?:the\s+)?(?:Google\s+)?(?:Colab(?:oratory)?|Kaggle)(?:\s+Pro\+?)?"
                                r"(?:\s+(?:notebooks?|kernels?|platform|environment))?\s*[(,]\s*(?:(?:an?|one|single)\s+)?$")


def _bare_singular_cands(c: Ctx, found: list[Cand]) -> list[Cand]:
    """"Training takes 40 hours on Tesla K40M", "we train the model on Titan X for 2 days": the run named with
    one GPU in the singular and no count is one GPU (a plural "on V100 GPUs" says nothing; a TPU named
    in the singular is often a slice or pod, so only GPUs)."""
    if found or not c.train or not c.durations:
        return []
    gpus = [mm for mm in _mentions(c) if mm.chip.kind == "gpu"]
    if len(gpus) != 1 or len(_mentions(c)) != 1:
        return []
    mm = gpus[0]
    t = c.text
    if q.find_chip_time(t):
        return []  # "4 GPU hours to train each probe on an A6000": a device-time product, not one device
    if not (_BARE_ON_RE.search(t[max(0, mm.start - 20): mm.start]) or _NOTEBOOK_ASIDE_RE.search(t[max(0, mm.start - 60): mm.start])):
        return []
    if re.match(r"(?i)s\b|\s*(?:GPUs|cards|devices|accelerators|servers?|nodes?|machines?|clusters?|systems?|boxes|instances?)\b", t[mm.end: mm.end + 14]):
        return []  # "on V100s", "on V100 GPUs", "on a V100 server": not one chip
    if mm.text.endswith("s"):
        return []  # "V100s": a plural
    why = [f"one GPU named in the singular ({mm.text!r}) with no count: 1 GPU"]
    sc = score_context(c, why, mm.text, mm.start) - 0.8
    return [Cand("chips", 1, c.s.page, t, mm.text, sc, why, unit="gpus", extra={"chip_family": mm.family},
                 sent_index=c.s.index)]


MACHINES_OF_DEVICES_WHY = "the machines of a device count stated beside it"
# what a count gains when its devices are named by their chip ("8 A100s", not "8 GPUs")
CHIP_NAMED_BONUS = 0.6


def _adjust_counts(c: Ctx, out: list[Cand]) -> None:
    """Host CPUs next to accelerators lose; machines and devices per machine stated apart multiply."""
    accel = [mm.start for mm in c.mentions if mm.chip.kind in ("gpu", "tpu")] + [g[0] for g in c.generic if g[3] in ("gpu", "tpu")]
    for cd in out:
        cd.extra.setdefault("per_unit", False)
        if not (cd.unit == "cpu_cores" or (cd.unit == "other" and re.search(r"(?i)\bCPU|processor", cd.match))):
            continue
        pos = c.text.find(cd.match)
        if clause_owner(c.text, pos) == "ours" and all(clause_owner(c.text, a) == "others" for a in accel):
            continue  # "X is trained on a K40 GPU, while our models are trained on a CPU": ours is the CPU
        if accel:
            cd.score -= 1.5
            cd.why.append("host CPU next to an accelerator")
    # "training with 8 GPUs gives a 7.5x speedup over 1 GPU": device counts compared in a scaling study, not the run
    devs = [x for x in out if x.unit in ("gpus", "tpu_chips", "tpu_cores", "other") and not x.extra.get("per_unit")]
    if c.speedup and len({x.value for x in devs}) >= 2:
        for x in devs:
            x.score -= 1.5
            x.why.append("device counts compared in a speed-up/scaling study")
    for x in [x for x in out if x.extra.get("each_of")]:
        k, text = x.extra.pop("each_of")
        total = int(k * x.value)
        out.append(Cand("chips", total, c.s.page, c.text, f"{text} {x.match}", x.score + 0.6 + 0.8,
                        x.why + [f"{k} machines x {x.value} each = {total}"], unit=x.unit,
                        extra={k2: v for k2, v in x.extra.items() if k2 == "chip_family"}, sent_index=c.s.index))
    per_dev = [x for x in out if x.extra.get("per_unit") and x.unit in ("gpus", "tpu_chips", "tpu_cores")]
    machines = [x for x in out if x.unit == "machines" and not x.extra.get("per_unit")]
    # (hw19) "a 2-node, 16-GPU cluster", "64 GPUs (8 nodes)": the machines of the devices counted beside them say
    # less (a machines count is scored as its devices only when these are not stated)
    whole_dev = [x for x in devs if x.unit in ("gpus", "tpu_chips", "tpu_cores")]
    for mch in machines:
        if any(x.value > mch.value and x.value % mch.value == 0 for x in whole_dev):
            mch.score -= 1.0
            mch.why.append(MACHINES_OF_DEVICES_WHY)
    if per_dev and machines:
        d, mch = per_dev[0], machines[0]
        total = int(d.value * mch.value)
        out.append(Cand("chips", total, c.s.page, c.text, f"{mch.match} ... {d.match}", max(d.score, mch.score) + 0.8,
                        d.why + mch.why + [f"{mch.value} machines x {d.value} per machine = {total}"], unit=d.unit,
                        sent_index=c.s.index))


_HW_CONTEXT_RE = re.compile(
    r"\b(?:GPUs?|TPUs?|CPUs?|vCPUs?|IPUs?|GTX|RTX|GeForce|Titan|Quadro|Radeon|Tesla|clusters?|distributed|parallel\w*|compute|computing|hardware|Xeon|GHz|Infiniband|"
    r"processors?|EPYC|Opteron|Ryzen|Threadripper|Intel|AMD|Core\s+i[3579]|"
    r"interconnect\w*|DGX\S*|NVLink|accelerators?|RAM|Cloud|AWS|EC2|Azure|GCP|data\s*cent(?:er|re)s?)\b",
    re.I,
)


_AMBIGUOUS_NOUNS = ("node", "host", "instance", "worker", "computer", "replica", "device", "core", "chip", "card",
                    "processor", "board", "machine", "server", "workstation")


_FUNCTION_AFTER_RE = re.compile(
    r"^\s*(?:[.,;:)\]]|$|(?:for|with|in|on|to|and|or|each|per|were|was|are|is|that|which|of|as|at|from|during|"
    r"simultaneously|concurrently|in\s+parallel|total|only|respectively|connected|interconnected|linked|without|"
    r"running|used|using|via|by|over|across|takes?|took|would|will|can|could|we|it|but|while|when|where|"
    r"available|provided|equipped|hosted|located|(?:\(|\[))\b)",
    re.I,
)


# A participle right after the noun describes the devices, so the noun is the head ("64 TPU v4 chips arranged as a
# 4x4x4 slice", "128 cores configured as an 8x8 torus", "32 chips laid out as a grid", "256 cores forming a 16x16
# mesh"): a verb form, not a noun the count would modify ("4 core ideas", "2600 computer games"). Not after a machine
# noun: "1000 nodes sampled from the graph", "50 workers recruited" are a graph's and a crowd's.
_PARTICIPLE_AFTER_RE = re.compile(
    r"^\s*(?:[a-z]{3,}(?<!e)ed|laid\s+out|set\s+up|split|spread|forming|totall?ing|spanning|sharing|making\s+up)\b")


# "We trained the model on 4 servers for 3 days": the machines a training run is on, with no other hardware word.
# Only the nouns that name computers (not "nodes", "workers", "instances", "hosts": a graph's, a pool's, a dataset's).
_RUN_ON_MACHINES_RE = re.compile(rf"(?i)\b(?:on|across|over|using|with)\s+(?:(?:a|the)\s+(?:cluster|total|pool|farm)\s+of\s+)?"
                                 rf"{q.NUMBER}\s+(?:[a-z-]+\s+){{0,2}}$")


def _run_on_machines(t: str, m_noun: re.Match, c: Ctx) -> bool:
    noun = m_noun.group("noun").lower().rstrip("s")
    return (noun in ("machine", "server", "workstation", "computer") and c.train and not c.infer
            and bool(_RUN_ON_MACHINES_RE.search(t[max(0, m_noun.start() - 60): m_noun.start()])))


def noun_is_head(t: str, m_noun: re.Match, c: Ctx) -> bool:
    """'2600 computer games', '1000 nodes' (of a network), '4 core ideas' are not devices."""
    noun = m_noun.group("noun").lower().rstrip("s")
    after = t[m_noun.end(): m_noun.end() + 30]
    if re.fullmatch(r"(?i)[GT]PUs", m_noun.group("noun")):
        return True  # a plural "GPUs" is never a modifier ("on 8 GPUs compared to ...")
    if noun in MACHINE_NOUNS and per_machine(t, m_noun.end()) is not None:
        return True  # "16 machines of 32 cores each", "4 nodes with 8 cards each": the devices each holds say what they are
    if not _FUNCTION_AFTER_RE.match(after) and not (noun not in MACHINE_NOUNS and _PARTICIPLE_AFTER_RE.match(after)):
        nxt = re.match(r"\s*([\w-]+)", after)
        if (nxt and not NOUN_RE.fullmatch(nxt.group(1)) and not re.match(r"(?i)GPUs?|TPUs?", nxt.group(1))
                and not re.match(r"[A-Z]|.*\d", nxt.group(1))
                and not any(mm.start >= m_noun.end() and mm.start <= m_noun.end() + 3 for mm in c.mentions)):
            return False
    if noun in _AMBIGUOUS_NOUNS and not (_mentions(c) or c.generic or _HW_CONTEXT_RE.search(t) or c.neighbor_hw
                                         or _run_on_machines(t, m_noun, c)):
        return False
    return True


def table_count_cands(c: Ctx) -> list[Cand]:
    """Table rows such as 'Number of DGX-2 nodes 16 6 4 1' or '# GPUs 8 8 16'."""
    if not table_like(c):
        return []
    t = c.text
    m = re.match(r"^\s*(?:(?:number|no\.|num\.?|#)\s+(?:of\s+)?|#(?=[A-Za-z]))?(?P<label>(?:[\w-]+\s+){0,3}?(?P<noun>GPUs?|TPUs?|chips?|cores?|nodes?|machines?|servers?|hosts?|devices?|accelerators?))\s*[:(]?\s*(?P<vals>(?:\d[\d,]*(?:\s*[x×]\s*\d+)?\s*){1,8})$", t, re.I)
    if not m:
        return []
    vals = [q.parse_number(v) for v in re.findall(r"\d[\d,]*", m.group("vals"))]
    if not re.match(r"(?i)\s*(?:number|no\.|num|#)", t) and not (c.setup_table and len(vals) == 1):
        return []  # (hw25) a bare "GPUs 8" only as the one value of a row of our setup table ("GPUs 8 16 32": a sweep)
    vals = [v for v in vals if v]
    if not vals:
        return []
    noun = m.group("noun")
    unit = unit_for(noun, None, c, t + " " + c.s.context)
    if unit is None:
        return []
    why = [f"table row {m.group('label')!r}: first column"]
    sc = score_context(c, why) + 1.3
    return [Cand("chips", int(vals[0]), c.s.page, t, m.group(0), sc, why, unit=unit, sent_index=c.s.index,
                 extra={"table": True, "per_unit": False})]


# (hw25) A runs table's device-count column: "Model Params GPUs Time", "Size #TPU v4 chips Days", "Model # GPUs Hours":
# each row's cell under it is that run's count (rows of several models: near-ties go to the larger count, the largest
# run). Plural nouns only ("GPU hours", "GPU type" are other columns), no machines (their devices are not said).
_HDR_COUNT_COL_RE = re.compile(
    r"(?i)(?<![\w-])(?:#\s*|num(?:ber)?\.?\s+(?:of\s+)?|no\.\s+(?:of\s+)?)?(?:(?:TPU\s*v\d\w*|(?-i:[A-H]\d{2,3}))\s+)?"
    r"(?P<noun>GPUs|TPUs|chips|cores|devices|accelerators)\b(?!\s*[-·]\s*(?:hours?|days?|hrs?|h)\b|\s+(?-i:hours?|days?|hrs?)\b)")
# a table of timings: its device column is the measurement's hardware
_TIMING_TABLE_RE = re.compile(r"(?i)\b(?:infer\w*|latency|throughput|speed|fps|decod\w*|serving|deploy\w*|test\s+time)\b")
COUNT_COLUMN_ROWS = 24  # the rows read under a header (same page, table rows only)


def count_column_cands(sentences: list, make) -> list[Cand]:
    """Whole-number cells under a header column that counts devices, when every row's trailing cells line up with the
    header's columns (a cell with a unit written apart, "5 days", breaks the count: the row is left)."""
    out: list[Cand] = []
    for i, s in enumerate(sentences):
        if s.kind != "table" or len(s.text) > 200:
            continue
        m = _HDR_COUNT_COL_RE.search(s.text)
        if not m or len(re.findall(r"(?<![\w.])\d+(?![\w.])", s.text)) > 1:
            continue  # no count column, or a row with values ("GPUs 8" is table_count_cands')
        cols = _header_columns(s.text, m.span())
        k = next((j for j, (a, b) in enumerate(cols) if a <= m.start() < b), None)
        if k is None or k == 0:
            continue  # the first column holds the rows' labels
        label_col = bool(_LABEL_COL_RE.match(s.text[cols[0][0]: cols[0][1]]))
        if _TIMING_TABLE_RE.search(s.text + " " + table_caption(sentences, i)):
            continue
        block: list[Cand] = []
        for r in sentences[i + 1: i + COUNT_COLUMN_ROWS + 1]:
            if r.page != s.page or r.kind != "table" or _HDR_COUNT_COL_RE.search(r.text):
                break
            toks = r.text.split()
            trailing = 0
            while trailing < len(toks) and re.search(r"\d|^[-–—]+$", toks[len(toks) - 1 - trailing]):
                trailing += 1
            if trailing == len(cols) - 1 and len(toks) > trailing:
                cells = toks[len(toks) - trailing:]
                j = k - 1  # the row's label under the first column
            elif trailing == len(cols) and not label_col:
                cells = toks[len(toks) - trailing:]
                j = k
            else:
                continue  # the cells do not line up with the header's columns
            cell = cells[j]
            if not re.fullmatch(r"\d{1,5}", cell) or not 0 < int(cell) <= 65536:
                continue
            c = make(r)
            unit = unit_for(m.group("noun"), None, c, s.text + " " + r.text)
            if unit is None:
                continue
            why = [f"table column {m.group(0).strip()!r}"]
            sc = score_context(c, why, cell) + 1.0 + row_role(r.text, why)
            block.append(Cand("chips", int(cell), r.page, r.text, cell, sc, why, unit=unit, sent_index=r.index,
                              extra={"table": True, "per_unit": False}))
        out += discount_others_table(sentences, i, block)
    return out


def machines_across_sentences(chips: list[Cand]) -> list[Cand]:
    """"Two nodes are needed for the large models." next to "a node with 8 NVIDIA V100 GPUs": 2 x 8 GPUs."""
    by_sent: dict[int, list[Cand]] = {}
    for c in chips:
        by_sent.setdefault(c.sent_index, []).append(c)
    out = []
    for c in chips:
        if c.unit != "machines" or not isinstance(c.value, int) or c.value <= 1:
            continue
        for j in (c.sent_index - 1, c.sent_index + 1):
            per = [d for d in by_sent.get(j, []) if d.extra.get("per_machine") and d.unit in ("gpus", "tpu_chips", "tpu_cores")]
            if per:
                d = per[0]
                k = int(d.extra["per_machine"])
                total = int(c.value * k)
                out.append(Cand("chips", total, c.page, c.sentence, c.match, max(c.score, d.score) + 0.5,
                                c.why + [f"{c.value} machines x {k} per machine (next sentence: {d.match!r}) = {total}"],
                                unit=d.unit, sent_index=c.sent_index, ctx=c.ctx,
                                extra={k2: v for k2, v in d.extra.items() if k2 == "chip_family"}))
                break
    return out
