from django.template.loader import render_to_string


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
