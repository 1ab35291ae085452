"""The roll-up as xlsx, in the shape of the MauTDKT template (awards/excel.py) so it reads back into nominations.

Sheet "file nhận": columns A–I as the template (one row per registered collective and per registered person;
"Phân loại khen thưởng" says which), then J–N what a registration adds (status, gender, ethnicity, birth year,
campaign), and the template's hidden code columns R–U. Sheet "Tổng hợp": counts per title and per kind of unit
(khối) and the units that have not registered. Written through thidua/xlsx.py (text never a formula, streamed).
"""

from awards.enums import TEMPLATE_KIND_LABELS, NomineeKind
from awards.excel import CODE_COLUMN, CODE_HEADERS, HEADERS, KIND_CODES, SHEET, _catalogue_sheets
from thidua import xlsx

EXTRA_HEADERS = ["Trạng thái đăng ký", "Giới tính", "Dân tộc", "Năm sinh", "Phong trào"]
WIDTHS = (6, 14, 34, 22, 30, 22, 34, 10, 10, 20, 9, 10, 9, 30)


def _row(number, *, name, position, unit_name, kind, title, status, gender="", ethnicity="", birth_year=None, ref=""):
    gap = [None] * (CODE_COLUMN - len(HEADERS) - len(EXTRA_HEADERS) - 1)
    return [
        number,
        "",
        name,
        position,
        unit_name,
        TEMPLATE_KIND_LABELS[kind],
        title.name,
        "",
        "",
        status,
        gender,
        ethnicity,
        birth_year,
        ref,
        *gap,
        KIND_CODES[kind],
        title.reference_code,
        "",
        "",
    ]


def rollup_workbook(rollup, people):
    """`rollup` from selectors.rollup; `people` the registered people (selectors.export_people, iterated)."""
    wb = xlsx.workbook()
    ws = xlsx.sheet(wb, SHEET, widths=WIDTHS, hidden_columns="RSTU")
    gap = [None] * (CODE_COLUMN - len(HEADERS) - len(EXTRA_HEADERS) - 1)
    xlsx.append(ws, [*HEADERS, *EXTRA_HEADERS, *gap, *CODE_HEADERS], bold=True, align=xlsx.HEADER_ALIGNMENT)
    number = 0
    for registration in rollup.registrations.filter(collective_title__isnull=False).iterator(chunk_size=500):
        number += 1
        xlsx.append(
            ws,
            _row(
                number,
                name=registration.organization.name,
                position="",
                unit_name="",
                kind=NomineeKind.COLLECTIVE,
                title=registration.collective_title,
                status=registration.get_status_display(),
                ref=registration.campaign.dated_reference,
            ),
        )
    for person in people.iterator(chunk_size=500):
        number += 1
        registration = person.registration
        xlsx.append(
            ws,
            _row(
                number,
                name=person.full_name,
                position=person.position,
                unit_name=registration.organization.name,
                kind=NomineeKind.INDIVIDUAL,
                title=person.title,
                status=registration.get_status_display(),
                gender=person.get_gender_display(),
                ethnicity=person.ethnicity,
                birth_year=person.birth_year,
                ref=registration.campaign.dated_reference,
            ),
        )
    summary = xlsx.sheet(wb, "Tổng hợp", widths=(44, 14, 14, 14), title_rows="")
    xlsx.append(summary, ["Danh hiệu đăng ký", "Tập thể", "Cá nhân"], bold=True, align=xlsx.HEADER_ALIGNMENT)
    for title in rollup.by_title:
        xlsx.append(summary, [title["name"], title["collective"], title["individual"]])
    xlsx.append(summary, [])
    xlsx.append(summary, ["Khối (loại đơn vị)", "Đơn vị phải đăng ký", "Đã đăng ký", "Số cá nhân"], bold=True)
    for kind in rollup.by_kind:
        xlsx.append(summary, [kind["label"], kind["expected"], kind["registered"], kind["people"]])
    xlsx.append(summary, [])
    xlsx.append(summary, ["Đơn vị chưa đăng ký"], bold=True)
    for org in rollup.missing.iterator(chunk_size=500):
        xlsx.append(summary, [org.name])
    _catalogue_sheets(wb)
    return wb
