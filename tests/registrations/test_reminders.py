"""Deadline reminders like sub-plans': daily beat task, idempotent per registration, kind and day; manual ones."""

import datetime

import pytest
from django.core import mail

from registrations.models import Registration, RegistrationReminder
from registrations.tasks import send_registration_manual_reminders, send_registration_reminders

from .conftest import bring_to

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2024, 2, 1)


@pytest.fixture(autouse=True)
def emails(unit_head, other_head):
    for user, address in ((unit_head, "donvi@example.vn"), (other_head, "donvikhac@example.vn")):
        user.email = address
        user.save()


def test_daily_reminders_once_per_unit_kind_and_day(registration, other_registration):
    Registration.objects.filter(pk=registration.pk).update(due_date=TODAY + datetime.timedelta(days=2))
    Registration.objects.filter(pk=other_registration.pk).update(due_date=TODAY - datetime.timedelta(days=1))
    assert send_registration_reminders(TODAY.isoformat()) == {"sent": 2, "already_sent": 0}
    by_recipient = {tuple(m.to): m for m in mail.outbox}
    assert "Sắp đến hạn đăng ký thi đua năm 2024" in by_recipient[("donvi@example.vn",)].subject
    assert "Quá hạn đăng ký thi đua" in by_recipient[("donvikhac@example.vn",)].subject
    assert f"/{registration.pk}/" in by_recipient[("donvi@example.vn",)].body
    assert send_registration_reminders(TODAY.isoformat()) == {"sent": 0, "already_sent": 2}
    assert len(mail.outbox) == 2 and RegistrationReminder.objects.count() == 2


def test_no_reminder_far_from_due_or_once_submitted(registration, other_registration, unit_head, staff_user):
    Registration.objects.filter(pk=registration.pk).update(due_date=TODAY - datetime.timedelta(days=5))
    Registration.objects.filter(pk=other_registration.pk).update(due_date=TODAY + datetime.timedelta(days=30))
    bring_to(registration, "submitted", unit_head, staff_user)
    mail.outbox.clear()
    assert send_registration_reminders(TODAY.isoformat()) == {"sent": 0, "already_sent": 0}
    assert mail.outbox == []


def test_manual_reminders_skip_submitted_and_repeat_not_the_same_day(
    registration, other_registration, unit_head, staff_user
):
    bring_to(registration, "submitted", unit_head, staff_user)
    mail.outbox.clear()
    ids = [registration.pk, other_registration.pk]
    assert send_registration_manual_reminders(ids, staff_user.pk, TODAY.isoformat()) == 1
    assert send_registration_manual_reminders(ids, staff_user.pk, TODAY.isoformat()) == 0
    assert [m.to for m in mail.outbox] == [["donvikhac@example.vn"]]
    assert RegistrationReminder.objects.get().sent_by == staff_user


def test_remind_from_the_rollup_page(
    client, registration, other_registration, staff_user, unit_head, django_capture_on_commit_callbacks
):
    client.force_login(unit_head)
    assert client.post(f"/dang-ky-thi-dua/phong-trao/{registration.campaign_id}/nhac-nho/").status_code == 404
    client.force_login(staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/dang-ky-thi-dua/phong-trao/{registration.campaign_id}/nhac-nho/")
    assert response.status_code == 302
    assert RegistrationReminder.objects.count() == 2
