"""Chip models: the hardware table's mentions (``HardwareTable.find``) and generic "GPUs"/"TPUs"/"CPUs";
``choose_model`` takes the accelerator of the chosen run."""

from __future__ import annotations

import re

from .context import Ctx, local_role, score_context
from .core import Cand, best, repeat_bonus


# Accelerators the hardware table does not know ("NVIDIA GH200", "A800 GPUs", "AMD MI250X"): named as
# written, without a chip_id (the estimate cannot price them; a reviewer sees the name).
_UNKNOWN_CHIP_RE = re.compile(
    r"\b(?P<vendor>NVIDIA|Nvidia|nVidia|AMD|Huawei|Habana|Graphcore|Cerebras|Intel)\s+(?:(?:GeForce|Tesla|Quadro|RTX|GTX|Instinct|"
    r"Radeon|Ascend|Gaudi|Data\s+Center\s+GPU\s+Max)\s+)*(?P<code>(?-i:[A-Z]{1,4})-?\d{2,5}(?-i:[A-Z]{0,3})(?:\s+Ti)?)\b"
    r"|\b(?P<code2>(?-i:[A-Z]{1,3})\d{2,4}(?-i:[A-Z]?))(?=\s+(?:GPU|accelerator|graphics\s+card)s?\b)"
    r"|\b(?P<code3>(?-i:RTX|GTX)\s*\d{3,4}(?:\s*Ti)?)\b"
    r"|\b(?P<npu>Ascend\s*\d{3}(?-i:[A-D]\d?)?|(?:(?<=Intel\s)|(?<=Habana\s))Gaudi\s*[123]?|Gaudi\s*[123])(?![\w-])"
    # other vendors' accelerators, by product name; words that are also common English or place names ("Bow",
    # "Kunlun", "MLU") only with their vendor or a device word
    r"|\b(?P<ipu>Graphcore(?:'s)?\s+(?:(?:Colossus\s+)?(?:MK[12]\s+)?(?:GC200|GC2|Bow)(?:\s+IPUs?)?|IPUs?)|(?:GC200|Bow)\s+IPUs?)\b"
    r"|\b(?P<aws>(?:AWS\s+)?(?:Trainium|Inferentia)\s*2?)(?![\w-])"
    r"|\b(?P<cerebras>Cerebras\s+(?:CS|WSE)-?[123]|(?:CS|WSE)-[123](?=\s+(?:systems?|wafers?|chips?|accelerators?)\b))(?![\w-])"
    r"|\b(?P<kunlun>Baidu\s+Kunlun(?:\s*(?:II|2|XPU|K200|R200))?|Kunlun\s*(?:II|2)?(?=\s+(?:XPUs?|chips?|accelerators?|AI\s+chips?)\b))(?![\w-])"
    r"|\b(?P<mlu>(?:Cambricon\s+)?(?-i:MLU)-?\d{3}(?-i:[A-Z]?)|Cambricon\s+(?-i:MLU)s?)(?![\w-])",
    re.I,
)
_OTHER_VENDOR_GROUPS = ("ipu", "aws", "cerebras", "kunlun", "mlu")


def _other_vendor_name(group: str, written: str) -> str:
    """The name an accelerator of another vendor is reported by ("GC200 IPUs" -> "Graphcore GC200")."""
    w = re.sub(r"\s+", " ", written).strip()
    if group == "ipu":
        model = re.search(r"(?i)GC200|GC2|Bow", w)
        return "Graphcore " + ({"gc200": "GC200", "gc2": "GC2", "bow": "Bow"}[model.group(0).lower()] if model else "IPU")
    if group == "aws":
        chip = re.search(r"(?i)(Trainium|Inferentia)\s*(2?)", w)
        return "AWS " + chip.group(1).capitalize() + chip.group(2)
    if group == "cerebras":
        code = re.search(r"(?i)(CS|WSE)-?([123])", w)
        return f"Cerebras {code.group(1).upper()}-{code.group(2)}"
    if group == "kunlun":
        gen = re.search(r"(?i)(II|2)\s*$", w)
        return "Baidu Kunlun" + (" 2" if gen else "")
    code = re.search(r"MLU-?(\d{3}[A-Z]?)", w)
    return "Cambricon MLU" + (code.group(1) if code else "")


def unknown_chips(c: Ctx) -> list[tuple[int, int, str]]:
    """(start, end, name) of accelerator names outside the hardware table's mentions."""
    out = []
    for m in _UNKNOWN_CHIP_RE.finditer(c.text):
        if any(mm.start <= m.start() < mm.end or m.start() <= mm.start < m.end() for mm in c.mentions):
            continue
        if m.group("code"):
            name = f"{'NVIDIA' if m.group('vendor').lower() == 'nvidia' else m.group('vendor')} {m.group('code')}"
        elif m.group("code3"):
            name = "NVIDIA " + re.sub(r"(?i)(RTX|GTX)\s*", r"\1 ", m.group("code3"))
        elif m.group("npu"):  # Huawei Ascend NPUs, Intel (Habana) Gaudi HPUs
            code = re.sub(r"\s+", " ", m.group("npu")).strip()
            name = ("Huawei " if code.lower().startswith("ascend") else "Intel ") + code
        elif m.lastgroup in _OTHER_VENDOR_GROUPS:  # Graphcore IPUs, AWS Trainium, Cerebras, Kunlun, Cambricon MLUs
            name = _other_vendor_name(m.lastgroup, m.group(0))
        else:
            name = m.group("code2")
        out.append((m.start(), m.end(), name))
    return out


def unknown_kind(name: str) -> str:
    """'npu' for accelerators that are neither GPU nor TPU (Ascend, Gaudi, IPUs, Trainium, Cerebras, Kunlun,
    MLUs: their counts are unit 'other'), else 'gpu'."""
    return "npu" if re.search(r"(?i)\b(?:Ascend|Gaudi|Graphcore|AWS\s+(?:Trainium|Inferentia)|Cerebras|Baidu\s+Kunlun|Cambricon)", name) else "gpu"


def model_cands(c: Ctx, hardware) -> list[Cand]:
    out = []
    t = c.text
    for (a, b, name) in unknown_chips(c):
        why = [f"names {name} (not in the hardware table)"]
        sc = score_context(c, why, name, a) + local_role(t, a, b, why)
        if c.s.section == "acknowledgements":
            sc += 4.0 + (1.0 if c.donation else 0.0)
        out.append(Cand("chip_model", name, c.s.page, t, t[a:b], sc, why,
                        extra={"chip_id": None, "generic": False, "as_written": t[a:b], "kind": unknown_kind(name), "unknown": True},
                        sent_index=c.s.index))
    for mm in c.mentions:
        why = [f"names {mm.family}"]
        sc = score_context(c, why, mm.text, mm.start)
        sc += local_role(t, mm.start, mm.end, why)
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
            chip = tpu_version_near(t, a, b, hardware)
            if chip is not None:
                value = chip.family
        why = [f"generic {text!r}" if chip is None else f"{text!r} with version nearby -> {chip.family}"]
        sc = score_context(c, why, text, a) - (0.3 if chip is None else 0)
        sc += local_role(t, a, b, why)
        if c.s.section == "acknowledgements":
            sc += 4.0 + (1.0 if c.donation else 0.0)
            why.append("acknowledgement: names the model only")
        out.append(Cand("chip_model", value, c.s.page, t, text, sc, why,
                        extra={"chip_id": chip.chip_id if chip else None, "generic": chip is None, "as_written": text,
                               "kind": kind}, sent_index=c.s.index))
    return out


_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "1st": 1, "2nd": 2, "3rd": 3,
             "4th": 4, "5th": 5, "6th": 6}


def tpu_version_near(t: str, a: int, b: int, hardware):
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


def choose_model(models: list[Cand], chips: list[Cand], best_chips: Cand | None, best_hours: Cand | None) -> Cand | None:
    """The accelerator of the main run, in order of evidence:
    1. a chip named in the sentence of the chosen count (nearest to it), else in that of the chosen duration;
    2. a chip named with the same device count elsewhere ("5 GPUs" chosen, "5 GeForce GTX 1080 GPUs" stated);
    3. the best-scoring chip named in a training context, of the kind counted (GPU/TPU);
    4. a generic "GPUs"/"TPUs" (in the chosen sentences, else the best one, else the counted noun)."""
    kind = unit_kind(best_chips)
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
    repeat_bonus(specific)
    m = best(specific, prefer_larger=False, margin=0.0, min_score=2.2)
    if m is not None:
        return m
    # "GPUs" in the training sentences and one GPU named elsewhere (setup, acknowledgements): that one
    named = [m for m in specific if m.score > 0.0 and (kind is not None or m.extra.get("kind") in ("gpu", "tpu"))
             and not any(w.startswith(("speed-up", "bound to inference")) for w in m.why)]
    if len({m.value for m in named}) == 1:
        m = max(named, key=lambda m: m.score)
        m.why.append("the only accelerator the paper names")
        return m
    for anchor in (best_chips, best_hours):
        if anchor is None:
            continue
        here = [g for g in models if g.sent_index == anchor.sent_index and g.extra.get("generic")
                and (kind is None or g.extra.get("kind") == kind)]
        if here:
            return max(here, key=lambda g: (g.extra.get("kind") in ("gpu", "tpu"), g.score))
    generic = [g for g in models if g.extra.get("generic") and (kind is None or g.extra.get("kind") == kind)]
    m = best(generic, prefer_larger=False, margin=0.0, min_score=1.0)
    if m is not None:
        return m
    if kind in ("gpu", "tpu", "cpu"):
        value = {"gpu": "GPU (unspecified)", "tpu": "TPU (unspecified)", "cpu": "CPU (unspecified)"}[kind]
        return Cand("chip_model", value, best_chips.page,
                    best_chips.sentence, best_chips.match, best_chips.score - 0.5, ["from the counted device noun"],
                    extra={"generic": True, "as_written": best_chips.match})
    return None


def unit_kind(c: Cand | None) -> str | None:
    if c is None:
        return None
    if c.unit == "gpus":
        return "gpu"
    if c.unit in ("tpu_chips", "tpu_cores"):
        return "tpu"
    if c.unit == "other" and "TPU" in c.match.upper():
        return "tpu"
    if c.unit == "cpu_cores" or (c.unit == "other" and re.search(r"(?i)\bCPU|processor", c.match)):
        return "cpu"
    if c.extra.get("device_kind") == "cpu":
        return "cpu"  # "16 machines of 32 cores each": CPU machines
    return None
