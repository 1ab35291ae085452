import io

import pytest
from django.core.management import call_command

from awards.enums import NominationStatus
from awards.models import Award, AwardType, Ballot, CouncilSession, Decision, Nomination, Vote

pytestmark = pytest.mark.django_db


def counts():
    return [m.objects.count() for m in (AwardType, Nomination, CouncilSession, Vote, Ballot, Decision, Award)]


def test_demo_carries_nominations_through_every_state_to_a_decision(demo):
    assert set(Nomination.objects.filter(campaign=demo).values_list("status", flat=True)) == set(
        NominationStatus.values
    )
    decision = Decision.objects.get(campaign=demo, kind="award")
    assert (decision.printed_reference, decision.status) == ("Số 150-QĐ/HU", "issued")
    assert sorted(Award.objects.values_list("full_name", flat=True)) == [
        "Lò Thị Hoa",
        "Vì Văn Sơn",
        "Đảng ủy xã Chiềng Mung",
    ]
    assert Nomination.objects.get(full_name="Đảng ủy xã Cò Nòi").status == NominationStatus.REJECTED
    assert CouncilSession.objects.filter(campaign=demo, status="open").count() == 1


def test_demo_has_one_annulled_award_still_in_the_registry(demo):
    revoked = Award.objects.get(revoked_on__isnull=False)
    assert revoked.full_name == "Vì Văn Sơn"
    assert (revoked.revoked_by.printed_reference, revoked.revoked_by.kind) == ("Số 12-QĐ/HU", "annul")
    assert str(revoked.revoked_on) == "2021-06-15"


def test_demo_twice_changes_nothing(demo):
    before = counts()
    call_command("load_demo", stdout=io.StringIO())
    assert counts() == before


def test_demo_has_one_published_list_with_a_comment(demo, client):
    from django.urls import reverse

    from awards.models import Publication

    publication = Publication.objects.get(campaign=demo)
    assert publication.nominations.count() == 2 and publication.comments.count() == 1
    assert (publication.comments_from.isoformat(), publication.comments_until.isoformat()) == (
        "2020-12-15",
        "2020-12-21",
    )
    page = client.get(reverse("awards:public_publication", args=[publication.token]))
    assert page.status_code == 200 and "Hoàng Thị Lan" in page.content.decode()


def test_demo_committee_produces_all_five_forms(demo, client):
    """0601.N from its campaign, 0602/0603.N from its registry (the annulled award left out after 15/6/2021),
    0604/0605.N from its record of who does the emulation work."""
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    client.force_login(get_user_model().objects.get(username="vanphong"))
    year = demo.period_end.year
    f0601 = client.get(reverse("awards:form_0601"), {"year": year}).context["table"]["cells"]
    assert f0601["01"][0] >= 1
    stats = client.get(reverse("awards:statistics"), {"year": 2020, "as_of": "31/12/2020"}).context["table"]
    later = client.get(reverse("awards:statistics"), {"year": 2020, "as_of": "30/06/2021"}).context["table"]
    assert stats["rows"][0]["total"] == 3 and later["rows"][0]["total"] == 2
    f0604 = client.get(reverse("awards:staff_form", args=["0604"]), {"year": 2020}).context["form"]["cells"]
    assert f0604["01"] == [2, 0, 0, 1, 1]
    f0605 = client.get(reverse("awards:staff_form", args=["0605"]), {"year": 2020}).context["form"]["cells"]
    # Cầm Thị Thu (34, 8 y, university, woman, minority), Nguyễn Văn Bình (45, 16 y, postgraduate),
    # Lường Văn Tiến (28, 2 y, college, minority, part time)
    assert f0605["01"] == [3, 2, 1, 1, 2, 1, 1, 1, 0, 0, 1, 1, 1, 0, 0, 1, 1, 1]
