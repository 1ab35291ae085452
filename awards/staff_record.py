"""The record behind forms 0604.N/0605.N: the organisations and people doing emulation work, kept by each
reporting body (reads scoped to the user's own bodies; writes by their heads and staff)."""

from django.http import Http404

from units.models import Organization
from units.selectors import organization_ids_for

from .models import EmulationOffice, EmulationWorker


def owners_for(user):
    """The bodies whose record the user keeps (head or staff)."""
    if user.is_superuser:
        return Organization.objects.all()
    return Organization.objects.filter(pk__in=organization_ids_for(user))


def offices_for(user):
    qs = EmulationOffice.objects.select_related("owner")
    return qs if user.is_superuser else qs.filter(owner__in=organization_ids_for(user))


def workers_for(user):
    qs = EmulationWorker.objects.select_related("office", "office__owner")
    return qs if user.is_superuser else qs.filter(office__owner__in=organization_ids_for(user))


def get_office_for(user, pk):
    try:
        return offices_for(user).get(pk=pk)
    except EmulationOffice.DoesNotExist:
        raise Http404 from None


def get_worker_for(user, pk):
    try:
        return workers_for(user).get(pk=pk)
    except EmulationWorker.DoesNotExist:
        raise Http404 from None


def save(form):
    """Save an office or a person from its validated form (the form limits owners and offices to the user's)."""
    return form.save()


def delete(record):
    record.delete()
