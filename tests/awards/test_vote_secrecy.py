"""Vote secrecy against a database reader: eight members vote in a known order, each vote in its own
committed transaction (as in production), then an attacker with SQL access tries to pair each member's
participation row with a stored choice by id order, physical order (ctid / rowid) and, on PostgreSQL,
by transaction id (xmin). Nothing may be recovered, neither while the sitting is open nor after it closed.
"""

import datetime

import pytest
from django.db import connection

from awards import services
from awards.enums import NominationStatus as S
from awards.models import Vote
from tests.factories import MembershipFactory, UserFactory

from .conftest import make_nomination

D = datetime.date
CHOICES = ["yes", "no", "no", "yes", "yes", "no", "yes", "no"]  # 4/4: the tally alone says nothing


def _text_columns():
    """Every (table, column) of a character type in the database: where a stored choice could hide."""
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        found = []
        for table in tables:
            for col in connection.introspection.get_table_description(cursor, table):
                internal = connection.introspection.get_field_type(col.type_code, col)
                if internal in ("CharField", "TextField"):
                    found.append((table, col.name))
    return found


def _physical(table):
    """The columns giving a row's physical place and, on PostgreSQL, the transaction that wrote it."""
    if connection.vendor == "postgresql":
        return "(ctid::text::point)[0] * 100000 + (ctid::text::point)[1]", "xmin::text::bigint"
    return "rowid", "0"


def _choice_rows():
    """Rows anywhere in the database holding a single 'yes' / 'no' (a ballot's choice)."""
    rows = []
    qn = connection.ops.quote_name
    for table, column in _text_columns():
        place, xid = _physical(table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {qn(column)}, {place}, {xid} FROM {qn(table)} WHERE {qn(column)} IN ('yes', 'no')"  # noqa: S608
            )
            rows += [{"choice": c, "place": p, "xid": x, "table": table} for c, p, x in cursor.fetchall()]
    return rows


def _participation(nomination):
    place, xid = _physical("awards_vote")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT member_id, id, {place}, {xid} FROM awards_vote WHERE nomination_id = %s",  # noqa: S608
            [nomination.pk],
        )
        return [{"member": m, "id": i, "place": p, "xid": x} for m, i, p, x in cursor.fetchall()]


def recover(nomination):
    """The attacker: {method: {member_id: guessed choice}}, for every way of pairing rows."""
    votes = _participation(nomination)
    choices = _choice_rows()
    guesses = {}
    if not choices:
        return guesses
    for method, vote_key, choice_key in (("id order", "id", "place"), ("physical order", "place", "place")):
        ordered_votes = sorted(votes, key=lambda r: r[vote_key])
        ordered_choices = sorted(choices, key=lambda r: r[choice_key])
        guesses[method] = {v["member"]: c["choice"] for v, c in zip(ordered_votes, ordered_choices, strict=False)}
    if connection.vendor == "postgresql":
        by_xid = {}
        for v in votes:
            gap = {c["xid"]: int(c["xid"]) - int(v["xid"]) for c in choices}
            near = [c for c in choices if abs(gap[c["xid"]]) <= 2]
            if near:  # the nearest transaction, the one just before on a tie (top level, then the savepoint)
                by_xid[v["member"]] = min(near, key=lambda c: (abs(gap[c["xid"]]), gap[c["xid"]] > 0))["choice"]
        guesses["xmin"] = by_xid
    return guesses


def linked(nomination, truth):
    """How many members' choices each method recovers correctly."""
    return {method: sum(truth[m] == c for m, c in guess.items()) for method, guess in recover(nomination).items()}


@pytest.mark.django_db(transaction=True)
def test_eight_votes_cannot_be_linked_to_members(make_campaign, issuer, unit, staff_user):
    campaign = make_campaign(D(2020, 12, 31))
    members = [
        MembershipFactory(organization=issuer, role="council", user=UserFactory(username=f"bv{i}")).user
        for i in range(8)
    ]
    session = services.create_session(
        campaign, staff_user, title="Họp xét", held_on=D(2020, 12, 20), members=members, threshold="gt_1_2"
    )
    nom = make_nomination(campaign, unit, "giay-khen-btv-huyen-uy", status=S.CHECKED)
    services.put_to_council(nom, session, staff_user)
    truth = {}
    for member, choice in zip(members, CHOICES, strict=True):
        services.cast_vote(session, nom, member, choice)  # each in its own committed transaction
        truth[member.pk] = choice
    assert Vote.objects.filter(nomination=nom).count() == 8  # who took part stays known

    while_open = linked(nom, truth)
    services.close_session(session, staff_user)
    after_close = linked(nom, truth)
    print(f"linked while open: {while_open}; after close: {after_close}")
    assert while_open == {} and after_close == {}, (while_open, after_close)

    nom.refresh_from_db()
    assert (nom.votes_yes, nom.votes_no, nom.votes_members) == (4, 4, 8)
