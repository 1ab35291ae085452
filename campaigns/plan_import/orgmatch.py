"""Which organisations of the tree an assignment of "Tổ chức thực hiện" names. Pure: no Django.

The subject of the paragraph (the words before its first verb: "Ủy ban nhân dân huyện xây dựng …") is cut at
commas and "và"; each part is matched against the candidates' names without the place name ("Ủy ban nhân dân
huyện Mai Sơn" is "Ủy ban nhân dân huyện" in a plan of Mai Sơn), their short names, and group words
("các đoàn thể chính trị - xã hội" → every mass organisation). Parts that name a body but match nothing are
returned for the clerk to pick by hand.
"""

import re
from dataclasses import dataclass

from .parser import fold


@dataclass(frozen=True)
class Candidate:
    id: int
    name: str
    short_name: str
    kind: str


_VERBS = (
    "xay dung",
    "chi dao",
    "phat huy",
    "can cu",
    "chu tri",
    "phoi hop",
    "to chuc",
    "trien khai",
    "thuc hien",
    "co trach nhiem",
    "chiu trach nhiem",
    "tham muu",
    "huong dan",
    "theo doi",
    "don doc",
    "tuyen truyen",
    "bao cao",
    "kiem tra",
    "giup",
    "tap trung",
    "day manh",
    "van dong",
    "quan triet",
    "ban hanh",
    "lanh dao",
    "tiep tuc",
)
_VERB = re.compile(r"\b(" + "|".join(_VERBS) + r")\b")
_LEADING = re.compile(r"^(giao|de nghi|yeu cau|cac|cac cap|toan the|moi)\s+")
# Group words → kinds of organisation (values of units.enums.OrgKind).
GROUPS = [
    (
        ("doan the chinh tri - xa hoi", "doan the chinh tri xa hoi", "doan the", "to chuc chinh tri - xa hoi"),
        ("mass_organization",),
    ),
    (
        ("chi bo", "dang bo truc thuoc", "to chuc co so dang", "cap uy dang", "cap uy", "co so dang"),
        ("party_cell", "commune"),
    ),
    (("dang uy xa", "xa, thi tran", "xa thi tran", "cac xa", "chinh quyen", "co so"), ("commune",)),
    (("ban dang", "ban xay dung dang", "cac ban", "ban, van phong"), ("committee_board",)),
]
_ORG_WORDS = (
    "ban ",
    "uy ban",
    "hoi ",
    "doan ",
    "dang uy",
    "dang bo",
    "chi bo",
    "phong ",
    "so ",
    "truong ",
    "trung tam",
)
_ORG_WORDS += ("cong an", "quan su", "van phong", "mat tran", "lien doan", "huyen doan", "tinh doan", "vien ", "toa an")


def subject_of(text):
    """The words before the first verb of the paragraph (its first sentence at most)."""
    key = fold(text.replace("*", ""))
    key = re.split(r"[.:;]\s", key, maxsplit=1)[0]
    match = _VERB.search(key)
    return key[: match.start()].strip(" ,") if match else key[:160]


def _parts(subject):
    parts = re.split(r",|;|\s+va\s+|\s+cung\s+", subject)
    return [p.strip(" -") for p in parts if p.strip(" -")]


def _strip_place(name, places):
    key = fold(name)
    for place in places:
        if place:
            key = re.sub(r"\b" + re.escape(place) + r"\b", " ", key)
    return re.sub(r"\s+", " ", key).strip()


def match_organizations(text, candidates, places=()):
    """(ids in the order found, [unmatched parts as written in the plan's words, folded])."""
    places = [fold(p) for p in places if p]
    by_name = {}
    for c in candidates:
        for key in {_strip_place(c.name, places), fold(c.name), fold(c.short_name)}:
            if key:
                by_name.setdefault(key, []).append(c)
    ids, unmatched = [], []

    def add(cands):
        for c in cands:
            if c.id not in ids:
                ids.append(c.id)

    for part in _parts(subject_of(text)):
        bare = _LEADING.sub("", _LEADING.sub("", part)).strip()
        if bare in by_name:
            add(by_name[bare])
            continue
        group = next(
            (kinds for words, kinds in GROUPS if any(bare == w or bare.startswith(w + " ") for w in words)), None
        )
        if group:
            add([c for c in candidates if c.kind in group])
            continue
        near = [
            c
            for key, cs in by_name.items()
            if len(bare) >= 8 and (bare in key or (len(key) >= 6 and key in bare))
            for c in cs
        ]
        if near and len({c.id for c in near}) <= 3:
            add(near)
            continue
        if any(word in bare + " " for word in _ORG_WORDS):
            unmatched.append(part)
    return ids, unmatched
