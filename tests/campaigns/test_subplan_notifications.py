"""Reminders: daily beat task, idempotent per unit, kind and day; bulk reminders from the board."""

import datetime

import pytest
from django.core import mail

from campaigns.enums import ReminderKind
from campaigns.models import SubPlan, SubPlanReminder
from campaigns.tasks import send_subplan_reminders
from units.models import Membership

from .conftest import bring_to

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2024, 2, 1)


def test_daily_reminders_are_sent_once_per_unit_kind_and_day(subplan, other_subplan, unit_head, other_head, staff_user):
    SubPlan.objects.filter(pk=subplan.pk).update(due_date=TODAY + datetime.timedelta(days=2))  # due soon
    SubPlan.objects.filter(pk=other_subplan.pk).update(due_date=TODAY - datetime.timedelta(days=1))  # overdue
    result = send_subplan_reminders(TODAY.isoformat())
    assert result == {"sent": 2, "already_sent": 0}
    by_recipient = {tuple(m.to): m for m in mail.outbox}
    assert "Sắp đến hạn" in by_recipient[(unit_head.email,)].subject
    assert "Quá hạn" in by_recipient[(other_head.email,)].subject
    # However often the task runs the same day, nothing more is sent.
    assert send_subplan_reminders(TODAY.isoformat()) == {"sent": 0, "already_sent": 2}
    send_subplan_reminders(TODAY.isoformat())
    assert len(mail.outbox) == 2
    assert SubPlanReminder.objects.count() == 2
    # Next day: overdue again (one per day), the other is now due in 1 day.
    send_subplan_reminders((TODAY + datetime.timedelta(days=1)).isoformat())
    assert len(mail.outbox) == 4


def test_no_reminder_far_from_due_or_once_submitted(subplan, other_subplan, unit_head, staff_user):
    SubPlan.objects.filter(pk=subplan.pk).update(due_date=TODAY - datetime.timedelta(days=5))
    SubPlan.objects.filter(pk=other_subplan.pk).update(due_date=TODAY + datetime.timedelta(days=30))
    bring_to(subplan, "submitted", unit_head, staff_user)
    mail.outbox.clear()
    assert send_subplan_reminders(TODAY.isoformat()) == {"sent": 0, "already_sent": 0}
    assert mail.outbox == []


def test_units_without_email_are_listed_for_staff(
    client, launched_campaign, subplan, other_subplan, unit_head, other_head, staff_user
):
    other_head.email = ""
    other_head.save()
    SubPlan.objects.filter(pk=other_subplan.pk).update(due_date=TODAY - datetime.timedelta(days=1))
    send_subplan_reminders(TODAY.isoformat())
    reminder = SubPlanReminder.objects.get(subplan=other_subplan)
    assert reminder.recipients == ""  # kept as a row (so staff see it), not silently skipped
    client.force_login(staff_user)
    body = client.get(f"/phong-trao/{launched_campaign.pk}/ke-hoach-don-vi/").content.decode()
    card = body[body.index('id="no-email"') :]
    assert "Đảng ủy xã Cò Nòi" in card and "Đảng ủy xã Chiềng Mung" not in card
    assert "không có e-mail" in body


def test_bulk_reminders_from_the_board(
    client,
    launched_campaign,
    subplan,
    other_subplan,
    unit_head,
    other_head,
    staff_user,
    django_capture_on_commit_callbacks,
):
    client.force_login(staff_user)
    url = f"/phong-trao/{launched_campaign.pk}/ke-hoach-don-vi/nhac-nho/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"ids": [subplan.pk], "scope": "selected", "back": "state=draft"})
    assert response.status_code == 302 and response["Location"].endswith("?state=draft")
    assert [m.to for m in mail.outbox] == [[unit_head.email]]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"ids": [subplan.pk, other_subplan.pk], "scope": "selected"})
    assert sorted(m.to[0] for m in mail.outbox) == sorted([unit_head.email, other_head.email])  # one per unit per day
    assert SubPlanReminder.objects.filter(kind=ReminderKind.MANUAL).count() == 2
    assert client.get(url).status_code == 405


def test_unit_address_and_staff_members_receive_mail(subplan, unit, unit_head):
    from campaigns.notifications import unit_recipients
    from tests.factories import MembershipFactory, UserFactory

    unit.email = "vanphong.chiengmung@example.test"
    unit.save()
    MembershipFactory(organization=unit, role="staff", user=UserFactory(username="clerk2"))
    MembershipFactory(organization=unit, role="council", user=UserFactory(username="notme"))
    subplan.refresh_from_db()
    assert unit_recipients(subplan) == sorted(
        ["vanphong.chiengmung@example.test", unit_head.email, "clerk2@example.test"]
    )
    assert Membership.objects.filter(organization=unit).count() == 3


@pytest.mark.django_db(transaction=True)
def test_beat_schedule_reaches_the_database_scheduler(settings):
    from celery.schedules import crontab
    from django_celery_beat.models import PeriodicTask
    from django_celery_beat.schedulers import DatabaseScheduler

    from thidua.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["subplan-reminders-daily"]
    assert entry["task"] == "campaigns.tasks.send_subplan_reminders"
    assert isinstance(entry["schedule"], crontab)
    assert "campaigns.tasks.send_subplan_reminders" in app.tasks
    DatabaseScheduler(app=app)  # what `celery beat` does at start-up
    task = PeriodicTask.objects.get(name="subplan-reminders-daily")
    assert task.task == "campaigns.tasks.send_subplan_reminders" and task.enabled
    assert (task.crontab.hour, task.crontab.minute) == ("7", "0")
