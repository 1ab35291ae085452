"""A registration's number (05-ĐK/ĐU) enters the unit's register of outgoing documents when it is submitted."""

import datetime

import pytest

from registrations import services
from registrations.models import Registration
from thidua.documents import register
from thidua.workflow import TransitionError

from .conftest import fill

pytestmark = pytest.mark.django_db


def test_submitting_a_registration_records_its_number_once(registration, unit_head):
    fill(registration, unit_head)
    Registration.objects.filter(pk=registration.pk).update(number="5", issued_on=datetime.date(2024, 1, 10))
    registration.refresh_from_db()
    services.transition_registration(registration, "submit", unit_head)
    entry = register.entry_for(registration)
    assert (entry.issuer_id, entry.document_type, entry.number) == (registration.organization_id, "ĐK", 5)
    # The unit cannot give 5 to another document of the type in the term.
    with pytest.raises(register.NumberTaken):
        register.take_number(registration.organization, "ĐK", datetime.date(2024, 2, 1), symbol="ĐK/ĐU", number=5)


def test_a_taken_number_blocks_the_submission(registration, unit_head):
    fill(registration, unit_head)
    register.take_number(registration.organization, "ĐK", datetime.date(2024, 1, 2), symbol="ĐK/ĐU", number=6)
    Registration.objects.filter(pk=registration.pk).update(number="6", issued_on=datetime.date(2024, 1, 10))
    registration.refresh_from_db()
    with pytest.raises(TransitionError, match="Số tiếp theo còn trống: 7"):
        services.transition_registration(registration, "submit", unit_head)
