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


def change_post(client, model, obj, data):
    info = (model._meta.app_label, model._meta.model_name)
    return client.post(reverse("admin:%s_%s_change" % info, args=[obj.pk]), data)


@pytest.fixture
def admin_client(client, demo):
    client.force_login(get_user_model().objects.get(username="admin"))
    return client


def test_final_records_refuse_changes_posted_to_the_admin(admin_client, demo):
    from awards.models import Award, AwardType, Decision
    from campaigns.models import SubPlan, SubPlanItem

    other_type = AwardType.objects.exclude(pk=Nomination.objects.filter(status="decided").first().award_type_id).first()
    decided = Nomination.objects.filter(status=NominationStatus.DECIDED).first()
    approved_by_sitting = Nomination.objects.filter(status=NominationStatus.REJECTED).first()
    award = Award.objects.filter(decision__status="issued").first()
    decision = Decision.objects.filter(campaign=demo, status="issued").first()
    closed = CouncilSession.objects.get(campaign=demo, status="closed")
    item = SubPlanItem.objects.filter(subplan__status="approved").first()
    subplan = SubPlan.objects.filter(status="approved").first()
    before = {
        "decided": decided.award_type_id,
        "rejected": approved_by_sitting.award_type_id,
        "award": (award.full_name, award.award_type_id),
        "decision": decision.title,
        "closed": closed.title,
        "item": item.measures,
        "subplan": subplan.title if hasattr(subplan, "title") else None,
    }
    posts = [
        (Nomination, decided, {"award_type": other_type.pk, "full_name": "Đổi sau khi bỏ phiếu"}),
        (Nomination, approved_by_sitting, {"award_type": other_type.pk}),
        (Award, award, {"full_name": "Tên khác", "award_type": other_type.pk}),
        (Decision, decision, {"title": "Đổi"}),
        (CouncilSession, closed, {"title": "Đổi", "threshold": "ge_3_4"}),
        (SubPlanItem, item, {"subplan": item.subplan_id, "content_area": item.content_area_id, "measures": "Đổi"}),
        (SubPlan, subplan, {"title": "Đổi"}),
    ]
    for model, obj, data in posts:
        assert change_post(admin_client, model, obj, data).status_code == 403, model
        page = admin_client.get(
            reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.pk])
        ).content.decode()
        assert 'type="submit"' not in page.split('id="content-main"')[1] or 'name="_save"' not in page, model
    decided.refresh_from_db()
    approved_by_sitting.refresh_from_db()
    award.refresh_from_db()
    decision.refresh_from_db()
    closed.refresh_from_db()
    item.refresh_from_db()
    assert before == {
        "decided": decided.award_type_id,
        "rejected": approved_by_sitting.award_type_id,
        "award": (award.full_name, award.award_type_id),
        "decision": decision.title,
        "closed": closed.title,
        "item": item.measures,
        "subplan": before["subplan"],
    }
    # Nor can an item be added to an approved sub-plan, or an award to an issued decision.
    count = SubPlanItem.objects.count()
    response = admin_client.post(
        reverse("admin:campaigns_subplanitem_add"),
        {
            "subplan": subplan.pk,
            "content_area": item.content_area_id,
            "measures": "Thêm",
            "targets-TOTAL_FORMS": 0,
            "targets-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200 and SubPlanItem.objects.count() == count
    assert "Kế hoạch đã duyệt là bản cuối" in response.content.decode()


def test_a_nomination_still_being_checked_stays_editable_in_the_admin(admin_client, demo):
    checked = Nomination.objects.filter(status=NominationStatus.CHECKED).first()
    page = admin_client.get(reverse("admin:awards_nomination_change", args=[checked.pk])).content.decode()
    assert 'name="_save"' in page and 'name="full_name"' in page
