"""Fixtures for units' sub-plans: the unit's obligation in a launched campaign, brought to any state."""

import datetime

import pytest

from campaigns import services
from campaigns.models import SubPlan
from tests.utils import tiny_pdf

PDF_BYTES = tiny_pdf()
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG_BYTES = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def attach_scan(doc, user, name="ban-ky.pdf", content=PDF_BYTES):
    """The signed and stamped scan a submission needs (through the service, so the checks run)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    return services.add_attachment(doc, user, SimpleUploadedFile(name, content, "application/pdf"))


def fill(subplan, user, *, scan=True):
    """Give the draft what a submission needs (a title, a measure per area, a target, a signer, the signed scan)."""
    areas = list(subplan.campaign.content_areas.order_by("order"))
    sections = {
        area.pk: (
            f"Biện pháp cho nội dung {area.order}.",
            [
                {
                    "name": "Tỷ lệ đảng viên được quán triệt",
                    "value": 100,
                    "unit_of_measure": "%",
                    "deadline": datetime.date(2024, 6, 30),
                    "responsible": "Văn phòng",
                }
            ]
            if i == 0
            else [],
        )
        for i, area in enumerate(areas)
    }
    header = {
        "number": "12-KH/ĐU",
        "issued_on": datetime.date(2024, 1, 20),
        "place": "Chiềng Mung",
        "title": "Thực hiện phong trào thi đua",
        "introduction": "",
        "further_content": "",
        "signer_title": "BÍ THƯ",
        "signer_name": "Tòng Văn Dũng",
    }
    subplan.refresh_from_db()
    subplan = services.save_subplan(subplan, user, version=subplan.version, header=header, sections=sections)
    if scan and not services.signed_scans(subplan).exists():
        attach_scan(subplan, user)
    return subplan


def bring_to(subplan, state, head, staff):
    """Fill a fresh draft and move it to `state` through the service (so the log is real)."""
    fill(subplan, head)
    if state == "draft":
        return subplan
    services.transition_subplan(subplan, "submit", head)
    if state == "returned":
        services.transition_subplan(subplan, "return", staff, reason="Bổ sung chỉ tiêu.")
    elif state == "approved":
        services.transition_subplan(subplan, "approve", staff)
    subplan.refresh_from_db()
    assert subplan.status == state
    return subplan


@pytest.fixture
def subplan(launched_campaign, unit):
    return SubPlan.objects.get(campaign=launched_campaign, organization=unit)


@pytest.fixture
def other_subplan(launched_campaign, other_unit):
    return SubPlan.objects.get(campaign=launched_campaign, organization=other_unit)


@pytest.fixture
def report(launched_campaign, subplan, unit_head, staff_user):
    """The unit's interim progress report, requested once its sub-plan is approved."""
    from campaigns.enums import MilestoneKind
    from campaigns.models import Milestone, ProgressReport

    bring_to(subplan, "approved", unit_head, staff_user)
    Milestone.objects.create(
        campaign=launched_campaign, kind=MilestoneKind.INTERIM_REPORT_DUE, date=datetime.date(2024, 6, 15)
    )
    services.request_progress_reports(launched_campaign, "interim", staff_user)
    return ProgressReport.objects.get(campaign=launched_campaign, organization=subplan.organization, kind="interim")
