import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce


def point(apps, schema_editor):
    """Fill the pointer as `candidacy.services.current_stages_point` keeps it (a migration
    works on the models as they were, so the rule is written out here once more)."""
    Candidacy = apps.get_model("candidacy", "Candidacy")
    StageProgress = apps.get_model("candidacy", "StageProgress")
    stages = StageProgress.objects.filter(candidacy=OuterRef("pk"))
    first_unapproved = (
        stages.exclude(state="approved").order_by("definition__position").values("pk")[:1]
    )
    last = stages.order_by("-definition__position").values("pk")[:1]
    Candidacy.objects.update(current_stage=Coalesce(Subquery(first_unapproved), Subquery(last)))


class Migration(migrations.Migration):
    dependencies = [
        ("candidacy", "0004_names_per_language"),
    ]

    operations = [
        migrations.AddField(
            model_name="candidacy",
            name="current_stage",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="candidacy.stageprogress",
                verbose_name="current stage",
            ),
        ),
        migrations.RunPython(point, migrations.RunPython.noop),
    ]
