"""The review workflow shared by every document a unit writes (every kind of `campaigns.unitdocs`).

draft → submitted → returned (reason) → submitted → approved; withdraw (submitted → draft) before
review. Approved is final. One table, built once per kind (`DocumentKind.workflow`) on `thidua.workflow.Workflow`.
"""

from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from thidua.text import nfc
from thidua.workflow import Move, TransitionError, Workflow

from .enums import DocumentStatus as S
from .permissions import can_review_document, can_write_document

SUBMIT, WITHDRAW, RETURN, APPROVE = "submit", "withdraw", "return", "approve"


def _complete(doc, actor, ctx):
    """`gaps_of(doc)` (given by the kind) lists what blocks a submission."""
    gaps = ctx.get("gaps_of", lambda doc: [])(doc)
    if gaps:
        raise TransitionError("Chưa nộp được: " + "; ".join(gaps) + ".")


def _submitted(doc, actor, ctx):
    now = timezone.now()
    return {"submitted_at": now, "first_submitted_at": Coalesce(F("first_submitted_at"), Value(now))}


def _returned(doc, actor, ctx):
    return {"return_reason": nfc((ctx.get("reason") or "").strip()), "reviewed_by": actor}


def _approved(doc, actor, ctx):
    return {"approved_at": timezone.now(), "reviewed_by": actor}


def review_workflow(log_model, notify):
    """The table of moves; `notify(obj_pk, actor_pk, log_pk)` runs on commit after each move."""
    effects = (notify,)
    return Workflow(
        log_model=log_model,
        moves=[
            Move(
                SUBMIT,
                "Nộp",
                (S.DRAFT, S.RETURNED),
                S.SUBMITTED,
                can_write_document,
                side_effects=effects,
                prepare=(_complete,),
                updates=_submitted,
            ),
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
                updates=_returned,
            ),
            Move(
                APPROVE,
                "Duyệt",
                (S.SUBMITTED,),
                S.APPROVED,
                can_review_document,
                style="success",
                side_effects=effects,
                updates=_approved,
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
