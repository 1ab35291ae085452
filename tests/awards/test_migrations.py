"""Migration 0010: ballots stored with a readable choice are sealed (open sittings) or dropped (closed sittings,
whose tallies are on the nominations already); the choice column disappears."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from awards import ballots, services
from awards.enums import NominationStatus as S
from awards.models import Ballot, CouncilSession
from tests.factories import MembershipFactory, UserFactory

from .conftest import make_nomination

D = datetime.date
BEFORE = [("awards", "0009_input_limits")]


@pytest.mark.django_db(transaction=True)
def test_old_ballots_are_sealed_or_dropped(make_campaign, issuer, unit, staff_user):
    campaign = make_campaign(D(2020, 12, 31))
    members = [
        MembershipFactory(organization=issuer, role="council", user=UserFactory(username=f"mg{i}")).user
        for i in range(3)
    ]
    sittings = []
    for title in ("Còn mở", "Đã đóng"):
        session = services.create_session(
            campaign, staff_user, title=title, held_on=D(2020, 12, 20), members=members, threshold="gt_1_2"
        )
        nom = make_nomination(campaign, unit, "giay-khen-btv-huyen-uy", status=S.CHECKED)
        services.put_to_council(nom, session, staff_user)
        for member in members:
            services.cast_vote(session, nom, member, "yes")
        sittings.append((session, nom))
    (open_session, open_nom), (closed_session, _) = sittings

    executor = MigrationExecutor(connection)
    # Every app's leaf: going back unapplies the apps that depend on awards (registrations, documents…), and the
    # rest of the suite needs their tables again.
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE)
    with connection.cursor() as cursor:  # the old design: the choice in clear
        cursor.execute("UPDATE awards_ballot SET choice = 'no'")
        cursor.execute(
            "UPDATE awards_ballot SET choice = 'yes' WHERE id IN (SELECT id FROM awards_ballot WHERE session_id = %s "
            "ORDER BY id LIMIT 2)",
            [open_session.pk],
        )
        cursor.execute("UPDATE awards_councilsession SET status = 'closed' WHERE id = %s", [closed_session.pk])
    executor = MigrationExecutor(connection)
    executor.migrate(latest)

    with connection.cursor() as cursor:
        columns = [c.name for c in connection.introspection.get_table_description(cursor, "awards_ballot")]
    assert "choice" not in columns
    assert not Ballot.objects.filter(session=closed_session).exists()
    sealed = Ballot.objects.filter(session=open_session).values_list("sealed", flat=True)
    assert sorted(ballots.unseal(open_session.pk, open_nom.pk, s) for s in sealed) == ["no", "yes", "yes"]
    assert CouncilSession.objects.get(pk=open_session.pk).quorum == "ge_2_3"
    services.close_session(CouncilSession.objects.get(pk=open_session.pk), staff_user)
    open_nom.refresh_from_db()
    assert (open_nom.votes_yes, open_nom.votes_no, open_nom.status) == (2, 1, S.APPROVED)
