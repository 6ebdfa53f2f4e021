"""The versioned frameworks (issue 13): which version of a programme's criteria is in force,
the one service that changes a framework (`framework_revise`: the next version, a copy of the
one in force, which the coordinator then edits), who may read and revise them, and the
comparison of two versions. The rule that freezes a used version is `criterion_in_use`
(`candidacy.models.frameworks`), asked by the criteria's `clean` and the admin."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from candidacy.models import (
    AssessmentCriterion,
    EvaluationCriterion,
    FrameworkKind,
    FrameworkVersion,
    IndicatorDefinition,
    framework_in_force,
)
from cities.models import Programme
from cities.permissions import (
    coordinates,
    programme_closed_message,
    programme_is_open,
    scope_of,
)

CRITERION_MODELS = {
    FrameworkKind.EVALUATION: EvaluationCriterion,
    FrameworkKind.SELF_ASSESSMENT: AssessmentCriterion,
    FrameworkKind.ATLAS: IndicatorDefinition,
}

#: The fields a revision copies (beside the texts in every language).
COPIED_FIELDS = {
    FrameworkKind.EVALUATION: ("key", "order", "is_global"),
    FrameworkKind.SELF_ASSESSMENT: ("key", "order"),
    FrameworkKind.ATLAS: ("key", "order", "goal_area"),
}

#: The texts kept in every language: what a revision copies and a comparison compares.
TEXTS = {
    FrameworkKind.EVALUATION: ("text", "guidance"),
    FrameworkKind.SELF_ASSESSMENT: ("text", "guidance"),
    FrameworkKind.ATLAS: ("name", "unit"),
}

#: Per kind, the version's criteria and the records that use it (for `framework_versions`).
RELATED = {
    FrameworkKind.EVALUATION: ("evaluation_criteria", "evaluation_records__progress"),
    FrameworkKind.SELF_ASSESSMENT: ("assessment_criteria", "self_assessments__progress"),
    FrameworkKind.ATLAS: ("atlas_indicators", "atlas_indicators__values__progress"),
}


def text_fields(name: str = "text") -> list[str]:
    """The criterion's text (or `name`: its guidance) in each of the portal's languages
    (django-modeltranslation)."""
    return [f"{name}_{code.replace('-', '_')}" for code, _name in settings.LANGUAGES]


# --- who may ------------------------------------------------------------------------------------


def can_revise_framework(user, programme: Programme) -> bool:
    """The programme's coordinators (and superusers) make a framework's next version, while
    the programme is open (`programme_is_open`)."""
    return bool(
        user.is_authenticated
        and programme_is_open(programme)
        and (user.is_superuser or coordinates(user, programme.pk))
    )


def can_edit_criteria(user, criterion=None) -> bool:
    """Who edits a programme's criteria (in the admin): its coordinators (and superusers),
    while the programme is open (`programme_is_open`); `criterion` None: whether the user may
    add criteria to any programme. Whether the criterion's version may still change is
    `criterion_in_use`'s rule."""
    if not user.is_authenticated:
        return False
    if criterion is None:
        return user.is_superuser or bool(scope_of(user).coordinated_programme_ids)
    if not programme_is_open(criterion.programme):
        return False
    return user.is_superuser or coordinates(user, criterion.programme_id)


# --- reads --------------------------------------------------------------------------------------


def framework_versions(programme: Programme, kind: str) -> list[FrameworkVersion]:
    """The programme's versions of one framework, newest first, with their criteria counted
    and their uses: two queries."""
    related, uses = RELATED[kind]
    return list(
        FrameworkVersion.objects.filter(programme=programme, kind=kind)
        .annotate(
            criteria_count=Count(related, distinct=True),
            uses=Count(uses, distinct=True),
        )
        .select_related("created_by")
        .order_by("-number")
    )


@dataclass
class CriterionChange:
    """One line of a comparison: a criterion added, removed or changed (its texts per language:
    (language name, before, after) where they differ)."""

    key: str
    status: str  # "added", "removed", "changed"
    before: object | None
    after: object | None
    texts: list[tuple[str, str, str]]


def framework_compare(before: FrameworkVersion, after: FrameworkVersion) -> list[CriterionChange]:
    """What changed from `before` to `after`, matched by the criteria's (or indicators') keys:
    two queries. The texts compared are the criteria's texts and guidance, or the indicators'
    names and units, per language; a change of anything else they copy (order, global or not, goal
    area) is a change without texts."""
    old = {criterion.key: criterion for criterion in before.criteria}
    new = {criterion.key: criterion for criterion in after.criteria}
    languages = _languages(before.kind)
    others = [name for name in COPIED_FIELDS[before.kind] if name != "key"]
    changes = []
    for key in sorted(old.keys() | new.keys(), key=lambda k: _order(new.get(k) or old[k], k)):
        a, b = old.get(key), new.get(key)
        if a is None:
            texts = [(name, "", getattr(b, field) or "") for field, name in languages]
            changes.append(CriterionChange(key, "added", None, b, [t for t in texts if t[2]]))
        elif b is None:
            texts = [(name, getattr(a, field) or "", "") for field, name in languages]
            changes.append(CriterionChange(key, "removed", a, None, [t for t in texts if t[1]]))
        else:
            texts = [
                (name, getattr(a, field) or "", getattr(b, field) or "")
                for field, name in languages
                if (getattr(a, field) or "") != (getattr(b, field) or "")
            ]
            if texts or any(getattr(a, name) != getattr(b, name) for name in others):
                changes.append(CriterionChange(key, "changed", a, b, texts))
    return changes


def _order(criterion, key):
    return (criterion.order, key)


def _languages(kind: str) -> list[tuple[str, str]]:
    """(field, label) of the texts compared: the criteria's texts and guidance per language
    ("English", "English · guidance"), or the indicators' names and units ("English",
    "English · unit")."""
    main, second = TEXTS[kind]
    labels = [
        (field, _(name))
        for field, (_code, name) in zip(text_fields(main), settings.LANGUAGES, strict=True)
    ]
    if kind == FrameworkKind.ATLAS:
        label = _("%(language)s · unit")
    else:
        label = _("%(language)s · guidance")
    return labels + [
        (field, label % {"language": _(name)})
        for field, (_code, name) in zip(text_fields(second), settings.LANGUAGES, strict=True)
    ]


# --- the one change -----------------------------------------------------------------------------


def framework_revise(*, programme: Programme, kind: str, by, note: str = "") -> FrameworkVersion:
    """Make the framework's next version, in force now: a copy of the criteria of the version
    in force (keys, order, texts and guidance in every language; an atlas's indicators: keys,
    order, goal area, names and units), which the coordinator then edits. The versions before
    it, and the evaluations, self-assessments and atlases that keep them, are unchanged. Only
    the programme's coordinators (and superusers)."""
    if kind not in FrameworkKind.values:
        raise ValueError(f"Not a kind of framework: {kind}")
    if not can_revise_framework(by, programme):
        if not programme_is_open(programme):
            raise PermissionDenied(programme_closed_message(programme))
        raise PermissionDenied(_("Only the programme's coordinators revise its frameworks."))
    Criterion = CRITERION_MODELS[kind]
    main, second = TEXTS[kind]
    fields = (*COPIED_FIELDS[kind], *text_fields(main), *text_fields(second))
    with transaction.atomic():
        Programme.objects.select_for_update().filter(pk=programme.pk).first()
        current = framework_in_force(programme.pk, kind)
        last = FrameworkVersion.objects.filter(programme=programme, kind=kind).aggregate(
            Max("number")
        )["number__max"]
        version = FrameworkVersion(
            programme=programme,
            kind=kind,
            number=(last or 0) + 1,
            in_force_from=timezone.now(),
            note=note.strip(),
            created_by=by,
        )
        version.full_clean()
        version.save()
        if current is not None:
            Criterion.objects.bulk_create(
                Criterion(
                    programme_id=programme.pk,
                    framework=version,
                    **{name: getattr(criterion, name) for name in fields},
                )
                for criterion in current.criteria
            )
    return version
