"""Writes of registrations: obligations, the unit's draft (version-checked), the review moves."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from awards.enums import AwardKind
from awards.models import AwardType
from campaigns.enums import CampaignStatus, DocumentStatus
from campaigns.permissions import can_manage_campaign, can_write_document
from campaigns.selectors import participating_organization_ids
from campaigns.services import _transition, subplan_due_date
from thidua.text import nfc

from .models import Registration, RegistrationPerson
from .workflows import REGISTRATION_WORKFLOW

VERSION_CONFLICT = (
    "Bản đăng ký đã được lưu ở nơi khác (một thẻ hoặc người khác) sau khi bạn mở trang. "
    "Nội dung bạn vừa nhập vẫn còn dưới đây: hãy mở bản đăng ký ở thẻ mới để xem bản đã lưu rồi nhập lại phần thay đổi."
)
HEADER_FIELDS = ("number", "issued_on", "place", "targets", "sign_on_behalf", "signer_title", "signer_name")
PERSON_FIELDS = ("full_name", "position", "gender", "ethnicity", "birth_year", "title_id")


def registration_year(campaign):
    """The emulation year a campaign's registrations are for: the year its period ends (as nominations' year)."""
    return campaign.period_end.year


def titles(campaign, *, collective):
    """Emulation titles (danh hiệu thi đua) in force on the campaign's rules date, for collectives or individuals."""
    qs = AwardType.objects.valid_on(campaign.period_end).filter(kind=AwardKind.TITLE)
    qs = qs.filter(for_collective=True) if collective else qs.filter(for_individual=True)
    return qs.order_by("sort_order", "name")


def expected_organization_ids(campaign):
    """Units asked to register: those taking part in the campaign (named in its assignments, or obliged)."""
    return set(participating_organization_ids(campaign)) - {campaign.issuer_id}


def request_registrations(campaign, actor, *, due_date=None, organizations=None):
    """Give every participating unit (or the ones given) its registration to fill. Returns how many new."""
    if not can_manage_campaign(actor, campaign):
        raise PermissionDenied
    if campaign.status != CampaignStatus.LAUNCHED:
        raise ValidationError("Chỉ yêu cầu đăng ký thi đua khi phong trào đang được phát động.")
    due = due_date or subplan_due_date(campaign)
    if organizations is None:
        ids = expected_organization_ids(campaign)
    else:
        ids = {o.pk if hasattr(o, "pk") else int(o) for o in organizations} - {campaign.issuer_id}
    have = set(Registration.objects.filter(campaign=campaign).values_list("organization_id", flat=True))
    year = registration_year(campaign)
    new = [
        Registration(campaign=campaign, organization_id=org_id, year=year, due_date=due, created_by=actor)
        for org_id in sorted(ids - have)
    ]
    Registration.objects.bulk_create(new, ignore_conflicts=True, batch_size=500)
    return len(new)


def start_registration(campaign, organization, actor):
    """A participating unit opens its own registration (when staff have not asked yet). Idempotent."""
    probe = Registration(campaign=campaign, organization=organization)
    if not can_write_document(actor, probe) or organization.pk not in expected_organization_ids(campaign):
        raise PermissionDenied
    registration, _created = Registration.objects.get_or_create(
        campaign=campaign,
        organization=organization,
        defaults={"year": registration_year(campaign), "due_date": subplan_due_date(campaign), "created_by": actor},
    )
    return registration


def _clean_people(registration, people):
    allowed = set(titles(registration.campaign, collective=False).values_list("pk", flat=True))
    rows = []
    for order, row in enumerate(people, 1):
        name = nfc((row.get("full_name") or "").strip())
        if not name:
            continue
        if row.get("title_id") not in allowed:
            raise ValidationError(f"Dòng {order}: chọn danh hiệu cá nhân có hiệu lực của phong trào.")
        rows.append(
            RegistrationPerson(
                registration=registration,
                order=order,
                full_name=name,
                position=nfc((row.get("position") or "").strip()),
                gender=row.get("gender") or "",
                ethnicity=nfc((row.get("ethnicity") or "").strip()),
                birth_year=row.get("birth_year"),
                title_id=row["title_id"],
            )
        )
    for person in rows:
        person.fill_key()
    return rows


def save_parts(registration, parts):
    """The kind's child rows, inside the core's version-checked save: the list of people, replaced whole."""
    rows = _clean_people(registration, parts.get("people", []))
    RegistrationPerson.objects.filter(registration=registration).delete()
    RegistrationPerson.objects.bulk_create(rows)


def save_registration(registration, actor, *, version, header, parts):
    """Save the unit's draft: `header` (model fields, `collective_title_id` among them) and `parts` ({"people":
    [{full_name, position, gender, ethnicity, birth_year, title_id}]} in order). Refused with VERSION_CONFLICT
    if the draft changed since `version` was read."""
    if not can_write_document(actor, registration):
        raise PermissionDenied
    if not registration.is_editable:
        raise ValidationError(f"Bản đăng ký đang ở trạng thái «{registration.get_status_display()}»: không sửa được.")
    title_id = header.get("collective_title_id")
    if title_id and not titles(registration.campaign, collective=True).filter(pk=title_id).exists():
        raise ValidationError("Chọn danh hiệu tập thể có hiệu lực của phong trào.")
    header = {key: nfc(value.strip()) if isinstance(value, str) else value for key, value in header.items()}
    with transaction.atomic():
        before = digest(registration.pk)
        changed = Registration.objects.filter(
            pk=registration.pk, version=version, status__in=(DocumentStatus.DRAFT, DocumentStatus.RETURNED)
        ).update(version=F("version") + 1, updated_at=timezone.now(), **header)
        if not changed:
            raise ValidationError(VERSION_CONFLICT, code="version_conflict")
        save_parts(registration, parts)
        if digest(registration.pk) != before:
            Registration.objects.filter(pk=registration.pk).update(content_changed_at=timezone.now())
    registration.refresh_from_db()
    return registration


def digest(pk):
    """Everything that prints on the registration, to tell a real change from a save that changed nothing."""
    header = Registration.objects.filter(pk=pk).values_list(*HEADER_FIELDS, "collective_title_id").first()
    people = list(
        RegistrationPerson.objects.filter(registration_id=pk).order_by("order", "id").values_list(*PERSON_FIELDS)
    )
    return (header, people)


def checklist(registration):
    """What a submission needs: [(label, done)]. Shown on the edit and detail pages."""
    has_titles = bool(registration.collective_title_id) or registration.people.exists()
    return [
        ("danh hiệu đăng ký (tập thể hoặc cá nhân)", has_titles),
        ("người ký", bool(registration.signer_name.strip())),
    ]


def _missing(registration):
    return [f"chưa có {label}" for label, done in checklist(registration) if not done]


def transition_registration(registration, action, actor, *, reason="", expected_version=None):
    """The one way a registration changes state (submit, withdraw, return, approve). A submission records the
    number the unit gave ("05", "05-ĐK/ĐU") in the unit's register of outgoing documents (thidua/documents)."""
    from campaigns.unitdocs.services import take_unit_number

    with transaction.atomic():
        result = _transition(REGISTRATION_WORKFLOW, registration, action, actor, reason, _missing, expected_version)
        if action == "submit":
            take_unit_number(registration, "ĐK", actor)
    return result
