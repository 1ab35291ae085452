"""Who may do what with a campaign: small predicates (django-rules)."""

import rules

from units.selectors import organization_ids_for


@rules.predicate
def is_committee_staff(user, campaign):
    """Staff or head of the issuing organisation: writes, launches and reviews."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return campaign.issuer_id in organization_ids_for(user)


@rules.predicate
def is_participant(user, campaign):
    """A member of a unit that has an assignment (or obligation) in a launched campaign."""
    if not user.is_authenticated or campaign.status == "draft":
        return False
    from .selectors import participating_organization_ids

    return bool(participating_organization_ids(campaign) & organization_ids_for(user))


can_view_campaign = is_committee_staff | is_participant
can_manage_campaign = is_committee_staff

rules.add_perm("campaigns.view_campaign_page", can_view_campaign)
rules.add_perm("campaigns.manage_campaign", can_manage_campaign)


# --- Units' documents (sub-plans, progress reports): `obj` has `.campaign` and `.organization_id` ---------


@rules.predicate
def is_document_reviewer(user, doc):
    """Committee staff of the campaign that asked for the document."""
    return is_committee_staff(user, doc.campaign)


@rules.predicate
def is_document_unit_member(user, doc):
    """Head or staff of the unit that writes the document."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return doc.organization_id in organization_ids_for(user)


@rules.predicate
def campaign_is_running(user, doc):
    return doc.campaign.status == "launched"


can_view_document = is_document_reviewer | is_document_unit_member
# Writing and submitting: the unit, while the campaign runs (the state is checked by the workflow table).
can_write_document = is_document_unit_member & campaign_is_running
can_review_document = is_document_reviewer

rules.add_perm("campaigns.view_subplan", can_view_document)
rules.add_perm("campaigns.write_subplan", can_write_document)
rules.add_perm("campaigns.review_subplan", can_review_document)
