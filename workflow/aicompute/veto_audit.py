"""Where a missed chip count or training time was lost (a measurement; counts only).

For each labelled chips / training_hours value the shipped choice misses, one class:

- ``read, kept: no veto``: a candidate with the right value is among ALL the paper's candidates (not only the
  few facts.json keeps) and carries no disqualifying reason nor distractor cue: the choice scored it lower;
- ``read, capped: <reason>``: every right candidate carries a disqualifying reason (``core.DISQUALIFYING_WHYS``:
  its score is capped below every floor): that filter dropped it;
- ``read, flagged: <cue>``: ... a distractor cue (``core._DISTRACTOR_CUES``, not a cap);
- ``read, vetoed: <veto>``: no kept candidate has it, but the generators' hard vetoes dropped one (found by
  generating again with ``core.keep_vetoed``: the veto's name, e.g. "an interval (before)", "not a count");
- ``never read``: no reader produced the value at all (nor a vetoed phrase).

``evaluate --veto-audit`` prints these per field and split (dev / blind), counts only: which veto to study on
development papers and on sentences of one's own, never which blind paper. It also counts, per reason of the chosen
training time (``reason_names``), how many given times were right and how many wrong (a time for a paper whose label
has none is wrong): the precision of hours per cue, to say which kind of sentence gives the wrong durations.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any, Callable, Iterable

from .extraction.core import _DISTRACTOR_CUES, DISQUALIFYING_WHYS, VETO_PREFIX

AUDIT_FIELDS = ("chips", "training_hours")
NEVER_READ = "never read"
KEPT = "read, kept: no veto"


def cand_record(c) -> dict[str, Any]:
    """What the audit needs of a candidate (a ``Cand``): its value, range, unit and reasons."""
    return {"value": c.value, "low": c.low, "high": c.high, "unit": c.unit, "why": list(c.why)}


def _reason(whys: Iterable[str], prefixes: tuple[str, ...]) -> str | None:
    for w in whys:
        for p in prefixes:
            if w.startswith(p):
                return p.rstrip(" ('")
    return None


def classify(kept: list[dict], vetoed: list[dict], right: Callable[[dict], bool]) -> str:
    """The class of one missed value (``right``: does a candidate dict carry the label's value?)."""
    hits = [c for c in kept if right(c) and not any(w.startswith(VETO_PREFIX) for w in c["why"])]
    if hits:
        caps = [_reason(c["why"], DISQUALIFYING_WHYS) for c in hits]
        if all(caps):
            return f"read, capped: {Counter(caps).most_common(1)[0][0]}"
        free = [c for c, cap in zip(hits, caps) if not cap]
        flags = [_reason(c["why"], _DISTRACTOR_CUES) for c in free]
        if all(flags):
            return f"read, flagged: {Counter(flags).most_common(1)[0][0]}"
        return KEPT
    vhits = [c for c in vetoed if right(c)]
    for c in vhits:
        for w in c["why"]:
            if w.startswith(VETO_PREFIX):
                return "read, vetoed: " + w[len(VETO_PREFIX):]
    return NEVER_READ


# "never read", split by whether the value is written in the paper's sentences at all (a duration of that length
# found by quantities.find_durations; for a count, the number in a sentence with a device word): written = a gate or
# reader dropped it without a named veto (a sentence not read, a clause no reader takes); not written = a form the
# parser does not see as a duration/number (a table cell, text lost by the cheap pass, a value the label computed).
WRITTEN = "never read: the value is written in a sentence"
UNREAD_PAGE = "never read: written on a page not read (its page scored too low)"
NOT_WRITTEN = "never read: the value is not written as such"
_DEVICE_WORD_RE = re.compile(r"(?i)gpu|tpu|cpu|chip|card|device|accelerat|node|machine|core|worker|v100|a100|titan|tesla")


def written_values(texts: Iterable[str]) -> dict[str, list[dict]]:
    """Per audited field, the values written in ``texts`` in a reader-independent way (see WRITTEN)."""
    from . import quantities as q

    out: dict[str, list[dict]] = {"chips": [], "training_hours": []}
    for t in texts:
        for d in q.find_durations(t):
            if d.hours > 0:
                out["training_hours"].append({"value": d.hours, "low": d.low, "high": d.high})
        if _DEVICE_WORD_RE.search(t):
            for n in q.find_numbers(t):
                if n.value and n.value == int(n.value) and 0 < n.value <= 200000:
                    out["chips"].append({"value": n.value})
    return out


def unread_pages_values(cheap_text: list[str], read_pages: set[int]) -> dict[str, list[dict]]:
    """``written_values`` of the pages no sentence came from (their cheap text: lines, and each page joined for
    durations broken over lines)."""
    pages = [t for i, t in enumerate(cheap_text) if (i + 1) not in read_pages and t]
    out = written_values(line for t in pages for line in t.split("\n"))
    out["training_hours"] += written_values(" ".join(t.split()) for t in pages)["training_hours"]
    return out


def split_never_read(cls: str, written: list[dict], right: Callable[[dict], bool], unread: list[dict] = ()) -> str:
    if cls != NEVER_READ:
        return cls
    if any(right(w) for w in written):
        return WRITTEN
    return UNREAD_PAGE if any(right(w) for w in unread) else NOT_WRITTEN


def audit_counts(rows: list[dict]) -> dict[str, dict[str, dict[str, int]]]:
    """``rows``: {"field", "split", "class"} per missed value -> {field: {class: {split: n}}}."""
    out: dict[str, dict[str, dict[str, int]]] = {}
    for r in rows:
        out.setdefault(r["field"], {}).setdefault(r["class"], {}).setdefault(r["split"], 0)
        out[r["field"]][r["class"]][r["split"]] += 1
    return out


def format_counts(counts: dict[str, dict[str, dict[str, int]]], splits=("not blind", "blind")) -> list[str]:
    lines = ["Where missed chips / training hours were lost (counts; read = a candidate had the right value):",
             f"  {'field':<16}{'class':<72}" + "".join(f"{s:>11}" for s in splits)]
    for f in AUDIT_FIELDS:
        for cls, by in sorted(counts.get(f, {}).items()):
            lines.append(f"  {f:<16}{cls[:71]:<72}" + "".join(f"{by.get(s, 0):>11}" for s in splits))
    return lines


def reason_names(why: str) -> list[str]:
    """The reasons of a fact's ``why`` ("a; b; c") without their quoted particulars ("count '8' + 'GPUs'" ->
    "count"), each once."""
    out = []
    for w in why.split("; "):
        name = re.split(r"\s*[('\"\d]", w.strip(), maxsplit=1)[0].strip(" :,")
        if name and name not in out:
            out.append(name)
    return out


def given_counts(rows: list[dict]) -> dict[str, dict[str, int]]:
    """``rows``: {"split", "right": bool, "why"} per given value -> {reason: {"<split> right"|"<split> wrong": n}}."""
    out: dict[str, dict[str, int]] = {}
    for r in rows:
        for name in reason_names(r["why"]) + ["(all given)"]:
            key = f"{r['split']} {'right' if r['right'] else 'wrong'}"
            out.setdefault(name, {}).setdefault(key, 0)
            out[name][key] += 1
    return out


def format_given(counts: dict[str, dict[str, int]], splits=("not blind", "blind")) -> list[str]:
    cols = [f"{s} {k}" for s in splits for k in ("right", "wrong")]
    lines = ["Training hours given, per reason of the chosen value (right / wrong; a time where the label has none is wrong):",
             f"  {'reason':<70}" + "".join(f"{c:>16}" for c in cols)]
    for name, by in sorted(counts.items(), key=lambda kv: (kv[0] != "(all given)", kv[0])):
        lines.append(f"  {name[:69]:<70}" + "".join(f"{by.get(c, 0):>16}" for c in cols))
    return lines
