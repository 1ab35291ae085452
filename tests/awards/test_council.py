"""The council: one secret vote per member, sealed ballots, the quorum and threshold boundaries, closed sessions
never change."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from awards import services
from awards.enums import NominationStatus as S
from awards.enums import Quorum, SessionStatus, Threshold
from awards.models import Ballot, CouncilSession, Vote
from tests.factories import MembershipFactory, UserFactory
from thidua.workflow import TransitionError

from .conftest import make_nomination

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(make_campaign):
    return make_campaign(D(2020, 12, 31))


def council(issuer, n, prefix="hd"):
    return [
        MembershipFactory(organization=issuer, role="council", user=UserFactory(username=f"{prefix}{i}")).user
        for i in range(n)
    ]


def session_with(campaign, staff_user, members, threshold=Threshold.MORE_THAN_HALF, quorum=Quorum.TWO_THIRDS):
    return services.create_session(
        campaign,
        staff_user,
        title="Họp xét",
        held_on=D(2020, 12, 20),
        members=members,
        threshold=threshold,
        quorum=quorum,
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


def test_ballots_are_sealed_and_say_nothing_of_who_or_when(campaign, issuer, unit, staff_user, settings):
    from awards import ballots

    members = council(issuer, 4)
    session = session_with(campaign, staff_user, members)
    nom = on_agenda(campaign, unit, session, staff_user)
    for member, choice in zip(members, ["yes", "no", "yes", "no"], strict=True):
        services.cast_vote(session, nom, member, choice)
    assert {f.name for f in Ballot._meta.get_fields()} == {"id", "session", "nomination", "sealed"}
    assert "choice" not in {f.name for f in Vote._meta.get_fields()}
    sealed = [bytes(b) for b in Ballot.objects.filter(nomination=nom).values_list("sealed", flat=True)]
    assert len(set(sealed)) == 4 and len({len(b) for b in sealed}) == 1  # all different, one length: yes == no
    assert sorted(ballots.unseal(session.pk, nom.pk, b) for b in sealed) == ["no", "no", "yes", "yes"]
    with pytest.raises(ballots.BallotError):
        ballots.unseal(session.pk, nom.pk + 1, sealed[0])  # a ballot moved to another nomination does not open
    settings.BALLOT_KEY = "another key"
    with pytest.raises(ballots.BallotError):
        ballots.unseal(session.pk, nom.pk, sealed[0])  # without the key the rows are opaque


def test_closing_opens_counts_and_deletes_the_ballots(campaign, issuer, unit, staff_user):
    members = council(issuer, 5)
    session = session_with(campaign, staff_user, members)
    noms = [on_agenda(campaign, unit, session, staff_user) for _ in range(2)]
    for i, member in enumerate(members):
        services.cast_vote(session, noms[0], member, "yes" if i < 3 else "no")
        services.cast_vote(session, noms[1], member, "no" if i < 4 else "yes")
    services.close_session(session, staff_user)
    assert not Ballot.objects.filter(session=session).exists()
    assert Vote.objects.filter(session=session).count() == 10  # participation stays
    for nom, expected in zip(noms, [(3, 2, S.APPROVED), (1, 4, S.REJECTED)], strict=True):
        nom.refresh_from_db()
        assert (nom.votes_yes, nom.votes_no, nom.status) == expected


def test_a_forged_ballot_stops_the_count(campaign, issuer, unit, staff_user):
    members = council(issuer, 3)
    session = session_with(campaign, staff_user, members)
    nom = on_agenda(campaign, unit, session, staff_user)
    for member in members:
        services.cast_vote(session, nom, member, "no")
    copy = Ballot.objects.filter(nomination=nom).first()
    Ballot.objects.create(session=session, nomination=nom, sealed=copy.sealed)  # stuffed behind the app's back
    with pytest.raises(TransitionError, match="không khớp"):
        services.close_session(session, staff_user)
    assert CouncilSession.objects.get(pk=session.pk).status == SessionStatus.OPEN


@pytest.mark.parametrize("size", [1, 2])
def test_one_or_two_members_cannot_hold_a_secret_ballot(campaign, issuer, unit, staff_user, size):
    with pytest.raises(ValidationError, match="ít nhất 3 thành viên"):
        session_with(campaign, staff_user, council(issuer, size))
    session = session_with(campaign, staff_user, council(issuer, 3, prefix="hdb"))
    nom = on_agenda(campaign, unit, session, staff_user)
    for member in session.members.all()[:size]:
        services.cast_vote(session, nom, member, "yes")
    session.members.set(session.members.all()[:size])  # members removed in the admin while open
    with pytest.raises(TransitionError, match="ít nhất 3 thành viên"):
        services.close_session(session, staff_user)
    nom.refresh_from_db()
    assert nom.status == S.IN_COUNCIL and nom.votes_yes is None


@pytest.mark.parametrize(
    ("quorum", "members", "voters", "closes"),
    [
        (Quorum.TWO_THIRDS, 3, 2, True),  # exactly two thirds
        (Quorum.TWO_THIRDS, 3, 1, False),
        (Quorum.TWO_THIRDS, 6, 4, True),
        (Quorum.TWO_THIRDS, 6, 3, False),
        (Quorum.TWO_THIRDS, 7, 5, True),  # 14/3 rounds up to 5
        (Quorum.TWO_THIRDS, 7, 4, False),
        (Quorum.MORE_THAN_HALF, 4, 3, True),
        (Quorum.MORE_THAN_HALF, 4, 2, False),  # exactly half is not more than half
        (Quorum.THREE_QUARTERS, 4, 3, True),
        (Quorum.THREE_QUARTERS, 5, 3, False),
        (Quorum.ALL, 3, 3, True),
        (Quorum.ALL, 3, 2, False),
    ],
)
def test_quorum_boundary(campaign, issuer, unit, staff_user, quorum, members, voters, closes):
    people = council(issuer, members)
    session = session_with(campaign, staff_user, people, quorum=quorum)
    nom = on_agenda(campaign, unit, session, staff_user)
    for member in people[:voters]:
        services.cast_vote(session, nom, member, "yes")
    if closes:
        services.close_session(session, staff_user)
        nom.refresh_from_db()
        assert nom.votes_yes == voters
    else:
        with pytest.raises(TransitionError, match=f"{voters}/{members}"):
            services.close_session(session, staff_user)
        assert CouncilSession.objects.get(pk=session.pk).status == SessionStatus.OPEN
        assert Ballot.objects.filter(session=session).count() == voters  # still sealed, nothing counted


def test_quorum_defaults_to_two_thirds(campaign, issuer, staff_user):
    session = services.create_session(
        campaign, staff_user, title="Họp", held_on=D(2020, 12, 20), members=council(issuer, 3), threshold="gt_1_2"
    )
    assert session.quorum == Quorum.TWO_THIRDS and "98/2023" in session.get_quorum_display()


def test_only_members_vote_and_only_on_the_agenda(campaign, issuer, unit, staff_user, council_member):
    members = council(issuer, 3)
    session = session_with(campaign, staff_user, members)
    nom = on_agenda(campaign, unit, session, staff_user)
    with pytest.raises(PermissionDenied):
        services.cast_vote(session, nom, council_member, "yes")  # council member, but not of this session
    other = make_nomination(campaign, unit, "giay-khen-btv-huyen-uy", status=S.CHECKED)
    with pytest.raises(TransitionError, match="chương trình"):
        services.cast_vote(session, other, members[0], "yes")
    with pytest.raises(ValidationError):
        services.cast_vote(session, nom, members[0], "maybe")


def test_members_must_sit_on_the_council(campaign, issuer, staff_user, unit_head):
    with pytest.raises(ValidationError, match="Không phải thành viên"):
        session_with(campaign, staff_user, [*council(issuer, 2), unit_head])


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
    session = session_with(campaign, staff_user, people, quorum=Quorum.MORE_THAN_HALF)
    nom = on_agenda(campaign, unit, session, staff_user)
    services.cast_vote(session, nom, people[0], "yes")
    services.cast_vote(session, nom, people[1], "yes")
    services.cast_vote(session, nom, people[2], "no")  # 2 yes of 4 members: one did not vote
    services.close_session(session, staff_user)
    nom.refresh_from_db()
    assert nom.status == S.REJECTED


def test_closed_session_is_immutable(campaign, issuer, unit, staff_user):
    people = council(issuer, 3)
    session = session_with(campaign, staff_user, people)
    nom = on_agenda(campaign, unit, session, staff_user)
    services.cast_vote(session, nom, people[0], "yes")
    services.cast_vote(session, nom, people[1], "yes")
    services.close_session(session, staff_user)
    session.refresh_from_db()
    assert session.status == SessionStatus.CLOSED and session.closed_by == staff_user
    with pytest.raises(TransitionError):
        services.close_session(session, staff_user)
    with pytest.raises(TransitionError, match="kết thúc"):
        services.cast_vote(session, nom, people[2], "no")
    session.title = "Đổi tên"
    with pytest.raises(ValidationError):
        session.save()
    with pytest.raises(ValidationError):
        session.delete()
    late = make_nomination(campaign, unit, "giay-khen-btv-huyen-uy", status=S.CHECKED)
    with pytest.raises(TransitionError, match="kết thúc"):
        services.put_to_council(late, session, staff_user)
    nom.refresh_from_db()
    assert (nom.status, nom.votes_yes) == (S.APPROVED, 2)
    assert CouncilSession.objects.get(pk=session.pk).title == "Họp xét"


def test_nomination_failing_a_hard_rule_at_the_vote_is_rejected(campaign, issuer, unit, staff_user):
    people = council(issuer, 3)
    session = session_with(campaign, staff_user, people)
    nom = on_agenda(campaign, unit, session, staff_user)
    for member in people:
        services.cast_vote(session, nom, member, "yes")
    type(nom).objects.filter(pk=nom.pk).update(discipline_pending=True)  # learnt before the close
    services.close_session(session, staff_user)
    nom.refresh_from_db()
    assert nom.status == S.REJECTED
    assert "kỷ luật" in nom.log.last().note


def test_only_committee_staff_close(campaign, issuer, unit, staff_user, unit_head):
    session = session_with(campaign, staff_user, council(issuer, 3))
    with pytest.raises(PermissionDenied):
        services.close_session(session, unit_head)
