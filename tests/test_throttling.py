"""Login throttling (django-axes): by account and by address, a Vietnamese lockout message, unlock in the admin."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
LOGIN = "/dang-nhap/"


@pytest.fixture
def accounts(db):
    users = {}
    for name in ("nhanvien", "khac"):
        user = UserFactory(username=name)
        user.set_password("dung-mat-khau")
        user.save()
        users[name] = user
    return users


def attempt(client, username, password, address):
    client.logout()
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def logged_in(client):
    return "_auth_user_id" in client.session


def test_wrong_passwords_lock_the_account_and_the_address(client, accounts, settings):
    limit = settings.AXES_FAILURE_LIMIT
    for _ in range(limit):
        assert attempt(client, "nhanvien", "sai", "10.0.0.1").status_code in (200, 429)
    response = attempt(client, "nhanvien", "dung-mat-khau", "10.0.0.1")  # the right password, too late
    assert response.status_code == 429 and not logged_in(client)
    text = response.content.decode()
    assert f"Đã nhập sai mật khẩu {limit} lần" in text and "Xin thử lại sau" in text and "15 phút" in text
    # The account stays locked from another address, and the address for another account.
    assert attempt(client, "nhanvien", "dung-mat-khau", "10.0.0.2").status_code == 429
    assert attempt(client, "khac", "dung-mat-khau", "10.0.0.1").status_code == 429
    # Another account from another address is not affected.
    assert attempt(client, "khac", "dung-mat-khau", "10.0.0.3").status_code == 302 and logged_in(client)


def test_fewer_failures_then_success_resets_the_count(client, accounts, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "nhanvien", "sai", "10.0.0.1")
    assert attempt(client, "nhanvien", "dung-mat-khau", "10.0.0.1").status_code == 302
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "nhanvien", "sai", "10.0.0.1")
    assert attempt(client, "nhanvien", "dung-mat-khau", "10.0.0.1").status_code == 302


def test_admin_unlocks_by_deleting_the_attempts(client, accounts, settings):
    from axes.models import AccessAttempt

    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "nhanvien", "sai", "10.0.0.1")
    assert attempt(client, "nhanvien", "dung-mat-khau", "10.0.0.1").status_code == 429
    admin = get_user_model().objects.create_superuser("quantri", password="x")
    client.force_login(admin)
    ids = list(AccessAttempt.objects.values_list("pk", flat=True))
    changelist = reverse("admin:axes_accessattempt_changelist")
    assert "nhanvien" in client.get(changelist).content.decode()
    client.post(changelist, {"action": "delete_selected", "_selected_action": ids, "post": "yes"})
    assert not AccessAttempt.objects.exists()
    assert attempt(client, "nhanvien", "dung-mat-khau", "10.0.0.1").status_code == 302 and logged_in(client)


def test_behind_the_proxy_the_forwarded_address_counts(rf, settings):
    from thidua.throttling import client_ip

    request = rf.get("/", REMOTE_ADDR="172.18.0.5", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9")
    settings.TRUST_X_FORWARDED_FOR = False
    assert client_ip(request) == "172.18.0.5"
    settings.TRUST_X_FORWARDED_FOR = True
    assert client_ip(request) == "203.0.113.9"  # what the client wrote first is not trusted


def test_test_client_login_still_works(client, accounts):
    assert client.login(username="nhanvien", password="dung-mat-khau")
