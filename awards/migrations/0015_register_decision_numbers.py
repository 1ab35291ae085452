"""The numbers of decisions (drafts and issued) enter the register of outgoing documents (thidua/documents)."""

import re

from django.db import migrations


def _type(symbol):
    return re.split(r"[/-]", (symbol or "").strip(), maxsplit=1)[0] or "CV"


def forward(apps, schema_editor):
    Decision = apps.get_model("awards", "Decision")
    RegisterEntry = apps.get_model("documents", "RegisterEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="awards", model="decision")
    entries = []
    for d in Decision.objects.order_by("pk"):
        period = d.number_period or (
            d.term.strip() if d.document_format == "party" and d.term.strip() else str(d.issued_on.year)
        )
        entries.append(
            RegisterEntry(
                issuer_id=d.issuer_id,
                document_type=_type(d.symbol),
                period=period,
                number=d.number,
                symbol=d.symbol,
                document_format=d.document_format,
                issued_on=d.issued_on,
                subject=" ".join(d.title.split())[:500],
                content_type=content_type,
                object_id=d.pk,
                note="Chuyển từ quyết định đã có số",
                created_by_id=d.created_by_id,
            )
        )
    RegisterEntry.objects.bulk_create(entries, ignore_conflicts=True)


def backward(apps, schema_editor):
    RegisterEntry = apps.get_model("documents", "RegisterEntry")
    RegisterEntry.objects.filter(content_type__app_label="awards", content_type__model="decision").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0014_more_import_aliases"),
        ("documents", "0005_register"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forward, backward)]
