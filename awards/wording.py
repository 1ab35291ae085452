"""How documents name their bodies in running text (normal case), shared by decisions and the proposal upward."""

import re

from campaigns.models import DocumentFormat
from thidua.text import fold
from units.enums import OrgKind

_COMMITTEE_WORD = re.compile(r"^(\S+ ủy)\b", re.IGNORECASE)  # "Huyện ủy", "Tỉnh ủy", "Thành ủy", "Đảng ủy"


def standing_committee_of(org):
    """«Ban Thường vụ Huyện ủy Mai Sơn» for a party committee; the name itself otherwise."""
    name = org.name
    if org.kind == OrgKind.PARTY_COMMITTEE and not fold(name).startswith("ban thuong vu"):
        return f"Ban Thường vụ {name}"
    return name


def author_name(org, document_format, sign_on_behalf=""):
    """The body a document is «của» in running text: a party committee's document signed T/M BAN THƯỜNG VỤ is
    its Standing Committee's («Kế hoạch số 215-KH/HU ngày 25/10/2019 của Ban Thường vụ Huyện ủy Mai Sơn»)."""
    if document_format == DocumentFormat.PARTY and "THƯỜNG VỤ" in (sign_on_behalf or "T/M BAN THƯỜNG VỤ").upper():
        return standing_committee_of(org)
    return org.name


def plan_phrase(campaign):
    """«Kế hoạch số 215-KH/HU ngày 25/10/2019 của Ban Thường vụ Huyện ủy Mai Sơn»."""
    issued = f" ngày {campaign.issued_on:%d/%m/%Y}" if campaign.issued_on else ""
    author = author_name(campaign.issuer, campaign.document_format, campaign.sign_on_behalf)
    return f"Kế hoạch số {campaign.reference}{issued} của {author}"


def office_of(org):
    """The issuer's office as its documents name it: «Văn phòng Huyện ủy», «Văn phòng Ủy ban nhân dân huyện»."""
    name = org.name
    if fold(name).startswith("uy ban nhan dan"):
        words = name.split()
        return "Văn phòng " + " ".join(words[:5])  # Ủy ban nhân dân huyện
    match = _COMMITTEE_WORD.match(name)
    if org.kind == OrgKind.PARTY_COMMITTEE and match:
        return f"Văn phòng {match.group(1)}"
    return f"Văn phòng {name}"


def superior_of(org, document_format):
    """Who a proposal upward goes to by default: the superior party committee's Standing Committee, or the
    provincial people's committee for a people's committee; "" when the tree does not say."""
    parent = org.parent
    while parent is not None and (parent.kind != OrgKind.PARTY_COMMITTEE or parent.level == org.level):
        parent = parent.parent
    if parent is None:
        return ""
    if document_format == DocumentFormat.STATE:
        match = _COMMITTEE_WORD.match(parent.name)
        if match and parent.level in ("province", "district"):  # the committee of the same place
            place = parent.name[match.end() :].strip()
            level = "tỉnh" if parent.level == "province" else "huyện"
            return f"Ủy ban nhân dân {level} {place}".strip()
        return ""
    return standing_committee_of(parent)
