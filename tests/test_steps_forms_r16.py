"""Round-16 probe (steps23): training length and batch written the ways arXiv ML papers of 2015-2025 write them
(vision, NLP, speech, RL, graphs, recommenders, medical imaging, LLMs; setup prose and appendix lists), in sentences
of our own, each with the value the corpus labels would give (main run, as stated), and near-misses that must give
nothing.  Label conventions followed (read from development labels): RL environment steps / frames are training
data, not ``steps`` (steps are optimiser updates); warm-up and decay points are not the run; "up to N epochs with
early stopping" is N; a stated effective / global batch is the batch, a per-device batch alone is as stated; a batch
in tokens is recorded in tokens; the pre-training run is the main one in a paper about the pre-trained model."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from aicompute.pdftext import Document, Sentence
from aicompute.sizes import extract_sizes

PUBLISHED = dt.date(2022, 6, 1)
PROSE = "Introduction\nWe describe a neural network for the task below and report how it is trained.\n"


def chosen(page: str, field: str):
    """The shipped choice of ``field``: prose as the careful pass gives it (one sentence each), a table (lines) from
    the page's raw text as appendix tables are read."""
    if "\n" in page:
        doc = Document("x.pdf", 1, [PROSE + page + "\n"], [0.0], pages_read_carefully=[], page_sections=["body"])
        ch, _ = extract_sizes([], doc, PUBLISHED)
    else:
        texts = PROSE.split("\n")[1:2] + re.split(r"(?<=\.)\s+(?=[A-Z])", page)
        ch, _ = extract_sizes([Sentence(3, t, "text", "body", index=i) for i, t in enumerate(texts)], None, PUBLISHED)
    return None if ch.get(field) is None else ch[field]["value"]


# (page text, field, value the labels would give; None = must give nothing)
CASES = [
    # ---------------------------------------------------------------- steps: the run's length in updates
    ("We train the network for 100K iterations with a batch size of 64.", "steps", 100_000),
    ("The max iterations is 90k (1x schedule), and the learning rate is decreased by a factor of 10 at 60k and 80k "
     "iterations.", "steps", 90_000),
    ("The learning rate is decayed by 0.1 at 40k and 60k iterations, and training stops at 80k iterations.",
     "steps", 80_000),
    ("We use a linear warm-up of 2,000 steps followed by cosine decay, and the model is trained for 300,000 steps in "
     "total.", "steps", 300_000),
    ("The detector is trained for 100 000 iterations on 4 GPUs with SGD.", "steps", 100_000),
    ("All agents are optimised for 1e5 gradient steps with Adam.", "steps", 100_000),
    ("We pre-train the model for 1M steps with a batch size of 256 sequences of 512 tokens.", "steps", 1_000_000),
    ("Training runs for a total of 500k updates with the Adam optimizer.", "steps", 500_000),
    ("The total number of training iterations is set to 160k.", "steps", 160_000),
    ("The segmentation network is trained with SGD for 40,000 iterations with a poly learning rate policy.",
     "steps", 40_000),
    ("Table 6: Pre-training hyper-parameters.\nLearning rate 1e-3\nBatch size 2048\nWarmup steps 10k\n"
     "Training steps 150k\nWeight decay 0.05", "steps", 150_000),
    ("Optimizer: AdamW; learning rate: 2e-4; training steps: 50,000; batch size: 128.", "steps", 50_000),
    ("Table 7: Implementation details of our method.\nLearning rate 1e-3\nBatch size 2048\nWarmup steps 10k\n"
     "Training steps 150k\nWeight decay 0.05", "steps", 150_000),
    ("Table 7: Settings used to train our models.\nLearning rate 1e-3\nBatch size 2048\nWarmup steps 10k\n"
     "Training steps 150k\nWeight decay 0.05", "steps", 150_000),
    ("We trained the model for 25k steps on 8 A100 GPUs.", "steps", 25_000),
    ("Training is halted at iteration 120k, when the validation mAP no longer improves.", "steps", 120_000),
    ("Training ends at epoch 300 for every model.", "epochs", 300),
    ("The maximum number of iterations is 200k and the initial learning rate is 0.01.", "steps", 200_000),
    ("The total training iteration number is 40k.", "steps", 40_000),
    ("The networks are trained for up to 60 ⇥ 104 iterations.", "steps", 600_000),  # a font's times sign, 10^4 flattened
    ("In our setup, 90K training iterations are performed on 8 GPUs.", "steps", 90_000),
    ("We train for 400k generator iterations with a batch size of 64, updating the discriminator 5 times per generator "
     "iteration.", "steps", 400_000),
    ("The warm-up steps and total steps are 1,000 and 10,000, respectively, and training uses 8 GPUs.", "steps", 10_000),
    # ---------------------------------------------------------------- steps: near-misses
    ("The learning rate is warmed up linearly over the first 4,000 steps and then decays.", "steps", None),
    ("Each agent is trained for 10M environment steps on every Atari game.", "steps", None),
    ("We train for 200M frames, i.e. 50M agent steps with a frame skip of 4.", "steps", None),
    ("The LSTM is unrolled for 35 steps and gradients are clipped at 0.25.", "steps", None),
    ("We evaluate the model every 5,000 iterations and keep the best checkpoint.", "steps", None),
    ("At inference we use DDIM with 50 sampling steps.", "steps", None),
    ("The learning rate is decayed by a factor of 0.1 every 30k iterations.", "steps", None),
    ("We use 8 gradient accumulation steps to fit the batch in memory.", "steps", None),
    ("The PPO agent collects 2048 steps per rollout for 1M timesteps in total.", "steps", None),
    ("Robustness is evaluated with a PGD attack of 20 iterations and a step size of 2/255.", "steps", None),
    ("We run k-means for 300 iterations to build the visual codebook.", "steps", None),
    ("The MCMC sampler is run for 10,000 iterations with a burn-in of 1,000.", "steps", None),
    pytest.param("The adversarial perturbation is optimised for 1,000 iterations per image.", "steps", None,
                 marks=pytest.mark.xfail(strict=True, reason="per-image optimisation: the main run of a test-time method (deep image "
                                                "prior, implicit fits) is written alike; a judgement, left alone")),
    ("Figure 4: Training loss over the first 100k iterations.", "steps", None),
    ("The numbers of sampling steps and diffusion steps are 50 and 1000, respectively.", "steps", None),
    ("(a) Iteration: 2k (b) Iteration: 5k (c) Iteration: 10k", "steps", None),
    ("Each crop is 3 ⇥ 224 ⇥ 224 and the training runs on 2 GPUs.", "steps", None),
    ("The critic is updated 5 times per 100 generator iterations.", "steps", None),
    ("Table 7: Implementation details of the fine-tuning on downstream tasks.\nLearning rate 1e-5\nBatch size 32\n"
     "Warmup steps 500\nTraining steps 20k\nWeight decay 0.01", "steps", None),
    ("We split the training procedure into two steps: 1) pre-training the encoder, 2) fitting the head.", "steps", None),
    # ---------------------------------------------------------------- epochs
    ("The number of training epochs is set to 200.", "epochs", 200),
    ("We train for up to 100 epochs with early stopping on the validation loss (patience 10).", "epochs", 100),
    ("We propose a self-supervised pre-training method for vision transformers. We pre-train the encoder for 800 "
     "epochs on ImageNet-1K and fine-tune it for 100 epochs.", "epochs", 800),
    ("We fine-tune the pre-trained BERT-base model for 3 epochs on each GLUE task with a batch size of 32.",
     "epochs", 3),
    ("Epochs: 30; Batch size: 64; Optimizer: AdamW; Learning rate: 3e-4.", "epochs", 30),
    ("The model was trained for 50 epochs in total, with the learning rate halved every 10 epochs.", "epochs", 50),
    ("Training lasts 120 epochs with a cosine schedule and 5 warm-up epochs.", "epochs", 120),
    ("We run training for 90 epochs on 8 GPUs with a total batch size of 1024.", "epochs", 90),
    ("It takes about 40 epochs for the model to converge.", "epochs", 40),
    ("The maximum number of epochs is 500 and the learning rate is 0.001.", "epochs", 500),
    ("The U-Net is trained for 150 epochs on the training split of the BraTS dataset.", "epochs", 150),
    ("We trained the GCN for 200 epochs using Adam with a learning rate of 0.01.", "epochs", 200),
    ("Table 5: Training settings.\nOptimizer AdamW\nBatch size 1024\nTraining epochs 300\nWarmup epochs 20\n"
     "Weight decay 0.05", "epochs", 300),
    ("The training epoch is set to 100.", "epochs", 100),
    ("The epoch number is set to 50 and the batch size to 16.", "epochs", 50),
    ("#epochs = 100, lr = 0.01, batch = 64.", "epochs", 100),
    ("The learning rate, batch size and number of epochs are set to 0.001, 64 and 100, respectively.", "epochs", 100),
    # ---------------------------------------------------------------- epochs: near-misses
    ("The learning rate is dropped by 10x at epochs 30, 60 and 80.", "epochs", None),
    ("We use a linear warm-up over the first 5 epochs.", "epochs", None),
    ("Figure 3: Validation accuracy over the first 50 epochs.", "epochs", None),
    ("The policy is optimised with 10 PPO epochs per update and 32 minibatches.", "epochs", None),
    ("Each epoch takes 20 minutes on a single GPU.", "epochs", None),
    ("We use early stopping with a patience of 10 epochs.", "epochs", None),
    ("We stop decaying the learning rate at epoch 30 and keep it fixed afterwards.", "epochs", None),
    ("The learning rate drops at epoch 30 and at epoch 60.", "epochs", None),
    ("A training epoch is 250,000 frames, after which the agent is evaluated.", "epochs", None),
    ("The best epoch is 45 on the validation set.", "epochs", None),
    ("We try the number of epochs: 2, 3, 4 and keep the best on the development set.", "epochs", None),
    pytest.param("The ResNet-50 teacher was trained for 90 epochs by He et al. [12].", "epochs", None,
                 marks=pytest.mark.xfail(strict=True, reason="another work's run named by 'by X et al.' after the value: other works' "
                                                "runs are others23's brief (sizes/core.py)")),
    # ---------------------------------------------------------------- batch size
    ("We use a mini-batch size of 256 distributed over 8 GPUs (32 images per GPU).", "batch_size", 256),
    ("We use a global batch size of 4096 (128 per core) and the LAMB optimizer.", "batch_size", 4096),
    ("The network is trained with mini-batches of 64 images.", "batch_size", 64),
    ("The batch size is set to 16 due to the limited GPU memory.", "batch_size", 16),
    ("All models are trained with a batch size of 4M tokens.", "batch_size", 4_000_000),
    ("We train on batches of 2048 sequences of length 1024.", "batch_size", 2048),
    ("We use a batch size of 8 with gradient accumulation over 4 steps (an effective batch size of 32).",
     "batch_size", 32),
    ("The video model is trained with a minibatch of 16 clips.", "batch_size", 16),
    ("Optimizer: Adam; Batch size: 128; Epochs: 20; Dropout: 0.1.", "batch_size", 128),
    ("The learning rate, batch size and number of epochs are set to 0.001, 64 and 100, respectively.", "batch_size", 64),
    ("The batch size and learning rate are set to 64 and 1e-4, respectively.", "batch_size", 64),
    ("Training uses batch_size=32 and a learning rate of 1e-3.", "batch_size", 32),
    ("train: epochs: 20 global_train_batch_size: 512 device_eval_batch_size: 8 lr: 1e-4", "batch_size", 512),
    ("epochs = 30, bs = 64, lr = 1e-3.", "batch_size", 64),
    ("We use a batch size B = 256 in all experiments.", "batch_size", 256),
    ("Each batch consists of 1024 samples drawn uniformly from the training set.", "batch_size", 1024),
    ("The mini-batch contains 128 randomly sampled triplets.", "batch_size", 128),
    # ---------------------------------------------------------------- batch size: near-misses
    ("At test time we use a batch size of 1.", "batch_size", None),
    ("Inference throughput is measured with batch size 64 on a V100 GPU.", "batch_size", None),
    ("Batch normalization is applied after each convolution.", "batch_size", None),
    ("We found that larger batch sizes hurt performance.", "batch_size", None),
    ("Following the linear scaling rule, the learning rate is 0.1 x B/256.", "batch_size", None),
    ("The learning rate and weight decay are 0.1 and 5e-4, respectively.", "batch_size", None),
    ("The batch contains 50% positive pairs and 50% negative pairs.", "batch_size", None),
    ("The tensor has shape [batch_size x 16 x 64] before the projection.", "batch_size", None),
    pytest.param("The batch sizes for pre-training and fine-tuning are 2048 and 32, respectively.", "batch_size", 2048,
                 marks=pytest.mark.xfail(strict=True, reason="one setting for two stages by position: which stage is the run is the "
                                                "choice's (pre-training in a pre-training paper), not read here")),
]


def _field(case):
    return case.values[1] if hasattr(case, "values") else case[1]


@pytest.mark.parametrize("page, field, want", CASES, ids=[f"{_field(c)}-{i}" for i, c in enumerate(CASES)])
def test_form(page, field, want):
    assert chosen(page, field) == want


# setup paragraphs of several sentences: the run's values among warm-up, decay points, probes and fine-tuning
PARAGRAPHS = [
    ("We pre-train our 1.3B model on 300B tokens. We use a global batch size of 512 sequences of 2048 tokens and train for "
     "286k steps. The learning rate warms up over 2,000 steps and then decays with a cosine schedule. For instruction "
     "tuning we fine-tune for 3 epochs with a batch size of 64.", {"steps": 286_000, "batch_size": 512, "epochs": None}),
    ("We adopt the standard 1x schedule: the models are trained for 90k iterations with a batch size of 16 images on 8 "
     "GPUs (2 images per GPU). The learning rate is 0.02 and decreased by 10 at 60k and 80k iterations. We use a warm-up "
     "of 500 iterations.", {"steps": 90_000, "batch_size": 16}),
    ("Each agent is trained for 200M frames. We use a replay buffer of 1M transitions and perform a gradient update every "
     "4 environment steps with a minibatch of 32 transitions.", {"steps": None, "batch_size": 32}),
    ("We pre-train ViT-B for 1600 epochs with a batch size of 4096. For linear probing we train a classifier for 90 epochs "
     "with a batch size of 16384. Fine-tuning runs for 100 epochs.", {"epochs": 1600, "batch_size": 4096}),
    ("The network was implemented in PyTorch and trained on a single NVIDIA RTX 2080 Ti GPU. We used the Adam optimizer "
     "with an initial learning rate of 1e-4 and a batch size of 8. Training was stopped after 200 epochs.",
     {"epochs": 200, "batch_size": 8}),
    ("For all datasets we train for a maximum of 1000 epochs with early stopping (patience of 100 epochs) and a learning "
     "rate of 0.005.", {"epochs": 1000}),
    ("The embedding dimension is 64, the batch size is 2048, and all models are trained for 50 epochs with the Adam "
     "optimizer.", {"epochs": 50, "batch_size": 2048}),
    ("All models are trained on ImageNet-1K for 300 epochs. We use AdamW with a batch size of 1024, a learning rate of "
     "1e-3, 20 warm-up epochs and a weight decay of 0.05.", {"epochs": 300, "batch_size": 1024}),
    ("Following common practice, we use the poly learning rate policy with power 0.9. The crop size is 512 x "
                 "512 and the batch size is 8. The total number of iterations is 160k on ADE20K.",
                 {"steps": 160_000, "batch_size": 8}),  # (scores 2.5: the steps gate is 2.45 since round 16b)
]


@pytest.mark.parametrize("page, wants", PARAGRAPHS)
def test_paragraph(page, wants):
    assert {f: chosen(page, f) for f in wants} == wants


@pytest.mark.parametrize("page", ["We use a batch size of 32 per GPU on 8 GPUs."])
def test_per_device_batch_is_read(page):
    # labels record a per-device batch as stated (32) or its stated product; either, never nothing
    assert chosen(page, "batch_size") in (32, 256)
