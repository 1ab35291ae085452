"""Demo data: the Mai Sơn 2019 plan as structured fields, launched through the service.

The source shows no number and no date (they are given at issue). The demo
launches the plan with the next number of the term and a demo date, and says
so in `Campaign.number_note`, on the campaign page and in the command output.
"""

import datetime

from django.contrib.auth import get_user_model

from campaigns import services
from campaigns.enums import CampaignStatus, LegalBasisKind, MilestoneKind
from campaigns.models import (
    Assignment,
    Campaign,
    ContentArea,
    LegalBasis,
    Milestone,
    Movement,
    Occasion,
    Recipient,
)

from . import mai_son_text as text

D = datetime.date
DEMO_ISSUE_DATE = D(2019, 10, 25)
DEMO_NUMBER_NOTE = "Văn bản gốc không ghi số và ngày; số và ngày này do dữ liệu mẫu gán khi phát hành để minh họa."

LEGAL_BASES = [
    # (role, kind, number, date, issuer, title)
    (
        "basis",
        LegalBasisKind.DIRECTIVE,
        "26-CT/TU",
        D(2019, 10, 21),
        "Ban Thường vụ Tỉnh ủy Sơn La",
        "Về phát động phong trào thi đua yêu nước thực hiện thắng lợi Nghị quyết Đại hội Đại biểu Đảng bộ tỉnh "
        "nhiệm kỳ 2015 - 2020, chào mừng đại hội đảng các cấp nhiệm kỳ 2020-2025, Kỷ niệm 125 năm thành lập tỉnh "
        "Sơn La và Đại hội thi đua yêu nước tỉnh Sơn La lần thứ V năm 2020",
    ),
    (
        "referenced",
        LegalBasisKind.DIRECTIVE,
        "34-CT/TW",
        D(2014, 4, 7),
        "Bộ Chính trị",
        "Về đổi mới công tác thi đua, khen thưởng",
    ),
    (
        "referenced",
        LegalBasisKind.DIRECTIVE,
        "26/CT-TTg",
        D(2016, 9, 5),
        "Thủ tướng Chính phủ",
        "Về tăng cường kỷ luật, kỷ cương trong các cơ quan hành chính Nhà nước",
    ),
    (
        "referenced",
        LegalBasisKind.DIRECTIVE,
        "05-CT/TW",
        D(2016, 5, 15),
        "Bộ Chính trị",
        "Đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    ),
    (
        "referenced",
        LegalBasisKind.DIRECTIVE,
        "35-CT/TW",
        D(2019, 5, 30),
        "Bộ Chính trị",
        "Về đại hội đảng bộ các cấp tiến tới Đại hội đại biểu toàn quốc lần thứ XIII của Đảng",
    ),
    ("referenced", LegalBasisKind.PLAN, "154-KH/TU", D(2019, 6, 27), "Ban Thường vụ Tỉnh ủy Sơn La", ""),
    ("referenced", LegalBasisKind.PLAN, "208-KH/HU", D(2019, 7, 3), "Ban Thường vụ Huyện ủy Mai Sơn", ""),
]

AREA_HEADINGS = [
    "Quán triệt Chỉ thị 34-CT/TW, 26/CT-TTg; gắn với Chỉ thị 05-CT/TW",
    "Lãnh đạo, chỉ đạo tổ chức các phong trào thi đua",
    "Phong trào thi đua thực hiện Nghị quyết Đại hội và kế hoạch 5 năm",
    "Tổ chức thành công đại hội đảng bộ các cấp",
    "Quản lý nhà nước về thi đua, khen thưởng",
]

MOVEMENTS = {
    3: [
        "Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh",
        "Chung sức xây dựng nông thôn mới",
        "Chung tay vì người nghèo - Không để ai bỏ lại phía sau",
        "Doanh nghiệp Mai Sơn hội nhập và phát triển",
        "Phong trào toàn dân đoàn kết xây dựng đời sống văn hóa",
        "Toàn dân bảo vệ an ninh tổ quốc",
        "Lao động sản xuất kinh doanh giỏi",
        "Phát huy sáng kiến, cải tiến kỹ thuật",
        "Thi đua cải cách hành chính",
    ],
}

OCCASIONS = [
    ("Đại hội Đảng các cấp nhiệm kỳ 2020-2025", None),
    ("Kỷ niệm 125 năm ngày thành lập tỉnh Sơn La (10/10/1895-10/10/2020)", D(2020, 10, 10)),
    ("Đại hội thi đua yêu nước tỉnh Sơn La lần thứ V năm 2020", None),
]

# Organisations responsible for each paragraph of IV, by code; IV.4 names every level.
ASSIGNMENT_ORGS = [
    (["ubnd-mai-son"], True),
    (["btg-hu-mai-son"], True),
    (["mttq-mai-son", "hlhpn-mai-son", "hd-mai-son", "hnd-mai-son", "hccb-mai-son", "ldld-mai-son"], True),
    (None, True),  # "Các cấp ủy đảng, chính quyền, các cơ quan, đơn vị, cơ sở": party cells and communes
]

RECIPIENT_ORGS = [
    "tu-son-la",
    None,
    "btv-hu-mai-son",
    "ubnd-mai-son",
    None,
    "mttq-mai-son",
    None,
    "cong-ttdt-mai-son",
    None,
]

MILESTONES = [
    (MilestoneKind.SUBPLAN_DUE, D(2019, 11, 15), "Các đơn vị gửi kế hoạch về Văn phòng Huyện ủy"),
    (MilestoneKind.INTERIM_REPORT_DUE, D(2020, 6, 15), "Báo cáo sơ kết 6 tháng"),
    (MilestoneKind.INTERIM_REVIEW, D(2020, 6, 30), "Sơ kết"),
    (MilestoneKind.FINAL_REPORT_DUE, D(2020, 11, 30), "Báo cáo tổng kết"),
    (MilestoneKind.NOMINATIONS_DUE, D(2020, 12, 5), "Đề nghị khen thưởng"),
    (MilestoneKind.FINAL_REVIEW, D(2020, 12, 20), "Tổng kết"),
]


def load(orgs, stdout=None):
    issuer = orgs["hu-mai-son"]
    campaign = Campaign.objects.filter(issuer=issuer, title=text.TITLE).first()
    if campaign is not None:
        return campaign
    staff = get_user_model().objects.get(username="vanphong")
    campaign = Campaign.objects.create(
        issuer=issuer,
        superior_body=orgs["tu-son-la"].printed_header,
        issuing_body=issuer.name.upper(),
        document_type=text.DOCUMENT_TYPE,
        symbol="KH/HU",
        term="2015-2020",
        place="Mai Sơn",
        title=text.TITLE,
        preamble=text.PREAMBLE,
        introduction=text.INTRODUCTION,
        purpose=text.PURPOSE,
        requirements=text.REQUIREMENTS,
        period_start=D(2019, 10, 1),
        period_end=D(2020, 12, 31),
        period_text=text.PERIOD_TEXT,
        closing=text.CLOSING,
        sign_on_behalf=text.SIGN_ON_BEHALF,
        signer_title=text.SIGNER_TITLE,
        signer_name=text.SIGNER_NAME,
        created_by=staff,
    )
    for order, (role, kind, number, issued_on, issuer_name, title) in enumerate(LEGAL_BASES, 1):
        LegalBasis.objects.create(
            campaign=campaign,
            order=order,
            role=role,
            kind=kind,
            number=number,
            issued_on=issued_on,
            issuer=issuer_name,
            title=title,
        )
    for order, body in enumerate(text.CONTENT_AREAS, 1):
        area = ContentArea.objects.create(campaign=campaign, order=order, heading=AREA_HEADINGS[order - 1], body=body)
        for m_order, name in enumerate(MOVEMENTS.get(order, []), 1):
            Movement.objects.create(content_area=area, order=m_order, name=name)
    for order, (name, day) in enumerate(OCCASIONS, 1):
        Occasion.objects.create(campaign=campaign, order=order, name=name, date=day)
    subplan_due = MILESTONES[0][1]
    grassroots = [o for o in orgs.values() if o.kind in ("party_cell", "commune")]
    for order, (body, (codes, requires_subplan)) in enumerate(zip(text.ASSIGNMENTS, ASSIGNMENT_ORGS, strict=True), 1):
        assignment = Assignment.objects.create(
            campaign=campaign, order=order, body=body, requires_subplan=requires_subplan, due_date=subplan_due
        )
        assignment.organizations.set([orgs[c] for c in codes] if codes else grassroots)
    for order, (line, code) in enumerate(zip(text.RECIPIENTS, RECIPIENT_ORGS, strict=True), 1):
        Recipient.objects.create(campaign=campaign, order=order, text=line, organization=orgs.get(code))
    for kind, day, label in MILESTONES:
        Milestone.objects.create(campaign=campaign, kind=kind, date=day, label=label)

    if campaign.status == CampaignStatus.DRAFT:
        campaign = services.launch_campaign(campaign, staff, issued_on=DEMO_ISSUE_DATE, number_note=DEMO_NUMBER_NOTE)
        if stdout:
            stdout.write(
                f"Kế hoạch mẫu phát hành với số {campaign.reference}, ngày {campaign.issued_on:%d/%m/%Y} "
                "(do dữ liệu mẫu gán: văn bản gốc không ghi số và ngày)."
            )
    return campaign
