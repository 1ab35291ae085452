from django.db import migrations


def seed(apps, schema_editor):
    from awards.catalogue import seed_import_aliases

    seed_import_aliases(apps.get_model("awards", "ImportAlias"))


class Migration(migrations.Migration):
    dependencies = [("awards", "0013_emulation_staff_record")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
