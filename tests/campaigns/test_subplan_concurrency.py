"""Two reviewers act on the same sub-plan at once, on two real PostgreSQL connections: exactly one wins."""

import threading

import pytest
from django.db import connection

from campaigns import services
from campaigns.models import SubPlan, SubPlanLog
from thidua.workflow import TransitionConflict, TransitionError

from .conftest import bring_to

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("first, second", [("approve", "return"), ("return", "approve"), ("approve", "approve")])
def test_two_reviewers_exactly_one_wins(subplan, unit_head, staff_user, first, second):
    assert connection.vendor == "postgresql"
    bring_to(subplan, "submitted", unit_head, staff_user)
    logs_before = SubPlanLog.objects.filter(subject=subplan).count()
    barrier = threading.Barrier(2)
    results = {}

    def act(name, action):
        try:
            mine = SubPlan.objects.select_related("campaign").get(pk=subplan.pk)  # both read "submitted"
            barrier.wait(timeout=10)
            services.transition_subplan(mine, action, staff_user, reason="Chưa đạt yêu cầu.")
            results[name] = "ok"
        except TransitionConflict as exc:
            results[name] = exc
        except TransitionError as exc:  # pragma: no cover - would mean the state check ran on a stale read
            results[name] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=act, args=("a", first)), threading.Thread(target=act, args=("b", second))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(type(r).__name__ if r != "ok" else "ok" for r in results.values()) == ["TransitionConflict", "ok"]
    loser = next(r for r in results.values() if r != "ok")
    assert "vừa được người khác xử lý" in str(loser)
    subplan.refresh_from_db()
    winner_action = first if results["a"] == "ok" else second
    assert subplan.status == {"approve": "approved", "return": "returned"}[winner_action]
    assert SubPlanLog.objects.filter(subject=subplan).count() == logs_before + 1


def test_two_tabs_saving_at_once_one_gets_the_version_message(subplan, unit_head):
    from django.core.exceptions import ValidationError

    barrier = threading.Barrier(2)
    results = []

    def save(title):
        try:
            mine = SubPlan.objects.select_related("campaign").get(pk=subplan.pk)
            barrier.wait(timeout=10)
            services.save_subplan(mine, unit_head, version=1, header={"title": title}, sections={})
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
    subplan.refresh_from_db()
    assert subplan.version == 2
