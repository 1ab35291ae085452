"""Permissions said once: for every rule, the predicate the pages check and the queryset the lists show agree,
on the demo's users (every role, an administrator, a user of no unit, an anonymous visitor) × its objects."""

import pytest
from django.contrib.auth.models import AnonymousUser, User

from thidua.access import SCOPES, Rule, field_in, member_of, superuser

pytestmark = pytest.mark.django_db


def _pairs():
    """Every scoped queryset's rule, and the other rules the pages check, with the model they are asked of."""
    import awards.selectors  # noqa: F401 (registers its scopes)
    import campaigns.selectors  # noqa: F401
    import campaigns.unitdocs.selectors  # noqa: F401
    import registrations.selectors  # noqa: F401
    import reports.selectors  # noqa: F401
    from awards import permissions as ap
    from awards.models import CouncilSession, Decision, Nomination
    from campaigns import permissions as cp
    from campaigns.models import Campaign, ProgressReport, SubPlan
    from registrations.models import Registration

    pairs = [(name, model, rule) for name, model, rule in SCOPES]
    pairs += [("can_manage_campaign", Campaign, cp.can_manage_campaign)]
    for model in (SubPlan, ProgressReport, Registration):
        pairs += [
            (f"can_view_document {model.__name__}", model, cp.can_view_document),
            (f"can_write_document {model.__name__}", model, cp.can_write_document),
            (f"can_review_document {model.__name__}", model, cp.can_review_document),
        ]
    pairs += [
        ("can_edit_nomination", Nomination, ap.can_edit_nomination),
        ("can_review_nomination", Nomination, ap.can_review_nomination),
        ("can_vote_in_session", CouncilSession, ap.can_vote_in_session),
        ("can_close_session", CouncilSession, ap.can_close_session),
        ("is_rewarded_unit_member", Decision, ap.is_rewarded_unit_member),
    ]
    return pairs


def _users():
    admin = User.objects.create_superuser("quantri-test", "qt@example.org", "x")
    nobody = User.objects.create_user("khong-don-vi", "kdv@example.org", "x")
    return [*User.objects.exclude(pk__in=[admin.pk, nobody.pk]).order_by("pk"), admin, nobody, AnonymousUser()]


def test_every_predicate_agrees_with_its_queryset(demo):
    from campaigns.models import Campaign
    from reports.models import ReviewReport

    for campaign in Campaign.objects.exclude(status="draft"):  # the demo builds none (a worker would)
        ReviewReport.objects.create(campaign=campaign, kind="interim", version=1)
    users = _users()
    pairs = _pairs()
    assert {name for name, _, _ in pairs} >= {
        "campaigns_for",
        "nominations_for",
        "sessions_for",
        "decisions_for",
        "awards_for",
        "review_reports_for",
    }
    disagreements, checked = [], 0
    for name, model, rule in pairs:
        objects = list(model.objects.order_by("pk"))
        assert objects, f"the demo has no {model.__name__}: nothing would be checked for {name}"
        for user in users:
            listed = (
                set(rule.scope(user, model.objects.all()).values_list("pk", flat=True))
                if user.is_authenticated
                else set()
            )
            for obj in objects:
                checked += 1
                if rule(user, obj) != (obj.pk in listed):
                    disagreements.append(f"{name}: {user} {model.__name__} {obj.pk} check={rule(user, obj)}")
    assert disagreements == []
    assert checked > 1000


def test_the_agreement_check_catches_a_rule_said_two_ways(demo):
    """A rule whose two forms say different things is caught (the check above can fail)."""
    from campaigns.models import Campaign

    lying = Rule(lambda user, campaign: True, member_of("issuer").q, "lying")  # says yes, lists only the issuer's
    head = User.objects.get(username="chiengmung")
    listed = set(lying.scope(head, Campaign.objects.all()).values_list("pk", flat=True))
    assert any(lying(head, c) != (c.pk in listed) for c in Campaign.objects.all())


def test_leaves_combine_both_ways(demo):
    from campaigns.models import Campaign

    staff = User.objects.get(username="vanphong")
    rule = superuser | (member_of("issuer") & ~field_in("status", "draft"))
    listed = set(rule.scope(staff, Campaign.objects.all()).values_list("pk", flat=True))
    assert listed and all(c.status != "draft" for c in Campaign.objects.filter(pk__in=listed))
    assert all(rule(staff, c) == (c.pk in listed) for c in Campaign.objects.all())


def test_the_rules_package_is_gone():
    """One pattern: no django-rules registrations that nothing calls."""
    from django.conf import settings

    assert not any(app.startswith("rules") for app in settings.INSTALLED_APPS)
    assert not any(b.startswith("rules") for b in settings.AUTHENTICATION_BACKENDS)
