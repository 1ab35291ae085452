"""Nominee lists in the shape of the template Vietnamese offices use (MauTDKT_20231004.xlsx).

Sheet "file nhận": STT / Tên gọi (Ông/Bà/Chức danh) / Tên tập thể/cá nhân/hộ gia đình / Chức vụ /
Đơn vị công tác / Phân loại khen thưởng / Danh hiệu thi đua/Hình thức khen thưởng / Phân loại đối tượng /
Lĩnh vực hoạt động, then (columns R–U) the codes the template fills with VLOOKUP.

Import: every row is either valid or reported with its row number and reason in Vietnamese; when any
row is wrong nothing is imported. Names are matched to our catalogue forgiving case, diacritics,
spacing and punctuation (thidua.text.fold).
"""

import re

from django.core.exceptions import ValidationError

from thidua import xlsx
from thidua.text import fold, nfc
from units.models import Organization

from .enums import TEMPLATE_KIND_LABELS, ActivityField, NomineeClass, NomineeKind

SHEET = "file nhận"
HEADERS = [
    "STT",
    "Tên gọi\n(Ông/Bà/Chức danh)",
    "Tên tập thể/cá nhân/hộ gia đình",
    "Chức vụ",
    "Đơn vị công tác",
    "Phân loại khen thưởng",
    "Danh hiệu thi đua/Hình thức khen thưởng",
    "Phân loại đối tượng",
    "Lĩnh vực hoạt động",
]
CODE_HEADERS = ["Mã Phân loại khen thưởng", "Mã Danh hiệu thi đua", "Mã phân loại loại tượng", "Mã Lĩnh vực hoạt động"]
CODE_COLUMN = 18  # R
KIND_CODES = {
    NomineeKind.INDIVIDUAL: "CANHAN",
    NomineeKind.COLLECTIVE: "TAPTHE",
    NomineeKind.HOUSEHOLD: "HOGIADINH",
    NomineeKind.VILLAGE: "TAPTHE",
}
# Codes of sheet PLDT in the template.
CLASS_CODES = {
    NomineeClass.PARTY_BODY: 1660638226,
    NomineeClass.CENTRAL_BODY: 1660638247,
    NomineeClass.HOUSEHOLD: 1660638538,
    NomineeClass.LEADER_PROVINCE: 1660638808,
    NomineeClass.LEADER_DEPARTMENT: 1660638843,
    NomineeClass.BUSINESS_PERSON: 1660638864,
    NomineeClass.LEADER_DIVISION: 1660638930,
    NomineeClass.DIRECT_WORKER: 1660638976,
    NomineeClass.ADMIN_BODY: 1668477383,
    NomineeClass.PUBLIC_SERVICE: 1668477403,
    NomineeClass.ENTERPRISE: 1668477425,
    NomineeClass.COOPERATIVE: 1668477439,
    NomineeClass.OTHER: 1668477463,
}
MAX_ROWS = 2000
_NON_WORD = re.compile(r"[^a-z0-9]+")


def key(value):
    """Matching key: folded, punctuation and spacing ignored ("Bằng khen cấp bộ, ban" == "bang khen cap bo ban")."""
    return _NON_WORD.sub(" ", fold(value)).strip()


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = nfc(str(value)).strip()
    return "" if text.startswith("=") else re.sub(r"\s+", " ", text)


KIND_BY_KEY = {key(label): kind for kind, label in TEMPLATE_KIND_LABELS.items() if kind != NomineeKind.VILLAGE}
KIND_BY_KEY.update({key(k.label): k.value for k in NomineeKind})
KIND_BY_KEY.update(
    {
        "ca nhan": NomineeKind.INDIVIDUAL,
        "tap the": NomineeKind.COLLECTIVE,
        "ho gia dinh": NomineeKind.HOUSEHOLD,
        "canhan": NomineeKind.INDIVIDUAL,
        "tapthe": NomineeKind.COLLECTIVE,
        "hogiadinh": NomineeKind.HOUSEHOLD,
    }
)
CLASS_BY_KEY = {key(c.label): c.value for c in NomineeClass}
FIELD_BY_KEY = {key(c.label): c.value for c in ActivityField}


class ImportError_(Exception):
    """The whole file is unusable (wrong sheet or header)."""


def read(upload):
    """The rows of sheet "file nhận" (or the first sheet), columns A–I, as [(row number, values)], through
    thidua.xlsx.read_rows: size, zip bombs, DOCTYPE, oversized cells and row caps are checked as it streams.
    Raises ValidationError (Vietnamese) for a file that cannot be read; an import preview builds on this."""
    # Rows holding only an STT count here but not as nominees: the cap is generous, parse() counts nominees.
    return xlsx.read_rows(upload, sheet=SHEET, max_columns=len(HEADERS), max_rows=5 * MAX_ROWS)


def _check_header(row):
    for index, expected in enumerate(HEADERS):
        found = _cell(row[index]) if index < len(row) else ""
        # "Tên gọi" for "Tên gọi (Ông/Bà/Chức danh)": the parenthesis is a hint, not part of the name.
        if key(found) not in (key(expected), key(expected.split("(")[0])):
            letter = chr(ord("A") + index)
            shown = expected.replace("\n", " ")
            raise ImportError_(
                f"Dòng tiêu đề không đúng mẫu: cột {letter} phải là «{shown}», tệp ghi «{found or '(trống)'}»."
            )


def _award_index(day):
    """{key: [AwardType]} for every name and alias valid on `day`."""
    from .models import AwardType

    index = {}
    for award_type in AwardType.objects.valid_on(day):
        for name in award_type.names():
            index.setdefault(key(name), {})[award_type.code] = award_type
    return index


def _org_index(campaign):
    index = {}
    for org in Organization.objects.subtree(campaign.issuer.parent or campaign.issuer).only("pk", "name", "short_name"):
        for name in (org.name, org.short_name):
            if name:
                index.setdefault(key(name), []).append(org)
    return index


def alias_maps():
    """({key: value}) for nominee kinds, classes and fields of activity: the template's labels plus the aliases kept
    as data (awards.ImportAlias: the names other published versions of MauTDKT use)."""
    from .models import ImportAlias

    kinds, classes, fields = dict(KIND_BY_KEY), dict(CLASS_BY_KEY), dict(FIELD_BY_KEY)
    target = {ImportAlias.KIND: kinds, ImportAlias.CLASS: classes, ImportAlias.FIELD: fields}
    for catalogue, text, value in ImportAlias.objects.values_list("catalogue", "text", "value"):
        target[catalogue][key(text)] = value
    return kinds, classes, fields


def parse(upload, campaign):
    """(rows, errors): rows are dicts of Nomination fields; errors are Vietnamese lines with row numbers."""
    try:
        rows, row_errors = parse_rows(upload, campaign)
    except ValidationError as exc:
        return [], exc.messages
    errors = [f"Dòng {number}: {message}" for number, message in row_errors]
    if not rows and not errors:
        errors.append(NO_ROWS)
    return rows, errors


NO_ROWS = "Tệp không có dòng nào để nhập (sheet «file nhận» chỉ có dòng tiêu đề)."


def parse_rows(upload, campaign):
    """(rows, [(row number, reason)]); raises ValidationError when the file itself cannot be used."""
    try:
        sheet_rows = read(upload)
        if not sheet_rows:
            raise ImportError_("Bảng tính trống.")
        _check_header(sheet_rows[0][1])
    except ImportError_ as exc:
        raise ValidationError(str(exc)) from None

    day = campaign.period_end
    awards = _award_index(day)
    orgs = _org_index(campaign)
    kinds, classes, fields = alias_maps()
    rows, errors = [], []
    for number, raw in sheet_rows[1:]:
        values = [_cell(v) for v in raw]
        _stt, prefix, name, position, unit_name, kind_text, award_text, class_text, field_text = values
        if not any(values[1:]):
            continue
        if len(rows) + len(errors) >= MAX_ROWS:
            raise ValidationError(f"Tệp có quá {MAX_ROWS} dòng: hãy chia thành nhiều tệp.")
        problems = []
        if not name:
            problems.append("thiếu tên tập thể/cá nhân/hộ gia đình")
        kind = kinds.get(key(kind_text))
        if not kind_text:
            problems.append("thiếu phân loại khen thưởng (cá nhân/tập thể/hộ gia đình)")
        elif kind is None:
            problems.append(f"phân loại khen thưởng «{kind_text}» không có trong danh mục")
        award_type = None
        if not award_text:
            problems.append("thiếu danh hiệu thi đua/hình thức khen thưởng")
        else:
            matches = awards.get(key(award_text), {})
            if not matches:
                problems.append(
                    f"không tìm thấy «{award_text}» trong danh mục danh hiệu, hình thức khen thưởng "
                    f"áp dụng ngày {day:%d/%m/%Y}"
                )
            elif len(matches) > 1:
                names = "; ".join(sorted(a.name for a in matches.values()))
                problems.append(f"«{award_text}» khớp nhiều danh hiệu ({names}): ghi đầy đủ tên")
            else:
                award_type = next(iter(matches.values()))
        nominee_class = ""
        if class_text:
            nominee_class = classes.get(key(class_text), "")
            if not nominee_class:
                problems.append(f"phân loại đối tượng «{class_text}» không có trong danh mục")
        activity_field = ""
        if field_text:
            activity_field = fields.get(key(field_text), "")
            if not activity_field:
                problems.append(f"lĩnh vực hoạt động «{field_text}» không có trong danh mục")
        organization = None
        if kind == NomineeKind.COLLECTIVE and name:
            found = orgs.get(key(name), [])
            organization = found[0] if len(found) == 1 else None
            if award_type and not award_type.for_collective and award_type.for_village:
                kind = NomineeKind.VILLAGE
        if kind and award_type and not award_type.accepts(kind):
            problems.append(f"«{award_type.name}» không xét cho đối tượng {NomineeKind(kind).label.lower()}")
        if problems:
            errors.append((number, "; ".join(problems) + "."))
            continue
        rows.append(
            {
                "row": number,
                "nominee_kind": kind,
                "organization": organization,
                "title_prefix": prefix,
                "full_name": name,
                "position": position,
                "unit_name": unit_name,
                "award_type": award_type,
                "nominee_class": nominee_class,
                "activity_field": activity_field,
            }
        )
    return rows, errors


STATUS_HEADER = "Trạng thái"
STATUS_COLUMN = len(HEADERS) + 1  # J: after the template's columns A–I (the importer reads A–I only)
NOMINEE_WIDTHS = (6, 14, 34, 22, 30, 22, 40, 34, 26, 22)


def export(nominations, *, with_status=False):
    """A workbook in the template's shape (sheet "file nhận" plus the catalogue sheets it looks codes up in);
    with_status adds the nomination's status in column J, after the template's columns. Streams: rows are
    written as the nominations are iterated (pass a queryset's .iterator() for long lists)."""
    wb = xlsx.workbook()
    ws = xlsx.sheet(wb, SHEET, widths=NOMINEE_WIDTHS, hidden_columns="RSTU")
    gap = [None] * (CODE_COLUMN - STATUS_COLUMN - 1)
    header = [*HEADERS, STATUS_HEADER if with_status else None, *gap, *CODE_HEADERS]
    xlsx.append(ws, header, bold=True, align=xlsx.HEADER_ALIGNMENT)
    for number, n in enumerate(nominations, start=1):
        kind = n.nominee_kind
        xlsx.append(
            ws,
            [
                number,
                n.title_prefix,
                n.full_name,
                n.position,
                n.unit_name,
                TEMPLATE_KIND_LABELS[kind],
                n.award_type.name,
                NomineeClass(n.nominee_class).label if n.nominee_class else "",
                ActivityField(n.activity_field).label if n.activity_field else "",
                n.get_status_display() if with_status else None,
                *gap,
                KIND_CODES[kind],
                n.award_type.reference_code,
                CLASS_CODES.get(n.nominee_class, ""),
                n.activity_field,
            ],
        )
    _catalogue_sheets(wb)
    return wb


def _catalogue_sheets(wb):
    from .models import AwardType

    sheets = {
        "HTKT": (
            ("tenhinhthuckt", "mahinhthuckt"),
            AwardType.objects.order_by("sort_order", "name").values_list("name", "reference_code").distinct(),
        ),
        "PLDT": (("tenphanloai", "maphanloai"), [(c.label, CLASS_CODES[c]) for c in NomineeClass]),
        "LVHD": (("NAME", "CODE"), [(c.label, c.value) for c in ActivityField]),
        "phan loai kt": (
            ("tenphanloai", "ma"),
            [
                ("Khen thưởng cá nhân", "CANHAN"),
                ("Khen thưởng tập thể", "TAPTHE"),
                ("Khen thưởng hộ gia đình", "HOGIADINH"),
            ],
        ),
    }
    for title, (header, rows) in sheets.items():
        ws = xlsx.sheet(wb, title, hidden=True)
        xlsx.append(ws, header)
        seen = set()
        for row in rows:
            if row[0] not in seen:
                seen.add(row[0])
                xlsx.append(ws, row)


REGISTRY_HEADERS = [
    "STT",
    "Năm",
    "Tên tập thể/cá nhân/hộ gia đình",
    "Chức vụ",
    "Đơn vị công tác",
    "Phân loại khen thưởng",
    "Danh hiệu thi đua/Hình thức khen thưởng",
    "Giới tính",
    "Dân tộc",
    "Năm sinh",
    "Thành tích",
    "Số quyết định",
    "Ngày quyết định",
    "Đơn vị đề nghị",
]


def export_registry(awards):
    """The award registry, streamed row by row (pass a queryset's .iterator() for long lists)."""
    wb = xlsx.workbook()
    ws = xlsx.sheet(wb, "Sổ khen thưởng", widths=(6, 7, 30, 20, 26, 18, 32, 8, 10, 9, 50, 14, 13, 26))
    xlsx.append(ws, REGISTRY_HEADERS, bold=True, align=xlsx.HEADER_ALIGNMENT)
    for number, a in enumerate(awards, start=1):
        xlsx.append(
            ws,
            [
                number,
                a.year,
                a.display_name,
                a.position,
                a.unit_name,
                TEMPLATE_KIND_LABELS[a.nominee_kind],
                a.award_type.name,
                a.get_gender_display(),
                a.ethnicity,
                a.birth_year,
                a.achievement,
                a.decision.reference,
                a.decided_on,
                a.proposer.name if a.proposer_id else "",
            ],
        )
    return wb


def export_official_statistics(table, title, head=None):
    """The 0602.N/0603.N-shaped table as xlsx: the form's number, legal basis and reporter (`head`), its title and
    date, then two header rows (award type, then Tập thể / Cá nhân). A small table with merged header cells: a
    normal (not write-only) workbook."""
    wb = xlsx.workbook(write_only=False)
    width = 2 + 2 * len(table["columns"])
    first = 8 if head else 3
    ws = xlsx.sheet(wb, "Thống kê khen thưởng", widths=(60, *[14] * (width - 1)), title_rows=f"{first - 1}:{first}")
    if head:
        xlsx.append(ws, [f"Biểu số: {head['numbers']}", None, None, "Đơn vị báo cáo:", head["reporter"]], bold=True)
        xlsx.append(
            ws, [head["basis"], None, None, "Đơn vị nhận báo cáo:", "Bộ Nội vụ (Ban Thi đua - Khen thưởng Trung ương)"]
        )
        xlsx.append(ws, ["Ngày nhận báo cáo: ngày 15 tháng 12 năm báo cáo"])
        xlsx.append(ws, [head["title"]], bold=True)
        xlsx.append(ws, [head["period"]])
        xlsx.append(ws, [title])
    else:
        xlsx.append(ws, [title], bold=True)
    header = ["Chỉ tiêu", "Tổng số"] + [c for col in table["columns"] for c in (col["name"], "")]
    xlsx.append(ws, header, bold=True, align=xlsx.HEADER_ALIGNMENT)
    xlsx.append(ws, ["", ""] + ["Tập thể", "Cá nhân"] * len(table["columns"]), bold=True, align=xlsx.HEADER_ALIGNMENT)
    for index in range(len(table["columns"])):
        start = 3 + 2 * index
        ws.merge_cells(start_row=first - 1, start_column=start, end_row=first - 1, end_column=start + 1)
    for row in table["rows"]:
        label = ("    " * row["level"]) + row["label"]
        xlsx.append(ws, [label] if row["cells"] is None else [label, row["total"], *row["cells"]])
    if head:
        for number in (4, 5):
            ws.merge_cells(start_row=number, start_column=1, end_row=number, end_column=max(width, 5))
            ws.cell(row=number, column=1).alignment = xlsx.HEADER_ALIGNMENT
    return wb
