"""Errors speak Vietnamese, in the app's layout (DEBUG is off in tests, as in production)."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_404_is_vietnamese(client, staff_user):
    client.force_login(staff_user)
    response = client.get("/phong-trao/999999/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_405_has_a_vietnamese_page(client, draft_campaign, staff_user):
    client.force_login(staff_user)
    response = client.get(f"/phong-trao/{draft_campaign.pk}/phat-dong/")
    assert response.status_code == 405
    assert "Thao tác không hợp lệ" in response.content.decode()


def test_csrf_failure_explains_that_input_is_not_lost(draft_campaign, staff_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_user)
    response = client.post(f"/phong-trao/{draft_campaign.pk}/phat-dong/", {"issued_on": "15/01/2024"})
    assert response.status_code == 403
    body = response.content.decode()
    assert "Phiên làm việc đã hết hạn" in body and "Nội dung bạn đã nhập chưa mất" in body


def test_403_is_vietnamese(client, draft_campaign, unit_head, staff_user):
    from campaigns.services import launch_campaign

    launch_campaign(draft_campaign, staff_user, issued_on=__import__("datetime").date(2024, 1, 2))
    client.force_login(unit_head)  # a participant may see the plan but not close it
    response = client.post(f"/phong-trao/{draft_campaign.pk}/ket-thuc/")
    assert response.status_code == 403
    assert "Không có quyền thực hiện" in response.content.decode()


# --- `make run` runs with DEBUG on: users still get the app's pages, not Django's technical one --------------


@pytest.fixture
def debug_client(settings):
    settings.DEBUG = True
    settings.DEBUG_TECHNICAL_404 = False
    return Client()  # a new client loads the middleware with DEBUG on


def test_with_debug_an_unknown_url_shows_the_apps_404_page(debug_client, staff_user):
    debug_client.force_login(staff_user)
    response = debug_client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Không tìm thấy trang" in body
    assert "URLconf" not in body and "Django tried these URL patterns" not in body  # no list of the site's URLs


def test_with_debug_a_404_raised_by_a_view_shows_the_apps_page(debug_client, staff_user):
    debug_client.force_login(staff_user)
    response = debug_client.get("/phong-trao/999999/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()
    assert "Raised by" not in response.content.decode()


def test_with_debug_pages_slashes_and_403_still_work(debug_client, draft_campaign, staff_user, unit_head):
    debug_client.force_login(staff_user)
    assert debug_client.get("/").status_code == 200
    assert debug_client.get("/phong-trao/ke-hoach-cua-toi").status_code == 301  # APPEND_SLASH untouched
    debug_client.force_login(unit_head)
    response = debug_client.post(f"/phong-trao/{draft_campaign.pk}/ket-thuc/")
    assert response.status_code in (403, 404)
    assert "Không" in response.content.decode()


def test_developers_can_ask_for_djangos_technical_page(settings, staff_user):
    settings.DEBUG = True
    settings.DEBUG_TECHNICAL_404 = True
    client = Client()
    client.force_login(staff_user)
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "URLconf" in response.content.decode()
