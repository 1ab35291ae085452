"""One mechanism for every reviewable document (sub-plans, progress reports, nominations).

A workflow is an explicit table of moves. `Workflow.apply` is the only way a
state changes: it checks the table and the actor's permission, then updates
the row conditionally (`filter(pk=…, status=old).update(…)`) inside a
transaction, so two reviewers acting at once cannot both win, writes the log
row, and schedules side effects with `transaction.on_commit`.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone

# A form without the version its page showed (an old page, or a hand-made request).
STALE_PAGE = "Trang bạn đang xem đã cũ (thiếu phiên bản hồ sơ): tải lại trang, xem nội dung rồi thao tác lại."


class TransitionError(Exception):
    """A move the table does not allow, or a missing reason: shown to the user as is."""


class TransitionConflict(TransitionError):
    """Someone else changed the record first."""


@dataclass(frozen=True)
class Move:
    action: str
    label: str
    sources: tuple
    target: str
    allowed: Callable  # (user, obj) -> bool
    needs_reason: bool = False
    style: str = "primary"
    side_effects: tuple = field(default=())  # callables (obj, actor, log) run on commit


class Workflow:
    def __init__(self, *, log_model, moves, state_field="status"):
        self.log_model = log_model
        self.moves = {move.action: move for move in moves}
        self.state_field = state_field

    def move(self, action):
        try:
            return self.moves[action]
        except KeyError:
            raise TransitionError("Thao tác không hợp lệ.") from None

    def available(self, user, obj):
        """Moves the user may make on the object in its current state (for buttons)."""
        state = getattr(obj, self.state_field)
        return [m for m in self.moves.values() if state in m.sources and m.allowed(user, obj)]

    def apply(self, obj, action, actor, *, reason="", extra_updates=None, expected_version=None):
        """Make the move. `expected_version` is the version the actor saw on the page: if the
        record changed since (withdrawn, edited, resubmitted), the move is refused, so nobody
        approves content they never saw."""
        move = self.move(action)
        old_state = getattr(obj, self.state_field)
        if old_state not in move.sources:
            raise TransitionError(f"Không thể «{move.label}» khi hồ sơ đang ở trạng thái «{obj.get_status_display()}».")
        if not move.allowed(actor, obj):
            raise PermissionDenied
        reason = (reason or "").strip()
        if move.needs_reason and not reason:
            raise TransitionError(f"«{move.label}» cần ghi rõ lý do.")
        model = type(obj)
        now = timezone.now()
        updates = {self.state_field: move.target, "updated_at": now}
        conditions = {"pk": obj.pk, self.state_field: old_state}
        if any(f.name == "version" for f in model._meta.concrete_fields):
            updates["version"] = F("version") + 1
            if expected_version is not None:
                conditions["version"] = expected_version
        updates.update(extra_updates or {})
        with transaction.atomic():
            changed = model.objects.filter(**conditions).update(**updates)
            if not changed:
                raise TransitionConflict(
                    "Hồ sơ đã thay đổi hoặc vừa được người khác xử lý sau khi bạn mở trang; "
                    "tải lại trang để xem nội dung và trạng thái mới."
                )
            log = self.log_model.objects.create(
                subject_id=obj.pk,
                actor=actor,
                action=move.action,
                from_state=old_state,
                to_state=move.target,
                note=reason,
                at=now,
            )
            for effect in move.side_effects:
                transaction.on_commit(lambda effect=effect: effect(obj.pk, actor.pk, log.pk))
        obj.refresh_from_db()
        return obj


class StateGuardedModel(models.Model):
    """A model whose state only the transition code writes.

    `save()` of a stored row leaves out `guarded_fields` (the state, and the version the pages carry): an edit
    page saving a copy read before someone else's move cannot write the old state (or version) back. The
    transition code writes them with its conditional `update()`, or with `save(write_state=True)` on a row it
    has locked. A new row is inserted whole (its initial state).
    """

    guarded_fields = ("status",)

    class Meta:
        abstract = True

    def save(self, *args, write_state=False, **kwargs):
        if not write_state and not self._state.adding and not kwargs.get("force_insert") and not args:
            update_fields = kwargs.get("update_fields")
            if update_fields is None:
                deferred = self.get_deferred_fields()
                update_fields = [
                    f.attname for f in self._meta.concrete_fields if not f.primary_key and f.attname not in deferred
                ]
            kwargs["update_fields"] = [name for name in update_fields if name not in self.guarded_fields]
        super().save(*args, **kwargs)


class TransitionLogBase(models.Model):
    """Who moved what from which state to which, when and why. Subclasses add `subject`."""

    actor = models.ForeignKey("auth.User", on_delete=models.PROTECT, related_name="+", verbose_name="người thực hiện")
    action = models.CharField("thao tác", max_length=32)
    from_state = models.CharField("từ trạng thái", max_length=32)
    to_state = models.CharField("sang trạng thái", max_length=32)
    note = models.TextField("ghi chú / lý do", blank=True)
    at = models.DateTimeField("thời điểm", default=timezone.now, db_index=True)

    # The subject's status TextChoices, so logs show "Đã gửi", never the stored code.
    states = None

    class Meta:
        abstract = True
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor}: {self.from_label} → {self.to_label}"

    def _label(self, state):
        if self.states is not None and state in self.states.values:
            return self.states(state).label
        return state

    @property
    def from_label(self):
        return self._label(self.from_state)

    @property
    def to_label(self):
        return self._label(self.to_state)
