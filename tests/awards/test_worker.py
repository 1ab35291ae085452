"""Certificates and the decision PDF printed by a real Celery worker on the real Redis (not eager mode)."""

import datetime
import threading
import time

import pytest

from awards import services
from awards.enums import NominationStatus as S
from awards.models import Award, Decision
from tests.reports.test_worker import redis_worker

from .conftest import make_nomination

D = datetime.date
pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_issuing_a_decision_prints_in_the_worker(make_campaign, unit, staff_user):
    campaign = make_campaign(D(2020, 12, 31))
    noms = [
        make_nomination(campaign, unit, "giay-khen-btv-huyen-uy", status=S.APPROVED, name=f"Lò Văn {i}") for i in "ABC"
    ]
    decision = services.create_decision(
        campaign,
        staff_user,
        noms,
        issuing_body="HUYỆN ỦY THỬ",
        number=9,
        symbol="QĐ/HU",
        place="Thử",
        issued_on=D(2020, 12, 25),
        signer_name="Nguyễn Văn Ký",
    )
    runs = []
    with redis_worker(runs):
        services.issue_decision(decision, staff_user)  # queued on commit, not run here
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and Award.objects.filter(decision=decision, certificate="").exists():
            time.sleep(0.2)
    assert not Award.objects.filter(decision=decision, certificate="").exists()
    assert Decision.objects.get(pk=decision.pk).pdf
    assert runs and all(name != threading.main_thread().name for name, _ in runs)
    assert Award.objects.filter(decision=decision).count() == 3
