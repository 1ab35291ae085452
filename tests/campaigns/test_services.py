import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from campaigns.enums import CampaignStatus
from campaigns.models import ContentArea
from campaigns.services import close_campaign, launch_campaign
from tests.factories import AssignmentFactory, CampaignFactory, ContentAreaFactory

pytestmark = pytest.mark.django_db
DAY = datetime.date(2024, 1, 15)


def ready_to_launch(campaign):
    ContentAreaFactory(campaign=campaign)
    AssignmentFactory(campaign=campaign)
    return campaign


def test_launch_assigns_next_number_in_term_and_freezes(draft_campaign, staff_user):
    campaign = launch_campaign(draft_campaign, staff_user, issued_on=DAY)
    assert campaign.status == CampaignStatus.LAUNCHED
    assert campaign.number == 1
    assert campaign.printed_reference == "Số 1-KH/HU"
    assert campaign.place_and_date == "Thử, ngày 15 tháng 01 năm 2024"
    second = ready_to_launch(CampaignFactory(issuer=draft_campaign.issuer))
    assert launch_campaign(second, staff_user, issued_on=DAY).number == 2
    other_term = ready_to_launch(CampaignFactory(issuer=draft_campaign.issuer, term="2025-2030"))
    assert launch_campaign(other_term, staff_user, issued_on=DAY).number == 1


def test_launch_refuses_a_number_already_used(draft_campaign, staff_user):
    launch_campaign(draft_campaign, staff_user, issued_on=DAY, number=215)
    second = ready_to_launch(CampaignFactory(issuer=draft_campaign.issuer))
    with pytest.raises(ValidationError, match="215-KH/HU đã được dùng"):
        launch_campaign(second, staff_user, issued_on=DAY, number=215)
    second.refresh_from_db()
    assert second.status == CampaignStatus.DRAFT and second.number is None


def test_draft_has_no_number_and_prints_blanks(draft_campaign):
    assert draft_campaign.number is None and draft_campaign.issued_on is None
    assert draft_campaign.printed_reference == "Số     -KH/HU"
    assert "ngày    tháng    năm 2024" in draft_campaign.place_and_date


def test_only_committee_staff_launch(draft_campaign, unit_head):
    with pytest.raises(PermissionDenied):
        launch_campaign(draft_campaign, unit_head, issued_on=DAY)


def test_launch_needs_content(staff_user, issuer):
    empty = CampaignFactory(issuer=issuer)
    with pytest.raises(ValidationError):
        launch_campaign(empty, staff_user, issued_on=DAY)


def test_launched_text_is_frozen(launched_campaign):
    launched_campaign.title = "Sửa lén"
    with pytest.raises(ValidationError):
        launched_campaign.save()
    area = launched_campaign.content_areas.first()
    area.body = "Sửa lén"
    with pytest.raises(ValidationError):
        area.save()
    with pytest.raises(ValidationError):
        ContentArea.objects.create(campaign=launched_campaign, body="Thêm lén")
    with pytest.raises(ValidationError):
        area.delete()


def test_milestones_stay_editable_after_launch(launched_campaign):
    from campaigns.models import Milestone

    Milestone.objects.create(campaign=launched_campaign, kind="final_review", date=DAY)
    assert launched_campaign.milestones.count() == 1


def test_close_only_from_launched(draft_campaign, staff_user):
    with pytest.raises(ValidationError):
        close_campaign(draft_campaign, staff_user)
    launch_campaign(draft_campaign, staff_user, issued_on=DAY)
    assert close_campaign(draft_campaign, staff_user).status == CampaignStatus.CLOSED
    with pytest.raises(ValidationError):
        close_campaign(draft_campaign, staff_user)


@pytest.mark.parametrize(
    "missing, message",
    [
        ("assignments", "tổ chức thực hiện"),
        ("recipients", "nơi nhận"),
        ("signer", "người ký"),
    ],
)
def test_launch_refuses_a_plan_missing_an_essential_part(draft_campaign, staff_user, missing, message):
    if missing == "signer":
        type(draft_campaign).objects.filter(pk=draft_campaign.pk).update(signer_name="")
        draft_campaign.refresh_from_db()
    else:
        getattr(draft_campaign, missing).all().delete()
    with pytest.raises(ValidationError, match=message):
        launch_campaign(draft_campaign, staff_user, issued_on=DAY)
    draft_campaign.refresh_from_db()
    assert draft_campaign.status == CampaignStatus.DRAFT


def test_campaign_page_lists_what_blocks_launch(client, draft_campaign, staff_user):
    draft_campaign.recipients.all().delete()
    client.force_login(staff_user)
    body = client.get(f"/phong-trao/{draft_campaign.pk}/").content.decode()
    assert "Chưa phát hành được" in body and "chưa có nơi nhận" in body
    assert "data-confirm=" in body
