"""Round-16b probe (steps24): a main run's schedule beside a SECONDARY run's (downstream fine-tuning of a pre-trained
model, a reward model, an ablation, a pruning / distillation stage), and end-of-run forms ("after N epochs of
training", "converges in roughly N epochs", "we use N epochs", "3x schedule (36 epochs)"), in sentences of our own,
each with the value the corpus labels would give (main run, largest model trained in full, as stated), and
near-misses that must give nothing."""

from __future__ import annotations

import pytest

from test_steps_forms_r16 import chosen

CASES = [
    # ------------------------------------------------ main run + secondary run: the main one wins
    ("We pre-train the language model for 500k steps on the web corpus. On each downstream task we fine-tune for 10k "
     "steps with a batch size of 32.", "steps", 500_000),
    ("The backbone is pre-trained for 300 epochs on ImageNet-1K. For semantic segmentation on ADE20K we fine-tune for "
     "160k iterations.", "epochs", 300),
    ("The policy is trained with PPO for 20k steps. The reward model is trained for 1 epoch on the comparison data.",
     "epochs", None),
    ("The dense model is trained for 90 epochs. After pruning, the sparse network is fine-tuned for 30 epochs to "
     "recover accuracy.", "epochs", 90),
    ("The teacher is trained for 200 epochs and the student is distilled from it for 100 epochs.", "epochs", 200),
    ("We train the full model for 100 epochs. For the ablation studies, all variants are trained for 30 epochs to "
     "save compute.", "epochs", 100),
    ("Our detector is trained for 36 epochs (3x schedule). In the ablations we use the 1x schedule of 12 epochs.",
     "epochs", 36),
    pytest.param("We pre-train BERT-large for 1M steps. For GLUE we fine-tune for 3 epochs with a learning rate of 2e-5.",
                 "epochs", None,
                 marks=pytest.mark.xfail(strict=True, reason="the pre-training run is stated in steps, the fine-tuning in epochs: silence "
                                                "for epochs needs a choice across fields (not done; a fine-tuning paper's "
                                                "only run is written alike)")),
    ("The linear classifier on top of the frozen features is trained for 100 epochs.", "epochs", None),
    ("Ablation models are trained for 50k iterations, half of the full schedule.", "steps", None),
    ("For the ablation experiments we fine-tune every variant for 10 epochs.", "epochs", None),
    ("Table 4: Ablation studies with 100 epochs on ImageNet.", "epochs", None),
    ("Based on this ablation, we train the large model for 300 epochs.", "epochs", 300),
    ("We train the network for 200 epochs and report the ablations in Table 5.", "epochs", 200),
    # ------------------------------------------------ end-of-run and schedule forms
    pytest.param("After 100 epochs of training, the model reaches 76.1% top-1 accuracy.", "epochs", 100,
                 marks=pytest.mark.xfail(strict=True, reason="'after N epochs of training, <a result>' is as often a retraining or "
                                                "intermediate stage's observation (on dev: 1 value invented, none gained)")),
    ("The network converges in roughly 15 epochs.", "epochs", 15),
    ("We use 100 epochs and a batch size of 128 for all datasets.", "epochs", 100),
    ("All models use the 3x schedule (36 epochs).", "epochs", 36),
    ("Models are trained with a 2x schedule (24 epochs) and multi-scale inputs.", "epochs", 24),
    ("Training converges after about 40k iterations.", "steps", 40_000),
    ("We use 1M training steps with a batch size of 4096.", "steps", 1_000_000),
    ("The total number of iterations is 160k.", "steps", 160_000),
    pytest.param("120K iterations are performed on 4 GPUs.", "steps", 120_000,
                 marks=pytest.mark.xfail(strict=True, reason="no training word and no 'we': scores 2.2; a steps gate of 2.2 costs 3 "
                                                "invented values in the 10-salt CV (2.45 and 2.65 are identical there)")),
    ("The number of training iterations is 90k for COCO.", "steps", 90_000),
    ("epochs = 30, bs = 64, lr = 1e-3.", "epochs", 30),
    ("The model is trained for 2 ⇥ 105 iterations with Adam.", "steps", 200_000),
    ("Training runs for 1.5 ⇥ 106 steps on 16 TPU cores.", "steps", 1_500_000),
    # ------------------------------------------------ near-misses
    ("Our learning rate of 0.1 is warmed with a factor of 0.33 for 1000 iterations.", "steps", None),
    ("After 10 epochs of warm-up, the learning rate follows a cosine schedule.", "epochs", None),
    ("After 30 epochs, the learning rate is divided by 10.", "epochs", None),
    ("Figure 5: Feature maps after 100 epochs of training.", "epochs", None),
    ("Mask R-CNN with the 1x schedule reaches 38.2 AP [14].", "epochs", None),
    ("Previous methods converge in roughly 500 epochs, while ours needs far fewer.", "epochs", None),
    ("The discriminator converges in roughly 5k iterations before the generator is updated.", "steps", None),
    ("We use 100 samples per class and 5 random seeds.", "epochs", None),
    ("The 3 ⇥ 3 convolutions use 64 channels and stride 2.", "steps", None),
    ("A 3⇥3 kernel is applied 100 times.", "steps", None),
    ("The network uses 1.13⇥ more parameters than the baseline.", "steps", None),
]


def _field(case):
    return case.values[1] if hasattr(case, "values") else case[1]


@pytest.mark.parametrize("page, field, want", CASES, ids=[f"{_field(c)}-{i}" for i, c in enumerate(CASES)])
def test_form(page, field, want):
    assert chosen(page, field) == want


@pytest.mark.parametrize("raw, read", [
    ("The networks are trained for up to 60 ⇥ 104 iterations.", "The networks are trained for up to 60 x 104 iterations."),
    ("A 3⇥3 kernel with 1.5 ⇥ 106 steps.", "A 3×3 kernel with 1.5 x 10^6 steps."),
    ("No sign here: 3 x 3.", "No sign here: 3 x 3."),
])
def test_font_times_sign_is_read_as_times(raw, read):
    # some fonts' multiplication sign comes out of the PDF text layer as U+21E5 ("⇥")
    from aicompute.sizes.text import _fix_separators
    assert _fix_separators(raw) == read
