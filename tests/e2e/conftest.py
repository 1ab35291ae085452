"""Every browser test also checks that Chromium reported no Content-Security-Policy violation on any page."""

import pytest


@pytest.fixture(autouse=True)
def no_csp_violations(request):
    if "page" not in request.fixturenames:
        yield
        return
    page = request.getfixturevalue("page")
    violations = []
    page.on(
        "console",
        lambda message: violations.append(message.text)
        if message.type == "error" and "Content Security Policy" in message.text
        else None,
    )
    yield
    assert violations == [], violations
