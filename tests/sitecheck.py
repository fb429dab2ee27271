"""Reading a built site: its pages, and every internal link that does not resolve."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html"))


def url_of(site: Path, page: Path) -> str:
    """'utbildningar/x/' for site/utbildningar/x/index.html."""
    rel = page.relative_to(site).as_posix()
    return rel.removesuffix("index.html")


@lru_cache(maxsize=4096)
def _parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def soup(site: Path, url: str) -> BeautifulSoup:
    path = site / url / "index.html" if url.endswith("/") or url == "" else site / url
    return _parse(path)


@dataclass(frozen=True)
class BrokenLink:
    page: str
    href: str
    reason: str


def broken_links(site: Path) -> Iterator[BrokenLink]:
    """Every href/src on every page that points inside the site but finds no file or anchor."""
    for page in pages(site):
        current = url_of(site, page)
        document = _parse(page)
        for tag, attr in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
            for element in document.find_all(tag):
                href = element.get(attr)
                if not href or urlsplit(href).scheme or href.startswith("//"):
                    continue
                parts = urlsplit(href)
                target = (
                    posixpath.normpath(
                        posixpath.join(posixpath.dirname("/" + current + "x"), unquote(parts.path))
                    )
                    if parts.path
                    else "/" + current
                )
                if parts.path.endswith("/") and not target.endswith("/"):
                    target += "/"
                file = site / target.lstrip("/")
                if file.is_dir():
                    file = file / "index.html"
                if not file.is_file():
                    yield BrokenLink(current, href, "ingen fil")
                elif (
                    parts.fragment
                    and file.suffix == ".html"
                    and _parse(file).find(id=parts.fragment) is None
                ):
                    yield BrokenLink(current, href, "ankaret saknas")
