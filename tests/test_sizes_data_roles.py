"""Data amounts that are not the training set's, by the role the sentence gives them (round 15, tokens_or_examples):
a total divided into splits ("N images, divided into training set, testing set and an extra set": dropped), an amount
given a side role beside a named training set ("M pairs as the training set ... K sentences as unlabeled
supplement": flagged); and "query-document pairs" are training pairs, not a retrieval benchmark's query set.
Sentences of our own, with near-misses."""

from __future__ import annotations

from aicompute.pdftext import Sentence
from aicompute.sizes.choice import _choose_sizes


def _run(*texts):
    sents = [Sentence(5, t, "text", "body", index=i) for i, t in enumerate(texts)]
    return _choose_sizes(sents, None, False, rules_only=True)


def _cands(texts, value):
    _, all_c = _run(*texts)
    return [c for c in all_c["tokens_or_examples"] if c.value == value]


def test_a_total_divided_into_splits_is_no_training_amount():
    assert not _cands(["The Heron dataset is composed of 412,300 color images, divided into training set, "
                       "testing set and an extra set."], 412300)
    assert not _cands(["The Heron corpus holds 412,300 sentences, which are split into a training and a test "
                       "portion."], 412300)
    # near-misses: a division that states the training part reads that part; a training amount stays
    assert _cands(["The Heron dataset has 412,300 images, split into 400,000 training and 12,300 test images."], 400000)
    assert _cands(["The Heron dataset contains 412,300 training images, divided by camera."], 412300)


def test_an_amount_given_a_side_role_beside_the_training_set():
    texts = ["We draw 3000 labeled pairs as the training set, 400 pairs as the test set, and 50000 sentences "
             "per style as unlabeled supplementary data."]
    side = _cands(texts, 50000)
    assert side and all(c.flagged and "a side role beside the training set" in c.why for c in side)
    assert not any(c.flagged for c in _cands(texts, 3000))
    best, _ = _run(*texts)
    assert best["tokens_or_examples"].value == 3000
    # near-miss: unlabeled data with no training set named beside it (a self-supervised run's data) stays
    plain = _cands(["We pre-train the encoder on 50000 sentences used as unlabeled data."], 50000)
    assert plain and not any(c.flagged for c in plain)


def test_a_query_document_pair_is_no_query_set():
    # "query-document pairs" are training pairs (a pair's query side), not a retrieval benchmark's query set
    assert _cands(["The Wren corpus consists of 410K query-document training pairs and 6K validation pairs."], 410000)
    assert _cands(["Our retriever is trained on 52,000 query-passage pairs."], 52000)
    # near-misses: the query and gallery sets of a retrieval benchmark stay out
    assert not _cands(["The Wren benchmark has 2,210 query images and 14,700 gallery images."], 2210)
    assert not _cands(["The Wren benchmark has 2,210 query images and 14,700 gallery images."], 14700)
