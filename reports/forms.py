"""The header and closing of a review report, edited by staff with the narrative before "Lưu và in lại"."""

from django import forms

from thidua.text import nfc

DATE_FORMAT = "%d/%m/%Y"
MAX_RECIPIENTS = 30


class ReviewHeaderForm(forms.Form):
    number = forms.IntegerField(
        label="Số",
        required=False,
        min_value=1,
        max_value=99999,
        error_messages={
            "invalid": "Số phải là số nguyên dương (hoặc để trống).",
            "min_value": "Số phải lớn hơn 0.",
            "max_value": "Số quá lớn.",
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "list": "suggested-number", "size": 6}),
    )
    issued_on = forms.DateField(
        label="Ngày ban hành",
        required=False,
        input_formats=[DATE_FORMAT],
        error_messages={"invalid": "Ngày không hợp lệ (dd/mm/yyyy)."},
        widget=forms.DateInput(format=DATE_FORMAT, attrs={"placeholder": "dd/mm/yyyy"}),
    )
    place = forms.CharField(label="Địa danh", max_length=64, required=False)
    sign_on_behalf = forms.CharField(label="Thẩm quyền ký (T/M, K/T)", max_length=128, required=False)
    signer_title = forms.CharField(label="Chức vụ người ký", max_length=128, required=False)
    signer_name = forms.CharField(label="Họ tên người ký", max_length=128, required=False)
    recipients = forms.CharField(
        label="Nơi nhận (mỗi dòng một nơi)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, data_date=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.data_date = data_date  # the figures are as of this day: the report cannot be issued before it
        if data_date:
            self.fields["issued_on"].help_text = f"Không trước ngày số liệu {data_date:%d/%m/%Y}."
        for name, field in self.fields.items():
            invalid = " is-invalid" if self.is_bound and name in self.errors else ""
            field.widget.attrs["class"] = "form-control form-control-sm" + invalid

    def clean_recipients(self):
        lines = [nfc(line).strip() for line in self.cleaned_data["recipients"].splitlines()]
        lines = [line.removeprefix("- ").strip() for line in lines if line.strip()]
        if len(lines) > MAX_RECIPIENTS:
            raise forms.ValidationError(f"Tối đa {MAX_RECIPIENTS} nơi nhận.")
        if any(len(line) > 255 for line in lines):
            raise forms.ValidationError("Mỗi nơi nhận tối đa 255 ký tự.")
        return lines

    def clean_issued_on(self):
        issued_on = self.cleaned_data["issued_on"]
        if issued_on and self.data_date and issued_on < self.data_date:
            raise forms.ValidationError(
                f"Ngày ban hành không được trước ngày số liệu ({self.data_date:%d/%m/%Y}) của bản tổng hợp."
            )
        return issued_on

    def clean(self):
        data = super().clean()
        for name in ("place", "sign_on_behalf", "signer_title", "signer_name"):
            if name in data:
                data[name] = nfc(data[name]).strip()
        return data

    @classmethod
    def for_report(cls, report, data=None):
        initial = {**report.header(), "recipients": "\n".join(report.recipients or [])}
        return cls(data=data, initial=initial, data_date=report.data_date)
