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


def test_every_model_with_a_state_leaves_it_to_the_transition_code():
    """Saves never write the state: every model with a status field is a StateGuardedModel."""
    from django.apps import apps

    from thidua.workflow import StateGuardedModel

    stateful = [m for m in apps.get_models() if any(f.name == "status" for f in m._meta.concrete_fields)]
    names = {m.__name__ for m in stateful}
    assert names >= {
        "Campaign",
        "SubPlan",
        "ProgressReport",
        "Nomination",
        "CouncilSession",
        "Decision",
        "ReviewReport",
    }
    assert [m.__name__ for m in stateful if not issubclass(m, StateGuardedModel)] == []


def test_a_save_from_a_copy_read_before_a_move_keeps_the_move(launched_campaign, unit, staff_user, unit_head):
    """An edit page's stale copy saved after someone else's move: the state and version stay the move's."""
    from campaigns import services
    from campaigns.models import Campaign, SubPlan
    from tests.campaigns.conftest import fill

    subplan = fill(launched_campaign.subplans.get(organization=unit), unit_head)
    stale = SubPlan.objects.get(pk=subplan.pk)
    services.transition_subplan(subplan, "submit", unit_head, expected_version=subplan.version)
    stale.title = "Sửa trên bản cũ"
    stale.save()
    subplan.refresh_from_db()
    assert (subplan.status, subplan.version, subplan.title) == ("submitted", stale.version + 1, "Sửa trên bản cũ")
    assert subplan.logs.get().to_state == "submitted"
    # A campaign copy read as launched and saved after it was closed stays closed.
    campaign = Campaign.objects.get(pk=launched_campaign.pk)
    services.close_campaign(launched_campaign, staff_user)
    campaign.save()
    assert Campaign.objects.get(pk=campaign.pk).status == "closed"
