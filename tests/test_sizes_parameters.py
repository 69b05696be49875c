"""Parameter counts (aicompute.sizes): classes of how a count is written that the candidates missed, each with
sentences / table rows of our own and near-misses that must not give a count."""

from __future__ import annotations

import datetime as dt

import pytest

from aicompute.pdftext import Document, Sentence
from aicompute.sizes import extract_sizes
from aicompute.sizes.core import Unit, _flags
from aicompute.sizes.parameters import _param_cands
from aicompute.sizes.tables import _caption_aliases, _header_numbers

PUBLISHED = dt.date(2020, 6, 1)


def param_values(*texts):
    """Parameter counts among the candidates of sentences (what the choice may pick from)."""
    sents = [Sentence(4, t, "text", "body", index=i) for i, t in enumerate(texts)]
    _, cands = extract_sizes(sents, None, PUBLISHED)
    return {round(c["value"]) for c in cands if c["field"] == "parameters"}


def raw_page_values(page: str):
    """Parameter counts read from a page the careful pass did not read (raw text: tables line by line)."""
    doc = Document("x.pdf", 1, [page], [0.0], pages_read_carefully=[], page_sections=["body"])
    _, cands = extract_sizes([], doc, PUBLISHED)
    return {round(c["value"]) for c in cands if c["field"] == "parameters"}


def unit_cands(text):
    return [(c.value, c.why) for c in _param_cands(_flags(Unit(3, text, "text", "body", 1)))]


# ------------------------------------------------------------------ a network's depth is not a component


def test_a_depth_before_the_network_is_not_a_components_count():
    (v, why), = unit_cands("Notably, the 16-layers convolutional network with 31.2M parameters beats the baselines.")
    assert v == pytest.approx(31.2e6) and "a component's parameters" not in why
    (v, why), = unit_cands("The resulting 50-layer model has 12.5 million parameters in total.")
    assert "a component's parameters" not in why
    # near-misses: a component's count stays one
    for t in ("Each layer of the decoder holds 4.2M parameters.", "The 2-layer adapter adds 1.1M parameters.",
              "The gating block has 3M parameters.", "In our network the attention head uses 0.6M parameters."):
        (_, why), = unit_cands(t)
        assert "a component's parameters" in why, t


def test_a_count_of_layers_or_heads_describes_the_whole_network():
    for t in ("The network consists of 30 layers and 2.1B parameters in total.",
              "Our encoder has 10 layers, 12 heads and 61M parameters."):
        (_, why), = unit_cands(t)
        assert "a component's parameters" not in why, t
    # near-misses: some of the layers, or layers added, are a part of the network
    for t in ("We fine-tune only the final 3 layers, which hold 2.6M parameters.",
              "Each of the 18 blocks holds 9M parameters.", "We insert 4 layers with 6.5M parameters."):
        (_, why), = unit_cands(t)
        assert "a component's parameters" in why, t


# ------------------------------------------------------------------ a count in parentheses after "parameters"


def test_a_count_in_parentheses_after_the_word_parameters():
    assert 27_000_000 in param_values("Unlike prior volumetric models, our network needs far fewer parameters (27M versus "
                                      "90M for the ensemble) and fewer input views.")
    assert 1_400_000_000 in param_values("We scale the number of parameters (about 1.4 billion in the largest run).")
    # near-misses: a reference, an equation, a year, a small count in parentheses
    assert not param_values("The parameters (see Table 3) are tuned on the validation split of 50 tasks.")
    assert not param_values("All parameters (2019) were re-estimated with 12 samples.")
    assert not param_values("The hyper-parameters (12 in total) are listed in the appendix with 3 examples.")


# ------------------------------------------------------------------ table headers


def test_a_header_whose_column_names_carry_ordinals_is_a_header():
    assert _header_numbers("Net Input Conv. 1 Conv. 2 Dense 1 Output Parameters") == 0
    assert _header_numbers("Model 12 24 48 Params") == 3  # numbers that are cells, not names
    page = ("Table 7: Architectures of the agents.\nNet Input Conv. 1 Conv. 2 Dense 1 Output Parameters\n"
            "Small agent 4 16 16 128 up to 9 88,401\nLarge agent (5 tasks) 4 64 64 900 64 (x5) 3,104,552\n")
    assert {88_401, 3_104_552} <= raw_page_values(page)


def test_a_params_column_whose_cell_is_not_aligned_reads_the_rows_one_count_with_a_magnitude():
    # a header broken over lines: the cell under "Params" (from the right) is an error rate
    page = ("Table 2: Factorized layers on the large benchmark.\nMethod\n#Net Params\n(Ratio) Top 1 Err Top 5 Err\n"
            "Dense / 41.1% 19.2%\nLowRank-2 12.3M(4.1x) 42.7% 20.3%\nOurs-2 12.3M(4.1x) 41.9% 19.9%\n")
    assert 12_300_000 in raw_page_values(page)
    # near-miss: two magnitudes in the row (cost and size): which one is the count is not guessed
    page = ("Table 3: Detection results.\nMethod\n#Net Params\n(Cost) AP AP50\n"
            "Det-A 1,200 M 6.1 M 20.4% 39.0%\nDet-B (ours) 1,100 M 5.2 M 22.0% 40.1%\n")
    assert not raw_page_values(page) & {1_100_000_000, 1_200_000_000}


def test_column_abbreviations_of_parameters():
    page = ("Table 1: Results on the entailment benchmark.\nModel #Para. Train Test\n"
            "(1) BiGRU-Enc 2.2M 84.0 82.5\n(2) DeepGRU-Enc 5.1M 90.1 86.6\n")
    assert {2_200_000, 5_100_000} <= raw_page_values(page)
    # a caption that names the column's symbol: "parameter counts |W|"
    assert _caption_aliases("Table 4: Hidden sizes h and parameter counts |W| for each variant.") == {"|W|": ("parameters", "")}
    page = ("Variant h |W| h |W|\nPlain 120 180,400 140 250,960\nGated 100 181,300 120 252,720\n"
            "Table 4: Hidden sizes h and parameter counts |W| for each variant.\n")
    assert {250_960, 252_720} <= raw_page_values(page)
    # near-misses: a caption that only mentions parameter counts defines no column; "Para" alone is no header
    assert _caption_aliases("Table 5: parameter counts for all models.") == {}
    page = "Model Para Train Test\nbase 2.2 84.0 82.5\ndeep 5.1 90.1 86.6\n"
    assert not raw_page_values(page)


# ------------------------------------------------------------------ raw-text table rows and captions


def test_a_table_row_with_a_citation_is_still_a_row():
    from aicompute.sizes.text import _is_table_line

    assert _is_table_line("(4) 200D tree-based GRU encoders (Kowalski et al., 2017) 2.6M 81.3 80.1")
    assert _is_table_line("Sparse-Net [14, 15] 12.5M 77.1 93.0")
    assert _is_table_line("Pyramid model (Nguyen and Tran, 2018) 8.0M 79.4")
    # near-misses: prose with a citation and a number stays prose
    assert not _is_table_line("as reported by the authors of the original model (Kowalski et al., 2017) with 2.6M weights")
    assert not _is_table_line("We follow (Nguyen and Tran, 2018) and train it for 90 epochs on the full set")
    page = ("Model #Para. Train Test\n(1) Bag-of-words baseline (Kowalski et al., 2017) - 80.2 77.0\n"
            "(2) 300D recurrent encoders (Nguyen and Tran, 2018) 3.1M 84.0 81.9\n"
            "(3) 600D DualAttn-Net (ours) 6.2M 92.0 88.1\n"
            "Table 1: Accuracy on the entailment benchmark.\n")
    assert {3_100_000, 6_200_000} <= raw_page_values(page)


def test_a_caption_below_a_table_is_read_with_its_continuation_lines():
    page = ("Variant h |W| h |W|\nPlain 120 180,400 140 250,960\nGated 100 181,300 120 252,720\n"
            "Table 4: Hidden sizes h and composition\nfunction parameter counts |W| for each vari-\nant that we train.\n"
            "The gated variant is the one we use below.\n")
    assert {250_960, 252_720} <= raw_page_values(page)
    # near-miss: a caption that ends on its first line does not take the prose below it
    page = ("Variant h |W| h |W|\nPlain 120 180,400 140 250,960\n"
            "Table 4: Hidden sizes of each variant.\nOur parameter counts |W| are not shown here.\n")
    assert not raw_page_values(page) & {180_400, 250_960}


# ------------------------------------------------------------------ number formats and row labels


def test_a_multiplication_sign_before_a_power_of_ten_keeps_the_mantissa():
    assert 3_600_000 in param_values("Our network contains 3.6 × 10^6 trainable parameters.")
    assert 1_000_000 not in param_values("Our network contains 3.6 × 10^6 trainable parameters.")
    # near-misses: a shape or a product of small numbers is no power of ten
    assert not param_values("The input is 224 × 224 pixels with 3 channels and a parameter sharing scheme.")


def test_a_row_labelled_number_of_params_in_a_transposed_table():
    page = "Model Tiny Base Huge\n# of params 4.1M 22.3M 310.5M\nTop-1 71.0 79.2 83.1\n"
    assert 310_500_000 in raw_page_values(page)
    page = "Model Tiny Base Huge\nNo. of Params 4.1M 22.3M 310.5M\nTop-1 71.0 79.2 83.1\n"
    assert 310_500_000 in raw_page_values(page)
    # near-miss: a row of trainable (adapter) parameters is not read as the model's size
    page = "Method LoRA Adapter Prefix\nTrainable params 4.7M 7.1M 0.8M\nAcc 73.4 72.9 70.1\n"
    assert not raw_page_values(page) & {4_700_000, 7_100_000}


# ------------------------------------------------------------------ a table row naming the paper's own model


def test_a_row_names_the_own_model_only_where_a_word_starts_with_the_name():
    from aicompute.sizes.tables import _own_name_rx

    rx = _own_name_rx(["GLIDE", "Zeta"])
    # the name, a numbered or longer variant of it, in any case
    assert rx.search("GLIDE-12 4.1M 71.2")
    assert rx.search("Glidelite-30 1.2M 66.0")
    assert rx.search("ZETA (large) 310M 80.4")
    assert rx.search("Zeta9 12M 70.1")
    # near-misses: the name inside another word is another model ("OmniZeta", "PreGLIDE", "bezeta")
    assert not rx.search("OmniZeta-L 95M 79.9")
    assert not rx.search("PreGLIDE 8.8M 70.3")
    assert not rx.search("bezeta 2.0M 61.5")
    assert _own_name_rx([]) is None and _own_name_rx(["  "]) is None


def test_a_baseline_whose_name_holds_ours_inside_is_not_our_row():
    page = ("Table 3: Comparison on the test set.\n"
            "Method Params Top-1\n"
            "OmniZeta-L 95.0M 79.9\n"
            "Zeta-L 31.0M 80.2\n")
    doc = Document("x.pdf", 1, ["Zeta: fast nets for tiny chips\n" + page], [0.0], pages_read_carefully=[],
                   page_sections=["body"])
    from aicompute.sizes.choice import _choose_sizes

    _, all_c = _choose_sizes([], doc, False, rules_only=True)
    own = {round(c.value) for c in all_c["parameters"] if c.own}
    assert own == {31_000_000}


# ------------------------------------------------------------------ a model of a size in general; a teacher's size


def flagged_values(text):
    return {round(c.value): c.flagged for c in _param_cands(_flags(Unit(3, text, "text", "body", 1)))}


@pytest.mark.parametrize("text, value", [
    ("Scaling laws predict that a 10B model needs about 200B tokens to be compute-optimal.", 10e9),
    ("According to the scaling law, a 70B model should be trained on 1.4T tokens.", 70e9),
    ("A compute-optimal 3B model would need roughly 60B training tokens.", 3e9),
])
def test_a_model_of_a_size_in_general_is_flagged(text, value):
    # any model of that size, stated as a need or a prediction: not a run of the paper
    assert flagged_values(text)[round(value)] is True


@pytest.mark.parametrize("text, value", [
    ("We train a 10B model on 200B tokens.", 10e9),  # a run of ours
    ("A 10B model is trained on 200B tokens for this study.", 10e9),  # a run stated in the passive, no need or prediction
    ("Our 10B model needs only 100B tokens to match the baseline.", 10e9),  # "our": ours
])
def test_a_run_of_a_model_of_that_size_is_not_flagged(text, value):
    assert flagged_values(text)[round(value)] is False


@pytest.mark.parametrize("text, teacher, student", [
    ("The 66M-parameter student is distilled from a 110M-parameter teacher.", 110e6, 66e6),
    ("The teacher (BERT-large, 340M parameters) is distilled into a 4-layer student with 14.5M parameters.", 340e6, 14.5e6),
])
def test_a_distillation_teachers_size_is_another_models(text, teacher, student):
    vals = flagged_values(text)
    assert vals[round(teacher)] is True and vals.get(round(student)) is False
    c = next(c for c in _param_cands(_flags(Unit(3, text, "text", "body", 1))) if round(c.value) == round(teacher))
    assert "another model's size" in c.cues and "a teacher's size (distillation)" in c.why


# ------------------------------------------------------------------ a count in the clause of a parameter word


@pytest.mark.parametrize("text, value", [
    ("The total number of parameters in our network is 3.1M.", 3.1e6),
    ("The number of learnable parameters of the proposed recognizer is about 2.4 million.", 2.4e6),
    ("The parameter count of our full pipeline comes to roughly 870K.", 870e3),
    ("All told, the params of the final detector add up to 14,250,000.", 14.25e6),
    ("Model size: the student network we distil totals 6.5 M in all.", 6.5e6),
])
def test_a_count_in_the_clause_of_a_parameter_word(text, value):
    # however the sentence is built, the first magnitude after "parameters" / "parameter count" / "model size" in its
    # clause is a candidate (at a lower score than "N parameters")
    cs = [c for c in _param_cands(_flags(Unit(3, text, "text", "body", 1))) if round(c.value) == round(value)]
    assert cs and any("a count in the clause of a parameter word" in w or "parameter count" in w for w in cs[0].why)


@pytest.mark.parametrize("text", [
    "The other hyper-parameters follow the run on 3M sentences.",  # hyper-parameters: no parameter count
    "Our model has 1.9M parameters (versus 62.3M for the baseline).",  # the baseline's count, after "versus"
    "It needs fewer parameters than the teacher, 7M versus 110M.",  # a comparison between the word and the counts
    "The parameters are trained on 45,000 images for 20,000 iterations.",  # data amounts and steps
    "We keep the parameter budget fixed at 5M.",  # a budget is a bound, not a model
    "The model uses #params=21.4M and FLOPs=3.2G per image.",  # FLOPs: another quantity after the first count
    "Parameters are stored in 16-bit floats, 1,500,000 of them per shard of the cache.",  # another number (16) first
])
def test_counts_near_a_parameter_word_that_are_not_the_models(text):
    vals = {round(c.value) for c in _param_cands(_flags(Unit(3, text, "text", "body", 1)))
            if any("a count in the clause of a parameter word" in w for w in c.why)}
    assert not vals - {21400000}  # (#params=21.4M is read by the "params =" pattern, not this class)


# ------------------------------------------------------------------ a "Model Size" column


def table_param_values(caption, *rows):
    texts = [caption, *rows]
    sents = [Sentence(6, t, "caption" if i == 0 else "table", "body", index=i) for i, t in enumerate(texts)]
    _, cands = extract_sizes(sents, None, PUBLISHED)
    return {round(c["value"]) for c in cands if c["field"] == "parameters"}


@pytest.mark.parametrize("rows", [
    ("Detector Model Size mAP", "TinyBox 18.2M 31.0", "Ours-S 7.4M 33.5"),  # cells carry their magnitude
    ("Detector Model Size (M) mAP", "TinyBox 18.2 31.0", "Ours-S 7.4 33.5"),  # the header's unit says millions
    ("Detector Model Size", "(Params) mAP", "TinyBox 18.2M 31.0", "Ours-S 7.4M 33.5"),  # a header over two lines
])
def test_a_model_size_column_counts_parameters(rows):
    assert {18200000, 7400000} <= table_param_values("Table 4: Detectors on our benchmark.", *rows)


@pytest.mark.parametrize("rows", [
    ("Detector Model Size mAP", "TinyBox 72.5 31.0", "Ours-S 29.9 33.5"),  # bare numbers: megabytes as often as millions
    ("Detector Model Size (MB) mAP", "TinyBox 72.5 31.0", "Ours-S 29.9 33.5"),  # megabytes
    ("Detector Input Size mAP", "TinyBox 512 31.0", "Ours-S 320 33.5"),  # an input size is no model size
])
def test_a_size_column_that_is_not_a_parameter_count(rows):
    assert not table_param_values("Table 4: Detectors on our benchmark.", *rows)


# ------------------------------------------------------------------ a row named by no word: a setting of a sweep


def table_param_cands(caption, *rows):
    from aicompute.sizes.choice import _choose_sizes

    texts = [caption, *rows]
    sents = [Sentence(6, t, "caption" if i == 0 else "table", "body", index=i) for i, t in enumerate(texts)]
    _, all_c = _choose_sizes(sents, None, False, rules_only=True)
    return {round(c.value): c for c in all_c["parameters"]}


@pytest.mark.parametrize("rows", [
    ("α/γ Params Recall", "0/0 4.10 x 10^6 0.712", "0/1 9.30 x 10^6 0.705", "1/1 2.20 x 10^5 0.698"),  # two weights swept
    ("Dropout #Params Acc.", "0.1/0.3 4.1M 88.2", "0.2/0.5 9.3M 87.5", "0.5/0.5 0.22M 86.1"),
    ("Source #Params BLEU", "[31] 4.1M 27.2", "[7, 9] 9.3M 28.0", "[40] 0.22M 26.3"),  # rows named by a citation alone
])
def test_a_row_named_by_no_word_is_a_setting_not_a_model(rows):
    cands = table_param_cands("Table 5: Effect of the two penalties on sparsity.", *rows)
    assert {4_100_000, 9_300_000, 220_000} <= set(cands)
    for v in (4_100_000, 9_300_000, 220_000):
        assert cands[v].flagged and any("a setting of a sweep" in w for w in cands[v].why)
        assert cands[v].score < 2.0  # under the rules' floor: alone, no value is given


@pytest.mark.parametrize("rows", [
    ("Model Params Acc.", "Zeta-S 4.1M 88.2", "Zeta-M 9.3M 87.5", "Zeta-T 0.22M 86.1"),  # named models
    ("Depth Params Acc.", "2-layer 4.1M 88.2", "4-layer 9.3M 87.5", "1-layer 0.22M 86.1"),  # a word in the name
    ("Variant Params Acc.", "Ours 4.1M 88.2", "w/ 1x1 9.3M 87.5", "k = 3 0.22M 86.1"),  # ours; letters in the setting
])
def test_rows_named_by_words_are_read_as_before(rows):
    cands = table_param_cands("Table 5: Effect of the two penalties on sparsity.", *rows)
    assert {4_100_000, 9_300_000, 220_000} <= set(cands)
    assert not any("a setting of a sweep" in w for c in cands.values() for w in c.why)


def test_setting_row_needs_no_letter_in_the_name_nor_in_its_group():
    from aicompute.sizes.tables import _setting_row

    assert _setting_row("0/1", "") and _setting_row("[12]", None)
    assert _setting_row("0.5 / 0.1", "") and _setting_row("28-10", "")
    assert not _setting_row("", "") and not _setting_row("ResNet 50", "") and not _setting_row("50", "ResNet")


# ------------------------------------------------------------------ a sized model name after "of" / "from" is no dataset


def sized_name_reasons(*texts):
    from aicompute.sizes.choice import _choose_sizes

    sents = [Sentence(2, t, "text", "body", index=i) for i, t in enumerate(texts)]
    _, all_c = _choose_sizes(sents, None, False, rules_only=True)
    return {(round(c.value), c.u.index): c for c in all_c["parameters"]}


@pytest.mark.parametrize("first", [
    "The development of Zeta 7B v0.2 addresses the scarcity of Welsh training data.",  # a version after the name
    "The tokenizer from the Zeta 7B model was not trained on Welsh data.",  # a model noun after it
    "We describe the architecture of Zeta 7B, its data and its training.",  # a model's part before "of"
    "We release quantized versions of Zeta 7B together with the training data.",
])
def test_a_sized_model_name_after_of_or_from_is_not_taken_for_a_dataset(first):
    cands = sized_name_reasons(first, "This paper introduces Zeta 7B, a language model for Welsh trained on 90B tokens.")
    c = cands[(7_000_000_000, 1)]
    assert "a dataset's name (the paper trains on it)" not in c.why and not c.flagged


@pytest.mark.parametrize("first", [
    "We pre-train on Vista-2B, a collection of two billion public images.",  # a dataset's noun after it
    "All encoders are pre-trained on the Vista-2B images before fine-tuning.",
    "Our encoder is pre-trained from Vista-2B with the standard training recipe.",  # from + a training sentence
])
def test_a_sized_dataset_name_stays_data_where_the_paper_trains_on_it(first):
    cands = sized_name_reasons(first, "Table 2 compares MoCo Vista-2B with supervised pre-training when fine-tuned.")
    c = cands[(2_000_000_000, 1)]
    assert "a dataset's name (the paper trains on it)" in c.why and c.flagged


# ------------------------------------------------------------------ params13: a data unit after the number


@pytest.mark.parametrize("text, data_amount, own", [
    ("Our recognizer has 95 million parameters and sees a 2.4T-token corpus once.", 2_400_000_000_000, 95_000_000),
    ("With 40M parameters, the encoder is trained on 3M-image subsets of the web crawl.", 3_000_000, 40_000_000),
    ("The total number of parameters is 310M, and the model is fit on a 12k-hour speech collection.", 12_000, 310_000_000),
    ("The parameter count of our network is 2.2 billion; we train it over 600B tokens.", 600_000_000_000, 2_200_000_000),
    ("Parameters of the policy: 48M, tuned with 20M-frame rollouts.", 20_000_000, 48_000_000),
])
def test_a_number_whose_unit_is_a_data_unit_is_no_parameter_count(text, data_amount, own):
    vals = param_values(text)
    assert own in vals and data_amount not in vals, vals


@pytest.mark.parametrize("text, value", [
    # near-misses: a count of parameters whose next words are not a data unit
    ("The parameter count of our network is 2.2 billion, trained in three stages.", 2_200_000_000),
    ("Our model has 64M parameters - tokens are embedded with a shared table.", 64_000_000),
])
def test_a_parameter_count_before_other_words_stays(text, value):
    assert value in param_values(text)


# ------------------------------------------------------------------ params13: weights as a synonym of parameters


@pytest.mark.parametrize("text, value", [
    ("The compact detector contains approximately 48 million weights.", 48_000_000),
    ("In total the network holds 7.5M learnable weights.", 7_500_000),
    ("After pruning, 1.9M trainable weights remain in the student.", 1_900_000),
    ("Our largest variant has 3 billion weights spread over 40 blocks.", 3_000_000_000),
])
def test_weights_counted_as_a_size_are_parameters(text, value):
    assert value in param_values(text)


@pytest.mark.parametrize("text", [
    "We set the weight decay to 0.05 for all 300 epochs.",
    "The two losses are summed with weights of 0.5 and 2.",
    "A weight of 3 is given to the rare classes.",
    "We start from the pre-trained weights released with the 12-layer checkpoint.",
    "The ensemble averages 5 weights per head.",
])
def test_weights_that_are_no_model_size(text):
    assert not param_values(text)


# ------------------------------------------------------------------ params13: a cited model's size in parentheses


@pytest.mark.parametrize("text, cited", [
    ("Chinchilla [17] (70B parameters) is beyond our budget, so we train a 410M model.", 70e9),
    ("Frontier systems like Gopher (280B) [22] dominate; we train a 1.1B model instead.", 280e9),
    ("Megatron-Turing NLG (Smith et al., 2022) (530B parameters) needs thousands of GPUs, while we use 8.", 530e9),
])
def test_a_cited_models_size_in_parentheses_is_flagged(text, cited):
    (c,) = [c for c in _param_cands(_flags(Unit(3, text, "text", "body", 1))) if c.value == pytest.approx(cited)]
    assert c.flagged  # (by this rule, or by one about another model in the clause that fires first)
    others = [c for c in _param_cands(_flags(Unit(3, text, "text", "body", 1))) if c.value != pytest.approx(cited)]
    assert all(o.score > c.score for o in others)


def test_a_cited_models_size_in_parentheses_has_its_reason():
    (why,) = [w for v, w in unit_cands("Chinchilla [17] (70B parameters) is beyond our budget, so we train a 410M model.")
              if v == pytest.approx(70e9)]
    assert "a cited model's size in parentheses after its name" in why


@pytest.mark.parametrize("text, value", [
    # near-misses: the paper fine-tunes or trains the cited model itself, or the size is in no parentheses
    ("We fine-tune Falcon [3] (40B parameters) on the translated instructions.", 40e9),
    ("We continue training OPT [41] (1.3B parameters) on code for 10k steps.", 1.3e9),
    ("Our model (350M parameters) [ours] beats the baselines.", 350e6),
    ("Our encoder has 86M parameters, as in ViT-B [9].", 86e6),
])
def test_a_size_in_parentheses_that_is_no_cited_models(text, value):
    (why,) = [w for v, w in unit_cands(text) if v == pytest.approx(value)]
    assert "a cited model's size in parentheses after its name" not in why


# ------------------------------------------------------------------ params13: a unit in the params header, ours row


def table_choice(header_rows, rows):
    from aicompute.sizes.choice import _choose_sizes

    texts = ["Table 2: Accuracy and size on the held-out set.", *header_rows, *rows]
    sents, seen = [], []
    for i, t in enumerate(texts):
        kind = "caption" if i == 0 else "table"
        sents.append(Sentence(6, t, kind, "body", index=i, context=" / ".join(seen[-2:]) if kind == "table" else ""))
        if kind == "table":
            seen.append(t)
    chosen, all_c = _choose_sizes(sents, None, False, rules_only=True)
    return chosen.get("parameters"), {round(c.value): c for c in all_c["parameters"]}


@pytest.mark.parametrize("headers, rows", [
    (["Backbone #Param. (M) Acc. (%)"], ["WideNet [14] 36.5 78.0", "SlimNet [7] 21.2 77.1", "FoldNet (ours) 9.4 79.3"]),
    (["Backbone Params (M) GFLOPs Acc."], ["WideNet [14] 36.5 5.1 78.0", "SlimNet [7] 21.2 3.3 77.1", "Ours 9.4 1.2 79.3"]),
    (["Backbone #Param. Acc.", "(M) (%)"], ["WideNet [14] 36.5 78.0", "SlimNet [7] 21.2 77.1", "FoldNet (Ours) 9.4 79.3"]),
])
def test_a_params_column_with_its_unit_in_the_header_gives_the_ours_row(headers, rows):
    chosen, cands = table_choice(headers, rows)
    assert chosen is not None and chosen.value == pytest.approx(9.4e6)
    assert cands[9_400_000].own and not cands[36_500_000].own


def test_a_megabytes_header_over_bare_numbers_is_no_parameter_count():
    chosen, cands = table_choice(["Backbone Size (MB) Acc. (%)"], ["WideNet [14] 146 78.0", "FoldNet (ours) 38 79.3"])
    assert chosen is None and not cands
