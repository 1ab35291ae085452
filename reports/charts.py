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


# Between the words of a label: a three-per-em space. SVG text is laid out glyph by glyph, so a plain space (a
# quarter of an em, 2.5 pt at the charts' size) is too narrow for PDF readers to see a word break
# ("34-CT/TW,26/CT-TTg" when copied); a third of an em reads as a space on paper and in the text layer.
WORD_SPACE = "\u2004"
LINE_HEIGHT = 15  # of a wrapped label, in the charts' units (font-size 13)


def _wrap(text, length):
    """A label in lines of at most `length` characters, broken between words (never cut, never "…")."""
    lines, line = [], ""
    for word in str(text).split():
        if line and len(line) + 1 + len(word) > length:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*lines, line] if line else [""]


def _label(x, y, lines, space=" "):
    """Right-aligned label lines ending at x; the first line's baseline at y (escaped). `space`: WORD_SPACE in
    charts printed in PDFs (the review report's); browsers copy an SVG's plain spaces well."""
    return "".join(
        f'<text x="{x}" y="{y + i * LINE_HEIGHT}" text-anchor="end">{escape(line).replace(" ", space)}</text>'
        for i, line in enumerate(lines)
    )


def bar_chart(rows, *, title, max_value=None, reference=None, width=600, label_width=230, unit=""):
    """Horizontal bars. rows: [(label, value or None, color)]. reference: a value drawn as a dashed line.
    Long labels wrap onto several lines; the row grows with them."""
    bar_h, gap, top = 18, 8, 28
    plot_w = width - label_width - 70
    values = [v for _, v, _ in rows if v is not None]
    scale_max = max([max_value or 0, reference or 0, *values, 1])
    wrapped = [_wrap(label, 36) for label, _, _ in rows]
    heights = [max(bar_h, bar_h + (len(lines) - 1) * LINE_HEIGHT) for lines in wrapped]
    height = top + sum(h + gap for h in heights) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{PRINT_WIDTH_MM}mm" '
        f'height="{height * PRINT_WIDTH_MM / width:.1f}mm" '
        f'font-family="{FONT}" font-size="13" role="img" aria-label="{escape(title)}">',
        f'<text x="{width / 2:.0f}" y="16" text-anchor="middle" font-weight="bold" font-size="14">{escape(title)}</text>',
    ]
    y = top
    for (_, value, color), lines, row_h in zip(rows, wrapped, heights, strict=True):
        parts.append(_label(label_width - 6, y + bar_h - 5, lines, WORD_SPACE))
        if value is None:
            parts.append(f'<text x="{label_width + 4}" y="{y + bar_h - 5}" fill="#555">chưa có số liệu</text>')
        else:
            w = plot_w * value / scale_max
            shown = f"{value:g}".replace(".", ",") + unit
            parts.append(f'<rect x="{label_width}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{color}"/>')
            parts.append(f'<text x="{label_width + w + 4:.1f}" y="{y + bar_h - 5}">{escape(shown)}</text>')
        y += row_h + gap
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


def _svg_open(width, height, title):
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{PRINT_WIDTH_MM}mm" '
        f'height="{height * PRINT_WIDTH_MM / width:.1f}mm" '
        f'font-family="{FONT}" font-size="13" role="img" aria-label="{escape(title)}">'
        f'<text x="{width / 2:.0f}" y="16" text-anchor="middle" font-weight="bold" font-size="14">{escape(title)}</text>'
    )


def _day(d):
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def timeline_chart(series, *, title, start, end, total, markers=(), width=600, height=300):
    """Cumulative counts over time (step lines) against a total and dated markers (e.g. the due date).

    series: [(label, color, [dates])] — each date is one event (a unit handing in, a plan approved);
    markers: [(date, label)] drawn as dashed vertical lines; total: the ceiling drawn as a dashed horizontal line.
    """
    left, right, top, bottom = 44, 16, 30, 58
    plot_w, plot_h = width - left - right, height - top - bottom
    span = max((end - start).days, 1)
    ceiling = max(total, *(len(dates) for _, _, dates in series), 1)

    def x(d):
        return left + plot_w * min(max((d - start).days, 0), span) / span

    def y(v):
        return top + plot_h * (1 - v / ceiling)

    parts = [_svg_open(width, height, title)]
    parts.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="#000"/>'
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="#000"/>'
    )
    for v in sorted({0, ceiling // 2, ceiling}):
        parts.append(f'<text x="{left - 6}" y="{y(v) + 4:.1f}" text-anchor="end" font-size="11">{v}</text>')
    parts.append(
        f'<text x="{left}" y="{top + plot_h + 16}" font-size="11">{_day(start)}</text>'
        f'<text x="{left + plot_w}" y="{top + plot_h + 16}" text-anchor="end" font-size="11">{_day(end)}</text>'
    )
    if total:
        parts.append(
            f'<line x1="{left}" y1="{y(total):.1f}" x2="{left + plot_w}" y2="{y(total):.1f}" stroke="#555" '
            f'stroke-dasharray="2 3"/><text x="{left + 4}" y="{y(total) - 4:.1f}" font-size="11" fill="#555">'
            f"{total} đơn vị</text>"
        )
    for day, label in markers:
        if start <= day <= end:
            mx = x(day)
            parts.append(
                f'<line x1="{mx:.1f}" y1="{top}" x2="{mx:.1f}" y2="{top + plot_h}" stroke="#c62828" '
                f'stroke-dasharray="5 3"/><text x="{mx + 3:.1f}" y="{top + 12}" font-size="11" fill="#c62828">'
                f"{escape(label)} {_day(day)}</text>"
            )
    for i, (label, color, dates) in enumerate(series):
        points, count = [(x(start), y(0))], 0
        for d in sorted(dates):
            points.append((x(d), y(count)))
            count += 1
            points.append((x(d), y(count)))
        points.append((x(end), y(count)))
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="2.5"/>')
        lx = left + i * 200
        parts.append(
            f'<rect x="{lx}" y="{height - 20}" width="14" height="4" fill="{color}"/>'
            f'<text x="{lx + 18}" y="{height - 14}" font-size="12">{escape(label)}: {count}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def stacked_chart(rows, keys, *, title, width=600, label_width=200):
    """Horizontal stacked bars, one per row. rows: [(label, {key: count})]; keys: [(key, label, color)]."""
    bar_h, gap, top = 18, 8, 28
    plot_w = width - label_width - 50
    scale = max([sum(counts.values()) for _, counts in rows] + [1])
    wrapped = [_wrap(label, 30) for label, _ in rows]
    heights = [bar_h + (len(lines) - 1) * LINE_HEIGHT for lines in wrapped]
    legend_y = top + sum(h + gap for h in heights) + 8
    height = legend_y + 22
    parts = [_svg_open(width, height, title)]
    for i, (_, counts) in enumerate(rows):
        y = top + sum(h + gap for h in heights[:i])
        parts.append(_label(label_width - 6, y + bar_h - 5, wrapped[i]))
        x = label_width
        for key, _, color in keys:
            n = counts.get(key, 0)
            if not n:
                continue
            w = plot_w * n / scale
            parts.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{color}"/>')
            if w >= 14:
                parts.append(
                    f'<text x="{x + w / 2:.1f}" y="{y + bar_h - 5}" text-anchor="middle" fill="#fff" '
                    f'font-size="11">{n}</text>'
                )
            x += w
        parts.append(f'<text x="{x + 4:.1f}" y="{y + bar_h - 5}" font-size="12">{sum(counts.values())}</text>')
    for i, (_, label, color) in enumerate(keys):
        lx = 10 + i * (width - 20) / max(len(keys), 1)
        parts.append(
            f'<rect x="{lx:.1f}" y="{legend_y}" width="12" height="12" fill="{color}"/>'
            f'<text x="{lx + 16:.1f}" y="{legend_y + 11}" font-size="12">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
