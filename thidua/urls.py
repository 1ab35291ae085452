from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from campaigns.views import home
from thidua.health import health

admin.site.site_header = "Thi đua — Quản trị"
admin.site.site_title = "Thi đua"
admin.site.index_title = "Quản trị hệ thống"

urlpatterns = [
    path("", home, name="home"),
    path("dang-nhap/", auth_views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("phong-trao/", include("campaigns.urls")),
    path("phong-trao/", include("reports.campaign_urls")),  # the campaign dashboard (figures and charts)
    path("don-vi/", include("units.urls")),
    path("bao-cao/", include("reports.urls")),
    path("khen-thuong/", include("awards.urls")),
    path("dang-ky-thi-dua/", include("registrations.urls")),
    path("", include("thidua.documents.urls")),
    path("admin/", admin.site.urls),
    path("health/", health, name="health"),
]
# Uploaded files are never served as /media/: each download goes through a view that checks permission.
if settings.BENCHMARK_VIEWS:  # `make benchmark` only (thidua/benchmark.py)
    from thidua.benchmark import bare

    urlpatterns.append(path("__benchmark__/bare/", bare))
