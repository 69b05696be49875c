"""The HTML appendix (render) and its plot (plot)."""
