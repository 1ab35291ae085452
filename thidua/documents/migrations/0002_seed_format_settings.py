"""Seed the format settings that could not be checked against the published text (README, "Official
documents"): they stay editable in the admin. Values equal the built-in defaults of formats.py."""

from django.db import migrations

UNCHECKED = "Chưa đối chiếu được văn bản gốc; theo báo cáo của các đơn vị (issue 11)"

SETTINGS = [
    ("party-hd36-2018", "committee_spelling", "UỶ", UNCHECKED),
    ("party-hd36-2018", "archive_recipient", "Lưu Văn phòng", UNCHECKED),
    ("party-hd05-2026", "valid_from", "2026-05-27", UNCHECKED),
    ("party-hd05-2026", "margin_top_mm", "20", UNCHECKED),
    ("party-hd05-2026", "margin_bottom_mm", "20", UNCHECKED),
    ("party-hd05-2026", "margin_left_mm", "30", UNCHECKED),
    ("party-hd05-2026", "margin_right_mm", "15", UNCHECKED),
    ("party-hd05-2026", "line_spacing_pt", "19", UNCHECKED),
    ("party-hd05-2026", "number_zero_pad", "2", UNCHECKED),
    ("party-hd05-2026", "committee_spelling", "ỦY", UNCHECKED),
    ("party-hd05-2026", "archive_recipient", "Lưu", UNCHECKED),
]


def seed(apps, schema_editor):
    FormatSetting = apps.get_model("documents", "FormatSetting")
    for key, field, value, source in SETTINGS:
        FormatSetting.objects.get_or_create(format_key=key, field=field, defaults={"value": value, "source": source})


def unseed(apps, schema_editor):
    FormatSetting = apps.get_model("documents", "FormatSetting")
    for key, field, _value, _source in SETTINGS:
        FormatSetting.objects.filter(format_key=key, field=field).delete()


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_format_settings")]

    operations = [migrations.RunPython(seed, unseed)]
