"""A unit's sub-plan takes the number the unit gave from the unit's register of outgoing documents on submission."""

import datetime

import pytest

from campaigns import services
from campaigns.enums import DocumentStatus as S
from campaigns.models import SubPlan
from thidua.documents import register
from thidua.workflow import TransitionError

from .conftest import fill

pytestmark = pytest.mark.django_db
DAY = datetime.date(2024, 2, 1)


def numbered(subplan, number):
    SubPlan.objects.filter(pk=subplan.pk).update(number=number, issued_on=DAY)
    subplan.refresh_from_db()
    return subplan


def test_submitting_records_the_units_number(subplan, unit_head, unit):
    fill(subplan, unit_head)
    services.transition_subplan(numbered(subplan, "18"), "submit", unit_head)
    entry = register.entry_for(subplan)
    assert (entry.issuer, entry.document_type, entry.number, entry.period) == (unit, "KH", 18, "2020-2025")
    assert entry.created_by == unit_head and entry.reference.startswith("18-KH/")


def test_a_number_the_unit_already_gave_is_refused(subplan, unit_head, unit):
    fill(subplan, unit_head)
    register.take_number(unit, "KH", DAY, kind="party", symbol="KH/ĐU", number=19, subject="Kế hoạch khác")
    with pytest.raises(TransitionError, match="Số tiếp theo còn trống: 20"):
        services.transition_subplan(numbered(subplan, "19"), "submit", unit_head)
    subplan.refresh_from_db()
    assert subplan.status == S.DRAFT and register.entry_for(subplan) is None


def test_a_document_without_a_plain_number_takes_none(subplan, unit_head):
    fill(subplan, unit_head)
    services.transition_subplan(numbered(subplan, ""), "submit", unit_head)
    assert register.entry_for(subplan) is None
