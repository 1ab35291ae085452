"""Obligations cannot be forgotten: the launch card counts and lists the units obliged, a plan obliging nobody needs
an explicit confirmation, the admin's default follows the assignment's text, an empty board explains itself."""

import datetime

import pytest
from django.urls import reverse

from campaigns.admin import AssignmentAdminForm
from campaigns.models import Assignment
from tests.factories import AssignmentFactory, CampaignFactory, ContentAreaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan_obliging_nobody(issuer, unit):
    campaign = CampaignFactory(issuer=issuer)
    ContentAreaFactory(campaign=campaign)
    AssignmentFactory(campaign=campaign, organizations=[unit], requires_subplan=False, body="Tuyên truyền.")
    return campaign


def test_launch_card_counts_and_lists_obliged_units(client, draft_campaign, staff_user, unit, other_unit):
    client.force_login(staff_user)
    html = client.get(reverse("campaigns:detail", args=[draft_campaign.pk])).content.decode()
    assert "<strong>2 đơn vị</strong> phải xây dựng kế hoạch riêng" in html
    assert unit.name in html and other_unit.name in html
    assert "confirm_no_obligations" not in html


def test_launch_obliging_nobody_needs_explicit_confirmation(client, plan_obliging_nobody, staff_user):
    client.force_login(staff_user)
    url = reverse("campaigns:launch", args=[plan_obliging_nobody.pk])
    page = client.get(reverse("campaigns:detail", args=[plan_obliging_nobody.pk])).content.decode()
    assert "Không đơn vị nào phải xây dựng kế hoạch riêng." in page and "KHÔNG đơn vị nào" in page
    response = client.post(url, {"issued_on": "15/01/2024"})
    assert response.status_code == 400
    assert "không buộc đơn vị nào xây dựng kế hoạch riêng" in response.content.decode()
    plan_obliging_nobody.refresh_from_db()
    assert plan_obliging_nobody.status == "draft"
    response = client.post(url, {"issued_on": "15/01/2024", "confirm_no_obligations": "on"})
    assert response.status_code == 302
    plan_obliging_nobody.refresh_from_db()
    assert plan_obliging_nobody.status == "launched" and not plan_obliging_nobody.subplans.exists()


def test_launch_with_obligations_needs_no_checkbox(client, draft_campaign, staff_user):
    client.force_login(staff_user)
    response = client.post(reverse("campaigns:launch", args=[draft_campaign.pk]), {"issued_on": "15/01/2024"})
    assert response.status_code == 302
    assert draft_campaign.subplans.count() == 2


def test_empty_board_explains_and_links_to_assign(client, plan_obliging_nobody, staff_user):
    from campaigns.services import launch_campaign

    launch_campaign(plan_obliging_nobody, staff_user, issued_on=datetime.date(2024, 1, 15))
    client.force_login(staff_user)
    html = client.get(reverse("campaigns:board", args=[plan_obliging_nobody.pk])).content.decode()
    assert "Chưa có đơn vị nào phải xây dựng kế hoạch cho phong trào này." in html
    assert reverse("campaigns:assign_units", args=[plan_obliging_nobody.pk]) in html
    filtered = client.get(reverse("campaigns:board", args=[plan_obliging_nobody.pk]), {"q": "zzz"}).content.decode()
    assert 'id="board-empty"' in filtered  # no unit at all: still the explanation, not "no match"


@pytest.mark.parametrize(
    "body, choice, expected",
    [
        ("Các đảng ủy xã xây dựng kế hoạch thực hiện.", "auto", True),
        ("Ban Tuyên giáo chỉ đạo tuyên truyền.", "auto", False),
        ("Các đảng ủy xã xây dựng kế hoạch thực hiện.", "no", False),
        ("Ban Tuyên giáo chỉ đạo tuyên truyền.", "yes", True),
    ],
)
def test_admin_default_follows_the_text(draft_campaign, unit, body, choice, expected):
    form = AssignmentAdminForm(
        data={"order": 5, "body": body, "organizations": [unit.pk], "requires_subplan": choice, "due_date": ""},
        instance=Assignment(campaign=draft_campaign),
    )
    assert form.is_valid(), form.errors
    assert form.save().requires_subplan is expected


def test_admin_form_shows_stored_choice(draft_campaign):
    stored = draft_campaign.assignments.get()
    assert AssignmentAdminForm(instance=stored).initial["requires_subplan"] == "yes"
    assert AssignmentAdminForm().initial.get("requires_subplan", "auto") == "auto"


def test_campaign_page_names_the_first_units_and_counts_the_rest(client, draft_campaign, staff_user, issuer):
    """A province's assignment names thousands of units: the page shows the first ones and links to the board."""
    from campaigns.selectors import ASSIGNMENT_NAMES_SHOWN
    from tests.factories import OrganizationFactory

    units = [
        OrganizationFactory(parent=issuer, name=f"Chi bộ số {i:02d}", short_name="", code=f"cb-so-{i:02d}")
        for i in range(ASSIGNMENT_NAMES_SHOWN + 5)
    ]
    AssignmentFactory(campaign=draft_campaign, organizations=units, requires_subplan=False, body="Tuyên truyền.")
    type(draft_campaign).objects.filter(pk=draft_campaign.pk).update(status="launched")
    launched_campaign = draft_campaign
    client.force_login(staff_user)
    html = client.get(reverse("campaigns:detail", args=[launched_campaign.pk])).content.decode()
    assert "Chi bộ số 00" in html and f"Chi bộ số {ASSIGNMENT_NAMES_SHOWN - 1:02d}" in html
    assert f"Chi bộ số {ASSIGNMENT_NAMES_SHOWN:02d}" not in html
    assert "và 5 đơn vị khác" in html
    assert reverse("campaigns:subplan_board", args=[launched_campaign.pk]) in html
