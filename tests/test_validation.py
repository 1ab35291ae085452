"""Bad input everywhere (thidua/validation.py, thidua/middleware.py): NUL bytes, Django's English leftovers."""

import pytest
from django import forms
from django.urls import reverse

from reports.enums import ReviewStatus
from reports.models import ReviewReport
from thidua.validation import INVALID_PK_MESSAGE, NUL_MESSAGE
from units.models import Organization

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        lambda c: reverse("campaigns:board", args=[c.pk]),
        lambda c: reverse("awards:registry"),
        lambda c: reverse("units:tree"),
        lambda c: reverse("campaigns:detail", args=[c.pk]),
    ],
    ids=["board", "registry", "units", "campaign"],
)
def test_a_nul_in_a_search_box_or_filter_is_dropped_with_a_message(client, staff_user, launched_campaign, url):
    client.force_login(staff_user)
    response = client.get(url(launched_campaign) + "?q=a%00b&key=a%00b&status=a%00&unit=%00")
    assert response.status_code == 200
    assert "Đã bỏ ký tự không hợp lệ (NUL" in response.content.decode()


def test_a_nul_in_a_history_key_is_not_a_server_error(client, staff_user):
    client.force_login(staff_user)
    assert client.get(reverse("awards:history") + "?key=a%00b").status_code == 404  # no such person: was a 500


def test_a_nul_in_the_admin_search_is_dropped(admin_client):
    response = admin_client.get("/admin/units/organization/?q=a%00b")
    assert response.status_code == 200


def test_a_nul_in_a_review_narrative_is_refused_and_the_edit_is_kept(client, staff_user, launched_campaign):
    report = ReviewReport.objects.create(
        campaign=launched_campaign,
        kind="final",
        version=1,
        requested_by=staff_user,
        status=ReviewStatus.DONE,
        is_current=True,
        sections=[{"key": "leadership", "heading": "Công tác lãnh đạo", "text": "Cũ"}],
    )
    client.force_login(staff_user)
    response = client.post(f"/bao-cao/{report.pk}/noi-dung/", {"text-leadership": "Ban Thường vụ\x00 đã chỉ đạo"})
    page = response.content.decode()
    assert response.status_code == 400
    assert NUL_MESSAGE in page and "Ban Thường vụ đã chỉ đạo" in page
    assert ReviewReport.objects.count() == 1


def test_form_fields_refuse_nul_in_vietnamese():
    form = forms.Form()
    form.fields["name"] = forms.CharField()
    form.data, form.is_bound = {"name": "a\x00b"}, True
    assert form.errors["name"] == [NUL_MESSAGE]


def test_an_invalid_id_in_a_multiple_choice_is_reported_in_vietnamese(issuer):
    field = forms.ModelMultipleChoiceField(queryset=Organization.objects.all())
    with pytest.raises(forms.ValidationError) as caught:
        field.clean(["abc"])
    assert caught.value.messages == [INVALID_PK_MESSAGE % {"pk": "abc"}]


def test_negative_figures_are_refused():
    from campaigns.forms import parse_figure

    with pytest.raises(forms.ValidationError, match="Mức chỉ tiêu không được âm"):
        parse_figure("-5")
    assert parse_figure("1.500") == 1500


def test_years_birth_years_and_figures_are_checked_by_the_models(launched_campaign, unit):
    from awards.models import Nomination
    from campaigns.models import Target

    nomination = Nomination(campaign=launched_campaign, proposer=unit, birth_year=0, year=0, achievement="x")
    with pytest.raises(forms.ValidationError) as caught:
        nomination.clean_fields(exclude=["award_type", "full_name", "nominee_kind", "created_by"])
    errors = caught.value.message_dict
    assert errors["birth_year"][0].startswith("Năm sinh phải trong khoảng 1900–")
    assert errors["year"] == ["Năm phải trong khoảng 1945–2100."]
    target = Target(name="x", value=-1)
    with pytest.raises(forms.ValidationError, match="Số liệu không được âm"):
        target.clean_fields(exclude=["content_area", "area", "campaign"])


@pytest.mark.parametrize("typed", ["01/01/0001", "31/12/9999"])
def test_dates_out_of_range_are_refused_by_every_date_field(typed):
    from awards.forms import SessionForm

    field = forms.DateField(input_formats=["%d/%m/%Y"])
    with pytest.raises(forms.ValidationError, match="Ngày phải trong khoảng năm 1945–2100"):
        field.clean(typed)
    assert field.clean("25/10/2019").year == 2019
    assert any(
        getattr(v, "__name__", "") == "validate_date" for v in SessionForm.base_fields["held_on"].validators
    )  # the forms built from models too


def test_long_text_fields_have_a_limit_with_a_vietnamese_message(launched_campaign, unit):
    from awards.forms import TransitionForm
    from awards.models import Nomination

    huge = "Thành tích. " * 200_000  # 2.4 MB: the print of it timed out
    form = TransitionForm({"reason": huge})
    assert not form.is_valid() and "20000" in form.errors["reason"][0].replace(".", "")
    nomination = Nomination(campaign=launched_campaign, proposer=unit, birth_year=1980, year=2024, achievement=huge)
    with pytest.raises(forms.ValidationError) as caught:
        nomination.clean_fields(exclude=["award_type", "full_name", "nominee_kind", "created_by"])
    assert caught.value.message_dict["achievement"] == [f"Tối đa 20.000 ký tự (hiện có {len(huge)})."]
    assert Nomination._meta.get_field("achievement").formfield().max_length == 20_000
