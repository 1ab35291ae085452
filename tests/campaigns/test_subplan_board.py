"""The staff's board, queue and the unit's list."""

import datetime
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from campaigns import services
from campaigns.models import SubPlan
from tests.factories import OrganizationFactory
from tests.utils import queries_for

from .conftest import bring_to

pytestmark = pytest.mark.django_db


def _table(response):
    body = response.content.decode()
    start = body.index('id="board"')
    return body[start : body.index("</table>", start)]


def _oblige(campaign, issuer, staff_user, n, parent=None):
    parent = parent or OrganizationFactory(parent=issuer, kind="party_committee", name="Đảng bộ khối", code=f"khoi-{n}")
    orgs = [OrganizationFactory(parent=parent, name=f"Chi bộ bản Nà {i}", code=f"cb-{n}-{i}") for i in range(n)]
    services.create_obligations(campaign, orgs, staff_user, due_date=datetime.date(2024, 2, 1))
    return orgs


def test_board_query_count_does_not_grow_with_units(client, launched_campaign, issuer, staff_user):
    client.force_login(staff_user)
    url = f"/phong-trao/{launched_campaign.pk}/ke-hoach-don-vi/"
    _oblige(launched_campaign, issuer, staff_user, 3)  # 2 + 3 = 5 units
    assert SubPlan.objects.filter(campaign=launched_campaign).count() == 5
    few = queries_for(client, url)
    _oblige(launched_campaign, issuer, staff_user, 195)  # 200 units, 4 pages of 50
    assert SubPlan.objects.filter(campaign=launched_campaign).count() == 200
    many = queries_for(client, url)
    assert few == many, (few, many)
    assert queries_for(client, url + "?page=3&state=draft&q=na") == many


def test_board_counts_filters_and_search_without_diacritics(
    client, launched_campaign, subplan, other_subplan, unit_head, staff_user, issuer
):
    bring_to(subplan, "submitted", unit_head, staff_user)
    client.force_login(staff_user)
    url = f"/phong-trao/{launched_campaign.pk}/ke-hoach-don-vi/"
    page = _table(client.get(url))
    assert "Đảng ủy xã Chiềng Mung" in page and "Đảng ủy xã Cò Nòi" in page
    found = _table(client.get(url, {"q": "chieng mung"}))
    assert "Đảng ủy xã Chiềng Mung" in found and "Đảng ủy xã Cò Nòi" not in found
    assert "Đảng ủy xã Cò Nòi" in _table(client.get(url, {"q": "CÒ NÒI"}))
    submitted = _table(client.get(url, {"state": "submitted"}))
    assert "Đảng ủy xã Chiềng Mung" in submitted and "Đảng ủy xã Cò Nòi" not in submitted
    assert "Đảng ủy xã Chiềng Mung" not in _table(client.get(url, {"kind": "village"}))
    # subtree
    branch = OrganizationFactory(parent=issuer, name="Đảng bộ khối cơ quan", code="khoi-cq")
    leaf = OrganizationFactory(parent=branch, name="Chi bộ Kho bạc", code="cb-kb")
    services.create_obligations(launched_campaign, [leaf], staff_user)
    in_branch = _table(client.get(url, {"subtree": branch.pk}))
    assert "Chi bộ Kho bạc" in in_branch and "Đảng ủy xã Cò Nòi" not in in_branch
    # days late: the other unit has not submitted, due 2 days ago, in a campaign still running
    type(launched_campaign).objects.filter(pk=launched_campaign.pk).update(
        period_end=timezone.localdate() + datetime.timedelta(days=30)
    )
    SubPlan.objects.filter(pk=other_subplan.pk).update(due_date=timezone.localdate() - datetime.timedelta(days=2))
    late = _table(client.get(url, {"state": "late"}))
    assert "Đảng ủy xã Cò Nòi" in late and "Đảng ủy xã Chiềng Mung" not in late
    response = client.get(url, {"state": "late"})
    assert [late for sp, late in response.context["lines"]] == [2]


def test_xlsx_export(client, launched_campaign, subplan, unit_head, staff_user):
    bring_to(subplan, "approved", unit_head, staff_user)
    client.force_login(staff_user)
    response = client.get(f"/phong-trao/{launched_campaign.pk}/ke-hoach-don-vi/xuat-excel/", {"q": "chieng"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][:4] == ("STT", "Đơn vị", "Loại tổ chức", "Trạng thái")
    assert rows[2][1] == "Đảng ủy xã Chiềng Mung" and rows[2][3] == "Đã duyệt"
    assert len(rows) == 3  # the filter applies to the export


def test_review_queue_oldest_first(
    client, launched_campaign, subplan, other_subplan, unit_head, other_head, staff_user
):
    bring_to(other_subplan, "submitted", other_head, staff_user)
    bring_to(subplan, "submitted", unit_head, staff_user)
    SubPlan.objects.filter(pk=subplan.pk).update(submitted_at=timezone.now() - datetime.timedelta(days=3))
    client.force_login(staff_user)
    response = client.get("/phong-trao/cho-duyet/")
    assert [sp.pk for sp in response.context["page"].object_list] == [subplan.pk, other_subplan.pk]


def test_side_by_side_review_lists_areas_not_addressed(client, subplan, unit_head, staff_user):
    from campaigns import services as s

    areas = list(subplan.campaign.content_areas.order_by("order"))
    s.save_subplan(
        subplan,
        unit_head,
        version=subplan.version,
        header={"signer_name": "Tòng Văn Dũng"},
        sections={areas[0].pk: ("Chỉ làm nội dung 1.", [])},
    )
    client.force_login(staff_user)
    response = client.get(f"/phong-trao/ke-hoach-don-vi/{subplan.pk}/")
    assert response.context["not_addressed"] == [areas[1]]
    body = response.content.decode()
    assert areas[0].body in body and "Chỉ làm nội dung 1." in body  # the campaign's text beside the unit's
    assert 'id="not-addressed"' in body


def test_my_subplans_shows_obligation_and_next_step(client, subplan, unit_head, staff_user):
    client.force_login(unit_head)
    body = client.get("/phong-trao/ke-hoach-cua-toi/").content.decode()
    assert "Soạn kế hoạch, đính kèm bản ký và nộp" in body and "Đảng ủy xã Chiềng Mung" in body
    bring_to(subplan, "returned", unit_head, staff_user)
    body = client.get("/phong-trao/ke-hoach-cua-toi/").content.decode()
    assert "Sửa theo ý kiến trả lại và nộp lại" in body and "Bổ sung chỉ tiêu." in body


def test_log_is_shown_on_the_page(client, subplan, unit_head, staff_user):
    bring_to(subplan, "returned", unit_head, staff_user)
    client.force_login(unit_head)
    body = client.get(f"/phong-trao/ke-hoach-don-vi/{subplan.pk}/").content.decode()
    log = body[body.index('id="subplan-log"') :]
    assert "Đã nộp, chờ duyệt" in log and "Bị trả lại" in log and "Bổ sung chỉ tiêu." in log


def test_staff_overrides_due_date_for_one_unit(client, subplan, other_subplan, staff_user):
    client.force_login(staff_user)
    response = client.post(f"/phong-trao/ke-hoach-don-vi/{subplan.pk}/han-nop/", {"due_date": "15/03/2024"})
    assert response.status_code == 302
    subplan.refresh_from_db()
    other_subplan.refresh_from_db()
    assert subplan.due_date == datetime.date(2024, 3, 15) and other_subplan.due_date != subplan.due_date


def test_xlsx_export_writes_unit_names_as_text(client, launched_campaign, subplan, unit, staff_user):
    from tests.utils import assert_user_text_is_text

    type(unit).objects.filter(pk=unit.pk).update(name='=HYPERLINK("http://x","click")')
    client.force_login(staff_user)
    response = client.get(f"/phong-trao/{launched_campaign.pk}/ke-hoach-don-vi/xuat-excel/")
    assert_user_text_is_text(response, texts=['=HYPERLINK("http://x","click")'])
