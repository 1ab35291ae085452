"""Input that would crash or stall the app, refused or cleaned everywhere, with Vietnamese messages.

- NUL (``\\x00``): PostgreSQL cannot store it and it means nothing in text. Query strings (search boxes,
  filters) are cleaned by ``NulCharacterMiddleware``; posted text is refused by every form field (Django's
  ``ProhibitNullCharactersValidator``, here with a Vietnamese message) and by the views that read posted
  text directly (``has_nul``), the text staying in the form.
- Lengths: ``limited(n)`` gives a model TextField its maximum (checked by forms and by ``full_clean``),
  ``NARRATIVE`` for long texts, ``TITLE`` for subject lines and reasons.
- Ranges: figures are never negative, birth years 1900..this year, years 1945..2100, dates in 1945..2100.
- Django messages with no Vietnamese translation shipped are set here, in code (``install()``, from the
  app's ``ready``).
"""

import datetime

from django.core import validators
from django.core.exceptions import ValidationError
from django.utils import timezone

NUL = "\x00"
NUL_MESSAGE = "Nội dung có ký tự không hợp lệ (NUL, mã 0): xóa ký tự đó rồi lưu lại."
INVALID_PK_MESSAGE = "“%(pk)s” không phải là giá trị hợp lệ."
NARRATIVE = 20_000  # characters: a narrative section, an achievement, a plan's part
TITLE = 2_000  # a subject line, a reason, a short note
FIRST_YEAR, LAST_YEAR = 1945, 2100
FIRST_BIRTH_YEAR = 1900


def has_nul(*values):
    return any(isinstance(v, str) and NUL in v for v in values)


def strip_nul(value):
    return value.replace(NUL, "") if isinstance(value, str) else value


def limited(limit=NARRATIVE):
    """Keyword arguments for a models.TextField: max_length (forms, the textarea) and the same limit checked
    by full_clean (Django checks a TextField's max_length only in forms)."""
    message = f"Tối đa {limit:,} ký tự (hiện có %(show_value)s).".replace(",", ".")
    return {"max_length": limit, "validators": [validators.MaxLengthValidator(limit, message=message)]}


def validate_year(value):
    if value is not None and not FIRST_YEAR <= value <= LAST_YEAR:
        raise ValidationError(f"Năm phải trong khoảng {FIRST_YEAR}–{LAST_YEAR}.", code="year_range")


def validate_birth_year(value):
    this_year = timezone.localdate().year
    if value is not None and not FIRST_BIRTH_YEAR <= value <= this_year:
        raise ValidationError(f"Năm sinh phải trong khoảng {FIRST_BIRTH_YEAR}–{this_year}.", code="birth_year_range")


def validate_date(value):
    if value is not None and not datetime.date(FIRST_YEAR, 1, 1) <= value <= datetime.date(LAST_YEAR, 12, 31):
        raise ValidationError(f"Ngày phải trong khoảng năm {FIRST_YEAR}–{LAST_YEAR}.", code="date_range")


def validate_figure(value):
    if value is not None and value < 0:
        raise ValidationError("Số liệu không được âm.", code="negative")


def install():
    """Vietnamese for the Django messages the shipped translation leaves in English."""
    from django import forms

    validators.ProhibitNullCharactersValidator.message = NUL_MESSAGE
    forms.ModelMultipleChoiceField.default_error_messages["invalid_pk_value"] = INVALID_PK_MESSAGE
    # Every date typed in a form (plans, due dates, decisions, sittings, searches, the admin) within 1945–2100:
    # 01/01/0001 was accepted and printed.
    # A text area without its own limit takes at most NARRATIVE characters (2.2 MB was accepted and the print
    # timed out); model TextFields carry theirs with limited().
    if not getattr(forms.CharField.__init__, "limits_text_areas", False):
        original = forms.CharField.__init__

        def __init__(self, *args, max_length=None, widget=None, **kwargs):
            textarea = widget is forms.Textarea or isinstance(widget, forms.Textarea)
            if max_length is None and textarea:
                max_length = NARRATIVE
            original(self, *args, max_length=max_length, widget=widget, **kwargs)

        __init__.limits_text_areas = True
        forms.CharField.__init__ = __init__
    if validate_date not in forms.DateField.default_validators:
        forms.DateField.default_validators = [*forms.DateField.default_validators, validate_date]
