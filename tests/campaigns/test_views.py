import pytest

from campaigns.enums import CampaignStatus

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "who, draft_status, launched_status",
    [
        ("staff_user", 200, 200),
        ("unit_head", 404, 200),  # an assigned unit sees the plan once launched
        ("council_member", 404, 404),
        ("stranger", 404, 404),
    ],
)
def test_campaign_page_is_scoped(client, request, draft_campaign, staff_user, who, draft_status, launched_status):
    from campaigns.services import launch_campaign
    from tests.factories import UserFactory

    user = UserFactory(username="stranger") if who == "stranger" else request.getfixturevalue(who)
    client.force_login(user)
    url = f"/phong-trao/{draft_campaign.pk}/"
    assert client.get(url).status_code == draft_status
    launch_campaign(draft_campaign, staff_user, issued_on=__import__("datetime").date(2024, 1, 2))
    assert client.get(url).status_code == launched_status


def test_anonymous_is_sent_to_login(client, draft_campaign):
    response = client.get(f"/phong-trao/{draft_campaign.pk}/")
    assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/")


def test_home_lists_only_visible_campaigns(client, draft_campaign, other_head, staff_user):
    client.force_login(other_head)
    assert "phong trào thi đua thử" not in client.get("/").content.decode()
    client.force_login(staff_user)
    assert "phong trào thi đua thử" in client.get("/").content.decode()


def test_launch_is_post_only_and_checks_permission(client, draft_campaign, staff_user, unit_head):
    url = f"/phong-trao/{draft_campaign.pk}/phat-dong/"
    client.force_login(staff_user)
    assert client.get(url).status_code == 405
    client.force_login(unit_head)
    assert client.post(url, {"issued_on": "15/01/2024"}).status_code == 404  # draft is invisible to units
    draft_campaign.refresh_from_db()
    assert draft_campaign.status == CampaignStatus.DRAFT


def test_launch_form_error_keeps_input_and_speaks_vietnamese(client, draft_campaign, staff_user):
    client.force_login(staff_user)
    response = client.post(f"/phong-trao/{draft_campaign.pk}/phat-dong/", {"issued_on": "31/02/2024", "number": "7"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Ngày không hợp lệ" in body
    assert 'value="7"' in body and 'value="31/02/2024"' in body


def test_launch_through_the_page(client, draft_campaign, staff_user):
    client.force_login(staff_user)
    response = client.post(f"/phong-trao/{draft_campaign.pk}/phat-dong/", {"issued_on": "15/01/2024"})
    assert response.status_code == 302
    draft_campaign.refresh_from_db()
    assert draft_campaign.status == CampaignStatus.LAUNCHED and draft_campaign.number == 1


def test_csrf_is_enforced_on_launch(draft_campaign, staff_user):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_user)
    assert client.post(f"/phong-trao/{draft_campaign.pk}/phat-dong/", {"issued_on": "15/01/2024"}).status_code == 403


def test_user_text_is_escaped_on_the_page(client, issuer, staff_user):
    from tests.factories import CampaignFactory, ContentAreaFactory

    campaign = CampaignFactory(issuer=issuer, title='<script>alert("x")</script>')
    ContentAreaFactory(campaign=campaign, body='<img src="file:///etc/passwd"> *nghiêng*')
    client.force_login(staff_user)
    body = client.get(f"/phong-trao/{campaign.pk}/").content.decode()
    assert '<script>alert("x")</script>' not in body
    assert "&lt;script&gt;" in body
    assert '<img src="file:///etc/passwd">' not in body
    assert "<em>nghiêng</em>" in body


def test_home_query_count_does_not_grow(client, staff_user, issuer):
    from tests.factories import CampaignFactory
    from tests.utils import queries_for

    client.force_login(staff_user)
    CampaignFactory(issuer=issuer)
    few = queries_for(client, "/")
    for _ in range(15):
        CampaignFactory(issuer=issuer)
    assert queries_for(client, "/") == few


def test_campaign_page_query_count_does_not_grow(client, staff_user, draft_campaign):
    from tests.factories import ContentAreaFactory
    from tests.utils import queries_for

    client.force_login(staff_user)
    url = f"/phong-trao/{draft_campaign.pk}/"
    few = queries_for(client, url)
    for _ in range(10):
        ContentAreaFactory(campaign=draft_campaign)
    assert queries_for(client, url) == few
