"""Reprints: a new stored version each (old kept), once per run, through the command, the admin action or a
Celery task; refused without the print font; documents stored before versions are adopted and reprinted once."""

import datetime

import pytest
from django.core.management import CommandError, call_command

from thidua.documents import issued
from thidua.documents.issued import document_of, print_issued, stored_pdf
from thidua.documents.models import DocumentVersion, IssuedDocument

pytestmark = pytest.mark.django_db


@pytest.fixture
def decision(issuer, staff_user, launched_campaign):
    """An issued decision without nominations (printed as issued)."""
    from awards.enums import DecisionStatus
    from awards.models import Decision

    decision = Decision.objects.create(
        issuer=issuer,
        campaign=launched_campaign,
        issuing_body="HUYỆN ỦY THỬ",
        superior_body="ĐẢNG BỘ TỈNH THỬ",
        number=150,
        symbol="QĐ/HU",
        term="2020-2025",
        place="Thử",
        issued_on=datetime.date(2020, 12, 25),
        articles="Điều 1. Khen thưởng.\nĐiều 2. Thi hành.",
        sign_on_behalf="T/M BAN THƯỜNG VỤ",
        signer_title="PHÓ BÍ THƯ",
        signer_name="Lê Đình Châu",
    )
    Decision.objects.filter(pk=decision.pk).update(status=DecisionStatus.ISSUED)
    decision.refresh_from_db()
    return decision


def test_issue_stores_version_one_and_points_the_record_at_it(decision):
    version = print_issued(decision, "decision")
    decision.refresh_from_db()
    assert decision.pdf.name == version.file.name and version.number == 1 and version.reason == "issued"
    assert print_issued(decision, "decision") == version  # idempotent


def test_reprint_keeps_the_old_version_and_runs_once(decision):
    first = print_issued(decision, "decision")
    old_bytes = first.file.read()
    call_command("reprint_documents", run="r1", kind=["decision"], stdout=open("/dev/null", "w"))
    call_command("reprint_documents", run="r1", kind=["decision"], stdout=open("/dev/null", "w"))
    document = document_of(decision)
    versions = list(document.versions.order_by("number"))
    assert [(v.number, v.reason, v.run) for v in versions] == [(1, "issued", "issued"), (2, "reprint", "r1")]
    decision.refresh_from_db()
    assert decision.pdf.name == versions[1].file.name != versions[0].file.name
    assert versions[0].file.read() == old_bytes  # the old file is kept as it was
    assert "Liberation" in versions[1].font
    call_command("reprint_documents", run="r2", kind=["decision"], stdout=open("/dev/null", "w"))
    assert document.versions.count() == 3


def test_reprint_is_refused_without_the_font(decision, monkeypatch):
    print_issued(decision, "decision")
    monkeypatch.setattr(issued, "serif_font_installed", lambda: False)
    with pytest.raises(CommandError, match="fonts-liberation2"):
        call_command("reprint_documents", run="r1", stdout=open("/dev/null", "w"))
    assert DocumentVersion.objects.count() == 1


def test_a_render_that_fell_back_to_dejavu_is_not_stored():
    from thidua.documents.pdf import render_html

    pdf = render_html("<p style='font-family: DejaVu Serif'>ngày 25 tháng 12 năm 2020</p>")
    assert any(f.replace("-", "").startswith("DejaVuSerif") for f in issued.pdf_fonts(pdf))
    with pytest.raises(issued.FontMissing):
        issued.check_rendered_fonts(pdf)


def test_documents_stored_before_versions_are_adopted_then_reprinted_once(decision):
    """What load_demo does for a database made before this feature (the demo's 150-QĐ/HU stored with DejaVu)."""
    from django.core.files.base import ContentFile

    from awards.models import Decision
    from thidua.documents.pdf import render_html

    old = render_html("<p style='font-family: DejaVu Serif'>Quyết định 150-QĐ/HU</p>")
    name = Decision._meta.get_field("pdf").storage.save("awards/decisions/qd-old.pdf", ContentFile(old))
    Decision.objects.filter(pk=decision.pk).update(pdf=name)
    for _ in range(2):  # load_demo twice: the second run prints nothing
        call_command("reprint_documents", run="load_demo", only_needed=True, stdout=open("/dev/null", "w"))
    document = document_of(decision)
    versions = list(document.versions.order_by("number"))
    assert [(v.reason, v.run) for v in versions] == [("issued", "adopted"), ("reprint", "load_demo")]
    assert versions[0].file.name == name and "DejaVu" in versions[0].font
    assert "DejaVu" not in versions[1].font and "Liberation" in versions[1].font
    decision.refresh_from_db()
    assert decision.pdf.name == versions[1].file.name
    from thidua.documents.text import pdf_text

    assert document.printed_code not in pdf_text(old)
    assert document.printed_code in pdf_text(versions[1].file.read())


def test_admin_action_reprints_and_queues_above_a_few(admin_client, decision, launched_campaign, monkeypatch):
    print_issued(decision, "decision")
    stored_pdf(launched_campaign, "plan")
    ids = list(IssuedDocument.objects.values_list("pk", flat=True))
    response = admin_client.post(
        "/admin/documents/issueddocument/",
        {"action": "reprint_selected", "_selected_action": ids},
        follow=True,
    )
    assert "Đã in lại 2 văn bản" in response.content.decode()
    assert DocumentVersion.objects.filter(reason="reprint").count() == 2
    # Many at once: one Celery task per document (eager here), still one version per document and run.
    from thidua.documents import reprint

    monkeypatch.setattr(reprint, "QUEUE_ABOVE", 1)
    response = admin_client.post(
        "/admin/documents/issueddocument/",
        {"action": "reprint_selected", "_selected_action": ids},
        follow=True,
    )
    assert "Đã xếp hàng in lại 2 văn bản" in response.content.decode()
    assert DocumentVersion.objects.filter(reason="reprint").count() == 4


def test_the_reprint_task_is_idempotent_per_run(decision):
    from thidua.documents.tasks import reprint_document_task

    print_issued(decision, "decision")
    document = document_of(decision)
    first = reprint_document_task(document.pk, "t1")
    assert reprint_document_task(document.pk, "t1") == first
    assert document.versions.count() == 2


def test_load_demo_step_needs_the_font_only_for_what_it_reprints(decision, monkeypatch):
    import io

    from django.core.files.base import ContentFile

    from awards.models import Decision
    from thidua.documents import demo
    from thidua.documents.pdf import render_html

    print_issued(decision, "decision")
    monkeypatch.setattr(issued, "serif_font_installed", lambda: False)
    out = io.StringIO()
    demo.load(None, None, stdout=out)  # nothing stored before codes: nothing to print, no font needed
    assert "0 văn bản" in out.getvalue() and DocumentVersion.objects.count() == 1
    # A document stored before codes, and no font: the demo still loads and says why nothing was reprinted.
    DocumentVersion.objects.all().delete()
    IssuedDocument.objects.all().delete()
    old = render_html("<p style='font-family: DejaVu Serif'>150-QĐ/HU</p>")
    name = Decision._meta.get_field("pdf").storage.save("awards/decisions/qd-old.pdf", ContentFile(old))
    Decision.objects.filter(pk=decision.pk).update(pdf=name)
    out = io.StringIO()
    demo.load(None, None, stdout=out)
    assert "fonts-liberation2" in out.getvalue()
    assert list(DocumentVersion.objects.values_list("run", flat=True)) == ["adopted"]
