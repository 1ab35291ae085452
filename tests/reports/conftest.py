"""A launched campaign whose units answered differently: the data review reports are built from."""

import datetime

import pytest
from django.utils import timezone

from campaigns.enums import MilestoneKind
from campaigns.models import Milestone, SubPlan, SubPlanItem, SubPlanTarget


def _at(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))


def give_subplan(campaign, organization, status, *, submitted=None, due=datetime.date(2024, 2, 1), targets=()):
    """A unit's sub-plan in a given state (written directly: these tests read figures, not workflows)."""
    subplan, _ = SubPlan.objects.update_or_create(
        campaign=campaign,
        organization=organization,
        defaults={
            "status": status,
            "due_date": due,
            "first_submitted_at": _at(submitted) if submitted else None,
            "submitted_at": _at(submitted) if submitted else None,
        },
    )
    SubPlan.objects.filter(pk=subplan.pk).update(status=status)  # saves never write the state (test set-up)
    for area, values in targets:
        item, _ = SubPlanItem.objects.get_or_create(subplan=subplan, content_area=area)
        for order, value in enumerate(values):
            SubPlanTarget.objects.create(item=item, order=order, name=f"Chỉ tiêu {order}", value=value)
    return subplan


@pytest.fixture
def review_campaign(launched_campaign, unit, other_unit):
    """unit: approved on time with 3 targets; other_unit: still a draft (has not answered).

    The plan's review milestones (30/06 and 30/11/2024) are the default data cut-offs (its period has ended).
    """
    Milestone.objects.create(
        campaign=launched_campaign, kind=MilestoneKind.INTERIM_REVIEW, date=datetime.date(2024, 6, 30)
    )
    Milestone.objects.create(
        campaign=launched_campaign, kind=MilestoneKind.FINAL_REVIEW, date=datetime.date(2024, 11, 30)
    )
    areas = list(launched_campaign.content_areas.order_by("order"))
    give_subplan(
        launched_campaign,
        unit,
        "approved",
        submitted=datetime.date(2024, 1, 25),
        targets=[(areas[0], [100, 50]), (areas[1], [10])],
    )
    give_subplan(launched_campaign, other_unit, "draft")
    return launched_campaign
