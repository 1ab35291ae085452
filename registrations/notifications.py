"""Deadline reminders of registrations like sub-plans', at most one per registration, kind and day (the mail of
every move is the unit-document core's)."""

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from campaigns.enums import DocumentStatus, ReminderKind
from campaigns.notifications import sent_by_id_user, unit_recipients

from .models import Registration, RegistrationReminder

REMINDER_DAYS_BEFORE = getattr(settings, "SUBPLAN_REMINDER_DAYS_BEFORE", 3)
PENDING = (DocumentStatus.DRAFT, DocumentStatus.RETURNED)


def reminder_message(registration, kind, day):
    unit, ref, year = registration.organization.name, registration.campaign.dated_reference, registration.year
    due = f"{registration.due_date:%d/%m/%Y}" if registration.due_date else "(chưa định)"
    if kind == ReminderKind.OVERDUE:
        subject = f"[Thi đua] Quá hạn đăng ký thi đua năm {year} ({ref})"
        lead = f"Đã quá hạn đăng ký thi đua ({due}) mà {unit} chưa nộp bản đăng ký thi đua năm {year} theo {ref}."
    elif kind == ReminderKind.DUE_SOON:
        subject = f"[Thi đua] Sắp đến hạn đăng ký thi đua năm {year} ({ref})"
        lead = f"Hạn nộp bản đăng ký thi đua năm {year} theo {ref} là {due}; {unit} chưa nộp."
    else:
        subject = f"[Thi đua] Nhắc đăng ký thi đua năm {year} ({ref})"
        lead = f"Văn phòng nhắc {unit} nộp bản đăng ký thi đua năm {year} theo {ref} (hạn {due})."
    link = settings.SITE_URL.rstrip("/") + registration.get_absolute_url()
    return subject, f"{lead}\n\nĐăng ký tại: {link}"


def send_reminder(registration, kind, day, sent_by=None):
    """At most one reminder of a kind per registration and day. Returns the recipients, or None if already sent."""
    recipients = unit_recipients(registration)
    try:
        with transaction.atomic():
            RegistrationReminder.objects.create(
                registration=registration, kind=kind, day=day, recipients=", ".join(recipients), sent_by=sent_by
            )
            if recipients:
                subject, body = reminder_message(registration, kind, day)
                send_mail(subject, body, None, recipients)
    except IntegrityError:
        return None
    return recipients


def due_reminders(day=None):
    """The daily run: due-soon and overdue reminders for registrations not yet submitted in running campaigns."""
    day = day or timezone.localdate()
    pending = Registration.objects.filter(
        campaign__status="launched",
        status__in=PENDING,
        due_date__isnull=False,
        due_date__lte=day + datetime.timedelta(days=REMINDER_DAYS_BEFORE),
    ).select_related("organization", "campaign")
    sent = skipped = 0
    for registration in pending.iterator(chunk_size=500):
        kind = ReminderKind.OVERDUE if registration.due_date < day else ReminderKind.DUE_SOON
        if send_reminder(registration, kind, day) is None:
            skipped += 1
        else:
            sent += 1
    return {"sent": sent, "already_sent": skipped}


def manual_reminders(registration_ids, actor_id, day):
    qs = Registration.objects.filter(pk__in=registration_ids, status__in=PENDING).select_related(
        "organization", "campaign"
    )
    actor = sent_by_id_user(actor_id)
    return sum(1 for r in qs if send_reminder(r, ReminderKind.MANUAL, day, actor) is not None)
