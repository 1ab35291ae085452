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


# --- Nothing changes a state outside the engine ------------------------------------------------------------

STATE_FIELDS = ("status", "state")


def stateful_models():
    from django.apps import apps

    project = {"campaigns", "awards", "reports", "registrations", "units", "thidua", "documents"}
    return [
        m
        for m in apps.get_models()
        if m._meta.app_label in project and any(f.name in STATE_FIELDS and f.choices for f in m._meta.concrete_fields)
    ]


def test_every_model_with_a_state_has_a_workflow_and_only_it_writes_the_state():
    """Every model with a state field (choices) is moved by a registered Workflow and guards the field on save."""
    import awards.services  # noqa: F401 (the tables are declared where their services live)
    import campaigns.services  # noqa: F401
    import registrations.services  # noqa: F401
    import reports.services  # noqa: F401
    from thidua.workflow import WORKFLOWS, StateGuardedModel

    models = stateful_models()
    assert {m.__name__ for m in models} >= {"Campaign", "CouncilSession", "Decision", "ReviewReport", "ImportBatch"}
    moved = {(w.model, w.state_field) for w in WORKFLOWS}
    for model in models:
        field = next(f.name for f in model._meta.concrete_fields if f.name in STATE_FIELDS and f.choices)
        assert (model, field) in moved, f"{model.__name__}.{field} has no Workflow"
        assert issubclass(model, StateGuardedModel) and field in model.guarded_fields, model.__name__


# Modules allowed to write a state field directly, and why. Everything else goes through thidua.workflow.
ALLOWED_WRITERS = {
    "thidua/workflow.py": "the engine",
    # Fabricated rows at province scale (thousands of units in every state), bulk-inserted for `make benchmark`:
    # they never exist outside the benchmark database.
    "benchmarks/data.py": "benchmark data",
    "reports/management/commands/bench_review_report.py": "benchmark data",
}
SCANNED = ("campaigns", "awards", "reports", "registrations", "units", "thidua", "benchmarks", "scripts")
CREATING = {"create", "get_or_create", "update_or_create", "bulk_create"}


def state_writes(source, filename="<source>"):
    """(line, what) for every write of a state field the AST shows: `x.status = …`, `setattr(x, "status", …)`,
    `.update(status=…)`, `.create(…, status=…)` (a row created in a state other than its default),
    `defaults={"status": …}`, `bulk_update(…, ["status"])`, `save(write_state=True)`."""
    import ast

    found = []
    for node in ast.walk(ast.parse(source, filename=filename)):
        if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                for sub in ast.walk(target):
                    if isinstance(sub, ast.Attribute) and sub.attr in STATE_FIELDS and isinstance(sub.ctx, ast.Store):
                        found.append((node.lineno, f".{sub.attr} ="))
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        keywords = {k.arg for k in node.keywords}
        if name == "setattr" and len(node.args) > 1 and getattr(node.args[1], "value", None) in STATE_FIELDS:
            found.append((node.lineno, "setattr"))
        if "write_state" in keywords:
            found.append((node.lineno, "write_state"))
        if name in CREATING | {"update"}:
            hit = keywords & set(STATE_FIELDS)
            for k in node.keywords:
                if k.arg == "defaults" and isinstance(k.value, ast.Dict):
                    hit |= {getattr(key, "value", None) for key in k.value.keys} & set(STATE_FIELDS)
            if hit:
                found.append((node.lineno, f"{name}({', '.join(sorted(hit))}=…)"))
        if name == "bulk_update":
            for arg in node.args[1:] + [k.value for k in node.keywords]:
                if any(getattr(e, "value", None) in STATE_FIELDS for e in ast.walk(arg) if isinstance(e, ast.Constant)):
                    found.append((node.lineno, "bulk_update"))
    return found


def test_no_module_writes_a_state_outside_the_engine():
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    offenders = []
    for package in SCANNED:
        for path in sorted((root / package).rglob("*.py")):
            relative = path.relative_to(root).as_posix()
            if "/migrations/" in relative or relative in ALLOWED_WRITERS:
                continue
            for line, what in state_writes(path.read_text(encoding="utf-8"), relative):
                offenders.append(f"{relative}:{line}: {what}")
    assert offenders == []


@pytest.mark.parametrize(
    "source, expected",
    [
        ("obj.status = 'x'", [(1, ".status =")]),
        ("Campaign.objects.filter(pk=1).update(status='closed')", [(1, "update(status=…)")]),
        ("ImportBatch.objects.filter(pk=1).update(state='imported', imported=3)", [(1, "update(state=…)")]),
        ("Decision.objects.create(number=1, status='issued')", [(1, "create(status=…)")]),
        ("X.objects.update_or_create(pk=1, defaults={'status': 'done'})", [(1, "update_or_create(status=…)")]),
        ("report.save(write_state=True)", [(1, "write_state")]),
        ("setattr(obj, 'status', 'done')", [(1, "setattr")]),
        ("X.objects.bulk_update(rows, ['status'])", [(1, "bulk_update")]),
        ("X.objects.filter(status='draft').update(title='t')", []),
        ("render(request, 'page.html', status=400)", []),
    ],
)
def test_the_scan_sees_each_kind_of_state_write(source, expected):
    assert state_writes(source) == expected
