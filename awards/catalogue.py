"""The seeded catalogue of titles and forms of commendation, as dated rule versions.

Run by the data migration 0002 and again by the demo step (`seed_catalogue()` is idempotent: rows
are keyed by (code, valid_from)). Admins edit the rows afterwards; re-seeding only fills rows that
are missing, it never overwrites an admin's edit.

Periods:
- OLD: Luật Thi đua, khen thưởng 2003 (sửa đổi 2005, 2013) + Nghị định 91/2017/NĐ-CP, until 31/12/2023.
- LAW2022: Luật Thi đua, khen thưởng số 06/2022/QH15 (hiệu lực 01/01/2024) + Nghị định 98/2023/NĐ-CP.
- LOCAL2025: from 01/07/2025 the district level is gone (two-level local government); the authority
  the district chairman had passes to the commune chairman (Nghị định 152/2025/NĐ-CP).
Names follow sheet HTKT of the reference template MauTDKT_20231004.xlsx (its code in `reference_code`).
"""

import datetime

from .enums import Authority as A
from .enums import AwardKind

D = datetime.date
OLD_END = D(2023, 12, 31)
LAW2022_START = D(2024, 1, 1)
DISTRICT_END = D(2025, 6, 30)
LOCAL2025_START = D(2025, 7, 1)

LAW_2003 = "Luật Thi đua, khen thưởng năm 2003 (sửa đổi, bổ sung 2005, 2013); Nghị định 91/2017/NĐ-CP ngày 31/7/2017"
LAW_2022 = "Luật Thi đua, khen thưởng số 06/2022/QH15 (hiệu lực từ 01/01/2024); Nghị định 98/2023/NĐ-CP ngày 31/12/2023"
DECREE_152 = "Nghị định 152/2025/NĐ-CP (phân quyền, phân cấp khi bỏ cấp huyện, từ 01/07/2025)"
PARTY_RULES_OLD = "Điều lệ Đảng; Quy định 29-QĐ/TW và Hướng dẫn 01-HD/TW năm 2016 thi hành Điều lệ Đảng (khen thưởng tổ chức đảng, đảng viên)"

LOCAL_PROPOSERS = [A.COMMUNE_PC, A.DISTRICT_PC, A.AGENCY_HEAD, A.PARTY_DISTRICT, A.PROVINCE_PC]

LDTT_CRITERIA = (
    "Hoàn thành tốt nhiệm vụ được giao; chấp hành tốt chủ trương, chính sách của Đảng, pháp luật của Nhà nước; "
    "có tinh thần tự lực, tự cường, đoàn kết, tương trợ, tích cực tham gia phong trào thi đua; tích cực học tập "
    "chính trị, văn hóa, chuyên môn, nghiệp vụ; có đạo đức, lối sống lành mạnh."
)
CSTDCS_CRITERIA = (
    "Đạt danh hiệu Lao động tiên tiến (hoặc Chiến sĩ tiên tiến) và có sáng kiến được cơ sở công nhận, "
    "hoặc đề tài khoa học, đề án đã nghiệm thu được áp dụng, hoặc mưu trí, sáng tạo trong chiến đấu. "
    "Số cá nhân được công nhận không quá 15% tổng số cá nhân đạt danh hiệu Lao động tiên tiến của đơn vị."
)
TTLDTT_CRITERIA = (
    "Hoàn thành tốt nhiệm vụ và kế hoạch được giao; có phong trào thi đua thường xuyên, thiết thực, hiệu quả; "
    "có trên 50% cá nhân đạt danh hiệu Lao động tiên tiến và không có cá nhân bị kỷ luật từ hình thức cảnh cáo trở lên; "
    "nội bộ đoàn kết, chấp hành tốt chủ trương, chính sách của Đảng, pháp luật của Nhà nước."
)

_BASE = {
    "aliases": "",
    "for_individual": False,
    "for_collective": False,
    "for_household": False,
    "for_village": False,
    "is_party": False,
    "authorities": [],
    "proposers": [],
    "criteria": "",
    "prerequisite_codes": [],
    "requires_initiative": False,
    "quota_percent": None,
    "quota_base_code": "",
    "quota_is_hard": True,
    "legal_source": "",
    "editable_note": "",
    "valid_from": None,
    "valid_to": None,
    "reference_code": "",
    "certificate_name": "",
}

# What is printed for the person or collective rewarded (editable data: an empty value prints nothing).
# Forms print their own name; Chiến sĩ thi đua cơ sở takes a certificate (Nghị định 91/2017 and 98/2023);
# Lao động tiên tiến and Tập thể lao động tiên tiến carry a bonus only; villages and households a recognition.
CERTIFICATES = {
    "giay-khen-ubnd-huyen": "Giấy khen",
    "giay-khen-ubnd-xa": "Giấy khen",
    "giay-khen-thu-truong": "Giấy khen",
    "giay-khen-so": "Giấy khen",
    "giay-khen-btv-huyen-uy": "Giấy khen",
    "bang-khen-btv-tinh-uy": "Bằng khen",
    "bang-khen-tinh": "Bằng khen",
    "cstdcs": "Giấy chứng nhận",
    "thon-van-hoa": "Giấy công nhận",
    "gia-dinh-van-hoa": "Giấy công nhận",
}

# The rules that Thi đua checks, one row per version.
DETAILED = [
    # Lao động tiên tiến
    dict(
        code="ldtt",
        name="Lao động tiên tiến",
        kind=AwardKind.TITLE,
        for_individual=True,
        reference_code="1647933042",
        authorities=[A.DISTRICT_PC, A.AGENCY_HEAD, A.PROVINCE_PC],
        criteria=LDTT_CRITERIA,
        valid_to=OLD_END,
        legal_source=LAW_2003 + " (Luật 2003 Điều 24)",
        editable_note="Thẩm quyền của Chủ tịch UBND cấp xã với danh hiệu này trước 2024 không rõ trong Luật 2003: để dữ liệu sửa được.",
    ),
    dict(
        code="ldtt",
        name="Lao động tiên tiến",
        kind=AwardKind.TITLE,
        for_individual=True,
        reference_code="1647933042",
        authorities=[A.COMMUNE_PC, A.DISTRICT_PC, A.AGENCY_HEAD, A.PROVINCE_PC],
        criteria=LDTT_CRITERIA,
        valid_from=LAW2022_START,
        valid_to=DISTRICT_END,
        legal_source=LAW_2022,
    ),
    dict(
        code="ldtt",
        name="Lao động tiên tiến",
        kind=AwardKind.TITLE,
        for_individual=True,
        reference_code="1647933042",
        authorities=[A.COMMUNE_PC, A.AGENCY_HEAD, A.PROVINCE_PC],
        criteria=LDTT_CRITERIA,
        valid_from=LOCAL2025_START,
        legal_source=f"{LAW_2022}; {DECREE_152}",
    ),
    # Chiến sĩ thi đua cơ sở: prerequisites and the 15% quota
    dict(
        code="cstdcs",
        name="Chiến sĩ thi đua cơ sở",
        kind=AwardKind.TITLE,
        for_individual=True,
        reference_code="1647933380",
        authorities=[A.DISTRICT_PC, A.AGENCY_HEAD, A.PROVINCE_PC],
        proposers=[A.COMMUNE_PC],
        criteria=CSTDCS_CRITERIA,
        prerequisite_codes=["ldtt"],
        requires_initiative=True,
        quota_percent=15,
        quota_base_code="ldtt",
        valid_to=OLD_END,
        legal_source=LAW_2003 + " (Luật 2003 Điều 23; tỷ lệ 15% theo Nghị định 91/2017/NĐ-CP)",
    ),
    dict(
        code="cstdcs",
        name="Chiến sĩ thi đua cơ sở",
        kind=AwardKind.TITLE,
        for_individual=True,
        reference_code="1647933380",
        authorities=[A.DISTRICT_PC, A.AGENCY_HEAD, A.PROVINCE_PC],
        proposers=[A.COMMUNE_PC],
        criteria=CSTDCS_CRITERIA,
        prerequisite_codes=["ldtt"],
        requires_initiative=True,
        quota_percent=15,
        quota_base_code="ldtt",
        valid_from=LAW2022_START,
        valid_to=DISTRICT_END,
        legal_source=LAW_2022 + " (tỷ lệ 15% theo Nghị định 98/2023/NĐ-CP)",
    ),
    dict(
        code="cstdcs",
        name="Chiến sĩ thi đua cơ sở",
        kind=AwardKind.TITLE,
        for_individual=True,
        reference_code="1647933380",
        authorities=[A.COMMUNE_PC, A.AGENCY_HEAD, A.PROVINCE_PC],
        criteria=CSTDCS_CRITERIA,
        prerequisite_codes=["ldtt"],
        requires_initiative=True,
        quota_percent=15,
        quota_base_code="ldtt",
        valid_from=LOCAL2025_START,
        legal_source=f"{LAW_2022}; {DECREE_152}",
        editable_note="Thẩm quyền của Chủ tịch UBND cấp xã sau 01/07/2025 theo hướng dẫn chuyển tiếp: kiểm tra lại với văn bản của tỉnh.",
    ),
    # Tập thể lao động tiên tiến
    dict(
        code="ttldtt",
        name="Tập thể lao động tiên tiến",
        kind=AwardKind.TITLE,
        for_collective=True,
        reference_code="1647933198",
        authorities=[A.DISTRICT_PC, A.AGENCY_HEAD, A.PROVINCE_PC],
        proposers=[A.COMMUNE_PC],
        criteria=TTLDTT_CRITERIA,
        valid_to=DISTRICT_END,
        legal_source=f"{LAW_2003}; {LAW_2022}",
    ),
    dict(
        code="ttldtt",
        name="Tập thể lao động tiên tiến",
        kind=AwardKind.TITLE,
        for_collective=True,
        reference_code="1647933198",
        authorities=[A.COMMUNE_PC, A.AGENCY_HEAD, A.PROVINCE_PC],
        criteria=TTLDTT_CRITERIA,
        valid_from=LOCAL2025_START,
        legal_source=f"{LAW_2022}; {DECREE_152}",
    ),
    dict(
        code="ttldxs",
        name="Tập thể lao động xuất sắc",
        kind=AwardKind.TITLE,
        for_collective=True,
        reference_code="1647933151",
        authorities=[A.PROVINCE_PC],
        proposers=LOCAL_PROPOSERS,
        legal_source=f"{LAW_2003}; {LAW_2022}",
        criteria="Sáng tạo, vượt khó hoàn thành xuất sắc nhiệm vụ; có 100% cá nhân hoàn thành nhiệm vụ, trong đó ít nhất 70% đạt Lao động tiên tiến; có cá nhân đạt Chiến sĩ thi đua cơ sở.",
    ),
    # Villages and households
    dict(
        code="thon-van-hoa",
        name="Thôn, tổ dân phố văn hóa",
        kind=AwardKind.TITLE,
        for_village=True,
        reference_code="1672806150",
        aliases="Thôn văn hóa\nBản văn hóa\nTổ dân phố văn hóa\nLàng văn hóa",
        authorities=[A.DISTRICT_PC],
        proposers=[A.COMMUNE_PC],
        valid_to=DISTRICT_END,
        legal_source=f"{LAW_2003}; {LAW_2022}",
        editable_note="Tiêu chuẩn chi tiết do Bộ VHTTDL và tỉnh hướng dẫn: nhập vào ô tiêu chuẩn.",
    ),
    dict(
        code="thon-van-hoa",
        name="Thôn, tổ dân phố văn hóa",
        kind=AwardKind.TITLE,
        for_village=True,
        reference_code="1672806150",
        aliases="Thôn văn hóa\nBản văn hóa\nTổ dân phố văn hóa\nLàng văn hóa",
        authorities=[A.COMMUNE_PC],
        valid_from=LOCAL2025_START,
        legal_source=f"{LAW_2022}; {DECREE_152}",
    ),
    dict(
        code="gia-dinh-van-hoa",
        name="Gia đình văn hóa",
        kind=AwardKind.TITLE,
        for_household=True,
        reference_code="1647933227",
        authorities=[A.COMMUNE_PC],
        legal_source=f"{LAW_2003}; {LAW_2022}",
        editable_note="Tiêu chuẩn chi tiết theo hướng dẫn của Bộ VHTTDL: nhập vào ô tiêu chuẩn.",
    ),
    # Forms: Giấy khen
    dict(
        code="giay-khen-ubnd-huyen",
        name="Giấy khen của Chủ tịch Ủy ban nhân dân cấp huyện",
        kind=AwardKind.FORM,
        for_individual=True,
        for_collective=True,
        for_household=True,
        reference_code="1650360499",
        aliases="Giấy khen của Chủ tịch UBND huyện\nGiấy khen UBND huyện",
        authorities=[A.DISTRICT_PC],
        proposers=[A.COMMUNE_PC],
        valid_to=DISTRICT_END,
        legal_source=f"{LAW_2003}; {LAW_2022}",
    ),
    dict(
        code="giay-khen-ubnd-xa",
        name="Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã",
        kind=AwardKind.FORM,
        for_individual=True,
        for_collective=True,
        for_household=True,
        reference_code="1672804473",
        aliases="Giấy khen của Chủ tịch UBND xã\nGiấy khen UBND xã",
        authorities=[A.COMMUNE_PC],
        legal_source=f"{LAW_2003}; {LAW_2022}",
    ),
    dict(
        code="giay-khen-thu-truong",
        name="Giấy khen của Thủ trưởng cơ quan, đơn vị thuộc bộ, ngành, cơ quan ngang bộ, cơ quan thuộc Chính phủ",
        kind=AwardKind.FORM,
        for_individual=True,
        for_collective=True,
        reference_code="1672804384",
        aliases="Giấy khen của Thủ trưởng cơ quan",
        authorities=[A.AGENCY_HEAD],
        legal_source=f"{LAW_2003}; {LAW_2022}",
    ),
    dict(
        code="giay-khen-so",
        name="Giấy khen của Thủ trưởng cơ quan chuyên môn và tương đương thuộc Ủy ban nhân dân cấp tỉnh",
        kind=AwardKind.FORM,
        for_individual=True,
        for_collective=True,
        reference_code="1672804435",
        authorities=[A.AGENCY_HEAD],
        legal_source=f"{LAW_2003}; {LAW_2022}",
    ),
    # The Party's own commendation.
    dict(
        code="giay-khen-btv-huyen-uy",
        name="Giấy khen của Ban Thường vụ Huyện ủy",
        kind=AwardKind.FORM,
        is_party=True,
        for_individual=True,
        for_collective=True,
        aliases="Giấy khen của Ban Thường vụ huyện ủy và tương đương\nGiấy khen Ban Thường vụ Huyện ủy\nGiấy khen của BTV Huyện ủy",
        authorities=[A.PARTY_DISTRICT],
        valid_to=DISTRICT_END,
        legal_source=PARTY_RULES_OLD,
        criteria="Tổ chức đảng, đảng viên có thành tích xuất sắc trong phong trào thi đua do cấp ủy phát động.",
        editable_note="Khen thưởng theo chuyên đề của cấp ủy không có tiêu chuẩn định lượng trong Điều lệ: "
        "tiêu chuẩn, tỷ lệ do Ban Thường vụ quy định trong kế hoạch, để dạng dữ liệu sửa được.",
    ),
    dict(
        code="bang-khen-btv-tinh-uy",
        name="Bằng khen của Ban Thường vụ Tỉnh ủy",
        kind=AwardKind.FORM,
        is_party=True,
        for_individual=True,
        for_collective=True,
        aliases="Bằng khen của BTV Tỉnh ủy",
        authorities=[A.PARTY_PROVINCE],
        proposers=[A.PARTY_DISTRICT],
        legal_source=PARTY_RULES_OLD,
        editable_note="Tiêu chuẩn do Ban Thường vụ Tỉnh ủy quy định: để dạng dữ liệu sửa được.",
    ),
    # Higher levels: a local body only proposes.
    dict(
        code="bang-khen-tinh",
        name="Bằng khen cấp bộ, ban, ngành, tỉnh, đoàn thể trung ương",
        kind=AwardKind.FORM,
        for_individual=True,
        for_collective=True,
        for_household=True,
        reference_code="1650360491",
        aliases="Bằng khen của Chủ tịch UBND tỉnh\nBằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        authorities=[A.PROVINCE_PC],
        proposers=LOCAL_PROPOSERS,
        legal_source=f"{LAW_2003}; {LAW_2022}",
    ),
    dict(
        code="co-thi-dua-ubnd-tinh",
        name="Cờ thi đua của UBND tỉnh",
        kind=AwardKind.TITLE,
        for_collective=True,
        reference_code="1668522916",
        authorities=[A.PROVINCE_PC],
        proposers=LOCAL_PROPOSERS,
        legal_source=f"{LAW_2003}; {LAW_2022}",
    ),
    dict(
        code="cstd-tinh",
        name="Chiến sĩ thi đua cấp Bộ, ngành, tỉnh, đoàn thể trung ương",
        kind=AwardKind.TITLE,
        for_individual=True,
        reference_code="1647508703",
        prerequisite_codes=["cstdcs"],
        authorities=[A.PROVINCE_PC],
        proposers=LOCAL_PROPOSERS,
        legal_source=f"{LAW_2003}; {LAW_2022}",
        editable_note="«3 lần liên tục CSTĐCS» kiểm tra theo sổ khen thưởng (Điều kiện theo sổ khen thưởng, cstd-tinh).",
    ),
]

# Every other name of sheet HTKT (national titles, orders, medals, honorary titles): known to the
# import, decided by the President or the Prime Minister; a local body may only propose them.
_PRESIDENT, _PM = [A.PRESIDENT], [A.PRIME_MINISTER]
HTKT_OTHERS = [
    ("Anh hùng Lực lượng vũ trang Nhân dân", "1671247613", AwardKind.FORM, _PRESIDENT),
    ("Anh hùng Lao động", "1650360372", AwardKind.FORM, _PRESIDENT),
    ("Bà mẹ Việt Nam anh hùng", "1671247630", AwardKind.FORM, _PRESIDENT),
    ("Bảng vàng danh dự", "1671247650", AwardKind.FORM, _PM),
    ("Bằng có công với nước", "1671247667", AwardKind.FORM, _PM),
    ("Bằng Tổ quốc ghi công", "1671247686", AwardKind.FORM, _PM),
    ("Bằng khen của Thủ tướng Chính phủ", "1671247716", AwardKind.FORM, _PM),
    ("Cờ thi đua của Chính phủ", "1647933079", AwardKind.TITLE, _PM),
    ("Cờ thi đua cấp Bộ, ngành, tỉnh, đoàn thể trung ương", "1647933114", AwardKind.TITLE, [A.PROVINCE_PC]),
    ("Chiến sĩ thi đua toàn quốc", "1647933381", AwardKind.TITLE, _PM),
    ("Chiến sĩ tiên tiến", "1647933054", AwardKind.TITLE, [A.AGENCY_HEAD]),
    ("Đơn vị quyết thắng", "1647933178", AwardKind.TITLE, [A.AGENCY_HEAD]),
    ("Đơn vị tiên tiến", "1647933213", AwardKind.TITLE, [A.AGENCY_HEAD]),
    ("Giải thưởng Hồ Chí Minh", "1671247920", AwardKind.FORM, _PRESIDENT),
    ("Giải thưởng Nhà nước", "1671247953", AwardKind.FORM, _PRESIDENT),
    ("Huy chương Chiến sĩ vẻ vang hạng ba", "1671247085", AwardKind.FORM, _PRESIDENT),
    ("Huy chương Chiến sĩ vẻ vang hạng nhì", "1671247098", AwardKind.FORM, _PRESIDENT),
    ("Huy chương Chiến sĩ vẻ vang hạng nhất", "1671247111", AwardKind.FORM, _PRESIDENT),
    ("Huy chương chiến thắng hạng nhất", "1671247176", AwardKind.FORM, _PRESIDENT),
    ("Huy chương chiến thắng hạng nhì", "1671247208", AwardKind.FORM, _PRESIDENT),
    ("Huy chương Hữu nghị", "1671247235", AwardKind.FORM, _PRESIDENT),
    ("Huy chương Kháng chiến chống mỹ hạng nhất", "1671247276", AwardKind.FORM, _PRESIDENT),
    ("Huy chương Kháng chiến chống mỹ hạng nhì", "1671247291", AwardKind.FORM, _PRESIDENT),
    ("Huy chương Kháng chiến chống Pháp hạng nhất", "1671247344", AwardKind.FORM, _PRESIDENT),
    ("Huy chương Kháng chiến chống Pháp hạng nhì", "1671247355", AwardKind.FORM, _PRESIDENT),
    ("Huy chương Quân kỳ Quyết thắng", "1671247390", AwardKind.FORM, _PRESIDENT),
    ("Huy chương Vì an ninh Tổ quốc", "1671247419", AwardKind.FORM, _PRESIDENT),
    ("Huân chương Sao vàng", "1650359884", AwardKind.FORM, _PRESIDENT),
    ("Huân chương Hồ Chí Minh", "1650359965", AwardKind.FORM, _PRESIDENT),
    ("Huân chương Đại đoàn kết dân tộc", "1650360214", AwardKind.FORM, _PRESIDENT),
    ("Huân chương Dũng cảm", "1650360227", AwardKind.FORM, _PRESIDENT),
    ("Huân chương Hữu nghị", "1650360234", AwardKind.FORM, _PRESIDENT),
    ("Huân chương Bảo vệ Tổ quốc", "1650360247", AwardKind.FORM, _PRESIDENT),
    ("Huân chương Quân kỳ quyết thắng", "1650360299", AwardKind.FORM, _PRESIDENT),
    ("Huân chương Chiến sĩ vẻ vang", "1650360312", AwardKind.FORM, _PRESIDENT),
    ("Huân chương Vì an ninh Tổ quốc", "1650360334", AwardKind.FORM, _PRESIDENT),
    ("Huân chương Độc lập hạng Nhất", "1671246141", AwardKind.FORM, _PRESIDENT),
    ("Huân chương Độc lập hạng Nhì", "1671246307", AwardKind.FORM, _PRESIDENT),
    ("Huân chương Độc lập hạng Ba", "1671246319", AwardKind.FORM, _PRESIDENT),
    ("Huân chương Quân công hạng nhất", "1671246377", AwardKind.FORM, _PRESIDENT),
    ("Huân chương Quân công hạng nhì", "1671246392", AwardKind.FORM, _PRESIDENT),
    ("Huân chương Quân công hạng ba", "1671246400", AwardKind.FORM, _PRESIDENT),
    ("Huân chương Lao động hạng nhất", "1671246434", AwardKind.FORM, _PRESIDENT),
    ("Huân chương Lao động hạng nhì", "1671246446", AwardKind.FORM, _PRESIDENT),
    ("Huân chương Lao động hạng ba", "1671246455", AwardKind.FORM, _PRESIDENT),
    ("Huân chương Bảo vệ Tổ quốc hạng nhất", "1671246509", AwardKind.FORM, _PRESIDENT),
    ("Huân chương Bảo vệ Tổ quốc hạng nhì", "1671246519", AwardKind.FORM, _PRESIDENT),
    ("Huân chương Bảo vệ Tổ quốc hạng ba", "1671246527", AwardKind.FORM, _PRESIDENT),
    ("Huân chương Chiến công hạng nhất", "1671246568", AwardKind.FORM, _PRESIDENT),
    ("Huân chương Chiến công hạng nhì", "1671246576", AwardKind.FORM, _PRESIDENT),
    ("Huân chương Chiến công hạng ba", "1671246583", AwardKind.FORM, _PRESIDENT),
    ("Huân chương Chiến sĩ vẻ vang hạng nhất", "1671246672", AwardKind.FORM, _PRESIDENT),
    ("Huân chương Chiến sĩ vẻ vang hạng nhì", "1671246681", AwardKind.FORM, _PRESIDENT),
    ("Huân chương Chiến sĩ vẻ vang hạng ba", "1671246690", AwardKind.FORM, _PRESIDENT),
    ("Huân chương Chiến thắng hạng nhất", "1671246759", AwardKind.FORM, _PRESIDENT),
    ("Huân chương Chiến thắng hạng nhì", "1671246796", AwardKind.FORM, _PRESIDENT),
    ("Huân chương Chiến thắng hạng ba", "1671246804", AwardKind.FORM, _PRESIDENT),
    ("Huân chương Kháng chiến chống Mỹ hạng nhất", "1671246871", AwardKind.FORM, _PRESIDENT),
    ("Huân chương Kháng chiến chống Mỹ hạng nhì", "1671246880", AwardKind.FORM, _PRESIDENT),
    ("Huân chương Kháng chiến chống Mỹ hạng ba", "1671246889", AwardKind.FORM, _PRESIDENT),
    ("Huân chương Kháng chiến chống Pháp hạng nhất", "1671246907", AwardKind.FORM, _PRESIDENT),
    ("Huân chương Kháng chiến chống Pháp hạng nhì", "1671246920", AwardKind.FORM, _PRESIDENT),
    ("Huân chương Kháng chiến chống Pháp hạng ba", "1671246929", AwardKind.FORM, _PRESIDENT),
    ("Kỷ niệm chương chiến sĩ cách mạng bị địch bắt tù đày", "1671248221", AwardKind.FORM, _PM),
    ("Kỷ niệm chương, Huy hiệu", "1671248245", AwardKind.FORM, [A.AGENCY_HEAD]),
    ("Nghệ sĩ Nhân dân", "1671248008", AwardKind.FORM, _PRESIDENT),
    ("Nghệ sĩ Ưu tú", "1671248021", AwardKind.FORM, _PRESIDENT),
    ("Nghệ nhân Nhân dân", "1671248060", AwardKind.FORM, _PRESIDENT),
    ("Nghệ nhân Ưu tú", "1671248072", AwardKind.FORM, _PRESIDENT),
    ("Nhà giáo Nhân dân", "1671248092", AwardKind.FORM, _PRESIDENT),  # HTKT also lists "Nhà giáo nhân dân" (1650360387)
    ("Nhà giáo ưu tú", "1650360413", AwardKind.FORM, _PRESIDENT),
    ("Tỉnh Anh hùng", "1671248127", AwardKind.FORM, _PRESIDENT),
    ("Thành phố Anh hùng", "1671248144", AwardKind.FORM, _PRESIDENT),
    ("Thầy thuốc Nhân dân", "1671248170", AwardKind.FORM, _PRESIDENT),
    ("Thầy thuốc Ưu tú", "1671248182", AwardKind.FORM, _PRESIDENT),
]
_COLLECTIVE_ONLY = ("Cờ thi đua", "Đơn vị", "Tỉnh Anh hùng", "Thành phố Anh hùng", "Bảng vàng")
_INDIVIDUAL_ONLY = ("Chiến sĩ", "Nghệ", "Nhà giáo", "Thầy thuốc", "Bà mẹ", "Kỷ niệm chương chiến sĩ", "Giải thưởng")


# Thông tư 12/2019/TT-BNV: nominees for these are published for comment before the council (AwardType data).
PUBLISHED_PREFIXES = (
    "huan-chuong",
    "anh-hung",
    "giai-thuong-",
    "nghe-si-",
    "nghe-nhan-",
    "nha-giao-",
    "thay-thuoc-",
    "ba-me-viet-nam-anh-hung",
    "tinh-anh-hung",
    "thanh-pho-anh-hung",
    "chien-si-thi-dua-toan-quoc",
)


def needs_publication(code):
    return code.startswith(PUBLISHED_PREFIXES)


def catalogue_rows():
    from django.utils.text import slugify

    from thidua.text import fold

    rows = []
    for order, row in enumerate(DETAILED):
        rows.append({**_BASE, "sort_order": order, "certificate_name": CERTIFICATES.get(row["code"], ""), **row})
    for order, (name, ref, kind, authorities) in enumerate(HTKT_OTHERS, start=100):
        collective_only = name.startswith(_COLLECTIVE_ONLY)
        individual_only = name.startswith(_INDIVIDUAL_ONLY) and not collective_only
        rows.append(
            {
                **_BASE,
                "code": slugify(fold(name))[:64],
                "name": name,
                "kind": kind,
                "reference_code": ref,
                "for_individual": not collective_only,
                "for_collective": not individual_only,
                "authorities": list(authorities),
                "proposers": LOCAL_PROPOSERS,
                "sort_order": order,
                "legal_source": f"{LAW_2003}; {LAW_2022}",
            }
        )
    for row in rows:
        row["requires_publication"] = needs_publication(row["code"])
    return rows


def seed_catalogue(award_type_model=None):
    """Create the seeded rows that are missing (by code and valid_from); return how many were created."""
    default_model = award_type_model is None
    if award_type_model is None:
        from .models import AwardType as award_type_model
    from thidua.text import fold

    created = 0
    known = {
        f.name for f in award_type_model._meta.get_fields()
    }  # a migration's historical model may lack newer fields
    for row in catalogue_rows():
        row = {k: (list(map(str, v)) if isinstance(v, list) else v) for k, v in row.items() if k in known}
        exists = award_type_model.objects.filter(code=row["code"], valid_from=row["valid_from"]).exists()
        if exists:
            continue
        obj = award_type_model(**row)
        names = [row["name"], *[a for a in row["aliases"].splitlines() if a.strip()]]
        obj.search_key = "\n".join(fold(n) for n in names)  # historical models in migrations have no save() logic
        obj.save()
        created += 1
    if default_model:
        seed_conditions()
        seed_import_aliases()
    return created


# Rules on the registry behind a title (awards.AwardCondition), dated like the catalogue. The figures of the
# 2003 law were checked against its text (Điều 28: «có trên 50% cá nhân … đạt danh hiệu Lao động tiên tiến»);
# those of Law 06/2022 follow the reading and the criteria above (100% complete, at least 50% / 70%):
# `editable_note` says so, and admins correct the rows, never the code.
_LDTT_2003 = "Luật Thi đua, khen thưởng 2003 (sửa đổi 2013), Điều 28 khoản 1 điểm c; Nghị định 91/2017/NĐ-CP"
_LDXS_2003 = (
    "Luật Thi đua, khen thưởng 2003 (sửa đổi 2013), Điều 27 (Tập thể lao động xuất sắc); Nghị định 91/2017/NĐ-CP"
)
_CSTD_2003 = "Luật Thi đua, khen thưởng 2003 (sửa đổi 2013): tiêu chuẩn Chiến sĩ thi đua cấp bộ, ngành, tỉnh; Nghị định 91/2017/NĐ-CP"
_CSTDTQ_2003 = "Luật Thi đua, khen thưởng 2003 (sửa đổi 2013): tiêu chuẩn Chiến sĩ thi đua toàn quốc"
_UNVERIFIED_2022 = (
    "Tỷ lệ theo Luật 06/2022/QH15 chưa đối chiếu được toàn văn điều luật bằng công cụ tra cứu: kiểm tra lại và "
    "sửa dòng này nếu khác."
)
CONDITIONS = [
    # Tập thể lao động tiên tiến
    dict(
        award_code="ttldtt",
        kind="member_share",
        base_code="ldtt",
        share_percent=50,
        share_strict=True,
        all_complete=False,
        valid_to=OLD_END,
        legal_source=_LDTT_2003,
    ),
    dict(
        award_code="ttldtt",
        kind="member_share",
        base_code="ldtt",
        share_percent=50,
        share_strict=False,
        all_complete=True,
        valid_from=LAW2022_START,
        legal_source=LAW_2022,
        editable_note=_UNVERIFIED_2022,
    ),
    # Tập thể lao động xuất sắc: 100% complete, at least 70% Lao động tiên tiến, and a Chiến sĩ thi đua cơ sở
    dict(
        award_code="ttldxs",
        kind="member_share",
        base_code="ldtt",
        share_percent=70,
        share_strict=False,
        all_complete=True,
        valid_to=OLD_END,
        legal_source=_LDXS_2003,
    ),
    dict(
        award_code="ttldxs",
        kind="member_share",
        base_code="cstdcs",
        min_count=1,
        valid_to=OLD_END,
        legal_source=_LDXS_2003,
    ),
    dict(
        award_code="ttldxs",
        kind="member_share",
        base_code="ldtt",
        share_percent=70,
        share_strict=False,
        all_complete=True,
        valid_from=LAW2022_START,
        legal_source=LAW_2022,
        editable_note=_UNVERIFIED_2022,
    ),
    dict(
        award_code="ttldxs",
        kind="member_share",
        base_code="cstdcs",
        min_count=1,
        valid_from=LAW2022_START,
        legal_source=LAW_2022,
        editable_note=_UNVERIFIED_2022,
    ),
    # Chiến sĩ thi đua cấp tỉnh: Chiến sĩ thi đua cơ sở three times in a row (the nomination's year the third)
    dict(
        award_code="cstd-tinh",
        kind="consecutive",
        base_code="cstdcs",
        times=3,
        period_years=1,
        valid_to=OLD_END,
        legal_source=_CSTD_2003,
        editable_note="Năm đề nghị được tính là lần thứ ba (CSTĐCS năm đó đã có trong sổ hoặc được thông qua cùng đợt).",
    ),
    dict(
        award_code="cstd-tinh",
        kind="consecutive",
        base_code="cstdcs",
        times=3,
        period_years=1,
        valid_from=LAW2022_START,
        legal_source=LAW_2022,
        editable_note="Năm đề nghị được tính là lần thứ ba (CSTĐCS năm đó đã có trong sổ hoặc được thông qua cùng đợt).",
    ),
    # Chiến sĩ thi đua toàn quốc: Chiến sĩ thi đua cấp tỉnh twice in a row (that title is given every 3 years)
    dict(
        award_code="chien-si-thi-dua-toan-quoc",
        kind="consecutive",
        base_code="cstd-tinh",
        times=2,
        period_years=3,
        valid_to=OLD_END,
        legal_source=_CSTDTQ_2003,
        editable_note="«Hai lần liên tục» đọc là hai lần xét 3 năm liền nhau (năm đề nghị và 3 năm trước đó).",
    ),
    dict(
        award_code="chien-si-thi-dua-toan-quoc",
        kind="consecutive",
        base_code="cstd-tinh",
        times=2,
        period_years=3,
        valid_from=LAW2022_START,
        legal_source=LAW_2022,
        editable_note="«Hai lần liên tục» đọc là hai lần xét 3 năm liền nhau (năm đề nghị và 3 năm trước đó).",
    ),
]


def seed_conditions(condition_model=None):
    """Create the seeded registry rules that are missing (by award, kind, base title and start); return how many."""
    if condition_model is None:
        from .models import AwardCondition as condition_model
    created = 0
    for row in CONDITIONS:
        row = {"valid_from": None, **row}
        key = {k: row[k] for k in ("award_code", "kind", "base_code", "valid_from")}
        if condition_model.objects.filter(**key).exists():
            continue
        condition_model.objects.create(**row)
        created += 1
    return created


# Names other published versions of the MauTDKT template give to our nominee classes, fields of activity and kinds
# (awards.ImportAlias, editable in the admin). The 20231004 version's own labels are matched without aliases.
OLDER_TEMPLATE = "Mẫu MauTDKT phiên bản trước (danh sách thả xuống «Phân loại đối tượng»)"
FORM_ROWS = "Tên dòng của biểu 0602.N, 0603.N (Thông tư 02/2023/TT-BNV)"
IMPORT_ALIASES = [
    ("class", "Cơ quan Đảng và các tổ chức chính trị, xã hội", "party_body", OLDER_TEMPLATE),
    # The row in that place of the older list; the law's form 0602.N/0603.N class nearest to it: check with the
    # office whether «khác» also meant leaders below deputy head of division (then map it to «other»).
    ("class", "Các cấp lãnh đạo khác", "leader_division", OLDER_TEMPLATE),
    ("class", "Cơ quan Trung ương đóng trên địa bàn", "central_body", "chính tả khác"),
    # The row labels of forms 0602.N/0603.N (Thông tư 02/2023/TT-BNV), which lists built from the form carry.
    ("class", "Các cấp lãnh đạo khác từ phó phòng trở lên", "leader_division", FORM_ROWS),
    (
        "class",
        "Người trực tiếp công tác, lao động, học tập, chiến đấu và phục vụ chiến đấu (công nhân, nông dân,...)",
        "direct_worker",
        FORM_ROWS,
    ),
    ("field", "Lao động - Thương binh và Xã hội", "0019", "chính tả khác"),
    ("field", "An ninh, Quốc phòng", "0001", "chính tả khác"),
    ("kind", "Cá nhân", "individual", "cột «Phân loại khen thưởng» ghi ngắn"),
    ("kind", "Tập thể", "collective", "cột «Phân loại khen thưởng» ghi ngắn"),
    ("kind", "Hộ gia đình", "household", "cột «Phân loại khen thưởng» ghi ngắn"),
]


def seed_import_aliases(alias_model=None):
    if alias_model is None:
        from .models import ImportAlias as alias_model
    created = 0
    for catalogue, text, value, source in IMPORT_ALIASES:
        _obj, was_created = alias_model.objects.get_or_create(
            catalogue=catalogue, text=text, defaults={"value": value, "source": source}
        )
        created += was_created
    return created
