"""The review workflow shared by every document a unit writes (every kind of `campaigns.unitdocs`).

draft → submitted → returned (reason) → submitted → approved; withdraw (submitted → draft) before
review. Approved is final. One table, built once per kind (`DocumentKind.workflow`) on `thidua.workflow.Workflow`.
"""

from thidua.workflow import Move, Workflow

from .enums import DocumentStatus as S
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


def __getattr__(name):
    """The tables of the two first kinds under the names they had (each kind now holds its own: kind.workflow)."""
    keys = {"SUBPLAN_WORKFLOW": "subplan", "PROGRESS_WORKFLOW": "report"}
    if name not in keys:
        raise AttributeError(name)
    from .unitdocs.core import get_kind

    return get_kind(keys[name]).workflow
