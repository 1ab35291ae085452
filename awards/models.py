"""Commendation: the dated catalogue, nominations, the council's secret vote, decisions and the registry.

- `AwardType` rows are versions of a rule: one `code` (e.g. "cstdcs") may have several rows with
  disjoint [valid_from, valid_to], so a 2019 nomination is checked under the 2003/2013 law and
  Decree 91/2017, a 2024 one under Law 06/2022/QH15 and Decree 98/2023.
- `Nomination` runs through `awards.services.NOMINATION_FLOW` (thidua.workflow) and logs every move.
- `Vote` records only that a member took part in the vote on a nomination (one per member per nomination);
  `Ballot` holds the choice sealed (`awards.ballots`: AES-GCM, fixed length, no member, no time, random key)
  until the sitting closes; closing opens the ballots, writes only the tallies on the nominations and deletes
  the ballots, in one transaction. The README's "Security model" gives the threat model.
- `Award` is the registry, written when a decision is issued (one per nomination: idempotent).
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from campaigns.models import DocumentFormat
from thidua.documents import blocks
from thidua.text import fold, normalize_text_fields
from thidua.uploads import UploadedFileBase
from thidua.validation import NARRATIVE, TITLE, limited, validate_birth_year, validate_year
from thidua.workflow import StateGuardedModel, TransitionLogBase
from units.models import Organization

from .enums import (
    ActivityField,
    AwardKind,
    DecisionKind,
    DecisionStatus,
    DossierKind,
    Gender,
    NominationStatus,
    NomineeClass,
    NomineeKind,
    OfficeKind,
    OfficeLevel,
    Quorum,
    SessionStatus,
    Threshold,
    TrainingLevel,
)

# A secret ballot of one or two members tells everyone (or the other member) how each voted.
MIN_SECRET_BALLOT_MEMBERS = 3

CLOSED_SESSION_ERROR = "Phiên họp đã kết thúc: kết quả đã khóa, không thay đổi được."
ISSUED_DECISION_ERROR = "Quyết định đã ban hành: không sửa được."


def nominee_key(kind, *, organization_id=None, full_name="", birth_year=None, unit_name=""):
    """Who a record is about, the same across years and campaigns (history, 'already rewarded')."""
    if kind == NomineeKind.INDIVIDUAL:
        return f"p:{fold(full_name)}:{birth_year or fold(unit_name)}"
    if kind == NomineeKind.COLLECTIVE and organization_id:
        return f"o:{organization_id}"
    return f"{kind[0]}:{fold(full_name)}:{fold(unit_name)}"


class AwardTypeQuerySet(models.QuerySet):
    def valid_on(self, day):
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )


class AwardType(models.Model):
    code = models.SlugField("mã", max_length=64, help_text="Giống nhau giữa các phiên bản của cùng một danh hiệu")
    name = models.CharField("tên", max_length=255)
    aliases = models.TextField(
        "tên gọi khác",
        blank=True,
        help_text="Mỗi dòng một tên (dùng khi nhập Excel, ví dụ tên trong mẫu HTKT)",
        **limited(TITLE),
    )
    kind = models.CharField("loại", max_length=8, choices=AwardKind.choices)
    for_individual = models.BooleanField("cho cá nhân", default=False)
    for_collective = models.BooleanField("cho tập thể", default=False)
    for_household = models.BooleanField("cho hộ gia đình", default=False)
    for_village = models.BooleanField("cho thôn, tổ dân phố", default=False)
    is_party = models.BooleanField("khen thưởng của tổ chức Đảng", default=False)
    authorities = models.JSONField(
        "cấp có thẩm quyền quyết định",
        default=list,
        blank=True,
        help_text='Danh sách mã, ví dụ ["district_pc", "commune_pc"] (xem Authority)',
    )
    proposers = models.JSONField(
        "cấp được đề nghị lên cấp trên",
        default=list,
        blank=True,
        help_text="Cấp không tự quyết định nhưng được trình cấp có thẩm quyền",
    )
    criteria = models.TextField("tiêu chuẩn", blank=True, **limited(NARRATIVE))
    prerequisite_codes = models.JSONField(
        "điều kiện: đã đạt trong năm", default=list, blank=True, help_text='Mã danh hiệu, ví dụ ["ldtt"]'
    )
    requires_initiative = models.BooleanField("cần sáng kiến được công nhận trong năm", default=False)
    quota_percent = models.DecimalField(
        "tỷ lệ tối đa (%)",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Ví dụ 15: không quá 15% số cá nhân đạt danh hiệu gốc của đơn vị",
    )
    quota_base_code = models.SlugField("danh hiệu gốc tính tỷ lệ", max_length=64, blank=True)
    quota_is_hard = models.BooleanField("vượt tỷ lệ thì chặn", default=True)
    requires_publication = models.BooleanField(
        "phải công khai danh sách trước khi Hội đồng xét",
        default=False,
        help_text="Thông tư 12/2019/TT-BNV: Huân chương, danh hiệu vinh dự Nhà nước, Giải thưởng Hồ Chí Minh, Giải thưởng "
        "Nhà nước, Chiến sĩ thi đua toàn quốc. Đề nghị chỉ được đưa ra Hội đồng sau khi hết thời hạn lấy ý kiến.",
    )
    publication_min_days = models.PositiveSmallIntegerField(
        "thời hạn lấy ý kiến tối thiểu (ngày)", null=True, blank=True, help_text="Để trống: không quy định tối thiểu"
    )
    legal_source = models.TextField("căn cứ pháp lý", blank=True, **limited(NARRATIVE))
    editable_note = models.TextField(
        "ghi chú (quy định chưa rõ, để dạng dữ liệu sửa được)", blank=True, **limited(NARRATIVE)
    )
    valid_from = models.DateField("hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)
    reference_code = models.CharField("mã trong mẫu HTKT", max_length=32, blank=True)
    certificate_name = models.CharField(
        "giấy in cho người được khen",
        max_length=64,
        blank=True,
        help_text="Giấy khen, Bằng khen, Giấy chứng nhận…; để trống nếu danh hiệu không kèm giấy (chỉ in khi cơ quan "
        "ban hành quyết định có thẩm quyền tặng)",
    )
    sort_order = models.PositiveIntegerField("thứ tự", default=0)
    search_key = models.TextField(editable=False, default="")

    objects = AwardTypeQuerySet.as_manager()

    class Meta:
        verbose_name = "danh hiệu, hình thức khen thưởng"
        verbose_name_plural = "danh mục danh hiệu, hình thức khen thưởng"
        ordering = ["sort_order", "name", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["code", "valid_from"], name="unique_award_type_version"),
            models.UniqueConstraint(
                fields=["code"], condition=Q(valid_from__isnull=True), name="unique_award_type_undated"
            ),
        ]

    def __str__(self):
        period = ""
        if self.valid_from or self.valid_to:
            start = f"{self.valid_from:%d/%m/%Y}" if self.valid_from else "…"
            end = f"{self.valid_to:%d/%m/%Y}" if self.valid_to else "nay"
            period = f" ({start}–{end})"
        return f"{self.name}{period}"

    def clean(self):
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": "Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."})
        overlapping = AwardType.objects.filter(code=self.code).exclude(pk=self.pk)
        if self.valid_to:
            overlapping = overlapping.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=self.valid_to))
        if self.valid_from:
            overlapping = overlapping.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=self.valid_from))
        if overlapping.exists():
            raise ValidationError("Thời gian hiệu lực trùng với một phiên bản khác của cùng mã.")

    def save(self, *args, **kwargs):
        normalize_text_fields(self)
        self.search_key = "\n".join(fold(n) for n in self.names())
        super().save(*args, **kwargs)

    def names(self):
        return [self.name, *[a.strip() for a in self.aliases.splitlines() if a.strip()]]

    def accepts(self, nominee_kind):
        return {
            NomineeKind.INDIVIDUAL: self.for_individual,
            NomineeKind.COLLECTIVE: self.for_collective,
            NomineeKind.HOUSEHOLD: self.for_household,
            NomineeKind.VILLAGE: self.for_village,
        }[nominee_kind]

    def valid_on(self, day):
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


class NomineeFields(models.Model):
    """Who is nominated (shared by Nomination and Award)."""

    nominee_kind = models.CharField("đối tượng", max_length=16, choices=NomineeKind.choices)
    organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="tập thể (trong cây tổ chức)",
    )
    title_prefix = models.CharField("tên gọi (Ông/Bà/chức danh)", max_length=64, blank=True)
    full_name = models.CharField("tên tập thể/cá nhân/hộ gia đình", max_length=255)
    position = models.CharField("chức vụ", max_length=255, blank=True)
    unit_name = models.CharField("đơn vị công tác", max_length=255, blank=True)
    gender = models.CharField("giới tính", max_length=8, choices=Gender.choices, blank=True)
    ethnicity = models.CharField("dân tộc", max_length=64, blank=True)
    birth_year = models.PositiveSmallIntegerField("năm sinh", null=True, blank=True, validators=[validate_birth_year])
    nominee_class = models.CharField("phân loại đối tượng", max_length=32, choices=NomineeClass.choices, blank=True)
    activity_field = models.CharField("lĩnh vực hoạt động", max_length=8, choices=ActivityField.choices, blank=True)
    year = models.PositiveSmallIntegerField("năm thành tích", validators=[validate_year])
    achievement = models.TextField("tóm tắt thành tích", **limited(NARRATIVE))
    nominee_key = models.CharField(max_length=400, editable=False, db_index=True, default="")
    search_key = models.TextField(editable=False, default="")

    class Meta:
        abstract = True

    def fill_keys(self):
        normalize_text_fields(self)
        if self.nominee_kind == NomineeKind.COLLECTIVE and self.organization_id and not self.full_name:
            self.full_name = self.organization.name
        self.nominee_key = nominee_key(
            self.nominee_kind,
            organization_id=self.organization_id,
            full_name=self.full_name,
            birth_year=self.birth_year,
            unit_name=self.unit_name,
        )
        self.search_key = fold(f"{self.full_name} {self.unit_name} {self.position}")

    @property
    def display_name(self):
        return f"{self.title_prefix} {self.full_name}".strip() if self.title_prefix else self.full_name


class CouncilSession(StateGuardedModel):
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="council_sessions", verbose_name="cơ quan (Hội đồng của)"
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.PROTECT, related_name="council_sessions", verbose_name="phong trào"
    )
    title = models.CharField("tên phiên họp", max_length=255)
    held_on = models.DateField("ngày họp")
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="council_sessions",
        verbose_name="thành viên dự họp",
        help_text="Người có vai trò thành viên Hội đồng TĐ-KT của cơ quan",
    )
    threshold = models.CharField(
        "tỷ lệ thông qua", max_length=8, choices=Threshold.choices, default=Threshold.MORE_THAN_HALF
    )
    quorum = models.CharField(
        "số thành viên tối thiểu biểu quyết",
        max_length=8,
        choices=Quorum.choices,
        default=Quorum.TWO_THIRDS,
        help_text="Mỗi đề nghị cần phiếu của ít nhất tỷ lệ này trên tổng số thành viên thì mới kết thúc phiên họp được",
    )
    status = models.CharField("trạng thái", max_length=8, choices=SessionStatus.choices, default=SessionStatus.OPEN)
    closed_at = models.DateTimeField("kết thúc lúc", null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="người kết thúc",
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)

    class Meta:
        verbose_name = "phiên họp Hội đồng TĐ-KT"
        verbose_name_plural = "phiên họp Hội đồng TĐ-KT"
        ordering = ["-held_on", "-id"]

    def __str__(self):
        return f"{self.title} ({self.held_on:%d/%m/%Y})"

    def save(self, *args, **kwargs):
        normalize_text_fields(self)
        if self.pk and CouncilSession.objects.filter(pk=self.pk, status=SessionStatus.CLOSED).exists():
            raise ValidationError(CLOSED_SESSION_ERROR)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if CouncilSession.objects.filter(pk=self.pk, status=SessionStatus.CLOSED).exists():
            raise ValidationError(CLOSED_SESSION_ERROR)
        return super().delete(*args, **kwargs)

    @property
    def is_closed(self):
        return self.status == SessionStatus.CLOSED

    def quorum_for(self, member_count):
        """How many members must vote on each nomination (rounded up)."""
        if self.quorum == Quorum.ALL:
            return member_count
        if self.quorum == Quorum.MORE_THAN_HALF:
            return member_count // 2 + 1
        if self.quorum == Quorum.THREE_QUARTERS:
            return -(-member_count * 3 // 4)
        return -(-member_count * 2 // 3)

    def passes(self, yes_votes, member_count):
        if member_count <= 0:
            return False
        if self.threshold == Threshold.TWO_THIRDS:
            return yes_votes * 3 >= member_count * 2
        if self.threshold == Threshold.THREE_QUARTERS:
            return yes_votes * 4 >= member_count * 3
        return yes_votes * 2 > member_count


class Decision(StateGuardedModel):
    issuer = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="award_decisions", verbose_name="cơ quan ban hành"
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.PROTECT, related_name="award_decisions", verbose_name="phong trào"
    )
    document_format = models.CharField(
        "thể thức", max_length=8, choices=DocumentFormat.choices, default=DocumentFormat.PARTY
    )
    superior_body = models.CharField("cơ quan cấp trên (dòng 1 tiêu đề)", max_length=255, blank=True)
    issuing_body = models.CharField("cơ quan ban hành (dòng 2 tiêu đề)", max_length=255)
    kind = models.CharField(
        "loại quyết định", max_length=8, choices=DecisionKind.choices, default=DecisionKind.AWARD, db_index=True
    )
    reason = models.TextField(
        "lý do",
        blank=True,
        help_text="Thu hồi, hủy bỏ, đính chính: lý do (kết luận thanh tra, sai sót…)",
        **limited(TITLE),
    )
    number = models.PositiveIntegerField("số")
    symbol = models.CharField(
        "ký hiệu", max_length=32, help_text="Đảng: QĐ/HU (in «Số 12-QĐ/HU»); Nhà nước: QĐ-UBND (in «Số: 12/QĐ-UBND»)"
    )
    term = models.CharField(
        "nhiệm kỳ",
        max_length=16,
        blank=True,
        help_text="Văn bản của Đảng đánh số theo nhiệm kỳ (ví dụ 2020-2025); văn bản hành chính theo năm",
    )
    # The numbering period the number belongs to: the term (Party) or the calendar year (state). Set on save.
    number_period = models.CharField("kỳ đánh số", max_length=16, editable=False, default="")
    place = models.CharField("địa danh", max_length=64)
    issued_on = models.DateField("ngày ký")
    title = models.TextField("trích yếu", default="Về việc khen thưởng", **limited(TITLE))
    preamble = models.TextField("căn cứ", blank=True, help_text="Mỗi dòng một căn cứ", **limited(NARRATIVE))
    articles = models.TextField(
        "các điều", blank=True, help_text="Mỗi dòng một đoạn; để trống: dùng nội dung mặc định", **limited(NARRATIVE)
    )
    sign_on_behalf = models.CharField(
        "thẩm quyền ký", max_length=128, blank=True, help_text="T/M BAN THƯỜNG VỤ; TM. ỦY BAN NHÂN DÂN; KT. CHỦ TỊCH"
    )
    signer_title = models.CharField("chức vụ người ký", max_length=128, blank=True)
    signer_name = models.CharField("người ký", max_length=128)
    recipients = models.TextField("nơi nhận", blank=True, help_text="Mỗi dòng một nơi nhận", **limited(TITLE))
    status = models.CharField("trạng thái", max_length=8, choices=DecisionStatus.choices, default=DecisionStatus.DRAFT)
    issued_at = models.DateTimeField("ban hành lúc", null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="người ban hành",
    )
    pdf = models.FileField("bản in PDF", upload_to="awards/decisions/", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="người tạo",
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)

    document_type = "QUYẾT ĐỊNH"

    class Meta:
        verbose_name = "quyết định khen thưởng"
        verbose_name_plural = "quyết định khen thưởng"
        ordering = ["-issued_on", "-id"]
        constraints = [
            # Two staff typing the same number at the same moment: the database refuses the second.
            models.UniqueConstraint(
                fields=["issuer", "symbol", "number_period", "number"], name="unique_decision_number_in_period"
            ),
        ]

    def __str__(self):
        return f"Quyết định {self.reference} ngày {self.issued_on:%d/%m/%Y}"

    @property
    def is_amendment(self):
        return self.kind != DecisionKind.AWARD

    @property
    def reference(self):
        # "12-QĐ/HU" (Party), "12/QĐ-UBND" (state), padded as the format of the issue date asks.
        return blocks.reference(self.document_format, self.number, self.symbol, self.issued_on)

    @property
    def printed_reference(self):
        # Party: "Số 12-QĐ/HU" without a colon; state (ND 30/2020): "Số: 12/QĐ-UBND" (thidua/documents/blocks.py).
        return blocks.printed_reference(self.document_format, self.number, self.symbol, self.issued_on)

    @property
    def place_and_date(self):
        return blocks.place_and_date(self.place, self.issued_on)

    @property
    def recipient_list(self):
        return [line.strip().lstrip("-").strip() for line in self.recipients.splitlines() if line.strip()]

    @staticmethod
    def period_of(document_format, term, issued_on):
        """Party documents are numbered per term, state documents per calendar year (decree 30/2020)."""
        if document_format == DocumentFormat.PARTY and term.strip():
            return term.strip()
        return str(issued_on.year) if issued_on else ""

    def save(self, *args, **kwargs):
        normalize_text_fields(self)
        self.number_period = self.period_of(self.document_format, self.term, self.issued_on)
        if self.pk:
            stored = Decision.objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if stored == DecisionStatus.ISSUED and not getattr(self, "_allow_issued_save", False):
                raise ValidationError(ISSUED_DECISION_ERROR)
        super().save(*args, **kwargs)


class Nomination(StateGuardedModel, NomineeFields):
    guarded_fields = ("status", "version")  # written only by NOMINATION_FLOW and the version-checked edit

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.PROTECT, related_name="nominations", verbose_name="phong trào"
    )
    proposer = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="nominations_made", verbose_name="đơn vị đề nghị"
    )
    award_type = models.ForeignKey(
        AwardType, on_delete=models.PROTECT, related_name="nominations", verbose_name="danh hiệu / hình thức"
    )
    progress_report = models.ForeignKey(
        "campaigns.ProgressReport",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="nominations",
        verbose_name="báo cáo tổng kết của đơn vị",
        help_text="Báo cáo tổng kết của đơn vị đề nghị làm căn cứ (không bắt buộc)",
    )
    progress_report_note = models.CharField(
        "ghi chú về báo cáo tổng kết",
        max_length=255,
        blank=True,
        help_text="Số, ngày báo cáo tổng kết (khi báo cáo không có trong hệ thống)",
    )
    initiative_title = models.CharField("sáng kiến / đề tài được công nhận", max_length=255, blank=True)
    initiative_recognised_on = models.DateField("ngày công nhận sáng kiến", null=True, blank=True)
    member_count = models.PositiveIntegerField(
        "tổng số thành viên của tập thể",
        null=True,
        blank=True,
        help_text="Tập thể: số cá nhân trong tập thể năm xét (để tính tỷ lệ Lao động tiên tiến, hoàn thành nhiệm vụ)",
    )
    members_completing = models.PositiveIntegerField(
        "số thành viên hoàn thành nhiệm vụ", null=True, blank=True, help_text="Tập thể: số cá nhân hoàn thành nhiệm vụ"
    )
    discipline_pending = models.BooleanField(
        "đang bị xem xét kỷ luật / điều tra",
        default=False,
        help_text="Không khen thưởng người đang bị xem xét kỷ luật hoặc điều tra, thanh tra",
    )
    justification = models.TextField(
        "giải trình (cho các cảnh báo)",
        blank=True,
        help_text="Bắt buộc khi còn cảnh báo khi gửi hoặc khi đưa ra Hội đồng",
        **limited(NARRATIVE),
    )
    status = models.CharField(
        "trạng thái", max_length=16, choices=NominationStatus.choices, default=NominationStatus.DRAFT, db_index=True
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    eligibility = models.JSONField("kết quả kiểm tra điều kiện", default=list, blank=True, editable=False)
    session = models.ForeignKey(
        CouncilSession,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nominations",
        verbose_name="phiên họp Hội đồng",
    )
    votes_yes = models.PositiveSmallIntegerField("phiếu đồng ý", null=True, blank=True)
    votes_no = models.PositiveSmallIntegerField("phiếu không đồng ý", null=True, blank=True)
    votes_members = models.PositiveSmallIntegerField("số thành viên", null=True, blank=True)
    decision = models.ForeignKey(
        Decision, null=True, blank=True, on_delete=models.PROTECT, related_name="nominations", verbose_name="quyết định"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="người lập",
    )
    created_at = models.DateTimeField("lập lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        verbose_name = "đề nghị khen thưởng"
        verbose_name_plural = "đề nghị khen thưởng"
        ordering = ["proposer__path", "id"]
        indexes = [models.Index(fields=["campaign", "status"])]

    def __str__(self):
        return f"{self.display_name} — {self.award_type.name}"

    @property
    def rules_date(self):
        """The day whose rules apply: the end of the campaign's emulation period (when achievements are assessed)."""
        return self.campaign.period_end

    @property
    def is_editable(self):
        return self.status in (NominationStatus.DRAFT, NominationStatus.RETURNED)

    def clean(self):
        errors = {}
        if self.nominee_kind == NomineeKind.COLLECTIVE and not (self.organization_id or self.full_name):
            errors["organization"] = "Chọn tập thể trong cây tổ chức hoặc ghi tên tập thể."
        if self.nominee_kind and self.nominee_kind != NomineeKind.COLLECTIVE and not self.full_name:
            errors["full_name"] = "Cần ghi tên."
        if self.organization_id and self.proposer_id and not self.organization.path.startswith(self.proposer.path):
            errors["organization"] = (
                f"{self.proposer.name} chỉ đề nghị khen thưởng chính đơn vị mình hoặc đơn vị trực thuộc, "
                f"không đề nghị cho {self.organization.name}."
            )
        if self.award_type_id and self.nominee_kind and not self.award_type.accepts(self.nominee_kind):
            errors["award_type"] = (
                f"«{self.award_type.name}» không xét cho đối tượng {self.get_nominee_kind_display().lower()}."
            )
        if self.progress_report_id:
            report = self.progress_report
            if (report.campaign_id, report.organization_id, report.kind) != (
                self.campaign_id,
                self.proposer_id,
                "final",
            ):
                errors["progress_report"] = "Chỉ chọn báo cáo tổng kết của chính đơn vị đề nghị trong phong trào này."
        if (
            self.member_count is not None
            and self.members_completing is not None
            and self.members_completing > self.member_count
        ):
            errors["members_completing"] = "Số thành viên hoàn thành nhiệm vụ không thể lớn hơn tổng số thành viên."
        if self.birth_year and not 1900 <= self.birth_year <= 2100:
            errors["birth_year"] = "Năm sinh không hợp lệ."
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.fill_keys()
        super().save(*args, **kwargs)


class NominationLog(TransitionLogBase):
    states = NominationStatus
    subject = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="log", verbose_name="đề nghị")

    class Meta(TransitionLogBase.Meta):
        verbose_name = "nhật ký xử lý đề nghị"
        verbose_name_plural = "nhật ký xử lý đề nghị"

    @property
    def action_label(self):
        from .services import NOMINATION_FLOW

        move = NOMINATION_FLOW.moves.get(self.action)
        return move.label if move else self.action


class DossierFile(UploadedFileBase):
    UPLOAD_PREFIX = "awards/dossiers"

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="files", verbose_name="đề nghị")
    kind = models.CharField("loại hồ sơ", max_length=16, choices=DossierKind.choices, default=DossierKind.OTHER)

    class Meta(UploadedFileBase.Meta):
        verbose_name = "tệp hồ sơ"
        verbose_name_plural = "tệp hồ sơ"


class Vote(models.Model):
    """That a member took part in the vote on a nomination (participation; no choice, no time)."""

    session = models.ForeignKey(
        CouncilSession, on_delete=models.PROTECT, related_name="votes", verbose_name="phiên họp"
    )
    nomination = models.ForeignKey(Nomination, on_delete=models.PROTECT, related_name="votes", verbose_name="đề nghị")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="thành viên"
    )

    class Meta:
        verbose_name = "lượt bỏ phiếu"
        verbose_name_plural = "lượt bỏ phiếu (không ghi lựa chọn)"
        constraints = [
            models.UniqueConstraint(
                fields=["session", "nomination", "member"], name="one_vote_per_member_per_nomination"
            )
        ]

    def __str__(self):
        return f"{self.member} đã bỏ phiếu"


class Ballot(models.Model):
    """A sealed ballot of an open sitting (random key, no member, no time); deleted when the sitting closes."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    session = models.ForeignKey(
        CouncilSession, on_delete=models.PROTECT, related_name="ballots", verbose_name="phiên họp"
    )
    nomination = models.ForeignKey(Nomination, on_delete=models.PROTECT, related_name="ballots", verbose_name="đề nghị")
    sealed = models.BinaryField("phiếu niêm phong")

    class Meta:
        verbose_name = "phiếu bầu kín (niêm phong)"
        verbose_name_plural = "phiếu bầu kín (niêm phong)"

    def __str__(self):
        return "Phiếu kín"


class Award(NomineeFields):
    """The registry: one row per person/collective rewarded by an issued decision."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="awards", verbose_name="quyết định")
    nomination = models.OneToOneField(
        Nomination, null=True, blank=True, on_delete=models.PROTECT, related_name="award", verbose_name="đề nghị"
    )
    award_type = models.ForeignKey(
        AwardType, on_delete=models.PROTECT, related_name="awards", verbose_name="danh hiệu / hình thức"
    )
    proposer = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị đề nghị"
    )
    decided_on = models.DateField("ngày quyết định", db_index=True)
    revoked_on = models.DateField(
        "thu hồi / hủy bỏ từ ngày", null=True, blank=True, db_index=True, help_text="Để trống: còn hiệu lực"
    )
    revoked_by = models.ForeignKey(
        Decision,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="withdrawn_awards",
        verbose_name="quyết định thu hồi / hủy bỏ",
    )
    certificate = models.FileField("giấy khen (PDF)", upload_to="awards/certificates/", blank=True)
    created_at = models.DateTimeField("ghi sổ lúc", auto_now_add=True)

    class Meta:
        verbose_name = "khen thưởng (sổ)"
        verbose_name_plural = "sổ khen thưởng"
        ordering = ["-decided_on", "id"]
        indexes = [models.Index(fields=["year", "award_type"])]

    def __str__(self):
        return f"{self.display_name} — {self.award_type.name} ({self.decision.reference})"

    @property
    def is_revoked(self):
        return self.revoked_on is not None

    def in_force_on(self, day):
        return self.decided_on <= day and (self.revoked_on is None or day < self.revoked_on)

    @property
    def certificate_title(self):
        """What is printed for this award («Giấy khen», «Bằng khen»…), or "" when the issuer prints nothing:
        the award type takes no certificate, or the decision's issuer may not award it (select decision__issuer)."""
        from .eligibility import authority_of

        name = self.award_type.certificate_name
        if not name or authority_of(self.decision.issuer) not in self.award_type.authorities:
            return ""
        return name

    def save(self, *args, **kwargs):
        self.fill_keys()
        super().save(*args, **kwargs)


class AwardAmendment(models.Model):
    """One award named in a revoking, annulling or correcting decision. A correction keeps what was written
    before (`before`) and what the registry says now; a revocation marks the award from the decision's date."""

    decision = models.ForeignKey(
        Decision, on_delete=models.PROTECT, related_name="amendments", verbose_name="quyết định thu hồi / đính chính"
    )
    award = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="amendments", verbose_name="khen thưởng")
    title_prefix = models.CharField("đính chính tên gọi (Ông/Bà)", max_length=64, blank=True)
    full_name = models.CharField("đính chính tên", max_length=255, blank=True)
    position = models.CharField("đính chính chức vụ", max_length=255, blank=True)
    unit_name = models.CharField("đính chính đơn vị", max_length=255, blank=True)
    award_type = models.ForeignKey(
        AwardType,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="đính chính danh hiệu / hình thức",
    )
    before = models.JSONField("trước khi đính chính", default=dict, blank=True, editable=False)
    old_key = models.CharField(max_length=400, editable=False, db_index=True, default="")
    applied_at = models.DateTimeField("đã áp dụng lúc", null=True, blank=True, editable=False)

    CORRECTABLE = ("title_prefix", "full_name", "position", "unit_name")

    class Meta:
        verbose_name = "khen thưởng được thu hồi / đính chính"
        verbose_name_plural = "khen thưởng được thu hồi / đính chính"
        constraints = [models.UniqueConstraint(fields=["decision", "award"], name="one_amendment_per_award")]

    def __str__(self):
        return f"{self.decision} — {self.award_id}"

    def save(self, *args, **kwargs):
        normalize_text_fields(self)
        super().save(*args, **kwargs)

    def corrections(self):
        """[(label, before, after)] of what this correction changes."""
        before = self.before
        if not self.applied_at:  # a draft: what the registry says now
            before = {name: getattr(self.award, name) for name in self.CORRECTABLE}
            before["award_type_name"] = self.award.award_type.name
        out = []
        for name in self.CORRECTABLE:
            value = getattr(self, name)
            if value:
                label = self._meta.get_field(name).verbose_name.replace("đính chính ", "")
                out.append((label, before.get(name, ""), value))
        if self.award_type_id:
            out.append(("danh hiệu / hình thức", before.get("award_type_name", ""), self.award_type.name))
        return out


class AwardConditionQuerySet(AwardTypeQuerySet):
    pass


class AwardCondition(models.Model):
    """A dated rule on the registry behind a title (catalogue data, editable in the admin):
    - MEMBER_SHARE: a collective title needs a share of its members holding an individual title the same year
      (e.g. Tập thể lao động tiên tiến: more than 50% Lao động tiên tiến until 2023; from 2024 all members complete
      their tasks and at least 50%), and/or a minimum number of them (Tập thể lao động xuất sắc: a Chiến sĩ thi đua
      cơ sở);
    - CONSECUTIVE: a title needs another one `times` years in a row ending with the nomination's year (Chiến sĩ thi
      đua cấp tỉnh: Chiến sĩ thi đua cơ sở three times in a row), followed across merged units' successors."""

    MEMBER_SHARE, CONSECUTIVE = "member_share", "consecutive"
    KINDS = [(MEMBER_SHARE, "Tỷ lệ thành viên của tập thể đạt danh hiệu"), (CONSECUTIVE, "Số năm liên tục")]

    award_code = models.SlugField("mã danh hiệu được xét", max_length=64, db_index=True)
    kind = models.CharField("loại điều kiện", max_length=16, choices=KINDS)
    base_code = models.SlugField("mã danh hiệu điều kiện", max_length=64, help_text="Ví dụ ldtt, cstdcs")
    share_percent = models.DecimalField(
        "tỷ lệ thành viên (%)", max_digits=5, decimal_places=2, null=True, blank=True, help_text="Ví dụ 50, 70"
    )
    share_strict = models.BooleanField(
        "phải vượt tỷ lệ («trên»)", default=False, help_text="Bỏ chọn: «ít nhất» (bằng tỷ lệ là đạt)"
    )
    all_complete = models.BooleanField("100% thành viên hoàn thành nhiệm vụ", default=False)
    min_count = models.PositiveSmallIntegerField("số thành viên tối thiểu đạt danh hiệu", null=True, blank=True)
    times = models.PositiveSmallIntegerField("số lần liên tục", null=True, blank=True)
    period_years = models.PositiveSmallIntegerField(
        "chu kỳ xét danh hiệu điều kiện (năm)",
        default=1,
        help_text="1: mỗi năm (Chiến sĩ thi đua cơ sở); 3: Chiến sĩ thi đua cấp tỉnh xét 3 năm một lần",
    )
    legal_source = models.TextField("căn cứ pháp lý", blank=True, **limited(NARRATIVE))
    editable_note = models.TextField("ghi chú (quy định chưa rõ)", blank=True, **limited(NARRATIVE))
    valid_from = models.DateField("hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)

    objects = AwardConditionQuerySet.as_manager()

    class Meta:
        verbose_name = "điều kiện theo sổ khen thưởng"
        verbose_name_plural = "điều kiện theo sổ khen thưởng (tỷ lệ thành viên, năm liên tục)"
        ordering = ["award_code", "kind", "valid_from"]

    def __str__(self):
        start = f"{self.valid_from:%d/%m/%Y}" if self.valid_from else "…"
        end = f"{self.valid_to:%d/%m/%Y}" if self.valid_to else "nay"
        return f"{self.award_code}: {self.get_kind_display()} {self.base_code} ({start}–{end})"

    def clean(self):
        if self.kind == self.CONSECUTIVE and not self.times:
            raise ValidationError({"times": "Cần số năm liên tục."})
        if (
            self.kind == self.MEMBER_SHARE
            and self.share_percent is None
            and not self.min_count
            and not self.all_complete
        ):
            raise ValidationError("Cần tỷ lệ, số thành viên tối thiểu hoặc yêu cầu 100% hoàn thành nhiệm vụ.")


class Publication(models.Model):
    """A list of nominees published for comment before the council (công khai danh sách): a public page shows
    only names, unit, award proposed, achievement summary and the comment period."""

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.PROTECT, related_name="publications", verbose_name="phong trào"
    )
    title = models.CharField("tiêu đề", max_length=255)
    note = models.TextField(
        "hướng dẫn gửi ý kiến",
        blank=True,
        help_text="Nơi nhận, cách gửi ý kiến (in trên trang công khai)",
        **limited(NARRATIVE),
    )
    comments_from = models.DateField("lấy ý kiến từ ngày")
    comments_until = models.DateField("đến hết ngày")
    nominations = models.ManyToManyField(Nomination, related_name="publications", verbose_name="đề nghị công khai")
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name="người công khai"
    )
    published_at = models.DateTimeField("công khai lúc", auto_now_add=True)

    class Meta:
        verbose_name = "công khai danh sách đề nghị khen thưởng"
        verbose_name_plural = "công khai danh sách đề nghị khen thưởng"
        ordering = ["-published_at", "-id"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        normalize_text_fields(self)
        super().save(*args, **kwargs)

    def is_open_on(self, day):
        return self.comments_from <= day <= self.comments_until


class PublicComment(models.Model):
    """A comment received on a published list (by post, mail, at the office), recorded by staff."""

    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="comments", verbose_name="danh sách"
    )
    nomination = models.ForeignKey(
        Nomination,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="public_comments",
        verbose_name="về đề nghị",
    )
    received_on = models.DateField("ngày nhận")
    sender = models.CharField("người, cơ quan gửi", max_length=255, blank=True, help_text="Để trống nếu ẩn danh")
    content = models.TextField("nội dung ý kiến", **limited(NARRATIVE))
    handling = models.TextField("kết quả xem xét, xử lý", blank=True, **limited(NARRATIVE))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name="người ghi"
    )
    created_at = models.DateTimeField("ghi lúc", auto_now_add=True)

    class Meta:
        verbose_name = "ý kiến về danh sách công khai"
        verbose_name_plural = "ý kiến về danh sách công khai"
        ordering = ["received_on", "id"]

    def __str__(self):
        return f"{self.sender or 'Ẩn danh'} ({self.received_on:%d/%m/%Y})"

    def save(self, *args, **kwargs):
        normalize_text_fields(self)
        super().save(*args, **kwargs)


class ImportAlias(models.Model):
    """Another name the nominee template has used for one of our values (the import accepts it): e.g. the class
    «Cơ quan Đảng và các tổ chức chính trị, xã hội» of another published version of MauTDKT is our «Cơ quan Đảng»."""

    KIND, CLASS, FIELD = "kind", "class", "field"
    CATALOGUES = [(KIND, "Phân loại khen thưởng"), (CLASS, "Phân loại đối tượng"), (FIELD, "Lĩnh vực hoạt động")]

    catalogue = models.CharField("danh mục", max_length=8, choices=CATALOGUES)
    text = models.CharField("tên trong tệp", max_length=255)
    value = models.CharField("giá trị tương ứng", max_length=32, help_text="Mã giá trị (ví dụ party_body, 0013)")
    source = models.CharField("mẫu / phiên bản có tên này", max_length=255, blank=True)

    class Meta:
        verbose_name = "tên gọi khác khi nhập Excel"
        verbose_name_plural = "tên gọi khác khi nhập Excel (phân loại đối tượng, lĩnh vực)"
        constraints = [models.UniqueConstraint(fields=["catalogue", "text"], name="one_alias_per_text")]

    def __str__(self):
        return f"{self.text} → {self.value}"

    def clean(self):
        valid = {
            self.KIND: NomineeKind.values,
            self.CLASS: NomineeClass.values,
            self.FIELD: ActivityField.values,
        }[self.catalogue]
        if self.value not in valid:
            raise ValidationError({"value": f"Giá trị phải là một trong: {', '.join(valid)}."})

    def save(self, *args, **kwargs):
        normalize_text_fields(self)
        super().save(*args, **kwargs)


class ImportBatch(StateGuardedModel):
    """A nominee list read and checked but not yet imported: the preview the clerk decides on (all rows, only
    those without blocking findings, or nothing). Its state moves by awards.services.IMPORT_FLOW."""

    guarded_fields = ("state",)

    PENDING, IMPORTED, DISCARDED = "pending", "imported", "discarded"
    STATES = [(PENDING, "Chờ quyết định"), (IMPORTED, "Đã nhập"), (DISCARDED, "Không nhập")]

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="import_batches", verbose_name="phong trào"
    )
    proposer = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name="đơn vị đề nghị"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name="người nhập"
    )
    filename = models.CharField("tệp", max_length=255)
    rows = models.JSONField("các dòng", default=list)
    state = models.CharField("trạng thái", max_length=12, choices=STATES, default=PENDING)
    imported = models.PositiveIntegerField("số đề nghị đã tạo", default=0)
    created_at = models.DateTimeField("đọc lúc", auto_now_add=True)

    class Meta:
        verbose_name = "lượt nhập Excel"
        verbose_name_plural = "lượt nhập Excel"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.filename} ({self.created_at:%d/%m/%Y %H:%M})"

    def counts(self):
        out = {"blocked": 0, "warning": 0, "ok": 0}
        for row in self.rows:
            out[row["verdict"]] += 1
        return out


class EmulationOffice(models.Model):
    """An organisation (or part of one) doing emulation and commendation work, kept by the body that reports it:
    the record behind form 0604.N (and the offices of the people of 0605.N)."""

    owner = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+", verbose_name="cơ quan báo cáo")
    name = models.CharField("tên tổ chức, bộ phận", max_length=255)
    kind = models.CharField("loại", max_length=12, choices=OfficeKind.choices)
    level = models.CharField("cấp", max_length=12, choices=OfficeLevel.choices)
    established_on = models.DateField("thành lập, giao nhiệm vụ từ ngày", null=True, blank=True)
    closed_on = models.DateField(
        "giải thể, sáp nhập từ ngày", null=True, blank=True, help_text="Từ ngày này không còn tính trong biểu"
    )

    class Meta:
        verbose_name = "tổ chức làm công tác thi đua, khen thưởng"
        verbose_name_plural = "tổ chức làm công tác thi đua, khen thưởng (biểu 0604.N)"
        ordering = ["owner_id", "level", "name", "id"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.established_on and self.closed_on and self.closed_on <= self.established_on:
            raise ValidationError({"closed_on": "Ngày giải thể phải sau ngày thành lập."})

    def save(self, *args, **kwargs):
        normalize_text_fields(self)
        super().save(*args, **kwargs)

    def active_on(self, day):
        return (self.established_on is None or self.established_on <= day) and (
            self.closed_on is None or day < self.closed_on
        )


class EmulationWorker(models.Model):
    """A person doing emulation and commendation work in one of the offices (form 0605.N): only what the form
    counts — gender, ethnic minority, birth year, training, the year the work started, full or part time."""

    office = models.ForeignKey(
        EmulationOffice, on_delete=models.CASCADE, related_name="workers", verbose_name="tổ chức, bộ phận"
    )
    full_name = models.CharField("họ và tên", max_length=255)
    gender = models.CharField("giới tính", max_length=8, choices=Gender.choices)
    ethnic_minority = models.BooleanField("người dân tộc thiểu số", default=False)
    birth_year = models.PositiveSmallIntegerField("năm sinh", validators=[validate_birth_year])
    training = models.CharField("trình độ đào tạo", max_length=16, choices=TrainingLevel.choices)
    started_year = models.PositiveSmallIntegerField(
        "năm bắt đầu làm công tác thi đua, khen thưởng", validators=[validate_year]
    )
    full_time = models.BooleanField("chuyên trách", default=True, help_text="Bỏ chọn nếu kiêm nhiệm")
    left_on = models.DateField(
        "thôi làm công tác này từ ngày", null=True, blank=True, help_text="Từ ngày này không còn tính trong biểu"
    )

    class Meta:
        verbose_name = "người làm công tác thi đua, khen thưởng"
        verbose_name_plural = "người làm công tác thi đua, khen thưởng (biểu 0605.N)"
        ordering = ["office_id", "full_name", "id"]

    def __str__(self):
        return self.full_name

    def clean(self):
        if self.birth_year and self.started_year and self.started_year < self.birth_year + 15:
            raise ValidationError({"started_year": "Năm bắt đầu công tác không hợp lý so với năm sinh."})

    def save(self, *args, **kwargs):
        normalize_text_fields(self)
        super().save(*args, **kwargs)
