from django.db import migrations


def seed(apps, schema_editor):
    from awards.catalogue import seed_catalogue

    seed_catalogue(apps.get_model("awards", "AwardType"))


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
