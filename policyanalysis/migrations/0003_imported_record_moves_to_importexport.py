"""ImportedRecord moved to the importexport app: it leaves this app's state only.

The table stays; importexport's first migration takes the model over and renames the table.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("policyanalysis", "0002_imported_record")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ImportedRecord")],
            database_operations=[],
        )
    ]
