"""No English in front of users: the project's locale/ translates what Django's admin and django-celery-beat leave
in English, and the committed .mo matches the .po (so `make run` and CI need no gettext)."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

PO = Path(settings.BASE_DIR) / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def _unquote(block):
    return "".join(re.findall(r'"(.*)"', block)).encode().decode("unicode_escape").encode("latin-1").decode("utf-8")


def po_entries():
    """(msgid, msgid_plural or None, msgstr) of the project's catalogue, read without gettext."""
    text = PO.read_text(encoding="utf-8")
    for block in re.split(r"\n\s*\n", text):
        msgid = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        if not msgid or not _unquote(msgid.group(1)):
            continue
        plural = re.search(r'^msgid_plural ((?:".*"\n?)+)', block, re.M)
        msgstr = re.search(r'^msgstr(?:\[0\])? ((?:".*"\n?)+)', block, re.M)
        yield _unquote(msgid.group(1)), _unquote(plural.group(1)) if plural else None, _unquote(msgstr.group(1))


def test_the_committed_mo_matches_the_po():
    entries = list(po_entries())
    assert len(entries) > 100
    with translation.override("vi"):
        for msgid, plural, msgstr in entries:
            got = translation.ngettext(msgid, plural, 2) if plural else translation.gettext(msgid)
            assert got == msgstr, f"{msgid!r}: the .mo says {got!r}; recompile locale/ (see locale/make_po.py)"


@pytest.mark.django_db
def test_admin_speaks_vietnamese(admin_client, draft_campaign):
    index = admin_client.get("/admin/").content.decode()
    assert "Tác vụ định kỳ" in index
    for english in ("Periodic tasks", "Clocked", "Crontabs", "Intervals", "Solar events", "Periodic Tasks"):
        assert english not in index
    changelist = admin_client.get("/admin/campaigns/campaign/").content.decode()
    assert "Show counts" not in changelist and "Hiện số lượng" in changelist
    assert "---------" not in changelist and "— Chọn —" in changelist  # the action menu's empty choice
    form = admin_client.get("/admin/django_celery_beat/periodictask/add/").content.decode()
    assert "Translation:" not in form and "---------" not in form


@pytest.mark.django_db
def test_admin_errors_and_history_in_vietnamese(admin_client, draft_campaign):
    history = admin_client.get(f"/admin/campaigns/campaign/{draft_campaign.pk}/change/").content.decode()
    assert "Lịch sử thay đổi" in history and "Bản ghi nhớ" not in history
    response = admin_client.post("/admin/units/organization/add/", {})
    assert response.status_code == 200
    assert "Hãy sửa các lỗi dưới đây." in response.content.decode()
    assert "Please correct" not in response.content.decode()
