"""Charts drawn on the server as SVG (no JavaScript): the same markup on the page and in the PDF.

Every label is escaped here; the result is safe to insert with mark_safe.
"""

from django.utils.html import escape

COLORS = {
    "approved": "#2e7d32",
    "submitted": "#1565c0",
    "returned": "#ef6c00",
    "draft": "#9e9e9e",
    "missing": "#c62828",
}
PRINT_WIDTH_MM = 160  # the text width of an A4 page in the official format
FONT = "Liberation Serif, Times New Roman, serif"


def _truncate(text, length):
    text = " ".join(str(text).split())
    return text if len(text) <= length else text[: length - 1] + "…"


def bar_chart(rows, *, title, max_value=None, reference=None, width=600, label_width=230, unit=""):
    """Horizontal bars. rows: [(label, value or None, color)]. reference: a value drawn as a dashed line."""
    bar_h, gap, top = 18, 8, 28
    plot_w = width - label_width - 70
    values = [v for _, v, _ in rows if v is not None]
    scale_max = max([max_value or 0, reference or 0, *values, 1])
    height = top + len(rows) * (bar_h + gap) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{PRINT_WIDTH_MM}mm" '
        f'height="{height * PRINT_WIDTH_MM / width:.1f}mm" '
        f'font-family="{FONT}" font-size="13" role="img" aria-label="{escape(title)}">',
        f'<text x="{width / 2:.0f}" y="16" text-anchor="middle" font-weight="bold" font-size="14">{escape(title)}</text>',
    ]
    for i, (label, value, color) in enumerate(rows):
        y = top + i * (bar_h + gap)
        parts.append(
            f'<text x="{label_width - 6}" y="{y + bar_h - 5}" text-anchor="end">{escape(_truncate(label, 38))}</text>'
        )
        if value is None:
            parts.append(f'<text x="{label_width + 4}" y="{y + bar_h - 5}" fill="#555">chưa có số liệu</text>')
            continue
        w = plot_w * value / scale_max
        shown = f"{value:g}".replace(".", ",") + unit
        parts.append(f'<rect x="{label_width}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{color}"/>')
        parts.append(f'<text x="{label_width + w + 4:.1f}" y="{y + bar_h - 5}">{escape(shown)}</text>')
    parts.append(
        f'<line x1="{label_width}" y1="{top - 4}" x2="{label_width}" y2="{height - 8}" stroke="#000" stroke-width="1"/>'
    )
    if reference:
        x = label_width + plot_w * reference / scale_max
        parts.append(
            f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{height - 8}" stroke="#000" stroke-dasharray="4 3"/>'
        )
    parts.append("</svg>")
    return "".join(parts)


def states_chart(data):
    rows = [(s["label"], s["count"], COLORS.get(s["key"], "#607d8b")) for s in data["states"]]
    return bar_chart(rows, title="Tình hình xây dựng kế hoạch của các đơn vị (số đơn vị)")


def attainment_chart(data):
    rows = [
        (f"{i}. {a['heading']}", a["attainment_pct"], "#1565c0") for i, a in enumerate(data["content_areas"], start=1)
    ]
    return bar_chart(rows, title="Tỷ lệ thực hiện chỉ tiêu theo nội dung thi đua (%)", reference=100, unit="%")
