"""A nomination may cite the proposing unit's final progress report (optional)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from awards import services
from awards.models import AwardType
from campaigns.models import ProgressReport

D = datetime.date
pytestmark = pytest.mark.django_db


def report(campaign, org, kind="final"):
    return ProgressReport.objects.get_or_create(campaign=campaign, organization=org, kind=kind)[0]


@pytest.mark.parametrize(
    ("whose", "kind", "ok"), [("own", "final", True), ("other", "final", False), ("own", "interim", False)]
)
def test_only_the_units_own_final_report(make_campaign, unit, other_unit, unit_head, whose, kind, ok):
    campaign = make_campaign(D(2020, 12, 31))
    cited = report(campaign, unit if whose == "own" else other_unit, kind)
    fields = dict(
        nominee_kind="individual",
        full_name="Lò Văn A",
        birth_year=1980,
        achievement="x",
        progress_report=cited,
        award_type=AwardType.objects.valid_on(campaign.period_end).get(code="giay-khen-btv-huyen-uy"),
    )
    if ok:
        nomination = services.create_nomination(campaign, unit, unit_head, **fields)
        assert cited.nominations.get() == nomination
    else:
        with pytest.raises(ValidationError, match="báo cáo tổng kết của chính đơn vị"):
            services.create_nomination(campaign, unit, unit_head, **fields)


def test_the_form_offers_only_the_units_final_reports(make_campaign, unit, other_unit):
    from awards.forms import NominationForm
    from units.models import Organization

    campaign = make_campaign(D(2020, 12, 31))
    own, _other = report(campaign, unit), report(campaign, other_unit)
    report(campaign, unit, "interim")
    form = NominationForm(campaign=campaign, proposers=Organization.objects.filter(pk=unit.pk))
    assert list(form.fields["progress_report"].queryset) == [own]
