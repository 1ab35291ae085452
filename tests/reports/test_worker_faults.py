"""Faults in the review report pipeline, with real `celery worker` processes (prefork pool) on the real Redis.

- the pool child running a build is killed (SIGKILL, as the OOM killer does): the build is put back and finished;
- the whole worker is killed mid-build: the page shows the build failed once the task's time limit has passed
  (not 13 minutes later), and a new worker picks the unacknowledged build up and finishes it;
- an older build finishing late never becomes current over a newer one.
"""

import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from reports import services
from reports.enums import ReviewStatus
from reports.models import ReviewReport

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
TIME_LIMIT = 30  # the build task's hard limit in these workers (and in the page's stale check)
VISIBILITY = 35  # Redis hands an unacknowledged task out again after this many seconds


def _database_url():
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@contextmanager
def celery_worker(name, slow=3):
    """A real `celery worker` (prefork, one child) on the test Redis and the test database, in its own session."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "thidua.settings",
        "DEBUG": "true",
        "DATABASE_URL": _database_url(),
        "CELERY_BROKER_URL": settings.TEST_REDIS_URL,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "CELERY_TASK_TIME_LIMIT": str(TIME_LIMIT),
        "CELERY_TASK_SOFT_TIME_LIMIT": str(TIME_LIMIT - 5),
        "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY),
        "SLOW_BUILD_SECONDS": str(slow),
        "CONN_MAX_AGE": "0",
    }
    command = [sys.executable, "-m", "celery", "-A", "tests.reports.slow_worker", "worker", "-P", "prefork", "-c", "1"]
    command += ["-n", f"{name}@%h", "--without-gossip", "--without-mingle", "--without-heartbeat", "-l", "WARNING"]
    process = subprocess.Popen(command, env=env, cwd=ROOT, start_new_session=True)
    try:
        yield process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def pool_children(pid):
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            children.append(int(stat.parent.name))
    return children


def wait_until(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def status_of(pk):
    return ReviewReport.objects.filter(pk=pk).values_list("status", flat=True).get()


@pytest.fixture
def fault_setup(review_campaign, settings):
    import redis

    redis.Redis.from_url(settings.TEST_REDIS_URL).flushdb()  # our own test db only
    # The page's stale check reads the task's time limits, as in the workers.
    settings.CELERY_TASK_TIME_LIMIT, settings.CELERY_TASK_SOFT_TIME_LIMIT = TIME_LIMIT, TIME_LIMIT - 5
    from thidua.celery import app

    saved = {key: app.conf.get(key) for key in ("CELERY_BROKER_URL", "CELERY_TASK_ALWAYS_EAGER")}
    app.conf.update(CELERY_BROKER_URL=settings.TEST_REDIS_URL, CELERY_TASK_ALWAYS_EAGER=False)
    _reset_connections(app)
    yield review_campaign
    app.conf.update(saved)
    _reset_connections(app)


def _reset_connections(app):
    app._pool = None
    if "amqp" in app.__dict__:
        app.amqp._producer_pool = None


def test_a_killed_pool_child_does_not_lose_the_build(client, staff_user, fault_setup):
    campaign = fault_setup
    client.force_login(staff_user)
    with celery_worker("faults-a") as worker:
        assert client.post(f"/bao-cao/phong-trao/{campaign.pk}/tong-hop/", {"kind": "final"}).status_code == 302
        report = ReviewReport.objects.get()
        wait_until(lambda: status_of(report.pk) == ReviewStatus.RUNNING, 60, "the build to start")
        (child,) = wait_until(lambda: pool_children(worker.pid), 10, "the pool child")
        os.kill(child, signal.SIGKILL)  # WorkerLostError in the worker: the task goes back to the queue
        report = wait_until(
            lambda: ReviewReport.objects.filter(pk=report.pk, status=ReviewStatus.DONE).first(), 90, "the rebuild"
        )
    assert report.attempts == 2 and report.is_current and report.progress == 100
    assert Path(report.pdf.path).read_bytes().startswith(b"%PDF")
    assert ReviewReport.objects.count() == 1


def test_a_killed_worker_is_shown_failed_after_the_time_limit_and_a_new_worker_finishes(
    client, staff_user, fault_setup
):
    campaign = fault_setup
    client.force_login(staff_user)
    with celery_worker("faults-b1", slow=TIME_LIMIT) as worker:
        client.post(f"/bao-cao/phong-trao/{campaign.pk}/tong-hop/", {"kind": "final"})
        report = ReviewReport.objects.get()
        wait_until(lambda: status_of(report.pk) == ReviewStatus.RUNNING, 60, "the build to start")
        os.killpg(worker.pid, signal.SIGKILL)  # the whole worker, main process and child: the task stays unacked
        worker.wait()
    started = ReviewReport.objects.get(pk=report.pk).started_at
    status_url = f"/bao-cao/{report.pk}/trang-thai/"
    # Within the time limit a live worker could still be building: the page says running.
    assert 'data-status="running"' in client.get(status_url, HTTP_HX_REQUEST="true").content.decode()
    assert status_of(report.pk) == ReviewStatus.RUNNING

    def shown_failed():
        return services.STALE_REASON in client.get(status_url, HTTP_HX_REQUEST="true").content.decode()

    wait_until(shown_failed, TIME_LIMIT + 30, "the page to show the build failed")
    from django.utils import timezone

    shown_after = (timezone.now() - started).total_seconds()
    assert TIME_LIMIT <= shown_after <= TIME_LIMIT + services.STALE_GRACE.total_seconds() + 5
    assert status_of(report.pk) == ReviewStatus.FAILED
    # A new worker: Redis hands the unacknowledged build out again after the visibility timeout; it resumes.
    with celery_worker("faults-b2", slow=0):
        report = wait_until(
            lambda: ReviewReport.objects.filter(pk=report.pk, status=ReviewStatus.DONE).first(),
            VISIBILITY + 90,
            "the redelivered build",
        )
    assert report.attempts == 2 and report.is_current and report.failure_reason == ""
    assert Path(report.pdf.path).read_bytes().startswith(b"%PDF")
