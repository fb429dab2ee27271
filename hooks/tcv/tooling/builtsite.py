"""Building the site for inspection, and reading a built site: its pages, their URLs, parsed
HTML, broken internal links, images and the search index. One home for the build tests, the
browser tests, `python -m tcv audit` and `python -m tcv bench`."""

from __future__ import annotations

import os
import posixpath
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

from . import ROOT

CONFIG = ROOT / "mkdocs.yml"
SEARCH_INDEX = "search/search_index.json"
MODERN_IMAGE_FORMATS = (".svg", ".webp", ".avif")


def build_arguments(site_dir: Path, config: Path = CONFIG) -> list[str]:
    """`python -m` these: the strict build scripts/build runs, into `site_dir`."""
    return ["mkdocs", "build", "--strict", "--quiet", "-f", str(config), "-d", str(site_dir)]


class BuildFailed(Exception):
    def __init__(self, output: str) -> None:
        super().__init__(output)
        self.output = output


def build_site(
    data_dir: Path, out_dir: Path, *, today: str | None = None, config: Path = CONFIG
) -> Path:
    """Build the site from `data_dir` into `out_dir` with the real `mkdocs build --strict`, as
    the build date `today` (YYYY-MM-DD) when given; BuildFailed carries MkDocs' output."""
    env = {**os.environ, "TCV_DATA_DIR": str(data_dir), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("GITHUB_ACTIONS", None)
    if today:
        env["TCV_BUILD_DATE"] = today
    result = subprocess.run(
        [sys.executable, "-m", *build_arguments(out_dir, config)],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if result.returncode != 0:
        raise BuildFailed(result.stdout + result.stderr)
    return out_dir


def pages(site: Path) -> list[Path]:
    """Every HTML page of the built site, generated pages included."""
    return sorted(site.rglob("*.html"))


def url_of(site: Path, page: Path) -> str:
    """The page's site-relative URL, as tcv.urls writes them: 'utbildningar/x/' for
    utbildningar/x/index.html, '' for the start page, '404.html' for a file page."""
    return page.relative_to(site).as_posix().removesuffix("index.html")


def page_paths(site: Path) -> list[str]:
    """The path a browser asks the server for, for every page: '/utbildningar/x/'."""
    return ["/" + url_of(site, page) for page in pages(site)]


@lru_cache(maxsize=4096)
def _parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def soup(site: Path, url: str) -> BeautifulSoup:
    """The parsed page at a site-relative URL ('kommuner/umea/', '' or '404.html')."""
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


def file_for(site: Path, path: str) -> Path | None:
    """The file the server sends for a URL path, or None."""
    target = site / unquote(urlsplit(path).path).lstrip("/")
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def search_index_size(site: Path) -> int:
    index = site / SEARCH_INDEX
    return index.stat().st_size if index.is_file() else 0


@dataclass(frozen=True)
class ImageProblem:
    page: str
    src: str
    problem: str


def image_problems(site: Path) -> list[ImageProblem]:
    """Every <img> without width and height, or in a format older than SVG, WebP or AVIF."""
    problems: list[ImageProblem] = []
    for page in pages(site):
        for img in _parse(page).find_all("img"):
            src = str(img.get("src", ""))
            url = "/" + url_of(site, page)
            if not (img.get("width") and img.get("height")):
                problems.append(ImageProblem(url, src, "saknar width och height"))
            if not urlsplit(src).path.lower().endswith(MODERN_IMAGE_FORMATS):
                problems.append(ImageProblem(url, src, "är inte SVG, WebP eller AVIF"))
    return problems
