"""Reads of commendation, already scoped to the user (another unit's record is a 404)."""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404

from thidua.access import scoped
from thidua.text import fold
from units.enums import Role
from units.selectors import organization_ids_for

from .enums import DecisionStatus, Gender, NominationStatus, NomineeKind, SessionStatus
from .models import Award, AwardType, CouncilSession, Decision, Nomination
from .permissions import can_view_award, can_view_decision, can_view_nomination, can_view_session

ALL_ROLES = (Role.HEAD, Role.STAFF, Role.COUNCIL)


def nominations_for(user):
    """Own unit's nominations (drafts included), the committee's (not drafts), those on the user's sessions
    (permissions.can_view_nomination, the rule the pages check)."""
    return _visible_nominations(user).select_related(
        "campaign", "campaign__issuer", "proposer", "award_type", "organization", "session"
    )  # no DISTINCT: the sitting's members are an EXISTS subquery (permissions.is_on_my_session)


_visible_nominations = scoped(Nomination, can_view_nomination, "nominations_for")


def get_nomination_for(user, pk):
    return get_object_or_404(nominations_for(user), pk=pk)


def nomination_detail(pk):
    return (
        Nomination.objects.select_related(
            "campaign",
            "campaign__issuer",
            "proposer",
            "award_type",
            "organization",
            "session",
            "decision",
            "progress_report",
            "progress_report__organization",
            "progress_report__campaign",
        )
        .prefetch_related("files", "log__actor")
        .get(pk=pk)
    )


def sessions_for(user):
    """The sittings of the campaigns the user's organisation issued, and those they sit on (can_view_session)."""
    return _visible_sessions(user).select_related("campaign", "organization").distinct()


_visible_sessions = scoped(CouncilSession, can_view_session, "sessions_for")


def sessions_with_counts(user):
    """sessions_for(user), open first, with the agenda size and what still waits for this user's vote."""
    from django.db.models import Case, IntegerField, Value, When

    waiting = Q(nominations__status=NominationStatus.IN_COUNCIL)
    return (
        sessions_for(user)
        .annotate(
            n=Count("nominations", distinct=True),
            agenda=Count("nominations", filter=waiting, distinct=True),
            voted=Count(
                "votes",
                filter=Q(votes__member=user.pk, votes__nomination__status=NominationStatus.IN_COUNCIL),
                distinct=True,
            ),
            is_member=Count("members", filter=Q(members=user.pk), distinct=True),
            open_first=Case(
                When(status=SessionStatus.OPEN, then=Value(0)), default=Value(1), output_field=IntegerField()
            ),
        )
        .order_by("open_first", "-held_on", "-id")
    )


def get_session_for(user, pk):
    return get_object_or_404(sessions_for(user), pk=pk)


def voted_nomination_ids(session, user):
    return set(session.votes.filter(member=user).values_list("nomination_id", flat=True))


def decisions_for(user):
    """The issuer's decisions, and issued ones awarding the user's units (can_view_decision)."""
    return _visible_decisions(user).select_related("campaign", "issuer").distinct()


_visible_decisions = scoped(Decision, can_view_decision, "decisions_for")


def get_decision_for(user, pk):
    return get_object_or_404(decisions_for(user), pk=pk)


def awards_for(user):
    """The registry: awards the user's organisations decided or proposed, all for administrators (can_view_award)."""
    return _visible_awards(user).select_related(
        "award_type", "decision", "decision__issuer", "proposer", "organization"
    )


_visible_awards = scoped(Award, can_view_award, "awards_for")


def get_award_for(user, pk):
    return get_object_or_404(awards_for(user), pk=pk)


def search_awards(qs, *, q="", unit="", year=None, award_code="", nominee_kind=""):
    """Diacritics-insensitive search of the registry."""
    for word in fold(q).split():
        qs = qs.filter(search_key__contains=word)
    if unit:
        key = fold(unit)
        qs = qs.filter(
            Q(search_key__contains=key)
            | Q(proposer__search_key__contains=key)
            | Q(organization__search_key__contains=key)
        )
    if year:
        qs = qs.filter(year=year)
    if award_code:
        qs = qs.filter(award_type__code=award_code)
    if nominee_kind:
        qs = qs.filter(nominee_kind=nominee_kind)
    return qs


def history(qs, key):
    """Everything one person or collective received, oldest first, with the decisions that revoked or corrected
    it (also found under the name it had before a correction)."""
    from django.db.models import Prefetch

    from .models import AwardAmendment

    amendments = AwardAmendment.objects.select_related("decision", "award_type").filter(
        decision__status=DecisionStatus.ISSUED
    )
    return (
        qs.filter(Q(nominee_key=key) | Q(amendments__old_key=key, amendments__decision__status=DecisionStatus.ISSUED))
        .distinct()
        .select_related("revoked_by")
        .prefetch_related(Prefetch("amendments", queryset=amendments.order_by("decision__issued_on", "id")))
        .order_by("year", "decided_on", "id")
    )


def in_force(qs, day):
    """Awards decided by `day` and not revoked or annulled on or before it (statistics as of a date)."""
    return qs.filter(decided_on__lte=day).filter(Q(revoked_on__isnull=True) | Q(revoked_on__gt=day))


MINORITY = ~Q(ethnicity="") & ~Q(ethnicity__iexact="Kinh")


def statistics(qs):
    """Counts per award type split the way forms 0602.N/0603.N ask (one query)."""
    rows = (
        qs.values("award_type__name", "award_type__kind")
        .annotate(
            total=Count("pk"),
            collectives=Count("pk", filter=Q(nominee_kind__in=(NomineeKind.COLLECTIVE, NomineeKind.VILLAGE))),
            households=Count("pk", filter=Q(nominee_kind=NomineeKind.HOUSEHOLD)),
            individuals=Count("pk", filter=Q(nominee_kind=NomineeKind.INDIVIDUAL)),
            women=Count("pk", filter=Q(nominee_kind=NomineeKind.INDIVIDUAL, gender=Gender.FEMALE)),
            minorities=Count("pk", filter=Q(nominee_kind=NomineeKind.INDIVIDUAL) & MINORITY),
        )
        .order_by("award_type__name")
    )
    return list(rows)


def ethnicity_counts(qs):
    return list(
        qs.filter(nominee_kind=NomineeKind.INDIVIDUAL)
        .exclude(ethnicity="")
        .values("ethnicity")
        .annotate(n=Count("pk"))
        .order_by("-n", "ethnicity")
    )


def award_type_choices(day=None):
    qs = AwardType.objects.all()
    if day:
        qs = qs.valid_on(day)
    return qs.order_by("sort_order", "name")


def _approved_undecided(campaign):
    return (
        Nomination.objects.filter(campaign=campaign, status=NominationStatus.APPROVED, decision__isnull=True)
        .select_related("award_type", "proposer", "session")
        .order_by("award_type__sort_order", "award_type__name", "proposer__path", "id")
    )


def approved_within_authority(campaign):
    """Approved nominations not yet in a decision that the campaign's issuer may decide itself."""
    from .eligibility import may_award

    qs = _approved_undecided(campaign)
    ids = [n.pk for n in qs if may_award(campaign.issuer, n.award_type, campaign.period_end)]
    return qs.filter(pk__in=ids)


def proposals_upward(campaign):
    """Approved nominations the issuer may only propose: the list of its proposal to the superior level."""
    from .eligibility import AWARD, power_over

    return [
        n
        for n in _approved_undecided(campaign)
        if power_over(campaign.issuer, n.award_type, campaign.period_end)[0] != AWARD
    ]


def member_sessions(user, limit=None):
    """Sessions the user sits on, open ones first, with `awaiting` = agenda items still waiting for their vote.
    One query; cached on the user object for the request (nav and home page share it)."""
    if not user.is_authenticated:
        return []
    cache = user.__dict__.setdefault("_awards_member_sessions", {})
    if limit not in cache:
        from django.db.models import Case, IntegerField, Value, When

        qs = (
            CouncilSession.objects.filter(members=user)
            .select_related("campaign")
            .annotate(
                agenda=Count("nominations", filter=Q(nominations__status=NominationStatus.IN_COUNCIL), distinct=True),
                voted=Count(
                    "votes",
                    filter=Q(votes__member=user, votes__nomination__status=NominationStatus.IN_COUNCIL),
                    distinct=True,
                ),
                open_first=Case(
                    When(status=SessionStatus.OPEN, then=Value(0)), default=Value(1), output_field=IntegerField()
                ),
            )
            .order_by("open_first", "-held_on", "-id")
        )
        rows = list(qs[:limit] if limit else qs)
        for row in rows:
            row.awaiting = max(row.agenda - row.voted, 0) if row.status == SessionStatus.OPEN else 0
        cache[limit] = rows
    return cache[limit]


# Forms 0602.N / 0603.N (Thông tư 02/2023/TT-BNV): rows by recipient, then by method. Each row says which
# awards it counts; the five classes of individuals are the PLDT classes of the reference template.
OFFICIAL_INDIVIDUAL_CLASSES = [
    ("leader_province", "Lãnh đạo cấp bộ, cấp tỉnh và tương đương trở lên"),
    ("leader_department", "Lãnh đạo cấp vụ, sở, ngành và tương đương"),
    ("business_person", "Doanh nhân"),
    ("leader_division", "Các cấp lãnh đạo từ phó phòng trở lên"),
    ("direct_worker", "Người trực tiếp công tác, lao động, học tập, chiến đấu và phục vụ chiến đấu"),
]
OFFICIAL_METHODS = [
    ("regular", "Khen thưởng thường xuyên"),
    ("topic", "Khen thưởng theo đợt, chuyên đề"),
    ("sudden", "Khen thưởng đột xuất"),
    ("foreign", "Khen thưởng đối ngoại"),
    ("dedication", "Khen thưởng quá trình cống hiến"),
    ("seniority", "Khen thưởng theo niên hạn"),
    ("resistance", "Khen thưởng thành tích kháng chiến"),
]
COLLECTIVE_KINDS = (NomineeKind.COLLECTIVE, NomineeKind.VILLAGE)


def own_level_awards(user, qs):
    """Awards decided by the user's own organisations (the committee's level), not those it only proposed."""
    if user.is_superuser:
        return qs
    return qs.filter(decision__issuer__in=organization_ids_for(user, roles=ALL_ROLES))


def official_statistics(qs):
    """A table shaped like forms 0602.N/0603.N: a column pair (collective, individual) per award type,
    rows by recipient class and by method. One query. Households count in the collective column (they are
    not individuals); every registry award comes from a campaign's decision, so it counts as «theo đợt,
    chuyên đề»."""
    counts = (
        qs.order_by()
        .values(
            "award_type__code",
            "award_type__name",
            "award_type__kind",
            "award_type__sort_order",
            "nominee_kind",
            "nominee_class",
        )
        .annotate(n=Count("pk"))
    )
    columns, cells = {}, []
    for row in counts:
        code = row["award_type__code"]
        columns.setdefault(code, (row["award_type__sort_order"], row["award_type__name"], row["award_type__kind"]))
        cells.append(row)
    order = sorted(columns, key=lambda c: (columns[c][0], columns[c][1]))

    def line(label, test, level=0):
        values = {code: [0, 0] for code in order}
        for row in cells:
            if test(row):
                side = 1 if row["nominee_kind"] == NomineeKind.INDIVIDUAL else 0
                values[row["award_type__code"]][side] += row["n"]
        flat = [v for code in order for v in values[code]]
        return {"label": label, "level": level, "cells": flat, "total": sum(flat)}

    individual = lambda r: r["nominee_kind"] == NomineeKind.INDIVIDUAL  # noqa: E731
    known = {c for c, _ in OFFICIAL_INDIVIDUAL_CLASSES}
    rows = [
        line("Tổng số", lambda r: True),
        line("1. Tập thể", lambda r: r["nominee_kind"] in COLLECTIVE_KINDS),
        line(
            "trong đó: doanh nghiệp",
            lambda r: r["nominee_kind"] in COLLECTIVE_KINDS and r["nominee_class"] == "enterprise",
            1,
        ),
        line("2. Hộ gia đình", lambda r: r["nominee_kind"] == NomineeKind.HOUSEHOLD),
        line("3. Cá nhân", individual),
    ]
    for code, label in OFFICIAL_INDIVIDUAL_CLASSES:
        rows.append(line(label, lambda r, code=code: individual(r) and r["nominee_class"] == code, 1))
    rows.append(line("Chưa phân loại / đối tượng khác", lambda r: individual(r) and r["nominee_class"] not in known, 1))
    rows.append({"label": "Chia theo phương thức khen thưởng", "level": 0, "cells": None, "total": None})
    for code, label in OFFICIAL_METHODS:
        rows.append(line(label, (lambda r: True) if code == "topic" else (lambda r: False), 1))
    return {
        "columns": [{"code": c, "name": columns[c][1], "kind": columns[c][2]} for c in order],
        "rows": rows,
        "span": 2 + 2 * len(order),
    }


def publications_for(user):
    """Published lists of the campaigns the user's organisations issued (staff pages)."""
    from .models import Publication

    if not user.is_authenticated:
        return Publication.objects.none()
    qs = Publication.objects.select_related("campaign", "campaign__issuer", "published_by")
    if user.is_superuser:
        return qs
    return qs.filter(campaign__issuer__in=organization_ids_for(user))


def public_listing(token):
    """A published list for the public page: only what may be public (names, unit, award, achievement, period)."""
    from django.db.models import Prefetch

    from .models import Publication

    rows = Nomination.objects.select_related("award_type", "proposer").order_by(
        "award_type__sort_order", "proposer__path", "id"
    )
    return get_object_or_404(
        Publication.objects.select_related("campaign").prefetch_related(Prefetch("nominations", queryset=rows)),
        token=token,
    )
