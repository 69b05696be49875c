"""Size facts of the main run (aicompute.sizes), on sentences of our own for each class of statement."""

from __future__ import annotations

import datetime as dt

import pytest

from aicompute.pdftext import Document, Sentence
from aicompute.sizes import SIZE_FIELDS, extract_sizes, size_page_score
from aicompute.sizes.choice import _choose_sizes

PUBLISHED = dt.date(2023, 6, 1)


def run(*texts, kinds=None, sections=None, page=5, doc=None):
    sents = [Sentence(page, t, (kinds or {}).get(i, "text"), (sections or {}).get(i, "body"), index=i)
             for i, t in enumerate(texts)]
    chosen, cands = extract_sizes(sents, doc, PUBLISHED)
    return chosen, cands


def val(chosen, f):
    return None if chosen.get(f) is None else chosen[f]["value"]


def table(header, *rows, caption=None):
    """Sentences of a table as the careful pass gives them: a header row and data rows (kind 'table')."""
    texts = ([caption] if caption else []) + [header, *rows]
    kinds = {i: "table" for i in range(1 if caption else 0, len(texts))}
    if caption:
        kinds[0] = "caption"
    return texts, kinds


# ------------------------------------------------------------------ the shape of the answer


def test_every_field_is_present_and_facts_carry_evidence():
    ch, cands = run("We train a 2.8B model on 300B tokens with a batch size of 1024 sequences for 143,000 steps.")
    assert set(SIZE_FIELDS) <= set(ch)
    f = ch["parameters"]
    assert f["value"] == pytest.approx(2.8e9) and f["page"] == 5 and "2.8B" in f["match"]
    assert 0 < f["confidence"] <= 1 and f["why"] and f["sentence"].startswith("We train")
    assert val(ch, "tokens_or_examples") == pytest.approx(300e9) and ch["tokens_or_examples"]["unit"] == "tokens"
    assert val(ch, "batch_size") == 1024 and val(ch, "steps") == 143000
    main = [c for c in cands if c["role"] == "main"]
    assert {c["field"] for c in main} == {f for f in SIZE_FIELDS if ch[f] is not None}
    assert all({"field", "value", "page", "sentence", "match", "confidence", "why"} <= set(c) for c in cands)


def test_nothing_stated_gives_nothing():
    ch, cands = run("We propose a new regularizer and evaluate it on three benchmarks.",
                    "Results improve on all of them, as Table 2 shows.")
    assert all(ch[f] is None for f in SIZE_FIELDS) and cands == []


# ------------------------------------------------------------------ parameters and data


def test_model_size_in_the_name_and_tokens():
    ch, _ = run("LLaMA-33B and LLaMA-65B were trained on 1.4T tokens, and the smaller models on 1.0T tokens.",
                "Our 7B model is trained on 1T tokens.")
    assert val(ch, "parameters") == pytest.approx(65e9)  # the largest model trained in full
    assert val(ch, "tokens_or_examples") == pytest.approx(1.4e12) and ch["tokens_or_examples"]["unit"] == "tokens"


def test_a_7b_model_trained_on_1t_tokens():
    ch, _ = run("We release a 7B model trained on 1T tokens of public data.")
    assert val(ch, "parameters") == pytest.approx(7e9) and val(ch, "tokens_or_examples") == pytest.approx(1e12)


def test_parameter_count_phrasings():
    assert val(run("Our model has 340M parameters.")[0], "parameters") == pytest.approx(340e6)
    assert val(run("The network has #params = 79.5 x 10^6 and FLOPs = 16.0 x 10^9.")[0], "parameters") == pytest.approx(79.5e6)
    assert val(run("This gives a 13-billion parameter model that we call Orca.")[0], "parameters") == pytest.approx(13e9)
    assert val(run("In total the student has approximately 15,000 trainable parameters.")[0], "parameters") == 15000


def test_other_peoples_model_sizes_are_not_ours():
    ch, _ = run("Our model has 1.3B parameters, far fewer than GPT-3 (175B) (Brown et al., 2020).",
                "Compared with the 530B-parameter Megatron-Turing NLG [12], it is cheap to train.")
    assert val(ch, "parameters") == pytest.approx(1.3e9)
    ch, _ = run("Unlike GPT-3, which has 175 billion parameters [3], we study small networks.")
    assert ch["parameters"] is None


def test_figure_and_table_labels_are_not_model_sizes():
    ch, _ = run("As Fig. 2B and Table 3B show, the loss decreases.")
    assert ch["parameters"] is None


def test_mixture_of_experts_total_and_active():
    ch, _ = run("Jamba has 12B active parameters and 52B total available parameters.")
    assert val(ch, "parameters") == pytest.approx(52e9) and val(ch, "active_parameters") == pytest.approx(12e9)
    texts, kinds = table("Attribute 3B 9B 27B", "Active Params 612M 1.66B 4.14B", "Total Params 2.97B 9.18B 27.0B",
                         "Batch Size 320 512 1280", "Training Steps 30000 50000 50000", "Training Tokens 39.3B 105B 262B")
    ch, _ = run(*texts, kinds=kinds)
    assert val(ch, "parameters") == pytest.approx(27e9) and val(ch, "active_parameters") == pytest.approx(4.14e9)
    # the other rows are read in the column of the chosen model
    assert val(ch, "tokens_or_examples") == pytest.approx(262e9) and val(ch, "steps") == 50000
    assert val(ch, "batch_size") == 1280


def test_dataset_sizes_in_images_examples_and_sentence_pairs():
    ch, _ = run("The CIFAR-10 dataset consists of 32 x 32 color images split into 50,000 train and 10,000 test images.")
    assert val(ch, "tokens_or_examples") == 50000
    ch, _ = run("We train the network on the ImageNet 2012 training set (1.2 million images and 1000 classes).")
    assert val(ch, "tokens_or_examples") == pytest.approx(1.2e6) and ch["tokens_or_examples"]["unit"] == "images"
    ch, _ = run("All our models are trained on the WMT'14 data consisting of 4.5M sentence pairs.")
    assert val(ch, "tokens_or_examples") == pytest.approx(4.5e6) and ch["tokens_or_examples"]["unit"] == "sentences"
    ch, _ = run("The train set contains 91,188,648 examples (1.5B tokens).")
    assert val(ch, "tokens_or_examples") == pytest.approx(1.5e9) and ch["tokens_or_examples"]["unit"] == "tokens"


def test_amounts_that_are_not_the_training_set():
    ch, _ = run("We use a maximum sequence length of 512 tokens and 100 images per class for the few-shot split.",
                "The validation set has 50,000 images.", "Inference runs at 2,000 tokens per second.")
    assert ch["tokens_or_examples"] is None


# ------------------------------------------------------------------ epochs, steps, batch


def test_epochs_of_pre_training_beat_epochs_of_fine_tuning():
    ch, _ = run("We pre-train the encoder for 100 epochs on ImageNet.",
                "For fine-tuning on CIFAR-10 we train for 3 epochs with a batch size of 32.")
    assert val(ch, "epochs") == 100


def test_schedule_points_are_not_the_run_length():
    ch, _ = run("The learning rate is dropped by a factor of 0.2 at 60, 120 and 160 epochs, with a total budget of 200 epochs.")
    assert val(ch, "epochs") == 200
    ch, _ = run("The rate is changed after 50K iterations and training is stopped after 80K iterations.",
                "We use a linear warm-up of 10,000 steps.")
    assert val(ch, "steps") == 80000
    ch, _ = run("The learning was stopped after 370K iterations (74 epochs).")
    assert val(ch, "epochs") == 74 and val(ch, "steps") == 370000


def test_epoch_ranges_and_batch_phrasings():
    ch, _ = run("It took between 10 to 15 epochs to converge, using a mini-batch of size 128.")
    assert val(ch, "epochs") == pytest.approx(12.5) and ch["epochs"]["low"] == 10 and val(ch, "batch_size") == 128
    ch, _ = run("All models are trained with a batch size of 4M tokens.")
    assert val(ch, "batch_size") == pytest.approx(4e6) and ch["batch_size"]["unit"] == "tokens"
    ch, _ = run("The batch size was set to 256, momentum to 0.9.")
    assert val(ch, "batch_size") == 256
    ch, _ = run("Training proceeded for 1 million mini-batches of size 2048.")
    assert val(ch, "steps") == pytest.approx(1e6) and val(ch, "batch_size") == 2048


# ------------------------------------------------------------------ FLOPs


def test_flops_per_forward_in_multiply_adds():
    ch, _ = run("Our 152-layer network needs 11.3 x 10^9 FLOPs (multiply-adds) per image.")
    f = ch["flops_per_forward"]
    assert f["value"] == pytest.approx(11.3e9) and f["unit"] == "multiply-add" and f["as_written"]
    # a paper that defines its FLOPs as multiply-adds once
    ch, _ = run("Throughout the paper, FLOPs refers to the number of multiplication-addition operations.",
                "Our largest model has 524 MFLOPs.")
    assert val(ch, "flops_per_forward") == pytest.approx(524e6) and ch["flops_per_forward"]["unit"] == "multiply-add"


def test_a_formula_is_not_a_flop_count():
    ch, _ = run("Each layer has P parameters, giving an M/2-FLOP cost per token and a 2N-FLOP backward pass.")
    assert ch["flops_per_forward"] is None


def test_gflops_as_a_models_cost_and_as_hardware():
    ch, _ = run("Our network requires 11.3 GFLOPS per image, less than VGG-16.")
    assert val(ch, "flops_per_forward") == pytest.approx(11.3e9)
    ch, _ = run("A V100 GPU delivers a peak of 15 TFLOPS; the Xeon CPU runs at an effective 40 GFLOPS.")
    assert ch["flops_per_forward"] is None and ch["total_training_flop"] is None


def test_stated_totals_keep_their_unit_and_skip_other_peoples():
    ch, _ = run("Training the largest model took 3.1 x 10^21 multiply-adds in total.")
    t = ch["total_training_flop"]
    assert t["value"] == pytest.approx(3.1e21) and t["unit"] == "multiply-add"
    ch, _ = run("GPT-3 was trained with 3.14E+23 FLOPs (Brown et al., 2020).",
                "Our model uses a total training compute of 2.0E+21 FLOPs.")
    assert val(ch, "total_training_flop") == pytest.approx(2.0e21)
    ch, _ = run("By comparison, GPT-3 used 3.14E+23 FLOPs of training compute [4].")
    assert ch["total_training_flop"] is None
    ch, _ = run("The 7.5B model needs 182 PF-days of training compute.")
    assert val(ch, "total_training_flop") == pytest.approx(182 * 1e15 * 86400)


# ------------------------------------------------------------------ tables


def test_column_table_prefers_our_row_and_reads_units_from_the_header():
    texts, kinds = table("Model Top-1 Madds Params", "MobileNetV2 [27] 72.0 300 3.4M", "ResNet-50 [10] 76.0 4100 25.5M",
                         "V3-Large (ours) 75.2 219 5.4M")
    ch, _ = run(*texts, kinds=kinds)
    assert val(ch, "parameters") == pytest.approx(5.4e6)
    assert val(ch, "flops_per_forward") == pytest.approx(219e6) and ch["flops_per_forward"]["unit"] == "multiply-add"
    assert ch["parameters"]["kind"] == "table"


def test_column_table_in_millions_without_our_marker_takes_the_largest():
    texts, kinds = table("model # parameters (in millions) # connections (in millions)",
                         "fast 145 2810", "accurate 144 5369", "small 60 900")
    ch, _ = run(*texts, kinds=kinds)
    assert val(ch, "parameters") == pytest.approx(145e6)


def test_row_labelled_table_reads_the_largest_column():
    texts, kinds = table("ConvNet config. A A-LRN B C D E", "Number of parameters 133 133 134 138 144")
    ch, _ = run(*texts, kinds=kinds)
    assert val(ch, "parameters") == pytest.approx(144e6)


def test_tables_on_pages_not_read_carefully_come_from_the_raw_text():
    cheap = ["Introduction\nWe study a network.", "Appendix\nmodel #Params (M) Top-1\nbase 22.1 80.1\nlarge 86.6 83.3\n"]
    doc = Document("x.pdf", 2, cheap, [1.0, 0.0], pages_read_carefully=[1], page_sections=["body", "appendix"])
    sents = [Sentence(1, "We study a network.", index=0)]
    ch, _ = extract_sizes(sents, doc, PUBLISHED)
    assert val(ch, "parameters") == pytest.approx(86.6e6) and ch["parameters"]["page"] == 2


def test_size_page_score_ranks_pages_with_sizes():
    assert size_page_score("We train a 1.3B-parameter model on 300B tokens for 100,000 steps with batch size 512.") > \
        size_page_score("We thank the reviewers for their comments.") == 0


# ------------------------------------------------------------------ more classes met on real papers


def test_one_epoch_as_a_unit_of_time_and_patience_are_not_run_lengths():
    ch, _ = run("All models are trained for 20 epochs on the full dataset.",
                "Figure 4 shows the time taken to train one epoch on 8 GPUs.",
                "The times shown are to train 1 epoch.", "We report the all-reduce time for a run of one epoch.")
    assert val(ch, "epochs") == 20
    ch, _ = run("The learning rate is decreased by a factor of 5 when validation errors stop decreasing for 2 epochs.",
                "All variants use the same scheme with 30 total epochs.")
    assert val(ch, "epochs") == 30


def test_a_cited_models_schedule_is_not_ours():
    ch, _ = run("We train for 50 epochs with a weight decay of 0.2.",
                "In contrast, X3D [12] and SlowFast [8] use 128 GPUs for 256 epochs.")
    assert val(ch, "epochs") == 50


def test_fine_tuning_stage_under_its_heading():
    cheap = ["3 Pre-training\n3.2 Training Hyperparameters\nThe model was trained on 36B tokens over 2 epochs.\n"
             "Training continued for a total of 17350 iterations.",
             "4 Post-training\n4.3 Training Hyperparameters\nWe trained the model for 3 epochs, processing 2.1 billion tokens.\n"
             "The training process spanned a total of 55,440 iterations."]
    doc = Document("x.pdf", 2, cheap, [0.0, 0.0], pages_read_carefully=[], page_sections=["body", "body"])
    ch, _ = extract_sizes([], doc, PUBLISHED)
    # (the post-training stage's 3 epochs and 55,440 iterations are never given)
    assert val(ch, "epochs") == 2 and val(ch, "steps") != 55_440
    assert val(ch, "tokens_or_examples") == pytest.approx(36e9)


@pytest.mark.xfail(strict=True, reason="since round 18 no step count is given when it is stated apart from the run given "
                   "in epochs (sizes_ranker CONFIG steps abstain_epochs_run): labels record a run's length once in 41 of the "
                   "44 development papers with epochs labelled; this form, where they keep both, is one of the two development "
                   "values the trade loses (shipped evaluate: 22 -> 20/27; cv --all-papers 10-salt steps right/wrong/invented 21.4/4.2/16.0 -> 21.6/4.0/9.0)")
def test_steps_restating_the_runs_epochs_in_the_next_sentence():
    cheap = ["3 Pre-training\n3.2 Training Hyperparameters\nThe model was trained on 36B tokens over 2 epochs.\n"
             "Training continued for a total of 17350 iterations."]
    doc = Document("x.pdf", 1, cheap, [0.0], pages_read_carefully=[], page_sections=["body"])
    ch, _ = extract_sizes([], doc, PUBLISHED)
    assert val(ch, "epochs") == 2 and val(ch, "steps") == 17350


def test_years_dataset_names_and_broken_numbers():
    ch, _ = run("We train the network on the ImageNet 2012 training set.")
    assert ch["tokens_or_examples"] is None
    ch, _ = run("We pre-train on the JFT-4B dataset, which contains roughly 4 billion labelled images.")
    assert ch["parameters"] is None and val(ch, "tokens_or_examples") == pytest.approx(4e9)
    ch, _ = run("RBMs were trained for 200 epochs using mini-batches of size 100 on 40, 000 total samples.")
    assert val(ch, "tokens_or_examples") == 40000 and val(ch, "batch_size") == 100
    ch, _ = run("DPN-131 has #params = 79.5 x 106 and FLOPs = 16.0 x 109.")  # superscripts flattened
    assert val(ch, "parameters") == pytest.approx(79.5e6) and val(ch, "flops_per_forward") == pytest.approx(16e9)


def test_a_separate_smaller_run_does_not_give_the_main_runs_data():
    ch, _ = run("Our primary focus is a 27B model trained on 262B tokens.",
                "To study token scaling, we train a separate 3B model on a fixed corpus of 1 trillion tokens.")
    assert val(ch, "parameters") == pytest.approx(27e9) and val(ch, "tokens_or_examples") == pytest.approx(262e9)


def test_data_stated_only_beside_another_model_size_is_marked_for_the_estimate():
    # the only token count belongs to the ablation models: given (it is a statement), but marked, so the
    # estimate does not multiply it by the main model's parameters
    for other in ("We first study the mixing ratio, with 1.5B parameters models trained for 200B tokens.",
                  "Our ablation models have 1.5B parameters and are trained on 200B tokens."):
        ch, _ = run("Our released model has 40B parameters in total.", other)
        assert val(ch, "parameters") == pytest.approx(40e9) and val(ch, "tokens_or_examples") == pytest.approx(200e9)
        assert ch["tokens_or_examples"]["other_model_size"] is True
    # near-misses: the data stated with the chosen count, or in a sentence naming no model size, is not marked
    ch, _ = run("Our released model has 40B parameters in total.", "The 40B model is trained on 1T tokens.")
    assert val(ch, "tokens_or_examples") == pytest.approx(1e12) and not ch["tokens_or_examples"].get("other_model_size")
    ch, _ = run("Our released model has 40B parameters in total.", "We pre-train it on 1T tokens of web text.")
    assert val(ch, "tokens_or_examples") == pytest.approx(1e12) and not ch["tokens_or_examples"].get("other_model_size")


def test_a_component_is_not_the_model_and_plans_are_not_runs():
    ch, _ = run("To keep it efficient, our LNP block uses only 0.3M parameters.", "Our full model has 16.9M parameters.")
    assert val(ch, "parameters") == pytest.approx(16.9e6)
    ch, _ = run("We intend the dataset to be used to train 40-200B parameters models.", "We train a 7.5B parameters model.")
    assert val(ch, "parameters") == pytest.approx(7.5e9)


def test_raw_text_table_with_a_header_broken_over_lines_and_magnitudes_in_cells():
    page = ("Table 5: Compression statistics for VGG-16.\nLayer #Weights Weights%\n(P)\nWeight\nbits\n(P+Q)\n"
            "conv1 1 2K 58% 8 6.8\nconv4 2 2M 27% 8 4.2\nconv4 3 2M 34% 8 4.4\nconv5 1 2M 35% 8 4.7\n"
            "fc6 103M 4% 5 3.6\nTotal 138M 7.5%(13x) 6.4 4.1\n")
    doc = Document("x.pdf", 1, [page], [0.0], pages_read_carefully=[], page_sections=["body"])
    ch, _ = extract_sizes([], doc, PUBLISHED)
    assert val(ch, "parameters") == pytest.approx(138e6)  # the 2M repeated in one column is not 'stated 3 times'


def test_a_bare_number_in_a_column_of_magnitudes_belongs_to_another_column():
    texts, kinds = table("Method Frames Top-1 GFLOPs Params Speed", "ViViT-L/16 32 81.3 3992 - 4.2V/s",
                         "ActionCLIP (ours) 32 82.3 563.1 141.7M 13.0V/s", "TimeSformer 96 80.7 2380 121.4M 3.0V/s")
    ch, _ = run(*texts, kinds=kinds)
    assert val(ch, "parameters") == pytest.approx(141.7e6) and val(ch, "flops_per_forward") == pytest.approx(563.1e9)


# ------------------------------------------------------------------ measuring the sizes (evaluate)


def test_shipped_size_facts_carry_what_the_confidence_model_reads():
    from aicompute.sizes import confidence_of, fact_features, feature_vector

    ch, _ = run("We train a 2.8B model on 300B tokens with a batch size of 1024 sequences for 143,000 steps.")
    f = ch["parameters"]
    assert isinstance(f["score"], float) and "distractor" not in f
    x = fact_features("parameters", f)
    assert len(x) == len(feature_vector("parameters", 0.0, [], False, False, False))
    # the features rebuilt from the fact give the confidence the fact was shipped with (for a field the rules
    # choose; a field the learned size ranker chooses carries the ranker's calibrated confidence)
    # (batch_size: a field the rules choose; tokens_or_examples is the ranker's)
    g = ch["batch_size"]
    assert "learned size ranker" not in g["why"]
    assert confidence_of("batch_size", g["score"], [g["why"]], False, False, False) == g["confidence"]
    assert "learned size ranker" in ch["tokens_or_examples"]["why"]


def test_size_records_and_cross_validated_confidence():
    from aicompute import evaluate as ev

    facts = {"status": "ok", "chosen": {
        "parameters": {"value": 2.8e9, "confidence": 0.9, "score": 4.0, "why": "we/our"},
        "tokens_or_examples": {"value": 1e9, "confidence": 0.3, "score": 2.5, "why": "trained on"},
        "epochs": {"value": 3, "confidence": 0.5, "score": 2.5, "why": ""}}}
    label = {"arxiv_id": "2301.00001", "parameters": 2.8e9, "tokens_or_examples": 300e9, "epochs": None}
    recs = ev.size_records(facts, label)
    by = {r["field"]: r for r in recs}
    assert by["parameters"]["right"] and not by["tokens_or_examples"]["right"]
    assert not by["epochs"]["right"] and not by["epochs"]["labelled"]  # a value the label does not have
    # a fake corpus: many papers, right when the score is high; every fold is scored by the others' model
    many = []
    for i in range(60):
        pid = f"2301.{i:05d}"
        hi = i % 2 == 0
        many += ev.size_records({"status": "ok", "chosen": {"parameters": {
            "value": 1e9, "confidence": 0.5, "score": 5.0 if hi else 1.0, "why": ""}}},
            {"arxiv_id": pid, "parameters": 1e9 if hi else 5e9})
    scv = ev.size_cross_validate(many, 5)
    rows = scv["calibration"]["cross-validated, all papers"]["parameters"]
    assert sum(r["given"] for r in rows) == 60
    top = rows[0]
    assert top["given"] >= 20 and top["right"] == top["given"]
    out = __import__("io").StringIO()
    ev.print_size_cv(scv, out)
    assert "Size confidence (cross-validated" in out.getvalue()


# ------------------------------------------------------------------ other models' sizes in a sentence about ours


def test_a_contrast_with_our_model_leaves_the_other_models_size_out():
    # the other model's size is in the clause without "we/our", ours in the other clause
    ch, _ = run("GPT-3 has 175B parameters, while our model has only 1.3B.")
    assert val(ch, "parameters") == pytest.approx(1.3e9)
    ch, _ = run("We train a model with 2.7B parameters, whereas the baseline of Smith uses 13B parameters.")
    assert val(ch, "parameters") == pytest.approx(2.7e9)
    ch, _ = run("Prior systems were trained on 300B tokens, but we train our 7B model on 1T tokens.")
    assert val(ch, "tokens_or_examples") == pytest.approx(1e12)
    # near-misses: both clauses are ours, or nothing in the sentence is ours
    ch, _ = run("Our model has 7B parameters, but it is trained on only 1T tokens.")
    assert val(ch, "parameters") == pytest.approx(7e9) and val(ch, "tokens_or_examples") == pytest.approx(1e12)
    ch, _ = run("We train the network with 340M parameters for 1M steps.")
    assert val(ch, "parameters") == pytest.approx(340e6)
    # a semicolon is not a contrast: the dataset's size stays the training data
    ch, _ = run("This is the ImageNet [11] training set that has ~1.28 million images in 1000 classes (often called "
                "ImageNet-1K; we count the image number instead).")
    assert val(ch, "tokens_or_examples") == pytest.approx(1.28e6)
    # "has only 1.3B" counts as parameters only where the sentence talks about parameters
    ch, _ = run("Our corpus has only 1.3B sentences.")
    assert val(ch, "parameters") is None


def test_a_cited_models_parameter_count_yields_to_ours_but_stands_alone():
    ch, _ = run("The knowledge was transferred from the ResNet-18 network [16], that has over 11 million parameters, "
                "to a significantly smaller student network.",
                "The student network is composed of approximately 15,000 trainable parameters.")
    assert val(ch, "parameters") == pytest.approx(15000)
    # a fine-tuning paper: the cited pre-trained model is the one trained, and nothing else is stated
    ch, _ = run("We fine-tune a pretrained GPT-J model [3] with 6.7B parameters on our data.")
    assert val(ch, "parameters") == pytest.approx(6.7e9)


def test_a_very_long_document_reads_prose_on_the_pages_about_sizes_only():
    from aicompute import sizes

    filler = "Each ablation used a different seed and took 2 days of work with batch size 64 on the benchmark."
    n = sizes.MAX_RAW_PROSE_PAGES + 40
    cheap = [f"Section {i + 1}\n" + "\n".join([filler] * 10) for i in range(n)]
    fact_page = n - 5
    cheap[fact_page - 1] += "\nWe train a 7B model on 1T tokens with 250,000 parameters updates.\nOur model has 7B parameters."
    doc = Document("long.pdf", n, cheap, [0.0] * n, pages_read_carefully=[], page_sections=["body"] * n)
    units = sizes._cheap_units(doc, set(), 0)
    prose_pages = {u.page for u in units if u.kind != "table"}
    assert len(prose_pages) <= sizes.MAX_RAW_PROSE_PAGES and fact_page in prose_pages
    ch, _ = extract_sizes([], doc, PUBLISHED)
    assert val(ch, "parameters") == pytest.approx(7e9) and ch["parameters"]["page"] == fact_page
    # a document under the bound reads every page's prose, as before
    short = Document("short.pdf", 3, cheap[:3], [0.0] * 3, pages_read_carefully=[], page_sections=["body"] * 3)
    assert {u.page for u in sizes._cheap_units(short, set(), 0) if u.kind != "table"} == {1, 2, 3}


# ------------------------------------------------------------------ sequence length (for steps x batch x length)


def test_sequence_length_of_the_training_run():
    ch, _ = run("We pre-train for 1M steps with a batch size of 256 sequences and a sequence length of 512 tokens.")
    assert val(ch, "sequence_length") == 512 and ch["sequence_length"]["unit"] == "tokens"
    assert val(ch, "batch_size") == 256 and val(ch, "steps") == 1e6
    for text, want in (("The model is trained with a context length of 2,048 tokens.", 2048),
                       ("We train on sequences of 1024 tokens.", 1024),
                       ("Training uses 4096-token sequences throughout.", 4096),
                       ("We use a maximum sequence length of 128 during training.", 128)):
        ch, _ = run(text)
        assert val(ch, "sequence_length") == want, text
    # near-misses: lengths of the data, of other models, of evaluation; not a length at all
    for text in ("The average sequence length is 35 tokens in the training set.",
                 "At inference we evaluate with a context length of 8192 tokens.",
                 "GPT-3 [3] uses a context length of 2048 tokens.",
                 "Sequences of 10 frames are fed to the encoder.",
                 "We train for 300 epochs with a batch size of 1024.",
                 "We train the CNN with an input size of 224 pixels.",
                 "In Atari we train on sequences of length 200 sampled from the replay buffer.",
                 "Our model supports a context length of 256K tokens.",
                 "Our model keeps a small KV cache even with 256K token contexts."):
        ch, _ = run(text)
        assert val(ch, "sequence_length") is None, text


def test_sequence_length_of_pre_training_beats_fine_tuning():
    ch, _ = run("We pre-train the model with a sequence length of 512 tokens on 1M steps.",
                "For fine-tuning on GLUE we use a maximum sequence length of 128.")
    assert val(ch, "sequence_length") == 512


def test_epochs_over_the_stated_data_are_the_runs_passes():
    ch, _ = run("We pre-train for 1,000,000 steps, which is approximately 40 epochs over the 3.3 billion word corpus.",
                "We fine-tune for 3 epochs with a batch size of 32.")
    assert val(ch, "epochs") == 40 and val(ch, "tokens_or_examples") == pytest.approx(3.3e9)
    ch, _ = run("The network is trained for 90 epochs over the 1.28M training images.",
                "The linear classifier is then trained for 100 epochs.")
    assert val(ch, "epochs") == 90
    # near-miss: epochs over a split that is not a size ("over the validation set") gain nothing
    ch, _ = run("We train for 100 epochs.", "Accuracy is averaged over 5 epochs over the validation set.")
    assert val(ch, "epochs") == 100


def test_a_model_evaluated_or_prompted_is_not_a_trained_size():
    for text in ("We evaluate the LLaMA-65B model in a zero-shot setting.",
                 "We use the 7B model for all inference experiments.",
                 "We benchmark the 13B model on MMLU and report accuracy.",
                 "We compare a 7B and a 13B model under few-shot prompting."):
        ch, _ = run(text)
        assert val(ch, "parameters") is None, text
    # near-misses: the same models trained or fine-tuned in the sentence
    ch, _ = run("We train a 7B model and evaluate it on MMLU.")
    assert val(ch, "parameters") == pytest.approx(7e9)
    ch, _ = run("We use Llama-2-7B as the base model and fine-tune it with LoRA for evaluation.")
    assert val(ch, "parameters") == pytest.approx(7e9)
    ch, _ = run("Our model has 1.3B parameters.", "We evaluate the 1.3B model zero-shot on six benchmarks.")
    assert val(ch, "parameters") == pytest.approx(1.3e9)


def test_table_cells_with_a_lost_superscript_and_shapes():
    from aicompute.sizes import _row_cells

    cells = _row_cells("DCN 5 x 104 0.4419")
    assert [c[1] for c in cells if c[1] == c[1]] == [5e4, 0.4419]  # (nan != nan)
    cells = _row_cells("Repeat Copy 3 x 512 0.0001 312,007")
    assert [c[0] for c in cells][-3:] == ["3x512", "0.0001", "312,007"]
    # near-misses: a layer shape "4 x 1024" is no power of ten; a written power stays as it was
    assert [c[0] for c in _row_cells("Ours 4 x 1024 77.1")][-2:] == ["4x1024", "77.1"]
    assert _row_cells("Ours 1.2 x 10^18 9")[-2][1] == pytest.approx(1.2e18)


def test_a_family_name_does_not_tie_another_sizes_settings_to_the_chosen_model():
    ch, _ = run("We fine-tune Llama 3.1-8B and Llama 3.1-70B as base models.",
                "- Llama 3.1 8B: Batch size of 16 with gradient accumulation step of 1; 4 epochs.",
                "- Llama 3.1 70B: Batch size of 4 with gradient accumulation step of 4; 4 epochs.")
    assert val(ch, "parameters") == pytest.approx(70e9) and val(ch, "batch_size") == 4


def test_a_capability_or_bound_is_not_a_models_size():
    for text in ("Our method works for modern large-scale models (exceeding 100 million parameters) in many tasks.",
                 "Our distributed system can handle problems of billions of samples and ten million parameters."):
        ch, _ = run(text)
        assert val(ch, "parameters") is None, text
    # near-misses: a count of our model, even beside a comparison
    ch, _ = run("Our final model has 1.2B parameters, exceeding prior work in accuracy.")
    assert val(ch, "parameters") == pytest.approx(1.2e9)
    ch, _ = run("We scale the model up to 13 billion parameters.")
    assert val(ch, "parameters") == pytest.approx(13e9)


# ------------------------------------------------------------------ abstaining on weak evidence (round 3)


def test_a_datasets_description_with_no_link_to_training_gives_no_data_size():
    for text in ("The SpeechHub dataset contains 2.4 million recordings from 900 speakers.",
                 "The FaceScape dataset consists of 21,997 labelled images of faces.",
                 "It contains click logs with 45 millions of data instances.",
                 "The corpus has 570,000 human-written sentence pairs labelled by annotators."):
        ch, _ = run(text)
        assert ch["tokens_or_examples"] is None, text
    # near-misses: the same description with training in the sentence, or the dataset trained on elsewhere
    ch, _ = run("We train on the SpeechHub dataset, which contains 2.4 million recordings.")
    assert val(ch, "tokens_or_examples") == pytest.approx(2.4e6)
    ch, _ = run("The SpeechHub dataset contains 2.4 million recordings from 900 speakers.",
                "Our recognizer is trained on SpeechHub for 20 epochs.")
    assert val(ch, "tokens_or_examples") == pytest.approx(2.4e6)
    ch, _ = run("The dataset contains 8 million training images and their ground truth words.")
    assert val(ch, "tokens_or_examples") == pytest.approx(8e6)


def test_evaluation_sets_per_group_amounts_and_capacities_are_not_the_training_data():
    for text in ("Unlike training, the GSM-Hard evaluation set contains 1,319 samples.",
                 "Training up to 2k steps, we measure perplexity on a small development set from WebCrawl containing 1,000 examples.",
                 "For training, each class has 600 samples of 84 x 84 color images.",
                 "Each domain of the training corpus contains 1,000 reviews.",
                 "During training we use a sampled softmax with 8K negative samples.",
                 "The training job keeps a replay buffer of the most recent 1 million games.",
                 "The training data has over 280k images in the training, validation and testing splits."):
        ch, _ = run(text)
        assert ch["tokens_or_examples"] is None, text
    # near-misses: the training split beside an evaluation split, and a set trained on minus a held-out part
    ch, _ = run("The training set contains 7,473 problems and the test set contains 1,319 problems.")
    assert val(ch, "tokens_or_examples") == 7473
    ch, _ = run("The training set contains 60,000 images, and each class has 6,000 of them.")
    assert val(ch, "tokens_or_examples") == 60000
    ch, _ = run("We train on 118,000 images, excluding 5,000 minival images used for testing.")
    assert val(ch, "tokens_or_examples") == 118000


def test_dataset_names_and_lists_of_other_models_are_not_our_model_size():
    ch, _ = run("Table 2 compares MoCo IG-1B with supervised pre-training when the models are fine-tuned.",
                "We pre-train on IG-1B, a collection of one billion public images.")
    assert ch["parameters"] is None
    ch, _ = run("Table 4 compares MoCoIG-1B, as the text layer glues it, with supervised models on the training set.",
                "We pre-train on IG-1B, a collection of one billion public images.")
    assert ch["parameters"] is None
    ch, _ = run("Where results for the PaLM-540B language model were available from previous work, we included them.")
    assert ch["parameters"] is None
    ch, _ = run("Training questions answered by InternLM-7B-Chat, Qwen-7B-Chat, ChatGLM2-6B, Baichuan2-7B-Chat and "
                "Yi-6B-Chat models.")
    assert ch["parameters"] is None
    # near-misses: one named model of ours trained, and a pair in which we name the one we train
    ch, _ = run("We fine-tune Falcon-1B with our method on the new data.")
    assert val(ch, "parameters") == pytest.approx(1e9)
    ch, _ = run("We fine-tune Yi-34B on our data.")
    assert val(ch, "parameters") == pytest.approx(34e9)


def test_a_metric_in_a_params_column_is_not_a_parameter_count():
    texts, kinds = table("Model #Params Logloss AUC", "DNN 0.4465 0.4453 0.8011", "DCN 0.4421 0.4419 0.8026")
    ch, _ = run(*texts, kinds=kinds)
    assert ch["parameters"] is None
    texts, kinds = table("Model #Params Top-1", "ResNet-50 25.6 76.1", "Ours 23.4 77.0")
    ch, _ = run(*texts, kinds=kinds)
    assert val(ch, "parameters") == pytest.approx(23.4e6)


def test_warm_up_sweeps_units_and_other_models_runs_are_not_the_run_length():
    for text in ("We linearly warm up the learning rate from 0 to 1e-6 over 150 steps.",
                 "We use a warmup learning rate of 0.0005 for 1000 iterations after which it is increased to 0.005."):
        ch, _ = run(text)
        assert ch["steps"] is None, text
    ch, _ = run("After a warm-up of 500 steps, we train for 100K steps in total.")
    assert val(ch, "steps") == 100000
    for text in ("We keep the number of pretraining tokens fixed, but train for 1, 5, 25, and 100 epochs.",
                 "The learner is updated for 20 and 60 epochs respectively for the 1-shot and 5-shot tasks.",
                 "The robust generator is kept when the discriminator has the largest drop of performance in one epoch.",
                 "Compared to X3D and SlowFast, both trained with 128 GPUs for 256 epochs, our training is much faster."):
        ch, _ = run(text)
        assert ch["epochs"] is None, text
    ch, _ = run("The learning rate drops at 30, 60 and 80 epochs, and we train for 90 epochs.")
    assert val(ch, "epochs") == 90
    ch, _ = run("Compared to prior work, we train our model for 300 epochs.")
    assert val(ch, "epochs") == 300


def test_resolutions_batches_buffers_and_held_out_parts_are_not_the_training_data():
    for text in ("Our training augmentation takes random crops from 256x256 images.",
                 "Models are pretrained for 1M updates with mini-batches containing B = 256 sequences.",
                 "In training, the most recent 125 thousand sequences are kept.",
                 "Following the protocol, we select 1000 images from testing and keep the rest for training.",
                 "We evaluate on a subset of 10,000 documents from WebText that were not used during training."):
        ch, _ = run(text)
        assert ch["tokens_or_examples"] is None, text
    # near-misses: the paper's own dataset, described without training words, and 1.2M images of 224x224
    ch, _ = run("We further evaluate our method on our product dataset with 8.9 billion samples.")
    assert val(ch, "tokens_or_examples") == pytest.approx(8.9e9)
    ch, _ = run("We train on 1.2 million 224x224 images.")
    assert val(ch, "tokens_or_examples") == pytest.approx(1.2e6)


def test_agent_steps_lost_exponents_searched_candidates_and_contrasts_are_not_the_runs_steps():
    for text in ("We train the agents for 1 million steps and report the moving average of the reward.",
                 "The statistics were computed by running an epsilon-greedy policy for 10000 steps.",
                 "Net2WiderNet reaches its final validation accuracy after roughly 3 x 106 minibatches.",
                 "To solve the tasks, the baseline recurrent model takes 10161 steps, whereas our methods take 1658."):
        ch, _ = run(text)
        assert ch["steps"] is None, text
    ch, _ = run("In our search, every child model is constructed and trained for 35 epochs.")
    assert ch["epochs"] is None
    # near-misses: optimizer steps of our model, and every model of ours trained in full
    ch, _ = run("We train the policy network for 300K iterations with Adam.")
    assert val(ch, "steps") == 300000
    ch, _ = run("Each model is trained for 90 epochs on ImageNet.")
    assert val(ch, "epochs") == 90


def test_epochs_per_source_of_a_data_mixture_are_not_the_runs_epochs():
    texts, kinds = table("Dataset Sampling prop. Epochs Disk size", "WebCrawl 67.0% 1.10 3.3 TB", "Books 4.5% 2.23 85 GB")
    ch, _ = run(*texts, kinds=kinds)
    assert ch["epochs"] is None
    texts, kinds = table("Model Epochs Top-1", "Ours-L 300 84.1", "Ours-B 300 82.0")
    ch, _ = run(*texts, kinds=kinds)
    assert val(ch, "epochs") == 300


def test_corpus_parts_are_summed_and_restatements_per_epoch_average_and_all_splits_are_not_the_data():
    ch, _ = run("For the pre-training corpus we use the StoryBooks (800M words) and English Encyclopedia (2,500M words).")
    assert val(ch, "tokens_or_examples") == pytest.approx(3.3e9) and ch["tokens_or_examples"]["unit"] == "words"
    ch, _ = run("All our models are trained on the WMT data consisting of 4.5M sentence pairs (116M English words, 110M German words).")
    assert val(ch, "tokens_or_examples") == pytest.approx(4.5e6)
    for text in ("A training epoch is 250,000 frames and each testing epoch lasts 125,000 frames.",
                 "The training documents contain on average 454 words and at most 4009 words."):
        ch, _ = run(text)
        assert ch["tokens_or_examples"] is None, text
    # all splits together are not the data; the training split's size in the list of splits is
    ch, _ = run("We train on the ParaSent dataset, consisting of 9927 sentence pairs in a 4500/500/4927 train/dev/test split.")
    assert val(ch, "tokens_or_examples") == 4500
    # near-misses: splits in parentheses are no parts, one part in parentheses is no sum, and a run trained to N tokens
    ch, _ = run("The data is split into three sets: training (1.3M images), validation (50K images), and testing (100K images).")
    assert val(ch, "tokens_or_examples") == pytest.approx(1.3e6)
    ch, _ = run("We pre-train on English Encyclopedia (2,500M words).")
    assert val(ch, "tokens_or_examples") == pytest.approx(2.5e9)
    ch, _ = run("We train the models to 350B tokens.")
    assert val(ch, "tokens_or_examples") == pytest.approx(350e9)


def test_step_counts_with_a_lost_superscript_and_stages_that_add_up():
    ch, _ = run("The models are trained for up to 60 x 104 iterations.")
    assert val(ch, "steps") == 600000
    # the stages added up are the rules' pick (the learned choice, which picks steps since stop 24, leaves a pick the
    # rules score below its rule_min empty: this sentence has no training word)
    text = "We anneal the learning rate after 1.2M steps, after which we halve it every 200k steps for an additional 800k steps."
    best, _ = _choose_sizes([Sentence(5, text, "text", "body", index=0)], None, False, rules_only=True)
    assert best["steps"].value == 2000000
    ch, _ = run("We train for 1.2M steps, after which we halve the learning rate every 200k steps for an additional 800k steps.")
    assert val(ch, "steps") == 2000000
    # near-misses: a product stays a product, and two separate runs are not added up
    ch, _ = run("We train for 3 x 512 iterations.")
    assert ch["steps"] is None
    ch, _ = run("The base model is trained for 100k steps and the large model for 300k steps.")
    assert val(ch, "steps") == 300000


def test_a_measurements_batch_and_a_list_of_options_are_not_the_runs_batch():
    for text in ("When batch size = 1, the pruned layer obtains a 3x speedup over the dense layer.",
                 "We record forward time with a batch size 8 on a single GPU.",
                 "The model does not fit in memory with a batch of 16 at this context length.",
                 "All the other hyperparameters are searched: Batch size: 16, 24, 32; Learning rate: 2e-5, 3e-5.",
                 "We tune the batch size in {16, 32, 64} on the development set."):
        ch, _ = run(text)
        assert ch["batch_size"] is None, text
    # near-misses: the run's batch beside a speed figure, and a batch stated once
    ch, _ = run("Models are trained with a batch size of 256 on 8 GPUs, reaching a throughput of 1,200 images/s.")
    assert val(ch, "batch_size") == 256
    ch, _ = run("We use a batch size of 32 and a learning rate of 2e-5.")
    assert val(ch, "batch_size") == 32


def test_units_of_one_epoch_and_a_search_childs_training_are_not_the_runs_epochs():
    for text in ("Each curve in the figure stands for one epoch of the generator.",
                 "The pruned model requires significantly less computation for one epoch.",
                 "Once the controller samples an architecture, a child model is constructed and trained for 50 epochs."):
        ch, _ = run(text)
        assert ch["epochs"] is None, text
    ch, _ = run("To solve the tasks, Adaptive Computation Time takes 10161 steps, whereas our methods take 1658.")
    assert ch["steps"] is None
    # near-misses: a run of one epoch, and our model trained for 50 epochs
    ch, _ = run("We train for one epoch over the 300B-token corpus.")
    assert val(ch, "epochs") == 1
    ch, _ = run("The final model is trained for 50 epochs.")
    assert val(ch, "epochs") == 50


def test_baseline_rows_of_a_comparison_table_with_our_rows_are_not_our_model():
    # the larger baselines in a table that marks the paper's own rows are the methods it compares with
    texts, kinds = table("Method Params Acc", "WideNet [4] 48.0M 93.1", "DeepStack [9] 31.2M 92.7",
                         "Ours-S 6.1M 93.0", "Ours-L 12.4M 94.2")
    ch, cands = run(*texts, kinds=kinds)
    assert val(ch, "parameters") == pytest.approx(12.4e6)
    base = [c for c in cands if c["field"] == "parameters" and c["value"] == pytest.approx(48e6)]
    assert base and base[0].get("distractor")
    # a teacher / baseline row is another model even when no row is marked as ours
    texts, kinds = table("Network Layers Parameters", "Teacher network 12 9,870,000", "Student A 4 640,000",
                         "Student B 6 1,250,000")
    ch, _ = run(*texts, kinds=kinds)
    assert val(ch, "parameters") == pytest.approx(1.25e6)
    # near-miss: without any marked row or baseline label, a table of the paper's own sizes keeps its largest
    texts, kinds = table("Variant Parameters Acc", "tiny 5.2M 71.0", "base 22.8M 79.9", "huge 86.1M 82.4")
    ch, _ = run(*texts, kinds=kinds)
    assert val(ch, "parameters") == pytest.approx(86.1e6)


def test_a_table_of_dataset_statistics_is_not_the_runs_training_data():
    texts, kinds = table("Dataset Task #Train #Dev #Test", "QuoraQP paraphrase 364k 40k 391k",
                         "SST-5 sentiment 8.5k 1.1k 2.2k", "NewsCls topic 120k 7.6k 7.6k")
    ch, cands = run(*texts, kinds=kinds)
    assert val(ch, "tokens_or_examples") is None
    assert any(c["field"] == "tokens_or_examples" and c.get("distractor") for c in cands)
    # near-miss: a sentence that says what the model was trained on still gives the run's data
    ch, _ = run(*texts, "We train our classifier on 120k news articles for 5 epochs.", kinds=kinds)
    assert val(ch, "tokens_or_examples") == pytest.approx(120e3)


def test_a_batch_restated_in_tokens_and_a_key_value_list_of_settings():
    ch, _ = run("We pre-train with a batch size of 512 sequences (512 sequences x 1024 tokens = 524,288 tokens/batch) "
                "for 200,000 steps.")
    assert val(ch, "batch_size") == 512
    # near-miss: a batch stated only in tokens stays in tokens
    ch, _ = run("We pre-train our model with a batch size of 2M tokens for 100k steps.")
    assert val(ch, "batch_size") == pytest.approx(2e6) and ch["batch_size"]["unit"] == "tokens"
    # a list of settings: the number after "batch size" is the batch, the one before belongs to the key before it
    ch, _ = run("Hyper-parameters of our model: hidden size 512 dropout 0.1 sequence length 64 batch size 128 heads 8.")
    assert val(ch, "batch_size") == 128
    # near-miss: "a 64 batch size" written the other way round still reads 64
    ch, _ = run("We train our network with a 64 batch size and the Adam optimizer.")
    assert val(ch, "batch_size") == 64


def test_a_number_in_a_rows_name_does_not_shift_its_cells():
    # "0.5" is a width multiplier of the row's model: the cells still align with the header from the right
    texts, kinds = table("Backbone mAP Latency (ms) Params (M) MAdd (B)", "NetA 22.2 270 5.1 1.3",
                         "NetB 23.0 215 4.9 0.84", "NetA 0.5 18.5 86.2 1.68 0.29", "NetB 0.75 20.1 120 2.6 0.4")
    _, cands = run(*texts, kinds=kinds)
    params = sorted(c["value"] for c in cands if c["field"] == "parameters")
    assert 86.2e6 not in params and 120e6 not in params
    assert any(v == pytest.approx(1.68e6) for v in params)


def test_the_schedule_stated_with_the_chosen_training_data_is_the_main_runs():
    texts = ("We train our network on the 50,000 training images of CIFAR-10.",
             "We also train it on the 1.28 million training images of ImageNet.",
             "On CIFAR-10 we train for 300 epochs with a batch size of 64.",
             "On ImageNet we train for 90 epochs with a batch size of 256.")
    ch, _ = run(*texts)
    assert val(ch, "tokens_or_examples") == pytest.approx(1.28e6)
    assert val(ch, "epochs") == 90 and val(ch, "batch_size") == 256
    # near-miss: without a dataset's name in the schedules, nothing is moved
    ch2, _ = run(texts[1], "We train the network for 300 epochs with a batch size of 64.")
    assert val(ch2, "epochs") == 300
