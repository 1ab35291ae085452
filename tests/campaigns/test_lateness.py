"""Lateness of units that never submitted stops counting at the end of the campaign's period (board and xlsx)."""

import datetime
import io

import pytest
from openpyxl import load_workbook

from campaigns.models import ProgressReport, SubPlan

pytestmark = pytest.mark.django_db

DUE = datetime.date(2024, 2, 1)
PERIOD_END = datetime.date(2024, 12, 31)  # the factory campaign's period end, long before today


def test_never_submitted_is_late_until_the_period_end_on_the_board_and_in_xlsx(
    client, launched_campaign, subplan, staff_user
):
    assert launched_campaign.period_end == PERIOD_END
    SubPlan.objects.filter(pk=subplan.pk).update(due_date=DUE)
    expected = (PERIOD_END - DUE).days  # 334, not the days until today
    client.force_login(staff_user)
    board = client.get(f"/phong-trao/{launched_campaign.pk}/ke-hoach-don-vi/")
    assert [late for sp, late in board.context["lines"] if sp.pk == subplan.pk] == [expected]
    response = client.get(f"/phong-trao/{launched_campaign.pk}/ke-hoach-don-vi/xuat-excel/")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    late_column = rows[1].index("Số ngày trễ")
    assert [row[late_column] for row in rows[2:] if row[1] == subplan.organization.name] == [expected]


def test_within_the_period_lateness_counts_to_today(subplan):
    SubPlan.objects.filter(pk=subplan.pk).update(due_date=DUE)
    subplan = SubPlan.objects.select_related("campaign").get(pk=subplan.pk)
    assert subplan.days_late(datetime.date(2024, 3, 1)) == 29
    assert subplan.days_late(datetime.date(2030, 1, 1)) == (PERIOD_END - DUE).days


def test_progress_report_board_caps_lateness_too(client, launched_campaign, report, staff_user):
    ProgressReport.objects.filter(pk=report.pk).update(due_date=DUE)
    client.force_login(staff_user)
    board = client.get(f"/phong-trao/{launched_campaign.pk}/bao-cao-don-vi/{report.kind}/")
    assert [late for r, late in board.context["lines"] if r.pk == report.pk] == [(PERIOD_END - DUE).days]


def test_xlsx_shows_the_number_as_it_prints(client, launched_campaign, subplan, staff_user):
    SubPlan.objects.filter(pk=subplan.pk).update(number="18")
    client.force_login(staff_user)
    response = client.get(f"/phong-trao/{launched_campaign.pk}/ke-hoach-don-vi/xuat-excel/")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert [row[-1] for row in rows[2:] if row[1] == subplan.organization.name] == ["18-KH/ĐU"]
