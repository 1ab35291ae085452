"""E-mail about units' documents: who gets what, and reminders kept at most one per unit, kind and day."""

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from units.models import Membership
from units.selectors import MANAGING_ROLES

from .enums import DocumentStatus, ReminderKind
from .models import SubPlan, SubPlanLog, SubPlanReminder

REMINDER_DAYS_BEFORE = getattr(settings, "SUBPLAN_REMINDER_DAYS_BEFORE", 3)


def _emails(organization_ids, extra=()):
    emails = set(
        Membership.objects.filter(organization_id__in=organization_ids, role__in=MANAGING_ROLES)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    emails |= {e for e in extra if e}
    return sorted(emails)


def unit_recipients(doc):
    """The unit's own address and its head's and staff's (for a sub-plan or a progress report)."""
    return _emails([doc.organization_id], [doc.organization.email])


def staff_recipients(campaign):
    return _emails([campaign.issuer_id], [campaign.issuer.email])


def _link(doc):
    return settings.SITE_URL.rstrip("/") + doc.get_absolute_url()


def transition_message(log):
    """(recipients, subject, body) for one logged move of a unit's document."""
    doc = log.subject
    unit, ref, noun = doc.organization.name, doc.campaign.dated_reference, doc.noun
    if log.to_state == DocumentStatus.SUBMITTED:
        return (
            staff_recipients(doc.campaign),
            f"[Thi đua] {unit} đã nộp {noun} thực hiện {ref}",
            f"{unit} đã nộp {noun} thực hiện Kế hoạch số {ref}. Xem và xét duyệt: {_link(doc)}",
        )
    if log.to_state == DocumentStatus.RETURNED:
        return (
            unit_recipients(doc),
            f"[Thi đua] {noun.capitalize()} của {unit} bị trả lại",
            f"{noun.capitalize()} của {unit} thực hiện Kế hoạch số {ref} được trả lại để hoàn thiện.\n\n"
            f"Lý do: {log.note}\n\nSửa và nộp lại: {_link(doc)}",
        )
    if log.to_state == DocumentStatus.APPROVED:
        return (
            unit_recipients(doc),
            f"[Thi đua] {noun.capitalize()} của {unit} đã được duyệt",
            f"{noun.capitalize()} của {unit} thực hiện Kế hoạch số {ref} đã được duyệt. {_link(doc)}",
        )
    return [], "", ""  # withdrawal: nobody needs a mail


def notify_transition(log_id, log_model=SubPlanLog):
    """Send the mail of one logged move, once: the log row records that it was sent."""
    with transaction.atomic():
        log = (
            log_model.objects.select_for_update(of=("self",))
            .select_related("subject__organization", "subject__campaign__issuer")
            .filter(pk=log_id, notified_at__isnull=True)
            .first()
        )
        if log is None:
            return 0
        recipients, subject, body = transition_message(log)
        if recipients:
            send_mail(subject, body, None, recipients)
        log_model.objects.filter(pk=log.pk).update(notified_at=timezone.now())
    return len(recipients)


def reminder_message(subplan, kind, day):
    unit, ref = subplan.organization.name, subplan.campaign.dated_reference
    due = f"{subplan.due_date:%d/%m/%Y}" if subplan.due_date else "(chưa định)"
    if kind == ReminderKind.OVERDUE:
        subject = f"[Thi đua] Quá hạn nộp kế hoạch thực hiện {ref}"
        lead = f"Đã quá hạn nộp kế hoạch ({due}) mà {unit} chưa nộp kế hoạch thực hiện Kế hoạch số {ref}."
    elif kind == ReminderKind.DUE_SOON:
        subject = f"[Thi đua] Sắp đến hạn nộp kế hoạch thực hiện {ref}"
        lead = f"Hạn nộp kế hoạch thực hiện Kế hoạch số {ref} là {due}; {unit} chưa nộp."
    else:
        subject = f"[Thi đua] Nhắc nộp kế hoạch thực hiện {ref}"
        lead = f"Văn phòng nhắc {unit} nộp kế hoạch thực hiện Kế hoạch số {ref} (hạn {due})."
    return subject, f"{lead}\n\nSoạn và nộp tại: {_link(subplan)}"


def send_reminder(subplan, kind, day, sent_by=None):
    """At most one reminder of a kind per sub-plan and day. Returns the recipients, or None if already sent."""
    recipients = unit_recipients(subplan)
    try:
        with transaction.atomic():
            SubPlanReminder.objects.create(
                subplan=subplan, kind=kind, day=day, recipients=", ".join(recipients), sent_by=sent_by
            )
            if recipients:
                subject, body = reminder_message(subplan, kind, day)
                send_mail(subject, body, None, recipients)
    except IntegrityError:
        return None
    return recipients


def due_reminders(day=None):
    """The daily run: due-soon and overdue reminders for unsubmitted sub-plans of running campaigns."""
    day = day or timezone.localdate()
    pending = SubPlan.objects.filter(
        campaign__status="launched",
        status__in=(DocumentStatus.DRAFT, DocumentStatus.RETURNED),
        due_date__isnull=False,
        due_date__lte=day + datetime.timedelta(days=REMINDER_DAYS_BEFORE),
    ).select_related("organization", "campaign")
    sent = skipped = 0
    for subplan in pending.iterator(chunk_size=500):
        kind = ReminderKind.OVERDUE if subplan.due_date < day else ReminderKind.DUE_SOON
        result = send_reminder(subplan, kind, day)
        if result is None:
            skipped += 1
        else:
            sent += 1
    return {"sent": sent, "already_sent": skipped}


def manual_reminders(subplan_ids, actor_id, day):
    qs = SubPlan.objects.filter(
        pk__in=subplan_ids, status__in=(DocumentStatus.DRAFT, DocumentStatus.RETURNED)
    ).select_related("organization", "campaign")
    actor = sent_by_id_user(actor_id)
    sent = 0
    for subplan in qs:
        if send_reminder(subplan, ReminderKind.MANUAL, day, actor) is not None:
            sent += 1
    return sent


def sent_by_id_user(actor_id):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
