from django.urls import path

from . import views

app_name = "registrations"

urlpatterns = [
    path("", views.index, name="index"),
    path("phong-trao/<int:pk>/", views.campaign_rollup, name="campaign"),
    path("phong-trao/<int:pk>/xuat-excel/", views.campaign_export, name="campaign_export"),
    path("phong-trao/<int:pk>/yeu-cau/", views.request_registrations, name="request"),
    path("phong-trao/<int:pk>/nhac-nho/", views.remind, name="remind"),
    path("phong-trao/<int:pk>/lap/", views.start, name="start"),
    path("nam/<int:year>/", views.year_rollup, name="year"),
    path("nam/<int:year>/xuat-excel/", views.year_export, name="year_export"),
]
