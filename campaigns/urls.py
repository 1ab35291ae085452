from django.urls import path

from . import plan_views, views
from .unitdocs.urls import urlpatterns_for_all_kinds

app_name = "campaigns"

urlpatterns = [
    path("<int:pk>/", views.campaign_detail, name="detail"),
    path("<int:pk>/phat-dong/", views.campaign_launch, name="launch"),
    path("<int:pk>/ket-thuc/", views.campaign_close, name="close"),
    # Plans written in the browser by committee staff, or brought in from Word
    path("moi/", plan_views.plan_new, name="plan_new"),
    path("nhap-tu-word/", plan_views.plan_import, name="plan_import"),
    path("nhap-tu-word/luu/", plan_views.plan_import_save, name="plan_import_save"),
    path("nhap-tu-word/xem-truoc/", plan_views.plan_import_preview, name="plan_import_preview"),
    path("<int:pk>/soan/", plan_views.plan_edit, name="plan_edit"),
    path("<int:pk>/soan/xem-truoc/", plan_views.plan_preview, name="plan_preview"),
    path("<int:pk>/sao-chep/", plan_views.plan_copy, name="plan_copy"),
]

# Units' documents, every kind (sub-plans, progress reports, …): campaigns/unitdocs/urls.py
urlpatterns += urlpatterns_for_all_kinds()
