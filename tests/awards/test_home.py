"""The navbar leads to proposing: «Khen thưởng» opens a menu whose first item lists the running campaigns with
«Đề nghị mới» and the unit's own nominations."""

import pytest

from awards.enums import NominationStatus

from .conftest import make_nomination

pytestmark = pytest.mark.django_db


def test_navbar_menu_leads_to_proposing(client, unit_head, make_campaign):
    make_campaign()
    client.force_login(unit_head)
    html = client.get("/").content.decode()
    menu = html[html.index('id="nav-awards"') : html.index("</ul>", html.index('id="nav-awards"'))]
    assert 'href="/khen-thuong/"' in menu and "Đề nghị khen thưởng" in menu
    assert 'href="/khen-thuong/so/"' in menu and "Sổ khen thưởng" in menu


def test_unit_head_finds_the_campaigns_to_propose_in_and_their_own_nominations(
    client, unit, other_unit, unit_head, make_campaign
):
    campaign = make_campaign()
    own = make_nomination(campaign, unit, "ldtt", name="Lò Văn Một")
    make_nomination(campaign, other_unit, "ldtt", name="Người Đơn Vị Khác", status=NominationStatus.SUBMITTED)
    client.force_login(unit_head)
    response = client.get("/khen-thuong/")
    html = response.content.decode()
    assert f"/khen-thuong/phong-trao/{campaign.pk}/de-nghi-moi/" in html
    assert f"/khen-thuong/de-nghi/{own.pk}/" in html and "Lò Văn Một" in html
    assert "Người Đơn Vị Khác" not in html


@pytest.mark.parametrize("n", [1, 30])
def test_awards_home_queries_do_not_grow(client, unit, unit_head, make_campaign, django_assert_num_queries, n):
    campaign = make_campaign()
    for _ in range(n):
        make_nomination(campaign, unit, "ldtt", dossier=False)
    client.force_login(unit_head)
    with django_assert_num_queries(AWARDS_HOME_QUERIES):
        assert client.get("/khen-thuong/").status_code == 200


AWARDS_HOME_QUERIES = 7
