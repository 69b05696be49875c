"""(parse25, round 17) Text the careful pass lost or misread although the cheap pass reads it, one class per
section, on words placed by hand (no PDF), as in test_pdftext_columns:

- a paragraph that starts with a float's label and goes on in lower case ("Table 3 shows the training cost
  ...") is prose, not that float's caption;
- a column line that reads like a numbered heading ("1024. Training continues for ninety epochs") but goes
  on with a paragraph left open mid-sentence is text; it was dropped with its number;
- the coverage measure (aicompute.parse_coverage) that found these;
- two columns under (or over) a full-width float: a wide table or a figure's labels cross the middle of the
  page at many x, so no gap runs down the whole page, the page was taken for one column, and each line of
  the left column was read together with the line beside it ("... on 64 TPU v3" | "chips for 12 days" came
  out with the other column's words in the middle). The two-column stretch has a gutter of its own: it is
  found there and the page is laid out as two columns, the float's rows kept whole.

Near-misses are in each section: real captions and real numbered headings; a one-column page with a wide
table, with a table of numbers whose middle is free, or beside a figure of word labels (not cut); a page of
two columns without a float (as before).
"""

from __future__ import annotations

import pytest

from aicompute import pdftext
from aicompute.pdftext import _Word
from test_pdftext_columns import CHAR, FILLER, FULL, LEADING, LEFT, PAGE_W, RIGHT, SIZE, SPACE, column, line_words, page_units

# ------------------------------------------------------------------ page parts


def justified(x: tuple[float, float], top: float, head: list[str], tail: list[str], start: int = 0) -> list[_Word]:
    """A justified line of the column ``x``: ``head`` words, filler, then ``tail`` words."""
    width = x[1] - x[0]
    toks = list(head)
    k = start
    used = lambda ts: sum(len(t) * CHAR for t in ts) + SPACE * 1.2 * (len(ts) - 1)  # noqa: E731
    while used(toks + [FILLER[k % len(FILLER)]] + tail) <= width:
        toks.append(FILLER[k % len(FILLER)])
        k += 1
    return line_words(" ".join(toks + tail), x[0], top, right=x[1])


def statement_column(x: tuple[float, float], top: float, first: str, second: str, n: int = 36) -> list[_Word]:
    """A column of ``n`` justified lines; lines 12 and 13 carry a statement broken over the line end
    (``first`` ends line 12, ``second`` starts line 13)."""
    words = column(x, top, 12)
    words += justified(x, top + 12 * LEADING, [], first.split(), start=3)
    words += justified(x, top + 13 * LEADING, second.split(), [], start=9)
    words += column(x, top + 14 * LEADING, n - 14, start=5)
    return words


# a wide results table: its cells cross the middle of the page (the gutter's x) on every row
def _joined(units, first: str, second: str) -> bool:
    """The statement is read as one piece (the filler has no sentence end, so the text units are read as one
    run: a long one is cut by length, not at the statement)."""
    return f"{first} {second}" in " ".join(u.text for u in units if u.kind == "text")



# ------------------------------------------------------------------ prose that starts with a float's label

# A paragraph that starts with "Table 3 shows ..." at a line start was taken for a caption, and the whole
# paragraph after it (the run's hardware, time, sizes) was read as the caption of a float.
PROSE_STARTS = [
    "Table 4 shows the training cost of each model on 16 A100 GPUs.",
    "Figure 5 compares the loss curves of the three runs over 300k steps.",
    "Table 2 lists the hyperparameters; all models use a batch size of 512.",
    "Table 6 summarizes the wall-clock time: the largest model trains for 11 days.",
    "Figure 3a shows that doubling the GPUs halves the time per epoch.",
    "Fig. 7 illustrates how the reward grows over 200M environment frames.",
    "Tab. 3 reports the word error rate after 60 epochs on 8 GPUs.",
    "Table 10 gives the number of parameters of every variant (up to 1.5B).",
    "Figure 2 depicts the encoder, which has 24 layers and 340M parameters.",
    "Table 1 since the baselines were trained on 4 TPU v2 chips for a week.",
]
CAPTIONS = [
    "Table 4: Training cost of each model on 16 A100 GPUs.",
    "Table 4. Training cost of each model.",
    "Figure 5 Loss curves of the three runs over 300k steps.",
    "Fig. 2 | Overview of the pipeline.",
    "Figure 10: Reward over 200M frames.",
    "TABLE 3 HYPERPARAMETERS OF THE LARGE MODEL",
    "Figure 2 (a) Training loss; (b) validation loss.",
    "Tab. 5: Word error rates.",
]


@pytest.mark.parametrize("text, caption", [(t, False) for t in PROSE_STARTS] + [(t, True) for t in CAPTIONS])
def test_caption_label_at_a_line_start(text, caption):
    assert bool(pdftext._CAPTION_RE.match(text)) is caption


@pytest.mark.parametrize("text", PROSE_STARTS[:4])
def test_paragraph_starting_with_a_label_is_read_as_text(monkeypatch, text):
    from test_pdftext_floats import X0, X1, line
    words = line("The setup follows the earlier work closely and we change only the optimizer settings.", 60,
                 justify=False)
    words += line(text, 60 + 2 * LEADING, justify=False)
    words += line("Every run uses the same data order and the same seed for the initialization.", 60 + 3 * LEADING,
                  justify=False)
    units = page_units(words, monkeypatch)
    kinds = {u.text: u.kind for u in units}
    assert kinds.get(text) == "text"
    assert kinds.get("Every run uses the same data order and the same seed for the initialization.") == "text"


# ------------------------------------------------------------------ a text line taken for a numbered heading

# A line of a column that starts with a number and a capitalised word reads like a numbered heading
# ("825 Gigabytes of ..." like "4 Experimental Setup") and was dropped, with the number the sentence was
# about. It goes on with a paragraph left open mid-sentence and runs across its column, as a heading does not.
NUMBER_LINES = [
    ("we pretrain the encoder on a filtered crawl of", "825 Gigabytes of deduplicated multilingual text collected",
     "from public web pages in the year before"),
    ("all of the models use a global batch size of", "1024. Afterwards training continues for ninety epochs",
     "with a cosine schedule and no restarts"),
    ("we crop patches of 224 pixels with a stride of", "2. Standard augmentations (flips, color jitter, mixup)",
     "are applied to every crop we take"),
    ("each run uses one node of the cluster with", "8 NVIDIA Tesla V100 cards connected through NVLink",
     "and takes a little under two days"),
    ("we train the classifier on the images of the", "2012 ImageNet Challenge training split with all classes",
     "and report the top-1 error on validation"),
    ("the search runs on a shared pool of about", "450 Google Cloud machines, each with four accelerators,",
     "for a week of wall-clock time in total"),
    ("the acoustic model is trained on the full", "960 LibriSpeech hours of transcribed audiobook speech",
     "without any external language model data"),
    ("the text encoder is a stack of", "12 Transformer layers, hidden width 768, twelve heads,",
     "and a vocabulary of 49,408 byte pairs"),
]


def column_with_lines(lines: list[tuple[str, bool]], top: float = 60.0) -> list[_Word]:
    """The left column: filler, then ``lines`` (text, justified), then filler; the right column beside it."""
    words = column(LEFT, top, 10)
    y = top + 10 * LEADING
    for k, (text, full) in enumerate(lines):
        if full and k == 0:
            words += justified(LEFT, y, [], text.split(), start=4)
        elif full and k == len(lines) - 1:
            words += justified(LEFT, y, text.split(), [], start=8)
        else:
            words += line_words(text, LEFT[0], y, right=LEFT[1] if full else None)
        y += LEADING
    words += column(LEFT, y, 26, start=2)
    return words + column(RIGHT, top, 40, start=11)


@pytest.mark.parametrize("before, number_line, after", NUMBER_LINES)
def test_text_line_starting_with_a_number_is_not_a_heading(monkeypatch, before, number_line, after):
    assert pdftext.section_of_heading(number_line) == "body?"  # it reads like one
    words = column_with_lines([(before, True), (number_line, True), (after, True)])
    assert _joined(page_units(words, monkeypatch), before, f"{number_line} {after}")


@pytest.mark.parametrize("before", [
    "and this finishes the description of the method.",  # the paragraph has ended
    "x = f(y) + g(z)",  # a short line (an equation) that does not end a sentence
])
@pytest.mark.parametrize("heading", ["4 Experimental Setup", "3.2 Training Details and Hardware"])
def test_a_real_numbered_heading_stays_a_heading(monkeypatch, before, heading):
    words = column_with_lines([(before, before.endswith(".")), (heading, False),
                               ("We describe the data first and the schedule after it", True)])
    units = page_units(words, monkeypatch)
    assert not any(heading in u.text for u in units)


def test_a_full_width_heading_like_line_after_a_gap_stays_a_heading(monkeypatch):
    # set off by a blank line above it: a heading, even when it is as long as a column line
    words = column(LEFT, 60.0, 10) + line_words("12 Transformer layers, hidden width 768, twelve heads,", LEFT[0],
                                                60.0 + 11 * LEADING + 6, right=LEFT[1])
    words += column(LEFT, 60.0 + 12 * LEADING + 6, 20, start=2) + column(RIGHT, 60.0, 40, start=11)
    units = page_units(words, monkeypatch)
    assert not any("12 Transformer layers" in u.text for u in units)


# ------------------------------------------------------------------ the coverage measure


def test_page_losses_counts_the_windows_the_careful_pass_lost():
    from aicompute.parse_coverage import letters_digits, page_losses
    from aicompute.pdftext import Sentence

    cheap = [Sentence(1, "All runs use 8 NVIDIA V100 GPUs1 and take about 3 days each.", "text"),
             Sentence(1, "The final model is trained for 300k steps with a batch of 2048 sequences.", "text"),
             Sentence(1, "No number is stated in this sentence at all, so it is not measured.", "text")]
    careful = ["All runs use 8 NVIDIA V100 GPUs and take about 3 days each.",  # the marker dropped: no loss
               "The final model is trained for"]  # the rest lost
    got = page_losses(cheap, careful)
    assert len(got) == 2 and got[0].missing == 0
    assert got[1].missing >= 0.6 * got[1].windows
    assert letters_digits("GPUs1 and TPU-v3") == "gpusandtpuv"


# ------------------------------------------------------------------ two columns under a wide float

HEADER = [(54, "Model"), (130, "Params"), (190, "Tokens"), (250, "GPU hours"), (296, "Top-1 (%)"), (360, "Top-5 (%)"),
          (430, "Latency (ms)"), (510, "Score")]
ROW_NAMES = ["ResNet-50", "ResNet-101", "ViT-B/16", "ViT-L/16", "Mixer-B/16", "ConvNeXt-T", "Swin-T", "DeiT-S",
             "EffNet-B0", "EffNet-B4", "RegNetY-4G", "MobileNet-V3", "DenseNet-121", "VGG-16"]


def wide_table(top: float) -> tuple[list[_Word], float]:
    words = line_words("Table 3: Accuracy, cost and size of the image classifiers we compare, all trained with the "
                       "same recipe.", FULL[0], top)
    top += LEADING + 4
    for x, t in HEADER:
        words += line_words(t, x, top)
    for k, name in enumerate(ROW_NAMES):
        top += LEADING
        cells = [name, f"{25 + 7 * k}.{k}M", "1.2B", f"{100 + 30 * k}", f"{76 + k}.{k}3", f"{93 + k % 5}.{k}1",
                 f"{4 + k}.{k}", f"{60 + k}.{k}"]
        for (x, _), c in zip(HEADER, cells):
            words += line_words(c, x, top)
    return words, top + LEADING + 14


STATEMENTS = [
    # (end of one line, start of the next): one sentence of our own, each field and domain
    ("the full model was trained on 64 TPU v3", "chips for 12 days with a batch of 2048."),
    ("we pretrain for 500k steps on 32 NVIDIA", "A100 GPUs, which takes about 9 days."),
    ("the detector is trained for 36 epochs on", "8 V100 GPUs with 16 images per GPU."),
    ("the acoustic model sees 960 hours of", "speech and trains for 80 epochs on 16 GPUs."),
    ("the policy is trained for 2 billion", "frames on 128 CPU cores and 4 GPUs."),
    ("our 1.3B parameter model is trained on", "300B tokens with a context of 2048."),
    ("the graph network has 4.2M parameters", "and trains in 3 hours on one RTX 3090."),
    ("the segmentation network is trained for", "40k iterations with a batch size of 8."),
]
PLACES = ["float above", "float below", "floats above and below"]


def two_columns_with_float(first: str, second: str, place: str) -> list[_Word]:
    words: list[_Word] = []
    top = 60.0
    if place != "float below":
        table, top = wide_table(top)
        words += table
    words += statement_column(LEFT, top, first, second, n=30 if place == "floats above and below" else 36)
    words += column(RIGHT, top, 30 if place == "floats above and below" else 36, start=11)
    top += (30 if place == "floats above and below" else 36) * LEADING + 14
    if place != "float above":
        table, _ = wide_table(top)
        words += table
    return words



# ------------------------------------------------------------------ the class


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("first, second", STATEMENTS)
def test_statement_over_a_line_end_in_two_columns_under_a_wide_float(monkeypatch, first, second, place):
    words = two_columns_with_float(first, second, place)
    assert pdftext._find_gutter(words, PAGE_W) is None  # the float hides the gutter on the whole page
    units = page_units(words, monkeypatch)
    assert _joined(units, first, second)
    # the table's rows are kept whole
    rows = [u.text for u in units if u.kind == "table"]
    assert any(r.startswith("ResNet-50 25.0M 1.2B 100 76.03") and r.endswith("60.0") for r in rows)


def test_regional_gutter_is_in_the_gap_between_the_columns():
    words = two_columns_with_float(*STATEMENTS[0], "float above")
    g = pdftext._regional_gutter(words, PAGE_W)
    assert g is not None and LEFT[1] <= g <= RIGHT[0]


# ------------------------------------------------------------------ near-misses


@pytest.mark.parametrize("first, second", STATEMENTS[:4])
def test_one_column_page_with_a_wide_table_is_not_cut(monkeypatch, first, second):
    table, top = wide_table(60.0)
    words = table + statement_column(FULL, top, first, second, n=40)
    assert pdftext._regional_gutter(words, PAGE_W) is None
    units = page_units(words, monkeypatch)
    assert _joined(units, first, second)


def test_one_column_prose_beside_a_figure_of_labels_is_not_cut(monkeypatch):
    # a one-column page: a figure of two panels whose labels are words leaves the middle free on its many
    # short rows, and the ten lines of prose that cross the middle are few among them; the prose is not cut
    words = statement_column(FULL, 60.0, *STATEMENTS[3], n=16)
    top = 60.0 + 17 * LEADING
    labels = ["training loss of the model", "validation loss of the model", "number of steps in thousands",
              "accuracy on the held out set"]
    for k in range(36):
        words += line_words(labels[k % 4], LEFT[0] + 20, top) + line_words(labels[(k + 1) % 4], RIGHT[0] + 20, top)
        top += LEADING
    assert pdftext._regional_gutter(words, PAGE_W) is None
    assert _joined(page_units(words, monkeypatch), *STATEMENTS[3])


def test_table_of_numbers_with_a_free_middle_stays_in_rows(monkeypatch):
    # one column of prose, then a long table whose two halves leave the middle of the page free: the halves
    # are no text columns (numbers and names, not plain words), so each row is read whole
    words = statement_column(FULL, 60.0, *STATEMENTS[1], n=16)
    top = 60.0 + 17 * LEADING
    cells = [54, 110, 170, 230, 330, 390, 450, 510]
    for k in range(30):
        row = [f"run-{k}", f"{k + 1}.{k}", f"{2 * k}", f"{k % 7}.5", f"{k}k", f"{3 * k}", f"{k}.{k % 3}", f"{k + 9}"]
        for x, c in zip(cells, row):
            words += line_words(c, x, top)
        top += LEADING
    assert pdftext._regional_gutter(words, PAGE_W) is None
    units = page_units(words, monkeypatch)
    rows = [u.text for u in units if u.kind == "table"]
    assert "run-3 4.3 6 3.5 3k 9 3.0 12" in rows


def test_two_columns_without_a_float_read_as_before(monkeypatch):
    words = statement_column(LEFT, 60.0, *STATEMENTS[2], n=40) + column(RIGHT, 60.0, 40, start=11)
    assert pdftext._find_gutter(words, PAGE_W) is not None
    assert _joined(page_units(words, monkeypatch), *STATEMENTS[2])
