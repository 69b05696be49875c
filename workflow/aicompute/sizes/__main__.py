"""python -m aicompute.sizes fit-confidence ..."""

from .fit_confidence import fit_confidence_main

if __name__ == "__main__":
    import sys

    if len(sys.argv) > 1 and sys.argv[1] == "fit-confidence":
        sys.exit(fit_confidence_main(sys.argv[2:]))
    print("usage: python -m aicompute.sizes fit-confidence --pdfs DIR --labels DIR [--meta CSV] [--out FILE]",
          file=sys.stderr)
    sys.exit(2)
