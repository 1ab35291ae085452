"""Two plans of one issuer launched at the same moment on two PostgreSQL connections: two different numbers."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Count

from campaigns import services
from campaigns.models import Campaign
from tests.factories import AssignmentFactory, CampaignFactory, ContentAreaFactory
from tests.utils import race

pytestmark = pytest.mark.django_db(transaction=True)
TRIALS = 10


def draft_plan(issuer, unit):
    campaign = CampaignFactory(issuer=issuer)
    ContentAreaFactory(campaign=campaign, order=1)
    AssignmentFactory(campaign=campaign, organizations=[unit])
    return campaign


def test_plans_launched_at_once_take_different_numbers(issuer, unit, staff_user):
    day = datetime.date(2024, 1, 15)
    for _trial in range(TRIALS):
        first, second = draft_plan(issuer, unit), draft_plan(issuer, unit)
        results = race(
            lambda c=first: services.launch_campaign(c, staff_user, issued_on=day),
            lambda c=second: services.launch_campaign(c, staff_user, issued_on=day),
        )
        assert all(isinstance(r, Campaign) for r in results), results
    numbers = list(Campaign.objects.values_list("number", flat=True).order_by("number"))
    assert numbers == list(range(1, 2 * TRIALS + 1))
    doubled = Campaign.objects.values("issuer", "symbol", "term", "number").annotate(n=Count("pk")).filter(n__gt=1)
    assert list(doubled) == []


def test_a_typed_number_taken_at_the_same_moment_is_refused_with_the_next_free_one(issuer, unit, staff_user):
    day = datetime.date(2024, 1, 15)
    first, second = draft_plan(issuer, unit), draft_plan(issuer, unit)
    results = race(
        lambda: services.launch_campaign(first, staff_user, issued_on=day, number=215),
        lambda: services.launch_campaign(second, staff_user, issued_on=day, number=215),
    )
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(refused) == 1 and sum(isinstance(r, Campaign) for r in results) == 1, results
    assert "Số 215-KH/HU đã được dùng trong nhiệm kỳ 2020-2025; số tiếp theo còn trống: 216." in refused[0].messages
    assert Campaign.objects.filter(status="draft").count() == 1
