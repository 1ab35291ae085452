"""The demo has sub-plans in every state and loading it twice changes nothing."""

import os

import pytest
from django.core.management import call_command

from campaigns.models import (
    CommendationProposal,
    ProgressReport,
    ProgressReportLog,
    ProgressResult,
    SubPlan,
    SubPlanAttachment,
    SubPlanLog,
    SubPlanTarget,
)

pytestmark = pytest.mark.django_db


def _snapshot():
    return (
        sorted(SubPlan.objects.values_list("organization__code", "status", "version", "due_date")),
        SubPlanLog.objects.count(), SubPlanTarget.objects.count(), SubPlanAttachment.objects.count(),
        sorted(ProgressReport.objects.values_list("organization__code", "kind", "status", "version")),
        ProgressReportLog.objects.count(), ProgressResult.objects.count(), CommendationProposal.objects.count(),
    )


def test_demo_subplans_in_every_state_and_idempotent(demo):
    states = set(SubPlan.objects.filter(campaign=demo).values_list("status", flat=True))
    assert states == {"draft", "submitted", "returned", "approved"}
    assert SubPlan.objects.get(organization__code="du-chieng-mung").status == "draft"
    assert SubPlan.objects.get(organization__code="du-co-noi").status == "returned"
    approved = SubPlan.objects.get(organization__code="ubnd-mai-son")
    assert approved.first_submitted_at.year == 2019 and approved.logs.count() == 2
    before = _snapshot()
    call_command("load_demo", stdout=open(os.devnull, "w"))
    assert _snapshot() == before


def test_demo_users_see_their_part(client, demo):
    client.login(username="chiengmung", password="thidua2019")
    assert "Đảng ủy xã Chiềng Mung" in client.get("/phong-trao/ke-hoach-cua-toi/").content.decode()
    assert client.get(f"/phong-trao/{demo.pk}/ke-hoach-don-vi/").status_code == 404
    client.login(username="vanphong", password="thidua2019")
    body = client.get(f"/phong-trao/{demo.pk}/ke-hoach-don-vi/").content.decode()
    assert "Đảng ủy xã Chiềng Mung" in body and "Ủy ban nhân dân huyện Mai Sơn" in body
    assert "Ủy ban Mặt trận Tổ quốc Việt Nam huyện Mai Sơn" in body[body.index('id="no-email"'):]


def test_demo_progress_reports_in_every_state(demo):
    states = set(ProgressReport.objects.filter(campaign=demo, kind="interim").values_list("status", flat=True))
    assert states == {"draft", "submitted", "returned", "approved"}
    ubnd = ProgressReport.objects.get(organization__code="ubnd-mai-son", kind="interim")
    assert ubnd.results.exists() and ubnd.commendations.count() == 2 and ubnd.first_submitted_at.year == 2020
