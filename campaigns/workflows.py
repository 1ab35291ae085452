"""The review workflow shared by every document a unit writes (sub-plans, progress reports).

draft → submitted → returned (reason) → submitted → approved; withdraw (submitted → draft) before
review. Approved is final. One table, built once per document model on `thidua.workflow.Workflow`.
"""

from thidua.workflow import Move, Workflow

from .enums import DocumentStatus as S
from .models import ProgressReportLog, SubPlanLog
from .permissions import can_review_document, can_write_document

SUBMIT, WITHDRAW, RETURN, APPROVE = "submit", "withdraw", "return", "approve"


def review_workflow(log_model, notify):
    """The table of moves; `notify(obj_pk, actor_pk, log_pk)` runs on commit after each move."""
    effects = (notify,)
    return Workflow(
        log_model=log_model,
        moves=[
            Move(SUBMIT, "Nộp", (S.DRAFT, S.RETURNED), S.SUBMITTED, can_write_document, side_effects=effects),
            Move(
                WITHDRAW,
                "Rút lại để sửa",
                (S.SUBMITTED,),
                S.DRAFT,
                can_write_document,
                style="outline-secondary",
                side_effects=effects,
            ),
            Move(
                RETURN,
                "Trả lại",
                (S.SUBMITTED,),
                S.RETURNED,
                can_review_document,
                needs_reason=True,
                style="warning",
                side_effects=effects,
            ),
            Move(
                APPROVE, "Duyệt", (S.SUBMITTED,), S.APPROVED, can_review_document, style="success", side_effects=effects
            ),
        ],
    )


def _notify_subplan(subplan_pk, actor_pk, log_pk):
    from thidua import outbox

    from .tasks import notify_subplan_transition

    outbox.send(notify_subplan_transition, log_pk, label="thư thông báo")


SUBPLAN_WORKFLOW = review_workflow(SubPlanLog, _notify_subplan)


def _notify_progress(report_pk, actor_pk, log_pk):
    from thidua import outbox

    from .tasks import notify_progress_transition

    outbox.send(notify_progress_transition, log_pk, label="thư thông báo")


PROGRESS_WORKFLOW = review_workflow(ProgressReportLog, _notify_progress)
