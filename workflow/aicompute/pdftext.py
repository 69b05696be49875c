"""Text from PDFs: a cheap pass over every page, then a careful pass over the pages that matter.

1. Cheap pass (pypdfium2, ~0.01 s of CPU per page): raw text of every page (up to ``MAX_CHEAP_PAGES``),
   normalized, scored for training-compute vocabulary (accelerators, durations next to training
   words, chip-time products, FLOPs, ...). Reference pages score nothing. The scorer is pluggable so
   ``extract`` can add the hardware table's names.
2. Careful pass (pdfplumber, ~0.4 s of CPU per page) on the best pages only (``max_careful_pages``):
   words with a small x tolerance (LaTeX PDFs glue words at pdfplumber's default of 3), columns found
   from the gutter between word x-positions (full-width bands such as titles, wide tables and figure
   captions are kept in place), lines rebuilt from word positions, superscripts ("10^19") marked,
   footnote markers dropped, table rows (wide gaps between cells) kept as one unit each, words
   hyphenated across lines joined again, and the paragraphs split into sentences.
3. The other pages worth reading (``cheap_units``): sentences, table rows and captions from the cheap
   text, so that a statement on a page the careful pass had no time for is still read.

Sections (references, acknowledgements, related work, appendix) are tracked from headings, so that
bibliography entries are dropped and related-work/acknowledgement sentences can be discounted.

Output: a ``Document`` with 1-based page numbers, the sentences (with page, kind text/table/caption and
section) and CPU timings. A PDF that cannot be used raises ``DocumentError`` with a one-line reason that
says which: corrupt or truncated, encrypted (password required), or no text layer (image-only scan).
Bounds: at most ``MAX_CHEAP_PAGES`` pages are read cheaply (~1-2 s for 300 pages), at most
``max_careful_pages`` carefully and ``MAX_CHEAP_READ`` from the cheap text, so a book-length PDF
finishes in seconds.
"""

from __future__ import annotations

import logging
import re
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

logging.getLogger("pdfminer").setLevel(logging.ERROR)  # "Could not get FontBBox ..." on many real PDFs

MAX_CHEAP_PAGES = 300  # a book-length PDF is scored on its first 300 pages (about a second)
MIN_TEXT_CHARS = 200  # fewer characters than this in the whole document: no usable text layer


class DocumentError(Exception):
    """A PDF that cannot be read: corrupt/truncated, encrypted, or without a text layer."""


# ------------------------------------------------------------------ normalization

_LIGATURES = {
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st",
    "\ufb06": "st", "\u0132": "IJ", "\u0133": "ij", "\u01c6": "dž", "\ua732": "AA",
}
_CHAR_MAP = {
    # spaces
    "\u00a0": " ", "\u2000": " ", "\u2001": " ", "\u2002": " ", "\u2003": " ", "\u2004": " ", "\u2005": " ",
    "\u2006": " ", "\u2007": " ", "\u2008": " ", "\u2009": " ", "\u200a": " ", "\u202f": " ", "\u205f": " ",
    "\u3000": " ", "\t": " ", "\u200b": "", "\u200c": "", "\u200d": "", "\u2060": "", "\ufeff": "",
    "\u00ad": "",  # soft hyphen
    # dashes and minus signs
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2212": "-", "\u2043": "-", "\ufe63": "-",
    "\uff0d": "-", "\u2014": " - ", "\u2015": " - ",
    # times, tilde, approx
    "\u00d7": "x", "\u2715": "x", "\u2a2f": "x", "\u223c": "~", "\u02dc": "~", "\u301c": "~", "\uff5e": "~",
    "\u2248": "≈", "\u2243": "≈", "\u2245": "≈",
    # quotes
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u201c": '"', "\u201d": '"',
    "\u201e": '"', "\u2033": '"',
    # middle dots used as multiplication
    "\u22c5": "·", "\u2219": "·", "\u2027": "·",
    "\u2026": "...",
}
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻", "0123456789+-")
_TRANS = str.maketrans({**_LIGATURES, **_CHAR_MAP})


def normalize(text: str) -> str:
    """Ligatures, unicode spaces and dashes, x for times, ~ for tilde-like signs, '10^19' superscripts."""
    if not text:
        return ""
    text = text.replace("\ufffe", "-\n").replace("\x02", "-\n")  # pdfium's marker for a line-end hyphen
    text = text.translate(_TRANS)
    # unicode superscript digits after 10: "10¹⁹" -> "10^19"; elsewhere plain digits
    text = re.sub(r"10([⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻]+)", lambda m: "10^" + m.group(1).translate(_SUPERSCRIPTS), text)
    text = text.translate(_SUPERSCRIPTS)
    # compatibility forms (fullwidth digits etc.) without touching letters with accents
    text = "".join(unicodedata.normalize("NFKC", c) if ord(c) > 0xFF00 else c for c in text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # a raised exponent that the text layer puts on a line of its own: "1.5e" / "-4 4M 1.4T" -> "1.5e-4 4M 1.4T"
    text = re.sub(r"(\d(?:\.\d+)?e)\n([-+]\d)", r"\1\2", text)
    text = re.sub(r"[ ]{2,}", " ", text)
    return text


_HYPHEN_END = re.compile(r"([A-Za-z]{2,})-$")


def join_lines(lines: list[str], vocabulary: set[str] | None = None) -> str:
    """Join text lines into one string, undoing hyphenation at line ends ("train-" + "ing").

    A hyphen after letters at a line end is dropped when the next line starts with a lower-case letter,
    unless the hyphenated form is known (``vocabulary``: words seen with a hyphen inside a line, such as
    "source-target" or "pre-training") or the first part is a prefix that keeps its hyphen.
    """
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if not out:
            out = line
            continue
        m = _HYPHEN_END.search(out)
        if m and line[:1].islower():
            first = out[m.start(1): m.end(1)]
            second = re.match(r"[A-Za-z]+", line)
            second_word = second.group(0) if second else ""
            hyph = f"{first}-{second_word}".lower()
            joined = f"{first}{second_word}".lower()
            if vocabulary is not None and joined in vocabulary and hyph not in vocabulary:
                keep = False  # "pre-" + "vious": "previous" is a word of this document
            else:
                keep = (vocabulary is not None and hyph in vocabulary) or first.lower() in _KEEP_HYPHEN_PREFIXES
            if keep:
                out = out + line
            else:
                out = out[:-1] + line
        elif out.endswith("-") and re.search(r"[\dA-Z]-$", out):
            out = out + line  # "8-" + "GPU", "TPUv3-" + "core-days"
        else:
            out = out + " " + line
    return out


_KEEP_HYPHEN_PREFIXES = {"pre", "post", "non", "self", "multi", "semi", "co", "re", "cross", "fine", "large",
                         "small", "single", "state", "end", "two", "three", "four", "high", "low", "long",
                         "short", "well", "left", "right", "top", "sub", "mini", "data", "model", "task"}


# ------------------------------------------------------------------ sentences

_ABBREV = (
    r"e\.g|i\.e|et al|Fig|Figs|Eq|Eqs|Sec|Secs|Tab|Ref|Refs|vs|approx|cf|resp|Inc|Corp|Ltd|No|Nos|"
    r"Dr|Mr|Ms|Prof|St|Jr|Sr|al|Vol|pp|ca|viz|Alg|Appx|App|Ch|Thm|Def|Prop|Lem|Cor|Eqn|Sect|incl|w\.r\.t|"
    r"a\.k\.a|Ph\.D|U\.S|M\.Sc|B\.Sc"
)
_SENT_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")
_ABBREV_END = re.compile(rf"(?:\b(?:{_ABBREV})|\b[A-Z])\.$")
MAX_SENTENCE_CHARS = 700


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences (abbreviations, initials and decimals do not end one)."""
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        return []
    if re.search(r"\s[•▪◦●]\s", text):  # bullet lists run together
        return [s for part in re.split(r"\s[•▪◦●]\s", text) for s in split_sentences(part.strip())]
    out: list[str] = []
    start = 0
    for m in _SENT_END.finditer(text):
        piece = text[start: m.start()].rstrip()
        head = text[start: m.start()].rstrip("\"')] ")
        if _ABBREV_END.search(head[-12:]):
            continue
        if len(piece) < 3:
            continue
        out.append(piece)
        start = m.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    # very long "sentences" (tables run together, lists): cut at semicolons, then by length
    res: list[str] = []
    for s in out:
        while len(s) > MAX_SENTENCE_CHARS:
            cut = s.rfind("; ", 0, MAX_SENTENCE_CHARS)
            if cut < MAX_SENTENCE_CHARS // 3:
                cut = s.rfind(" ", 0, MAX_SENTENCE_CHARS)
            if cut <= 0:
                cut = MAX_SENTENCE_CHARS
            res.append(s[: cut + 1].strip())
            s = s[cut + 1:].strip()
        if s:
            res.append(s)
    return res


# ------------------------------------------------------------------ sections

_HEADING_RE = re.compile(
    r"^\s*(?:(?:\d+(?:\.\d+)*|[A-Z](?:\.\d+)*|[IVX]+)[.:]?\s+)?"
    r"(?P<name>references|bibliography|literature\s+cited|works\s+cited|"
    r"acknowledge?ments?|acknowledge?ment\s+of\s+funding|funding|"
    r"related\s+work|related\s+works|prior\s+work|previous\s+work|background(?:\s+and\s+related\s+work)?|"
    r"appendix|appendices|supplementary(?:\s+material)?|"
    r"abstract|introduction|conclusions?(?:\s+and\s+future\s+work)?|discussion|"
    r"experiments?|experimental\s+(?:setup|results|details|evaluation)|implementation(?:\s+details)?|"
    r"training(?:\s+details)?|results|method|methods|approach|model|evaluation|setup)\b"
    r"(?:\s+(?:and|&|of|on|the|for|in|(?-i:[A-Z][\w-]*)|details|setup|results|work|works|material|data|procedure|"
    r"experiments?|settings?|protocol|hardware|schedule|methodology|analysis|remarks)){0,5}\s*[:.]?$",
    re.IGNORECASE,
)
_NUMBERED_HEADING_RE = re.compile(r"^\s*(?:\d+(?:\.\d+){0,3}|[A-H](?:\.\d+){0,3})\.?\s+[A-Z][A-Za-z][\w ,:&/()-]{2,60}$")


_NOT_HEADING_RE = re.compile(r"\b(?:are|is|was|were|we|our|has|have|had|the\s+\w+\s+(?:of|in)|which|that)\b")


def section_of_heading(line: str) -> str | None:
    """The kind of section a heading line opens, or None if the line is not a heading."""
    s = line.strip()
    if len(s) > 70 or s.endswith((".", ",", ";")) and not re.match(r"^\s*[A-Z\d.]+\s", s):
        return None
    first = re.search(r"[A-Za-z]", s)
    if first is None or first.group(0).islower() or len(s.split()) > 8 or _NOT_HEADING_RE.search(s):
        return None
    m = _HEADING_RE.match(s)
    if m:
        name = m.group("name").lower()
        if name.startswith(("reference", "bibliograph", "literature", "works")):
            return "references"
        if name.startswith(("acknowledg", "funding")):
            return "acknowledgements"
        if name.startswith(("related", "prior", "previous", "background")):
            return "related"
        if name.startswith(("appendix", "appendices", "supplementary")):
            return "appendix"
        if name.startswith("abstract"):
            return "abstract"
        if name.startswith("introduction"):
            return "introduction"
        if name.startswith("conclusion"):
            return "conclusion"
        return "body"
    if _NUMBERED_HEADING_RE.match(s) and not re.search(r"\d\s*(?:days?|hours?|GPUs?|TPUs?)", s):
        # a numbered heading; inside the references, only appendix-style letters leave them
        return "body?"
    return None


# ------------------------------------------------------------------ data classes


@dataclass
class Sentence:
    page: int  # 1-based
    text: str
    kind: str = "text"  # text | table | caption
    section: str = "body"  # body, abstract, introduction, related, acknowledgements, appendix, references, ...
    index: int = 0  # position in the document (reading order over the pages read carefully)
    context: str = ""  # for table rows: the header row(s) above


@dataclass
class Document:
    path: str
    n_pages: int
    cheap_text: list[str]  # normalized pypdfium2 text per page (index 0 = page 1); "" beyond the cap
    page_scores: list[float]
    pages_read_carefully: list[int] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    page_sections: list[str] = field(default_factory=list)  # section at the start of each page
    cheap_seconds: float = 0.0
    careful_seconds: float = 0.0
    pages_read_cheaply: int = 0

    @property
    def seconds(self) -> float:
        return self.cheap_seconds + self.careful_seconds


# ------------------------------------------------------------------ cheap pass


def _open_pdfium(path: str | Path):
    import pypdfium2 as pdfium

    p = Path(path)
    if not p.exists():
        raise DocumentError(f"{p.name}: file not found")
    if p.stat().st_size == 0:
        raise DocumentError(f"{p.name}: empty file (0 bytes)")
    with open(p, "rb") as fh:
        head = fh.read(1024)
    if b"%PDF" not in head:
        raise DocumentError(f"{p.name}: not a PDF (no %PDF header)")
    try:
        return pdfium.PdfDocument(str(p))
    except pdfium.PdfiumError as exc:
        msg = str(exc).lower()
        if "password" in msg or "security" in msg:
            raise DocumentError(f"{p.name}: encrypted PDF (password required)") from None
        if not _has_eof(p):
            raise DocumentError(f"{p.name}: corrupt or truncated PDF (no end-of-file marker; {str(exc).splitlines()[0]})") from None
        raise DocumentError(f"{p.name}: corrupt or truncated PDF ({str(exc).splitlines()[0]})") from None
    except Exception as exc:  # noqa: BLE001 - anything pdfium cannot parse is a bad document
        raise DocumentError(f"{p.name}: corrupt or truncated PDF (cannot be opened: {type(exc).__name__})") from None


def _has_eof(path: Path) -> bool:
    size = path.stat().st_size
    with open(path, "rb") as fh:
        fh.seek(max(0, size - 2048))
        tail = fh.read()
    return b"%%EOF" in tail or b"startxref" in tail


def _check_tail(path: str | Path) -> None:
    """A PDF cut short in transfer has no %%EOF near its end (pdfium may still repair it)."""
    if not _has_eof(Path(path)):
        raise DocumentError(f"{Path(path).name}: corrupt or truncated PDF (no end-of-file marker)")


def cheap_pass(path: str | Path, max_pages: int = MAX_CHEAP_PAGES) -> tuple[int, list[str]]:
    """(page count, normalized raw text of each page) with pypdfium2; pages beyond max_pages are ''."""
    doc = _open_pdfium(path)
    try:
        n = len(doc)
        if n == 0:
            raise DocumentError(f"{Path(path).name}: corrupt or truncated PDF (no pages)")
        texts: list[str] = []
        for i in range(n):
            if i >= max_pages:
                texts.append("")
                continue
            try:
                page = doc[i]
                tp = page.get_textpage()
                raw = tp.get_text_range()
                tp.close()
                page.close()
            except Exception:  # noqa: BLE001 - one broken page does not sink the document
                raw = ""
            texts.append(normalize(raw))
    finally:
        doc.close()
    total = sum(len(re.sub(r"\s", "", t)) for t in texts)
    if total < MIN_TEXT_CHARS:
        _check_tail(path)
        raise DocumentError(f"{Path(path).name}: no text layer (image-only or scanned PDF?)")
    return n, texts


def page_sections(texts: list[str]) -> list[str]:
    """The section each page starts in, by walking the headings of the cheap text in order.

    Related work and acknowledgements are short: when no recognized heading closes them (unnumbered
    subsection titles are not recognized), they end with the page after the one they started on."""
    out = []
    current, since = "body", 0
    for i, t in enumerate(texts):
        if current in ("related", "acknowledgements") and i > since + 1:
            current = "body"
        out.append(current)
        for line in t.split("\n"):
            sec = section_of_heading(line)
            if sec is None:
                continue
            new = _next_section(current, sec, line)
            if new != current:
                current, since = new, i
    return out


def _next_section(current: str, sec: str, line: str) -> str:
    if sec == "body?":
        # a numbered heading: inside references only lettered appendix headings ("A Details") count
        if current == "references":
            return "appendix" if re.match(r"^\s*[A-H](?:\.\d+)*\.?\s+[A-Z]", line) else current
        return "appendix" if current == "appendix" and re.match(r"^\s*[A-H](?:\.\d+)*\.?\s", line) else (
            "body" if current not in ("appendix",) else current)
    if sec == "body" and current == "appendix":
        return "appendix"
    return sec


# ------------------------------------------------------------------ careful pass


@dataclass
class _Word:
    x0: float
    x1: float
    top: float
    bottom: float
    text: str
    size: float


@dataclass
class _Line:
    words: list[_Word]
    top: float
    bottom: float
    size: float
    text: str = ""
    table: bool = False
    x0: float = 0.0
    x1: float = 0.0


def _dedupe(page):
    """Drop characters printed twice at (almost) the same place (fake bold); pdfplumber's own
    dedupe_chars is ~50x slower than this."""
    chars = page.chars
    seen: dict[tuple, float] = {}
    dup: set[int] = set()
    for c in chars:
        key = (c.get("text"), round(float(c["top"])), round(float(c["x0"])))
        if key in seen:
            dup.add(id(c))
        else:
            seen[key] = 1.0
    if not dup:
        return page
    return page.filter(lambda o: id(o) not in dup)


def _words_of(page) -> list[_Word]:
    page = _dedupe(page)
    raw = page.extract_words(x_tolerance=1.5, y_tolerance=2, keep_blank_chars=False, use_text_flow=False,
                             extra_attrs=["size", "upright"])
    out = []
    for w in raw:
        if not w.get("upright", True):
            continue  # rotated margin stamps ("arXiv:...v2 [cs.LG] 3 Dec 2018")
        t = normalize(w["text"])
        if not t.strip():
            continue
        out.append(_Word(float(w["x0"]), float(w["x1"]), float(w["top"]), float(w["bottom"]), t, float(w.get("size") or 0)))
    return out


def _find_gutter(words: list[_Word], width: float) -> float | None:
    """x of the gap between two columns, or None for a one-column page."""
    import numpy as np

    if len(words) < 40:
        return None
    x0 = np.array([w.x0 for w in words])
    x1 = np.array([w.x1 for w in words])
    cands = np.arange(0.38 * width, 0.62 * width, 1.0)
    crossing = ((x0[None, :] < cands[:, None] - 0.5) & (x1[None, :] > cands[:, None] + 0.5)).sum(axis=1)
    best = int(crossing.min())
    tops = sorted({round(w.top) for w in words})
    n_lines = max(1, len(tops))
    if best > 0.2 * n_lines:
        return None
    # a few lines may run into the gutter (an overlong word, a URL, an inline formula): allow ~5% of the lines
    ok = np.where(crossing <= best + max(3, 0.5 * best, 0.05 * n_lines))[0]
    # the widest run of minimal crossing, nearest the middle
    runs = []
    start = ok[0]
    prev = ok[0]
    for i in ok[1:]:
        if i != prev + 1:
            runs.append((start, prev))
            start = i
        prev = i
    runs.append((start, prev))
    runs.sort(key=lambda r: (-(r[1] - r[0]), abs((cands[r[0]] + cands[r[1]]) / 2 - width / 2)))
    a, b = runs[0]
    if cands[b] - cands[a] < 6.0:
        return None  # no gap wider than a word space runs down the page
    g = float((cands[a] + cands[b]) / 2)
    left = int((x1 <= g).sum())
    right = int((x0 >= g).sum())
    if left < 0.2 * len(words) or right < 0.2 * len(words):
        return None
    # text columns are filled by lines that run (almost) across them; a table's first column is not
    # two columns are about as wide as each other, with the gutter near the middle of the text block
    lw = g - float(x0.min())
    rw = float(x1.max()) - g
    if lw <= 0 or rw <= 0 or not 0.8 <= lw / rw <= 1.25:
        return None
    fl, fr = _column_filled([w for w in words if w.x1 <= g]), _column_filled([w for w in words if w.x0 >= g])
    if min(fl, fr) < 0.2 or max(fl, fr) < 0.3:
        return None
    # the gap must be real: lines on both sides reach close to it
    near_left = ((x1 <= g) & (x1 > g - 40)).sum()
    near_right = ((x0 >= g) & (x0 < g + 40)).sum()
    if near_left < 5 or near_right < 5:
        return None
    return g


def _regional_gutter(words: list[_Word], width: float) -> float | None:
    """(parse25) The gutter of a two-column stretch of a page that a full-width float (a wide table, a
    figure with its labels, a one-column abstract) keeps ``_find_gutter`` from seeing: the float's words
    cross the middle of the page at many x, so no gap runs down the whole page, and its lines read as one
    line each with the two columns' lines beside them. The largest top, bottom or middle stretch (cut at
    eighths of the page's words, top to bottom) that holds at least 40% of the words, has a gutter of its
    own, is crossed by (almost) no line and reads as prose on both sides of it (a table's halves do not);
    None otherwise."""
    if len(words) < 80:
        return None
    tops = sorted(w.top for w in words)
    cuts = [-1e9] + [tops[k * len(tops) // 8] for k in range(1, 8)] + [1e9]
    spans = sorted(((a, b) for i, a in enumerate(cuts) for b in cuts[i + 3:] if (a, b) != (cuts[0], cuts[-1])),
                   key=lambda ab: -sum(1 for w in words if ab[0] <= w.top < ab[1]))
    for a, b in spans:
        region = [w for w in words if a <= w.top < b]
        if len(region) < 0.4 * len(words):
            break
        g = _find_gutter(region, width)
        if g is None:
            continue
        left, right = [w for w in region if w.x1 <= g], [w for w in region if w.x0 >= g]
        # a figure's scattered labels let a one-column stretch pass the page test (its lines cross the middle
        # but are few among the labels' rows): here the two sides must be text columns that no line crosses
        rows: dict[int, bool] = {}
        for w in region:
            rows[round(w.top)] = rows.get(round(w.top), False) or (w.x0 < g - 0.5 and w.x1 > g + 0.5)
        if (sum(rows.values()) <= 0.08 * len(rows) and min(_column_filled(left), _column_filled(right)) >= 0.5
                and _reads_as_prose(left) and _reads_as_prose(right)):
            return g
    return None


_PLAIN_WORD_RE = re.compile(r"[a-z]{2,}[,.;:]?")


def _reads_as_prose(words: list[_Word]) -> bool:
    """Most of a text column's words are plain lower-case words; a table's cells (numbers, names) are not."""
    return bool(words) and sum(1 for w in words if _PLAIN_WORD_RE.fullmatch(w.text)) >= 0.5 * len(words)


def _spanning_rows(words: list[_Word], g: float) -> list[_Word]:
    """Words of the lines that run across the gutter without a word crossing it: a full-width caption,
    title or footnote whose words happen to leave x = g free (on a two-column line the widest gap near
    the gutter is the gutter itself, on a full-width line a word space), and the rows of a full-width
    table (gaps between cells on both sides of the gutter, where a pair of text lines has word spaces).
    These lines are kept whole instead of being cut into the two columns."""
    rows: list[list[_Word]] = []
    for w in sorted(words, key=lambda w: w.top):  # rows by vertical overlap
        for row in reversed(rows[-4:]):
            r = row[0]
            if min(r.bottom, w.bottom) - max(r.top, w.top) > 0.5 * max(0.5, min(r.bottom - r.top, w.bottom - w.top)):
                row.append(w)
                break
        else:
            rows.append([w])
    gaps = []
    for row in rows:
        row.sort(key=lambda w: w.x0)
        if row[0].x0 >= g or row[-1].x1 <= g or any(w.x0 < g - 0.5 and w.x1 > g + 0.5 for w in row):
            continue  # one side only, or a word crosses the gutter (a band already)
        widest, reach = 0.0, row[0].x1
        cells = [0.0, 0.0]  # the widest gap inside the left part and inside the right part
        for w in row[1:]:
            gap = w.x0 - reach
            if w.x0 > g - 10 and reach < g + 10:  # a gap that touches the gutter's middle
                widest = max(widest, gap)
            else:
                side = 0 if w.x0 < g else 1
                cells[side] = max(cells[side], gap)
            reach = max(reach, w.x1)
        gaps.append((widest, min(cells), row))
    if not gaps:
        return []
    gutter = sorted(x for x, _, _ in gaps)[len(gaps) // 2]  # most rows pair a left and a right column line
    out: list[_Word] = []
    for widest, cell_gap, row in gaps:
        size = max(w.size for w in row) or 10.0
        # a word space at the gutter, or a table row running across it (cell gaps on both sides)
        if widest < min(0.5 * gutter, 0.7 * size) or cell_gap > max(9.0, 0.9 * size):
            top, bottom = min(w.top for w in row), max(w.bottom for w in row)
            out.extend(w for w in words if top - 0.5 <= (w.top + w.bottom) / 2 <= bottom + 0.5)
    return out


def _column_filled(words: list[_Word]) -> float:
    """Share of a column's rows that run across most of its width (text: high; a table's labels: low)."""
    rows: dict[int, list[float]] = {}
    for w in words:
        r = rows.setdefault(round(w.bottom / 2), [w.x0, w.x1])
        r[0], r[1] = min(r[0], w.x0), max(r[1], w.x1)
    if len(rows) < 5:
        return 0.0
    left = min(r[0] for r in rows.values())
    right = max(r[1] for r in rows.values())
    width = max(1.0, right - left)
    full = sum(1 for r in rows.values() if r[1] - r[0] >= 0.75 * width)
    return full / len(rows)


def _group_lines(words: list[_Word]) -> list[_Line]:
    """Words -> lines by vertical overlap (superscripts/subscripts join their line)."""
    words = sorted(words, key=lambda w: (round(w.top), w.x0))
    lines: list[_Line] = []
    for w in sorted(words, key=lambda w: w.bottom):
        h = max(0.5, w.bottom - w.top)
        best = None
        for ln in reversed(lines[-6:]):
            ov = min(ln.bottom, w.bottom) - max(ln.top, w.top)
            lh = max(0.5, ln.bottom - ln.top)
            if ov > 0.45 * min(h, lh):
                best = ln
                break
        if best is None:
            lines.append(_Line([w], w.top, w.bottom, w.size))
        else:
            best.words.append(w)
            # the line's box follows its main-size words only
            if w.size >= 0.85 * best.size:
                best.top = min(best.top, w.top) if w.size >= best.size * 0.95 else best.top
                best.bottom = max(best.bottom, w.bottom) if w.size >= best.size * 0.95 else best.bottom
            if w.size > best.size:
                best.size = w.size
    for ln in lines:
        _render_line(ln)
    lines.sort(key=lambda l: (l.top, l.x0))
    return lines


def _render_line(ln: _Line) -> None:
    ws = sorted(ln.words, key=lambda w: w.x0)
    sizes = Counter(round(w.size, 1) for w in ws for _ in range(max(1, len(w.text))))
    main = sizes.most_common(1)[0][0] if sizes else 0
    main_words = [w for w in ws if abs(w.size - main) < 0.6] or ws
    base = sorted(w.bottom for w in main_words)[len(main_words) // 2]
    top = min(w.top for w in main_words)
    parts: list[str] = []
    gaps: list[float] = []
    prev: _Word | None = None
    for w in ws:
        small = main and w.size < 0.85 * main
        sup = small and w.bottom < base - 0.2 * (base - top)
        sub = small and w.top > top + 0.25 * (base - top)
        text = w.text
        if sup:
            prevtext = parts[-1] if parts else ""
            if re.search(r"(?:^|[^\d])10$", prevtext) and re.fullmatch(r"[-+]?\d{1,3}", text):
                parts[-1] = prevtext + "^" + text
                prev = w
                continue
            if re.fullmatch(r"[\d,*†‡§¶]+", text) and prevtext and re.search(r"[A-Za-z.,)]$", prevtext):
                prev = w  # a footnote marker glued to a word
                continue
        if prev is not None:
            gap = w.x0 - prev.x1
            gaps.append(gap)
            if (sub or sup) and gap < 0.5:
                parts[-1] = parts[-1] + text
                prev = w
                continue
            if gap < 0.3 and parts:
                parts[-1] = parts[-1] + text
                prev = w
                continue
        parts.append(text)
        prev = w
    ln.text = " ".join(parts)
    ln.x0 = ws[0].x0
    ln.x1 = max(w.x1 for w in ws)
    size = main or 10.0
    spaces = sorted(g for g in gaps if g < 0.6 * size)  # ordinary word spaces
    space = spaces[len(spaces) // 2] if spaces else 0.3 * size
    big = [g for g, w in zip(gaps, ws) if g > max(3.0 * space, 9.0, 0.9 * size)
           and not re.search(r"[.:;?!]$", w.text)]
    ln.table = len(big) >= 2 or (len(big) >= 1 and len(parts) <= 8 and bool(re.search(r"\d", ln.text)))


def _layout(page) -> list[list[_Line]]:
    """Reading-ordered blocks of lines: full-width bands in place, columns left then right."""
    words = _words_of(page)
    if not words:
        return []
    width = float(page.width)
    g = _find_gutter(words, width)
    if g is None:
        g = _regional_gutter(words, width)
    if g is None:
        return [_group_lines(words)]
    crossing = [w for w in words if w.x0 < g - 0.5 and w.x1 > g + 0.5] + _spanning_rows(words, g)
    # y-bands occupied by crossing words -> full-width bands (merged when close)
    bands: list[list[float]] = []
    for w in sorted(crossing, key=lambda w: w.top):
        if bands and w.top <= bands[-1][1] + 2:
            bands[-1][1] = max(bands[-1][1], w.bottom)
        else:
            bands.append([w.top, w.bottom])
    blocks: list[list[_Line]] = []

    def in_band(w: _Word, band) -> bool:
        mid = (w.top + w.bottom) / 2
        return band[0] - 1 <= mid <= band[1] + 1

    y_prev = -1e9
    remaining = words
    for band in bands + [[1e9, 1e9]]:
        seg = [w for w in remaining if (w.top + w.bottom) / 2 < band[0] - 1 and (w.top + w.bottom) / 2 >= y_prev]
        left = [w for w in seg if w.x1 <= g + 0.5 and (w.x0 + w.x1) / 2 < g]
        right = [w for w in seg if w not in left]
        if left:
            blocks.append(_group_lines(left))
        if right:
            blocks.append(_group_lines(right))
        if band[0] < 1e9:
            full = [w for w in remaining if in_band(w, band)]
            if full:
                blocks.append(_group_lines(full))
            y_prev = band[1] + 1
        ids = {id(w) for b in blocks for ln in b for w in ln.words}
        remaining = [w for w in remaining if id(w) not in ids]
    # words left over (in gaps of the band edges) go to a last block
    ids = {id(w) for b in blocks for ln in b for w in ln.words}
    rest = [w for w in words if id(w) not in ids]
    if rest:
        blocks.append(_group_lines(rest))
    return blocks


# A caption starts with its label; a paragraph that starts with one and goes on in lower case is prose about the
# float ("Table 3 shows the training cost ...", "Figure 4a compares ..."), not its caption (parse25).
_CAPTION_RE = re.compile(r"^\s*(?:Table|Figure|Fig\.|Tab\.)\s*[A-Z]?\d+(?!\d*(?-i:[a-z])?\s+(?-i:[a-z]))[.:]?", re.I)


_RUN_IN_ACK_RE = re.compile(r"^\s*(?:\d+\.?\s+)?Acknowledge?ments?\s*[.:]\s", re.I)

# (text16) A float (table rows, a caption) typeset in the middle of a paragraph: the paragraph's last line
# before it filled its column and ends with no sentence end, and the first text after the float goes on
# with it: a lower-case word, a citation ("Devlin et al. (2019).", "[12]"), or a number after a
# preposition ("... we train for" | Table 3 | "300K steps ..."). The fragment joins the paragraph again;
# the float's units come first.
_CITATION_START_RE = re.compile(r"^(?:[A-Z][A-Za-z'-]+(?:\s+et\s+al\.?|\s+(?:and|&)\s+[A-Z][A-Za-z'-]+)?,?\s*"
                                r"\(\d{4}[a-z]?\)|\[\d+(?:\s*[,–-]\s*\d+)*\])(?=[\s.,;:)]|$)")
_OPEN_PREP_END_RE = re.compile(r"(?i)\b(?:for|of|to|on|in|with|by|at|than|about|approximately|around|over|using|"
                               r"the|a|an|and|or|from|after|under|within|into|roughly|nearly)$")
_FLOAT_NUMBERED_HEADING_RE = re.compile(r"^[A-Z]?\d+(?:\.\d+)*\.?\s+[A-Z]")


def _goes_on_after_float(prev: str, t: str) -> bool:
    """Does ``t`` (the first line of text after a float) continue ``prev`` (the paragraph's last line
    before it, which filled its column and ends with no sentence end)?"""
    if re.search(r"[.!?:;]['\")\]]*$", prev) or not re.search(r"[A-Za-z][-,]?$", prev):
        return False
    if t[:1].islower():
        return True
    if _CITATION_START_RE.match(t):
        return True
    # a number goes on a sentence left at a preposition, when words follow it (a figure's tick labels
    # "60 59.0" are no continuation)
    return (bool(re.match(r"\d", t)) and bool(_OPEN_PREP_END_RE.search(prev)) and not _FLOAT_NUMBERED_HEADING_RE.match(t)
            and len(re.findall(r"\b[A-Za-z]{3,}\b", t)) >= 2)


def _page_units(page, page_no: int, section: str, vocabulary: set[str]) -> tuple[list[Sentence], str]:
    """Sentences and table rows of one page, in reading order; returns the section at the page end.

    A paragraph that runs from the bottom of one column to the top of the next (the last line does
    not end a sentence and the next block starts in lower case) is kept together.
    """
    out: list[Sentence] = []
    try:
        blocks = _layout(page)
    except Exception:  # noqa: BLE001 - a page pdfplumber cannot lay out is skipped, not fatal
        return out, section
    para: list[str] = []
    para_kind = "text"
    para_section = section
    table_rows: list[str] = []

    def flush():
        nonlocal para, para_kind, para_section, section
        if para:
            text = join_lines(para, vocabulary)
            if _RUN_IN_ACK_RE.match(text):  # "Acknowledgements. We thank ..." (a run-in heading)
                para_section = section = "acknowledgements"
            for sent in split_sentences(text):
                out.append(Sentence(page_no, sent, "caption" if para_kind == "caption" else "text", para_section))
        para = []
        para_kind = "text"

    # (text16) a paragraph left open by a float: (first index of its sentences in ``out``, one past the
    # last, its lines, its section)
    held: tuple[int, int, list[str], str] | None = None

    def hold_open_paragraph():
        """Before a float's first unit: remember the paragraph if it is left open mid-sentence."""
        nonlocal held
        if para and para_kind == "text" and para_full and held is None:
            start = len(out)
            lines, sec = list(para), para_section
            flush()
            held = (start, len(out), lines, sec)
        else:
            flush()

    para_last: _Line | None = None  # the last line put into ``para``
    para_full = False  # ... and it runs (almost) to the right edge of its block: the text goes on
    all_lines = [ln for b in blocks for ln in b if not ln.table]
    page_x0, page_x1 = _text_edges(all_lines)
    page_width = page_x1 - page_x0
    for block in blocks:
        last: _Line | None = None
        first_in_block = True
        text_lines = [ln for ln in block if not ln.table]
        # the block's text edges; a band of one or two lines (a full-width caption line) is measured
        # against the page's
        block_x0, block_x1 = _text_edges(text_lines) if len(text_lines) >= 3 else (page_x0, page_x1)
        for ln in block:
            t = ln.text.strip()
            if not t:
                continue
            sec = section_of_heading(t) if len(t) < 70 else None
            if sec == "body?" and _goes_on_open_paragraph(para, para_kind, para_last, last, ln, block_x0, block_x1):
                sec = None  # "... a batch size of" | "1024. Training runs for 90 epochs on": text, not a heading
            if sec is not None and not ln.table:
                flush()
                held = None
                section = _next_section(section, sec, t)
                para_section = section
                table_rows = []
                last = ln
                first_in_block = False
                continue
            if ln.table:
                hold_open_paragraph()
                out.append(Sentence(page_no, t, "table", section, context=" / ".join(table_rows[-2:])))
                table_rows.append(t)
                last = ln
                first_in_block = False
                continue
            if _CAPTION_RE.match(t):
                hold_open_paragraph()
                para_kind = "caption"
                table_rows = []
            elif first_in_block:
                # a paragraph that runs on from the previous column or band: the next line starts in
                # lower case, or the last line filled its column (no sentence end) and the same type
                # size goes on ("... carried out on 4 NVIDIA" | "Tesla V100 GPUs. ...")
                open_end = bool(para) and not re.search(r"[.!?:]\W*$", para[-1])
                continues = open_end and (t[:1].islower() or (
                    para_full and para_last is not None and abs(ln.size - para_last.size) < 0.6
                    and bool(re.match(r"[A-Z0-9(]", t)) and ln.x1 - ln.x0 >= 0.4 * (block_x1 - block_x0)))
                if not continues:
                    flush()
            elif last is not None:
                gap = ln.top - last.bottom
                lh = max(4.0, ln.bottom - ln.top)
                if gap > 0.9 * lh or abs(ln.size - last.size) > 1.2 or last.table:
                    flush()
                    table_rows = [] if not last.table else table_rows
            if not para and para_kind == "text" and held is not None:
                start, end, lines, sec = held
                held = None
                if len(out) > end and _goes_on_after_float(lines[-1], t):
                    floats = out[end:]
                    del out[start:]
                    out.extend(floats)
                    para = lines
                    para_section = sec
            elif not para and para_kind == "text":
                held = None
            if not para:
                para_section = section
            para.append(t)
            para_last = ln
            width = block_x1 - block_x0
            para_full = width > 0 and ln.x1 >= block_x1 - 0.06 * width and ln.x1 - ln.x0 >= 0.8 * min(width, page_width or width)
            last = ln
            first_in_block = False
    flush()
    return out, section


def _goes_on_open_paragraph(para: list[str], para_kind: str, para_last: _Line | None, last: _Line | None,
                            ln: _Line, block_x0: float, block_x1: float) -> bool:
    """(parse25) A line that reads like a numbered heading ("825 GB of deduplicated web text collected from",
    "1024. Training runs for 90 epochs on") but goes on with a paragraph left open mid-sentence: the
    paragraph's last line stops at a word, comma or hyphen, this line is set in the same type at the usual
    leading and runs across its column, as a heading (a short line) does not."""
    if not para or para_kind != "text" or para_last is None or not re.search(r"[A-Za-z,(-]$", para[-1]):
        return False
    if abs(ln.size - para_last.size) >= 0.6 or last is not None and last.table:
        return False
    if last is para_last and ln.top - last.bottom > 0.9 * max(4.0, ln.bottom - ln.top):
        return False
    width = block_x1 - block_x0
    return width > 0 and ln.x1 >= block_x1 - 0.06 * width and ln.x1 - ln.x0 >= 0.8 * width


def _text_edges(lines: list[_Line]) -> tuple[float, float]:
    """Left and right edge of a text block: where most lines start and where the full lines end (a
    margin note or a long URL sticking out does not move them)."""
    if not lines:
        return 0.0, 0.0
    x0 = sorted(ln.x0 for ln in lines)
    x1 = sorted(ln.x1 for ln in lines)
    return x0[int(0.2 * (len(x0) - 1))], x1[int(0.8 * (len(x1) - 1))]


def _vocabulary(texts: Iterable[str]) -> set[str]:
    """Words of the document as written inside lines: hyphenated compounds and plain words."""
    vocab: set[str] = set()
    for t in texts:
        for m in re.finditer(r"(?<![\w-])([A-Za-z]{2,}(?:-[A-Za-z]{2,})*)(?![\w-])", t):
            vocab.add(m.group(1).lower())
    return vocab


def _leaves_references(text: str) -> bool:
    return any(_next_section("references", sec, line) != "references"
               for line in text.split("\n") if (sec := section_of_heading(line)))


def cheap_sentences(doc: Document, pages: Iterable[int] | None = None) -> list[Sentence]:
    """Sentences from the cheap text (for pages not read carefully), best effort."""
    out = []
    want = set(pages) if pages is not None else None
    for i, t in enumerate(doc.cheap_text):
        if want is not None and (i + 1) not in want:
            continue
        lines = [l for l in t.split("\n")]
        for s in split_sentences(join_lines(lines)):
            out.append(Sentence(i + 1, s, "text", doc.page_sections[i] if i < len(doc.page_sections) else "body"))
    return out

# ====================================================================== reading plan
# Everything above this line decides what a page's text *is* (the parse cache is keyed by it);
# everything below decides which pages are read and how they are scored.
PLAN_MARKER = "# ====================================================================== reading plan"

# The careful pass costs ~0.4 s of CPU per page (pdfminer's interpretation of the page is most of it),
# the cheap pass ~0.01 s: the careful pass reads the best page, and the second best when it scores at
# least half as much; every other page worth reading is read from the cheap text. On the development
# corpus this reads 1.4 pages per paper carefully (3.5 before) with the same accuracy.
DEFAULT_CAREFUL_PAGES = 2
MIN_RELATIVE_SCORE = 0.5  # pages scoring below this share of the best page are not read carefully


_N = r"(?:\d[\d.,]*|\b(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|several|few))"
_SCORE_PATTERNS: list[tuple[re.Pattern, float]] = [
    (re.compile(r"\b(?:GPU|TPU|IPU)s?\b|\bTPU-?v\d|\bGPU-|\baccelerators?\b", re.I), 1.0),
    (re.compile(r"(?:\d|\b(?:one|two|four|eight|sixteen|single))[\s-]+(?:\w+[\s-]+){0,3}?(?:GPU|TPU|chip|core|machine|node|server|worker)s?\b", re.I), 4.0),
    (re.compile(rf"\b(?:train|trained|training|pre-?train\w*|took|takes|converge\w*)\b[^.]{{0,80}}?{_N}\s*(?:-\s*)?(?:days?|hours?|weeks?|months?|h)\b", re.I), 4.0),
    (re.compile(rf"{_N}\s*(?:-\s*)?(?:days?|hours?|weeks?|months?)\b[^.]{{0,60}}?\b(?:train\w*|GPU|TPU)", re.I), 3.0),
    (re.compile(r"\b(?:GPU|TPU|core|chip|accelerator)[\s-]*(?:v\d[\s-]*)?(?:core[\s-]*)?(?:hours?|days?|years?)\b", re.I), 5.0),
    (re.compile(r"\b(?:training\s+time|wall[\s-]?clock|hardware|compute\s+budget|computational\s+cost)\b", re.I), 2.0),
    (re.compile(r"\bFLOPs?\b|\bmulti?ply-adds?\b|\bpetaflop", re.I), 1.0),
    (re.compile(r"\b\d[\d.,]*\s*[MBK]?\s*(?:parameters|params)\b", re.I), 1.0),
    (re.compile(r"\b(?:steps|iterations|epochs)\b", re.I), 0.3),
    (re.compile(r"\bbatch\s+size\b", re.I), 0.5),
]
_REFERENCE_LINE = re.compile(r"^\s*(?:\[\d+\]|\d+\.\s+[A-Z][a-z]+,|[A-Z][a-z]+,\s+[A-Z]\.)|(?:19|20)\d\d[a-z]?\.\s*$|arXiv preprint|In Proceedings|Advances in Neural", re.M)


def default_page_score(text: str) -> float:
    """How much a page's text looks like it states training hardware, time or size."""
    if not text:
        return 0.0
    score = 0.0
    for rx, w in _SCORE_PATTERNS:
        n = len(rx.findall(text))
        score += w * min(n, 8)
    lines = max(1, text.count("\n") + 1)
    refs = len(_REFERENCE_LINE.findall(text))
    if refs > 0.25 * lines or refs > 20:
        score *= 0.15
    return score


class ParseCache:
    """Parsed pages on disk, for measuring (``aicompute.evaluate``): the cheap text of a PDF and the
    careful pass of each page read so far, keyed by the PDF's sha256 and this module's source, with the
    seconds each part took when it was really parsed (so timings stay honest when replayed)."""

    def __init__(self, directory: str | Path, pdf_path: str | Path):
        import hashlib

        digest = hashlib.sha256(Path(pdf_path).read_bytes())
        source = Path(__file__).read_text(encoding="utf-8")
        digest.update(source.split(PLAN_MARKER)[0].encode())
        self.file = Path(directory) / f"{digest.hexdigest()[:32]}.pkl"
        self.data: dict = {}
        self.dirty = False
        if self.file.exists():
            import pickle

            try:
                self.data = pickle.loads(self.file.read_bytes())
            except Exception:  # noqa: BLE001 - a broken cache entry is parsed again
                self.data = {}

    # entries carry the CPU seconds they took ("cpu"); older ones, timed by the wall clock of a busy
    # machine, are parsed again
    def cheap(self, max_pages: int):
        got = self.data.get(("cheap", max_pages))
        return got[:3] if got is not None and len(got) == 4 and got[3] == "cpu" else None

    def store_cheap(self, max_pages: int, n: int, texts: list[str], cpu_seconds: float) -> None:
        self.data[("cheap", max_pages)] = (n, texts, cpu_seconds, "cpu")
        self.dirty = True

    def page(self, i: int):
        got = self.data.get(("page", i))
        return got[:2] if got is not None and len(got) == 3 and got[2] == "cpu" else None

    def store_page(self, i: int, units: list[Sentence], cpu_seconds: float) -> None:
        self.data[("page", i)] = (units, cpu_seconds, "cpu")
        self.dirty = True

    def save(self) -> None:
        if not self.dirty:
            return
        import os
        import pickle

        self.file.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.file.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps(self.data, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, self.file)
        self.dirty = False


MAX_CHEAP_READ = 40  # pages read from the cheap text besides the careful ones (a book stays bounded)


def read_pdf(
    path: str | Path,
    max_careful_pages: int = DEFAULT_CAREFUL_PAGES,
    scorer: Callable[[str], float] | None = None,
    max_cheap_pages: int = MAX_CHEAP_PAGES,
    cache: ParseCache | None = None,
    cheap_rest: bool = True,
    min_relative: float = MIN_RELATIVE_SCORE,
) -> Document:
    """Cheap pass over all pages, careful pass over the best-scoring ones (at most max_careful_pages);
    with ``cheap_rest`` the other pages' sentences come from the cheap text (so a statement on a page the
    careful pass had no time for is still read). ``Document.cheap_seconds`` / ``careful_seconds`` are CPU
    seconds (of this process). ``cache`` (measurements only) replays pages parsed before, with the CPU
    seconds they took then."""
    t0 = time.process_time()
    cached = cache.cheap(max_cheap_pages) if cache is not None else None
    replayed = 0.0
    if cached is not None:
        n, texts, replayed = cached
    else:
        n, texts = cheap_pass(path, max_cheap_pages)
        if cache is not None:
            cache.store_cheap(max_cheap_pages, n, texts, time.process_time() - t0)
    scorer = scorer or default_page_score
    scores = [scorer(t) for t in texts]
    sections = page_sections(texts)
    for i, sec in enumerate(sections):
        if sec == "references" and not _leaves_references(texts[i]):
            scores[i] *= 0.1
    chosen = choose_careful_pages(scores, max_careful_pages, min_relative)
    doc = Document(str(path), n, texts, scores, [i + 1 for i in chosen], [], sections,
                   pages_read_cheaply=min(n, max_cheap_pages))
    cheap_cpu = time.process_time() - t0 + replayed
    t1 = time.process_time()
    replayed = 0.0
    todo = []
    for i in chosen:
        got = cache.page(i) if cache is not None else None
        if got is None:
            todo.append(i)
        else:
            replayed += got[1]
    parsed: dict[int, list[Sentence]] = {}
    if todo:
        import pdfplumber

        vocab = _vocabulary(texts)
        try:
            pdf = pdfplumber.open(str(path))
        except Exception as exc:  # noqa: BLE001
            raise DocumentError(f"{Path(path).name}: pdfplumber cannot open it ({type(exc).__name__})") from None
        try:
            for i in todo:
                tp = time.process_time()
                try:
                    page = pdf.pages[i]
                except Exception:  # noqa: BLE001
                    continue
                units, _ = _page_units(page, i + 1, sections[i], vocab)
                parsed[i] = units
                try:
                    page.flush_cache()
                except Exception:  # noqa: BLE001
                    pass
                if cache is not None:
                    cache.store_page(i, units, time.process_time() - tp)
        finally:
            pdf.close()
    import copy

    careful_cpu = time.process_time() - t1 + replayed
    t2 = time.process_time()
    vocab_all = _vocabulary(texts) if cheap_rest else None
    careful = set(chosen)
    # the other pages worth reading (a page scoring 0 states none of it), the best MAX_CHEAP_READ of them
    rest = [i for i in sorted(range(n), key=lambda i: (-scores[i], i)) if i not in careful and texts[i] and scores[i] > 0]
    rest = set(rest[:MAX_CHEAP_READ]) if cheap_rest else set()
    for i in range(n):
        if i in parsed:
            doc.sentences.extend(parsed[i])
        elif i in careful and cache is not None and cache.page(i) is not None:
            doc.sentences.extend(copy.deepcopy(cache.page(i)[0]))
        elif i in rest:
            units, _ = cheap_units(texts[i], i + 1, sections[i], vocab_all)
            doc.sentences.extend(units)
    _join_across_pages(doc.sentences, texts)
    for k, s in enumerate(doc.sentences):
        s.index = k
    doc.cheap_seconds = cheap_cpu + time.process_time() - t2  # the cheap pages' sentences are part of the cheap pass
    doc.careful_seconds = careful_cpu
    return doc


_PROSE_END_RE = re.compile(r"[.!?]['\")\]]*$")


def _join_across_pages(sentences: list[Sentence], texts: list[str]) -> None:
    """Join a sentence that runs over a page break: the last prose sentence of page p stops mid-sentence
    ("we train for" / "ma-") and the first prose sentence of page p+1 goes on ("chine translation ...").
    Without this, "the sentence before" and any statement across the break are read as two fragments.
    The continuation must itself be a finished prose sentence (six words or more, ending with . ! ?), so a
    figure's labels or a table header at the top of the next page stay apart; a footnote with a URL at the
    foot of the page is no sentence to continue."""
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    for k, s in enumerate(sentences):
        if s.kind != "text":
            continue
        first.setdefault(s.page, k)
        last[s.page] = k
    drop: list[int] = []
    vocabulary: set[str] | None = None
    for page, k_last in last.items():
        k_first = first.get(page + 1)
        if k_first is None:
            continue
        a, b = sentences[k_last], sentences[k_first]
        if ("http" in a.text or "www." in a.text or len(b.text.split()) < 6 or not _PROSE_END_RE.search(b.text)
                or not _goes_on_after_float(a.text, b.text)):
            continue
        if vocabulary is None:
            vocabulary = _vocabulary(texts)
        a.text = join_lines([a.text, b.text], vocabulary)
        drop.append(k_first)
    for k in sorted(drop, reverse=True):
        del sentences[k]


_CHEAP_NUM = re.compile(r"^[~≈<>±(]?[-+]?\d[\d.,]*(?:[%kKMBGTx×*]|[hmsd]|min)?[)*∗]?$")


def _cheap_table_line(line: str) -> bool:
    """A line of the cheap text that is a table row: short, several numbers, no sentence ending."""
    toks = line.split()
    if not 2 <= len(toks) <= 16 or re.search(r"[.;:]\s*$", line):
        return False
    nums = sum(1 for t in toks if _CHEAP_NUM.match(t))
    words = sum(1 for t in toks if re.fullmatch(r"[a-z]{2,}", t))  # prose has plain lower-case words, a row few
    return nums >= 2 and (nums >= 0.5 * len(toks) or words <= 2)


def _prose_goes_on(para: list[str], line: str) -> bool:
    """A numeric line of the cheap text that continues an open sentence rather than starting a table:
    the paragraph's last line stops mid-sentence (a word, comma or bracket) and this line reads as prose
    ("... following the BERTLARGE architecture (L = 24," / "H = 1024, A = 16, 355M parameters). We")."""
    if not para or not re.search(r"[a-z,(]$", para[-1]):
        return False
    return bool(re.search(r"[,;]\s+\S|\.\s+[A-Z][a-z]", line) or re.search(r"\b[a-z]{2,}-?$", line))


def cheap_units(text: str, page_no: int, section: str, vocabulary: set[str] | None = None) -> tuple[list[Sentence], str]:
    """Sentences and table rows of one page from its cheap (pypdfium2) text, with the sections its
    headings open; returns the section at the page end. The careful pass does this better (columns,
    superscripts, table cells); this reads the pages it has no time for."""
    out: list[Sentence] = []
    para: list[str] = []
    kind = "text"
    rows: list[str] = []

    def flush():
        nonlocal para, kind
        if para:
            for sent in split_sentences(join_lines(para, vocabulary)):
                out.append(Sentence(page_no, sent, kind, section))
        para, kind = [], "text"

    lines = text.split("\n")
    widths = sorted(len(x.strip()) for x in lines if len(x.strip()) > 20)
    full = widths[int(0.75 * len(widths))] if widths else 80  # the length of a full line of text
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if para and re.search(r"[.!?:]\W*$", para[-1]) and (kind == "caption" or len(para[-1]) < 0.8 * full):
            flush()  # the previous line ended a caption, or a paragraph (short, with a full stop)
        sec = section_of_heading(line) if len(line) < 70 else None
        if sec is not None:
            flush()
            section = _next_section(section, sec, line)
            rows = []
            continue
        if _cheap_table_line(line) and not _prose_goes_on(para, line):
            flush()
            out.append(Sentence(page_no, line, "table", section, context=" / ".join(rows[-2:])))
            rows.append(line)
            continue
        if _CAPTION_RE.match(line):
            flush()
            kind = "caption"
        elif _RUN_IN_ACK_RE.match(line):
            flush()
            section = "acknowledgements"
        para.append(line)
    flush()
    return out, section


def choose_careful_pages(scores: list[float], max_careful_pages: int, min_relative: float = MIN_RELATIVE_SCORE) -> list[int]:
    """0-based indices of the pages to read carefully: the best-scoring ones (each scoring at least
    ``min_relative`` of the best page), in page order."""
    n = len(scores)
    ranked = sorted(range(n), key=lambda i: (-scores[i], i))
    top = max(scores) if scores else 0.0
    return sorted(i for i in ranked[:max_careful_pages] if scores[i] > 0 and scores[i] >= min_relative * top)


