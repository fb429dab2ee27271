"""`scripts/new KIND ID`: a new data file from a commented template, built from the models.

Every field of the kind is in the template with a Swedish comment. Required fields stand empty,
so that validation names each of them on its own line until it is filled in; optional fields are
commented out with an example.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

from .fieldref import FieldDoc, KindDoc, describe_kind
from .kinds import KINDS, Kind
from .models import PATTERN_HINTS, SLUG_PATTERN

# The kinds an editor can create a file for, by every name they might use.
ALIASES: dict[str, str] = {
    word: kind.name
    for kind in KINDS.values()
    if kind.folder
    for word in (kind.name, kind.swedish, *kind.aliases)
}
WIDTH = 98
_TYPE_WORDS = {
    "datum": "datum (ÅÅÅÅ-MM-DD)",
    "datum och klockslag": "datum och klockslag (ÅÅÅÅ-MM-DD TT:MM, svensk tid)",
    "id": "id (filnamnet utan .yml)",
}
_PLAIN = str.maketrans("åäö", "aao")


class NewRecordError(Exception):
    """The file was not created; the message says why and what to do, in Swedish."""


@dataclass(frozen=True)
class Created:
    path: Path
    doc: KindDoc

    @property
    def to_fill(self) -> list[str]:
        return [f.path for f in self.doc.required_fields]


def resolve_kind(word: str) -> Kind:
    name = ALIASES.get(word.strip().lower())
    if name is None:
        choices = ", ".join(f"{k.swedish} ({k.name})" for k in KINDS.values() if k.folder)
        raise NewRecordError(f"okänt slag '{word}' — välj ett av: {choices}")
    return KINDS[name]


def create(data_dir: Path, kind_word: str, record_id: str) -> Created:
    """Write data/<folder>/<id>.yml from the kind's template; refuse a bad id or an existing file."""
    kind = resolve_kind(kind_word)
    if not re.fullmatch(SLUG_PATTERN, record_id):
        raise NewRecordError(
            f"'{record_id}' går inte att använda som id — {PATTERN_HINTS[SLUG_PATTERN]}"
        )
    assert kind.folder is not None
    path = data_dir / kind.folder / f"{record_id}.yml"
    if path.exists():
        raise NewRecordError(
            f"{path} finns redan — välj ett annat id eller ändra den befintliga filen"
        )
    doc = describe_kind(kind)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(template(doc, record_id), encoding="utf-8")
    return Created(path, doc)


def template(doc: KindDoc, record_id: str) -> str:
    """The new file's text: schema line, a header, then every field with its comment."""
    kind = doc.kind
    header = [
        kind.schema_line,
        *_comment(f"{kind.title}: {doc.note[0].lower()}{doc.note[1:]}", ""),
        f"# Filen heter {record_id}.yml, så id:t är {record_id}.",
        "# Fälten förklaras i CONTRIBUTING.md och på webbplatsen under Redaktörer → Fältreferens.",
        "# Fyll i alla fält som är märkta OBLIGATORISKT. Valfria fält står bortkommenterade: ta bort",
        "# det första '# ' på varje rad i fältets block för att använda det (i GitHubs redigerare:",
        "# markera raderna och tryck Ctrl+/). Kontrollera sedan med scripts/validate.",
    ]
    fields = [f for f in doc.fields if not f.automatic]
    return "\n".join([*header, "", *_lines(fields, "", commented=False)]) + "\n"


def _lines(fields: list[FieldDoc], parent: str, *, commented: bool) -> list[str]:
    """The YAML for the fields directly under `parent` (and, recursively, their sub-fields)."""
    out: list[str] = []
    children = [f for f in fields if f.parent == parent]
    for index, field in enumerate(children):
        # A field the editor must write is written out; the others wait behind '# '.
        hidden = commented or not field.required
        indent = "  " * _level(field)
        first_in_item = parent.endswith("[]") or _in_list_item(field, fields)
        key_indent = indent
        if first_in_item and index == 0:
            key_indent = indent[:-2] + "- "
        out.extend(_hide(_comment(_explanation(field), indent), hidden))
        out.append(_hide_line(f"{key_indent}{field.name}:{_value(field, hidden)}", hidden))
        if field.group:
            out.extend(_lines(fields, field.path, commented=hidden))
    return out


def _in_list_item(field: FieldDoc, fields: list[FieldDoc]) -> bool:
    parent = next((f for f in fields if f.path == field.parent), None)
    return parent is not None and parent.items and parent.group


def _level(field: FieldDoc) -> int:
    """Indent steps: one per group, one more inside a list's items."""
    return field.path.count(".") + field.path.count("[]")


def _value(field: FieldDoc, hidden: bool) -> str:
    if field.group or not hidden or not field.example:
        return ""
    return f" {field.example}"


def _explanation(field: FieldDoc) -> str:
    if field.required and field.required_always:
        need = "OBLIGATORISKT."
    elif field.required:
        need = f"OBLIGATORISKT om {field.parent} finns med."
    else:
        need = "Valfritt."
    parts = [need, _sentence(field.description)]
    if field.allowed:
        values = "; ".join(_allowed_value(a.value, a.meaning) for a in field.allowed)
        parts.append(f"Tillåtna värden: {values}.")
        if field.items:
            parts.append(f"Skriv t.ex. [{field.allowed[0].value}].")
    elif not field.group:
        parts.append(f"Typ: {_TYPE_WORDS.get(field.type, field.type)}.")
    if field.rule:
        parts.append(_sentence(field.rule[0].upper() + field.rule[1:]))
    if field.items and field.group:
        parts.append("En lista: varje post börjar med '- '.")
    return " ".join(p for p in parts if p)


def _allowed_value(value: str, meaning: str) -> str:
    plain = meaning.lower().translate(_PLAIN)
    return (
        value if not meaning or plain == value.replace("_", " ") else f"{value} = {meaning.lower()}"
    )


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text.endswith((".", "?", "!")) else f"{text}."


def _comment(text: str, indent: str) -> list[str]:
    prefix = f"{indent}# "
    return textwrap.wrap(text, WIDTH - len(prefix), initial_indent=prefix, subsequent_indent=prefix)


def _hide(lines: list[str], hidden: bool) -> list[str]:
    return [_hide_line(line, hidden) for line in lines]


def _hide_line(line: str, hidden: bool) -> str:
    return f"# {line}" if hidden else line
