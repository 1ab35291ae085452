"""The roll-up pages and their xlsx, and the registrations' board, run the same number of SQL queries for 3 and 40 units (registrations and people
growing with them), like every benchmarked page (tests/test_query_counts.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaigns.models import Assignment
from registrations import services
from registrations.models import Registration
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from units.enums import Role

from .conftest import PEOPLE, bring_to

pytestmark = pytest.mark.django_db


def _grow(campaign, staff_user, size):
    """`size` more units named in the campaign, each with its registration (approved, with two people)."""
    start = Registration.objects.count()
    for i in range(size):
        org = OrganizationFactory(parent=campaign.issuer, name=f"Đơn vị {start + i}", code=f"dv-q-{start + i}")
        Assignment.organizations.through.objects.create(assignment=campaign.assignments.first(), organization_id=org.pk)
        head = MembershipFactory(organization=org, role=Role.HEAD, user=UserFactory(username=f"q{start + i}")).user
        campaign.__dict__.pop("_participants", None)
        services.request_registrations(campaign, staff_user, organizations=[org])
        registration = Registration.objects.get(campaign=campaign, organization=org)
        if i % 3:  # a third stays a draft: "not registered"
            bring_to(registration, "approved", head, staff_user)


def _count(client, path):
    client.get(path)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200, path
    return len(ctx.captured_queries)


def test_rollup_queries_do_not_grow_with_the_units(client, launched_campaign, staff_user):
    assert PEOPLE  # every approved registration carries the fixture's people
    campaign = launched_campaign
    year = campaign.period_end.year
    paths = [
        f"/dang-ky-thi-dua/phong-trao/{campaign.pk}/",
        f"/dang-ky-thi-dua/phong-trao/{campaign.pk}/xuat-excel/",
        f"/dang-ky-thi-dua/nam/{year}/",
        f"/dang-ky-thi-dua/nam/{year}/xuat-excel/",
        "/dang-ky-thi-dua/",
        f"/phong-trao/{campaign.pk}/dang-ky-thi-dua/",  # the core's board of the kind
        f"/phong-trao/{campaign.pk}/dang-ky-thi-dua/xuat-excel/",
    ]
    client.force_login(staff_user)
    counts = []
    for size in (3, 37):
        _grow(campaign, staff_user, size)
        counts.append([_count(client, path) for path in paths])
    assert counts[0] == counts[1], dict(zip(paths, zip(*counts, strict=True), strict=True))
