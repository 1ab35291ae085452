"""The campaign dashboard: staff only, three SVG charts drawn on the server, printable, constant SQL."""

import datetime

import pytest
from django.utils import timezone

from campaigns.models import SubPlan
from tests.campaigns.conftest import bring_to
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def subplan(launched_campaign, unit):
    return SubPlan.objects.get(campaign=launched_campaign, organization=unit)


@pytest.fixture
def other_subplan(launched_campaign, other_unit):
    return SubPlan.objects.get(campaign=launched_campaign, organization=other_unit)


def url(campaign):
    return f"/phong-trao/{campaign.pk}/tong-quan/"


def test_staff_see_figures_and_three_charts(client, launched_campaign, subplan, other_subplan, unit_head, staff_user):
    bring_to(subplan, "approved", unit_head, staff_user)
    SubPlan.objects.filter(pk=other_subplan.pk).update(due_date=datetime.date(2024, 2, 1))
    client.force_login(staff_user)
    response = client.get(url(launched_campaign))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<svg") == 3
    for title in (
        "Kế hoạch của đơn vị nộp theo thời gian",
        "Tình hình kế hoạch của đơn vị theo",
        "Tỷ lệ thực hiện chỉ tiêu theo nội dung thi đua",
    ):
        assert title in html
    figures = response.context["figures"]
    assert figures["total"] == 2 and figures["handed_in"] == 1 and figures["approved"] == 1
    assert figures["late"] == 1  # the other unit, due 01/02/2024, never submitted
    assert "Hạn nộp 01/02/2024" in html  # the due date drawn on the timeline
    assert "css/dashboard.css" in html  # charts scale on a phone and the page prints on A4


def test_units_do_not_learn_the_dashboard_exists(client, launched_campaign, unit_head):
    client.force_login(unit_head)
    assert client.get(url(launched_campaign)).status_code == 404


def test_user_text_is_escaped_in_the_charts(client, launched_campaign, issuer, staff_user):
    from campaigns import services

    branch = OrganizationFactory(parent=issuer, name="<script>alert(1)</script> Khối")
    services.create_obligations(launched_campaign, [OrganizationFactory(parent=branch)], staff_user)
    client.force_login(staff_user)
    html = client.get(url(launched_campaign)).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Khối" in html


@pytest.mark.parametrize("n_units", [5, 200])
def test_dashboard_queries_do_not_grow_with_units(
    client, django_assert_num_queries, launched_campaign, issuer, staff_user, n_units
):
    from campaigns import services

    branches = [OrganizationFactory(parent=issuer) for _ in range(3)]
    orgs = [OrganizationFactory(parent=branches[i % 3]) for i in range(n_units)]
    services.create_obligations(launched_campaign, orgs, staff_user, due_date=datetime.date(2024, 2, 1))
    SubPlan.objects.filter(organization__in=orgs[::2]).update(status="submitted", first_submitted_at=timezone.now())
    client.force_login(staff_user)
    with django_assert_num_queries(DASHBOARD_QUERIES):
        response = client.get(url(launched_campaign))
    assert response.status_code == 200
    assert response.context["grouped_by"] == "branch"
    assert sum(sum(cells) for _, cells in response.context["branch_rows"]) == n_units + 2


DASHBOARD_QUERIES = 18
