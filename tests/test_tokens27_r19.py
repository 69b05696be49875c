"""Round-19 probe of training-data amounts (``tokens_or_examples``): documents of our own in the classes of values the
development papers get where their label states none (invented), and in split forms the reader must give the TRAINING
count of, with near-misses. Each document carries the value the corpus labels would give (README: the main run; nothing
when the paper states nothing about its own run's data as one number).

Classes:
  (1) one domain's part of a domain-adaptation run: "N source samples and M target samples for training", "the source /
      target / training domain consists of N images": the run trains on source + target, a total the paper does not state
      (labels: nothing); and the LM-adaptation "N words of out-of-domain data" added beside in-domain data. Near-misses
      where the value stays: machine translation's "source sentences/tokens", "open-source", a corpus "in the medical
      domain", "domain-specific" data, "in-domain" data as the only data;
  (2) split forms: "N for training and M for testing", "a training set with N samples", split triples "N/M/K" after
      "train/dev/test", a dataset-statistics table with a Train column (also a bare "Train" beside "Dev"/"Test" under a
      statistics caption): the training count, not the total or the test; near-misses: results and timing tables;
  (3) a sample drawn for a visualization ("t-SNE embeddings of 10k samples", "we visualize ... 500 images"): a figure's
      points; near-misses: "we train on N images and visualize ...", a visualization beside the stated training set.
The whole path is run (sentences of one page through ``extract_sizes``, the shipped choice and weights)."""

from __future__ import annotations

import datetime as dt

import pytest

from aicompute.pdftext import Sentence
from aicompute.sizes import extract_sizes

PUBLISHED = dt.date(2019, 6, 1)


def chosen(*texts, kinds=None):
    kinds = kinds or ["text"] * len(texts)
    sents = [Sentence(5, t, k, "body", index=i) for i, (t, k) in enumerate(zip(texts, kinds))]
    c = extract_sizes(sents, None, PUBLISHED)[0]["tokens_or_examples"]
    return None if c is None else c["value"]


DOCS = [
    # (1) domain adaptation: one domain's part
    (["We evaluate the adaptation method on three digit transfer tasks.",
      "MNIST to USPS: we use 2,000 source images and 1,800 target images for training, and test on the remaining target images.",
      "We train the feature extractor with SGD for 20 epochs."], None),
    (["Our unsupervised domain adaptation approach is evaluated on the VehicleSim benchmark.",
      "The source domain consists of 120k rendered car images, while the target domain contains 40k real photographs.",
      "We train for 50k iterations with a batch of 64 images."], None),
    (["The training domain has 96k synthetic images produced by a game engine, and the test domain has 30k real street images.",
      "We adapt a DeepLab model trained on the synthetic images to the real ones."], None),
    (["We train the speech recognizer's language model on 18M words of in-domain transcripts.",
      "To this we added 55M words of web text as out-of-domain data for the second training phase."], 18e6),
    (["For the adversarial alignment, we sample 5,000 unlabeled target samples in every run.",
      "The classifier is trained with cross-entropy on the labelled source data."], None),
    # (1) near-misses: the value stays
    (["We train our translation model on the WMT'14 English-German data, which consists of 4.5M sentence pairs.",
      "The pairs contain about 116M source tokens and 110M target tokens."], 4.5e6),
    (["We pre-train a code model on 2.1 million open-source programs collected from public repositories.",
      "The model has 350M parameters."], 2.1e6),
    (["We train our biomedical language model on 3.2B words of text in the clinical domain.",
      "Training takes 8 days on 16 V100 GPUs."], 3.2e9),
    (["We train the model on 600k domain-specific question-answer pairs.",
      "We use Adam with a learning rate of 3e-5."], 600e3),
    (["We train the detector on 1.1 million in-domain images collected from our warehouse cameras."], 1.1e6),
    (["Our translation system is trained on 12M parallel sentences, with 48M source words."], 12e6),
    (["We train the parser on 40,000 sentences and evaluate it on out-of-domain test sets."], 40e3),
    (["We train the tagger on 2.5M in-domain sentences and 700k out-of-domain sentences."], 2.5e6),
    (["We adapt a classifier trained on 2 million source images to a small set of target photographs.",
      "Adaptation runs for 10k iterations."], None),
    # (3) a sample drawn for a visualization: a figure's points, not the run's data
    (["We train the embedding network with a triplet loss.",
      "Figure 4 shows t-SNE embeddings of 10k samples from each class group, learnt by the baseline and by our method."], None),
    (["We visualize the attention maps of our model on 500 randomly chosen images."], None),
    # (3) near-misses: the value stays
    (["We train on 50,000 images and visualize the learned filters of the first layer in Figure 2."], 50e3),
    (["Our model is trained on the 1.28 million ImageNet training images.",
      "We visualize the learned features of 2,000 validation images with t-SNE."], 1.28e6),
    # (2) split forms: the training count
    (["We collect 14,000 labelled product reviews.",
      "Of these, 11,000 reviews are used for training and 3,000 for testing."], 11e3),
    (["The dataset is split into 9,000 for training and 1,000 for testing; we train a BiLSTM tagger on it."], 9e3),
    (["We train our classifier on a training set with 25,000 samples and evaluate it on 5,000 held-out samples."], 25e3),
    (["We train our sentiment model on the binary SST split.",
      "The train/dev/test sets contain 6920/872/1821 sentences."], 6920),
    (["We train on the Mol-Q dataset.", "Its train, validation and test splits have 110,000, 10,000 and 13,000 molecules, respectively."],
     110e3),
]


@pytest.mark.parametrize("texts,want", DOCS)
def test_training_data_amount(texts, want):
    got = chosen(*texts)
    if want is None:
        assert got is None
    else:
        assert got is not None and abs(got - want) <= 0.02 * want


# ------------------------------------------------------------------ the same split forms as cheap text (a page read
# from its raw text: pages the careful pass does not read; pdftext's cheap units)

from aicompute.pdftext import Document  # noqa: E402

PROSE = "Introduction\nWe describe a text classifier and report how it is trained below.\n"


def cheap_chosen(page: str):
    doc = Document("x.pdf", 1, [PROSE + page], [0.0], pages_read_carefully=[], page_sections=["body"])
    c = extract_sizes([], doc, PUBLISHED)[0]["tokens_or_examples"]
    return None if c is None else c["value"]


_BARE_TRAIN = ("a bare 'Train' column (beside bare 'Dev' / 'Test') is no data column in sizes.tables._COL_FIELDS ('#Train' "
               "is). Tried (tables._stats_split_labels: read as '#Train' under a statistics caption naming no result; "
               "/tmp/tokens27/stats_split_labels.diff): only 3 blind papers' candidates changed, right candidate among all "
               "99 -> 100, blind (fitted on dev) 22/31 either way, but 10-salt all-papers CV right 67.4 -> 66.4 (refit): "
               "not kept by the round's rule")
_ONE_COLUMN = "a table of splits as rows with one count column ('#Images') gives no candidate; two columns do"

CHEAP = [
    ("4 Experiments\nWe collect 14,000 labelled product reviews. Of these, 11,000 reviews are used for training and 3,000\n"
     "for testing. We train a BiLSTM classifier with Adam.\n", 11e3),
    ("4 Experiments\nThe corpus is split into 9,000 sentences for training and 1,000 for testing; we train a BiLSTM tagger\n"
     "on it for 20 epochs.\n", 9e3),
    ("4 Experiments\nWe train our sentiment model on the binary SST split. The train/dev/test sets contain 6920/872/1821\n"
     "sentences.\n", 6920),
    pytest.param("Table 2: Statistics of the dataset we train on.\nDataset Train Dev Test\nReviewsA 48,000 2,000 4,000\n", 48e3,
                 marks=pytest.mark.xfail(strict=True, reason=_BARE_TRAIN)),
    pytest.param("Table 1: Data statistics.\nCorpus Training Validation Testing\nTweetsX 120,500 5,000 10,000\n", 120.5e3,
                 marks=pytest.mark.xfail(strict=True, reason="a bare split column (see _BARE_TRAIN), and tables._split_header "
                                                             "joins a 'Training' label with the next one ('Training "
                                                             "Validation'); shared header reader, left")),
    # near-misses: a results table's bare Train / Test columns (accuracy) and a timing table: nothing
    ("Table 3: Accuracy of the models on the dataset.\nModel Train Dev Test\nBiLSTM 98.5 91.2 90.8\nCNN 97.4 90.1 89.9\n", None),
    ("Table 3: Results on the splits.\nModel Train Test\nBiLSTM 120 95\nCNN 110 92\n", None),
    ("Table 4: Time in seconds on the dataset.\nModel Train Test\nBiLSTM 1200 95\nCNN 1100 92\n", None),
    pytest.param("Table 2: Statistics of the dataset.\nSplit #Images\nTrain 52,000\nVal 4,000\nTest 8,000\n", 52e3,
                 marks=pytest.mark.xfail(strict=True, reason=_ONE_COLUMN)),
    # near-miss: a benchmark only evaluated on ("we evaluate on"): nothing
    ("4 Experiments\nWe evaluate the released tagger on the NewsTest benchmark, which has 3,000 test sentences.\n", None),
]


@pytest.mark.parametrize("page,want", CHEAP)
def test_training_data_amount_as_cheap_text(page, want):
    got = cheap_chosen(page)
    if want is None:
        assert got is None
    else:
        assert got is not None and abs(got - want) <= 0.02 * want
