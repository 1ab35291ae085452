from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from thidua.documents import register

from .models import Organization
from .selectors import organization_ids_for, organization_tree


@login_required
def organization_tree_view(request):
    query = request.GET.get("q", "").strip()
    organizations = organization_tree()
    if query:
        organizations = organizations.search(query)
    return render(request, "units/tree.html", {"organizations": organizations, "query": query})


@login_required
def outgoing_register(request):
    """Sổ văn bản đi: the numbers the user's organisations gave (staff and heads; all for a superuser), filtered by
    issuer, type and period, with the next free number of every series."""
    from thidua.documents.models import RegisterEntry

    if request.user.is_superuser:
        issuers = Organization.objects.filter(pk__in=RegisterEntry.objects.values("issuer_id"))
    else:
        # A user who manages no organisation (a council member) sees an empty register, not an error page.
        ids = organization_ids_for(request.user)
        issuers = Organization.objects.filter(pk__in=ids)
    issuers = list(issuers.order_by("path"))
    issuer_ids = [o.pk for o in issuers]
    entries = RegisterEntry.objects.filter(issuer_id__in=issuer_ids).select_related("issuer", "created_by")
    chosen = {name: request.GET.get(name, "").strip() for name in ("issuer", "type", "period")}
    if chosen["issuer"].isdigit() and int(chosen["issuer"]) in issuer_ids:
        entries = entries.filter(issuer_id=int(chosen["issuer"]))
    else:
        chosen["issuer"] = ""
    if chosen["type"]:
        entries = entries.filter(document_type=chosen["type"])
    if chosen["period"]:
        entries = entries.filter(period=chosen["period"])
    entries = entries.order_by("issuer__path", "document_type", "-period", "-number")
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    series = register.series(issuer_ids)
    by_id = {o.pk: o for o in issuers}
    next_numbers = [
        {
            "issuer": by_id[s["issuer_id"]],
            "type": s["document_type"],
            "type_name": register.TYPE_NAMES.get(s["document_type"], ""),
            "period": s["period"],
            "next": s["next"],
        }
        for s in series
        if s["issuer_id"] in by_id
    ]
    return render(
        request,
        "units/outgoing_register.html",
        {
            "page": page,
            "issuers": issuers,
            "types": sorted({s["document_type"] for s in series}),
            "periods": sorted({s["period"] for s in series}, reverse=True),
            "chosen": chosen,
            "next_numbers": next_numbers,
            "query_string": urlencode({k: v for k, v in chosen.items() if v}),
        },
    )
