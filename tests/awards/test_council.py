"""The council: one secret vote per member, the threshold boundary, closed sessions never change."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from awards import services
from awards.enums import NominationStatus as S
from awards.enums import SessionStatus, Threshold
from awards.models import Ballot, CouncilSession, Vote
from tests.factories import MembershipFactory, UserFactory
from thidua.workflow import TransitionError

from .conftest import make_nomination

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(make_campaign):
    return make_campaign(D(2020, 12, 31))


def council(issuer, n):
    return [
        MembershipFactory(organization=issuer, role="council", user=UserFactory(username=f"hd{i}")).user
        for i in range(n)
    ]


def session_with(campaign, staff_user, members, threshold=Threshold.MORE_THAN_HALF):
    return services.create_session(
        campaign, staff_user, title="Họp xét", held_on=D(2020, 12, 20), members=members, threshold=threshold
    )


def on_agenda(campaign, unit, session, staff_user, **fields):
    nom = make_nomination(campaign, unit, "giay-khen-btv-huyen-uy", status=S.CHECKED, **fields)
    return services.put_to_council(nom, session, staff_user)


def test_one_vote_per_member_per_nomination(campaign, issuer, unit, staff_user):
    members = council(issuer, 3)
    session = session_with(campaign, staff_user, members)
    nom = on_agenda(campaign, unit, session, staff_user)
    services.cast_vote(session, nom, members[0], "yes")
    with pytest.raises(TransitionError, match="đã bỏ phiếu"):
        services.cast_vote(session, nom, members[0], "no")
    assert Ballot.objects.filter(nomination=nom).count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(session=session, nomination=nom, member=members[0])


def test_ballots_do_not_say_who_voted_what(campaign, issuer, unit, staff_user):
    members = council(issuer, 2)
    session = session_with(campaign, staff_user, members)
    nom = on_agenda(campaign, unit, session, staff_user)
    services.cast_vote(session, nom, members[0], "yes")
    services.cast_vote(session, nom, members[1], "no")
    ballot_fields = {f.name for f in Ballot._meta.get_fields()}
    assert ballot_fields == {"id", "session", "nomination", "choice"}  # no member, no time
    vote_fields = {f.name for f in Vote._meta.get_fields()}
    assert "choice" not in vote_fields


def test_only_members_vote_and_only_on_the_agenda(campaign, issuer, unit, staff_user, council_member):
    members = council(issuer, 2)
    session = session_with(campaign, staff_user, members)
    nom = on_agenda(campaign, unit, session, staff_user)
    with pytest.raises(PermissionDenied):
        services.cast_vote(session, nom, council_member, "yes")  # council member, but not of this session
    other = make_nomination(campaign, unit, "giay-khen-btv-huyen-uy", status=S.CHECKED)
    with pytest.raises(TransitionError, match="chương trình"):
        services.cast_vote(session, other, members[0], "yes")
    with pytest.raises(ValidationError):
        services.cast_vote(session, nom, members[0], "maybe")


def test_members_must_sit_on_the_council(campaign, staff_user, unit_head):
    with pytest.raises(ValidationError, match="Không phải thành viên"):
        session_with(campaign, staff_user, [unit_head])


@pytest.mark.parametrize(
    ("threshold", "members", "yes", "passes"),
    [
        (Threshold.MORE_THAN_HALF, 4, 2, False),  # exactly half is not more than half
        (Threshold.MORE_THAN_HALF, 4, 3, True),
        (Threshold.MORE_THAN_HALF, 5, 3, True),
        (Threshold.MORE_THAN_HALF, 5, 2, False),
        (Threshold.TWO_THIRDS, 3, 2, True),  # exactly two thirds
        (Threshold.TWO_THIRDS, 6, 3, False),
        (Threshold.TWO_THIRDS, 7, 4, False),  # 4/7 < 2/3
        (Threshold.TWO_THIRDS, 7, 5, True),
        (Threshold.THREE_QUARTERS, 4, 3, True),
        (Threshold.THREE_QUARTERS, 5, 3, False),
    ],
)
def test_threshold_boundary(campaign, issuer, unit, staff_user, threshold, members, yes, passes):
    people = council(issuer, members)
    session = session_with(campaign, staff_user, people, threshold)
    nom = on_agenda(campaign, unit, session, staff_user)
    for i, member in enumerate(people):
        services.cast_vote(session, nom, member, "yes" if i < yes else "no")
    services.close_session(session, staff_user)
    nom.refresh_from_db()
    assert nom.status == (S.APPROVED if passes else S.REJECTED)
    assert (nom.votes_yes, nom.votes_no, nom.votes_members) == (yes, members - yes, members)


def test_absent_members_count_against(campaign, issuer, unit, staff_user):
    people = council(issuer, 4)
    session = session_with(campaign, staff_user, people)
    nom = on_agenda(campaign, unit, session, staff_user)
    services.cast_vote(session, nom, people[0], "yes")
    services.cast_vote(session, nom, people[1], "yes")  # 2 of 4: two did not vote
    services.close_session(session, staff_user)
    nom.refresh_from_db()
    assert nom.status == S.REJECTED


def test_closed_session_is_immutable(campaign, issuer, unit, staff_user):
    people = council(issuer, 1)
    session = session_with(campaign, staff_user, people)
    nom = on_agenda(campaign, unit, session, staff_user)
    services.cast_vote(session, nom, people[0], "yes")
    services.close_session(session, staff_user)
    session.refresh_from_db()
    assert session.status == SessionStatus.CLOSED and session.closed_by == staff_user
    with pytest.raises(TransitionError):
        services.close_session(session, staff_user)
    with pytest.raises(TransitionError, match="kết thúc"):
        services.cast_vote(session, nom, people[0], "no")
    session.title = "Đổi tên"
    with pytest.raises(ValidationError):
        session.save()
    with pytest.raises(ValidationError):
        session.delete()
    late = make_nomination(campaign, unit, "giay-khen-btv-huyen-uy", status=S.CHECKED)
    with pytest.raises(TransitionError, match="kết thúc"):
        services.put_to_council(late, session, staff_user)
    nom.refresh_from_db()
    assert (nom.status, nom.votes_yes) == (S.APPROVED, 1)
    assert CouncilSession.objects.get(pk=session.pk).title == "Họp xét"


def test_nomination_failing_a_hard_rule_at_the_vote_is_rejected(campaign, issuer, unit, staff_user):
    people = council(issuer, 1)
    session = session_with(campaign, staff_user, people)
    nom = on_agenda(campaign, unit, session, staff_user)
    services.cast_vote(session, nom, people[0], "yes")
    type(nom).objects.filter(pk=nom.pk).update(discipline_pending=True)  # learnt before the close
    services.close_session(session, staff_user)
    nom.refresh_from_db()
    assert nom.status == S.REJECTED
    assert "kỷ luật" in nom.log.last().note


def test_only_committee_staff_close(campaign, issuer, unit, staff_user, unit_head):
    session = session_with(campaign, staff_user, council(issuer, 1))
    with pytest.raises(PermissionDenied):
        services.close_session(session, unit_head)
