"""Reads for the plan editor: initial values from a stored draft or an imported plan, defaults for a new draft,
and the unsaved preview object the print template renders (no writes here: those are in services)."""

import datetime
import re

from thidua.text import fold
from units.models import Organization

from .enums import MilestoneKind
from .models import Campaign, DocumentFormat
from .plan_forms import HEADER_FIELDS
from .plan_import.orgmatch import Candidate, match_organizations
from .printing import STATE, unit_style, unit_symbol


def editor_organizations(issuer):
    """The organisations an assignment may name (the issuer's subtree without the issuer), one query."""
    return list(Organization.objects.subtree(issuer).exclude(pk=issuer.pk).only("pk", "name", "depth", "path", "kind"))


def recipient_organizations(issuer):
    """Recipients may be above the issuer too: the whole tree the issuer belongs to."""
    root = "/" + issuer.path.strip("/").split("/")[0] + "/"
    return list(Organization.objects.filter(path__startswith=root).only("pk", "name", "depth", "path", "kind"))


def _place_of(org):
    """ "Huyện ủy Mai Sơn" → "Mai Sơn" (the words after the kind of body), a guess the clerk can change."""
    match = re.search(r"(?:huyện|tỉnh|thành)\s+ủy\s+(.+)$", org.name, re.IGNORECASE) or re.search(
        r"(?:huyện|tỉnh|xã|thị trấn|thành phố|phường|quận)\s+(.+)$", org.name, re.IGNORECASE
    )
    if match:
        return match.group(1).strip()
    words = org.name.split()
    return " ".join(words[-2:]) if len(words) >= 2 else org.name


def term_for(year):
    start = 2015 + 5 * ((year - 2015) // 5)
    return f"{start}-{start + 5}"


def new_draft_header(issuer, *, title, period_start, period_end):
    """Defaults of a new draft from its issuer: header lines, format, symbol, place, term, signature lines."""
    style = unit_style(issuer)
    symbol = unit_symbol(issuer)
    state = style.document_format == STATE
    parent = issuer.parent
    return {
        "superior_body": parent.printed_header if parent is not None and not state else "",
        "issuing_body": issuer.name.upper(),
        "document_format": DocumentFormat.STATE if state else DocumentFormat.PARTY,
        "document_type": "KẾ HOẠCH",
        "symbol": f"KH-{symbol}" if state else f"KH/{symbol}",
        "term": term_for(period_start.year),
        "place": _place_of(issuer),
        "title": title,
        "period_start": period_start,
        "period_end": period_end,
        "sign_on_behalf": style.sign_on_behalf,
        "signer_title": style.signer_title,
    }


def initial_from_campaign(campaign):
    """Editor initial values from a stored plan (`campaign` from `selectors.campaign_document`)."""
    from .figures import vn_number

    due = next((m.date for m in campaign.milestones.all() if m.kind == MilestoneKind.SUBPLAN_DUE), None)
    return {
        "header": {
            **{name: getattr(campaign, name) for name in HEADER_FIELDS},
            "version": campaign.version,
            "subplan_due": due,
        },
        "legal_bases": [
            {
                "role": b.role,
                "kind": b.kind,
                "number": b.number,
                "issued_on": b.issued_on,
                "issuer": b.issuer,
                "title": b.title,
            }
            for b in campaign.legal_bases.all()
        ],
        "areas": [
            {
                "heading": a.heading,
                "body": a.body,
                "movements": "\n".join(m.name for m in a.movements.all()),
                "targets": [
                    {"name": t.name, "value": vn_number(t.value), "unit_of_measure": t.unit_of_measure}
                    for t in a.targets.all()
                ],
            }
            for a in campaign.content_areas.all()
        ],
        "occasions": [{"name": o.name, "date": o.date} for o in campaign.occasions.all()],
        "assignments": [
            {
                "body": a.body,
                "organizations": [o.pk for o in a.organizations.all()],
                "requires_subplan": "yes" if a.requires_subplan else "no",
                "due_date": a.due_date,
            }
            for a in campaign.assignments.all()
        ],
        "recipients": [{"text": r.text, "organization": r.organization_id} for r in campaign.recipients.all()],
    }


def initial_from_parsed(parsed, issuer, organizations, recipient_orgs):
    """Editor initial values from an imported plan; returns (initial, unmatched) where unmatched lists, per
    assignment, the bodies named in its text that match no organisation of the tree."""
    candidates = [Candidate(o.pk, o.name, getattr(o, "short_name", ""), o.kind) for o in organizations]
    places = [parsed.place, _place_of(issuer)]
    assignments, unmatched = [], []
    for i, a in enumerate(parsed.assignments, 1):
        ids, missing = match_organizations(a.body, candidates, places)
        assignments.append(
            {
                "body": a.body,
                "organizations": ids,
                "requires_subplan": "yes" if a.requires_subplan else "no",
                "due_date": None,
            }
        )
        if missing or not ids:
            unmatched.append((i, missing or ["(không nhận ra đơn vị nào)"]))
    by_name = {}
    for o in recipient_orgs:
        by_name.setdefault(fold(o.name), o.pk)
    recipients = []
    for text in parsed.recipients:
        key = fold(re.sub(r"[,;.]+$", "", text))
        recipients.append({"text": text, "organization": by_name.get(key)})
    today = datetime.date.today()
    start = parsed.period_start or today.replace(month=1, day=1)
    end = parsed.period_end or today.replace(month=12, day=31)
    defaults = new_draft_header(issuer, title=parsed.title, period_start=start, period_end=end)
    header = {
        **defaults,
        "superior_body": parsed.superior_body or defaults["superior_body"],
        "issuing_body": parsed.issuing_body or defaults["issuing_body"],
        "document_format": parsed.document_format,
        "document_type": parsed.document_type,
        "symbol": parsed.symbol or defaults["symbol"],
        "term": parsed.term or defaults["term"],
        "place": parsed.place or defaults["place"],
        "preamble": parsed.preamble,
        "introduction": parsed.introduction,
        "purpose": parsed.purpose,
        "requirements": parsed.requirements,
        "period_text": parsed.period_text,
        "closing": parsed.closing,
        "sign_on_behalf": parsed.sign_on_behalf or defaults["sign_on_behalf"],
        "signer_title": parsed.signer_title or defaults["signer_title"],
        "signer_name": parsed.signer_name,
        "version": None,
        "subplan_due": None,
    }
    initial = {
        "header": header,
        "legal_bases": [
            {
                "role": b.role,
                "kind": b.kind,
                "number": b.number,
                "issued_on": b.issued_on,
                "issuer": b.issuer,
                "title": b.title,
            }
            for b in parsed.legal_bases
        ],
        "areas": [
            {"heading": a.heading, "body": a.body, "movements": "\n".join(a.movements), "targets": []}
            for a in parsed.areas
        ],
        "occasions": [],
        "assignments": assignments,
        "recipients": recipients,
    }
    return initial, unmatched


class _Rows(list):
    """A list the templates can call `.all` on, like a related manager."""

    def all(self):
        return self


class PlanPreview:
    """An unsaved plan built from what the editor holds, shaped like `campaign_document` for the templates."""

    def __init__(self, issuer, header, parts, org_names):
        values = {k: v for k, v in header.items() if k in HEADER_FIELDS and v is not None}
        self._campaign = Campaign(issuer=issuer, **values)
        if self._campaign.period_start is None:
            self._campaign.period_start = datetime.date.today()
        self.content_areas = _Rows(
            type(
                "Area",
                (),
                {"body": a["body"], "heading": a.get("heading", ""), "movements": _Rows(), "targets": _Rows()},
            )
            for a in parts.get("areas", [])
        )
        self.assignments = _Rows(
            type(
                "Assignment",
                (),
                {
                    "body": a["body"],
                    "requires_subplan": a.get("requires_subplan"),
                    "organization_names": [org_names.get(pk, "") for pk in a.get("organization_ids", [])],
                },
            )
            for a in parts.get("assignments", [])
        )
        self.recipients = _Rows(type("Recipient", (), {"text": r["text"]}) for r in parts.get("recipients", []))

    def __getattr__(self, name):
        return getattr(self._campaign, name)


def preview_gaps(parts, header):
    """The launch checklist for what the editor holds (same items as services.launch_gaps)."""
    gaps = []
    if not parts.get("areas"):
        gaps.append("chưa có nội dung thi đua")
    if not parts.get("assignments"):
        gaps.append("chưa có phần tổ chức thực hiện (đơn vị chủ trì)")
    if not parts.get("recipients"):
        gaps.append("chưa có nơi nhận")
    if not ((header.get("signer_title") or "").strip() and (header.get("signer_name") or "").strip()):
        gaps.append("chưa ghi chức vụ và họ tên người ký")
    return gaps
