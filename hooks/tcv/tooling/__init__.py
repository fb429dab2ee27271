"""Tools that measure or inspect the site, apart from the product: the benchmark (bench,
bench_preview, child), synthetic data at any scale, the browser audit (audit/) and the helpers
that build a site for inspection and read a built one (builtsite).

The build path (tcv.models → load → checks → site → pages / export, and the MkDocs hooks) never
imports this package; a test walks the imports to keep it so. Its extra dependencies (Playwright,
Beautiful Soup, lxml) are the optional extra `tooling` in pyproject.toml. Reach it through the one
command line: `python -m tcv synthetic|bench|audit`, or scripts/synthetic, scripts/bench and
scripts/audit.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]  # the repository: mkdocs.yml, data/, node_modules/
