"""Who may do what with nominations, council sessions and decisions (small predicates, django-rules)."""

import rules

from campaigns.permissions import can_view_campaign, is_committee_staff
from units.enums import Role
from units.selectors import organization_ids_for

from .enums import DecisionStatus, NominationStatus, SessionStatus


@rules.predicate
def is_proposer_member(user, nomination):
    """Head or staff of the unit that proposes."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or nomination.proposer_id in organization_ids_for(user)


@rules.predicate
def is_reviewer(user, nomination):
    """Committee staff of the campaign's issuer: checks, returns, puts to the council, issues the decision."""
    return is_committee_staff(user, nomination.campaign)


@rules.predicate
def is_editable(user, nomination):
    return nomination.status in (NominationStatus.DRAFT, NominationStatus.RETURNED)


@rules.predicate
def is_on_my_session(user, nomination):
    if not user.is_authenticated or not nomination.session_id:
        return False
    return nomination.session.members.filter(pk=user.pk).exists()


@rules.predicate
def is_not_draft(user, nomination):
    return nomination.status != NominationStatus.DRAFT


can_view_nomination = is_proposer_member | (is_reviewer & is_not_draft) | is_on_my_session
can_edit_nomination = is_proposer_member & is_editable
can_review_nomination = is_reviewer


def can_nominate(user, campaign, proposer):
    """A unit nominates in a campaign it can see, for itself (head or staff of `proposer`)."""
    if not user.is_authenticated or campaign.status == "draft":
        return False
    if not can_view_campaign(user, campaign):
        return False
    return user.is_superuser or proposer.pk in organization_ids_for(user)


@rules.predicate
def is_session_manager(user, session):
    return is_committee_staff(user, session.campaign)


@rules.predicate
def is_session_member(user, session):
    return user.is_authenticated and session.members.filter(pk=user.pk).exists()


@rules.predicate
def session_is_open(user, session):
    return session.status == SessionStatus.OPEN


can_view_session = is_session_manager | is_session_member
can_vote_in_session = is_session_member & session_is_open
can_close_session = is_session_manager & session_is_open


def is_council_member_of(user, organization):
    return organization.pk in organization_ids_for(user, roles=(Role.COUNCIL,))


@rules.predicate
def is_decision_manager(user, decision):
    return is_committee_staff(user, decision.campaign)


@rules.predicate
def decision_is_issued(user, decision):
    return decision.status == DecisionStatus.ISSUED


@rules.predicate
def is_rewarded_unit_member(user, decision):
    if not user.is_authenticated:
        return False
    ids = organization_ids_for(user)
    return (
        decision.nominations.filter(proposer_id__in=ids).exists()
        or decision.amendments.filter(award__proposer_id__in=ids).exists()
    )


can_view_decision = is_decision_manager | (decision_is_issued & is_rewarded_unit_member)

rules.add_perm("awards.view_nomination_page", can_view_nomination)
rules.add_perm("awards.edit_nomination", can_edit_nomination)
rules.add_perm("awards.review_nomination", can_review_nomination)
rules.add_perm("awards.view_session", can_view_session)
rules.add_perm("awards.vote", can_vote_in_session)
