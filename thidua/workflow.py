"""The one transition engine: every state change of every model goes through a `Workflow`.

A workflow is an explicit table of moves. `Workflow.apply` is the only way a state changes: it checks the table
and the actor's permission, runs the move's `prepare` hooks (checks and the work whose result the move records)
on the row locked when the move asks for it, then updates the row conditionally (`filter(pk=…, status=old)
.update(…)`) inside a transaction, so two actors at once cannot both win, writes the log row (the model's own log,
or the generic `thidua.TransitionLog`), runs the move's in-transaction `effects` and schedules its `side_effects`
with `transaction.on_commit`.

Every workflow registers itself in `WORKFLOWS` (README "One transition engine" lists them);
tests/test_workflow.py fails on a model with a state field that has none, and on a state written anywhere else.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone

# A form without the version its page showed (an old page, or a hand-made request).
STALE_PAGE = "Trang bạn đang xem đã cũ (thiếu phiên bản hồ sơ): tải lại trang, xem nội dung rồi thao tác lại."

# Every Workflow built (at import of the module that declares its table).
WORKFLOWS = []


class TransitionError(Exception):
    """A move the table does not allow, or a missing reason: shown to the user as is."""


class TransitionConflict(TransitionError):
    """Someone else changed the record first."""


SYSTEM = None  # `Move.allowed` of a move made by the system (a worker, a clean-up), never by a user's button


@dataclass(frozen=True)
class Move:
    """One row of a workflow's table.

    allowed(user, obj) -> bool is the permission (SYSTEM: made by the system, with or without an actor).
    The hooks take (obj, actor, ctx), where ctx is the dict of keyword arguments given to `apply` with the `reason` (a hook may
    add to it for the next one), and obj is the row locked for the move when `lock` is set:
      prepare: checks and work before the state is written (raise to refuse; nothing is written then);
      updates: returns the other fields written with the state (timestamps, who, figures the prepare computed);
      effects: (obj, actor, log, ctx) after the state is written, in the same transaction;
      side_effects: (obj_pk, actor_pk, log_pk) after commit (mail, printing, builds).
    """

    action: str
    label: str
    sources: tuple
    target: str
    allowed: Callable | None  # (user, obj) -> bool; SYSTEM for moves nobody presses
    needs_reason: bool = False
    style: str = "primary"
    side_effects: tuple = field(default=())
    prepare: tuple = field(default=())
    updates: Callable | None = None
    effects: tuple = field(default=())
    lock: bool = False  # lock the row and take its current state (else: the state of the caller's copy)
    refused: str = ""  # the message when the state is not a source (default: names the move and the state)


class Workflow:
    def __init__(self, *, moves, log_model=None, state_field="status", model=None, name=""):
        """log_model: the model's own log (a TransitionLogBase with `subject`); None writes thidua.TransitionLog.
        model: the model whose state moves (taken from the log's `subject` when not given)."""
        self.log_model = log_model
        self.moves = {move.action: move for move in moves}
        self.state_field = state_field
        self._model = model
        self.name = name
        WORKFLOWS.append(self)

    @property
    def model(self):
        if self._model is None and self.log_model is not None:
            self._model = self.log_model._meta.get_field("subject").related_model
        return self._model

    def move(self, action):
        try:
            return self.moves[action]
        except KeyError:
            raise TransitionError("Thao tác không hợp lệ.") from None

    def available(self, user, obj):
        """Moves the user may make on the object in its current state (for buttons)."""
        state = getattr(obj, self.state_field)
        return [m for m in self.moves.values() if state in m.sources and m.allowed and m.allowed(user, obj)]

    def state_label(self, obj):
        display = getattr(obj, f"get_{self.state_field}_display", None)
        return display() if display else getattr(obj, self.state_field)

    def refuse(self, move, obj):
        if move.refused:
            raise TransitionError(move.refused)
        raise TransitionError(f"Không thể «{move.label}» khi hồ sơ đang ở trạng thái «{self.state_label(obj)}».")

    def apply(self, obj, action, actor, *, reason="", extra_updates=None, expected_version=None, **ctx):
        """Make the move. `expected_version` is the version the actor saw on the page: if the
        record changed since (withdrawn, edited, resubmitted), the move is refused, so nobody
        approves content they never saw. Other keyword arguments reach the move's hooks as `ctx`."""
        move = self.move(action)
        if not move.lock and getattr(obj, self.state_field) not in move.sources:
            self.refuse(move, obj)
        if move.allowed is not SYSTEM and not move.allowed(actor, obj):
            raise PermissionDenied
        reason = (reason or "").strip()
        if move.needs_reason and not reason:
            raise TransitionError(f"«{move.label}» cần ghi rõ lý do.")
        ctx["reason"] = reason
        model = type(obj)
        fields = {f.name for f in model._meta.concrete_fields}
        with transaction.atomic():
            subject = obj
            if move.lock:
                subject = model.objects.select_for_update().get(pk=obj.pk)
                if getattr(subject, self.state_field) not in move.sources:
                    self.refuse(move, subject)
            old_state = getattr(subject, self.state_field)
            for check in move.prepare:
                check(subject, actor, ctx)
            now = timezone.now()
            updates = {self.state_field: move.target}
            if "updated_at" in fields:
                updates["updated_at"] = now
            conditions = {"pk": obj.pk, self.state_field: old_state}
            if "version" in getattr(model, "guarded_fields", ()):  # the edit pages' version (not a build number)
                updates["version"] = F("version") + 1
                if expected_version is not None:
                    conditions["version"] = expected_version
            if move.updates is not None:
                updates.update(move.updates(subject, actor, ctx))
            updates.update(extra_updates or {})
            changed = model.objects.filter(**conditions).update(**updates)
            if not changed:
                raise TransitionConflict(
                    "Hồ sơ đã thay đổi hoặc vừa được người khác xử lý sau khi bạn mở trang; "
                    "tải lại trang để xem nội dung và trạng thái mới."
                )
            log = self._log(obj.pk, model, actor, move, old_state, reason, now)
            if move.effects:
                subject.refresh_from_db()
                for effect in move.effects:
                    effect(subject, actor, log, ctx)
            actor_pk = getattr(actor, "pk", None)
            for effect in move.side_effects:
                transaction.on_commit(lambda effect=effect: effect(obj.pk, actor_pk, log.pk))
        obj.refresh_from_db()
        return obj

    def apply_many(self, queryset, action, actor=None, *, reason="", extra_updates=None):
        """A system move on every row of `queryset` in one of its sources (clean-ups): one update, one log row
        per row moved. Returns the number of rows moved. Moves with hooks go one by one through `apply`."""
        move = self.move(action)
        if move.allowed is not SYSTEM or move.prepare or move.effects or move.updates or move.side_effects:
            raise TransitionError("Thao tác này đi từng hồ sơ một.")
        model = queryset.model
        fields = {f.name for f in model._meta.concrete_fields}
        now = timezone.now()
        with transaction.atomic():
            rows = list(
                queryset.filter(**{f"{self.state_field}__in": move.sources})
                .select_for_update()
                .values_list("pk", self.state_field)
            )
            if not rows:
                return 0
            updates = {self.state_field: move.target, **(extra_updates or {})}
            if "updated_at" in fields:
                updates["updated_at"] = now
            model.objects.filter(pk__in=[pk for pk, _ in rows]).update(**updates)
            for pk, old_state in rows:
                self._log(pk, model, actor, move, old_state, reason, now)
        return len(rows)

    def _log(self, pk, model, actor, move, old_state, note, at):
        values = {
            "actor": actor,
            "action": move.action,
            "from_state": old_state,
            "to_state": move.target,
            "note": note,
            "at": at,
        }
        if self.log_model is not None:
            return self.log_model.objects.create(subject_id=pk, **values)
        from django.contrib.contenttypes.models import ContentType

        from .models import TransitionLog

        return TransitionLog.objects.create(
            content_type=ContentType.objects.get_for_model(model), object_id=pk, **values
        )


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
