"""pdftext: normalization, line joining, sentences, layout (columns, tables, superscripts, kerned words)
and unusable PDFs. The PDFs are generated here: `make_pdf` writes text at given positions (Helvetica),
optionally without space characters (words placed by TJ offsets, as LaTeX does)."""

from __future__ import annotations

import time

import pytest

from aicompute import pdftext
from aicompute.pdftext import DocumentError
from conftest import serialize_pdf


# ------------------------------------------------------------------ a tiny PDF writer for layout tests


def _esc(text: str) -> bytes:
    return text.encode("latin-1").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def make_pdf(path, pages, width=612, height=792, kerned=False):
    """pages: lists of (x, y, font_size, text[, rise]). With kerned=True the spaces between words are
    not characters but TJ offsets of 0.25 em (what pdfplumber's default x_tolerance=3 glues together)."""
    objs = {1: b"<< /Type /Catalog /Pages 2 0 R >>",
            3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"}
    page_ids = [4 + 2 * i for i in range(len(pages))]
    objs[2] = b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % p for p in page_ids) + b"] /Count %d >>" % len(pages)
    for pid, items in zip(page_ids, pages):
        ops = []
        for item in items:
            x, y, size, text = item[:4]
            rise = item[4] if len(item) > 4 else 0
            if kerned:
                words = text.split(" ")
                arr = b" -250 ".join(b"(" + _esc(w) + b")" for w in words)
                ops.append(b"BT /F1 %g Tf %g Ts %g %g Td [" % (size, rise, x, y) + arr + b"] TJ ET")
            else:
                ops.append(b"BT /F1 %g Tf %g Ts %g %g Td (" % (size, rise, x, y) + _esc(text) + b") Tj ET")
        data = b"\n".join(ops)
        objs[pid + 1] = b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"
        objs[pid] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources << /Font << /F1 3 0 R >> >> "
                     b"/Contents %d 0 R >>" % (width, height, pid + 1))
    path.write_bytes(serialize_pdf(objs))
    return path


def column_lines(x, top, lines, size=9, leading=11):
    return [(x, top - k * leading, size, line) for k, line in enumerate(lines)]


LEFT = ["Our encoder reads the whole input sentence and the small", "decoder writes the output one token at a time, as usual.",
        "We trained the model on eight GPUs. The optimizer is Adam", "with a warm-up of four thousand steps and a learning rate",
        "of one in a thousand. Dropout is used in every layer and", "the vocabulary is shared by the encoder and the decoder.",
        "The embeddings are tied. We report the scores on the test", "set of the benchmark in the table on the next page here."] * 3
RIGHT = ["Training took 3.5 days with this particular im-", "plementation, and the checkpoints were averaged at the",
         "end of training. The test scores are reported in the", "table. We compare with earlier systems and with our",
         "own smaller models. The results of the ablations are", "in the appendix. The smaller models were trained for",
         "twelve hours. All numbers are single runs, and no", "ensembles were used anywhere in this paper at all."] * 3


def two_column_pdf(tmp_path, kerned=False):
    items = [(150, 750, 14, "A Two Column Paper About Training")]
    items += column_lines(56, 700, LEFT) + column_lines(316, 700, RIGHT)
    return make_pdf(tmp_path / "two.pdf", [items], kerned=kerned)


# ------------------------------------------------------------------ normalization and text


def test_normalize_ligatures_spaces_dashes_signs():
    raw = "e\ufb03cient \ufb01ne-tuning \ufb02ops\u00a0and\u2009thin, 2\u20133 weeks \u2014 8\u00d7V100, \u223c3 days, 10\u00b9\u2079 FLOPs, \uff18 GPUs, soft\u00adhyphen"
    out = pdftext.normalize(raw)
    assert "efficient fine-tuning flops and thin" in out
    assert "2-3 weeks" in out and "8xV100" in out and "~3 days" in out
    assert "10^19 FLOPs" in out and "8 GPUs" in out and "softhyphen" in out


def test_join_lines_undoes_hyphenation_but_keeps_real_hyphens():
    assert pdftext.join_lines(["the model was trained on eight GPUs for three days of train-", "ing in total"]) \
        .endswith("three days of training in total")
    # a compound seen elsewhere with its hyphen keeps it
    assert "source-target" in pdftext.join_lines(["a shared source-", "target vocabulary"], {"source-target"})
    # digits/capitals before the hyphen: "8-GPU", "TPUv3-core-days"
    assert "an 8-GPU machine" in pdftext.join_lines(["we used an 8-", "GPU machine"])
    assert "2.5k TPUv3-core-days" in pdftext.join_lines(["costs 2.5k TPUv3-", "core-days"])
    assert "pre-training" in pdftext.join_lines(["the pre-", "training stage"])


def test_split_sentences_respects_abbreviations_and_decimals():
    text = ("As in Smith et al. we train for 3.5 days (see Fig. 2). The model, e.g. the large one, uses 8 GPUs. "
            "Results follow in Sec. 4 and Table 3. Done.")
    sents = pdftext.split_sentences(text)
    assert sents[0] == "As in Smith et al. we train for 3.5 days (see Fig. 2)."
    assert sents[1] == "The model, e.g. the large one, uses 8 GPUs."
    assert len(sents) == 4


def test_split_sentences_on_bullets():
    assert pdftext.split_sentences("Setup: • we use 8 GPUs • training takes 2 days") == [
        "Setup:", "we use 8 GPUs", "training takes 2 days"]


@pytest.mark.parametrize("line, section", [
    ("References", "references"), ("7 Acknowledgements", "acknowledgements"), ("2 Related Work", "related"),
    ("A Appendix", "appendix"), ("5.2 Hardware and Schedule", "body?"), ("Abstract", "abstract"),
    ("experiments are performed on a single GPU", None), ("We trained the model on 8 GPUs.", None),
])
def test_section_headings(line, section):
    assert pdftext.section_of_heading(line) == section


# ------------------------------------------------------------------ layout from generated PDFs


def test_two_columns_are_read_left_then_right(tmp_path):
    doc = pdftext.read_pdf(two_column_pdf(tmp_path))
    text = " ".join(s.text for s in doc.sentences)
    assert "We trained the model on eight GPUs." in text
    # the right column follows the left one, and "im-" + "plementation" is one word again
    assert text.index("We trained the model on eight GPUs.") < text.index("Training took 3.5 days with this particular implementation")
    assert "this particular im- plementation" not in text and "thousand steps and a learning rate of one" in text


def test_kerned_words_are_not_glued(tmp_path):
    """LaTeX PDFs place words by offsets, without space characters: x_tolerance must stay small."""
    doc = pdftext.read_pdf(two_column_pdf(tmp_path, kerned=True))
    text = " ".join(s.text for s in doc.sentences)
    assert "We trained the model on eight GPUs." in text
    assert "Training took 3.5 days" in text and "trainingfor" not in text.lower()


def test_superscript_power_of_ten_and_footnote_marker(tmp_path):
    items = [(56, 700, 10, "The total cost was 2.3 x 10"), (190, 700, 6, "19", 4), (200, 700, 10, "FLOPs in all."),
             (56, 680, 10, "We used eight GPUs"), (150, 680, 6, "3", 4), (155, 680, 10, "for two days.")]
    items += column_lines(56, 640, ["filler text to make a page of ordinary prose"] * 10)
    doc = pdftext.read_pdf(make_pdf(tmp_path / "sup.pdf", [items]))
    text = " ".join(s.text for s in doc.sentences)
    assert "2.3 x 10^19 FLOPs" in text
    assert "We used eight GPUs for two days." in text  # the footnote marker "3" is dropped


def test_table_rows_stay_one_unit(tmp_path):
    rows = [("Model", "Large", "Base", "Small"), ("Number of GPUs", "64", "16", "8"),
            ("Training time", "30 days", "12 days", "3 days")]
    items = []
    for k, row in enumerate(rows):
        for c, cell in enumerate(row):
            items.append((80 + 130 * c, 600 - 16 * k, 9, cell))
    items += column_lines(80, 520, ["We trained three sizes of the model on GPUs for days of time."] * 12)
    doc = pdftext.read_pdf(make_pdf(tmp_path / "table.pdf", [items]))
    tables = [s.text for s in doc.sentences if s.kind == "table"]
    assert "Training time 30 days 12 days 3 days" in tables and "Number of GPUs 64 16 8" in tables


def test_pages_are_one_based_and_chosen_by_vocabulary(tmp_path):
    filler = column_lines(56, 700, ["This page is about the history of the field and nothing else."] * 20)
    fact = column_lines(56, 700, ["We trained the model on 16 GPUs for 5 days."] + ["More prose here."] * 19)
    doc = pdftext.read_pdf(make_pdf(tmp_path / "p.pdf", [filler, filler, fact, filler]), max_careful_pages=1)
    assert doc.n_pages == 4 and doc.pages_read_carefully == [3]
    assert any(s.page == 3 and "16 GPUs for 5 days" in s.text for s in doc.sentences)


def test_references_section_is_marked(tmp_path):
    body = column_lines(56, 700, ["We trained the model on 16 GPUs for 5 days."] * 3 + ["References"]
                        + ["[1] A. Author. Training on 512 GPUs for 3 weeks. In Proceedings, 2017."] * 5)
    doc = pdftext.read_pdf(make_pdf(tmp_path / "r.pdf", [body]))
    refs = [s for s in doc.sentences if "512 GPUs" in s.text]
    assert refs and all(s.section == "references" for s in refs)


# ------------------------------------------------------------------ unusable PDFs and bounds


def test_encrypted_pdf(tmp_path):
    from conftest import paper_lines, simple_pdf

    path = tmp_path / "enc.pdf"
    path.write_bytes(simple_pdf([paper_lines()], user_password="s3cret"))
    with pytest.raises(DocumentError, match="encrypted PDF"):
        pdftext.read_pdf(path)


def test_image_only_pdf(tmp_path):
    from conftest import image_only_pdf, paper_lines

    path = tmp_path / "scan.pdf"
    path.write_bytes(image_only_pdf(paper_lines()))
    with pytest.raises(DocumentError, match="no text layer"):
        pdftext.read_pdf(path)


@pytest.mark.parametrize("content, words", [
    (lambda good: good[: len(good) // 2], "corrupt or truncated"),
    (lambda good: b"%PDF-1.5\n" + bytes(range(256)) * 40 + b"\n%%EOF\n", "corrupt or truncated"),
    (lambda good: b"", "empty file"),
    (lambda good: b"<html>not a pdf</html>", "not a PDF"),
])
def test_broken_pdfs_raise_one_line_errors(tmp_path, content, words):
    from conftest import paper_lines, simple_pdf

    path = tmp_path / "bad.pdf"
    path.write_bytes(content(simple_pdf([paper_lines()] * 2)))
    with pytest.raises(DocumentError, match=words) as err:
        pdftext.read_pdf(path)
    assert "\n" not in str(err.value)


def test_pdf_without_pages(tmp_path):
    from conftest import simple_pdf

    path = tmp_path / "nopages.pdf"
    path.write_bytes(simple_pdf([]))
    with pytest.raises(DocumentError, match="corrupt or truncated"):
        pdftext.read_pdf(path)


def test_hundreds_of_pages_in_seconds(tmp_path):
    filler = column_lines(56, 740, ["Each ablation used 4 GPUs and took 2 days of training on the benchmark."] * 60, size=7,
                          leading=9)
    pages = [filler] * 450
    path = make_pdf(tmp_path / "huge.pdf", pages)
    started = time.perf_counter()
    doc = pdftext.read_pdf(path)
    seconds = time.perf_counter() - started
    assert doc.n_pages == 450 and doc.pages_read_cheaply == pdftext.MAX_CHEAP_PAGES
    assert len(doc.pages_read_carefully) <= pdftext.DEFAULT_CAREFUL_PAGES
    assert seconds < 20, seconds


def test_run_in_acknowledgement_heading(tmp_path):
    body = column_lines(56, 700, ["We trained the model on 16 GPUs for 5 days of training."] * 4
                        + ["", "Acknowledgements. We thank NVIDIA for the donation of the GPUs used here."])
    doc = pdftext.read_pdf(make_pdf(tmp_path / "ack.pdf", [body]))
    thanks = [s for s in doc.sentences if "donation" in s.text]
    assert thanks and thanks[0].section == "acknowledgements"
    assert all(s.section == "body" for s in doc.sentences if "16 GPUs" in s.text)
