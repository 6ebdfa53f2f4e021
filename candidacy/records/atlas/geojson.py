"""The checks of an uploaded boundaries file: valid JSON, a GeoJSON FeatureCollection of
Polygon or MultiPolygon features with numeric longitude/latitude pairs in range, each carrying
the `district_number` of one district of the city. Every problem is reported, not just the
first (up to `MAX_PROBLEMS`).

The file's size, nesting depth and number of positions are bounded before (or while) it is
read, so that no file can exhaust the parser (a list nested 100,000 deep would overflow
Python's recursion), and a NUL character is refused anywhere (PostgreSQL cannot store it)."""

from __future__ import annotations

import json
import math
import re

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

#: The largest boundaries file accepted.
MAX_BYTES = 2 * 1024 * 1024
#: The property of each feature that names its district.
DISTRICT_PROPERTY = "district_number"
MAX_PROBLEMS = 30
#: The deepest nesting of lists and objects accepted (a MultiPolygon's position is at 8).
MAX_DEPTH = 20
#: The most positions (longitude/latitude pairs) all the shapes may have together.
MAX_POSITIONS = 100_000

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_BRACKET = re.compile(r"[\[\]{}]")
_NUL = re.compile(r"\x00|\\u0000", re.IGNORECASE)


def nesting_depth(text: str) -> int:
    """How deep the lists and objects of a JSON text nest, counted without recursion (the
    brackets inside strings do not count)."""
    depth = deepest = 0
    for bracket in _BRACKET.finditer(_STRING.sub("", text)):
        if bracket.group() in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


class _Problems(list):
    positions = 0

    def add(self, message: str) -> None:
        if len(self) < MAX_PROBLEMS:
            self.append(message)


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _check_ring(ring, where: str, problems: _Problems) -> None:
    if not isinstance(ring, list) or len(ring) < 4:
        problems.add(
            _("%(where)s: a ring needs at least four positions (the first repeated last).")
            % {"where": where}
        )
        return
    problems.positions += len(ring)
    if problems.positions > MAX_POSITIONS:
        return  # reported once, by boundaries_parse
    for position in ring:
        if (
            not isinstance(position, list)
            or len(position) < 2
            or not all(_is_number(number) for number in position[:2])
        ):
            problems.add(
                _("%(where)s: each position must be a pair of numbers [longitude, latitude].")
                % {"where": where}
            )
            return
        longitude, latitude = position[0], position[1]
        if not (-180 <= longitude <= 180 and -90 <= latitude <= 90):
            problems.add(
                _(
                    "%(where)s: the position [%(longitude)s, %(latitude)s] is out of range "
                    "(longitude −180 to 180, latitude −90 to 90)."
                )
                % {"where": where, "longitude": longitude, "latitude": latitude}
            )
            return
    if ring[0][:2] != ring[-1][:2]:
        problems.add(_("%(where)s: a ring must end where it starts.") % {"where": where})


def _check_polygon(rings, where: str, problems: _Problems) -> None:
    if not isinstance(rings, list) or not rings:
        problems.add(_("%(where)s: a polygon needs at least one ring.") % {"where": where})
        return
    for ring in rings:
        _check_ring(ring, where, problems)


def _check_geometry(geometry, where: str, problems: _Problems) -> None:
    if not isinstance(geometry, dict):
        problems.add(_("%(where)s has no geometry.") % {"where": where})
        return
    kind = geometry.get("type")
    coordinates = geometry.get("coordinates")
    if kind == "Polygon":
        _check_polygon(coordinates, where, problems)
    elif kind == "MultiPolygon":
        if not isinstance(coordinates, list) or not coordinates:
            problems.add(_("%(where)s: a multipolygon needs polygons.") % {"where": where})
            return
        for polygon in coordinates:
            _check_polygon(polygon, where, problems)
    else:
        problems.add(
            _("%(where)s: the geometry is a “%(kind)s”; only Polygon and MultiPolygon are drawn.")
            % {"where": where, "kind": kind}
        )


def _positions_only(coordinates):
    """The checked coordinates with each position cut to its longitude and latitude (a
    position's further members are not drawn and were not checked)."""
    if coordinates and isinstance(coordinates[0], list):
        return [_positions_only(member) for member in coordinates]
    return list(coordinates[:2])


def boundaries_parse(content: bytes, *, district_numbers: set[int]) -> dict:
    """Check a boundaries file against the city's district numbers; return the parsed
    FeatureCollection, or raise ValidationError listing every problem found."""
    if len(content) > MAX_BYTES:
        raise ValidationError(
            _("The file is %(size)s; boundaries files may be at most %(limit)s.")
            % {"size": filesizeformat(len(content)), "limit": filesizeformat(MAX_BYTES)},
            code="too_large",
        )
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = None
    if text is not None and _NUL.search(text):
        raise ValidationError(
            _("The file contains a NUL character: export the boundaries again as GeoJSON."),
            code="nul",
        )
    if text is not None and nesting_depth(text) > MAX_DEPTH:
        raise ValidationError(
            _(
                "The file nests lists more than %(max)s deep: this is not a district "
                "boundaries file."
            )
            % {"max": MAX_DEPTH},
            code="too_deep",
        )
    try:
        if text is None:
            raise ValueError
        data = json.loads(text)
    except (ValueError, RecursionError):
        raise ValidationError(
            _("This is not a valid JSON file: export the boundaries as GeoJSON."), code="json"
        ) from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise ValidationError(
            _("The file must hold a GeoJSON FeatureCollection, one feature per district."),
            code="not_collection",
        )
    features = data.get("features")
    if not isinstance(features, list) or not features:
        raise ValidationError(_("The FeatureCollection has no features."), code="empty")
    problems = _Problems()
    seen: set[int] = set()
    for number, feature in enumerate(features, start=1):
        where = _("Feature %(number)s") % {"number": number}
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            problems.add(_("%(where)s is not a GeoJSON Feature.") % {"where": where})
            continue
        properties = feature.get("properties")
        district = properties.get(DISTRICT_PROPERTY) if isinstance(properties, dict) else None
        # Any script's decimal digits read as the number they are (Persian ۱۲ is 12); a
        # superscript or other digit-like sign is not a number.
        if isinstance(district, str) and district.strip().isdecimal():
            district = int(district)
        if not isinstance(district, int) or isinstance(district, bool):
            problems.add(
                _("%(where)s has no “%(property)s” property giving its district's number.")
                % {"where": where, "property": DISTRICT_PROPERTY}
            )
        elif district not in district_numbers:
            problems.add(
                _("%(where)s: district %(district)s is not a district of this city.")
                % {"where": where, "district": district}
            )
        elif district in seen:
            problems.add(
                _("%(where)s: district %(district)s has a shape already.")
                % {"where": where, "district": district}
            )
        else:
            seen.add(district)
            feature["properties"][DISTRICT_PROPERTY] = district
        _check_geometry(feature.get("geometry"), where, problems)
    if problems.positions > MAX_POSITIONS:
        problems.insert(
            0,
            _("The shapes have %(count)s positions; at most %(max)s are accepted: simplify them.")
            % {"count": f"{problems.positions:,}", "max": f"{MAX_POSITIONS:,}"},
        )
    if problems:
        raise ValidationError(problems, code="invalid")
    # Keep only what the map needs: the district number and the geometry.
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {DISTRICT_PROPERTY: feature["properties"][DISTRICT_PROPERTY]},
                "geometry": {
                    "type": feature["geometry"]["type"],
                    "coordinates": _positions_only(feature["geometry"]["coordinates"]),
                },
            }
            for feature in features
        ],
    }
