"""The nomination form offers the unit's registered people and collective first, and fills the nominee from them."""

import pytest

from awards.models import Nomination

from .conftest import bring_to, title

pytestmark = pytest.mark.django_db


def test_registered_people_come_first_and_fill_the_form(client, registration, unit, unit_head, staff_user):
    bring_to(registration, "approved", unit_head, staff_user)
    client.force_login(unit_head)
    url = f"/khen-thuong/phong-trao/{registration.campaign_id}/de-nghi-moi/"
    body = client.get(url).content.decode()
    picker = body.index('name="registered"')
    assert picker < body.index('name="nominee_kind"')
    person = registration.people.get(full_name="Lò Thị Hoa")
    assert f'value="p:{person.pk}"' in body and 'data-birth-year="1980"' in body
    assert f'value="c:{registration.pk}"' in body
    # Without JavaScript the chosen person fills the fields left empty.
    response = client.post(
        url,
        {
            "proposer": unit.pk,
            "registered": f"p:{person.pk}",
            "nominee_kind": "individual",
            "award_type": title("giay-khen-btv-huyen-uy").pk,  # a party committee awards no title itself
            "year": 2024,
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    nomination = Nomination.objects.get()
    assert (nomination.full_name, nomination.birth_year, nomination.gender, nomination.position) == (
        "Lò Thị Hoa",
        1980,
        "female",
        "Bí thư Chi bộ",
    )


def test_no_picker_without_registrations_and_none_of_another_unit(
    client, registration, other_registration, other_head, unit_head, staff_user
):
    client.force_login(other_head)
    url = f"/khen-thuong/phong-trao/{registration.campaign_id}/de-nghi-moi/"
    assert 'name="registered"' not in client.get(url).content.decode()
    bring_to(registration, "approved", unit_head, staff_user)
    assert "Lò Thị Hoa" not in client.get(url).content.decode()  # another unit's people are not offered
