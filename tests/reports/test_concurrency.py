"""Two builds of the same kind finishing at once on PostgreSQL: both done, exactly one current."""

import threading

import pytest
from django.db import connection

from reports import services
from reports.enums import ReviewStatus
from reports.models import ReviewReport

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_builds_finishing_together_leave_one_current(staff_user, review_campaign):
    reports = [
        ReviewReport.objects.create(campaign=review_campaign, kind="final", version=v, requested_by=staff_user)
        for v in (1, 2)
    ]
    barrier = threading.Barrier(2)
    real_store = services._store
    errors = []

    def store_together(*args):
        barrier.wait(timeout=20)  # both builds reach the final transaction at the same moment
        real_store(*args)

    def build(pk):
        try:
            services.build_review_report(pk)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    services._store = store_together
    try:
        threads = [threading.Thread(target=build, args=(r.pk,)) for r in reports]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
    finally:
        services._store = real_store
    assert not errors
    statuses = dict(ReviewReport.objects.values_list("version", "status"))
    assert statuses == {1: ReviewStatus.DONE, 2: ReviewStatus.DONE}
    assert ReviewReport.objects.filter(is_current=True).count() == 1
