"""Read YAML files safely and remember where each value stands, for `path:line:` messages.

Most files take a fast path: yaml_rs (a YAML 1.2 parser in Rust) reads them, our checks
included, about four times as quickly as PyYAML. Our data is YAML 1.1 as PyYAML reads it (`no` is
false, `0123` is octal, an impossible date is a problem), so the fast path keeps a file only when
its values are provably the ones PyYAML would give (see "the fast path" below), and declines
otherwise. A declined file, and every
file with a problem, goes through PyYAML as before: its C parser composes the node tree with line
marks, we refuse duplicate keys (PyYAML would silently keep the last one) and dates that do not
exist, construct plain Python values, and compose again only when a problem needs a line number.

`ParsedCache` keeps the values of texts parsed before, by a digest of the text, in the user's
cache folder: an unchanged file is not parsed again. Only files that parsed without a problem are
kept, and the records are still validated from those values every time.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import os
import pickle
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
import yaml_rs

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
        partial = self.path.with_suffix(f".{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with partial.open("wb") as out:
                pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
                # Without a memo: a third of the time, and the values share nothing worth one.
                # A value that contains itself (YAML aliases can do that) raises ValueError.
                pickler.fast = True
                pickler.dump(self.used)
            partial.replace(self.path)
        except (OSError, ValueError):  # a cache that cannot be written only costs time
            with contextlib.suppress(OSError):
                partial.unlink(missing_ok=True)


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
    value = fast_value(text)
    problems: list[Problem] = []
    if value is None:
        value, problems = read_with_pyyaml(source)
    if cache is not None and value is not None:
        cache.put(digest, value)
    return source, value, problems


def read_with_pyyaml(source: YamlFile) -> tuple[Any, list[Problem]]:
    """The values of a file by PyYAML, and its problems with line numbers (None when unusable)."""
    loader = _Loader(source.text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, [_problem(source, 1, "filen är tom", "fyll i fälten eller ta bort filen")]
        problems = list(_node_problems(loader, source, node))
        if problems:
            return None, problems
        return loader.construct_document(node), []
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        detail = error.problem or "okänt fel"
        return None, [
            _problem(
                source,
                line,
                f"YAML-syntaxfel ({detail})",
                "kontrollera indraget, att varje fält har kolon och mellanslag efter namnet "
                "och att text med kolon eller # står inom citattecken",
            )
        ]
    except yaml.YAMLError as error:  # e.g. a tag that safe loading refuses
        return None, [
            _problem(
                source,
                1,
                f"YAML kunde inte läsas ({error})",
                "använd bara vanliga YAML-värden, inga !-taggar",
            )
        ]
    finally:
        loader.dispose()


# --- the fast path ------------------------------------------------------------------------------
#
# yaml_rs reads YAML 1.2 and PyYAML YAML 1.1. The fast path keeps yaml_rs' values only where the
# two provably agree, and lets PyYAML read the file otherwise (a false alarm only costs time):
#
# 1. yaml_rs reports an error (a duplicate key, a syntax error): PyYAML words the problem.
# 2. A character the two read differently or PyYAML refuses: tab, carriage return, backslash
#    (escapes), the YAML 1.1 line breaks NEL, LS and PS, a byte order mark, and whatever PyYAML's
#    reader does not accept (yaml.reader.Reader.NON_PRINTABLE).
# 3. A node that starts with an anchor, alias, tag, directive or reserved indicator (& * ! % @ `),
#    is a block scalar (| >: yaml_rs reads an empty one as a line break) or a flow collection
#    other than an empty [] or {}, where a node can start: at the start of a line, or after '- ',
#    ': ' or '? ' (or any two spaces).
# 4. A date between quotes, '2026-06-01' or "2026-06-01" (see 7).
# 5. A line that starts with a document marker (libyaml refuses '...' before the document,
#    yaml_rs does not), or with 200 spaces, '-' or '?': without flow collections, nesting deeper
#    than that needs such a line, and libyaml refuses more than 1000 levels where yaml_rs would
#    overflow its stack at some 10 000.
# 6. The top level is not a mapping; a key is not text, or longer than PyYAML allows a simple key
#    (1024 characters written); a value is a float or anything but text, integer, boolean,
#    null, list and mapping.
# 7. Text that PyYAML would not read as text were it plain (`no`, `on`, `1_000`, `1:20`, `~`, `<<`,
#    a date...; by PyYAML's own resolver table). yaml_rs resolves only plain scalars, and only to
#    null ('', ~, null, Null, NULL), booleans (true/True/TRUE/false/False/FALSE) and numbers, so
#    a text it would have resolved to one of those had it been plain was quoted, and PyYAML keeps
#    a quoted scalar as text too. Any other such text could have been plain or quoted: the file
#    goes to PyYAML, except for dates. A date written exactly YYYY-MM-DD, in a file with no date
#    between quotes (4) and no block scalar (3), was plain and becomes PyYAML's date; one that
#    does not exist (2026-13-01) is for PyYAML to report.
# 8. An integer in the values, and a plain scalar that starts with a zero or an underscore:
#    yaml_rs reads other integers (digits and underscores) as the same number as YAML 1.1, but
#    0123 is octal to YAML 1.1, and 09, 0o17, 0X1F and _1 are text.
#
# tests/test_yaml_fast_path.py compares both parsers over every data file, the fixtures,
# synthetic data, the cases above and mutated files.

_ODD = r"\x00-\x09\x0b-\x1f\\\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff"
_NEEDS_PYYAML = re.compile(  # 2, 3 and 4 in one pass, found by the character (a rare one)
    rf"""
    [{_ODD}&*!%@`|>\[{{'"]
    (?:
        (?<=[{_ODD}])                                   # 2
      | (?<=[&*!%@`|>\[{{])                             # 3, where a node can start,
        (?: (?<=^.) | (?<=^[ ].) | (?<=[-:?\ ][ ].) )
        (?! (?<=\[) \][ ]*(?:[#].*)?$ )                 #    but not an empty [] or {{}}
        (?! (?<={{) }}[ ]*(?:[#].*)?$ )
      | (?<=['"]) (?=[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}['"])  # 4
    )
    """,
    re.MULTILINE | re.VERBOSE,
)
_LINE = r"(?:[ ?-]{200}|(?:---|\.\.\.)(?:[ \n]|$))"  # 5
_FIRST_LINE = re.compile(_LINE)
_NEXT_LINE = re.compile(rf"\n{_LINE}")
_ZERO_OR_UNDERSCORE = re.compile(  # 8: a plain scalar [-+]?(0[0-9A-Za-z_]|_)[0-9A-Za-z_]*,
    r"""                              # found by its first 0 or _ (quicker than by the space)
    [0_] (?: (?<=\s.) | (?<=\s[-+].) | (?<=^.) | (?<=^[-+].) )
    (?: (?<=0)[0-9A-Za-z_] | (?<=_) ) [0-9A-Za-z_]* [ ]* (?:[#].*)? $
    """,
    re.MULTILINE | re.VERBOSE,
)

# PyYAML's implicit resolvers by the first character of a plain scalar, as its Resolver.resolve
# looks them up ('' for the empty scalar). It has no resolvers for any first character (None);
# were one added, the fast path would be off.
_RESOLVERS = yaml.resolver.Resolver.yaml_implicit_resolvers
_RESOLVES: dict[str, re.Pattern[str]] = {
    first: re.compile("|".join(regexp.pattern for _, regexp in resolvers), re.VERBOSE)
    for first, resolvers in _RESOLVERS.items()
    if first is not None
}
_FAST_PATH = None not in _RESOLVERS
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_KEY_LIMIT = 500  # written with quotes and doubled '' at most 1002 characters
# Keys seen to be text PyYAML reads as the same text, quoted or not: field names, mostly.
_PLAIN_KEYS: set[str] = set()


class _Declined(Exception):
    """The fast path cannot vouch for this file."""


def fast_value(text: str) -> dict[str, Any] | None:
    """The values of `text` exactly as PyYAML's safe loading constructs them, or None when only
    PyYAML can say (see above)."""
    if (
        not _FAST_PATH
        or _NEEDS_PYYAML.search(text)
        or _FIRST_LINE.match(text)
        or _NEXT_LINE.search(text)
    ):
        return None
    try:
        value = yaml_rs.loads(
            text, parse_datetime=False, duplicate_key_policy=yaml_rs.DuplicateKeyPolicy.Error
        )
    except Exception:  # any error of yaml_rs: PyYAML reports the problem
        return None
    if type(value) is not dict:
        return None
    try:
        integers = _as_pyyaml(value)
    except _Declined:
        return None
    if integers and _ZERO_OR_UNDERSCORE.search(text):
        return None
    return value


def _as_pyyaml(root: dict[str, Any]) -> bool:
    """Check the values yaml_rs gave and turn plain dates into dates, in place. Whether there
    are integers."""
    integers = False
    resolves, plain_keys = _RESOLVES, _PLAIN_KEYS
    stack: list[dict[str, Any] | list[Any]] = [root]
    while stack:
        node = stack.pop()
        if type(node) is dict:
            for key in node:
                if key not in plain_keys:
                    _check_key(key)
            pairs: Iterable[tuple[Any, Any]] = node.items()
        else:
            pairs = enumerate(node)
        for where, value in pairs:
            kind = type(value)
            if kind is str:
                if (
                    value[:1] in resolves
                    and resolves[value[:1]].match(value)
                    and (read := _text_as_pyyaml(value)) is not value
                ):
                    node[where] = read  # a date
            elif kind is dict or kind is list:
                stack.append(value)
            elif kind is int:
                integers = True
            elif kind is not bool and value is not None:
                raise _Declined
    return integers


def _check_key(key: object) -> None:
    if type(key) is not str or len(key) > _KEY_LIMIT:
        raise _Declined
    if key[:1] not in _RESOLVES or not _RESOLVES[key[:1]].match(key):
        if len(_PLAIN_KEYS) < 10_000:
            _PLAIN_KEYS.add(key)
    elif type(_text_as_pyyaml(key)) is not str:
        raise _Declined


def _text_as_pyyaml(value: str) -> str | datetime.date:
    """What PyYAML reads for `value`, a text yaml_rs read that PyYAML would resolve if plain: a
    date (the caller makes sure it was plain), or the text when it must have been quoted."""
    if _DATE.fullmatch(value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:  # 2026-13-01: for PyYAML to report
            raise _Declined from None
    try:
        plain = yaml_rs.loads(value, parse_datetime=False)
    except Exception:
        raise _Declined from None
    if type(plain) is str:
        raise _Declined  # plain or quoted: only PyYAML can tell
    return value  # quoted, since yaml_rs would have read it as something else if plain


def _compose(text: str) -> yaml.Node | None:
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


_TIMESTAMP = "tag:yaml.org,2002:timestamp"


def _node_problems(loader: Any, source: YamlFile, root: yaml.Node) -> Iterator[Problem]:
    """Duplicate keys, and dates that look like dates but do not exist (2026-13-01). A mapping or
    list that an alias repeats is gone through once (an alias can make one contain itself)."""
    stack: list[tuple[yaml.Node, str]] = [(root, "")]
    visited: set[int] = set()
    while stack:
        node, field = stack.pop()
        if not isinstance(node, yaml.ScalarNode):
            if id(node) in visited:
                continue
            visited.add(id(node))
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
