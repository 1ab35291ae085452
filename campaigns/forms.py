from django import forms

from .selectors import next_number


class LaunchForm(forms.Form):
    issued_on = forms.DateField(
        label="Ngày ban hành", widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
        error_messages={"required": "Cần nhập ngày ban hành.", "invalid": "Ngày không hợp lệ (dd/mm/yyyy)."},
    )
    number = forms.IntegerField(
        label="Số văn bản", min_value=1, required=False,
        help_text="Để trống: lấy số tiếp theo trong nhiệm kỳ.",
        error_messages={"min_value": "Số văn bản phải lớn hơn 0.", "invalid": "Số văn bản phải là số nguyên."},
    )

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        self.fields["number"].widget.attrs["placeholder"] = str(
            next_number(campaign.issuer, campaign.symbol, campaign.term)
        )
