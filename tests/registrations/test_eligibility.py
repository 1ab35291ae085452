"""A title the nominee did not register for gets a finding; REGISTRATION_CHECK says whether it warns or blocks."""

import pytest

from awards import eligibility
from awards.enums import NomineeKind
from tests.awards.conftest import make_nomination

from .conftest import bring_to

pytestmark = pytest.mark.django_db


def registration_findings(nom):
    return [(f.ok, f.severity, f.message) for f in eligibility.evaluate(nom) if f.rule == "registration"]


@pytest.fixture
def approved(registration, unit_head, staff_user):
    return bring_to(registration, "approved", unit_head, staff_user)


def test_no_registrations_collected_that_year_no_finding(launched_campaign, unit):
    nom = make_nomination(launched_campaign, unit, "ldtt", name="Lò Thị Hoa")
    assert registration_findings(nom) == []


@pytest.mark.parametrize(
    ("name", "birth_year", "code", "ok"),
    [
        ("Lò Thị Hoa", 1980, "cstdcs", True),  # registered for it
        ("Lò Thị Hoa", 1980, "ldtt", True),  # Chiến sĩ thi đua cơ sở registered: Lao động tiên tiến is its condition
        ("Cầm Văn Thanh", 1992, "cstdcs", False),  # registered only Lao động tiên tiến
        ("Lò Văn Khác", 1990, "ldtt", False),  # not in the registration
        ("Lò Thị Hoa", None, "cstdcs", True),  # no birth year on the nomination: found by name in the unit's list
    ],
)
def test_individual_titles(approved, unit, name, birth_year, code, ok):
    nom = make_nomination(approved.campaign, unit, code, name=name, birth_year=birth_year, unit_name="Xã")
    [(found_ok, severity, message)] = registration_findings(nom)
    assert found_ok is ok
    if not ok:
        assert severity == "soft" and "không đăng ký thi đua" in message


def test_setting_blocks_or_turns_the_check_off(approved, unit, settings):
    nom = make_nomination(approved.campaign, unit, "ldtt", name="Người Chưa Đăng Ký")
    settings.REGISTRATION_CHECK = "block"
    assert registration_findings(nom)[0][:2] == (False, "hard")
    assert "registration" in [f.rule for f in eligibility.hard_failures(eligibility.evaluate(nom))]
    settings.REGISTRATION_CHECK = "off"
    assert registration_findings(nom) == []


def test_a_registration_not_yet_approved_is_named(registration, unit, unit_head, staff_user):
    bring_to(registration, "submitted", unit_head, staff_user)
    nom = make_nomination(registration.campaign, unit, "ldtt", name="Cầm Văn Thanh", birth_year=1992)
    [(ok, _severity, message)] = registration_findings(nom)
    assert not ok and "chưa được duyệt" in message


def test_collective_title(approved, unit, other_unit):
    ok = make_nomination(approved.campaign, unit, "ttldtt", nominee_kind=NomineeKind.COLLECTIVE, organization=unit)
    assert registration_findings(ok)[0][0] is True
    other = make_nomination(
        approved.campaign, other_unit, "ttldtt", nominee_kind=NomineeKind.COLLECTIVE, organization=other_unit
    )
    assert registration_findings(other)[0][0] is False


def test_forms_of_commendation_need_no_registration(approved, unit):
    nom = make_nomination(approved.campaign, unit, "giay-khen-btv-huyen-uy", name="Người Chưa Đăng Ký")
    assert registration_findings(nom) == []
