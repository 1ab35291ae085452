"""The transition table: every (state, action) pair either succeeds as the table says or is refused clearly."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from campaigns import services
from campaigns.enums import DocumentStatus as S
from campaigns.models import SubPlanLog
from thidua.workflow import TransitionError

from .conftest import bring_to, fill

pytestmark = pytest.mark.django_db

ALLOWED = {
    (S.DRAFT, "submit"): S.SUBMITTED,
    (S.RETURNED, "submit"): S.SUBMITTED,
    (S.SUBMITTED, "withdraw"): S.DRAFT,
    (S.SUBMITTED, "return"): S.RETURNED,
    (S.SUBMITTED, "approve"): S.APPROVED,
}
ACTIONS = ["submit", "withdraw", "return", "approve"]
UNIT_ACTIONS = {"submit", "withdraw"}


@pytest.mark.parametrize("state", list(S.values))
@pytest.mark.parametrize("action", ACTIONS)
def test_transition_table(subplan, unit_head, staff_user, state, action):
    bring_to(subplan, state, unit_head, staff_user)
    if state == S.DRAFT:
        fill(subplan, unit_head)
    actor = unit_head if action in UNIT_ACTIONS else staff_user
    logs_before = SubPlanLog.objects.filter(subject=subplan).count()
    if (state, action) in ALLOWED:
        services.transition_subplan(subplan, action, actor, reason="Lý do cụ thể.")
        subplan.refresh_from_db()
        assert subplan.status == ALLOWED[(state, action)]
        log = SubPlanLog.objects.filter(subject=subplan).latest("id")
        assert (log.from_state, log.to_state, log.actor, log.action) == (state, subplan.status, actor, action)
        assert SubPlanLog.objects.filter(subject=subplan).count() == logs_before + 1
    else:
        with pytest.raises(TransitionError) as excinfo:
            services.transition_subplan(subplan, action, actor, reason="Lý do cụ thể.")
        assert "Không thể" in str(excinfo.value)
        subplan.refresh_from_db()
        assert subplan.status == state
        assert SubPlanLog.objects.filter(subject=subplan).count() == logs_before


def test_return_needs_a_reason(subplan, unit_head, staff_user):
    bring_to(subplan, "submitted", unit_head, staff_user)
    with pytest.raises(TransitionError, match="cần ghi rõ lý do"):
        services.transition_subplan(subplan, "return", staff_user, reason="   ")
    subplan.refresh_from_db()
    assert subplan.status == S.SUBMITTED


def test_unit_cannot_review_and_staff_cannot_submit(subplan, unit_head, staff_user, other_head):
    fill(subplan, unit_head)
    with pytest.raises(PermissionDenied):
        services.transition_subplan(subplan, "submit", staff_user)
    with pytest.raises(PermissionDenied):
        services.transition_subplan(subplan, "submit", other_head)
    services.transition_subplan(subplan, "submit", unit_head)
    with pytest.raises(PermissionDenied):
        services.transition_subplan(subplan, "approve", unit_head)


def test_empty_draft_cannot_be_submitted(subplan, unit_head):
    with pytest.raises(TransitionError, match="chưa có nhiệm vụ"):
        services.transition_subplan(subplan, "submit", unit_head)


def test_first_submission_time_is_kept_on_resubmit(subplan, unit_head, staff_user):
    bring_to(subplan, "returned", unit_head, staff_user)
    first = subplan.first_submitted_at
    assert subplan.return_reason == "Bổ sung chỉ tiêu."
    services.transition_subplan(subplan, "submit", unit_head)
    subplan.refresh_from_db()
    assert subplan.first_submitted_at == first and subplan.submitted_at > first


def test_approved_is_final(subplan, unit_head, staff_user):
    bring_to(subplan, "approved", unit_head, staff_user)
    with pytest.raises(ValidationError, match="không sửa được"):
        fill(subplan, unit_head)
    for action in ACTIONS:
        with pytest.raises(TransitionError):
            services.transition_subplan(subplan, action, staff_user, reason="x")


def test_mail_is_sent_after_commit_to_the_right_people(
    subplan, unit_head, staff_user, django_capture_on_commit_callbacks
):
    fill(subplan, unit_head)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.transition_subplan(subplan, "submit", unit_head)
    assert len(mail.outbox) == 0  # nothing before commit
    for callback in callbacks:
        callback()
    assert [m.to for m in mail.outbox] == [[staff_user.email]]
    assert "đã nộp kế hoạch" in mail.outbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        services.transition_subplan(subplan, "return", staff_user, reason="Thiếu chữ ký.")
    assert mail.outbox[-1].to == [unit_head.email] and "Thiếu chữ ký." in mail.outbox[-1].body
    # The task is idempotent: running it again for the same log sends nothing.
    from campaigns.tasks import notify_subplan_transition

    log = SubPlanLog.objects.filter(subject=subplan).latest("id")
    assert log.notified_at is not None
    count = len(mail.outbox)
    notify_subplan_transition(log.pk)
    assert len(mail.outbox) == count
