"""The home page tells every role what is due: units their open obligations, committee staff their queues,
council members what awaits their vote; every campaign card shows its progress. Constant SQL whatever the size."""

import datetime
import re

import pytest
from django.utils import timezone

from awards.enums import NominationStatus, SessionStatus
from awards.models import CouncilSession
from campaigns import services
from campaigns.enums import DocumentStatus
from campaigns.models import ProgressReport, SubPlan
from tests.awards.conftest import make_nomination
from tests.factories import (
    AssignmentFactory,
    CampaignFactory,
    ContentAreaFactory,
    MembershipFactory,
    OrganizationFactory,
    UserFactory,
)
from units.enums import Role

from .conftest import bring_to, fill

pytestmark = pytest.mark.django_db


def text(response):
    html = response.content.decode()
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


# --- per role, on the demo ---------------------------------------------------------------------------------


def test_unit_head_sees_the_units_open_obligations_with_lateness_and_the_button_to_act(client, demo):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="chiengmung"))
    response = client.get("/")
    tasks = response.context["tasks"]
    kinds = [t.kind for t in tasks]
    assert {"subplan", "report", "nomination"} <= set(kinds)
    subplan = SubPlan.objects.get(campaign=demo, organization__code="du-chieng-mung")
    task = next(t for t in tasks if t.kind == "subplan")
    assert task.action_url == f"/phong-trao/ke-hoach-don-vi/{subplan.pk}/sua/"
    assert task.days_late == subplan.days_late(timezone.localdate()) == 412  # due 15/11/2019, period ends 31/12/2020
    page = text(response)
    assert "Việc cần làm của đơn vị" in page
    assert "Trễ 412 ngày" in page and "Hạn nộp 15/11/2019" in page
    assert "Soạn và nộp kế hoạch" in page and "Sửa và gửi lại" in page  # the returned nomination
    # Only the unit's own documents: no other commune's obligation appears.
    assert {t.unit for t in tasks} == {"Đảng ủy xã Chiềng Mung"}
    # Most urgent first.
    assert [t.days_late for t in tasks] == sorted((t.days_late for t in tasks), reverse=True)
    # The campaign card shows the campaign's progress and the unit's own state; units get no staff queues.
    assert response.context["staff"] is None
    assert "đã nộp" in page and "đã duyệt" in page and "trễ hạn" in page
    assert "Việc chờ Văn phòng xử lý" not in page


def test_unit_with_nothing_due_is_told_so(client, demo):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="ubnd"))  # UBND huyện: sub-plan and report approved
    response = client.get("/")
    assert [t for t in response.context["tasks"] if t.kind != "nomination"] == []
    assert "không còn việc nào phải làm" in text(response) or response.context["tasks"]


def test_committee_staff_see_their_queues_and_campaign_progress(client, demo):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="vanphong"))
    response = client.get("/")
    staff = response.context["staff"]
    assert staff["subplans_to_review"] == SubPlan.objects.filter(campaign=demo, status="submitted").count() > 0
    assert staff["reports_to_review"] == ProgressReport.objects.filter(campaign=demo, status="submitted").count()
    assert staff["nominations_to_check"] == demo.nominations.filter(status=NominationStatus.SUBMITTED).count()
    page = text(response)
    assert "Việc chờ Văn phòng xử lý" in page
    assert "kế hoạch của đơn vị chờ duyệt" in page
    ((campaign, progress, mine, manages),) = response.context["cards"]
    assert manages and campaign == demo
    subplans = SubPlan.objects.filter(campaign=demo)
    assert progress["subplans"]["total"] == subplans.count()
    assert progress["subplans"]["approved"] == subplans.filter(status="approved").count()
    assert progress["subplans"]["handed_in"] == subplans.exclude(status="draft", first_submitted_at=None).count()
    assert (
        progress["subplans"]["late"]
        == subplans.filter(status__in=("draft", "returned"), due_date__lt=timezone.localdate()).count()
    )
    assert f"/phong-trao/{demo.pk}/ke-hoach-don-vi/?state=late" in response.content.decode()
    assert f"/phong-trao/{demo.pk}/tong-quan/" in response.content.decode()


def test_council_member_sees_open_sittings_and_votes_not_an_empty_campaign_list(client, demo):
    from django.contrib.auth import get_user_model

    member = get_user_model().objects.get(username="hoidong")
    client.force_login(member)
    response = client.get("/")
    page = text(response)
    votes = response.context["votes"]
    assert votes and all(n.status == NominationStatus.IN_COUNCIL for n in votes)
    assert "Đang chờ phiếu của bạn" in page and "Bỏ phiếu" in page
    assert "Chưa có phong trào nào" not in page
    session = votes[0].session
    assert f"/khen-thuong/hoi-dong/{session.pk}/" in response.content.decode()


# --- the same, built with factories (and the query counts) -------------------------------------------------


def populate(n_units, issuer, unit, unit_head, staff_user):
    """A launched campaign with `n_units` obliged units in every state, reports asked, nominations sent and an open
    sitting: the home page must cost the same whatever n_units."""
    from awards.catalogue import seed_catalogue

    seed_catalogue()
    units = [unit] + [OrganizationFactory(parent=issuer) for _ in range(n_units - 1)]
    campaign = CampaignFactory(issuer=issuer)
    ContentAreaFactory(campaign=campaign, order=1)
    AssignmentFactory(campaign=campaign, organizations=units, requires_subplan=True, due_date=datetime.date(2024, 2, 1))
    campaign = services.launch_campaign(campaign, staff_user, issued_on=datetime.date(2024, 1, 15))
    states = [DocumentStatus.DRAFT, DocumentStatus.SUBMITTED, DocumentStatus.RETURNED, DocumentStatus.APPROVED]
    now = timezone.now()
    for i, sp in enumerate(SubPlan.objects.filter(campaign=campaign).exclude(organization=unit)):
        state = states[i % 4]
        SubPlan.objects.filter(pk=sp.pk).update(
            status=state, first_submitted_at=None if state == DocumentStatus.DRAFT else now
        )
    ProgressReport.objects.bulk_create(
        ProgressReport(campaign=campaign, organization=o, kind="interim", due_date=datetime.date(2024, 6, 1))
        for o in units
    )
    council = UserFactory(username=f"council{n_units}")
    MembershipFactory(organization=issuer, role=Role.COUNCIL, user=council)
    session = CouncilSession.objects.create(
        organization=issuer, campaign=campaign, title="Phiên họp", held_on=datetime.date(2024, 12, 20)
    )
    session.members.add(council)
    for o in units[: min(n_units, 30)]:
        make_nomination(campaign, o, "ldtt", status=NominationStatus.SUBMITTED)
        make_nomination(campaign, o, "ldtt", status=NominationStatus.IN_COUNCIL, session=session)
    make_nomination(campaign, unit, "ldtt", status=NominationStatus.RETURNED)
    assert session.status == SessionStatus.OPEN
    return campaign, council


HOME_QUERIES = {"head": 16, "staff": 17, "council": 5}


@pytest.mark.parametrize("n_units", [5, 200])
def test_home_page_queries_do_not_grow_with_units(
    client, django_assert_num_queries, issuer, unit, unit_head, staff_user, n_units
):
    campaign, council = populate(n_units, issuer, unit, unit_head, staff_user)
    for role, user in (("head", unit_head), ("staff", staff_user), ("council", council)):
        client.force_login(user)
        with django_assert_num_queries(HOME_QUERIES[role]):
            response = client.get("/")
        assert response.status_code == 200
        if role == "staff":
            assert response.context["staff"]["subplans_to_review"] == len(range(1, n_units, 4))
            (card,) = response.context["cards"]
            assert card[1]["subplans"]["total"] == n_units
        if role == "head":
            assert {t.kind for t in response.context["tasks"]} == {"subplan", "report", "nomination"}
        if role == "council":
            assert len(response.context["votes"]) == min(n_units, 30)


def test_a_unit_head_does_what_is_due_and_it_leaves_the_list(client, launched_campaign, subplan, unit_head, staff_user):
    SubPlan.objects.filter(pk=subplan.pk).update(due_date=datetime.date(2024, 2, 1))
    client.force_login(unit_head)
    (task,) = client.get("/").context["tasks"]
    assert task.kind == "subplan" and task.days_late == (launched_campaign.period_end - datetime.date(2024, 2, 1)).days
    fill(subplan, unit_head)
    services.transition_subplan(SubPlan.objects.get(pk=subplan.pk), "submit", unit_head)
    response = client.get("/")
    assert response.context["tasks"] == []
    assert response.context["waiting"] == 1
    assert "đang chờ Văn phòng xét duyệt" in text(response)
    # Returned: back on the list with the reason and "Sửa và nộp lại".
    services.transition_subplan(SubPlan.objects.get(pk=subplan.pk), "return", staff_user, reason="Thiếu chỉ tiêu.")
    (task,) = client.get("/").context["tasks"]
    assert task.action_label == "Sửa và nộp lại" and task.note == "Thiếu chỉ tiêu."


def test_other_units_obligations_never_show(client, launched_campaign, subplan, other_subplan, other_head):
    client.force_login(other_head)
    tasks = client.get("/").context["tasks"]
    assert [t.detail_url for t in tasks] == [f"/phong-trao/ke-hoach-don-vi/{other_subplan.pk}/"]


def test_closed_campaign_obligations_are_not_due(client, launched_campaign, subplan, unit_head, staff_user):
    services.close_campaign(launched_campaign, staff_user)
    client.force_login(unit_head)
    assert client.get("/").context["tasks"] == []


def test_approved_documents_are_not_due(client, launched_campaign, subplan, unit_head, staff_user):
    bring_to(subplan, "approved", unit_head, staff_user)
    client.force_login(unit_head)
    assert client.get("/").context["tasks"] == []
