from django.db import models

from thidua.choices import StateChoices, nonmember


class CampaignStatus(StateChoices):
    DRAFT = "draft", "Dự thảo"
    LAUNCHED = "launched", "Đã phát động"
    CLOSED = "closed", "Đã kết thúc"
    BADGES = nonmember({"draft": "secondary", "launched": "success", "closed": "dark"})


class LegalBasisKind(models.TextChoices):
    DIRECTIVE = "CT", "Chỉ thị"
    RESOLUTION = "NQ", "Nghị quyết"
    PLAN = "KH", "Kế hoạch"
    CONCLUSION = "KL", "Kết luận"
    DECISION = "QĐ", "Quyết định"
    LAW = "L", "Luật"
    DECREE = "NĐ", "Nghị định"
    CIRCULAR = "TT", "Thông tư"
    GUIDANCE = "HD", "Hướng dẫn"
    OTHER = "other", "Văn bản khác"


class MilestoneKind(models.TextChoices):
    SUBPLAN_DUE = "subplan_due", "Hạn nộp kế hoạch của đơn vị"
    INTERIM_REVIEW = "interim_review", "Sơ kết"
    INTERIM_REPORT_DUE = "interim_report_due", "Hạn nộp báo cáo sơ kết"
    FINAL_REVIEW = "final_review", "Tổng kết"
    FINAL_REPORT_DUE = "final_report_due", "Hạn nộp báo cáo tổng kết"
    NOMINATIONS_DUE = "nominations_due", "Hạn đề nghị khen thưởng"
    OTHER = "other", "Mốc khác"


class DocumentStatus(StateChoices):
    """States of every reviewable document of a unit (every kind of `campaigns.unitdocs`)."""

    DRAFT = "draft", "Đang soạn"
    SUBMITTED = "submitted", "Đã nộp, chờ duyệt"
    RETURNED = "returned", "Bị trả lại"
    APPROVED = "approved", "Đã duyệt"
    BADGES = nonmember({"draft": "secondary", "submitted": "primary", "returned": "warning", "approved": "success"})


EDITABLE_STATES = (DocumentStatus.DRAFT, DocumentStatus.RETURNED)


class ReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", "Sắp đến hạn"
    OVERDUE = "overdue", "Quá hạn"
    MANUAL = "manual", "Nhắc nhở của Văn phòng"


class ReviewKind(models.TextChoices):
    """Interim (sơ kết) or final (tổng kết) review; same values as reports.enums.ReviewKind."""

    INTERIM = "interim", "Sơ kết"
    FINAL = "final", "Tổng kết"
