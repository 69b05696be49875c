"""Numbers and quantities as papers write them.

Everything here works on one normalized sentence (see ``pdftext.normalize``) and returns matches with
character spans, so callers can say which words a value came from:

- numbers: digits with separators and suffixes ("1,024", "2.5k", "340M", "1.5B", "3.14E+23",
  "2.3 x 10^19", "11.3 billion", "100 000", "1.000.000"; "10-15M" is 10M to 15M), spelled-out numbers
  ("eight", "twenty-four", "a single", "a dozen", "two hundred");
- durations in hours ("3.5 days", "about two weeks", "9h", "30 minutes", "five to six days",
  "2-3 weeks", "2~3 days", "1 day and 6 hours", "3 1/2 days", "a quarter of an hour", "took 3:15:00"),
  with the qualifier ("about", "over", ...) and a flag for amounts of data measured in time ("11,940 hours
  of speech");
- chip-time products ("2.5k TPUv3-core-days", "4 GPU days", "1,000 GPU-hours", "625 TPU·days");
- rates ("0.4 s per step", "9.8 hours per 100 epochs", "30 minutes to train each epoch", "2 steps/s")
  and counts of steps/epochs ("300,000 steps", "90 epochs");
- amounts of compute ("11.3 billion FLOPs", "3.14E+23 flops", "4262 exaFLOPs", "3.6 pfs-days").

Nothing here knows about papers, hardware names or which run is the main one (that is ``extract``).
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass

HOURS_PER_UNIT = {
    "second": 1 / 3600,
    "millisecond": 1 / 3_600_000,
    "minute": 1 / 60,
    "hour": 1.0,
    "day": 24.0,
    "week": 168.0,
    "month": 730.5,  # 30.44 days
    "year": 8766.0,  # 365.25 days
}

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "trillion": 1_000_000_000_000}
_SUFFIX = {"k": 1e3, "K": 1e3, "M": 1e6, "B": 1e9, "T": 1e12}
_SI_PREFIX = {"": 1.0, "k": 1e3, "kilo": 1e3, "m": 1e6, "mega": 1e6, "g": 1e9, "giga": 1e9, "t": 1e12,
              "tera": 1e12, "p": 1e15, "peta": 1e15, "e": 1e18, "exa": 1e18, "z": 1e21, "zetta": 1e21}

_NUMWORD = "|".join(sorted(list(_UNITS) + list(_TENS) + list(_SCALES) + ["dozen"], key=len, reverse=True))
# a run of number words: "twenty-four", "two hundred", "one thousand and twenty"
_SPELLED = (
    rf"(?:(?:a\s+single|single|a\s+dozen|a\s+couple\s+of|a\s+hundred|a\s+thousand)\b"
    rf"|(?:{_NUMWORD})(?:(?:\s+and\s+|[\s-]+)(?:{_NUMWORD}))*\b)"
)
# digits: 1,024 / 3.5 / 3.14E+23 / 2.3 x 10^19 / 2.5k / 340M / 11.3 billion
# Thousands may also be grouped by spaces ("100 000", "1 281 067": thin spaces become spaces in pdftext) when a
# group after the first starts with 0, which a number of its own never does ("64 128 256" stays three numbers),
# or by dots when there are two dots or more ("1.000.000"; one dot, "100.000", is read as a decimal point).
_SPACE_GROUPED = r"\d{1,3}(?: \d{3})*(?: 0\d{2})(?: \d{3})*(?!\d|[.,]\d)"
_DOT_GROUPED = r"\d{1,3}(?:\.\d{3}){2,}(?!\d|[.,]\d)"
_DIGITS = (
    rf"(?:{_SPACE_GROUPED}|{_DOT_GROUPED}|\d{{1,3}}(?:,\d{{3}})+(?![\d])|\d+)(?:\.\d+)?"
    r"(?:[eE][+-]?\d+|\s*[x·\*]?\s*10\s*\^\s*[-+]?\d+|\s*[x·\*]\s*10(?:\s*\^)?\s*[-+]?\d+(?=\s*(?:FLOP|flop|multipl|mult|MAC|op)))?"
    r"(?:[kKMBT](?![A-Za-z0-9])|\s+(?:thousand|million|billion|trillion)\b)?"
)
_POWER10 = r"10\s*\^\s*[-+]?\d+"
NUMBER = rf"(?:(?<![\w.^])(?:{_POWER10}(?!\d)|{_DIGITS})|\b{_SPELLED})"
NUMBER_RE = re.compile(NUMBER, re.IGNORECASE)
# case-sensitive digit part (so "M"/"B" suffixes are not confused with "m"/"b")
_DIGITS_RE = re.compile(rf"^(?:{_DIGITS})$")
_POWER10_RE = re.compile(rf"^{_POWER10}$")


@dataclass(frozen=True)
class Num:
    value: float
    start: int
    end: int
    text: str
    spelled: bool = False


def _spelled_value(words: str) -> float | None:
    s = words.lower().replace("-", " ")
    s = re.sub(r"\s+", " ", s).strip()
    if s in ("a single", "single"):
        return 1.0
    if s == "a dozen":
        return 12.0
    if s == "a couple of":
        return 2.0
    if s.startswith("a "):
        s = "one " + s[2:]
    total, current = 0, 0
    seen = False
    for tok in s.split():
        if tok == "and":
            continue
        if tok in _UNITS:
            current += _UNITS[tok]
        elif tok in _TENS:
            current += _TENS[tok]
        elif tok == "dozen":
            current = (current or 1) * 12
        elif tok == "hundred":
            current = (current or 1) * 100
        elif tok in _SCALES:
            total += (current or 1) * _SCALES[tok]
            current = 0
        else:
            return None
        seen = True
    return float(total + current) if seen else None


def _digits_value(s: str) -> float | None:
    s = s.strip()
    m = _POWER10_RE.match(s)
    if m:
        exp = int(re.sub(r"[^\d+-]", "", s[2:]) or 0)
        return 10.0 ** exp if abs(exp) <= 300 else None
    if not _DIGITS_RE.match(s):
        return None
    mult = 1.0
    m = re.search(r"\s+(thousand|million|billion|trillion)$", s, re.I)
    if m:
        mult = _SCALES[m.group(1).lower()]
        s = s[: m.start()]
    elif s[-1] in _SUFFIX:
        mult = _SUFFIX[s[-1]]
        s = s[:-1]
    m = re.search(r"\s*[x·\*]\s*10\s*\^?\s*([-+]?\d+)$", s) or re.search(r"\s*10\s*\^\s*([-+]?\d+)$", s)
    exp = 0
    if m:
        exp = int(m.group(1))
        s = s[: m.start()]
    s = s.strip()
    if re.fullmatch(_DOT_GROUPED, s):
        s = s.replace(".", "")
    try:
        v = float(s.replace(",", "").replace(" ", "") + (f"e{exp}" if exp else ""))
    except ValueError:
        return None
    v *= mult
    return v if math.isfinite(v) else None  # "10^400" is no quantity a paper states


def parse_number(text: str) -> float | None:
    """The value of one number as written ("1,024", "2.5k", "1.5B", "twenty-four", "a dozen")."""
    t = text.strip()
    if not t:
        return None
    v = _digits_value(t)
    if v is not None:
        return v
    return _spelled_value(t)


def find_numbers(text: str) -> list[Num]:
    """Every number in `text`, left to right, non-overlapping."""
    out = []
    for m in NUMBER_RE.finditer(text):
        raw = m.group(0)
        # the case-insensitive search may have taken a lower-case "m"/"b" as a suffix: re-check
        v = _digits_value(raw)
        spelled = False
        end = m.end()
        if v is None and raw[:1].isdigit():
            # drop a suffix that is not a real suffix (e.g. "5 m" meters) and retry
            raw2 = re.sub(r"[a-zA-Z]+$", "", raw).rstrip()
            v = _digits_value(raw2)
            end = m.start() + len(raw2)
            raw = raw2
        if v is None:
            v = _spelled_value(raw)
            spelled = True
        if v is None:
            continue
        out.append(Num(v, m.start(), end, raw, spelled))
    return _share_range_suffix(text, out)


_SUFFIXED_RE = re.compile(r"^(?P<mant>[\d.,]+)\s*(?P<suf>[kKMBT]|thousand|million|billion|trillion)$", re.I)


def _share_range_suffix(text: str, nums: list[Num]) -> list[Num]:
    """'10-15M', '2 to 3 billion': the first number of a range takes the second one's suffix when it is
    smaller than the second's digits ('512-8K' is 512 to 8K; 'GPT-2 1.5B' is no range)."""
    out = list(nums)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if a.spelled or b.spelled or not re.fullmatch(r"\d+(?:\.\d+)?", a.text):
            continue
        sm = _SUFFIXED_RE.match(b.text)
        if sm is None or not re.fullmatch(r"\s*(?:-|–|to)\s*", text[a.end: b.start]):
            continue
        if re.search(r"[\w-]$", text[max(0, a.start - 1): a.start]):
            continue  # "GPT-2-1.5B", "v2-3B": a name's number
        mant = parse_number(sm.group("mant"))
        if mant is None or not 0 < a.value < mant:
            continue
        out[i] = Num(a.value * b.value / mant, a.start, a.end, a.text, a.spelled)
    return out


# ---------------------------------------------------------------- durations

_UNIT_WORDS = [
    (r"milliseconds?|msecs?|ms", "millisecond"),
    (r"seconds?|secs?|s", "second"),
    (r"minutes?|mins?", "minute"),
    (r"hours?|hrs?|h", "hour"),
    (r"days?", "day"),
    (r"weeks?|wks?", "week"),
    (r"months?", "month"),
    (r"years?|yrs?", "year"),
]
_UNIT_ALT = "|".join(f"(?P<u{i}>{pat})" for i, (pat, _) in enumerate(_UNIT_WORDS))
_TIME_UNIT = rf"(?:{_UNIT_ALT})(?![\w]|-(?!long\b)\w)"
# the first unit of a range may be followed by the dash and the second number ("10h-12h", "2 days-3 days")
_PRE_TIME_UNIT = rf"(?:{_UNIT_ALT})(?![\w]|-(?!long\b|\s*\d)\w)"
_QUAL = (
    r"(?P<qual>(?:(?:about|around|approximately|approx\.|roughly|nearly|almost|over|under|"
    r"more\s+than|less\s+than|fewer\s+than|at\s+least|at\s+most|up\s+to|within|only|just|some|"
    r"close\s+to|in\s+excess\s+of|a\s+little\s+(?:over|under|more\s+than|less\s+than)|~|≈|<|>|≤|≥)\s*)*)"
)
_HALF = r"(?:and\s+a\s+half|and\s+one\s+half|and\s+a\s+quarter)"
_NUM_OR_A = rf"(?:{NUMBER}|\b(?:a|an|one|a\s+full|one\s+full)\b)"
_DURATION_RE = re.compile(
    _QUAL
    + r"(?:(?P<between>between|from)\s+)?"
    + rf"(?P<n1>{NUMBER})(?:\s*(?P<pre_unit>{_PRE_TIME_UNIT.replace('?P<u', '?P<pu')}))?"
    # ("2~3 days", "2 ~ 3 days": a tilde between two numbers is a range, as in "2-3 days"; "2 ~3 days" is about 3)
    + r"(?:\s*(?:-to-|-|to|and|or)\s*|[~∼]|\s+[~∼]\s+)"
    + rf"(?P<n2>{NUMBER})\s*-?\s*(?P<unit>{_TIME_UNIT})"
    + "|"
    + _QUAL.replace("?P<qual>", "?P<qual2>")
    # ("4 full days", "two whole weeks": the word says the days were whole, not another amount)
    + rf"(?P<half_a>half\s+(?=(?:a|an)\s))?(?P<n>{_NUM_OR_A})(?:\s+(?P<half>{_HALF}))?\s*-?\s*(?:(?:full|whole|entire)\s+)?"
    + rf"(?P<unit2>{_TIME_UNIT.replace('?P<u', '?P<v')})"
    + rf"(?:\s+(?P<half2>{_HALF}))?",
    re.IGNORECASE,
)

# "hours of speech": an amount of data measured in time, not a training duration
_DATA_AFTER_RE = re.compile(
    r"^\s*(?:of|worth\s+of)\s+(?:[\w-]+\s+){0,3}?(?:speech|audio|video|videos|recordings?|footage|"
    r"data|conversations?|transcri\w+|utterances?|music|podcasts?|lectures?|broadcasts?|gameplay|"
    r"game\s*play|play|experience|human|driving|interaction|demonstrations?|YouTube|telephone|"
    r"read|spoken|unlabeled|unlabelled|labeled|labelled|untranscribed|movies?|television|TV|"
    r"text|sound|English|Mandarin|multilingual|dialogue|"
    # "hours of real-time video" is data, "5 days of real time" is the wall clock
    r"real[- ]time\s+(?:[\w-]+\s+)?(?:video|audio|speech|play|gameplay|footage|data|interactions?|experience|driving))\b",
    re.IGNORECASE,
)
_DATA_BEFORE_RE = re.compile(
    # ("a total of 960 hours" of audio; but "for / took / requires a total of 60 hours" is a run's time)
    r"(?:consist\w*\s+of|cover\w*|spann?\w*|contain\w*|compris\w*|dataset\s+(?:of|with)|corpus\s+(?:of|with)|"
    r"(?<!for\sa\s)(?<!took\sa\s)(?<!takes\sa\s)(?<!needs\sa\s)(?<!needed\sa\s)(?<!lasted\sa\s)(?<!requires\sa\s)"
    r"(?<!required\sa\s)total\s+of|"
    r"includ\w+|collected|recorded|transcribed)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)


# "trained on 9,400 hours": one trains *on* data and *for* a time
_DATA_ON_RE = re.compile(r"\bon\s+(?:about|approximately|roughly|over|nearly|only|just|around|some|~)?\s*$", re.I)


@dataclass(frozen=True)
class Duration:
    hours: float
    low: float
    high: float
    start: int
    end: int
    text: str
    unit: str  # the (larger) unit as written: "day", "hour", ...
    qualifier: str  # "", "about", "over", "less than", ...
    data_amount: bool = False  # "11,940 hours of speech"
    is_range: bool = False


def _unit_named(word: str) -> str:
    """The unit a unit word names ("hrs" -> "hour")."""
    for pat, name in _UNIT_WORDS:
        if re.fullmatch(pat, word, re.I):
            return name
    raise ValueError(word)


def _unit_of(m: re.Match, prefix: str) -> str | None:
    for i, (_, name) in enumerate(_UNIT_WORDS):
        if m.group(f"{prefix}{i}"):
            return name
    return None


def _num_or_a(s: str) -> float | None:
    t = re.sub(r"\s+", " ", s.strip().lower())
    if t in ("a", "an", "one", "a full", "one full"):
        return 1.0
    return parse_number(s)


# a model name's number before a plural "s" ("RTX 3090s", "GTX 1080s", "Titan 1080s"): not seconds
_MODEL_WORD_BEFORE_RE = re.compile(r"(?:\b[A-Z]{2,5}|\b(?:Titan|Quadro|Tesla|GeForce|Radeon|Instinct))[\s-]?$")


def _abbrev_ok(text: str, unit_text: str, num_text: str, before: str = "") -> bool:
    """'s' and 'h' abbreviations only right after digits ("0.4 s", "9h"), not after words; "1980s" is a decade;
    "RTX 3090s" is a plural of cards."""
    if unit_text == "s" and re.fullmatch(r"\d+", num_text) and _MODEL_WORD_BEFORE_RE.search(before):
        return False
    if unit_text in ("S", "H", "MS", "Ms", "mS"):
        return False  # an upper-case letter after a number is a name or a column ("2 S", "238.0 H", "MS COCO")
    if unit_text.lower() in ("s", "h", "ms", "hr", "hrs", "sec", "secs", "min", "mins"):
        if unit_text == "s" and re.fullmatch(r"(?:1[89]|20)\d0", num_text.strip()):
            return False
        return bool(re.search(r"\d\s*$", num_text))
    return True


# A sentence without any of these states no duration, rate or chip-time product (a cheap first test:
# most sentences of a paper have none).
_TIME_HINT = re.compile(r"(?i)sec|min|hour|hr|day|week|wk|month|year|yr|\d\s*m?s\b|\d\s*h\b|/\s*s\b|\d[hm]\d|\d\s?d\b|"
                        r"\d:\d\d:\d\d|[-·]h\b")

# Compact clock forms in tables and logs: "1h 45m", "6h15", "2h30min", "13m38", "13m 38s" (minutes and
# seconds need two digits of seconds: "3m2" is not a time).
# Also "2:30 hours" (hours:minutes with the unit after) and "5d 12h" / "3 d 4 h" (days and hours).
# "h" and "m" in lower case only, and minutes-and-seconds with a space only when the "s" is written: "61M 11" and
# "4M 25" are a table's sizes.
_CLOCK_RE = re.compile(r"(?<![\w.])(?P<a>\d{1,3})\s*(?:(?P<h>(?-i:h))\s*(?P<hm>\d{1,2})\s*(?:m(?:in)?\b)?|(?P<hs>(?-i:h))(?P<hm2>\d{2})\b|"
                       r"(?-i:m)(?:in)?(?:(?P<ms>\d{2})\s*s?|\s+(?P<ms_spaced>\d{2})\s*(?-i:s))\b|:(?P<cm>\d{2})\s*(?:hours?|hrs?|h)\b|"
                       r"d(?:ays?)?\s*(?P<dh>\d{1,2})\s*h(?:ours?|rs?)?\b)(?![\w.])", re.I)


# "~2d", "took 3.5d", "Training time: 2d": "d" for days only in such a context (a bare "3d" is mostly 3-D)
_DAYS_ABBR_RE = re.compile(r"(?:(?<=[~≈])|(?<=[~≈]\s)|(?<=took\s)|(?<=takes\s)|(?<=time:\s)|(?<=time\s)|(?<=about\s)"
                           # (hw25) "trained for 2.5 d on 2 GPUs", "roughly 2d.": a qualifier or "for", and the clause
                           # goes on as a run's does (not "for 3d pose estimation", "in 3d")
                           r"|(?:(?<=roughly\s)|(?<=around\s)|(?<=approximately\s)|(?<=nearly\s)|(?<=almost\s))"
                           r"(?=\d{1,3}(?:\.\d+)?\s?d(?:\s*(?:[,.;)]|$)|\s+(?:on|with|using|of\s+training|in\s+total)\b))"
                           r"|(?<=\bfor\s)(?=\d{1,3}(?:\.\d+)?\s?d\s+(?:on|with|using|of\s+training|in\s+total)\b))"
                           r"(?P<n>\d{1,3}(?:\.\d+)?)\s?d(?![\w-])")


def find_durations(text: str) -> list[Duration]:
    """Every duration in `text`, in hours, with ranges as low/high (value = midpoint)."""
    return list(_find_durations(text))


# dashes a range may be written with where the text was not normalized (one character each: offsets hold)
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-"})


# "3 1/2 days", "1/2 hour", "3½ days", "¼ hour": a whole number and a fraction of one unit (only halves and
# quarters: "2/3 days" may be "two or three days", so it is left unread)
_FRACTIONS = {"1/2": 0.5, "1/4": 0.25, "3/4": 0.75, "½": 0.5, "¼": 0.25, "¾": 0.75}
_FRACTION_RE = re.compile(
    r"(?<![\w./])(?:(?P<whole>\d{1,3})(?:\s+(?=[13]/)|\s*(?=[½¼¾])))?(?P<frac>[13]/[24]|[½¼¾])(?![\d/])\s*-?\s*"
    r"(?P<unit>days?|hours?|hrs?|weeks?|months?|minutes?|mins?|h)(?![\w]|-\w)", re.I)
# "a quarter of an hour", "three quarters of a day", "half of a day", "3/4 of an hour": a fraction of one unit
_FRACTION_OF_RE = re.compile(
    r"(?<![\w./])(?P<frac>(?:a|one)\s+quarter|three\s+quarters|quarter|half|[13]/[24]|[½¼¾])\s+of\s+(?:a|an|one)\s+"
    r"(?P<unit>day|hour|week|month|minute)\b", re.I)
_FRACTION_WORDS = {"a quarter": 0.25, "one quarter": 0.25, "quarter": 0.25, "three quarters": 0.75, "half": 0.5}
# "12:34:56" (hours:minutes:seconds, as training logs and tables print it) after a word of time
_HMS_RE = re.compile(r"(?<![\d:.])(?P<h>\d{1,3}):(?P<m>[0-5]\d):(?P<s>[0-5]\d)(?![\d:])")
_HMS_CONTEXT_RE = re.compile(r"(?i)\b(?:time|took|takes|taking|duration|wall[\s-]?clock|elapsed|hh:mm(?::ss)?|h:m:s)\b[^.;]{0,60}$")
# a duration written as "one-and-a-half days" (hyphens joining the words): read as "one and a half days"
_HYPHENATED_HALF_RE = re.compile(r"(?i)\b(\w+)-and-a-(half|quarter)\b")

_A_UNIT_OR_TWO_RE = re.compile(r"\b(?:a|an|one)\s+(?P<u>hour|day|week|month)\s+or\s+two\b", re.I)


@functools.lru_cache(maxsize=2048)
def _find_durations(text: str) -> tuple[Duration, ...]:
    if not _TIME_HINT.search(text):
        return ()
    text = text.translate(_DASHES)  # "2–3 days" is the range 48-72 h, as "2-3 days" is
    # (same length: offsets hold)
    text = _HYPHENATED_HALF_RE.sub(lambda m: f"{m.group(1)} and a {m.group(2)}", text)
    out: list[Duration] = []
    clock: list[tuple[int, int]] = []
    for m in _FRACTION_OF_RE.finditer(text):
        f = re.sub(r"\s+", " ", m.group("frac").lower())
        v = _FRACTIONS.get(f, _FRACTION_WORDS.get(f))
        unit = _unit_named(m.group("unit"))
        clock.append((m.start(), m.end()))
        out.append(_with_context(text, Duration(v * HOURS_PER_UNIT[unit], v * HOURS_PER_UNIT[unit], v * HOURS_PER_UNIT[unit],
                                                m.start(), m.end(), m.group(0), unit, "")))
    for m in _HMS_RE.finditer(text):
        if not _HMS_CONTEXT_RE.search(text[max(0, m.start() - 80): m.start()]):
            continue
        h = int(m.group("h")) + int(m.group("m")) / 60 + int(m.group("s")) / 3600
        clock.append((m.start(), m.end()))
        out.append(_with_context(text, Duration(h, h, h, m.start(), m.end(), m.group(0), "hour", "")))
    for m in _FRACTION_RE.finditer(text):
        if any(a <= m.start() < b for a, b in clock):
            continue
        if m.group("unit").lower() == "h" and not m.group("whole") and m.group("frac") in ("1/2", "1/4", "3/4"):
            continue  # "1/2 h" alone: too short to tell from a ratio
        unit = _unit_named(m.group("unit"))
        v = (int(m.group("whole")) if m.group("whole") else 0) + _FRACTIONS[m.group("frac")]
        h = v * HOURS_PER_UNIT[unit]
        qm = re.search(r"(?:about|around|approximately|roughly|nearly|almost|over|under|~|≈)\s*$", text[max(0, m.start() - 16): m.start()], re.I)
        clock.append((m.start(), m.end()))
        out.append(_with_context(text, Duration(h, h, h, m.start(), m.end(), m.group(0), unit,
                                                qm.group(0).strip().lower() if qm else "")))
    for m in _CLOCK_RE.finditer(text):
        a = int(m.group("a"))
        if m.group("h") is not None and m.group("hm") is not None and (len(m.group("hm")) == 2 or re.search(r"m\w*$", m.group(0), re.I)):
            h = a + int(m.group("hm")) / 60
            unit = "hour"
        elif m.group("ms") is not None or m.group("ms_spaced") is not None:
            h = (a + int(m.group("ms") or m.group("ms_spaced")) / 60) / 60
            unit = "minute"
        elif m.group("cm") is not None:
            h = a + int(m.group("cm")) / 60
            unit = "hour"
        elif m.group("dh") is not None:
            h = 24.0 * a + int(m.group("dh"))
            unit = "day"
        else:
            continue
        if any(m.group(g) and int(m.group(g)) >= 60 for g in ("hm", "ms", "ms_spaced", "cm")) or (m.group("dh") and int(m.group("dh")) >= 24):
            continue
        clock.append((m.start(), m.end()))
        out.append(_with_context(text, Duration(h, h, h, m.start(), m.end(), m.group(0), unit, "")))
    for m in _A_UNIT_OR_TWO_RE.finditer(text):
        # "a day or two": a hedged range of one to two units, not one day
        unit = m.group("u").lower().rstrip("s")
        lo, hi = HOURS_PER_UNIT[unit], 2 * HOURS_PER_UNIT[unit]
        clock.append((m.start(), m.end()))
        out.append(_with_context(text, Duration((lo + hi) / 2, lo, hi, m.start(), m.end(), m.group(0), unit, "")))
    for m in _DURATION_RE.finditer(text):
        if clock and any(a <= m.start() < b or a < m.end() <= b for a, b in clock):
            continue
        first = m.start("n1") if m.group("n1") is not None else m.start("n")
        if text[max(0, first - 1): first] == "/":
            continue  # "2/3 days", "24/7 hours": a denominator, not a count of units
        if re.search(r"\d,$", text[max(0, first - 2): first]):
            continue  # "12,5 hours": a decimal comma's fraction, not 5 hours (left unread)
        if m.group("n1") is not None:
            unit = _unit_of(m, "u")
            pre_unit = _unit_of(m, "pu")
            ut = m.group("unit")
            if not _abbrev_ok(text, ut, m.group("n2"), text[max(0, m.start("n1") - 12): m.start("n1")]):
                continue
            a, b = parse_number(m.group("n1")), parse_number(m.group("n2"))
            if a is None or b is None:
                continue
            conn = text[m.end("n1") if not pre_unit else m.end("pre_unit"): m.start("n2")].strip().lower()
            if (conn == "-" and not pre_unit and m.group("n1").strip().lower() in _TENS
                    and m.group("n2").strip().lower() in _UNITS and 0 < b < 10):
                # "thirty-six hours": one spelled number, not the range 30-6
                h = (a + b) * HOURS_PER_UNIT[unit]
                qual = re.sub(r"\s+", " ", (m.group("qual") or "").strip().lower())
                st = m.start() + len(m.group("qual") or "")
                out.append(_with_context(text, Duration(h, h, h, st, m.end(), text[st: m.end()].strip(), unit, qual)))
                continue
            # "one or two days", "2 or 3 hours": consecutive numbers hedge a range (read below as "2-3 hours")
            hedge = (conn == "or" and not pre_unit and a >= 1 and b == a + 1 and a == int(a)
                     and not re.match(r"\s*,?\s*respectively", text[m.end():]))
            if conn in ("and", "or") and not hedge and not m.group("between") and not pre_unit:
                # "40 and 50 minutes(, respectively)": two durations in the same unit, not a range
                qual = re.sub(r"\s+", " ", (m.group("qual") or "").strip().lower())
                for num in ("n1", "n2"):
                    v = a if num == "n1" else b
                    h = v * HOURS_PER_UNIT[unit]
                    st = m.start(num)
                    en = m.end(num) if num == "n1" else m.end()
                    out.append(_with_context(text, Duration(h, h, h, st, en, text[st:en] + ("" if num == "n2" else f" {ut}"),
                                                            unit, qual if num == "n1" else "")))
                continue
            lo = a * HOURS_PER_UNIT[pre_unit or unit]
            hi = b * HOURS_PER_UNIT[unit]
            if (pre_unit and conn in ("and", ",", "") and not m.group("between")
                    and HOURS_PER_UNIT[pre_unit] > HOURS_PER_UNIT[unit]):
                # "1 day and 6 hours": a compound duration, not a range
                lo = hi = lo + hi
            if lo > hi and conn == "to":
                # "from 3 days to 5 hours", "cuts training from 30 to 10 hours": a change, not a range (ranges
                # ascend): the two durations, each on its own
                for num, h in (("n1", lo), ("n2", hi)):
                    st = m.start(num)
                    en = (m.end("pre_unit") if pre_unit else m.end(num)) if num == "n1" else m.end()
                    out.append(_with_context(text, Duration(h, h, h, st, en, text[st:en] + ("" if num == "n2" or pre_unit else f" {ut}"),
                                                            pre_unit or unit if num == "n1" else unit, "")))
                continue
            if lo > hi:
                lo, hi = hi, lo
            qual = re.sub(r"\s+", " ", (m.group("qual") or "").strip().lower())
            out.append(_with_context(text, Duration((lo + hi) / 2, lo, hi, m.start() + len(m.group("qual") or ""),
                                                    m.end(), m.group(0)[len(m.group("qual") or ""):].strip(),
                                                    unit, qual, is_range=True)))
            continue
        unit = _unit_of(m, "v")
        ut = m.group("unit2")
        if not _abbrev_ok(text, ut, m.group("n"), text[max(0, m.start("n") - 12): m.start("n")]):
            continue
        nt = m.group("n")
        if re.fullmatch(r"(?i)a|an|one|a full|one full", nt.strip()) and ut.lower() in ("s", "h", "ms", "hr", "hrs", "sec", "min"):
            continue
        v = _num_or_a(nt)
        if v is None:
            continue
        if m.group("half") or m.group("half2"):
            extra = m.group("half") or m.group("half2")
            v += 0.25 if "quarter" in extra.lower() else 0.5
        if m.group("half_a"):
            v *= 0.5
        h = v * HOURS_PER_UNIT[unit]
        qual = re.sub(r"\s+", " ", (m.group("qual2") or "").strip().lower())
        start = m.start() + len(m.group("qual2") or "")
        d = Duration(h, h, h, start, m.end(), text[start: m.end()].strip(), unit, qual)
        out.append(_with_context(text, d))
    for m in _DAYS_ABBR_RE.finditer(text):
        if any(d.start <= m.start() < d.end for d in out):
            continue
        h = float(m.group("n")) * 24.0
        qm = re.search(r"(?:[~≈]|about)\s?$", text[max(0, m.start() - 6): m.start()])
        clock.append((m.start(), m.end()))
        out.append(_with_context(text, Duration(h, h, h, m.start(), m.end(), m.group(0), "day",
                                                qm.group(0).strip() if qm else "")))
    if clock:
        out.sort(key=lambda d: d.start)
    return tuple(_merge_compound(text, out))


_TOOK_BEFORE_RE = re.compile(r"(?i)\b(?:took|takes|taking|lasted|lasts)\s+(?:about\s+|around\s+|roughly\s+|approximately\s+|"
                             r"nearly\s+|almost\s+|~\s*)*$")


def _with_context(text: str, d: Duration) -> Duration:
    after = text[d.end: d.end + 80]
    before = text[max(0, d.start - 60): d.start]
    # ("Training including evaluation took 3 days": a take-verb right before the time says it is the time something took)
    data = (bool(_DATA_AFTER_RE.match(after)) or (bool(_DATA_BEFORE_RE.search(before)) and not _TOOK_BEFORE_RE.search(before))
            or bool(_DATA_ON_RE.search(before)))
    # ("10 hours of total training" is the run's time; "500 hours of speech for training" is still data: the
    # words between "of" and the training word may not hold "for"/"of", which start a purpose or another noun)
    if data and re.match(r"^\s*of\s+(?:(?!(?:for|of)\b)\w+\s+){0,2}?(?:training|compute|computation|GPU|TPU|wall)(?![\w-]*\s+(?:set|data|corpus|split|examples))",
                         after, re.I):
        data = False
    if data:
        return Duration(d.hours, d.low, d.high, d.start, d.end, d.text, d.unit, d.qualifier, True, d.is_range)
    return d


def _merge_compound(text: str, ds: list[Duration]) -> list[Duration]:
    """'1 day and 6 hours' / '2 days, 12 hours' -> one duration."""
    out: list[Duration] = []
    for d in ds:
        if out:
            p = out[-1]
            gap = text[p.end: d.start]
            if (re.fullmatch(r"\s*(?:and|,)?\s*", gap) and not p.is_range and not d.is_range
                    and HOURS_PER_UNIT[d.unit] < HOURS_PER_UNIT[p.unit] and not d.qualifier):
                h = p.hours + d.hours
                out[-1] = Duration(h, h, h, p.start, d.end, text[p.start: d.end], p.unit, p.qualifier,
                                   p.data_amount or d.data_amount)
                continue
        out.append(d)
    return out


def duration_hours(text: str) -> float | None:
    """The first duration in `text`, in hours (midpoint for a range)."""
    ds = find_durations(text)
    return ds[0].hours if ds else None


# ---------------------------------------------------------------- chip-time products

_CHIP_WORD = r"(?:GPU|TPU|IPU|NPU|accelerator|chip|core|device|node|machine|CPU|processor|card)"
# an accelerator's model code as the device of a product ("40,000 A100-hours", "V100 days", "MI250X hours")
_MODEL_CODE = r"(?-i:[A-Z]{1,3}\d{2,4}[A-Z]?)"
_PRODUCT_RE = re.compile(
    # "1.5 k GPU hours": a suffix written apart from the digits scales them (it is no device's name)
    rf"(?P<n>{NUMBER})(?:\s(?P<apart>(?-i:[kKMB]))(?=\s))?\s*(?P<total>total\s+)?"
    rf"(?P<chip>(?:(?:[A-Z][\w.]*|NVIDIA|Nvidia|Google|Cloud)[\s-]+){{0,2}}(?:{_CHIP_WORD}s?"
    rf"(?:[\s-]?v?\d+[a-zA-Z]?)?(?:[\s-]+(?:core|chip)s?)?|{_MODEL_CODE}))"
    rf"\s*[-·\s]\s*(?P<unit>hours?|hrs?|days?|weeks?|months?|years?|minutes?|mins?|(?<=[-·])h)\b",  # ("GPU-h", "GPU·h"; not "GPU h")
    re.IGNORECASE,
)
# "TPUv3-core-days" as a column label followed by values is handled in extract (tables)
_PRODUCT_UNIT_RE = re.compile(
    rf"(?P<chip>{_CHIP_WORD}s?(?:[\s-]?v?\d+[a-zA-Z]?)?(?:[\s-]+(?:core|chip)s?)?)"
    rf"\s*[-·\s]\s*(?P<unit>hours?|hrs?|days?|weeks?|months?|years?)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ChipTime:
    hours: float  # chip (or core) hours
    start: int
    end: int
    text: str
    unit: str  # gpu-hours, tpu-core-hours, tpu-chip-hours, tpu-hours, accelerator-hours, cpu-hours, ...


def product_unit(chip_phrase: str) -> str:
    c = chip_phrase.lower()
    if "tpu" in c:
        if "core" in c:
            return "tpu-core-hours"
        if "chip" in c:
            return "tpu-chip-hours"
        return "tpu-hours"
    if "gpu" in c or "card" in c or re.search(r"[A-Z]{1,3}\d{2,4}", chip_phrase):
        return "gpu-hours"
    if "cpu" in c or "processor" in c:
        return "cpu-core-hours" if "core" in c else "cpu-hours"
    if "core" in c:
        return "core-hours"
    if "node" in c or "machine" in c:
        return "machine-hours"
    return "accelerator-hours"


def _time_unit_hours(word: str) -> float:
    w = word.lower().rstrip("s")
    w = {"h": "hour", "hr": "hour", "wk": "week", "yr": "year", "min": "minute"}.get(w, w)
    return HOURS_PER_UNIT[w]


def find_chip_time(text: str) -> list[ChipTime]:
    """'2.5k TPUv3-core-days', '4 GPU days', '1,000 GPU-hours', '625 TPU·days' (value in chip-hours)."""
    return list(_find_chip_time(text))


@functools.lru_cache(maxsize=2048)
def _find_chip_time(text: str) -> tuple[ChipTime, ...]:
    if not _TIME_HINT.search(text):
        return ()
    out = []
    for m in _PRODUCT_RE.finditer(text):
        chip = m.group("chip")
        if re.search(r"s$", chip.split()[-1].split("-")[-1]) and not re.search(r"(?i)(core|chip)s?$", chip):
            # "8 GPUs for 5 days" is not a product; "GPUs days" never occurs; "GPU days" does
            if re.search(r"(?i)(gpu|tpu|accelerator|device|node|machine|cpu|card)s$", chip):
                continue
        v = parse_number(m.group("n"))
        if v is None:
            continue
        if m.group("apart"):
            if not re.fullmatch(r"\d+(?:\.\d+)?", m.group("n").strip()):
                continue  # "2k M GPU hours": no reading
            v *= _SUFFIX[m.group("apart")]
        out.append(ChipTime(v * _time_unit_hours(m.group("unit")), m.start(), m.end(), m.group(0),
                            product_unit(chip)))
    return tuple(out)


# ---------------------------------------------------------------- compute amounts

_FLOP_RE = re.compile(
    rf"(?P<n>{NUMBER})\s*(?P<prefix>kilo|mega|giga|tera|peta|exa|zetta|[KMGTPEZ])?\s*-?\s*"
    r"(?P<unit>FLOPs|FLOPS|FLOP|flops|flop|Flops|FLOPS|multiply-adds|multiply-accumulates|mult-adds|"
    r"multiply\s+adds|MACs|MAC|MACCs|MAdds|Mult-Adds|operations|ops|OPs)"
    r"(?P<rate>\s*/\s*s(?:ec(?:ond)?)?\b|\s+per\s+second\b|/sec\b)?",
)
_PFS_DAYS_RE = re.compile(
    rf"(?P<n>{NUMBER})\s*(?:petaflop(?:/s)?|PF(?:LOP)?(?:/s)?|pfs?)[\s-]*(?:/s)?[\s-]*days?\b", re.IGNORECASE)


@dataclass(frozen=True)
class FlopAmount:
    value: float
    start: int
    end: int
    text: str
    unit: str  # "FLOP" | "multiply-add" | "operation"
    rate: bool  # FLOP/s (hardware or throughput), not an amount


def find_flops(text: str) -> list[FlopAmount]:
    """'11.3 billion FLOPs', '3.14E+23 flops', '4262 exaFLOPs', '16 GFLOPs', '3.6 pfs-days'."""
    out = []
    for m in _PFS_DAYS_RE.finditer(text):
        v = parse_number(m.group("n"))
        if v is not None:
            out.append(FlopAmount(v * 1e15 * 86400, m.start(), m.end(), m.group(0), "FLOP", False))
    for m in _FLOP_RE.finditer(text):
        if any(o.start <= m.start() < o.end for o in out):
            continue
        v = parse_number(m.group("n"))
        if v is None:
            continue
        p = (m.group("prefix") or "").lower()
        v *= _SI_PREFIX.get(p, 1.0)
        u = m.group("unit").lower()
        if "mult" in u or "mac" in u or "madd" in u:
            unit = "multiply-add"
        elif u in ("ops", "operations"):
            unit = "operation"
        else:
            unit = "FLOP"
        # "FLOP/s", "flops per second", and upper-case "GFLOPS"/"TFLOPS" (a datasheet's unit) are rates
        rate = bool(m.group("rate")) or (m.group("unit") == "FLOPS" and (bool(m.group("prefix")) or bool(
            re.search(r"\b(peak|throughput|sustain\w*|per\s+(?:GPU|chip|device)|achiev\w*|effective|running\s+at)", text, re.I))))
        out.append(FlopAmount(v, m.start(), m.end(), m.group(0), unit, rate))
    out.sort(key=lambda f: f.start)
    return out


# ---------------------------------------------------------------- rates, steps, epochs

_STEP_WORD = r"(?:training\s+)?(?:steps?|iterations?|iters?|updates?|mini-?batch(?:es)?|batch(?:es)?|epochs?)"


@dataclass(frozen=True)
class Rate:
    hours_per_unit: float  # hours per one step/epoch
    per: str  # "step" | "epoch"
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Count:
    value: float
    per: str  # "step" | "epoch"
    start: int
    end: int
    text: str


def _per_kind(word: str) -> str:
    return "epoch" if "epoch" in word.lower() else "step"


# a rate's time may be a range ("10-15 minutes per epoch", "each epoch takes between 2 and 3 hours"): its midpoint
_RANGE_START = rf"(?:(?:between\s+)?{NUMBER}\s*(?:-|–|to|and)\s*)?"
_RATE_PER_RE = re.compile(
    rf"(?P<dur>{_RANGE_START}{NUMBER}\s*(?:-\s*)?{_TIME_UNIT})\s*(?:/|per|for\s+(?:each|every|one|a)|each|every|a|an)\s*"
    rf"(?P<k>{NUMBER}\s+)?(?P<what>{_STEP_WORD})\b",
    re.IGNORECASE,
)
_RATE_EACH_RE = re.compile(
    rf"\b(?:each|every|one|a|an|per|single)\s+(?P<what>{_STEP_WORD})\s+(?:\w+\s+){{0,3}}?"
    rf"(?:took|takes|take|taking|required|requires|lasts|lasted|is|was|of|costs?|needs?|needed|corresponds\s+to)\s+"
    rf"(?:\w+\s+){{0,6}}?(?P<dur>(?:about|around|approximately|roughly|~|≈)?\s*{_RANGE_START}{NUMBER}\s*{_TIME_UNIT})",
    re.IGNORECASE,
)
_RATE_TIME_RE = re.compile(
    rf"\b(?P<what>step|iteration|epoch|update)\s+time\s+(?:was|is|of|=|:)?\s*(?:about|around|approximately|roughly|~)?\s*"
    rf"(?P<dur>{NUMBER}\s*{_TIME_UNIT})",
    re.IGNORECASE,
)
_RATE_TO_TRAIN_RE = re.compile(
    rf"(?P<dur>{NUMBER}\s*{_TIME_UNIT})\s+(?:to\s+(?:train|run|complete|process)\s+|for\s+)(?:each|every|one|a|per|a\s+single)\s+"
    rf"(?P<what>{_STEP_WORD})",
    re.IGNORECASE,
)
_INVERSE_RE = re.compile(
    rf"(?P<n>{NUMBER})\s*(?P<what>{_STEP_WORD})\s*(?:/|per)\s*(?P<unit>second|sec|s|minute|min|hour|h)\b",
    re.IGNORECASE,
)
_COUNT_RE = re.compile(
    rf"(?<![\w.])(?P<n>{NUMBER})\s*(?P<what>(?:training\s+|gradient\s+|optimi[sz]ation\s+|update\s+|SGD\s+|"
    rf"pre-?training\s+|total\s+)?(?:steps?|iterations?|iters?|updates?|epochs?))\b",
    re.IGNORECASE,
)


def find_rates(text: str) -> list[Rate]:
    """Per-step / per-epoch times: '0.4 s per step', '9.8 hours per 100 epochs', 'step time was 1.0 s'."""
    return list(_find_rates(text))


@functools.lru_cache(maxsize=2048)
def _find_rates(text: str) -> tuple[Rate, ...]:
    if not _TIME_HINT.search(text):
        return ()
    out: list[Rate] = []

    def add(start, end, dur_text, what, k=1.0):
        ds = find_durations(dur_text)
        if not ds or k <= 0:
            return
        if any(r.start <= start < r.end or start <= r.start < end for r in out):
            return
        out.append(Rate(ds[0].hours / k, _per_kind(what), start, end, text[start:end]))

    for m in _RATE_PER_RE.finditer(text):
        k = parse_number(m.group("k")) if m.group("k") else 1.0
        add(m.start(), m.end(), m.group("dur"), m.group("what"), k or 1.0)
    for rx in (_RATE_TO_TRAIN_RE, _RATE_EACH_RE, _RATE_TIME_RE):
        for m in rx.finditer(text):
            add(m.start(), m.end(), m.group("dur"), m.group("what"))
    for m in _INVERSE_RE.finditer(text):
        n = parse_number(m.group("n"))
        if not n:
            continue
        u = m.group("unit").lower()
        sec = 1.0 if u.startswith("s") else 60.0 if u.startswith("m") else 3600.0
        if any(r.start <= m.start() < r.end for r in out):
            continue
        out.append(Rate(sec / n / 3600.0, _per_kind(m.group("what")), m.start(), m.end(), m.group(0)))
    out.sort(key=lambda r: r.start)
    return tuple(out)


def find_counts(text: str) -> list[Count]:
    """Numbers of steps/iterations/updates or epochs: '300,000 steps', '90 epochs', '1M iterations'."""
    out = []
    rate_spans = [(r.start, r.end) for r in find_rates(text)]
    for m in _COUNT_RE.finditer(text):
        # "per 100 epochs" is part of a rate
        if re.search(r"(?i)\bper\s*$", text[max(0, m.start() - 5): m.start()]):
            continue
        if any(a <= m.start() < b and not text[a:b].lower().startswith(m.group(0).lower()) for a, b in rate_spans):
            continue
        v = parse_number(m.group("n"))
        if v is None or v <= 0:
            continue
        out.append(Count(v, _per_kind(m.group("what")), m.start(), m.end(), m.group(0)))
    return out


def fmt_hours(h: float | None) -> str:
    if h is None or (isinstance(h, float) and math.isnan(h)):
        return ""
    if h >= 48:
        return f"{h / 24:.3g} days"
    if h >= 1:
        return f"{h:.3g} h"
    return f"{h * 60:.3g} min"
