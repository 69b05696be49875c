"""Round 16 probe of the parameter count (params23): sentences and small tables of our own, in the forms random
arXiv ML papers of 2015-2025 use to state their model's size, each with the value the corpus labels would give
(the main run's model, the largest trained in full, as stated; None = the labels give nothing), and near-misses
that must stay silent. Labels of parameter-efficient fine-tuning papers give the base model's total size
(dev: LoRA on GPT-3 -> 175B, QLoRA on Llama 70B -> 70.56B), not the adapter's trainable count."""

from __future__ import annotations

import pytest

# the prose/page readers of the parameter-forms tests (tests/ is on sys.path under pytest's rootdir import mode)
from test_sizes_parameters_forms import page, prose


# (texts, value the labels would give)
PROSE = [
    # ---- own counts in the ways setup sections state them
    (["Our model has only 1.9M trainable parameters, compared to 25.6M for ResNet-50."], 1.9e6),
    (["The encoder consists of 12 transformer layers with a hidden size of 768, totalling 110M parameters."], 110e6),
    (["We train a 2.7B ViT on our image-text pairs for 500k steps."], 2.7e9),
    (["We pretrain 1B and 7B models on 2T tokens of web text."], 7e9),
    (["The proposed network is lightweight, with learnable weights of 3.4M."], 3.4e6),
    (["The total number of parameters is about 4.2 million."], 4.2e6),
    (["Our final model contains 23.5 million parameters and runs at 40 fps on a single GPU."], 23.5e6),
    (["The searched architecture has 5.3M parameters and 590M multiply-adds."], 5.3e6),
    (["With 175 billion parameters, our largest model is ten times larger than any previous dense language model."], 175e9),
    (["Unlike BERT-Large, which has 340M parameters, our model uses only 66M parameters."], 66e6),
    (["Our graph encoder has 3 layers with 256 hidden units (0.9M parameters in total)."], 0.9e6),
    (["Our recommendation model has 1.2 billion parameters, 98% of which are in the embedding tables."], 1.2e9),
    (["In total, the acoustic model has approximately 30M parameters."], 30e6),
    (["Our U-Net has 7.8M parameters and is trained from scratch on 120 CT volumes."], 7.8e6),
    (["The number of trainable parameters of our model is 12,345,678."], 12_345_678),
    (["We scale our model up to 13B parameters."], 13e9),
    (["We train models ranging from 125M to 1.3B parameters."], 1.3e9),
    (["Our largest model, with 540B parameters, is trained on 6144 TPU v4 chips."], 540e9),
    (["Our MoE model has 64 experts of 117M parameters each, 7.5B parameters in total."], 7.5e9),
    (["We present an 8.3 billion parameter transformer language model trained with model parallelism."], 8.3e9),
    (["We use a 350M-parameter decoder-only Transformer as the policy."], 350e6),
    (["Our model is a 12-layer, 768-hidden, 12-head, 110M parameter Transformer."], 110e6),
    (["The teacher (BERT-Base, 110M) is distilled into our 14.5M-parameter student."], 14.5e6),
    (["The parameter count of our model is 36.2M, versus 60.2M for Swin-S."], 36.2e6),
    (["Our model (TinyNet-S, 2.4M params) achieves 71.2% top-1 accuracy."], 2.4e6),
    (["The resulting network contains 4.6 M parameters."], 4.6e6),
    (["Our keyword spotting model requires only 94K parameters, which fits on a microcontroller."], 94e3),
    (["The network has 1.5 × 10^8 parameters in total."], 1.5e8),
    (["Our model has 310 million parameters, of which 24 million are in the decoder."], 310e6),
    (["We train the 6.9B model for 143,000 steps and use it in all experiments below."], 6.9e9),
    (["It requires 4.2M parameters and 569M mult-adds per image."], 4.2e6),
    (["Our network has 2.3M parameters and 1.2 billion operations per frame."], 2.3e6),
    (["We increase the model size by widening every layer, reaching 1.2B parameters."], 1.2e9),
    (["Our model stacks 6 convolutional layers and has 1.2M parameters in total."], 1.2e6),
    (["The model uses 8 residual blocks, 2.9M parameters overall."], 2.9e6),
    (["We train a 600M DiT on ImageNet at 256x256 resolution."], 600e6),
    (["Our 400M U-Net is trained for 1M steps with a batch size of 2048."], 400e6),
    (["The number of learnable weights is 2.6M."], 2.6e6),
    (["Our best model has 3 billion parameters."], 3e9),
    (["The full model has ~85M parameters."], 85e6),
    (["We use the base configuration (86M parameters) for all experiments."], 86e6),
    (["The model comprises 19.6 million trainable parameters."], 19.6e6),
    (["We train a Conformer-L model (118.8M parameters) on LibriSpeech 960h."], 118.8e6),
    (["The agent's network has about 1.7 million parameters."], 1.7e6),
    (["The resulting model has 0.35 billion parameters."], 0.35e9),
    (["Our network is compact: 620K parameters in total."], 620e3),
    (["It has 1.2 × 10^6 learnable parameters."], 1.2e6),
    (["The model's size is 7.1M parameters."], 7.1e6),
    (["The model has a parameter count of 42M."], 42e6),
    (["We train a 3-layer bidirectional LSTM with 512 units per direction (about 18M parameters)."], 18e6),
    (["Our model, which has 125 million parameters, is trained on a single GPU."], 125e6),
    (["This yields a model with roughly 2.5 billion trainable parameters."], 2.5e9),
    (["Our model has 24 layers, 16 attention heads, a hidden size of 1024 and 335M parameters."], 335e6),
    (["Parameters: 11.2M; FLOPs: 1.8G; Top-1: 78.4%."], 11.2e6),
    (["Our model requires 3.9M parameters, 4x fewer than EfficientNet-B0 (5.3M)."], 3.9e6),
    (["A single forward pass of our 70M-parameter model takes 12 ms."], 70e6),
    (["Our final WaveNet-style vocoder contains 4.8M parameters and synthesizes 24 kHz audio in real time."], 4.8e6),
    (["The proposed Mobile-Former-294M achieves 77.9% top-1 accuracy with 11.4M parameters."], 11.4e6),
    (["The model has a total of 6.9 million parameters, of which 2.1 million belong to the attention modules."], 6.9e6),
    (["The proposed model has a total of 1,234,567 trainable parameters."], 1_234_567),
    (["Total params: 2,360,353 Trainable params: 2,355,969 Non-trainable params: 4,384"], 2_360_353),
    (["The CNN has about 0.5 million weights."], 0.5e6),
    (["Our lightweight model (1.3 MB, 0.33M parameters) runs on a smartphone."], 0.33e6),
    (["The network has 7 × 10^5 parameters."], 7e5),
    (["Our LSTM language model has 2 layers of 650 units (20M parameters), as in Zaremba et al."], 20e6),
    # variants named by a size word with their counts in parentheses, before a noun of models
    (["We train the small (22M) and base (86M) variants for 300 epochs and the large (307M) variant for 100 epochs."],
     307e6),
    (["We pre-train Base (110M), Large (340M) and XL (1.5B) models on our corpus."], 1.5e9),
    (["We report results for the large (307M) model throughout."], 307e6),
    # ---- several sentences: the own run's size among others' and smaller ones
    (["Large language models such as GPT-3 (175B) and PaLM (540B) have shown strong few-shot abilities.",
      "In this work, we train a 1.3B-parameter decoder on 300B tokens.",
      "Our model outperforms OPT-13B on six of eight benchmarks."], 1.3e9),
    (["We fine-tune BERT-Large (340M parameters) on each GLUE task.",
      "Fine-tuning takes 3 epochs with a batch size of 32."], 340e6),
    (["Our student model has 14.5M parameters, 7.5x smaller than BERT-Base (110M).",
      "We distill it on English Wikipedia."], 14.5e6),
    (["Table 3 lists the three model sizes we train: 125M, 350M and 760M parameters.",
      "Unless stated otherwise, results are for the 760M model."], 760e6),
    (["We train our transformer with 6 layers, model dimension 512 and 8 heads (44M parameters) on WMT14 En-De.",
      "The big model (213M parameters) is trained for 300K steps."], 213e6),
    (["We scale the model to 1.2B parameters by increasing depth to 48 layers.", "A 345M model is used for ablations."],
     1.2e9),
    (["We compare to RoBERTa-large (355M), DeBERTa-v3-large (435M), and T5-11B.", "Our model has 220M parameters."], 220e6),
    (["The model is initialized from the publicly available 7B checkpoint of Mistral and further pre-trained on 20B "
      "tokens of code."], 7e9),
    # a named other model's size told of it beside our own stated size (sizes/choice._named_others_runs, others24)
    (["ResNet-50 has 25.6M parameters and 4.1 GFLOPs.", "In contrast, our network has 5.4M parameters.",
      "We train it for 300 epochs on ImageNet."], 5.4e6),
    (["We adopt ViT-B/16 as the backbone.", "The total number of parameters of our detector is 97M.",
      "Swin-L, with 197M parameters, reaches 58.7 AP."], 97e6),
    # ---- parameter-efficient fine-tuning: the labels give the base model's size
    (["We use LLaMA-2 7B as the base model and apply LoRA with rank 16, which adds 8.4M trainable parameters.",
      "Training runs for 3 epochs on the instruction data."], 7e9),
    (["LoRA adds only 0.8M trainable parameters to the 7B base model."], 7e9),
    (["We fine-tune LLaMA-2 with 13B parameters using LoRA, updating only 6.3M parameters (0.05%)."], 13e9),
    # ---- near-misses: silence
    (["The model size is 44 MB after quantization."], None),
    (["We use a ResNet-50 backbone pretrained on ImageNet."], None),
    pytest.param(["GPT-3 has 175B parameters, which makes fine-tuning it expensive."], None, marks=pytest.mark.xfail(
        reason="a named model's size alone: the run's when the paper adapts that model (dev labels of LoRA papers give "
               "the base model's size), another's when it only motivates; one sentence cannot tell (others23's field)")),
    (["Chinchilla, trained for 1.4T tokens, outperforms Gopher, which has 280B parameters."], None),
    (["The policy network is a small MLP with two hidden layers of 64 units."], None),
    (["We use a vocabulary of 32K tokens and an embedding dimension of 512."], None),
    (["The dataset contains 1.2M images from 1000 classes."], None),
    (["Our method reduces the parameters by 3.2M compared with the baseline."], None),
    (["It uses 40% fewer parameters than ResNet-101 (44.5M)."], None),
    (["Models with more than 10B parameters exhibit emergent abilities."], None),
    (["The recommender uses embedding tables of dimension 64 for 10M users and 2M items."], None),
    (["Our GCN has two layers with 16 hidden units.", "It is trained for 200 epochs with Adam."], None),
    (["Under an equal parameter budget of 10M, our method improves accuracy by 2.1%."], None),
    (["The number of parameters grows linearly with the number of nodes in the graph."], None),
    (["Our approach adds fewer than 0.1% additional parameters."], None),
    (["Smaller models (under 1B parameters) fail to follow instructions."], None),
    (["The 1202-layer network may be unnecessarily large (19.4M) for this small dataset."], None),
    (["We use RoBERTa base (125M) and RoBERTa large (355M) from the HuggingFace library."], None),
    (["We collect a large (2M) corpus of dialogues from public forums."], None),
    (["The learning rate is 3e-4 and weight decay is 0.1 for all parameters."], None),
    (["Pruning removes 90% of the 25.6M parameters of ResNet-50."], None),
    (["Compared with ResNet-50, our model cuts the model size by 40M."], None),
    (["ViT-Base 12 768 3072 12 86M ViT-Large 24 1024 4096 16 307M"], None),  # a table's cells run on as text
    (["Distillation decreases the parameter count by about 60M."], None),
    (["The last 2 transformer layers contain 14M parameters."], None),
    (["The classification head adds 2 fully-connected layers with 0.5M parameters."], None),
    (["The losses are combined with trainable weights of 0.5 and 0.3."], None),
    # one expert of a mixture
    (["Each of the 4 experts has 1.3B parameters, and the router adds a negligible amount."], None),
    (["The router sends every token to 2 experts, with 0.9B parameters per expert."], None),
    (["Every expert is a 2-layer MLP with 0.5B parameters, and the model has 8 experts with 13B parameters in total."],
     13e9),
]


@pytest.mark.parametrize("texts, value", PROSE, ids=[(p.values if hasattr(p, "values") else p)[0][0][:48] for p in PROSE])
def test_prose_forms(texts, value):
    chosen, _ = prose(*texts)
    assert chosen == (pytest.approx(value, rel=1e-6) if value is not None else None)


TABLES = [
    # a comparison table whose last row is ours, with a Params (M) column
    (["Table 2: Comparison with state-of-the-art methods on ImageNet.",
      "Method Params (M) FLOPs (G) Top-1 (%)",
      "ResNet-50 [12] 25.6 4.1 76.1", "DeiT-S [40] 22.1 4.6 79.8", "Swin-T [28] 28.3 4.5 81.3",
      "FooNet (ours) 24.7 4.3 82.1"], 24.7e6),
    # the same, the own row a plain "Ours" and the Params column last
    (["Table 3: Segmentation results on the Synapse multi-organ CT dataset.",
      "Method Dice (%) HD95 (mm) Params (M)",
      "U-Net [30] 76.9 39.7 31.0", "TransUNet [5] 77.5 31.7 105.3", "Ours 81.2 19.4 8.9"], 8.9e6),
    # #Params of our variants: the largest
    (["We present FooNet, a family of efficient vision backbones.",
      "Table 4: FooNet variants on ImageNet-1K.",
      "Model #Params FLOPs Top-1",
      "FooNet-Tiny 11M 1.8G 79.1", "FooNet-Small 24M 4.2G 81.6", "FooNet-Base 52M 8.9G 83.0"], 52e6),
    # a model card in an appendix
    (["Table 7: Configurations of the models we train.",
      "Model Layers d_model Heads Params",
      "Small 12 768 12 125M", "Medium 24 1024 16 350M", "Large 24 1536 16 760M", "XL 24 2048 16 1.3B"], 1.3e9),
    # a hyper-parameter list with the count
    (["Table 8: Hyper-parameters of our model.",
      "Number of layers 6", "Hidden size 512", "Attention heads 8", "Number of parameters 44M",
      "Dropout 0.1"], 44e6),
    # a results table "with baseline models" that has our row: ours
    (["Table 5: Comparison with baseline models on the GLUE benchmark.",
      "Model Params GLUE Avg.",
      "BERT-Base [8] 110M 79.6", "DistilBERT [33] 66M 77.0", "Ours 29M 78.4"], 29e6),
    (["Table 2: Results on COCO val2017.", "Method Backbone #Params AP",
      "Mask R-CNN [13] R-50 44M 41.0", "Cascade [2] R-101 88M 44.3", "FooDet (ours) R-50 46M 45.2"], 46e6),
    (["Table 1: Architecture details of our model family.", "Model Depth Width #Params (M)",
      "Foo-S 12 384 22", "Foo-B 12 768 86", "Foo-L 24 1024 307"], 307e6),
    (["Table 4: Comparison on ImageNet-1K. Params and FLOPs are measured at 224x224.",
      "Model Params FLOPs Top-1", "DeiT-B [40] 86M 17.5G 81.8", "Swin-B [28] 88M 15.4G 83.5",
      "Ours-T 28M 4.5G 82.4", "Ours-S 50M 8.7G 83.6", "Ours-B 89M 15.2G 84.3"], 89e6),
    (["Table 6: Ablation on the number of layers.", "Layers Params Acc", "4 12M 71.2", "8 23M 73.8", "12 34M 74.1"], None),
    # a Keras-style model summary: its total
    (["Table 2: Summary of the proposed network.", "Layer (type) Output Shape Param #",
      "conv2d_1 (Conv2D) (None, 26, 26, 32) 320", "max_pooling2d_1 (None, 13, 13, 32) 0",
      "dense_1 (Dense) (None, 128) 692352", "dense_2 (Dense) (None, 10) 1290", "Total params: 693,962",
      "Trainable params: 693,962", "Non-trainable params: 0"], 693_962),
    # near-miss: a table of the models compared against, none ours
    pytest.param(["Table 1: Sizes of the pre-trained language models we compare against.",
                  "Model Params Layers",
                  "BERT-Base 110M 12", "BERT-Large 340M 24", "GPT-2 1.5B 48"], None, marks=pytest.mark.xfail(
        reason="flagging the rows of a table captioned as the models compared/evaluated (no row of ours) added one "
               "invented value on the blind split (sizes_ranker cv, 6 -> 7) and moved nothing on dev: reverted "
               "(params23, patch kept in the report)")),
]


@pytest.mark.parametrize("lines, value", TABLES, ids=[(p.values if hasattr(p, "values") else p)[0][0][:40] for p in TABLES])
def test_table_forms(lines, value):
    chosen, _ = page(*lines)
    assert chosen == (pytest.approx(value, rel=1e-6) if value is not None else None)
