"""How much of a page's text the careful pass loses (a measurement, not part of the pipeline).

The cheap pass (pypdfium2) reads every character of a page in the PDF's order; the careful pass
(pdfplumber) rebuilds columns, lines and tables and can lose text on the way (two columns read as one,
a line taken for a heading and dropped). For each cheap-text sentence that states a number, the share of
its overlapping 25-character windows (letters and digits only; footnote markers glued to a word ignored)
that no careful sentence of the same page contains. A sentence with many missing windows is one the
careful pass lost or garbled; a few are expected (figure labels and equations come out in another order).

    python -m aicompute.parse_coverage --pdfs DIR --meta CSV --cache DIR [--list OUT.tsv]

prints aggregates over all, development and blind papers (counts only) and, with --list, writes the
development pages' losses (id, page, kind, missing windows, windows, sentence) for reading.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from dataclasses import dataclass

WINDOW = 25  # characters of letters and digits: long enough to be specific, short enough to survive a line break
STEP = 5


def letters_digits(text: str) -> str:
    """Lower-case letters and digits only; a footnote marker glued to a word ("GPUs1") is dropped."""
    return re.sub(r"(?<=[a-z])\d+", "", re.sub(r"[^a-z0-9]", "", text.lower()))


@dataclass
class Loss:
    sentence: str
    kind: str
    missing: int  # windows no careful sentence contains
    windows: int


def page_losses(cheap_units, careful_texts: list[str]) -> list[Loss]:
    """The cheap-text units (sentences, rows) of one page that state a number, with the windows of each
    that none of ``careful_texts`` (the careful pass's sentences of the same page) contains."""
    careful = " | ".join(letters_digits(t) for t in careful_texts)
    out = []
    for u in cheap_units:
        if not re.search(r"\d", u.text):
            continue
        n = letters_digits(u.text)
        if len(n) < WINDOW:
            continue
        wins = [n[i: i + WINDOW] for i in range(0, len(n) - WINDOW + 1, STEP)]
        out.append(Loss(u.text, u.kind, sum(1 for w in wins if w not in careful), len(wins)))
    return out


def main(argv=None) -> None:
    import datetime as dt
    from pathlib import Path

    from .evaluate import _table, is_blind
    from .extraction import page_scorer
    from .pdftext import ParseCache, _vocabulary, cheap_units, read_pdf

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pdfs", required=True)
    ap.add_argument("--meta")
    ap.add_argument("--cache", required=True)
    ap.add_argument("--list", help="write the development pages' losses here (tsv)")
    args = ap.parse_args(argv)
    meta = {}
    if args.meta:
        for line in Path(args.meta).read_text().splitlines()[1:]:
            meta[line.split(",")[0]] = line.rsplit(",", 1)[1].strip()
    table = _table()
    agg = {"all": Counter(), "dev": Counter(), "blind": Counter()}
    rows = []
    for pdf in sorted(Path(args.pdfs).glob("*.pdf")):
        pid = pdf.stem
        pub = dt.date.fromisoformat(meta[pid]) if meta.get(pid) else None
        try:
            cache = ParseCache(args.cache, pdf)
            doc = read_pdf(pdf, scorer=page_scorer(table, pub), cache=cache)
            cache.save()
        except Exception:  # noqa: BLE001 - a PDF that cannot be read has no careful pages to measure
            continue
        split = "blind" if is_blind(pid) else "dev"
        vocab = _vocabulary(doc.cheap_text)
        for pg in doc.pages_read_carefully:
            units, _ = cheap_units(doc.cheap_text[pg - 1], pg, "body", vocab)
            for loss in page_losses(units, [s.text for s in doc.sentences if s.page == pg]):
                for a in (split, "all"):
                    c = agg[a]
                    c["sentences"] += 1
                    c["windows"] += loss.windows
                    c["missing windows"] += loss.missing
                    c["sentences with a missing window"] += loss.missing > 0
                    c["sentences >=30% missing"] += loss.missing >= 0.3 * loss.windows
                if loss.missing and split == "dev":
                    rows.append((pid, pg, loss.kind, loss.missing, loss.windows, loss.sentence))
    for a, c in agg.items():
        print(f"{a:6s} " + ", ".join(f"{k} {v}" for k, v in c.items()))
    if args.list:
        with open(args.list, "w") as fh:
            for r in rows:
                fh.write("\t".join(map(str, r)) + "\n")


if __name__ == "__main__":
    main()
