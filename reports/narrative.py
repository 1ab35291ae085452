"""The narrative of a review report, pre-filled with sentences that carry the computed facts.

Sections come in the usual order of a Vietnamese review report; staff edit the text before the final print.
Each section: {"key", "heading", "level" (1 = roman part, 2 = numbered item, 3 = sub-item), "text"}.
Only "text" is editable; headings stay as generated.
"""

import datetime


def _pct(part, whole):
    return f"{part * 100 / whole:.1f}".replace(".", ",") + "%" if whole else "0%"


def _num(value):
    if value is None:
        return "—"
    text = f"{value:,.1f}" if isinstance(value, float) and value != int(value) else f"{int(value):,}"
    return text.replace(",", "X").replace(".", ",").replace("X", ".")


def default_sections(data):
    c = data["counts"]
    final = data["kind"] == "final"
    review = "tổng kết" if final else "sơ kết"
    units, built = c["units"], c["subplans_built"]
    sections = [
        {"key": "part-1", "level": 1, "heading": "I. KẾT QUẢ THỰC HIỆN PHONG TRÀO THI ĐUA", "text": ""},
        {
            "key": "leadership",
            "level": 2,
            "heading": "1. Công tác lãnh đạo, chỉ đạo, tổ chức phát động phong trào",
            "text": "\n".join(
                [
                    _subplan_sentence(data, review),
                    *_progress_sentences(data, review),
                ]
            ),
        },
        {"key": "areas", "level": 2, "heading": "2. Kết quả thực hiện các nội dung thi đua", "text": ""},
    ]
    for index, area in enumerate(data["content_areas"], start=1):
        lines = []
        if area["movements"]:
            lines.append("Các phong trào: " + "; ".join(f"*{m}*" for m in area["movements"]) + ".")
        if area["targets_total"]:
            sentence = f"Các đơn vị đăng ký {area['targets_total']} chỉ tiêu; "
            if not area["targets_reported"]:
                sentence += "chưa có kết quả trong các báo cáo đã được duyệt"
            else:
                sentence += (
                    f"theo các báo cáo đã được duyệt, có kết quả {area['targets_reported']} chỉ tiêu, trong đó "
                    + (
                        f"{area['targets_met']} chỉ tiêu đạt và vượt"
                        if area["targets_met"]
                        else "chưa có chỉ tiêu nào đạt"
                    )
                )
            if area["attainment_pct"] is not None:
                sentence += f"; tỷ lệ thực hiện bình quân {_num(area['attainment_pct'])}% so với chỉ tiêu"
            lines.append(sentence + ".")
        else:
            lines.append("Chưa có chỉ tiêu của đơn vị cho nội dung này.")
        if area.get("units_reporting"):
            lines.append(f"Có {area['units_reporting']} đơn vị báo cáo kết quả thực hiện nội dung này.")
        sections.append(
            {
                "key": f"area-{area['id']}",
                "level": 3,
                "heading": f"2.{index}. {area['heading']}",
                "text": "\n".join(lines),
            }
        )
    examples = data["examples"]
    sections += [
        {
            "key": "examples",
            "level": 2,
            "heading": "3. Công tác phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến",
            "text": "\n".join(f"{e['unit']}: {e['text']}" for e in examples[:20])
            if examples
            else "Các đơn vị chưa báo cáo điển hình tiên tiến.",
        },
        {
            "key": "commendations",
            "level": 2,
            "heading": "4. Công tác khen thưởng",
            "text": _commendation_sentence(data["commendations"], data.get("decisions", [])),
        },
        {
            "key": "assessment",
            "level": 2,
            "heading": "5. Đánh giá chung",
            "text": "\n".join(
                [
                    f"Ưu điểm: {built}/{units} đơn vị đã xây dựng kế hoạch"
                    + (
                        f"; {c['targets_met']}/{c['targets_total']} chỉ tiêu đăng ký đạt và vượt (theo các báo cáo đã "
                        "được duyệt)."
                        if c["progress_approved"] and c["targets_total"]
                        else "."
                    ),
                    f"Hạn chế: còn {c['not_answered']} đơn vị chưa hoàn thành việc gửi kế hoạch, báo cáo "
                    "(danh sách tại phụ lục)."
                    if c["not_answered"]
                    else "Hạn chế: …",
                ]
            ),
        },
        {
            "key": "direction",
            "level": 1,
            "heading": "II. PHƯƠNG HƯỚNG, NHIỆM VỤ " + ("THỜI GIAN TỚI" if final else "THỜI GIAN CÒN LẠI"),
            "text": "Tiếp tục đẩy mạnh phong trào thi đua; tập trung hoàn thành các chỉ tiêu chưa đạt; "
            "kịp thời phát hiện, biểu dương, khen thưởng các tập thể, cá nhân tiêu biểu.",
        },
        {"key": "proposals", "level": 1, "heading": "III. ĐỀ XUẤT, KIẾN NGHỊ", "text": _proposals(data, review)},
    ]
    return sections


def _names(names, limit=15):
    shown = ", ".join(names[:limit])
    return shown + (f" và {len(names) - limit} đơn vị khác" if len(names) > limit else "")


def _pending_clause(awaiting, returned):
    parts = ([f"{awaiting} đang chờ duyệt"] if awaiting else []) + ([f"{returned} bị trả lại"] if returned else [])
    return "; " + ", ".join(parts) if parts else ""


def _subplan_sentence(data, review):
    c = data["counts"]
    units, built, on_time = c["units"], c["subplans_built"], c["subplans_on_time"]
    opening = (
        f"Thực hiện Kế hoạch số {data['campaign']['reference']}, {units} đơn vị được giao xây dựng kế hoạch "
        f"thực hiện; đến thời điểm {review}, "
    )
    if not built:
        return opening + "chưa có đơn vị nào gửi kế hoạch."
    approved = c["subplans_approved"]
    return (
        opening
        + f"{built}/{units} đơn vị đã xây dựng và gửi kế hoạch ({_pct(built, units)}), trong đó "
        + (f"{on_time} đơn vị gửi đúng hạn" if on_time else "chưa có đơn vị nào gửi đúng hạn")
        + "; "
        + (
            f"{approved} kế hoạch đã được {_office(data)} thẩm định, phê duyệt"
            if approved
            else f"chưa có kế hoạch nào được {_office(data)} phê duyệt"
        )
        + _pending_clause(c.get("subplans_awaiting", 0), c.get("subplans_returned", 0))
        + "."
    )


def _office(data):
    """The office that reviews the units' documents, named with its body ("Văn phòng Huyện ủy Mai Sơn")."""
    return data["campaign"].get("office") or "Văn phòng"


def _progress_sentences(data, review):
    """Who handed in the unit reports, by state; figures come only from the approved ones (said so).

    Only the states that occur are named; none handed in is one plain sentence.
    """
    c = data["counts"]
    units = c["units"]
    submitted = c["progress_submitted"] if c["progress_exists"] else 0
    if not submitted:
        return [f"Chưa có đơn vị nào gửi báo cáo {review}."]
    approved, awaiting, returned = c["progress_approved"], c.get("progress_awaiting", 0), c.get("progress_returned", 0)
    not_answered = c.get("progress_not_answered", units - submitted)
    states = [
        f"{n} báo cáo {label}"
        for n, label in (
            (approved, "đã được duyệt"),
            (awaiting, "đang chờ duyệt"),
            (returned, "bị trả lại để hoàn thiện"),
        )
        if n
    ]
    sentence = f"Có {submitted}/{units} đơn vị đã gửi báo cáo {review}, trong đó {', '.join(states)}"
    sentence += f"; {not_answered} đơn vị chưa gửi báo cáo." if not_answered else "."
    lines = [sentence]
    if approved:
        lines.append(
            f"Số liệu kết quả thực hiện chỉ tiêu, điển hình và đề nghị khen thưởng trong báo cáo này chỉ "
            f"tổng hợp từ {approved} báo cáo đã được duyệt."
        )
    else:
        lines.append(
            "Chưa có báo cáo nào được duyệt: số liệu kết quả thực hiện chỉ tiêu, điển hình và đề nghị khen "
            "thưởng sẽ được tổng hợp khi các báo cáo được duyệt."
        )
    pending = data.get("progress_pending") or []
    if pending:
        lines.append(
            "Các báo cáo chưa được duyệt, chưa tính vào số liệu: "
            + _names([f"{p['name']} ({p['status_label'].lower()})" for p in pending])
            + "."
        )
    return lines


def _proposals(data, review):
    """Section III pre-filled with what the figures call for: reminders, reviews to finish, commendations."""
    c = data["counts"]
    responsible = [u for u in data["units"] if u["required"]]
    lines = []
    no_plan = [
        u["name"]
        for u in responsible
        if not u["subplan"] or u["subplan"]["status"] not in ("submitted", "returned", "approved")
    ]
    if no_plan:
        lines.append(f"Đề nghị nhắc nhở {len(no_plan)} đơn vị chưa gửi kế hoạch thực hiện: {_names(no_plan)}.")
    if c["progress_exists"]:
        silent = [
            u["name"]
            for u in responsible
            if not u["progress"] or u["progress"]["status"] not in ("submitted", "returned", "approved")
        ]
        if silent:
            lines.append(f"Đề nghị nhắc nhở {len(silent)} đơn vị chưa gửi báo cáo {review}: {_names(silent)}.")
        if c.get("progress_returned"):
            lines.append(f"Đề nghị {c['progress_returned']} đơn vị có báo cáo bị trả lại hoàn thiện, gửi lại báo cáo.")
        if c.get("progress_awaiting"):
            lines.append(
                f"{_office(data)} tiếp tục thẩm định {c['progress_awaiting']} báo cáo đang chờ duyệt để bổ sung "
                "số liệu."
            )
    unmet = c["targets_reported"] - c["targets_met"]
    if unmet > 0:
        lines.append(
            f"Có {unmet} chỉ tiêu chưa đạt (theo báo cáo đã duyệt); đề nghị các đơn vị có giải pháp "
            "hoàn thành trong thời gian tới."
        )
    items = data["commendations"]
    if items:
        by_award = {}
        for item in items:
            award = str(item.get("award") or "").strip() or "chưa ghi hình thức"
            collective, individual = by_award.get(award, (0, 0))
            by_award[award] = (
                (collective + 1, individual) if item.get("is_collective") else (collective, individual + 1)
            )
        detail = "; ".join(
            f"{award}: {a + b}" + (f" ({a} tập thể, {b} cá nhân)" if a and b else (" tập thể" if a else " cá nhân"))
            for award, (a, b) in sorted(by_award.items(), key=lambda kv: -sum(kv[1]))
        )
        lines.append(f"Đề nghị khen thưởng {len(items)} trường hợp, gồm: {detail} (danh sách tại phụ lục).")
    return "\n".join(lines) or "…"


def _decision_sentence(decision):
    day = datetime.date.fromisoformat(decision["issued_on"]).strftime("%d/%m/%Y")
    total, collective = decision["total"], decision["collective"]
    parts = ", ".join(f"{award}: {count}" for award, count in decision["by_award"])
    return (
        f"Khen thưởng {total} trường hợp ({collective} tập thể, {total - collective} cá nhân) theo Quyết định số "
        f"{decision['reference']} ngày {day} ({parts})."
    )


def _commendation_sentence(items, decisions=()):
    """Awards decided by the data date first (the decisions), then the proposals in units' approved reports."""
    sentences = [_decision_sentence(d) for d in decisions]
    if items:
        collective = sum(1 for i in items if i.get("is_collective"))
        sentences.append(
            f"Các đơn vị đề nghị khen thưởng {len(items)} trường hợp ({collective} tập thể, {len(items) - collective} "
            "cá nhân) trong các báo cáo đã được duyệt; danh sách tại phụ lục."
        )
    return " ".join(sentences) or "Các đơn vị chưa đề nghị khen thưởng trên hệ thống."


def merge_edits(sections, edited_texts):
    """New sections with the edited texts (by key); headings and order stay as they were."""
    return [{**s, "text": edited_texts.get(s["key"], s["text"]).replace("\r\n", "\n").strip()} for s in sections]
