"""Kind: a unit's registration for a campaign's emulation year (đăng ký thi đua): the collective's title and targets,
its people and the title each registers.

The kind takes five files: this declaration (the child rows' save, digest, checklist, reads, printed title), the
model (`registrations/models.py`), the form (`registrations/forms.py`), the parts of the shared pages
(`templates/registrations/kind.html`) and the print (`templates/registrations/print/registration.html`). What a
registration adds beyond a unit document lives in `registrations/` too: asking units to register, the roll-up per
campaign and per year and its xlsx, reminders, the eligibility finding, the demo."""

from django.core.exceptions import ValidationError

from registrations.forms import RegistrationForm
from registrations.models import Registration, RegistrationLog, RegistrationPerson
from registrations.services import titles
from registrations.tasks import send_registration_manual_reminders
from thidua.text import nfc

from ..core import DocumentKind, register

HEADER_FIELDS = ("number", "issued_on", "place", "targets", "sign_on_behalf", "signer_title", "signer_name")
PERSON_FIELDS = ("full_name", "position", "gender", "ethnicity", "birth_year", "title_id")


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
    """The kind's child rows, inside the core's version-checked save: the list of people, replaced whole; the
    collective title just written is checked here too (a refusal rolls the whole save back)."""
    title_id = Registration.objects.filter(pk=registration.pk).values_list("collective_title_id", flat=True).first()
    if title_id and not titles(registration.campaign, collective=True).filter(pk=title_id).exists():
        raise ValidationError("Chọn danh hiệu tập thể có hiệu lực của phong trào.")
    rows = _clean_people(registration, parts.get("people", []))
    RegistrationPerson.objects.filter(registration=registration).delete()
    RegistrationPerson.objects.bulk_create(rows)


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


def document(registration):
    """People (with their titles), attachments and log, in a fixed number of queries."""
    return {
        "people": list(registration.people.select_related("title")),
        "attachments": list(registration.attachments.select_related("uploaded_by")),
        "logs": list(registration.logs.select_related("actor")),
    }


def print_title(registration):
    return f"Đăng ký thi đua năm {registration.year}"


REGISTRATION = register(
    DocumentKind(
        key="registration",
        order=30,  # after sub-plans and progress reports on the shared lists
        model=Registration,
        log_model=RegistrationLog,
        slug="dang-ky-thi-dua",
        labels={
            "noun": "bản đăng ký thi đua",
            "plural": "Đăng ký thi đua của đơn vị",
            "board": "Tình hình đăng ký thi đua của các đơn vị",
            "code": "ĐK",
            "type": "BẢN ĐĂNG KÝ",
            "file": "dang-ky-thi-dua",
            "more": "cá nhân",
        },
        form=RegistrationForm,
        save_parts=save_parts,
        digest=digest,
        checklist=checklist,
        document=document,
        parts_template="registrations/kind.html",
        next_step={
            "draft": "Chọn danh hiệu, lập danh sách cá nhân đăng ký và nộp",
            "returned": "Sửa theo ý kiến trả lại và nộp lại",
            "submitted": "Chờ Văn phòng xét duyệt (có thể rút lại để sửa)",
            "approved": "Đã xong",
        },
        print_template="registrations/print/registration.html",
        print_title=print_title,
        print_name="registration",
        remind=send_registration_manual_reminders,
    )
)
