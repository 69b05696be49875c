"""pdftext layout classes on two-column pages, from words placed by hand (no PDF): a full-width caption
line or table row that leaves the gutter's x free is kept whole instead of being cut into the two columns; a paragraph runs on from
the bottom of one column to the top of the next also when the next column starts with a capital
("... carried out on 4 NVIDIA" | "Tesla V100 GPUs."). Near-misses: one-column pages, a table inside one
column next to text, a page number or a short line at the top of the next column, a finished sentence."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from aicompute import pdftext
from aicompute.pdftext import _Word

SIZE = 9.0
CHAR = 0.5 * SIZE  # a character's width
SPACE = 0.3 * SIZE  # an ordinary word space
LEADING = 11.0
PAGE_W = 612.0
LEFT = (54.0, 300.0)  # the two columns and their 12 pt gutter
RIGHT = (312.0, 558.0)
FULL = (54.0, 558.0)

FILLER = ("the model reads the whole input and writes the output one token at a time as usual and we report "
          "every score on the test set of the benchmark with the same settings as the earlier systems do ").split()


def line_words(text: str, x0: float, top: float, right: float | None = None, size: float = SIZE) -> list[_Word]:
    """One line of words from x0; with ``right`` the spaces are stretched so that it ends there (justified)."""
    toks = text.split()
    widths = [len(t) * CHAR for t in toks]
    space = SPACE
    if right is not None and len(toks) > 1:
        space = (right - x0 - sum(widths)) / (len(toks) - 1)
        assert 0.5 * SPACE <= space <= 3 * SPACE, f"does not fill the line with ordinary spaces: {text!r}"
    out, x = [], x0
    for t, w in zip(toks, widths):
        out.append(_Word(x, x + w, top, top + size, t, size))
        x += w + space
    return out


def fill(width: float, words: list[str], start: int = 0) -> tuple[str, int]:
    """Words from ``words`` (cycled, from ``start``) that fill a line of ``width`` points."""
    toks, used, k = [], 0.0, start
    while True:
        t = words[k % len(words)]
        need = len(t) * CHAR + (SPACE * 1.2 if toks else 0)
        if used + need > width:
            return " ".join(toks), k
        toks.append(t)
        used += need
        k += 1


def column(x: tuple[float, float], top: float, n: int, first: str | None = None, last: str | None = None,
           start: int = 0, full_ends: bool = True) -> list[_Word]:
    """``n`` justified filler lines in a column; ``first``/``last`` replace the first/last line (justified
    too, so that they run to the column's right edge, unless ``full_ends`` is False)."""
    out, k = [], start
    for i in range(n):
        if i == 0 and first is not None:
            text = first
        elif i == n - 1 and last is not None:
            text = last
        else:
            text, k = fill(x[1] - x[0], FILLER, k)
        short = not full_ends and ((i == 0 and first is not None) or (i == n - 1 and last is not None))
        out += line_words(text, x[0], top + i * LEADING, right=None if short else x[1])
    return out


def caption_line(top: float, left_words: str, right_words: str, gap_at: float = 306.0) -> list[_Word]:
    """A full-width line with a word space (2 pt) at ``gap_at``: its last left word ends there, its first
    right word starts just after, and the words around the gap reach into the gutter."""
    left = line_words(left_words, 0.0, top)
    shift = gap_at - 1.0 - left[-1].x1
    left = [_Word(w.x0 + shift, w.x1 + shift, w.top, w.bottom, w.text, w.size) for w in left]
    right = line_words(right_words, gap_at + 1.0, top)
    return left + right


def page_units(words: list[_Word], monkeypatch) -> list[pdftext.Sentence]:
    monkeypatch.setattr(pdftext, "_words_of", lambda page: page.words)
    units, _ = pdftext._page_units(SimpleNamespace(words=words, width=PAGE_W), 1, "body", set())
    return units


def texts(units) -> str:
    return " || ".join(u.text for u in units)


# ------------------------------------------------------------------ the gutter


CAPTION = [
    ("Figure 2: Accuracy of the four models over the", "training run of the large model and the small"),
    ("ones, where every model sees the same data and", "the same number of tokens in the same order so"),
    ("that the differences come from the architecture", "alone and from the optimizer settings we list."),
]


def captioned_two_columns(left_last: str | None = None, right_first: str | None = None,
                          full_ends: bool = True) -> list[_Word]:
    words = []
    for k, (a, b) in enumerate(CAPTION):
        words += caption_line(60 + k * LEADING, a, b, gap_at=306.0 + (k % 2) * 0.5)
    words += column(LEFT, 120, 40, last=left_last, full_ends=full_ends)
    words += column(RIGHT, 120, 40, first=right_first, start=7, full_ends=full_ends)
    return words


def test_gutter_is_found_under_a_full_width_caption():
    words = captioned_two_columns()
    g = pdftext._find_gutter(words, PAGE_W)
    assert g is not None and LEFT[1] <= g <= RIGHT[0]


def test_no_gutter_on_a_one_column_page_or_a_few_lines():
    one = column(FULL, 60, 50)
    assert pdftext._find_gutter(one, PAGE_W) is None
    # a one-column page with a few short lines (an equation, a list) is still one column
    one_short = one + line_words("x = y + z", 200, 620) + line_words("(3)", 540, 620)
    assert pdftext._find_gutter(one_short, PAGE_W) is None


# ------------------------------------------------------------------ full-width lines across the gutter


def test_full_width_caption_line_with_a_space_at_the_gutter_stays_whole(monkeypatch):
    units = page_units(captioned_two_columns(), monkeypatch)
    caption = [u for u in units if u.kind == "caption"]
    assert caption and caption[0].text.startswith("Figure 2: Accuracy of the four models over the training run of "
                                                  "the large model and the small ones, where every model")
    assert "alone and from the optimizer settings we list." in caption[0].text
    # the columns' text does not run into the caption
    assert all("the model reads" not in u.text for u in caption)


def test_two_column_lines_are_not_taken_for_full_width_ones(monkeypatch):
    words = captioned_two_columns(left_last="Left column ends the paragraph with a full stop.",
                                  right_first="Right column starts a new one with its sentence", full_ends=False)
    g = pdftext._find_gutter(words, PAGE_W)
    spanning = pdftext._spanning_rows(words, g)
    assert {round(w.top) for w in spanning} == {round(60 + k * LEADING) for k in range(len(CAPTION))}
    units = page_units(words, monkeypatch)
    text = texts(units)
    assert "Left column ends the paragraph with a full stop. ||" in text and "|| Right column starts" in text


def test_full_width_table_rows_stay_whole_but_a_table_in_one_column_does_not_join_the_text(monkeypatch):
    cells = [(60, "Model"), (180, "GPUs"), (250, "Days"), (330, "Params"), (420, "Tokens"), (500, "Score")]
    rows = [cells, [(60, "Large"), (180, "64"), (250, "12"), (330, "1.3B"), (420, "300B"), (500, "71.2")],
            [(60, "Base"), (180, "16"), (250, "4"), (330, "350M"), (420, "300B"), (500, "65.0")]]
    words = []
    for k, row in enumerate(rows):
        for x, t in row:
            words += line_words(t, x, 60 + k * 14)
    words += column(LEFT, 120, 40) + column(RIGHT, 120, 40, start=5)
    # a table inside the left column, next to text in the right one
    for k, row in enumerate([[(60, "Small"), (150, "8"), (230, "2")], [(60, "Tiny"), (150, "4"), (230, "1")]]):
        for x, t in row:
            words += line_words(t, x, 600 + k * LEADING)
    words += column(RIGHT, 600, 2, first="The right column goes on next to the small table in", start=11)
    units = page_units(words, monkeypatch)
    tables = [u.text for u in units if u.kind == "table"]
    assert "Large 64 12 1.3B 300B 71.2" in tables and "Base 16 4 350M 300B 65.0" in tables
    assert "Small 8 2" in tables and not any("right column" in t for t in tables)


# ------------------------------------------------------------------ a paragraph across the columns


def test_sentence_runs_on_into_the_next_column_that_starts_with_a_capital(monkeypatch):
    words = captioned_two_columns(left_last="so all of the finetune experiments are run on 4 NVIDIA",
                                  right_first="Tesla V100 GPUs. Note that the other two data sets use a")
    units = page_units(words, monkeypatch)
    assert any(u.text.endswith("so all of the finetune experiments are run on 4 NVIDIA Tesla V100 GPUs.") for u in units)


@pytest.mark.parametrize("left_last, right_first, joined", [
    # the sentence has ended: a new paragraph starts at the top of the next column
    ("and here the paragraph ends with the results.", "The next paragraph starts right here and it goes on and on", False),
    # lower case: the old rule
    ("so all of the finetune experiments are carried out on", "machines with eight GPUs each and all of the same data", True),
])
def test_column_continuation_near_misses(monkeypatch, left_last, right_first, joined):
    words = captioned_two_columns(right_first=right_first) + column(LEFT, 120 + 40 * LEADING, 1, last=left_last,
                                                                    full_ends=not left_last.endswith("."))
    units = page_units(words, monkeypatch)
    together = any(left_last in u.text and right_first.split()[0] + " " + right_first.split()[1] in u.text for u in units)
    assert together is joined


def test_page_number_or_short_line_at_the_top_of_the_next_column_is_not_joined(monkeypatch):
    words = [w for w in captioned_two_columns(left_last="these new techniques exploit ideas such as an entanglement")]
    # a page number above the right column, then its text
    words += line_words("7", 550, 100)
    units = page_units(words, monkeypatch)
    assert not any("entanglement 7" in u.text for u in units)
    # a last line that does not fill its column (an equation, a list item) does not run on with a capital
    words = captioned_two_columns(right_first="Results are in the table below and all the ablations follow")
    words = [w for w in words if not (w.x0 < 300 and round(w.top) == round(120 + 39 * LEADING))]
    words += line_words("x = f(y) for all y", 120, 120 + 39 * LEADING)
    units = page_units(words, monkeypatch)
    assert not any("for all y Results" in u.text for u in units)



def _overrun(words: list[_Word], tops: list[float], edge: float, left: bool) -> list[_Word]:
    """Move the last (left column) or first (right column) word of the lines at ``tops`` to end (start) at
    ``edge``, inside the gutter."""
    out = list(words)
    for top in tops:
        row = [w for w in out if w.top == top]
        w = max(row, key=lambda w: w.x1) if left else min(row, key=lambda w: w.x0)
        shift = edge - (w.x1 if left else w.x0)
        out[out.index(w)] = _Word(w.x0 + shift, w.x1 + shift, w.top, w.bottom, w.text, w.size)
    return out


def test_gutter_is_found_when_a_few_lines_run_into_it():
    # an overlong word or a URL pushes 4 lines of each column 4-6 pt into the 12 pt gutter: only a 2 pt strip
    # is crossed by no word, but 4 of the page's 90 lines are few (a one-column page is crossed by almost
    # every line, see above)
    left = _overrun(column(LEFT, 60, 45), [60 + k * LEADING for k in (3, 11, 24, 38)], 304.0, left=True)
    right = _overrun(column(RIGHT, 65, 45, start=7), [65 + k * LEADING for k in (6, 17, 29, 41)], 306.0, left=False)
    g = pdftext._find_gutter(left + right, PAGE_W)
    assert g is not None and 300.0 <= g <= 312.0
