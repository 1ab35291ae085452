import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from thidua.uploads import DOCX, LABELS, SCANS, human_size
from units.enums import OrgKind
from units.models import Organization

from .figures import vn_number
from .selectors import next_number


class LaunchForm(forms.Form):
    issued_on = forms.DateField(
        label="Ngày ban hành",
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
        error_messages={"required": "Cần nhập ngày ban hành.", "invalid": "Ngày không hợp lệ (dd/mm/yyyy)."},
    )
    number = forms.IntegerField(
        label="Số văn bản",
        min_value=1,
        required=False,
        help_text="Để trống: lấy số tiếp theo trong nhiệm kỳ.",
        error_messages={"min_value": "Số văn bản phải lớn hơn 0.", "invalid": "Số văn bản phải là số nguyên."},
    )

    confirm_no_obligations = forms.BooleanField(
        label="Tôi biết kế hoạch này không giao cho đơn vị nào phải xây dựng kế hoạch riêng "
        "(có thể giao sau bằng «Giao thêm đơn vị»)",
        required=False,
    )

    def __init__(self, *args, campaign, obliged_count=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        self.fields["number"].widget.attrs["placeholder"] = str(
            next_number(campaign.issuer, campaign.symbol, campaign.term, kind=campaign.document_format)
        )
        if obliged_count is None:
            from .services import obliged_units

            obliged_count = obliged_units(campaign).count()
        self.obliged_count = obliged_count
        if obliged_count:
            del self.fields["confirm_no_obligations"]

    def clean(self):
        cleaned = super().clean()
        if not self.obliged_count and not cleaned.get("confirm_no_obligations"):
            self.add_error(
                "confirm_no_obligations",
                "Kế hoạch này không buộc đơn vị nào xây dựng kế hoạch riêng: đánh dấu ô xác nhận nếu đúng như vậy, "
                "hoặc sửa «Tổ chức thực hiện» (chọn đơn vị chủ trì, «phải xây dựng kế hoạch riêng»).",
            )
        return cleaned


# --- Sub-plans -----------------------------------------------------------------------------------------

DATE_ERRORS = {"invalid": "Ngày không hợp lệ (dd/mm/yyyy)."}
TARGET_COLUMNS = ("name", "value", "unit_of_measure", "deadline", "responsible")
BLANK_ROWS = 2


def parse_figure(raw, label="Mức chỉ tiêu"):
    """A figure as offices write it: "1.500", "1.500,5", "95,5", "1500.5", "1,500.5" -> Decimal; "" -> None.

    Vietnamese style (thousands ".", decimal ",") first; a lone "." followed by other than three digits, or a "."
    after the last ",", is a decimal point. `label` names the field in the error message.
    """
    text = (raw or "").strip().replace(" ", "").replace("\u00a0", "").rstrip("%")
    if not text:
        return None
    if "," in text and "." in text and text.rfind(".") > text.rfind(","):
        text = text.replace(",", "")  # 1,500.5 (English style)
    elif "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"-?\d{1,3}(\.\d{3})+", text):
        text = text.replace(".", "")
    try:
        value = Decimal(text)
        if not value.is_finite():
            raise InvalidOperation
    except InvalidOperation:
        raise ValidationError(f"{label} phải là số (ví dụ 95 hoặc 1.500 hoặc 12,5).") from None
    if abs(value) >= Decimal("1e12"):
        raise ValidationError(f"{label} quá lớn.")
    if value < 0:
        raise ValidationError(f"{label} không được âm.")
    return value.quantize(Decimal("0.01"))


def _unit_placeholders(form, org, code):
    """Placeholders from the unit's kind: the number in its format and the default signature lines."""
    from .printing import document_number, unit_style

    style = unit_style(org)
    form.fields["number"].widget.attrs["placeholder"] = f"ví dụ {document_number('45', code, org)} hoặc chỉ số 45"
    form.fields["sign_on_behalf"].widget.attrs["placeholder"] = style.sign_on_behalf or "(không có)"
    form.fields["signer_title"].widget.attrs["placeholder"] = style.signer_title
    form.fields["sign_on_behalf"].help_text = "Để trống: in theo loại tổ chức của đơn vị."


class UnitDocumentForm(forms.Form):
    """Base of the edit form of every kind of unit document (`campaigns.unitdocs`): the version the page showed,
    the number/place/date and signature lines, filled from the document; `header()` gives the model's fields
    named in HEADER, `parts()` what the kind's `save_parts` writes."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    number = forms.CharField(label="Số, ký hiệu", max_length=64, required=False)
    issued_on = forms.DateField(
        label="Ngày ban hành",
        required=False,
        error_messages=DATE_ERRORS,
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
    )
    place = forms.CharField(label="Địa danh", max_length=64, required=False)
    sign_on_behalf = forms.CharField(label="Thẩm quyền ký (T/M, TM., KT.)", max_length=128, required=False)
    signer_title = forms.CharField(label="Chức vụ người ký", max_length=128, required=False)
    signer_name = forms.CharField(label="Họ tên người ký", max_length=128, required=False)

    HEADER = ("number", "issued_on", "place", "sign_on_behalf", "signer_title", "signer_name")
    CODE = ""  # the document type's code in numbers (KH, BC): placeholders in the unit's format

    def __init__(self, data=None, *, doc, **kwargs):
        self.doc = doc
        if data is None:
            kwargs.setdefault("initial", {name: getattr(doc, name) for name in self.HEADER})
            kwargs["initial"]["version"] = doc.version
        super().__init__(data, **kwargs)
        _unit_placeholders(self, doc.organization, self.CODE)

    def header(self):
        return {
            name: self.cleaned_data.get(name) if name == "issued_on" else (self.cleaned_data.get(name) or "")
            for name in self.HEADER
        }

    def parts(self):
        return {}


class SubPlanForm(UnitDocumentForm):
    """Header fields plus, per content area, a measures box and rows of targets (field names carry the area id)."""

    title = forms.CharField(label="Trích yếu", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    introduction = forms.CharField(label="Mục đích, yêu cầu", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    further_content = forms.CharField(
        label="Nội dung khác, tổ chức thực hiện", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    HEADER = (
        "number",
        "issued_on",
        "place",
        "title",
        "introduction",
        "further_content",
        "sign_on_behalf",
        "signer_title",
        "signer_name",
    )
    CODE = "KH"

    def __init__(self, data=None, *, doc, **kwargs):
        from .models import SubPlanItem

        super().__init__(data, doc=doc, **kwargs)
        self.areas = areas = list(doc.campaign.content_areas.order_by("order", "id"))
        items = {i.content_area_id: i for i in SubPlanItem.objects.filter(subplan=doc).prefetch_related("targets")}
        self.sections = []
        for area in areas:
            item = items.get(area.pk)
            stored = list(item.targets.all()) if item else []
            if self.is_bound:
                try:
                    count = int(self.data.get(f"rows-{area.pk}", 0))
                except ValueError:
                    count = 0
                count = max(0, min(count, 200))
            else:
                count = len(stored) + BLANK_ROWS
            measures = f"m-{area.pk}"
            self.fields[measures] = forms.CharField(
                label="Nhiệm vụ, giải pháp",
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
                initial=item.measures if item else "",
            )
            rows = []
            for i in range(count):
                target = stored[i] if i < len(stored) else None
                prefix = f"t-{area.pk}-{i}-"
                self.fields[prefix + "name"] = forms.CharField(
                    max_length=500, required=False, initial=target.name if target else ""
                )
                self.fields[prefix + "value"] = forms.CharField(
                    max_length=32, required=False, initial=_figure(target.value) if target else ""
                )
                self.fields[prefix + "unit_of_measure"] = forms.CharField(
                    max_length=64, required=False, initial=target.unit_of_measure if target else ""
                )
                self.fields[prefix + "deadline"] = forms.DateField(
                    required=False,
                    error_messages=DATE_ERRORS,
                    initial=target.deadline if target else None,
                    widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
                )
                self.fields[prefix + "responsible"] = forms.CharField(
                    max_length=255, required=False, initial=target.responsible if target else ""
                )
                rows.append(prefix)
            self.sections.append({"area": area, "measures": measures, "rows": rows})

    def section_fields(self):
        """For the template: per area its measures field and rows of bound fields."""
        for section in self.sections:
            yield {
                "area": section["area"],
                "measures": self[section["measures"]],
                "rows": [[self[prefix + column] for column in TARGET_COLUMNS] for prefix in section["rows"]],
                "row_count": len(section["rows"]),
            }

    def clean(self):
        cleaned = super().clean()
        self.cleaned_sections = {}
        for section in self.sections:
            rows = []
            for prefix in section["rows"]:
                values = {c: cleaned.get(prefix + c) for c in TARGET_COLUMNS}
                if not any(values.values()) and not self.data.get(prefix + "deadline"):
                    continue
                try:
                    values["value"] = parse_figure(values["value"])
                except ValidationError as exc:
                    self.add_error(prefix + "value", exc)
                    continue
                if not (values["name"] or "").strip():
                    self.add_error(prefix + "name", "Cần ghi tên chỉ tiêu (hoặc xóa trắng cả dòng).")
                    continue
                values["name"] = values["name"].strip()
                values["unit_of_measure"] = (values["unit_of_measure"] or "").strip()
                values["responsible"] = (values["responsible"] or "").strip()
                rows.append(values)
            self.cleaned_sections[section["area"].pk] = (cleaned.get(section["measures"], ""), rows)
        return cleaned

    def parts(self):
        return {"sections": self.cleaned_sections}


def _figure(value):
    return vn_number(value)


class TransitionForm(forms.Form):
    reason = forms.CharField(label="Lý do", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)  # the version the page showed


class AttachmentForm(forms.Form):
    file = forms.FileField(label="Tệp", error_messages={"required": "Chưa chọn tệp."})
    description = forms.CharField(label="Mô tả", max_length=255, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = (
            f"Bản ký, đóng dấu: {', '.join(LABELS[k] for k in SCANS)} (cần ít nhất một tệp như vậy để nộp); "
            f"có thể kèm {LABELS[DOCX]}. Tối đa {human_size(settings.MAX_UPLOAD_SIZE)} mỗi tệp."
        )


class DueDateForm(forms.Form):
    due_date = forms.DateField(
        label="Hạn nộp",
        required=False,
        error_messages=DATE_ERRORS,
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
    )


class ObligationForm(forms.Form):
    """Staff oblige more units: a whole subtree, a kind of organisation, or a hand-picked list."""

    MODES = [
        ("subtree", "Cả một nhánh (đơn vị và các đơn vị trực thuộc)"),
        ("kind", "Theo loại tổ chức"),
        ("list", "Chọn từng đơn vị"),
    ]
    mode = forms.ChoiceField(label="Cách chọn", choices=MODES, widget=forms.RadioSelect, initial="list")
    root = forms.ModelChoiceField(label="Nhánh", queryset=Organization.objects.none(), required=False)
    kind = forms.ChoiceField(label="Loại tổ chức", choices=[("", "—")] + list(OrgKind.choices), required=False)
    organizations = forms.ModelMultipleChoiceField(
        label="Đơn vị",
        queryset=Organization.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 12}),
    )
    due_date = forms.DateField(
        label="Hạn nộp",
        required=False,
        error_messages=DATE_ERRORS,
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
        help_text="Để trống: theo mốc «Hạn nộp kế hoạch của đơn vị» của phong trào.",
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["root"].queryset = organizations
        self.fields["organizations"].queryset = organizations
        self.all_organizations = organizations

    def clean(self):
        cleaned = super().clean()
        mode = cleaned.get("mode")
        if mode == "subtree":
            root = cleaned.get("root")
            if not root:
                self.add_error("root", "Chọn đơn vị gốc của nhánh.")
            else:
                cleaned["chosen"] = list(self.all_organizations.filter(path__startswith=root.path))
        elif mode == "kind":
            if not cleaned.get("kind"):
                self.add_error("kind", "Chọn loại tổ chức.")
            else:
                cleaned["chosen"] = list(self.all_organizations.filter(kind=cleaned["kind"]))
        elif mode == "list":
            if not cleaned.get("organizations"):
                self.add_error("organizations", "Chọn ít nhất một đơn vị.")
            else:
                cleaned["chosen"] = list(cleaned["organizations"])
        if mode and not self.errors and not cleaned.get("chosen"):
            raise ValidationError("Không có đơn vị nào khớp với lựa chọn.")
        return cleaned


# --- Progress reports ----------------------------------------------------------------------------------


class ProgressReportForm(UnitDocumentForm):
    """Header, narrative per content area, achieved figure per target of the approved sub-plan, proposals list."""

    issued_on = forms.DateField(
        label="Ngày báo cáo",
        required=False,
        error_messages=DATE_ERRORS,
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
    )
    summary = forms.CharField(
        label="Công tác lãnh đạo, chỉ đạo, tổ chức thực hiện", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    notable_examples = forms.CharField(
        label="Gương điển hình tiên tiến", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    difficulties = forms.CharField(
        label="Khó khăn, hạn chế và nguyên nhân", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    proposals = forms.CharField(label="Kiến nghị, đề xuất", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    HEADER = (
        "number",
        "issued_on",
        "place",
        "summary",
        "notable_examples",
        "difficulties",
        "proposals",
        "sign_on_behalf",
        "signer_title",
        "signer_name",
    )
    KINDS = [("individual", "Cá nhân"), ("collective", "Tập thể")]
    CODE = "BC"

    def __init__(self, data=None, *, doc, **kwargs):
        from .unitdocs.kinds.progress import report_targets

        super().__init__(data, doc=doc, **kwargs)
        report = doc
        areas = self.areas = list(doc.campaign.content_areas.order_by("order", "id"))
        self.targets = list(report_targets(doc))
        stored_narratives = {n.content_area_id: n.text for n in report.narratives.all()}
        stored_results = {r.target_id: r for r in report.results.all()}
        stored_proposals = list(report.commendations.all())
        by_area = {}
        for target in self.targets:
            by_area.setdefault(target.item.content_area_id, []).append(target)
        self.sections = []
        for area in areas:
            name = f"n-{area.pk}"
            self.fields[name] = forms.CharField(
                label="Kết quả thực hiện",
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=stored_narratives.get(area.pk, ""),
            )
            rows = []
            for target in by_area.get(area.pk, []):
                result = stored_results.get(target.pk)
                self.fields[f"r-{target.pk}"] = forms.CharField(
                    max_length=32, required=False, initial=_figure(result.achieved) if result else ""
                )
                self.fields[f"rn-{target.pk}"] = forms.CharField(
                    max_length=500, required=False, initial=result.note if result else ""
                )
                rows.append(target)
            self.sections.append({"area": area, "narrative": name, "targets": rows})
        if self.is_bound:
            try:
                count = max(0, min(int(self.data.get("c-rows", 0)), 200))
            except ValueError:
                count = 0
        else:
            count = len(stored_proposals) + BLANK_ROWS
        self.proposal_rows = []
        for i in range(count):
            stored = stored_proposals[i] if i < len(stored_proposals) else None
            prefix = f"c-{i}-"
            self.fields[prefix + "name"] = forms.CharField(
                max_length=255, required=False, initial=stored.name if stored else ""
            )
            self.fields[prefix + "kind"] = forms.ChoiceField(
                choices=self.KINDS,
                required=False,
                initial=("collective" if stored.is_collective else "individual") if stored else "individual",
            )
            self.fields[prefix + "award"] = forms.CharField(
                max_length=255, required=False, initial=stored.award if stored else ""
            )
            self.fields[prefix + "achievement"] = forms.CharField(
                max_length=2000, required=False, initial=stored.achievement if stored else ""
            )
            self.proposal_rows.append(prefix)

    def section_fields(self):
        for section in self.sections:
            yield {
                "area": section["area"],
                "narrative": self[section["narrative"]],
                "targets": [(t, self[f"r-{t.pk}"], self[f"rn-{t.pk}"]) for t in section["targets"]],
            }

    def proposal_fields(self):
        return [[self[p + c] for c in ("name", "kind", "award", "achievement")] for p in self.proposal_rows]

    def clean(self):
        cleaned = super().clean()
        self.cleaned_narratives = {s["area"].pk: cleaned.get(s["narrative"], "") for s in self.sections}
        self.cleaned_results = {}
        for target in self.targets:
            try:
                achieved = parse_figure(cleaned.get(f"r-{target.pk}"), "Số đạt được")
            except ValidationError as exc:
                self.add_error(f"r-{target.pk}", exc)
                continue
            self.cleaned_results[target.pk] = (achieved, cleaned.get(f"rn-{target.pk}", ""))
        self.cleaned_commendations = []
        for prefix in self.proposal_rows:
            name = (cleaned.get(prefix + "name") or "").strip()
            award = (cleaned.get(prefix + "award") or "").strip()
            achievement = (cleaned.get(prefix + "achievement") or "").strip()
            if not name and not award and not achievement:
                continue
            if not name:
                self.add_error(prefix + "name", "Cần ghi tên tập thể, cá nhân (hoặc xóa trắng cả dòng).")
                continue
            self.cleaned_commendations.append(
                {
                    "name": name,
                    "is_collective": cleaned.get(prefix + "kind") == "collective",
                    "award": award,
                    "achievement": achievement,
                }
            )
        return cleaned

    def parts(self):
        return {
            "narratives": self.cleaned_narratives,
            "results": self.cleaned_results,
            "commendations": self.cleaned_commendations,
        }


class RequestReportsForm(forms.Form):
    due_date = forms.DateField(
        label="Hạn nộp",
        required=False,
        error_messages=DATE_ERRORS,
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
    )
