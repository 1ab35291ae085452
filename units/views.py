from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .selectors import organization_tree


@login_required
def organization_tree_view(request):
    query = request.GET.get("q", "").strip()
    organizations = organization_tree()
    if query:
        organizations = organizations.search(query)
    return render(request, "units/tree.html", {"organizations": organizations, "query": query})
