"""FLOP amounts: per forward pass and total training compute."""

from __future__ import annotations

import re

from .. import quantities as q

from .core import Cand, RANGE, Unit, _NUM, _base_score, _local_others


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
