from django.db import models


class AwardKind(models.TextChoices):
    TITLE = "title", "Danh hiệu thi đua"
    FORM = "form", "Hình thức khen thưởng"


class NomineeKind(models.TextChoices):
    """'phan loai kt' of the reference template, plus villages (thôn, tổ dân phố)."""

    INDIVIDUAL = "individual", "Cá nhân"
    COLLECTIVE = "collective", "Tập thể"
    HOUSEHOLD = "household", "Hộ gia đình"
    VILLAGE = "village", "Thôn, tổ dân phố"


# How the reference template writes the nominee kind (column "Phân loại khen thưởng").
TEMPLATE_KIND_LABELS = {
    NomineeKind.INDIVIDUAL: "Khen thưởng cá nhân",
    NomineeKind.COLLECTIVE: "Khen thưởng tập thể",
    NomineeKind.HOUSEHOLD: "Khen thưởng hộ gia đình",
    NomineeKind.VILLAGE: "Khen thưởng tập thể",  # the template has no village class: a village is a collective
}


class Authority(models.TextChoices):
    """Who decides an award (the signer's level), as the law names them."""

    COMMUNE_PC = "commune_pc", "Chủ tịch UBND cấp xã"
    DISTRICT_PC = "district_pc", "Chủ tịch UBND cấp huyện"
    PROVINCE_PC = "province_pc", "Chủ tịch UBND cấp tỉnh"
    AGENCY_HEAD = "agency_head", "Thủ trưởng cơ quan, đơn vị"
    PARTY_DISTRICT = "party_district", "Ban Thường vụ huyện ủy và tương đương"
    PARTY_PROVINCE = "party_province", "Ban Thường vụ tỉnh ủy và tương đương"
    PRIME_MINISTER = "prime_minister", "Thủ tướng Chính phủ"
    PRESIDENT = "president", "Chủ tịch nước"


class NominationStatus(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    SUBMITTED = "submitted", "Đã gửi"
    RETURNED = "returned", "Trả lại"
    CHECKED = "checked", "Đã thẩm định"
    IN_COUNCIL = "in_council", "Đưa ra Hội đồng"
    APPROVED = "approved", "Hội đồng đề nghị khen"
    REJECTED = "rejected", "Không được khen"
    DECIDED = "decided", "Đã có quyết định"


class Gender(models.TextChoices):
    MALE = "male", "Nam"
    FEMALE = "female", "Nữ"


class DossierKind(models.TextChoices):
    PROPOSAL = "proposal", "Tờ trình, công văn đề nghị"
    ACHIEVEMENT = "achievement", "Báo cáo thành tích"
    MINUTES = "minutes", "Biên bản họp Hội đồng TĐ-KT của đơn vị"
    OTHER = "other", "Tài liệu khác"


class NomineeClass(models.TextChoices):
    """Sheet PLDT of the reference template (13 classes; the rows of forms 0602.N/0603.N)."""

    PARTY_BODY = "party_body", "Cơ quan Đảng"
    CENTRAL_BODY = "central_body", "Cơ quan Trung Ương đóng trên địa bàn"
    HOUSEHOLD = "household", "Hộ gia đình"
    LEADER_PROVINCE = "leader_province", "Lãnh đạo cấp bộ, cấp tỉnh và tương đương trở lên"
    LEADER_DEPARTMENT = "leader_department", "Lãnh đạo cấp vụ, sở, ngành và tương đương"
    BUSINESS_PERSON = "business_person", "Doanh nhân"
    LEADER_DIVISION = "leader_division", "Các cấp lãnh đạo từ phó phòng trở lên"
    DIRECT_WORKER = "direct_worker", "Người trực tiếp công tác, lao động, học tập, chiến đấu và phục vụ chiến đấu"
    ADMIN_BODY = "admin_body", "Cơ quan Hành chính"
    PUBLIC_SERVICE = "public_service", "Đơn vị sự nghiệp"
    ENTERPRISE = "enterprise", "Doanh nghiệp"
    COOPERATIVE = "cooperative", "Hợp tác xã"
    OTHER = "other", "Đối tượng khác"


class ActivityField(models.TextChoices):
    """Sheet LVHD of the reference template (24 fields of activity)."""

    DEFENCE = "0001", "An ninh - Quốc phòng"
    PRESS = "0009", "Báo chí - Thông tin - Truyền thông"
    SOCIAL_INSURANCE = "0021", "Bảo hiểm xã hội"
    PARTY = "0022", "Các cơ quan, tổ chức Đảng"
    ASSOCIATIONS = "0020", "Các tổ chức Hội và Đoàn thể"
    INDUSTRY = "0002", "Công nghiệp - Thương mại"
    LEGISLATURE = "0023", "Cơ quan lập pháp"
    EDUCATION = "0003", "Giáo dục - Đào tạo"
    TRANSPORT = "0004", "Giao thông vận tải"
    PLANNING = "0024", "Kế hoạch - Đầu tư"
    ECONOMY = "0014", "Kinh tế - Xã hội"
    SCIENCE = "0006", "Khoa học - Công nghệ"
    LABOUR = "0019", "Lao động, Thương Binh và Xã hội"
    NA = "0005", "N/A"
    AGRICULTURE = "0007", "Nông nghiệp - Nông thôn"
    FOREIGN = "0015", "Ngoại giao"
    STATE_MANAGEMENT = "0013", "Quản lý Nhà nước"
    FINANCE = "0008", "Tài chính - Ngân hàng"
    ENVIRONMENT = "0018", "Tài nguyên - Môi trường"
    RELIGION = "0016", "Tôn giáo - Tín ngưỡng"
    JUSTICE = "0017", "Tư pháp - Thanh tra - Tòa án - Kiểm sát"
    CULTURE = "0010", "Văn hóa - Thể Thao - Du lịch"
    CONSTRUCTION = "0011", "Xây dựng"
    HEALTH = "0012", "Y tế"


class SessionStatus(models.TextChoices):
    OPEN = "open", "Đang họp, bỏ phiếu"
    CLOSED = "closed", "Đã kết thúc (kết quả đã khóa)"


class Threshold(models.TextChoices):
    """Share of the session's members whose 'yes' a nomination needs."""

    MORE_THAN_HALF = "gt_1_2", "Trên một nửa tổng số thành viên"
    TWO_THIRDS = "ge_2_3", "Từ hai phần ba tổng số thành viên trở lên"
    THREE_QUARTERS = "ge_3_4", "Từ ba phần tư tổng số thành viên trở lên"


class Quorum(models.TextChoices):
    """Share of the session's members who must vote on each nomination before the sitting may close.

    Default two thirds: Decree 98/2023/NĐ-CP, Art. 47 (the Central Council meets when at least two thirds of
    its members attend), followed by councils' working rules (e.g. Quyết định 2218/QĐ-BTNMT 2019, Art. 8:
    "Các kết luận của Hội đồng chỉ có hiệu lực khi ít nhất có 2/3 số thành viên Hội đồng dự họp").
    """

    TWO_THIRDS = "ge_2_3", "Từ hai phần ba tổng số thành viên trở lên (Nghị định 98/2023/NĐ-CP, Điều 47)"
    MORE_THAN_HALF = "gt_1_2", "Trên một nửa tổng số thành viên"
    THREE_QUARTERS = "ge_3_4", "Từ ba phần tư tổng số thành viên trở lên"
    ALL = "all", "Toàn bộ thành viên"


class VoteChoice(models.TextChoices):
    YES = "yes", "Đồng ý"
    NO = "no", "Không đồng ý"


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    ISSUED = "issued", "Đã ban hành"


class DecisionKind(models.TextChoices):
    """What a decision does: award, or act on awards already in the registry (Luật TĐKT 2003 Điều 96,
    Luật 06/2022/QH15 Điều 93 khoản 2: the award decision is annulled, the certificate and money recovered)."""

    AWARD = "award", "Khen thưởng"
    REVOKE = "revoke", "Thu hồi khen thưởng"
    ANNUL = "annul", "Hủy bỏ quyết định khen thưởng"
    CORRECT = "correct", "Đính chính"


# Decisions that take an award out of the registry's force (it stays listed, marked, from the decision's date).
WITHDRAWING_KINDS = ("revoke", "annul")


class OfficeKind(models.TextChoices):
    """How an organisation does its emulation work (rows of form 0604.N as laid out here)."""

    DEDICATED = "dedicated", "Cơ quan chuyên trách (Ban, Phòng Thi đua - Khen thưởng)"
    DIVISION = "division", "Bộ phận thuộc cơ quan (phòng, tổ có nhiệm vụ thi đua, khen thưởng)"
    CONCURRENT = "concurrent", "Giao công chức kiêm nhiệm (không có bộ phận riêng)"


class OfficeLevel(models.TextChoices):
    """The level of an organisation doing emulation work (columns of 0604.N, rows of 0605.N)."""

    CENTRAL = "central", "Trung ương"
    PROVINCE = "province", "Bộ, ban, ngành, tỉnh"
    DISTRICT = "district", "Huyện"
    COMMUNE = "commune", "Xã"


class TrainingLevel(models.TextChoices):
    """Highest professional training of a person doing emulation work (0605.N)."""

    POSTGRADUATE = "postgraduate", "Trên đại học"
    UNIVERSITY = "university", "Đại học"
    COLLEGE = "college", "Cao đẳng"
    INTERMEDIATE = "intermediate", "Trung cấp"
    OTHER = "other", "Khác"
