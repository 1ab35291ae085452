"""The shared transition mechanism, on sub-plans (its first user)."""

import pytest

from thidua.workflow import TransitionConflict

pytestmark = pytest.mark.django_db


def test_stale_version_is_refused_and_nothing_is_logged(launched_campaign, staff_user):
    from campaigns.workflows import SUBPLAN_WORKFLOW

    subplan = launched_campaign.subplans.first()
    seen = subplan.version
    subplan.__class__.objects.filter(pk=subplan.pk).update(status="submitted", version=seen + 1)
    subplan.refresh_from_db()
    logs = subplan.logs.count()
    with pytest.raises(TransitionConflict):
        SUBPLAN_WORKFLOW.apply(subplan, "approve", staff_user, expected_version=seen)
    subplan.refresh_from_db()
    assert subplan.status == "submitted" and subplan.logs.count() == logs
    SUBPLAN_WORKFLOW.apply(subplan, "approve", staff_user, expected_version=subplan.version)
    subplan.refresh_from_db()
    assert subplan.status == "approved"


def test_logs_show_state_labels_not_codes(launched_campaign, staff_user, unit_head):
    from campaigns.models import SubPlanLog

    subplan = launched_campaign.subplans.first()
    log = SubPlanLog(subject=subplan, actor=staff_user, action="approve", from_state="submitted", to_state="approved")
    assert (log.from_label, log.to_label) == ("Đã nộp, chờ duyệt", "Đã duyệt")
    assert log.from_label in str(log) and log.to_label in str(log)
