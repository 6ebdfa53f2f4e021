"""Each library entry keeps its city's programme (`GoodPractice.programme`): added empty, filled
from the initiative's city in one statement, then required and indexed."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill(apps, schema_editor):
    GoodPractice = apps.get_model("library", "GoodPractice")
    City = apps.get_model("cities", "City")
    GoodPractice.objects.filter(programme__isnull=True).update(
        programme_id=Subquery(
            City.objects.filter(
                candidacy__stages__initiatives=OuterRef("initiative_id")
            ).values("programme_id")[:1]
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("candidacy", "0023_judgement_per_evaluator"),
        ("cities", "0013_city_joint_history"),
        ("library", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="goodpractice",
            name="programme",
            field=models.ForeignKey(
                db_index=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="cities.programme",
                verbose_name="programme",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="goodpractice",
            name="programme",
            field=models.ForeignKey(
                db_index=False,
                editable=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="cities.programme",
                verbose_name="programme",
            ),
        ),
        migrations.AddIndex(
            model_name="goodpractice",
            index=models.Index(fields=["programme", "-id"], name="goodpractice_programme"),
        ),
    ]
