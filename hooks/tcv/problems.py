"""Problems found in the data, written for editors: `path:line: field: problem — what would be right`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    field: str
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR

    @property
    def text(self) -> str:
        """`field: problem — what would be right`, the part after `path:line:`."""
        text = f"{self.field or '(filen)'}: {self.message}"
        return f"{text} — {self.hint}" if self.hint else text

    def __str__(self) -> str:
        marker = "varning: " if self.severity is Severity.WARNING else ""
        return f"{self.path}:{self.line}: {marker}{self.text}"

    def github_annotation(self) -> str:
        """The same problem as a GitHub Actions workflow command, escaped as @actions/core does."""
        title = "Ogiltig data" if self.severity is Severity.ERROR else "Varning i data"
        props = (
            f"file={_escape_property(self.path)},line={self.line},title={_escape_property(title)}"
        )
        return f"::{self.severity.value} {props}::{_escape_data(self.text)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class DataError(Exception):
    """Raised when the data has errors; carries every problem, not just the first."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(format_problems(self.problems))


def format_problems(problems: Iterable[Problem], *, github: bool = False) -> str:
    lines = []
    for problem in sorted(problems):
        lines.append(str(problem))
        if github:
            lines.append(problem.github_annotation())
    return "\n".join(lines)
