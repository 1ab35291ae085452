"""HD 36 documents keep the committee's name as typed ("HUYỆN ỦY" or "HUYỆN UỶ"): only the 2026 format rewrites it."""

from django.db import migrations


def as_typed(apps, schema_editor):
    FormatSetting = apps.get_model("documents", "FormatSetting")
    FormatSetting.objects.filter(format_key="party-hd36-2018", field="committee_spelling", value="UỶ").update(value="")


def back(apps, schema_editor):
    FormatSetting = apps.get_model("documents", "FormatSetting")
    FormatSetting.objects.filter(format_key="party-hd36-2018", field="committee_spelling", value="").update(value="UỶ")


class Migration(migrations.Migration):
    dependencies = [("documents", "0002_seed_format_settings")]

    operations = [migrations.RunPython(as_typed, back)]
