from django.contrib import messages as _messages
from django.template.loader import render_to_string

from . import outbox


class MethodNotAllowedPageMiddleware:
    """`require_POST` answers 405 with an empty body: give the user a Vietnamese page instead."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 405 and not response.content:
            response.content = render_to_string("405.html", request=request)
            response["Content-Type"] = "text/html; charset=utf-8"
        return response


class NulCharacterMiddleware:
    """A NUL byte in a query string (`?q=a%00b` in a search box or filter) reached the database and gave a 500:
    drop it from every GET parameter, and say so on the page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if "%00" in query or "\x00" in query:
            from django.contrib import messages
            from django.http import QueryDict

            from .validation import strip_nul

            cleaned = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                cleaned.setlist(strip_nul(key), [strip_nul(v) for v in values])
            cleaned._mutable = False
            request.GET = cleaned
            request.META["QUERY_STRING"] = cleaned.urlencode()
            if hasattr(request, "_messages"):
                messages.warning(request, "Đã bỏ ký tự không hợp lệ (NUL, mã 0) khỏi nội dung tìm kiếm.")
        return self.get_response(request)


class AppErrorPagesInDebugMiddleware:
    """With DEBUG on (`make run`) Django answers a missing page with its yellow technical page, URL list included.
    Users trying the demo should see what production shows: the app's own Vietnamese 404 page (403 pages already
    are the app's in every mode). `DEBUG_TECHNICAL_404=true` brings Django's page back for developers.

    Two ways to a 404: a view raising Http404 (process_exception) and a URL that matches nothing (the resolver
    fails before any view; checked here before the request goes in). Runserver, static files and APPEND_SLASH
    redirects are untouched."""

    def __init__(self, get_response):
        from django.conf import settings
        from django.core.exceptions import MiddlewareNotUsed

        if not settings.DEBUG or getattr(settings, "DEBUG_TECHNICAL_404", False):
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        from django.urls import Resolver404, resolve

        try:
            resolve(request.path_info, getattr(request, "urlconf", None))
            unmatched = False
        except Resolver404:
            unmatched = True
        response = self.get_response(request)
        if unmatched and response.status_code == 404:
            return self._not_found(request)
        return response

    def process_exception(self, request, exception):
        from django.http import Http404

        if isinstance(exception, Http404):
            return self._not_found(request)
        return None

    def _not_found(self, request):
        from django.http import Http404
        from django.views.defaults import page_not_found

        return page_not_found(request, Http404())


class OutboxNoticeMiddleware:
    """Tell the truth when a side effect was kept in the outbox because the broker was down: the change is saved,
    the mail/build/print goes out when the queue is back (thidua.outbox). Sits after MessageMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        outbox.begin_request()
        response = self.get_response(request)
        labels = list(dict.fromkeys(outbox.deferred_labels()))
        if labels and hasattr(request, "_messages"):
            _messages.warning(
                request,
                "Đã lưu thay đổi. Hàng đợi xử lý nền đang tạm ngừng: "
                + ", ".join(labels)
                + " sẽ được thực hiện tự động khi hàng đợi hoạt động trở lại (không cần thao tác lại).",
            )
        return response


class PrintFontMissingMiddleware:
    """A print asked for while the print font is missing (thidua.documents.fonts): a 503 page that says so and how
    to install it, not a server error. Nothing was rendered or stored."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.http import HttpResponse
        from django.utils.html import escape

        from thidua.documents.fonts import PrintFontMissing

        if not isinstance(exception, PrintFontMissing):
            return None
        message = escape(" ".join(exception.messages))
        body = (
            f'<!doctype html><html lang="vi"><meta charset="utf-8"><title>Chưa in được văn bản</title><p>{message}</p>'
        )
        return HttpResponse(body, status=503, content_type="text/html; charset=utf-8")
