"""The Nu HTML Checker (vnu.jar from the pinned npm package `vnu-jar`) over every page at once."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..builtsite import url_of
from .tools import java, vnu_jar


@dataclass(frozen=True)
class HtmlError:
    page: str
    line: int
    message: str
    extract: str

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: {self.message}  [{self.extract.strip()[:120]}]"


class HtmlCheck:
    """Started in the background (Java takes a while), read with `errors()`."""

    def __init__(self, site: Path, pages: list[Path]) -> None:
        self.site = site
        self.process = subprocess.Popen(
            [java(), "-jar", str(vnu_jar()), "--format", "json", "--stdout", "--exit-zero-always"]
            + [str(page) for page in pages],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def errors(self) -> list[HtmlError]:
        """Every error (warnings aside); a page the checker could not read counts as an error."""
        out, err = self.process.communicate()
        if self.process.returncode != 0 or not out.strip():
            return [HtmlError("(vnu)", 0, f"Nu HTML Checker avslutades med fel: {err.strip()}", "")]
        messages = json.loads(out)["messages"]
        return [
            HtmlError(
                self._page(m.get("url", "")),
                m.get("lastLine", 0),
                m["message"],
                m.get("extract", ""),
            )
            for m in messages
            if m.get("type") in ("error", "non-document-error")
        ]

    def _page(self, url: str) -> str:
        path = Path(unquote(urlsplit(url).path))
        try:
            return "/" + url_of(self.site.resolve(), path.resolve())
        except ValueError:
            return url
