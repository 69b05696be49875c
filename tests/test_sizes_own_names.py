"""The names a paper gives its own model (aicompute.sizes.text.own_model_names / _naming_in): where a name comes
from (the title's "X:", "we propose/present/introduce X", "X (ACRONYM)", "an algorithm, X, that", "which we call
X") and what a name is not (a loss, a block, a decoder, a dataset, a tokenizer, someone else's cited model).
Sentences of our own, with near-misses that must give no name."""

from __future__ import annotations

import pytest

from aicompute.pdftext import Document
from aicompute.sizes.core import Unit
from aicompute.sizes.text import _initials_fit, _naming_in, own_model_names


def names_of(title: str, *sentences: str) -> list[str]:
    doc = Document("x.pdf", 1, [title + "\nA. Author B. Author\nAbstract\n"], [0.0], pages_read_carefully=[],
                   page_sections=["body"])
    units = [Unit(1, s, "text", "body", i) for i, s in enumerate(sentences)]
    return own_model_names(doc, units)


# ------------------------------------------------------------------ where a name comes from


@pytest.mark.parametrize("sentence, name", [
    # sentence-initial "We", a long form and its acronym: the acronym is the name
    ("We present Rotating Prototype Memory (RoPM) for label-free image clustering.", "RoPM"),
    ("In this paper we propose Gated Lattice Adapters (GLAd), a light way to tune a frozen encoder.", "GLAd"),
    # an acronym whose long form is written in lower case, or starts lower case itself
    ("Here we present a shared peer distillation (SPD) scheme where students teach each other.", "SPD"),
    ("We propose Norm-Bounded Skip-Paths (nBSP), a general framework for deep residual stacks.", "nBSP"),
    # a long form of up to eight words before its acronym
    ("As an alternative, we propose a parsing scheme built on nested span lattice encoding (NSLE) for compounds.", "NSLE"),
    # a single word in apposition: "we develop X, a ... model"
    ("To close this gap we develop Kestrel, a 3-billion parameter model tuned on synthetic dialogues.", "Kestrel"),
    ("We introduce Marlin, a new open language model for Basque.", "Marlin"),
    # the name in apposition to the noun the verb introduces
    ("In this paper, we propose a streaming method, FlowPick, that needs no labelled pairs.", "FlowPick"),
    # "which we call X", "the resulting model, named X"
    ("We stack gated blocks into a compact network, which we call TinyGate.", "TinyGate"),
    ("The resulting network, named HexaNet, trains in a day on one machine.", "HexaNet"),
    # a camel / hyphenated name, with a version
    ("We introduce a \"PolyMix v2\" framework that we use throughout.", "PolyMix v2"),
    ("We introduce the Graph-RNN, a recurrent net over adjacency lists.", "Graph-RNN"),
])
def test_a_naming_gives_the_own_name(sentence, name):
    assert name in _naming_in(sentence)


@pytest.mark.parametrize("sentence", [
    # a part of a model, an objective, a decoder, a block: not the model the paper trains
    "For the loss we use a contrastive objective, called PairNCE, over 4096 negatives.",
    "We propose a new light segmentation decoder Fast Pyramid Merging (FPM) for the mobile variant.",
    "We introduce a simple Local Max Gating (LMG) block that replaces the attention layer.",
    "We propose Quantile Focal Loss (QFL) to rebalance rare classes.",
    # data and tools
    "We introduce CleanCrawl, a high-quality two trillion token web-only pretraining dataset.",
    "We present the Stack: a 3.1 TB corpus of permissively licensed source code.",
    "Inspired by this we introduce TRIPIECE, a lossless subword tokenizer that minimises token count.",
    # someone else's: cited, or named with no we / our / proposed
    "Prior work designed a hardware accelerator called SPARX [12] for compressed networks.",
    "Smith et al. introduced mobile models called LiteNets using separable convolutions.",
    "This reaches the accuracy of deep ResNet [5], named Dense Skip Network (DSNet) by its authors.",
    # an acronym whose capitals are no initials of the words before it
    "We present a new architecture (QX-RNN) for character-level text.",
    # lower-case words, no name at all
    "We propose to use a larger batch and a longer warm-up.",
    "We present results on three benchmarks in Section 4.",
])
def test_no_own_name_from_a_part_data_tool_or_another_paper(sentence):
    assert _naming_in(sentence) == []


def test_initials_in_order():
    assert _initials_fit("RoPM", "Rotating Prototype Memory ")
    assert _initials_fit("nBSP", "Norm-Bounded Skip-Paths ")
    assert _initials_fit("SPD", "a shared peer distillation ")
    assert not _initials_fit("QX-RNN", "a new architecture ")
    assert not _initials_fit("PS", "Skip Path ")  # out of order
    assert not _initials_fit("X", "Xavier ")  # one capital: not an acronym


# ------------------------------------------------------------------ the title


@pytest.mark.parametrize("title, name", [
    ("Halyard: Scaling Sparse Experts to Long Documents", "Halyard"),
    ("Deep Parrot 3: End-to-End Speech Recognition in Welsh", "Deep Parrot 3"),
    ("Osprey 13B v0.2: A Polish-English Language Model", "Osprey 13B v0.2"),
    ("kNNG: Nearest-Neighbour Graphs as Memory", "kNNG"),
    # a well-known model family's name is the paper's own when the title says so
    ("BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding", "BERT"),
])
def test_the_title_name(title, name):
    assert names_of(title)[:1] == [name]


@pytest.mark.parametrize("title", [
    "Deep Learning: A Practical Guide for Vision",
    "ImageNet: Lessons from Ten Years",
    "Training Large Sparse Models on Small Clusters of Commodity Machines: An Empirical Study",
    "Abstract: we study sparse experts",
])
def test_no_title_name(title):
    assert names_of(title) == []


def test_names_from_title_and_prose_together_and_only_early_pages():
    doc = Document("x.pdf", 1, ["Halyard: Sparse Experts\n"], [0.0], pages_read_carefully=[], page_sections=["body"])
    units = [Unit(2, "We present Mixture Routing Experts (MRE), a router for sparse experts.", "text", "body", 0),
             Unit(5, "We introduce Pelican, a model for late pages.", "text", "body", 1),  # page 5: not read
             Unit(2, "We introduce Puffin, a small model.", "table", "body", 2)]  # a table row: not read
    assert own_model_names(doc, units) == ["Halyard", "MRE"]


# ------------------------------------------------------------------ a method named once over its variant rows


def own_table_values(title: str, table: str) -> tuple[set, set]:
    from aicompute.sizes.choice import _choose_sizes

    doc = Document("x.pdf", 1, [title + "\n" + table], [0.0], pages_read_carefully=[], page_sections=["body"])
    _, all_c = _choose_sizes([], doc, False, rules_only=True)
    cs = all_c["parameters"]
    return {round(c.value) for c in cs if c.own}, {round(c.value) for c in cs if c.flagged}


TABLE = ("Table 2: Linear evaluation on the validation set.\n"
         "Method Architecture #params (M) Accuracy\n"
         "Tiling [21] R18w2x 44 41.5\n"
         "Orbit [9] R34 21 52.3\n"
         "R34w2x 84 55.0\n"
         "Plover R18 11 58.7\n"
         "R34 21 61.9\n"
         "R18w3x 99 63.0\n"
         "R34w4x 337 66.1\n")


def test_the_variant_rows_under_the_own_methods_named_row_are_its_own():
    own, flagged = own_table_values("Plover: Contrastive Pretraining at Scale", TABLE)
    assert own == {11_000_000, 21_000_000, 99_000_000, 337_000_000}
    assert 337_000_000 not in flagged and 99_000_000 not in flagged
    # a cited method's rows, and the variant row under a cited method's row, stay another method's
    assert {44_000_000, 84_000_000} <= flagged


def test_no_variant_rows_after_a_row_with_a_name_or_a_citation_of_its_own():
    table = ("Method Architecture #params (M) Accuracy\n"
             "Plover R18 11 58.7\n"
             "Skylark [4] R50 24 60.1\n"   # a cited method's row ends the own method's rows
             "R50w2x 94 62.0\n"
             "Kite R101 43 61.5\n")       # another name
    own, flagged = own_table_values("Plover: Contrastive Pretraining at Scale", table)
    assert own == {11_000_000}
    # a row named by a word without a digit is another method ("SimFoo"), not a variant
    own2, _ = own_table_values("Plover: Contrastive Pretraining at Scale",
                               "Method Architecture #params (M) Accuracy\nPlover R18 11 58.7\nSimFoo 24 60.1\n")
    assert own2 == {11_000_000}



# ------------------------------------------------------------------ which fields read these names


def test_parameters_epochs_steps_read_the_naming_names_tokens_batch_round_11s():
    from aicompute.sizes.choice import NAMING_FIELDS, _mark_own_names
    from aicompute.sizes.core import Cand
    from aicompute.sizes.text import own_model_names_narrow

    doc = Document("x.pdf", 1, ["Learning to Cluster without Labels\n"], [0.0], pages_read_carefully=[],
                   page_sections=["body"])
    units = [Unit(1, "We present Rotating Prototype Memory (RoPM) for label-free image clustering.", "text", "body", 0)]
    assert own_model_names(doc, units) == ["RoPM"]
    assert own_model_names_narrow(doc, units) == []  # round 11 read only a lower-case "we present"
    assert NAMING_FIELDS == {"parameters", "epochs", "steps"}
    u = Unit(3, "RoPM has 25M parameters, reads 2B tokens in 3 epochs of 40K steps with a batch of 512.", "text", "body", 1)
    cs = {f: [Cand(f, v, None, u, m, 3.0, [])] for f, v, m in [
        ("parameters", 25e6, "25M parameters"), ("tokens_or_examples", 2e9, "2B tokens"), ("epochs", 3, "3 epochs"),
        ("steps", 4e4, "40K steps"), ("batch_size", 512, "batch of 512")]}
    _mark_own_names(cs, own_model_names_narrow(doc, units), {f: own_model_names(doc, units) for f in NAMING_FIELDS})
    assert {f: c[0].names_own for f, c in cs.items()} == {"parameters": True, "tokens_or_examples": False, "epochs": True,
                                                          "steps": True, "batch_size": False}


def _cand(field, value, text, match, kind="text", index=1, source="careful"):
    from aicompute.sizes.core import Cand

    return Cand(field, value, None, Unit(3, text, kind, "body", index, source), match, 3.0, [])


@pytest.mark.parametrize("field", ["parameters", "tokens_or_examples"])
def test_two_units_at_the_same_place_are_read_each_for_itself(field):
    from aicompute.sizes.choice import NAMING_FIELDS, _mark_own_names

    # (a careful sentence and a raw-text line, or two rows, may carry the same page and index: what is read is the text)
    a = _cand(field, 7e9, "Heron reads 7B tokens with 7B parameters.", "7B")
    b = _cand(field, 13e9, "The baseline reads 13B tokens with 13B parameters.", "13B")
    c = _cand(field, 13e9, "Scaled up, Heron reads 13B tokens with 13B parameters.", "13B", source="cheap")
    names = ["Heron"]
    _mark_own_names({field: [a, b, c]}, [] if field in NAMING_FIELDS else names,
                    {f: names for f in NAMING_FIELDS})
    assert (a.names_own, b.names_own, c.names_own) == (True, False, True)
    # the same text in two units: one reading, the same mark
    d = _cand(field, 7e9, "Heron reads 7B tokens with 7B parameters.", "7B", index=9)
    _mark_own_names({field: [b, d]}, [] if field in NAMING_FIELDS else names, {f: names for f in NAMING_FIELDS})
    assert (b.names_own, d.names_own) == (False, True)


@pytest.mark.parametrize("sentence, name", [
    # a name led by a digit and capitals with a lower-case part, in apposition or after "called"
    ("In this paper, we present 3DFlow, a learned model that matches partial scans.", "3DFlow"),
    ("To this end we build a voxel network, called 3DFlow, that reads local patches.", "3DFlow"),
    ("We introduce 2DPose-Net for single-image keypoints.", "2DPose-Net"),
])
def test_a_digit_led_name(sentence, name):
    assert name in _naming_in(sentence)


@pytest.mark.parametrize("sentence", [
    # near-misses: a digit-led word that is no name ("3D", "3D-aware", "2x", "4K")
    "We present 3D-aware features, which help the detector.",
    "We present 3D results, which we discuss below.",
    "We present 4K videos for the user study.",
    "We introduce 2x wider layers, which double the cost.",
])
def test_digit_led_words_that_are_no_name(sentence):
    assert _naming_in(sentence) == []


def test_a_digit_led_title_name():
    assert names_of("4DMotion: Learning Dynamics from Point Cloud Video")[:1] == ["4DMotion"]
    assert names_of("3D Deep Learning: A Survey") == []
    assert names_of("3D: Depth Without Labels") == []


@pytest.mark.parametrize("sentence, names", [
    # the subject "It" / "this network" is the thing the paper just described: "It is called X"
    ("It is called \"Stacked Loop Rings\" (SLR) since each ring loops over itself.", ["SLR"]),
    ("Thus, this network is named the PLOVER model.", ["PLOVER"]),
    ("Hence this architecture is called Gullnet.", ["Gullnet"]),
    ("It was named LARK-2 after the bird.", ["LARK-2"]),
    # near-misses: cited, a loss, lower case, another subject, a general technique, not sentence-initial
    ("It is called Adamax [7] in the optimization literature.", []),
    ("It is called the Tukey loss in what follows.", []),
    ("It is called a skip block.", []),
    ("The earlier model is called PigeonNet by its authors.", []),
    ("This dataset is called BirdSet.", []),
    ("This approach is called Transfer Distillation (TD).", []),
    ("In the literature it is called SwishNorm.", []),
])
def test_it_is_called_names_what_was_described(sentence, names):
    assert _naming_in(sentence) == names


@pytest.mark.parametrize("sentence, names", [
    # a kind of network is no name, in either detector
    ("Based on this we propose a new ConvNet design for fusing two views.", []),
    ("We present a two-layer MLP (MLP) head.", []),
    ("We propose a gated GNN (GNN) over scene graphs.", []),
    ("We introduce a sparse MoE layer design, which routes tokens.", []),
    # near-misses: a name that contains a kind ("GraphMLP", "ConvNeXt-style" names) stays a name
    ("We propose GraphMLP, a simple model for node labels.", ["GraphMLP"]),
    ("We introduce Beta-VAE2, a model for disentangled codes.", ["Beta-VAE2"]),
])
def test_kinds_of_network_are_no_name(sentence, names):
    from aicompute.sizes.text import own_model_names_narrow

    assert _naming_in(sentence) == names
    doc = Document("x.pdf", 1, ["On Fusing Views\n"], [0.0], pages_read_carefully=[], page_sections=["body"])
    assert set(own_model_names_narrow(doc, [Unit(1, sentence, "text", "body", 0)])) <= set(names)


@pytest.mark.parametrize("sentence, names", [
    # an acronym after an adjective-led long form with one capital that is no initial: the acronym is the name
    ("We propose a unified Speech-Text pretrained Encoder (STEN) that serves search and captioning.", ["STEN"]),
    ("We introduce a compact Mesh-Sparse Network (MSNX) for proteins.", ["MSNX"]),
])
def test_a_loose_acronym_is_the_name(sentence, names):
    assert _naming_in(sentence) == names


@pytest.mark.parametrize("sentence, acronym", [
    # near-misses: the first capital is no initial, two capitals of four miss, a long form cut by punctuation
    ("We propose a unified Speech-Text pretrained Encoder (QTEN) that serves search.", "QTEN"),
    ("We introduce a compact Mesh-Sparse Network (MSXY) for proteins.", "MSXY"),
    ("We propose a light residual model (QRM) for speech.", "QRM"),
    ("We introduce a compact, Mesh-Sparse Network (MSNX) for proteins.", "MSNX"),
])
def test_a_loose_acronym_needs_its_first_initial_and_all_but_one(sentence, acronym):
    assert acronym not in _naming_in(sentence)


def test_loose_initials():
    assert _initials_fit("STEN", "Speech-Text pretrained Encoder ", slack=1)
    assert not _initials_fit("STEN", "Speech-Text pretrained Encoder ")
    assert not _initials_fit("SX", "Speech pretrained ", slack=1)  # two capitals: no slack
    assert not _initials_fit("XTEN", "Speech-Text pretrained Encoder ", slack=1)


@pytest.mark.parametrize("text, match, own", [
    # two models' facts side by side: the value's own clause decides whose it is
    ("Kite-Base has 110M parameters; Heron has 340M parameters.", "110M parameters", False),
    ("Kite-Base has 110M parameters; Heron has 340M parameters.", "340M parameters", True),
    ("Heron has 340M parameters, whereas the baseline has 110M parameters.", "110M parameters", False),
    ("The baseline uses 110M parameters, while Heron uses 340M parameters.", "340M parameters", True),
    ("Heron is small, but the teacher model has 3B parameters.", "3B parameters", False),
    # near-misses: one clause ("while" with no comma), a list after ';', a phrase with no subject of its own after ';'
    ("Heron matches the baseline while using only 110M parameters.", "110M parameters", True),
    ("We scale Heron in three sizes: i) 110M parameters; ii) 340M parameters; iii) 1B parameters.", "340M parameters", True),
    ("Heron is trained on 8 GPUs; with the same budget, it reaches 340M parameters.", "340M parameters", True),
    # a value the text does not show as written (a joined match): the whole sentence
    ("Heron adds 1B parameters; and 2B more.", "1B + 2B", True),
    # a caption of several sentences: the value's sentence, after the caption's first
    ("Figure 2: Heron. Scaled to 340M parameters.", "340M parameters", True),
    ("Figure 2: Loss curves. Heron has 340M parameters. The baseline has 110M parameters.", "110M parameters", False),
    ("As in Smith et al. (2020), Heron has 340M parameters.", "340M parameters", True),
])
def test_the_value_clause_names_its_own_model(text, match, own):
    from aicompute.sizes.choice import _mark_own_names

    c = _cand("parameters", 1.0, text, match, kind="caption" if text.startswith("Figure") else "text")
    _mark_own_names({"parameters": [c]}, [], {"parameters": ["Heron"]})
    assert c.names_own is own


def test_the_same_value_twice_in_a_contrast_is_each_clauses_own():
    from aicompute.sizes.choice import _mark_own_names

    text = "Kite-Base was trained with 1B parameters on books; Heron was trained with 1B parameters on the web."
    a, b = _cand("parameters", 1e9, text, "1B parameters"), _cand("parameters", 1e9, text, "1B parameters")
    b.u = a.u
    _mark_own_names({"parameters": [a, b]}, [], {"parameters": ["Heron"]})
    assert (a.names_own, b.names_own) == (False, True)


def test_other_fields_read_the_whole_sentence():
    from aicompute.sizes.choice import CLAUSE_FIELDS, _mark_own_names

    assert CLAUSE_FIELDS == {"parameters"}
    c = _cand("tokens_or_examples", 8e8, "Kite-Base reads 800M words; Heron reads 3B words.", "800M words")
    _mark_own_names({"tokens_or_examples": [c]}, ["Heron"])
    assert c.names_own
