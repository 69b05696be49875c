"""The units of text the size facts are read from (careful sentences, raw-text prose and table rows,
headings), the paper's own model names, and which pages are about sizes."""

from __future__ import annotations

import re

from ..pdftext import Document, Sentence, normalize, split_sentences

from .core import MAX_RAW_PROSE_PAGES, TABLES_FROM_RAW_TEXT, Unit, _flags, _hint
from .tables import _CAPTION_START_RE, _axis_ticks, _header_like


# ------------------------------------------------------------------ units of text


_TABLE_LINE_RE = re.compile(r"^(?=.*\d)(?:\S+\s+){1,}\S+$")


_NUM_TOKEN_RE = re.compile(r"[~≈<>]?(?:\d[\d,]*(?:\.\d+)?(?:[kKMBGT]|%)?|\d[\d.,]*%?)")
_CELL_TOKEN_RE = re.compile(r"[-–—]|\d+x\d+(?:x\d+)*|[\d.]+[×x]|N/?A|n/a|✓|✗|[\d.]+\s*[±]")
_WORD_TOKEN_RE = re.compile(r"[a-z]{3,}[,.;:]?")
# the usual marks around a numeric cell: a footnote / significance mark after it ("76.1*", "25.6M†"); a mean with
# its spread written without spaces ("76.1±0.2", "87.1±.3"). (A signed cell, "-0.4" / "+2.2%", is not counted:
# measured, rows of signed changes gave the tokens reader throughput and delta tables: 10-salt right 66.9 -> 64.9.)
_CELL_MARKS = "*†‡§¶∗⋆♠♣♦♥'"
_SPREAD_RE = re.compile(r"(\d[\d,]*(?:\.\d+)?(?:[kKMBGT]|%)?)±(?:\d[\d.]*|\.\d+)%?")
# a cell that is no value of its own but belongs to a numeric column: a spread or a note in parentheses
# ("(0.2)", "(+2.2%)", "±0.3"), a ratio of counts ("12/34"), a pair of magnitudes ("25.6M/4.1G" under "Params/FLOPs")
# (a bare integer in parentheses is an equation number or a year: "(3)", "(2016)")
_SIDE_CELL_RE = re.compile(r"\(\s*(?:[+\-−]\d[\d.,]*%?|\d*\.\d+%?|\d[\d.,]*%)\s*\)|±(?:\d[\d.]*|\.\d+)%?|\d+/\d+|"
                           r"\d[\d.,]*[KMB]/\d[\d.,]*[KMGT]?")


def _numeric_cell(t: str) -> bool:
    """A token that is a number as table cells write it (see _CELL_MARKS, _SPREAD_RE)."""
    bare = t.rstrip(_CELL_MARKS)
    if bare != t and (not bare or bare.isdigit()):
        return False  # "Ding 1*", "Han 4†": an author's affiliation mark, not a cell
    t = bare
    m = _SPREAD_RE.fullmatch(t)
    if m:
        t = m.group(1)
    return (t[0].isdigit() or t[0] in "~≈<>") and _NUM_TOKEN_RE.fullmatch(t) is not None


# a citation inside a table row ("300D LSTM encoders (Bowman et al., 2016) 3.0M 83.9", "ResNet [12] 25.6M"): no cells
_ROW_CITE_RE = re.compile(r"\((?:[A-Z][\w'-]+(?:\s+(?:et\s+al\.?|and|&)\s*[A-Z]?[\w'-]*)?),?\s*(?:19|20)\d\d[a-z]?\)|"
                          r"\[\d+(?:\s*[,–-]\s*\d+)*\]")


_YEAR_RE = re.compile(r"(?:19|20)\d\d")


def _is_table_line(line: str) -> bool:
    """A raw-text line that looks like a table row: several numeric cells and few words (a citation in it
    counts as neither)."""
    if line.rstrip().endswith(".") or not any(ch.isdigit() for ch in line):
        return False
    if "(" in line or "[" in line:
        line = _ROW_CITE_RE.sub(" ", line)
    toks = line.split()
    if len(toks) < 2:
        return False
    words = sum(1 for t in toks if len(t) >= 3 and t.rstrip(",.;:").isalpha() and t.islower())
    if words > max(2, len(toks) // 3):
        return False
    nums = sum(1 for t in toks if _numeric_cell(t))
    if nums < 1:
        return False
    cells = nums + sum(1 for t in toks if _CELL_TOKEN_RE.fullmatch(t) or _SIDE_CELL_RE.fullmatch(t.rstrip(_CELL_MARKS) or t))
    # a slash between two counts is the middle of one cell of split sizes ("961 / 150" under "Train / Test")
    # (not two years: "2019 / 2020")
    cells += sum(1 for a, t, b in zip(toks, toks[1:], toks[2:]) if t == "/" and _numeric_cell(a) and _numeric_cell(b)
                 and not (_YEAR_RE.fullmatch(a) and _YEAR_RE.fullmatch(b)))
    return cells >= 2 and cells >= 0.3 * len(toks) and words <= max(2, len(toks) // 3) and not _axis_ticks(toks)


# a hyper-parameter table written one setting a line, its name then its value ("Epochs 300", "Training steps 120k",
# "# Tokens 1T", "Batch size 4096", a configuration file's "global_train_batch_size: 1024 # ~2M tokens"): a name of one
# to five words (no number among them, not starting with a function word, as a wrapped line of prose would), then a
# numeric cell (with its unit, "4M tokens"; one per model: "Training data 300B tokens 1T tokens"; and a comment)
_LABEL_VALUE_RE = re.compile(r"^(?!(?:of|and|the|to|with|for|at|in|by|on|from|as|or|is|are|was|were|we|a|an)\b)"
                             r"(?P<label>[#A-Za-z][\w#./()'-]*(?:\s+(?![\d.,]+[kKMBT]?\b)[#A-Za-z(][\w#./()'-]*){0,4})"
                             # (a learning rate's "1e-4" / "3e−4" is a value too: a table of settings holds one)
                             r"(?:\s*:?\s+[~≈]?\d[\d,]*(?:\.\d+)?(?:[kKMBT]|[eE][-−]?\d+)?"
                             r"(?:\s+(?:tokens|sequences|examples|samples|images|steps|epochs|iterations))?){1,4}(?:\s+#\s.*)?$")
# one of the run's settings must be among them (a configuration file's keys too: "global_train_batch_size: 1024",
# "num_train_epochs: 3"): a one-column table of results ("Learned 24.8" / "Random 21.1" / "Uniform 23.4") is left to be
# read as before
_SIZE_SETTING_RE = re.compile(r"(?i)(?<![A-Za-z0-9-])(?:epochs?|steps|iterations|updates|batch|tokens|data(?:set)?\s+size|"
                              r"corpus\s+size|training\s+(?:examples|samples|images|set)|param(?:eter)?s?)(?![A-Za-z])")
MIN_LABEL_VALUE_ROWS = 3  # lines of one setting each that make a table (a single one is a line of prose)


def _label_value_rows(lines: list[str], is_table: list[bool]) -> list[bool]:
    """``is_table`` with the lines of a one-setting-a-line table marked too: a run of short lines (six words or fewer,
    no full stop at the end; a setting with a word value, "Optimizer AdamW", may stand among them) holding at least
    MIN_LABEL_VALUE_ROWS lines of a name and one numeric value (_LABEL_VALUE_RE), one of them a size setting
    (_SIZE_SETTING_RE: epochs, steps, batch, tokens, a data size, parameters). Read alone such a line is no
    table row (one number), and joined into prose its value is read with the next line's name ("Dataset size 5M"
    / "Training steps 120k": "5M Training steps")."""
    out = list(is_table)
    lv = [bool(_LABEL_VALUE_RE.match(s)) and not s.rstrip().endswith(".") for s in lines]
    short = [len(s.split()) <= 6 and not s.rstrip().endswith(".") for s in lines]
    i = 0
    while i < len(lines):
        if not (lv[i] or short[i] and not is_table[i]):
            i += 1
            continue
        j = i
        while j < len(lines) and (lv[j] or short[j] and not is_table[j]):
            j += 1
        if sum(lv[i:j]) >= MIN_LABEL_VALUE_ROWS and \
                any(_SIZE_SETTING_RE.search(lines[k]) for k in range(i, j) if lv[k]):
            for k in range(i, j):
                out[k] = out[k] or lv[k]
        i = j
    return out


# a table's total line below its rows: "Total 8,298", "Total: 1,248,424 421,098" (one number alone is no table row)
_TOTAL_LINE_RE = re.compile(r"(?i)^(?:total|sum|overall)\b\s*:?\s*(?:[\d.,]+[KMB]?\s*){1,4}$")


def _total_rows(lines: list[str], is_table: list[bool]) -> list[bool]:
    """``is_table`` with a total line right after table rows marked a row of the table."""
    out = list(is_table)
    for k in range(1, len(lines)):
        if out[k - 1] and not out[k] and _TOTAL_LINE_RE.match(lines[k]):
            out[k] = True
    return out


def _join(lines: list[str]) -> str:
    """Lines of raw text joined into a paragraph (a word hyphenated at a line end is joined again)."""
    parts: list[str] = []
    for ln in lines:
        if parts and re.search(r"[A-Za-z]{2}-$", parts[-1]) and ln[:1].islower():
            parts[-1] = parts[-1][:-1] + ln
        elif parts and parts[-1].endswith("-") and re.search(r"[\dA-Z]-$", parts[-1]):
            parts[-1] = parts[-1] + ln
        else:
            parts.append(ln)
    return " ".join(parts)


_REFERENCE_LINE_RE = re.compile(r"^\s*(?:\[\d+\]|\d+\.\s+[A-Z][a-z]+,|[A-Z][a-z]+,\s+[A-Z]\.)|(?:19|20)\d\d[a-z]?\.\s*$|"
                                r"arXiv\s+preprint|In\s+Proceedings|Advances\s+in\s+Neural", re.M)


def _cheap_units(doc: Document, skip_pages: set[int], start_index: int, table_pages: set[int] = frozenset()) -> list[Unit]:
    """Sentences and table rows of the pages the careful pass did not read, from the raw text:
    lines that look like table rows are rows (with the short lines above them as possible headers),
    the other lines are joined into sentences. On ``table_pages`` only the table rows are read."""
    out: list[Unit] = []
    idx = start_index
    prose = [i + 1 for i, text in enumerate(doc.cheap_text) if text and i + 1 not in skip_pages]
    if len(prose) > MAX_RAW_PROSE_PAGES:
        # a very long document (a thesis, a 400-page report): prose is read on the pages that look most
        # like they state sizes, the others give their table rows only (bounds the time per paper)
        ranked = sorted(prose, key=lambda pg: (-size_page_score(doc.cheap_text[pg - 1]), pg))
        table_pages = set(table_pages) | (set(prose) - set(ranked[:MAX_RAW_PROSE_PAGES]))
    for i, text in enumerate(doc.cheap_text):
        page = i + 1
        if page in skip_pages and page not in table_pages or not text:
            continue
        sec = doc.page_sections[i] if i < len(doc.page_sections) else "body"
        lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
        tables_only = page in table_pages
        if sec == "references":
            # an appendix after the references is often not recognized as one: a page with few
            # reference-like lines is read as an appendix, else only its table rows are read
            refs = len(_REFERENCE_LINE_RE.findall(text))
            sec = "appendix"
            tables_only = tables_only or refs > 0.1 * len(lines) or refs > 6
        is_table = _total_rows(lines, _label_value_rows(lines, [_is_table_line(s) for s in lines]))
        if tables_only and not any(is_table):
            continue  # nothing to read on this page
        para: list[str] = []
        stream: list[Unit] = []

        def flush():
            nonlocal idx
            if para and not tables_only:
                for s in split_sentences(_join(para)):
                    out.append(Unit(page, _fix_separators(s), "caption" if _CAPTION_START_RE.match(s) else "text", sec, idx,
                                    "cheap"))
                    idx += 1
            para.clear()

        for s, tab in zip(lines, is_table):
            if re.match(r"^(?:References|Bibliography)\s*$", s, re.I):
                break
            if tab:
                flush()
                u = Unit(page, _fix_separators(s), "table", sec, idx, "cheap")
                idx += 1
                out.append(u)
                stream.append(u)
            else:
                para.append(s)
                if tables_only:
                    idx += 1  # (rows of two tables are not consecutive)
                kind = "caption" if _CAPTION_START_RE.match(s) else "short" if len(s) < 120 and _header_like(s) else "prose"
                stream.append(Unit(page, s, kind, sec, -1, "cheap"))
        flush()
        _attach_table_context(stream)
    return out


def _attach_table_context(stream: list[Unit]) -> None:
    """For the table rows of one page (in reading order, with the lines or sentences around them), the
    possible header rows (short lines just above the first row; kept across a section label inside the
    table) and the caption (the 'Table N' text above the table, or just below it)."""
    k = 0
    n = len(stream)
    prev_end, prev_headers, prev_caption = -10, [], ""
    while k < n:
        if stream[k].kind != "table":
            k += 1
            continue
        start = k
        while k < n and stream[k].kind == "table":
            k += 1
        end = k  # rows are stream[start:end]
        above = []
        j = start - 1
        while j >= 0 and stream[j].kind == "short" and len(above) < 30:
            above.insert(0, stream[j].text)
            j -= 1
        caption = ""
        jj, prose_run = j, 0
        while jj >= 0 and start - jj <= 14 and prose_run < 4:
            if stream[jj].kind == "caption":
                caption = " ".join(x.text for x in stream[jj: min(jj + 3, start)] if x.kind != "table")
                break
            prose_run = prose_run + 1 if stream[jj].kind == "prose" else 0
            jj -= 1
        same_table = start - prev_end <= 4 and all(stream[x].kind == "short" for x in range(prev_end, start))
        headers = (prev_headers + above) if same_table else above
        if same_table and not caption:
            caption = prev_caption
        if not caption:
            for q in range(end, min(end + 3, n)):
                if stream[q].kind == "caption":
                    # a caption below the table, with the lines that continue it ("Table 1: Hidden sizes d and" /
                    # "parameter counts |W| for each variant.")
                    parts = [stream[q].text]
                    q += 1
                    while q < n and len(parts) < 4 and stream[q].kind in ("prose", "short") and \
                            not parts[-1].rstrip().endswith("."):
                        parts.append(stream[q].text)
                        q += 1
                    caption = _join(parts)
                    break
        # a short label just above the rows names their group ("BERT" / "ALBERT" over base/large rows)
        group = above[-1] if above and len(above[-1].split()) <= 3 and not re.search(r"\d", above[-1]) else ""
        for x in stream[start:end]:
            x.headers = list(headers)
            x.caption = caption
            x.same_as_previous = same_table
            x.group = group
        prev_end, prev_headers, prev_caption = end, headers, caption


def _fix_separators(t: str) -> str:
    """Numbers the text layer broke: '40, 000 samples' -> '40,000 samples' (a thousands separator
    followed by a space; a list never continues with a 0-led group) and '79.5 x 106' -> '79.5 x 10^6'
    (a superscript exponent flattened; only after a decimal mantissa, so '3 x 100 units' stays); a
    multiplication sign before a power of ten is the 'x' the number grammar reads ('1.2 × 10^6'); '⇥' is read as '×'."""
    if ", 0" in t:
        t = re.sub(r"(?<=\d,) (?=0\d\d\b)", "", t)
    if "⇥" in t:
        t = t.replace("⇥", "×")  # some fonts' times sign comes out of pdftext as U+21E5: "60 ⇥ 104", "3⇥3"
    if "×" in t:
        t = re.sub(r"(?<=\d)\s*×\s*(?=10\s*\^?\s*[-+]?\d)", " x ", t)  # "1.2 × 10^6": the number grammar's "x"
    if "x 10" in t or "x10" in t:
        t = re.sub(r"(?<![\w.])(\d+\.\d+)\s*x\s*10([3-9]|1[0-9]|2[0-4])\b(?!\^)", r"\1 x 10^\2", t)
    return t


_HEADING_LINE_RE = re.compile(r"^(?P<num>\d+(?:\.\d+){0,3}|[A-H](?:\.\d+){1,3}|[A-H])\.?\s+(?P<h>[A-Z][\w\s:&,/()+-]{2,70})$")
_FT_HEADING_RE = re.compile(r"\bfine-?tun\w*|\bSFT\b|\binstruct\w*|\bdownstream\b|\btransfer\w*|\badapt\w*|\bRLHF\b|"
                            r"\bpost-?training\b|"
                            r"\balignment\b|\bpreference\b|\bchat\b|\bdistill\w*", re.I)
_PT_HEADING_RE = re.compile(r"\bpre-?train\w*", re.I)


def _squash(t: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", t.lower())


class _Headings:
    """The (sub)section heading in force at each place of the document, from the raw text's lines."""

    def __init__(self, doc: Document | None):
        self.pages: list[tuple[str, list[tuple[int, str]]]] = []  # per page: squashed text, [(offset, heading)]
        last = ""
        path: dict[int, str] = {}  # heading level -> heading ("4 Post-training" > "4.3 Training Hyperparameters")
        for text in (doc.cheap_text if doc is not None else []):
            sq, marks = "", [(0, last)]
            for ln in text.split("\n"):
                m = _HEADING_LINE_RE.match(ln.strip())
                if m and not re.search(r"\d\s*(?:%|x\b)", ln) and not ln.rstrip().endswith((".", ",")):
                    level = m.group("num").count(".")
                    path = {k: v for k, v in path.items() if k < level}
                    path[level] = m.group("h").strip()
                    last = " > ".join(path[k] for k in sorted(path))
                    marks.append((len(sq), last))
                sq += _squash(ln)
            self.pages.append((sq, marks))

    def at(self, page: int, text: str) -> str:
        if not 1 <= page <= len(self.pages):
            return ""
        sq, marks = self.pages[page - 1]
        key = _squash(text)[:40]
        pos = sq.find(key) if len(key) >= 12 else -1
        if pos < 0:
            return marks[0][1] if len(marks) == 1 else ""
        return [h for off, h in marks if off <= pos][-1]


def _units(sentences: list[Sentence], doc: Document | None) -> list[Unit]:
    units = [Unit(s.page, _fix_separators(normalize(s.text)), s.kind, s.section, s.index) for s in sentences
             if s.section != "references"]
    if doc is not None and doc.cheap_text:
        careful = set(doc.pages_read_carefully) | {s.page for s in sentences}
        table_pages = careful if TABLES_FROM_RAW_TEXT else set()
        if TABLES_FROM_RAW_TEXT:
            # the raw text keeps a table row on one line; the careful pass may split or merge rows
            units = [u for u in units if u.kind != "table" or u.page not in careful]
        units += _cheap_units(doc, careful, len(sentences) + 1, table_pages)
    units.sort(key=lambda u: (u.page, u.source != "careful", u.index))
    # the careful pass's table rows: the same context from the sentences around them
    by_page: dict[int, list[Unit]] = {}
    for u in units:
        if u.source == "careful":
            by_page.setdefault(u.page, []).append(u)
    for page_units in by_page.values():
        stream = []
        for u in page_units:
            if u.kind == "table" or u.kind == "caption" and _CAPTION_START_RE.match(u.text):
                stream.append(u)
            else:
                kind = "caption" if _CAPTION_START_RE.match(u.text) else \
                    "short" if len(u.text) < 120 and _header_like(u.text) and not u.text.rstrip().endswith(".") else "prose"
                stream.append(Unit(u.page, u.text, kind, u.section, -1))
        _attach_table_context(stream)
    # table blocks: the rows of one table (consecutive rows, or rows separated only by short labels)
    block = -1
    prev: Unit | None = None
    row = 0
    for u in units:
        if u.kind != "table":
            continue
        new = prev is None or prev.page != u.page or prev.source != u.source or \
            (u.index - prev.index > 1 and not u.same_as_previous)
        if new:
            block += 1
            row = 0
        u.block = block
        u.row = row
        row += 1
        prev = u
    headings = _Headings(doc)
    for u in units:
        u.hint = u.kind == "table" or _hint(u.text)
        if not u.hint:
            continue
        _flags(u)
        h = headings.at(u.page, u.text) if u.kind != "table" or u.source == "careful" else ""
        # the innermost heading that says which stage it is decides
        for part in reversed(h.split(" > ") if h else []):
            if _FT_HEADING_RE.search(part) and not u.pretrain:
                u.finetune = True  # a sentence under a "Fine-tuning" / "Post-training" heading
                break
            if _PT_HEADING_RE.search(part) and not _FT_HEADING_RE.search(part):
                if not u.finetune:
                    u.pretrain = True
                break
    return units


# ------------------------------------------------------------------ the paper's own model names

_TITLE_NAME_RE = re.compile(r"^\s*(?P<name>[A-Z][\w+.-]*(?:\s?[\w+.-]+)?)\s*:")
_CAMEL_RE = re.compile(r"\b(?=[\w-]*[A-Z][\w-]*[A-Z0-9])[A-Z][\w-]{2,}\b")
_NAME_STOP = {"GPU", "GPUs", "TPU", "TPUs", "CNN", "CNNs", "RNN", "RNNs", "LSTM", "DNN", "NLP", "AI", "ML", "RL", "SGD",
              "Deep", "Neural", "Learning", "Networks", "Network", "ImageNet", "CIFAR", "COCO", "MNIST", "BERT", "GPT",
              "Transformer", "Transformers", "LLM", "LLMs", "ViT", "ResNet", "VGG", "NMT", "GAN", "GANs", "CTR",
              # a kind of network, not a name: "a 3D convolutional neural network (ConvNet)", "a new ConvNet architecture"
              "ConvNet", "ConvNets", "MLP", "MLPs", "GRU", "GRUs", "BiLSTM", "BiLSTMs", "LSTMs", "DNNs", "GNN", "GNNs",
              "SSM", "SSMs", "MoE", "MoEs", "VAE", "VAEs", "RBM", "RBMs", "HMM", "HMMs", "CRF", "CRFs", "SVM", "SVMs"}


# words a title's "X:" may be that name no model of the paper's (a field, a chip, a dataset family)
_TITLE_STOP = {"GPU", "GPUs", "TPU", "TPUs", "CNN", "CNNs", "RNN", "RNNs", "LSTM", "DNN", "NLP", "AI", "ML", "RL", "SGD",
               "Deep", "Neural", "Learning", "Networks", "Network", "ImageNet", "CIFAR", "COCO", "MNIST", "LLM", "LLMs"}
# the title's name: one or two words, then size / version tokens ("Deep Speech 2:", "Bielik 7B v0.1:"); a lower-case
# start only with a capital inside ("mHC:")
_TITLE_NAME2_RE = re.compile(r"^\s*(?P<name>(?:[A-Z]|[a-z]+[A-Z]|\d[A-Z]+[A-Za-z]*[a-z])[\w+.-]*(?:\s[A-Za-z][\w+.-]*)?(?:\s(?=[\w.]*\d)[\w.]+){0,2})\s*:")
# what a named thing is when it is not a model the paper trains: a part of one, an objective, data, a tool
_NOT_MODEL_NOUN = (r"loss(?:es)?|objectives?|criteri(?:on|a)|functions?|modules?|blocks?|layers?|units?|cells?|decoders?|"
                   r"heads?|operators?|operations?|mechanisms?|regulari[sz]\w*|metrics?|measures?|scores?|datasets?|"
                   r"corpus|corpora|benchmarks?|tokeni[sz]ers?|accelerators?|hardware|chips?|library|libraries|toolkits?|"
                   r"techniques?|tricks?|pooling|kernels?|schedules?|optimi[sz]ers?|suite|collection|dataset")
_NOT_MODEL_RE = re.compile(rf"(?i)\b(?:{_NOT_MODEL_NOUN})\b")
# a naming: "we propose/present/introduce/develop/design X", "(which) we call/name/dub X", "(a model) called/named X"
_NAMING_RE = re.compile(r"\b(?P<v>[Ww]e\s+(?:propose|present|introduce|develop|design|build|call|name|dub|term)|"
                        r"(?:called|named|dubbed|termed)(?:\s+as)?)\s+")
_NAME_TOKEN = r"(?:[A-Z]|[a-z]+[A-Z])[\w+.-]*"
_ACRONYM_RE = re.compile(r"^(?P<long>(?:[\"'`\u2018\u201c]?[\w&-]+[\"'\u2019\u201d]?\s+){0,8}?)"
                         r"\((?P<n>[A-Za-z][A-Za-z0-9+-]*[A-Z][A-Za-z0-9+-]*)\)")
# a name led by a digit and capitals, then a lower-case part: "3DMatch", "2DPose-Net" (not "3D", "3D-aware")
_DIGIT_LED = r"\d[A-Z]+[A-Za-z]*[a-z][A-Za-z0-9+-]*"
_SHAPED_RE = re.compile(rf"^[\"'`\u2018\u201c]?(?P<n>(?:{_DIGIT_LED}|[A-Z][\w-]*[A-Z0-9][\w-]*)(?:\s+v\d[\w.]*)?)[\"'\u2019\u201d]?(?![\w-])")
_WORDS_RE = re.compile(rf"^[\"'`\u2018\u201c]?(?P<n>{_DIGIT_LED}|[A-Z][\w-]+(?:\s+[A-Z][\w-]+){{0,2}})[\"'\u2019\u201d]?"
                       r"(?=\s*(?:,\s*(?:a|an|the|which|that|our|or)\b|\s+(?:as|for|to|which|that)\b|[.;:]|$))")
_OWNER_RE = re.compile(r"(?i)\b(?:we|our|this\s+(?:paper|work)|the\s+(?:proposed|resulting)|proposed)\b")
# "It is called X", "Thus, this network is named X": the sentence's subject is the thing the paper just described (not
# "this approach / method / technique is called X": a general technique is named so, "... called Transfer Learning (TL)")
_IT_IS_RE = re.compile(r"(?i)^\W*(?:(?:thus|hence|therefore|accordingly),?\s+)?(?:it|this\s+(?:new\s+)?(?:model|network|"
                       r"architecture|framework|system|agent))\s+(?:is|was)\s+$")
# "we propose an online algorithm, SwAV, that ...": the name in apposition to the noun the verb introduces
_APPOS_RE = re.compile(r"^(?P<long>(?:(?:a|an|the|our)\s+)?(?:[a-z][\w-]*\s+){0,4}[a-z][\w-]*),\s+"
                       r"(?P<n>(?:[A-Z]|[a-z]+[A-Z])[\w+-]*(?:\s+[A-Z][\w+-]*)?)\s*,")


def _initials_fit(acronym: str, long: str, slack: int = 0) -> bool:
    """The capitals of "MoCo" / "mHC" / "DML" are initials of the words before it, in order ("Momentum Contrast",
    "Manifold-Constrained Hyper-Connections", "deep mutual learning"). With ``slack`` 1, one capital of an acronym of
    three or more may be no initial if its first is the long form's first ("Vision-Language pretrained Model (VLMO)")."""
    caps = [ch for ch in acronym if ch.isupper()]
    initials = [w[0].upper() for w in re.split(r"[\s\-\"'`\u2018\u201c\u2019\u201d]+", long) if w and w[0].isalpha()]
    i = 0
    for ch in initials:
        if i < len(caps) and ch == caps[i]:
            i += 1
    if i == len(caps) and len(caps) >= 2:
        return True
    if slack and len(caps) >= 3:
        # the long form from its first capitalized word ("compact Graph-Sparse Network (GSNX)")
        cap = re.search(r"(?<![\w-])[A-Z]", long)
        initials = [w[0].upper() for w in re.split(r"[\s\-\"'`\u2018\u201c\u2019\u201d]+", long[cap.start():] if cap else "")
                    if w and w[0].isalpha()]
        i = 0
        for ch in initials:
            if i < len(caps) and ch == caps[i]:
                i += 1
        return bool(initials) and caps[0] == initials[0] and i >= len(caps) - slack
    return False
_SKIP_WORDS_RE = re.compile(r"^(?:(?:a|an|the|our|two|three|new|novel|simple|efficient|general|first|single|"
                            r"[\w-]+ly|[a-z][\w-]*(?:al|ed|ive|ic|ous|ble|ful|ent|ant|less|ar|ary|ional|ised|ized))\s+){0,4}")


def _naming_in(text: str) -> list[str]:
    """The names a sentence gives the paper's own model or method: "We present Momentum Contrast (MoCo)" -> MoCo,
    "we develop Orca, a 13-billion parameter model" -> Orca, "a new architecture, which we call SqueezeNet" ->
    SqueezeNet; not a part, objective, data or tool ("a loss called InfoNCE", "a decoder ... (LR-ASPP)", "a
    tokenizer", "X [9]": a cited one), not someone else's ("models called MobileNets" with no we/our/proposed)."""
    out: list[str] = []
    for m in _NAMING_RE.finditer(text):
        before = text[max(0, m.start() - 60): m.start()]
        if not m.group("v").lower().startswith("we") and not (_OWNER_RE.search(before) or _OWNER_RE.search(text[:m.start()])
                                                                or _IT_IS_RE.match(text[:m.start()])):
            continue
        rest = text[m.end(): m.end() + 140]
        skipped = _SKIP_WORDS_RE.match(rest)
        head = rest[: skipped.end()] if skipped else ""
        rest2 = rest[len(head):]
        # the noun the naming names: the words between the verb and the name ("a new efficient segmentation
        # decoder X"), the noun before "called" ("a loss function, called X")
        m_ac = _ACRONYM_RE.match(rest2)
        m_ap = _APPOS_RE.match(rest)
        # (the long form as the words after the verb's skipped adjectives: "a unified Vision-Language pretrained Model
        # (VLMO)" names VLMO, not "Vision-Language")
        if m_ac and (_initials_fit(m_ac.group("n"), head + m_ac.group("long")) or
                     not re.search(r"[,.;:]", m_ac.group("long")) and _initials_fit(m_ac.group("n"), m_ac.group("long"), slack=1)):
            n, after, lead = m_ac.group("n"), rest2[m_ac.end():], head + m_ac.group("long")
        elif m_ap:
            n, after, lead = m_ap.group("n"), rest[m_ap.end() - 1:], m_ap.group("long")
        else:
            m_n = _WORDS_RE.match(rest2) or _SHAPED_RE.match(rest2)
            if not m_n:
                # "we propose a new framework, called EAS": the next naming in the sentence decides
                continue
            n, after, lead = m_n.group("n"), rest2[m_n.end():], head
        noun_before = before[-30:] if not m.group("v").lower().startswith("we") else ""
        if _NOT_MODEL_RE.search(lead) or _NOT_MODEL_RE.search(noun_before.rstrip(" ,").split(",")[-1]):
            continue
        if re.search(r"\[\d[^\]]*\]\s*,?\s*$", noun_before):  # "deep ResNet [5], named X": another's
            continue
        if re.match(r"\s*(?:\[\d|\(\s*[A-Z][a-z]+(?: et al\.)?,? \d{4})", after):  # "X [9]", "X (Smith, 2020)": cited
            continue
        if _NOT_MODEL_RE.match(after.strip(" ,\"'\u2019\u201d")):  # "LNP block", "InfoNCE loss"
            continue
        app = re.match(r"\s*[,:]\s*(?:a|an|the)\s+((?:[^,.;]|\.(?=\d)){0,80})", after)  # "REFINEDWEB, a ... pretraining dataset"
        first = app and re.search(rf"(?i)\b(?:(?P<m>models?|networks?|architectures?|systems?)|{_NOT_MODEL_NOUN})\b", app.group(1))
        if first and not first.group("m"):
            continue
        n = n.strip()
        if len(n) >= 3 and n not in _NAME_STOP and n not in out and not re.fullmatch(r"[A-Z]\d+|\d+", n):
            out.append(n)
    return out


def _title_name(doc: Document | None, name_re: re.Pattern, is_name, more_front_words: str = "") -> list[str]:
    """The name the title gives before a colon ("ALBERT: A Lite BERT for ..."), as a list of at most one: the title is
    among the first lines (after a venue line, perhaps); ``name_re`` reads the name, ``is_name`` rejects stop words,
    and a front-matter word ("Abstract:", "Preprint:", ... and ``more_front_words``, "|word" alternatives) is no name."""
    if doc is None or not doc.cheap_text:
        return []
    front = re.compile(r"(?i)^(?:abstract|keywords|published|preprint|under\s+review|proceedings|arxiv" + more_front_words + ")")
    for ln in [ln.strip() for ln in doc.cheap_text[0].split("\n") if ln.strip()][:6]:
        m = name_re.match(ln)
        if m and is_name(m.group("name")) and len(m.group("name")) >= 3 and not front.search(m.group("name")):
            return [m.group("name").strip()]
    return []


def own_model_names(doc: Document | None, units: list[Unit]) -> list[str]:
    """Names the paper gives its own model: the title's name before a colon, names in 'we propose X'."""
    names = _title_name(doc, _TITLE_NAME2_RE, lambda n: not set(n.split()) <= _TITLE_STOP, "|workshop")
    for u in units[:400]:
        if u.page > 3 or u.kind != "text":
            continue
        for n in _naming_in(u.text):
            if n not in names:
                names.append(n)
    return names[:4]


def own_model_names_narrow(doc: Document | None, units: list[Unit]) -> list[str]:
    """The narrower own names (the title's word before a colon, a camel-case word after a lower-case "we propose" or
    "called", any parenthesized name in such a sentence): what the fields other than ``choice.NAMING_FIELDS`` read
    (their weights were fitted on these; with ``own_model_names`` a refit of tokens on dev lost 2 blind right values)."""
    names = _title_name(doc, _TITLE_NAME_RE, lambda n: n not in _NAME_STOP)
    for u in units[:400]:
        if u.page > 3 or u.kind != "text":
            continue
        for mm in re.finditer(r"\b(?:we\s+(?:propose|present|introduce|call|name|dub|develop)|called|named|dubbed|termed)\s+"
                              r"(?:(?:a|an|the|our|new|novel)\s+){0,2}(?P<n>[A-Z][\w-]*[A-Z0-9][\w-]*)", u.text):
            n = mm.group("n")
            if n not in _NAME_STOP and len(n) >= 3 and n not in names:
                names.append(n)
        if re.search(r"\bwe\s+(?:propose|present|introduce|call|name|develop)", u.text):
            for mm in re.finditer(r"\((?P<n>[A-Z][A-Za-z0-9+-]{2,})\)", u.text):  # "A Lite BERT (ALBERT)"
                n = mm.group("n")
                if n not in _NAME_STOP and n not in names and not re.fullmatch(r"[A-Z]\d+|\d+", n):
                    names.append(n)
    return names[:4]


# ------------------------------------------------------------------ page selection

_SIZE_PAGE_PATTERNS: list[tuple[re.Pattern, float]] = [
    (re.compile(r"\b\d[\d.,]*\s*(?:[KMBT]|million|billion|trillion)?\s*(?:parameters|params)\b", re.I), 2.0),
    (re.compile(r"\b(?:#\s*)?(?:params|parameters)\b", re.I), 0.5),
    (re.compile(r"\b\d[\d.,]*\s*(?:[KMBT]|million|billion|trillion)\s*(?:tokens|images|examples|words|sentences)\b", re.I), 2.0),
    (re.compile(r"\b\d[\d.,]*\s*[kKM]?\s*(?:epochs|iterations|steps)\b", re.I), 1.0),
    (re.compile(r"\bbatch\s+size\b", re.I), 1.0),
    (re.compile(r"\b(?:[GMT]?FLOPs|MAdds|multiply-adds|PF-days)\b", re.I), 1.0),
]


def size_page_score(text: str) -> float:
    """How much a page's raw text looks like it states the size of a training run."""
    if not text:
        return 0.0
    return sum(w * min(len(rx.findall(text)), 6) for rx, w in _SIZE_PAGE_PATTERNS)
