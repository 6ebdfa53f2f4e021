"""Every programme's existing criteria become version 1 of its frameworks, and every existing
evaluation record and self-assessment uses that version 1 (issue 13)."""

from django.db import migrations
from django.utils import timezone

KINDS = (
    ("evaluation", "EvaluationCriterion", "EvaluationRecord"),
    ("self_assessment", "AssessmentCriterion", "SelfAssessment"),
)


def versions_create(apps, schema_editor):
    Programme = apps.get_model("cities", "Programme")
    FrameworkVersion = apps.get_model("candidacy", "FrameworkVersion")
    now = timezone.now()
    for kind, criterion_name, record_name in KINDS:
        Criterion = apps.get_model("candidacy", criterion_name)
        Record = apps.get_model("candidacy", record_name)
        for programme_id in Programme.objects.values_list("pk", flat=True):
            criteria = Criterion.objects.filter(programme_id=programme_id)
            records = Record.objects.filter(progress__candidacy__city__programme_id=programme_id)
            if not criteria.exists() and not records.exists():
                continue
            version, _ = FrameworkVersion.objects.get_or_create(
                programme_id=programme_id,
                kind=kind,
                number=1,
                defaults={"in_force_from": now, "note": ""},
            )
            criteria.update(framework=version)
            records.filter(framework__isnull=True).update(framework=version)


def versions_forget(apps, schema_editor):
    """Back: the links go with the columns; the versions with their table."""


class Migration(migrations.Migration):
    dependencies = [
        ("candidacy", "0013_framework_versions"),
    ]

    operations = [
        migrations.RunPython(versions_create, versions_forget),
    ]
