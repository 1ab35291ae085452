"""Demo step: the Mai Sơn campaign's obligations, with units' sub-plans in every state.

Each scripted unit goes through the real services (save, submit, return, approve), then its
timestamps are moved back to November 2019 so the board reads like the real campaign. A unit that
already has content or a log is left alone: running the demo twice changes nothing.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from campaigns import services
from campaigns.models import SubPlan, SubPlanLog
from campaigns.printing import document_number, unit_style
from units.enums import OrgKind

User = get_user_model()

# (org code, writer username, final state, submitted on (day of Nov 2019), return reason or None)
SCRIPT = [
    ("ubnd-mai-son", "ubnd", "approved", 8, None),
    ("btg-hu-mai-son", "tuyengiao", "approved", 12, None),
    ("db-cong-an-mai-son", "admin", "approved", 14, None),
    ("mttq-mai-son", "mttq", "submitted", 15, None),
    ("hd-mai-son", "admin", "submitted", 18, None),
    ("du-hat-lot-tt", "admin", "submitted", 22, None),
    (
        "du-co-noi",
        "conoi",
        "returned",
        16,
        "Kế hoạch chưa có chỉ tiêu cho nội dung 3 (phong trào xây dựng nông thôn mới); đề nghị bổ sung và nộp lại.",
    ),
    ("hlhpn-mai-son", "admin", "returned", 13, "Thiếu bản ký, đóng dấu; đề nghị đính kèm bản scan."),
    ("du-chieng-mung", "chiengmung", "draft", None, None),
]

MEASURES = [
    "Tổ chức quán triệt Chỉ thị 34-CT/TW, Chỉ thị 26/CT-TTg tới 100% cán bộ, đảng viên; gắn với học tập và làm theo "
    "tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
    "Cấp ủy trực tiếp lãnh đạo phong trào; phân công đồng chí phó bí thư phụ trách, sơ kết 6 tháng.",
    "Đăng ký thi đua thực hiện các chỉ tiêu phát triển kinh tế - xã hội năm 2020; xây dựng nông thôn mới.",
    "Chuẩn bị chu đáo văn kiện, nhân sự đại hội đảng bộ nhiệm kỳ 2020-2025.",
    "Kiện toàn Hội đồng Thi đua - Khen thưởng; bình xét khen thưởng đúng quy định.",
]

TARGETS = {
    1: [("Cán bộ, đảng viên được quán triệt", Decimal("100"), "%", datetime.date(2019, 12, 31), "Ban Tuyên giáo")],
    3: [
        ("Hộ đạt danh hiệu gia đình văn hóa", Decimal("90"), "%", datetime.date(2020, 11, 30), "Văn phòng"),
        ("Tiêu chí nông thôn mới đạt thêm", Decimal("2"), "tiêu chí", datetime.date(2020, 12, 15), "Phó Chủ tịch UBND"),
    ],
    4: [("Tổ chức thành công đại hội", Decimal("1"), "đại hội", datetime.date(2020, 6, 30), "Bí thư")],
}


def demo_scan(name):
    """A small valid one-page PDF standing in for the signed and stamped scan of the demo data."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    stream = b"BT /F1 14 Tf 72 760 Td (Ban ky, dong dau - du lieu mau) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return SimpleUploadedFile(name, bytes(out), "application/pdf")


def _sections(campaign, upto=None):
    sections = {}
    for index, area in enumerate(campaign.content_areas.order_by("order", "id"), 1):
        if upto and index > upto:
            break
        rows = [
            {"name": n, "value": v, "unit_of_measure": u, "deadline": d, "responsible": r}
            for n, v, u, d, r in TARGETS.get(index, [])
        ]
        sections[area.pk] = (MEASURES[(index - 1) % len(MEASURES)], rows)
    return sections


def demo_place(org):
    """Where a demo unit's documents are written: the commune for a commune's bodies, else the district."""
    if org.kind == OrgKind.COMMUNE:
        for marker in (" thị trấn ", " xã "):
            if marker in f" {org.name}":
                return f" {org.name}".split(marker, 1)[1].strip()
    return "Mai Sơn"


# Heads who sign the demo documents of units without a demo account of their own (the administrator typed
# those in): the signature is a person of the unit, never the account that entered the text.
DEMO_SIGNERS = {
    "db-cong-an-mai-son": "Hoàng Văn Tuấn",
    "hd-mai-son": "Lường Văn Hiếu",
    "du-hat-lot-tt": "Quàng Văn Thành",
    "hlhpn-mai-son": "Lò Thị Hạnh",
}


def demo_signer(org, writer):
    """The name under a demo unit's signature: the writer when they belong to the unit, else the unit's head."""
    if writer.memberships.filter(organization=org).exists() and writer.get_full_name():
        return writer.get_full_name()
    return DEMO_SIGNERS.get(org.code, "Nguyễn Văn An")


def demo_header(org, number, code, writer):
    """Number (in the unit's format, with its symbol), place and signature lines of a demo unit's document."""
    style = unit_style(org)
    return {
        "number": document_number(str(number), code, org),
        "place": demo_place(org),
        "sign_on_behalf": style.sign_on_behalf,
        "signer_title": style.signer_title,
        "signer_name": demo_signer(org, writer),
    }


def _at(day, hour):
    return timezone.make_aware(datetime.datetime(2019, 11, day, hour, 0))


def load(orgs, campaign, stdout=None):
    staff = User.objects.get(username="vanphong")
    services.obligations_on_launch(campaign, staff)  # units already obliged are left as they are
    changed = 0
    for code, writer_name, state, day, reason in SCRIPT:
        org = orgs.get(code)
        subplan = SubPlan.objects.filter(campaign=campaign, organization=org).first() if org else None
        if subplan is None or subplan.logs.exists() or subplan.items.exists():
            continue
        writer = User.objects.get(username=writer_name)
        header = {
            **demo_header(org, 10 + changed, "KH", writer),
            "issued_on": datetime.date(2019, 11, day or 5),
            "title": "Thực hiện phong trào thi đua yêu nước năm 2020",
            "introduction": "Cụ thể hóa Kế hoạch của Ban Thường vụ Huyện ủy phù hợp với tình hình của đơn vị.",
            "further_content": "Giao Văn phòng theo dõi, tổng hợp, báo cáo kết quả.",
        }
        upto = 2 if state == "draft" else (3 if code == "du-co-noi" else None)
        subplan = services.save_subplan(
            subplan, writer, version=subplan.version, header=header, sections=_sections(campaign, upto)
        )
        changed += 1
        if state == "draft":
            continue
        services.add_attachment(subplan, writer, demo_scan(f"ke-hoach-{code}.pdf"), "Bản ký, đóng dấu (dữ liệu mẫu)")
        services.transition_subplan(subplan, "submit", writer)
        if state == "approved":
            services.transition_subplan(subplan, "approve", staff)
        elif state == "returned":
            services.transition_subplan(subplan, "return", staff, reason=reason)
        # Move the story back to November 2019.
        submitted, reviewed = _at(day, 9), _at(min(day + 3, 30), 15)
        logs = list(SubPlanLog.objects.filter(subject=subplan).order_by("id"))
        for log, moment in zip(logs, [submitted, reviewed], strict=False):
            SubPlanLog.objects.filter(pk=log.pk).update(at=moment, notified_at=moment)
        SubPlan.objects.filter(pk=subplan.pk).update(
            submitted_at=submitted,
            first_submitted_at=submitted,
            approved_at=reviewed if state == "approved" else None,
        )
    if stdout and changed:
        total = SubPlan.objects.filter(campaign=campaign).count()
        stdout.write(f"Kế hoạch của đơn vị: {total} đơn vị được giao, {changed} kế hoạch mẫu ở các trạng thái.")
