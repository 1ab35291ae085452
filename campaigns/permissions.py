"""Who may do what with a campaign and its units' documents: rules said once (thidua.access), each both a
predicate (`rule(user, obj)`) and the queryset filter the selectors scope lists with (`rule.q(user)`)."""

from django.db.models import Exists, OuterRef, Q

from thidua.access import field_in, leaf, member_of, superuser
from units.selectors import organization_ids_for

from .enums import CampaignStatus


def _takes_part_check(user, campaign):
    from .selectors import participating_organization_ids

    return bool(participating_organization_ids(campaign) & organization_ids_for(user))


def _takes_part_q(user, prefix):
    from .models import Assignment, SubPlan

    outer = OuterRef(prefix[:-2] if prefix else "pk")
    org_ids = organization_ids_for(user)
    if not org_ids:
        # Always false, and known to be: a user of no unit runs no query for it (EXISTS would be sent to the DB).
        return Q(**{f"{prefix}pk__in": []})
    # EXISTS subqueries, not a DISTINCT join: joining assignments' organisations and sub-plans in one filter
    # yields units × sub-plans rows per campaign (a million rows at 1,000 units).
    named = Exists(
        Assignment.organizations.through.objects.filter(assignment__campaign=outer, organization_id__in=org_ids)
    )
    obliged = Exists(SubPlan.objects.filter(campaign=outer, organization_id__in=org_ids))
    return named | obliged


# A unit named in the plan's assignments or given an obligation (sub-plan).
takes_part = leaf("takes_part", _takes_part_check, _takes_part_q)
is_past_draft = ~field_in("status", CampaignStatus.DRAFT)

# Staff or head of the issuing organisation: writes, launches and reviews.
is_committee_staff = superuser | member_of("issuer")
# A member of a unit that takes part in a launched (or closed) campaign.
is_participant = is_past_draft & takes_part

can_view_campaign = is_committee_staff | is_participant
can_manage_campaign = is_committee_staff


# --- Units' documents (sub-plans, progress reports, registrations): `obj` has `.campaign` and `.organization` --

# Committee staff of the campaign that asked for the document.
is_document_reviewer = is_committee_staff.via("campaign")
# Head or staff of the unit that writes the document (its campaign past the draft: documents exist from launch).
is_document_unit_member = superuser | (member_of("organization") & is_past_draft.via("campaign"))
campaign_is_running = field_in("campaign__status", CampaignStatus.LAUNCHED)

can_view_document = is_document_reviewer | is_document_unit_member
# Writing and submitting: the unit, while the campaign runs (the state is checked by the workflow table).
can_write_document = is_document_unit_member & campaign_is_running
can_review_document = is_document_reviewer
