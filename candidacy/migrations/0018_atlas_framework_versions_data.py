"""Every programme's existing atlas indicators become version 1 of its atlas indicator set
(issue 13); the atlases that have values keep that version through them."""

from django.db import migrations
from django.utils import timezone


def versions_create(apps, schema_editor):
    IndicatorDefinition = apps.get_model("candidacy", "IndicatorDefinition")
    FrameworkVersion = apps.get_model("candidacy", "FrameworkVersion")
    now = timezone.now()
    programme_ids = (
        IndicatorDefinition.objects.filter(framework__isnull=True)
        .values_list("programme_id", flat=True)
        .distinct()
    )
    for programme_id in list(programme_ids):
        version, _ = FrameworkVersion.objects.get_or_create(
            programme_id=programme_id,
            kind="atlas",
            number=1,
            defaults={"in_force_from": now, "note": ""},
        )
        IndicatorDefinition.objects.filter(
            programme_id=programme_id, framework__isnull=True
        ).update(framework=version)


def versions_forget(apps, schema_editor):
    """Back: the links go with the column; the versions stay (harmless, and numbered)."""


class Migration(migrations.Migration):
    dependencies = [
        ("candidacy", "0017_atlas_framework_versions"),
    ]

    operations = [
        migrations.RunPython(versions_create, versions_forget),
    ]
