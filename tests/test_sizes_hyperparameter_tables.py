"""Hyper-parameter tables written as settings (aicompute.sizes.text._label_value_rows, sizes.tables._setting_pairs and
the row labels of sizes.tables): one setting a line ("Epochs 300"), two settings side by side on a line ("Max length
50 #Epochs 3"), a bare "# Tokens" row, "Dataset size". Tables of our own, with the near-misses where nothing may be
read: warm-up settings, a patch count under "#Tokens", a wrapped line of prose, a single line of a name and a number."""

from __future__ import annotations

import datetime as dt

from aicompute.pdftext import Document
from aicompute.sizes import extract_sizes
from aicompute.sizes.tables import _setting_pairs
from aicompute.sizes.text import _label_value_rows

PUBLISHED = dt.date(2023, 3, 1)
PROSE = "Introduction\nWe describe a sequence model for ranking and report how it is trained in the tables below.\n"


def raw_page(page: str):
    """(chosen, candidates) of a page read from the raw text (no careful pass), as appendix tables are read."""
    doc = Document("x.pdf", 1, [PROSE + page], [0.0], pages_read_carefully=[], page_sections=["body"])
    return extract_sizes([], doc, PUBLISHED)


def values(cands, field):
    return {round(c["value"]) for c in cands if c["field"] == field}


def chosen(ch, field):
    return None if ch.get(field) is None else ch[field]["value"]


# ------------------------------------------------------------------ one setting a line

ONE_A_LINE = ("Table 4: Hyper-parameters for training the ranker.\n"
              "Setting Value\n"
              "Optimizer Adam\n"
              "Epochs 40\n"
              "Batch size 2048\n"
              "Warmup steps 3000\n"
              "Dataset size 12M\n"
              "Training steps 250k\n")


def test_lines_of_one_setting_each_are_table_rows():
    lines = [x for x in ONE_A_LINE.split("\n") if x]
    marked = _label_value_rows(lines, [False] * len(lines))
    assert [x for x, m in zip(lines, marked) if m] == ["Epochs 40", "Batch size 2048", "Warmup steps 3000",
                                                       "Dataset size 12M", "Training steps 250k"]


def test_settings_one_a_line_give_epochs_batch_data_and_steps():
    ch, cands = raw_page(ONE_A_LINE)
    assert chosen(ch, "epochs") == 40
    assert chosen(ch, "batch_size") == 2048
    assert chosen(ch, "tokens_or_examples") == 12_000_000 and ch["tokens_or_examples"]["unit"] == "examples"
    assert 250_000 in values(cands, "steps")


def test_a_warm_up_setting_is_no_step_count_and_a_data_size_is_not_joined_to_the_next_line():
    _, cands = raw_page(ONE_A_LINE)
    assert 3000 not in values(cands, "steps")
    # read as prose, "Dataset size 12M" / "Training steps 250k" made "12M Training steps"
    assert 12_000_000 not in values(cands, "steps")


def test_a_single_line_of_a_name_and_a_number_and_wrapped_prose_stay_prose():
    lines = ["the model converges after about 30", "epochs of training with the schedule of", "Section 4",
             "and the learning rate of 0.1", "Top-1 accuracy 76.2"]
    assert _label_value_rows(lines, [False] * len(lines)) == [False] * len(lines)
    # two settings alone are not yet a table
    lines = ["Epochs 30", "and then we stop", "Batch size 256"]
    assert _label_value_rows(lines, [False] * len(lines)) == [False] * 3


# ------------------------------------------------------------------ settings side by side

SIDE_BY_SIDE = ("Table 2: Configuration of our ranker.\n"
                "Config Value Config Value\n"
                "hidden size 64 batch size 512\n"
                "number of heads 4 dropout 0.1\n"
                "max length 50 #epochs 3\n"
                "blocks 2 learning rate 0.001\n")


def test_a_row_of_two_settings_is_read_setting_by_setting():
    assert _setting_pairs("max length 50 #epochs 3") == ["max length 50", "#epochs 3"]
    assert _setting_pairs("Hidden size 768 Warmup steps 10k Epochs 20") == ["Hidden size 768", "Warmup steps 10k", "Epochs 20"]
    ch, cands = raw_page(SIDE_BY_SIDE)
    assert chosen(ch, "epochs") == 3
    assert chosen(ch, "batch_size") == 512


def test_rows_that_are_not_pairs_of_settings():
    # one setting across models' columns, a model's row of results, a single setting
    assert _setting_pairs("Batch size 256 512 1024") == []
    assert _setting_pairs("ResNet-50 25.6M 76.1 93.0") == []
    assert _setting_pairs("Epochs 300") == []
    assert _setting_pairs("Ours 12.5 Baseline 11.8 extra") == []


# ------------------------------------------------------------------ row labels

def test_a_bare_tokens_row_counts_a_corpus_not_patches():
    ch, cands = raw_page("Table 3: Pre-training settings of our models.\nSetting Small Large\n"
                         "Layers 12 24\nHidden size 768 1024\n# Tokens 300B 1T\n")
    assert values(cands, "tokens_or_examples") == {300_000_000_000, 1_000_000_000_000}
    assert all(c["unit"] == "tokens" for c in cands if c["field"] == "tokens_or_examples")
    # near-miss: a vision model's patch count under "#Tokens"
    _, cands = raw_page("Table 3: Architectures of the image encoders.\nModel ViT-S ViT-B\n"
                        "Layers 12 12\n#Tokens 196 256\nHeads 6 12\n")
    assert values(cands, "tokens_or_examples") == set()


def test_a_tokens_column_of_a_table_of_variants_is_in_tokens():
    _, cands = raw_page("Table 2: Sizes and training data of our family.\nModel Params Layers Tokens\n"
                        "Wren-S 125M 12 300B\nWren-L 1.3B 24 300B\nWren-XL 6.7B 32 1T\n")
    toks = [c for c in cands if c["field"] == "tokens_or_examples"]
    assert toks and all(c["unit"] == "tokens" for c in toks)


def test_a_one_column_table_of_results_is_no_table_of_settings():
    # near-miss: names and one score each, no setting of the run among them ("Re-param" is no parameter count)
    lines = ["Variant Accuracy", "Identity w/o BN 74.18", "Post-addition BN 73.52", "Trivial Re-param 73.51",
             "Residual Reorg 74.56"]
    assert _label_value_rows(lines, [False] * len(lines)) == [False] * len(lines)


def test_a_singular_epoch_setting_and_a_learning_curves_epoch_row():
    ch, _ = raw_page("Table 7: Training hyper-parameters.\nHyper-parameter Value\nBatch Size 96\n# Epoch 4\n"
                     "Warmup Steps 800\n")
    assert chosen(ch, "epochs") == 4
    # near-miss: rows of a learning curve named by the epoch they were measured at
    _, cands = raw_page("Table 8: Accuracy during training.\nCheckpoint Top-1 Top-5\nEpoch 30 61.2 83.0\n"
                        "Epoch 60 70.4 89.1\nEpoch 90 72.8 90.6\n")
    assert values(cands, "epochs") == set()


# ------------------------------------------------------------------ dataset statistics

def test_a_split_count_header_names_one_column_per_split():
    from aicompute.sizes.tables import _split_header
    assert _split_header("Dataset |D| Train Pairs Val Pairs Test Pairs") == ["Dataset", "|D|", "Train Pairs", "Val Pairs",
                                                                             "Test Pairs"]
    # near-miss: split columns of one count each stay apart ("Train Test")
    assert _split_header("Dataset Train Test") == ["Dataset", "Train", "Test"]


def test_the_train_column_of_a_split_count_table_not_the_test_one():
    _, cands = raw_page("Table 1: Statistics of the retrieval corpora.\nDataset Train Pairs Test Pairs\n"
                        "Alpha 80K 10K\nBeta 310K 7K\n")
    assert values(cands, "tokens_or_examples") == {80_000, 310_000}


# ------------------------------------------------------------------ configuration files

CONFIG = ("B Training configuration\n"
          "Our models were trained with the following configuration file:\n"
          "model:\n"
          "d_model: 2048\n"
          "n_heads: 16\n"
          "n_layers: 24\n"
          "# Optimization\n"
          "eval_batch_size: 8\n"
          "device_train_microbatch_size: 16\n"
          "global_train_batch_size: 512 # ~1M tokens\n"
          "warmup_steps: 2000\n"
          "max_steps: 60000\n"
          "optimizer:\n"
          "name: adamw\n")


def test_a_configuration_files_keys_give_the_batch_and_the_steps():
    ch, cands = raw_page(CONFIG)
    assert chosen(ch, "batch_size") == 512
    assert 60_000 in values(cands, "steps")


def test_a_devices_or_an_evaluations_batch_and_warm_up_steps_are_not_the_runs():
    _, cands = raw_page(CONFIG)
    assert values(cands, "batch_size") & {8, 16} == set()
    assert 2000 not in values(cands, "steps")
    # near-miss: the architecture's keys alone are no table of settings (d_model is no size of the run)
    lines = ["d_model: 2048", "n_heads: 16", "n_layers: 24", "max_seq_len: 2048"]
    assert _label_value_rows(lines, [False] * len(lines)) == [False] * len(lines)


# ------------------------------------------------------------------ tables of tasks, diagrams

TASKS = ("Table 6: Fine-tuning settings on the benchmark.\n"
         "Task Small Big\n"
         "Epochs LR Batch Epochs LR Batch\n"
         "Alpha 3 2e-5 32 4 1e-5 16\n"
         "Beta 5 3e-5 64 5 2e-5 32\n"
         "Gamma 10 5e-5 16 8 2e-5 16\n"
         "Delta 2 1e-4 128 3 5e-5 64\n")


def test_a_table_of_settings_per_task_gives_no_run_length():
    ch, cands = raw_page(TASKS)
    assert chosen(ch, "epochs") is None and chosen(ch, "batch_size") is None
    flagged = [c for c in cands if c["field"] == "epochs" and "several tasks" in c["why"]]
    assert flagged


def test_a_table_of_datasets_and_one_setting_for_every_task_are_kept():
    # near-misses: rows named by a dataset (not a task column), and a task table whose column is one value for all
    _, cands = raw_page("Table 2: Best settings for each dataset.\nDataset Loss Mini-batch Dropout\n"
                        "Alpha TOP1 50 0.5\nAlpha BPR 50 0.2\nBeta TOP1 50 0.4\nBeta BPR 50 0.3\n")
    assert any(c["value"] == 50 and "several tasks" not in c["why"] for c in cands if c["field"] == "batch_size")
    _, cands = raw_page("Table 6: Fine-tuning settings.\nTask Epochs LR Batch\nAlpha 3 2e-5 32\nBeta 3 3e-5 32\n"
                        "Gamma 3 5e-5 32\n")
    assert all("several tasks" not in c["why"] for c in cands if c["field"] in ("epochs", "batch_size"))


def test_batch_norm_in_a_diagram_is_no_batch_column():
    from aicompute.sizes.tables import _split_header
    assert _split_header("conv batch norm ReLU") == ["conv", "batch norm", "ReLU"]
    _, cands = raw_page("Figure 3: The encoder.\n3x3 conv, 64 filters\nbatch norm\nleaky ReLU\n"
                        "1x1 conv, 2048 filters\n1x1 conv, 384 filters\n")
    assert values(cands, "batch_size") == set()


# ------------------------------------------------------------------ tables of the paper's variants

def test_a_data_size_column_of_a_table_of_variants():
    ch, cands = raw_page("Table 2: Our model variants.\nModel Params Layers Data Size\n"
                         "Kite-S 110M 12 16M\nKite-L 340M 24 16M\nKite-XL 1.1B 36 64M\n")
    assert chosen(ch, "parameters") == 1_100_000_000
    assert values(cands, "tokens_or_examples") >= {16_000_000, 64_000_000}


# ------------------------------------------------------------------ settings of several models, one column each

def test_the_column_of_the_largest_named_model_gives_the_runs_settings():
    from aicompute.sizes.tables import _largest_named_column, _size_rank
    assert _largest_named_column(["Hyperparam Base Large Huge"], 3) == 2
    assert _largest_named_column(["Large Base"], 2) == 0
    assert _largest_named_column(["Config Kite-S Kite-L Kite-XL"], 3) == 2
    assert _largest_named_column(["Model 1.3B 125M 350M"], 3) == 0
    assert _size_rank("XXL") > _size_rank("XL") > _size_rank("Large") > _size_rank("Base")
    # near-misses: columns named by datasets or tasks, a line of numbers is passed over
    assert _largest_named_column(["Setting CIFAR-10 ImageNet"], 2) is None
    assert _largest_named_column(["Layers 12 24", "Task Base Large"], 2) == 1
    ch, _ = raw_page("Table 9: Hyper-parameters for pre-training our models.\nHyperparam Large Base\n"
                     "Number of Layers 24 12\nBatch size (tokens) 2M 0.5M\nMax Steps 400k 400k\nWarmup Steps 10k 10k\n")
    assert chosen(ch, "batch_size") == 2_000_000 and ch["batch_size"]["unit"] == "tokens"
    assert chosen(ch, "steps") == 400_000


def test_a_batch_given_in_tokens_by_the_caption():
    ch, _ = raw_page("Table 2: Sizes and learning hyper-parameters (batch size in tokens) of the models we trained.\n"
                     "Model Name Params Layers Batch Size\nKite S 125M 12 0.5M\nKite XL 6.7B 32 2M\n")
    assert chosen(ch, "batch_size") == 2_000_000 and ch["batch_size"]["unit"] == "tokens"
    # near-miss: a batch column with no word of tokens is in sequences (no unit)
    ch, _ = raw_page("Table 2: Sizes and learning hyper-parameters of the models we trained.\n"
                     "Model Name Params Layers Batch Size\nKite S 125M 12 256\nKite XL 6.7B 32 1024\n")
    assert chosen(ch, "batch_size") == 1024 and ch["batch_size"].get("unit") is None


def test_a_fine_tuning_table_of_hyper_parameters_gains_nothing():
    _, cands = raw_page("Table 5: Hyper-parameters for fine-tuning on the downstream tasks.\nSetting Value\n"
                        "Epochs 3\nBatch size 32\nTraining steps 2000\n")
    assert all("hyper-parameters" not in c["why"] for c in cands if c["field"] in ("epochs", "steps", "batch_size"))


def test_settings_one_column_per_task_gain_nothing_from_a_hyper_parameter_caption():
    # near-miss: a caption the raw text puts by the wrong table; columns named by tasks are fine-tuning runs
    _, cands = raw_page("Table 9: Hyper-parameters for pre-training our models.\nHyperparam ALPHA BETA GAMMA\n"
                        "Learning Rate 1e-5 2e-5 3e-5\nBatch Size 16 48 32\nMax Epochs 4 2 10\n")
    assert all("hyper-parameters" not in c["why"] for c in cands if c["field"] in ("epochs", "batch_size"))


# ------------------------------------------------------------------ values written with their unit

def test_settings_whose_values_carry_their_unit():
    ch, _ = raw_page("Table 3: Pre-training hyper-parameters.\nHyperparameter Value\nTraining data 1.4T tokens\n"
                     "Batch size 4M tokens\nTraining steps 350k\nWarmup steps 2000\n")
    assert chosen(ch, "tokens_or_examples") == 1.4e12 and ch["tokens_or_examples"]["unit"] == "tokens"
    assert chosen(ch, "batch_size") == 4_000_000 and ch["batch_size"]["unit"] == "tokens"
    assert chosen(ch, "steps") == 350_000


def test_settings_with_units_one_column_per_model_take_the_largest_models():
    ch, cands = raw_page("Table 3: Pre-training hyper-parameters of our models.\nHyperparameter Small Large\n"
                         "Training data 300B tokens 1T tokens\nBatch size 1M tokens 4M tokens\nLayers 12 24\n")
    assert chosen(ch, "batch_size") == 4_000_000
    assert chosen(ch, "tokens_or_examples") == 1e12
    # near-miss: a batch whose unit word is sequences keeps no token unit
    ch, _ = raw_page("Table 3: Pre-training hyper-parameters.\nHyperparameter Value\nBatch size 2048 sequences\n"
                     "Training steps 100k\nEpochs 2\n")
    assert chosen(ch, "batch_size") == 2048 and ch["batch_size"].get("unit") is None
