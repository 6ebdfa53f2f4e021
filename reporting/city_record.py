"""A city's complete record as one ZIP file (`/cities/<city>/record.zip`), for whoever may read
its dossier (`candidacy.lookups.visible_dossier_city`: its office, its programme's coordinators
and the evaluators who declared no conflict of interest with it; an evaluator who has not
declared is sent to the declaration, a recused one gets 403, anyone else 404): its own copy to
keep, whatever becomes of the programme.

`record.json` holds every row of the pipeline and of the stakeholders that belongs to the city
(found by each model's path to `City`, so a model added later is exported without a change
here): the candidacy and its recognition cycles, every stage with its record, sign-offs,
evidence list and history, the plan, the councils with their members and children's make-up,
proposals, memoranda and the stakeholders' history. Comment threads are not exported (their
internal half is not the office's to read), nor the evaluators' conflict-of-interest
declarations; no row names the evaluator who judged a criterion or recorded the children's
panel's verdict (the evaluation page does not show the office either), and the panel's verdict
carries its size and votes as the small-group rule publishes them (`core.privacy.figure`), never
its raw counts. `evidence/` holds the stored documents.

The file is written to a spooled temporary file (in memory up to `SPOOL_BYTES`, on disk
beyond) and streamed from there: the response never holds the documents in memory."""

from __future__ import annotations

import json
import tempfile
import zipfile

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.http import FileResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from candidacy.lookups import declare_first, visible_dossier_city
from candidacy.models import ChildrenPanelVerdict
from cities.models import City

#: The apps whose rows make up a city's record.
APPS = ("candidacy", "stakeholders", "cities")
#: Rows never exported: threads whose internal half only the desk reads, and the evaluators'
#: conflict-of-interest declarations (not the office's business).
LEFT_OUT = {
    "candidacy.stagecomment",
    "stakeholders.stakeholdercomment",
    "candidacy.conflictdeclaration",
}
#: Fields never exported, by model: which evaluator judged or recorded (the evaluation page
#: does not name them to the office), and the children's panel's raw counts (`_panel_figures`
#: exports them as the small-group rule publishes them).
LEFT_OUT_FIELDS = {
    "candidacy.criterionjudgement": {"judged_by"},
    "candidacy.childrenpanelverdict": {"recorded_by", *ChildrenPanelVerdict.FIGURES},
}
#: How a row reaches its city, tried in this order (the first path the model has wins).
PATHS = (
    "city",
    "candidacy__city",
    "progress__candidacy__city",
    "council__city",
    "memorandum__city",
    "commitment__memorandum__city",
    "plan__progress__candidacy__city",
    "operational_plan__plan__progress__candidacy__city",
    "action__operational_plan__plan__progress__candidacy__city",
    "record__progress__candidacy__city",
    "evaluation__progress__candidacy__city",
    "condition__progress__candidacy__city",
    "proposal__council__city",
    "round__progress__candidacy__city",
    "assessment__progress__candidacy__city",
)
SPOOL_BYTES = 8 * 1024 * 1024


def _has_path(model, path: str) -> bool:
    current = model
    for name in path.split("__"):
        try:
            field = current._meta.get_field(name)
        except Exception:  # noqa: BLE001 - FieldDoesNotExist and reverse relations alike
            return False
        if not getattr(field, "is_relation", False) or field.auto_created:
            return False
        current = field.related_model
    return current is City


def _city_path(model) -> str | None:
    return next((path for path in PATHS if _has_path(model, path)), None)


def record_models() -> list[tuple[type[models.Model], str]]:
    """Every model of `APPS` that belongs to a city, with its path to the city."""
    found = []
    for label in APPS:
        for model in apps.get_app_config(label).get_models():
            if model._meta.label_lower in LEFT_OUT or model is City:
                continue
            path = _city_path(model)
            if path is not None:
                found.append((model, path))
    return found


def _published(figure):
    """A figure as the record carries it: its value, or the words saying why it is hidden."""
    return figure.hidden_text if figure.hidden else figure.value


def _panel_figures(verdict) -> dict:
    """The children's panel's size and votes as the small-group rule publishes them
    (`ChildrenPanelVerdict.figures`): below the threshold, "fewer than N children: not shown"."""
    return {name: _published(figure) for name, _label, figure in verdict.figures()}


#: Fields made for the record, by model, from each row (in place of the ones left out).
SHAPED = {"candidacy.childrenpanelverdict": _panel_figures}


def _rows(model, queryset) -> list[dict]:
    label = model._meta.label_lower
    left_out = LEFT_OUT_FIELDS.get(label, set())
    every = (*model._meta.concrete_fields, *model._meta.many_to_many)
    fields = [f.name for f in every if f.name not in left_out]
    shape = SHAPED.get(label)
    objects = list(queryset)
    rows = serializers.serialize("python", objects, fields=fields if left_out else None)
    if shape is not None:
        for row, obj in zip(rows, objects, strict=True):
            row["fields"].update(shape(obj))
    return rows


def city_record(city: City) -> dict:
    """The city's record, as `record.json` holds it."""
    rows = {"city": serializers.serialize("python", [city])[0]}
    definitions = apps.get_model("candidacy", "StageDefinition").objects.filter(
        programme_id=city.programme_id
    )
    rows["candidacy.stagedefinition"] = serializers.serialize("python", definitions.order_by("pk"))
    for model, path in record_models():
        queryset = model._default_manager.filter(**{path: city}).order_by("pk")
        rows[model._meta.label_lower] = _rows(model, queryset)
    return rows


def _evidence(city: City):
    Evidence = apps.get_model("candidacy", "Evidence")
    return Evidence.objects.filter(progress__candidacy__city=city).select_related(
        "progress__definition"
    )


@login_required
@require_GET
@declare_first
def city_record_zip(request, city):
    """The city's record as a ZIP file: `record.json` and the stored evidence."""
    city = visible_dossier_city(request.user, city)
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)
    with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        record = {
            "exported_at": timezone.now(),
            "programme": {
                "key": city.programme.key,
                "name": city.programme.name,
                "status": city.programme.status,
                "closed_on": city.programme.closed_on,
            },
            **city_record(city),
        }
        archive.writestr(
            "record.json", json.dumps(record, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)
        )
        for evidence in _evidence(city).iterator():
            stage = evidence.progress.definition.key
            name = f"evidence/{stage}/{evidence.pk}-{evidence.original_name}"
            try:
                with evidence.file.open("rb") as stored, archive.open(name, "w") as target:
                    for chunk in iter(lambda: stored.read(1024 * 1024), b""):
                        target.write(chunk)
            except OSError:
                archive.writestr(name + ".missing", "")
    spool.seek(0)
    return FileResponse(
        spool,
        as_attachment=True,
        filename=f"record-{city.slug}.zip",
        content_type="application/zip",
    )
