"""Demo step: interim progress reports of the Mai Sơn campaign in every state (after the sub-plans step).

Runs the real services, then moves timestamps back to June 2020. Units already written are left alone.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from campaigns import services
from campaigns.demo.subplans import demo_header, demo_scan
from campaigns.enums import ReviewKind
from campaigns.models import ProgressReport, ProgressReportLog

User = get_user_model()

# (org code, writer, final state, submitted on (day of June 2020), return reason)
SCRIPT = [
    ("ubnd-mai-son", "ubnd", "approved", 10, None),
    ("btg-hu-mai-son", "tuyengiao", "submitted", 12, None),
    ("db-cong-an-mai-son", "admin", "returned", 11, "Chưa nêu gương điển hình; đề nghị bổ sung."),
    ("du-chieng-mung", "chiengmung", "draft", None, None),
]

NARRATIVE = [
    "Đã tổ chức quán triệt tới toàn thể cán bộ, đảng viên; 100% chi bộ xây dựng kế hoạch thực hiện.",
    "Cấp ủy ban hành kế hoạch, phân công phụ trách; định kỳ kiểm tra, đôn đốc.",
    "Các phong trào thi đua được triển khai sâu rộng; nhiều mô hình hay ở cơ sở.",
    "Chuẩn bị văn kiện, nhân sự đại hội đúng tiến độ.",
    "Hội đồng Thi đua - Khen thưởng được kiện toàn; bình xét công khai, đúng quy định.",
]


def _at(day, hour):
    return timezone.make_aware(datetime.datetime(2020, 6, day, hour, 0))


def load(orgs, campaign, stdout=None):
    staff = User.objects.get(username="vanphong")
    created = services.request_progress_reports(campaign, ReviewKind.INTERIM, staff)
    written = 0
    for code, writer_name, state, day, reason in SCRIPT:
        report = ProgressReport.objects.filter(
            campaign=campaign, kind=ReviewKind.INTERIM, organization__code=code
        ).first()
        if report is None or report.logs.exists() or report.narratives.exists():
            continue
        writer = User.objects.get(username=writer_name)
        areas = list(campaign.content_areas.order_by("order", "id"))
        targets = list(services.report_targets(report))
        results = {
            t.pk: ((t.value or Decimal("1")) * Decimal("0.8") if i % 2 else (t.value or Decimal("1")), "")
            for i, t in enumerate(targets)
        }
        services.save_progress_report(
            report,
            writer,
            version=report.version,
            header={
                **demo_header(report.organization, 20 + written, "BC", writer),
                "issued_on": datetime.date(2020, 6, day or 5),
                "summary": "Triển khai kịp thời Kế hoạch của Ban Thường vụ Huyện ủy.",
                "notable_examples": "" if state == "returned" else "Bản Nà Sản: 100% hộ đạt gia đình văn hóa.",
                "difficulties": "Địa bàn rộng, giao thông khó khăn ở các bản vùng cao.",
                "proposals": "Đề nghị tăng kinh phí khen thưởng cho cơ sở.",
            },
            narratives={
                a.pk: NARRATIVE[i % len(NARRATIVE)] for i, a in enumerate(areas[: 2 if state == "draft" else 5])
            },
            results=results,
            commendations=[
                {
                    "name": "Chi bộ bản Nà Sản",
                    "is_collective": True,
                    "award": "Giấy khen",
                    "achievement": "Dẫn đầu phong trào xây dựng nông thôn mới.",
                },
                {
                    "name": "Ông Lò Văn Pọm",
                    "is_collective": False,
                    "award": "Giấy khen",
                    "achievement": "Hiến 500 m² đất làm đường.",
                },
            ]
            if state != "draft"
            else [],
        )
        written += 1
        if state == "draft":
            continue
        services.add_attachment(
            report, writer, demo_scan(f"bao-cao-so-ket-{code}.pdf"), "Bản báo cáo đã ký (dữ liệu mẫu)"
        )
        services.transition_progress_report(report, "submit", writer)
        if state == "approved":
            services.transition_progress_report(report, "approve", staff)
        elif state == "returned":
            services.transition_progress_report(report, "return", staff, reason=reason)
        submitted, reviewed = _at(day, 9), _at(day + 3, 15)
        for log, moment in zip(
            ProgressReportLog.objects.filter(subject=report).order_by("id"), [submitted, reviewed], strict=False
        ):
            ProgressReportLog.objects.filter(pk=log.pk).update(at=moment, notified_at=moment)
        ProgressReport.objects.filter(pk=report.pk).update(
            submitted_at=submitted, first_submitted_at=submitted, approved_at=reviewed if state == "approved" else None
        )
    if stdout and (created or written):
        stdout.write(f"Báo cáo sơ kết của đơn vị: {created} đơn vị được yêu cầu, {written} báo cáo mẫu.")
