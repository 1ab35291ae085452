"""The demo carries registrations in every state, and running load_demo twice changes nothing."""

import os

import pytest
from django.core.management import call_command

from registrations.models import Registration, RegistrationLog, RegistrationPerson

pytestmark = pytest.mark.django_db


def _snapshot():
    return (
        sorted(Registration.objects.values_list("organization__code", "status", "version", "collective_title_id")),
        RegistrationPerson.objects.count(),
        RegistrationLog.objects.count(),
    )


def test_demo_registrations_in_every_state_and_idempotent(demo):
    states = set(Registration.objects.filter(campaign=demo).values_list("status", flat=True))
    assert states == {"draft", "submitted", "returned", "approved"}
    chieng_mung = Registration.objects.get(campaign=demo, organization__code="du-chieng-mung")
    assert chieng_mung.year == 2020 and chieng_mung.collective_title.code == "ttldtt"
    assert "Lò Thị Hoa" in chieng_mung.people.values_list("full_name", flat=True)
    returned = Registration.objects.get(campaign=demo, status="returned")
    assert returned.return_reason
    before = _snapshot()
    call_command("load_demo", stdout=open(os.devnull, "w"))
    assert _snapshot() == before
