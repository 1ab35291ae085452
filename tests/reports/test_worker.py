"""The review report pipeline through a real Celery worker and the real Redis (not eager mode)."""

import datetime
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.conf import settings
from django.db import connections

from reports.enums import ReviewStatus
from reports.models import ReviewReport
from tests.factories import OrganizationFactory
from tests.seed import squash
from thidua.celery import app

from .conftest import give_subplan
from .pdfutil import body_text

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _reset_connections():
    app._pool = None
    if "amqp" in app.__dict__:
        app.amqp._producer_pool = None


@contextmanager
def redis_worker(runs):
    """A solo worker thread on the test Redis; `runs` collects (thread name, task id) of every task it ran."""
    import redis

    redis.Redis.from_url(settings.TEST_REDIS_URL).flushdb()  # our own test db only
    # The app reads Django settings with the CELERY_ namespace: override those keys, restore them after.
    keys = ("CELERY_BROKER_URL", "CELERY_TASK_ALWAYS_EAGER")
    saved = {key: app.conf.get(key) for key in keys}
    app.conf.update(CELERY_BROKER_URL=settings.TEST_REDIS_URL, CELERY_TASK_ALWAYS_EAGER=False)
    assert app.conf.broker_url == settings.TEST_REDIS_URL and not app.conf.task_always_eager
    _reset_connections()

    def ran(sender=None, task_id=None, **kwargs):
        runs.append((threading.current_thread().name, task_id))
        if threading.current_thread() is not threading.main_thread():
            connections.close_all()  # the worker thread's own connection (CONN_MAX_AGE would keep it open)

    task_postrun.connect(ran, weak=False)
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=20, loglevel="WARNING"):
            yield
    finally:
        task_postrun.disconnect(ran)
        app.conf.update(saved)
        _reset_connections()


def wait_for(report_id, timeout=60):
    deadline = time.monotonic() + timeout
    seen = []
    while time.monotonic() < deadline:
        report = ReviewReport.objects.get(pk=report_id)
        if not seen or seen[-1] != report.status:
            seen.append(report.status)
        if not report.is_active:
            return report, seen
        time.sleep(0.1)
    raise AssertionError(f"the worker did not finish: {seen}")


def test_review_report_is_built_by_a_real_worker(client, staff_user, review_campaign, issuer, monkeypatch):
    area = review_campaign.content_areas.order_by("order").first()
    for i in range(6):
        give_subplan(
            review_campaign,
            OrganizationFactory(parent=issuer, name=f"Chi bộ Thử {i}"),
            "submitted" if i % 2 else "returned",
            submitted=datetime.date(2024, 1, 20) + datetime.timedelta(days=3 * i),
            targets=[(area, [10, 20])],
        )
    client.force_login(staff_user)
    runs = []
    with redis_worker(runs):
        response = client.post(f"/bao-cao/phong-trao/{review_campaign.pk}/tong-hop/", {"kind": "final"})
        assert response.status_code == 302
        report = ReviewReport.objects.get()
        assert report.status in (ReviewStatus.QUEUED, ReviewStatus.RUNNING, ReviewStatus.DONE)
        report, seen = wait_for(report.pk)
        # A build failing halfway in the worker: no file, status failed with the reason.
        from reports import services

        def broken_xlsx(data):
            raise RuntimeError("hỏng giữa chừng")

        monkeypatch.setattr(services, "build_xlsx", broken_xlsx)
        client.post(f"/bao-cao/phong-trao/{review_campaign.pk}/tong-hop/", {"kind": "interim"})
        broken, _ = wait_for(ReviewReport.objects.get(kind="interim").pk)
        monkeypatch.undo()
    assert broken.status == ReviewStatus.FAILED and "hỏng giữa chừng" in broken.failure_reason
    assert not broken.pdf and not broken.is_current
    assert sorted(p.name for p in Path(report.pdf.path).parent.iterdir()) == sorted(
        [Path(report.pdf.name).name, Path(report.xlsx.name).name, Path(report.docx.name).name]
    )  # the failed build left no file of its own
    assert report.status == ReviewStatus.DONE, report.failure_reason
    assert len(runs) == 2 and runs[0][0] != threading.current_thread().name  # built by the worker, not eagerly
    assert report.is_current and report.progress == 100 and report.attempts == 1
    counts = report.snapshot["counts"]
    assert (counts["units"], counts["subplans_built"], counts["subplans_on_time"]) == (8, 7, 6)  # due 01/02
    assert counts["targets_total"] == 3 + 12
    pdf = client.get(f"/bao-cao/{report.pk}/bao-cao.pdf")
    text = squash(body_text(b"".join(pdf.streaming_content)))
    assert "7/8 đơn vị đã xây dựng và gửi kế hoạch (87,5%), trong đó 6 đơn vị gửi đúng hạn" in text
    assert "Tổng cộng 7/8 đã gửi 6" in text and "Các đơn vị đăng ký 14 chỉ tiêu" in text
    for i in range(6):
        assert f"Chi bộ Thử {i}" in text
    # Running the same task again through the worker leaves one current version and the same files.
    from reports.tasks import build_review_report_task

    runs.clear()
    with redis_worker(runs):
        result = build_review_report_task.delay(report.pk)
        deadline = time.monotonic() + 30
        while not runs and time.monotonic() < deadline:
            time.sleep(0.05)
    assert [task_id for _, task_id in runs] == [result.id]
    again = ReviewReport.objects.get(kind="final")
    assert (again.finished_at, again.attempts, again.pdf.name) == (report.finished_at, 1, report.pdf.name)
    assert ReviewReport.objects.filter(is_current=True).count() == 1
