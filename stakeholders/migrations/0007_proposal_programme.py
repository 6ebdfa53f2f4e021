"""Each children's proposal keeps its council's city's programme (`ChildrenProposal.programme`):
added empty, filled in one statement, then required and indexed."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill(apps, schema_editor):
    ChildrenProposal = apps.get_model("stakeholders", "ChildrenProposal")
    Council = apps.get_model("stakeholders", "Council")
    ChildrenProposal.objects.filter(programme__isnull=True).update(
        programme_id=Subquery(
            Council.objects.filter(pk=OuterRef("council_id")).values("city__programme_id")[:1]
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
        ("stakeholders", "0006_proposal_children_and_district"),
    ]

    operations = [
        migrations.AddField(model_name="childrenproposal", name="programme", field=field(null=True)),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(model_name="childrenproposal", name="programme", field=field()),
        migrations.AddIndex(
            model_name="childrenproposal",
            index=models.Index(
                fields=["programme", "-received_on", "-id"], name="proposal_programme_received"
            ),
        ),
    ]
