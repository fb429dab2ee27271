"""Teknikcollege Västerbotten's site generator: data → validated records → pages and open data."""
