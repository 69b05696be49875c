"""Method-1 sizes (parameters, tokens or examples, epochs, steps, batch size, FLOPs per forward pass,
total training FLOP), as the extractor found them before the ``sizes`` module: one call,
``extract_sizes(sentences, doc, published) -> (chosen, candidate dicts)``, the same interface as
``aicompute.sizes.extract_sizes`` that replaces it."""

from __future__ import annotations

import re

from .. import quantities as q
from .context import Ctx, in_comparison, is_survey, make_ctx, score_inputs
from .core import Cand, best, fact, repeat_bonus


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


_DEFINITION_AFTER_RE = re.compile(
    r"\s*(?:corresponds?\s+to|consists?\s+of|is\s+(?:defined|equal)|equals?\b|=|means\b|amounts?\s+to)", re.I)


_ANY_SIZE_RE = re.compile(r"(?i)param|weights|batch|tokens|words|images|examples|sentences|pairs|videos|clips|samples|"
                          r"documents|utterances|frames|games|episodes|characters|subwords|pieces|step|iter|update|epoch|"
                          r"flop|mult|mac|operations|ops\b|pfs|petaflop")


def size_cands(c: Ctx) -> list[Cand]:
    t = c.text
    out: list[Cand] = []
    if not _ANY_SIZE_RE.search(t):
        return out
    base_why: list[str] = []
    base = score_inputs(c, base_why)
    for rx in (_PARAM_RE, _PARAM_BEFORE_RE):
        for m in rx.finditer(t):
            v = _number_with_suffix(m)
            if not v or v < 1000:
                continue
            why = list(base_why) + ["parameter count"]
            sc = base + (0.5 if c.we else 0) - (1.0 if in_comparison(t, m.start()) else 0)
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
            sc -= 1.0 if in_comparison(t, fl.start) else 0
            out.append(Cand("flops_per_forward", fl.value, c.s.page, t, fl.text, sc, why + ["FLOPs of a forward pass"],
                            unit=fl.unit, extra={"as_written": fl.text}, sent_index=c.s.index))
    return out


SIZE_FIELDS = ("parameters", "active_parameters", "tokens_or_examples", "epochs", "steps", "batch_size",
               "flops_per_forward", "total_training_flop")
# per field: prefer the larger of near-ties (the main run is the largest), the score floor
_CHOICE = {"parameters": (True, 1.4), "tokens_or_examples": (True, 1.8), "epochs": (False, 1.8), "steps": (True, 1.8),
           "batch_size": (False, 1.8), "flops_per_forward": (False, 1.8), "total_training_flop": (True, 1.8)}
KEEP_PER_FIELD = 5


def extract_sizes(sentences, doc=None, published=None, contexts: list[Ctx] | None = None) -> tuple[dict, list[dict]]:
    """(chosen size fields, their best few candidates as dicts, best first) from a document's sentences.
    ``contexts`` (optional) reuses sentence contexts the caller already made."""
    if contexts is None:
        survey = is_survey(doc.cheap_text[0] if doc is not None and doc.cheap_text else "")
        contexts = [make_ctx(s, None, published) for s in sentences if s.section != "references"]
        for c in contexts:
            c.survey = survey
    by_field: dict[str, list[Cand]] = {f: [] for f in SIZE_FIELDS}
    for c in contexts:
        for cd in size_cands(c):
            by_field[cd.field].append(cd)
    chosen: dict = {f: None for f in SIZE_FIELDS}
    out: list[dict] = []
    for f, (larger, floor) in _CHOICE.items():
        repeat_bonus(by_field[f])
        b = best(by_field[f], prefer_larger=larger, margin=0.3, min_score=floor)
        if b is not None:
            b.role = "main"
        chosen[f] = fact(b)
        ranked = sorted(by_field[f], key=lambda c: (c.role != "main", -c.score))
        out += [c.as_dict() for c in ranked[:KEEP_PER_FIELD]]
    return chosen, out
