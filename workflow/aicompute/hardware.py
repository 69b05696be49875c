"""Accelerator spec table (``data/hardware.csv``) and a matcher for chip names in paper text.

The table is data: one row per variant, with peaks per precision and the vendor page they come from
(conventions in ``data/HARDWARE.md``).  This module loads and validates it, and finds mentions such as
"8x Tesla V100-SXM2", "K40c", "Titan X (Pascal)" or "third-generation TPUs" in text.  Matching rules:

* case-insensitive; vendor/product-line prefixes ("NVIDIA", "GeForce", "Tesla", "Cloud", ...) may be
  present or absent; the words of an alias may be joined by spaces, hyphens or nothing ("TPUv3"),
  and a model number may carry a hyphen ("V-100", "Quadro K-6000");
* a lower-case ``s`` glued to a name is a plural ("V100s", "K80s"); an upper-case ``S`` after a model
  number is a product suffix ("V100S", "L40S") -- the only way to name those two parts;
* short names that collide with figure labels and other products (T4, A10, P40, ...; see ``GUARDED``)
  count only with a vendor prefix or a GPU/TPU word right after them;
* names are whole words ("K40" is not in "K400" or "MK40"); a trailing "Ti"/"Super" means another card;
* TPU slices: "TPU v3-512"; a bare "v3-8" only with "TPU" within ``SLICE_CONTEXT`` characters;
* with a publication date, a family named without a variant falls back to a variant that existed
  then (P100 in May 2016 -> SXM2); "Titan Xp" before 2017-04-06 is the 2016 Titan X (Pascal).
"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from aicompute import DATA_DIR

COLUMNS = ("chip_id", "name", "family", "vendor", "kind", "family_default", "release_date", "count_unit",
           "cores_per_chip", "dies_per_board", "fp32_flops", "fp16_flops", "tensor_flops", "int8_ops",
           "aliases", "source_url", "notes")
PRECISIONS = {"fp32": "fp32_flops", "fp16": "fp16_flops", "tensor": "tensor_flops", "int8": "int8_ops"}
KINDS = {"gpu": {"gpu", "board", "gpu_die"}, "tpu": {"tpu_chip"}, "npu": {"chip"}}  # kind -> allowed count units
# ("npu": other vendors' accelerators, Trainium, Ascend, IPUs: neither GPU nor TPU; papers count their chips)

# Words papers put before a model name (or leave out), by vendor; they never make a match on their own.
PREFIXES = {
    "NVIDIA": ("nvidia", "geforce", "tesla", "quadro", "grid"),  # not "gtx": "GTX 580" needs it
    "AMD": ("amd", "radeon", "instinct"),
    "Google": ("google", "cloud"),
    "AWS": ("aws", "amazon"),
    "Huawei": ("huawei",),
    "Graphcore": ("graphcore",),
}
# Names that also read as table/figure labels, section numbers or other products ("T4" in "Table T4",
# "AMD A10" APUs, "Titan" supercomputer, Arm's "Project Trillium"): need a prefix or a GPU/TPU word after.
GUARDED = {"t4", "l4", "a10", "a40", "l40", "p40", "m40", "m60", "k10", "titan", "trillium"}
_CONTEXT_AFTER = re.compile(r"[\s\-]*(?:[\w()\-]+\s+){0,2}?(?:GPU|TPU|accelerator|graphics card)s?\b", re.I)
# Press and papers called the 2016 Titan X (Pascal) "Titan XP" before the real Titan Xp shipped.
PREDECESSORS = {"nvidia-titan-xp": "nvidia-titan-x-pascal"}
SLICE_CONTEXT = 100  # characters around a bare "v3-8" that must contain "TPU"
_BARE_SLICE = re.compile(r"(?<![\w\-.])(v2|v3|v4|v5e|v5p|v5litepod|v6e)-\d+(?![\w.])", re.I)


@dataclass(frozen=True)
class Chip:
    """One row of the table; FLOP/s (or OP/s) per ``count_unit``, None where not applicable."""

    chip_id: str
    name: str
    family: str
    vendor: str
    kind: str
    family_default: bool
    release_date: date | None
    count_unit: str
    cores_per_chip: int
    dies_per_board: int
    fp32_flops: float | None
    fp16_flops: float | None
    tensor_flops: float | None
    int8_ops: float | None
    aliases: tuple[str, ...]
    source_url: str
    notes: str

    def peak_flops(self, precision: str) -> float | None:
        if precision not in PRECISIONS:
            raise ValueError(f"precision must be one of {sorted(PRECISIONS)}, not {precision!r}")
        return getattr(self, PRECISIONS[precision])


@dataclass(frozen=True)
class ChipMention:
    start: int
    end: int
    text: str
    chip: Chip
    family: str
    exact_variant: bool  # the text names a variant, not just the family ("P100 SXM2", "A100 80GB")


@dataclass(frozen=True)
class _Alias:
    chip: Chip
    regex: re.Pattern
    anchor: str  # a lower-case literal the text must contain (cheap pre-filter)
    guarded: bool
    family_level: bool  # names the family only, so the default row is a guess


def _words(alias: str, vendor: str) -> list[str]:
    """The words of an alias without leading vendor prefixes (the regex makes those optional)."""
    words = re.findall(r"[A-Za-z0-9.]+", alias)
    while len(words) > 1 and words[0].lower() in PREFIXES.get(vendor, ()):
        words.pop(0)
    return words


def _key(alias: str, vendor: str) -> str:
    """Normal form for duplicate checks: "Tesla K40-c" and "k40c" are the same alias."""
    return "".join(_words(alias, vendor)).lower()


def _alias_regex(alias: str, chip: Chip) -> re.Pattern:
    """The name itself (it starts with a literal, which keeps scanning fast); the word boundary on
    the left and the optional vendor prefix are checked by ``HardwareTable._find``."""
    parts = []
    for w in _words(alias, chip.vendor):
        if re.fullmatch(r"\d+GB", w, re.I):  # "80GB", "80 GB", "80G"
            parts.append(w[:-2] + r"\s*G(?:i?B)?")
            continue
        if re.fullmatch(r".*\dS", w):  # "V100S": the S must be upper-case, "V100s" is a plural
            part = re.escape(w[:-1]) + "(?-i:S)"
        elif m := re.fullmatch(r"([A-Za-z]{1,2})(\d\w*)", w):  # "K6000" also as "K-6000"
            part = m[1] + "-?" + m[2]
        else:
            part = re.escape(w)
        parts.append(part + "(?-i:s)?")  # plurals inside ("TPUs v3") and at the end ("V100s")
    # Vendor words may also sit between the words: "third generation Google Cloud TPUs".
    sep = rf"(?:[\s\-_()/]|(?:{'|'.join(PREFIXES.get(chip.vendor, ('(?!)',)))})(?![a-z0-9]))*"
    tail = r"(?:-\d+)?(?:\s+pods?)?" if chip.kind == "tpu" else ""  # "TPU v3-512", "TPU v3 Pod"
    return re.compile(sep.join(parts) + tail + r"(?![A-Za-z0-9])(?![\s\-]*(?:Ti|Super)\b)", re.I)


def _as_date(value) -> date | None:
    if value is None or isinstance(value, date) and not isinstance(value, datetime):
        return value
    return value.date() if isinstance(value, datetime) else date.fromisoformat(str(value))


def _parse_row(row: dict, where: str) -> Chip:
    def number(col: str) -> float | None:
        text = (row[col] or "").strip()
        if not text:
            return None
        try:
            value = float(text)
        except ValueError:
            raise ValueError(f"{where}: {col} is not a number: {text!r}") from None
        if not math.isfinite(value) or value <= 0:
            raise ValueError(f"{where}: {col} must be a positive number, not {text!r}")
        return value

    def integer(col: str) -> int:
        value = number(col)
        if value is None or value != int(value):
            raise ValueError(f"{where}: {col} must be a positive integer, not {row[col]!r}")
        return int(value)

    if not (row["chip_id"] or "").strip() or not (row["family"] or "").strip():
        raise ValueError(f"{where}: chip_id and family are required")
    if row["family_default"].strip().lower() not in ("true", "false"):
        raise ValueError(f"{where}: family_default must be true or false, not {row['family_default']!r}")
    if row["kind"] not in KINDS or row["count_unit"] not in KINDS[row["kind"]]:
        raise ValueError(f"{where}: bad kind/count_unit {row['kind']!r}/{row['count_unit']!r}")
    try:
        released = date.fromisoformat(row["release_date"].strip())
    except ValueError:
        raise ValueError(f"{where}: release_date must be YYYY-MM-DD, not {row['release_date']!r}") from None
    if not row["source_url"].startswith(("http://", "https://")):
        raise ValueError(f"{where}: source_url must be a vendor URL")
    chip = Chip(
        chip_id=row["chip_id"].strip(), name=row["name"].strip(), family=row["family"].strip(),
        vendor=row["vendor"].strip(), kind=row["kind"], family_default=row["family_default"].strip().lower() == "true",
        release_date=released, count_unit=row["count_unit"], cores_per_chip=integer("cores_per_chip"),
        dies_per_board=integer("dies_per_board"), fp32_flops=number("fp32_flops"), fp16_flops=number("fp16_flops"),
        tensor_flops=number("tensor_flops"), int8_ops=number("int8_ops"),
        aliases=tuple(a.strip() for a in row["aliases"].split(";") if a.strip()),
        source_url=row["source_url"].strip(), notes=(row["notes"] or "").strip())
    if chip.fp32_flops is None and chip.tensor_flops is None and chip.int8_ops is None:
        raise ValueError(f"{where}: needs at least one of fp32_flops, tensor_flops, int8_ops")
    if (chip.count_unit == "board") != (chip.dies_per_board > 1):
        raise ValueError(f"{where}: dies_per_board > 1 exactly when count_unit is 'board'")
    return chip


class HardwareTable:
    def __init__(self, chips: list[Chip], where: list[str] | None = None):
        where = where or [c.chip_id for c in chips]
        self.chips = list(chips)
        self._by_id: dict[str, Chip] = {}
        self._defaults: dict[str, Chip] = {}
        owner: dict[str, tuple[str, str]] = {}  # alias key -> (chip_id, alias)
        for chip, at in zip(self.chips, where):
            if chip.chip_id in self._by_id:
                raise ValueError(f"{at}: duplicate chip_id {chip.chip_id!r}")
            self._by_id[chip.chip_id] = chip
            if chip.family_default:
                if chip.family in self._defaults:
                    raise ValueError(f"{at}: second family_default for {chip.family!r} "
                                     f"(already {self._defaults[chip.family].chip_id})")
                self._defaults[chip.family] = chip
            for alias in chip.aliases:
                key = _key(alias, chip.vendor)
                other = owner.setdefault(key, (chip.chip_id, alias))
                if other[0] != chip.chip_id:
                    raise ValueError(f"{at}: alias {alias!r} duplicates {other[1]!r} of {other[0]}")
        for family in dict.fromkeys(c.family for c in self.chips):
            if family not in self._defaults:
                bad = next(at for c, at in zip(self.chips, where) if c.family == family)
                raise ValueError(f"{bad}: family {family!r} has no family_default row")
        self._aliases = [a for c in self.chips for a in self._compile(c)]
        self._prefix = {v: re.compile(rf"(?<![A-Za-z0-9])(?:(?:{'|'.join(p)})[\s\-]*)+\Z", re.I)
                        for v, p in PREFIXES.items()}
        self._prefix.update({c.vendor: re.compile("(?!)") for c in self.chips if c.vendor not in PREFIXES})
        self._slices = {k: self._defaults[f"Google TPU {k}"] for k in ("v2", "v3", "v4", "v5e", "v5p", "v6e")
                        if f"Google TPU {k}" in self._defaults}
        if "v5e" in self._slices:
            self._slices["v5litepod"] = self._slices["v5e"]

    @classmethod
    def load(cls, path: str | Path | None = None) -> "HardwareTable":
        path = Path(path) if path else DATA_DIR / "hardware.csv"
        with open(path, newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f)
            if tuple(reader.fieldnames or ()) != COLUMNS:
                raise ValueError(f"{path}: header must be {','.join(COLUMNS)}")
            chips, where = [], []
            for row in reader:
                where.append(f"{path} line {reader.line_num} ({row.get('chip_id') or '?'})")
                chips.append(_parse_row(row, where[-1]))
        return cls(chips, where)

    def _compile(self, chip: Chip) -> list[_Alias]:
        keys = {}
        for alias in chip.aliases:  # one regex per distinct spelling
            keys.setdefault(_key(alias, chip.vendor), alias)
        out = []
        for key, alias in keys.items():
            # An alias of the default row that extends another one ("V100 SXM2" vs "V100") names the variant.
            family_level = chip.family_default and not any(k != key and key.startswith(k) for k in keys)
            words = _words(alias, chip.vendor)
            anchor = max((w.lower() for w in words if not re.fullmatch(r"\d+GB", w, re.I)), key=len)
            anchor = re.sub(r"^[a-z]{1,2}(?=\d)", "", anchor)  # "k6000" may be written "K-6000"
            out.append(_Alias(chip, _alias_regex(alias, chip), anchor, key in GUARDED, family_level))
        return out

    def get(self, chip_id: str) -> Chip:
        try:
            return self._by_id[chip_id]
        except KeyError:
            raise KeyError(f"unknown chip_id {chip_id!r} (see hardware.csv, e.g. {next(iter(self._by_id))!r})") from None

    def family_default(self, family: str) -> Chip:
        try:
            return self._defaults[family]
        except KeyError:
            raise KeyError(f"unknown family {family!r}; known: {', '.join(self._defaults)}") from None

    def families(self) -> list[str]:
        return list(self._defaults)

    def find(self, text: str, published: date | str | None = None) -> list[ChipMention]:
        """Every non-overlapping accelerator mention in ``text`` (longest match wins), in text order.
        ``published`` (a date or ISO string) enables the release-date fallbacks."""
        return self._find(text, _as_date(published), guarded=True)

    def match(self, name: str, published: date | str | None = None) -> Chip | None:
        """Best chip for a string already known to name hardware ("Tesla K40m", "8x V100", "A10")."""
        mentions = self._find(name, _as_date(published), guarded=False)  # no context needed: it is a name
        return max(mentions, key=lambda m: m.end - m.start).chip if mentions else None

    def _find(self, text: str, published: date | None, guarded: bool) -> list[ChipMention]:
        low = text.lower()
        found = []  # (start, end, chip, family_level)
        for a in self._aliases:
            if a.anchor not in low:
                continue
            for m in a.regex.finditer(text):
                start, end = m.span()
                before = text[max(0, start - 2):start]
                if before[-1:].isalnum() and not re.fullmatch(r"\d[x×]", before, re.I):  # "MK40"; but "8xV100"
                    continue
                pre = self._prefix[a.chip.vendor].search(text, max(0, start - 40), start)
                if guarded and a.guarded and not pre and not _CONTEXT_AFTER.match(text, end):
                    continue
                start = pre.start() if pre else start  # the span includes "NVIDIA Tesla"
                end += text.count("(", start, end) > text.count(")", start, end) and text.startswith(")", end)
                found.append((start, end, a.chip, a.family_level))
        for m in _BARE_SLICE.finditer(text):  # "v3-8": only when TPUs are being discussed nearby
            chip = self._slices.get(m.group(1).lower())
            if chip and "tpu" in low[max(0, m.start() - SLICE_CONTEXT):m.end() + SLICE_CONTEXT]:
                found.append((m.start(), m.end(), chip, True))
        found.sort(key=lambda f: (f[0] - f[1], f[0]))  # longest match wins, then leftmost
        kept: list[tuple] = []
        for f in found:
            if all(f[1] <= k[0] or f[0] >= k[1] for k in kept):
                kept.append(f)
        return [self._mention(text, *f, published) for f in sorted(kept, key=lambda f: f[0])]

    def _mention(self, text, start, end, chip, family_level, published) -> ChipMention:
        if published and chip.release_date and chip.release_date > published:
            chip = self._older(chip, family_level, published)
        return ChipMention(start, end, text[start:end], chip, chip.family, exact_variant=not family_level)

    def _older(self, chip: Chip, family_level: bool, published: date) -> Chip:
        """A variant that existed at ``published``; the named chip itself when there is none."""
        if chip.chip_id in PREDECESSORS:
            older = [self._by_id[PREDECESSORS[chip.chip_id]]]
        elif family_level:  # only the family was named: any variant of it will do
            older = [c for c in self.chips if c.family == chip.family]
        else:  # the text named this variant explicitly; keep it (the estimator can flag the date)
            return chip
        older = [c for c in older if c.release_date and c.release_date <= published]
        return max(older, key=lambda c: c.release_date) if older else chip
