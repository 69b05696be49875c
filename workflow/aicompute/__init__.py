"""aicompute: estimate the training compute of ML papers, after OpenAI's "AI and Compute" (2018).

Stages, one module each: ``arxiv`` (fetch), ``pdftext`` + ``extract`` (facts with evidence),
``hardware`` (spec table), ``estimate`` (both methods + consistency), ``trend`` (fits), ``report``.
Nothing here knows about Snakemake; rule scripts in ``workflow/scripts`` are thin adapters.
"""

import re
from pathlib import Path

__version__ = "0.1.0"

# Data tables (hardware specs, OpenAI's published figures) live beside the package, in workflow/data.
DATA_DIR = Path(__file__).resolve().parent.parent / "data"

# The rules hold about 3,000 regular expressions, many written inline (``re.search(r"...", t)``) and some built per paper
# from a dataset's or a device's name; ``re`` keeps 512 compiled, first in first out, and papers pushed each other's out
# (3,033 distinct patterns compiled 11,686 times over 131 papers, 2.7 s of CPU against 1.0 s: ~3% of the extraction).
# A larger cache keeps them; a paper's own patterns (~14 each) push out the oldest in turn.
RE_CACHE_SIZE = 8192
if getattr(re, "_MAXCACHE", RE_CACHE_SIZE) < RE_CACHE_SIZE:
    re._MAXCACHE = RE_CACHE_SIZE
