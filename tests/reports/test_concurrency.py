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
    # Whichever finished last, the newer request is the current one.
    assert list(ReviewReport.objects.filter(is_current=True).values_list("version", flat=True)) == [2]


def test_an_older_build_finishing_late_never_replaces_a_newer_current_one(staff_user, review_campaign):
    old, new = (
        ReviewReport.objects.create(campaign=review_campaign, kind="final", version=v, requested_by=staff_user)
        for v in (1, 2)
    )
    services.build_review_report(new.pk)
    services.build_review_report(old.pk)  # e.g. redelivered after its worker was lost
    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.status, old.is_current) == (ReviewStatus.DONE, False)
    assert (new.status, new.is_current) == (ReviewStatus.DONE, True)


def test_a_build_that_keeps_killing_its_worker_is_given_up(staff_user, review_campaign):
    report = ReviewReport.objects.create(
        campaign=review_campaign,
        kind="final",
        version=1,
        requested_by=staff_user,
        status=ReviewStatus.RUNNING,
        attempts=services.MAX_BUILD_ATTEMPTS,
    )
    services.build_review_report(report.pk)
    report.refresh_from_db()
    assert report.status == ReviewStatus.FAILED and report.failure_reason == services.GIVEN_UP_REASON
    assert report.attempts == services.MAX_BUILD_ATTEMPTS and not report.pdf


def test_two_reports_issued_at_once_with_the_same_number_one_is_refused(staff_user, review_campaign, issuer):
    import datetime

    from django.core.exceptions import ValidationError

    from campaigns.models import Campaign
    from tests.factories import CampaignFactory

    other = CampaignFactory(issuer=issuer, term=review_campaign.term)
    Campaign.objects.filter(pk=other.pk).update(status="launched")
    drafts = [
        ReviewReport.objects.create(
            campaign=campaign,
            kind="final",
            version=1,
            requested_by=staff_user,
            status=ReviewStatus.DONE,
            is_current=True,
            number=7,
            symbol="BC/HU",
            term=review_campaign.term,
            issued_on=datetime.date(2024, 12, 5),
            signer_name="Nguyễn Văn Ký",
        )
        for campaign in (review_campaign, Campaign.objects.get(pk=other.pk))
    ]
    barrier = threading.Barrier(2)
    real_can_review = services.can_review
    outcomes = []

    waited = threading.local()

    def together(user, campaign):
        if not getattr(waited, "done", False):  # the first check of each thread (issue, not the nested request)
            waited.done = True
            barrier.wait(timeout=20)  # both reach the number check at the same moment
        return real_can_review(user, campaign)

    def issue(report):
        try:
            outcomes.append(services.issue_review_report(report, staff_user)[1])
        except ValidationError as exc:
            outcomes.append(" ".join(exc.messages))
        finally:
            connection.close()

    services.can_review = together
    try:
        threads = [threading.Thread(target=issue, args=(r,)) for r in drafts]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=90)
    finally:
        services.can_review = real_can_review
    assert outcomes.count(True) == 1 and any("Số 7-BC/HU đã dùng" in str(o) for o in outcomes)
    assert ReviewReport.objects.filter(is_final=True).count() == 1
