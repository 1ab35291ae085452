"""Actions from a page that is no longer current, refused actions and unknown actions, through the views.

- A reviewer who opened a submitted sub-plan cannot approve it after the unit withdrew, edited and resubmitted:
  every transition form sends the version the page showed.
- A refused move redirects back to the page (post/redirect/get), the message shown, the reason typed kept.
- An unknown action is a 404. Final actions (Nộp, Duyệt) ask for confirmation.
"""

import re

import pytest

from campaigns.enums import DocumentStatus as S
from campaigns.models import ProgressReport, SubPlan, SubPlanTarget

from .conftest import bring_to
from .test_progress_reports import bring_report_to, write
from .test_subplan_edit import _form_data

pytestmark = pytest.mark.django_db


def _version_in(page, action):
    form = re.search(rf"<form[^>]*chuyen/{action}/.*?</form>", page, re.S).group(0)
    return int(re.search(r'name="version" value="(\d+)"', form).group(1))


def _form(page, action):
    return re.search(rf"<form[^>]*chuyen/{action}/[^>]*>", page, re.S).group(0)


def test_reviewer_cannot_approve_content_changed_since_the_page_was_opened(client, subplan, unit_head, staff_user):
    bring_to(subplan, S.SUBMITTED, unit_head, staff_user)
    url = f"/phong-trao/ke-hoach-don-vi/{subplan.pk}/"
    client.force_login(staff_user)
    seen = _version_in(client.get(url).content.decode(), "approve")  # the reviewer opens the page ...
    # ... the unit withdraws, lowers its target from 100 to 1 and resubmits.
    client.force_login(unit_head)
    page = client.get(url).content.decode()
    assert client.post(f"{url}chuyen/withdraw/", {"version": _version_in(page, "withdraw")}).status_code == 302
    subplan.refresh_from_db()
    first = subplan.campaign.content_areas.order_by("order").first().pk
    data = _form_data(subplan, title="Thực hiện phong trào", **{f"t-{first}-0-value": "1"})
    assert client.post(f"{url}sua/", data).status_code == 302
    page = client.get(url).content.decode()
    assert client.post(f"{url}chuyen/submit/", {"version": _version_in(page, "submit")}).status_code == 302
    subplan.refresh_from_db()
    assert subplan.status == S.SUBMITTED and SubPlanTarget.objects.get(item__subplan=subplan).value == 1
    # The reviewer presses "Duyệt" on the old page.
    client.force_login(staff_user)
    response = client.post(f"{url}chuyen/approve/", {"version": seen})
    assert response.status_code == 302 and response["Location"] == url
    subplan.refresh_from_db()
    assert subplan.status == S.SUBMITTED and subplan.approved_at is None
    current = client.get(url).content.decode()
    assert "đã thay đổi hoặc vừa được người khác xử lý sau khi bạn mở trang" in current
    # From the current page the approval goes through.
    response = client.post(f"{url}chuyen/approve/", {"version": _version_in(current, "approve")})
    subplan.refresh_from_db()
    assert subplan.status == S.APPROVED


def test_a_transition_without_the_page_version_is_refused(client, subplan, unit_head, staff_user):
    bring_to(subplan, S.SUBMITTED, unit_head, staff_user)
    client.force_login(staff_user)
    url = f"/phong-trao/ke-hoach-don-vi/{subplan.pk}/"
    assert client.post(f"{url}chuyen/approve/").status_code == 302
    subplan.refresh_from_db()
    assert subplan.status == S.SUBMITTED
    assert "Trang bạn đang xem đã cũ" in client.get(url).content.decode()


def test_progress_report_stale_approve_is_refused(client, report, unit_head, staff_user):
    bring_report_to(report, S.SUBMITTED, unit_head, staff_user)
    url = f"/phong-trao/bao-cao-don-vi/{report.pk}/"
    client.force_login(staff_user)
    seen = _version_in(client.get(url).content.decode(), "approve")
    client.force_login(unit_head)
    page = client.get(url).content.decode()
    for action in ("withdraw", "submit"):
        if action == "submit":
            write(report, unit_head, achieved=1)
            page = client.get(url).content.decode()
        assert client.post(f"{url}chuyen/{action}/", {"version": _version_in(page, action)}).status_code == 302
        page = client.get(url).content.decode()
    report.refresh_from_db()
    assert report.status == S.SUBMITTED
    client.force_login(staff_user)
    response = client.post(f"{url}chuyen/approve/", {"version": seen})
    assert response.status_code == 302 and response["Location"] == url
    report.refresh_from_db()
    assert report.status == S.SUBMITTED
    assert "sau khi bạn mở trang" in client.get(url).content.decode()
    assert ProgressReport.objects.get(pk=report.pk).approved_at is None


def test_refused_return_redirects_to_the_page_and_keeps_the_reason(client, subplan, unit_head, staff_user):
    bring_to(subplan, S.SUBMITTED, unit_head, staff_user)
    client.force_login(staff_user)
    url = f"/phong-trao/ke-hoach-don-vi/{subplan.pk}/"
    version = _version_in(client.get(url).content.decode(), "return")
    SubPlan.objects.filter(pk=subplan.pk).update(version=version + 1)  # someone acted meanwhile
    response = client.post(f"{url}chuyen/return/", {"version": version, "reason": "Thiếu chỉ tiêu <b>3</b>."})
    assert response.status_code == 302 and response["Location"] == url  # F5 on the page does not post again
    page = client.get(url).content.decode()
    assert "sau khi bạn mở trang" in page
    assert "Thiếu chỉ tiêu &lt;b&gt;3&lt;/b&gt;." in page  # what was typed waits in the box, escaped
    assert "Thiếu chỉ tiêu" not in client.get(url).content.decode()  # once


def test_refused_submit_redirects_with_what_is_missing(client, subplan, unit_head):
    client.force_login(unit_head)
    url = f"/phong-trao/ke-hoach-don-vi/{subplan.pk}/"
    response = client.post(f"{url}chuyen/submit/", {"version": subplan.version})
    assert response.status_code == 302 and response["Location"] == url
    page = client.get(url).content.decode()
    assert "Chưa nộp được:" in page and "chưa có trích yếu" in page and "chưa có bản ký, đóng dấu" in page


@pytest.mark.parametrize("prefix", ["ke-hoach-don-vi", "bao-cao-don-vi"])
def test_unknown_action_is_404(client, subplan, report, unit_head, prefix):
    client.force_login(unit_head)
    pk = subplan.pk if prefix == "ke-hoach-don-vi" else report.pk
    assert client.post(f"/phong-trao/{prefix}/{pk}/chuyen/frobnicate/", {"version": 1}).status_code == 404


def test_submit_and_approve_ask_for_confirmation(client, subplan, unit_head, staff_user):
    from .conftest import fill

    fill(subplan, unit_head)
    client.force_login(unit_head)
    url = f"/phong-trao/ke-hoach-don-vi/{subplan.pk}/"
    assert 'data-confirm="Nộp kế hoạch' in _form(client.get(url).content.decode(), "submit")
    bring_to(subplan, S.SUBMITTED, unit_head, staff_user)
    client.force_login(staff_user)
    page = client.get(url).content.decode()
    assert 'data-confirm="Duyệt kế hoạch này?' in _form(page, "approve")
    assert "data-confirm" not in _form(page, "return")  # returning is not final


def test_report_submit_and_approve_ask_for_confirmation(client, report, unit_head, staff_user):
    write(report, unit_head)
    client.force_login(unit_head)
    url = f"/phong-trao/bao-cao-don-vi/{report.pk}/"
    assert 'data-confirm="Nộp báo cáo' in _form(client.get(url).content.decode(), "submit")
    bring_report_to(report, S.SUBMITTED, unit_head, staff_user)
    client.force_login(staff_user)
    assert 'data-confirm="Duyệt báo cáo này?' in _form(client.get(url).content.decode(), "approve")
