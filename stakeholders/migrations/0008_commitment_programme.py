"""Each commitment keeps its memorandum's city's programme (`Commitment.programme`): added
empty, filled in one statement, then required and indexed."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill(apps, schema_editor):
    Commitment = apps.get_model("stakeholders", "Commitment")
    Memorandum = apps.get_model("stakeholders", "Memorandum")
    Commitment.objects.filter(programme__isnull=True).update(
        programme_id=Subquery(
            Memorandum.objects.filter(pk=OuterRef("memorandum_id")).values(
                "city__programme_id"
            )[:1]
        )
    )


def field(**options):
    return models.ForeignKey(
        db_index=False,
        editable=False,
        on_delete=django.db.models.deletion.CASCADE,
        related_name="+",
        to="cities.programme",
        verbose_name="programme",
        **options,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cities", "0013_city_joint_history"),
        ("stakeholders", "0007_proposal_programme"),
    ]

    operations = [
        migrations.AddField(model_name="commitment", name="programme", field=field(null=True)),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(model_name="commitment", name="programme", field=field()),
        migrations.AddIndex(
            model_name="commitment",
            index=models.Index(
                fields=["programme", "due_on", "id"], name="commitment_programme_due"
            ),
        ),
    ]
