"""Read YAML files safely and remember where each value stands, for `path:line:` messages.

PyYAML's C parser is fast and its node tree already carries line marks. We compose the node tree
once to refuse duplicate keys (PyYAML would silently keep the last one), construct plain Python
values from it, and compose again only when a problem needs a line number.

Even so, PyYAML builds a Python object per value and is most of the time validation takes
(0.3–0.6 ms a file; some 6 of the 9 s a national data set takes). `ParsedCache` keeps the values of texts parsed
before, by a digest of the text, in the user's cache folder: an unchanged file is not parsed
again. Only files that parsed without a problem are kept, and the records are still validated
from those values every time.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml: same results, slower
    _Loader = yaml.SafeLoader


# Raise when the values a text parses to change (a different loader, another check); the PyYAML
# version is part of the cache's name too.
CACHE_FORMAT = 1


class ParsedCache:
    """Values of clean YAML texts parsed before, by digest, for one data folder (each folder
    has its own file, so a large data set elsewhere does not slow down this one). `save()`
    keeps what this run used: the values of files since deleted or changed are dropped."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            with self.path.open("rb") as stored:
                self.known: dict[bytes, Any] = pickle.load(stored)
        except Exception:  # missing, unreadable or from another version: start afresh
            self.known = {}
        self.used: dict[bytes, Any] = {}

    @classmethod
    def for_folder(cls, data_dir: Path) -> ParsedCache:
        """The cache of `data_dir`: in $TCV_CACHE_DIR when set, else in tcv/ of the user's cache
        folder ($XDG_CACHE_HOME or ~/.cache)."""
        base = os.environ.get("TCV_CACHE_DIR") or Path(
            os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache", "tcv"
        )
        folder = hashlib.blake2b(str(data_dir.resolve()).encode(), digest_size=8).hexdigest()
        return cls(Path(base) / f"yaml-{yaml.__version__}-{CACHE_FORMAT}-{folder}.pickle")

    def get(self, digest: bytes) -> Any:
        value = self.known.get(digest)
        if value is not None:
            self.used[digest] = value
        return value

    def put(self, digest: bytes, value: Any) -> None:
        self.used[digest] = value

    def save(self) -> None:
        if self.used.keys() == self.known.keys():
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial = self.path.with_suffix(f".{os.getpid()}.tmp")
            with partial.open("wb") as out:
                pickle.dump(self.used, out, protocol=pickle.HIGHEST_PROTOCOL)
            partial.replace(self.path)
        except OSError:
            pass  # a cache that cannot be written only costs time


@dataclass(frozen=True)
class YamlFile:
    path: Path
    text: str

    @property
    def display(self) -> str:
        """The path as editors and GitHub annotations know it: relative to the working directory."""
        shown = os.path.relpath(self.path)
        return str(self.path) if shown.startswith("..") else shown

    def line_of(self, loc: Sequence[str | int]) -> int:
        """The line of the deepest part of `loc` that exists; the enclosing mapping otherwise."""
        node = _compose(self.text)
        line = node.start_mark.line + 1 if node is not None else 1
        for part in loc:
            if isinstance(node, yaml.MappingNode):
                match = next((kv for kv in node.value if kv[0].value == part), None)
                if match is None:
                    break
                line, node = match[0].start_mark.line + 1, match[1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if part >= len(node.value):
                    break
                node = node.value[part]
                line = node.start_mark.line + 1
            else:
                break
        return line


def read_yaml(path: Path, cache: ParsedCache | None = None) -> tuple[YamlFile, Any, list[Problem]]:
    """Parse one file. Returns the file, its data (None when unusable) and any problems."""
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        source = YamlFile(path, "")
        return (
            source,
            None,
            [
                _problem(
                    source,
                    1,
                    "filen är inte sparad som UTF-8",
                    "spara den som UTF-8 (standard i GitHubs webbredigerare)",
                )
            ],
        )
    source = YamlFile(path, text)
    digest = hashlib.blake2b(raw, digest_size=16).digest() if cache is not None else b""
    if cache is not None and (cached := cache.get(digest)) is not None:
        return source, cached, []
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return (
                source,
                None,
                [_problem(source, 1, "filen är tom", "fyll i fälten eller ta bort filen")],
            )
        problems = list(_node_problems(loader, source, node))
        if problems:
            return source, None, problems
        value = loader.construct_document(node)
        if cache is not None and value is not None:
            cache.put(digest, value)
        return source, value, []
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        detail = error.problem or "okänt fel"
        return (
            source,
            None,
            [
                _problem(
                    source,
                    line,
                    f"YAML-syntaxfel ({detail})",
                    "kontrollera indraget, att varje fält har kolon och mellanslag efter namnet "
                    "och att text med kolon eller # står inom citattecken",
                )
            ],
        )
    except yaml.YAMLError as error:  # e.g. a tag that safe loading refuses
        return (
            source,
            None,
            [
                _problem(
                    source,
                    1,
                    f"YAML kunde inte läsas ({error})",
                    "använd bara vanliga YAML-värden, inga !-taggar",
                )
            ],
        )
    finally:
        loader.dispose()


def _compose(text: str) -> yaml.Node | None:
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


_TIMESTAMP = "tag:yaml.org,2002:timestamp"


def _node_problems(loader: Any, source: YamlFile, root: yaml.Node) -> Iterator[Problem]:
    """Duplicate keys, and dates that look like dates but do not exist (2026-13-01)."""
    stack: list[tuple[yaml.Node, str]] = [(root, "")]
    while stack:
        node, field = stack.pop()
        if isinstance(node, yaml.ScalarNode) and node.tag == _TIMESTAMP:
            try:
                loader.construct_yaml_timestamp(node)
            except ValueError:
                yield _problem(
                    source,
                    node.start_mark.line + 1,
                    f"'{node.value}' är inget giltigt datum",
                    "skriv ÅÅÅÅ-MM-DD med en månad 01–12 och en dag som finns i månaden",
                    field,
                )
        elif isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key, value in node.value:
                name = f"{field}.{key.value}" if field else str(key.value)
                line = key.start_mark.line + 1
                if isinstance(key, yaml.ScalarNode):
                    if key.value in seen:
                        yield _problem(
                            source,
                            line,
                            f"fältet '{key.value}' finns två gånger",
                            f"ta bort det ena (det första står på rad {seen[key.value]})",
                            name,
                        )
                    seen.setdefault(key.value, line)
                stack.append((value, name))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, f"{field}.{i}") for i, item in enumerate(node.value))


def _problem(source: YamlFile, line: int, message: str, hint: str, field: str = "") -> Problem:
    return Problem(source.display, line, field, message, hint)
