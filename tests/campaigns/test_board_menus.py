"""Board menus list only what exists; the "request reports" button counts only units not yet asked."""

import re

import pytest

from campaigns import services
from campaigns.models import ProgressReport
from tests.factories import OrganizationFactory
from units.enums import OrgKind

pytestmark = pytest.mark.django_db


def _kind_options(page):
    select = re.search(r'<select[^>]*name="kind".*?</select>', page, re.S).group(0)
    return re.findall(r'<option value="([a-z_]+)"', select)


@pytest.mark.parametrize("board", ["ke-hoach-don-vi", "bao-cao-don-vi/interim"])
def test_kind_filter_lists_only_kinds_of_obliged_units(
    client, launched_campaign, subplan, other_subplan, issuer, staff_user, board
):
    client.force_login(staff_user)
    url = f"/phong-trao/{launched_campaign.pk}/{board}/"
    present = {subplan.organization.kind, other_subplan.organization.kind}
    assert set(_kind_options(client.get(url).content.decode())) == present
    mttq = OrganizationFactory(parent=issuer, kind=OrgKind.FATHERLAND_FRONT, code="mttq-thu")
    OrganizationFactory(parent=issuer, kind=OrgKind.VILLAGE, code="ban-khong-giao")  # not obliged: not listed
    services.create_obligations(launched_campaign, [mttq], staff_user)
    options = _kind_options(client.get(url).content.decode())
    assert set(options) == present | {OrgKind.FATHERLAND_FRONT}
    assert options == [v for v in OrgKind.values if v in options]  # in the catalogue's order


def test_request_button_counts_only_units_without_a_report(
    client, launched_campaign, subplan, other_subplan, issuer, staff_user
):
    client.force_login(staff_user)
    url = f"/phong-trao/{launched_campaign.pk}/bao-cao-don-vi/final/"
    assert "Yêu cầu 2 đơn vị báo cáo" in client.get(url).content.decode()
    assert client.post(f"{url}yeu-cau/", {"due_date": "30/11/2024"}).status_code == 302
    assert ProgressReport.objects.filter(kind="final").count() == 2
    page = client.get(url).content.decode()
    button = re.search(r'<button[^>]*id="request-button"[^>]*>[^<]*', page).group(0)
    assert "disabled" in button and "Mọi đơn vị đã được yêu cầu báo cáo" in button
    assert "Yêu cầu 2 đơn vị" not in page
    newcomer = OrganizationFactory(parent=issuer, code="don-vi-moi")
    services.create_obligations(launched_campaign, [newcomer], staff_user)
    assert "Yêu cầu 1 đơn vị báo cáo" in client.get(url).content.decode()
    # The interim board counts on its own.
    assert "Yêu cầu 3 đơn vị báo cáo" in client.get(url.replace("final", "interim")).content.decode()
