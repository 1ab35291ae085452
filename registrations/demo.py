"""Demo step: registrations (đăng ký thi đua) for the Mai Sơn campaign's year 2020, in every state.

Staff ask every participating unit to register (drafts, due 30/11/2019); five units then go through the real
services: approved, submitted, returned, a draft being filled, and one approved with people only. The people of
the two communes are those the awards demo later nominates, so the nomination form offers them first. A unit
whose registration already has content or a log is left alone: running the demo twice changes nothing.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from awards.catalogue import seed_catalogue
from awards.enums import Gender
from campaigns.demo.subplans import demo_header

from . import services
from .models import Registration, RegistrationLog

User = get_user_model()
DUE = datetime.date(2019, 11, 30)
M, F = Gender.MALE, Gender.FEMALE

# (org code, writer, final state, day of Nov 2019, collective title code, targets, people, return reason)
SCRIPT = [
    (
        "du-chieng-mung",
        "chiengmung",
        "approved",
        12,
        "ttldtt",
        "100% chi bộ hoàn thành tốt nhiệm vụ trở lên\nXã đạt chuẩn nông thôn mới năm 2020\n"
        "Tỷ lệ hộ nghèo giảm 3% so với năm 2019",
        [
            ("Tòng Văn Chung", "Bí thư Đảng ủy xã", M, "Thái", 1970, "cstdcs"),
            ("Lò Thị Hoa", "Bí thư Chi bộ bản Nà Hạ", F, "Thái", 1980, "ldtt"),
            ("Cầm Văn Thanh", "Bí thư Đoàn xã", M, "Thái", 1992, "ldtt"),
            ("Quàng Thị Mai", "Văn phòng Đảng ủy", F, "Thái", 1988, "ldtt"),
        ],
        None,
    ),
    (
        "du-co-noi",
        "conoi",
        "submitted",
        18,
        "ttldtt",
        "Hoàn thành 100% chỉ tiêu Nghị quyết Đại hội Đảng bộ xã năm 2020\nKhông có đảng viên vi phạm kỷ luật",
        [
            ("Vì Văn Sơn", "Trưởng bản Cò Nòi", M, "Thái", 1975, "ldtt"),
            ("Lò Thị Xuân", "Trưởng ban Công tác Mặt trận bản", F, "Thái", 1983, "ldtt"),
        ],
        None,
    ),
    (
        "ubnd-mai-son",
        "ubnd",
        "returned",
        15,
        "ttldtt",
        "Hoàn thành kế hoạch thu ngân sách năm 2020",
        [("Hoàng Văn Nam", "Chánh Văn phòng HĐND và UBND huyện", M, "Kinh", 1976, "cstdcs")],
        "Chưa ghi chỉ tiêu về xây dựng nông thôn mới; danh sách cá nhân còn thiếu cán bộ các phòng chuyên môn.",
    ),
    (
        "btg-hu-mai-son",
        "tuyengiao",
        "draft",
        None,
        None,
        "",
        [("Đinh Thị Lan", "Phó Trưởng ban", F, "Mường", 1982, "ldtt")],
        None,
    ),
    (
        "mttq-mai-son",
        "mttq",
        "approved",
        8,
        None,
        "",
        [
            ("Lường Văn Hùng", "Chủ tịch Ủy ban MTTQ huyện", M, "Thái", 1968, "ldtt"),
            ("Nguyễn Thị Thu", "Phó Chủ tịch", F, "Kinh", 1979, "ldtt"),
        ],
        None,
    ),
]


def _at(day, hour):
    return timezone.make_aware(datetime.datetime(2019, 11, day, hour, 0))


def load(orgs, campaign, stdout=None):
    seed_catalogue()  # idempotent: the titles registered below (the awards step runs after this one)
    staff = User.objects.get(username="vanphong")
    if campaign.status == "launched":
        services.request_registrations(campaign, staff, due_date=DUE)  # units already asked are left alone
    collective = {t.code: t.pk for t in services.titles(campaign, collective=True)}
    individual = {t.code: t.pk for t in services.titles(campaign, collective=False)}
    changed = 0
    for code, writer_name, state, day, title, targets, people, reason in SCRIPT:
        org = orgs.get(code)
        registration = Registration.objects.filter(campaign=campaign, organization=org).first() if org else None
        if registration is None or registration.logs.exists() or registration.people.exists():
            continue
        writer = User.objects.get(username=writer_name)
        header = {
            **demo_header(org, 3 + changed, "ĐK", writer),
            "issued_on": datetime.date(2019, 11, day or 10),
            "targets": targets,
            "collective_title_id": collective.get(title) if title else None,
        }
        rows = [
            {"full_name": n, "position": p, "gender": g, "ethnicity": e, "birth_year": y, "title_id": individual[t]}
            for n, p, g, e, y, t in people
        ]
        registration = services.save_registration(
            registration, writer, version=registration.version, header=header, parts={"people": rows}
        )
        changed += 1
        if state == "draft":
            continue
        services.transition_registration(registration, "submit", writer)
        if state == "approved":
            services.transition_registration(registration, "approve", staff)
        elif state == "returned":
            services.transition_registration(registration, "return", staff, reason=reason)
        submitted, reviewed = _at(day, 9), _at(min(day + 3, 30), 15)
        logs = list(RegistrationLog.objects.filter(subject=registration).order_by("id"))
        for log, moment in zip(logs, [submitted, reviewed], strict=False):
            RegistrationLog.objects.filter(pk=log.pk).update(at=moment, notified_at=moment)
        Registration.objects.filter(pk=registration.pk).update(
            submitted_at=submitted,
            first_submitted_at=submitted,
            approved_at=reviewed if state == "approved" else None,
        )
    if stdout and changed:
        total = Registration.objects.filter(campaign=campaign).count()
        stdout.write(f"Đăng ký thi đua: {total} đơn vị được yêu cầu, {changed} bản đăng ký mẫu ở các trạng thái.")
