"""Figures in Vietnamese format: shown as 1.500,5, typed as 1.500,5 or 1500.5; each field its own message."""

from decimal import Decimal

import pytest
from django.template import Context, Template

from campaigns.figures import vn_number
from campaigns.forms import parse_figure
from campaigns.models import ProgressResult, SubPlanTarget

from .test_subplan_edit import _form_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "value, shown",
    [
        (Decimal("1500.50"), "1.500,5"),
        (Decimal("100.00"), "100"),
        (Decimal("1234567.25"), "1.234.567,25"),
        (Decimal("0.50"), "0,5"),
        (Decimal("-1500"), "-1.500"),
        (None, ""),
        (Decimal("95.5"), "95,5"),
    ],
)
def test_vn_number(value, shown):
    assert vn_number(value) == shown
    assert Template("{% load figures %}{{ v|vn_number }}").render(Context({"v": value})) == shown


@pytest.mark.parametrize(
    "raw, value",
    [
        ("1.500,5", Decimal("1500.5")),
        ("1500.5", Decimal("1500.5")),
        ("1,500.5", Decimal("1500.5")),
        ("1.500", Decimal("1500")),
        ("1500,50", Decimal("1500.5")),
    ],
)
def test_both_ways_of_typing_are_accepted(raw, value):
    assert parse_figure(raw) == value


def test_each_field_names_itself_in_its_error():
    with pytest.raises(Exception, match="^.*Số đạt được phải là số"):
        parse_figure("nhiều", "Số đạt được")
    with pytest.raises(Exception, match="Mức chỉ tiêu phải là số"):
        parse_figure("nhiều")


def test_typed_figure_shows_back_in_vietnamese_format(client, subplan, unit_head):
    client.force_login(unit_head)
    url = f"/phong-trao/ke-hoach-don-vi/{subplan.pk}/"
    first = subplan.campaign.content_areas.order_by("order").first().pk
    assert client.post(f"{url}sua/", _form_data(subplan, **{f"t-{first}-0-value": "1.500,5"})).status_code == 302
    assert SubPlanTarget.objects.get().value == Decimal("1500.5")
    detail = client.get(url).content.decode()
    assert "1.500,5" in detail and "1500,50" not in detail and "1500,5" not in detail
    assert 'value="1.500,5"' in client.get(f"{url}sua/").content.decode()
    subplan.refresh_from_db()
    assert client.post(f"{url}sua/", _form_data(subplan, **{f"t-{first}-0-value": "1500.5"})).status_code == 302
    assert SubPlanTarget.objects.get().value == Decimal("1500.5")


def test_progress_figures_and_share(client, report, unit_head, staff_user):
    target = SubPlanTarget.objects.get(item__subplan=report.subplan)  # 100 %
    client.force_login(unit_head)
    url = f"/phong-trao/bao-cao-don-vi/{report.pk}/"
    data = {"version": report.version, "signer_name": "Tòng Văn Dũng", f"r-{target.pk}": "95,5", "c-rows": "0"}
    assert client.post(f"{url}sua/", data).status_code == 302
    assert ProgressResult.objects.get().achieved == Decimal("95.5")
    page = client.get(url).content.decode()
    assert "95,5" in page and "95,50" not in page and "95,5%" in page
    report.refresh_from_db()
    data.update({"version": report.version, f"r-{target.pk}": "xx"})
    body = client.post(f"{url}sua/", data).content.decode()
    assert "Số đạt được phải là số" in body and "Mức chỉ tiêu phải là số" not in body
