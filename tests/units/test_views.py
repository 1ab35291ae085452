import pytest

pytestmark = pytest.mark.django_db


def test_tree_requires_login(client):
    response = client.get("/don-vi/")
    assert response.status_code == 302
    assert "/dang-nhap/" in response["Location"]


def test_tree_lists_and_searches_without_diacritics(client, demo):
    client.login(username="chiengmung", password="thidua2019")
    body = client.get("/don-vi/").content.decode()
    assert "Huyện ủy Mai Sơn" in body and "Đảng ủy xã Chiềng Mung" in body
    found = client.get("/don-vi/", {"q": "chieng mung"}).content.decode()
    assert "Đảng ủy xã Chiềng Mung" in found
    assert "Đảng ủy xã Cò Nòi" not in found


def test_tree_query_count_does_not_grow(client, staff_user):
    from tests.factories import OrganizationFactory
    from tests.utils import queries_for

    client.force_login(staff_user)
    few = queries_for(client, "/don-vi/")
    for i in range(40):
        OrganizationFactory(code=f"bulk-{i}")
    assert queries_for(client, "/don-vi/") == few
