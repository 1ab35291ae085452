"""Broker down after commit: seven actions still answer, say the truth, and their side effects go out once later.

A real redis-server on a spare port is the broker; it is killed, the actions are made through the pages, then it
is started again and the outbox is flushed through a real worker.
"""

import datetime
import socket
import subprocess
import threading
import time
from contextlib import contextmanager

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail
from django.db import connections

from awards import services as award_services
from awards.enums import NominationStatus
from campaigns import services as campaign_services
from campaigns.models import SubPlan, SubPlanLog
from reports.enums import ReviewStatus
from reports.models import ReviewReport
from tests.awards.conftest import catalogue, make_nomination  # noqa: F401 - the catalogue fixture
from tests.campaigns.conftest import bring_to, fill
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from thidua import outbox
from thidua.celery import app
from thidua.models import OutboxMessage

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

REDIS_PORT = 9450
BROKER = f"redis://127.0.0.1:{REDIS_PORT}/0"
TRUTH = "Đã lưu thay đổi. Hàng đợi xử lý nền đang tạm ngừng"


def _port_open():
    with socket.socket() as s:
        s.settimeout(0.2)
        return s.connect_ex(("127.0.0.1", REDIS_PORT)) == 0


@contextmanager
def redis_server():
    """Our own redis-server (no persistence) on the spare port; yields a function that kills it."""
    assert not _port_open(), f"port {REDIS_PORT} is taken"
    process = subprocess.Popen(
        ["redis-server", "--port", str(REDIS_PORT), "--save", "", "--appendonly", "no", "--bind", "127.0.0.1"],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while not _port_open():
        assert time.monotonic() < deadline, "redis-server did not start"
        time.sleep(0.05)

    def kill():
        process.kill()
        process.wait()

    try:
        yield kill
    finally:
        if process.poll() is None:
            kill()


def _reset_connections():
    app._pool = None
    if "amqp" in app.__dict__:
        app.amqp._producer_pool = None


@contextmanager
def broker(url):
    saved = {key: app.conf.get(key) for key in ("CELERY_BROKER_URL", "CELERY_TASK_ALWAYS_EAGER")}
    app.conf.update(CELERY_BROKER_URL=url, CELERY_TASK_ALWAYS_EAGER=False)
    assert app.conf.broker_url == url and not app.conf.task_always_eager
    _reset_connections()
    try:
        yield
    finally:
        app.conf.update(saved)
        _reset_connections()


@contextmanager
def worker():
    """A solo worker thread on our redis-server (closing its database connection after each task)."""
    from celery.signals import task_postrun

    def close(**kwargs):
        if threading.current_thread() is not threading.main_thread():
            connections.close_all()

    task_postrun.connect(close, weak=False)
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30, loglevel="WARNING"):
            yield
    finally:
        task_postrun.disconnect(close)


def wait_until(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def scene(launched_campaign, unit, other_unit, unit_head, other_head, staff_user, issuer, catalogue):  # noqa: F811
    """Three sub-plans (a draft ready to submit, two submitted), and a draft decision ready to issue."""
    third_unit = OrganizationFactory(parent=issuer, name="Đảng ủy xã Thứ Ba", code="du-thu-ba")
    third_head = MembershipFactory(organization=third_unit, role="head", user=UserFactory(username="thirdhead")).user
    campaign_services.create_obligations(launched_campaign, [third_unit], staff_user)
    ready = fill(SubPlan.objects.get(campaign=launched_campaign, organization=unit), unit_head)
    to_return = bring_to(
        SubPlan.objects.get(campaign=launched_campaign, organization=other_unit), "submitted", other_head, staff_user
    )
    to_approve = bring_to(
        SubPlan.objects.get(campaign=launched_campaign, organization=third_unit), "submitted", third_head, staff_user
    )
    nomination = make_nomination(
        launched_campaign, unit, "giay-khen-btv-huyen-uy", status=NominationStatus.APPROVED, name="Lò Văn Minh"
    )
    decision = award_services.create_decision(
        launched_campaign,
        staff_user,
        [nomination],
        document_format="party",
        issuing_body="HUYỆN ỦY THỬ",
        number=7,
        symbol="QĐ/HU",
        term="2020-2025",
        place="Thử",
        issued_on=datetime.date(2024, 12, 28),
        signer_name="Nguyễn Văn Ký",
    )
    return {
        "campaign": launched_campaign,
        "ready": ready,
        "to_return": to_return,
        "to_approve": to_approve,
        "decision": decision,
        "unit_head": unit_head,
    }


def test_seven_actions_with_the_broker_down_are_saved_told_and_sent_once_later(client, staff_user, scene):
    campaign, decision = scene["campaign"], scene["decision"]
    mail.outbox.clear()
    with redis_server() as kill_redis, broker(BROKER):
        kill_redis()  # the broker is down from here on
        head = client
        head.force_login(scene["unit_head"])
        answers = {}
        started = time.monotonic()
        ready = scene["ready"]
        answers["submit"] = head.post(
            f"/phong-trao/ke-hoach-don-vi/{ready.pk}/chuyen/submit/", {"version": ready.version}, follow=True
        )
        client.force_login(staff_user)
        to_return = SubPlan.objects.get(pk=scene["to_return"].pk)
        answers["return"] = client.post(
            f"/phong-trao/ke-hoach-don-vi/{to_return.pk}/chuyen/return/",
            {"version": to_return.version, "reason": "Bổ sung chỉ tiêu."},
            follow=True,
        )
        to_approve = SubPlan.objects.get(pk=scene["to_approve"].pk)
        answers["approve"] = client.post(
            f"/phong-trao/ke-hoach-don-vi/{to_approve.pk}/chuyen/approve/", {"version": to_approve.version}, follow=True
        )
        answers["remind"] = client.post(
            f"/phong-trao/{campaign.pk}/ke-hoach-don-vi/nhac-nho/", {"ids": [to_return.pk]}, follow=True
        )
        answers["build"] = client.post(f"/bao-cao/phong-trao/{campaign.pk}/tong-hop/", {"kind": "final"}, follow=True)
        answers["issue"] = client.post(f"/khen-thuong/quyet-dinh/{decision.pk}/ban-hanh/", follow=True)
        answers["pdf"] = client.get(f"/khen-thuong/quyet-dinh/{decision.pk}/ban-in.pdf", follow=True)
        elapsed = time.monotonic() - started
        for action, response in answers.items():
            assert response.status_code == 200, action  # every answer followed its redirect to a page
            assert response.redirect_chain and response.redirect_chain[0][1] == 302, action
            assert TRUTH in response.content.decode(), action
        assert elapsed < 60
        # Every change committed.
        statuses = dict(SubPlan.objects.filter(campaign=campaign).values_list("pk", "status"))
        assert (statuses[ready.pk], statuses[to_return.pk], statuses[to_approve.pk]) == (
            "submitted",
            "returned",
            "approved",
        )
        decision.refresh_from_db()
        assert decision.status == "issued" and not decision.pdf
        report = ReviewReport.objects.get(campaign=campaign)
        assert report.status == ReviewStatus.QUEUED
        # Each side effect waits in the outbox, once.
        waiting = list(OutboxMessage.objects.filter(sent_at__isnull=True).values_list("task", flat=True))
        assert sorted(waiting) == sorted(
            [
                "campaigns.tasks.notify_subplan_transition",
                "campaigns.tasks.notify_subplan_transition",
                "campaigns.tasks.notify_subplan_transition",
                "campaigns.tasks.send_manual_reminders",
                "reports.tasks.build_review_report_task",
                "awards.tasks.print_decision",
                "awards.tasks.print_decision",
            ]
        )
        assert mail.outbox == []
        # While the broker is down a flush sends nothing and keeps the rows.
        assert outbox.flush() == 0
        assert OutboxMessage.objects.filter(sent_at__isnull=True).count() == 7

    # The broker is back (a new redis-server on the same port, empty): the beat task flushes through a worker.
    with redis_server(), broker(BROKER), worker():
        from thidua.tasks import flush_outbox

        flush_outbox.delay()
        wait_until(lambda: not OutboxMessage.objects.filter(sent_at__isnull=True).exists(), 60, "the flush")
        wait_until(
            lambda: ReviewReport.objects.filter(campaign=campaign, status=ReviewStatus.DONE).exists(), 120, "the build"
        )
        wait_until(lambda: bool(type(decision).objects.get(pk=decision.pk).pdf), 60, "the decision print")
        wait_until(
            lambda: not SubPlanLog.objects.filter(subject__campaign=campaign, notified_at__isnull=True).exists(),
            60,
            "the mails",
        )
        sent_once = len(mail.outbox)
        # A second flush finds nothing to send: delivered once.
        flush_outbox.delay()
        time.sleep(2)
    assert OutboxMessage.objects.count() == 7 and all(m.sent_at for m in OutboxMessage.objects.all())
    assert len(mail.outbox) == sent_once
    subjects = [m.subject for m in mail.outbox]
    # One mail per move (submit, return, approve), one reminder: none twice.
    assert len(subjects) == len(set(zip(subjects, [tuple(m.to) for m in mail.outbox], strict=True)))
    assert ReviewReport.objects.get(campaign=campaign).attempts == 1
