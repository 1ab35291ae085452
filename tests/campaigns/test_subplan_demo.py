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
        SubPlanLog.objects.count(),
        SubPlanTarget.objects.count(),
        SubPlanAttachment.objects.count(),
        sorted(ProgressReport.objects.values_list("organization__code", "kind", "status", "version")),
        ProgressReportLog.objects.count(),
        ProgressResult.objects.count(),
        CommendationProposal.objects.count(),
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
    assert "Ủy ban Mặt trận Tổ quốc Việt Nam huyện Mai Sơn" in body[body.index('id="no-email"') :]


def test_demo_progress_reports_in_every_state(demo):
    states = set(ProgressReport.objects.filter(campaign=demo, kind="interim").values_list("status", flat=True))
    assert states == {"draft", "submitted", "returned", "approved"}
    ubnd = ProgressReport.objects.get(organization__code="ubnd-mai-son", kind="interim")
    assert ubnd.results.exists() and ubnd.commendations.count() == 2 and ubnd.first_submitted_at.year == 2020


def test_demo_documents_carry_the_units_symbol_place_and_signature(demo):
    numbers = dict(SubPlan.objects.filter(campaign=demo).exclude(number="").values_list("organization__code", "number"))
    assert numbers["ubnd-mai-son"].endswith("/KH-UBND") and numbers["mttq-mai-son"].endswith("/KH-MTTQ")
    assert numbers["hlhpn-mai-son"].endswith("/KH-HLHPN") and numbers["hd-mai-son"].endswith("/KH-HĐ")
    assert numbers["du-co-noi"].endswith("-KH/ĐU") and numbers["db-cong-an-mai-son"].endswith("-KH/ĐB")
    assert numbers["btg-hu-mai-son"].endswith("-KH/BTGHU")
    assert not [n for n in numbers.values() if n.endswith(("/Hội", "/Huyện", "/Ủy", "/Đảng"))]
    commune = SubPlan.objects.get(campaign=demo, organization__code="du-chieng-mung")
    assert (commune.place, commune.sign_on_behalf, commune.signer_title) == ("Chiềng Mung", "T/M ĐẢNG ỦY", "BÍ THƯ")
    assert SubPlan.objects.get(campaign=demo, organization__code="du-hat-lot-tt").place == "Hát Lót"
    ubnd = SubPlan.objects.get(campaign=demo, organization__code="ubnd-mai-son")
    assert (ubnd.place, ubnd.sign_on_behalf, ubnd.signer_title) == ("Mai Sơn", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
    reports = {
        r.organization.code: r
        for r in ProgressReport.objects.filter(campaign=demo, kind="interim").select_related("organization")
    }
    assert reports["ubnd-mai-son"].number.endswith("/BC-UBND")
    assert reports["ubnd-mai-son"].signer_title == "CHỦ TỊCH"
    assert reports["du-chieng-mung"].number.endswith("-BC/ĐU") and reports["du-chieng-mung"].place == "Chiềng Mung"
    assert reports["du-chieng-mung"].sign_on_behalf == "T/M ĐẢNG ỦY"


def test_demo_ubnd_subplan_prints_in_the_state_format(client, demo, tmp_path):
    import subprocess

    ubnd = SubPlan.objects.get(campaign=demo, organization__code="ubnd-mai-son")
    client.login(username="ubnd", password="thidua2019")
    response = client.get(f"/phong-trao/ke-hoach-don-vi/{ubnd.pk}/in/")
    (tmp_path / "ubnd.pdf").write_bytes(response.content)
    text = " ".join(
        subprocess.run(
            ["pdftotext", str(tmp_path / "ubnd.pdf"), "-"], check=True, capture_output=True, text=True
        ).stdout.split()
    )
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and f"Số: {ubnd.number}" in text
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" not in text and "ĐẢNG BỘ HUYỆN MAI SƠN" not in text
    assert "TM. ỦY BAN NHÂN DÂN" in text and "CHỦ TỊCH" in text and "THỦ TRƯỞNG" not in text
