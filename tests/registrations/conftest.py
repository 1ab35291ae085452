"""Fixtures for registrations: the unit's registration in a launched campaign (year 2024), brought to any state."""

import pytest

from awards.catalogue import seed_catalogue
from awards.models import AwardType
from registrations import services
from registrations.models import Registration


@pytest.fixture(autouse=True)
def catalogue(db):
    seed_catalogue()  # idempotent; a transactional test earlier in the run flushes the migration's rows


def title(code, day="2024-12-31"):
    return AwardType.objects.valid_on(day).get(code=code)


PEOPLE = [
    ("Lò Thị Hoa", "Bí thư Chi bộ", "female", "Thái", 1980, "cstdcs"),
    ("Cầm Văn Thanh", "Bí thư Đoàn xã", "male", "Thái", 1992, "ldtt"),
]


def people_rows(people=PEOPLE):
    return [
        {"full_name": n, "position": p, "gender": g, "ethnicity": e, "birth_year": y, "title_id": title(t).pk}
        for n, p, g, e, y, t in people
    ]


def fill(registration, user, *, people=PEOPLE, collective="ttldtt"):
    """Give the draft what a submission needs: a collective title, targets, people and a signer."""
    registration.refresh_from_db()
    header = {
        "targets": "100% chi bộ hoàn thành tốt nhiệm vụ\nXã đạt chuẩn nông thôn mới",
        "number": "05-ĐK/ĐU",
        "place": "Chiềng Mung",
        "signer_title": "BÍ THƯ",
        "signer_name": "Tòng Văn Dũng",
        "collective_title_id": title(collective).pk if collective else None,
    }
    return services.save_registration(
        registration, user, version=registration.version, header=header, parts={"people": people_rows(people)}
    )


def bring_to(registration, state, head, staff):
    fill(registration, head)
    if state == "draft":
        return registration
    services.transition_registration(registration, "submit", head)
    if state == "returned":
        services.transition_registration(registration, "return", staff, reason="Bổ sung danh sách.")
    elif state == "approved":
        services.transition_registration(registration, "approve", staff)
    registration.refresh_from_db()
    assert registration.status == state
    return registration


@pytest.fixture
def registration(launched_campaign, unit, staff_user):
    services.request_registrations(launched_campaign, staff_user)
    return Registration.objects.get(campaign=launched_campaign, organization=unit)


@pytest.fixture
def other_registration(registration, other_unit):
    return Registration.objects.get(campaign=registration.campaign, organization=other_unit)
