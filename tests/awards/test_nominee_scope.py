"""A unit nominates only its own organisation and the ones below it; committee staff anything under the committee.
Checked in the form's list and again in the model (services, import, admin), also against forged POSTs."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from awards import services
from awards.models import AwardType, Nomination
from tests.factories import OrganizationFactory

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(make_campaign):
    return make_campaign(D(2020, 12, 31))


def collective(campaign, organization):
    gk = AwardType.objects.valid_on(campaign.period_end).get(code="giay-khen-btv-huyen-uy")
    return {
        "nominee_kind": "collective",
        "organization": organization,
        "full_name": organization.name,
        "award_type": gk,
        "achievement": "Tốt.",
    }


def post(client, campaign, proposer, organization):
    data = collective(campaign, organization)
    return client.post(
        reverse("awards:nomination_create", args=[campaign.pk]),
        {
            **data,
            "proposer": proposer.pk,
            "organization": organization.pk,
            "award_type": data["award_type"].pk,
            "year": "2020",
        },
    )


def test_forged_post_for_another_units_organisation_is_refused(campaign, client, unit, other_unit, unit_head):
    client.force_login(unit_head)
    page = client.get(reverse("awards:nomination_create", args=[campaign.pk])).content.decode()
    select = page.split('name="organization"')[1].split("</select>")[0]
    assert f'value="{unit.pk}"' in select and f'value="{other_unit.pk}"' not in select
    response = post(client, campaign, unit, other_unit)  # the id typed into the POST by hand
    assert response.status_code == 400
    assert not Nomination.objects.filter(organization=other_unit).exists()
    assert post(client, campaign, unit, unit).status_code == 302
    branch = OrganizationFactory(parent=unit, name="Chi bộ bản Nà Hạ", code="cb-na-ha")
    assert post(client, campaign, unit, branch).status_code == 302  # its own subtree


def test_services_refuse_it_too(campaign, unit, other_unit, unit_head, staff_user, issuer):
    with pytest.raises(ValidationError) as caught:
        services.create_nomination(campaign, unit, unit_head, **collective(campaign, other_unit))
    assert "chỉ đề nghị khen thưởng chính đơn vị mình hoặc đơn vị trực thuộc" in str(caught.value)
    own = services.create_nomination(campaign, unit, unit_head, **collective(campaign, unit))
    with pytest.raises(ValidationError):
        services.update_nomination(own, unit_head, organization=other_unit)
    own.refresh_from_db()
    assert own.organization == unit
    # Committee staff propose for the committee: any organisation under it.
    for org in (unit, other_unit):
        assert services.create_nomination(campaign, issuer, staff_user, **collective(campaign, org)).organization == org
