from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q

from campaigns.models import DocumentFormat
from units.enums import Role
from units.models import Organization

from .enums import DecisionKind, DossierKind, NomineeKind, SessionStatus, Threshold
from .models import (
    AwardType,
    CouncilSession,
    Decision,
    EmulationOffice,
    EmulationWorker,
    Nomination,
    Publication,
    PublicComment,
)
from .services import NOMINATION_FIELDS

DATE_INPUT = {"placeholder": "dd/mm/yyyy"}
REQUIRED = {"required": "Trường này là bắt buộc."}


class AwardTypeSelect(forms.Select):
    """Options carry data-kinds (nominee kinds the award type is for): the page hides the others; and data-upward
    on those the campaign's issuer may only propose to a superior level (shown on request: the full catalogue)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kinds = {}
        self.upward = set()

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        key = getattr(value, "value", value)
        if key in self.kinds:
            option["attrs"]["data-kinds"] = " ".join(self.kinds[key])
        if key in self.upward:
            option["attrs"]["data-upward"] = "1"
        return option


def award_type_choices(campaign):
    """Award types in force on the campaign's rules date that its issuer may award or propose, grouped by
    title / form: (grouped choices, {pk: nominee kinds}, usable pks, pks only proposed upward). Labels say when the
    superior level decides."""
    from .eligibility import AWARD, power_over
    from .enums import AwardKind

    day = campaign.period_end
    upward = " — đề nghị cấp trên quyết định"
    groups = {
        (AWARD, AwardKind.TITLE): [],
        (AWARD, AwardKind.FORM): [],
        ("propose", AwardKind.TITLE): [],
        ("propose", AwardKind.FORM): [],
    }
    kinds, usable, proposed_upward = {}, [], set()
    for award_type in AwardType.objects.valid_on(day).order_by("sort_order", "name"):
        power, _version = power_over(campaign.issuer, award_type, day)
        if power is None:
            continue
        label = award_type.name if power == AWARD else f"{award_type.name} (đề nghị cấp trên quyết định)"
        groups[(AWARD if power == AWARD else "propose", award_type.kind)].append((award_type.pk, label))
        kinds[award_type.pk] = [k for k in NomineeKind.values if award_type.accepts(k)]
        if power != AWARD:
            proposed_upward.add(award_type.pk)
        usable.append(award_type.pk)
    choices = [("", "---------")] + [
        (AwardKind(kind).label + ("" if power == AWARD else upward), options)
        for (power, kind), options in groups.items()
        if options
    ]
    return choices, kinds, usable, proposed_upward


class RegisteredSelect(forms.Select):
    """Options carry the registered person's (or collective's) fields as data-*: nomination_form.js fills the form."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fills = {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        for key, data in self.fills.get(getattr(value, "value", value), {}).items():
            option["attrs"][f"data-{key}"] = "" if data is None else str(data)
        return option


def registered_choices(campaign, proposers, usable):
    """The proposing units' registrations for the campaign's year (đăng ký thi đua), approved ones first: grouped
    choices "c:<registration>" (the collective) and "p:<person>", and what each fills in the form."""
    from registrations.selectors import registered_for_nomination

    codes = dict(AwardType.objects.filter(pk__in=usable).values_list("code", "pk"))
    collectives, people = registered_for_nomination(proposers, campaign.period_end.year)
    fills, groups = {}, {}
    for registration in collectives:
        key = f"c:{registration.pk}"
        title = registration.collective_title
        fills[key] = {
            "kind": NomineeKind.COLLECTIVE,
            "organization": registration.organization_id,
            "name": "",
            "award": codes.get(title.code, ""),
        }
        group = f"Đăng ký thi đua của {registration.organization.name}"
        groups.setdefault(group, []).append((key, f"Tập thể {registration.organization.name} — {title.name}"))
    for person in people:
        key = f"p:{person.pk}"
        fills[key] = {
            "kind": NomineeKind.INDIVIDUAL,
            "name": person.full_name,
            "position": person.position,
            "gender": person.gender,
            "ethnicity": person.ethnicity,
            "birth-year": person.birth_year,
            "unit": person.registration.organization.name,
            "award": codes.get(person.title.code, ""),
        }
        group = f"Đăng ký thi đua của {person.registration.organization.name}"
        born = f", {person.birth_year}" if person.birth_year else ""
        groups.setdefault(group, []).append((key, f"{person.full_name}{born} — {person.title.name}"))
    choices = [("", "— Nhập mới (không theo danh sách đăng ký) —"), *groups.items()]
    return choices, fills


def nominee_organizations(proposers):
    """Organisations the given proposing units may nominate: each one and its subtree."""
    roots = []
    for proposer in sorted(proposers, key=lambda o: o.path):
        if not any(proposer.path.startswith(root.path) for root in roots):
            roots.append(proposer)  # a proposer below another adds nothing
    if not roots:
        return Organization.objects.none()
    scope = Q()
    for root in roots:
        scope |= Q(path__startswith=root.path)
    return Organization.objects.filter(scope)


class NominationForm(forms.ModelForm):
    proposer = forms.ModelChoiceField(
        label="Đơn vị đề nghị",
        queryset=Organization.objects.none(),
        error_messages={"required": "Chọn đơn vị đề nghị."},
    )
    # The version the edit page was opened on: a save after someone else's save or move is refused.
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # The unit's registered people and collective first (đăng ký thi đua): choosing one fills the fields below.
    registered = forms.ChoiceField(
        label="Chọn từ danh sách đăng ký thi đua",
        required=False,
        widget=RegisteredSelect,
        help_text="Người, tập thể đơn vị đã đăng ký thi đua năm này; chọn để điền sẵn các ô dưới (sửa được).",
    )

    class Meta:
        model = Nomination
        fields = ["proposer", *NOMINATION_FIELDS]  # the fields the service copies from the form
        widgets = {
            "award_type": AwardTypeSelect,
            "achievement": forms.Textarea(attrs={"rows": 5}),
            "justification": forms.Textarea(attrs={"rows": 2}),
            "initiative_recognised_on": forms.DateInput(attrs=DATE_INPUT),
        }
        error_messages = {
            "award_type": {"required": "Chọn danh hiệu thi đua hoặc hình thức khen thưởng."},
            "nominee_kind": {"required": "Chọn đối tượng (cá nhân, tập thể…)."},
            "year": {"required": "Cần năm thành tích.", "invalid": "Năm phải là số."},
            "birth_year": {"invalid": "Năm sinh phải là số."},
            "initiative_recognised_on": {"invalid": "Ngày không hợp lệ (dd/mm/yyyy)."},
        }

    def __init__(self, *args, campaign, proposers, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        self.fields["proposer"].queryset = proposers
        if self.instance.pk:
            del self.fields["proposer"]
            self.fields["version"].initial = self.instance.version
        else:
            del self.fields["version"]
            if len(units := list(proposers[:2])) == 1 and not self.is_bound:
                self.initial["proposer"] = units[0].pk  # the instance's empty proposer would hide a field initial
        choices, kinds, usable, upward = award_type_choices(campaign)
        if self.instance.pk and self.instance.award_type_id and self.instance.award_type_id not in usable:
            usable.append(self.instance.award_type_id)  # keep a stored choice visible (the rules then say why)
            choices.append(("Khác", [(self.instance.award_type_id, str(self.instance.award_type))]))
        field = self.fields["award_type"]
        field.queryset = AwardType.objects.filter(pk__in=usable)
        field.choices = choices
        field.widget.upward = upward
        field.widget.kinds = kinds
        field.help_text = (
            f"Danh hiệu, hình thức có hiệu lực vào ngày {campaign.period_end:%d/%m/%Y}, theo đối tượng đã chọn."
        )
        # A unit proposes its own organisation or one below it; the committee anything under the committee
        # (Nomination.clean checks the pair proposer / organisation again, for the services and the import).
        owners = [self.instance.proposer] if self.instance.pk else list(proposers)
        self.fields["organization"].queryset = nominee_organizations(owners)
        self.fields["organization"].required = False
        self.fields["full_name"].required = False
        self.fields["achievement"].required = False
        self.fields["year"].initial = campaign.period_end.year
        from campaigns.models import ProgressReport

        reports = ProgressReport.objects.filter(campaign=campaign, kind="final").select_related("organization")
        if self.instance.pk:
            reports = reports.filter(organization=self.instance.proposer_id)
        else:
            reports = reports.filter(organization__in=proposers)
        self.fields["progress_report"].queryset = reports
        self.fields["initiative_recognised_on"].input_formats = ["%d/%m/%Y", "%Y-%m-%d"]
        self._registered(campaign, [self.instance.proposer] if self.instance.pk else list(proposers), usable)
        self._plain_labels()

    def _registered(self, campaign, owners, usable):
        choices, fills = registered_choices(campaign, owners, usable)
        if len(choices) == 1:
            del self.fields["registered"]  # nobody registered: no empty picker
            return
        self._fills = fills
        field = self.fields["registered"]
        field.choices = choices
        field.widget.fills = fills
        self.order_fields(["proposer", "registered"])

    def clean(self):
        """Without JavaScript, a registered entry chosen fills the fields left empty (the script fills them as
        soon as it is chosen)."""
        cleaned = super().clean()
        fill = getattr(self, "_fills", {}).get(cleaned.get("registered") or "")
        if fill:
            for field, key in (
                ("full_name", "name"),
                ("position", "position"),
                ("gender", "gender"),
                ("ethnicity", "ethnicity"),
                ("birth_year", "birth-year"),
                ("unit_name", "unit"),
            ):
                if field in self.fields and not cleaned.get(field) and fill.get(key):
                    cleaned[field] = fill[key]
                    setattr(self.instance, field, fill[key])
        return cleaned

    def _plain_labels(self):
        """Words a unit's clerk understands (the model's verbose names are written for the admin)."""
        labels = {
            "nominee_kind": ("Đề nghị khen thưởng cho", "Cá nhân, tập thể, hộ gia đình hoặc thôn, tổ dân phố."),
            "organization": (
                "Tập thể (đơn vị trong hệ thống)",
                "Chọn khi tập thể được đề nghị là một đơn vị có trong danh sách; nếu không có, ghi tên ở ô dưới.",
            ),
            "full_name": ("Họ và tên (hoặc tên tập thể, hộ gia đình)", ""),
            "title_prefix": ("Tên gọi (Ông, Bà, chức danh)", ""),
        }
        for name, (label, help_text) in labels.items():
            if name in self.fields:
                self.fields[name].label = label
                if help_text:
                    self.fields[name].help_text = help_text
        self.fields["award_type"].label = "Danh hiệu thi đua / hình thức khen thưởng"
        if "activity_field" in self.fields:  # the template's sheet LVHD says "N/A" (kept for Excel)
            self.fields["activity_field"].choices = [
                (value, "Khác, không xác định" if label == "N/A" else label)
                for value, label in self.fields["activity_field"].choices
            ]

    def _post_clean(self):
        # Model.clean() runs with the right award version in the service; skip achievement (filled before submit).
        self.instance.campaign = self.campaign
        super()._post_clean()

    def values(self):
        return {k: v for k, v in self.cleaned_data.items() if k not in ("proposer", "version", "registered")}


class DossierForm(forms.Form):
    kind = forms.ChoiceField(label="Loại hồ sơ", choices=DossierKind.choices)
    file = forms.FileField(label="Tệp (PDF, JPEG, PNG, DOCX)", error_messages={"required": "Chưa chọn tệp."})
    description = forms.CharField(label="Mô tả", required=False, max_length=255)


class TransitionForm(forms.Form):
    reason = forms.CharField(label="Ghi chú / lý do", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    justification = forms.CharField(label="Giải trình", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)  # the version the page showed


class ImportForm(forms.Form):
    proposer = forms.ModelChoiceField(
        label="Đơn vị đề nghị",
        queryset=Organization.objects.none(),
        error_messages={"required": "Chọn đơn vị đề nghị."},
    )
    file = forms.FileField(
        label="Danh sách theo mẫu (sheet «file nhận», .xlsx)", error_messages={"required": "Chưa chọn tệp."}
    )

    def __init__(self, *args, proposers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposer"].queryset = proposers
        if proposers.count() == 1:
            self.fields["proposer"].initial = proposers.first()


class SessionForm(forms.ModelForm):
    members = forms.ModelMultipleChoiceField(
        label="Thành viên dự họp",
        queryset=get_user_model().objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Chọn thành viên Hội đồng dự họp."},
    )

    class Meta:
        model = CouncilSession
        fields = ["title", "held_on", "threshold", "quorum", "members"]
        widgets = {"held_on": forms.DateInput(attrs=DATE_INPUT)}
        error_messages = {
            "held_on": {"required": "Cần ngày họp.", "invalid": "Ngày không hợp lệ (dd/mm/yyyy)."},
            "title": REQUIRED,
        }

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = (
            get_user_model()
            .objects.filter(memberships__organization=campaign.issuer, memberships__role=Role.COUNCIL)
            .distinct()
            .order_by("last_name", "first_name", "username")
        )
        self.fields["members"].label_from_instance = lambda u: u.get_full_name() or u.username
        self.fields["held_on"].input_formats = ["%d/%m/%Y", "%Y-%m-%d"]
        self.fields["threshold"].initial = Threshold.MORE_THAN_HALF


class PutToCouncilForm(forms.Form):
    session = forms.ModelChoiceField(
        label="Phiên họp", queryset=CouncilSession.objects.none(), error_messages={"required": "Chọn phiên họp."}
    )
    justification = forms.CharField(
        label="Giải trình (nếu còn cảnh báo)", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)  # the version the page showed

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = CouncilSession.objects.filter(campaign=campaign, status=SessionStatus.OPEN)


class DecisionForm(forms.ModelForm):
    nominations = forms.ModelMultipleChoiceField(
        label="Danh sách khen thưởng (đề nghị đã được Hội đồng thông qua)",
        queryset=Nomination.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Chọn ít nhất một đề nghị đã được Hội đồng thông qua.",
            "invalid_choice": "Đề nghị đã chọn không có trong danh sách (chưa được Hội đồng thông qua, đã thuộc quyết "
            "định khác hoặc thuộc thẩm quyền cấp trên).",
            "invalid_pk_value": "Đề nghị đã chọn không hợp lệ.",
        },
    )

    class Meta:
        model = Decision
        fields = [
            "document_format",
            "superior_body",
            "issuing_body",
            "number",
            "symbol",
            "term",
            "place",
            "issued_on",
            "title",
            "preamble",
            "articles",
            "sign_on_behalf",
            "signer_title",
            "signer_name",
            "recipients",
        ]
        widgets = {
            "issued_on": forms.DateInput(attrs=DATE_INPUT),
            "title": forms.Textarea(attrs={"rows": 2}),
            "preamble": forms.Textarea(attrs={"rows": 4}),
            "articles": forms.Textarea(attrs={"rows": 4}),
            "recipients": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "number": {"required": "Cần số quyết định.", "invalid": "Số phải là số nguyên."},
            "issued_on": {"required": "Cần ngày ký.", "invalid": "Ngày không hợp lệ (dd/mm/yyyy)."},
            "signer_name": REQUIRED,
            "issuing_body": REQUIRED,
            "symbol": REQUIRED,
            "place": REQUIRED,
        }

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)

        from .selectors import approved_within_authority
        from .wording import office_of, plan_phrase

        self.campaign = campaign
        self.fields["nominations"].queryset = approved_within_authority(campaign)
        self.fields["nominations"].help_text = (
            "Chỉ gồm đề nghị thuộc thẩm quyền quyết định của cơ quan ban hành; đề nghị thuộc thẩm quyền cấp trên "
            "nằm trong tờ trình đề nghị cấp trên khen thưởng."
        )
        self.fields["nominations"].label_from_instance = (
            lambda n: f"{n.display_name} — {n.award_type.name} ({n.proposer.short_name or n.proposer.name})"
        )
        self.fields["issued_on"].input_formats = ["%d/%m/%Y", "%Y-%m-%d"]
        if not self.is_bound:
            party = campaign.document_format == DocumentFormat.PARTY
            self.initial.update(
                {
                    "document_format": campaign.document_format,
                    "superior_body": campaign.superior_body,
                    "issuing_body": campaign.issuing_body,
                    "symbol": "QĐ/HU" if party else "QĐ-UBND",
                    "term": campaign.term if party else "",
                    "place": campaign.place,
                    "title": "Về việc khen thưởng tập thể, cá nhân có thành tích xuất sắc trong phong trào thi đua",
                    "sign_on_behalf": campaign.sign_on_behalf
                    or ("T/M BAN THƯỜNG VỤ" if party else "TM. ỦY BAN NHÂN DÂN"),
                    "signer_title": campaign.signer_title,
                    "signer_name": campaign.signer_name,
                    "preamble": f"Căn cứ {plan_phrase(campaign)};\nXét đề nghị của Hội đồng Thi đua - Khen thưởng,",
                    "recipients": f"Như Điều 3,\nLưu {office_of(campaign.issuer)}.",
                }
            )
            self.fields["nominations"].initial = list(self.fields["nominations"].queryset.values_list("pk", flat=True))

    def clean(self):
        data = super().clean()
        day, chosen = data.get("issued_on"), data.get("nominations")
        if day and chosen:
            from .eligibility import may_award

            outside = [n for n in chosen if not may_award(self.campaign.issuer, n.award_type, day)]
            if outside:
                self.add_error(
                    "nominations",
                    "Ngày {:%d/%m/%Y} không thuộc thẩm quyền quyết định của {}: {}.".format(
                        day,
                        self.campaign.issuer.name,
                        "; ".join(f"{n.display_name} («{n.award_type.name}»)" for n in outside),
                    ),
                )
        return data

    def values(self):
        return {k: v for k, v in self.cleaned_data.items() if k != "nominations"}


def revocation_basis(day):
    """The article a revoking/annulling decision rests on, under the law in force on `day`."""
    import datetime

    if day >= datetime.date(2024, 1, 1):
        return "Căn cứ khoản 2 Điều 93 Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022;"
    return "Căn cứ Điều 96 Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003 (sửa đổi, bổ sung năm 2005, 2013);"


class AmendmentForm(forms.ModelForm):
    """A decision revoking, annulling or correcting one award of the registry, in the issuer's format."""

    kind = forms.ChoiceField(
        label="Loại quyết định",
        choices=[(k, label) for k, label in DecisionKind.choices if k != DecisionKind.AWARD],
    )
    new_title_prefix = forms.CharField(label="Tên gọi đúng (Ông/Bà)", required=False, max_length=64)
    new_full_name = forms.CharField(label="Tên đúng", required=False, max_length=255)
    new_position = forms.CharField(label="Chức vụ đúng", required=False, max_length=255)
    new_unit_name = forms.CharField(label="Đơn vị đúng", required=False, max_length=255)
    new_award_type = forms.ModelChoiceField(
        label="Danh hiệu / hình thức đúng", required=False, queryset=AwardType.objects.none()
    )

    class Meta:
        model = Decision
        fields = [
            "document_format",
            "superior_body",
            "issuing_body",
            "number",
            "symbol",
            "place",
            "issued_on",
            "title",
            "preamble",
            "reason",
            "articles",
            "sign_on_behalf",
            "signer_title",
            "signer_name",
            "recipients",
        ]
        widgets = {
            "issued_on": forms.DateInput(attrs=DATE_INPUT),
            "title": forms.Textarea(attrs={"rows": 2}),
            "preamble": forms.Textarea(attrs={"rows": 4}),
            "reason": forms.Textarea(attrs={"rows": 3}),
            "articles": forms.Textarea(attrs={"rows": 4}),
            "recipients": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "number": {"required": "Cần số quyết định.", "invalid": "Số phải là số nguyên."},
            "issued_on": {"required": "Cần ngày ký.", "invalid": "Ngày không hợp lệ (dd/mm/yyyy)."},
            "signer_name": REQUIRED,
            "issuing_body": REQUIRED,
            "symbol": REQUIRED,
            "place": REQUIRED,
        }

    def __init__(self, *args, award, **kwargs):
        super().__init__(*args, **kwargs)
        import datetime

        self.award = award
        self.fields["issued_on"].input_formats = ["%d/%m/%Y", "%Y-%m-%d"]
        self.fields["new_award_type"].queryset = AwardType.objects.valid_on(award.decided_on).order_by(
            "sort_order", "name"
        )
        if not self.is_bound:
            original = award.decision
            today = datetime.date.today()
            self.initial.update(
                {
                    "kind": DecisionKind.ANNUL,
                    "document_format": original.document_format,
                    "superior_body": original.superior_body,
                    "issuing_body": original.issuing_body,
                    "symbol": original.symbol,
                    "place": original.place,
                    "issued_on": today,
                    "title": f"Về việc hủy bỏ Quyết định khen thưởng số {original.reference} "
                    f"ngày {original.issued_on:%d/%m/%Y}",
                    "preamble": f"{revocation_basis(today)}\nCăn cứ Quyết định số {original.reference} "
                    f"ngày {original.issued_on:%d/%m/%Y};\nXét đề nghị của Hội đồng Thi đua - Khen thưởng,",
                    "sign_on_behalf": original.sign_on_behalf,
                    "signer_title": original.signer_title,
                    "signer_name": original.signer_name,
                    "recipients": original.recipients,
                }
            )

    def clean(self):
        data = super().clean()
        if data.get("kind") != DecisionKind.CORRECT and not (data.get("reason") or "").strip():
            self.add_error("reason", "Cần ghi lý do thu hồi, hủy bỏ.")
        return data

    def corrections(self):
        d = self.cleaned_data
        return {
            "title_prefix": d.get("new_title_prefix", ""),
            "full_name": d.get("new_full_name", ""),
            "position": d.get("new_position", ""),
            "unit_name": d.get("new_unit_name", ""),
            "award_type": d.get("new_award_type"),
        }

    def values(self):
        return {k: v for k, v in self.cleaned_data.items() if k in self.Meta.fields}


class RegistrySearchForm(forms.Form):
    q = forms.CharField(label="Tên", required=False)
    unit = forms.CharField(label="Đơn vị", required=False)
    year = forms.IntegerField(
        label="Năm",
        required=False,
        min_value=1945,
        max_value=2100,
        error_messages={
            "invalid": "Năm phải là số.",
            "min_value": "Năm không hợp lệ.",
            "max_value": "Năm không hợp lệ.",
        },
    )
    award = forms.ChoiceField(label="Danh hiệu / hình thức", required=False)
    kind = forms.ChoiceField(label="Đối tượng", required=False, choices=[("", "Tất cả"), *NomineeKind.choices])
    as_of = forms.DateField(
        label="Thống kê tính đến ngày",
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        error_messages={"invalid": "Ngày không hợp lệ (dd/mm/yyyy)."},
        help_text="Khen thưởng đã bị thu hồi, hủy bỏ trước ngày này không được tính",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        codes = AwardType.objects.order_by("sort_order", "name").values_list("code", "name")
        seen, choices = set(), [("", "Tất cả")]
        for code, name in codes:
            if code not in seen:
                seen.add(code)
                choices.append((code, name))
        self.fields["award"].choices = choices


class ProposalPrintForm(forms.Form):
    """What the printed proposal upward carries besides the list: number and date (blank: written by hand) and
    the body it is addressed to."""

    number = forms.IntegerField(
        label="Số tờ trình",
        required=False,
        min_value=1,
        error_messages={"invalid": "Số phải là số nguyên.", "min_value": "Số phải lớn hơn 0."},
        help_text="Để trống: in chỗ trống để ghi số khi vào sổ",
    )
    day = forms.DateField(
        label="Ngày ký",
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        error_messages={"invalid": "Ngày không hợp lệ (dd/mm/yyyy)."},
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
        help_text="Để trống: in «ngày … tháng … năm» để ghi tay",
    )
    addressee = forms.CharField(label="Kính gửi", required=False, max_length=255)


class PublicationForm(forms.ModelForm):
    nominations = forms.ModelMultipleChoiceField(
        label="Đề nghị công khai (đã gửi hoặc đã thẩm định, chưa đưa ra Hội đồng)",
        queryset=Nomination.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Chọn ít nhất một đề nghị để công khai."},
    )

    class Meta:
        model = Publication
        fields = ["title", "note", "comments_from", "comments_until"]
        widgets = {
            "comments_from": forms.DateInput(attrs=DATE_INPUT),
            "comments_until": forms.DateInput(attrs=DATE_INPUT),
            "note": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {
            "title": REQUIRED,
            "comments_from": {"required": "Cần ngày bắt đầu.", "invalid": "Ngày không hợp lệ (dd/mm/yyyy)."},
            "comments_until": {"required": "Cần ngày kết thúc.", "invalid": "Ngày không hợp lệ (dd/mm/yyyy)."},
        }

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        from .publication import PUBLISHABLE

        for name in ("comments_from", "comments_until"):
            self.fields[name].input_formats = ["%d/%m/%Y", "%Y-%m-%d"]
        self.fields["nominations"].queryset = (
            Nomination.objects.filter(campaign=campaign, status__in=PUBLISHABLE)
            .select_related("award_type", "proposer")
            .order_by("award_type__sort_order", "proposer__path", "id")
        )
        self.fields["nominations"].label_from_instance = lambda n: (
            f"{n.display_name} — {n.award_type.name}{' (bắt buộc công khai)' if n.award_type.requires_publication else ''}"
        )
        if not self.is_bound:
            self.initial.setdefault("title", f"Danh sách đề nghị khen thưởng — {campaign.title}"[:255])

    def values(self):
        return {k: v for k, v in self.cleaned_data.items() if k != "nominations"}


class PublicCommentForm(forms.ModelForm):
    class Meta:
        model = PublicComment
        fields = ["received_on", "sender", "nomination", "content", "handling"]
        widgets = {
            "received_on": forms.DateInput(attrs=DATE_INPUT),
            "content": forms.Textarea(attrs={"rows": 3}),
            "handling": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {
            "received_on": {"required": "Cần ngày nhận.", "invalid": "Ngày không hợp lệ (dd/mm/yyyy)."},
            "content": REQUIRED,
        }

    def __init__(self, *args, publication, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["received_on"].input_formats = ["%d/%m/%Y", "%Y-%m-%d"]
        self.fields["nomination"].queryset = publication.nominations.select_related("award_type")
        self.fields["nomination"].required = False


class EmulationOfficeForm(forms.ModelForm):
    class Meta:
        model = EmulationOffice
        fields = ["owner", "name", "kind", "level", "established_on", "closed_on"]
        widgets = {"established_on": forms.DateInput(attrs=DATE_INPUT), "closed_on": forms.DateInput(attrs=DATE_INPUT)}
        error_messages = {"name": REQUIRED, "kind": REQUIRED, "level": REQUIRED, "owner": REQUIRED}

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners.order_by("path")
        for name in ("established_on", "closed_on"):
            self.fields[name].input_formats = ["%d/%m/%Y", "%Y-%m-%d"]
        if not self.is_bound and self.instance.pk is None and len(self.fields["owner"].queryset) == 1:
            self.initial["owner"] = self.fields["owner"].queryset[0].pk


class EmulationWorkerForm(forms.ModelForm):
    class Meta:
        model = EmulationWorker
        fields = [
            "office",
            "full_name",
            "gender",
            "ethnic_minority",
            "birth_year",
            "training",
            "started_year",
            "full_time",
            "left_on",
        ]
        widgets = {"left_on": forms.DateInput(attrs=DATE_INPUT)}
        error_messages = {
            "office": REQUIRED,
            "full_name": REQUIRED,
            "gender": REQUIRED,
            "birth_year": REQUIRED,
            "training": REQUIRED,
            "started_year": REQUIRED,
        }

    def __init__(self, *args, offices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices.order_by("owner__path", "name")
        self.fields["left_on"].input_formats = ["%d/%m/%Y", "%Y-%m-%d"]
