"""Data in and out: Excel sheets from ward offices (and USB packages later); no Qt."""
