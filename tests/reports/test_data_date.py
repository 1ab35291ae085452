"""The data cut-off date ("số liệu tính đến ngày") of a review report, and its consistency with the issue date."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from campaigns.models import Milestone
from reports import services
from reports.models import ReviewReport
from reports.selectors import default_data_as_of, gather_review_data
from tests.seed import squash

from .conftest import give_subplan
from .pdfutil import body_text

pytestmark = pytest.mark.django_db


def build(campaign, actor, callbacks, **kwargs):
    with callbacks(execute=True):
        report, _ = services.request_review_report(campaign, "interim", actor, **kwargs)
    report.refresh_from_db()
    return report


def test_default_cut_off_is_the_review_milestone_once_the_period_ended(review_campaign):
    assert review_campaign.period_end < timezone.localdate()
    assert default_data_as_of(review_campaign, "interim") == datetime.date(2024, 6, 30)
    assert default_data_as_of(review_campaign, "final") == datetime.date(2024, 11, 30)
    Milestone.objects.filter(campaign=review_campaign).delete()
    assert default_data_as_of(review_campaign, "interim") == timezone.localdate()  # no milestone: today


def test_a_running_campaign_defaults_to_today(review_campaign):
    review_campaign.period_end = timezone.localdate() + datetime.timedelta(days=30)
    review_campaign.save(update_fields=["period_end"])
    assert default_data_as_of(review_campaign, "interim") == timezone.localdate()


def test_snapshot_counts_only_what_was_handed_in_by_the_cut_off(review_campaign, unit, other_unit):
    # unit handed in on 25/01/2024 (approved); other_unit hands in on 10/03/2024 and is approved on 20/03/2024.
    sp = give_subplan(review_campaign, other_unit, "approved", submitted=datetime.date(2024, 3, 10))
    sp.approved_at = timezone.make_aware(datetime.datetime(2024, 3, 20, 9))
    sp.save(update_fields=["approved_at"])
    before = gather_review_data(review_campaign.pk, "interim", as_of=datetime.date(2024, 2, 28))
    between = gather_review_data(review_campaign.pk, "interim", as_of=datetime.date(2024, 3, 15))
    now = gather_review_data(review_campaign.pk, "interim")
    assert before["data_as_of"] == "2024-02-28" and now["data_as_of"] == timezone.localdate().isoformat()
    assert (before["counts"]["subplans_built"], before["counts"]["subplans_approved"]) == (1, 1)
    assert (between["counts"]["subplans_built"], between["counts"]["subplans_approved"]) == (2, 1)
    assert (now["counts"]["subplans_built"], now["counts"]["subplans_approved"]) == (2, 2)


def test_the_pdf_prints_the_cut_off_chosen_at_the_start(
    staff_user, review_campaign, django_capture_on_commit_callbacks
):
    report = build(
        review_campaign, staff_user, django_capture_on_commit_callbacks, data_as_of=datetime.date(2024, 6, 30)
    )
    assert report.data_as_of == datetime.date(2024, 6, 30)
    text = squash(body_text(report.pdf.read()))
    assert "Số liệu đến 30/06/2024" in text
    assert timezone.localdate().strftime("%d/%m/%Y") not in text


def test_a_cut_off_in_the_future_is_refused(staff_user, review_campaign):
    with pytest.raises(ValidationError, match="không được sau hôm nay"):
        services.request_review_report(
            review_campaign, "interim", staff_user, data_as_of=timezone.localdate() + datetime.timedelta(days=1)
        )


def test_reprints_keep_the_cut_off(staff_user, review_campaign, django_capture_on_commit_callbacks):
    first = build(
        review_campaign, staff_user, django_capture_on_commit_callbacks, data_as_of=datetime.date(2024, 6, 30)
    )
    with django_capture_on_commit_callbacks(execute=True):
        second, _ = services.reprint_with_edits(first, {}, staff_user, header={"issued_on": datetime.date(2024, 7, 2)})
    second.refresh_from_db()
    assert second.data_as_of == datetime.date(2024, 6, 30)


def test_issue_date_before_the_data_date_is_refused(staff_user, review_campaign, django_capture_on_commit_callbacks):
    report = build(review_campaign, staff_user, django_capture_on_commit_callbacks, data_as_of=timezone.localdate())
    ReviewReport.objects.filter(pk=report.pk).update(number=7, issued_on=datetime.date(2020, 6, 10))
    report.refresh_from_db()
    with pytest.raises(ValidationError) as caught:
        services.issue_review_report(report, staff_user)
    message = " ".join(caught.value.messages)
    assert "10/06/2020" in message and timezone.localdate().strftime("%d/%m/%Y") in message
    assert "không được trước ngày số liệu" in message
    assert not ReviewReport.objects.filter(is_final=True).exists()


def test_issue_on_or_after_the_data_date_prints_both_dates(
    staff_user, review_campaign, django_capture_on_commit_callbacks
):
    report = build(
        review_campaign, staff_user, django_capture_on_commit_callbacks, data_as_of=datetime.date(2024, 6, 30)
    )
    ReviewReport.objects.filter(pk=report.pk).update(number=7, issued_on=datetime.date(2024, 7, 2))
    report.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        issued, _ = services.issue_review_report(report, staff_user)
    issued.refresh_from_db()
    text = squash(body_text(issued.pdf.read()))
    assert "ngày 02 tháng 7 năm 2024" in text and "Số liệu đến 30/06/2024" in text


def test_staff_choose_the_cut_off_when_starting(
    client, staff_user, review_campaign, django_capture_on_commit_callbacks
):
    client.force_login(staff_user)
    url = f"/bao-cao/phong-trao/{review_campaign.pk}/tong-hop/"
    response = client.post(url, {"kind": "interim", "data_as_of": "31/02/2024"})
    assert response.status_code == 302 and not ReviewReport.objects.exists()
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("Ngày số liệu không hợp lệ" in m for m in messages)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"kind": "interim", "data_as_of": "30/06/2024"})
    assert ReviewReport.objects.get().data_as_of == datetime.date(2024, 6, 30)
    page = client.get(f"/bao-cao/phong-trao/{review_campaign.pk}/").content.decode()
    assert 'name="data_as_of"' in page
    assert "Để trống thì lấy: sơ kết 30/06/2024, tổng kết 30/11/2024" in page
    assert "<td>30/06/2024</td>" in page  # the version list shows each build's data date


def test_the_header_form_refuses_an_issue_date_before_the_data_date(
    client, staff_user, review_campaign, django_capture_on_commit_callbacks
):
    report = build(
        review_campaign, staff_user, django_capture_on_commit_callbacks, data_as_of=datetime.date(2024, 6, 30)
    )
    client.force_login(staff_user)
    page = client.get(f"/bao-cao/{report.pk}/").content.decode()
    assert "số liệu tính đến ngày 30/06/2024" in page and "Không trước ngày số liệu 30/06/2024." in page
    response = client.post(
        f"/bao-cao/{report.pk}/noi-dung/",
        {
            "number": "7",
            "issued_on": "10/06/2024",
            "place": "Thử",
            "sign_on_behalf": "",
            "signer_title": "",
            "signer_name": "Lò Văn Ký",
            "recipients": "Lưu.",
            "text-proposals": "Đoạn đã sửa.",
        },
    )
    assert response.status_code == 400 and ReviewReport.objects.count() == 1
    body = response.content.decode()
    assert "Ngày ban hành không được trước ngày số liệu (30/06/2024) của bản tổng hợp." in body
    assert 'value="10/06/2024"' in body and "Đoạn đã sửa." in body


def test_an_undated_draft_leaves_the_year_of_the_data_date(
    staff_user, review_campaign, django_capture_on_commit_callbacks
):
    report = build(
        review_campaign, staff_user, django_capture_on_commit_callbacks, data_as_of=datetime.date(2024, 6, 30)
    )
    text = squash(body_text(report.pdf.read()))
    assert "Thử, ngày tháng năm 2024" in text and f"năm {timezone.localdate().year}" not in text
