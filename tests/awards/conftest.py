"""Fixtures for commendation tests: the catalogue, campaigns of a party or a people's committee, nominations."""

import datetime

import pytest

from awards.catalogue import seed_catalogue
from awards.enums import NominationStatus, NomineeKind
from awards.models import Award, AwardType, Decision, DossierFile, Nomination
from campaigns.services import launch_campaign
from tests.factories import AssignmentFactory, CampaignFactory, ContentAreaFactory, OrganizationFactory

D = datetime.date


@pytest.fixture
def catalogue(db):
    seed_catalogue()  # idempotent; transactional tests flush the migration's rows


def award_type(code, day):
    return AwardType.objects.valid_on(day).get(code=code)


@pytest.fixture
def make_campaign(catalogue, issuer, unit, other_unit, staff_user):
    """A launched campaign whose emulation period ends on `period_end`, issued by `issuer` or a given body."""

    def _make(period_end=None, issuer_org=None):
        period_end = period_end or D(2024, 12, 31)
        org = issuer_org or issuer
        campaign = CampaignFactory(issuer=org, period_start=D(period_end.year, 1, 1), period_end=period_end)
        ContentAreaFactory(campaign=campaign)
        AssignmentFactory(campaign=campaign, organizations=[unit, other_unit])
        return launch_campaign(campaign, staff_user, issued_on=D(period_end.year, 1, 10))

    return _make


@pytest.fixture
def people_committee(issuer, staff_user):
    """UBND huyện: awards Lao động tiên tiến and Chiến sĩ thi đua cơ sở (staff_user is its staff too)."""
    from units.enums import Role
    from units.models import Membership

    org = OrganizationFactory(
        kind="peoples_committee", level="district", name="Ủy ban nhân dân huyện Thử", code="ubnd-thu", parent=issuer
    )
    Membership.objects.create(user=staff_user, organization=org, role=Role.STAFF)
    return org


@pytest.fixture
def commune_committee(issuer, staff_user):
    from units.enums import Role
    from units.models import Membership

    org = OrganizationFactory(
        kind="peoples_committee", level="commune", name="Ủy ban nhân dân xã Thử", code="ubnd-xa-thu", parent=issuer
    )
    Membership.objects.create(user=staff_user, organization=org, role=Role.STAFF)
    return org


_counter = iter(range(1, 10**6))


def add_dossier(nomination, kinds=("proposal", "achievement")):
    """Dossier rows for the eligibility rules (no file on disk: only the kinds matter to the rules)."""
    for kind in kinds:
        DossierFile.objects.create(
            nomination=nomination,
            kind=kind,
            file=f"awards/dossiers/test-{kind}.pdf",
            original_name=f"{kind}.pdf",
            content_type="application/pdf",
            size=1,
            sha256="0" * 64,
        )


def make_nomination(campaign, proposer, code, *, status=NominationStatus.DRAFT, name=None, dossier=True, **fields):
    """A nomination straight in the database (rules tests set up states without the workflow), with the required
    dossier unless dossier=False."""
    defaults = {
        "nominee_kind": NomineeKind.INDIVIDUAL,
        "full_name": name or f"Nguyễn Văn {next(_counter)}",
        "birth_year": 1980,
        "achievement": f"Thành tích số {next(_counter)}",
        "year": campaign.period_end.year,
    }
    defaults.update(fields)
    nomination = Nomination.objects.create(
        campaign=campaign,
        proposer=proposer,
        award_type=award_type(code, campaign.period_end),
        status=status,
        **defaults,
    )
    if dossier:
        add_dossier(nomination)
    return nomination


def make_award(campaign, proposer, code, *, name=None, year=None, decision=None, **fields):
    """An award in the registry (from an issued decision of `campaign`)."""
    if decision is None:
        decision = Decision.objects.filter(campaign=campaign).first() or Decision.objects.create(
            issuer=campaign.issuer,
            campaign=campaign,
            issuing_body="HUYỆN THỬ",
            number=next(_counter),
            symbol="QĐ-UBND",
            place="Thử",
            issued_on=campaign.period_end,
            signer_name="Người Ký",
            status="issued",
        )
    return Award.objects.create(
        decision=decision,
        award_type=award_type(code, campaign.period_end),
        proposer=proposer,
        nominee_kind=fields.pop("nominee_kind", NomineeKind.INDIVIDUAL),
        full_name=name or f"Trần Thị {next(_counter)}",
        birth_year=fields.pop("birth_year", 1980),
        year=year or campaign.period_end.year,
        achievement=fields.pop("achievement", f"Thành tích {next(_counter)}"),
        decided_on=decision.issued_on,
        **fields,
    )
