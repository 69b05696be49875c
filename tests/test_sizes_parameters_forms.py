"""Ways a paper states its model's size that gave no parameter count (params18, round 14): a battery of our own
sentences and tables run through the extraction; each class with near-misses that must stay silent."""

from __future__ import annotations

import pytest

from aicompute.extraction import extract_from_sentences
from aicompute.pdftext import Document, Sentence
from aicompute.sizes.tables import _split_header


def prose(*texts):
    """(chosen parameter count, candidate values) of sentences."""
    sents = [Sentence(5, t, "text", "body", index=i) for i, t in enumerate(texts)]
    r = extract_from_sentences(sents)
    ch = r["chosen"].get("parameters")
    return (ch or {}).get("value"), {round(c["value"]) for c in r["candidates"] if c.get("field") == "parameters"}


def page(*lines):
    """The same for a page read from its raw text (tables line by line, as the careful pass leaves them)."""
    text = "\n".join(["We report the results of our experiments below.", *lines, "The results show that it works well."])
    doc = Document("x.pdf", 1, [text + "\n"], [0.0], pages_read_carefully=[], page_sections=["body"])
    r = extract_from_sentences([], doc=doc)
    ch = r["chosen"].get("parameters")
    return (ch or {}).get("value"), {round(c["value"]) for c in r["candidates"] if c.get("field") == "parameters"}


# ------------------------------------------------------------------ a column label's decorations


@pytest.mark.parametrize("header, labels", [
    ("Model Params (M) ↓ Acc ↑", ["Model", "Params (M)", "Acc"]),
    ("Model Params↓ Acc↑", ["Model", "Params", "Acc"]),
    ("Model #Param.↓ Top-1 (%)", ["Model", "#Param.", "Top-1 (%)"]),
    ("Model #Params (↓) Acc (↑)", ["Model", "#Params", "Acc"]),
    ("Model #Params/M Acc", ["Model", "#Params (M)", "Acc"]),
    ("Model Params / B Acc", ["Model", "Params (B)", "Acc"]),
    ("Model No. of params Acc", ["Model", "No. of params", "Acc"]),
])
def test_arrows_and_a_slash_unit_leave_the_label_it_decorates(header, labels):
    assert _split_header(header) == labels


@pytest.mark.parametrize("header, rows", [
    ("Method Params (M) ↓ Top-1 (%) ↑", ["DenseTree [4] 31.2 77.0", "Ours 6.8 78.1"]),
    ("Method Params↓ FLOPs↓ Top-1↑", ["DenseTree [4] 31.2M 4.4G 77.0", "Ours 6.8M 1.1G 78.1"]),
    ("Method #Params/M Top-1", ["DenseTree [4] 31.2 77.0", "Ours 6.8 78.1"]),
    ("Method No. of params Top-1", ["DenseTree [4] 31.2M 77.0", "Ours 6.8M 78.1"]),
])
def test_a_decorated_params_column_gives_the_own_rows_count(header, rows):
    chosen, cands = page("Table 3: Accuracy against model size on the validation set.", header, *rows)
    assert {6_800_000, 31_200_000} <= cands
    assert chosen == 6_800_000


@pytest.mark.parametrize("header, rows", [
    ("Method FLOPs (G) ↓ Top-1 (%) ↑", ["DenseTree [4] 4.4 77.0", "Ours 1.1 78.1"]),   # no params column
    ("Method Samples/s ↑ Top-1 ↑", ["DenseTree [4] 812 77.0", "Ours 1930 78.1"]),      # a throughput
    ("Method Memory/M Top-1", ["DenseTree [4] 31.2 77.0", "Ours 6.8 78.1"]),           # a slash unit of another label
])
def test_decorated_labels_of_other_columns_give_no_count(header, rows):
    _, cands = page("Table 3: Accuracy on the validation set.", header, *rows)
    assert not cands


# ------------------------------------------------------------------ configuration rows named by their size


@pytest.mark.parametrize("header, rows, largest", [
    ("Size n_layers n_heads d_model", ["160M 12 12 768", "410M 24 16 1024", "2.8B 32 32 2560"], 2_800_000_000),
    ("Model Layers d_model Heads", ["Wren-160M 12 768 12", "Wren-410M 24 1024 16", "Wren-2.8B 32 2560 32"], 2_800_000_000),
    ("Model Layers Hidden size FFN dim", ["Wren 60M 8 512 2048", "Wren 220M 12 1024 4096"], 220_000_000),
])
def test_a_configuration_table_gives_the_sizes_that_name_its_rows(header, rows, largest):
    chosen, cands = page("Table 1: Configurations of the models we train.", header, *rows)
    assert largest in cands and len(cands) == len(rows)
    assert chosen == largest


@pytest.mark.parametrize("caption, header, rows", [
    # the baselines' configurations, each cited: not ours
    ("Table 6: Configurations of prior models.", "Model Layers d_model Heads",
     ["Owl-7B [12] 32 4096 32", "Heron-13B [31] 40 5120 40"]),
    # a vocabulary or a batch in thousands: K is no model size
    ("Table 1: Configurations of the models we train.", "Vocab Layers d_model Heads", ["32K 12 768 12", "64K 24 1024 16"]),
    # one architecture column only: a results table whose rows name their data size
    ("Table 4: Accuracy by training set size.", "Data Layers Acc", ["10M 12 71.2", "100M 12 74.9"]),
    # no numbers after the size: a list of sizes, no architecture
    ("Table 1: Sizes we consider.", "Size Layers d_model", ["160M", "410M"]),
])
def test_rows_that_are_not_our_configurations_give_no_count(caption, header, rows):
    _, cands = page(caption, header, *rows)
    assert not cands


def test_a_params_column_in_a_configuration_table_is_read_once_as_a_column():
    _, cands = page("Table 1: Configurations of the models we train.", "Model Params Layers d_model",
                    "Wren-S 160M 12 768", "Wren-L 410M 24 1024")
    assert cands == {160_000_000, 410_000_000}


# ------------------------------------------------------------------ a power of ten that lost its superscript


@pytest.mark.parametrize("text, value", [
    ("Our network has 1.2 × 10 8 parameters in total.", 120_000_000),
    ("The resulting model has about 3.5x107 trainable parameters.", 35_000_000),
    ("The encoder-decoder holds 6 · 10 6 learnable parameters.", 6_000_000),
])
def test_a_flattened_power_of_ten_before_parameters_is_the_count(text, value):
    chosen, cands = prose(text)
    assert value in cands and chosen == value


@pytest.mark.parametrize("text", [
    "Training takes 1.2 × 10 8 FLOPs per example.",              # not parameters
    "We train for 5 x 10 4 steps with 8 parameters servers.",      # a step count; "8 parameters" is no size
    "The search space has 2 × 10 12 architectures.",
])
def test_a_flattened_power_of_ten_of_something_else_gives_no_count(text):
    _, cands = prose(text)
    assert not cands


# ------------------------------------------------------------------ a size as the scale of a model


@pytest.mark.parametrize("text, value", [
    ("We train Falcon-style 7B-scale models on 1.5T tokens.", 7_000_000_000),
    ("We train a 1B-sized model on 20B tokens.", 1_000_000_000),
])
def test_a_scale_or_sized_model_states_its_size(text, value):
    chosen, cands = prose(text)
    assert chosen == value


@pytest.mark.parametrize("text", [
    "We train at 7B scale on 1.5T tokens.",                          # no model noun: a reader's call
    "We collect a 1B-scale dataset of image-text pairs.",            # data
    "The corpus is a 2B-sized collection of web documents.",
])
def test_a_scale_without_a_model_gives_no_count(text):
    _, cands = prose(text)
    assert not cands


# ------------------------------------------------------------------ a bound on a class of models, a budget swept


@pytest.mark.parametrize("text", [
    "Our method works for modern architectures (exceeding 100 million parameters) trained on large datasets.",
    "The technique applies to transformers beyond 1 billion parameters as well.",
    "Networks in excess of 10B parameters are hard to serve on one device.",
    "The recipe holds for models with upwards of 500M parameters.",
])
def test_a_bound_on_a_class_of_models_is_no_models_count(text):
    chosen, cands = prose(text)
    assert chosen is None
    # and it yields to a count of the paper's own model
    chosen, _ = prose(text, "The speech model we train has approximately 38 million parameters.")
    assert chosen == 38_000_000


def test_as_many_as_is_still_the_runs_own_size():
    chosen, _ = prose("We scale our network up to as many as 60 million parameters and train it on 8 GPUs.")
    assert chosen == 60_000_000


@pytest.mark.parametrize("caption", [
    "Table 3: Best validation loss under various memory budgets.",
    "Table 3: Error at parameter budgets from 50K to 400K.",
    "Table 3: Loss for a budget on the number of parameters.",
])
def test_a_table_of_parameter_budgets_gives_no_model_count(caption):
    chosen, cands = page(caption, "Model #Params Loss", "Small 50K 0.451", "Large 400K 0.440")
    assert cands == {50_000, 400_000} and chosen is None


def test_a_compute_budget_caption_leaves_the_params_column_alone():
    chosen, _ = page("Table 3: Accuracy of our models at equal compute budgets.", "Model #Params Acc",
                     "BigNet [3] 25.6M 76.1", "Ours 4.3M 75.2")
    assert chosen == 4_300_000


# ------------------------------------------------------------------ a header whose units wrapped onto lines of their own


def test_a_header_with_units_on_their_own_lines_reads_the_params_column():
    chosen, cands = page("Table 5: Results on the detection test set.", "Model Input Computational Cost", "(MACs)",
                         "Model Size", "(Parameters)", "Avg. Precision (%), IoU:", "0.5:0.95 0.5 0.75",
                         "BoxNet 300x300 34,360 M 34.30 M 25.1 43.1 25.8",
                         "GridNet 416x416 17,500 M 67.43 M 21.6 44.0 19.2",
                         "Kite (ours) 304x304 1,290 M 5.98 M 22.4 38.3 22.9")
    assert cands == {34_300_000, 67_430_000, 5_980_000}   # the MACs column and the AP columns give none
    assert chosen == 5_980_000


def test_magnitude_cells_follow_the_order_of_the_magnitude_labels():
    # FLOPs before Params, each row's two cells with their magnitude; a resolution between name and cells
    chosen, cands = page("Table 5: Results on the detection test set.", "Model Input FLOPs Params AP",
                         "BoxNet 300x300 34.4G 34.3M 25.1", "Kite (ours) 304x304 1.3G 5.98M 22.4")
    assert cands == {34_300_000, 5_980_000} and chosen == 5_980_000


def test_a_wrapped_header_without_a_params_label_gives_no_count():
    _, cands = page("Table 5: Results on the detection test set.", "Model Input Computational Cost", "(MACs)",
                    "Latency", "(ms)", "Avg. Precision (%)",
                    "BoxNet 300x300 34,360 M 41 25.1", "Kite (ours) 304x304 1,290 M 12 22.4")
    assert not cands


# ------------------------------------------------------------------ a change of the count: from X to Y


@pytest.mark.parametrize("text, value", [
    ("Our model reduces the parameters from 25.6M to 4.2M.", 4_200_000),
    ("Our pruning cuts the parameter count of the network from 25.6 million to only 4.2 million.", 4_200_000),
    ("We increase the number of parameters from 10M to 40M by widening the layers.", 40_000_000),
])
def test_a_count_changed_from_one_value_to_another_is_the_one_after(text, value):
    _, cands = prose(text)
    assert cands == {value}


def test_a_range_of_model_sizes_still_gives_its_largest():
    chosen, _ = prose("We train models ranging from 125M to 1.3B parameters.")
    assert chosen == 1_300_000_000


def test_a_header_with_one_label_a_line_is_read_joined():
    chosen, cands = page("Table 2: Accuracy on two benchmarks.", "Method", "#Params", "CIFAR-10", "CIFAR-100",
                         "BigNet [3] 25.6M 95.1 76.1", "Ours 4.3M 95.3 75.2")
    assert cands == {25_600_000, 4_300_000} and chosen == 4_300_000


def test_two_short_lines_above_a_table_are_no_header_of_one_label_a_line():
    # (a section title and a label above rows of numbers: fewer than three lines, nothing joined, no count)
    _, cands = page("Table 2: Accuracy on two benchmarks.", "Results", "Params", "BigNet [3] 25.6 95.1 76.1",
                    "Ours 4.3 95.3 75.2")
    assert not cands


# ------------------------------------------------------------------ a size before a network noun other than "model"


@pytest.mark.parametrize("text, value", [
    ("We pre-train a 2.7B decoder on a mixture of web text and code.", 2_700_000_000),
    ("Our 350M transformer is trained for 100k steps on the corpus.", 350_000_000),
    ("We pre-train a 1.3B-parameter LM on filtered web pages.", 1_300_000_000),
    ("We fine-tune the 86M ViT backbone on our labelled images.", 86_000_000),
    ("We train a 6B encoder-decoder from scratch on paired data.", 6_000_000_000),
    ("Our 125M language model is trained on 300B tokens.", 125_000_000),
    ("We train a 1.3B GPT-style decoder on the filtered corpus.", 1_300_000_000),
    ("We train our 770M encoder with a masked objective.", 770_000_000),
    ("We pre-train a 300M speech model on unlabelled audio.", 300_000_000),
    ("We train a 1.3B attention-recurrent hybrid model on the corpus.", 1_300_000_000),
    ("Our 1.1B student is distilled from a larger network.", 1_100_000_000),
    ("We train a 1B baseline model for comparison.", 1_000_000_000),
])
def test_a_size_before_a_network_noun_is_the_model_size(text, value):
    chosen, cands = prose(text)
    assert cands == {value} and chosen == value


@pytest.mark.parametrize("text", [
    "We build a 2.7B-token corpus and pre-train on it.",
    "We pre-train on 30B web tokens, model quality improves steadily.",
    "We use a batch of 2M tokens throughout pre-training.",
    "We use a 32K vocabulary shared by both languages.",
    "We pre-train on 1.5B images collected from the web.",
    "We sample 1M random networks from the search space to train the predictor.",
    # a model in another role than the one trained
    "We distill a 65B teacher model into our network.",
    "We score samples with a 7B reward model while training our policy.",
    "A 70B judge model rates the answers of our system.",
])
def test_a_data_amount_a_count_of_networks_or_another_role_is_no_size_before_a_noun(text):
    _, cands = prose(text)
    assert not cands


@pytest.mark.parametrize("text", [
    "Unlike the 175B GPT-3, our decoder is trained on public data only.",
    "The 175B GPT-3 model of prior work is far larger than ours.",
    "The 7B-based hybrid model is fine-tuned on our data.",
])
def test_another_works_named_model_or_a_base_is_not_read_as_a_size_before_a_noun(text):
    _, cands = prose(text)
    assert 175_000_000_000 not in cands and 7_000_000_000 not in cands


# ------------------------------------------------------------------ a per-layer parameter table and its total


def test_a_per_layer_table_gives_its_total_not_a_layers_count_in_millions():
    chosen, cands = page("Table 1: Layers of our network and their parameters.", "Layer Output Params",
                         "conv1 28x28x8 208", "pool1 14x14x8 0", "conv2 14x14x16 1,168", "fc3 10 7,850", "Total 9,226")
    assert cands == {9_226} and chosen == 9_226


def test_a_total_line_after_rows_of_larger_counts_is_read_as_written():
    chosen, cands = page("Table 1: The parameters of each stage of our network.", "Stage Output Parameters",
                         "conv_1 112x112x32 896", "block_2 56x56x64 18,496", "block_3 28x28x128 73,856",
                         "dense_4 10 1,290,250", "Total 1,383,498")
    assert cands == {1_383_498} and chosen == 1_383_498


@pytest.mark.parametrize("rows", [
    # model rows whose names start like a layer's: read as before
    ["Inception-v3 [7] 23.8 78.8", "Dense-121 [9] 8.0 74.9", "Ours 5.1 79.3"],
    ["LSTM [7] 23.8 78.8", "Linear [9] 8.0 74.9", "Ours 5.1 79.3"],
    # variants named by the layer where two streams are fused, and how: each a whole model
    ["Conv ReLU5 [7] 23.8 78.8", "Max ReLU5 8.0 74.9", "Ours 5.1 79.3"],
])
def test_model_rows_named_like_a_layer_are_still_read(rows):
    chosen, cands = page("Table 3: Accuracy against model size.", "Method Params Acc", *rows)
    assert 5_100_000 in cands and 23_800_000 in cands and chosen == 5_100_000


def test_a_total_word_in_prose_after_a_table_is_no_row():
    # (a sentence starting "Total" ends with a full stop, and a line of words is no total line)
    _, cands = page("Table 1: Layers of our network.", "Layer Output Params", "conv1 28x28x8 208", "conv2 14x14x16 1,168",
                    "Total training time was 3 hours on one GPU.")
    assert not cands
