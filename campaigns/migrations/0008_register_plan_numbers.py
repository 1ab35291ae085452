"""The numbers of plans already issued enter the register of outgoing documents (thidua/documents)."""

import re

from django.db import migrations


def _type(symbol):
    return re.split(r"[/-]", (symbol or "").strip(), maxsplit=1)[0] or "CV"


def _term(day):
    start = 2020 + 5 * ((day.year - 2020) // 5)
    return f"{start}-{start + 5}"


def forward(apps, schema_editor):
    Campaign = apps.get_model("campaigns", "Campaign")
    RegisterEntry = apps.get_model("documents", "RegisterEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="campaigns", model="campaign")
    entries = []
    for c in Campaign.objects.filter(number__isnull=False).order_by("pk"):
        if c.document_format == "state":
            period = str(c.issued_on.year) if c.issued_on else ""
        else:
            period = (c.term or "").strip() or (_term(c.issued_on) if c.issued_on else "")
        if not period:
            continue
        entries.append(
            RegisterEntry(
                issuer_id=c.issuer_id,
                document_type=_type(c.symbol),
                period=period,
                number=c.number,
                symbol=c.symbol,
                document_format=c.document_format,
                issued_on=c.issued_on,
                subject=" ".join(c.title.split())[:500],
                content_type=content_type,
                object_id=c.pk,
                note="Chuyển từ kế hoạch đã phát hành",
                created_by_id=c.launched_by_id,
            )
        )
    RegisterEntry.objects.bulk_create(entries, ignore_conflicts=True)


def backward(apps, schema_editor):
    RegisterEntry = apps.get_model("documents", "RegisterEntry")
    RegisterEntry.objects.filter(content_type__app_label="campaigns", content_type__model="campaign").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0007_input_limits"),
        ("documents", "0005_register"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forward, backward)]
