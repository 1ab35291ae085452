"""Nomination page and form details found by QA: log labels, the form's errors and choices, confirmations,
the council's way in from the home page."""

import datetime

import pytest
from django.contrib.admin.sites import site
from django.urls import reverse

from awards import services
from awards.enums import NominationStatus as S
from awards.models import Nomination, NominationLog

from .conftest import make_nomination

D = datetime.date
pytestmark = pytest.mark.django_db

RAW_CODES = ("draft", "submitted", "checked", "in_council", "approved", "rejected", "decided", "returned")


@pytest.fixture
def campaign(make_campaign):
    return make_campaign(D(2020, 12, 31))


def test_log_shows_vietnamese_state_labels(campaign, unit, unit_head, staff_user, client, admin_client):
    nom = make_nomination(campaign, unit, "giay-khen-btv-huyen-uy", status=S.SUBMITTED)
    services.check_nomination(nom, staff_user)
    services.return_nomination(nom, staff_user, "Bổ sung biên bản.")
    client.force_login(unit_head)
    html = client.get(reverse("awards:nomination", args=[nom.pk])).content.decode()
    log = html.split('id="nomination-log"')[1].split("</ul>")[0]
    assert "Đã gửi → Đã thẩm định" in log and "Đã thẩm định → Trả lại" in log and "Thẩm định đạt" in log
    assert not any(f" {code} " in log.replace("→", " ") for code in RAW_CODES)
    assert str(NominationLog.objects.filter(subject=nom).first()).endswith("Đã gửi → Đã thẩm định")
    admin_html = admin_client.get(reverse("admin:awards_nomination_change", args=[nom.pk])).content.decode()
    assert "Đã thẩm định" in admin_html and ">checked<" not in admin_html
    assert site.is_registered(Nomination)
