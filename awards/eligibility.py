"""Eligibility rules for a nomination, checked at submission and again before the council's vote.

Each rule returns a `Finding` with its reason in Vietnamese. HARD findings block; SOFT ones warn and
need a written justification. Every rule reads the catalogue row valid on the nomination's
`rules_date` (the end of the campaign's period), so a 2019–2020 campaign is judged by the 2003/2013
law and Decree 91/2017, a 2024 one by Law 06/2022/QH15 and Decree 98/2023.
"""

import math
from dataclasses import asdict, dataclass

from django.db.models import Q

from units.enums import OrgKind, OrgLevel

from .enums import Authority, NominationStatus

HARD, SOFT = "hard", "soft"

# Nominations that count for quotas, prerequisites and duplicates (a draft or a returned one does not).
ACTIVE = (NominationStatus.SUBMITTED, NominationStatus.CHECKED, NominationStatus.IN_COUNCIL, NominationStatus.APPROVED)


@dataclass(frozen=True)
class Finding:
    rule: str
    label: str
    ok: bool
    severity: str
    message: str

    def as_dict(self):
        return asdict(self)


def authority_of(org):
    """The authority an organisation signs as, from its kind and level (None if it awards nothing)."""
    if org is None:
        return None
    level, kind = org.level, org.kind
    if kind == OrgKind.PEOPLES_COMMITTEE:
        return {
            OrgLevel.COMMUNE: Authority.COMMUNE_PC,
            OrgLevel.DISTRICT: Authority.DISTRICT_PC,
            OrgLevel.PROVINCE: Authority.PROVINCE_PC,
        }.get(level)
    if kind in (OrgKind.PARTY_COMMITTEE, OrgKind.STANDING_COMMITTEE):
        return {OrgLevel.DISTRICT: Authority.PARTY_DISTRICT, OrgLevel.PROVINCE: Authority.PARTY_PROVINCE}.get(level)
    if kind == OrgKind.AGENCY:
        return Authority.AGENCY_HEAD
    return None


def version_on(award_type, day):
    """The catalogue row of the same code valid on `day` (the given row if it is), else None."""
    from .models import AwardType

    if award_type.valid_on(day):
        return award_type
    return AwardType.objects.valid_on(day).filter(code=award_type.code).first()


AWARD, PROPOSE = "award", "propose"


def power_over(issuer, award_type, day):
    """What `issuer` may do with the award type under the rules valid on `day`: AWARD (decide it),
    PROPOSE (only propose it to the superior level) or None; with the catalogue version of that day."""
    version = version_on(award_type, day)
    authority = authority_of(issuer)
    if version is None or authority is None:
        return None, version
    if authority in version.authorities:
        return AWARD, version
    if authority in version.proposers:
        return PROPOSE, version
    return None, version


def may_award(issuer, award_type, day):
    return power_over(issuer, award_type, day)[0] == AWARD


def _d(day):
    return f"{day:%d/%m/%Y}"


def check_period(nom, award_type):
    day = nom.rules_date
    if award_type is None:
        return Finding(
            "period",
            "Hiệu lực của danh hiệu",
            False,
            HARD,
            f"«{nom.award_type.name}» không còn áp dụng vào ngày {_d(day)} (quy định của thời điểm đó).",
        )
    return Finding(
        "period",
        "Hiệu lực của danh hiệu",
        True,
        HARD,
        f"Áp dụng quy định hiệu lực ngày {_d(day)}: {award_type.legal_source or 'danh mục'}.",
    )


def check_nominee_kind(nom, award_type):
    ok = award_type.accepts(nom.nominee_kind)
    msg = (
        f"«{award_type.name}» xét cho {nom.get_nominee_kind_display().lower()}."
        if ok
        else f"«{award_type.name}» không xét cho đối tượng {nom.get_nominee_kind_display().lower()}."
    )
    return Finding("nominee_kind", "Đối tượng", ok, HARD, msg)


def check_authority(nom, award_type):
    issuer = nom.campaign.issuer
    authority = authority_of(issuer)
    label = "Thẩm quyền"
    if authority is None:
        return Finding(
            "authority",
            label,
            False,
            SOFT,
            f"Không xác định được thẩm quyền khen thưởng của {issuer.name}; cần giải trình cấp quyết định.",
        )
    name = Authority(authority).label
    if authority in award_type.authorities:
        return Finding("authority", label, True, HARD, f"{name} có thẩm quyền quyết định «{award_type.name}».")
    if authority in award_type.proposers:
        return Finding(
            "authority",
            label,
            False,
            SOFT,
            f"{name} không tự quyết định «{award_type.name}», chỉ được đề nghị cấp trên: cần giải trình.",
        )
    return Finding(
        "authority", label, False, HARD, f"{name} không có thẩm quyền quyết định hoặc đề nghị «{award_type.name}»."
    )


def _registry_has(nom, code, year):
    from .models import Award

    return Award.objects.filter(
        nominee_key=nom.nominee_key, award_type__code=code, year=year, revoked_on__isnull=True
    ).exists()


def check_prerequisites(nom, award_type):
    from .models import Nomination

    findings = []
    for code in award_type.prerequisite_codes:
        label = "Điều kiện đã đạt danh hiệu"
        if _registry_has(nom, code, nom.year):
            findings.append(
                Finding(
                    "prerequisite", label, True, HARD, f"Đã có danh hiệu «{code}» năm {nom.year} trong sổ khen thưởng."
                )
            )
            continue
        pending = (
            Nomination.objects.filter(
                campaign=nom.campaign, nominee_key=nom.nominee_key, award_type__code=code, year=nom.year
            )
            .exclude(pk=nom.pk)
            .exclude(award__revoked_on__isnull=False)  # decided, then revoked or annulled
            .filter(status__in=(*ACTIVE, NominationStatus.DECIDED))
            .values_list("status", "award_type__name")
            .first()
        )
        if pending and pending[0] in (NominationStatus.APPROVED, NominationStatus.DECIDED):
            findings.append(
                Finding("prerequisite", label, True, HARD, f"«{pending[1]}» năm {nom.year} đã được Hội đồng thông qua.")
            )
        elif pending:
            findings.append(
                Finding(
                    "prerequisite",
                    label,
                    False,
                    SOFT,
                    f"«{pending[1]}» năm {nom.year} còn đang xét cùng đợt: chỉ đạt khi danh hiệu đó được thông qua.",
                )
            )
        else:
            from .models import AwardType

            name = AwardType.objects.filter(code=code).values_list("name", flat=True).first() or code
            findings.append(
                Finding(
                    "prerequisite",
                    label,
                    False,
                    HARD,
                    f"Chưa đạt danh hiệu «{name}» năm {nom.year} (điều kiện của «{award_type.name}»).",
                )
            )
    if award_type.requires_initiative:
        label = "Sáng kiến được công nhận"
        recognised = nom.initiative_recognised_on
        if nom.initiative_title and recognised and recognised.year == nom.year:
            findings.append(
                Finding(
                    "initiative",
                    label,
                    True,
                    HARD,
                    f"Sáng kiến «{nom.initiative_title}» được công nhận ngày {_d(recognised)}.",
                )
            )
        elif nom.initiative_title and recognised:
            findings.append(
                Finding(
                    "initiative",
                    label,
                    False,
                    HARD,
                    f"Sáng kiến được công nhận ngày {_d(recognised)}, không phải trong năm {nom.year}.",
                )
            )
        else:
            findings.append(
                Finding(
                    "initiative",
                    label,
                    False,
                    HARD,
                    f"«{award_type.name}» cần sáng kiến (đề tài, đề án) được công nhận trong năm {nom.year}.",
                )
            )
    return findings


def quota_counts(nom, award_type):
    """(count including this nomination, base, limit) for the award's quota in the proposing unit and year."""
    from .models import Award, Nomination

    def count(code):
        awarded = Award.objects.filter(
            proposer=nom.proposer_id, award_type__code=code, year=nom.year, revoked_on__isnull=True
        ).count()
        pending = (
            Nomination.objects.filter(proposer=nom.proposer_id, award_type__code=code, year=nom.year, status__in=ACTIVE)
            .exclude(pk=nom.pk)
            .count()
        )
        return awarded + pending

    base = count(award_type.quota_base_code)
    current = count(award_type.code) + 1
    limit = math.floor(base * award_type.quota_percent / 100)
    return current, base, limit


def check_quota(nom, award_type):
    if award_type.quota_percent is None or not award_type.quota_base_code:
        return []
    current, base, limit = quota_counts(nom, award_type)
    severity = HARD if award_type.quota_is_hard else SOFT
    pct = f"{award_type.quota_percent.normalize():f}%"
    from .models import AwardType

    base_name = AwardType.objects.filter(code=award_type.quota_base_code).values_list("name", flat=True).first()
    detail = (
        f"{current} «{award_type.name}» trên {base} «{base_name or award_type.quota_base_code}» "
        f"của {nom.proposer.name} năm {nom.year}; tối đa {pct} = {limit}"
    )
    ok = current <= limit
    return [Finding("quota", "Tỷ lệ", ok, severity, (detail + ".") if ok else f"Vượt tỷ lệ: {detail}.")]


def check_duplicates(nom, award_type):
    from thidua.text import fold

    from .models import Award, Nomination

    label = "Khen trùng"
    # A revoked or annulled award no longer counts: the nominee may be proposed again (Luật TĐKT 2022 Điều 93).
    in_force = Award.objects.filter(nominee_key=nom.nominee_key, revoked_on__isnull=True)
    same_campaign = in_force.filter(decision__campaign=nom.campaign)
    if same_campaign.filter(award_type__code=award_type.code).exists():
        return [
            Finding(
                "duplicate",
                label,
                False,
                HARD,
                f"{nom.display_name} đã được khen «{award_type.name}» trong phong trào này.",
            )
        ]
    same_year = in_force.filter(award_type__code=award_type.code, year=nom.year)
    if same_year.exists():
        return [
            Finding(
                "duplicate", label, False, HARD, f"{nom.display_name} đã được tặng «{award_type.name}» năm {nom.year}."
            )
        ]
    achievement = fold(nom.achievement)
    if achievement:
        for text, name in in_force.values_list("achievement", "award_type__name"):
            if fold(text) == achievement:
                return [
                    Finding(
                        "duplicate",
                        label,
                        False,
                        HARD,
                        f"Thành tích này đã được khen («{name}»): một thành tích chỉ khen một lần.",
                    )
                ]
    twin = (
        Nomination.objects.filter(campaign=nom.campaign, nominee_key=nom.nominee_key, award_type__code=award_type.code)
        .exclude(pk=nom.pk)
        .exclude(status__in=(NominationStatus.REJECTED, NominationStatus.DRAFT, NominationStatus.RETURNED))
        .exclude(award__revoked_on__isnull=False)  # decided, then revoked or annulled
        .select_related("proposer")
        .first()
    )
    if twin:
        return [
            Finding(
                "duplicate",
                label,
                False,
                HARD,
                f"{nom.display_name} đã được {twin.proposer.name} đề nghị «{award_type.name}» trong phong trào này.",
            )
        ]
    return [Finding("duplicate", label, True, HARD, "Chưa được khen cho phong trào, thành tích này.")]


def check_registration(nom, award_type):
    """An emulation title goes to those who registered for it (đăng ký thi đua, registrations/): when the committee
    collected registrations for the year, a title the nominee did not register for (in an approved registration)
    gets a finding; `settings.REGISTRATION_CHECK` says whether it blocks ("block"), warns ("warn") or is off."""
    from django.conf import settings

    from registrations.models import Registration, RegistrationPerson

    from .enums import AwardKind, NomineeKind

    mode = getattr(settings, "REGISTRATION_CHECK", "warn")
    if mode == "off" or award_type.kind != AwardKind.TITLE:
        return []
    if nom.nominee_kind not in (NomineeKind.INDIVIDUAL, NomineeKind.COLLECTIVE):
        return []
    year_regs = Registration.objects.filter(year=nom.year, campaign__issuer=nom.campaign.issuer_id)
    if not year_regs.exists():
        return []  # the committee did not collect registrations for that year: nothing to check against
    label = "Đăng ký thi đua"
    if nom.nominee_kind == NomineeKind.INDIVIDUAL:
        from thidua.text import fold

        rows = RegistrationPerson.objects.filter(registration__in=year_regs).filter(
            Q(nominee_key=nom.nominee_key)
            | Q(nominee_key__startswith=f"p:{fold(nom.full_name)}:", registration__organization=nom.proposer_id)
        )
        found = rows.values_list("title__code", "title__prerequisite_codes", "registration__status")
    else:
        found = year_regs.filter(organization_id=nom.organization_id, collective_title__isnull=False).values_list(
            "collective_title__code", "collective_title__prerequisite_codes", "status"
        )
    covering = [status for code, prereqs, status in found if code == award_type.code or award_type.code in prereqs]
    if "approved" in covering:
        return [Finding("registration", label, True, HARD, f"Đã đăng ký thi đua «{award_type.name}» năm {nom.year}.")]
    severity = HARD if mode == "block" else SOFT
    if covering:
        message = f"Bản đăng ký thi đua năm {nom.year} có «{award_type.name}» nhưng chưa được duyệt."
    else:
        message = f"{nom.display_name} không đăng ký thi đua danh hiệu «{award_type.name}» năm {nom.year}."
    return [Finding("registration", label, False, severity, message)]


# --- Rules on the registry: members' titles and years in a row (awards.AwardCondition, dated catalogue data) ----

SETTLED = (NominationStatus.APPROVED, NominationStatus.DECIDED)
PENDING = (NominationStatus.SUBMITTED, NominationStatus.CHECKED, NominationStatus.IN_COUNCIL)


def _conditions(award_type, day, kind):
    from .models import AwardCondition

    return list(AwardCondition.objects.valid_on(day).filter(award_code=award_type.code, kind=kind).order_by("id"))


def _title_name(code):
    from .models import AwardType

    return AwardType.objects.filter(code=code).values_list("name", flat=True).first() or code


def _pct(value):
    return f"{value.normalize():f}%"


def required_members(total, percent, strict):
    """Fewest members holding the title for `percent` of `total`: «ít nhất p%» = ceil(p·n/100), «trên p%» =
    floor(p·n/100) + 1 (integer arithmetic on the exact decimal)."""
    from decimal import Decimal

    scaled = Decimal(percent) * total / 100
    if strict:
        return math.floor(scaled) + 1
    return math.ceil(scaled)


def titled_members(nom, code):
    """(settled, pending) distinct individuals of the collective holding `code` in the nomination's year: settled =
    in force in the registry, or approved/decided in this campaign; pending = still under review in this campaign.
    The collective's individuals are those proposed by it (its organisation in the tree) or working in it."""
    from django.db.models import Q

    from .enums import NomineeKind
    from .models import Award, Nomination

    members = Q(unit_name__iexact=nom.full_name) if nom.full_name else Q(pk__in=[])
    if nom.organization_id:
        members |= Q(proposer_id=nom.organization_id)
    base = {"nominee_kind": NomineeKind.INDIVIDUAL, "award_type__code": code, "year": nom.year}
    registry = set(Award.objects.filter(members, revoked_on__isnull=True, **base).values_list("nominee_key", flat=True))
    rows = (
        Nomination.objects.filter(members, campaign=nom.campaign, **base)
        .exclude(award__revoked_on__isnull=False)
        .filter(status__in=(*SETTLED, *PENDING))
        .values_list("nominee_key", "status")
    )
    settled = registry | {key for key, status in rows if status in SETTLED}
    pending = {key for key, status in rows if status in PENDING} - settled
    return len(settled), len(pending)


def check_member_shares(nom, award_type):
    from .enums import NomineeKind

    if nom.nominee_kind not in (NomineeKind.COLLECTIVE, NomineeKind.VILLAGE):
        return []
    conditions = _conditions(award_type, nom.rules_date, "member_share")
    if not conditions:
        return []
    label = "Kết quả của thành viên tập thể"
    total, completing = nom.member_count, nom.members_completing
    if not total:
        return [
            Finding(
                "member_share",
                label,
                False,
                HARD,
                f"«{award_type.name}» xét theo kết quả của các thành viên: cần ghi tổng số thành viên của tập thể "
                "và số thành viên hoàn thành nhiệm vụ.",
            )
        ]
    findings = []
    if any(c.all_complete for c in conditions):
        source = next(c.legal_source for c in conditions if c.all_complete)
        if completing is None:
            findings.append(
                Finding(
                    "member_complete",
                    label,
                    False,
                    HARD,
                    f"Cần ghi số thành viên hoàn thành nhiệm vụ (yêu cầu 100% của {total}; {source}).",
                )
            )
        else:
            ok = completing >= total
            findings.append(
                Finding(
                    "member_complete",
                    label,
                    ok,
                    HARD,
                    f"{completing}/{total} thành viên hoàn thành nhiệm vụ"
                    + ("" if ok else f": yêu cầu 100% (thiếu {total - completing})")
                    + f" ({source}).",
                )
            )
    for c in conditions:
        if c.share_percent is None and not c.min_count:
            continue
        settled, pending = titled_members(nom, c.base_code)
        name = _title_name(c.base_code)
        needed = 0
        wants = []
        if c.share_percent is not None:
            needed = required_members(total, c.share_percent, c.share_strict)
            wants.append(f"{'trên' if c.share_strict else 'ít nhất'} {_pct(c.share_percent)} = {needed}")
        if c.min_count:
            needed = max(needed, c.min_count)
            wants.append(f"ít nhất {c.min_count} thành viên")
        share = f" = {settled * 100 / total:.1f}%".replace(".", ",") if c.share_percent is not None else ""
        detail = (
            f"{settled}/{total} thành viên đạt «{name}» năm {nom.year}{share} (sổ khen thưởng và đề nghị đã được "
            f"thông qua); yêu cầu {', '.join(wants)} ({c.legal_source})"
        )
        if settled >= needed:
            findings.append(Finding("member_share", label, True, HARD, detail + "."))
        elif settled + pending >= needed:
            findings.append(
                Finding(
                    "member_share",
                    label,
                    False,
                    SOFT,
                    f"{detail}; còn {pending} đề nghị «{name}» đang xét cùng đợt: chỉ đạt khi đủ số được thông qua.",
                )
            )
        else:
            findings.append(Finding("member_share", label, False, HARD, f"Chưa đạt: {detail}."))
    return findings


def lineage_keys(nom):
    """The nominee's keys across the 2025 mergers: a collective's history continues in its successor, so a merged
    commune's awards count for the new commune (units.Organization.successor, followed backwards)."""
    from units.models import Organization

    keys = {nom.nominee_key}
    if nom.organization_id:
        seen, frontier = {nom.organization_id}, {nom.organization_id}
        for _depth in range(10):
            frontier = set(Organization.objects.filter(successor__in=frontier).values_list("pk", flat=True)) - seen
            if not frontier:
                break
            seen |= frontier
        keys |= {f"o:{pk}" for pk in seen}
    return keys


def check_consecutive(nom, award_type):
    from .models import Award, Nomination

    findings = []
    for c in _conditions(award_type, nom.rules_date, "consecutive"):
        keys = lineage_keys(nom)
        years = [nom.year - i * c.period_years for i in range(c.times)]
        have = set(
            Award.objects.filter(
                nominee_key__in=keys, award_type__code=c.base_code, year__in=years, revoked_on__isnull=True
            ).values_list("year", flat=True)
        )
        statuses = set(
            Nomination.objects.filter(
                campaign=nom.campaign, nominee_key__in=keys, award_type__code=c.base_code, year=nom.year
            )
            .exclude(pk=nom.pk)
            .exclude(award__revoked_on__isnull=False)
            .values_list("status", flat=True)
        )
        if nom.year not in have and statuses & set(SETTLED):
            have.add(nom.year)
        missing = sorted(y for y in years if y not in have)
        name = _title_name(c.base_code)
        span = ", ".join(str(y) for y in sorted(years))
        detail = f"«{name}» {c.times} lần liên tục ({span}; {c.legal_source})"
        label = "Số lần liên tục"
        if not missing:
            findings.append(Finding("consecutive", label, True, HARD, f"Đã đạt {detail}."))
        elif missing == [nom.year] and statuses & set(PENDING):
            findings.append(
                Finding(
                    "consecutive",
                    label,
                    False,
                    SOFT,
                    f"{detail}: «{name}» năm {nom.year} còn đang xét cùng đợt; chỉ đạt khi được thông qua.",
                )
            )
        else:
            findings.append(
                Finding(
                    "consecutive",
                    label,
                    False,
                    HARD,
                    f"Chưa đạt {detail}: thiếu năm {', '.join(map(str, missing))} (sổ khen thưởng, kể cả đơn vị "
                    "trước sáp nhập).",
                )
            )
    return findings


def check_discipline(nom, award_type):
    if nom.discipline_pending:
        return Finding(
            "discipline",
            "Kỷ luật",
            False,
            HARD,
            "Đang bị xem xét kỷ luật hoặc điều tra, thanh tra: chưa xét khen thưởng.",
        )
    return Finding("discipline", "Kỷ luật", True, HARD, "Không có thông tin đang xem xét kỷ luật.")


# The dossier a nomination needs before it is sent (Nghị định 98/2023 Điều 84: tờ trình, báo cáo thành tích).
REQUIRED_DOSSIER = ("proposal", "achievement")


def check_dossier(nom, award_type):
    from .enums import DossierKind

    have = {f.kind for f in nom.files.all()} if nom.pk else set()
    missing = [DossierKind(kind).label for kind in REQUIRED_DOSSIER if kind not in have]
    if missing:
        return Finding(
            "dossier",
            "Hồ sơ",
            False,
            HARD,
            f"Hồ sơ còn thiếu: {'; '.join(missing)}. Tải lên các tệp này trước khi gửi đề nghị.",
        )
    present = "; ".join(DossierKind(kind).label for kind in REQUIRED_DOSSIER)
    return Finding("dossier", "Hồ sơ", True, HARD, f"Có đủ hồ sơ bắt buộc: {present}.")


def check_achievement(nom, award_type):
    ok = bool((nom.achievement or "").strip())
    return Finding(
        "achievement", "Thành tích", ok, HARD, "Có tóm tắt thành tích." if ok else "Chưa có tóm tắt thành tích."
    )


def evaluate(nom):
    """Every rule for the nomination, in order: a list of Findings."""
    award_type = version_on(nom.award_type, nom.rules_date)
    findings = [check_period(nom, award_type)]
    if award_type is None:
        return findings
    findings += [
        check_nominee_kind(nom, award_type),
        check_authority(nom, award_type),
        check_achievement(nom, award_type),
        check_dossier(nom, award_type),
    ]
    findings += check_prerequisites(nom, award_type)
    findings += check_member_shares(nom, award_type)
    findings += check_consecutive(nom, award_type)
    findings += check_quota(nom, award_type)
    findings += check_duplicates(nom, award_type)
    findings += check_registration(nom, award_type)
    findings.append(check_discipline(nom, award_type))
    return findings


def hard_failures(findings):
    return [f for f in findings if not f.ok and f.severity == HARD]


def soft_failures(findings):
    return [f for f in findings if not f.ok and f.severity == SOFT]
