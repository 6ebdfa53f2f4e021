"""The boundaries file: every malformed variant is refused with its reason, nothing stored."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError

from candidacy.models import DistrictBoundaries
from candidacy.records.atlas import geojson, services
from demo.records.atlas import schematic_boundaries

pytestmark = pytest.mark.django_db

SQUARE = [[[51.6, 32.6], [51.7, 32.6], [51.7, 32.7], [51.6, 32.7], [51.6, 32.6]]]


def feature(number=1, geometry=None, **properties):
    return {
        "type": "Feature",
        "properties": {"district_number": number, **properties},
        "geometry": geometry or {"type": "Polygon", "coordinates": SQUARE},
    }


def collection(*features):
    return json.dumps({"type": "FeatureCollection", "features": list(features)}).encode()


def _messages(rw, progress, content) -> list[str]:
    with pytest.raises(ValidationError) as refused:
        services.boundaries_upload(progress=progress, by=rw.office, content=content)
    assert not DistrictBoundaries.objects.exists()
    return refused.value.messages


def test_a_valid_collection_is_stored_for_the_city(rw, atlas):
    multi = {"type": "MultiPolygon", "coordinates": [SQUARE, SQUARE]}
    content = collection(feature(1), feature("2", multi, name="ignored"), feature(3))
    services.boundaries_upload(progress=atlas, by=rw.office, content=content, name="d.geojson")
    stored = DistrictBoundaries.objects.get(city=rw.city)
    numbers = [f["properties"]["district_number"] for f in stored.geojson["features"]]
    assert numbers == [1, 2, 3]
    assert stored.geojson["features"][1]["properties"] == {"district_number": 2}
    # A new file replaces it.
    services.boundaries_upload(progress=atlas, by=rw.office, content=collection(feature(1)))
    assert len(DistrictBoundaries.objects.get().geojson["features"]) == 1


def test_the_demo_schematic_grid_is_valid(rw, atlas):
    content = schematic_boundaries([1, 2, 3])
    services.boundaries_upload(progress=atlas, by=rw.office, content=content)
    assert DistrictBoundaries.objects.count() == 1


@pytest.mark.parametrize(
    "content,message",
    [
        (b"{not json", "not a valid JSON file"),
        (b"\xff\xfe\x00", "not a valid JSON file"),
        (b"[]", "FeatureCollection"),
        (json.dumps({"type": "Feature"}).encode(), "FeatureCollection"),
        (json.dumps({"type": "FeatureCollection", "features": []}).encode(), "no features"),
        (collection({"type": "Point"}), "Feature 1 is not a GeoJSON Feature."),
        (collection(feature(None)), "Feature 1 has no “district_number” property"),
        (collection(feature(True)), "Feature 1 has no “district_number” property"),
        (collection(feature(9)), "Feature 1: district 9 is not a district of this city."),
        (collection(feature(1), feature(1)), "Feature 2: district 1 has a shape already."),
        (
            collection(feature(1, {"type": "Point", "coordinates": [51.6, 32.6]})),
            "the geometry is a “Point”",
        ),
        (collection(feature(1, {"type": "Polygon", "coordinates": []})), "at least one ring"),
        (
            collection(feature(1, {"type": "Polygon", "coordinates": [SQUARE[0][:3]]})),
            "at least four positions",
        ),
        (
            collection(
                feature(
                    1, {"type": "Polygon", "coordinates": [[["a", 1], [1, 2], [2, 2], ["a", 1]]]}
                )
            ),
            "pair of numbers",
        ),
        (
            collection(
                feature(
                    1, {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [True, 0]]]}
                )
            ),
            "pair of numbers",
        ),
        (
            collection(
                feature(
                    1, {"type": "Polygon", "coordinates": [[[0, 0], [200, 0], [1, 95], [0, 0]]]}
                )
            ),
            "out of range",
        ),
        (
            collection(
                feature(1, {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1]]]})
            ),
            "must end where it starts",
        ),
        (collection(feature(1, {"type": "MultiPolygon", "coordinates": []})), "needs polygons"),
    ],
)
def test_malformed_files_are_refused(rw, atlas, content, message):
    messages = _messages(rw, atlas, content)
    assert any(message in text for text in messages), messages


def test_a_district_of_another_city_is_refused(rw, atlas):
    # District 1 exists in the other city only under that number... and here too; number 5 only
    # in neither: the check is against this city's districts, never another's.
    from tests import factories as f

    f.DistrictFactory(city=rw.other_city, number=5, name="Other district 5")
    messages = _messages(rw, atlas, collection(feature(5)))
    assert messages == ["Feature 1: district 5 is not a district of this city."]


def test_every_problem_is_listed(rw, atlas):
    content = collection(feature(9), feature(None), feature(1, {"type": "Line"}))
    assert len(_messages(rw, atlas, content)) == 3


def test_the_size_is_capped(rw, atlas):
    content = b" " * (geojson.MAX_BYTES + 1)
    assert "at most" in _messages(rw, atlas, content)[0]
