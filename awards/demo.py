"""Demo step: the Mai Sơn campaign ends in commendation.

Nominations from two communes go through every state: a draft, a submitted and a returned one, one checked,
one waiting for the vote in an open sitting, one the council rejects, one it approves for the provincial
Standing Committee (a proposal upward), and three it approves and the district Standing Committee decides
(Quyết định 150-QĐ/HU, 25/12/2020), so the registry shows three awards. Idempotent: the catalogue is
seeded only where rows are missing, and nothing else is created when the decision already exists.
"""

import datetime

from django.contrib.auth import get_user_model

from campaigns.models import ProgressReport

from . import services
from .catalogue import seed_catalogue
from .enums import Gender, NominationStatus, NomineeClass, NomineeKind, Threshold, VoteChoice
from .models import AwardType, Decision
from .wording import plan_phrase

DECISION_NUMBER = 150
DECISION_DATE = datetime.date(2020, 12, 25)
GK = "giay-khen-btv-huyen-uy"

# (proposer code, user, final state, nominee fields)
NOMINATIONS = [
    (
        "du-chieng-mung",
        "chiengmung",
        "decided",
        dict(
            nominee_kind=NomineeKind.COLLECTIVE,
            org="du-chieng-mung",
            nominee_class=NomineeClass.PARTY_BODY,
            achievement="Lãnh đạo hoàn thành vượt mức các chỉ tiêu phát triển kinh tế - xã hội năm 2020; tổ chức thành "
            "công Đại hội Đảng bộ xã nhiệm kỳ 2020-2025; 100% chi bộ hoàn thành tốt nhiệm vụ trở lên.",
        ),
    ),
    (
        "du-chieng-mung",
        "chiengmung",
        "decided",
        dict(
            nominee_kind=NomineeKind.INDIVIDUAL,
            title_prefix="Bà",
            full_name="Lò Thị Hoa",
            position="Bí thư Chi bộ bản Nà Hạ",
            unit_name="Đảng bộ xã Chiềng Mung",
            gender=Gender.FEMALE,
            ethnicity="Thái",
            birth_year=1980,
            nominee_class=NomineeClass.DIRECT_WORKER,
            achievement="Vận động nhân dân hiến 1.200 m² đất làm đường giao thông nông thôn; chi bộ bản 3 năm liền "
            "hoàn thành xuất sắc nhiệm vụ.",
        ),
    ),
    (
        "du-co-noi",
        "conoi",
        "decided",
        dict(
            nominee_kind=NomineeKind.INDIVIDUAL,
            title_prefix="Ông",
            full_name="Vì Văn Sơn",
            position="Trưởng bản Cò Nòi",
            unit_name="Đảng bộ xã Cò Nòi",
            gender=Gender.MALE,
            ethnicity="Thái",
            birth_year=1975,
            nominee_class=NomineeClass.DIRECT_WORKER,
            achievement="Đi đầu chuyển đổi 15 ha cây trồng sang cây ăn quả; bản đạt chuẩn nông thôn mới năm 2020.",
        ),
    ),
    (
        "du-co-noi",
        "conoi",
        "rejected",
        dict(
            nominee_kind=NomineeKind.COLLECTIVE,
            org="du-co-noi",
            nominee_class=NomineeClass.PARTY_BODY,
            achievement="Hoàn thành các chỉ tiêu chủ yếu của Nghị quyết Đại hội Đảng bộ xã năm 2020.",
        ),
    ),
    (
        "du-chieng-mung",
        "chiengmung",
        "checked",
        dict(
            nominee_kind=NomineeKind.INDIVIDUAL,
            title_prefix="Ông",
            full_name="Cầm Văn Thanh",
            position="Bí thư Đoàn xã",
            unit_name="Đảng bộ xã Chiềng Mung",
            gender=Gender.MALE,
            ethnicity="Thái",
            birth_year=1992,
            achievement="Tổ chức phong trào thanh niên tình nguyện làm 3 km đường bê tông nội bản.",
        ),
    ),
    (
        "du-chieng-mung",
        "chiengmung",
        "approved",
        dict(
            award="bang-khen-btv-tinh-uy",
            justification="Đề nghị Ban Thường vụ Huyện ủy trình Ban Thường vụ Tỉnh ủy tặng Bằng khen.",
            nominee_kind=NomineeKind.INDIVIDUAL,
            title_prefix="Ông",
            full_name="Tòng Văn Chung",
            position="Bí thư Đảng ủy xã",
            unit_name="Đảng bộ xã Chiềng Mung",
            gender=Gender.MALE,
            ethnicity="Thái",
            birth_year=1970,
            achievement="5 năm liền lãnh đạo Đảng bộ xã hoàn thành xuất sắc nhiệm vụ; xã đạt chuẩn nông thôn mới năm 2020.",
        ),
    ),
    (
        "du-co-noi",
        "conoi",
        "in_council",
        dict(
            nominee_kind=NomineeKind.INDIVIDUAL,
            title_prefix="Bà",
            full_name="Lò Thị Xuân",
            position="Trưởng ban Công tác Mặt trận bản",
            unit_name="Đảng bộ xã Cò Nòi",
            gender=Gender.FEMALE,
            ethnicity="Thái",
            birth_year=1983,
            achievement="Vận động nhân dân đóng góp 300 ngày công làm nhà văn hóa bản.",
        ),
    ),
    (
        "du-chieng-mung",
        "chiengmung",
        "returned",
        dict(
            nominee_kind=NomineeKind.INDIVIDUAL,
            title_prefix="Ông",
            full_name="Quàng Văn Minh",
            position="Chủ tịch Hội Nông dân xã",
            unit_name="Đảng bộ xã Chiềng Mung",
            gender=Gender.MALE,
            ethnicity="Thái",
            birth_year=1978,
            achievement="Xây dựng 2 mô hình hợp tác xã trồng xoài, nhãn ghép.",
        ),
    ),
    (
        "du-co-noi",
        "conoi",
        "submitted",
        dict(
            nominee_kind=NomineeKind.INDIVIDUAL,
            title_prefix="Bà",
            full_name="Hoàng Thị Lan",
            position="Chủ tịch Hội Phụ nữ xã",
            unit_name="Đảng bộ xã Cò Nòi",
            gender=Gender.FEMALE,
            ethnicity="Kinh",
            birth_year=1985,
            achievement="Vận động 120 hội viên tham gia mô hình tiết kiệm, giúp 15 hộ thoát nghèo.",
        ),
    ),
    (
        "du-co-noi",
        "conoi",
        "draft",
        dict(
            nominee_kind=NomineeKind.INDIVIDUAL,
            title_prefix="Ông",
            full_name="Lường Văn Tiến",
            position="Công an viên bản",
            unit_name="Đảng bộ xã Cò Nòi",
            gender=Gender.MALE,
            ethnicity="Thái",
            birth_year=1990,
            achievement="",
        ),
    ),
]


def demo_pdf(*lines):
    """A small valid one-page PDF (ASCII text, Helvetica) standing in for a scanned dossier file."""
    text = "".join(f"({line.replace('(', '[').replace(')', ']')}) Tj T* " for line in lines)
    stream = f"BT /F1 12 Tf 16 TL 56 780 Td {text}ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def add_demo_dossier(nomination, author):
    """The proposal letter and the achievement report (required before sending), as small demo PDFs."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from thidua.text import fold

    who = fold(nomination.display_name).title()
    unit = fold(nomination.proposer.name).title()
    for kind, filename, title in (
        ("proposal", "To trinh de nghi khen thuong.pdf", "To trinh de nghi khen thuong"),
        ("achievement", "Bao cao thanh tich.pdf", "Bao cao thanh tich"),
    ):
        upload = SimpleUploadedFile(
            f"{filename[:-4]} - {who}.pdf",
            demo_pdf(title, who, unit, "(Tep mau cua du lieu demo)"),
            content_type="application/pdf",
        )
        services.add_dossier_file(nomination, author, upload, kind, description="Tệp mẫu (dữ liệu demo)")


REVOCATION_NUMBER = 12
REVOCATION_DATE = datetime.date(2021, 6, 15)
REVOKED_NAME = "Vì Văn Sơn"


def load(orgs, campaign, stdout=None):
    created = seed_catalogue()
    if not Decision.objects.filter(campaign=campaign, number=DECISION_NUMBER).exists():
        _load_nominations(orgs, campaign, created, stdout)
    _load_revocation(campaign, stdout)
    _load_publication(campaign, stdout)
    _load_staff_record(campaign, stdout)


STAFF_RECORD = [
    # (office name, kind, level, [(name, gender, minority, birth year, training, started, full time)])
    (
        "Văn phòng Huyện ủy — bộ phận Thi đua - Khen thưởng",
        "division",
        "district",
        [
            ("Cầm Thị Thu", "female", True, 1986, "university", 2012, True),
            ("Nguyễn Văn Bình", "male", False, 1975, "postgraduate", 2004, True),
        ],
    ),
    (
        "Đảng ủy xã Chiềng Mung (công chức kiêm nhiệm)",
        "concurrent",
        "commune",
        [("Lường Văn Tiến", "male", True, 1992, "college", 2018, False)],
    ),
]


def _load_staff_record(campaign, stdout=None):
    """The committee's record of who does its emulation work (forms 0604.N/0605.N)."""
    from .models import EmulationOffice, EmulationWorker

    owner = campaign.issuer
    if EmulationOffice.objects.filter(owner=owner).exists():
        return
    for name, kind, level, people in STAFF_RECORD:
        office = EmulationOffice.objects.create(owner=owner, name=name, kind=kind, level=level)
        for full_name, gender, minority, born, training, started, full_time in people:
            EmulationWorker.objects.create(
                office=office,
                full_name=full_name,
                gender=gender,
                ethnic_minority=minority,
                birth_year=born,
                training=training,
                started_year=started,
                full_time=full_time,
            )
    if stdout:
        stdout.write("Hồ sơ tổ chức, cán bộ làm công tác thi đua, khen thưởng mẫu: 2 tổ chức, 3 người.")


def _load_publication(campaign, stdout=None):
    """The nominations still before the council, published for comment (15–21/12/2020), with one comment."""
    from .publication import PUBLISHABLE, publish_nominees, record_comment

    if campaign.publications.exists():
        return
    staff = get_user_model().objects.get(username="vanphong")
    rows = list(campaign.nominations.filter(status__in=PUBLISHABLE).select_related("award_type").order_by("id"))
    if not rows:
        return
    publication = publish_nominees(
        campaign,
        staff,
        rows,
        title="Danh sách tập thể, cá nhân đề nghị khen thưởng tổng kết phong trào thi đua giai đoạn 2019 - 2020",
        note="Ý kiến gửi Văn phòng Huyện ủy Mai Sơn (trực tiếp, qua bưu điện hoặc thư điện tử) trong thời hạn góp ý.",
        comments_from=datetime.date(2020, 12, 15),
        comments_until=datetime.date(2020, 12, 21),
    )
    record_comment(
        publication,
        staff,
        received_on=datetime.date(2020, 12, 18),
        sender="Chi hội Phụ nữ bản Cò Nòi",
        nomination=rows[0],
        content="Đồng tình với đề nghị; đề nghị bổ sung số hộ thoát nghèo năm 2020 vào báo cáo thành tích.",
        handling="Đã chuyển đơn vị đề nghị bổ sung báo cáo thành tích.",
    )
    if stdout:
        stdout.write(f"Công khai danh sách mẫu: {len(rows)} đề nghị, 1 ý kiến.")


def _load_revocation(campaign, stdout=None):
    """One award annulled after an inspection (Quyết định 12-QĐ/HU, 15/6/2021): it stays in the registry, marked."""
    from .enums import DecisionKind
    from .forms import revocation_basis
    from .models import Award

    if Decision.objects.filter(campaign=campaign, kind=DecisionKind.ANNUL).exists():
        return
    award = Award.objects.filter(decision__campaign=campaign, full_name=REVOKED_NAME).select_related("decision").first()
    if award is None:
        return
    staff = get_user_model().objects.get(username="vanphong")
    original = award.decision
    decision = services.create_amendment(
        award,
        staff,
        kind=DecisionKind.ANNUL,
        document_format=original.document_format,
        superior_body=original.superior_body,
        issuing_body=original.issuing_body,
        number=REVOCATION_NUMBER,
        symbol=original.symbol,
        place=original.place,
        issued_on=REVOCATION_DATE,
        title=f"Về việc hủy bỏ Quyết định khen thưởng số {original.reference} ngày {original.issued_on:%d/%m/%Y} "
        f"đối với ông {REVOKED_NAME}",
        preamble=f"{revocation_basis(REVOCATION_DATE)}\n"
        f"Căn cứ Quyết định số {original.reference} ngày {original.issued_on:%d/%m/%Y};\n"
        "Xét Kết luận kiểm tra số 05-KL/UBKTHU ngày 02/6/2021 của Ủy ban Kiểm tra Huyện ủy và đề nghị của Hội đồng "
        "Thi đua - Khen thưởng Huyện ủy,",
        reason="Kê khai diện tích chuyển đổi cây trồng không đúng thực tế (Kết luận kiểm tra số 05-KL/UBKTHU "
        "ngày 02/6/2021)",
        sign_on_behalf=original.sign_on_behalf,
        signer_title=original.signer_title,
        signer_name=original.signer_name,
        recipients="Như Điều 3,\nThường trực Huyện ủy,\nLưu Văn phòng Huyện ủy.",
    )
    services.issue_decision(decision, staff)
    if stdout:
        stdout.write(f"Hủy bỏ khen thưởng mẫu: Quyết định {decision.reference} ngày {REVOCATION_DATE:%d/%m/%Y}.")


def _load_nominations(orgs, campaign, created, stdout=None):
    users = {
        u.username: u
        for u in get_user_model().objects.filter(
            username__in=["vanphong", "hoidong", "hoidong2", "hoidong3", "chiengmung", "conoi"]
        )
    }
    staff = users["vanphong"]
    council = [users["hoidong"], users["hoidong2"], users["hoidong3"]]
    gk = AwardType.objects.valid_on(campaign.period_end).get(code=GK)

    session = services.create_session(
        campaign,
        staff,
        title="Phiên họp Hội đồng TĐ-KT xét khen thưởng tổng kết phong trào",
        held_on=datetime.date(2020, 12, 22),
        members=council,
        threshold=Threshold.MORE_THAN_HALF,
    )
    made = []
    for proposer_code, username, final, fields in NOMINATIONS:
        fields = dict(fields)
        org_code = fields.pop("org", None)
        award = (
            AwardType.objects.valid_on(campaign.period_end).get(code=fields.pop("award")) if "award" in fields else gk
        )
        if org_code:
            fields["organization"] = orgs[org_code]
            fields["full_name"] = orgs[org_code].name
        fields["progress_report"] = ProgressReport.objects.filter(
            campaign=campaign, organization=orgs[proposer_code], kind="final"
        ).first()  # the unit's final report, where the progress-report demo wrote one
        n = services.create_nomination(campaign, orgs[proposer_code], users[username], award_type=award, **fields)
        if final != "draft":  # the draft still lacks its dossier (the page lists what is missing)
            add_demo_dossier(n, users[username])
        made.append((n, final, users[username]))
    for n, final, author in made:
        if final in ("draft", "in_council"):
            continue
        services.submit_nomination(n, author)
        if final == "submitted":
            continue
        if final == "returned":
            services.return_nomination(n, staff, "Bổ sung biên bản họp Hội đồng TĐ-KT của Đảng ủy xã.")
            continue
        services.check_nomination(n, staff, "Hồ sơ đầy đủ, đúng tiêu chuẩn.")
        if final == "checked":
            continue
        services.put_to_council(n, session, staff)
        # Two of three members carry the majority; the third votes the other way (the ballot is secret).
        majority = VoteChoice.NO if final == "rejected" else VoteChoice.YES
        minority = VoteChoice.YES if final == "rejected" else VoteChoice.NO
        for member, choice in zip(council, (majority, majority, minority), strict=True):
            services.cast_vote(session, n, member, choice)
    services.close_session(session, staff)
    # A second sitting, still open: one nomination waits for the vote (log in as hoidong to vote).
    later = services.create_session(
        campaign,
        staff,
        title="Phiên họp bổ sung xét khen thưởng",
        held_on=datetime.date(2020, 12, 29),
        members=council,
        threshold=Threshold.MORE_THAN_HALF,
    )
    for n, final, author in made:
        if final == "in_council":
            services.submit_nomination(n, author)
            services.check_nomination(n, staff)
            services.put_to_council(n, later, staff)
    approved = [n for n, final, _ in made if final == "decided"]
    for n in approved:
        n.refresh_from_db()
        assert n.status == NominationStatus.APPROVED, n.status
    decision = services.create_decision(
        campaign,
        staff,
        approved,
        document_format=campaign.document_format,
        superior_body=campaign.superior_body,
        issuing_body=campaign.issuing_body,
        number=DECISION_NUMBER,
        symbol="QĐ/HU",
        term="2020-2025",  # the district party congress of 2020 opened the new term before 25/12/2020
        place=campaign.place,
        issued_on=DECISION_DATE,
        title="Về việc khen thưởng tập thể, cá nhân có thành tích xuất sắc trong phong trào thi đua yêu nước "
        "giai đoạn 2019 - 2020",
        preamble=f"Căn cứ Quy định làm việc của Ban Chấp hành Đảng bộ huyện khóa XX, nhiệm kỳ 2020 - 2025;\n"
        f"Căn cứ {plan_phrase(campaign)};\n"
        "Xét đề nghị của Hội đồng Thi đua - Khen thưởng Huyện ủy,",
        sign_on_behalf=campaign.sign_on_behalf,
        signer_title=campaign.signer_title,
        signer_name=campaign.signer_name,
        recipients="Như Điều 3,\nThường trực Huyện ủy,\nLưu Văn phòng Huyện ủy.",
    )
    services.issue_decision(decision, staff)
    if stdout:
        stdout.write(
            f"Khen thưởng mẫu: {created} danh hiệu/hình thức trong danh mục; {len(made)} đề nghị; "
            f"Quyết định {decision.reference} ngày {DECISION_DATE:%d/%m/%Y} ({len(approved)} khen thưởng vào sổ)."
        )
