"""The one place that knows the URL of every page. URLs are Swedish and end in '/'."""

from __future__ import annotations

from .kinds import KINDS

# Record pages live under their kind's prefix (kinds.py); the listing is the prefix itself.
FINDER = str(KINDS["programme"].url)
MUNICIPALITIES = str(KINDS["municipalities"].url)
PROVIDERS = str(KINDS["provider"].url)
COMPANIES = str(KINDS["company"].url)
OCCUPATIONS = str(KINDS["occupation"].url)
ROLE_MODELS = str(KINDS["role_model"].url)
OCCUPATIONS_EN = "en/occupations/"
FINDER_INTRO_EN = "en/programmes/"  # hand-written: content/en/programmes.md
PROGRESS = "framsteg/"
OPEN_DATA = "data/"
EVENTS = str(KINDS["event"].url)  # coming events; each event's page below it
EVENTS_ARCHIVE = f"{EVENTS}arkiv/"
EVENTS_CALENDAR = f"{EVENTS}kalender.ics"  # every event (iCalendar)
EVENTS_ATOM = f"{EVENTS}atom.xml"  # coming events (Atom)

_FOLDERS = {
    **{kind.name: kind.url for kind in KINDS.values() if kind.folder and kind.url},
    "municipality": MUNICIPALITIES,
    "occupation_en": OCCUPATIONS_EN,
}


def record(kind: str, record_id: str) -> str:
    """URL of the page for one record, e.g. record('programme', 'x') -> 'utbildningar/x/'."""
    return f"{_FOLDERS[kind]}{record_id}/"


def events_calendar_in(municipality_id: str) -> str:
    """The iCalendar feed of the events in one municipality."""
    return f"{EVENTS}kalender/{municipality_id}.ics"


def finder_in(municipality_id: str) -> str:
    """The finder for one municipality, used when the finder is split (see finder.py)."""
    return f"{FINDER}kommun/{municipality_id}/"


def src_uri(url: str) -> str:
    """The virtual Markdown source that MkDocs turns into `url`: 'x/y/' comes from 'x/y/index.md'."""
    return f"{url}index.md"


def relative(target: str, current: str) -> str:
    """A link from the page at `current` to `target`; both site-relative like 'kommuner/umea/'.
    The target may carry a query and a fragment: 'utbildningar/?kommun=umea#resultat'."""
    if target.startswith(("https:", "mailto:", "tel:", "#")):
        return target
    rest, _, fragment = target.partition("#")
    path, _, query = rest.partition("?")
    return (
        _relative_path(path, current)
        + (f"?{query}" if query else "")
        + (f"#{fragment}" if fragment else "")
    )


def _relative_path(path: str, current: str) -> str:
    """Like posixpath.relpath for folder-style URLs ('a/b/' or a file 'a/b.css'), faster: it is
    called for every link of every generated page."""
    here = current.split("/")[:-1]  # 'utbildningar/x/' -> ['utbildningar', 'x']
    parts = path.split("/")
    there, leaf = parts[:-1], parts[-1]  # leaf is '' for a folder URL
    common = 0
    for a, b in zip(here, there, strict=False):
        if a != b:
            break
        common += 1
    link = "../" * (len(here) - common) + "".join(f"{p}/" for p in there[common:]) + leaf
    return link or "./"
