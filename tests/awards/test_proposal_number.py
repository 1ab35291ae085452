"""The proposal upward takes its number (TTr) from the register of outgoing documents (POST, staff only)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import MembershipFactory, UserFactory
from thidua.documents import register
from units.enums import Role

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def campaign(make_campaign):
    return make_campaign(D(2020, 12, 31))


def test_staff_take_the_next_proposal_number_and_print_it(client, staff_user, campaign):
    client.force_login(staff_user)
    url = reverse("awards:proposal_take_number", args=[campaign.pk])
    page = reverse("awards:proposal_upward", args=[campaign.pk])
    assert client.get(url).status_code == 405  # a number is taken by POST only
    assert "Số 1 — ghi vào sổ văn bản đi" in client.get(page).content.decode()
    first = client.post(url, {"addressee": "Ban Thường vụ Tỉnh ủy"})
    second = client.post(url)
    day = timezone.localdate()
    assert first.status_code == 302 and f"number=1&day={day:%d}%2F{day:%m}%2F{day:%Y}" in first["Location"]
    assert "addressee=Ban+Th" in first["Location"] and "number=2" in second["Location"]
    entries = register.series([campaign.issuer_id])
    assert [(s["document_type"], s["next"]) for s in entries if s["document_type"] != "KH"] == [("TTr", 3)]
    assert "Số 3 — ghi vào sổ văn bản đi" in client.get(page).content.decode()


def test_others_cannot_take_a_number(client, campaign, unit):
    head = MembershipFactory(organization=unit, role=Role.HEAD, user=UserFactory(username="unit-head")).user
    client.force_login(head)
    response = client.post(reverse("awards:proposal_take_number", args=[campaign.pk]))
    assert response.status_code in (403, 404)
    assert [s for s in register.series([campaign.issuer_id]) if s["document_type"] == "TTr"] == []
