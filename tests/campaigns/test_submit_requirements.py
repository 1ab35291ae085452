"""A submission needs the title (trích yếu) and the signed, stamped scan; the edit page says what is missing;
a scan older than the content is flagged (not blocked)."""

import datetime

import pytest
from django.utils import timezone

from campaigns import services
from campaigns.enums import DocumentStatus as S
from campaigns.models import ProgressReport, SubPlan, SubPlanAttachment
from thidua.workflow import TransitionError

from .conftest import JPEG_BYTES, PNG_BYTES, attach_scan, bring_to, fill
from .test_progress_reports import write
from .test_uploads import _docx

pytestmark = pytest.mark.django_db


def test_submit_without_scan_or_title_lists_both(subplan, unit_head):
    fill(subplan, unit_head, scan=False)
    subplan.refresh_from_db()
    services.save_subplan(subplan, unit_head, version=subplan.version, header={"title": "  "}, sections={})
    subplan.refresh_from_db()
    with pytest.raises(TransitionError) as excinfo:
        services.transition_subplan(subplan, "submit", unit_head)
    message = str(excinfo.value)
    assert message.startswith("Chưa nộp được:")
    assert "chưa có trích yếu" in message and "chưa có bản ký, đóng dấu (tệp PDF, JPEG hoặc PNG)" in message
    subplan.refresh_from_db()
    assert subplan.status == S.DRAFT


def test_a_docx_is_not_the_signed_scan_but_an_image_is(subplan, unit_head):
    fill(subplan, unit_head, scan=False)
    subplan.refresh_from_db()
    attach_scan(subplan, unit_head, "ban-soan-thao.docx", _docx())
    with pytest.raises(TransitionError, match="chưa có bản ký, đóng dấu"):
        services.transition_subplan(subplan, "submit", unit_head)
    attach_scan(subplan, unit_head, "anh-chup.jpg", JPEG_BYTES)
    services.transition_subplan(subplan, "submit", unit_head)
    subplan.refresh_from_db()
    assert subplan.status == S.SUBMITTED


def test_edit_page_shows_the_checklist(client, subplan, unit_head):
    client.force_login(unit_head)
    page = client.get(f"/phong-trao/ke-hoach-don-vi/{subplan.pk}/sua/").content.decode()
    checklist = page[page.index('id="submit-checklist"') :]
    checklist = checklist[: checklist.index("</ul>")]
    for label in ("trích yếu", "nhiệm vụ, giải pháp hoặc chỉ tiêu", "người ký", "bản ký, đóng dấu"):
        assert f"✗ Chưa có {label}" in checklist
    fill(subplan, unit_head)
    page = client.get(f"/phong-trao/ke-hoach-don-vi/{subplan.pk}/sua/").content.decode()
    assert (
        "✗" not in page[page.index('id="submit-checklist"') : page.index("</ul>", page.index('id="submit-checklist"'))]
    )


def test_returned_subplan_changed_after_its_scan_warns(client, subplan, unit_head, staff_user):
    bring_to(subplan, S.RETURNED, unit_head, staff_user)
    # Written two hours ago, the scan attached an hour ago, then submitted and returned.
    now = timezone.now()
    SubPlan.objects.filter(pk=subplan.pk).update(content_changed_at=now - datetime.timedelta(hours=2))
    SubPlanAttachment.objects.filter(subplan=subplan).update(uploaded_at=now - datetime.timedelta(hours=1))
    client.force_login(unit_head)
    url = f"/phong-trao/ke-hoach-don-vi/{subplan.pk}/"
    assert 'id="scan-stale"' not in client.get(url).content.decode()
    fill(subplan, unit_head)  # saved again with the same content: nothing changed
    assert 'id="scan-stale"' not in client.get(url).content.decode()
    subplan.refresh_from_db()
    services.save_subplan(
        subplan, unit_head, version=subplan.version, header={"title": "Trích yếu đã sửa"}, sections={}
    )
    assert "có thể không còn khớp" in client.get(url).content.decode()
    assert 'id="scan-stale"' in client.get(f"{url}sua/").content.decode()
    services.transition_subplan(SubPlan.objects.get(pk=subplan.pk), "submit", unit_head)  # a warning, not a block
    attach = SubPlan.objects.get(pk=subplan.pk)
    assert attach.status == S.SUBMITTED


def test_new_scan_after_the_change_clears_the_warning(client, subplan, unit_head):
    fill(subplan, unit_head, scan=False)
    subplan.refresh_from_db()
    services.save_subplan(subplan, unit_head, version=subplan.version, header={"place": "Nà Sản"}, sections={})
    attach_scan(subplan, unit_head, "moi.png", PNG_BYTES)
    client.force_login(unit_head)
    assert 'id="scan-stale"' not in client.get(f"/phong-trao/ke-hoach-don-vi/{subplan.pk}/").content.decode()


def test_progress_report_needs_its_signed_file(report, unit_head, client):
    write(report, unit_head, scan=False)
    report.refresh_from_db()
    with pytest.raises(TransitionError, match="chưa có bản báo cáo đã ký, đóng dấu"):
        services.transition_progress_report(report, "submit", unit_head)
    client.force_login(unit_head)
    page = client.get(f"/phong-trao/bao-cao-don-vi/{report.pk}/sua/").content.decode()
    assert "✗ Chưa có bản báo cáo đã ký, đóng dấu" in page
    attach_scan(report, unit_head)
    services.transition_progress_report(report, "submit", unit_head)
    report.refresh_from_db()
    assert report.status == S.SUBMITTED


def _resubmitted_after_a_change(doc, head, staff, save):
    """Returned, then changed without a new scan, then submitted again: what the reviewer opens."""
    now = timezone.now()
    type(doc).objects.filter(pk=doc.pk).update(content_changed_at=now - datetime.timedelta(hours=2))
    doc.attachments.update(uploaded_at=now - datetime.timedelta(hours=1))
    doc.refresh_from_db()
    save(doc)
    return type(doc).objects.get(pk=doc.pk)


def test_staff_reviewing_a_subplan_changed_after_its_scan_see_the_warning(client, subplan, unit_head, staff_user):
    bring_to(subplan, S.RETURNED, unit_head, staff_user)
    subplan = _resubmitted_after_a_change(
        subplan,
        unit_head,
        staff_user,
        lambda sp: services.save_subplan(sp, unit_head, version=sp.version, header={"title": "Đã sửa"}, sections={}),
    )
    services.transition_subplan(subplan, "submit", unit_head)
    client.force_login(staff_user)
    page = client.get(f"/phong-trao/ke-hoach-don-vi/{subplan.pk}/").content.decode()
    assert 'id="scan-stale"' in page
    assert "đối chiếu bản ký với nội dung" in page  # the reviewer's wording: compare before approving
    client.force_login(unit_head)  # the unit sees it too while it waits for review
    assert 'id="scan-stale"' in client.get(f"/phong-trao/ke-hoach-don-vi/{subplan.pk}/").content.decode()


def test_staff_reviewing_a_report_changed_after_its_scan_see_the_warning(client, report, unit_head, staff_user):
    write(report, unit_head)
    report.attachments.update(uploaded_at=timezone.now())  # the scan attached after the last change
    services.transition_progress_report(report, "submit", unit_head)
    client.force_login(staff_user)
    url = f"/phong-trao/bao-cao-don-vi/{report.pk}/"
    assert 'id="scan-stale"' not in client.get(url).content.decode()  # the scan matches what was submitted
    ProgressReport.objects.filter(pk=report.pk).update(
        content_changed_at=timezone.now() + datetime.timedelta(minutes=1)
    )  # the content moved on after the newest scan
    page = client.get(url).content.decode()
    assert 'id="scan-stale"' in page and "đối chiếu bản ký với nội dung" in page
