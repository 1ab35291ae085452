"""The register of outgoing documents (sổ văn bản đi): one number per issuer, type and period, race-safe."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from campaigns import services as campaign_services
from tests.factories import AssignmentFactory, CampaignFactory, ContentAreaFactory, OrganizationFactory
from tests.utils import race
from thidua.documents import register
from thidua.documents.models import RegisterEntry

D = datetime.date
DAY = D(2024, 3, 1)


def take(issuer, doc_type="KH", day=DAY, **kwargs):
    kwargs.setdefault("kind", "party")
    kwargs.setdefault("term", "2020-2025")
    return register.take_number(issuer, doc_type, day, symbol=f"{doc_type}/HU", **kwargs)


@pytest.mark.django_db
def test_numbers_run_per_issuer_type_and_period(issuer):
    other = OrganizationFactory(name="Huyện ủy Khác", code="hu-khac")
    assert [take(issuer).number for _ in range(3)] == [1, 2, 3]
    assert take(issuer, "BC").number == 1  # another type: its own series
    assert take(other).number == 1  # another issuer
    assert take(issuer, term="2025-2030").number == 1  # a new term starts again
    assert register.next_number(issuer, "KH", D(2024, 3, 1), kind="party", term="2020-2025") == 4


@pytest.mark.django_db
def test_state_documents_are_numbered_per_calendar_year(issuer):
    def state(day):
        return register.take_number(issuer, "QĐ", day, kind="state", symbol="QĐ-UBND").number

    assert [state(D(2025, 12, 30)), state(D(2025, 12, 31)), state(D(2026, 1, 2))] == [1, 2, 1]
    assert register.period_for("state", D(2026, 1, 2)) == "2026"
    assert register.period_for("party", D(2026, 1, 2), "") == "2025-2030"  # no term recorded: the term of the date


@pytest.mark.django_db
def test_the_database_refuses_a_second_document_with_the_same_number(issuer):
    take(issuer, number=5)
    with pytest.raises(IntegrityError), transaction.atomic():
        RegisterEntry.objects.create(issuer=issuer, document_type="KH", period="2020-2025", number=5, symbol="KH/HU")


@pytest.mark.django_db
def test_a_typed_number_that_is_taken_is_refused_with_the_next_free_one(issuer):
    take(issuer, number=7)
    with pytest.raises(register.NumberTaken) as refused:
        take(issuer, number=7)
    assert "Số 7-KH/HU nhiệm kỳ 2020-2025" in refused.value.messages[0]
    assert "Số tiếp theo còn trống: 8." in refused.value.messages[0]
    assert take(issuer).number == 8


@pytest.mark.django_db
def test_a_document_holds_one_entry(issuer):
    plan = CampaignFactory(issuer=issuer)
    first = take(issuer, document=plan)
    again = take(issuer, document=plan)
    assert again.pk == first.pk and again.number == first.number == 1
    assert register.entry_for(plan) == first
    moved = take(issuer, document=plan, number=9)
    assert moved.pk == first.pk and moved.number == 9 and RegisterEntry.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_takers_at_the_same_moment_get_different_numbers(issuer):
    takers = 6
    for _round in range(3):
        results = race(*[lambda: take(issuer).number for _ in range(takers)])
        assert all(isinstance(r, int) for r in results), results
    numbers = sorted(RegisterEntry.objects.values_list("number", flat=True))
    assert numbers == list(range(1, 3 * takers + 1))


@pytest.mark.django_db(transaction=True)
def test_a_typed_number_taken_by_two_at_once_goes_to_one(issuer):
    results = race(lambda: take(issuer, number=12), lambda: take(issuer, number=12))
    assert sorted(type(r).__name__ for r in results) == ["NumberTaken", "RegisterEntry"], results


def draft_plan(issuer, unit, **fields):
    campaign = CampaignFactory(issuer=issuer, **fields)
    ContentAreaFactory(campaign=campaign, order=1)
    AssignmentFactory(campaign=campaign, organizations=[unit])
    return campaign


@pytest.mark.django_db
def test_launching_a_plan_takes_its_number_from_the_register(issuer, unit, staff_user):
    day = D(2024, 1, 15)
    # A plan numbered outside the plans' table (typed in the register by hand, migrated from paper): KH 1 is taken.
    take(issuer, day=day, number=1, subject="Kế hoạch giấy")
    plan = campaign_services.launch_campaign(draft_plan(issuer, unit), staff_user, issued_on=day)
    assert plan.number == 2
    entry = register.entry_for(plan)
    assert (entry.number, entry.period, entry.document_type, entry.created_by) == (2, "2020-2025", "KH", staff_user)
    assert entry.subject.startswith("Phát động phong trào thi đua thử")


@pytest.mark.django_db
def test_a_typed_plan_number_held_in_the_register_is_refused(issuer, unit, staff_user):
    from django.core.exceptions import ValidationError

    day = D(2024, 1, 15)
    take(issuer, day=day, number=4)
    with pytest.raises(ValidationError):
        campaign_services.launch_campaign(draft_plan(issuer, unit), staff_user, issued_on=day, number=4)
    assert register.next_number(issuer, "KH", day, kind="party", term="2020-2025") == 5
