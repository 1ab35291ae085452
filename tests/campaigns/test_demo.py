import pytest
from django.core.management import call_command

from campaigns.models import Campaign, ContentArea, Movement, Recipient
from units.models import Membership, Organization

pytestmark = pytest.mark.django_db


def counts():
    return [m.objects.count() for m in (Organization, Membership, Campaign, ContentArea, Movement, Recipient)]


def test_load_demo_twice_changes_nothing(demo):
    before = counts()
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert counts() == before


def test_demo_plan_is_structured(demo):
    assert demo.status == "launched"
    assert demo.number_note  # the demo number and date are flagged as not from the source
    assert demo.content_areas.count() == 5
    assert demo.assignments.count() == 4
    assert demo.recipients.count() == 9
    assert demo.legal_bases.filter(role="basis").get().number == "26-CT/TU"
    assert demo.superior_body == "ĐẢNG BỘ TỈNH SƠN LA" and demo.issuing_body == "HUYỆN ỦY MAI SƠN"
    assert demo.period_start.isoformat() == "2019-10-01" and demo.period_end.isoformat() == "2020-12-31"
    assert "Chung tay vì người nghèo - Không để ai bỏ lại phía sau" in Movement.objects.values_list("name", flat=True)
    assert demo.signer_name == "Lê Đình Châu"
