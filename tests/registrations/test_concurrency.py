"""Two reviewers act on the same registration at once, on two real PostgreSQL connections: exactly one wins; a move
made on a page older than the registration is refused; two tabs saving at once: one gets the version message."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from registrations import services
from registrations.models import Registration, RegistrationLog
from thidua.workflow import TransitionConflict, TransitionError

from .conftest import bring_to, fill

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("first, second", [("approve", "return"), ("return", "approve"), ("approve", "approve")])
def test_two_reviewers_exactly_one_wins(registration, unit_head, staff_user, first, second):
    assert connection.vendor == "postgresql"
    bring_to(registration, "submitted", unit_head, staff_user)
    logs_before = RegistrationLog.objects.filter(subject=registration).count()
    barrier = threading.Barrier(2)
    results = {}

    def act(name, action):
        try:
            mine = Registration.objects.select_related("campaign").get(pk=registration.pk)
            barrier.wait(timeout=10)
            services.transition_registration(mine, action, staff_user, reason="Chưa đạt yêu cầu.")
            results[name] = "ok"
        except TransitionError as exc:
            results[name] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=act, args=("a", first)), threading.Thread(target=act, args=("b", second))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(type(r).__name__ if r != "ok" else "ok" for r in results.values()) == ["TransitionConflict", "ok"]
    registration.refresh_from_db()
    winner = first if results["a"] == "ok" else second
    assert registration.status == {"approve": "approved", "return": "returned"}[winner]
    assert RegistrationLog.objects.filter(subject=registration).count() == logs_before + 1


def test_approving_a_page_older_than_the_registration_is_refused(registration, unit_head, staff_user):
    bring_to(registration, "submitted", unit_head, staff_user)
    seen = registration.version  # the reviewer opens the page
    services.transition_registration(registration, "withdraw", unit_head)
    fill(registration, unit_head, people=[])  # the unit changes the list…
    services.transition_registration(registration, "submit", unit_head)  # …and submits again
    with pytest.raises(TransitionConflict, match="vừa được người khác xử lý"):
        services.transition_registration(registration, "approve", staff_user, expected_version=seen)
    registration.refresh_from_db()
    assert registration.status == "submitted"


def test_two_tabs_saving_at_once_one_gets_the_version_message(registration, unit_head):
    barrier = threading.Barrier(2)
    results = []

    def save(targets):
        try:
            mine = Registration.objects.select_related("campaign").get(pk=registration.pk)
            barrier.wait(timeout=10)
            services.save_registration(mine, unit_head, version=1, header={"targets": targets}, parts={})
            results.append("ok")
        except ValidationError as exc:
            results.append(exc.messages[0])
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(t,)) for t in ("Thẻ 1", "Thẻ 2")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert results.count("ok") == 1 and any("đã được lưu ở nơi khác" in r for r in results)
    registration.refresh_from_db()
    assert registration.version == 2
