"""The kind of review is defined once, in campaigns.enums, and the reports app uses that definition."""

import io

import pytest
from django.core.management import call_command

import reports.enums
from campaigns.enums import ReviewKind
from reports.models import ReviewReport


def test_reports_use_the_campaigns_review_kind():
    assert not hasattr(reports.enums, "ReviewKind")  # no second definition to drift apart
    assert ReviewReport._meta.get_field("kind").choices == ReviewKind.choices


@pytest.mark.django_db
def test_no_migration_is_pending_for_reports():
    out = io.StringIO()
    call_command("makemigrations", "reports", "--check", "--dry-run", stdout=out)  # exits 1 on a pending change
    assert "No changes detected" in out.getvalue()
