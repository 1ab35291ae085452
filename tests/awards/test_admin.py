"""The awards admin: who has voted is shown only to the sitting's chair while it is open, never what anyone chose."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse

from awards import services
from awards.enums import NominationStatus
from awards.models import CouncilSession, Nomination

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_sitting(demo):
    session = CouncilSession.objects.get(campaign=demo, status="open")
    nom = Nomination.objects.get(session=session, status=NominationStatus.IN_COUNCIL)
    users = {u.username: u for u in get_user_model().objects.filter(username__startswith="hoidong")}
    services.cast_vote(session, nom, users["hoidong"], "no")
    services.cast_vote(session, nom, users["hoidong2"], "yes")
    return session


@pytest.fixture
def admin_staff(db):
    """An admin user with every awards permission who is not the committee's staff (not the chair)."""
    user = get_user_model().objects.create_user("quantri", password="x", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="awards"))
    return user


def session_page(client, user, session):
    client.force_login(user)
    response = client.get(reverse("admin:awards_councilsession_change", args=[session.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_who_voted_is_shown_to_the_chair_only_while_open(client, open_sitting, admin_staff):
    chair = get_user_model().objects.get(username="vanphong")
    chair.is_staff = True
    chair.save()
    chair.user_permissions.set(Permission.objects.filter(codename__in=["view_councilsession", "change_councilsession"]))
    assert 'id="votes-group"' in session_page(client, chair, open_sitting)
    assert 'id="votes-group"' not in session_page(client, admin_staff, open_sitting)

    vanphong = get_user_model().objects.get(username="vanphong")
    services.cast_vote(
        open_sitting,
        open_sitting.nominations.get(),
        get_user_model().objects.get(username="hoidong3"),
        "yes",
    )
    services.close_session(open_sitting, vanphong)
    page = session_page(client, admin_staff, open_sitting)
    assert 'id="votes-group"' in page  # after the close: participation, never a choice
    for word in ("Đồng ý", "đồng ý", "choice", ">yes<", ">no<"):
        assert word not in page.split('id="votes-group"')[1].split("</fieldset>")[0]


def test_no_admin_page_lists_ballots(client, demo):
    client.force_login(get_user_model().objects.get(username="admin"))
    assert client.get("/admin/awards/").content.decode().count("ballot") == 0
    assert client.get("/admin/awards/ballot/").status_code == 404
