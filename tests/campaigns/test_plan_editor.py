"""Committee staff write a plan in the browser: permissions, POST-only, version check, typed text kept, copy,
query counts constant in the number of parts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns import services
from campaigns.models import Assignment, Campaign, ContentArea, Target
from tests.factories import AssignmentFactory, ContentAreaFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def editor_post(client, campaign, **changes):
    """The editor page's own form as the browser would send it, with `changes` applied."""
    response = client.get(reverse("campaigns:plan_edit", args=[campaign.pk]))
    assert response.status_code == 200
    data = _form_data(response.context["editor"])
    data.update(changes)
    return data


def _form_data(editor):
    """What a browser posts for an unbound PlanEditor as rendered (a dict the test client sends as is)."""
    return {key: values if len(values) > 1 else values[0] for key, values in editor.as_data().lists()}


URLS = [
    ("campaigns:plan_edit", True),
    ("campaigns:plan_preview", True),
    ("campaigns:plan_copy", True),
]


@pytest.mark.parametrize("who, status", [("staff", 200), ("head", 404), ("otherhead", 404), ("council", 404)])
def test_editor_permissions(client, draft_campaign, staff_user, unit_head, other_head, council_member, who, status):
    client.force_login(
        {"staff": staff_user, "head": unit_head, "otherhead": other_head, "council": council_member}[who]
    )
    assert client.get(reverse("campaigns:plan_edit", args=[draft_campaign.pk])).status_code == status
    assert client.post(reverse("campaigns:plan_preview", args=[draft_campaign.pk]), {}).status_code == status
    expected_new = 200 if who in ("staff", "head", "otherhead") else 404  # heads write their own unit's plans
    assert client.get(reverse("campaigns:plan_new")).status_code == expected_new


def test_launched_campaign_editor_head_gets_404_and_staff_frozen(client, launched_campaign, staff_user, unit_head):
    client.force_login(unit_head)
    assert client.get(reverse("campaigns:plan_edit", args=[launched_campaign.pk])).status_code == 404
    client.force_login(staff_user)
    response = client.get(reverse("campaigns:plan_edit", args=[launched_campaign.pk]))
    assert response.status_code == 302 and response.url == reverse("campaigns:detail", args=[launched_campaign.pk])


def test_anonymous_is_sent_to_login(client, draft_campaign):
    for url in (
        reverse("campaigns:plan_edit", args=[draft_campaign.pk]),
        reverse("campaigns:plan_new"),
        reverse("campaigns:plan_import"),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/dang-nhap/" in response.url


@pytest.mark.parametrize("name", ["campaigns:plan_preview", "campaigns:plan_copy"])
def test_post_only(client, draft_campaign, staff_user, name):
    client.force_login(staff_user)
    assert client.get(reverse(name, args=[draft_campaign.pk])).status_code == 405


def test_post_only_import_save(client, staff_user):
    client.force_login(staff_user)
    assert client.get(reverse("campaigns:plan_import_save")).status_code == 405
    assert client.get(reverse("campaigns:plan_import_preview")).status_code == 405


def test_staff_saves_every_part(client, draft_campaign, staff_user, unit):
    client.force_login(staff_user)
    data = editor_post(
        client,
        draft_campaign,
        **{
            "purpose": "Mục đích mới.",
            "area-0-movements": "Dân vận khéo\nChung sức xây dựng nông thôn mới",
            "area-0-t-0-name": "Tỷ lệ xã đạt chuẩn",
            "area-0-t-0-value": "1.500,5",
            "area-0-t-0-unit_of_measure": "%",
            "area-2-body": "Nội dung thứ ba, *nghiêng*.",
            "as-1-body": "Đảng ủy xã xây dựng kế hoạch thực hiện.",
            "as-1-organizations": [str(unit.pk)],
            "as-1-requires_subplan": "auto",
            "subplan_due": "15/02/2024",
            "rc-1-text": "Lưu Văn phòng.",
        },
    )
    response = client.post(reverse("campaigns:plan_edit", args=[draft_campaign.pk]), data)
    assert response.status_code == 302, response.context["editor"].header.errors if response.context else ""
    draft_campaign.refresh_from_db()
    assert draft_campaign.purpose == "Mục đích mới." and draft_campaign.version == 2
    areas = list(draft_campaign.content_areas.order_by("order"))
    assert [a.body for a in areas][-1] == "Nội dung thứ ba, *nghiêng*."
    assert [m.name for m in areas[0].movements.all()] == ["Dân vận khéo", "Chung sức xây dựng nông thôn mới"]
    target = Target.objects.get(content_area=areas[0])
    assert target.value == 1500.5
    second = Assignment.objects.get(campaign=draft_campaign, order=2)
    assert second.requires_subplan is True and list(second.organizations.all()) == [unit]
    assert [r.text for r in draft_campaign.recipients.order_by("order")] == ["Lưu.", "Lưu Văn phòng."]
    assert draft_campaign.milestones.get().date == datetime.date(2024, 2, 15)


def test_errors_keep_what_was_typed(client, draft_campaign, staff_user):
    client.force_login(staff_user)
    data = editor_post(
        client,
        draft_campaign,
        **{
            "purpose": "Đoạn vừa gõ <b>đậm</b>",
            "period_end": "31/12/2020",
            "area-0-t-0-name": "X",
            "area-0-t-0-value": "nhiều",
        },
    )
    response = client.post(reverse("campaigns:plan_edit", args=[draft_campaign.pk]), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Đoạn vừa gõ &lt;b&gt;đậm&lt;/b&gt;" in html
    assert "Thời gian kết thúc phải sau thời gian bắt đầu." in html
    assert "Mức chỉ tiêu phải là số" in html
    draft_campaign.refresh_from_db()
    assert draft_campaign.purpose == "Mục đích thử." and draft_campaign.version == 1


def test_two_staff_one_draft_version_conflict(client, draft_campaign, staff_user):
    client.force_login(staff_user)
    first = editor_post(client, draft_campaign, purpose="Bản của người thứ nhất.")
    second = editor_post(client, draft_campaign, purpose="Bản của người thứ hai.")
    assert client.post(reverse("campaigns:plan_edit", args=[draft_campaign.pk]), first).status_code == 302
    response = client.post(reverse("campaigns:plan_edit", args=[draft_campaign.pk]), second)
    assert response.status_code == 400
    assert "đã được lưu ở nơi khác" in response.content.decode()
    assert "Bản của người thứ hai." in response.content.decode()
    draft_campaign.refresh_from_db()
    assert draft_campaign.purpose == "Bản của người thứ nhất."


def test_service_refuses_launched_and_other_units(draft_campaign, launched_campaign, staff_user, unit_head):
    from django.core.exceptions import PermissionDenied, ValidationError

    with pytest.raises(PermissionDenied):
        services.save_draft(launched_campaign, unit_head, version=1, header={}, parts={})
    with pytest.raises(ValidationError):
        services.save_draft(launched_campaign, staff_user, version=launched_campaign.version, header={}, parts={})


def test_assignment_organisation_outside_the_tree_refused(client, draft_campaign, staff_user):
    stranger = OrganizationFactory(name="Đảng ủy xã Ngoài")
    client.force_login(staff_user)
    data = editor_post(client, draft_campaign, **{"as-0-organizations": [str(stranger.pk)]})
    response = client.post(reverse("campaigns:plan_edit", args=[draft_campaign.pk]), data)
    assert response.status_code == 400
    assert "không thuộc cơ quan ban hành" in response.content.decode()


def test_preview_renders_what_was_typed_escaped(client, draft_campaign, staff_user):
    client.force_login(staff_user)
    data = editor_post(client, draft_campaign, purpose="<script>alert(1)</script> mục đích *mới*")
    response = client.post(reverse("campaigns:plan_preview", args=[draft_campaign.pk]), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "&lt;script&gt;" in html and "<em>mới</em>" in html
    assert 'id="launch-checklist"' in html


def test_new_draft_from_scratch(client, issuer, staff_user):
    client.force_login(staff_user)
    response = client.post(
        reverse("campaigns:plan_new"),
        {"issuer": issuer.pk, "title": "Kế hoạch mới", "period_start": "01/01/2025", "period_end": "31/12/2025"},
    )
    campaign = Campaign.objects.get(title="Kế hoạch mới")
    assert response.url == reverse("campaigns:plan_edit", args=[campaign.pk])
    assert campaign.status == "draft" and campaign.number is None and campaign.term == "2025-2030"
    assert campaign.issuing_body == "HUYỆN ỦY THỬ" and campaign.sign_on_behalf == "T/M BAN THƯỜNG VỤ"
    assert campaign.place == "Thử" and campaign.symbol == "KH/HU"


def test_new_draft_keeps_typed_title_on_error(client, issuer, staff_user):
    client.force_login(staff_user)
    response = client.post(
        reverse("campaigns:plan_new"),
        {"issuer": issuer.pk, "title": "Tên đã gõ", "period_start": "01/01/2025", "period_end": "bad"},
    )
    assert response.status_code == 400 and "Tên đã gõ" in response.content.decode()


def test_new_draft_for_another_issuer_refused(client, issuer, staff_user):
    other = OrganizationFactory(kind="party_committee", level="district", name="Huyện ủy Khác")
    client.force_login(staff_user)
    response = client.post(
        reverse("campaigns:plan_new"),
        {"issuer": other.pk, "title": "X", "period_start": "01/01/2025", "period_end": "31/12/2025"},
    )
    assert response.status_code == 400 and not Campaign.objects.filter(issuer=other).exists()


def test_copy_of_a_launched_campaign(client, launched_campaign, staff_user, unit):
    client.force_login(staff_user)
    response = client.post(
        reverse("campaigns:plan_copy", args=[launched_campaign.pk]),
        {"period_start": "01/01/2025", "period_end": "31/12/2025"},
    )
    copy = Campaign.objects.exclude(pk=launched_campaign.pk).get()
    assert response.url == reverse("campaigns:plan_edit", args=[copy.pk])
    assert copy.status == "draft" and copy.number is None and copy.issued_on is None
    assert copy.period_start == datetime.date(2025, 1, 1)
    assert copy.title == launched_campaign.title
    assert copy.content_areas.count() == launched_campaign.content_areas.count()
    assert set(copy.assignments.get().organizations.all()) == set(
        launched_campaign.assignments.get().organizations.all()
    )
    assert [r.text for r in copy.recipients.all()] == [r.text for r in launched_campaign.recipients.all()]


def test_copy_by_a_unit_head_is_404(client, launched_campaign, unit_head):
    client.force_login(unit_head)
    response = client.post(
        reverse("campaigns:plan_copy", args=[launched_campaign.pk]),
        {"period_start": "01/01/2025", "period_end": "31/12/2025"},
    )
    assert response.status_code == 404


def _grow(campaign, unit, n):
    for i in range(n):
        area = ContentAreaFactory(campaign=campaign, order=10 + i)
        Target.objects.create(content_area=area, name=f"Chỉ tiêu {i}")
        AssignmentFactory(campaign=campaign, order=10 + i, organizations=[unit])


def test_editor_query_count_constant(client, draft_campaign, staff_user, unit):
    client.force_login(staff_user)
    url = reverse("campaigns:plan_edit", args=[draft_campaign.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    _grow(draft_campaign, unit, 12)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few), [q["sql"][:120] for q in many.captured_queries]
    assert ContentArea.objects.filter(campaign=draft_campaign).count() == 14
