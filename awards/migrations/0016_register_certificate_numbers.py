"""The certificates already given (every award of the registry) enter the register of outgoing documents with the
number their certificate printed: the count of the issuer's awards of that certificate in that year, in order."""

import unicodedata

from django.db import migrations


def _symbol(name):
    def fold(word):
        word = unicodedata.normalize("NFD", word).replace("đ", "d").replace("Đ", "D")
        return "".join(ch for ch in word if unicodedata.category(ch) != "Mn").lower()

    return "".join(fold(word)[:1].upper() for word in (name or "").split()) or "GK"


def forward(apps, schema_editor):
    Award = apps.get_model("awards", "Award")
    RegisterEntry = apps.get_model("documents", "RegisterEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="awards", model="award")
    counters = {}
    entries = []
    awards = Award.objects.select_related("decision", "award_type").order_by("pk")
    for a in awards:
        name = a.award_type.certificate_name
        key = (a.decision.issuer_id, a.decided_on.year, name)
        counters[key] = counters.get(key, 0) + 1
        symbol = _symbol(name)
        entries.append(
            RegisterEntry(
                issuer_id=a.decision.issuer_id,
                document_type=symbol,
                period=str(a.decided_on.year),
                number=counters[key],
                symbol=symbol,
                document_format=a.decision.document_format,
                issued_on=a.decided_on,
                subject=f"{name} — {a.full_name}"[:500],
                content_type=content_type,
                object_id=a.pk,
                note="Chuyển từ sổ khen thưởng",
            )
        )
    RegisterEntry.objects.bulk_create(entries, ignore_conflicts=True)


def backward(apps, schema_editor):
    RegisterEntry = apps.get_model("documents", "RegisterEntry")
    RegisterEntry.objects.filter(content_type__app_label="awards", content_type__model="award").delete()


class Migration(migrations.Migration):
    dependencies = [("awards", "0015_register_decision_numbers")]

    operations = [migrations.RunPython(forward, backward)]
