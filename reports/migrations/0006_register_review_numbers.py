"""The numbers of issued review reports enter the register of outgoing documents (thidua/documents)."""

import re

from django.db import migrations


def _type(symbol):
    return re.split(r"[/-]", (symbol or "").strip(), maxsplit=1)[0] or "CV"


def _term(day):
    start = 2020 + 5 * ((day.year - 2020) // 5)
    return f"{start}-{start + 5}"


def forward(apps, schema_editor):
    ReviewReport = apps.get_model("reports", "ReviewReport")
    RegisterEntry = apps.get_model("documents", "RegisterEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="reports", model="reviewreport")
    labels = {"interim": "Sơ kết", "final": "Tổng kết"}
    entries = []
    issued = ReviewReport.objects.filter(is_final=True, status="done", number__isnull=False).select_related("campaign")
    for r in issued.order_by("pk"):
        campaign = r.campaign
        if campaign.document_format == "state":
            period = str(r.issued_on.year) if r.issued_on else ""
        else:
            period = (r.term or campaign.term or "").strip() or (_term(r.issued_on) if r.issued_on else "")
        if not period:
            continue
        entries.append(
            RegisterEntry(
                issuer_id=r.issuer_id or campaign.issuer_id,
                document_type=_type(r.symbol or "BC"),
                period=period,
                number=r.number,
                symbol=r.symbol or "BC",
                document_format=campaign.document_format,
                issued_on=r.issued_on,
                subject=f"Báo cáo {labels.get(r.kind, r.kind).lower()} thực hiện kế hoạch"[:500],
                content_type=content_type,
                object_id=r.pk,
                note="Chuyển từ báo cáo đã ban hành",
                created_by_id=r.requested_by_id,
            )
        )
    RegisterEntry.objects.bulk_create(entries, ignore_conflicts=True)


def backward(apps, schema_editor):
    RegisterEntry = apps.get_model("documents", "RegisterEntry")
    RegisterEntry.objects.filter(content_type__app_label="reports", content_type__model="reviewreport").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0005_review_docx"),
        ("documents", "0005_register"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forward, backward)]
