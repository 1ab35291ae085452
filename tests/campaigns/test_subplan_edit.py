"""Writing the sub-plan in the browser: typed input survives errors; two tabs cannot silently overwrite."""

import datetime
from decimal import Decimal

import pytest

from campaigns.forms import parse_figure
from campaigns.models import SubPlanTarget

pytestmark = pytest.mark.django_db


def _form_data(subplan, **extra):
    areas = list(subplan.campaign.content_areas.order_by("order"))
    data = {
        "version": subplan.version,
        "number": "12-KH/ĐU",
        "issued_on": "20/01/2024",
        "place": "Chiềng Mung",
        "signer_title": "BÍ THƯ",
        "signer_name": "Tòng Văn Dũng",
    }
    for area in areas:
        data[f"m-{area.pk}"] = f"Biện pháp {area.order}"
        data[f"rows-{area.pk}"] = "2"
    first = areas[0].pk
    data.update(
        {
            f"t-{first}-0-name": "Hộ gia đình văn hóa",
            f"t-{first}-0-value": "1.500",
            f"t-{first}-0-unit_of_measure": "hộ",
            f"t-{first}-0-deadline": "30/11/2024",
            f"t-{first}-0-responsible": "Phó Bí thư",
        }
    )
    data.update(extra)
    return data


def test_save_through_the_page(client, subplan, unit_head):
    client.force_login(unit_head)
    url = f"/phong-trao/ke-hoach-don-vi/{subplan.pk}/sua/"
    page = client.get(url).content.decode()
    assert "Nội dung" in page and 'name="version"' in page
    response = client.post(url, _form_data(subplan))
    assert response.status_code == 302, response.content.decode()[:2000]
    target = SubPlanTarget.objects.get()
    assert (target.name, target.value, target.unit_of_measure, target.deadline, target.responsible) == (
        "Hộ gia đình văn hóa",
        Decimal("1500.00"),
        "hộ",
        datetime.date(2024, 11, 30),
        "Phó Bí thư",
    )
    subplan.refresh_from_db()
    assert subplan.version == 2 and subplan.number == "12-KH/ĐU" and subplan.items.count() == 2
    # Reopened, the form shows what was stored, with Vietnamese number and date formats.
    page = client.get(url).content.decode()
    assert 'value="1.500"' in page and 'value="30/11/2024"' in page


def test_validation_error_keeps_everything_typed(client, subplan, unit_head):
    client.force_login(unit_head)
    first = subplan.campaign.content_areas.order_by("order").first().pk
    data = _form_data(
        subplan,
        **{
            f"t-{first}-0-value": "nhiều",
            f"t-{first}-0-deadline": "31/02/2024",
            f"t-{first}-1-unit_of_measure": "hộ",
            "title": "Trích yếu <b>đậm</b>",
        },
    )
    response = client.post(f"/phong-trao/ke-hoach-don-vi/{subplan.pk}/sua/", data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Mức chỉ tiêu phải là số" in body and "Ngày không hợp lệ (dd/mm/yyyy)." in body
    assert "Cần ghi tên chỉ tiêu" in body
    assert 'value="nhiều"' in body and 'value="31/02/2024"' in body and "Biện pháp 1" in body
    assert "Trích yếu &lt;b&gt;đậm&lt;/b&gt;" in body  # user text is escaped
    subplan.refresh_from_db()
    assert subplan.version == 1 and not SubPlanTarget.objects.exists()


def test_two_tabs_the_second_save_gets_a_clear_message(client, subplan, unit_head):
    client.force_login(unit_head)
    url = f"/phong-trao/ke-hoach-don-vi/{subplan.pk}/sua/"
    tab_one = _form_data(subplan, title="Bản của thẻ 1")
    tab_two = _form_data(subplan, title="Bản của thẻ 2")  # both read version 1
    assert client.post(url, tab_one).status_code == 302
    response = client.post(url, tab_two)
    assert response.status_code == 400
    body = response.content.decode()
    assert "đã được lưu ở nơi khác" in body
    assert "Bản của thẻ 2" in body  # the second tab's text is still on the page
    subplan.refresh_from_db()
    assert subplan.title == "Bản của thẻ 1" and subplan.version == 2


@pytest.mark.parametrize(
    "raw, value",
    [
        ("95", Decimal("95")),
        ("1.500", Decimal("1500")),
        ("12,5", Decimal("12.5")),
        ("1.500,25", Decimal("1500.25")),
        ("12.5", Decimal("12.5")),
        ("90%", Decimal("90")),
        ("", None),
    ],
)
def test_figures_as_offices_write_them(raw, value):
    assert parse_figure(raw) == value


def test_text_is_stored_nfc(subplan, unit_head):
    import unicodedata

    from .conftest import fill

    fill(subplan, unit_head)
    subplan.refresh_from_db()
    from campaigns import services

    decomposed = unicodedata.normalize("NFD", "Chiềng Mung")
    services.save_subplan(subplan, unit_head, version=subplan.version, header={"place": decomposed}, sections={})
    subplan.refresh_from_db()
    assert subplan.place == unicodedata.normalize("NFC", "Chiềng Mung")
