"""ImportedRecord, taken over from policyanalysis (where it was created by 0002) without
touching its rows: the model enters this app's state on the existing table, the table and its
index are renamed, and its content type follows so existing permissions keep pointing at it."""

import django.db.models.deletion
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="importexport", model="importedrecord").exists():
        ContentType.objects.filter(app_label="policyanalysis", model="importedrecord").update(
            app_label="importexport"
        )


def restore_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="importexport", model="importedrecord").update(
        app_label="policyanalysis"
    )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("policyanalysis", "0003_imported_record_moves_to_importexport"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ImportedRecord",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("kind", models.CharField(max_length=20, verbose_name="kind")),
                        ("source_id", models.CharField(max_length=255, verbose_name="source id")),
                        ("locale", models.CharField(max_length=20, verbose_name="locale")),
                        ("object_id", models.PositiveBigIntegerField(verbose_name="object id")),
                        ("checksum", models.CharField(max_length=64, verbose_name="checksum")),
                        ("imported_at", models.DateTimeField(auto_now=True, verbose_name="imported at")),
                        ("content_type", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="contenttypes.contenttype")),
                    ],
                    options={
                        "verbose_name": "imported record",
                        "db_table": "policyanalysis_importedrecord",
                        "indexes": [models.Index(fields=["content_type", "object_id"], name="policyanaly_content_208396_idx")],
                        "constraints": [models.UniqueConstraint(fields=("kind", "source_id", "locale"), name="unique_imported_record")],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name="importedrecord", table=None),
        migrations.RenameIndex(
            model_name="importedrecord",
            new_name="importexport_object_idx",
            old_name="policyanaly_content_208396_idx",
        ),
        migrations.RunPython(move_content_type, restore_content_type),
    ]
