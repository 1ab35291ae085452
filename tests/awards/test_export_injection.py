"""Every awards xlsx export writes user text as text: a nominee named =HYPERLINK(...) is not a live formula."""

import datetime

import pytest
from django.urls import reverse

from awards.enums import NominationStatus as S
from awards.models import AwardType
from tests.utils import HOSTILE_TEXTS, assert_user_text_is_text, xlsx_cells

from .conftest import make_award, make_nomination

D = datetime.date
pytestmark = pytest.mark.django_db
LINK, PLUS, MINUS, AT, TAB, CR = HOSTILE_TEXTS


def hostile_fields():
    return {"name": LINK, "title_prefix": AT, "position": PLUS, "unit_name": MINUS}


@pytest.fixture
def campaign(make_campaign, people_committee):
    return make_campaign(D(2024, 12, 31), people_committee)


def test_nominee_export(client, staff_user, campaign, unit):
    make_nomination(campaign, unit, "ldtt", status=S.APPROVED, **hostile_fields())
    make_nomination(campaign, unit, "ldtt", status=S.APPROVED, name=TAB, position=CR)
    client.force_login(staff_user)
    response = client.get(reverse("awards:export", args=[campaign.pk]))
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    assert assert_user_text_is_text(response) > 30


def test_proposal_upward_export(client, staff_user, make_campaign, unit):
    party_campaign = make_campaign(D(2020, 12, 31))
    make_nomination(party_campaign, unit, "bang-khen-btv-tinh-uy", status=S.APPROVED, **hostile_fields())
    make_nomination(party_campaign, unit, "bang-khen-btv-tinh-uy", status=S.APPROVED, name=TAB, position=CR)
    client.force_login(staff_user)
    response = client.get(reverse("awards:proposal_upward", args=[party_campaign.pk]), {"format": "xlsx"})
    assert_user_text_is_text(response)


def test_registry_export(client, staff_user, campaign, unit):
    make_award(campaign, unit, "ldtt", name=LINK, position=PLUS, unit_name=MINUS, ethnicity=AT, achievement=TAB)
    make_award(campaign, unit, "ldtt", name=CR)
    client.force_login(staff_user)
    assert_user_text_is_text(client.get(reverse("awards:registry_export")))


def test_statistics_export(client, staff_user, campaign, unit):
    make_award(campaign, unit, "giay-khen-btv-huyen-uy", nominee_class="direct_worker")
    AwardType.objects.filter(code="giay-khen-btv-huyen-uy").update(name=LINK)  # the catalogue is typed by people too
    client.force_login(staff_user)
    response = client.get(reverse("awards:statistics"), {"format": "xlsx"})
    assert_user_text_is_text(response, texts=[LINK])


def test_control_characters_in_user_text_do_not_break_the_export(client, staff_user, campaign, unit):
    make_nomination(campaign, unit, "ldtt", status=S.APPROVED, name="Lò\x0b Văn\x1f Sổ")  # pasted from a PDF
    client.force_login(staff_user)
    response = client.get(reverse("awards:export", args=[campaign.pk]))
    assert response.status_code == 200  # openpyxl raised IllegalCharacterError: a 500
    assert "Lò Văn Sổ" in [c.value for c in xlsx_cells(response)]
