"""The one place that knows the URL of every page. URLs are Swedish and end in '/'."""

from __future__ import annotations

import posixpath

FINDER = "utbildningar/"
MUNICIPALITIES = "kommuner/"
PROVIDERS = "anordnare/"
COMPANIES = "foretag/"

_FOLDERS = {
    "programme": "utbildningar",
    "municipality": "kommuner",
    "provider": "anordnare",
    "company": "foretag",
}


def record(kind: str, record_id: str) -> str:
    """URL of the page for one record, e.g. record('programme', 'x') -> 'utbildningar/x/'."""
    return f"{_FOLDERS[kind]}/{record_id}/"


def src_uri(url: str) -> str:
    """The virtual Markdown source that MkDocs turns into `url` (with use_directory_urls)."""
    if url == "":
        return "index.md"
    stem = url.rstrip("/")
    if stem.count("/") == 0:
        return f"{stem}/index.md"
    return f"{stem}.md"


def relative(target: str, current: str) -> str:
    """A link from the page at `current` to `target`; both site-relative like 'kommuner/umea/'."""
    if target.startswith(("https:", "mailto:", "tel:", "#")):
        return target
    path, _, fragment = target.partition("#")
    link = posixpath.relpath("/" + path, "/" + current) if path != current else "."
    if (path == "" or path.endswith("/")) and link not in (".", "/"):
        link += "/"
    link = "./" if link == "." else link
    return f"{link}#{fragment}" if fragment else link
