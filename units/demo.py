"""Demo data: the Mai Sơn political system as it was in 2019, and demo users for each role.

Organisations are keyed by code, users by username: loading twice changes nothing.
"""

import datetime

from django.contrib.auth import get_user_model

from .enums import OrgKind, OrgLevel, Role
from .models import Membership, Organization

DEMO_PASSWORD = "thidua2019"
DISTRICT_ABOLISHED = datetime.date(2025, 6, 30)  # the 2025 reform ended the district level on 1/7/2025

# (code, parent code, kind, level, name, short name, extra)
ORGANIZATIONS = [
    (
        "tu-son-la",
        None,
        OrgKind.PARTY_COMMITTEE,
        OrgLevel.PROVINCE,
        "Tỉnh ủy Sơn La",
        "TU Sơn La",
        {"header_name": "Đảng bộ tỉnh Sơn La"},
    ),
    (
        "hu-mai-son",
        "tu-son-la",
        OrgKind.PARTY_COMMITTEE,
        OrgLevel.DISTRICT,
        "Huyện ủy Mai Sơn",
        "HU Mai Sơn",
        {"valid_to": DISTRICT_ABOLISHED, "header_name": "Đảng bộ huyện Mai Sơn"},
    ),
    (
        "btv-hu-mai-son",
        "hu-mai-son",
        OrgKind.STANDING_COMMITTEE,
        OrgLevel.DISTRICT,
        "Ban Thường vụ Huyện ủy Mai Sơn",
        "BTV HU",
        {"valid_to": DISTRICT_ABOLISHED},
    ),
    (
        "vp-hu-mai-son",
        "hu-mai-son",
        OrgKind.COMMITTEE_BOARD,
        OrgLevel.DISTRICT,
        "Văn phòng Huyện ủy Mai Sơn",
        "VP HU",
        {"valid_to": DISTRICT_ABOLISHED},
    ),
    (
        "btg-hu-mai-son",
        "hu-mai-son",
        OrgKind.COMMITTEE_BOARD,
        OrgLevel.DISTRICT,
        "Ban Tuyên giáo Huyện ủy Mai Sơn",
        "BTG HU",
        {"valid_to": DISTRICT_ABOLISHED},
    ),
    (
        "bto-hu-mai-son",
        "hu-mai-son",
        OrgKind.COMMITTEE_BOARD,
        OrgLevel.DISTRICT,
        "Ban Tổ chức Huyện ủy Mai Sơn",
        "BTC HU",
        {"valid_to": DISTRICT_ABOLISHED},
    ),
    (
        "bdv-hu-mai-son",
        "hu-mai-son",
        OrgKind.COMMITTEE_BOARD,
        OrgLevel.DISTRICT,
        "Ban Dân vận Huyện ủy Mai Sơn",
        "BDV HU",
        {"valid_to": DISTRICT_ABOLISHED},
    ),
    (
        "ubkt-hu-mai-son",
        "hu-mai-son",
        OrgKind.COMMITTEE_BOARD,
        OrgLevel.DISTRICT,
        "Ủy ban Kiểm tra Huyện ủy Mai Sơn",
        "UBKT HU",
        {"valid_to": DISTRICT_ABOLISHED},
    ),
    (
        "ubnd-mai-son",
        "hu-mai-son",
        OrgKind.PEOPLES_COMMITTEE,
        OrgLevel.DISTRICT,
        "Ủy ban nhân dân huyện Mai Sơn",
        "UBND huyện",
        {"valid_to": DISTRICT_ABOLISHED},
    ),
    (
        "mttq-mai-son",
        "hu-mai-son",
        OrgKind.FATHERLAND_FRONT,
        OrgLevel.DISTRICT,
        "Ủy ban Mặt trận Tổ quốc Việt Nam huyện Mai Sơn",
        "MTTQ huyện",
        {"valid_to": DISTRICT_ABOLISHED},
    ),
    (
        "hlhpn-mai-son",
        "mttq-mai-son",
        OrgKind.MASS_ORGANIZATION,
        OrgLevel.DISTRICT,
        "Hội Liên hiệp Phụ nữ huyện Mai Sơn",
        "Hội LHPN huyện",
        {"valid_to": DISTRICT_ABOLISHED},
    ),
    (
        "hd-mai-son",
        "mttq-mai-son",
        OrgKind.MASS_ORGANIZATION,
        OrgLevel.DISTRICT,
        "Huyện đoàn Mai Sơn",
        "Huyện đoàn",
        {"valid_to": DISTRICT_ABOLISHED},
    ),
    (
        "hnd-mai-son",
        "mttq-mai-son",
        OrgKind.MASS_ORGANIZATION,
        OrgLevel.DISTRICT,
        "Hội Nông dân huyện Mai Sơn",
        "Hội ND huyện",
        {"valid_to": DISTRICT_ABOLISHED},
    ),
    (
        "hccb-mai-son",
        "mttq-mai-son",
        OrgKind.MASS_ORGANIZATION,
        OrgLevel.DISTRICT,
        "Hội Cựu chiến binh huyện Mai Sơn",
        "Hội CCB huyện",
        {"valid_to": DISTRICT_ABOLISHED},
    ),
    (
        "ldld-mai-son",
        "mttq-mai-son",
        OrgKind.MASS_ORGANIZATION,
        OrgLevel.DISTRICT,
        "Liên đoàn Lao động huyện Mai Sơn",
        "LĐLĐ huyện",
        {"valid_to": DISTRICT_ABOLISHED},
    ),
    (
        "cong-ttdt-mai-son",
        "ubnd-mai-son",
        OrgKind.AGENCY,
        OrgLevel.DISTRICT,
        "Cổng Thông tin điện tử huyện Mai Sơn",
        "Cổng TTĐT",
        {"valid_to": DISTRICT_ABOLISHED},
    ),
    (
        "ttvh-tt-mai-son",
        "ubnd-mai-son",
        OrgKind.AGENCY,
        OrgLevel.DISTRICT,
        "Trung tâm Văn hóa - Truyền thông huyện Mai Sơn",
        "TT VH-TT",
        {"valid_to": DISTRICT_ABOLISHED},
    ),
    # Party cells and party committees directly under the district committee.
    (
        "db-cong-an-mai-son",
        "hu-mai-son",
        OrgKind.PARTY_CELL,
        OrgLevel.GRASSROOTS,
        "Đảng bộ Công an huyện Mai Sơn",
        "ĐB Công an",
        {"valid_to": DISTRICT_ABOLISHED},
    ),
    (
        "db-quan-su-mai-son",
        "hu-mai-son",
        OrgKind.PARTY_CELL,
        OrgLevel.GRASSROOTS,
        "Đảng bộ Quân sự huyện Mai Sơn",
        "ĐB Quân sự",
        {"valid_to": DISTRICT_ABOLISHED},
    ),
    (
        "cb-phong-gddt",
        "hu-mai-son",
        OrgKind.PARTY_CELL,
        OrgLevel.GRASSROOTS,
        "Chi bộ Phòng Giáo dục và Đào tạo huyện",
        "CB Phòng GD&ĐT",
        {"valid_to": DISTRICT_ABOLISHED},
    ),
    (
        "cb-phong-tckh",
        "hu-mai-son",
        OrgKind.PARTY_CELL,
        OrgLevel.GRASSROOTS,
        "Chi bộ Phòng Tài chính - Kế hoạch huyện",
        "CB Phòng TC-KH",
        {"valid_to": DISTRICT_ABOLISHED},
    ),
    (
        "cb-ttyt-mai-son",
        "hu-mai-son",
        OrgKind.PARTY_CELL,
        OrgLevel.GRASSROOTS,
        "Đảng bộ Trung tâm Y tế huyện",
        "ĐB TTYT",
        {"valid_to": DISTRICT_ABOLISHED},
    ),
    (
        "cb-kho-bac",
        "hu-mai-son",
        OrgKind.PARTY_CELL,
        OrgLevel.GRASSROOTS,
        "Chi bộ Kho bạc Nhà nước huyện",
        "CB Kho bạc",
        {"valid_to": DISTRICT_ABOLISHED},
    ),
]

COMMUNES = [
    ("hat-lot-tt", "thị trấn Hát Lót"),
    ("chieng-mung", "xã Chiềng Mung"),
    ("chieng-ban", "xã Chiềng Ban"),
    ("chieng-mai", "xã Chiềng Mai"),
    ("chieng-sung", "xã Chiềng Sung"),
    ("co-noi", "xã Cò Nòi"),
    ("hat-lot", "xã Hát Lót"),
    ("muong-bon", "xã Mường Bon"),
    ("muong-bang", "xã Mường Bằng"),
    ("na-bo", "xã Nà Bó"),
    ("phieng-pan", "xã Phiêng Pằn"),
    ("ta-hoc", "xã Tà Hộc"),
]
for _code, _name in COMMUNES:
    ORGANIZATIONS.append(
        (
            f"du-{_code}",
            "hu-mai-son",
            OrgKind.COMMUNE,
            OrgLevel.COMMUNE,
            f"Đảng ủy {_name}",
            f"ĐU {_name}",
            {"valid_to": DISTRICT_ABOLISHED},
        )
    )

# (username, full name, e-mail, [(org code, role, position)], is_superuser)
USERS = [
    ("admin", "Quản trị hệ thống", "admin@thidua.local", [], True),
    (
        "vanphong",
        "Nguyễn Thị Hương",
        "vanphong@thidua.local",
        [("hu-mai-son", Role.STAFF, "Chuyên viên Văn phòng Huyện ủy")],
        False,
    ),
    (
        "chanhvanphong",
        "Hoàng Văn Nam",
        "chanhvp@thidua.local",
        [("hu-mai-son", Role.HEAD, "Chánh Văn phòng Huyện ủy")],
        False,
    ),
    ("ubnd", "Lò Văn Thắng", "ubnd@thidua.local", [("ubnd-mai-son", Role.HEAD, "Chủ tịch UBND huyện")], False),
    (
        "tuyengiao",
        "Cầm Thị Lan",
        "tuyengiao@thidua.local",
        [("btg-hu-mai-son", Role.HEAD, "Trưởng Ban Tuyên giáo")],
        False,
    ),
    ("mttq", "Quàng Văn Bình", "", [("mttq-mai-son", Role.HEAD, "Chủ tịch Ủy ban MTTQ huyện")], False),
    (
        "chiengmung",
        "Tòng Văn Dũng",
        "chiengmung@thidua.local",
        [("du-chieng-mung", Role.HEAD, "Bí thư Đảng ủy xã")],
        False,
    ),
    (
        "chiengmung_vt",
        "Lường Thị Mai",
        "chiengmung.vt@thidua.local",
        [("du-chieng-mung", Role.STAFF, "Văn phòng Đảng ủy xã")],
        False,
    ),
    ("conoi", "Vì Văn Hải", "conoi@thidua.local", [("du-co-noi", Role.HEAD, "Bí thư Đảng ủy xã")], False),
    (
        "hoidong",
        "Đinh Thị Thu",
        "hoidong@thidua.local",
        [("hu-mai-son", Role.COUNCIL, "Ủy viên Hội đồng Thi đua - Khen thưởng")],
        False,
    ),
    # A secret ballot needs at least three members (awards.models.MIN_SECRET_BALLOT_MEMBERS).
    (
        "hoidong2",
        "Lò Thị Xuân",
        "hoidong2@thidua.local",
        [("hu-mai-son", Role.COUNCIL, "Ủy viên Hội đồng Thi đua - Khen thưởng")],
        False,
    ),
    (
        "hoidong3",
        "Quàng Văn Tiến",
        "hoidong3@thidua.local",
        [("hu-mai-son", Role.COUNCIL, "Ủy viên Hội đồng Thi đua - Khen thưởng")],
        False,
    ),
]


def load(stdout=None):
    codes = {}
    for code, parent_code, kind, level, name, short_name, extra in ORGANIZATIONS:
        org = Organization.objects.filter(code=code).first()
        if org is None:
            org = Organization(code=code)
        org.parent = codes.get(parent_code)
        org.kind, org.level, org.name, org.short_name = kind, level, name, short_name
        for key, value in extra.items():
            setattr(org, key, value)
        org.sort_order = len(codes)
        org.save()
        codes[code] = org

    User = get_user_model()
    for username, full_name, email, memberships, is_superuser in USERS:
        user, created = User.objects.get_or_create(username=username)
        if created:
            # Vietnamese names read family name first: keep the whole name in first_name so
            # get_full_name() prints "Tòng Văn Dũng", not "Dũng Tòng Văn".
            user.first_name, user.last_name, user.email = full_name, "", email
            user.is_superuser = user.is_staff = is_superuser
            user.set_password(DEMO_PASSWORD)
            user.save()
        for code, role, position in memberships:
            Membership.objects.get_or_create(
                user=user, organization=codes[code], role=role, defaults={"position": position}
            )
    return codes
