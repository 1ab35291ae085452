from django.shortcuts import render


def csrf_failure(request, reason=""):
    """A Vietnamese page instead of Django's English one; tells the user their input is not lost."""
    return render(request, "403_csrf.html", status=403)
