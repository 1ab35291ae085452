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
    rows = list(load_workbook(io.BytesIO(response.getvalue())).active.iter_rows(values_only=True))
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
    rows = list(load_workbook(io.BytesIO(response.getvalue())).active.iter_rows(values_only=True))
    assert [row[-1] for row in rows[2:] if row[1] == subplan.organization.name] == ["18-KH/ĐU"]


def test_lateness_does_not_jump_when_a_unit_submits_after_the_period(client, subplan, unit_head, staff_user):
    """Chiềng Mung was shown 'trễ 412 ngày' (capped at the period end) and 'trễ 2574 ngày' once it submitted in 2026:
    the submission date is capped at the period's end too, so submitting never makes a unit later."""
    from campaigns import services

    from .conftest import fill

    SubPlan.objects.filter(pk=subplan.pk).update(due_date=DUE)
    client.force_login(unit_head)
    before = client.get(f"/phong-trao/ke-hoach-don-vi/{subplan.pk}/").context["days_late"]
    assert before == (PERIOD_END - DUE).days  # today is years after the period's end
    fill(subplan, unit_head)
    services.transition_subplan(SubPlan.objects.get(pk=subplan.pk), "submit", unit_head)
    submitted = SubPlan.objects.select_related("campaign").get(pk=subplan.pk)
    assert submitted.first_submitted_at.date() > PERIOD_END  # submitted today, long after the period
    after = client.get(f"/phong-trao/ke-hoach-don-vi/{subplan.pk}/").context["days_late"]
    assert after == before
    mine = client.get("/phong-trao/ke-hoach-cua-toi/").context["rows"]
    assert [late for sp, late, _ in mine if sp.pk == subplan.pk] == [before]


def test_a_submission_within_the_period_counts_to_the_submission_day(subplan):
    SubPlan.objects.filter(pk=subplan.pk).update(
        due_date=DUE, first_submitted_at=datetime.datetime(2024, 2, 11, 9, 0, tzinfo=datetime.UTC)
    )
    subplan = SubPlan.objects.select_related("campaign").get(pk=subplan.pk)
    assert subplan.days_late(datetime.date(2030, 1, 1)) == 10
