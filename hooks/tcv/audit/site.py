"""What a built site contains: its pages, their URLs, images and the search index."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

SEARCH_INDEX = "search/search_index.json"
MODERN_IMAGE_FORMATS = (".svg", ".webp", ".avif")


def page_files(site: Path) -> list[Path]:
    """Every HTML page of the built site, generated pages included."""
    return sorted(site.rglob("*.html"))


def url_of(site: Path, page: Path) -> str:
    """The page's path on the server: '/utbildningar/x/' for utbildningar/x/index.html."""
    rel = page.relative_to(site).as_posix()
    return "/" + rel.removesuffix("index.html")


def page_urls(site: Path) -> list[str]:
    return [url_of(site, page) for page in page_files(site)]


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
    for page in page_files(site):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        for img in soup.find_all("img"):
            src = str(img.get("src", ""))
            url = url_of(site, page)
            if not (img.get("width") and img.get("height")):
                problems.append(ImageProblem(url, src, "saknar width och height"))
            if not urlsplit(src).path.lower().endswith(MODERN_IMAGE_FORMATS):
                problems.append(ImageProblem(url, src, "är inte SVG, WebP eller AVIF"))
    return problems
