"""LIX (läsbarhetsindex) of built pages, for the tests and for anyone checking a text by hand.

LIX = words / sentences + 100 × long words / words, where a long word has more than six
letters. A sentence ends at '.', '!', '?' or ':' and also where a block element ends (a heading,
a list item, a table cell): a list item without a full stop is still a unit of its own.

Usage: `python tests/lix.py SITE_DIR [URL ...]` prints a table of every page (or the given
site-relative URLs such as `byta-yrke/`).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString

# Elements whose end also ends a sentence.
BLOCKS = (
    "p",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "td",
    "th",
    "dt",
    "dd",
    "caption",
    "figcaption",
    "blockquote",
    "summary",
    "legend",
    "label",
    "div",
    "section",
)
# Not prose: code, scripts, navigation, the edit button and heading permalinks.
SKIP = "pre, code, script, style, nav, .headerlink, .md-content__button, template"
BOUNDARY = "\u2029"  # paragraph separator, never in our text

WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
SENTENCE_END = re.compile(rf"[.!?:{BOUNDARY}]+")


@dataclass(frozen=True)
class Lix:
    words: int
    sentences: int
    long_words: int

    @property
    def value(self) -> float:
        if not self.words:
            return 0.0
        return self.words / max(self.sentences, 1) + 100 * self.long_words / self.words


def lix_of_text(text: str) -> Lix:
    """LIX of plain text; block boundaries may be marked with BOUNDARY."""
    words = sentences = long_words = 0
    for sentence in SENTENCE_END.split(text):
        found = WORD.findall(sentence)
        if not found:
            continue
        sentences += 1
        words += len(found)
        long_words += sum(1 for w in found if sum(c.isalpha() for c in w) > 6)
    return Lix(words, sentences, long_words)


def article_text(html: str | BeautifulSoup, *, language: str = "sv") -> str:
    """The prose of `article#innehall`, with block ends marked; passages in another language
    (an element with a `lang` that is not `language`) are left out."""
    document = html if isinstance(html, BeautifulSoup) else BeautifulSoup(html, "lxml")
    article = document.select_one("article#innehall")
    if article is None:
        return ""
    article = BeautifulSoup(str(article), "lxml").select_one("article")  # work on a copy
    for element in article.select(SKIP):
        element.decompose()
    for element in article.select("[lang]"):
        if not element["lang"].lower().startswith(language):
            element.decompose()
    for element in article.find_all(BLOCKS):
        element.append(NavigableString(BOUNDARY))
    for br in article.find_all("br"):
        br.replace_with(NavigableString(BOUNDARY))
    return article.get_text(" ")


def lix_of_page(html: str | BeautifulSoup, *, language: str = "sv") -> Lix:
    return lix_of_text(article_text(html, language=language))


def table(rows: list[tuple[str, Lix]], limits: dict[str, float] | None = None) -> str:
    """A plain-text table: page, words, sentences, long words, LIX (and the limit, if given)."""
    limits = limits or {}
    width = max([len(r[0]) for r in rows] + [4])
    lines = [f"{'page':<{width}}  {'words':>5}  {'sent.':>5}  {'long':>5}  {'LIX':>5}  limit"]
    for url, score in rows:
        limit = limits.get(url)
        mark = "" if limit is None else f"{limit:>5.0f}" + ("  OVER" if score.value > limit else "")
        lines.append(
            f"{url or '(start)':<{width}}  {score.words:>5}  {score.sentences:>5}  "
            f"{score.long_words:>5}  {score.value:>5.1f}  {mark}"
        )
    return "\n".join(lines)


def _main(argv: list[str]) -> int:
    if not argv:
        print(__doc__.strip().splitlines()[-2], file=sys.stderr)
        return 2
    site = Path(argv[0])
    urls = argv[1:] or [
        p.relative_to(site).as_posix().removesuffix("index.html")
        for p in sorted(site.rglob("index.html"))
    ]
    rows = []
    for url in urls:
        path = site / url / "index.html" if url.endswith("/") or not url else site / url
        html = path.read_text(encoding="utf-8")
        lang = BeautifulSoup(html, "lxml").html.get("lang", "sv")
        rows.append((url, lix_of_page(html, language=lang)))
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
