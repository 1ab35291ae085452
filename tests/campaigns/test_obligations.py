"""Obligations: created at launch for assigned units, and later by staff (subtree, kind, hand-picked)."""

import datetime

import pytest

from campaigns import services
from campaigns.enums import MilestoneKind
from campaigns.models import Milestone, SubPlan
from campaigns.selectors import participating_organization_ids
from tests.factories import AssignmentFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def test_launch_obliges_assigned_units_with_the_milestone_date(draft_campaign, staff_user, unit, other_unit, issuer):
    Milestone.objects.create(campaign=draft_campaign, kind=MilestoneKind.SUBPLAN_DUE, date=datetime.date(2024, 2, 10))
    informed = OrganizationFactory(parent=issuer, code="chi-biet")
    AssignmentFactory(campaign=draft_campaign, organizations=[informed], requires_subplan=False)
    services.launch_campaign(draft_campaign, staff_user, issued_on=datetime.date(2024, 1, 15))
    rows = SubPlan.objects.filter(campaign=draft_campaign)
    assert {sp.organization for sp in rows} == {unit, other_unit}
    assert {sp.due_date for sp in rows} == {datetime.date(2024, 2, 10)}
    assert all(sp.status == "draft" for sp in rows)


def test_assignment_due_date_wins_over_milestone(draft_campaign, staff_user, unit):
    draft_campaign.assignments.update(due_date=datetime.date(2024, 3, 1))
    services.launch_campaign(draft_campaign, staff_user, issued_on=datetime.date(2024, 1, 15))
    assert SubPlan.objects.get(campaign=draft_campaign, organization=unit).due_date == datetime.date(2024, 3, 1)


def test_obliged_units_take_part(launched_campaign, issuer, staff_user, client):
    newcomer = OrganizationFactory(parent=issuer, code="moi")
    services.create_obligations(launched_campaign, [newcomer], staff_user)
    launched_campaign.__dict__.pop("_participants", None)
    assert newcomer.pk in participating_organization_ids(launched_campaign)


@pytest.mark.parametrize("mode", ["subtree", "kind", "list"])
def test_staff_assign_more_units(client, launched_campaign, issuer, staff_user, mode):
    branch = OrganizationFactory(parent=issuer, kind="party_committee", name="Đảng bộ khối", code="khoi")
    leaves = [OrganizationFactory(parent=branch, kind="village", name=f"Bản {i}", code=f"ban-{i}") for i in range(3)]
    outsider = OrganizationFactory(kind="village", name="Bản ngoài huyện", code="ngoai")
    client.force_login(staff_user)
    data = {"mode": mode, "due_date": "01/03/2024"}
    if mode == "subtree":
        data["root"] = branch.pk
        expected = {branch, *leaves}
    elif mode == "kind":
        data["kind"] = "village"
        expected = set(leaves)
    else:
        data["organizations"] = [leaves[0].pk, leaves[2].pk]
        expected = {leaves[0], leaves[2]}
    response = client.post(f"/phong-trao/{launched_campaign.pk}/ke-hoach-don-vi/giao/", data)
    assert response.status_code == 302
    new = SubPlan.objects.filter(campaign=launched_campaign).exclude(organization__code__startswith="du-")
    assert {sp.organization for sp in new} == expected
    assert outsider not in {sp.organization for sp in new}
    assert {sp.due_date for sp in new} == {datetime.date(2024, 3, 1)}
    # Twice: nothing doubles.
    client.post(f"/phong-trao/{launched_campaign.pk}/ke-hoach-don-vi/giao/", data)
    assert SubPlan.objects.filter(campaign=launched_campaign).count() == 2 + len(expected)


def test_assign_form_errors_are_vietnamese(client, launched_campaign, staff_user):
    client.force_login(staff_user)
    response = client.post(
        f"/phong-trao/{launched_campaign.pk}/ke-hoach-don-vi/giao/", {"mode": "list", "due_date": "32/01/2024"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Chọn ít nhất một đơn vị." in body and "Ngày không hợp lệ" in body and 'value="32/01/2024"' in body


def test_obligations_only_for_a_launched_campaign(draft_campaign, staff_user, unit):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.create_obligations(draft_campaign, [unit], staff_user)
