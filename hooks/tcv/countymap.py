"""The county map: the municipalities' boundaries in data/geo/, projected to a plane, fitted to
an SVG viewBox and joined to the municipality records by their SCB code.

The result is a plain object; theme_overrides/tcv/map.html draws it as inline SVG. A data folder
without geo/ has no map (the fixtures, the synthetic data); one with geo/ must have a boundary
for every municipality and a municipality for every boundary, or the data does not validate.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .load import Entry
from .models import Municipality
from .problems import Problem

GEO_FILE = Path("geo") / "vasterbotten-kommuner.geojson"  # inside the data folder

WIDTH = 600  # of the viewBox; the height follows from the county's shape
MARGIN = 4  # room for the borders at the edge
LABEL_SIZE = 18  # font size of the name labels, in viewBox units (about 11 px on a phone)
LABEL_ROOM = 4  # free space a label needs on each side, in viewBox units
LABEL_SEARCH = 20  # rows tried above and below the label point, 4 units apart
# Advance widths of bold Helvetica/Arial (Liberation Sans on Linux), in thousandths of an em,
# with 10 % added for wider system fonts; other characters count as 'n'.
_NARROW = dict.fromkeys("fijlrtI ", 333) | {"i": 278, "j": 278, "l": 278, "I": 278, " ": 278}
_WIDE = dict.fromkeys("mwMW", 889) | dict.fromkeys("ABCDGHKNOQRUVXYÅÄÖ", 722)
CHAR_WIDTHS = {**dict.fromkeys("acekszvxyåäé", 556), **_NARROW, **_WIDE}
DEFAULT_CHAR_WIDTH = 611
WIDTH_MARGIN = 1.1

# Sinusoidal projection about SWEREF 99 TM's central meridian: equal-area, and at this latitude
# within a fraction of a degree of the map of Sweden people know (meridians lean as in TM).
CENTRAL_MERIDIAN = 15.0

Ring = list[tuple[float, float]]


@dataclass(frozen=True)
class Boundary:
    """One municipality's shape from the file, fitted to the viewBox."""

    code: str
    name: str  # as the file spells it (kom_namn); the page uses the record's name
    d: str  # SVG path data, whole viewBox units
    label_rows: tuple[tuple[int, int, int], ...]  # (centre x, y, width) of room for a label,
    # on rows near the file's label point, nearest first


@dataclass(frozen=True)
class Geometry:
    width: int
    height: int
    boundaries: tuple[Boundary, ...]


@dataclass(frozen=True)
class MapArea:
    """A municipality on the map: its record's values, its outline and, if it fits, its label."""

    id: str
    name: str
    code: str
    membership: str
    d: str
    label: tuple[int, int] | None  # centre of the name label, or None where the name does not fit


@dataclass(frozen=True)
class CountyMap:
    width: int
    height: int
    label_size: int
    areas: tuple[MapArea, ...]  # in the order given (the site's: alphabetical)

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"


class MapFileError(ValueError):
    """The GeoJSON file cannot be read as the county map; the message is in Swedish."""


def geo_path(data_dir: Path) -> Path:
    return data_dir / GEO_FILE


def check(data_dir: Path, municipalities: Sequence[Entry[Municipality]]) -> list[Problem]:
    """Problems joining the map to municipalities.yml: every code needs a boundary and every
    boundary a municipality. None when the data folder has no geo/ folder."""
    path = geo_path(data_dir)
    if not path.parent.is_dir():
        return []
    shown = _display(path)
    if not path.is_file():
        return [
            Problem(
                shown,
                1,
                "",
                "kartfilen saknas",
                f"mappen geo/ ska innehålla {GEO_FILE.name} (se geo/README.md)",
            )
        ]
    try:
        geometry = _geometry_of(path)
    except MapFileError as error:
        return [Problem(shown, 1, "", str(error), "se geo/README.md för filens källa och format")]
    drawn = {b.code: b for b in geometry.boundaries}
    problems = [
        entry.problem(
            ["code"],
            f"kommunkoden '{entry.record.code}' ({entry.record.name}) finns inte i kartan {shown}",
            "ange SCB:s fyrsiffriga kommunkod (Umeå är 2480); kartan har "
            + ", ".join(sorted(drawn)),
        )
        for entry in municipalities
        if entry.record.code not in drawn
    ]
    codes = {entry.record.code for entry in municipalities}
    problems += [
        Problem(
            shown,
            1,
            "",
            f"kartan har kommunen {b.code} ({b.name}) men municipalities.yml saknar kommunkoden",
            "lägg till kommunen i municipalities.yml eller ta bort den ur kartfilen",
        )
        for b in geometry.boundaries
        if b.code not in codes
    ]
    return problems


def county_map(data_dir: Path, municipalities: Iterable[Municipality]) -> CountyMap | None:
    """The map of `municipalities`, or None when the data folder has no map. The join was
    checked when the data was validated; a code without a boundary here is a programming error."""
    path = geo_path(data_dir)
    if not path.is_file():
        return None
    geometry = _geometry_of(path)
    drawn = {b.code: b for b in geometry.boundaries}
    areas = []
    for municipality in municipalities:
        boundary = drawn.get(municipality.code)
        if boundary is None:
            raise MapFileError(
                f"{_display(path)}: kommunkoden {municipality.code} ({municipality.name}) "
                "saknas i kartan — kör scripts/validate"
            )
        areas.append(
            MapArea(
                municipality.id,
                municipality.name,
                municipality.code,
                municipality.membership,
                boundary.d,
                _label(boundary, municipality.name),
            )
        )
    return CountyMap(geometry.width, geometry.height, LABEL_SIZE, tuple(areas))


def _label(boundary: Boundary, name: str) -> tuple[int, int] | None:
    """The nearest place to the label point where the name fits, if any."""
    needed = text_width(name) + 2 * LABEL_ROOM
    return next(((x, y) for x, y, room in boundary.label_rows if room >= needed), None)


def text_width(name: str) -> float:
    """The width of `name` as a label, in viewBox units, a little on the generous side."""
    em = sum(CHAR_WIDTHS.get(c, DEFAULT_CHAR_WIDTH) for c in name) / 1000
    return em * LABEL_SIZE * WIDTH_MARGIN


def _geometry_of(path: Path) -> Geometry:
    stat = path.stat()
    return _geometry(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4)
def _geometry(path: str, mtime_ns: int, size: int) -> Geometry:
    """Parsed, projected and fitted once per version of the file (`mkdocs serve` rebuilds
    reuse it until the file changes)."""
    features = _features(Path(path))
    projected = [
        (code, name, [_project_ring(r) for r in rings], _project(*point))
        for code, name, rings, point in features
    ]
    xs = [x for *_, rings, _ in projected for ring in rings for x, _ in ring]
    ys = [y for *_, rings, _ in projected for ring in rings for _, y in ring]
    scale = (WIDTH - 2 * MARGIN) / (max(xs) - min(xs))
    height = math.ceil((max(ys) - min(ys)) * scale) + 2 * MARGIN

    def fit(point: tuple[float, float]) -> tuple[float, float]:
        return (point[0] - min(xs)) * scale + MARGIN, (point[1] - min(ys)) * scale + MARGIN

    boundaries = []
    for code, name, rings, point in projected:
        fitted = [[fit(p) for p in ring] for ring in rings]
        rows = _label_rows(fitted, fit(point))
        boundaries.append(Boundary(code, name, _path_data(fitted), rows))
    return Geometry(WIDTH, height, tuple(boundaries))


def _features(path: Path) -> list[tuple[str, str, list[Ring], tuple[float, float]]]:
    """(code, name, outer and inner rings as lon/lat, label point as lon/lat) per feature."""
    try:
        collection = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise MapFileError(f"filen kan inte läsas som GeoJSON ({error})") from None
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        raise MapFileError("filen är inte en GeoJSON FeatureCollection")
    features = []
    for number, feature in enumerate(collection.get("features") or [], start=1):
        try:
            properties = feature["properties"]
            geometry = feature["geometry"]
            polygons = (
                [geometry["coordinates"]]
                if geometry["type"] == "Polygon"
                else geometry["coordinates"]
                if geometry["type"] == "MultiPolygon"
                else None
            )
            if polygons is None:
                raise ValueError(geometry["type"])
            rings = [
                [(float(p[0]), float(p[1])) for p in ring] for poly in polygons for ring in poly
            ]
            lat, lon = properties["geo_point_2d"]
            features.append((str(properties["id"]), str(properties["kom_namn"]), rings, (lon, lat)))
        except (KeyError, TypeError, ValueError, IndexError) as error:
            raise MapFileError(
                f"område nummer {number} saknar id, kom_namn, geo_point_2d eller en polygon "
                f"({error!r})"
            ) from None
    if not features:
        raise MapFileError("filen innehåller inga områden")
    return features


def _project(lon: float, lat: float) -> tuple[float, float]:
    """Longitude and latitude to a plane with y downwards (SVG), in radians of arc."""
    phi = math.radians(lat)
    return math.radians(lon - CENTRAL_MERIDIAN) * math.cos(phi), -phi


def _project_ring(ring: Ring) -> Ring:
    return [_project(lon, lat) for lon, lat in ring]


def _path_data(rings: list[Ring]) -> str:
    """Absolute moves and lines in whole units; repeated points after rounding dropped."""
    parts = []
    for ring in rings:
        points: list[tuple[int, int]] = []
        for x, y in ring:
            point = (round(x), round(y))
            if not points or point != points[-1]:
                points.append(point)
        if len(points) > 1 and points[0] == points[-1]:
            points.pop()  # Z closes the ring
        if len(points) >= 3:
            first, *rest = points
            parts.append(f"M{first[0]} {first[1]}L" + " ".join(f"{x} {y}" for x, y in rest) + "Z")
    return "".join(parts)


def _label_rows(rings: list[Ring], point: tuple[float, float]) -> tuple[tuple[int, int, int], ...]:
    """For rows at and around `point`, nearest first: the centre, the row and the width of the
    widest horizontal band inside the shape that a line of text fits into."""
    half = LABEL_SIZE * 0.45  # half the height of capitals, accents and descenders
    rows = []
    for step in range(LABEL_SEARCH + 1):
        for y in dict.fromkeys((point[1] + step * 4, point[1] - step * 4)):
            band = _band(rings, y - half, y, y + half)
            if band:
                rows.append((round((band[0] + band[1]) / 2), round(y), int(band[1] - band[0])))
    return tuple(rows)


def _band(rings: list[Ring], *ys: float) -> tuple[float, float] | None:
    """The widest x interval inside the shape on every one of the rows `ys`."""
    rows = [_inside(rings, y) for y in ys]
    best: tuple[float, float] | None = None
    for left, right in rows[0]:
        for row in rows[1:]:
            overlaps = [(max(left, a), min(right, b)) for a, b in row if a < right and b > left]
            if not overlaps:
                left = right
                break
            left, right = max(overlaps, key=lambda o: o[1] - o[0])
        if right > left and (best is None or right - left > best[1] - best[0]):
            best = (left, right)
    return best


def _inside(rings: list[Ring], y: float) -> list[tuple[float, float]]:
    """The x intervals where the horizontal line at `y` is inside the shape (even-odd rule)."""
    crossings = sorted(
        x1 + (y - y1) * (x2 - x1) / (y2 - y1)
        for ring in rings
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True)
        if (y1 > y) != (y2 > y)
    )
    return list(zip(crossings[::2], crossings[1::2], strict=False))


def _display(path: Path) -> str:
    """Relative to the working directory, as editors and GitHub annotations know paths."""
    shown = os.path.relpath(path)
    return str(path) if shown.startswith("..") else shown
