"""The staff page of the register of outgoing documents (sổ văn bản đi): scoped, filtered, the next numbers."""

import datetime

import pytest

from tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from tests.utils import queries_for
from thidua.documents import register
from units.enums import Role

pytestmark = pytest.mark.django_db
URL = "/don-vi/so-van-ban-di/"
DAY = datetime.date(2024, 3, 1)


def take(issuer, doc_type, n=1, subject="Văn bản"):
    for _ in range(n):
        register.take_number(
            issuer, doc_type, DAY, kind="party", term="2020-2025", symbol=f"{doc_type}/HU", subject=subject
        )


def test_staff_see_their_issuers_numbers_and_the_next_free_one(client, issuer, staff_user):
    other = OrganizationFactory(name="Huyện ủy Bên", code="hu-ben")
    take(issuer, "KH", 2, subject="Kế hoạch phát động <b>thi đua</b>")
    take(issuer, "QĐ", 1)
    take(other, "KH", 5, subject="Văn bản của huyện khác")
    client.force_login(staff_user)
    page = client.get(URL).content.decode()
    assert "2-KH/HU" in page and "1-QĐ/HU" in page
    assert "Văn bản của huyện khác" not in page  # another issuer's register is not shown
    assert "Kế hoạch phát động &lt;b&gt;thi đua&lt;/b&gt;" in page  # escaped
    next_rows = page.split("Số tiếp theo")[2].split("</table>")[0]
    assert ">3</td>" in next_rows and ">2</td>" in next_rows
    filtered = client.get(URL, {"type": "QĐ"}).content.decode()
    assert "1-QĐ/HU" in filtered and "2-KH/HU" not in filtered.split("Lọc")[1]


def test_a_user_without_an_organisation_sees_an_empty_register_and_anonymous_go_to_login(client):
    assert client.get(URL).status_code == 302
    client.force_login(UserFactory(username="nobody"))
    response = client.get(URL)
    assert response.status_code == 200 and not response.context["issuers"] and not response.context["page"].object_list
    assert "Chưa có văn bản nào được cấp số." in response.content.decode()


def test_the_page_makes_the_same_number_of_queries_for_more_entries(client, issuer, staff_user):
    client.force_login(staff_user)
    take(issuer, "KH", 1)
    few = queries_for(client, URL)
    take(issuer, "KH", 20)
    take(issuer, "BC", 5)
    other_staff = UserFactory(username="staff2")
    MembershipFactory(organization=issuer, role=Role.STAFF, user=other_staff)
    assert queries_for(client, URL) == few
