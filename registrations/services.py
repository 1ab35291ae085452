"""Writes of registrations: obligations, the unit's draft (version-checked), the review moves."""

from django.core.exceptions import PermissionDenied, ValidationError

from awards.enums import AwardKind
from awards.models import AwardType
from campaigns.enums import CampaignStatus
from campaigns.permissions import can_manage_campaign, can_write_document
from campaigns.selectors import participating_organization_ids
from campaigns.services import subplan_due_date
from campaigns.unitdocs import services as unitdocs

from .models import Registration


def registration_year(campaign):
    """The emulation year a campaign's registrations are for: the year its period ends (as nominations' year)."""
    return campaign.period_end.year


def titles(campaign, *, collective):
    """Emulation titles (danh hiệu thi đua) in force on the campaign's rules date, for collectives or individuals."""
    qs = AwardType.objects.valid_on(campaign.period_end).filter(kind=AwardKind.TITLE)
    qs = qs.filter(for_collective=True) if collective else qs.filter(for_individual=True)
    return qs.order_by("sort_order", "name")


def expected_organization_ids(campaign):
    """Units asked to register: those taking part in the campaign (named in its assignments, or obliged)."""
    return set(participating_organization_ids(campaign)) - {campaign.issuer_id}


def request_registrations(campaign, actor, *, due_date=None, organizations=None):
    """Give every participating unit (or the ones given) its registration to fill. Returns how many new."""
    if not can_manage_campaign(actor, campaign):
        raise PermissionDenied
    if campaign.status != CampaignStatus.LAUNCHED:
        raise ValidationError("Chỉ yêu cầu đăng ký thi đua khi phong trào đang được phát động.")
    due = due_date or subplan_due_date(campaign)
    if organizations is None:
        ids = expected_organization_ids(campaign)
    else:
        ids = {o.pk if hasattr(o, "pk") else int(o) for o in organizations} - {campaign.issuer_id}
    have = set(Registration.objects.filter(campaign=campaign).values_list("organization_id", flat=True))
    year = registration_year(campaign)
    new = [
        Registration(campaign=campaign, organization_id=org_id, year=year, due_date=due, created_by=actor)
        for org_id in sorted(ids - have)
    ]
    Registration.objects.bulk_create(new, ignore_conflicts=True, batch_size=500)
    return len(new)


def start_registration(campaign, organization, actor):
    """A participating unit opens its own registration (when staff have not asked yet). Idempotent."""
    probe = Registration(campaign=campaign, organization=organization)
    if not can_write_document(actor, probe) or organization.pk not in expected_organization_ids(campaign):
        raise PermissionDenied
    registration, _created = Registration.objects.get_or_create(
        campaign=campaign,
        organization=organization,
        defaults={"year": registration_year(campaign), "due_date": subplan_due_date(campaign), "created_by": actor},
    )
    return registration


def save_registration(registration, actor, *, version, header, parts):
    """Save the unit's draft through the unit-document core (version check, NFC, content-changed stamp): `header`
    (model fields, `collective_title_id` among them) and `parts` ({"people": [{full_name, position, gender,
    ethnicity, birth_year, title_id}]} in order)."""
    return unitdocs.save(registration, actor, version=version, header=header, parts=parts)


def transition_registration(registration, action, actor, *, reason="", expected_version=None):
    """The one way a registration changes state (submit, withdraw, return, approve): the core's moves."""
    return unitdocs.transition(registration, action, actor, reason=reason, expected_version=expected_version)
