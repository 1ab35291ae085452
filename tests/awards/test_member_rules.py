"""Rules that need the registry: shares of a collective's members, and titles held years in a row (with successors).

Each figure below is worked out by hand: «trên 50%» of 10 members is 6 (5 is exactly half), of 9 it is 5 (4.5 → 5);
«ít nhất 50%» of 10 is 5, of 9 is 5 (4.5 rounds up); «ít nhất 70%» of 10 is 7.
"""

import datetime

import pytest
from django.urls import reverse

from awards import eligibility
from awards.enums import NominationStatus as S
from awards.enums import NomineeKind
from awards.models import Award, AwardCondition

from .conftest import make_award, make_nomination

D = datetime.date
pytestmark = pytest.mark.django_db

OLD_LAST_DAY, NEW_FIRST_DAY = D(2023, 12, 31), D(2024, 1, 1)


def findings(nom, *rules):
    return [f for f in eligibility.evaluate(nom) if f.rule in rules]


def collective(campaign, unit, code, total, completing, **extra):
    return make_nomination(
        campaign,
        unit,
        code,
        nominee_kind=NomineeKind.COLLECTIVE,
        organization=unit,
        full_name="",
        birth_year=None,
        member_count=total,
        members_completing=completing,
        **extra,
    )


def titled(campaign, unit, code, n):
    return [make_award(campaign, unit, code) for _ in range(n)]


@pytest.mark.parametrize(
    ("day", "total", "completing", "ldtt", "share_ok", "complete_ok"),
    [
        # 2003/2013 law: «trên 50%», completion not asked
        (OLD_LAST_DAY, 10, 9, 5, False, None),
        (OLD_LAST_DAY, 10, 9, 6, True, None),
        (OLD_LAST_DAY, 9, 9, 4, False, None),
        (OLD_LAST_DAY, 9, 9, 5, True, None),
        # Law 06/2022 from 01/01/2024: 100% complete their tasks, «ít nhất 50%»
        (NEW_FIRST_DAY, 10, 10, 5, True, True),
        (NEW_FIRST_DAY, 10, 10, 4, False, True),
        (NEW_FIRST_DAY, 9, 9, 5, True, True),
        (NEW_FIRST_DAY, 9, 9, 4, False, True),
        (NEW_FIRST_DAY, 10, 9, 5, True, False),
    ],
)
def test_tap_the_lao_dong_tien_tien_share(
    make_campaign, people_committee, unit, day, total, completing, ldtt, share_ok, complete_ok
):
    campaign = make_campaign(day, people_committee)
    titled(campaign, unit, "ldtt", ldtt)
    nom = collective(campaign, unit, "ttldtt", total, completing)
    (share,) = findings(nom, "member_share")
    assert share.ok is share_ok
    assert f"{ldtt}/{total} thành viên đạt «Lao động tiên tiến» năm {day.year}" in share.message
    complete = findings(nom, "member_complete")
    assert (complete[0].ok if complete else None) is complete_ok


@pytest.mark.parametrize(
    ("ldtt", "cstdcs", "expected"),
    [
        (7, 1, {"ldtt": True, "cstdcs": True}),
        (6, 1, {"ldtt": False, "cstdcs": True}),
        (7, 0, {"ldtt": True, "cstdcs": False}),
    ],
)
@pytest.mark.parametrize("day", [OLD_LAST_DAY, NEW_FIRST_DAY])
def test_tap_the_lao_dong_xuat_sac_needs_70_percent_and_a_cstdcs(
    make_campaign, people_committee, unit, day, ldtt, cstdcs, expected
):
    campaign = make_campaign(day, people_committee)
    titled(campaign, unit, "ldtt", ldtt)
    titled(campaign, unit, "cstdcs", cstdcs)
    nom = collective(campaign, unit, "ttldxs", 10, 10)
    shares = findings(nom, "member_share")
    got = {"ldtt" if "Lao động tiên tiến" in f.message else "cstdcs": f.ok for f in shares}
    assert got == expected
    assert findings(nom, "member_complete")[0].ok


def test_missing_member_counts_block(make_campaign, people_committee, unit):
    campaign = make_campaign(NEW_FIRST_DAY, people_committee)
    nom = collective(campaign, unit, "ttldtt", None, None)
    (f,) = findings(nom, "member_share")
    assert (f.ok, f.severity) == (False, "hard") and "tổng số thành viên" in f.message


def test_campaign_approvals_count_pending_warn_revoked_do_not(make_campaign, people_committee, unit):
    campaign = make_campaign(NEW_FIRST_DAY, people_committee)
    awards = titled(campaign, unit, "ldtt", 4)
    nom = collective(campaign, unit, "ttldtt", 10, 10)
    pending = make_nomination(campaign, unit, "ldtt", status=S.SUBMITTED)
    (f,) = findings(nom, "member_share")
    assert (f.ok, f.severity) == (False, "soft")  # 4 settled + 1 pending reach 5
    type(pending).objects.filter(pk=pending.pk).update(status=S.APPROVED)  # set-up: saves never write the state
    assert findings(nom, "member_share")[0].ok  # 4 in the registry + 1 approved = 5
    Award.objects.filter(pk=awards[0].pk).update(revoked_on=D(2025, 1, 5))
    (f,) = findings(nom, "member_share")
    assert (f.ok, f.severity) == (False, "hard")  # the revoked one no longer counts: 4 of 10


def test_members_working_in_the_collective_count_by_unit_name(make_campaign, people_committee, unit, other_unit):
    """Individuals proposed by the parent body but written as working in the collective."""
    campaign = make_campaign(NEW_FIRST_DAY, people_committee)
    for _ in range(5):
        make_award(campaign, other_unit, "ldtt", unit_name="Trường Tiểu học Thử")
    nom = make_nomination(
        campaign,
        other_unit,
        "ttldtt",
        nominee_kind=NomineeKind.COLLECTIVE,
        full_name="Trường Tiểu học Thử",
        birth_year=None,
        member_count=10,
        members_completing=10,
    )
    assert findings(nom, "member_share")[0].ok


def test_eligibility_panel_shows_the_figures(client, make_campaign, people_committee, unit, unit_head):
    campaign = make_campaign(NEW_FIRST_DAY, people_committee)
    titled(campaign, unit, "ldtt", 4)
    nom = collective(campaign, unit, "ttldtt", 10, 10)
    client.force_login(unit_head)
    html = client.get(reverse("awards:nomination", args=[nom.pk])).content.decode()
    assert "4/10 thành viên đạt «Lao động tiên tiến» năm 2024 = 40,0%" in html
    assert "ít nhất 50% = 5" in html and "10 thành viên, 10 hoàn thành nhiệm vụ" in html


# --- years in a row ----------------------------------------------------------------------------------


def cstd_tinh(campaign, unit, **extra):
    return make_nomination(campaign, unit, "cstd-tinh", name="Lò Văn Bình", **extra)


@pytest.mark.parametrize("day", [OLD_LAST_DAY, NEW_FIRST_DAY])
@pytest.mark.parametrize(
    ("back_years", "ok"),
    [((0, 1, 2), True), ((0, 1), False), ((0, 2), False), ((1, 2), False), ((0, 1, 2, 3), True)],
)
def test_cstd_tinh_needs_cstdcs_three_times_in_a_row(make_campaign, people_committee, unit, day, back_years, ok):
    campaign = make_campaign(day, people_committee)
    for back in back_years:
        make_award(campaign, unit, "cstdcs", name="Lò Văn Bình", year=day.year - back)
    (f,) = findings(cstd_tinh(campaign, unit), "consecutive")
    assert (f.ok, f.severity) == (ok, "hard")
    assert f"{day.year - 2}, {day.year - 1}, {day.year}" in f.message


def test_this_years_cstdcs_may_come_from_the_same_campaign(make_campaign, people_committee, unit):
    campaign = make_campaign(NEW_FIRST_DAY, people_committee)
    for back in (1, 2):
        make_award(campaign, unit, "cstdcs", name="Lò Văn Bình", year=2024 - back)
    this_year = make_nomination(campaign, unit, "cstdcs", name="Lò Văn Bình", status=S.IN_COUNCIL)
    nom = cstd_tinh(campaign, unit)
    assert (findings(nom, "consecutive")[0].ok, findings(nom, "consecutive")[0].severity) == (False, "soft")
    type(this_year).objects.filter(pk=this_year.pk).update(status=S.APPROVED)  # set-up: saves never write the state
    assert findings(nom, "consecutive")[0].ok


def test_a_revoked_year_breaks_the_row(make_campaign, people_committee, unit):
    campaign = make_campaign(NEW_FIRST_DAY, people_committee)
    awards = [make_award(campaign, unit, "cstdcs", name="Lò Văn Bình", year=2024 - back) for back in (0, 1, 2)]
    nom = cstd_tinh(campaign, unit)
    assert findings(nom, "consecutive")[0].ok
    Award.objects.filter(pk=awards[1].pk).update(revoked_on=D(2024, 6, 1))
    f = findings(nom, "consecutive")[0]
    assert not f.ok and "thiếu năm 2023" in f.message


def test_collective_history_continues_in_the_successor(make_campaign, people_committee, issuer):
    """A commune merged in 2025: its 2024 title counts for the new commune's 2025 nomination."""
    from tests.factories import OrganizationFactory

    AwardCondition.objects.create(
        award_code="ttldxs", kind="consecutive", base_code="ttldtt", times=2, legal_source="dữ liệu thử"
    )
    new = OrganizationFactory(parent=issuer, name="Xã Mới", code="xa-moi")
    old = OrganizationFactory(parent=issuer, name="Xã Cũ", code="xa-cu")
    campaign = make_campaign(D(2025, 12, 31), people_committee)
    make_award(campaign, old, "ttldtt", nominee_kind=NomineeKind.COLLECTIVE, organization=old, name="Xã Cũ", year=2024)
    make_award(campaign, new, "ttldtt", nominee_kind=NomineeKind.COLLECTIVE, organization=new, name="Xã Mới", year=2025)
    nom = collective(campaign, new, "ttldxs", 10, 10)
    assert not findings(nom, "consecutive")[0].ok  # not linked yet
    old.successor = new
    old.save()
    assert findings(nom, "consecutive")[0].ok


def test_national_cstd_needs_two_provincial_occasions(make_campaign, people_committee, unit):
    campaign = make_campaign(NEW_FIRST_DAY, people_committee)
    make_award(campaign, unit, "cstd-tinh", name="Lò Văn Bình", year=2024)
    nom = make_nomination(campaign, unit, "chien-si-thi-dua-toan-quoc", name="Lò Văn Bình")
    f = findings(nom, "consecutive")[0]
    assert not f.ok and "2021, 2024" in f.message
    make_award(campaign, unit, "cstd-tinh", name="Lò Văn Bình", year=2021)
    assert findings(nom, "consecutive")[0].ok


@pytest.mark.parametrize(
    ("total", "percent", "strict", "needed"),
    [
        (10, 50, True, 6),
        (9, 50, True, 5),
        (10, 50, False, 5),
        (9, 50, False, 5),
        (10, 70, False, 7),
        (11, 70, False, 8),
        (1, 50, False, 1),
    ],
)
def test_required_members(total, percent, strict, needed):
    assert eligibility.required_members(total, percent, strict) == needed
