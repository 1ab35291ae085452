"""Who may do what with nominations, council sessions, decisions and the registry: rules said once
(thidua.access), each both a predicate (`rule(user, obj)`) and the filter of the lists (`rule.q(user)`)."""

from django.db.models import Exists, OuterRef, Q

from campaigns.permissions import can_view_campaign, is_committee_staff
from thidua.access import NONE, field_in, leaf, member_of, superuser
from units.enums import Role
from units.selectors import organization_ids_for

from .enums import DecisionStatus, NominationStatus, SessionStatus

ALL_ROLES = (Role.HEAD, Role.STAFF, Role.COUNCIL)

# --- Nominations ---------------------------------------------------------------------------------------

# Head or staff of the unit that proposes.
is_proposer_member = superuser | member_of("proposer")
# Committee staff of the campaign's issuer: checks, returns, puts to the council, issues the decision.
is_reviewer = is_committee_staff.via("campaign")
is_editable = field_in("status", NominationStatus.DRAFT, NominationStatus.RETURNED)
is_not_draft = ~field_in("status", NominationStatus.DRAFT)


def _on_my_session_check(user, nomination):
    if not user.is_authenticated or not nomination.session_id:
        return False
    return nomination.session.members.filter(pk=user.pk).exists()


def _on_my_session_q(user, prefix):
    """An EXISTS subquery, not a join on the members and DISTINCT over every nomination."""
    from .models import CouncilSession

    if not user.is_authenticated:
        return NONE
    return Q(
        Exists(
            CouncilSession.members.through.objects.filter(
                councilsession_id=OuterRef(f"{prefix}session_id"), user=user.pk
            )
        )
    )


# A member of the council sitting the nomination is on.
is_on_my_session = leaf("is_on_my_session", _on_my_session_check, _on_my_session_q)

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


# --- Council sittings --------------------------------------------------------------------------------------

is_session_manager = is_committee_staff.via("campaign")


def _session_member_q(user, prefix):
    return Q(**{f"{prefix}members": user.pk}) if user.is_authenticated else NONE


is_session_member = leaf(
    "is_session_member",
    lambda user, session: user.is_authenticated and session.members.filter(pk=user.pk).exists(),
    _session_member_q,
)
session_is_open = field_in("status", SessionStatus.OPEN)

can_view_session = is_session_manager | is_session_member
can_vote_in_session = is_session_member & session_is_open
can_close_session = is_session_manager & session_is_open


def is_council_member_of(user, organization):
    return organization.pk in organization_ids_for(user, roles=(Role.COUNCIL,))


# --- Decisions ---------------------------------------------------------------------------------------------

is_decision_manager = is_committee_staff.via("campaign")
decision_is_issued = field_in("status", DecisionStatus.ISSUED)


def _rewarded_check(user, decision):
    if not user.is_authenticated:
        return False
    ids = organization_ids_for(user)
    return (
        decision.nominations.filter(proposer_id__in=ids).exists()
        or decision.amendments.filter(award__proposer_id__in=ids).exists()
    )


def _rewarded_q(user, prefix):
    if not user.is_authenticated:
        return NONE
    ids = organization_ids_for(user)
    return Q(**{f"{prefix}nominations__proposer__in": ids}) | Q(**{f"{prefix}amendments__award__proposer__in": ids})


# A unit whose nomination the decision awards (or whose award it revokes or corrects).
is_rewarded_unit_member = leaf("is_rewarded_unit_member", _rewarded_check, _rewarded_q)

can_view_decision = is_decision_manager | (decision_is_issued & is_rewarded_unit_member)

# --- The registry ------------------------------------------------------------------------------------------

# Awards the user's organisations decided or proposed (any role, the council's included).
can_view_award = superuser | member_of("decision__issuer", roles=ALL_ROLES) | member_of("proposer", roles=ALL_ROLES)
