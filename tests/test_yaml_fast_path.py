"""The fast YAML path gives exactly what PyYAML gives, or leaves the file to PyYAML.

`tcv.yamlsource.fast_value` reads a file with yaml_rs (YAML 1.2) and keeps the values only when
they are provably those PyYAML's safe loading (YAML 1.1) constructs; otherwise it declines, and
PyYAML reads the file with its problems and line numbers. Every test here checks the one property
that matters: when the fast path takes a file, its values equal `yaml.load(text, CSafeLoader)`
exactly (types and key order included: a date is not text, 1 is not '1', False is not 'no') and
PyYAML finds no problem in it. The explicit cases also say which way each one goes.
"""

from __future__ import annotations

import gc
import itertools
import random
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from tcv.load import load_data
from tcv.yamlsource import ParsedCache, YamlFile, fast_value, read_with_pyyaml, read_yaml

from conftest import FIXTURES, ROOT


def identical(a: Any, b: Any) -> bool:
    """Equal, with the same types all the way down and mappings in the same order."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(identical(a[key], b[key]) for key in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(identical(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def taken(text: str) -> bool:
    """Whether the fast path took `text`; when it did, it must agree with PyYAML."""
    quick = fast_value(text)
    if quick is None:
        return False
    assert identical(quick, yaml.load(text, Loader=yaml.CSafeLoader)), text
    assert read_with_pyyaml(YamlFile(Path("x.yml"), text))[1] == [], text
    return True


def yaml_files(*folders: Path) -> list[Path]:
    return [path for folder in folders for path in sorted(folder.rglob("*.yml"))]


def test_every_data_and_fixture_file_is_read_as_pyyaml_reads_it() -> None:
    files = yaml_files(ROOT / "data", FIXTURES)
    took = [path for path in files if taken(path.read_text(encoding="utf-8"))]
    assert any(path.is_relative_to(ROOT / "data") for path in took)


def test_synthetic_data_is_read_as_pyyaml_reads_it_and_mostly_by_the_fast_path(
    tmp_path: Path,
) -> None:
    subprocess.run(
        [sys.executable, "-m", "tcv", "synthetic", str(tmp_path), "--programmes", "600"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    files = yaml_files(tmp_path)
    took = sum(taken(path.read_text(encoding="utf-8")) for path in files)
    assert len(files) > 1000
    # The speed of national validation depends on this: synthetic data is written like ours.
    assert took > 0.9 * len(files), f"the fast path took only {took} of {len(files)} files"


# Each case as a mapping value `k: ...` unless it has a line break; True = the fast path takes it.
CASES = {
    # YAML 1.1 booleans, octal, sexagesimal, underscores, floats: PyYAML decides
    "no": False,
    "yes": False,
    "on": False,
    "Off": False,
    "NO": False,
    "y": True,  # text to YAML 1.1 as well
    "true": True,
    "0123": False,  # octal 83 to YAML 1.1, 123 to YAML 1.2
    "09": False,  # text to YAML 1.1, 9 to YAML 1.2
    "0o17": False,
    "0x1F": False,
    "0X1F": False,
    "_1": False,
    "1_000": True,  # 1000 to both
    "+12": True,
    "-0": True,
    "0": True,
    "1:20": False,  # 80 to YAML 1.1
    ".inf": False,
    "1e3": False,  # text to YAML 1.1, a float to YAML 1.2
    "1.5": False,
    "~": True,
    "null": True,
    "": True,
    # dates: plain ones become dates, quoted ones are PyYAML's to read
    "2026-06-01": True,
    "2026-13-01": False,  # PyYAML reports it
    "2026-02-30": False,
    "2026-6-1": True,  # text to both
    "2026-06-01 18:00": True,  # text to both (no seconds)
    "2026-06-01 18:00:00": False,  # a datetime to YAML 1.1
    "'2026-06-01'": False,
    '"2026-06-01"': False,
    "2026-06-01  # when": True,
    # quoted: text that would be a number or null if plain was quoted
    "'0123'": True,
    "'12345678'": True,
    '"true"': True,
    "'~'": True,
    "''": True,
    '"no"': False,  # 'no' is text to yaml_rs whether quoted or not: cannot tell
    "'a ''b'' c'": True,
    '"a \\" b"': False,  # backslash escapes
    # anchors, aliases, tags, flow collections, block scalars
    "&x 1": False,
    "&x 1\nl: *x": False,
    "!!str 12": False,
    "!!python/object:os.system": False,
    "[a, b]": False,
    "{a: b}": False,
    "[]": True,
    "{}": True,
    "|\n  text": False,
    ">-\n  text": False,
    "|": False,  # yaml_rs reads an empty block scalar as a line break
    # keys
    "v\nno: x": False,
    "v\n'no': x": False,
    "v\n1: x": False,
    "v\n2026-06-01: x": False,
    "v\n~: x": False,
    "v\n<<: {}": False,
    "v\n'0123': x": True,
    "v\n? a\n: b": True,
    # text over several lines
    "one\n  two\n\n  three": True,
    "'one\n  two ''x''\n\n  three'": True,
    '"one\n  two\n\n  three"': True,
    "one # comment\n# comment\nl: [] # comment": True,
    # problems: PyYAML reports them with their lines
    "v\nk: w": False,  # duplicate key
    "'unclosed": False,
    "a: b: c": False,
    "v\n b: c": False,
    "- a\nb: c": False,
    "\tv": False,
    "v\r\nl: w": False,
    "v\x85l: w": False,
    "v\u2028l: w": False,
    "v\x01": False,
    "v\n...\nl: w": False,
    "v\n---\nl: w": False,
}


@pytest.mark.parametrize(("value", "fast"), CASES.items(), ids=[repr(c) for c in CASES])
def test_a_case_goes_the_way_it_must_and_reads_as_pyyaml_reads_it(
    value: str, fast: bool, tmp_path: Path
) -> None:
    text = f"k: {value}\n"
    assert taken(text) is fast
    path = tmp_path / "case.yml"
    path.write_text(text, encoding="utf-8", newline="")
    source, read, problems = read_yaml(path)
    expected, expected_problems = read_with_pyyaml(source)
    assert identical(read, expected)
    assert problems == expected_problems


def test_problems_keep_their_messages_and_lines(tmp_path: Path) -> None:
    path = tmp_path / "p.yml"
    path.write_text("name: a\nstart: 2026-13-01\nname: b\n", encoding="utf-8")
    _, value, problems = read_yaml(path)
    assert value is None
    assert [(p.line, p.field, p.message) for p in problems] == [
        (3, "name", "fältet 'name' finns två gånger"),
        (2, "start", "'2026-13-01' är inget giltigt datum"),
    ]


def test_the_values_of_a_taken_file_are_dates_numbers_and_booleans_as_pyyaml_reads_them() -> None:
    text = "a: 2026-06-01\nb: 12\nc: true\nd: '12'\ne: ~\nf:\n- 2026-12-03\n"
    assert fast_value(text) == {
        "a": date(2026, 6, 1),
        "b": 12,
        "c": True,
        "d": "12",
        "e": None,
        "f": [date(2026, 12, 3)],
    }


SHORT = "019_+-.:xoen~ "


@pytest.mark.parametrize("length", [1, 2, 3])
def test_every_short_scalar_reads_as_pyyaml_reads_it(length: int) -> None:
    """Every text of up to three characters from those that make numbers, dates and nulls, as a
    value, quoted, in a list and as a key."""
    for chars in itertools.product(SHORT, repeat=length):
        word = "".join(chars)
        for text in (f"k: {word}\n", f"k: '{word}'\n", f'k: "{word}"\n', f"k:\n- {word}\n"):
            taken(text)
        taken(f"{word}: v\n")


def test_every_yaml_1_1_boolean_and_null_reads_as_pyyaml_reads_it() -> None:
    words = "y Y yes Yes YES n N no No NO true True TRUE false False FALSE on On ON off Off OFF"
    for word in [*words.split(), "~", "null", "Null", "NULL", "nULL", "tRUE", "oN"]:
        for text in (f"k: {word}\n", f"k: '{word}'\n", f"{word}: v\n", f"'{word}': v\n"):
            taken(text)


def test_nesting_too_deep_for_libyaml_goes_to_pyyaml_without_a_crash(tmp_path: Path) -> None:
    # yaml_rs would crash on this (a stack overflow at some 10 000 levels); libyaml stops at 1000
    path = tmp_path / "deep.yml"
    path.write_text("k:\n  " + "- " * 20_000 + "x\n", encoding="utf-8")
    _, value, problems = read_yaml(path)
    assert value is None
    assert "nesting depth" in problems[0].message


TOKENS = [
    *"\n:-#'\"&*!|>[]{},?%@`\\0129._+ ",
    ": ",
    "- ",
    " #",
    "\t",
    "no",
    "on",
    "0123",
    "0x1F",
    "1_000",
    "1:20",
    "1e3",
    "~",
    "<<",
    "2026-13-01",
    "2026-06-01",
    "'2026-06-01'",
    "2026-06-01 18:00:00",
    "&a ",
    "*a",
    "!!str ",
    "|-",
    "---\n",
    "...\n",
    "\r\n",
    "\u2028",
]


def mutate(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    i = rng.randrange(len(lines))
    choice = rng.randrange(5)
    if choice == 0:
        at = rng.randrange(len(text) + 1)
        return text[:at] + rng.choice(TOKENS) + text[at:]
    if choice == 1 and text:
        at = rng.randrange(len(text))
        return text[:at] + text[at + 1 :]
    if choice == 2:
        lines.insert(i, lines[i])
    elif choice == 3:
        lines[i] = " " * rng.randint(1, 3) + lines[i]
    elif ": " in lines[i]:
        name, _, _ = lines[i].partition(": ")
        lines[i] = f"{name}: {rng.choice(TOKENS).strip()}"
    return "\n".join(lines)


def test_mutated_data_files_read_as_pyyaml_reads_them() -> None:
    """Files of data/ and the fixtures with a few random edits (a seeded sample; a run of 200 000
    found nothing either), taken or not."""
    rng = random.Random(11)
    texts = [path.read_text(encoding="utf-8") for path in yaml_files(ROOT / "data", FIXTURES)]
    took = 0
    for _ in range(3000):
        text = rng.choice(texts)
        for _ in range(rng.randint(1, 3)):
            text = mutate(text, rng)
        took += taken(text)
    assert took > 300  # the sample reaches the fast path, not only PyYAML


def test_the_parse_cache_gives_back_the_values_of_the_fast_path(tmp_path: Path) -> None:
    path = tmp_path / "a.yml"
    path.write_text("name: A\non_day: 2026-06-01\ncount: 3\n", encoding="utf-8")
    first = ParsedCache(tmp_path / "cache.pickle")
    _, value, _ = read_yaml(path, first)
    first.save()
    _, again, _ = read_yaml(path, ParsedCache(tmp_path / "cache.pickle"))
    assert identical(again, value)
    assert identical(value, {"name": "A", "on_day": date(2026, 6, 1), "count": 3})


def test_a_value_that_contains_itself_is_not_cached_and_breaks_nothing(tmp_path: Path) -> None:
    path = tmp_path / "a.yml"
    path.write_text("a: &x [*x]\n", encoding="utf-8")
    cache = ParsedCache(tmp_path / "cache.pickle")
    _, value, problems = read_yaml(path, cache)
    assert problems == []
    assert value["a"][0] is value["a"]
    cache.save()
    assert list(tmp_path.iterdir()) == [path]


def test_loading_leaves_the_garbage_collector_as_it_was() -> None:
    assert gc.isenabled()
    load_data(FIXTURES / "minimal")
    assert gc.isenabled()
    gc.disable()
    try:
        load_data(FIXTURES / "minimal")
        assert not gc.isenabled()
    finally:
        gc.enable()
