"""State enums that say their label and their badge colour once (like pretalx's SubmissionStates).

    class DocumentStatus(StateChoices):
        DRAFT = "draft", "Đang soạn"
        APPROVED = "approved", "Đã duyệt"
        BADGES = nonmember({"draft": "secondary", "approved": "success"})

`DocumentStatus.APPROVED.label` is the Vietnamese name, `.badge` the Bootstrap colour (`text-bg-<badge>`);
templates show a state with `{% state_badge obj %}` (templatetags `states`), never by retyping either.
"""

from enum import nonmember

from django.db import models

__all__ = ["StateChoices", "nonmember"]


class StateChoices(models.TextChoices):
    """TextChoices of a state field; subclasses give `BADGES = nonmember({value: colour})`."""

    @property
    def badge(self):
        return type(self).BADGES.get(self.value, "secondary")

    @classmethod
    def badge_of(cls, value):
        """The colour of a stored value ("" when the value is not a state of this enum)."""
        return cls.BADGES.get(value, "secondary")
