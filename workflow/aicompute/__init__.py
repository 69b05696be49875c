"""aicompute: estimate the training compute of ML papers, after OpenAI's "AI and Compute" (2018).

Stages, one module each: ``arxiv`` (fetch), ``pdftext`` + ``extract`` (facts with evidence),
``hardware`` (spec table), ``estimate`` (both methods + consistency), ``trend`` (fits), ``report``.
Nothing here knows about Snakemake; rule scripts in ``workflow/scripts`` are thin adapters.
"""

from pathlib import Path

__version__ = "0.1.0"

# Data tables (hardware specs, OpenAI's published figures) live beside the package, in workflow/data.
DATA_DIR = Path(__file__).resolve().parent.parent / "data"
