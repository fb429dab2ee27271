"""Markdown written in data files, turned into HTML that cannot carry script."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import markdown
import nh3
from markupsafe import Markup

ALLOWED_SCHEMES = ("https:", "mailto:", "tel:")
_TAGS = {"p", "a", "em", "strong", "ul", "ol", "li", "br", "blockquote", "code", "h3", "h4"}
_LINK = re.compile(
    r"\]\(\s*<?([^)\s>]+)|<([a-z][a-z0-9+.-]*:[^>\s]+)>|href=[\"']?([^\"'\s>]+)", re.I
)


# One converter for the whole build: building a Markdown instance costs more than converting the
# short texts of a record. reset() clears its state between texts.
_MARKDOWN = markdown.Markdown(output_format="html")


@lru_cache(maxsize=4096)  # many records share texts, e.g. how to apply to gymnasium
def to_html(text: str) -> Markup:
    """Render data Markdown; the sanitizer keeps only harmless tags and https/mailto/tel links."""
    html = _MARKDOWN.reset().convert(text)
    clean = nh3.clean(
        html,
        tags=_TAGS,
        attributes={"a": {"href"}},
        url_schemes={s.rstrip(":") for s in ALLOWED_SCHEMES},
        link_rel="noopener",
    )
    return Markup(clean)


def disallowed_links(text: str) -> Iterator[str]:
    """Link targets in Markdown that the site would refuse, so validation can name them."""
    if "](" not in text and "<" not in text and "href" not in text.casefold():
        return  # most texts have no link at all: skip the expression (a third of validation)
    for match in _LINK.finditer(text):
        target = next(g for g in match.groups() if g)
        if not target.lower().startswith(ALLOWED_SCHEMES):
            yield target
