"""A sentence that runs over a page break is read as one sentence (pdftext._join_across_pages)."""
from aicompute.pdftext import Sentence, _join_across_pages


def _doc(*units):
    return [Sentence(page, text, kind) for page, text, kind in units]


def test_sentence_left_at_a_preposition_goes_on_on_the_next_page():
    sents = _doc((3, "We trained the final model for about", "text"),
                 (4, "four days on a machine with eight GPUs in our own lab.", "text"),
                 (4, "Results follow.", "text"))
    _join_across_pages(sents, [])
    assert [s.text for s in sents] == [
        "We trained the final model for about four days on a machine with eight GPUs in our own lab.", "Results follow."]
    assert sents[0].page == 3


def test_a_word_hyphenated_over_the_break_is_whole_again():
    sents = _doc((1, "The optimiser runs with a warm-up of a few thousand itera", "text"),
                 (2, "tions, after which the rate decays to zero again.", "text"))
    sents[0].text += "-"
    _join_across_pages(sents, ["iterations are counted"])
    assert sents[0].text.endswith("a few thousand iterations, after which the rate decays to zero again.")


def test_a_float_at_the_top_of_the_next_page_stays_where_it_is():
    sents = _doc((5, "Each run is trained with the same schedule and", "text"),
                 (6, "Table 2: Hyper-parameters of each run.", "caption"),
                 (6, "an effective batch size of 2,048 sequences per step overall.", "text"))
    _join_across_pages(sents, [])
    assert [s.kind for s in sents] == ["text", "caption"]
    assert sents[0].text.endswith("same schedule and an effective batch size of 2,048 sequences per step overall.")


def test_near_misses_stay_apart():
    cases = [
        # the page ends with a finished sentence
        _doc((1, "The model is trained for 3 days.", "text"), (2, "then evaluated on every benchmark we could find here.", "text")),
        # a figure's labels at the top of the next page: no finished prose sentence
        _doc((1, "Accuracy of every variant is shown in", "text"), (2, "train/loss val/loss", "text")),
        _doc((1, "The comparison of the pre-training runs with", "text"), (2, "method pretraining dataset top1 top5", "text")),
        # a footnote with a link at the foot of the page
        _doc((1, "2 https://github.com/some/code and the data", "text"), (2, "were released under a permissive licence for everyone.", "text")),
        # a new sentence, capitalised, on the next page
        _doc((1, "See the appendix for the full list of settings", "text"), (2, "We now turn to the results on every benchmark.", "text")),
        # pages that do not follow each other
        _doc((1, "We trained the final model for about", "text"), (3, "four days on a machine with eight GPUs in our own lab.", "text")),
    ]
    for sents in cases:
        before = [(s.page, s.text) for s in sents]
        _join_across_pages(sents, [])
        assert [(s.page, s.text) for s in sents] == before
