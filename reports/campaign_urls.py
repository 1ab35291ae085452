"""Pages of reports under a campaign's address (/phong-trao/<id>/…): the dashboard of figures and charts."""

from django.urls import path

from . import views

app_name = "campaign_reports"

urlpatterns = [
    path("<int:pk>/tong-quan/", views.campaign_dashboard, name="dashboard"),
]
