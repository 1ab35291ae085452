"""Every eligibility rule, with its boundary and the date a rule changed."""

import datetime

import pytest

from awards import eligibility, services
from awards.enums import NominationStatus as S
from awards.enums import NomineeKind
from awards.models import AwardType
from thidua.workflow import TransitionError

from .conftest import make_award, make_nomination

D = datetime.date
pytestmark = pytest.mark.django_db


def finding(nom, rule):
    found = [f for f in eligibility.evaluate(nom) if f.rule == rule]
    assert found, f"no finding for {rule}"
    return found[0]


def failures(nom):
    return {f.rule: f.severity for f in eligibility.evaluate(nom) if not f.ok}


# --- the date a rule changed ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period_end", "ok", "severity"),
    [
        (D(2020, 12, 31), False, "soft"),  # 2003/2013 law: a commune chairman only proposes CSTĐCS
        (D(2025, 6, 30), False, "soft"),  # Law 06/2022 with the district level: still only proposes
        (D(2025, 7, 1), True, "hard"),  # Decree 152/2025: the commune chairman decides it
    ],
)
def test_commune_chairman_authority_for_cstdcs_changes_on_1_july_2025(
    make_campaign, commune_committee, unit, period_end, ok, severity
):
    campaign = make_campaign(period_end, commune_committee)
    nom = make_nomination(campaign, unit, "cstdcs")
    f = finding(nom, "authority")
    assert (f.ok, f.severity) == (ok, severity)


@pytest.mark.parametrize(("period_end", "ok"), [(D(2025, 6, 30), True), (D(2025, 7, 1), False)])
def test_district_chairman_loses_cstdcs_when_the_district_level_ends(
    make_campaign, people_committee, unit, period_end, ok
):
    campaign = make_campaign(period_end, people_committee)
    nom = make_nomination(campaign, unit, "cstdcs")
    f = finding(nom, "authority")
    assert f.ok is ok
    if not ok:
        assert f.severity == "hard"


@pytest.mark.parametrize(("period_end", "ok"), [(D(2025, 6, 30), True), (D(2025, 7, 1), False)])
def test_award_type_must_be_in_force_on_the_rules_date(make_campaign, people_committee, unit, period_end, ok):
    campaign = make_campaign(D(2025, 6, 30), people_committee)
    nom = make_nomination(campaign, unit, "giay-khen-ubnd-huyen")
    campaign.period_end = period_end  # the same nomination judged on another day
    assert finding(nom, "period").ok is ok


def test_version_of_the_rules_date_is_used(make_campaign, people_committee, unit):
    campaign = make_campaign(D(2020, 12, 31), people_committee)
    nom = services.create_nomination(
        campaign,
        unit,
        _unit_user(unit),
        nominee_kind=NomineeKind.INDIVIDUAL,
        full_name="Lò Văn A",
        birth_year=1980,
        award_type=AwardType.objects.valid_on(D(2024, 6, 1)).get(code="ldtt"),
        achievement="x",
    )
    assert nom.award_type.valid_to == D(2023, 12, 31)
    assert "91/2017" in nom.award_type.legal_source


def _unit_user(unit):
    from tests.factories import MembershipFactory, UserFactory

    return MembershipFactory(organization=unit, role="staff", user=UserFactory(username=f"u{unit.pk}")).user


# --- who the award is for, authority -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "kind", "ok"),
    [
        ("ldtt", NomineeKind.INDIVIDUAL, True),
        ("ldtt", NomineeKind.COLLECTIVE, False),
        ("ttldtt", NomineeKind.COLLECTIVE, True),
        ("ttldtt", NomineeKind.INDIVIDUAL, False),
        ("gia-dinh-van-hoa", NomineeKind.HOUSEHOLD, True),
        ("thon-van-hoa", NomineeKind.VILLAGE, True),
        ("thon-van-hoa", NomineeKind.HOUSEHOLD, False),
    ],
)
def test_nominee_kind(make_campaign, people_committee, unit, code, kind, ok):
    campaign = make_campaign(D(2024, 12, 31), people_committee)
    nom = make_nomination(campaign, unit, code, nominee_kind=kind)
    assert finding(nom, "nominee_kind").ok is ok


@pytest.mark.parametrize(
    ("code", "ok", "severity"),
    [
        ("giay-khen-btv-huyen-uy", True, "hard"),  # the party committee's own certificate
        ("bang-khen-btv-tinh-uy", False, "soft"),  # proposed to the provincial standing committee
        ("ldtt", False, "hard"),  # a state title: the party committee may not award or propose it
    ],
)
def test_party_committee_authority(make_campaign, unit, code, ok, severity):
    campaign = make_campaign(D(2020, 12, 31))  # issuer: district party committee
    nom = make_nomination(campaign, unit, code)
    f = finding(nom, "authority")
    assert (f.ok, f.severity) == (ok, severity)


# --- prerequisites ------------------------------------------------------------------------------------


@pytest.fixture
def pc_campaign(make_campaign, people_committee):
    return make_campaign(D(2024, 12, 31), people_committee)


def cstdcs(campaign, unit, **fields):
    fields.setdefault("initiative_title", "Sáng kiến số hóa hồ sơ")
    fields.setdefault("initiative_recognised_on", D(campaign.period_end.year, 6, 1))
    return make_nomination(campaign, unit, "cstdcs", name="Lò Văn Khoa", birth_year=1985, **fields)


def test_cstdcs_without_ldtt_fails(pc_campaign, unit):
    f = finding(cstdcs(pc_campaign, unit), "prerequisite")
    assert (f.ok, f.severity) == (False, "hard")
    assert "Lao động tiên tiến" in f.message


@pytest.mark.parametrize(("year", "ok"), [(2024, True), (2023, False)])
def test_cstdcs_with_ldtt_in_the_registry_of_the_same_year(pc_campaign, unit, year, ok):
    make_award(pc_campaign, unit, "ldtt", name="Lò Văn Khoa", birth_year=1985, year=year)
    assert finding(cstdcs(pc_campaign, unit), "prerequisite").ok is ok


@pytest.mark.parametrize(
    ("ldtt_status", "ok", "severity"),
    [(S.APPROVED, True, "hard"), (S.SUBMITTED, False, "soft"), (S.REJECTED, False, "hard"), (S.DRAFT, False, "hard")],
)
def test_cstdcs_with_ldtt_nominated_in_the_same_campaign(pc_campaign, unit, ldtt_status, ok, severity):
    make_nomination(pc_campaign, unit, "ldtt", name="Lò Văn Khoa", birth_year=1985, status=ldtt_status)
    f = finding(cstdcs(pc_campaign, unit), "prerequisite")
    assert (f.ok, f.severity) == (ok, severity)


@pytest.mark.parametrize(
    ("title", "recognised_on", "ok"),
    [("Sáng kiến A", D(2024, 3, 1), True), ("Sáng kiến A", D(2023, 12, 31), False), ("", None, False)],
)
def test_cstdcs_needs_an_initiative_recognised_that_year(pc_campaign, unit, title, recognised_on, ok):
    nom = cstdcs(pc_campaign, unit, initiative_title=title, initiative_recognised_on=recognised_on)
    f = finding(nom, "initiative")
    assert (f.ok, f.severity) == (ok, "hard")


# --- quota: CSTĐCS at most 15% of the unit's LĐTT ---------------------------------------------------


@pytest.mark.parametrize(
    ("ldtt", "other_cstdcs", "ok"),
    [
        (20, 2, True),  # 3 of 20 = 15%: at the limit
        (20, 3, False),  # 4 of 20 = 20%
        (19, 1, True),  # 2 of 19 (limit floor(2.85) = 2)
        (19, 2, False),  # 3 of 19 > 15%
        (6, 0, False),  # limit floor(0.9) = 0
        (7, 0, True),  # limit floor(1.05) = 1
    ],
)
def test_cstdcs_quota_boundary(pc_campaign, unit, ldtt, other_cstdcs, ok):
    for _ in range(ldtt):
        make_award(pc_campaign, unit, "ldtt")
    for _ in range(other_cstdcs):
        make_nomination(pc_campaign, unit, "cstdcs", status=S.SUBMITTED)
    f = finding(cstdcs(pc_campaign, unit), "quota")
    assert f.ok is ok
    assert f.severity == "hard"


def test_quota_counts_only_the_proposing_unit_and_active_nominations(pc_campaign, unit, other_unit):
    for _ in range(7):
        make_award(pc_campaign, unit, "ldtt")
    make_nomination(pc_campaign, other_unit, "cstdcs", status=S.SUBMITTED)  # another unit
    make_nomination(pc_campaign, unit, "cstdcs", status=S.REJECTED)  # not active
    make_nomination(pc_campaign, unit, "cstdcs", status=S.DRAFT)  # not active
    assert finding(cstdcs(pc_campaign, unit), "quota").ok


def test_quota_is_configurable_and_may_only_warn(pc_campaign, unit):
    AwardType.objects.filter(code="cstdcs").update(quota_percent=50, quota_is_hard=False)
    for _ in range(2):
        make_award(pc_campaign, unit, "ldtt")
    make_nomination(pc_campaign, unit, "cstdcs", status=S.SUBMITTED)
    f = finding(cstdcs(pc_campaign, unit), "quota")
    assert f.ok is False and f.severity == "soft"  # 2 of 2 > 50%


# --- already rewarded, discipline -----------------------------------------------------------------------


def test_already_rewarded_in_the_same_campaign(pc_campaign, unit):
    award = make_award(pc_campaign, unit, "ldtt", name="Lò Văn Khoa", birth_year=1985)
    nom = make_nomination(pc_campaign, unit, "ldtt", name="Lo Van  Khoa", birth_year=1985)  # typed without diacritics
    assert award.nominee_key == nom.nominee_key
    f = finding(nom, "duplicate")
    assert (f.ok, f.severity) == (False, "hard")


def test_same_title_same_year_from_another_campaign(pc_campaign, make_campaign, people_committee, unit):
    other = make_campaign(D(2024, 12, 31), people_committee)
    make_award(other, unit, "ldtt", name="Lò Văn Khoa", birth_year=1985)
    assert not finding(make_nomination(pc_campaign, unit, "ldtt", name="Lò Văn Khoa", birth_year=1985), "duplicate").ok


def test_same_achievement_is_rewarded_once(pc_campaign, make_campaign, people_committee, unit):
    earlier = make_campaign(D(2024, 12, 31), people_committee)
    make_award(
        earlier, unit, "giay-khen-ubnd-huyen", name="Lò Văn Khoa", birth_year=1985, achievement="Cứu người đuối nước."
    )
    nom = make_nomination(
        pc_campaign, unit, "ldtt", name="Lò Văn Khoa", birth_year=1985, achievement="cứu người  đuối nước."
    )
    f = finding(nom, "duplicate")
    assert not f.ok and "một lần" in f.message


def test_nominated_twice_in_the_same_campaign(pc_campaign, unit, other_unit):
    make_nomination(pc_campaign, other_unit, "ldtt", name="Lò Văn Khoa", birth_year=1985, status=S.SUBMITTED)
    assert not finding(make_nomination(pc_campaign, unit, "ldtt", name="Lò Văn Khoa", birth_year=1985), "duplicate").ok


def test_a_different_person_is_not_a_duplicate(pc_campaign, unit):
    make_award(pc_campaign, unit, "ldtt", name="Lò Văn Khoa", birth_year=1985)
    assert finding(make_nomination(pc_campaign, unit, "ldtt", name="Lò Văn Khoa", birth_year=1990), "duplicate").ok


@pytest.mark.parametrize(("pending", "ok"), [(True, False), (False, True)])
def test_pending_discipline(pc_campaign, unit, pending, ok):
    f = finding(make_nomination(pc_campaign, unit, "ldtt", discipline_pending=pending), "discipline")
    assert (f.ok, f.severity) == (ok, "hard")


# --- at submission and again at the vote -------------------------------------------------------------


def test_hard_failure_blocks_submission(pc_campaign, unit, unit_head):
    nom = make_nomination(pc_campaign, unit, "ldtt", discipline_pending=True)
    with pytest.raises(TransitionError, match="kỷ luật"):
        services.submit_nomination(nom, unit_head)
    nom.refresh_from_db()
    assert nom.status == S.DRAFT


def test_soft_failure_needs_a_justification(make_campaign, unit, unit_head):
    campaign = make_campaign(D(2020, 12, 31))
    nom = make_nomination(campaign, unit, "bang-khen-btv-tinh-uy")
    with pytest.raises(TransitionError, match="Cần giải trình"):
        services.submit_nomination(nom, unit_head)
    services.submit_nomination(nom, unit_head, "Trình Ban Thường vụ Tỉnh ủy tặng Bằng khen.")
    nom.refresh_from_db()
    assert nom.status == S.SUBMITTED
    assert {f["rule"] for f in nom.eligibility if not f["ok"]} == {"authority"}


def test_rules_run_again_before_the_vote(pc_campaign, unit, unit_head, staff_user, council_member):
    from awards.models import CouncilSession

    nom = make_nomination(pc_campaign, unit, "ldtt", name="Lò Văn Khoa", birth_year=1985, status=S.CHECKED)
    make_award(pc_campaign, unit, "ldtt", name="Lò Văn Khoa", birth_year=1985)  # rewarded meanwhile
    session = CouncilSession.objects.create(
        organization=pc_campaign.issuer, campaign=pc_campaign, title="Họp", held_on=D(2024, 12, 20)
    )
    with pytest.raises(TransitionError, match="Chưa đủ điều kiện"):
        services.put_to_council(nom, session, staff_user)


def test_findings_say_why(pc_campaign, unit):
    nom = cstdcs(pc_campaign, unit, initiative_title="", initiative_recognised_on=None)
    fails = failures(nom)
    assert fails == {"prerequisite": "hard", "initiative": "hard", "quota": "hard"}
    assert all(f.message for f in eligibility.evaluate(nom))
