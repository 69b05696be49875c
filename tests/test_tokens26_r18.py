"""Round-18 probe of the CHOICE among training-data amounts (``tokens_or_examples``): small documents of our own (several
sentences of one page, competing amounts) in the classes the development papers' choice misses belong to, each with the
value the corpus labels would give (README: the main run, the largest model trained in full), and documents where the
choice must give nothing.

Classes (named from development misses; the sentences are ours):
  (1) a recommender log stated as nested counts: "N sessions of M clicks on K items": the clicks are the examples, the
      sessions group them, the items are the catalogue (labels: the clicks);
  (2) two datasets' sizes compared in one sentence ("only 3,991 training shapes in A compared to 9,843 in B"): a comparison
      of the paper's own datasets, not another work's amount;
  (3) the run's length restated as data ("trained for 100 epochs, which is equivalent to 25 million frames"), beside an
      evaluation interval restated the same way ("every 4 epochs, i.e. 1 million frames") and a point on the learning
      curve ("only takes 5 million frames to settle");
  (4) the whole dataset vs the part the paper trains on ("ImageNet has 1.28M training images; we split its classes into
      two halves of about 645,000 images each and train on each half");
  (5) a benchmark's description vs the amount the paper states it trains on ("MNIST has 60k training images ... We use
      9,843 shapes for training");
  (6) a dataset's description picked where the paper states what it trains on (the pick is withheld as unlinked).
The whole path is run (sentences of one page through ``extract_sizes``, the shipped choice and weights)."""

from __future__ import annotations

import datetime as dt

import pytest

from aicompute.pdftext import Sentence
from aicompute.sizes import extract_sizes

PUBLISHED = dt.date(2019, 6, 1)


def chosen(*texts):
    sents = [Sentence(5, t, "text", "body", index=i) for i, t in enumerate(texts)]
    c = extract_sizes(sents, None, PUBLISHED)[0]["tokens_or_examples"]
    return None if c is None else c["value"]


_PARTS_REASON = ("the whole set and our part both read as training amounts; the learned choice prefers the larger "
                 "value. Tried (choice._parts_of_a_split_dataset): the part linked (+0.6) and the same dataset's larger amount "
                 "flagged: 10-salt all-papers CV 69.0/22.7/23.2 -> 69.9/22.0/23.0, but blind (fitted on dev) 21 -> 19/31 with "
                 "one development paper's candidates changed (the tokens softmax refit); reverted")

_NOT_KEPT = ("read by wip-tokens26 289ead7 (sizes/data.py: a schedule restated as data, a recommender log's nested counts); "
             "not kept at the merge by the round's keep rule: 10-salt all-papers CV right 67.4 -> 69.0 but invented 23.0 -> "
             "23.2, and blind (fitted on dev) 22 -> 21/31 after the refit, with no blind paper's candidates changed")

DOCS = [
    # (1) recommender logs: nested counts
    (["We evaluate on two session-based recommendation logs.",
      "The model is trained on six months of shop logs, containing 7,900,000 sessions of 31,600,000 clicks on 37,000 items.",
      "The last day is held out for testing."], 31.6e6),
    pytest.param(["Our training log has 2.1 million sessions of 9.8 million song plays on 140 thousand tracks.",
                  "We train the recurrent recommender for 10 epochs with Adagrad."], 9.8e6,
                 marks=pytest.mark.xfail(strict=True, reason=_NOT_KEPT)),
    (["The training set has 120,000 sessions with 1.1 million clicks on 8,000 products.",
      "We train GRU layers of 100 units with a batch of 50 sessions."], 1.1e6),
    pytest.param(["The news feed dataset consists of 480,000 sessions with 3.2 million clicks over 21,000 articles.",
                  "We use all sessions but the last week for training."], 3.2e6,
                 marks=pytest.mark.xfail(strict=True, reason="a description linked only by a training statement that names no "
                                                             "dataset ('all sessions'): choice._relink_datasets needs a name; left")),
    # (2) two of the paper's datasets compared
    (["We train all classifiers on ModelNet40 unless stated otherwise.",
      "ModelNet40 provides 9,843 training shapes and 2,468 test shapes.",
      "Our deeper networks do worse on ModelNet10, with only 3,991 training shapes compared to 9,843 shapes in ModelNet40."],
     9_843),
    # (3) the run's length restated as data
    (["The student network was trained for 100 epochs, which is equivalent to 25 million frames per game.",
      "We report the average test score every 4 training epochs (equivalent to 1 million training frames).",
      "On most games the student only takes about 20 epochs, or 5 million training frames, to settle to a stable policy."],
     25e6),
    (["Each agent is trained for 200 iterations, corresponding to 40 million environment frames.",
      "Evaluation runs every 10 iterations for 125,000 frames."], 40e6),
    (["We train each agent for 10 million frames per game.",
      "Performance converges after about 4 million frames on most games."], 10e6),
    (["The student is trained for 300 epochs, i.e. 12 million frames.",
      "A training epoch is 40,000 frames, and each testing epoch lasts 25,000 frames.",
      "It reaches the teacher's score after only 3 million frames."], 12e6),
    (["We train the classifier until convergence on 1.2 million images."], 1.2e6),
    (["We train on 1.2 million images, and the network reaches 76% accuracy after 90 epochs."], 1.2e6),
    # (4) the whole dataset vs the part trained on
    pytest.param(["The ImageNet release contains 1,281,167 training images in 1,000 classes.",
                  "We randomly split the ImageNet classes into two halves of about 645,000 training images each and train one "
                  "network on each half."], 645e3, marks=pytest.mark.xfail(strict=True, reason=_PARTS_REASON)),
    (["The NewsCrawl-22 corpus has 2.4 million sentences.",
      "We divide NewsCrawl-22 into four subsets of about 600,000 sentences each and train one language model per subset."], 600e3),
    # (near-miss: folds are no parts a run trains on alone)
    (["The Bird-9 dataset contains 50,000 training images.",
      "We split Bird-9 into five folds of 10,000 images each for cross-validation."], 50e3),
    # (5) a benchmark's description vs the amount trained on
    pytest.param(["Digits: the digit benchmark has 60,000 training and 10,000 test images; we use it only for a sanity check.",
                  "Shapes: we use the official split with 9,843 shapes for training and 2,468 for testing.",
                  "All results in Tables 2-4 are on the shapes benchmark."], 9_843,
                 marks=pytest.mark.xfail(strict=True, reason="which of several benchmarks is the headline one (7 development "
                                                             "misses): the sanity-check set (ctx:ablation) still wins on size and "
                                                             "roundness (v_rank, v_round); no reader signal found this round")),
    (["We conduct further studies on the CIFAR-10 dataset, which consists of 50k training images and 10k test images.",
      "Our main models are trained on the 1.28 million training images of ImageNet and evaluated on its 50k validation images."],
     1.28e6),
    # (6) the description picked where the paper states its training set
    (["To simulate scarce labels, we sample 2,000 aligned pairs as the training set and 500 pairs as the development set.",
      "The full parallel corpus has 29,803 sentence pairs."], 2_000),
]

DOCS_SILENT = [
    # a catalogue and users only
    ["The shop sells 37,000 items to 1.2 million users.", "We train the model with Adam for 10 epochs."],
    # a catalogue after the events, the events' count not stated
    ["The logs record user clicks on 37,000 items over six months.", "We train the model with Adam for 10 epochs."],
    # an evaluation interval and a learning-curve point only
    pytest.param(["We report the average test score every 4 training epochs (equivalent to 1 million training frames).",
                  "The policy only takes about 5 million frames to settle."], marks=pytest.mark.xfail(strict=True, reason=_NOT_KEPT)),
    # one epoch's size, a testing epoch
    pytest.param(["A training epoch is 250,000 frames, and each training epoch is followed by a testing epoch that lasts "
                  "125,000 frames."], marks=pytest.mark.xfail(strict=True, reason=_NOT_KEPT)),
    # two datasets described, none trained on by us
    ["Prior work evaluated on ModelNet10, with only 3,991 training shapes compared to 9,843 shapes in ModelNet40 [12]."],
    # a validation sample drawn from the training set
    ["We randomly sample 5,000 images from the training set to form a validation set.", "We train with SGD for 90 epochs."],
]


@pytest.mark.parametrize("texts, want", DOCS)
def test_the_runs_amount_among_competitors(texts, want):
    assert chosen(*texts) == pytest.approx(want, rel=0.02)


@pytest.mark.parametrize("texts", DOCS_SILENT)
def test_no_amount_of_the_runs_data(texts):
    assert chosen(*texts) is None
