"""Forms of the plan editor (committee staff write a draft in the browser): the header and one formset per
repeating part (legal bases, content areas each with its targets, occasions, assignments, recipients).

Organisation choices are computed once per page and handed to every form (the page's query count does not grow
with the number of assignments). Rows left blank are skipped; "Xóa" removes a row.
"""

from django import forms
from django.forms import formset_factory
from django.forms.models import fields_for_model

from .enums import LegalBasisKind
from .forms import DATE_ERRORS, parse_figure
from .models import Campaign, DocumentFormat, LegalBasis
from .plan_import.parser import implies_subplan

HEADER_FIELDS = [
    "superior_body",
    "issuing_body",
    "document_format",
    "document_type",
    "symbol",
    "term",
    "place",
    "title",
    "preamble",
    "introduction",
    "purpose",
    "requirements",
    "period_start",
    "period_end",
    "period_text",
    "closing",
    "sign_on_behalf",
    "signer_title",
    "signer_name",
]
TEXTAREA_ROWS = {"title": 3, "preamble": 3, "introduction": 2, "purpose": 4, "requirements": 4, "closing": 2}


def bootstrap(form):
    """Bootstrap classes on every widget, so templates render fields with {{ field }}."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, (forms.HiddenInput, forms.CheckboxInput)):
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs["class"] = "form-check-input"
            continue
        css = "form-select" if isinstance(widget, forms.Select) else "form-control"
        if not isinstance(form, (PlanHeaderForm, NewPlanForm, CopyPlanForm, ImportPlanForm)):
            css += " form-select-sm" if css == "form-select" else " form-control-sm"
        widget.attrs["class"] = css


def _date_widget():
    return forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}, format="%d/%m/%Y")


class PlanHeaderForm(forms.Form):
    """The plan's own fields, the version the page showed, and the units' sub-plan deadline (a milestone)."""

    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    subplan_due = forms.DateField(
        label="Hạn các đơn vị gửi kế hoạch",
        required=False,
        error_messages=DATE_ERRORS,
        widget=_date_widget(),
        help_text="Mốc «Hạn nộp kế hoạch của đơn vị»; nhiệm vụ nào không ghi hạn riêng thì theo hạn này.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model_fields = fields_for_model(Campaign, fields=HEADER_FIELDS)
        for name in HEADER_FIELDS:
            field = model_fields[name]
            if isinstance(field, forms.DateField):
                field.widget = _date_widget()
                field.error_messages.update(DATE_ERRORS)
            elif name in TEXTAREA_ROWS:
                field.widget = forms.Textarea(attrs={"rows": TEXTAREA_ROWS[name]})
            field.label = field.label[:1].upper() + field.label[1:]
            if field.required:
                field.error_messages["required"] = f"Cần ghi {field.label.lower()}."
            self.fields[name] = field
        self.fields["document_format"].choices = DocumentFormat.choices
        self.fields["title"].help_text = "Mỗi dòng một dòng in."
        for name in ("preamble", "introduction", "purpose", "requirements", "closing"):
            self.fields[name].help_text = "Mỗi dòng một đoạn; *chữ nghiêng* đặt giữa hai dấu sao."
        bootstrap(self)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", "Thời gian kết thúc phải sau thời gian bắt đầu.")
        return cleaned


class _RowForm(forms.Form):
    """A row of a repeating part: blank rows are skipped, not errors."""

    KEY_FIELDS = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)

    def is_blank(self):
        data = getattr(self, "cleaned_data", {}) or {}
        return not any(data.get(name) for name in self.KEY_FIELDS)

    def is_deleted(self):
        return bool((getattr(self, "cleaned_data", {}) or {}).get("DELETE"))


class LegalBasisRowForm(_RowForm):
    KEY_FIELDS = ("number", "issuer", "title")
    role = forms.ChoiceField(label="Vai trò", choices=LegalBasis.Role.choices, initial=LegalBasis.Role.BASIS)
    kind = forms.ChoiceField(label="Loại văn bản", choices=LegalBasisKind.choices, initial=LegalBasisKind.DIRECTIVE)
    number = forms.CharField(label="Số, ký hiệu", max_length=64, required=False)
    issued_on = forms.DateField(label="Ngày", required=False, error_messages=DATE_ERRORS, widget=_date_widget())
    issuer = forms.CharField(label="Cơ quan ban hành", max_length=255, required=False)
    title = forms.CharField(label="Trích yếu", required=False, widget=forms.Textarea(attrs={"rows": 1}))

    def clean(self):
        cleaned = super().clean()
        if not self.is_blank() and not cleaned.get("DELETE"):
            if not (cleaned.get("number") or "").strip():
                self.add_error("number", "Cần ghi số, ký hiệu (hoặc xóa trắng cả dòng).")
            if not (cleaned.get("issuer") or "").strip():
                self.add_error("issuer", "Cần ghi cơ quan ban hành (hoặc xóa trắng cả dòng).")
        return cleaned


class TargetRowForm(_RowForm):
    KEY_FIELDS = ("name", "value", "unit_of_measure")
    name = forms.CharField(label="Chỉ tiêu", max_length=255, required=False)
    value = forms.CharField(label="Mức", max_length=32, required=False)
    unit_of_measure = forms.CharField(label="Đơn vị tính", max_length=64, required=False)

    def clean(self):
        cleaned = super().clean()
        if self.is_blank() or cleaned.get("DELETE"):
            return cleaned
        try:
            cleaned["figure"] = parse_figure(cleaned.get("value"))
        except forms.ValidationError as exc:
            self.add_error("value", exc)
        if not (cleaned.get("name") or "").strip():
            self.add_error("name", "Cần ghi tên chỉ tiêu (hoặc xóa trắng cả dòng).")
        return cleaned


TargetFormSet = formset_factory(TargetRowForm, extra=1, can_delete=True, max_num=100, absolute_max=200)


class AreaRowForm(_RowForm):
    """A content area; its targets are a nested formset (prefix "<area prefix>-t")."""

    KEY_FIELDS = ("heading", "body", "movements")
    heading = forms.CharField(label="Tên ngắn", max_length=255, required=False)
    body = forms.CharField(
        label="Nội dung (nguyên văn)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Mỗi dòng một đoạn; *chữ nghiêng* đặt giữa hai dấu sao.",
    )
    movements = forms.CharField(
        label="Phong trào (mỗi dòng một tên)", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, targets_initial=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.targets = TargetFormSet(
            self.data if self.is_bound else None,
            prefix=f"{self.prefix}-t",
            initial=targets_initial if not self.is_bound else None,
        )

    def is_blank(self):
        self.targets.is_valid()  # validates once; the rows' cleaned data tell whether any was typed
        return super().is_blank() and all(f.is_blank() for f in self.targets.forms if hasattr(f, "cleaned_data"))

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("DELETE") and not self.is_blank() and not (cleaned.get("body") or "").strip():
            self.add_error("body", "Cần ghi nội dung (hoặc xóa trắng cả phần).")
        return cleaned


class OccasionRowForm(_RowForm):
    KEY_FIELDS = ("name",)
    name = forms.CharField(label="Sự kiện chào mừng", max_length=255, required=False)
    date = forms.DateField(label="Ngày", required=False, error_messages=DATE_ERRORS, widget=_date_widget())


SUBPLAN_CHOICES = [
    ("auto", "Theo nội dung nhiệm vụ (tự nhận biết)"),
    ("yes", "Có: mỗi đơn vị phải xây dựng kế hoạch riêng"),
    ("no", "Không"),
]


def resolve_requires_subplan(choice, body):
    """ "auto" follows the text: an assignment asking its units to "xây dựng kế hoạch" obliges them."""
    if choice == "yes":
        return True
    if choice == "no":
        return False
    return implies_subplan(body)


class AssignmentRowForm(_RowForm):
    KEY_FIELDS = ("body", "organizations")
    body = forms.CharField(label="Nhiệm vụ (nguyên văn)", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    organizations = forms.TypedMultipleChoiceField(
        label="Đơn vị chủ trì", coerce=int, required=False, widget=forms.SelectMultiple(attrs={"size": 7})
    )
    requires_subplan = forms.ChoiceField(
        label="Phải xây dựng kế hoạch riêng", choices=SUBPLAN_CHOICES, initial="auto", required=False
    )
    due_date = forms.DateField(
        label="Hạn nộp kế hoạch", required=False, error_messages=DATE_ERRORS, widget=_date_widget()
    )

    def __init__(self, *args, org_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organizations"].choices = org_choices
        self.fields["organizations"].error_messages["invalid_choice"] = (
            "Đơn vị %(value)s không thuộc cơ quan ban hành: chọn lại."
        )
        bootstrap(self)

    def chosen(self):
        """Names of the organisations chosen, for the line under the list (a long list hides its selection)."""
        values = {str(v) for v in (self["organizations"].value() or [])}
        return [label.lstrip("— ") for pk, label in self.fields["organizations"].choices if str(pk) in values]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("DELETE") and not self.is_blank() and not (cleaned.get("body") or "").strip():
            self.add_error("body", "Cần ghi nội dung nhiệm vụ (hoặc xóa trắng cả dòng).")
        return cleaned


class RecipientRowForm(_RowForm):
    KEY_FIELDS = ("text",)
    text = forms.CharField(label="Nơi nhận (như văn bản)", max_length=255, required=False)
    organization = forms.TypedChoiceField(label="Đơn vị", coerce=int, empty_value=None, required=False)

    def __init__(self, *args, org_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = [("", "(không gắn đơn vị)")] + list(org_choices)
        bootstrap(self)


LegalBasisFormSet = formset_factory(LegalBasisRowForm, extra=1, can_delete=True, max_num=100, absolute_max=200)
AreaFormSet = formset_factory(AreaRowForm, extra=1, can_delete=True, max_num=50, absolute_max=100)
OccasionFormSet = formset_factory(OccasionRowForm, extra=1, can_delete=True, max_num=50, absolute_max=100)
AssignmentFormSet = formset_factory(AssignmentRowForm, extra=1, can_delete=True, max_num=100, absolute_max=200)
RecipientFormSet = formset_factory(RecipientRowForm, extra=1, can_delete=True, max_num=100, absolute_max=200)


def org_choices(organizations):
    """(id, indented name) for every organisation, in tree order: one list shared by all rows."""
    base = min((o.depth for o in organizations), default=0)
    return [(o.pk, f"{'— ' * (o.depth - base)}{o.name}") for o in organizations]


class PlanEditor:
    """The header form and the formsets of one page, bound or not, validated together."""

    def __init__(self, data=None, *, initial, organizations, recipient_organizations=None):
        choices = org_choices(organizations)
        recipient_choices = org_choices(recipient_organizations) if recipient_organizations is not None else choices
        self.org_names = {pk: name.lstrip("— ") for pk, name in choices}
        bound = data is not None
        self.header = PlanHeaderForm(data, initial=None if bound else initial["header"])
        self.legal_bases = LegalBasisFormSet(data, prefix="lb", initial=None if bound else initial["legal_bases"])
        self.areas = AreaFormSet(
            data,
            prefix="area",
            initial=None if bound else [dict(a, targets=None) for a in initial["areas"]],
            form_kwargs={},
        )
        if not bound:
            for form, area in zip(self.areas.forms, initial["areas"], strict=False):
                form.targets = TargetFormSet(prefix=f"{form.prefix}-t", initial=area.get("targets") or [])
        self.occasions = OccasionFormSet(data, prefix="oc", initial=None if bound else initial["occasions"])
        self.assignments = AssignmentFormSet(
            data,
            prefix="as",
            initial=None if bound else initial["assignments"],
            form_kwargs={"org_choices": choices},
        )
        self.recipients = RecipientFormSet(
            data,
            prefix="rc",
            initial=None if bound else initial["recipients"],
            form_kwargs={"org_choices": recipient_choices},
        )

    def as_data(self):
        """What a browser posts for this editor as rendered (used to preview an imported plan before it is saved)."""
        import datetime

        data = {}
        forms_ = [self.header] + [f for fs in self.formsets for f in [fs.management_form, *fs.forms]]
        forms_ += [f for area in self.areas.forms for f in [area.targets.management_form, *area.targets.forms]]
        for form in forms_:
            for name in form.fields:
                value = form[name].value()
                key = form.add_prefix(name)
                if isinstance(value, list | tuple):
                    data.setdefault("__lists__", {})[key] = [str(v) for v in value]
                elif isinstance(value, datetime.date):
                    data[key] = value.strftime("%d/%m/%Y")
                elif isinstance(value, bool):
                    if value:
                        data[key] = "on"
                elif value is not None:
                    data[key] = str(value)
        from django.utils.datastructures import MultiValueDict

        lists = data.pop("__lists__", {})
        result = MultiValueDict({k: [v] for k, v in data.items()})
        for key, values in lists.items():
            result.setlist(key, values)
        return result

    @property
    def formsets(self):
        return [self.legal_bases, self.areas, self.occasions, self.assignments, self.recipients]

    def is_valid(self):
        valid = self.header.is_valid()
        for formset in self.formsets:
            valid = formset.is_valid() and valid
        for form in self.areas.forms:
            valid = form.targets.is_valid() and valid
        return valid

    def error_count(self):
        count = len(self.header.errors)
        for formset in self.formsets:
            count += len(formset.non_form_errors()) + sum(len(f.errors) for f in formset.forms)
        count += sum(len(t.errors) for f in self.areas.forms for t in f.targets.forms)
        return count

    @staticmethod
    def _rows(formset):
        return [
            f.cleaned_data
            for f in formset.forms
            if hasattr(f, "cleaned_data") and not f.is_blank() and not f.is_deleted()
        ]

    def plan_data(self):
        """What the services store: the header dict and ordered lists of the parts (valid editor only)."""
        header = {name: self.header.cleaned_data.get(name) for name in HEADER_FIELDS}
        for name, value in header.items():
            if value is None and name not in ("period_start", "period_end"):
                header[name] = ""
        areas = []
        for form in self.areas.forms:
            if not hasattr(form, "cleaned_data") or form.is_deleted() or form.is_blank():
                continue
            data = form.cleaned_data
            areas.append(
                {
                    "heading": (data.get("heading") or "").strip(),
                    "body": (data.get("body") or "").strip(),
                    "movements": [m.strip() for m in (data.get("movements") or "").splitlines() if m.strip()],
                    "targets": [
                        {
                            "name": (t.get("name") or "").strip(),
                            "value": t.get("figure"),
                            "unit_of_measure": (t.get("unit_of_measure") or "").strip(),
                        }
                        for t in self._rows(form.targets)
                    ],
                }
            )
        return {
            "header": header,
            "subplan_due": self.header.cleaned_data.get("subplan_due"),
            "legal_bases": [
                {
                    k: (row.get(k) or "").strip() if k not in ("issued_on",) else row.get(k)
                    for k in ("role", "kind", "number", "issued_on", "issuer", "title")
                }
                for row in self._rows(self.legal_bases)
            ],
            "areas": areas,
            "occasions": [
                {"name": (row.get("name") or "").strip(), "date": row.get("date")} for row in self._rows(self.occasions)
            ],
            "assignments": [
                {
                    "body": (row.get("body") or "").strip(),
                    "organization_ids": list(row.get("organizations") or []),
                    "requires_subplan": resolve_requires_subplan(row.get("requires_subplan"), row.get("body") or ""),
                    "due_date": row.get("due_date"),
                }
                for row in self._rows(self.assignments)
            ],
            "recipients": [
                {"text": (row.get("text") or "").strip(), "organization_id": row.get("organization")}
                for row in self._rows(self.recipients)
            ],
        }


class NewPlanForm(forms.Form):
    issuer = forms.ModelChoiceField(label="Cơ quan ban hành", queryset=None, empty_label=None)
    title = forms.CharField(
        label="Trích yếu (tên kế hoạch)",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Cần ghi trích yếu."},
    )
    period_start = forms.DateField(
        label="Thời gian thực hiện từ",
        error_messages={**DATE_ERRORS, "required": "Cần ghi ngày bắt đầu."},
        widget=_date_widget(),
    )
    period_end = forms.DateField(
        label="đến", error_messages={**DATE_ERRORS, "required": "Cần ghi ngày kết thúc."}, widget=_date_widget()
    )

    def __init__(self, *args, issuers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = issuers
        if len(issuers) == 1:
            self.fields["issuer"].initial = issuers[0].pk
        bootstrap(self)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", "Thời gian kết thúc phải sau thời gian bắt đầu.")
        return cleaned


class CopyPlanForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)

    period_start = forms.DateField(
        label="Thời gian thực hiện từ",
        error_messages={**DATE_ERRORS, "required": "Cần ghi ngày bắt đầu."},
        widget=_date_widget(),
    )
    period_end = forms.DateField(
        label="đến", error_messages={**DATE_ERRORS, "required": "Cần ghi ngày kết thúc."}, widget=_date_widget()
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", "Thời gian kết thúc phải sau thời gian bắt đầu.")
        return cleaned


class ImportPlanForm(forms.Form):
    """A .docx (checked by name, size and content) or the plan's text pasted."""

    issuer = forms.ModelChoiceField(label="Cơ quan ban hành", queryset=None, empty_label=None)
    file = forms.FileField(label="Tệp Word (.docx)", required=False)
    text = forms.CharField(
        label="Hoặc dán nội dung kế hoạch",
        required=False,
        max_length=200_000,
        widget=forms.Textarea(attrs={"rows": 8, "placeholder": "Chép toàn bộ văn bản từ Word rồi dán vào đây"}),
    )

    def __init__(self, *args, issuers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = issuers
        if len(issuers) == 1:
            self.fields["issuer"].initial = issuers[0].pk
        from django.conf import settings

        from thidua.uploads import human_size

        self.fields["file"].help_text = (
            f"Chỉ nhận tệp .docx (Word 2007 trở lên), tối đa {human_size(settings.MAX_UPLOAD_SIZE)}. "
            "Tệp .doc cũ: mở bằng Word, chọn Lưu thành .docx."
        )
        bootstrap(self)

    def clean(self):
        from django.conf import settings

        from thidua.uploads import human_size

        from .plan_import.parser import lines_from_text
        from .plan_import.reader import DocxError, read_docx

        cleaned = super().clean()
        upload, text = cleaned.get("file"), (cleaned.get("text") or "").strip()
        if upload:
            name = upload.name or ""
            if not name.lower().endswith(".docx"):
                self.add_error("file", "Chỉ nhận tệp .docx (tên tệp phải có đuôi .docx).")
            elif upload.size > settings.MAX_UPLOAD_SIZE:
                self.add_error("file", f"Tệp quá lớn; tối đa {human_size(settings.MAX_UPLOAD_SIZE)}.")
            else:
                try:
                    cleaned["lines"] = read_docx(upload.read())
                except DocxError as exc:
                    self.add_error("file", str(exc))
                else:
                    if not cleaned["lines"]:
                        self.add_error("file", "Tệp không có chữ nào.")
        elif text:
            cleaned["lines"] = lines_from_text(text)
        elif not self.errors:
            raise forms.ValidationError("Chọn tệp .docx hoặc dán nội dung kế hoạch.")
        return cleaned
