"""Round 16b probe (others24): a NAMED OTHER model's size stated beside our own, in sentences of our own writing.
The paper's own model's size must win; a named other model's size alone, in a sentence that only compares to it or
describes it, must give nothing (prefer silence); and the near-misses where the named model IS ours (a backbone or
base model we train / fine-tune, "our model, like X, has ...") must still be read. Value = what the corpus labels give
(the main run's model, the largest trained in full, as stated); None = nothing."""

from __future__ import annotations

import pytest

from aicompute.extraction import extract_from_sentences
from aicompute.pdftext import Sentence

P, T, E = "parameters", "tokens_or_examples", "epochs"


def chosen(texts, field):
    sents = [Sentence(5, t, "text", "body", index=i) for i, t in enumerate(texts)]
    r = extract_from_sentences(sents)
    return (r["chosen"].get(field) or {}).get("value")


def xfail(texts, field, want, reason):
    return pytest.param(texts, field, want, marks=pytest.mark.xfail(reason=reason, strict=True))


CASES = [
    # ---- a named other model's size as a sentence's subject, then ours: ours wins
    (["ResNet-101 has 44.5M parameters and needs 7.8 GFLOPs per image.",
      "By contrast, our network has only 6.1M parameters."], P, 6.1e6),
    (["DeiT-S contains 22M parameters.", "Our hybrid model contains 18M parameters and is trained for 300 epochs."],
     P, 18e6),
    (["ConvNeXt-B, with 89M parameters, reaches 83.8% top-1 accuracy.",
      "The total number of parameters of our classifier is 51M."], P, 51e6),
    (["Swin-B, which has 88M parameters, obtains 51.9 box AP.", "Our detector has 64M parameters in total."], P, 64e6),
    (["The baseline has 60M parameters while ours has only 12M parameters."], P, 12e6),
    (["The baseline needs 60M parameters, whereas ours needs 12M parameters."], P, 12e6),
    # near-miss: "ours" as the object of a comparison leaves the value the other model's
    (["Our model has 12M parameters.", "The baseline is larger than ours with 60M parameters."], P, 12e6),
    (["The teacher network has 87M parameters, whereas our student has 9M parameters."], P, 9e6),
    (["T5-Large has 770M parameters.", "We train a 220M-parameter encoder-decoder on the same data."], P, 220e6),
    (["Gopher has 280B parameters.", "Our model has 70B parameters and is trained on 1.4T tokens."], P, 70e9),
    (["Chinchilla, with 70B parameters, was trained on 1.4 trillion tokens.",
      "We train a 1.3B-parameter model on 100B tokens."], P, 1.3e9),
    (["Tacotron 2 has 28M parameters.", "Our vocoder-free model has 15M parameters."], P, 15e6),
    (["GraphSAGE uses 1.2M parameters on Reddit, while our model uses 0.4M parameters."], P, 0.4e6),
    (["The strongest baseline, nnU-Net, has 31M parameters; our network has 8M parameters."], P, 8e6),
    (["EfficientNet-B7 has 66M parameters and reaches 84.3% accuracy.",
      "Our model reaches 84.0% with 21M parameters."], P, 21e6),
    (["Their model uses 12 layers, 768 hidden units and 110M parameters in total.",
      "We train a smaller model with 29M parameters."], P, 29e6),
    # ---- a named other model's size alone, as a comparison or description: nothing
    xfail(["ResNet-50 has 25.6M parameters and 4.1 GFLOPs."], P, None,
          "alone, a named model's size may be the model the paper trains or fine-tunes: read only beside our own size"),
    xfail(["Swin-L, with 197M parameters, reaches 58.7 AP on COCO."], P, None,
          "alone, a named model's size may be the model the paper trains or fine-tunes: read only beside our own size"),
    xfail(["Chinchilla, which has 70B parameters, outperforms Gopher."], P, None,
          "alone, a named model's size may be the model the paper trains or fine-tunes: read only beside our own size"),
    (["Gopher has 280B parameters and was evaluated on 152 tasks."], P, None),
    (["Their model uses 12 layers, 768 hidden units and 110M parameters in total."], P, None),
    (["The baseline has 60M parameters."], P, None),
    (["The strong baseline model has 60M parameters."], P, None),
    # near-misses alone: a teacher or the original model may be the run labelled (distilled / compressed / adapted)
    xfail(["The original model has 110M parameters.", "We prune it to 30% of its weights and fine-tune for 3 epochs."],
          P, 110e6, "parameters.py's clause reading (_local_others: the noun 'original') flags it; not this round's rule"),
    xfail(["EfficientNet-B7 has 66M parameters and reaches 84.3% accuracy on ImageNet."], P, None,
          "alone, a named model's size may be the model the paper trains or fine-tunes: read only beside our own size"),
    # ---- near-misses: the named model IS ours
    (["Our model, like BERT-Large, has 340M parameters."], P, 340e6),
    (["We use ResNet-50 (25.6M parameters) as the backbone and train it for 90 epochs."], P, 25.6e6),
    (["We fine-tune T5-Large (770M parameters) on each task for 10 epochs."], P, 770e6),
    (["We fine-tune Chinchilla, which has 70B parameters, on our dialogue data."], P, 70e9),
    (["Our backbone, ResNet-101, has 44.5M parameters."], P, 44.5e6),
    (["We train a ResNet-152 with 60M parameters from scratch on ImageNet."], P, 60e6),
    (["Our model has 12M parameters, fewer than the baseline with 60M parameters."], P, 12e6),
    (["We use a ViT-B/16 backbone with 86M parameters, pre-trained for 300 epochs."], P, 86e6),
    (["We train Chinchilla on 1.4 trillion tokens.", "Chinchilla has 70B parameters.",
      "Our smallest model has 400M parameters."], P, 70e9),
    (["The Mandarin model has 215M parameters.", "Our English model has 115M parameters."], P, 215e6),
    # ---- other fields: a named other model's run beside ours (one-capital / lower-case names)
    (["Gopher was trained on 300B tokens.", "Our model is trained on 1.4T tokens."], T, 1.4e12),
    (["Chinchilla was trained on 1.4 trillion tokens.", "Our model is trained on 300B tokens."], T, 3e11),
    (["Gopher was trained on 300B tokens."], T, None),
    # near-misses: a one-capital name the paper calls its own; a common noun the paper also writes in lower case
    (["We train Gopher, our largest model.", "Gopher was trained on 300B tokens."], T, 3e11),
    (["Our classifiers use a linear head on frozen features.", "Classifiers were trained for 10 epochs."], E, 10),
    (["wav2vec was trained for 400k updates on 960 hours of LibriSpeech.", "We train our model for 100 epochs."],
     E, 100),
]


@pytest.mark.parametrize("texts,field,want", CASES)
def test_named_other_size_beside_ours(texts, field, want):
    got = chosen(texts, field)
    if want is None:
        assert got is None
    else:
        assert got is not None and abs(got - want) <= 1e-6 * want
