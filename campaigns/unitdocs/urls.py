"""URLs of every kind, from its declaration (included by campaigns/urls.py, namespace `campaigns`).

For a kind with key K and slug S:
    S/<pk>/                       K                    the document's page
    S/<pk>/sua/                   K_edit               the unit's edit page
    S/<pk>/in/                    K_pdf                the print (PDF)
    S/<pk>/word/                  K_docx               its Word copy (.docx)
    S/<pk>/han-nop/               K_due_date           staff change the due date (POST)
    S/<pk>/chuyen/<action>/       K_transition         a move of the workflow (POST)
    S/<pk>/tep/                   K_upload             attach a file (POST)
    S/<pk>/tep/<id>/              K_attachment         download; …/xoa/ K_attachment_delete (POST)
    <campaign>/S/[<variant>/]     K_board              the staff's board; …/xuat-excel/ K_board_export;
                                                       …/nhac-nho/ K_board_remind (kinds with reminders)
plus the kind's `extra_urls` and its `url_aliases` (older names of the same pages).
"""

from django.urls import path

from . import views
from .core import all_kinds


def kind_urlpatterns(kind):
    k, s, extra = kind.key, kind.slug, {"doc_kind": kind}
    board = f"<int:pk>/{s}/" + ("<slug:variant>/" if kind.variants else "")
    routes = [
        (f"{s}/<int:pk>/", views.detail, k),
        (f"{s}/<int:pk>/sua/", views.edit, f"{k}_edit"),
        (f"{s}/<int:pk>/in/", views.pdf, f"{k}_pdf"),
        (f"{s}/<int:pk>/word/", views.docx, f"{k}_docx"),
        (f"{s}/<int:pk>/han-nop/", views.due_date, f"{k}_due_date"),
        (f"{s}/<int:pk>/chuyen/<slug:action>/", views.transition, f"{k}_transition"),
        (f"{s}/<int:pk>/tep/", views.upload, f"{k}_upload"),
        (f"{s}/<int:pk>/tep/<int:attachment_pk>/", views.attachment, f"{k}_attachment"),
        (f"{s}/<int:pk>/tep/<int:attachment_pk>/xoa/", views.attachment_delete, f"{k}_attachment_delete"),
        (board, views.board, f"{k}_board"),
        (f"{board}xuat-excel/", views.board_export, f"{k}_board_export"),
    ]
    if kind.remind:
        routes.append((f"{board}nhac-nho/", views.board_remind, f"{k}_board_remind"))
    routes += [(route.format(board=board, slug=s), view, name) for route, view, name in kind.extra_urls]
    patterns = [path(route, view, extra, name=name) for route, view, name in routes]
    by_name = {name: (route, view) for route, view, name in routes}
    for old, new in kind.url_aliases.items():
        route, view = by_name[new]
        patterns.append(path(route, view, extra, name=old))
    return patterns


def urlpatterns_for_all_kinds():
    return [
        path("ke-hoach-cua-toi/", views.my_documents, name="my_subplans"),
        path("cho-duyet/", views.review_queue, name="review_queue"),
    ] + [pattern for kind in all_kinds() for pattern in kind_urlpatterns(kind)]
