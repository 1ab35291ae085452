"""The unit's registration form: header, the collective's title and targets, rows of people (name, position, gender,
ethnicity, birth year, title). Shaped as the unit-document core wants it: `Form(data=None, *, doc)`, `version`,
`header()` (model fields), `parts()` (the people)."""

from django import forms

from awards.enums import Gender
from campaigns.forms import UnitDocumentForm

from .services import titles

PERSON_COLUMNS = ("full_name", "position", "gender", "ethnicity", "birth_year", "title")
BLANK_ROWS = 3
MAX_ROWS = 500


def _title_name(award_type):
    return award_type.name  # the version's dates are the catalogue's business, not the unit's


class RegistrationForm(UnitDocumentForm):
    """The core's number/place/date and signature fields, plus the collective's title and targets and a row per
    person (field names p-<i>-<column>; `rows` says how many the page sent)."""

    collective_title = forms.ModelChoiceField(
        label="Danh hiệu tập thể đăng ký",
        queryset=None,
        required=False,
        empty_label="— Không đăng ký danh hiệu tập thể —",
    )
    targets = forms.CharField(
        label="Mục tiêu, chỉ tiêu thi đua của tập thể",
        required=False,
        help_text="Mỗi dòng một chỉ tiêu.",
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    HEADER = ("targets", *UnitDocumentForm.HEADER)
    CODE = "ĐK"

    def __init__(self, data=None, *, doc, **kwargs):
        people = list(doc.people.all()) if doc.pk else []
        super().__init__(data, doc=doc, **kwargs)
        if data is None:
            self.initial["collective_title"] = doc.collective_title_id
        self.fields["issued_on"].label = "Ngày đăng ký"
        self.fields["collective_title"].queryset = titles(doc.campaign, collective=True)
        self.fields["collective_title"].label_from_instance = _title_name
        person_titles = titles(doc.campaign, collective=False)
        if self.is_bound:
            try:
                count = int(self.data.get("rows", 0))
            except ValueError:
                count = 0
            count = max(0, min(count, MAX_ROWS))
        else:
            count = len(people) + BLANK_ROWS
        self.rows = []
        for i in range(count):
            person = people[i] if i < len(people) else None
            prefix = f"p-{i}-"
            self.fields[prefix + "full_name"] = forms.CharField(
                label="Họ và tên", max_length=255, required=False, initial=person.full_name if person else ""
            )
            self.fields[prefix + "position"] = forms.CharField(
                label="Chức vụ", max_length=255, required=False, initial=person.position if person else ""
            )
            self.fields[prefix + "gender"] = forms.ChoiceField(
                label="Giới tính",
                choices=[("", "—"), *Gender.choices],
                required=False,
                initial=person.gender if person else "",
            )
            self.fields[prefix + "ethnicity"] = forms.CharField(
                label="Dân tộc", max_length=64, required=False, initial=person.ethnicity if person else ""
            )
            self.fields[prefix + "birth_year"] = forms.IntegerField(
                label="Năm sinh",
                required=False,
                min_value=1900,
                max_value=2100,
                initial=person.birth_year if person else None,
                error_messages={
                    "invalid": "Năm sinh phải là số.",
                    "min_value": "Năm sinh không hợp lệ.",
                    "max_value": "Năm sinh không hợp lệ.",
                },
            )
            self.fields[prefix + "title"] = forms.ModelChoiceField(
                label="Danh hiệu đăng ký",
                queryset=person_titles,
                required=False,
                empty_label="— chọn —",
                initial=person.title_id if person else None,
            )
            self.fields[prefix + "title"].label_from_instance = _title_name
            self.rows.append(prefix)

    def people_rows(self):
        """For the template: rows of bound fields in PERSON_COLUMNS order."""
        return [[self[prefix + column] for column in PERSON_COLUMNS] for prefix in self.rows]

    def clean(self):
        cleaned = super().clean()
        self.cleaned_people = []
        for prefix in self.rows:
            values = {c: cleaned.get(prefix + c) for c in PERSON_COLUMNS}
            name = (values["full_name"] or "").strip()
            if not name and not values["title"] and not (values["position"] or "").strip():
                continue  # an empty row
            if not name:
                self.add_error(prefix + "full_name", "Cần ghi họ và tên (hoặc xóa trắng cả dòng).")
                continue
            if values["title"] is None:
                self.add_error(prefix + "title", f"Chọn danh hiệu {name} đăng ký.")
                continue
            self.cleaned_people.append(
                {
                    "full_name": name,
                    "position": (values["position"] or "").strip(),
                    "gender": values["gender"] or "",
                    "ethnicity": (values["ethnicity"] or "").strip(),
                    "birth_year": values["birth_year"],
                    "title_id": values["title"].pk,
                }
            )
        return cleaned

    def header(self):
        """The registration's own fields (the core writes them with the version check)."""
        header = super().header()
        title = self.cleaned_data.get("collective_title")
        header["collective_title_id"] = title.pk if title else None
        return header

    def parts(self):
        return {"people": self.cleaned_people}
